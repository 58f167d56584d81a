"""The one rule for formula-looking text (portal/lib/formulas.py), on export and on import."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from portal.lib.formulas import (
    FORMULA_STARTS,
    looks_like_formula,
    neutralise,
    refused_on_import,
)
from portal.lib.importing import clean_text, parse_number

FORMULAS = {
    "=": '=HYPERLINK("http://x.example","bấm")',
    "+": "+84 người được đào tạo",
    "-": "-2+3",
    "@": "@SUM(A1)",
    "\t": "\t=1+1",
    "\r": "\r=1+1",
}


def test_the_rule_is_owasps_list():
    assert FORMULA_STARTS == ("=", "+", "-", "@", "\t", "\r")
    assert set(FORMULAS) == set(FORMULA_STARTS)


@pytest.mark.parametrize("start", FORMULA_STARTS, ids=repr)
def test_text_starting_with_each_character_gets_an_apostrophe(start):
    text = FORMULAS[start]
    assert looks_like_formula(text)
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize(
    "text", ["Đường tỉnh 931B", "45,5%", "a=b", "email@example.vn", " =1", "", "'=1+1"]
)
def test_other_text_is_left_as_it_is(text):
    assert not looks_like_formula(text)
    assert neutralise(text) == text


@pytest.mark.parametrize(
    "value", [-5, -1.5, Decimal("-1234.5"), dt.date(2024, 6, 14), dt.datetime(2024, 6, 14), None]
)
def test_numbers_and_dates_are_left_alone(value):
    assert neutralise(value) is value


@pytest.mark.parametrize("text", FORMULAS.values())
def test_neutralised_text_is_not_neutralised_again(text):
    once = neutralise(text)
    assert neutralise(once) == once == "'" + text


def test_a_file_read_back_gets_an_apostrophe_before_an_existing_one():
    assert neutralise("'trích dẫn", reversible=True) == "''trích dẫn"
    assert neutralise("'trích dẫn") == "'trích dẫn"
    assert neutralise("Đường", reversible=True) == "Đường"


@pytest.mark.parametrize(
    "text", [*FORMULAS.values(), "'trích dẫn", "''", "- làm đường", "-", "Đường tỉnh 931B"]
)
def test_exporting_then_importing_returns_the_stored_text(text):
    assert clean_text(neutralise(text, reversible=True)) == text


@pytest.mark.parametrize("text", ["=1+1", "+84 người", "@SUM(A1)", "-2+3", "-x", "\t=1"])
def test_the_import_refuses_formula_looking_text(text):
    assert refused_on_import(text)


@pytest.mark.parametrize("text", ["- làm đường\n- làm cầu", "-", "-\tmột", "Đường"])
def test_the_import_keeps_a_dash_and_a_space_and_a_lone_dash_as_text(text):
    assert not refused_on_import(text)
    assert clean_text(text) == text


@pytest.mark.parametrize(
    ("written", "number"),
    [("-5", Decimal(-5)), ("-1.234,5", Decimal("-1234.5")), ("+84", Decimal(84))],
)
def test_a_signed_number_in_a_number_column_is_read_as_a_number(written, number):
    assert parse_number(written) == number


def test_a_formula_in_a_number_column_is_named_as_a_formula():
    with pytest.raises(ValueError, match="công thức"):
        parse_number("=1+1")
    with pytest.raises(ValueError, match="dấu phẩy"):  # a mistyped number, not a formula
        parse_number("-1.2.3")

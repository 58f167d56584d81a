"""Vietnamese formats: dd/mm/yyyy in and out, numbers 1.234.567,89."""

import datetime as dt
from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from agreements.models import Agreement


class DateForm(forms.Form):
    day = forms.DateField(localize=True)


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["signed_on", "term_start", "term_end"]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_05_06_2025_is_read_as_5_june(language):
    with translation.override(language):
        form = DateForm({"day": "05/06/2025"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == dt.date(2025, 6, 5)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_14_06_2025_is_accepted(language):
    with translation.override(language):
        form = DateForm({"day": "14/06/2025"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == dt.date(2025, 6, 14)


@pytest.mark.django_db
def test_a_model_form_reads_dates_as_dd_mm_yyyy():
    with translation.override("vi"):
        form = AgreementForm(
            {"signed_on": "26/02/2021", "term_start": "01/01/2021", "term_end": "31/12/2025"}
        )
        assert form.is_valid(), form.errors
        assert form.cleaned_data["signed_on"] == dt.date(2021, 2, 26)


def test_an_impossible_date_is_refused_with_a_message():
    with translation.override("vi"):
        form = DateForm({"day": "31/02/2025"})
        assert not form.is_valid()
        assert form.errors["day"]


def render(source: str, **context) -> str:
    return Template("{% load l10n humanize %}" + source).render(Context(context))


@pytest.mark.parametrize("language", ["vi", "en"])
def test_dates_show_as_dd_mm_yyyy(language):
    with translation.override(language):
        assert render('{{ d|date:"SHORT_DATE_FORMAT" }}', d=dt.date(2025, 6, 5)) == "05/06/2025"
        assert render("{{ d }}", d=dt.date(2025, 6, 5)) == "05/06/2025"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_numbers_show_with_dot_thousands_and_comma_decimals(language):
    with translation.override(language):
        assert render("{{ n }}", n=Decimal("1234567.89")) == "1.234.567,89"
        assert render('{{ n|floatformat:"1g" }}', n=1234.5) == "1.234,5"
        assert render("{{ n }}", n=3270) == "3.270"

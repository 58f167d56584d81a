"""Vietnamese text helpers: one place for accent- and case-insensitive matching."""

from __future__ import annotations

import re
import unicodedata

_COMBINING = re.compile(r"[\u0300-\u036f]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_UNIT_PREFIXES = ("thanh pho ", "tinh ")


def nfc(text: str) -> str:
    """Text as stored: Unicode NFC, outer spaces removed, inner runs collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def fold(text: str) -> str:
    """Lower-case text without Vietnamese accents: "Cần Thơ" -> "can tho", "Đ" -> "d"."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return _COMBINING.sub("", decomposed).replace("đ", "d")


def slugify_vi(text: str) -> str:
    """ASCII slug of Vietnamese text: "Hậu Giang – Kiên Giang" -> "hau-giang-kien-giang"."""
    return _NON_WORD.sub("-", fold(text)).strip("-")


def unit_key(name: str) -> str:
    """A unit's name folded and without its kind: "Thành phố Cần Thơ" -> "can tho"."""
    folded = " ".join(fold(name).split())
    for prefix in _UNIT_PREFIXES:
        if folded.startswith(prefix):
            return folded[len(prefix) :]
    return folded

"""English is the second language: every interface string has its translation, and
the compiled catalogue the server loads says the same as the source catalogue."""

import ast
import gettext
import re
from pathlib import Path

from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"


def entries(po_text: str):
    """(flags, msgid, msgstrs) of each entry of a .po file, header left out."""
    for block in po_text.split("\n\n"):
        lines = block.strip().splitlines()
        flags = " ".join(line for line in lines if line.startswith("#,"))
        fields: dict[str, str] = {}
        current = None
        for line in lines:
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if fields.get("msgid"):
            strs = [v for k, v in fields.items() if k.startswith("msgstr")]
            yield flags, (fields.get("msgctxt"), fields["msgid"]), strs


def po_entries():
    return list(entries((LOCALE / "django.po").read_text(encoding="utf-8")))


def test_every_string_has_an_english_translation():
    missing = [key for _, key, strs in po_entries() if not all(strs)]
    assert missing == [], f"{len(missing)} untranslated, e.g. {missing[:5]}"


def test_no_translation_is_left_fuzzy():
    fuzzy = [key for flags, key, _ in po_entries() if "fuzzy" in flags]
    assert fuzzy == []


def unescape(text: str) -> str:
    return ast.literal_eval(f'"{text}"')


def test_the_compiled_catalogue_matches_the_source():
    with open(LOCALE / "django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)

    def translated(context, msgid):
        if context is None:
            return compiled.gettext(unescape(msgid))
        return compiled.pgettext(unescape(context), unescape(msgid))

    stale = [
        key
        for _, key, strs in po_entries()
        if len(strs) == 1 and translated(*key) != unescape(strs[0])
    ]
    assert stale == [], f"run `manage.py compilemessages`: {stale[:5]}"


def test_the_history_button_says_history_not_memorandum():
    # Django's Vietnamese "Bản ghi nhớ" is this portal's word for a memorandum of
    # understanding (one kind of agreement); locale/vi corrects it.
    with translation.override("vi"):
        assert translation.gettext("History") == "Lịch sử"

"""Templates stay readable: one element per line, no line past LIMIT characters.

A line may run past the limit only because of one translatable string, which cannot be
broken (the message id would change and its translations with it): each
``{% translate … %}``, ``{% blocktranslate … %}…{% endblocktranslate %}`` and ``_("…")``
counts as one short token, and a line past the limit may hold only one of them.
"""

import re
from pathlib import Path

from django.conf import settings

LIMIT = 120

TRANSLATABLE = re.compile(
    r"{% *blocktranslate\b.*?{% *endblocktranslate *%}"  # a block with its message
    r"|{% *translate\b.*?%}"  # a one-line message
    r"""|\b_\((?:"[^"]*"|'[^']*')\)"""  # a message given to a tag: default:_("…")
)


def template_files() -> list[Path]:
    """Every template of the project: the shared folder and each app's own folder."""
    base = Path(settings.BASE_DIR)
    folders = [base / "templates", *base.glob("*/templates")]
    return sorted(p for folder in folders for p in folder.rglob("*") if p.is_file())


def overlong(line: str) -> bool:
    if len(line) <= LIMIT:
        return False
    strings = TRANSLATABLE.findall(line)
    return len(strings) != 1 or len(TRANSLATABLE.sub("{% t %}", line)) > LIMIT


def test_the_scan_sees_the_templates():
    names = {p.name for p in template_files()}
    assert {"base.html", "agreement_detail.html", "change_form.html"} <= names


def test_the_rule_spares_one_long_translatable_string_only():
    long_text = "x" * LIMIT
    assert not overlong(f'<p class="help">{{% translate "{long_text}" %}}</p>')
    assert overlong(f'<p>{{% translate "{long_text}" %}} {{% translate "{long_text}" %}}</p>')
    assert overlong("<td>" + "{{ value }}" * 20 + "</td>")


def test_no_template_line_is_longer_than_the_limit():
    base = Path(settings.BASE_DIR)
    offenders = [
        f"{path.relative_to(base)}:{number}: {len(line)} characters"
        for path in template_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if overlong(line)
    ]
    assert offenders == []

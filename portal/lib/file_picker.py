"""A file input that speaks the page's language, not the browser's.

Chromium, Firefox and Edge draw a file input's button and its "no file" text in the
language of the browser's own interface ("Choose File", "No file chosen"), whatever
the page's language. The input is kept (forms, keyboard, screen readers and
django-import-export's format guess still use it) but hidden from sight; the page's own
button, a <label> for it, and the chosen file's name are shown instead. The name is
filled in by ``static/js/file-picker.js`` (a static file: the CSP forbids inline script).
"""

from __future__ import annotations

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext as _

INPUT_CLASS = "file-picker-input"


class FilePickerInput(forms.FileInput):
    class Media:
        js = ["js/file-picker.js"]

    def __init__(self, attrs=None):
        attrs = dict(attrs or {})
        attrs["class"] = f"{attrs.get('class', '')} {INPUT_CLASS}".strip()
        super().__init__(attrs)

    def render(self, name, value, attrs=None, renderer=None):
        control = super().render(name, value, attrs, renderer)
        input_id = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        nothing = _("Chưa chọn tệp")
        return format_html(
            '<span class="file-picker">{}<label for="{}" class="button file-picker-button">{}'
            '</label> <span class="file-picker-name" data-empty="{}" aria-live="polite">{}'
            "</span></span>",
            control,
            input_id,
            _("Chọn tệp"),
            nothing,
            nothing,
        )

"""No lost updates: a form that refuses to save over somebody else's newer save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

CONFLICT_MESSAGE = _(
    "Người khác đã lưu bản ghi này sau khi bạn mở nó (phiên bản %(current)s, bạn đang sửa "
    "phiên bản %(seen)s). Thay đổi của bạn chưa được lưu: hãy mở lại trang để xem bản mới, "
    "rồi nhập lại thay đổi."
)


def bump(instance) -> None:
    """Count one more saved change of ``instance`` (before saving it): a form opened on
    the version before is then refused (``VersionCheckedModelForm``), and so is a
    workflow step taken on a page that showed the older version."""
    instance.version += 1


def has_version(model) -> bool:
    return any(field.name == "version" for field in model._meta.concrete_fields)


def with_seen_version(model, fieldsets: list) -> list:
    """Fieldsets that carry the hidden version field, for a model that has one."""
    if not has_version(model) or not fieldsets:
        return fieldsets
    names = {name for _, options in fieldsets for name in _flat(options.get("fields", []))}
    if "seen_version" in names:
        return fieldsets
    *head, (title, options) = fieldsets
    fields = [*options.get("fields", []), "seen_version"]
    return [*head, (title, {**options, "fields": fields})]


def _flat(fields) -> list[str]:
    flat = []
    for field in fields:
        flat += list(field) if isinstance(field, (list, tuple)) else [field]
    return flat


class VersionCheckedModelForm(forms.ModelForm):
    """For models with an integer ``version``: the version seen travels with the form,
    and saving is refused when the stored version has moved on since."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not has_version(type(self.instance)):
            self.fields.pop("seen_version", None)
        elif self.instance.pk:
            self.fields["seen_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk or "seen_version" not in self.fields:
            return cleaned
        self._stored_version = self.instance.version  # as loaded for this request
        # A form whose values equal what is stored now loses nobody's update: an inline
        # row the user did not touch must not block the rest of the page.
        if any(name != "seen_version" for name in self.changed_data):
            model = type(self.instance)
            current = (
                model.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            seen = cleaned.get("seen_version")
            if current is not None and seen != current:
                raise forms.ValidationError(
                    CONFLICT_MESSAGE,
                    code="edit_conflict",
                    params={"current": current, "seen": seen},
                )
            self._stored_version = current if current is not None else self._stored_version
        return cleaned

    def save(self, commit: bool = True):
        if self.instance.pk and "seen_version" in self.fields:
            self.instance.version = getattr(self, "_stored_version", self.instance.version)
            bump(self.instance)
        return super().save(commit=commit)

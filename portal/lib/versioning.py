"""No lost updates: a form that refuses to save over somebody else's newer save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

CONFLICT_MESSAGE = _(
    "Người khác đã lưu bản ghi này sau khi bạn mở nó (phiên bản %(current)s, bạn đang sửa "
    "phiên bản %(seen)s). Thay đổi của bạn chưa được lưu: hãy mở lại trang để xem bản mới, "
    "rồi nhập lại thay đổi."
)


class VersionCheckedModelForm(forms.ModelForm):
    """For models with an integer ``version``: the version seen travels with the form,
    and saving is refused when the stored version has moved on since."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
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
        return cleaned

    def save(self, commit: bool = True):
        if self.instance.pk:
            self.instance.version = (self.cleaned_data.get("seen_version") or 0) + 1
        return super().save(commit=commit)

"""What the public filters agreements on: one FilterSet for the list page, its CSV and
JSON downloads, and the dashboard, so they always filter alike."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.access import unit_scope
from agreements.models import Agreement, AgreementStatus, Sector
from regions.models import AdministrativeUnit


def unit_choices() -> list[tuple[str, str]]:
    """Current units first, then the units as they were before 01/07/2025."""
    units = AdministrativeUnit.objects.order_by("valid_until", "short_name")
    current = [(u.key, u.short_name) for u in units if u.is_current]
    before = [
        (u.key, _("%(name)s (trước 2025)") % {"name": u.short_name})
        for u in units
        if not u.is_current
    ]
    return [(_("Hiện nay"), current), (_("Trước 01/07/2025"), before)]


class AgreementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Tìm kiếm"), method="search", help_text=_("Không cần gõ dấu: “can tho”.")
    )
    province = django_filters.ChoiceFilter(
        label=_("Đơn vị hành chính"),
        choices=unit_choices,
        method="by_unit",
        empty_label=_("Tất cả"),
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Lĩnh vực"),
        queryset=Sector.objects.all(),
        to_field_name="slug",
        method="by_sector",
        empty_label=_("Tất cả"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Tình trạng"),
        choices=AgreementStatus.choices,
        method="by_status",
        empty_label=_("Tất cả"),
    )
    year = django_filters.NumberFilter(label=_("Có hiệu lực trong năm"), method="in_force_in")
    sort = django_filters.OrderingFilter(
        label=_("Sắp xếp"),
        # No sort by title: databases order "Ch" before "Cà", not as Vietnamese readers do.
        fields=[("term_start", "start"), ("signed_on", "signed")],
        field_labels={"term_start": _("thời hạn"), "signed_on": _("ngày ký")},
        empty_label=_("Mới nhất trước"),
    )

    class Meta:
        model = Agreement
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(title__unaccent__icontains=word)
                | Q(summary__unaccent__icontains=word)
                | Q(document_number__icontains=word)
                | Q(parties__unit__short_name__unaccent__icontains=word)
            )
        return queryset.distinct() if words else queryset

    def by_unit(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """A current unit also finds what the units merged into it signed."""
        unit = AdministrativeUnit.objects.filter(key=value).first()
        if unit is None:
            return queryset.none()
        ids = unit_scope(unit.pk) if unit.is_current else {unit.pk}
        return queryset.filter(
            pk__in=Agreement.objects.filter(parties__unit_id__in=ids).values("pk")
        )

    def by_sector(self, queryset: QuerySet, name: str, value: Sector) -> QuerySet:
        """Agreements listing the sector, or with a commitment in it."""
        matching = Agreement.objects.filter(Q(sectors=value) | Q(commitments__sector=value))
        return queryset.filter(pk__in=matching.values("pk"))

    def by_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.with_status(timezone.localdate()).filter(status_now=value)

    def in_force_in(self, queryset: QuerySet, name: str, value) -> QuerySet:
        year = int(value)
        return queryset.filter(term_start__year__lte=year, term_end__year__gte=year)

    def active_filters(self) -> list[tuple[str, str, str]]:
        """(parameter, label, shown value) of each filter in use, for removable chips."""
        if not self.is_bound or not self.form.is_valid():
            return []
        active = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, "", []) or name == "sort":
                continue
            field = self.form.fields[name]
            shown = value
            if hasattr(field, "choices") and not isinstance(value, Sector):
                flat = {}
                for key, label in field.choices:
                    if isinstance(label, (list, tuple)):
                        flat.update(dict(label))
                    else:
                        flat[key] = label
                shown = flat.get(value, value)
            active.append((name, str(field.label), str(shown)))
        return active

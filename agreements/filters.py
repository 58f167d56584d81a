"""What the public filters agreements on: one FilterSet for the list page, its CSV and
JSON downloads, and the dashboard, so they always filter alike.

Anyone can type these parameters, so each one has a bounded cost and none can fail the
page: the search is one ``Exists`` per word (at most ``MAX_SEARCH_WORDS`` words, never a
join that multiplies rows), the year is checked against a range here rather than by the
database, NUL characters are removed before anything reaches a query (PostgreSQL refuses
them), and an invalid value is ignored with a message saying which filter it was.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, AgreementParty, AgreementStatus, Sector
from portal.lib.text import fold, nfc
from regions.models import AdministrativeUnit

MAX_SEARCH_CHARS = 100
MAX_SEARCH_WORDS = 8
FIRST_YEAR, LAST_YEAR = 1945, 2100
SHOWN_VALUE_CHARS = 40


def without_nul(params: QueryDict) -> QueryDict:
    """A copy of the query string without NUL characters in names or values."""
    clean = QueryDict(mutable=True)
    for key, values in params.lists():
        clean.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
    return clean


def search_words(text: str) -> tuple[list[str], bool]:
    """The words searched for, and whether part of ``text`` was left out: the first
    ``MAX_SEARCH_CHARS`` characters, of which the first ``MAX_SEARCH_WORDS`` words."""
    text = nfc(text.replace("\x00", ""))
    words = text[:MAX_SEARCH_CHARS].split()
    shortened = len(text) > MAX_SEARCH_CHARS or len(words) > MAX_SEARCH_WORDS
    distinct: dict[str, str] = {}  # "Cần cần" searches one word
    for word in words[:MAX_SEARCH_WORDS]:
        distinct.setdefault(fold(word), word)
    return list(distinct.values()), shortened


def ignored(label: str, value: str) -> str:
    """The message shown when a parameter's value is not valid and is left out."""
    if len(value) > SHOWN_VALUE_CHARS:
        value = value[:SHOWN_VALUE_CHARS] + "…"
    return gettext("“%(label)s”: giá trị “%(value)s” không hợp lệ nên đã được bỏ qua.") % {
        "label": label,
        "value": value,
    }


class SearchField(forms.CharField):
    """The search text as it is searched: cut to its first words, repeats removed."""

    def to_python(self, value):
        return " ".join(search_words(super().to_python(value))[0])


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


def matches_word(word: str) -> Q:
    """Agreements whose title, summary, number or a party's name contains ``word``,
    ignoring accents and case; the parties are asked through ``Exists``, so an
    agreement with thirteen parties is still one row."""
    party_named = AgreementParty.objects.filter(
        agreement=OuterRef("pk"), unit__short_name__unaccent__icontains=word
    )
    return (
        Q(title__unaccent__icontains=word)
        | Q(summary__unaccent__icontains=word)
        | Q(document_number__icontains=word)
        | Exists(party_named)
    )


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


class YearFilter(django_filters.NumberFilter):
    """A whole year: "1e5" and "2024.5" are refused by the form, not by the database."""

    field_class = forms.IntegerField


class LabelledOrdering(django_filters.OrderingFilter):
    """An ordering whose every choice, ascending and descending, has its own label
    (django-filter writes "… (descending)" in English otherwise)."""

    def __init__(self, *args, labels: dict[str, str], **kwargs) -> None:
        self.labels = labels
        super().__init__(*args, **kwargs)

    def build_choices(self, fields, labels):
        return [
            (value, self.labels[value])
            for param in fields.values()
            for value in (param, f"-{param}")
        ]


class AgreementFilter(django_filters.FilterSet):
    q = SearchFilter(
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
    year = YearFilter(
        label=_("Có hiệu lực trong năm"),
        method="in_force_in",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
    )
    sort = LabelledOrdering(
        label=_("Sắp xếp"),
        # No sort by title: databases order "Ch" before "Cà", not as Vietnamese readers do.
        fields=[("term_start", "start"), ("signed_on", "signed")],
        labels={
            "start": _("Bắt đầu sớm nhất trước"),
            "-start": _("Bắt đầu muộn nhất trước"),
            "signed": _("Ký sớm nhất trước"),
            "-signed": _("Ký muộn nhất trước"),
        },
        empty_label=_("Mới nhất trước"),
    )

    class Meta:
        model = Agreement
        fields: list[str] = []

    def __init__(self, data: QueryDict | None = None, *args, **kwargs) -> None:
        super().__init__(without_nul(data) if data is not None else None, *args, **kwargs)
        # Read the units once: a callable is read again each time the choices are listed.
        self.filters["province"].extra["choices"] = unit_choices()

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Every word must match; one ``filter()`` call, whatever the number of words."""
        if not value:
            return queryset
        condition = Q()
        for word in value.split():
            condition &= matches_word(word)
        return queryset.filter(condition)

    def by_unit(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """A current unit also finds what the units merged into it signed (two steps back:
        the reorganisations on record are one step). One subquery, no extra round trip."""
        into_current = "successions_out__successor"
        units = AdministrativeUnit.objects.filter(
            Q(key=value)
            | Q(**{f"{into_current}__key": value, f"{into_current}__valid_until": None})
            | Q(
                **{
                    f"{into_current}__{into_current}__key": value,
                    f"{into_current}__{into_current}__valid_until": None,
                }
            )
        )
        return queryset.filter(
            pk__in=Agreement.objects.filter(parties__unit__in=units.values("pk")).values("pk")
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

    def notices(self) -> list[str]:
        """What was ignored in the request, in words the reader understands."""
        if not self.is_bound:
            return []
        notices = []
        for name in self.form.errors:
            field = self.form.fields.get(name)
            label = str(field.label) if field else name
            notices.append(ignored(label, str(self.data.get(name, ""))))
        _words, shortened = search_words(self.data.get("q", ""))
        if shortened:
            notices.append(
                gettext(
                    "Tìm kiếm chỉ dùng tối đa %(words)d từ và %(chars)d ký tự đầu tiên; "
                    "phần còn lại đã được bỏ qua."
                )
                % {"words": MAX_SEARCH_WORDS, "chars": MAX_SEARCH_CHARS}
            )
        return notices

    def active_filters(self) -> list[tuple[str, str, str]]:
        """(parameter, label, shown value) of each filter in use, for removable chips."""
        if not self.is_bound:
            return []
        self.form.is_valid()  # the valid filters still apply when another one is ignored
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

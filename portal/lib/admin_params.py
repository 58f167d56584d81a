"""Admin list parameters checked before they reach the database.

Django's admin turns a malformed list parameter into a redirect to ``?e=1``
(``IncorrectLookupParameters``), but a few values get past its checks and fail later:
a date-hierarchy year such as ``signed_on__year=99999999999999999999`` raises
``OverflowError`` (not a ``ValueError``) when the bounds are built, ``…__year=9999``
fails when the following year is computed, an integer too big for SQLite fails when the
query runs, and PostgreSQL refuses NUL characters in any text parameter. The checks here
treat all of them as the wrong lookups they are, so the admin answers as it does for any
other: a redirect to the list with ``?e=1`` (and the export page, which takes the list's
filters, a 400 for every wrong lookup).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from django.contrib.admin import AdminSite
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import BadRequest
from django.http import HttpRequest

# One year of margin at each end: the upper bound of a year is the next 1 January, and a
# local time is converted to UTC before it is compared.
FIRST_YEAR, LAST_YEAR = dt.MINYEAR + 1, dt.MAXYEAR - 1
PARTS = {"year": (FIRST_YEAR, LAST_YEAR), "month": (1, 12), "day": (1, 31)}


def _whole(value: str, low: int, high: int) -> int | None:
    try:
        number = int(value)
    except ValueError:
        return None
    return number if low <= number <= high else None


def date_hierarchy_problem(params: Mapping[str, Sequence[str]], field: str) -> str | None:
    """Why the ``<field>__year/__month/__day`` parameters cannot be used, or None.

    ``params`` maps each name to its list of values (``QueryDict.lists()``); like
    Django's admin, the last value of a repeated parameter is the one that counts.
    """
    chosen: dict[str, int] = {}
    for part, (low, high) in PARTS.items():
        values = params.get(f"{field}__{part}")
        if not values:
            continue
        number = _whole(values[-1], low, high)
        if number is None:
            return f"{field}__{part}={values[-1]!r} is not a {part} in {low}..{high}"
        chosen[part] = number
    if "year" in chosen and "day" in chosen:
        try:
            dt.date(chosen["year"], chosen.get("month", 1), chosen["day"])
        except ValueError as error:
            return str(error)
    return None


def nul_problem(params: Mapping[str, Sequence[str]]) -> str | None:
    """A NUL character anywhere in the query string, which PostgreSQL refuses."""
    for name, values in params.items():
        if "\x00" in name or any("\x00" in value for value in values):
            return "NUL character in a parameter"
    return None


class WrongListParameters(IncorrectLookupParameters, BadRequest):
    """The list view redirects to ``?e=1`` on it, as on any wrong lookup; other views
    that build a list from the same parameters (django-import-export's export page,
    which does not catch ``IncorrectLookupParameters``) answer 400 instead of 500."""


class CheckedChangeList(ChangeList):
    """A ChangeList that refuses, as wrong lookups, the parameters the database would."""

    def get_filters(self, request: HttpRequest):
        params = dict(request.GET.lists())
        problem = nul_problem(params) or (
            date_hierarchy_problem(params, self.date_hierarchy) if self.date_hierarchy else None
        )
        if problem:
            raise WrongListParameters(problem)
        return super().get_filters(request)

    def get_queryset(self, request: HttpRequest, exclude_parameters=None):
        try:
            return super().get_queryset(request, exclude_parameters)
        except WrongListParameters:
            raise
        except IncorrectLookupParameters as error:
            raise WrongListParameters(str(error)) from error

    def get_results(self, request: HttpRequest) -> None:
        try:
            super().get_results(request)
        except OverflowError as error:  # an integer SQLite cannot store, e.g. id=10**20
            raise WrongListParameters(str(error)) from error


_CHECKED: dict[type, type] = {}


def checked(changelist: type[ChangeList]) -> type[ChangeList]:
    """``changelist`` with the checks of ``CheckedChangeList`` (made once per class)."""
    if issubclass(changelist, CheckedChangeList):
        return changelist
    if changelist not in _CHECKED:
        _CHECKED[changelist] = type(
            f"Checked{changelist.__name__}", (CheckedChangeList, changelist), {}
        )
    return _CHECKED[changelist]


class CheckedListParamsAdmin:
    """ModelAdmin mixin: list parameters that would fail in the database redirect to
    ``?e=1`` like any other wrong lookup, instead of answering 500."""

    def get_changelist(self, request: HttpRequest, **kwargs) -> type[ChangeList]:
        return checked(super().get_changelist(request, **kwargs))


def check_lists_of_apps(site: AdminSite, *app_labels: str) -> None:
    """Register again, with the checks, the admins other apps registered (django-axes'
    login attempts, Django's groups), keeping every option they set."""
    for model, model_admin in list(site._registry.items()):
        if model._meta.app_label in app_labels and not isinstance(
            model_admin, CheckedListParamsAdmin
        ):
            cls = type(model_admin)
            site.unregister(model)
            site.register(model, type(cls.__name__, (CheckedListParamsAdmin, cls), {}))

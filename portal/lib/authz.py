"""Ask the one authority (``portal/permissions.py``) whether a user may act on an object.

``allows(user, "reports.review_progressreport", report)`` is ``user.has_perm`` with one
difference: Django answers every permission of an active superuser with yes, which would
let a superuser edit an approved report or approve their own. Object rules registered with
``rules`` are therefore evaluated for every user, superusers included (the rules treat a
superuser as an administrator); model-level questions (``obj=None``) and permissions with
no object rule go to Django's backends as usual.
"""

from __future__ import annotations

import rules


def allows(user, perm: str, obj=None) -> bool:
    if obj is not None and rules.perm_exists(perm):
        return bool(user.is_active) and rules.has_perm(perm, user, obj)
    return user.has_perm(perm, obj)


def reviewable_reports(user, queryset=None):
    """The reports ``user`` may approve or return, as a queryset: the permission
    ``reports.review_progressreport`` written as a filter beside it
    (``portal.permissions.reviewable_reports``)."""
    from portal.permissions import reviewable_reports as rule

    return rule(user, queryset)

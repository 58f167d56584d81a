"""The four roles as Django groups, kept in line with this table by ``ensure_roles``.

Model permissions say what kind of object a role may touch; ``agreements.access``
and ``reports.services.workflow`` say which objects (its unit's, its agency's).
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission, User
from django.db import transaction
from django.db.models import Q

from agreements.models import Membership, Role

VIEW = ["view"]
EDIT = ["add", "change", "view"]
ALL = ["add", "change", "delete", "view"]

CATALOGUE = {
    "regions": {
        "administrativeunit": VIEW,
        "socioeconomicregion": VIEW,
        "unitsuccession": VIEW,
        "unitname": VIEW,
    },
    "agreements": {"sector": VIEW, "agency": VIEW, "agencysuccession": VIEW},
}

ROLE_PERMISSIONS: dict[str, dict[str, dict[str, list[str]]]] = {
    Role.PLANNING: {
        "regions": CATALOGUE["regions"],
        "agreements": {
            "sector": VIEW,
            "agency": EDIT,
            "agencysuccession": ALL,  # which ones: links between their unit's agencies
            "agreement": ALL,
            "agreementparty": ALL,
            "agreementdocument": ALL,
            "commitment": ALL,
            "indicator": ALL,
        },
        "reports": {
            "reportingperiod": VIEW,  # closed for every unit at once: administrators only
            "unitcalendar": ALL,  # which ones: their own unit's (portal/permissions.py)
            "progressreport": EDIT,
            "indicatorvalue": ALL,
            "reportcorrection": ALL,  # which ones: drafts of their unit's reports
            "correctedvalue": ALL,
            "reviewmeeting": ALL,
            "reviewconclusion": ALL,
        },
    },
    Role.REPORTER: {
        "regions": CATALOGUE["regions"],
        "agreements": {
            **CATALOGUE["agreements"],
            "agreement": VIEW,
            "agreementparty": VIEW,
            "commitment": VIEW,
            "indicator": VIEW,
        },
        "reports": {
            "reportingperiod": VIEW,
            "unitcalendar": VIEW,
            "progressreport": EDIT,
            "indicatorvalue": ALL,
            "reportcorrection": ALL,
            "correctedvalue": ALL,
        },
    },
    Role.VIEWER: {
        "regions": CATALOGUE["regions"],
        "agreements": {
            **CATALOGUE["agreements"],
            "agreement": VIEW,
            "agreementparty": VIEW,
            "agreementdocument": VIEW,
            "commitment": VIEW,
            "indicator": VIEW,
        },
        "reports": {
            "reportingperiod": VIEW,
            "unitcalendar": VIEW,
            "progressreport": VIEW,
            "reviewmeeting": VIEW,
            "reviewconclusion": VIEW,
        },
    },
}
ADMINISTRATOR_APPS = ["regions", "agreements", "reports", "auth"]

GROUP_NAMES = {
    Role.ADMINISTRATOR: "Quản trị hệ thống",
    Role.PLANNING: "Cán bộ kế hoạch",
    Role.REPORTER: "Cán bộ báo cáo sở, ngành",
    Role.VIEWER: "Người xem",
}


def _permissions_for(role: str) -> list[Permission]:
    if role == Role.ADMINISTRATOR:
        return list(Permission.objects.filter(content_type__app_label__in=ADMINISTRATOR_APPS))
    query = Q(pk__in=[])
    for app, models in ROLE_PERMISSIONS[role].items():
        for model, actions in models.items():
            codenames = [f"{action}_{model}" for action in actions]
            query |= Q(
                content_type__app_label=app, content_type__model=model, codename__in=codenames
            )
    return list(Permission.objects.filter(query))


@transaction.atomic
def ensure_roles() -> dict[str, int]:
    """Create or correct the four groups; returns each group's permission count."""
    counts = {}
    for role, name in GROUP_NAMES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = _permissions_for(role)
        group.permissions.set(permissions)
        counts[name] = len(permissions)
    return counts


@transaction.atomic
def assign_role(*, user: User, role: str, unit=None, agency=None) -> Membership:
    """Give ``user`` one role (and only its group), linked to a unit and agency."""
    membership, _ = Membership.objects.update_or_create(
        user=user, defaults={"role": role, "unit": unit, "agency": agency}
    )
    membership.full_clean()
    sync_groups(user, role)
    return membership


def sync_groups(user: User, role: str) -> None:
    role_groups = Group.objects.filter(name__in=GROUP_NAMES.values())
    user.groups.remove(*role_groups)
    user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    user.is_staff = True
    user.save(update_fields=["is_staff"])


def ensure_roles_after_migrate(sender, **kwargs) -> None:
    """post_migrate hook: permissions exist only after migrate has created them."""
    if sender.name == "reports":
        ensure_roles()

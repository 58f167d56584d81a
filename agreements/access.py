"""The facts access rules read: a user's role, unit scope and agency scope, and the lists
of what they manage. The rules themselves live in ``portal/permissions.py``.

A user's unit is today's unit; the agreements it manages were often signed by the
units it succeeds (Cần Thơ now carries Cần Thơ, Hậu Giang and Sóc Trăng). So a
unit's *scope* is the unit and everything that merged into it; an agency's scope
is the agency and every agency whose work reached it by today, following the dated
succession links and their shares (``agreements.succession``): a reporter of a
department that took over part of a split one sees that part only.

A membership names the agency the person was given; people keep their jobs when their
department is merged, so the agency they work for *today* is that one's successor once it
has ended (``succession.working_agency_id``: the successor the handover would move them
to). A reporter of Hậu Giang's transport department (ended 2025) reports for the new Cần
Thơ's construction department, and for what reached it: the commitments of the departments
it continues, as their units (the unit existing at a period's cut-off owes its report).
The handover (``succession.hand_over``) also moves the memberships, with a line in the
user's change log; this rule makes access the same before anyone runs it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from django.utils import timezone

from agreements import succession
from agreements.models import Agency, Agreement, Commitment, Membership, Role
from regions.models import UnitSuccession

MAX_HOPS = 5


@dataclass(frozen=True)
class Actor:
    """A user with the facts the rules need, read once per request."""

    user: User | AnonymousUser
    role: str | None
    unit_ids: frozenset[int]
    agency_ids: frozenset[int]
    agency_id: int | None = None  # the agency worked for today (``working_agency``)
    # Facts read once and kept for as long as this Actor: it lives on the user object,
    # which a web request loads anew; an import clears it when it starts.
    cache: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def is_admin(self) -> bool:
        return bool(self.user.is_superuser) or self.role == Role.ADMINISTRATOR

    @property
    def is_planning(self) -> bool:
        return self.role == Role.PLANNING

    @property
    def is_reporter(self) -> bool:
        return self.role == Role.REPORTER

    @property
    def is_admin_or_planning(self) -> bool:
        """Administrators and planning staff: the roles that manage agreements, review
        reports, work in closed periods and chase departments."""
        return self.is_admin or self.is_planning

    def oversees_unit(self, unit_id: int | None) -> bool:
        """An administrator, or planning staff of the unit (or of the unit it merged
        into): who reviews the unit's reports and chases its departments."""
        return self.is_admin or (self.is_planning and unit_id in self.unit_ids)


def unit_scope(unit_id: int | None) -> frozenset[int]:
    """The unit and every unit that merged into it, however many steps back."""
    if unit_id is None:
        return frozenset()
    scope, frontier = {unit_id}, {unit_id}
    for _ in range(MAX_HOPS):
        frontier = (
            set(
                UnitSuccession.objects.filter(successor_id__in=frontier).values_list(
                    "predecessor_id", flat=True
                )
            )
            - scope
        )
        if not frontier:
            break
        scope |= frontier
    return frozenset(scope)


def agency_scope(agency_id: int | None) -> frozenset[int]:
    """The agency and every agency whose work (or part of it) reached it by today."""
    if agency_id is None:
        return frozenset()
    return succession.reporter_scope(agency_id, timezone.localdate())[0]


def working_agency(membership: Membership | None, day: dt.date) -> int | None:
    """The agency the member works for on ``day``: the membership's, or its successor once
    it has ended (``succession.working_agency_id``)."""
    if membership is None or membership.agency_id is None:
        return None
    return succession.working_agency_id(membership.agency_id, membership.agency.valid_until, day)


def agency_commitments(actor: Actor) -> Q:
    """A condition on commitments: the reporter's agency's own, and those of its
    predecessors that their links' shares route to it (read once per Actor)."""
    if "agency_q" not in actor.cache:
        agency_id = actor.agency_id
        if agency_id is None and actor.user.is_authenticated:
            own = Membership.objects.filter(user=actor.user).select_related("agency").first()
            agency_id = working_agency(own, timezone.localdate())
        actor.cache["agency_q"] = (
            succession.reporter_scope(agency_id, timezone.localdate())[1]
            if agency_id is not None
            else Q(pk__in=[])
        )
    return actor.cache["agency_q"]


def actor_for(user: User | AnonymousUser) -> Actor:
    cached = getattr(user, "_portal_actor", None)
    if cached is not None:
        return cached
    membership = None
    if user.is_authenticated:
        membership = Membership.objects.filter(user=user).select_related("agency").first()
    agency_ids, cache = frozenset(), {}
    agency_id = working_agency(membership, timezone.localdate())
    if agency_id is not None:
        agency_ids, cache["agency_q"] = succession.reporter_scope(agency_id, timezone.localdate())
    actor = Actor(
        user=user,
        role=membership.role if membership else None,
        unit_ids=unit_scope(membership.unit_id) if membership else frozenset(),
        agency_ids=agency_ids,
        agency_id=agency_id,
        cache=cache,
    )
    if user.is_authenticated:
        user._portal_actor = actor
    return actor


def manageable_agreements(actor: Actor) -> QuerySet[Agreement]:
    """Agreements the actor may change: all for administrators, their unit's for planning."""
    if actor.is_admin:
        return Agreement.objects.all()
    if actor.is_planning:
        return Agreement.objects.filter(
            pk__in=Agreement.objects.filter(parties__unit_id__in=actor.unit_ids).values("pk")
        )
    return Agreement.objects.none()


def reportable_commitments(actor: Actor) -> QuerySet[Commitment]:
    """Commitments the actor may report on."""
    if actor.is_admin:
        return Commitment.objects.all()
    if actor.is_planning:
        return Commitment.objects.filter(agreement__in=manageable_agreements(actor))
    if actor.is_reporter:
        mine = agency_commitments(actor)
        return Commitment.objects.filter(pk__in=Commitment.objects.filter(mine).values("pk"))
    return Commitment.objects.none()


def manageable_agreement_ids(actor: Actor) -> frozenset[int]:
    """Ids of ``manageable_agreements``, read once per Actor (see ``Actor.cache``)."""
    if "agreement_ids" not in actor.cache:
        ids = manageable_agreements(actor).values_list("pk", flat=True)
        actor.cache["agreement_ids"] = frozenset(ids)
    return actor.cache["agreement_ids"]


def reportable_commitment_ids(actor: Actor) -> frozenset[int]:
    """Ids of ``reportable_commitments``, read once per Actor (see ``Actor.cache``)."""
    if "commitment_ids" not in actor.cache:
        ids = reportable_commitments(actor).values_list("pk", flat=True)
        actor.cache["commitment_ids"] = frozenset(ids)
    return actor.cache["commitment_ids"]


def reporting_units_of(actor: Actor) -> frozenset[int]:
    """Units on whose behalf the actor may write a report."""
    if actor.is_reporter:
        if "reporting_unit_ids" not in actor.cache:
            units = Agency.objects.filter(pk__in=actor.agency_ids).values_list("unit_id", flat=True)
            actor.cache["reporting_unit_ids"] = frozenset(units)
        return actor.cache["reporting_unit_ids"]
    return actor.unit_ids

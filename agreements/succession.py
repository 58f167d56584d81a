"""Which agency answers for a commitment on a given day: the one rule of agency succession.

A link ``predecessor → successor`` (``AgencySuccession``) counts from its
``effective_on``. When a department's work went to several successors, each link's
share says which: a commitment goes to

1. the link that names it (``commitments``), else
2. the link whose ``sectors`` hold the commitment's sector, else
3. the link with an empty share: it takes the rest.

With no such link the commitment stays (a department may hand over part of its work and
carry on). Ties go to the earliest link (``effective_on``, then id). Only links effective
on or before the day count. A reporter moves to the link that takes the rest, else to
the earliest (``remainder``). ``route`` applies the rule to one commitment in Python;
``route_q`` gives the same answer as a database condition, for lists. The reporter's
scope (``agreements.access``), the answering agency of a report's day, ``Commitment.clean``
and the handover (``hand_over``) all read it from here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext

from portal.lib.versioning import bump

MAX_HOPS = 5
CHANGE_REASON_LENGTH = 100  # simple-history's history_change_reason column


@dataclass(frozen=True)
class Link:
    """One succession link as read, with its share."""

    pk: int
    predecessor_id: int
    successor_id: int
    effective_on: dt.date
    sector_ids: frozenset[int] = frozenset()
    commitment_ids: frozenset[int] = frozenset()
    legal_basis: str = ""

    @property
    def takes_the_rest(self) -> bool:
        return not self.sector_ids and not self.commitment_ids

    @property
    def order(self) -> tuple:
        return (self.effective_on, self.pk)


@dataclass
class Links:
    """Links read once, by predecessor and by successor (a bounded number of queries)."""

    out: dict[int, list[Link]] = field(default_factory=dict)
    into: dict[int, list[Link]] = field(default_factory=dict)

    def add(self, links: Iterable[Link]) -> None:
        for link in links:
            out = self.out.setdefault(link.predecessor_id, [])
            if link not in out:
                out.append(link)
                out.sort(key=lambda item: item.order)
                self.into.setdefault(link.successor_id, []).append(link)

    def out_on(self, agency_id: int, day: dt.date | None) -> list[Link]:
        return [x for x in self.out.get(agency_id, []) if day is None or x.effective_on <= day]

    def into_on(self, agency_id: int, day: dt.date | None) -> list[Link]:
        return [x for x in self.into.get(agency_id, []) if day is None or x.effective_on <= day]


def read_links(q: Q) -> list[Link]:
    """The links matching ``q`` with their shares: one query, two more only if any."""
    from agreements.models import AgencySuccession

    rows = list(
        AgencySuccession.objects.filter(q).values_list(
            "pk", "predecessor_id", "successor_id", "effective_on", "legal_basis"
        )
    )
    if not rows:
        return []
    ids = [row[0] for row in rows]
    sectors, commitments = defaultdict(set), defaultdict(set)
    through = AgencySuccession.sectors.through.objects.filter(agencysuccession_id__in=ids)
    for link_id, sector_id in through.values_list("agencysuccession_id", "sector_id"):
        sectors[link_id].add(sector_id)
    through = AgencySuccession.commitments.through.objects.filter(agencysuccession_id__in=ids)
    for link_id, commitment_id in through.values_list("agencysuccession_id", "commitment_id"):
        commitments[link_id].add(commitment_id)
    return [
        Link(
            pk=pk,
            predecessor_id=pred,
            successor_id=succ,
            effective_on=day,
            legal_basis=basis,
            sector_ids=frozenset(sectors[pk]),
            commitment_ids=frozenset(commitments[pk]),
        )
        for pk, pred, succ, day, basis in rows
    ]


def links_at_once(q: Q | None = None) -> tuple[Links, dict[int, str]]:
    """The links matching ``q`` (every link by default) with their shares, and the names
    of the agencies they join, in ONE query: a join that gives a link once per sector and
    named commitment of its share (a share names one or the other, so few rows). For
    pages that may add one query, not three per step (``links_around``)."""
    from agreements.models import AgencySuccession

    rows = AgencySuccession.objects.filter(q or Q()).values_list(
        "pk", "predecessor_id", "successor_id", "effective_on", "legal_basis",
        "predecessor__name", "successor__name", "sectors", "commitments",
    )  # fmt: skip
    heads: dict[int, tuple] = {}
    sectors, commitments = defaultdict(set), defaultdict(set)
    names: dict[int, str] = {}
    for pk, pred, succ, day, basis, pred_name, succ_name, sector, commitment in rows:
        heads[pk] = (pred, succ, day, basis)
        names[pred], names[succ] = pred_name, succ_name
        if sector is not None:
            sectors[pk].add(sector)
        if commitment is not None:
            commitments[pk].add(commitment)
    links = Links()
    links.add(
        Link(
            pk=pk,
            predecessor_id=pred,
            successor_id=succ,
            effective_on=day,
            legal_basis=basis,
            sector_ids=frozenset(sectors[pk]),
            commitment_ids=frozenset(commitments[pk]),
        )
        for pk, (pred, succ, day, basis) in sorted(heads.items())
    )
    return links, names


def links_around(agency_ids: Iterable[int], *, forwards: bool = False) -> Links:
    """The links that lead to the agencies, up to ``MAX_HOPS`` steps back (and forwards
    too if asked), each predecessor's links out complete: the routing needs its siblings.
    Three queries per step, one when there is nothing to read."""
    from agreements.models import AgencySuccession

    found = Links()
    seen: set[int] = set()
    frontier = set(agency_ids)
    for _hop in range(MAX_HOPS):
        frontier -= seen
        if not frontier:
            break
        seen |= frontier
        into = AgencySuccession.objects.filter(successor_id__in=frontier).values("predecessor_id")
        q = Q(successor_id__in=frontier) | Q(predecessor_id__in=into)
        if forwards:
            q |= Q(predecessor_id__in=frontier)
        links = read_links(q)
        found.add(links)
        frontier = {x.predecessor_id for x in links if x.successor_id in frontier}
        if forwards:
            frontier |= {x.successor_id for x in links if x.predecessor_id in seen}
    return found


# --- the rule ------------------------------------------------------------------------------------


def remainder(links: Sequence[Link]) -> Link | None:
    """Where the people go: the link with an empty share, else the earliest."""
    ordered = sorted(links, key=lambda x: x.order)
    return next((x for x in ordered if x.takes_the_rest), ordered[0] if ordered else None)


def route(links: Sequence[Link], commitment_id: int | None, sector_id: int | None) -> Link | None:
    """The link (out of one predecessor) a commitment goes along; None: it stays."""
    ordered = sorted(links, key=lambda x: x.order)
    for link in ordered:
        if commitment_id is not None and commitment_id in link.commitment_ids:
            return link
    for link in ordered:
        if sector_id is not None and sector_id in link.sector_ids:
            return link
    return next((x for x in ordered if x.takes_the_rest), None)


def route_q(links: Sequence[Link], target: Link, prefix: str = "") -> Q:
    """A condition on commitments (``prefix`` + pk / sector) that ``route`` sends along
    ``target``: the same rule as ``route``, for a database list."""
    ordered = sorted(links, key=lambda x: x.order)
    named_by: dict[int, Link] = {}
    sector_of: dict[int, Link] = {}
    for link in ordered:
        for pk in link.commitment_ids:
            named_by.setdefault(pk, link)
        for pk in link.sector_ids:
            sector_of.setdefault(pk, link)
    pk_field, sector_field = f"{prefix}pk", f"{prefix}sector_id"
    named = [pk for pk, link in named_by.items() if link == target]
    sectors = [pk for pk, link in sector_of.items() if link == target]
    unnamed = ~Q(**{f"{pk_field}__in": list(named_by)}) if named_by else Q()
    conditions = []
    if named:
        conditions.append(Q(**{f"{pk_field}__in": named}))
    if sectors:
        conditions.append(Q(**{f"{sector_field}__in": sectors}) & unnamed)
    if target.takes_the_rest and next(x for x in ordered if x.takes_the_rest) == target:
        rest = unnamed
        if sector_of:
            rest &= ~Q(**{f"{sector_field}__in": list(sector_of)})
        conditions.append(rest)
    if not conditions:
        return Q(pk__in=[])
    result = conditions[0]
    for condition in conditions[1:]:
        result |= condition
    return result


def answering_agency_id(
    links: Links, agency_id: int, day: dt.date, commitment_id: int | None, sector_id: int | None
) -> int:
    """The agency that answered on ``day`` for a commitment recorded under ``agency_id``.

    Forwards along the links effective by ``day`` that route the commitment; backwards
    along a link into the agency that was not yet effective on ``day`` and routes it (its
    predecessor still answered then). ``links`` must hold the links around the agency
    (``links_around(..., forwards=True)``).
    """
    current, seen = agency_id, {agency_id}
    for _hop in range(MAX_HOPS):
        link = route(links.out_on(current, day), commitment_id, sector_id)
        if link is not None:
            current = link.successor_id
        else:
            link = next(
                (
                    x
                    for x in links.into.get(current, [])
                    if x.effective_on > day
                    and route(
                        links.out_on(x.predecessor_id, x.effective_on), commitment_id, sector_id
                    )
                    == x
                ),
                None,
            )
            if link is None:
                break
            current = link.predecessor_id
        if current in seen:
            break
        seen.add(current)
    return current


# --- the reporter's scope ------------------------------------------------------------------------


def working_agency_id(agency_id: int, valid_until: dt.date | None, day: dt.date) -> int:
    """The agency whose staff a member of ``agency_id`` is on ``day``: people keep their
    jobs when their department is merged. While the agency exists, itself; once it has
    ended (``valid_until`` before ``day``), the successor its links effective by ``day``
    send the people to (``remainder``, as ``hand_over`` moves memberships), and so on
    while that one has ended too. So a reporter of Hậu Giang's transport department
    (ended 28/02/2025) works for Hậu Giang's construction department, and from 01/07/2025
    for the new Cần Thơ's. One query per step, none while the agency exists."""
    from django.db.models import Count

    from agreements.models import AgencySuccession

    current, seen = agency_id, {agency_id}
    for _hop in range(MAX_HOPS):
        if valid_until is None or valid_until >= day:
            break
        rows = list(
            AgencySuccession.objects.filter(predecessor_id=current, effective_on__lte=day)
            .annotate(
                n_sectors=Count("sectors", distinct=True),
                n_commitments=Count("commitments", distinct=True),
            )
            .values_list(
                "pk", "successor_id", "effective_on", "n_sectors", "n_commitments",
                "successor__valid_until",
            )
        )  # fmt: skip
        # Only whether a link takes the rest matters here: the shares' sizes stand in.
        links = {
            pk: Link(
                pk=pk,
                predecessor_id=current,
                successor_id=successor,
                effective_on=effective_on,
                sector_ids=frozenset(range(n_sectors)),
                commitment_ids=frozenset(range(n_commitments)),
            )
            for pk, successor, effective_on, n_sectors, n_commitments, _until in rows
        }
        until = {row[0]: row[-1] for row in rows}
        link = remainder(list(links.values()))
        if link is None or link.successor_id in seen:
            break
        current, valid_until = link.successor_id, until[link.pk]
        seen.add(current)
    return current


def reporter_scope(agency_id: int, day: dt.date) -> tuple[frozenset[int], Q]:
    """The agencies whose work reached ``agency_id`` by ``day``, and a condition on
    commitments: its own (led or supported), and those of a predecessor (any number of
    steps back) whose links, effective by ``day``, route them to it."""
    links = links_around([agency_id])

    def of(pk: int) -> Q:
        return Q(lead_agency_id=pk) | Q(supporting_agencies__id=pk)

    agencies = {agency_id}

    def arriving(pk: int, path: frozenset[int], depth: int) -> Q:
        condition = of(pk)
        if depth >= MAX_HOPS:
            return condition
        for link in links.into_on(pk, day):
            if link.predecessor_id in path:
                continue
            agencies.add(link.predecessor_id)
            share = route_q(links.out_on(link.predecessor_id, day), link)
            condition |= arriving(link.predecessor_id, path | {pk}, depth + 1) & share
        return condition

    condition = arriving(agency_id, frozenset(), 0)
    return frozenset(agencies), condition


# --- the handover --------------------------------------------------------------------------------


@dataclass
class HandoverCounts:
    led: int = 0
    supported: int = 0
    members: int = 0
    kept: int = 0
    without_successor: list[str] = field(default_factory=list)


def change_reason(agency, links: Sequence[Link]) -> str:
    bases = sorted({x.legal_basis for x in links if x.legal_basis})
    text = gettext("Bàn giao từ %(agency)s") % {"agency": agency.short_name or agency.name}
    if bases:
        text += " " + gettext("theo %(basis)s") % {"basis": "; ".join(bases)}
    return text[:CHANGE_REASON_LENGTH]


@dataclass
class PlannedHandover:
    """What ``hand_over`` would do for one agency: per successor, what it receives."""

    agency: object
    receivers: list[dict] = field(default_factory=list)  # successor, link, led, supported
    members: int = 0
    members_to: object | None = None
    kept: int = 0


def handover_plan(agencies: Sequence, *, on: dt.date) -> list[PlannedHandover]:
    """Where each agency's commitments and reporters would go on ``on`` (a bounded number
    of queries, whatever the number of commitments)."""
    from django.db.models import Count

    from agreements.models import Agency, Commitment, Membership

    ids = [a.pk for a in agencies]
    links = Links()
    links.add(read_links(Q(predecessor_id__in=ids)))
    successors = Agency.objects.in_bulk({x.successor_id for xs in links.out.values() for x in xs})
    led = Commitment.objects.filter(lead_agency_id__in=ids).values_list(
        "pk", "sector_id", "lead_agency_id"
    )
    supported = Commitment.supporting_agencies.through.objects.filter(
        agency_id__in=ids
    ).values_list("commitment_id", "commitment__sector_id", "agency_id")
    members = dict(
        Membership.objects.filter(agency_id__in=ids)
        .values_list("agency_id")
        .annotate(n=Count("pk"))
        .values_list("agency_id", "n")
    )
    plans = {a.pk: PlannedHandover(agency=a, members=members.get(a.pk, 0)) for a in agencies}
    for plan in plans.values():
        out = links.out_on(plan.agency.pk, on)
        plan.receivers = [
            {"successor": successors[x.successor_id], "link": x, "led": 0, "supported": 0}
            for x in out
        ]
        rest = remainder(out)
        plan.members_to = successors[rest.successor_id] if rest else None
    for kind, rows in (("led", led), ("supported", supported)):
        for commitment_id, sector_id, agency_id in rows:
            plan = plans[agency_id]
            link = route(links.out_on(agency_id, on), commitment_id, sector_id)
            if link is None:
                plan.kept += 1
                continue
            receiver = next(r for r in plan.receivers if r["link"] == link)
            receiver[kind] += 1
    return list(plans.values())


@transaction.atomic
def hand_over(*, agencies: Sequence, on: dt.date, user=None) -> HandoverCounts:
    """Hand the agencies' commitments and reporters over to their successors on ``on``.

    Each commitment led or supported by one of them goes to the successor its share gives
    (a revision in the commitment's history says why); each reporter's membership goes to
    the remainder successor (a line in the user's change log). A commitment no share
    routes stays; an agency with no link effective by ``on`` keeps everything.
    """
    from django.contrib.admin.models import CHANGE, LogEntry

    from agreements.models import Agency, Commitment, Membership

    counts = HandoverCounts()
    links = Links()
    links.add(read_links(Q(predecessor_id__in=[a.pk for a in agencies])))
    successors = Agency.objects.in_bulk({x.successor_id for xs in links.out.values() for x in xs})
    for agency in agencies:
        out = links.out_on(agency.pk, on)
        if not out:
            counts.without_successor.append(str(agency))
            continue
        reason = change_reason(agency, out)
        mine = Q(lead_agency=agency) | Q(supporting_agencies=agency)
        for commitment in (
            Commitment.objects.filter(pk__in=Commitment.objects.filter(mine).values("pk"))
            .select_for_update()
            .order_by("pk")
        ):
            link = route(out, commitment.pk, commitment.sector_id)
            if link is None:
                counts.kept += 1  # no share names it and no successor takes the rest
                continue
            target = successors[link.successor_id]
            commitment._change_reason = reason
            led = commitment.lead_agency_id == agency.pk
            supported = agency.pk in {a.pk for a in commitment.supporting_agencies.all()}
            if led:
                commitment.lead_agency = target
                commitment.full_clean()
                counts.led += 1
            bump(commitment)  # a form opened before the handover must not undo it
            commitment.save()
            if supported:
                commitment.supporting_agencies.remove(agency)
                if target.pk != commitment.lead_agency_id:
                    commitment.supporting_agencies.add(target)
                counts.supported += 1
        receiver = successors[remainder(out).successor_id]
        for membership in Membership.objects.filter(agency=agency).select_related("user"):
            membership.agency = receiver
            membership.unit = receiver.unit
            membership.save(update_fields=["agency", "unit"])
            counts.members += 1
            if user is not None:
                LogEntry.objects.log_actions(
                    user_id=user.pk,
                    queryset=[membership.user],
                    action_flag=CHANGE,
                    change_message=gettext("Chuyển từ %(old)s sang %(new)s (%(why)s)")
                    % {"old": agency, "new": receiver, "why": reason},
                    single_object=True,
                )
    return counts

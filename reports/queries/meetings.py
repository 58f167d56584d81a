"""The review meeting as a record, and the rotation of its host.

``meeting_records`` reads what a meeting page or the workbook's meeting sheet shows:
the meeting, its conclusions with the commitments they created or changed, and the
previous meeting's conclusions with what became of them (each linked commitment's
current standing, from approved reports). One query per table for any number of
meetings.

``propose_next_host`` applies the rotation (luân phiên): the party after the last
host, in the order the parties signed. After the 2025 reorganisation a historical
party is replaced by the unit it is now part of, and a unit met twice is counted
once, so Cần Thơ, Hậu Giang and Sóc Trăng rotate as one city.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from agreements.models import Agreement, AgreementParty, Commitment
from regions.models import AdministrativeUnit
from regions.queries import Successors, current_successors, unit_on
from reports.models import ReviewConclusion, ReviewMeeting
from reports.queries import standing as standing_queries
from reports.services.standing_rules import Standing


def rotation_order(
    agreement: Agreement, *, on: dt.date, successors: Successors
) -> list[AdministrativeUnit]:
    """The parties in signing order as they are on ``on``, each unit once."""
    order: dict[int, AdministrativeUnit] = {}
    for party in agreement.parties.all():
        for unit in unit_on(party.unit, on, successors):
            order.setdefault(unit.pk, unit)
    return list(order.values())


def next_meeting_day(last: dt.date | None, today: dt.date) -> dt.date:
    """When the next (annual) meeting is due: a year after the last one, not before today.

    The rotation is read on that day, so a proposal made in 2024 for a meeting in late
    2025 already counts the merged units."""
    if last is None:
        return today
    return max(today, last + dt.timedelta(days=365))


@dataclass
class HostProposal:
    unit: AdministrativeUnit | None
    after: AdministrativeUnit | None  # the last host, as it is on the day of the proposal
    order: list[AdministrativeUnit] = field(default_factory=list)

    @property
    def single_unit(self) -> bool:
        """Every party now lies in one unit: the meeting has become an internal one."""
        return len(self.order) == 1


def propose_next_host(
    *,
    agreement: Agreement,
    last_host: AdministrativeUnit | None,
    on: dt.date | None = None,
    successors: Successors | None = None,
) -> HostProposal:
    """The next host in rotation after ``last_host`` (the first party when none)."""
    on = on or timezone.localdate()
    if successors is None:
        units = [p.unit for p in agreement.parties.all()] + ([last_host] if last_host else [])
        successors = current_successors(units)
    order = rotation_order(agreement, on=on, successors=successors)
    if not order:
        return HostProposal(None, None, [])
    if last_host is None:
        return HostProposal(order[0], None, order)
    now = unit_on(last_host, on, successors)
    now_ids = {u.pk for u in now}
    positions = [index for index, unit in enumerate(order) if unit.pk in now_ids]
    if not positions:
        return HostProposal(order[0], now[0], order)
    return HostProposal(order[(max(positions) + 1) % len(order)], now[0], order)


@dataclass
class ConclusionView:
    conclusion: ReviewConclusion
    commitments: list[Standing]


@dataclass
class MeetingRecord:
    meeting: ReviewMeeting
    host_now: list[AdministrativeUnit]
    conclusions: list[ConclusionView]
    previous: ReviewMeeting | None = None
    previous_conclusions: list[ConclusionView] = field(default_factory=list)
    next_meeting: ReviewMeeting | None = None
    proposal: HostProposal | None = None


def meeting_records(
    meetings: list[ReviewMeeting], *, today: dt.date | None = None
) -> list[MeetingRecord]:
    """Records of ``meetings`` (any agreements), in the order given."""
    if not meetings:
        return []
    today = today or timezone.localdate()
    agreement_ids = {m.agreement_id for m in meetings}
    parties = AgreementParty.objects.select_related("unit").order_by("order", "unit__short_name")
    agreements = {
        a.pk: a
        for a in Agreement.objects.filter(pk__in=agreement_ids).prefetch_related(
            Prefetch("parties", queryset=parties)
        )
    }
    related = agreement_ids | {a.predecessor_id for a in agreements.values() if a.predecessor_id}
    timeline: dict[int, list[ReviewMeeting]] = {}
    for m in ReviewMeeting.objects.filter(agreement_id__in=related).select_related("host_unit"):
        timeline.setdefault(m.agreement_id, []).append(m)
    for items in timeline.values():
        items.sort(key=lambda m: m.held_on)

    def previous_of(meeting: ReviewMeeting) -> ReviewMeeting | None:
        earlier = [m for m in timeline.get(meeting.agreement_id, []) if m.held_on < meeting.held_on]
        if not earlier:
            predecessor = agreements[meeting.agreement_id].predecessor_id
            earlier = [m for m in timeline.get(predecessor, []) if m.held_on < meeting.held_on]
        return earlier[-1] if earlier else None

    def next_of(meeting: ReviewMeeting) -> ReviewMeeting | None:
        later = [m for m in timeline.get(meeting.agreement_id, []) if m.held_on > meeting.held_on]
        return later[0] if later else None

    previous = {m.pk: previous_of(m) for m in meetings}
    wanted = {m.pk for m in meetings} | {p.pk for p in previous.values() if p}
    conclusions: dict[int, list[ReviewConclusion]] = {}
    linked_ids: set[int] = set()
    rows = ReviewConclusion.objects.filter(meeting_id__in=wanted).prefetch_related(
        Prefetch("commitments", queryset=Commitment.objects.only("id"))
    )
    for conclusion in rows.order_by("meeting_id", "number", "id"):
        conclusions.setdefault(conclusion.meeting_id, []).append(conclusion)
        linked_ids |= {c.pk for c in conclusion.commitments.all()}
    standing = {
        s.commitment.pk: s
        for s in standing_queries.standings_of(
            Commitment.objects.filter(pk__in=linked_ids), standing_queries.latest(today)
        )
    }

    def views(meeting_id: int) -> list[ConclusionView]:
        return [
            ConclusionView(c, [standing[x.pk] for x in c.commitments.all() if x.pk in standing])
            for c in conclusions.get(meeting_id, [])
        ]

    units = [p.unit for a in agreements.values() for p in a.parties.all()]
    successors = current_successors(units + [m.host_unit for m in meetings])
    records = []
    for meeting in meetings:
        before, after = previous[meeting.pk], next_of(meeting)
        record = MeetingRecord(
            meeting=meeting,
            host_now=unit_on(meeting.host_unit, today, successors),
            conclusions=views(meeting.pk),
            previous=before,
            previous_conclusions=views(before.pk) if before else [],
            next_meeting=after,
        )
        if after is None:
            record.proposal = propose_next_host(
                agreement=agreements[meeting.agreement_id],
                last_host=meeting.host_unit,
                on=next_meeting_day(meeting.held_on, today),
                successors=successors,
            )
        records.append(record)
    return records

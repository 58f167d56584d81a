"""The review meeting as a record.

``meeting_records`` reads what a meeting page or the workbook's meeting sheet shows:
the meeting, its conclusions with the commitments they created or changed, and the
previous meeting's conclusions with what became of them (each linked commitment's
current standing, from approved reports), with the next host proposed by the rotation
(``reports.services.meetings``, whose names the workbook also reads from here). One
query per table for any number of meetings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from agreements.models import Agreement, AgreementParty, Commitment
from regions.models import AdministrativeUnit
from regions.queries import current_successors, unit_on
from reports.models import ReviewConclusion, ReviewMeeting
from reports.queries import standing as standing_queries
from reports.services.meetings import HostProposal, next_meeting_day, propose_next_host
from reports.services.standing_rules import Standing


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

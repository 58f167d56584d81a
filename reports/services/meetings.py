"""The rotation of review meetings' host (luân phiên).

``propose_next_host`` proposes the party after the last host, in the order the parties
signed. After the 2025 reorganisation a historical party is replaced by the unit it is
now part of (``regions.queries.unit_on``), and a unit met twice is counted once, so Cần
Thơ, Hậu Giang and Sóc Trăng rotate as one city. Pure rules over an agreement's parties
(prefetched by the caller) and a ``Successors`` map read once for many agreements; a
query only when no map is passed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from agreements.models import Agreement
from regions.models import AdministrativeUnit
from regions.queries import Successors, current_successors, unit_on


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

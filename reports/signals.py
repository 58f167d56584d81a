"""Every save that can alter a standing refreshes it, in the same transaction.

The receivers only say *which* commitments changed; ``reports.services.standing_store`` does the
rest. Saves go through ``Model.save()``/``delete()`` everywhere in the portal (admin,
imports, workflow); a bulk write must call ``standing_store.changed()`` itself, as
``generate_data`` does through ``rebuild_standing``. Connected in ``ReportsConfig.ready``.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from agreements.models import (
    Agency,
    AgencySuccession,
    Agreement,
    AgreementParty,
    Commitment,
    Indicator,
)
from regions.services import units_changed
from reports.models import (
    IndicatorValue,
    ProgressReport,
    ReportingPeriod,
    ReviewConclusion,
    ReviewMeeting,
    UnitCalendar,
    period_seq,
)
from reports.services import standing_store

SAVED_OR_DELETED = (post_save, post_delete)


def _on(models, signals=SAVED_OR_DELETED):
    def connect(handler):
        for model in models:
            for signal in signals:
                signal.connect(
                    handler, sender=model, dispatch_uid=f"standing.{model.__name__}.{signal}"
                )
        return handler

    return connect


@_on([ProgressReport, Indicator])
def _commitment_of(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        standing_store.changed([instance.commitment_id])


@_on([IndicatorValue])
def _value(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    commitment_id = (
        ProgressReport.objects.filter(pk=instance.report_id)
        .values_list("commitment_id", flat=True)
        .first()
    )
    standing_store.changed([commitment_id])


@receiver(post_save, sender=Commitment, dispatch_uid="standing.Commitment.saved")
def _commitment(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        standing_store.changed([instance.pk])


def _commitments_of_agreement(agreement_id: int) -> list[int]:
    return list(Commitment.objects.filter(agreement_id=agreement_id).values_list("pk", flat=True))


@receiver(post_save, sender=Agreement, dispatch_uid="standing.Agreement.saved")
def _agreement(sender, instance, raw=False, created=False, **kwargs) -> None:
    if not raw and not created:
        standing_store.changed(_commitments_of_agreement(instance.pk))


@_on([AgreementParty])
def _party(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        standing_store.changed(_commitments_of_agreement(instance.agreement_id))


@receiver(post_save, sender=Agency, dispatch_uid="standing.Agency.saved")
def _agency(sender, instance, raw=False, created=False, **kwargs) -> None:
    if not raw and not created:
        led = Commitment.objects.filter(lead_agency=instance).values_list("pk", flat=True)
        standing_store.changed(list(led))


def _led_by(agency_ids) -> list[int]:
    return list(
        Commitment.objects.filter(lead_agency_id__in=agency_ids).values_list("pk", flat=True)
    )


@_on([AgencySuccession])
def _agency_succession(sender, instance, raw=False, **kwargs) -> None:
    """A dated link between agencies: who answered in each period for what either led."""
    if not raw:
        standing_store.changed(_led_by([instance.predecessor_id, instance.successor_id]))


@receiver(m2m_changed, sender=AgencySuccession.sectors.through, dispatch_uid="standing.link.s")
@receiver(m2m_changed, sender=AgencySuccession.commitments.through, dispatch_uid="standing.link.c")
def _agency_share(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_") and isinstance(instance, AgencySuccession):
        standing_store.changed(_led_by([instance.predecessor_id, instance.successor_id]))


@_on([ReportingPeriod])
def _period(sender, instance, raw=False, **kwargs) -> None:
    """A period's dates: its rows' deadline, and who answered at its cut-off."""
    if not raw:
        standing_store.period_changed(period_seq(instance.year, instance.half))


@_on([UnitCalendar])
def _unit_calendar(sender, instance, raw=False, **kwargs) -> None:
    """A unit's own deadline: the deadline of its rows (and its predecessors') that period."""
    if not raw:
        period = instance.period
        standing_store.unit_calendar_changed(period_seq(period.year, period.half))


@receiver(post_save, sender=ReviewConclusion, dispatch_uid="standing.ReviewConclusion.saved")
def _conclusion(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        standing_store.changed(list(instance.commitments.values_list("pk", flat=True)))


@receiver(pre_delete, sender=ReviewConclusion, dispatch_uid="standing.ReviewConclusion.deleting")
def _conclusion_deleting(sender, instance, **kwargs) -> None:
    instance._standing_ids = list(instance.commitments.values_list("pk", flat=True))


@receiver(post_delete, sender=ReviewConclusion, dispatch_uid="standing.ReviewConclusion.deleted")
def _conclusion_deleted(sender, instance, **kwargs) -> None:
    standing_store.changed(getattr(instance, "_standing_ids", []))


@receiver(post_save, sender=ReviewMeeting, dispatch_uid="standing.ReviewMeeting.saved")
def _meeting(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    linked = Commitment.objects.filter(review_conclusions__meeting=instance).values_list(
        "pk", flat=True
    )
    standing_store.changed(set(linked))


@receiver(m2m_changed, sender=ReviewConclusion.commitments.through, dispatch_uid="standing.links")
def _conclusion_links(sender, instance, action, pk_set=None, reverse=False, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if reverse:  # instance is a commitment
        standing_store.changed([instance.pk])
    elif action == "pre_clear":
        standing_store.changed(list(instance.commitments.values_list("pk", flat=True)))
    else:
        standing_store.changed(pk_set or [])


@receiver(units_changed, dispatch_uid="standing.units")
def _units(sender, **kwargs) -> None:
    """Units or successions were reloaded: who answers for what may have changed anywhere."""
    standing_store.changed_everything()

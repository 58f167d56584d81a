"""Commitments as a spreadsheet: one row per commitment, known by (agreement, title).

Planning staff import the commitments of the agreements they manage; the headers
are Vietnamese and fixed (they are the file's contract, whatever the interface
language). Everything the columns mean is in ``agreements.widgets`` and
``portal.lib.importing``; the rows read are written by ``agreements.services``
(``import_commitments``: permissions, all or nothing), through
``portal.lib.sheet_resource``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from agreements.models import Commitment, Stage
from agreements.services import CommitmentRow, import_commitments
from agreements.widgets import (
    AgencyListWidget,
    AgencyWidget,
    AgreementWidget,
    SectorWidget,
    UnitWidget,
    agency_label,
)
from portal.lib.importing import ChoiceWidget, DateWidget, NumberWidget, TextWidget
from portal.lib.sheet_resource import SheetField, SheetResource

AFTER_AGREEMENT = ("agreement",)
AFTER_UNIT = ("agreement", "committing_unit")


class CommitmentResource(SheetResource):
    agreement = SheetField(
        attribute="agreement", column_name="Thỏa thuận", widget=AgreementWidget()
    )
    sector = SheetField(attribute="sector", column_name="Lĩnh vực", widget=SectorWidget())
    number = SheetField(attribute="number", column_name="STT", widget=NumberWidget(integer=True))
    title = SheetField(attribute="title", column_name="Nội dung hợp tác", widget=TextWidget())
    description = SheetField(attribute="description", column_name="Mô tả", widget=TextWidget())
    committing_unit = SheetField(
        attribute="committing_unit",
        column_name="Bên cam kết",
        widget=UnitWidget(within="party_ids"),
        depends_on=AFTER_AGREEMENT,
    )
    lead_agency = SheetField(
        attribute="lead_agency",
        column_name="Cơ quan chủ trì",
        widget=AgencyWidget(),
        depends_on=AFTER_UNIT,
    )
    supporting_agencies = SheetField(
        attribute="supporting_agencies",
        column_name="Cơ quan phối hợp",
        widget=AgencyListWidget(),
        depends_on=AFTER_UNIT,
    )
    start_on = SheetField(attribute="start_on", column_name="Bắt đầu", widget=DateWidget())
    due_on = SheetField(attribute="due_on", column_name="Hoàn thành trước", widget=DateWidget())
    stage = SheetField(attribute="stage", column_name="Tiến độ", widget=ChoiceWidget(Stage))

    natural_key = ("agreement", "title")
    row_class = CommitmentRow
    service = staticmethod(import_commitments)
    export_select_related = ("agreement", "sector", "committing_unit", "lead_agency__unit")
    export_prefetch_related = ("supporting_agencies__unit",)

    class Meta:
        model = Commitment
        name = gettext_lazy("Nội dung hợp tác")
        fields = (
            "agreement",
            "sector",
            "number",
            "title",
            "description",
            "committing_unit",
            "lead_agency",
            "supporting_agencies",
            "start_on",
            "due_on",
            "stage",
        )
        import_order = export_order = fields

    # --- import ------------------------------------------------------------------------
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._unit_ids: dict[int, tuple[set[int], set[int]]] = {}  # once per agreement

    def context_for(self, name, value):
        if value is None:
            return {}
        if name == "agreement":
            if value.pk not in self._unit_ids:
                parties = set(value.parties.values_list("unit_id", flat=True))
                self._unit_ids[value.pk] = (parties, value.reporting_unit_ids())
            parties, with_successors = self._unit_ids[value.pk]
            # parties are the units as they were on the signing day; agencies may be
            # theirs or their successors' (departments were reorganised too)
            return {"on_date": value.signed_on, "party_ids": parties, "unit_ids": with_successors}
        if name == "committing_unit":
            return {"prefer_unit_id": value.pk}
        return {}

    # --- export ------------------------------------------------------------------------
    def dehydrate_lead_agency(self, commitment: Commitment) -> str:
        if commitment.lead_agency is None:
            return ""
        return agency_label(
            commitment.lead_agency,
            home_unit_id=commitment.committing_unit_id,
            on_date=commitment.agreement.signed_on,
        )

    def dehydrate_supporting_agencies(self, commitment: Commitment) -> str:
        labels = [
            agency_label(
                agency,
                home_unit_id=commitment.committing_unit_id,
                on_date=commitment.agreement.signed_on,
            )
            for agency in commitment.supporting_agencies.all()
        ]
        return "; ".join(sorted(labels))

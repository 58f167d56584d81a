"""Staff work on agreements, commitments and catalogues."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from agreements import (
    access,
    admin_users,  # noqa: F401  (registers users and their roles)
)
from agreements.admin_base import (
    RowCheckedFormSet,
    ScopedAdmin,
    ScopedStackedInline,
    ScopedTabularInline,
)
from agreements.models import (
    Agency,
    AgencySuccession,
    Agreement,
    AgreementDocument,
    AgreementParty,
    Commitment,
    Indicator,
    Sector,
)
from agreements.resources import CommitmentResource
from portal.lib.admin_columns import shortened
from portal.lib.authz import allows
from portal.lib.sheet_admin import SheetImportExportMixin
from portal.lib.versioning import VersionCheckedModelForm


class UnitFilter(admin.SimpleListFilter):
    """Agreements by a party, as signed or as the unit it is now part of."""

    title = _("đơn vị (khi ký hoặc hiện nay)")
    parameter_name = "unit"
    lookup_path = "parties__unit"

    def lookups(self, request, model_admin):
        from regions.models import AdministrativeUnit

        used = AdministrativeUnit.objects.filter(agreement_parties__isnull=False).distinct()
        current = AdministrativeUnit.objects.current()
        return [(u.key, str(u)) for u in current] + [(u.key, str(u)) for u in used]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        from regions.models import AdministrativeUnit

        unit = AdministrativeUnit.objects.filter(key=self.value()).first()
        if unit is None:
            return queryset.none()
        ids = access.unit_scope(unit.pk)
        return queryset.filter(**{f"{self.lookup_path}__in": ids}).distinct()


class CommitmentUnitFilter(UnitFilter):
    lookup_path = "agreement__parties__unit"


class PartyFormSet(RowCheckedFormSet):
    """Planning staff may only record agreements their own unit is a party to; a party
    that has commitments or reports on the agreement stays (they would lose their party)."""

    def clean(self):
        super().clean()
        self._keep_parties_with_work()
        actor = access.actor_for(self.user) if self.user is not None else None
        if actor is None or actor.is_admin or any(self.errors):
            return
        units = {
            # a read-only unit (a party that does not coordinate) is not in cleaned_data
            (form.cleaned_data.get("unit") or form.instance.unit).pk
            for form in self.forms
            if (form.cleaned_data.get("unit") or form.instance.unit_id)
            and not form.cleaned_data.get("DELETE")
        }
        if not units & actor.unit_ids:
            raise forms.ValidationError(
                _("Đơn vị của bạn phải là một bên của thỏa thuận bạn nhập.")
            )

    def _keep_parties_with_work(self) -> None:
        from reports.models import ProgressReport

        leaving = [
            form.instance
            for form in self.forms
            if form.instance.pk and getattr(form, "cleaned_data", {}).get("DELETE")
        ]
        for party in leaving:
            agreement_id, unit_id = party.agreement_id, party.unit_id
            committed = Commitment.objects.filter(
                agreement_id=agreement_id, committing_unit_id=unit_id
            ).exists()
            reported = ProgressReport.objects.filter(
                commitment__agreement_id=agreement_id, reporting_unit_id=unit_id
            ).exists()
            if committed or reported:
                raise forms.ValidationError(
                    _(
                        "Không thể bỏ bên “%(unit)s”: bên này còn nội dung cam kết hoặc báo "
                        "cáo trong thỏa thuận. Hãy chuyển hoặc xóa các nội dung đó trước."
                    )
                    % {"unit": party.unit}
                )


class PartyInline(ScopedTabularInline):
    model = AgreementParty
    formset = PartyFormSet
    extra = 0
    min_num = 1
    autocomplete_fields = ["unit"]
    fields = ["order", "unit", "role", "issuing_body", "signatory_name", "signatory_title"]

    # Adding and removing parties belongs to the coordinators (portal/permissions.py).
    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and _may_change_terms(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and _may_change_terms(request, obj)

    def get_readonly_fields(self, request, obj=None):
        """Which unit a row is, and who coordinates, are the coordinators' to say."""
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not _may_change_terms(request, obj):
            readonly += ["unit", "role"]
        return readonly


def _may_change_terms(request, agreement) -> bool:
    if agreement is None or agreement.pk is None:
        return True  # a new agreement: its creator lists the parties
    return allows(request.user, "agreements.change_agreement_terms", agreement)


class CommitmentInline(ScopedTabularInline):
    model = Commitment
    extra = 0
    fields = ["number", "sector", "title", "committing_unit", "lead_agency", "stage", "due_on"]
    autocomplete_fields = ["sector", "committing_unit", "lead_agency"]
    show_change_link = True

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("sector", "committing_unit", "lead_agency")
        )


class DocumentInline(ScopedStackedInline):
    """The signed text, each party's implementing plan (its issuing unit says whose) and
    the meetings' minutes. Files are checked by content (``agreements.document_files``)
    and linked to their checked download (``agreements.documents``), never to MEDIA_URL;
    internal documents are listed only to those who may download them."""

    model = AgreementDocument
    extra = 0
    autocomplete_fields = ["issuing_unit"]
    fields = [
        "kind",
        "title",
        "number",
        "issued_on",
        "issuer",
        "issuing_unit",
        "is_public",
        "file",
        "url",
    ]
    readonly_fields = ["download_link"]

    def get_queryset(self, request):
        from agreements.documents import visible_documents

        documents = super().get_queryset(request).select_related("agreement", "issuing_unit")
        return visible_documents(request.user, documents)

    def get_fields(self, request, obj=None):
        """Read-only, the file is a link to its download (Django's would be MEDIA_URL)."""
        fields = list(super().get_fields(request, obj))
        if not self.has_change_permission(request, obj):
            fields = ["download_link" if name == "file" else name for name in fields]
        return fields

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        from agreements.document_files import allowed_types_text
        from agreements.documents import DocumentFileInput

        if db_field.name == "file":
            kwargs["widget"] = DocumentFileInput
            formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
            formfield.help_text = allowed_types_text()
            return formfield
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("tệp"))
    def download_link(self, obj: AgreementDocument) -> str:
        if obj is None or obj.pk is None or not obj.file:
            return "—"
        return format_html('<a href="{}">{}</a>', obj.get_download_url(), obj.download_name)


DEMO_WARNING = _("Dữ liệu minh họa, dựng từ các bài báo nguồn; không phải số liệu chính thức.")


class DemoMarkAdmin:
    """Demo rows say so: a column in the change list, a read-only note atop the form."""

    @staticmethod
    def is_demo(obj) -> bool:
        return obj.is_demo

    @admin.display(description=_("minh họa"))
    def demo_mark(self, obj) -> str:
        if not self.is_demo(obj):
            return ""
        return format_html(
            '<span class="demo-tag" title="{}">{}</span>', obj.demo_source, _("minh họa")
        )

    @admin.display(description=_("nguồn và phần minh họa"))
    def demo_note(self, obj) -> str:
        return obj.demo_source or DEMO_WARNING

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and self.is_demo(obj):
            note = {"fields": ["demo_note"], "description": DEMO_WARNING, "classes": ["demo-data"]}
            fieldsets = [(_("Dữ liệu minh họa"), note), *fieldsets]
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "demo_note"]


@admin.register(Agreement)
class AgreementAdmin(DemoMarkAdmin, ScopedAdmin):
    list_display = [
        "title",
        "kind",
        "signed_on",
        "term_start",
        "term_end",
        "status_label",
        "demo_mark",
    ]
    list_filter = [UnitFilter, "kind", "status_override", "sectors"]
    search_fields = [
        "title__unaccent__icontains",
        "document_number",
        "parties__unit__short_name__unaccent__icontains",
    ]
    date_hierarchy = "signed_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["predecessor"]
    filter_horizontal = ["sectors"]
    inlines = [PartyInline, CommitmentInline, DocumentInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary", "sectors"]}),
        (
            _("Văn bản"),
            {"fields": ["document_number", "signed_on", "signed_at", "term_start", "term_end"]},
        ),
        (
            _("Tình trạng và tiếp nối"),
            {"fields": ["status_override", "status_changed_on", "predecessor", "merger_note"]},
        ),
        (_("Tổ chức thực hiện"), {"fields": ["steering_committee"]}),
    ]

    @admin.display(description=_("tình trạng"))
    def status_label(self, obj: Agreement) -> str:
        return obj.get_status_label()

    def get_readonly_fields(self, request, obj=None):
        """A party that does not coordinate sees the agreement-wide fields, read-only."""
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not _may_change_terms(request, obj):
            for _name, options in self.fieldsets:
                readonly += [f for f in options["fields"] if f not in readonly]
        return readonly

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and not _may_change_terms(request, obj):
            units = obj.parties.filter(unit_id__in=obj.coordinating_unit_ids()).select_related(
                "unit"
            )
            context["terms_locked"] = True
            context["coordinators"] = ", ".join(str(party.unit) for party in units)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and not _may_change_terms(request, obj):
            return {}
        return super().get_prepopulated_fields(request, obj)


class IndicatorInline(ScopedTabularInline):
    model = Indicator
    extra = 0
    fields = ["order", "name", "unit_of_measure", "baseline", "target", "direction"]


class CommitmentForm(VersionCheckedModelForm):
    class Meta:
        model = Commitment
        fields = "__all__"


@admin.register(Commitment)
class CommitmentAdmin(DemoMarkAdmin, SheetImportExportMixin, ScopedAdmin):
    form = CommitmentForm
    resource_classes = [CommitmentResource]
    list_display = [
        "short_title",
        "agreement_title",
        "sector",
        "lead_agency",
        "stage",
        "due_on",
        "demo_mark",
    ]
    list_filter = [CommitmentUnitFilter, "stage", "sector", "agreement"]
    list_select_related = ["agreement", "sector", "lead_agency"]
    search_fields = ["title__unaccent__icontains", "description__unaccent__icontains"]
    date_hierarchy = "due_on"
    autocomplete_fields = [
        "agreement",
        "sector",
        "committing_unit",
        "lead_agency",
        "supporting_agencies",
        "beneficiaries",
        "carried_over_from",
    ]
    inlines = [IndicatorInline]
    fieldsets = [
        (None, {"fields": ["agreement", "sector", "number", "title", "description", "stage"]}),
        (
            _("Ai thực hiện"),
            {"fields": ["committing_unit", "lead_agency", "supporting_agencies", "beneficiaries"]},
        ),
        (_("Thời gian"), {"fields": ["start_on", "due_on", "carried_over_from", "seen_version"]}),
    ]

    # --- columns (fit a 1366 px screen: long names cut, the whole on hover) ----------
    @admin.display(description=_("nội dung hợp tác"), ordering="title")
    def short_title(self, obj: Commitment) -> str:
        return shortened(obj.title, 100)

    @admin.display(description=_("thỏa thuận"), ordering="agreement")
    def agreement_title(self, obj: Commitment) -> str:
        return shortened(obj.agreement.title, 84, keep_end=True)

    @staticmethod
    def is_demo(obj) -> bool:
        return obj.agreement.is_demo

    def get_readonly_fields(self, request, obj=None):
        """A commitment stays in its agreement: its reports are statements made there."""
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, "agreement"] if obj is not None else readonly

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agreement":
            kwargs["queryset"] = access.manageable_agreements(access.actor_for(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("model_name") == "progressreport":  # report form's autocomplete
            actor = access.actor_for(request.user)
            queryset = queryset.filter(pk__in=access.reportable_commitments(actor).values("pk"))
        return queryset, duplicates


@admin.register(Sector)
class SectorAdmin(ScopedAdmin):
    list_display = ["name", "name_en", "order"]
    search_fields = ["name__unaccent__icontains", "name_en"]
    prepopulated_fields = {"slug": ["name"]}


class SuccessionInline(ScopedStackedInline):
    """Where the agency's work went, from which day, and each successor's share."""

    model = AgencySuccession
    fk_name = "predecessor"
    extra = 0
    verbose_name = _("cơ quan kế thừa")
    verbose_name_plural = _(
        "Cơ quan kế thừa (chia tách: ghi phần việc của từng cơ quan; để trống lĩnh vực và "
        "nội dung ở cơ quan nhận phần còn lại)"
    )
    fields = ["successor", "effective_on", "legal_basis", "sectors", "commitments", "note"]
    autocomplete_fields = ["successor", "sectors", "commitments"]


@admin.register(Agency)
class AgencyAdmin(ScopedAdmin):
    list_display = ["name", "unit", "valid_from", "valid_until", "successor_names"]
    list_filter = [("valid_until", admin.EmptyFieldListFilter), "unit__region"]
    list_select_related = ["unit"]
    search_fields = [
        "name__unaccent__icontains",
        "short_name",
        "unit__short_name__unaccent__icontains",
    ]
    autocomplete_fields = ["unit"]
    inlines = [SuccessionInline]
    actions = ["hand_over_to_successors"]

    def get_queryset(self, request):
        from django.db.models import Prefetch

        links = AgencySuccession.objects.select_related("successor").order_by("effective_on")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("successions_out", queryset=links, to_attr="links_out"))
        )

    @admin.display(description=_("cơ quan kế thừa"))
    def successor_names(self, obj: Agency) -> str:
        from django.utils.formats import date_format

        return "; ".join(
            f"{link.successor} ({date_format(link.effective_on, 'SHORT_DATE_FORMAT')})"
            for link in getattr(obj, "links_out", [])
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        actor = access.actor_for(request.user)
        if db_field.name == "unit" and not actor.is_admin:
            from regions.models import AdministrativeUnit

            kwargs["queryset"] = AdministrativeUnit.objects.filter(pk__in=actor.unit_ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_hand_over_permission(self, request) -> bool:
        """Administrators and planning staff; which agencies: their unit's (asked per row)."""
        actor = access.actor_for(request.user)
        return request.user.is_active and actor.is_admin_or_planning

    @admin.action(description=_("Bàn giao cho cơ quan kế thừa"), permissions=["hand_over"])
    def hand_over_to_successors(self, request, queryset):
        """Shows where each commitment and reporter would go today; on confirmation moves
        them in one transaction (``agreements.succession.hand_over``)."""
        from django.contrib import messages
        from django.core.exceptions import PermissionDenied, ValidationError
        from django.template.response import TemplateResponse
        from django.utils import timezone

        from agreements import succession

        agencies = list(queryset.select_related("unit").order_by("pk"))
        if not all(allows(request.user, "agreements.hand_over_agency", a) for a in agencies):
            raise PermissionDenied
        today = timezone.localdate()
        if request.POST.get("post") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": _("Bàn giao cho cơ quan kế thừa"),
                "opts": self.model._meta,
                "plan": succession.handover_plan(agencies, on=today),
                "today": today,
                "queryset": agencies,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/agreements/agency/hand_over.html", context)
        try:
            counts = succession.hand_over(agencies=agencies, on=today, user=request.user)
        except ValidationError as error:
            self.message_user(request, "; ".join(error.messages), messages.ERROR)
            return None
        self.message_user(
            request,
            _(
                "Đã bàn giao: %(led)s nội dung chủ trì, %(supported)s nội dung phối hợp, "
                "%(members)s cán bộ báo cáo; %(kept)s nội dung không thuộc phần nào, giữ nguyên."
            )
            % {
                "led": counts.led,
                "supported": counts.supported,
                "members": counts.members,
                "kept": counts.kept,
            },
            messages.SUCCESS,
        )
        if counts.without_successor:
            self.message_user(
                request,
                _("Chưa có cơ quan kế thừa có hiệu lực: %(names)s.")
                % {"names": ", ".join(counts.without_successor)},
                messages.WARNING,
            )
        return None

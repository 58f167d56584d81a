from django.contrib import admin

from agreements.models import (
    Agency,
    Agreement,
    AgreementDocument,
    AgreementParty,
    Commitment,
    Indicator,
    Sector,
)


class PartyInline(admin.TabularInline):
    model = AgreementParty
    extra = 0
    autocomplete_fields = ["unit"]


class DocumentInline(admin.StackedInline):
    model = AgreementDocument
    extra = 0
    autocomplete_fields = ["issuing_unit"]


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 0
    fields = ["number", "sector", "title", "committing_unit", "lead_agency", "stage", "due_on"]
    autocomplete_fields = ["sector", "committing_unit", "lead_agency"]
    show_change_link = True


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "signed_on", "term_start", "term_end", "status_override"]
    list_filter = ["kind", "status_override", "sectors"]
    search_fields = ["title", "document_number", "parties__unit__short_name"]
    date_hierarchy = "signed_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["predecessor"]
    filter_horizontal = ["sectors"]
    inlines = [PartyInline, CommitmentInline, DocumentInline]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ["title", "agreement", "sector", "lead_agency", "stage", "due_on"]
    list_filter = ["stage", "sector", "agreement"]
    list_select_related = ["agreement", "sector", "lead_agency"]
    search_fields = ["title", "description"]
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


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "order"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "valid_from", "valid_until", "successor"]
    list_filter = [("valid_until", admin.EmptyFieldListFilter)]
    list_select_related = ["unit", "successor"]
    search_fields = ["name", "short_name", "unit__short_name"]
    autocomplete_fields = ["unit", "successor"]

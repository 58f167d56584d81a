from django.contrib import admin

from portal.lib.admin_params import CheckedListParamsAdmin
from regions.models import AdministrativeUnit, SocioEconomicRegion, UnitName, UnitSuccession


class SuccessorInline(admin.TabularInline):
    model = UnitSuccession
    fk_name = "predecessor"
    extra = 0
    autocomplete_fields = ["successor"]
    verbose_name_plural = "Nay thuộc"


class PredecessorInline(admin.TabularInline):
    model = UnitSuccession
    fk_name = "successor"
    extra = 0
    autocomplete_fields = ["predecessor"]
    verbose_name_plural = "Hợp nhất từ"


class NameInline(admin.TabularInline):
    """The unit's names and kinds over time; the latest is also the unit's own name."""

    model = UnitName
    extra = 0
    fields = ["name", "short_name", "kind", "valid_from", "valid_until", "legal_basis"]
    verbose_name_plural = "Tên và loại theo thời gian"


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(CheckedListParamsAdmin, admin.ModelAdmin):
    list_display = ["short_name", "code", "kind", "region", "valid_from", "valid_until"]
    list_filter = ["kind", "region", ("valid_until", admin.EmptyFieldListFilter)]
    search_fields = ["short_name", "name", "key", "=code"]
    list_select_related = ["region"]
    inlines = [NameInline, PredecessorInline, SuccessorInline]


@admin.register(SocioEconomicRegion)
class SocioEconomicRegionAdmin(CheckedListParamsAdmin, admin.ModelAdmin):
    list_display = ["name", "name_en", "order", "source"]
    search_fields = ["name", "name_en"]

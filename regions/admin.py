from django.contrib import admin

from portal.lib.admin_params import CheckedListParamsAdmin
from regions.models import AdministrativeUnit, SocioEconomicRegion, UnitSuccession


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


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(CheckedListParamsAdmin, admin.ModelAdmin):
    list_display = ["short_name", "code", "kind", "region", "valid_from", "valid_until"]
    list_filter = ["kind", "region", ("valid_until", admin.EmptyFieldListFilter)]
    search_fields = ["short_name", "name", "key", "=code"]
    list_select_related = ["region"]
    inlines = [PredecessorInline, SuccessorInline]


@admin.register(SocioEconomicRegion)
class SocioEconomicRegionAdmin(CheckedListParamsAdmin, admin.ModelAdmin):
    list_display = ["name", "name_en", "order", "source"]
    search_fields = ["name", "name_en"]

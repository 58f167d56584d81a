"""Users and their roles, beside ``Membership``: only administrators manage users, and a
user's role (``agreements.roles``) decides their groups."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy

from agreements.models import Membership
from agreements.roles import sync_groups
from portal.lib.admin_params import CheckedListParamsAdmin
from portal.lib.authz import allows


class MembershipInline(admin.StackedInline):
    model = Membership
    can_delete = False
    autocomplete_fields = ["unit", "agency"]


admin.site.unregister(User)  # Django's own, replaced by this one


@admin.register(User)
class PortalUserAdmin(CheckedListParamsAdmin, UserAdmin):
    """Only administrators manage users; the role decides the groups."""

    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "role", "is_active"]
    list_select_related = ["membership", "membership__unit", "membership__agency"]

    @admin.display(description=gettext_lazy("vai trò"))
    def role(self, obj: User) -> str:
        membership = getattr(obj, "membership", None)
        return str(membership) if membership else "—"

    def _is_admin(self, request) -> bool:
        return allows(request.user, "auth.manage_users")

    def has_view_permission(self, request, obj=None):
        return self._is_admin(request)

    def has_add_permission(self, request):
        return self._is_admin(request)

    def has_change_permission(self, request, obj=None):
        return self._is_admin(request)

    def has_delete_permission(self, request, obj=None):
        return self._is_admin(request)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        membership = Membership.objects.filter(user=form.instance).first()
        if membership is not None:
            sync_groups(form.instance, membership.role)

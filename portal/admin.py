"""Users and their roles (administrators only), and the list checks of other apps' admins."""

from __future__ import annotations

from axes import admin as axes_admin
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy
from django_tasks_db.models import DBTaskResult

from agreements.models import Membership
from portal.lib.admin_params import CheckedListParamsAdmin, check_lists_of_apps
from portal.lib.authz import allows
from reports.roles import sync_groups


class MembershipInline(admin.StackedInline):
    model = Membership
    can_delete = False
    autocomplete_fields = ["unit", "agency"]


admin.site.unregister(User)
# The background worker's queue (django-tasks-db registers it) is not a staff page: each
# file's state is on its own job page (reports/job_views.py), seen by who may have the file.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


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


class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    """django-axes' list of locked logins with its "status" column named (it has no
    description, so the column header was the English method name)."""

    @admin.display(description=gettext_lazy("trạng thái"))
    def status(self, obj: AccessAttempt) -> str:
        return super().status(obj)


admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, AccessAttemptAdmin)

check_lists_of_apps(admin.site, "axes", "auth")  # their list parameters too

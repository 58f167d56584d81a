"""The admins of the libraries: django-axes' locked logins named in Vietnamese, the worker's
queue hidden, and the list checks of other apps' admins. Users and roles are in
``agreements/admin_users.py``, beside ``Membership``."""

from __future__ import annotations

from axes import admin as axes_admin
from axes.models import AccessAttempt
from django.contrib import admin
from django.utils.translation import gettext_lazy
from django_tasks_db.models import DBTaskResult

from portal.lib.admin_params import check_lists_of_apps

# The background worker's queue (django-tasks-db registers it) is not a staff page: each
# file's state is on its own job page (reports/views/downloads.py), seen by who may have
# the file.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    """django-axes' list of locked logins with its "status" column named (it has no
    description, so the column header was the English method name)."""

    @admin.display(description=gettext_lazy("trạng thái"))
    def status(self, obj: AccessAttempt) -> str:
        return super().status(obj)


admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, AccessAttemptAdmin)

check_lists_of_apps(admin.site, "axes", "auth")  # their list parameters too

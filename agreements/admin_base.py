"""Admin classes that ask ``agreements.access`` before showing or changing an object.

Django's model permissions (from the role's group) say which *kind* of object a
user may touch; the hooks here add which *objects*: ``can_change_object`` for
change and delete, ``scope_queryset`` for what the changelist shows. Inlines
follow their parent object.
"""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from agreements.access import Actor, actor_for


class LocalizedNumbers:
    """Decimal fields read and show "1.234,5", as Vietnamese staff type them."""

    formfield_overrides = {models.DecimalField: {"localize": True}}


class ScopedAdmin(LocalizedNumbers, SimpleHistoryAdmin):
    """Model permissions from the role, object permissions from the access rules."""

    def actor(self, request: HttpRequest) -> Actor:
        return actor_for(request.user)

    # Hooks for subclasses -----------------------------------------------------
    def scope_queryset(self, actor: Actor, queryset: QuerySet) -> QuerySet:
        return queryset

    def can_change_object(self, actor: Actor, obj) -> bool:
        return True

    # Django's permission API --------------------------------------------------
    def get_queryset(self, request):
        return self.scope_queryset(self.actor(request), super().get_queryset(request))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        return self.can_change_object(self.actor(request), obj)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        return self.can_change_object(self.actor(request), obj)

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        return self.scope_queryset(
            self.actor(request), self.model.objects.filter(pk=obj.pk)
        ).exists()


class ParentScopedInline(LocalizedNumbers):
    """An inline may be changed exactly when its parent object may be."""

    def _parent_admin(self):
        return self.admin_site._registry[self.parent_model]

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._parent_allows(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._parent_allows(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._parent_allows(request, obj)

    def _parent_allows(self, request, obj) -> bool:
        if obj is None or obj.pk is None:
            return True  # adding the parent: the parent's add permission decides
        return self._parent_admin().has_change_permission(request, obj)


class ScopedTabularInline(ParentScopedInline, admin.TabularInline):
    pass


class ScopedStackedInline(ParentScopedInline, admin.StackedInline):
    pass

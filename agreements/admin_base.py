"""Admin classes that ask the one authority (``portal/permissions.py``) for every object.

Django's model permissions (from the role's group) say which *kind* of object a user may
touch; ``user.has_perm("app.action_model", obj)`` says which *objects*. Every change,
delete and view of an object, every inline row, the object after the form has changed it
(so nothing can be moved out of reach), and the history pages ask it. ``scope_queryset``
narrows what lists show, since object rules do not filter lists.

History: revisions are read-only (``SIMPLE_HISTORY_REVERT_DISABLED``; the revision page
refuses every POST), visible to whoever may view the object now, and a model may hide
revisions the user may not see (``visible_revisions``). A model without history keeps
Django's own change log.
"""

from __future__ import annotations

import datetime
import decimal

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from agreements.access import Actor, actor_for
from portal.lib.admin_params import CheckedListParamsAdmin
from portal.lib.authz import allows
from portal.lib.versioning import VersionCheckedModelForm, has_version, with_seen_version


def perm_name(model, action: str) -> str:
    opts = model._meta
    return f"{opts.app_label}.{action}_{opts.model_name}"


def may(request: HttpRequest, action: str, obj) -> bool:
    """Ask the authority whether the user may ``action`` this object."""
    return allows(request.user, perm_name(type(obj), action), obj)


class LocalizedNumbers:
    """Decimal fields read and show "1.234,5", as Vietnamese staff type them."""

    formfield_overrides = {models.DecimalField: {"localize": True}}


class ScopedAdmin(CheckedListParamsAdmin, LocalizedNumbers, SimpleHistoryAdmin):
    """Model permissions from the role, object permissions from the authority.

    Forms refuse to save over a newer save (the version seen travels with the form).
    """

    form = VersionCheckedModelForm

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        if not _has_history(model):
            self.object_history_template = None  # Django's change log, Django's template

    def get_form(self, request, obj=None, change=False, **kwargs):
        if self.form is VersionCheckedModelForm and not has_version(self.model):
            kwargs.setdefault("form", forms.ModelForm)  # catalogues: no edit conflicts kept
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        return with_seen_version(self.model, super().get_fieldsets(request, obj))

    def actor(self, request: HttpRequest) -> Actor:
        return actor_for(request.user)

    def scope_queryset(self, actor: Actor, queryset: QuerySet) -> QuerySet:
        """What the lists show (hook for subclasses)."""
        return queryset

    # Django's permission API --------------------------------------------------
    def get_queryset(self, request):
        return self.scope_queryset(self.actor(request), super().get_queryset(request))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may(request, "change", obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or may(request, "delete", obj))

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        return may(request, "view", obj) or self.has_change_permission(request, obj)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if issubclass(inline.formset, RowCheckedFormSet):
            kwargs["user"] = request.user
        return kwargs

    def save_model(self, request, obj, form, change):
        """The object as the form left it must still be the user's (no moving it away)."""
        action = "change" if change else "add"
        if not allows(request.user, perm_name(type(obj), action), obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    # History ----------------------------------------------------------------------
    def get_urls(self):
        if _has_history(self.model):
            return super().get_urls()
        return admin.ModelAdmin.get_urls(self)

    def history_view(self, request, object_id, extra_context=None):
        if not _has_history(self.model):
            return admin.ModelAdmin.history_view(self, request, object_id, extra_context)
        self._current_object(request, object_id)  # 404 outside the user's view
        return super().history_view(request, object_id, extra_context)

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        records = super().get_history_queryset(request, history_manager, pk_name, object_id)
        obj = self._current_object(request, object_id)
        return self.visible_revisions(request, obj, records)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """One revision as a read-only table: never a form, never a revert."""
        if request.method != "GET":
            raise PermissionDenied
        obj = self._current_object(request, object_id)
        history = getattr(self.model, self.model._meta.simple_history_manager_attribute)
        revisions = self.visible_revisions(
            request, obj, history.filter(**{self.model._meta.pk.attname: obj.pk})
        )
        revision = revisions.filter(history_id=version_id if _is_pk(version_id) else None).first()
        if revision is None:
            raise Http404
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Phiên bản ngày %(day)s của %(obj)s")
            % {
                "day": date_format(localtime(revision.history_date), "SHORT_DATETIME_FORMAT"),
                "obj": obj,
            },
            "opts": opts,
            "original": obj,
            "revision": revision,
            "rows": _revision_rows(self.model, revision),
            "history_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk]
            ),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/revision_detail.html", context)

    def revert_disabled(self, request, obj=None):
        return True

    def visible_revisions(self, request, obj, records: QuerySet) -> QuerySet:
        """The revisions of ``obj`` this user may read (hook for subclasses)."""
        return records

    def _current_object(self, request, object_id):
        obj = self.get_queryset(request).filter(pk=object_id).first() if _is_pk(object_id) else None
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404
        return obj


def _revision_rows(model, revision) -> list[tuple[str, object]]:
    """(label, value) of each field as the revision stored it, choices and links shown."""
    rows = []
    for field in model._meta.concrete_fields:
        skipped = ("id", "version", "created_at", "updated_at")  # the revision has its date
        if field.name in skipped or not hasattr(revision, field.attname):
            continue
        if field.choices:
            value = getattr(revision, f"get_{field.name}_display")()
        elif field.is_relation:
            value = (
                getattr(revision, field.name, None) if getattr(revision, field.attname) else None
            )
        else:
            value = getattr(revision, field.attname)
            if isinstance(value, datetime.datetime):
                value = date_format(localtime(value), "SHORT_DATETIME_FORMAT")
            elif isinstance(value, datetime.date):
                value = date_format(value, "SHORT_DATE_FORMAT")
            elif isinstance(value, decimal.Decimal):
                value = number_format(value, force_grouping=True)
        rows.append((capfirst(str(field.verbose_name)), value))
    return rows


def _is_pk(value) -> bool:
    return str(value).isdigit() and len(str(value)) < 19


def _has_history(model) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


class RowCheckedFormSet(forms.BaseInlineFormSet):
    """Each inline row is changed, deleted or added only if the authority allows that row.

    Rows the user may not change are shown disabled, so their values come from the
    database whatever the request says; ``clean`` checks every row again, as it was and as
    the form would leave it, so nothing can be moved in or out of the user's reach.
    """

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        instance = form.instance
        if self.user is not None and instance.pk is not None:
            if not self._may("change", instance):
                for name, field in form.fields.items():
                    if name != "id" and not (name == "DELETE" and self._may("delete", instance)):
                        field.disabled = True
            elif "DELETE" in form.fields and not self._may("delete", instance):
                form.fields["DELETE"].disabled = True
        return form

    def _may(self, action: str, obj) -> bool:
        return allows(self.user, perm_name(type(obj), action), obj)

    def clean(self):
        super().clean()
        if self.user is None or self.instance.pk is None:
            return  # adding the parent: its own add permission and save_model decide
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.has_changed():
                continue
            instance = form.instance
            if instance.pk is None:
                refused = not self._may("add", instance)
            elif form.cleaned_data.get("DELETE"):
                refused = not self._may("delete", type(instance).objects.get(pk=instance.pk))
            else:
                before = type(instance).objects.get(pk=instance.pk)
                refused = not (self._may("change", before) and self._may("change", instance))
            if refused:
                raise forms.ValidationError(
                    _refused_row_message(), code="row_refused", params={"row": str(instance)}
                )


def _refused_row_message():
    return _("Bạn không có quyền thay đổi dòng “%(row)s”: dòng này thuộc đơn vị khác.")


class ParentScopedInline(LocalizedNumbers):
    """An inline is shown when its parent may be seen; each row asks the authority."""

    formset = RowCheckedFormSet
    form = VersionCheckedModelForm

    def get_formset(self, request, obj=None, **kwargs):
        if self.form is VersionCheckedModelForm and not has_version(self.model):
            kwargs.setdefault("form", forms.ModelForm)
        return super().get_formset(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        return with_seen_version(self.model, super().get_fieldsets(request, obj))

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

"""Documents attached to an agreement: who sees them listed, and their download.

A document's file lives in MEDIA_ROOT, which is never served as such: every download goes
through ``download``, which asks the one authority (``portal/permissions.py``) on the
server. A public document (``is_public``) is for anyone; an internal one for the planning
staff of the agreement's parties and administrators — the people who get the agreement's
staff workbooks. Viewers, department reporters and other units' staff are refused, and
are told nothing more than a missing document would tell them (404).
"""

from __future__ import annotations

from django.contrib.admin.widgets import AdminFileWidget
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from agreements import access
from agreements.document_files import TYPES
from agreements.models import Agreement, AgreementDocument
from portal.lib.audit import security_event
from portal.lib.authz import allows

DOWNLOAD = "agreements.download_agreementdocument"


def may_download(user: User | AnonymousUser, document: AgreementDocument) -> bool:
    # ``allows`` refuses every inactive user, anonymous visitors included: ask public first
    return document.is_public or allows(user, DOWNLOAD, document)


def sees_internal_documents(user: User | AnonymousUser, agreement: Agreement) -> bool:
    """Whether the user may see this agreement's internal documents (the rule depends on
    the agreement only, so it is asked once for an unsaved internal document of it)."""
    return allows(user, DOWNLOAD, AgreementDocument(agreement=agreement, is_public=False))


def documents_for_page(user: User | AnonymousUser, agreement: Agreement) -> list:
    """The agreement's documents this user may see, in one query."""
    documents = agreement.documents.select_related("issuing_unit")
    if not sees_internal_documents(user, agreement):
        documents = documents.filter(is_public=True)
    return list(documents)


def visible_documents(user: User | AnonymousUser, documents: QuerySet) -> QuerySet:
    """Narrows a queryset of documents to those the user may see (admin inline)."""
    actor = access.actor_for(user)
    if actor.is_admin:
        return documents
    if actor.is_planning:
        return documents.filter(
            Q(is_public=True) | Q(agreement__in=access.manageable_agreements(actor))
        )
    return documents.filter(is_public=True)


@require_safe
def download(request: HttpRequest, slug: str, pk: int, filename: str) -> HttpResponse:
    """The file, as an attachment, to whoever may have it; 404 to anyone else."""
    document = (
        AgreementDocument.objects.select_related("agreement")
        .filter(pk=pk, agreement__slug=slug)
        .exclude(file="")
        .first()
    )
    if document is None or not may_download(request.user, document):
        raise Http404
    if filename != document.download_name:  # renamed since the link was made
        return redirect(document.get_download_url())
    kind = TYPES.get(document.file_extension)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    if not document.is_public:
        security_event(
            "download", request=request, file=document.download_name, document=str(document.pk)
        )
    # a file stored before uploads were checked (say a .doc) goes as opaque bytes
    content_type = kind.content_type if kind else "application/octet-stream"
    response = FileResponse(
        handle, as_attachment=True, filename=document.download_name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    if not document.is_public:
        patch_cache_control(response, private=True, no_store=True)
    return response


class _CurrentFile:
    """What the admin's file widget links to: the checked download, not MEDIA_URL."""

    def __init__(self, document: AgreementDocument):
        self.url = document.get_download_url()
        self.name = document.download_name

    def __str__(self) -> str:
        return self.name


class DocumentFileInput(AdminFileWidget):
    """The admin's file input; the current file links to ``download`` and the browser
    offers the three accepted types (the server checks the content all the same)."""

    def __init__(self, attrs=None):
        super().__init__({"accept": ".pdf,.docx,.xlsx", **(attrs or {})})

    def format_value(self, value):
        if self.is_initial(value) and getattr(value.instance, "pk", None):
            return _CurrentFile(value.instance)
        return super().format_value(value)

"""Admin import and export of spreadsheets: .xlsx and .csv, all or nothing.

Mixed in before the project's ``ScopedAdmin`` (``class X(SheetImportExportMixin,
ScopedAdmin)``), so the changelist gets Import and Export buttons while history,
scoping and permissions stay as they are. Import is offered to whoever may add the
model, export to whoever may view it, and only the rows they may see are exported.
The library's pages run as they are; the rows go through the model's resource
(``portal.lib.sheet_resource``) to its import service, which writes all or nothing.

Only the library's documented options and hooks are used: ``import_form_class``,
``tmp_storage_class``, ``import_template_name``, ``get_confirm_form_initial`` and
``get_confirm_form_kwargs``, ``write_to_tmp_storage``, ``process_result``,
``add_data_read_fail_error_to_form``, ``get_data_for_export``, and
``import_action``/``process_import`` wrapped around the library's own (never copied).

Between the preview and the confirmation the upload is kept server-side under a random
token bound to the user's session (``portal.lib.import_uploads``): the confirm step
takes nothing from the form but that token. Uploads are refused past the size, row and
archive limits (``portal.lib.upload_limits``). Confirmed and refused imports go to the
security log.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from import_export.admin import ImportExportMixin
from import_export.forms import ExportForm, ImportForm
from import_export.results import RowResult

from portal.lib import import_uploads
from portal.lib.audit import security_event
from portal.lib.authz import allows
from portal.lib.file_picker import FilePickerInput
from portal.lib.import_uploads import KeptUploadStorage, UploadGone
from portal.lib.importing import CsvFormat, ImportFileError, XlsxFormat, describe_errors
from portal.lib.upload_limits import check_size

SHEET_FORMATS = [XlsxFormat, CsvFormat]
MAX_MESSAGES = 30


class SheetImportForm(ImportForm):
    """Refuses a file whose name does not end with the chosen format's extension.

    Its file button and "no file" text are the page's, in the page's language."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.sheet_formats = formats
        upload = self.fields["import_file"]
        upload.widget = FilePickerInput(attrs=upload.widget.attrs)

    def clean(self):
        cleaned = super().clean()
        upload, chosen = cleaned.get("import_file"), cleaned.get("format")
        if upload:
            try:
                check_size(upload.size)
            except ImportFileError as error:
                self.add_error("import_file", str(error))
                return cleaned
        if upload and chosen not in (None, ""):
            extension = self.sheet_formats[int(chosen)]().get_extension()
            if not upload.name.lower().endswith(f".{extension}"):
                self.add_error(
                    "import_file",
                    _("Tệp “%(name)s” không phải tệp .%(ext)s; chỉ nhận tệp .xlsx hoặc .csv.")
                    % {"name": upload.name, "ext": extension},
                )
        return cleaned


class SheetImportExportMixin(ImportExportMixin):
    formats = import_formats = export_formats = SHEET_FORMATS
    import_form_class = SheetImportForm
    # Every export has the import's columns, so a file can be edited and imported back;
    # the library's column picker would also show the columns' English attribute names
    # and needs an inline script the CSP refuses.
    export_form_class = ExportForm
    import_template_name = "admin/import_export/sheet_import.html"
    to_encoding = "utf-8-sig"  # Excel reads UTF-8 CSV correctly only with the BOM
    tmp_storage_class = KeptUploadStorage

    # --- the kept upload: preview, confirm, cancel ---------------------------------------
    def get_urls(self):
        app_label, model_name = self.get_model_info()
        cancel = path(
            "import/cancel/",
            self.admin_site.admin_view(self.cancel_import),
            name=f"{app_label}_{model_name}_cancel_import",
        )
        return [cancel, *super().get_urls()]

    def write_to_tmp_storage(self, import_file, input_format):
        storage = self.get_tmp_storage_class()(**self.get_tmp_storage_class_kwargs())
        storage.save_chunks(import_file.chunks())  # to disk as it comes, never ``data += chunk``
        return storage

    def import_action(self, request, **kwargs):
        if request.method != "POST":
            return super().import_action(request, **kwargs)
        import_uploads.sweep(request)
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        if context.get("confirm_form") is None:  # nothing to confirm: nothing kept
            form = context.get("form")
            upload = request.FILES.get("import_file")  # import-export notes the token on it
            if token := getattr(upload, "tmp_storage_name", None):
                KeptUploadStorage(name=token).remove()
            if form is not None and form.errors:
                reason = " ".join(str(e) for errors in form.errors.values() for e in errors)
                self._log(request, result="refused", rows=0, reason=reason[:300])
        return response

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            import_uploads.remember(
                request,
                token=initial["import_file_name"],
                model=self.opts.label_lower,
                format=initial["format"],
                resource=initial["resource"],
                name=initial["original_file_name"],
            )
        return initial

    def get_confirm_form_kwargs(self, request, import_form=None):
        kwargs = super().get_confirm_form_kwargs(request, import_form)
        kept = getattr(request, "_kept_upload", None)
        if import_form is None and kept is not None:  # what was previewed, not what is posted
            kwargs["data"] = {
                "import_file_name": kept.token,
                "original_file_name": kept.name,
                "format": kept.format,
                "resource": kept.resource,
            }
        return kwargs

    def process_import(self, request, **kwargs):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_import_permission(request):
            raise PermissionDenied
        kept = import_uploads.take(
            request, request.POST.get("import_file_name"), model=self.opts.label_lower
        )
        if kept is None:
            return self._upload_lost(request, reason="unknown, expired or foreign upload token")
        request._kept_upload = kept
        try:
            return super().process_import(request, **kwargs)
        except UploadGone:
            return self._upload_lost(request, reason="kept file already gone")
        finally:
            kept.discard()

    def cancel_import(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_import_permission(request):
            raise PermissionDenied
        kept = import_uploads.take(
            request, request.POST.get("import_file_name"), model=self.opts.label_lower
        )
        if kept is not None:
            kept.discard()
            messages.info(request, _("Đã hủy lần nhập; tệp đã tải lên đã được xóa."))
        app_label, model_name = self.get_model_info()
        return HttpResponseRedirect(
            reverse(f"admin:{app_label}_{model_name}_changelist", current_app=self.admin_site.name)
        )

    def _upload_lost(self, request, *, reason: str):
        self._log(request, result="refused", rows=0, reason=reason)
        messages.error(
            request,
            _(
                "Không còn tệp của lần nhập này (đã nhập, đã hủy, quá hạn hoặc không phải "
                "của bạn). Hãy tải tệp lên lại."
            ),
        )
        return HttpResponseRedirect(self._import_url())

    def _import_url(self) -> str:
        app_label, model_name = self.get_model_info()
        return reverse(f"admin:{app_label}_{model_name}_import", current_app=self.admin_site.name)

    def _log(self, request, *, result: str, rows: int, reason: str = "", **counts) -> None:
        security_event(
            "import",
            request=request,
            model=self.opts.label_lower,
            rows=rows,
            result=result,
            reason=reason,
            **counts,
        )

    def has_import_permission(self, request):
        opts = self.model._meta
        return self.has_add_permission(request) and allows(
            request.user, f"{opts.app_label}.import_{opts.model_name}"
        )

    def has_export_permission(self, request):
        opts = self.model._meta
        return self.has_view_permission(request) and allows(
            request.user, f"{opts.app_label}.export_{opts.model_name}"
        )

    def add_data_read_fail_error_to_form(self, form, error):
        if isinstance(error, ImportFileError):
            message = str(error)
        elif isinstance(error, UnicodeDecodeError):
            message = _(
                "Tệp CSV phải mã hóa UTF-8 (trong Excel chọn lưu dạng “CSV UTF-8”), "
                "hoặc dùng tệp .xlsx."
            )
        else:
            message = _("Không đọc được tệp; hãy kiểm tra tệp đúng định dạng đã chọn.")
        form.add_error("import_file", message)

    def process_result(self, result, request):
        """The confirmed import: when it failed after all, say why instead of "finished"."""
        if result.has_errors() or result.has_validation_errors():
            lines = describe_errors(result)
            self._log(request, result="refused", rows=result.total_rows, reason=lines[0][:300])
            for line in lines[:MAX_MESSAGES]:
                messages.error(request, line)
            messages.error(request, _("Tệp có lỗi nên không dòng nào được ghi."))
            return HttpResponseRedirect(self._import_url())
        totals = result.totals
        self._log(
            request,
            result="ok",
            rows=result.total_rows,
            new=totals[RowResult.IMPORT_TYPE_NEW],
            updated=totals[RowResult.IMPORT_TYPE_UPDATE],
            skipped=totals[RowResult.IMPORT_TYPE_SKIP],
        )
        return super().process_result(result, request)

    def get_data_for_export(self, request, queryset, **kwargs):
        """Numbers and dates stay native in a workbook (CSV writes them the Vietnamese way).

        The library's ``get_export_data`` decides ``force_native_type`` by exact class
        (``type(file_format) in BINARY_FORMATS``), and our .xlsx format is a subclass of
        its own; this documented hook of ``BaseExportMixin`` sets the flag from the
        format chosen in the export form, then lets the library do the rest.
        """
        form = kwargs.get("export_form")
        if form is not None and form.is_valid():
            chosen = self.get_export_formats()[int(form.cleaned_data["format"])]
            kwargs["force_native_type"] = chosen().is_binary()
        return super().get_data_for_export(request, queryset, **kwargs)

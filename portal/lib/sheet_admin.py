"""Admin import and export of spreadsheets: .xlsx and .csv, all or nothing.

Mixed in before the project's ``ScopedAdmin`` (``class X(SheetImportExportMixin,
ScopedAdmin)``), so the changelist gets Import and Export buttons while history,
scoping and permissions stay as they are. Import is offered to whoever may add the
model, export to whoever may view it, and only the rows they may see are exported.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from import_export.admin import ImportExportMixin
from import_export.forms import ImportForm

from portal.lib.importing import CsvFormat, ImportFileError, XlsxFormat, describe_errors

SHEET_FORMATS = [XlsxFormat, CsvFormat]
MAX_MESSAGES = 30


class SheetImportForm(ImportForm):
    """Refuses a file whose name does not end with the chosen format's extension."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.sheet_formats = formats

    def clean(self):
        cleaned = super().clean()
        upload, chosen = cleaned.get("import_file"), cleaned.get("format")
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
    import_template_name = "admin/import_export/sheet_import.html"
    to_encoding = "utf-8-sig"  # Excel reads UTF-8 CSV correctly only with the BOM

    def has_import_permission(self, request):
        return self.has_add_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        kwargs.setdefault("use_transactions", True)
        kwargs.setdefault("rollback_on_validation_errors", True)
        return kwargs

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
            for line in lines[:MAX_MESSAGES]:
                messages.error(request, line)
            messages.error(request, _("Tệp có lỗi nên không dòng nào được ghi."))
            app_label, model_name = self.get_model_info()
            url = reverse(
                f"admin:{app_label}_{model_name}_import", current_app=self.admin_site.name
            )
            return HttpResponseRedirect(url)
        return super().process_result(result, request)

    def get_export_data(self, file_format, request, queryset, **kwargs):
        # import-export decides "native types" by exact class; ours are subclasses
        if not self.has_export_permission(request):
            raise PermissionDenied
        data = self.get_data_for_export(
            request, queryset, force_native_type=file_format.is_binary(), **kwargs
        )
        export_data = file_format.export_data(data)
        encoding = kwargs.get("encoding")
        if not file_format.is_binary() and encoding:
            export_data = export_data.encode(encoding)
        return export_data

"""Report page keys: the only module that spells out its key strings."""

from __future__ import annotations

from typing import Final

#: The last usage log re-priced on the Re-price page, as plain data (summary, reconciliation
#: per model): the report may include it. Set by :func:`pages.ui.report.usage.remember`.
LAST_USAGE: Final = "report_last_usage"
USE_LAST: Final = "report_use_last_usage"
SUMMARY: Final = "report_usage_summary"  # uploaded reprice --json summary
UPLOAD: Final = "report_upload"  # scenario YAML uploader
PDF: Final = "report_pdf"  # {report key: PDF bytes} made on request
DOWNLOAD_HTML: Final = "report_download_html"
DOWNLOAD_MD: Final = "report_download_md"
DOWNLOAD_PDF: Final = "report_download_pdf"
DOWNLOAD_YAML: Final = "report_download_yaml"
MAKE_PDF: Final = "report_make_pdf"
USE_LAST_CALLS: Final = "report_use_last_test_call"
CALL_FILES: Final = "report_test_call_files"  # uploaded test-call evidence files

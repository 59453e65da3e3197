"""The report as PDF: Chromium's own print-to-PDF, driven by Playwright (DESIGN §7), so
the PDF is the HTML version as a browser prints it — print CSS, charts included.

Needs the ``playwright`` package (pinned in requirements.txt) and a Chromium binary:
``/usr/bin/chromium`` (Debian's ``chromium`` package) or the path in ``GATEWISE_CHROMIUM``.
Playwright's own browser download is never used. The page is loaded offline (every request
is refused), which also proves the HTML needs nothing from the network.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Final

CHROMIUM_ENV: Final = "GATEWISE_CHROMIUM"
DEFAULT_CHROMIUM: Final = Path("/usr/bin/chromium")
FLAGS: Final = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)
#: Chart width on an A4 page with 12 mm margins (about 700 CSS pixels of content).
PRINT_CHART_WIDTH: Final = 680
TIMEOUT_MS: Final = 60_000
_FOOTER = (
    '<div style="font-size:8px;width:100%;text-align:center;color:#5b6472;'
    'font-family:system-ui,sans-serif"><span class="pageNumber"></span> / '
    '<span class="totalPages"></span></div>'
)


class PdfUnavailableError(RuntimeError):
    """PDF cannot be made here; the message says what is missing, in one line."""


def chromium_path() -> Path | None:
    """The Chromium binary to print with, if there is one."""
    override = os.environ.get(CHROMIUM_ENV)
    path = Path(override) if override else DEFAULT_CHROMIUM
    return path if path.is_file() and os.access(path, os.X_OK) else None


def unavailable_reason() -> str | None:
    """Why PDF cannot be made here (None: it can)."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "PDF needs the playwright package: pip install playwright==1.65.2"
    if chromium_path() is None:
        where = os.environ.get(CHROMIUM_ENV) or str(DEFAULT_CHROMIUM)
        return (
            f"PDF needs Chromium, not found at {where}: install it (Debian: apt-get install "
            f"chromium) or set {CHROMIUM_ENV} to its path"
        )
    return None


def html_to_pdf(html: str) -> bytes:
    """Print ``html`` to an A4 PDF with Chromium; :class:`PdfUnavailableError` if it cannot."""
    reason = unavailable_reason()
    if reason:
        raise PdfUnavailableError(reason)
    # Playwright's sync API refuses to run on a thread with an asyncio loop (a Streamlit
    # server's, say): a worker thread of its own never has one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_print, html).result()


def _print(html: str) -> bytes:
    from playwright.sync_api import Error, sync_playwright

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(chromium_path()), args=list(FLAGS))
            try:
                page = browser.new_page(viewport={"width": 794, "height": 1123})
                page.route("**/*", lambda route: route.abort())
                page.set_content(html, wait_until="load", timeout=TIMEOUT_MS)
                page.wait_for_function(
                    "document.documentElement.getAttribute('data-charts') === 'ready'",
                    timeout=TIMEOUT_MS,
                )
                page.emulate_media(media="print")
                page.evaluate(
                    "(w) => Promise.all([...document.querySelectorAll('.plot')]"
                    ".map(el => Plotly.relayout(el, {width: w, autosize: false})))",
                    PRINT_CHART_WIDTH,
                )
                return page.pdf(
                    format="A4",
                    print_background=True,
                    display_header_footer=True,
                    header_template="<div></div>",
                    footer_template=_FOOTER,
                    margin={"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"},
                )
            finally:
                browser.close()
    except Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise PdfUnavailableError(f"Chromium could not print the report: {first[:200]}") from None

"""Markdown injection in Chromium (issue 8, item 11): a hostile model name, header name or
workload name in an uploaded file renders as the characters it is — no bold, no link, no
image (and no request for it), no colour directive, no KaTeX. The escaping itself is
checked per surface in tests/app/test_injection_pages.py."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from pages.ui.safe import no_autolink
from tests.browser.conftest import StreamlitServer, wait_for_app
from tests.usage.readers.bad.make_corpus import HOSTILE_MODEL

HOSTILE_HEADER = "**h** [l](https://evil.example/h)"


def _watch_requests(page: Page) -> list[str]:
    """Every URL the page asks for (the image in the name must never be fetched)."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def assert_rendered_as_text(page: Page, requests: list[str]) -> None:
    """Nothing of HOSTILE_MODEL / HOSTILE_HEADER became markup anywhere on the page."""
    main = page.get_by_test_id("stMain")
    for bold in ("x", "h"):
        expect(
            main.locator("strong").filter(has_text=re.compile(rf"^\s*{bold}\s*$"))
        ).to_have_count(0)
    # Escapes alone left autolink literals live: https://… became a link (safe.WORD_JOINER).
    expect(main.locator("a[href*='evil.example'], a[href*='127.0.0.1:9']")).to_have_count(0)
    expect(main.locator("img[src*='127.0.0.1:9']")).to_have_count(0)
    expect(main.locator(".katex, .katex-mathml, math")).to_have_count(0)
    colored = "[class*='stMarkdownColored'], [data-testid*='stMarkdownColored']"
    expect(main.locator(colored)).to_have_count(0)
    assert not [u for u in requests if "127.0.0.1:9/" in u or "evil.example" in u], requests


def test_hostile_names_in_an_uploaded_log_stay_plain_text(
    page: Page,
    app_server: StreamlitServer,
    open_app: Callable,
    screenshot: Callable,
    tmp_path: Path,
) -> None:
    log = tmp_path / "hostile.csv"
    quoted = '"' + HOSTILE_MODEL.replace('"', '""') + '"'
    log.write_text(
        f"timestamp,model,input_tokens,output_tokens,{HOSTILE_HEADER}\n"
        f"2026-10-01T10:00:00Z,{quoted},10,1,a\n2026-10-01T11:00:00Z,gpt-4o,1000,50,b\n"
    )
    requests = _watch_requests(page)
    open_app(page, app_server, "/upload")
    page.locator("input[type=file]").set_input_files(str(log))
    wait_for_app(page)
    expect(page.get_by_role("heading", name="What we understood")).to_be_visible()
    # The name is on the page, as its own characters (our own bold still renders).
    warning = page.get_by_test_id("stAlertContentWarning").filter(has_text="Unknown models")
    expect(warning).to_contain_text(f"{no_autolink(HOSTILE_MODEL)} (1 row)")
    expect(warning.locator("strong", has_text="Unknown models")).to_have_count(1)
    shown = f"ignored columns not used for pricing: {no_autolink(HOSTILE_HEADER)}"
    expect(page.get_by_text(shown)).to_be_visible()
    assert_rendered_as_text(page, requests)
    screenshot(page, "injection_upload")

    # A refused file quoting the same text in its error.
    bad = tmp_path / "refused.csv"
    bad.write_text(f"{HOSTILE_HEADER},{quoted}\n1,2\n")
    page.locator("input[type=file]").set_input_files(str(bad))
    wait_for_app(page)
    error = page.get_by_test_id("stAlertContentError")
    expect(error).to_contain_text("refused.csv: not a known usage export")
    # Header names are quoted as matched (spaces become underscores).
    expect(error).to_contain_text(no_autolink(HOSTILE_HEADER.replace(" ", "_")))
    assert_rendered_as_text(page, requests)


def test_hostile_workload_in_a_scenario_upload_stays_plain_text(
    page: Page,
    app_server: StreamlitServer,
    open_app: Callable,
    screenshot: Callable,
    tmp_path: Path,
) -> None:
    scenario = tmp_path / "scenario.yaml"
    name = HOSTILE_MODEL.replace("'", "''")
    scenario.write_text(
        "pricing_version: '2026-11-20'\nstart_month: '2026-12'\n"
        f"workloads:\n  - {{name: '{name}', model: gpt-4o, requests_per_day: 10,"
        f" input_tokens: 100, output_tokens: 10}}\n"
        f"  - {{name: '{name}', model: '{name}', requests_per_day: 10,"
        f" input_tokens: 100, output_tokens: 10}}\n"
    )
    requests = _watch_requests(page)
    open_app(page, app_server, "/calculator")
    page.get_by_text("Load a scenario file (YAML)").click()
    page.locator("input[type=file]").set_input_files(str(scenario))
    wait_for_app(page)
    error = page.get_by_test_id("stAlertContentError").first
    expect(error).to_contain_text(f"model: '{no_autolink(HOSTILE_MODEL)}' is not in pricing")
    assert_rendered_as_text(page, requests)
    screenshot(page, "injection_calculator")

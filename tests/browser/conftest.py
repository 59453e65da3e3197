"""Browser tests: Playwright drives Debian's Chromium against a real ``streamlit run app.py``
on 127.0.0.1 (DESIGN §7; never ``playwright install``).

Fixtures for any page's browser test:
- ``app_server`` (session): one shared server on the repository's data; ``.url``.
- ``start_server(env=None)`` (per test): a FRESH server, e.g. to check a deep link right
  after start-up (Streamlit may then serve ``pages/`` without app.py, aesthetics §1.1).
  Stopped at the end of the test.
- ``open_app(page, server, path="/")``: go to ``server.url + path`` and wait until the script
  has finished running; fails on an exception or error box.
- ``expect_rerun(page)``: context manager around an action that reruns the script; returns
  when that rerun has finished (no sleeps).
- ``screenshot(page, name)``: save ``artifacts/screenshots/<name>.png`` (git-ignored).
Every test in this folder is marked ``browser`` automatically.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
STARTUP_TIMEOUT_S = 60
RENDER_TIMEOUT_MS = 30_000
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only

# Shared 2-core CI machines render a data grid in 1-2 s; the default 5 s is too tight under load.
expect.set_options(timeout=15_000)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(
                    pytest.mark.skip(reason=f"{CHROMIUM} is missing: run `make chromium`")
                )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1440, "height": 900}}


# --- the Streamlit server ------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class StreamlitServer:
    url: str
    process: subprocess.Popen
    log: Path

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def launch_server(log_dir: Path, env: dict[str, str] | None = None) -> StreamlitServer:
    """Start ``streamlit run app.py`` from the repository root and wait for /_stcore/health."""
    port = _free_port()
    log = log_dir / f"streamlit-{port}.log"
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
        "--global.developmentMode", "false",
    ]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=out, stderr=out
        )
    server = StreamlitServer(f"http://127.0.0.1:{port}", process, log)
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited with {process.returncode}:\n{server.log_tail()}")
        try:
            with _NO_PROXY.open(f"{server.url}/_stcore/health", timeout=2) as resp:
                if resp.read().strip() == b"ok":
                    return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    pytest.fail(f"streamlit not healthy after {STARTUP_TIMEOUT_S}s:\n{server.log_tail()}")


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    """One server for the session, on the repository's own data."""
    server = launch_server(tmp_path_factory.mktemp("streamlit"))
    yield server
    server.stop()


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[Callable[..., StreamlitServer]]:
    """Factory for fresh servers (``env`` adds environment variables); stopped after the test."""
    started: list[StreamlitServer] = []

    def start(env: dict[str, str] | None = None) -> StreamlitServer:
        started.append(launch_server(tmp_path, env))
        return started[-1]

    yield start
    for server in started:
        server.stop()


# --- page helpers --------------------------------------------------------------------------


def wait_for_app(page: Page) -> None:
    """Connected, the script has finished its run (Streamlit's own e2e readiness check) and
    every widget has replaced its loading skeleton."""
    app = page.locator("[data-testid='stApp']")
    expect(app).to_have_attribute(
        "data-test-connection-state", "CONNECTED", timeout=RENDER_TIMEOUT_MS
    )
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=RENDER_TIMEOUT_MS)
    # Widgets load lazily: grey skeletons stand in until their code has arrived.
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=RENDER_TIMEOUT_MS)


_COUNT_RUNS = """() => {
  if (window.__gatewiseRuns === undefined) {
    window.__gatewiseRuns = 0;
    const app = document.querySelector("[data-testid='stApp']");
    new MutationObserver(() => {
      if (app.getAttribute("data-test-script-state") === "running") window.__gatewiseRuns += 1;
    }).observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
  }
  return window.__gatewiseRuns;
}"""


@contextmanager
def expect_rerun(page: Page) -> Iterator[None]:
    """Wrap the action that triggers a rerun; returns once that rerun has finished.

    ``with expect_rerun(page): box.press("Enter")`` — no sleeps: a MutationObserver counts
    the script runs, so a fast rerun cannot be missed and a stale "notRunning" is not taken
    for the end of the new run.
    """
    before = page.evaluate(_COUNT_RUNS)
    yield
    page.wait_for_function(f"() => window.__gatewiseRuns > {before}", timeout=RENDER_TIMEOUT_MS)
    wait_for_app(page)


def assert_no_errors(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)


@pytest.fixture
def open_app() -> Callable[..., Page]:
    def go(page: Page, server: StreamlitServer, path: str = "/") -> Page:
        page.goto(server.url + path)
        wait_for_app(page)
        assert_no_errors(page)
        return page

    return go


@pytest.fixture
def screenshot() -> Callable[..., Path]:
    def save(page: Page, name: str, *, full_page: bool = False) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        # animations="disabled" finishes transitions (tab switches, fades) before capture.
        page.screenshot(path=str(path), full_page=full_page, animations="disabled")
        return path

    return save

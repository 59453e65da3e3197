"""Shared test fixtures: repository paths, a small pricing folder with known numbers,
the hypothesis profile, and a guard that keeps every test off the network (loopback only)."""

from __future__ import annotations

import ast
import atexit
import ipaddress
import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, settings

#: Fixtures shared across folders: the test-call loopback server (tests/live/fixtures.py).
pytest_plugins = ("tests.live.fixtures",)

#: The day the tests are written for: answers that depend on the date (the version in force,
#: the 2026-12-01 step being scheduled, the month a projection starts) must not change with
#: the day CI runs. Set before anything reads it; inherited by every CLI and server the
#: tests start. ``GATEWISE_TODAY=2027-03-01 pytest`` runs them as of another day.
TODAY = "2026-11-30"
os.environ.setdefault("GATEWISE_TODAY", TODAY)

ROOT = Path(__file__).resolve().parents[1]
# The validated-catalog cache (pricing/cache.py) of a test run lives in a folder of its own,
# never in the user's ~/.cache, removed at the end; CLI subprocesses inherit it.
if "GATEWISE_CACHE_DIR" not in os.environ:
    _CACHE_DIR = tempfile.mkdtemp(prefix="gatewise-test-cache-")
    os.environ["GATEWISE_CACHE_DIR"] = _CACHE_DIR
    atexit.register(shutil.rmtree, _CACHE_DIR, ignore_errors=True)
APP = ROOT / "app.py"
PAGES_DIR = ROOT / "pages"
DATA = ROOT / "data"
PRICING_DATA = DATA / "pricing"


def run_into_closed_pipe(*argv: str) -> tuple[int, str]:
    """Exit code and stderr of ``python ARGV…`` whose stdout reader left before a byte was
    written (``… | head``)."""
    import subprocess
    import sys

    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, *argv], stdout=write_end, stderr=subprocess.PIPE, text=True,
            cwd=ROOT, timeout=120, check=False,
        )  # fmt: skip
    finally:
        os.close(write_end)
    return done.returncode, done.stderr


# Hypothesis: no deadline (CI machines are slow and shared); "dev" explores more.
# Under CI=true the examples are derandomized, so a CI run is reproducible; locally each run
# explores new ones.
settings.register_profile(
    "ci",
    deadline=None,
    max_examples=50,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=bool(os.environ.get("CI")),
)
settings.register_profile("dev", deadline=None, max_examples=200)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


# --- network guard -------------------------------------------------------------------


def _is_loopback(address: Any) -> bool:
    if not isinstance(address, tuple):  # AF_UNIX path
        return True
    host = address[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:  # a host name other than localhost
        return False


class NetworkBlockedError(OSError):
    """A test tried to reach a host other than 127.0.0.1/::1/localhost."""


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _guarded_connect(self: socket.socket, address: Any) -> None:
    if not _is_loopback(address):
        raise NetworkBlockedError(f"tests may only connect to loopback, not {address!r}")
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    if not _is_loopback(address):
        raise NetworkBlockedError(f"tests may only connect to loopback, not {address!r}")
    return _real_connect_ex(self, address)


def pytest_configure(config: pytest.Config) -> None:
    # Process-wide, for the whole session: also covers AppTest scripts run in this process.
    # Child processes (streamlit server, chromium) are kept offline by their own flags.
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]


#: The only reasons a test may skip: real vendor calls are opt-in (a key and GATEWISE_LIVE=1),
#: and the founding article lives beside the repository, not in it. Any other skip is a test
#: that stopped running without anyone noticing (two browser injection tests did, once the price
#: data moved to a layout their skip condition did not look for): it fails instead.
ALLOWED_SKIPS = ("real vendor call", "founding-article.txt is not beside the repository")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if report.skipped and not any(reason in str(report.longrepr) for reason in ALLOWED_SKIPS):
        report.outcome = "failed"
        report.longrepr = (
            f"skipped without an allowed reason (tests/conftest.py): {report.longrepr}"
        )


# --- paths and pages -------------------------------------------------------------------


def registered_page_titles(app: Path = APP) -> list[tuple[str, str | None]]:
    """``("pages/x.py", title)`` for every ``st.Page(...)`` in app.py, in menu order.

    Read from the AST so the test does not run Streamlit code.
    """
    pages: list[tuple[str, str | None]] = []
    for node in ast.walk(ast.parse(app.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "Page"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            title = next(
                (
                    k.value.value
                    for k in node.keywords
                    if k.arg == "title" and isinstance(k.value, ast.Constant)
                ),
                None,
            )
            pages.append((node.args[0].value, title))
    return pages


def registered_pages(app: Path = APP) -> list[str]:
    """Page paths (``pages/x.py``) listed by ``st.Page(...)`` in app.py, in menu order."""
    return [path for path, _ in registered_page_titles(app)]


# --- pricing fixture data ----------------------------------------------------------------

SRC = {"url": "https://example.test/pricing", "checked": "2026-01-01"}


def _model(model_id: str, provider: str, inp: str, out: str, **extra: Any) -> dict[str, Any]:
    return {
        "model_id": model_id,
        "provider": provider,
        "input": inp,
        "output": out,
        "source": SRC,
        **extra,
    }


#: Two versions with hand-checkable differences:
#: gpt-4o input 2.50 → 2.00 (cheaper, −20 %), gemini-2.5-pro output 10 → 12 (dearer, +20 %),
#: gpt-4-turbo removed, gpt-5 added; claude-sonnet-4-5 unchanged.
FIXTURE_MODELS: dict[str, list[dict[str, Any]]] = {
    "2026-01-01": [
        _model(
            "claude-sonnet-4-5",
            "anthropic",
            "3",
            "15",
            display_name="Claude Sonnet 4.5",
            cache_read="0.30",
            cache_write_5m="3.75",
            cache_write_1h="6",
            batch={"input": "1.5", "output": "7.5"},
            context_window=200000,
            openrouter_slug="anthropic/claude-sonnet-4.5",
        ),
        _model(
            "gpt-4o",
            "openai",
            "2.50",
            "10",
            display_name="GPT-4o",
            cache_read="1.25",
            batch={"input": "1.25", "output": "5"},
            openrouter_slug="openai/gpt-4o",
        ),
        _model("gpt-4-turbo", "openai", "10", "30", display_name="GPT-4 Turbo"),
        _model(
            "gemini-2.5-pro",
            "google",
            "1.25",
            "10",
            display_name="Gemini 2.5 Pro",
            cache_read="0.31",
            long_context={"threshold_tokens": 200000, "input": "2.5", "output": "15"},
            notes="Gemini API (AI Studio) prices",
        ),
    ],
}
FIXTURE_MODELS["2026-02-01"] = [
    m
    if m["model_id"] not in ("gpt-4o", "gemini-2.5-pro")
    else {**m, "input": "2.00"}
    if m["model_id"] == "gpt-4o"
    else {**m, "output": "12"}
    for m in FIXTURE_MODELS["2026-01-01"]
    if m["model_id"] != "gpt-4-turbo"
] + [_model("gpt-5", "openai", "1.25", "10", display_name="GPT-5")]

FIXTURE_OPTIONS: dict[str, dict[str, Any]] = {
    "direct": {
        "id": "direct",
        "kind": "direct",
        "name": "Direct from each vendor",
        "resells": ["anthropic", "google", "openai"],
        "batch_api": True,
        "sources": [SRC],
    },
    "openrouter": {
        "id": "openrouter",
        "kind": "aggregator",
        "name": "OpenRouter",
        "resells": ["anthropic", "google", "openai"],
        "purchase_fees": {"card": {"percent": "0.055", "min_usd": "0.80", "source": SRC}},
        "default_payment": "card",
        "default_topup_usd": "100",
    },
    "pooled": {
        "id": "pooled",
        "kind": "pooled",
        "name": "Pooled gateway (example)",
        "example": True,
        "resells": ["anthropic", "google", "openai"],
        "discount": "0.20",
        "min_topup_usd": "1",
        "sources": [SRC],
    },
}


def write_pricing_version(
    root: Path,
    version: str,
    models: list[dict[str, Any]],
    options: dict[str, dict[str, Any]] | None = None,
) -> Path:
    """Write ``root/<version>/catalog.yaml`` and ``options/*.yaml``; return the folder."""
    folder = root / version
    (folder / "options").mkdir(parents=True, exist_ok=True)
    catalog = {"version": version, "effective_from": version, "models": models}
    (folder / "catalog.yaml").write_text(yaml.safe_dump(catalog, sort_keys=False))
    for option_id, option in (FIXTURE_OPTIONS if options is None else options).items():
        (folder / "options" / f"{option_id}.yaml").write_text(yaml.safe_dump(option))
    return folder


@pytest.fixture
def fixture_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder whose ``pricing/`` holds the two FIXTURE_MODELS versions; everything
    else (samples, scenarios, ...) links to the repository's own data."""
    root = tmp_path_factory.mktemp("data")
    for child in DATA.iterdir() if DATA.is_dir() else ():
        if child.name != "pricing":
            (root / child.name).symlink_to(child)
    for version, models in FIXTURE_MODELS.items():
        write_pricing_version(root / "pricing", version, models)
    return root


@pytest.fixture
def use_data_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Point the app (``GATEWISE_DATA_DIR``) at a folder: ``use_data_dir(path)``."""

    def point(path: Path) -> Path:
        monkeypatch.setenv("GATEWISE_DATA_DIR", str(path))
        return path

    yield point


@pytest.fixture
def bundled_pricing() -> Path:
    """The repository's own pricing folder; skips while it holds no version yet."""
    if not PRICING_DATA.is_dir():
        pytest.skip("data/pricing has no catalog version yet")
    return PRICING_DATA


@pytest.fixture(scope="session")
def bundled_book() -> Any:
    """The bundled price book, read once per session (engine, usage and plan tests)."""
    from pricing.versions import PriceBook

    return PriceBook.load(PRICING_DATA)

"""``python -m model report`` and ``share`` as a user runs them: a link made by ``share``
reopens the same numbers in ``report --link``; damaged, tampered, oversized, old- and
future-version links, bad arguments and a missing Chromium are one line on stderr (exit 2),
nothing on stdout and no file written; the PDF is a real PDF with pages."""

from __future__ import annotations

import base64
import json
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader

from model.plan.scenario import load_scenario, parse_scenario
from model.share.link import MAX_LINK_CHARS
from model.share.payload import token_of
from tests.cli.test_model_cli import ROOT, run
from tests.report.conftest import parse_html

SCENARIO = ROOT / "data" / "scenarios" / "archetypes" / "ide-frontier-payg.yaml"


def _share(*extra: str) -> str:
    done = run("share", str(SCENARIO), *extra)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _bad(done_args: list[str], says: str, out: Path) -> None:
    done = run(*done_args)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and says in lines[0], lines
    assert not out.exists()


def test_a_shared_link_reports_the_same_numbers(tmp_path: Path) -> None:
    url = _share("--page", "report", "--base-url", "https://gatewise.example/")
    assert url.startswith("https://gatewise.example/report?s=v1.")
    from_file, from_link = tmp_path / "file.html", tmp_path / "link.html"
    assert run("report", str(SCENARIO), "--out", str(from_file)).returncode == 0
    done = run("report", "--link", url, "--out", str(from_link))
    assert done.returncode == 0, done.stderr
    a = parse_html(from_file.read_text())
    b = parse_html(from_link.read_text())
    for section in ("spend", "fees", "scorecard", "recommendation"):
        assert a.tables[section] == b.tables[section], section


def test_share_json_and_open_round_trip(tmp_path: Path) -> None:
    done = run("share", str(SCENARIO), "--json")
    data = json.loads(done.stdout)
    assert data["safe"] is True and data["chars"] == len(data["url"]) < 2000
    assert len(data["priced_by"]) == load_scenario(SCENARIO).horizon_months
    opened = run("share", "--open", data["url"])
    assert opened.returncode == 0, opened.stderr
    assert opened.stdout.startswith("# Scenario of a Gatewise share link.")
    import yaml

    assert parse_scenario(yaml.safe_load(opened.stdout)) == load_scenario(SCENARIO)


def _raw(text: str, prefix: str = "v1.") -> str:
    return prefix + base64.urlsafe_b64encode(zlib.compress(text.encode())).rstrip(b"=").decode()


@pytest.mark.parametrize(
    ("link", "says"),
    [
        ("v2.eJyrVgpOLSpLTlWyUlAqSS0uUaoFAD4LBXs", "made by a newer Gatewise"),
        ("v0.eJyrVgpOLSpLTlWyUlAqSS0uUaoFAD4LBXs", "cannot read"),
        ("v1." + "A" * (MAX_LINK_CHARS + 1), "characters long"),
        ("v1.eJyrVgpOLSpLTlWyUlAqSS0uUaoFAD4LBX", "was it cut"),
        ("https://gatewise.example/report?version=latest", "no ?s= share parameter"),
        (_raw('{"scenario": {"workloads": []}}'), "workloads"),
        (_raw('{"scenario": {"workloads": [{"name": "a", "model": "m", "requests_per_day": 1}]},'
              ' "api_key": "sk-x"}'), "unknown data"),
        (_raw('{"scenario": {"workloads": [{"name": "a", "model": "no-such-model", '
              '"requests_per_day": 1}], "start_month": "2026-12"}}'), "no-such-model"),
    ],
)  # fmt: skip
def test_bad_links_are_one_line(link: str, says: str, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    _bad(["report", "--link", link, "--out", str(out)], says, out)
    if link.startswith("v") and "no-such-model" not in says:  # --open does not price
        _bad(["share", "--open", link], says, out)


def test_a_tampered_link_is_refused(tmp_path: Path) -> None:
    link = token_of(_share())
    middle = len(link) // 2
    tampered = link[:middle] + ("A" if link[middle] != "A" else "B") + link[middle + 1 :]
    out = tmp_path / "r.html"
    _bad(["report", "--link", tampered, "--out", str(out)], "link", out)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ([], "give a scenario file or --link"),
        ([str(SCENARIO), "--link", "v1.x"], "one of them"),
        ([str(SCENARIO), "--peak-factor", "0"], "--peak-factor"),
        ([str(SCENARIO), "--usage-summary", "missing.json"], "missing.json: file not found"),
        (["missing.yaml"], "missing.yaml"),
    ],
)
def test_bad_arguments_are_one_line(args: list[str], says: str, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    _bad(["report", *args, "--out", str(out)], says, out)


def test_the_report_never_overwrites_its_input(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text(SCENARIO.read_text())
    done = run("report", str(scenario), "--out", str(scenario))
    assert done.returncode == 2 and "would overwrite" in done.stderr and done.stdout == ""
    assert scenario.read_text() == SCENARIO.read_text()


def test_the_format_follows_the_file_name(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    assert run("report", str(SCENARIO), "--out", str(out)).returncode == 0
    assert out.read_text().startswith("# Gatewise report — ")


def test_pdf_has_pages_and_the_reports_text(tmp_path: Path) -> None:
    from model.report.pdf import unavailable_reason

    if unavailable_reason():
        pytest.skip(unavailable_reason() or "")
    out = tmp_path / "report.pdf"
    done = run("report", str(SCENARIO), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    reader = PdfReader(out)
    assert len(reader.pages) >= 5
    first = reader.pages[0].extract_text()
    assert "The recommendation and why" in first
    assert load_scenario(SCENARIO).name in " ".join(first.split())
    assert "1 / " in reader.pages[0].extract_text()  # page numbers in the footer


def test_pdf_without_chromium_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEWISE_CHROMIUM", str(tmp_path / "no-chromium"))
    out = tmp_path / "report.pdf"
    _bad(["report", str(SCENARIO), "--out", str(out)], "PDF needs Chromium", out)

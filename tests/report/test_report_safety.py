"""The report file stands alone and is safe to open: no external script, style, font or image
(parsed, not grepped), user text stays text in HTML and in Markdown, and no key or secret of
the environment reaches it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from tests.cli.test_model_cli import run
from tests.report.conftest import ARCHETYPES, MakeReport, parse_html

HOSTILE = {
    "name": "<script>alert(1)</script> **loud** [x](javascript:alert(2))",
    "workload": "<img src=x onerror=alert(3)>",
    "note": "</td></table><b>bold</b> $1 and $2 @team :smile: # heading",
    "model": "<svg onload=alert(4)>",
}
SECRET = "sk-test-SECRET-4f9c0b2e"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A scenario with markup in every text field, and a re-price summary naming a model
    with markup in it."""
    folder = tmp_path_factory.mktemp("hostile")
    scenario = yaml.safe_load((ARCHETYPES / "ide-frontier-payg.yaml").read_text())
    scenario["name"] = HOSTILE["name"]
    scenario["workloads"][0]["name"] = HOSTILE["workload"]
    scenario["overrides"] = [
        {"option": "pooled", "criterion": "zdr", "rating": "yes", "note": HOSTILE["note"]}
    ]
    path = folder / "hostile.yaml"
    path.write_text(yaml.safe_dump(scenario))
    summary = json.loads(run("reprice", "data/samples/generic_small.csv", "--json").stdout)
    summary["unpriced"] = {HOSTILE["model"]: 3}
    summary["warnings"] = [f"3 rows of {HOSTILE['model']}: not priced"]
    summary_path = folder / "summary.json"
    summary_path.write_text(json.dumps(summary))
    return path, summary_path


def test_no_external_script_style_font_or_image(make_report: MakeReport) -> None:
    html, _ = make_report(ARCHETYPES / "regulated-baa.yaml")
    parsed = parse_html(html)
    tags = {tag for tag, _ in parsed.elements}
    assert not tags & {"link", "img", "iframe", "object", "embed", "video", "audio", "source"}
    for tag, attrs in parsed.elements:
        for name in ("src", "srcset", "data", "poster", "background", "action", "formaction"):
            assert name not in attrs, (tag, attrs)
        if tag == "a":  # evidence links: plain http(s) addresses, nothing that runs
            assert re.match(r"^(https?://|#)", attrs.get("href") or ""), attrs
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)  # no inline handlers
    assert len(parsed.scripts) == 2  # plotly.js and the figures, both inline
    css = " ".join(parsed.styles)
    assert "@import" not in css and "@font-face" not in css
    assert not re.search(r"url\(", css)
    # Fonts: the system's only.
    assert "system-ui" in css


def test_it_works_offline_in_chromium(make_report: MakeReport) -> None:
    # Printing refuses every request (model.report.pdf): a report that needed one would fail
    # to draw its charts before printing.
    from model.report.pdf import html_to_pdf, unavailable_reason

    if unavailable_reason():
        pytest.skip(unavailable_reason() or "")
    html, _ = make_report(ARCHETYPES / "broadest-catalog.yaml")
    assert html_to_pdf(html).startswith(b"%PDF-")


def test_user_text_stays_text_in_html(hostile: tuple[Path, Path], make_report: MakeReport) -> None:
    scenario, summary = hostile
    html, _ = make_report(scenario, "--usage-summary", str(summary))
    parsed = parse_html(html)
    tags = [tag for tag, _ in parsed.elements]
    assert "img" not in tags and "svg" not in tags and "b" not in tags
    assert tags.count("script") == 2  # ours only
    text = " ".join(" ".join(parsed.text.values()).split())
    for value in HOSTILE.values():
        assert " ".join(value.split()) in text, value  # shown as the characters typed
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title and "&lt;script&gt;" in title.group(1)
    # The figures' JSON cannot close its script element.
    assert all("</script" not in s.lower() for s in parsed.scripts)


def test_user_text_stays_text_in_markdown(
    hostile: tuple[Path, Path], make_report: MakeReport
) -> None:
    scenario, summary = hostile
    md, _ = make_report(scenario, "--usage-summary", str(summary), suffix=".md")
    rendered = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(md)
    parsed = parse_html(rendered)
    tags = {tag for tag, _ in parsed.elements}
    assert not tags & {"script", "img", "svg", "b"}
    hrefs = [a.get("href") or "" for tag, a in parsed.elements if tag == "a"]
    assert hrefs and all(h.startswith("https://") for h in hrefs), hrefs
    # Only our own emphasis: the section leads and the bold total rows.
    strong = re.findall(r"<strong>(.*?)</strong>", rendered)
    assert "loud" not in strong
    flat = " ".join(rendered.split())
    for value in HOSTILE.values():
        escaped = " ".join(value.split()).replace("&", "&amp;").replace("<", "&lt;")
        assert escaped.replace(">", "&gt;") in flat, value


def test_no_key_or_secret_reaches_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A session that made test calls has its key in the environment; the report reads only
    # the scenario, the price and evidence data, and what it is given.
    for name in ("TEST_CALL_API_KEY", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "OPENROUTER_API_KEY"):
        monkeypatch.setenv(name, SECRET)
    for suffix in (".html", ".md"):
        out = tmp_path / f"r{suffix}"
        done = run("report", str(ARCHETYPES / "regulated-baa.yaml"), "--out", str(out))
        assert done.returncode == 0, done.stderr
        assert SECRET not in out.read_text(encoding="utf-8")
        assert SECRET not in done.stdout + done.stderr

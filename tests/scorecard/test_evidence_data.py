"""The evidence data itself: every entry has a source, a date read and a quote or summary;
quotes from the founding article are its exact wording; criteria computed from the price data
agree with the option files read independently; and bad files are refused naming file and key.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from model.plan.scenario import MORE_REQUIREMENTS, REQUIREMENTS
from model.scorecard.evidence import CriteriaBook, CriteriaError, load_criteria
from tests.conftest import PRICING_DATA, ROOT
from tests.scorecard.conftest import CRITERIA, VERSION, Score, scenario_dict

READ_BY = dt.date(2026, 11, 30)  # the day this evidence was assembled


def _raw_files() -> list[tuple[Path, dict[str, Any]]]:
    return [(p, yaml.safe_load(p.read_text())) for p in sorted((CRITERIA / "evidence").glob("*"))]


def _entries() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (p.name, key, entry) for p, raw in _raw_files() for key, entry in raw["ratings"].items()
    ]


def test_every_evidence_entry_has_a_source_a_date_and_what_it_says() -> None:
    checked = 0
    for name, key, entry in _entries():
        if entry["rating"] != "unknown":
            assert entry.get("scope"), f"{name}: {key}: a rating needs its scope"
            assert entry.get("evidence"), f"{name}: {key}: a rating needs a source"
        else:
            assert entry.get("note"), f"{name}: {key}: say what was looked for"
        for i, e in enumerate(entry.get("evidence", [])):
            where = f"{name}: {key}.evidence.{i}"
            assert str(e["url"]).startswith(("https://", "http://")), where
            assert isinstance(e["read"], dt.date) and e["read"] <= READ_BY, where
            assert e.get("dated") is None or e["dated"] <= e["read"], where
            said = e.get("quote") or e.get("summary")
            assert isinstance(said, str) and len(said.split()) >= 3, where
            checked += 1
    assert checked >= 100  # the five subjects are rated with sources, not left unknown


def test_every_subject_rates_every_typed_criterion_once(criteria: CriteriaBook) -> None:
    assert set(criteria.subjects) == {"anthropic", "openai", "google", "openrouter", "pooled"}
    typed = {c.id for c in criteria.criteria if c.derive is None}
    for subject, ev in criteria.subjects.items():
        direct_only = {c.id for c in criteria.criteria if c.derive_direct}
        expected = typed - direct_only if ev.kind == "vendor" else typed
        assert set(ev.ratings) == expected, subject


def test_rated_criteria_are_exactly_the_scenario_must_haves(criteria: CriteriaBook) -> None:
    rated = {c.id for c in criteria.criteria if not c.numeric}
    assert rated == set(REQUIREMENTS) | set(MORE_REQUIREMENTS)
    assert {g.id for g in criteria.groups} == {c.group for c in criteria.criteria}
    assert sum(g.default_weight for g in criteria.groups) == pytest.approx(1.0)


def _article() -> str | None:
    for base in (ROOT.parent / "shared", ROOT.parent.parent / "shared", Path("/work/shared")):
        path = base / "founding-article.txt"
        if path.is_file():
            return " ".join(path.read_text(encoding="utf-8").split())
    return None


def test_quotes_from_the_founding_article_are_its_exact_wording() -> None:
    article = _article()
    if article is None:
        pytest.skip("shared/founding-article.txt is not beside the repository")
    quotes = [
        (name, key, e["quote"])
        for name, key, entry in _entries()
        for e in entry.get("evidence", [])
        if e.get("via") == "founding-article.txt" and e.get("quote")
    ]
    assert len(quotes) >= 10
    for name, key, quote in quotes:
        assert " ".join(quote.split()) in article, f"{name}: {key}: not verbatim: {quote!r}"


# --- criteria computed from the price data match the option files --------------------------


def _option_files() -> dict[str, dict[str, Any]]:
    folder = PRICING_DATA / "options"
    return {p.stem: yaml.safe_load(p.read_text()) for p in folder.glob("*.yaml")}


def _priced_on(day: str) -> list[str]:
    """Providers of the models with a price in force on ``day``, from the raw dated history
    (a model keeps its last price after it retires, so any entry from ``day`` or before)."""
    providers = []
    for path in sorted((PRICING_DATA / "models").glob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        for m in data["models"]:
            starts = [str(p["from"]) for p in m.get("prices") or []]
            if starts and min(starts) <= day:
                providers.append(m.get("provider", data["provider"]))
    return providers


def test_catalog_breadth_and_batch_api_match_the_pricing_data(score: Score) -> None:
    """Counted here from the raw YAML, independently of the code under test."""
    providers = _priced_on(VERSION)
    options = _option_files()
    sold = {
        oid: sum(p in o.get("resells", []) for p in providers) + len(o.get("models", []))
        for oid, o in options.items()
    }
    card = score()
    broadest = max(sold.values())
    for oid, n in sold.items():
        cell = card.cell(oid, "catalog_breadth")
        assert cell.low == cell.high == pytest.approx(n / broadest), oid
        assert cell.detail.startswith(f"{n} models"), cell.detail
        batch = card.cell(oid, "batch_api")
        assert batch.rating == ("yes" if options[oid].get("batch_api") else "no"), oid
        other = {m["provider"] for m in options[oid].get("models", [])} - {
            "anthropic", "openai", "google"
        }  # fmt: skip
        assert card.cell(oid, "other_vendors").rating == ("yes" if other else "no"), oid
        published = card.cell(oid, "published_prices").rating
        assert published == ("no" if options[oid].get("example") else "yes"), oid


def test_batch_api_is_read_from_the_option_data_at_run_time(
    tmp_path: Path, criteria: CriteriaBook
) -> None:
    """Switch OpenRouter's batch API on in a copy of the data: the scorecard follows."""
    from model.plan.scenario import parse_scenario
    from model.scorecard.card import score_scenario
    from pricing.versions import PriceBook

    root = tmp_path / "pricing"
    shutil.copytree(PRICING_DATA, root)
    path = root / "options" / "openrouter.yaml"
    path.write_text(path.read_text().replace("batch_api: false", "batch_api: true"))
    card = score_scenario(parse_scenario(scenario_dict()), PriceBook.load(root), criteria)
    assert card.cell("openrouter", "batch_api").rating == "yes"
    assert card.cell("pooled", "batch_api").rating == "no"


# --- the loader refuses bad data, naming the file and the key ------------------------------


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "criteria"
    shutil.copytree(CRITERIA, folder)
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("openrouter", "read: 2026-11-30", "read: last week", r"openrouter.yaml: ratings\.baa"),
        ("pooled", "  sla:\n", "  sla_guarantee:\n", r"pooled.yaml: ratings\.sla_guarantee: unknown"),
        ("pooled", "        quote: We do not guarantee identical SLAs\n", "",
         r"pooled.yaml: ratings\.sla\.evidence\.0.*quote"),
        ("openai", "    scope: default abuse-monitoring logs\n", "",
         r"openai.yaml: ratings\.short_retention.*scope"),
        ("google", "    note: Not found for the Gemini Developer API (research", "    colour: (",
         r"google.yaml: ratings\.iso27001\.colour: unknown key"),
    ],
)  # fmt: skip
def test_bad_evidence_is_refused_naming_file_and_key(
    tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    folder = _copy(tmp_path)
    _edit(folder / "evidence" / f"{file}.yaml", old, new)
    with pytest.raises(CriteriaError, match=message):
        load_criteria(folder)


def test_a_computed_criterion_cannot_be_typed(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / "evidence" / "pooled.yaml"
    path.write_text(
        path.read_text() + '  batch_api:\n    rating: unknown\n    note: "typed by hand"\n'
    )
    with pytest.raises(CriteriaError, match=r"pooled.yaml: ratings\.batch_api: computed"):
        load_criteria(folder)


def test_a_missing_rating_is_named(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / "evidence" / "openrouter.yaml"
    text = path.read_text()
    start = text.index("  gemini_compatible:")
    end = text.index("  one_endpoint:")
    path.write_text(text[:start] + text[end:])
    with pytest.raises(CriteriaError, match=r"openrouter.yaml: ratings: missing \['gemini_com"):
        load_criteria(folder)


def test_criteria_file_errors_name_the_key(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(
        folder / "criteria.yaml",
        "  - id: baa\n    group: compliance",
        "  - id: baa\n    group: legal",
    )
    with pytest.raises(
        CriteriaError, match=r"criteria.yaml: .*criteria\.\d+\.group: unknown group"
    ):
        load_criteria(folder)

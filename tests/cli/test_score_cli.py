"""`python -m model score SCENARIO.yaml [--json]` as a user runs it: the DESIGN §5 contract,
best first, the same numbers as the library, and exit 2 with one line (nothing on stdout) on
bad input."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
import yaml

from tests.cli.test_model_cli import ROOT, run

ARCHETYPES = ROOT / "data" / "scenarios" / "archetypes"


def test_json_contract_best_first() -> None:
    proc = run("score", str(ARCHETYPES / "regulated-baa.yaml"), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert list(data)[:3] == ["ranking", "decisive", "explanation"]
    ranking = data["ranking"]
    assert [r["id"] for r in ranking] == ["direct", "openrouter", "pooled"]
    for r in ranking:
        assert list(r)[:6] == ["id", "kind", "score", "score_low", "score_high", "eliminated_by"]
        assert 0 <= r["score_low"] == r["score"] <= r["score_high"] <= 100
        assert all(math.isfinite(r[k]) for k in ("score", "score_low", "score_high"))
    assert ranking[0]["eliminated_by"] == []
    assert ranking[1]["eliminated_by"] == ["baa"]
    assert data["decisive"] is True
    assert data["explanation"].startswith("Direct from each vendor ranks first")


def test_the_cost_basis_names_every_version_that_priced_it() -> None:
    """By date, Dec 2026 is priced by 2026-12-01 and 2027 by 2027-01-01: both are named,
    not only the newest (which read as if one version priced the whole horizon)."""
    data = json.loads(run("score", str(ARCHETYPES / "regulated-baa.yaml"), "--json").stdout)
    assert data["pricing_version"] == "by-date"
    assert data["versions_used"] == ["2026-12-01", "2027-01-01"]
    assert data["cost_basis"].endswith("priced by-date (versions 2026-12-01, 2027-01-01)")
    text = run("score", str(ARCHETYPES / "regulated-baa.yaml")).stdout
    assert "pricing: by-date (versions used: 2026-12-01, 2027-01-01)" in text


def test_same_numbers_as_the_library() -> None:
    from model.plan.capacity import load_ratelimits
    from model.plan.scenario import load_scenario
    from model.scorecard.card import score_scenario
    from model.scorecard.evidence import load_criteria
    from pricing.versions import PriceBook

    path = ARCHETYPES / "ide-frontier-payg.yaml"
    card = score_scenario(
        load_scenario(path),
        PriceBook.load(ROOT / "data" / "pricing"),
        load_criteria(ROOT / "data" / "criteria"),
        limits=load_ratelimits(ROOT / "data" / "capacity" / "ratelimits.yaml"),
        origin=str(path),
    )
    proc = run("score", str(path), "--json")
    assert json.loads(proc.stdout) == json.loads(json.dumps(card.to_json()))


def test_text_output_lists_every_option() -> None:
    proc = run("score", str(ARCHETYPES / "broadest-catalog.yaml"))
    assert proc.returncode == 0, proc.stderr
    assert "openrouter" in proc.stdout and "scenario_models" in proc.stdout
    assert "decisive: yes" in proc.stdout


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        ({"requirements": ["hipaa-ish"]}, "requirements"),
        ({"weights": {"vibes": 1}}, r"weights: .*unknown group\(s\) \['vibes'\]"),
        ({"weights": {"cost": 0}}, "weights: .*at least one group"),
        ({"overrides": [{"option": "pooled", "criterion": "vibes", "rating": "yes"}]},
         r"overrides: .*0\.criterion: 'vibes' is not a rated criterion"),
        ({"overrides": [{"option": "acme", "criterion": "baa", "rating": "yes"}]},
         r"overrides\.0\.option: unknown option 'acme'"),
        ({"overrides": [{"option": "pooled", "criterion": "baa", "rating": "maybe"}]},
         r"overrides\.0\.rating"),
    ],
)  # fmt: skip
def test_bad_scenarios_exit_2_with_one_line_naming_the_key(
    tmp_path: Path, patch: dict[str, object], message: str
) -> None:
    data = yaml.safe_load((ARCHETYPES / "regulated-baa.yaml").read_text())
    data.update(patch)
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(data))
    proc = run("score", str(path), "--json")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1
    assert str(path) in proc.stderr
    assert re.search(message, proc.stderr), proc.stderr


def test_bad_evidence_data_exits_2_naming_the_file(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "criteria"
    shutil.copytree(ROOT / "data" / "criteria", folder)
    (folder / "evidence" / "pooled.yaml").write_text("subject: pooled\nkind: gateway\n")
    proc = run("score", str(ARCHETYPES / "regulated-baa.yaml"), "--criteria-dir", str(folder))
    assert proc.returncode == 2 and proc.stdout == ""
    assert "pooled.yaml: kind" in proc.stderr


def test_cost_from_a_repriced_log(tmp_path: Path) -> None:
    summary = {
        "format": "generic_csv", "rows": 3,
        "period": {"start": "2026-03-01T00:00:00Z", "end": "2026-03-02T00:00:00Z"},
        "options": [
            {"id": "direct", "total_usd": 100.0, "unpriced": {}},
            {"id": "openrouter", "total_usd": 105.5, "unpriced": {}},
            {"id": "pooled", "total_usd": 50.0, "unpriced": {}},
        ],
    }  # fmt: skip
    path = tmp_path / "summary.json"
    path.write_text(json.dumps(summary))
    proc = run("score", str(ARCHETYPES / "ide-frontier-payg.yaml"), "--json",
               "--costs-from", str(path))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["cost_basis"].startswith("re-priced log (generic_csv, 3 rows, 2026-03-01")
    bad = tmp_path / "bad.json"
    bad.write_text('{"options": [{"id": "direct", "total_usd": -1}]}')
    proc = run("score", str(ARCHETYPES / "ide-frontier-payg.yaml"), "--costs-from", str(bad))
    assert proc.returncode == 2 and proc.stdout == ""
    assert "options.0.total_usd" in proc.stderr

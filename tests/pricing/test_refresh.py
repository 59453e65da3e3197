"""``python -m pricing refresh``: one reviewed command, run on the bundled reference datasets
(``tests/pricing/data/sources``, small subsets of the team's reference copies).

It proposes dated changes, lists every price where the sources disagree and every reviewed
decision it keeps, never overwrites a reviewed price silently, and writes only with --write.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from pricing import PriceBook

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "tests" / "pricing" / "data" / "sources"
LITELLM_NOV = SOURCES / "litellm" / "litellm-1.110.2.anthropic-openai-gemini.json"
LITELLM_AUG = SOURCES / "litellm" / "litellm-1.98.0.anthropic-openai-gemini.json"
GENAI = [SOURCES / "genai-prices" / f"providers-{p}.yml" for p in ("anthropic", "openai", "google")]
OPENROUTER = SOURCES / "openrouter" / "models-api-v1-2026-05.json"


def refresh(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pricing", "refresh", "--pricing-dir", str(root), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _genai_args() -> list[str]:
    return [arg for path in GENAI for arg in ("--genai-prices", str(path))]


def _snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text() for p in sorted(root.rglob("*.yaml"))}


def test_review_on_the_bundled_datasets(history_copy: Path) -> None:
    before = _snapshot(history_copy)
    result = refresh(
        history_copy,
        "--as-of",
        "2026-11-20",
        "--litellm",
        str(LITELLM_NOV),
        *_genai_args(),
        "--openrouter",
        str(OPENROUTER),
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    # the history already says what litellm 1.110.2 says on its date
    assert "Proposed changes (0):" in out
    # every price where the sources disagree, with what settles it
    assert "claude-sonnet-5 input: ours $2, litellm $2, genai-prices $3 — decision: $2/$10" in out
    assert (
        "gpt-5.6-sol output: ours $20, litellm $20, genai-prices $30 — reviewed 2026-11-30" in out
    )
    assert "long_context.threshold_tokens: ours 272,000 tokens" in out  # units, not "$272000"
    assert "NOT settled" not in out
    # genai-prices' cancelled Sonnet 5 step is a reviewed decision the refresh keeps
    assert "claude-sonnet-5 on 2026-09-01" in out and "not added — decision" in out
    # litellm deletes retired models and predates the newest ones: the review says so
    assert "claude-opus-4-1" in out and "gemini-4-carbon" in out
    assert "OpenRouter's own catalog: 217 models" in out
    assert "nothing written" in out
    assert _snapshot(history_copy) == before


def test_an_older_dataset_never_overwrites_a_reviewed_price(history_copy: Path) -> None:
    """litellm 1.98.0 (2026-08-22) still lists GPT-5.6 Sol at $5/$30: the reviewed promotion
    from 2026-08-21 is kept and shown, even with --write."""
    before = _snapshot(history_copy)
    result = refresh(
        history_copy, "--as-of", "2026-08-22", "--litellm", str(LITELLM_AUG), "--write"
    )
    assert result.returncode == 0, result.stderr
    assert "Proposed changes (0):" in result.stdout
    kept = [line for line in result.stdout.splitlines() if line.startswith("  gpt-5.6-sol")]
    assert kept and "input $4 → $5" in kept[0] and "kept — reviewed 2026-11-30" in kept[0]
    assert _snapshot(history_copy) == before  # rewritten byte-identical: nothing proposed


def _dataset_with(tmp_path: Path, key: str, **prices: float) -> Path:
    data = json.loads(LITELLM_NOV.read_text())
    data[key] = {**data[key], **prices}
    path = tmp_path / "model_prices.litellm-9.9.9.json"
    path.write_text(json.dumps(data))
    return path


def test_a_new_price_is_proposed_as_a_dated_entry_and_written(
    history_copy: Path, tmp_path: Path
) -> None:
    dataset = _dataset_with(tmp_path, "claude-haiku-4-5", input_cost_per_token=1.2e-06)
    dry = refresh(history_copy, "--as-of", "2026-12-15", "--litellm", str(dataset))
    assert dry.returncode == 0, dry.stderr
    assert "~ claude-haiku-4-5: new price from 2026-12-15" in dry.stdout
    assert "input $1 → $1.2" in dry.stdout
    written = refresh(history_copy, "--as-of", "2026-12-15", "--litellm", str(dataset), "--write")
    assert written.returncode == 0, written.stderr
    assert "wrote" in written.stdout
    book = PriceBook.load(history_copy)
    assert "2026-12-15" in book.versions
    before, after = book.get("2026-12-01"), book.get("2026-12-15")
    assert str(before.model("claude-haiku-4-5").input) == "1"  # type: ignore[union-attr]
    haiku = after.model("claude-haiku-4-5")
    assert haiku is not None and str(haiku.input) == "1.2"
    assert haiku.source.dataset == "litellm 9.9.9" and haiku.source.read_on is None
    # only that model changed on that date: one change, one entry
    changed = [m.model_id for m in after.models if m != before.model(m.model_id)]
    assert changed == ["claude-haiku-4-5"]


def test_a_decision_overrules_the_dataset_and_says_so(history_copy: Path, tmp_path: Path) -> None:
    """litellm still lists Argon's launch price after 2026-12-01: the documented decision
    (the step) is applied and the review says what it did not take."""
    result = refresh(history_copy, "--as-of", "2026-12-10", "--litellm", str(LITELLM_NOV))
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("  gemini-4-argon"))
    assert "says input $4 → $2" in line and "not taken — decision: launch price" in line
    assert "Proposed changes (0):" in result.stdout


def test_a_reviewed_price_is_replaced_only_on_request(history_copy: Path, tmp_path: Path) -> None:
    dataset = _dataset_with(tmp_path, "claude-sonnet-5-5", cache_read_input_token_cost=1.5e-07)
    args = ("--as-of", "2026-12-10", "--litellm", str(dataset), "--write")
    kept = refresh(history_copy, *args)
    assert kept.returncode == 0, kept.stderr
    line = next(x for x in kept.stdout.splitlines() if x.startswith("  claude-sonnet-5-5"))
    assert "(price from 2026-10-07)" in line and "cache_read $0.1 → $0.15" in line
    assert "kept — reviewed 2026-11-30 by pricing audit 2026-11-30" in line
    assert "2026-12-10" not in PriceBook.load(history_copy).versions
    overridden = refresh(history_copy, *args, "--override", "claude-sonnet-5-5")
    assert overridden.returncode == 0, overridden.stderr
    assert "OVERRIDDEN on request" in overridden.stdout
    sonnet = PriceBook.load(history_copy).get("2026-12-10").model("claude-sonnet-5-5")
    assert sonnet is not None and str(sonnet.cache_read) == "0.15"


def test_a_new_model_and_a_lifecycle_date_are_proposed(history_copy: Path, tmp_path: Path) -> None:
    data = json.loads(LITELLM_NOV.read_text())
    data["gpt-7-nova"] = {
        "litellm_provider": "openai",
        "input_cost_per_token": 3e-06,
        "output_cost_per_token": 1.2e-05,
        "cache_read_input_token_cost": 3e-07,
    }
    data["gpt-5.4"] = {**data["gpt-5.4"], "deprecation_date": "2027-06-01"}
    path = tmp_path / "model_prices.litellm-9.9.9.json"
    path.write_text(json.dumps(data))
    models = history_copy / "models.csv"
    models.write_text(models.read_text() + "openai,gpt-7-nova,,GPT-7 Nova\n")
    result = refresh(history_copy, "--as-of", "2026-12-20", "--litellm", str(path), "--write")
    assert result.returncode == 0, result.stderr
    assert "+ gpt-7-nova (openai): new model, first price from 2026-12-20" in result.stdout
    assert "~ gpt-5.4: lifecycle retires 2027-06-01" in result.stdout
    book = PriceBook.load(history_copy)
    assert book.get("2026-12-01").model("gpt-7-nova") is None
    nova = book.get("2026-12-20").model("gpt-7-nova")
    assert nova is not None and str(nova.output) == "12" and nova.display_name == "GPT-7 Nova"
    life = book.latest.model("gpt-5.4").lifecycle  # type: ignore[union-attr]
    assert (
        life is not None and life.retires is not None and life.retires.isoformat() == "2027-06-01"
    )
    written = yaml.safe_load((history_copy / "models" / "openai.yaml").read_text())
    assert [m["model_id"] for m in written["models"]] == sorted(
        m["model_id"] for m in written["models"]
    )


def test_bad_input_is_one_line(history_copy: Path, tmp_path: Path) -> None:
    for args in (
        ("--as-of", "2026-12-01"),  # no dataset
        ("--as-of", "2026-12-01", "--litellm", str(tmp_path / "missing.json")),
        ("--as-of", "yesterday", "--litellm", str(LITELLM_NOV)),
    ):
        result = refresh(history_copy, *args)
        assert result.returncode == 2 and result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    result = refresh(history_copy, "--as-of", "2026-12-01", "--litellm", str(broken))
    assert result.returncode == 2 and "broken.json" in result.stderr

"""Large files are re-priced in slices; the merged result must equal the whole-file result
(fees computed once on merged monthly totals), with warnings labelled by row range."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.engine.adjustments import OptionAssumptions
from model.paths import REPO
from model.usage.chunked import reprice_file
from tests.bench.generate import generate

ROOT = REPO / "data" / "pricing"


@pytest.fixture(scope="module")
def usage(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("chunks") / "u.csv", 20_000, seed=3)


@pytest.mark.parametrize(
    "assumptions",
    [
        {},
        {"openrouter": OptionAssumptions(byok=True)},
        # a callable (how the CLI passes a scenario file) is evaluated once, in the background
        lambda: {"openrouter": OptionAssumptions(topup_usd=10)},
    ],
    ids=["default", "byok", "small-topups-callable"],
)
def test_sliced_equals_whole(usage: Path, assumptions: object) -> None:
    whole = reprice_file(usage, ROOT, pricing="by-date", assumptions=assumptions)
    sliced = reprice_file(
        usage, ROOT, pricing="by-date", assumptions=assumptions, chunk_above=0, chunk_bytes=100_000
    )
    assert sliced["rows"] == whole["rows"] == 20_000
    assert sliced["unpriced"] == whole["unpriced"]
    assert sliced["period"] == whole["period"]
    assert sliced["versions_used"] == whole["versions_used"]
    for a, b in zip(sliced["options"], whole["options"], strict=True):  # type: ignore[call-overload]
        for key in ("token_cost_usd", "discount_usd", "fees_usd", "total_usd"):
            assert a[key] == pytest.approx(b[key], rel=1e-9), key
        assert a["unpriced"] == b["unpriced"]
    for name, entry in whole["models"].items():  # type: ignore[union-attr]
        got = sliced["models"][name]  # type: ignore[index]
        assert got["rows"] == entry["rows"]
        if entry["direct_token_cost_usd"] is None:
            assert got["direct_token_cost_usd"] is None
        else:
            assert got["direct_token_cost_usd"] == pytest.approx(entry["direct_token_cost_usd"])
    for key, value in whole["tokens"].items():  # type: ignore[union-attr]
        assert sliced["tokens"][key] == pytest.approx(value)  # type: ignore[index]


def test_sliced_warnings_name_row_ranges(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    lines = ["timestamp,model,input_tokens,output_tokens"]
    lines += [
        f"2026-11-21T00:00:{i % 60:02d}Z,gpt-4o,{-1 if i == 1500 else 10},1" for i in range(3000)
    ]
    path.write_text("\n".join(lines) + "\n")
    out = reprice_file(path, ROOT, pricing="by-date", chunk_above=0, chunk_bytes=20_000)
    assert out["rows"] == 3000
    assert any(w.startswith("rows ") and "input_tokens" in w for w in out["warnings"])  # type: ignore[union-attr]


def test_excel_sep_line_is_repeated_with_the_header(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    lines = ["sep=;", "timestamp;model;input_tokens;output_tokens"]
    lines += ["2026-11-21T00:00:00Z;gpt-4o;1000000;0" for _ in range(2000)]
    path.write_text("\n".join(lines) + "\n")
    out = reprice_file(path, ROOT, pricing="by-date", chunk_above=0, chunk_bytes=10_000)
    assert out["rows"] == 2000
    assert out["options"][0]["token_cost_usd"] == pytest.approx(2000 * 2.5)  # type: ignore[index]


def test_rows_out_sliced_equals_whole(usage: Path, tmp_path: Path) -> None:
    """--rows-out writes every slice's rows under one header: the same file as unsliced."""
    whole, sliced = tmp_path / "whole.csv", tmp_path / "sliced.csv"
    reprice_file(usage, ROOT, pricing="by-date", rows_out=whole)
    reprice_file(
        usage, ROOT, pricing="by-date", rows_out=sliced, chunk_above=0, chunk_bytes=100_000
    )
    lines = sliced.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 20_000 + 1 and lines[0].startswith('"timestamp"')
    assert sliced.read_bytes() == whole.read_bytes()


def _litellm_with_prompts(path: Path, rows: int) -> Path:
    """A LiteLLM spend log whose ``messages`` cells hold prompts spanning several lines
    (with quotes, commas and blank lines inside), as a proxy that logs prompts writes it."""
    sample = (REPO / "data" / "samples" / "litellm_spend_logs__RECONSTRUCTED.csv").read_text()
    header, first = sample.splitlines()[:2]
    lines = [header]
    for i in range(rows):
        prompt = f'"line one of {i}\nline ""two"", with a comma\n\nline four"'
        row = first.replace("chatcmpl-a1,", f"chatcmpl-{i},", 1)
        fields = row.rsplit(",", 3)  # …,messages,response,status
        lines.append(",".join([fields[0], prompt, fields[2], fields[3]]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_slices_never_cut_a_quoted_line_break(tmp_path: Path) -> None:
    """Issue 8: a 3,000-row LiteLLM log with prompts gave 3,008 rows and the wrong total
    when sliced; slices now end only at a line end outside quotes."""
    path = _litellm_with_prompts(tmp_path / "litellm.csv", 3000)
    whole = reprice_file(path, ROOT, pricing="by-date")
    sliced = reprice_file(path, ROOT, pricing="by-date", chunk_above=0, chunk_bytes=7_000)
    assert whole["format"] == sliced["format"] == "litellm_spend_logs_csv"
    assert whole["rows"] == sliced["rows"] == 3000
    assert not any("wrong number of fields" in w for w in sliced["warnings"])  # type: ignore[union-attr]
    for a, b in zip(sliced["options"], whole["options"], strict=True):  # type: ignore[call-overload]
        assert a["total_usd"] == pytest.approx(b["total_usd"], rel=1e-9)
    # 3,000 copies of the sample's first row: 3000 × its direct cost.
    one = reprice_file(_litellm_with_prompts(tmp_path / "one.csv", 1), ROOT, pricing="by-date")
    direct = one["options"][0]["token_cost_usd"]  # type: ignore[index]
    assert sliced["options"][0]["token_cost_usd"] == pytest.approx(3000 * direct)  # type: ignore[index]


def test_cr_only_file_above_the_slicing_size(tmp_path: Path) -> None:
    """Issue 8: a CR-only file above the slicing size hit an assert; it is sliced at CRs."""
    path = tmp_path / "mac.csv"
    lines = ["timestamp,model,input_tokens,output_tokens"]
    lines += [f"2026-11-21T00:00:{i % 60:02d}Z,gpt-4o,1000000,0" for i in range(3000)]
    path.write_bytes("\r".join(lines).encode() + b"\r")
    whole = reprice_file(path, ROOT, pricing="by-date", columnar=False)
    sliced = reprice_file(path, ROOT, pricing="by-date", chunk_above=0, chunk_bytes=10_000)
    assert whole["rows"] == sliced["rows"] == 3000
    # gpt-4o input is $2.50 per million tokens: 3,000 rows × 1M input tokens = $7,500.
    assert sliced["options"][0]["token_cost_usd"] == pytest.approx(7500.0)  # type: ignore[index]
    assert any("CR only" in w for w in sliced["warnings"])  # type: ignore[union-attr]


def test_a_large_jsonl_is_refused_with_the_limit(tmp_path: Path) -> None:
    """Issue 8: JSON and JSONL are read whole; above the limit the refusal states it."""
    from model.usage.readers import UsageFormatError

    path = tmp_path / "session.jsonl"
    path.write_bytes(
        (REPO / "data" / "samples" / "claude_code_session__RECONSTRUCTED.jsonl").read_bytes()
    )
    with pytest.raises(UsageFormatError) as err:
        reprice_file(path, ROOT, pricing="by-date", chunk_above=1000)
    message = str(err.value)
    assert message.startswith("session.jsonl: JSON and JSONL files are read whole, up to ")
    assert "\n" not in message and len(message) < 250
    assert reprice_file(path, ROOT, pricing="by-date")["rows"]  # under the limit: read whole

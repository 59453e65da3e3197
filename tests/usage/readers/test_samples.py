"""Every reader on its sample in data/samples, with totals checked by hand (arithmetic written).

Sums computed from the files independently (awk / by eye) and written out here, so a
reader that gets a convention wrong (cached inside vs outside input) fails loudly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from model.engine import columns as c
from model.usage.readers import UsageFormatError, read_usage_path
from tests.conftest import DATA

SAMPLES = DATA / "samples"


def tokens(frame: pd.DataFrame) -> dict[str, int]:
    cols = (*c.TOKEN_CLASSES, c.REASONING)
    return {col: int(frame[col].sum()) for col in cols}


def totals(inp, cr, w5, w1, out, reasoning=0) -> dict[str, int]:
    return dict(
        zip(
            (*c.TOKEN_CLASSES, c.REASONING),
            (inp, cr, w5, w1, out, reasoning),
            strict=True,
        )
    )


def test_openrouter_generations_real():
    r = read_usage_path(SAMPLES / "openrouter_generations__REAL_2026-03.csv")
    assert r.format == "openrouter_generations_csv"
    assert r.rows == 68 and r.dropped_rows == 0
    f = r.frame
    # Column sums of the file: tokens_prompt 3,674,840; tokens_cached 1,251,238;
    # tokens_completion 45,279; tokens_reasoning 30,792. Cached is inside prompt, so
    # uncached input = 3,674,840 − 1,251,238 = 2,423,602; reasoning stays inside output.
    assert tokens(f) == totals(2_423_602, 1_251_238, 0, 0, 45_279, 30_792)
    # Row 3 (gpt-5-nano): prompt 66,937 with 66,176 cached → 761 uncached.
    assert (f[c.INPUT].iloc[2], f[c.CACHE_READ].iloc[2]) == (761, 66_176)
    assert f[c.REPORTED_COST].sum() == pytest.approx(4.387562)  # Σ cost_total
    assert int(f[c.FREE].sum()) == 15  # variant=free rows
    assert (f[c.REQUESTS] == 1).all()
    assert f[c.TIMESTAMP].iloc[0] == pd.Timestamp("2026-03-28 17:05:34.844", tz="UTC")
    assert f[c.TIMESTAMP].min() == pd.Timestamp("2026-03-27 08:52:12.723", tz="UTC")  # last line
    assert f[c.MODEL_RAW].iloc[1] == "anthropic/claude-4.6-opus-20260205"
    assert f[c.PROVIDER].iloc[1] == "anthropic"  # vendor from the slug, not provider_name
    assert any("15 Anthropic rows" in w and "no cache-write column" in w for w in r.warnings)
    # Row 58 is a free nemotron call reporting 505 reasoning of 501 completion tokens.
    assert any(w.startswith("row 58: tokens_reasoning above") for w in r.warnings)


def test_openai_usage_export_real():
    r = read_usage_path(SAMPLES / "openai_usage_export__REAL_2025-10.tsv")
    assert r.format == "openai_usage_csv"
    # 7 data lines; the 2025-10-08 line has only the time columns (no usage): not a record.
    assert r.rows == 6 and r.dropped_rows == 0
    assert "1 empty line skipped (no usage recorded)" in r.warnings
    f = r.frame
    # input_tokens include cached: (59,200 − 5,760) + (46,264 − 8,192) + 5,783 + 80,992
    #   + 124,784 + 22,688 = 53,440 + 38,072 + 5,783 + 80,992 + 124,784 + 22,688 = 325,759
    # cached: 5,760 + 8,192 = 13,952
    # output: 10,646 + 60,000 + 16,000 + 274,770 + 154,852 + 33,191 = 549,459
    assert tokens(f) == totals(325_759, 13_952, 0, 0, 549_459)
    assert f[c.REQUESTS].sum() == 10 + 8 + 1 + 21 + 11 + 2
    assert list(f[c.MODEL_RAW].unique()) == [
        "gpt-4o-2024-08-06",
        "gpt-5-2025-08-07",
        "gpt-5-mini-2025-08-07",
    ]
    assert (f[c.PROVIDER] == "openai").all() and not f[c.BATCH].any()
    assert f[c.LONG_CONTEXT].isna().all()  # buckets: band unknown
    assert f[c.TIMESTAMP].iloc[0] == pd.Timestamp("2025-10-05", tz="UTC")


def test_openai_cost_export_real_is_reported_cost_only():
    r = read_usage_path(SAMPLES / "openai_cost_export__REAL_2025-10.tsv")
    assert r.format == "openai_costs_csv"
    assert r.rows == 6  # 8 days, 2 without spend (empty amount) are not records
    f = r.frame
    assert tokens(f) == totals(0, 0, 0, 0, 0)
    # 0.895874 + 0.56177125 + 0.569788 + 0.5455665 + 0.3409 + 0.072054 = 2.98595375
    assert f[c.REPORTED_COST].sum() == pytest.approx(2.98595375)
    assert (f[c.MODEL] == "unknown/ungrouped").all()  # line_item empty: org totals
    assert f[c.REQUESTS].isna().all()
    assert any("cannot be re-priced" in w for w in r.warnings)


@pytest.mark.parametrize(
    ("month", "rows", "cost", "batch"),
    [
        # 2024-11: 0.03 + 0.04 + 0.04 + 0.01 + 0.01 = 0.13
        ("11", 5, 0.13, 0),
        # 2024-12: 0.00 + 3.57 + 5.20 + 3.17 = 11.94
        ("12", 4, 11.94, 0),
        # 2024-10: 0 + .08 + .07 + .05 + 0 + 0 + .01 + 4.40 + 6.58 + 2.73 + 0 + 0 = 13.92
        ("10", 12, 13.92, 4),
    ],
)
def test_anthropic_console_cost_real(month, rows, cost, batch):
    r = read_usage_path(
        SAMPLES / "anthropic_console_cost__REAL_2024" / f"claude_api_cost_2024_{month}.csv"
    )
    assert r.format == "anthropic_console_cost_csv"
    assert r.rows == rows
    f = r.frame
    assert f[c.REPORTED_COST].sum() == pytest.approx(cost)
    assert tokens(f) == totals(0, 0, 0, 0, 0)
    assert int(f[c.BATCH].sum()) == batch
    assert (f[c.PROVIDER] == "anthropic").all()
    assert f[c.MODEL_RAW].iloc[0].startswith("Claude 3.5 Sonnet 2024-")  # display names kept


def test_anthropic_console_cost_header_drift_and_empty_month():
    # March has no workspace column, August adds it: both read.
    march = read_usage_path(
        SAMPLES / "anthropic_console_cost__REAL_2024/claude_api_cost_2024_03.csv"
    )
    august = read_usage_path(
        SAMPLES / "anthropic_console_cost__REAL_2024/claude_api_cost_2024_08.csv"
    )
    assert march.format == august.format == "anthropic_console_cost_csv"
    assert any("$0.00" in w and "whole cents" in w for w in march.warnings)
    with pytest.raises(UsageFormatError, match=r"claude_api_cost_2024_07\.csv: .*no usage rows"):
        read_usage_path(SAMPLES / "anthropic_console_cost__REAL_2024/claude_api_cost_2024_07.csv")


def test_anthropic_console_usage_reconstructed():
    r = read_usage_path(SAMPLES / "anthropic_console_usage__RECONSTRUCTED.csv")
    assert r.format == "anthropic_console_usage_csv"  # despite the UTF-8 BOM
    f = r.frame
    # no_cache: 12,000 + 250,000 + 80,000 + 5,000 + 1,000 + 3,000 = 351,000
    # cache_read: 40,000 + 10,000 + 0 + 30,000 + 8,000 + 12,000 = 100,000
    # 5m: 3,000 + 2,000 + 500 = 5,500; 1h: 1,000
    # output: 2,500 + 4,000 + 9,000 + 1,500 + 700 + 800 = 18,500
    assert tokens(f) == totals(351_000, 100_000, 5_500, 1_000, 18_500)
    assert list(f[c.LONG_CONTEXT]) == [False, True, False, False, False, False]  # ≤ / > 200k
    assert list(f[c.BATCH]) == [False, False, True, False, False, False]
    assert f[c.REQUESTS].isna().all()  # the console export has no request count
    assert f[c.MODEL_RAW].iloc[4] == "claude-opus-4-6 (fast)"  # speed=fast is priced apart
    assert f[c.MODEL_RAW].iloc[3] == "claude-opus-4-6"
    assert f[c.TIMESTAMP].iloc[0] == pd.Timestamp("2026-03-22", tz="UTC")


def test_openrouter_activity_reconstructed():
    r = read_usage_path(SAMPLES / "openrouter_activity__RECONSTRUCTED.csv")
    assert r.format == "openrouter_activity_csv"
    f = r.frame
    # prompt: 150,000 + 90,000 + 210,000 + 20,000 = 470,000 (no cache count: all uncached)
    # completion: 8,000 + 15,000 + 12,000 + 3,000 = 38,000; reasoning 6,000 + 4,000
    assert tokens(f) == totals(470_000, 0, 0, 0, 38_000, 10_000)
    assert f[c.REQUESTS].sum() == 12 + 30 + 5 + 7
    assert f[c.REPORTED_COST].sum() == pytest.approx(1.2345 + 0.042 + 0.8 + 0)
    assert list(f[c.PROVIDER]) == ["anthropic", "openai", "google", "meta-llama"]
    assert any("no cached-token count" in w for w in r.warnings)


def test_cursor_reconstructed():
    r = read_usage_path(SAMPLES / "cursor_usage__RECONSTRUCTED.csv")
    assert r.format == "cursor_csv"
    f = r.frame
    # w/o cache write: 2 + 5,000 + 0 + 1,200 + 3,000 = 9,202
    # cache read: 187,200 + 20,000 + 0 + 5,000 + 50,000 = 262,200
    # w/ cache write (→ 5m): 1,615 + 0 + 0 + 300 + 2,000 = 3,915
    # output: 1,506 + 800 + 0 + 400 + 2,500 = 5,206
    # check: 9,202 + 262,200 + 3,915 + 5,206 = 280,523 = Σ Total Tokens
    assert tokens(f) == totals(9_202, 262_200, 3_915, 0, 5_206)
    assert f[c.REPORTED_COST].sum() == pytest.approx(0.04 + 0 + 1.23)  # Included → null
    assert f[c.REPORTED_COST].isna().sum() == 2
    assert f[c.TIMESTAMP].iloc[0] == pd.Timestamp("2025-12-28 12:05:02.926", tz="UTC")
    joined = " | ".join(r.warnings)
    assert "cache-write TTL unknown" in joined
    assert "row 3: Cursor did not charge" in joined
    assert "row 4: Cursor chose the model" in joined


def test_litellm_reconstructed():
    r = read_usage_path(SAMPLES / "litellm_spend_logs__RECONSTRUCTED.csv")
    assert r.format == "litellm_spend_logs_csv"
    assert r.rows == 4  # the quoted newline inside `messages` does not split a record
    f = r.frame
    # prompt_tokens include cache: 3,000 − 1,000 read − 500 write = 1,500;
    # 2,000 − 1,024 cached = 976; 10,000; 300,000 → 312,476
    assert tokens(f) == totals(312_476, 2_024, 500, 0, 400 + 300 + 2_000 + 1_000, 800)
    assert list(f[c.PROVIDER].fillna("-")) == ["anthropic", "openai", "google", "openai"]
    assert f[c.REPORTED_COST].sum() == pytest.approx(0.01095 + 0.00449 + 0.0325 + 0.765)
    assert f[c.TIMESTAMP].iloc[0] == pd.Timestamp("2026-03-05 09:00:00.123", tz="UTC")


def test_claude_code_reconstructed_dedupes_and_splits_ttl():
    r = read_usage_path(SAMPLES / "claude_code_session__RECONSTRUCTED.jsonl")
    assert r.format == "claude_code_jsonl"
    assert r.rows == 3 and len(r.frame) == 3
    f = r.frame
    # msg_01 once (its streamed duplicate is dropped): 12 in, 20,000 read, 1,000 5m,
    # 2,000 1h, 400 out. msg_02: 8 in, 23,000 read, 500 TTL-less → 5m, 250 out.
    # msg_04 (haiku): 900 in, 120 out. <synthetic> and the user line are not usage.
    assert tokens(f) == totals(920, 43_000, 1_500, 2_000, 770)
    joined = " | ".join(r.warnings)
    assert "1 duplicate line" in joined
    assert "1 <synthetic> line" in joined
    assert "1 line without usage" in joined
    assert "1 row: cache-write TTL unknown" in joined
    assert f[c.REPORTED_COST].iloc[0] == pytest.approx(0.0245)
    assert np.isnan(f[c.REPORTED_COST].iloc[1])


def test_claude_code_ccusage_fixture():
    r = read_usage_path(SAMPLES / "claude_code__ccusage_fixture_SYNTHETIC.jsonl")
    # 100 + 200 + 300 in; 10 + 20 + 40 read; 25 + 50 + 0 written; 50 + 75 + 125 out
    assert tokens(r.frame) == totals(600, 70, 75, 0, 250)
    assert r.frame[c.REPORTED_COST].sum() == pytest.approx(0.12 + 0.34 + 0.56)
    assert r.frame[c.MODEL_RAW].iloc[1] == "claude-opus-4-20250514 (fast)"


def test_openai_api_pages_doc_examples():
    usage = read_usage_path(SAMPLES / "openai_usage_api_page__DOC_EXAMPLE.json")
    assert usage.format == "openai_usage_json"
    # input_tokens 1,000 include 800 cached → 200 uncached
    assert tokens(usage.frame) == totals(200, 800, 0, 0, 500)
    assert usage.frame[c.REQUESTS].iloc[0] == 5
    assert usage.frame[c.MODEL].iloc[0] == "unknown/ungrouped"  # model null: not grouped
    assert any("has_more" in w for w in usage.warnings)
    costs = read_usage_path(SAMPLES / "openai_costs_api_page__DOC_EXAMPLE.json")
    assert costs.format == "openai_costs_json"
    assert costs.frame[c.REPORTED_COST].iloc[0] == pytest.approx(0.06)
    assert costs.frame[c.MODEL].iloc[0] == "Image models"


def test_generic_small_sample():
    r = read_usage_path(SAMPLES / "generic_small.csv")
    assert r.format == "generic_csv" and r.rows == 40 and r.warnings == ()
    f = r.frame
    # sonnet 10×1,000; gpt-4o 10×2,000; gemini 6×50,000 + 2×250,000; gpt-5.4 6×100,000
    # + 3×300,000; acme 3×5,000 → 10,000 + 20,000 + 800,000 + 1,500,000 + 15,000
    # reads: sonnet 10×10,000 + gpt-4o 10×1,000; writes: sonnet 5×2,000 (5m), 2×1,000 (1h)
    # output: 10×500 + 10×300 + (6×1,000 + 2×2,000) + (6×2,000 + 3×4,000) + 3×500
    assert tokens(f) == totals(2_345_000, 110_000, 10_000, 2_000, 43_500, 4_000)
    counts = f[c.MODEL].value_counts().to_dict()
    assert counts == {
        "claude-sonnet-4-5": 10,
        "gpt-4o": 10,
        "gpt-5.4": 9,
        "gemini-2.5-pro": 8,
        "acme-omni-7": 3,
    }
    assert int(f[c.BATCH].sum()) == 1
    assert int((f[c.INPUT] > 272_000).sum()) == 3  # gpt-5.4 above its threshold
    assert f[c.PROVIDER].isna().sum() == 3  # acme rows: provider left for inference


def test_anthropic_usage_report_reconstructed():
    r = read_usage_path(SAMPLES / "anthropic_usage_report__RECONSTRUCTED.json")
    assert r.format == "anthropic_usage_report_json" and r.rows == 3
    f = r.frame
    # uncached 15,000 + 420,000 + 90,000 = 525,000; reads 60,000; writes 4,000 (5m) and
    # 1,000 (1h) from the nested cache_creation object; output 3,000 + 5,000 + 12,000
    assert tokens(f) == totals(525_000, 60_000, 4_000, 1_000, 20_000)
    assert list(f[c.LONG_CONTEXT]) == [False, True, False]  # 0-200k / 200k-1M
    assert list(f[c.BATCH]) == [False, False, True]
    assert f[c.REQUESTS].isna().all()  # the legacy report has no request count
    assert f[c.TIMESTAMP].iloc[2] == pd.Timestamp("2026-03-23", tz="UTC")


def test_openrouter_activity_api_reconstructed_matches_the_csv():
    api = read_usage_path(SAMPLES / "openrouter_activity_api__RECONSTRUCTED.json")
    csv = read_usage_path(SAMPLES / "openrouter_activity__RECONSTRUCTED.csv")
    assert api.format == "openrouter_activity_json"
    # The API items are the CSV's first two rows: 150,000 + 90,000 prompt (all uncached),
    # 8,000 + 15,000 completion, 6,000 reasoning, 12 + 30 requests.
    assert tokens(api.frame) == totals(240_000, 0, 0, 0, 23_000, 6_000)
    cols = [*c.TOKEN_COLUMNS, c.REQUESTS, c.TIMESTAMP, c.MODEL_RAW, c.PROVIDER]
    pd.testing.assert_frame_equal(api.frame[cols], csv.frame[cols].iloc[:2])

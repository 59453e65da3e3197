"""Format quirks that the samples do not all show, each on a small inline file."""

from __future__ import annotations

import pandas as pd
import pytest

from model.engine import columns as c
from model.usage.readers import UsageFormatError, read_usage

OR_HEADER = (
    "generation_id,created_at,cost_total,cost_web_search,cost_cache,cost_file_processing,"
    "byok_usage_inference,tokens_prompt,tokens_completion,tokens_reasoning,tokens_cached,"
    "model_permaslug,provider_name,variant,cancelled,streamed,user,finish_reason_raw,"
    "finish_reason_normalized,generation_time_ms,time_to_first_token_ms,app_name,api_key_name\n"
)


def or_line(prompt, completion, reasoning, cached, slug, variant="standard", byok="0"):
    return (
        f"gen-1-x,2026-03-28 17:05:34.844,0.001,,,,{byok},{prompt},{completion},{reasoning},"
        f"{cached},{slug},OpenAI,{variant},false,true,,stop,stop,10,5,App,key\n"
    )


def test_openrouter_free_slug_byok_and_cached_above_prompt():
    data = OR_HEADER + or_line(100, 10, 0, 0, "meta-llama/llama-3.3-70b-instruct:free")
    data += or_line(100, 10, 0, 0, "openai/gpt-4o", byok="0.02")
    data += or_line(100, 10, 0, 150, "openai/gpt-4o")  # cached above prompt: impossible
    r = read_usage(data.encode(), "or.csv")
    assert list(r.frame[c.FREE]) == [True, False]
    assert r.dropped_rows == 1
    joined = " | ".join(r.warnings)
    assert "row 3: cached tokens above the prompt total" in joined
    assert "row 2: BYOK requests" in joined


def test_openrouter_api_key_disabled_column_order_variant():
    header = OR_HEADER.replace("app_name,api_key_name", "api_key_disabled,api_key_name,app_name")
    line = or_line(500, 20, 0, 100, "openai/gpt-5-nano-2025-08-07").replace(
        "App,key", "false,key,App"
    )
    r = read_usage((header + line).encode(), "or.csv")
    assert (r.frame[c.INPUT].iloc[0], r.frame[c.CACHE_READ].iloc[0]) == (400, 100)


ANTH = (
    "usage_date_utc,model_version,api_key,workspace,usage_type,context_window,"
    "usage_input_tokens_no_cache,{cache}usage_output_tokens\n"
)


def test_anthropic_usage_legacy_single_cache_write_column():
    header = ANTH.format(cache="usage_input_tokens_cache_write,usage_input_tokens_cache_read,")
    body = "2024-11-18,claude-3-5-sonnet-20241022,k,Default,standard,0-200k,100,40,30,10\n"
    r = read_usage((header + body).encode("utf-8-sig"), "usage.csv")
    f = r.frame
    assert (f[c.CACHE_WRITE_5M].iloc[0], f[c.CACHE_WRITE_1H].iloc[0]) == (40, 0)
    assert f[c.LONG_CONTEXT].tolist() == [False]  # 0-200k
    assert any("TTL unknown" in w and "5 minutes" in w for w in r.warnings)


def test_anthropic_usage_without_cache_columns_and_hourly_dates():
    header = ANTH.format(cache="")
    body = "2026-03-31 02:00,claude-opus-4-6,k,Default,standard,200k-1M,100,10\n"
    r = read_usage((header + body).encode(), "usage.csv")
    assert r.frame[c.TIMESTAMP].iloc[0] == pd.Timestamp("2026-03-31 02:00", tz="UTC")
    assert bool(r.frame[c.LONG_CONTEXT].iloc[0]) is True
    assert any("no cache columns" in w for w in r.warnings)


OPENAI = (
    "start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,model,"
    "batch,service_tier,input_tokens,output_tokens,input_cached_tokens\n"
)


def test_openai_usage_flex_batch_ungrouped_and_cached_above_input():
    body = (
        "1759622400,1759708800,2025-10-05T00:00:00,2025-10-06T00:00:00,p,2,gpt-5,False,flex,100,5,0\n"
        "1759622400,1759708800,2025-10-05T00:00:00,2025-10-06T00:00:00,p,3,gpt-5,TRUE,default,100,5,20\n"
        "1759622400,1759708800,2025-10-05T00:00:00,2025-10-06T00:00:00,p,4,,,,100,5,0\n"
        "1759622400,1759708800,2025-10-05T00:00:00,2025-10-06T00:00:00,p,1,gpt-5,False,default,10,5,20\n"
    )
    r = read_usage((OPENAI + body).encode(), "completions_usage.csv")
    f = r.frame
    assert list(f[c.BATCH]) == [True, True, False]  # flex tier and batch flag
    assert list(f[c.INPUT]) == [100, 80, 100]
    assert f[c.MODEL].iloc[2] == "unknown/ungrouped"
    joined = " | ".join(r.warnings)
    assert "row 3: no model" in joined and "row 4: cached tokens above" in joined


def test_openai_usage_epoch_only_timestamps():
    header = "start_time,end_time,num_model_requests,model,input_tokens,output_tokens\n"
    r = read_usage((header + "1759622400.0,1759708800.0,1,gpt-4o,10,1\n").encode(), "u.csv")
    assert r.frame[c.TIMESTAMP].iloc[0] == pd.Timestamp("2025-10-05", tz="UTC")


def test_openai_cost_line_items_and_currency():
    header = (
        "start_time,end_time,start_time_iso,end_time_iso,amount_value,amount_currency,"
        "quantity,quantity_unit,line_item,project_id\n"
    )
    body = (
        "1,2,2026-01-01T00:00:00+00:00,2026-01-02T00:00:00+00:00,0.5,usd,1000,tokens,"
        '"gpt-5-nano, input_tokens",p\n'
        "1,2,2026-01-01T00:00:00+00:00,2026-01-02T00:00:00+00:00,0.25,usd,,,web search tool calls,p\n"
        '1,2,2026-01-01T00:00:00+00:00,2026-01-02T00:00:00+00:00,3,eur,,,"gpt-4o, output",p\n'
    )
    r = read_usage((header + body).encode(), "costs.csv")
    assert list(r.frame[c.MODEL]) == ["gpt-5-nano", "web search tool calls"]
    assert r.frame[c.REPORTED_COST].sum() == pytest.approx(0.75)
    assert any("row 3: amount not in USD" in w for w in r.warnings)


def test_claude_code_only_synthetic_is_refused():
    line = (
        '{"timestamp":"2026-01-01T00:00:00Z","requestId":"r","message":{"id":"m",'
        '"model":"<synthetic>","usage":{"input_tokens":0,"output_tokens":0}}}'
    )
    with pytest.raises(UsageFormatError, match="no assistant usage lines"):
        read_usage((line + "\n" + line).encode(), "s.jsonl")


def test_claude_code_bad_json_lines_are_named():
    good = (
        '{"timestamp":"2026-01-01T00:00:00Z","requestId":"r{i}","message":{"id":"m{i}",'
        '"model":"claude-sonnet-4-5","usage":{"input_tokens":1,"output_tokens":1}}}'
    )
    data = "\n".join([good.replace("{i}", "1"), "{not json", good.replace("{i}", "2")])
    r = read_usage(data.encode(), "s.jsonl")
    assert r.rows == 2
    assert any("1 line not JSON (lines 2)" in w for w in r.warnings)


def test_cursor_requests_variant_and_dollar_costs():
    header = (
        "Date,Cloud Agent ID,Automation ID,Kind,Model,Max Mode,Input (w/ Cache Write),"
        "Input (w/o Cache Write),Cache Read,Output Tokens,Total Tokens,Requests\n"
    )
    body = '"2026-01-01T00:00:00Z",,,"On-Demand","gpt-5","No","0","10","0","5","15","2"\n'
    r = read_usage((header + body).encode(), "cursor.csv")
    assert r.format == "cursor_csv"
    assert r.frame[c.REQUESTS].iloc[0] == 2
    assert r.frame[c.REPORTED_COST].isna().all()

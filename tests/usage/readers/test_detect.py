"""Format auto-detection (usage-formats §7a): required header subsets, case/space-insensitive."""

from __future__ import annotations

import pytest

from model.usage.readers import FORMATS, read_usage, read_usage_path
from model.usage.readers.detect import choose, probe
from tests.conftest import DATA

SAMPLES = DATA / "samples"

SAMPLE_FORMATS = {
    "openrouter_generations__REAL_2026-03.csv": "openrouter_generations_csv",
    "openrouter_activity__RECONSTRUCTED.csv": "openrouter_activity_csv",
    "openai_usage_export__REAL_2025-10.tsv": "openai_usage_csv",
    "openai_usage_api_page__DOC_EXAMPLE.json": "openai_usage_json",
    "openai_cost_export__REAL_2025-10.tsv": "openai_costs_csv",
    "openai_costs_api_page__DOC_EXAMPLE.json": "openai_costs_json",
    "anthropic_console_usage__RECONSTRUCTED.csv": "anthropic_console_usage_csv",
    "anthropic_console_cost__REAL_2024/claude_api_cost_2024_09.csv": "anthropic_console_cost_csv",
    "litellm_spend_logs__RECONSTRUCTED.csv": "litellm_spend_logs_csv",
    "cursor_usage__RECONSTRUCTED.csv": "cursor_csv",
    "claude_code_session__RECONSTRUCTED.jsonl": "claude_code_jsonl",
    "anthropic_usage_report__RECONSTRUCTED.json": "anthropic_usage_report_json",
    "openrouter_activity_api__RECONSTRUCTED.json": "openrouter_activity_json",
    "generic_small.csv": "generic_csv",
}


def detected(data: bytes, name: str = "f.csv") -> str:
    return choose(probe(data, name), FORMATS, name).name


@pytest.mark.parametrize(("name", "fmt"), sorted(SAMPLE_FORMATS.items()))
def test_each_sample_is_detected(name, fmt):
    assert detected((SAMPLES / name).read_bytes(), name) == fmt
    # …and reads the same when the format is forced.
    assert read_usage_path(SAMPLES / name, fmt).format == fmt


def test_every_registered_format_has_a_sample():
    assert set(SAMPLE_FORMATS.values()) == set(FORMATS)


@pytest.mark.parametrize(
    ("header", "fmt"),
    [
        (
            "GENERATION_ID,Created_At,Cost_Total,Tokens_Prompt,Tokens_Completion,Model_Permaslug",
            "openrouter_generations_csv",
        ),
        (
            "Date,Slug,Usage,BYOK Usage,Requests,Prompt Tokens,Completion Tokens",
            "openrouter_activity_csv",
        ),
        (
            "date ,  slug, usage ,byok  usage,requests,prompt tokens,completion tokens",
            "openrouter_activity_csv",
        ),
        (
            "start_time,end_time,num_model_requests,input_tokens,output_tokens,model",
            "openai_usage_csv",
        ),
        ("start_time,end_time,start_time_iso,end_time_iso", "openai_usage_csv"),
        (
            "start_time,end_time,amount_value,amount_currency,quantity,line_item,api_source",
            "openai_costs_csv",
        ),
        (
            "usage_date_utc,model_version,usage_input_tokens_no_cache,usage_output_tokens",
            "anthropic_console_usage_csv",
        ),
        (
            "usage_date_utc,model,workspace,api_key,usage_type,context_window,token_type,cost_usd,list_price_usd",
            "anthropic_console_cost_csv",
        ),
        (
            "request_id,call_type,spend,startTime,model,prompt_tokens,completion_tokens",
            "litellm_spend_logs_csv",
        ),
        (
            "Date,User,Cloud Agent ID,Kind,Model,Max Mode,Input (w/ Cache Write),Input (w/o Cache Write),Cache Read,Output Tokens,Total Tokens,Cost",
            "cursor_csv",
        ),
        ("Timestamp;Model;Input_Tokens;Output_Tokens", "generic_csv"),
        ("timestamp\tmodel\tinput_tokens\toutput_tokens\textra", "generic_csv"),
    ],
)
def test_header_fingerprints(header, fmt):
    assert detected((header + "\n").encode()) == fmt


def test_json_fingerprints():
    page = b'{"object":"page","data":[{"start_time":1,"results":[{"object":"organization.costs.result","amount":{"value":1,"currency":"usd"}}]}]}'
    assert detected(page, "p.json") == "openai_costs_json"
    pages = b"[" + page + b"," + page + b"]"  # several pages saved together
    assert detected(pages, "p.json") == "openai_costs_json"
    line = b'{"timestamp":"2026-01-01T00:00:00Z","requestId":"r","message":{"id":"m","model":"claude-sonnet-4-5","usage":{"input_tokens":1,"output_tokens":1}}}'
    assert detected(line, "one.jsonl") == "claude_code_jsonl"
    assert detected(line + b"\n" + line, "two.jsonl") == "claude_code_jsonl"


def test_openai_empty_export_is_refused_clearly():
    data = b"start_time,end_time,start_time_iso,end_time_iso\n1759622400,1759708800,,\n"
    with pytest.raises(ValueError, match="only time columns: the organization had no usage"):
        read_usage(data, "completions_usage.csv")

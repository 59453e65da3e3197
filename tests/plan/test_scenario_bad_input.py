"""Hostile and broken scenario files (issue 8, items 7–10 and 13): each one gets a one-line
error naming the file and the key (or line), never a traceback, a silent default or a
non-finite number. One test per reproduction of the issue, then the neighbours found while
fixing them. The same reader serves ``project``, ``reprice --scenario`` and the calculator's
upload (see tests/cli/test_scenario_bad_input_cli.py and tests/app for those surfaces)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from model.plan.scenario import ScenarioError, load_scenario, read_scenario_bytes
from model.plan.scenario_yaml import MAX_SCENARIO_BYTES

WORKLOAD = "workloads: [{name: a, model: gpt-4o, requests_per_day: 1000, input_tokens: 100}]\n"


def nested(depth: int = 500) -> str:
    """The issue's reproduction: ``python3 -c "print('name: '+'['*500+']'*500)"`` + a workload."""
    return "name: " + "[" * depth + "]" * depth + "\n" + WORKLOAD


#: The issue's reproductions as files, with what the one-line refusal must say: shared by the
#: CLI (tests/cli/test_scenario_bad_input_cli.py) and the page (tests/app/…bad_input.py).
#: The last three are judged against the price data (a projection), not the reader alone.
REPRODUCTIONS = {
    "nested 500 deep": (nested(500), "nested deeper than 20 levels (line 1)"),
    "2026-02-30": (f"start_month: 2026-02-30\n{WORKLOAD}", "start_month: expected a month"),
    "9999-06": (f"start_month: 9999-06\n{WORKLOAD}", "start_month: 9999-06 is outside"),
    "0000-01": (f"start_month: 0000-01\n{WORKLOAD}", "start_month: 0000-01 is outside"),
    "tiny top-up": (
        f"options: {{openrouter: {{topup_usd: 1.0e-320}}}}\n{WORKLOAD}",
        "options.openrouter.topup_usd",
    ),
    "duplicate key": (f"name: a\nname: b\n{WORKLOAD}", "duplicate key 'name' (line 2)"),
    "boolean": (
        "workloads: [{name: a, model: gpt-4o, requests_per_day: true}]\n",
        "workloads.0.requests_per_day: Input should be a valid number",
    ),
    "1e-300 days": (f"days_per_month: 1.0e-300\n{WORKLOAD}", "days_per_month"),
    "unknown region": (
        f"options: {{direct: {{region: mars}}}}\n{WORKLOAD}",
        "options.direct.region",
    ),
    "unknown model": (
        "workloads: [{name: a, model: acme-omni-7, requests_per_day: 1}]\n",
        "workloads.0.model: 'acme-omni-7'",
    ),
    "unknown version": (f"pricing_version: 1999-01-01\n{WORKLOAD}", "pricing_version: unknown"),
}


def refused(text: str | bytes, tmp_path: Path) -> str:
    """The one-line error for ``text`` as a file (the CLI's reader) and as an upload (the
    page's); both must refuse with the same reason."""
    data = text.encode() if isinstance(text, str) else text
    path = tmp_path / "s.yaml"
    path.write_bytes(data)
    with pytest.raises(ScenarioError) as from_file:
        load_scenario(path)
    with pytest.raises(ScenarioError) as from_upload:
        read_scenario_bytes(data, origin="s.yaml")
    message = str(from_file.value)
    assert message.startswith(f"{path}: ") and "\n" not in message and len(message) < 400
    assert str(from_upload.value) == message.replace(str(path), "s.yaml")
    return message


# --- the reproductions -------------------------------------------------------------


def test_nested_500_deep_is_an_error_not_a_recursion_error(tmp_path: Path) -> None:
    assert "nested deeper than 20 levels (line 1)" in refused(nested(500), tmp_path)


@pytest.mark.parametrize(
    ("month", "reason"),
    [("2026-02-30", "expected a month as YYYY-MM, got '2026-02-30'"),
     ("9999-06", "9999-06 is outside 2000-01 … 2199-12"),
     ("0000-01", "0000-01 is outside 2000-01 … 2199-12")],
)  # fmt: skip
def test_impossible_start_months_name_the_key(tmp_path: Path, month: str, reason: str) -> None:
    assert f"start_month: {reason}" in refused(f"start_month: {month}\n{WORKLOAD}", tmp_path)


def test_dev_zero_is_refused_by_size_at_once() -> None:
    started = time.perf_counter()
    with pytest.raises(ScenarioError, match=r"/dev/zero: larger than 256,000 bytes"):
        load_scenario(Path("/dev/zero"))
    assert time.perf_counter() - started < 2


def test_a_tiny_topup_is_refused_naming_the_key(tmp_path: Path) -> None:
    # 1e-320 top-ups made the fee per top-up infinite ($inf in text, a broken JSON document).
    message = refused(f"options: {{openrouter: {{topup_usd: 1.0e-320}}}}\n{WORKLOAD}", tmp_path)
    assert "options.openrouter.topup_usd: Input should be greater than or equal to 1" in message


@pytest.mark.parametrize(
    ("text", "key"),
    [("name: a\nname: b\n" + WORKLOAD, "'name' (line 2)"),
     ("workloads: [{name: a, model: gpt-4o, requests_per_day: 1, requests_per_day: 9}]\n",
      "'requests_per_day' (line 1)"),
     (f"options:\n  pooled: {{discount: 0.2}}\n  pooled: {{discount: 0.9}}\n{WORKLOAD}",
      "'pooled' (line 3)")],
    ids=["top level", "in a workload", "in options"],
)  # fmt: skip
def test_duplicate_keys_are_refused_by_name(tmp_path: Path, text: str, key: str) -> None:
    assert f"duplicate key {key}" in refused(text, tmp_path)


def test_a_merge_key_may_be_overridden(tmp_path: Path) -> None:
    # `<<: *base` then an own key is YAML's way to override, not a duplicate.
    path = tmp_path / "s.yaml"
    path.write_text(
        "workloads:\n  - &w {name: a, model: gpt-4o, requests_per_day: 1}\n"
        "  - {<<: *w, name: b, requests_per_day: 5}\n"
    )
    assert [w.requests_per_day for w in load_scenario(path).workloads] == [1, 5]


def test_a_boolean_is_not_a_number(tmp_path: Path) -> None:
    text = "workloads: [{name: a, model: gpt-4o, requests_per_day: true}]\n"
    assert "workloads.0.requests_per_day: Input should be a valid number" in refused(text, tmp_path)


@pytest.mark.parametrize("value", ["1e-300", "1.0e-300", "0.5", "0", "31.5", ".nan"])
def test_days_per_month_has_sane_bounds(tmp_path: Path, value: str) -> None:
    # 1e-300 days a month gave totals near zero; working days (1–31) are fine.
    assert "days_per_month: " in refused(f"days_per_month: {value}\n{WORKLOAD}", tmp_path)


def test_days_per_month_of_working_days_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(f"days_per_month: 21\n{WORKLOAD}")
    assert load_scenario(path).days_per_month == 21


def test_a_50_mb_scenario_is_refused_quickly(tmp_path: Path) -> None:
    # It took 22 s and 329 MB to refuse; the size is checked before parsing.
    path = tmp_path / "big.yaml"
    with path.open("w") as fh:
        fh.write(WORKLOAD)
        for _ in range(50):
            fh.write("# " + "x" * (1 << 20) + "\n")
    started = time.perf_counter()
    with pytest.raises(ScenarioError, match="larger than 256,000 bytes"):
        load_scenario(path)
    assert time.perf_counter() - started < 2  # reads 256 KB, not 50 MB


def test_a_scenario_just_under_the_cap_is_read(tmp_path: Path) -> None:
    path = tmp_path / "padded.yaml"
    padding = "# " + "x" * (MAX_SCENARIO_BYTES - len(WORKLOAD) - 4) + "\n"
    path.write_text(WORKLOAD + padding)
    assert path.stat().st_size <= MAX_SCENARIO_BYTES
    assert load_scenario(path).workloads[0].requests_per_day == 1000


# --- neighbours ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("- a\n- b\n", "expected a mapping of scenario keys"),
        ("", "expected a mapping of scenario keys"),
        ("name: [unclosed\n", "not valid YAML: expected ',' or ']'"),
        ("!!python/object:os.system x\n", "not valid YAML: could not determine a constructor"),
        (f"start_month: !!timestamp 2026-02-30\n{WORKLOAD}", "start_month: expected a month"),
        (f"horizon_months: true\n{WORKLOAD}", "horizon_months: Input should be a valid integer"),
        (f"horizon_months: 121\n{WORKLOAD}", "horizon_months"),
        (f"monthly_growth: .inf\n{WORKLOAD}", "monthly_growth"),
        ("workloads: [{name: a, model: gpt-4o, requests_per_day: '1000'}]\n",
         "workloads.0.requests_per_day: Input should be a valid number"),
        ("workloads: [{name: a, model: gpt-4o, requests_per_day: .inf}]\n",
         "requests_per_day: Input should be a finite number"),
        ("workloads: [{name: a, model: gpt-4o, requests_per_day: 1" + "0" * 5000 + "}]\n",
         "not valid YAML: Exceeds the limit"),
        (f"options: {{openrouter: {{byok: 'yes'}}}}\n{WORKLOAD}", "options.openrouter.byok"),
        (f"options: {{pooled: {{discount: {{anthropic: 2}}}}}}\n{WORKLOAD}",
         "options.pooled.discount: anthropic: expected a share between 0 and 1, got 2"),
        ("workloads: []\n", "workloads: Tuple should have at least 1 item"),
        (f"name: {'x' * 300}\n{WORKLOAD}", "name: String should have at most 200 characters"),
    ],
    ids=["a list", "empty", "broken YAML", "python tag", "explicit timestamp",
         "boolean horizon", "long horizon", "infinite growth", "quoted number", "infinity",
         "5,000 digits", "string boolean", "discount above 1", "no workload", "long name"],
)  # fmt: skip
def test_more_bad_scenarios_get_one_line(tmp_path: Path, text: str, needle: str) -> None:
    assert needle in refused(text, tmp_path)


def test_not_utf8(tmp_path: Path) -> None:
    assert "not UTF-8 text (byte 0)" in refused(b"\xff\xfe\x00name: x", tmp_path)


def test_many_aliases_of_one_workload_are_refused_by_count(tmp_path: Path) -> None:
    # 50,000 references to one workload fit in 200 KB. The count is checked before any item
    # is validated (pydantic's own limit reads "at most 200 items after validation", after
    # validating all of them); no timing here: the machine may be loaded.
    text = "w0: &w {name: a, model: gpt-4o, requests_per_day: 1}\n"
    text += "workloads: [" + ",".join(["*w"] * 50_000) + "]\n"
    assert "workloads: 50,000 workloads; at most 200" in refused(text, tmp_path)


def test_many_problems_are_one_short_line(tmp_path: Path) -> None:
    text = "requirements: [[1], [2], [3], [4], [5], [6]]\n" + WORKLOAD
    assert "(and 3 more)" in refused(text, tmp_path)


def test_a_folder_and_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="is a folder"):
        load_scenario(tmp_path)
    with pytest.raises(ScenarioError, match="file not found"):
        load_scenario(tmp_path / "missing.yaml")

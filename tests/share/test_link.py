"""model.share.link: the share-link codec round-trips every JSON-able scenario and refuses
damaged, tampered, oversized, hostile and future-version links with one line."""

from __future__ import annotations

import base64
import json
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.share.link import (
    MAX_DEPTH,
    MAX_JSON_BYTES,
    MAX_LINK_CHARS,
    SAFE_LINK_CHARS,
    ShareLinkError,
    decode,
    encode,
)
from tests.conftest import DATA


def _raw(text: str | bytes, prefix: str = "v1.") -> str:
    data = text.encode() if isinstance(text, str) else text
    return prefix + base64.urlsafe_b64encode(zlib.compress(data)).rstrip(b"=").decode()


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**15), 10**15)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)


@given(st.dictionaries(st.text(max_size=12), json_values, max_size=6))
def test_round_trip(payload: dict) -> None:
    link = encode(payload)
    assert link.startswith("v1.")
    assert decode(link) == payload


def test_a_typical_scenario_fits_a_chat_message() -> None:
    import yaml

    scenario = yaml.safe_load((DATA / "scenarios" / "default.yaml").read_text())
    link = encode({"scenario": scenario})
    assert len(link) < SAFE_LINK_CHARS / 2, len(link)
    assert decode(link) == {"scenario": scenario}


def test_non_finite_numbers_are_not_encoded() -> None:
    with pytest.raises(ShareLinkError, match="non-finite"):
        encode({"x": float("inf")})


@pytest.mark.parametrize(
    ("link", "says"),
    [
        ("", "not a Gatewise share link"),
        ("hello", "not a Gatewise share link"),
        ("v2.eJyrVgpOLSpLTlWyUlAqSS0uUaoFAD4LBXs", "made by a newer Gatewise"),
        ("v0.abc", "cannot read"),
        ("v1.@@@@", "characters no share link contains"),
        ("v1.**Session expired** [x](https://evil.example)", "characters no share link"),
        ("v1.abc", "damaged"),
        ("v1." + "A" * (MAX_LINK_CHARS + 1), "characters long"),
        (_raw("[1, 2]"), "expected a mapping"),
        (_raw('{"a": NaN}'), "non-finite"),
        (_raw('{"a": 1e999}'), "non-finite"),
        (_raw('{"a": '), "not a JSON document"),
        (_raw(b"\xff\xfe{}"), "not text"),
        (_raw('{"a":' + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "}"), "levels deep"),
        (_raw(" " * (MAX_JSON_BYTES + 10) + "{}"), "more than"),
    ],
)
def test_refusals_say_why_in_one_line(link: str, says: str) -> None:
    with pytest.raises(ShareLinkError, match=says) as err:
        decode(link)
    assert "\n" not in str(err.value) and len(str(err.value)) < 120


def test_a_cut_link_is_refused() -> None:
    link = encode({"name": "platform team", "workloads": [{"requests_per_day": 2000}] * 5})
    for cut in (len(link) - 1, len(link) - 5, len(link) // 2):
        with pytest.raises(ShareLinkError):
            decode(link[:cut])


def test_a_tampered_link_never_decodes_to_another_scenario() -> None:
    link = encode({"name": "a", "growth": 0.05, "workloads": [{"model": "gpt-5.4"}]})
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    changed = 0
    for i in range(3, len(link)):
        for ch in alphabet[:8]:
            if ch == link[i]:
                continue
            tampered = link[:i] + ch + link[i + 1 :]
            try:
                decoded = decode(tampered)
            except ShareLinkError:
                continue
            # base64's last character may carry unused bits: same bytes, same scenario.
            assert decoded == decode(link), (i, ch)
            changed += 1
    assert changed < 10


def test_a_zip_bomb_is_stopped_while_inflating() -> None:
    bomb = _raw(b'{"a":"' + b"x" * 8_000_000 + b'"}')
    assert len(bomb) < MAX_LINK_CHARS
    with pytest.raises(ShareLinkError, match="more than"):
        decode(bomb)


def test_inner_whitespace_around_the_link_is_ignored() -> None:
    assert decode("  " + encode({"a": 1}) + "\n") == {"a": 1}
    assert json.dumps(decode(encode({"k": [1, 2]})))


def test_brackets_inside_strings_are_not_nesting() -> None:
    payload = {"name": '\\"' + "[{" * (MAX_DEPTH + 5) + '"', "notes": ["a\\\\", "]]]"]}
    assert decode(encode(payload)) == payload

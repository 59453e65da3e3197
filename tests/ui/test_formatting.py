"""Display formatting helpers (pure)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.display import pct
from pages.ui import safe
from pages.ui.formatting import count, per_mtok, price, source_links, tokens


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3, "$3 /MTok"), (Decimal("0.075"), "$0.075 /MTok"), (1.25, "$1.25 /MTok"),
     (Decimal("15.00"), "$15 /MTok"), (None, "—")],
)  # fmt: skip
def test_per_mtok(value, expected: str) -> None:
    assert per_mtok(value) == expected


@pytest.mark.parametrize(
    ("share", "signed", "expected"),
    [(0.055, False, "5.5 %"), (Decimal("0.2"), False, "20 %"), (-0.2, True, "-20 %"),
     (0.125, True, "+12.5 %"), (None, False, "—")],
)  # fmt: skip
def test_pct(share, signed: bool, expected: str) -> None:
    assert pct(share, signed=signed) == expected


@given(st.decimals(min_value=0, max_value=10_000, places=6))
def test_per_mtok_round_trips_the_catalog_decimal(price: Decimal) -> None:
    shown = per_mtok(price).removeprefix("$").removesuffix(" /MTok")
    assert Decimal(shown) == price


def test_price_and_tokens() -> None:
    assert price(Decimal("0.0375")) == "$0.0375"
    assert price(2.0) == "$2"
    assert tokens(272_000) == "272,000 tokens"
    assert tokens(None) == "—"


@pytest.mark.parametrize(
    ("n", "text"), [(0, "0 rows"), (1, "1 row"), (2, "2 rows"), (1200, "1,200 rows")]
)
def test_count(n: int, text: str) -> None:
    assert count(n, "row") == text


def test_source_links_tell_pages_of_one_host_apart() -> None:
    urls = [
        "https://ai.google.dev/gemini-api/docs/pricing",
        "https://platform.claude.com/docs/en/about-claude/pricing",
        "https://platform.claude.com/docs/en/build-with-claude/data-residency",
        "https://developers.openai.com/api/docs/guides/data-residency.md",
    ]
    assert source_links(urls) == (
        "[ai.google.dev](https://ai.google.dev/gemini-api/docs/pricing) · "
        "[platform.claude.com (pricing)](https://platform.claude.com/docs/en/about-claude/pricing)"
        " · [platform.claude.com (data-residency)]"
        "(https://platform.claude.com/docs/en/build-with-claude/data-residency) · "
        "[developers.openai.com](https://developers.openai.com/api/docs/guides/data-residency.md)"
    )
    # A label is markdown: nothing but letters, digits and . - _ ( ) survives in it; a URL
    # that is not plain https (markdown in its path, another scheme) is text, not a link.
    assert source_links(["https://x.example/a/b_c", "https://x.example/a/(d)"]) == (
        "[x.example (b_c)](https://x.example/a/b_c) · "
        + safe.md("https://x.example/a/(d)", limit=None)
    )
    assert "](" not in source_links(["javascript:alert(1)"])

"""pages.ui.safe: user text escaped for Streamlit markdown (the rendering itself is checked
in Chromium by tests/browser/test_injection.py)."""

from __future__ import annotations

import re
import string

import pytest

from pages.ui.safe import MAX_QUOTE, WORD_JOINER, md, money

HOSTILE = [
    "**Session expired.** [Click here to sign in again](https://evil.example/login)",
    "![t](http://127.0.0.1:8699/beacon.gif)",
    ":red[alarm] :material/warning: :smile:",
    "$x^2$ and $$\\int$$",
    "<img src=x onerror=alert(1)>",
    "# heading\n- list\n> quote",
    "`code` ~~strike~~ _em_ |a|b|",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_every_punctuation_character_is_escaped(text: str) -> None:
    out = md(text, limit=None).replace(WORD_JOINER, "")
    # Removing the escapes gives back the text (line breaks folded): nothing lost...
    assert re.sub(r"\\(.)", r"\1", out) == " ".join(text.split())
    # ...and no markup character is left bare.
    bare = re.sub(r"\\.", "", out)
    assert not set(bare) & set(string.punctuation), bare


def test_one_short_line() -> None:
    out = md("a\n" * 500)
    assert "\n" not in out
    assert len(re.sub(r"\\(.)", r"\1", out)) == MAX_QUOTE
    assert out.endswith("…")


def test_plain_words_unchanged() -> None:
    assert md("gpt 4o mini") == "gpt 4o mini"


def test_money_keeps_dollars_out_of_latex() -> None:
    assert money("$4.63 vs $4.39") == "\\$4.63 vs \\$4.39"


@pytest.mark.parametrize(
    ("text", "broken"),
    [
        ("see https://evil.example/login", "https:\u2060//"),
        ("HTTP://evil.example", "HTTP:\u2060//"),
        ("www.evil.example", "www\u2060."),
        ("mail ann@evil.example", "@\u2060"),
    ],
)
def test_autolink_literals_are_broken(text: str, broken: str) -> None:
    # GitHub-flavoured markdown links bare URLs, www. and addresses after unescaping (seen
    # in Chromium): an invisible word joiner inside the pattern keeps them text.
    out = md(text)
    assert broken in re.sub(r"\\(.)", r"\1", out)
    assert md("gpt-4o: no link here") == "gpt\\-4o\\: no link here"

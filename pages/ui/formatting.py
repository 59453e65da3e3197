"""Display formatting for unit prices, token counts and shares. Pure: no streamlit import.

Money amounts are written by :func:`model.display.money` (one function for the CLI, the
pages and the report)."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from urllib.parse import urlsplit

from pages.ui import safe

Number = float | int | Decimal
__all__ = ["count", "per_mtok", "price", "source_links", "tokens"]


def _missing(value: Number | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def price(value: Number | None) -> str:
    """A unit price with as many decimals as it needs: ``$3``, ``$0.075``, ``$1.25``."""
    if _missing(value):
        return "—"
    text = f"{Decimal(str(value)):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"${text}"


def per_mtok(value: Number | None) -> str:
    """A token price in USD per million tokens: ``$3 /MTok``, ``$0.075 /MTok``."""
    return "—" if _missing(value) else f"{price(value)} /MTok"


def tokens(value: Number | None) -> str:
    """A token count with thousands separators: ``200,000 tokens``."""
    return "—" if _missing(value) else f"{int(value):,} tokens"  # type: ignore[arg-type]


def count(n: int, noun: str) -> str:
    """``1 row``, ``2 rows``, ``1,200 rows`` (regular plurals only)."""
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def source_links(urls: list[str]) -> str:
    """Markdown links to source pages, labelled by host — and by the page's last path segment
    where one host has several (``platform.claude.com (pricing)``, ``… (data-residency)``):
    two links both reading "platform.claude.com" looked like a duplicate. Labels keep only
    letters, digits and ``.-_`` (a label is markdown); a URL that is not plain https is shown
    as text (:func:`pages.ui.safe.link`)."""
    hosts = [urlsplit(u).hostname or "source" for u in urls]
    shared = {h for h in hosts if hosts.count(h) > 1}
    links = []
    for url, host in zip(urls, hosts, strict=True):
        page = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".md")
        label = f"{host} ({page})" if host in shared and page else host
        links.append(safe.link(url, re.sub(r"[^A-Za-z0-9._() -]", "", label)))
    return " · ".join(links)

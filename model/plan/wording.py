"""The break-evens in words, for the calculator page and the report (one phrasing for both).

``strong`` wraps the number a sentence turns on (the page passes Markdown bold; the report
leaves it plain). Option names and model ids come from the price data, never from a user.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from model.display import money, pct
from model.plan.analysis import Analysis


def _plain(text: str) -> str:
    return text


def break_even_lines(
    analysis: Analysis, names: Mapping[str, str], strong: Callable[[str], str] = _plain
) -> list[str]:
    """One sentence per break-even: discounts, top-up sizes, then caching per model (headed
    by the versions whose prices give it when a price step inside the horizon moves it)."""
    lines = []
    for d in analysis.discount_break_even:
        now = ", ".join(f"{v} {pct(s)}" for v, s in d.current.items())
        if abs(d.discount) < 1e-9:
            verdict = "costs the same at list price; any discount makes it cheaper"
        elif d.discount < 0:
            verdict = f"cheaper at any discount — even {pct(-d.discount, digits=2)} above list"
        elif d.discount >= 1:
            verdict = "never cheaper"
        else:
            verdict = f"cheaper from a uniform discount of {strong(pct(d.discount, digits=2))}"
        lines.append(f"{names[d.option]} vs {names[d.versus]}: {verdict} (yours: {now}).")
    for t in analysis.topup_break_even:
        if t.min_usd:
            lines.append(
                f"{names[t.option]} {t.payment} fee: top-ups above "
                f"{strong(money(t.topup_usd))} pay {pct(t.percent)}; "
                f"yours ({money(t.chosen_topup_usd)}) pay {pct(t.effective_rate, digits=2)}."
            )
    n_versions = len(analysis.compiled.calendar.versions)
    split = {c.model for c in analysis.cache_break_even if len(c.versions) < n_versions}
    for c in analysis.cache_break_even:
        if c.model in split:  # a price step inside the horizon moves this break-even
            lines.append(f"Under version {' and '.join(c.versions)}:")
        own = (
            f"; your workloads read each write ≈{c.workload_reads_per_write:.1f}×"
            if c.workload_reads_per_write is not None
            else ""
        )
        if c.note:
            lines.append(f"{c.model} cache: {c.note}{own}.")
        else:
            lines.append(
                f"{c.model} {c.ttl} cache: pays after "
                f"{strong(f'{c.reads_per_write:.2f} reads per write')} (hit rate "
                f"{pct(c.hit_rate)}){own}."
            )
    return lines

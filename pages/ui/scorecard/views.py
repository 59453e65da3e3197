"""The scorecard's results: the verdict, the ranking with ranges, a chart per group, the
robustness views and the evidence table. Text that may carry user input (the explanation
names the scenario's models; override notes) is escaped or shown in dataframe cells."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from model.plan.scenario import Scenario
from model.scorecard import charts
from model.scorecard.card import Scorecard
from model.scorecard.evidence import CriteriaBook
from model.scorecard.tables import evidence_rows, flip_sentence
from pages.ui import safe, scenario_files
from pages.ui.scorecard import keys as k

EVIDENCE_COLUMNS = (
    "option", "criterion", "rating", "says", "link", "read", "scope", "source of", "basis",
    "detail", "dated", "via", "your note", "group",
)  # fmt: skip


def verdict(card: Scorecard) -> None:
    w = card.winner
    if w is None:
        st.error("No option demonstrates every must-have: untick one, or add your own rating.")
        return
    span = f"{w.score_low:.0f}–{w.score_high:.0f}"
    name = safe.md(w.name)
    if card.decisive:
        st.success(
            f"Recommended: **{name}** — score {w.score:.0f} of 100 (range {span}), decisive."
        )
    else:
        st.warning(
            f"Leading: **{name}** — score {w.score:.0f} of 100 (range {span}), not decisive: "
            "unknown ratings could change the order (see what would settle it below)."
        )


def eliminated(card: Scorecard) -> None:
    """Each option a must-have put out, with the reason (kept in the ranking below)."""
    out = [r for r in card.ranking if r.eliminated]
    if out:
        lines = [f"- **{safe.md(r.name)}** is out: {safe.md('; '.join(r.reasons), limit=None)}"
                 for r in out]  # fmt: skip
        with st.container(key="score_eliminated"):
            st.markdown("\n".join(lines))


def ranking(card: Scorecard, criteria: CriteriaBook) -> None:
    st.plotly_chart(charts.ranking_chart(card), key="score_chart_ranking", width="stretch")
    rows = [
        {
            "rank": i + 1,
            "option": r.name,
            "score": round(r.score, 1),
            "low": round(r.score_low, 1),
            "high": round(r.score_high, 1),
            "eliminated by": ", ".join(criteria.criterion(c).label for c in r.eliminated_by),
            "why": "; ".join(r.reasons),
        }
        for i, r in enumerate(card.ranking)
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="score_table_ranking")
    st.caption(
        f"Cost basis: {card.cost_label}. Score = 100 × Σ group weight × group score; the low end "
        "counts every unknown rating as 'no', the high end as 'yes'. Cost score = cheapest "
        "complete total ÷ this option's total (1 for the cheapest, 0.5 at twice its cost)."
    )


def explanation(card: Scorecard, criteria: CriteriaBook) -> None:
    st.markdown(safe.md(card.explanation, limit=None))
    if card.unknowns:
        names = {r.id: r.name for r in card.ranking}
        rows = [
            {
                "option": names[u.option],
                "unknown criterion": criteria.criterion(u.criterion).label,
                "points": u.points,
            }
            for u in card.unknowns
        ]
        st.dataframe(
            pd.DataFrame(rows).round(1),
            hide_index=True,
            key="score_table_unknowns",
            column_config={"points": st.column_config.NumberColumn("points at stake")},
        )


def groups(card: Scorecard, criteria: CriteriaBook) -> None:
    tabs = st.tabs([g.label for g in criteria.groups])
    for tab, g in zip(tabs, criteria.groups, strict=True):
        with tab:
            st.plotly_chart(
                charts.group_chart(card, criteria, g.id),
                key=f"score_chart_group_{g.id}",
                width="stretch",
            )


def robustness(card: Scorecard, criteria: CriteriaBook) -> None:
    if len(card.win_probability) < 2:
        st.info("Only one option is left by the must-haves: no weight can change the winner.")
        return
    left, right = st.columns(2)
    left.plotly_chart(charts.win_chart(card), key="score_chart_wins", width="stretch")
    right.plotly_chart(
        charts.tornado_chart(card, criteria), key="score_chart_tornado", width="stretch"
    )
    st.caption(
        flip_sentence(card, criteria) + " Win shares: 4,000 seeded draws of weights uniform over "
        "all groups."
    )


def evidence_frame(card: Scorecard, criteria: CriteriaBook) -> pd.DataFrame:
    """One row per source (or per cell without one): what every score rests on."""
    return pd.DataFrame(evidence_rows(card, criteria))


def evidence(card: Scorecard, criteria: CriteriaBook) -> None:
    frame = evidence_frame(card, criteria)
    options = list(dict.fromkeys(frame["option"]))
    shown = st.multiselect("Options", options, default=options, key="score_evidence_options")
    frame = frame[frame["option"].isin(shown)]
    st.dataframe(
        frame[list(EVIDENCE_COLUMNS)],
        hide_index=True,
        width="stretch",
        key="score_table_evidence",
        column_config={
            "link": st.column_config.LinkColumn("link", display_text="open", width="small"),
            "says": st.column_config.TextColumn("says", width="large"),
            "detail": st.column_config.TextColumn("detail", width="medium"),
        },
    )
    st.caption(
        "Quotes are the source's exact wording; other lines summarize it. 'read' is when the "
        "project read it, 'dated' the source's own date; 'via' names the research note."
    )


def download(scenario: Scenario) -> None:
    scenario_files.download(
        scenario,
        key=k.DOWNLOAD,
        label="Download scenario with weights, must-haves and overrides (YAML)",
        help="Run `python -m model score scenario.yaml --json` on it for the same ranking.",
    )

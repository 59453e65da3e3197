"""What changed in the price data lately, for the home page: the version in force today,
the version before it and any scheduled one, each with its dated price changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from model.catalog.view import diff_counts, diff_frame, field_label
from pricing import PriceBook


@dataclass(frozen=True)
class VersionChange:
    """The price changes a version brought (or will bring) compared with the one before."""

    version: str
    effective_from: dt.date
    previous: str
    scheduled: bool
    counts: dict[str, int]
    #: One row per price that moved (both sides priced): model, price, old, new, change
    #: (relative: +1.0 = doubled). A price filled in where there was none is not a move.
    changes: pd.DataFrame
    #: The same, one row per model: model_id, prices (how many moved), fields (their
    #: names), input_old/new and output_old/new (NaN when unchanged), change_min/max.
    by_model: pd.DataFrame
    #: Models the version added, in catalog order.
    added: list[str]


@dataclass(frozen=True)
class PriceNews:
    today: str
    today_from: dt.date
    latest: str
    #: Newest first: scheduled versions, then the one in force, then the one before it.
    recent: list[VersionChange]


def _changes(book: PriceBook, index: int, today: dt.date) -> VersionChange:
    old, new = book.get(book.versions[index - 1]), book.get(book.versions[index])
    frame = diff_frame(old, new)
    moved = frame[frame["direction"].isin(["cheaper", "dearer"])]
    shown = moved.assign(price=moved["field"].map(field_label))
    return VersionChange(
        version=new.version,
        effective_from=new.effective_from,
        previous=old.version,
        scheduled=new.effective_from > today,
        counts=diff_counts(frame),
        changes=shown[["model_id", "price", "old", "new", "change"]].reset_index(drop=True),
        by_model=_by_model(shown),
        added=frame.loc[frame["status"] == "added", "model_id"].tolist(),
    )


def _by_model(moves: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for model_id, group in moves.groupby("model_id", sort=False):
        field = group.set_index("field")
        rows.append(
            {
                "model_id": model_id,
                "prices": len(group),
                "fields": list(group["price"]),
                "input_old": field["old"].get("input", float("nan")),
                "input_new": field["new"].get("input", float("nan")),
                "output_old": field["old"].get("output", float("nan")),
                "output_new": field["new"].get("output", float("nan")),
                "change_min": group["change"].min(),
                "change_max": group["change"].max(),
            }
        )
    return pd.DataFrame(rows, columns=list(_BY_MODEL))


_BY_MODEL = (
    "model_id", "prices", "fields", "input_old", "input_new", "output_old", "output_new",
    "change_min", "change_max",
)  # fmt: skip


def price_news(book: PriceBook, today: dt.date, *, past: int = 1) -> PriceNews:
    """The version in force on ``today``, every scheduled version after it and ``past``
    versions before it, each with its changes against its predecessor."""
    current = book.index_in_force(today)
    first = max(1, current - past + 1)
    recent = [_changes(book, i, today) for i in range(len(book.versions) - 1, first - 1, -1)]
    in_force = book.get(book.versions[current])
    return PriceNews(
        today=in_force.version,
        today_from=in_force.effective_from,
        latest=book.versions[-1],
        recent=recent,
    )

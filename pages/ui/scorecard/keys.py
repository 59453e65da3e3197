"""Scorecard page keys: the only module that spells out its key strings.

Weights, must-haves and overrides live in the shared scenario (``scenario_state``), so they
travel with it to the calculator's download and, later, a share link; the widgets below are
views on it, re-seeded from it whenever Streamlit has dropped their state.
"""

from __future__ import annotations

from typing import Final

PREFIX: Final = "score_w_"
WEIGHT: Final = PREFIX + "weight_"  # + group id
MUST: Final = PREFIX + "must_"  # + criterion id
OVERRIDES: Final = PREFIX + "overrides"  # the overrides editor
OVERRIDES_BASE: Final = PREFIX + "overrides_base"  # its fixed base while mounted
COSTS: Final = PREFIX + "costs"  # uploaded re-price summary (JSON)
ARCHETYPE: Final = "score_archetype"  # id of the archetype last loaded
DOWNLOAD: Final = "score_download"
UPLOAD: Final = "score_upload"  # scenario YAML uploader (outside PREFIX: a load keeps it)


def weight_key(group: str) -> str:
    return WEIGHT + group


def must_key(criterion: str) -> str:
    return MUST + criterion

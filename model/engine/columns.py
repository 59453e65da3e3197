"""Column contract of the canonical usage frame (DESIGN §3): names, dtypes, defaults.

Every reader produces exactly these columns; the engine relies on nothing else.
Token columns are disjoint and additive, stored as float64 so that bucket rows of a
projection (fractional request counts) and request rows share one code path.
"""

from __future__ import annotations

from typing import Final

TIMESTAMP: Final = "timestamp"
PROVIDER: Final = "provider"
MODEL: Final = "model"
MODEL_RAW: Final = "model_raw"
INPUT: Final = "input_tokens"
CACHE_READ: Final = "cache_read_tokens"
CACHE_WRITE_5M: Final = "cache_write_5m_tokens"
CACHE_WRITE_1H: Final = "cache_write_1h_tokens"
OUTPUT: Final = "output_tokens"
REASONING: Final = "reasoning_tokens"
REQUESTS: Final = "requests"
BATCH: Final = "batch"
LONG_CONTEXT: Final = "long_context"
FREE: Final = "free"
REPORTED_COST: Final = "reported_cost_usd"

#: Billed token classes, in the order of the cost formula.
TOKEN_CLASSES: Final = (INPUT, CACHE_READ, CACHE_WRITE_5M, CACHE_WRITE_1H, OUTPUT)
#: Short names used in JSON output (`tokens` object of the reprice contract).
TOKEN_KEYS: Final = {
    INPUT: "input",
    CACHE_READ: "cache_read",
    CACHE_WRITE_5M: "cache_write_5m",
    CACHE_WRITE_1H: "cache_write_1h",
    OUTPUT: "output",
}
TOKEN_COLUMNS: Final = (*TOKEN_CLASSES, REASONING)

#: pandas dtypes of the canonical frame. ``long_context`` is a nullable boolean
#: (True / False / unknown); ``requests`` and ``reported_cost_usd`` are nullable floats.
DTYPES: Final[dict[str, str]] = {
    TIMESTAMP: "datetime64[ns, UTC]",
    PROVIDER: "string",
    MODEL: "string",
    MODEL_RAW: "string",
    INPUT: "float64",
    CACHE_READ: "float64",
    CACHE_WRITE_5M: "float64",
    CACHE_WRITE_1H: "float64",
    OUTPUT: "float64",
    REASONING: "float64",
    REQUESTS: "float64",
    BATCH: "bool",
    LONG_CONTEXT: "boolean",
    FREE: "bool",
    REPORTED_COST: "float64",
}
CANONICAL: Final = tuple(DTYPES)
REQUIRED: Final = (TIMESTAMP, MODEL, INPUT, OUTPUT)

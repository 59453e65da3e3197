"""A reference SQL query that re-prices a canonical usage table with the exported prices.

Written for DuckDB (and PostgreSQL-like dialects); README says what changes for BigQuery,
Snowflake and Spark SQL. The query does what the engine does (DESIGN §4), in two steps:

1. **List cost per row and option**: each usage row joins the price rows of its model valid
   on its day (``valid_from`` ≤ day < ``valid_to``: the version in force that day) in its
   regime — batch or not, and above the model's long-context threshold or not (a request
   row by its own prompt side: input + cache reads + cache writes; a bucket row by its
   ``long_context`` flag) — and multiplies each token class (and requests) by its price.
   Regional uplift multiplies; the aggregator's ``free`` rows cost $0 there.
2. **Option adjustments per month**: token cost = list × (1 − the vendor's discount share);
   purchase fee = token cost × fee per dollar of credits (with BYOK: 5 % of the list cost
   above the monthly allowance, and the purchase fee on that); total = token cost + fees.

Rows of a model an option does not sell join no price row of that option: like the
engine's per-option totals, each option's total covers the rows it can price.
"""

from __future__ import annotations

REPRICE_SQL = """\
-- Gatewise reference re-pricing query (DuckDB dialect).
-- Inputs:
--   usage         a canonical usage table (DESIGN §3): timestamp (UTC), model (canonical id,
--                 e.g. the `model` column of `python -m model reprice --rows-out`),
--                 input_tokens, cache_read_tokens, cache_write_5m_tokens,
--                 cache_write_1h_tokens, output_tokens, requests, batch, long_context, free
--   prices        prices.parquet / prices.csv of `python -m model export-prices`
--   option_terms  option_terms.parquet / option_terms.csv (the same export)
-- Output: one row per option and month; sum per option for the totals of `reprice --json`.
WITH u AS (
    SELECT
        CAST(timestamp AS DATE) AS day,
        model,
        coalesce(input_tokens, 0) AS input_tokens,
        coalesce(cache_read_tokens, 0) AS cache_read_tokens,
        coalesce(cache_write_5m_tokens, 0) AS cache_write_5m_tokens,
        coalesce(cache_write_1h_tokens, 0) AS cache_write_1h_tokens,
        coalesce(output_tokens, 0) AS output_tokens,
        coalesce(requests, 1) AS requests,
        coalesce(batch, FALSE) AS batch,
        long_context,
        coalesce(free, FALSE) AS free
    FROM usage
),
row_cost AS (
    SELECT
        p.option_id,
        p.option_kind,
        p.provider,
        DATE_TRUNC('month', u.day) AS month,
        u.free,
        SUM(
            CASE p.token_class
                WHEN 'input' THEN u.input_tokens
                WHEN 'cache_read' THEN u.cache_read_tokens
                WHEN 'cache_write_5m' THEN u.cache_write_5m_tokens
                WHEN 'cache_write_1h' THEN u.cache_write_1h_tokens
                WHEN 'output' THEN u.output_tokens
                WHEN 'request' THEN u.requests
            END * p.usd_per_unit
        ) AS list_cost
    FROM u
    JOIN prices AS p
        ON p.model_id = u.model
        AND u.day >= p.valid_from
        AND u.day < p.valid_to
        AND p.regime = CASE
            WHEN (
                CASE
                    WHEN u.requests = 1 THEN p.threshold_tokens IS NOT NULL
                        AND u.input_tokens + u.cache_read_tokens + u.cache_write_5m_tokens
                            + u.cache_write_1h_tokens > p.threshold_tokens
                    ELSE coalesce(u.long_context, FALSE)
                END
            )
            THEN CASE WHEN u.batch THEN 'batch_long_context' ELSE 'long_context' END
            ELSE CASE WHEN u.batch THEN 'batch' ELSE 'base' END
        END
    GROUP BY 1, 2, 3, 4, 5
),
adjusted AS (
    SELECT
        r.option_id,
        r.month,
        -- regional uplift on list; the aggregator serves its free rows at $0
        CASE WHEN r.free AND r.option_kind = 'aggregator' THEN 0
             ELSE r.list_cost * (1 + t.uplift_share) END AS list_cost,
        CASE WHEN r.free AND r.option_kind = 'aggregator' THEN 0
             ELSE r.list_cost * (1 + t.uplift_share) * (1 - t.discount_share) END AS token_cost
    FROM row_cost AS r
    JOIN option_terms AS t ON t.option_id = r.option_id AND t.provider = r.provider
),
monthly AS (
    SELECT
        a.option_id,
        a.month,
        SUM(a.list_cost) AS list_cost,
        SUM(a.token_cost) AS token_cost
    FROM adjusted AS a
    GROUP BY 1, 2
),
terms AS (
    SELECT DISTINCT option_id, purchase_fee_rate, byok, byok_percent, byok_allowance_usd
    FROM option_terms
),
fees AS (
    SELECT
        m.option_id,
        m.month,
        m.list_cost,
        m.token_cost,
        t.byok,
        CASE WHEN t.byok
             THEN GREATEST(m.list_cost - t.byok_allowance_usd, 0) * t.byok_percent
             ELSE 0 END AS byok_fee,
        t.purchase_fee_rate
    FROM monthly AS m
    JOIN terms AS t ON t.option_id = m.option_id
)
SELECT
    option_id,
    month,
    token_cost AS token_cost_usd,
    list_cost - token_cost AS discount_usd,
    -- BYOK: the fee on list cost above the allowance, bought with credits (purchase fee
    -- too); otherwise the purchase fee on the credits the token cost is paid with.
    CASE WHEN byok THEN byok_fee * (1 + purchase_fee_rate)
         ELSE token_cost * purchase_fee_rate END AS fees_usd,
    token_cost + CASE WHEN byok THEN byok_fee * (1 + purchase_fee_rate)
                      ELSE token_cost * purchase_fee_rate END AS total_usd
FROM fees
ORDER BY option_id, month
"""


def reprice_sql() -> str:
    """The reference query (see the module docstring)."""
    return REPRICE_SQL

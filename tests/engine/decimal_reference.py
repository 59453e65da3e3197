"""An exact, scalar, deliberately naive re-statement of DESIGN §4 with ``Decimal``, written
independently of model/engine/prices.py, used to check the vectorized float64 engine."""

from __future__ import annotations

from decimal import Decimal

from pricing.schema import ModelPrice

MTOK = Decimal(1_000_000)


def reference_cost(
    m: ModelPrice,
    *,
    input_tokens: int,
    cache_read: int = 0,
    cw5: int = 0,
    cw1h: int = 0,
    output: int = 0,
    batch: bool = False,
    batch_api: bool = True,
) -> Decimal:
    prompt = input_tokens + cache_read + cw5 + cw1h
    tier = m.long_context is not None and prompt > m.long_context.threshold_tokens
    p_in, p_out = m.input, m.output
    p_cr, p_cw5, p_cw1h = m.cache_read, m.cache_write_5m, m.cache_write_1h
    if tier:
        t = m.long_context
        assert t is not None
        ratio = t.input / m.input
        p_cr = (
            t.cache_read
            if t.cache_read is not None
            else (p_cr * ratio if p_cr is not None else None)
        )
        p_cw5 = (
            t.cache_write_5m
            if t.cache_write_5m is not None
            else (p_cw5 * ratio if p_cw5 is not None else None)
        )
        p_cw1h = (
            t.cache_write_1h
            if t.cache_write_1h is not None
            else (p_cw1h * ratio if p_cw1h is not None else None)
        )
        p_in, p_out = t.input, t.output
    if batch and batch_api and m.batch is not None:
        b = m.batch
        if tier and b.long_context is not None:
            bt = b.long_context
            p_in, p_out = bt.input, bt.output
            p_cr = bt.cache_read if bt.cache_read is not None else p_cr
        else:
            in_ratio, out_ratio = b.input / m.input, b.output / m.output
            std = (m.cache_read, m.cache_write_5m, m.cache_write_1h)
            bat = (b.cache_read, b.cache_write_5m, b.cache_write_1h)
            scaled = []
            for p, s, bp in zip((p_cr, p_cw5, p_cw1h), std, bat, strict=True):
                if bp is None or p is None:
                    scaled.append(p)  # standard cache price (at this tier)
                else:
                    scaled.append(p * bp / s if s else bp)
            p_cr, p_cw5, p_cw1h = scaled
            p_in, p_out = p_in * in_ratio, p_out * out_ratio
    if m.cache_read is None:  # no caching: cached tokens are input
        p_cr = p_cw5 = p_cw1h = p_in
    p_cw5 = p_in if p_cw5 is None else p_cw5
    p_cw1h = p_in if p_cw1h is None else p_cw1h
    total = (
        input_tokens * p_in + cache_read * p_cr + cw5 * p_cw5 + cw1h * p_cw1h + output * p_out
    ) / MTOK
    return total + (m.per_request_usd or 0)

"""The trade-off scorecard (issue 10): what each way of buying gives up — compliance, catalog,
trust, integration, billing — next to what it costs, for a user's own priorities.

Entry points:
- :func:`model.scorecard.card.score_scenario` — the scorecard of a scenario (ranking with
  score ranges, must-have eliminations, decisiveness, explanation, robustness);
  :meth:`Scorecard.to_json` is the ``python -m model score --json`` contract.
- :func:`model.scorecard.evidence.load_criteria` — the evidence data of ``data/criteria``.
- :mod:`model.scorecard.charts` — plotly figures (ranking, per group, win shares, tornado).
- :func:`model.scorecard.costs.costs_from_reprice` — cost basis from a re-priced log.
"""

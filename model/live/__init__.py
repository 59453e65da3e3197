"""Live test calls (issue 11): one real request per option, side by side — latency, time to
first token, tokens, cost, and whether prompt caching passes through that channel.

Entry points: :func:`~model.live.session.run_session` (runs, warm-ups, round-robin, cache
probe, costs), :func:`~model.live.guard.check_endpoint` (where a call may go),
:mod:`~model.live.presets` (endpoints per option), :mod:`~model.live.ide` (drop-in settings),
:mod:`~model.live.evidence` (the dated JSON file the scorecard reads). Wire formats are in
:mod:`~model.live.apis`, usage blocks in :mod:`~model.live.usage`.
"""

"""Helpers of the scorecard page (``pages/scorecard.py``)."""

"""Helpers of the test-call page (``pages/test_call.py``)."""

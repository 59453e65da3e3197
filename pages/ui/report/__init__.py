"""Helpers of the report page (``pages/report.py``): the cached report, its preview and
downloads, and the usage log it may include (the Re-price page's, or a saved summary)."""

"""The upload page's state keys, cached loaders and views."""

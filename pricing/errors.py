"""Errors of the pricing layer, worded for the person who edits the YAML."""


class CatalogError(ValueError):
    """A price catalog file is missing, unreadable or invalid; the message names file and field."""

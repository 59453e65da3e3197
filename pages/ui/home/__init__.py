"""The home page's renderers."""

"""The Pricing tables page's renderers."""

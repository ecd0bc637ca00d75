"""Unit pages: one reporting body over the years (blueprint in views, page model in model)."""

from portal.units.views import bp

__all__ = ["bp"]

"""Missing reports by region: `/missing/<省>/<市>/…`, its CSV and `/api/missing` (blueprint in views)."""

from portal.missing.views import bp

__all__ = ["bp"]

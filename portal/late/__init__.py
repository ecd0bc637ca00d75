"""Late reports by region and year: `/late/<省>/<市>/…`, its CSV and `/api/late` (blueprint in views)."""

from portal.late.views import bp

__all__ = ["bp"]

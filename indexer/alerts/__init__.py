"""Saved searches with e-mail alerts: their SQLite store beside the catalog."""

from indexer.alerts.store import FREQUENCIES, AlertStore, Subscription, open_alert_store

__all__ = ["FREQUENCIES", "AlertStore", "Subscription", "open_alert_store"]

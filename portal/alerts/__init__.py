"""Saved searches with e-mail alerts: the pages, the page model and the digests."""

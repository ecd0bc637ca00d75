"""A polite crawler for government sites: listing pages to annual reports and their attachments."""

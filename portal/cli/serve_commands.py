"""`nianbao serve`: run the portal on Flask's development server (gunicorn for production)."""

from __future__ import annotations

import click


@click.command("serve")
@click.option("--host", default=None, help="Address to listen on (default from NIANBAO_PORTAL_BIND).")
@click.option("--port", type=int, default=None, help="Port to listen on (default from NIANBAO_PORTAL_BIND).")
@click.option("--debug", is_flag=True, help="Reload on code changes and show the debugger (never in production).")
def serve_command(host: str | None, port: int | None, debug: bool) -> None:
    """Serve the portal for development; use `gunicorn -c gunicorn.conf.py` in production."""
    from indexer.settings import load_settings
    from portal.app import create_app

    settings = load_settings()
    default_host, _, default_port = settings.portal_bind.rpartition(":")
    app = create_app({"SETTINGS": settings})
    click.echo(f"年报检索 on http://{host or default_host}:{port or int(default_port)}/  (engine: {settings.engine})")
    app.run(host=host or default_host, port=port or int(default_port), debug=debug, threaded=True)

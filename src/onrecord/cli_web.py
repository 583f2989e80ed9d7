"""``onrecord serve``: the web UI and REST API over the store (FastAPI + uvicorn)."""

from __future__ import annotations

import os

import click

from onrecord.cli_corpus import db_option


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--private",
    is_flag=True,
    envvar="ONRECORD_PRIVATE",
    help="Reads need the bearer token too (also $ONRECORD_PRIVATE=1).",
)
def serve(db: str | None, host: str, port: int, private: bool) -> None:
    """Serve the store: pages at /, the REST API under /api/ (spec at /api/openapi.json).

    Writes (POST /api/analyze, POST /api/articles) need `Authorization: Bearer
    $ONRECORD_TOKEN`, and are refused when no token is set."""
    import uvicorn

    from onrecord.errors import OnrecordError
    from onrecord.web import create_app

    token = os.environ.get("ONRECORD_TOKEN") or None
    try:
        app = create_app(db, token=token, private=private)
    except ValueError as exc:
        raise OnrecordError(str(exc)) from None
    click.echo(
        f"onrecord: http://{host}:{port}/ (writes {'enabled' if token else 'disabled: no token'}"
        f"{', private' if private else ''})",
        err=True,
    )
    uvicorn.run(app, host=host, port=port, workers=1, log_level="warning", access_log=False)


COMMANDS = (serve,)

"""``onrecord serve``: the web UI and REST API over the store (FastAPI + uvicorn)."""

from __future__ import annotations

import os
import socket

import click

from onrecord.cli.options import db_option


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
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=lambda: min(os.cpu_count() or 1, 8),
    show_default="one per core, at most 8",
    help="Server processes: each renders pages on one core at a time.",
)
@click.option(
    "--cache-mb",
    type=click.FloatRange(0),
    default=64,
    show_default=True,
    help="Responses kept per worker while the store is unchanged (0: none).",
)
def serve(
    db: str | None, host: str, port: int, private: bool, workers: int, cache_mb: float
) -> None:
    """Serve the store: pages at /, the REST API under /api/ (spec at /api/openapi.json).

    Writes (POST /api/analyze, POST /api/articles) need `Authorization: Bearer
    $ONRECORD_TOKEN`, and are refused when no token is set. Pages and API reads are
    cached until the store changes; changes made by other processes (an `ingest`,
    another worker) show within a quarter of a second."""
    import uvicorn

    from onrecord.errors import OnrecordError
    from onrecord.web.app import app_from_env

    token = os.environ.get("ONRECORD_TOKEN") or None
    # each worker builds its app from the environment (uvicorn starts them afresh)
    os.environ["ONRECORD_DB"] = db or ""
    os.environ["ONRECORD_PRIVATE"] = "1" if private else ""
    os.environ["ONRECORD_CACHE_MB"] = str(cache_mb)
    try:
        app_from_env()  # refuse a bad configuration here, not in every worker
    except ValueError as exc:
        raise OnrecordError(str(exc)) from None
    _check_address(host, port)
    click.echo(
        f"onrecord: http://{host}:{port}/ (writes {'enabled' if token else 'disabled: no token'}"
        f"{', private' if private else ''}, {workers} worker{'s' if workers > 1 else ''})",
        err=True,
    )
    uvicorn.run(
        "onrecord.web.app:app_from_env", factory=True, host=host, port=port, workers=workers,
        log_level="warning", access_log=False,
    )  # fmt: skip


def _check_address(host: str, port: int) -> None:
    """Refuse, in one line, an address that cannot be listened on (taken, or
    not this machine's), before any worker starts."""
    from onrecord.errors import OnrecordError

    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
            probe.bind(address)
    except OSError as exc:
        raise OnrecordError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


COMMANDS = (serve,)

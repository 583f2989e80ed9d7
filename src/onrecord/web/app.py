"""The ASGI app: REST API under ``/api/``, server-rendered pages, static CSS.

One store connection per worker thread (SQLite connections belong to the
thread that opened them); the read and write rules for the bearer token; a
request body limit; and no stack trace ever reaches a client.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException as StarletteHTTPException

from onrecord.store import Store, open_store
from onrecord.web.cache import ASGIApp, Message, PageCache, Receive, Scope, Send
from onrecord.web.deps import MAX_BODY, scope_authorized

log = logging.getLogger("onrecord.web")

HERE = Path(__file__).parent
#: worker threads for the (blocking) store and analysis calls
THREADS = 4
#: default size of the response cache
CACHE_BYTES = 64 * 2**20

SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none';"
     b" frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]  # fmt: skip


class Stores:
    """One open store per thread, opened on first use, closed at shutdown."""

    def __init__(self, url: str | None) -> None:
        self.url = url
        #: a SQLite file on this machine (not a PostgreSQL server): reads are CPU work
        self.local = not (url or "").startswith(("postgresql://", "postgres://"))
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()

    def get(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.url)
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            stores, self._all = self._all, []
        for store in stores:
            try:
                store.close()
            except Exception:  # a SQLite connection may refuse another thread; it goes anyway
                log.debug("store close failed", exc_info=True)


class _TooLarge(Exception):
    pass


#: methods whose requests carry a body
BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class Guard:
    """Outermost ASGI middleware: body size limit (413, for a declared length
    and a chunked body alike), ``HEAD`` answered as ``GET`` without the body,
    security headers, and a plain 500 (JSON under /api/, HTML elsewhere)
    instead of any exception."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_api = str(scope.get("path", "")).startswith("/api")
        head = scope.get("method") == "HEAD"
        if head:  # the GET response, headers and all, less its body (RFC 9110 9.3.2)
            scope = {**scope, "method": "GET"}
        started = False
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _plain(send, 413, "request body too large", is_api, self.max_body)
            return
        if length is None and scope.get("method") in BODY_METHODS:
            # chunked: read it here, so that going over the limit is a 413 and
            # not whatever the route's body parser makes of a failed read
            body = await self._read_body(receive)
            if body is None:
                await _plain(send, 413, "request body too large", is_api, self.max_body)
                return
            receive = _replay(body, receive)
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise _TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except _TooLarge:
            if not started:
                await _plain(send, 413, "request body too large", is_api, self.max_body)
        except Exception:
            log.exception("error serving %s", scope.get("path"))
            if not started:
                await _plain(send, 500, "internal error", is_api, self.max_body)

    async def _read_body(self, receive: Receive) -> bytes | None:
        """The whole request body, or None as soon as it is over the limit."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return b"".join(chunks)
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that gives ``body`` in one message, then defers to ``receive``."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _plain(send: Send, status: int, message: str, is_api: bool, limit: int) -> None:
    if status == 413:
        message += f" (limit {limit} bytes)"
    if is_api:
        body, ctype = json.dumps({"error": message}).encode(), b"application/json"
    else:
        body = f"<!doctype html><title>{status}</title><h1>{status}</h1><p>{message}</p>".encode()
        ctype = b"text/html; charset=utf-8"
    headers = [(b"content-type", ctype), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status,
                "headers": headers + SECURITY_HEADERS})  # fmt: skip
    await send({"type": "http.response.body", "body": body})


# -- the app -------------------------------------------------------------------


#: the only URL schemes that become links on a page
LINK_SCHEMES = frozenset({"http", "https"})


def safe_href(url: object) -> str | None:
    """``url`` if it may be a link on a page: ``http``/``https`` with a host and
    no whitespace or control character (which browsers drop, so that
    ``java\tscript:`` is ``javascript:``); else None. An article's URL comes
    from its input (JSONL, a feed's ``<link>``, ``Original url:``): a
    ``javascript:`` or ``data:`` URL never becomes a live href."""
    if not isinstance(url, str) or any(c <= " " or c == "\x7f" for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in LINK_SCHEMES and parts.netloc else None


def templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"), autoescape=True, auto_reload=False
    )
    env.filters["safe_href"] = safe_href
    return Jinja2Templates(env=env)


def create_app(
    store_url: str | None = None,
    token: str | None = None,
    private: bool = False,
    cache_bytes: int = CACHE_BYTES,
) -> FastAPI:
    """The app over the store at ``store_url``. ``token`` enables writes (and
    reads, when ``private``); a private server without a token is refused.
    Responses are cached up to ``cache_bytes`` (0: none) while the store is
    unchanged (:mod:`onrecord.web.cache`)."""
    if private and not token:
        raise ValueError("a private server needs a token (set ONRECORD_TOKEN)")
    stores = Stores(store_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # a few worker threads: many would fight over the GIL and starve the event loop
        anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS
        yield
        stores.close()

    app = FastAPI(
        title="onrecord",
        summary="Who said what, about whom, when: the store's articles, statements, actors,"
        " events, contradictions and deadlines.",
        version="1",
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: not offered
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.stores = stores
    app.state.token = token or None
    app.state.private = private
    app.state.templates = templates()

    from onrecord.web.api import router as api_router
    from onrecord.web.lists import router as lists_router
    from onrecord.web.pages import router as pages_router
    from onrecord.web.search_page import router as search_router

    app.include_router(api_router)
    app.include_router(pages_router)
    app.include_router(lists_router)
    app.include_router(search_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        headers = getattr(exc, "headers", None)
        if request.url.path.startswith("/api"):
            return JSONResponse({"error": exc.detail}, exc.status_code, headers=headers)
        return _error_page(request, exc.status_code, str(exc.detail), headers=headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            {"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", ""))}
            for e in exc.errors()
        ]
        if request.url.path.startswith("/api"):
            return JSONResponse({"error": "invalid request", "problems": problems}, 422)
        return _error_page(request, 422, "Part of this address is not valid:", problems)

    if cache_bytes > 0:
        app.add_middleware(
            PageCache, version=lambda: stores.get().version(), max_bytes=cache_bytes,
            authorized=scope_authorized(token) if private else lambda scope: True,
        )  # fmt: skip
    app.add_middleware(Guard)  # outermost: added last
    return app


def _error_page(
    request: Request, status: int, message: str, problems: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:  # fmt: skip
    """An error as a page of the site (its header, links onwards), not raw JSON."""
    page = request.app.state.templates.TemplateResponse(
        request, "error.html",
        {"status": status, "title": HTTPStatus(status).phrase, "message": message,
         "problems": problems or []},
        status_code=status, headers=headers,
    )  # fmt: skip
    assert isinstance(page, HTMLResponse)
    return page


def app_from_env() -> FastAPI:
    """The app as `onrecord serve` configures it through the environment
    (``ONRECORD_DB``, ``ONRECORD_TOKEN``, ``ONRECORD_PRIVATE``,
    ``ONRECORD_CACHE_MB``): the factory each uvicorn worker process calls."""
    cache_mb = float(os.environ.get("ONRECORD_CACHE_MB") or CACHE_BYTES / 2**20)
    return create_app(
        os.environ.get("ONRECORD_DB") or None,
        token=os.environ.get("ONRECORD_TOKEN") or None,
        private=os.environ.get("ONRECORD_PRIVATE", "") not in ("", "0", "false"),
        cache_bytes=int(cache_mb * 2**20),
    )

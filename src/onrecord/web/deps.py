"""What the routes depend on: the bearer-token rules for reads and writes,
ids in paths, opaque keyset cursors, and the request body limit."""

from __future__ import annotations

import base64
import binascii
import functools
import hmac
import inspect
import json
from collections.abc import Awaitable, Callable, Sequence
from typing import Annotated, Any, ParamSpec, TypeVar

from fastapi import Depends, HTTPException, Request
from fastapi import Path as FastAPIPath
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from onrecord.store import Store
from onrecord.web.cache import Scope

#: request bodies larger than this are refused with 413
MAX_BODY = 2 * 1024 * 1024
#: the largest id a store can hold (a 64-bit integer): larger ones are refused with 422
MAX_ID = 2**63 - 1
#: an article, actor or event id in a path
ItemId = Annotated[int, FastAPIPath(ge=0, le=MAX_ID)]


def store_of(request: Request) -> Store:
    """The store of the app serving ``request`` (one connection per thread)."""
    store: Store = request.app.state.stores.get()
    return store


P = ParamSpec("P")
R = TypeVar("R")


def quick_unless(
    slow: Callable[[dict[str, Any]], bool],
) -> Callable[[Callable[P, R]], Callable[P, Awaitable[R]]]:
    """A read of bounded work (a page, an item): run on the event loop when the
    store is a local SQLite file, in a worker thread when it is a server, or
    when ``slow`` says so of the request's parameters.

    A SQLite read is CPU work under the GIL: in a thread it runs no sooner,
    and each request pays a thread hop and the GIL passing back and forth,
    while cached responses are served first and the work queues behind them.
    On the loop, a worker answers requests in the order they came, each
    without a hop (bench/bench_web.py, 32 clients: p95 180 -> 55-67 ms). A
    PostgreSQL read waits on the network, so it keeps its thread; so does a
    read whose work grows with the store (ranking every match of a word), and
    reads of unbounded work (embedding, clustering) are never quick."""

    def decorate(handler: Callable[P, R]) -> Callable[P, Awaitable[R]]:
        @functools.wraps(handler)
        async def run(*args: P.args, **kwargs: P.kwargs) -> R:
            request = kwargs.get("request")
            if isinstance(request, Request) and request.app.state.stores.local and not slow(kwargs):
                return handler(*args, **kwargs)
            return await run_in_threadpool(handler, *args, **kwargs)

        # the handler's parameters, their annotations resolved in its own module,
        # are the route's (FastAPI reads them off the signature)
        run.__signature__ = inspect.signature(handler, eval_str=True)  # type: ignore[attr-defined]
        return run

    return decorate


def _never(kwargs: dict[str, Any]) -> bool:
    return False


#: :func:`quick_unless` for a read that is always quick
quick = quick_unless(_never)


# -- auth ----------------------------------------------------------------------

bearer = HTTPBearer(auto_error=False, description="Authorization: Bearer $ONRECORD_TOKEN")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def bearer_ok(token: str | None, scheme: str, given: str) -> bool:
    """``scheme given`` is ``Bearer`` and the configured token, compared in
    constant time; never true when no token is configured."""
    if not token or scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.encode(), token.encode())


def token_ok(request: Request, creds: HTTPAuthorizationCredentials | None) -> bool:
    return creds is not None and bearer_ok(request.app.state.token, creds.scheme, creds.credentials)


def scope_authorized(token: str | None) -> Callable[[Scope], bool]:
    """For the page cache of a private server: does the request carry the token?
    (The raw header, read as Starlette reads it for the routes.)"""

    def authorized(scope: Scope) -> bool:
        header = dict(scope.get("headers") or []).get(b"authorization", b"")
        scheme, _, given = bytes(header).decode("latin-1").partition(" ")
        return bearer_ok(token, scheme, given.strip())

    return authorized


async def require_write(request: Request, creds: Credentials) -> None:
    """Writes need the token; with no token configured they are refused outright."""
    if not request.app.state.token:
        raise HTTPException(403, "writes are disabled: the server has no token (ONRECORD_TOKEN)")
    if not token_ok(request, creds):
        raise HTTPException(
            401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"}
        )


async def require_read(request: Request, creds: Credentials) -> None:
    """Reads are open unless the server is private; then they need the token."""
    if request.app.state.private and not token_ok(request, creds):
        raise HTTPException(
            401, "this server is private: a bearer token is required",
            headers={"WWW-Authenticate": "Bearer"},
        )  # fmt: skip


# -- cursors -------------------------------------------------------------------


def encode_cursor(key: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")


#: the longest cursor taken (ours are a few dozen characters)
MAX_CURSOR = 2000
#: the longest text value a cursor may carry (a day, a kind, a status)
MAX_CURSOR_TEXT = 200


def _fits(value: object, kind: type) -> bool:
    """Whether one cursor value is of the type its place in the key wants."""
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool) and -MAX_ID <= value <= MAX_ID
    return (
        isinstance(value, str)
        and len(value) <= MAX_CURSOR_TEXT
        and value.isprintable()  # no NUL, no control character, no lone surrogate
    )


def decode_cursor(cursor: str | None, shape: Sequence[type]) -> list[Any] | None:
    """The key a cursor holds, checked against ``shape`` (the type of each of
    its values, e.g. ``(str, int)``): a cursor that is not one of ours, of this
    listing, is a 400 "invalid cursor", whatever it holds."""
    if not cursor:
        return None
    if len(cursor) > MAX_CURSOR:
        raise HTTPException(400, "invalid cursor")
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error, RecursionError):
        raise HTTPException(400, "invalid cursor") from None
    if (
        not isinstance(key, list)
        or len(key) != len(shape)
        or not all(_fits(v, t) for v, t in zip(key, shape, strict=True))
    ):
        raise HTTPException(400, "invalid cursor")
    return key

"""Rendered responses, served again while the store is unchanged.

Pages and API reads are pure functions of the store's content (and, for
deadlines, of today's date). The store's ``version()`` grows with every stored
article, whoever stores it (``onrecord ingest`` in another process, another
server worker, ``POST /api/articles``), so a response rendered at version v
stays right until the version moves on. The version is read at most every
``check_every`` seconds (one primary-key lookup), and at once after a write
through this process: changes made elsewhere show within that interval.

A response is kept when it is a complete 200 to a GET, not marked
``no-store``, and no larger than ``max_entry`` bytes; the least recently used
go first when the cache is over ``max_bytes``. Each response says
``x-cache: hit`` or ``miss``.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("onrecord.web")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: the largest single response kept
MAX_ENTRY = 1024 * 1024


@dataclass(frozen=True)
class Entry:
    stamp: tuple[int, str]  # (store version, day) it was rendered at
    headers: list[tuple[bytes, bytes]]
    body: bytes


class PageCache:
    """ASGI middleware caching complete GET responses by path and query string."""

    def __init__(
        self,
        app: ASGIApp,
        version: Callable[[], int],
        max_bytes: int,
        authorized: Callable[[Scope], bool] = lambda scope: True,
        check_every: float = 0.25,
        max_entry: int = MAX_ENTRY,
        skip: tuple[str, ...] = ("/static",),
        today: Callable[[], str] = lambda: dt.date.today().isoformat(),
    ) -> None:
        self.app = app
        self.version = version
        self.max_bytes = max_bytes
        self.max_entry = min(max_entry, max_bytes)
        self.authorized = authorized
        self.check_every = check_every
        self.skip = skip
        self.today = today
        self.entries: OrderedDict[tuple[str, bytes], Entry] = OrderedDict()
        self.size = 0
        self._stamp: tuple[int, str] = (-1, "")
        self._checked = float("-inf")

    def stamp(self) -> tuple[int, str]:
        """The store version and today's date, re-read when due; every entry
        from an older stamp is dropped."""
        now = time.monotonic()
        if now - self._checked >= self.check_every:
            stamp = (self.version(), self.today())
            self._checked = now
            if stamp != self._stamp:
                self.clear()
                self._stamp = stamp
        return self._stamp

    def clear(self) -> None:
        self.entries.clear()
        self.size = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.max_bytes <= 0:
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], str(scope["path"])
        if method != "GET" or path.startswith(self.skip):
            await self.app(scope, receive, send)
            if method not in ("GET", "HEAD"):
                self._checked = float("-inf")  # a write may have happened: look again
            return
        key = (path, bytes(scope.get("query_string") or b""))
        try:
            stamp = self.stamp()
        except Exception:  # the store is unreachable: let the app answer (or fail) as it would
            log.debug("store version unavailable", exc_info=True)
            await self.app(scope, receive, send)
            return
        entry = self.entries.get(key)
        if entry is not None and entry.stamp == stamp and self.authorized(scope):
            self.entries.move_to_end(key)
            await send({"type": "http.response.start", "status": 200,
                        "headers": [*entry.headers, (b"x-cache", b"hit")]})  # fmt: skip
            await send({"type": "http.response.body", "body": entry.body})
            return
        await self._render(scope, receive, send, key, stamp)

    async def _render(
        self, scope: Scope, receive: Receive, send: Send, key: tuple[str, bytes],
        stamp: tuple[int, str],
    ) -> None:  # fmt: skip
        """Run the app, passing its response on and keeping a copy if it may be kept."""
        status = 0
        headers: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] = []
        size = 0
        keep = True

        async def capture(message: Message) -> None:
            nonlocal status, headers, size, keep
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = [(bytes(k), bytes(v)) for k, v in message.get("headers", [])]
                keep = status == 200 and not any(
                    k.lower() == b"cache-control" and b"no-store" in v.lower() for k, v in headers
                )
                message["headers"] = [*headers, (b"x-cache", b"miss")]
            elif message["type"] == "http.response.body" and keep:
                body = bytes(message.get("body", b""))
                size += len(body)
                keep = size <= self.max_entry
                chunks.append(body)
                if keep and not message.get("more_body", False):
                    self._put(key, Entry(stamp, headers, b"".join(chunks)))
            await send(message)

        await self.app(scope, receive, capture)

    def _put(self, key: tuple[str, bytes], entry: Entry) -> None:
        if entry.stamp != self._stamp:  # the store moved on while it was rendered
            return
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old.body)
        self.entries[key] = entry
        self.size += len(entry.body)
        while self.size > self.max_bytes and self.entries:
            _, dropped = self.entries.popitem(last=False)
            self.size -= len(dropped.body)

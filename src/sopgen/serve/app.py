"""The workshop page as a Starlette application: its own assets, the flow's views, news of each save, the save.

Only these routes exist; the page's assets are a fixed list read from the package, so no part
of a request's path ever becomes a file path. Every request must name the served address in
its Host header (a web page elsewhere cannot reach the server through a rebound DNS name), and
the one request that writes, the save, must come from the page itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from sopgen.analysis.whatif import WhatIf
from sopgen.errors import SopgenError
from sopgen.i18n.interface import _
from sopgen.serve.workshop import Workshop

ASSET_TYPES = {
    "index.html": "text/html; charset=utf-8",
    "workshop.js": "text/javascript; charset=utf-8",
    "workshop.css": "text/css; charset=utf-8",
}
SECURITY_HEADERS = (
    (
        b"content-security-policy",
        b"default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        b"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-resource-policy", b"same-origin"),
)
NO_STORE = {"cache-control": "no-store"}
KEEPALIVE_SECONDS = 15.0
MAX_SAVE_BYTES = 64 * 1024
SAVE_QUIET_MS = 15  # a save is taken once the folder was quiet this long (an editor's write is one burst)
SAVE_LONGEST_MS = 400

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class Page:
    """An open page: its event stream, and the language and what-if it shows (known from its last view)."""

    def __init__(self, number: int):
        self.number = number
        self.queue: asyncio.Queue[tuple[str, str] | None] = asyncio.Queue()
        self.shows: tuple[str, WhatIf] | None = None


class Broadcaster:
    """Sends every open page the newest version of the flow: its view when ready, else the version's number."""

    def __init__(self) -> None:
        self._pages: dict[int, Page] = {}
        self._numbers = itertools.count(1)
        self.loop: asyncio.AbstractEventLoop | None = None

    def subscribe(self) -> Page:
        page = Page(next(self._numbers))
        self._pages[page.number] = page
        return page

    def unsubscribe(self, page: Page) -> None:
        self._pages.pop(page.number, None)

    def remember(self, number: str | None, shows: tuple[str, WhatIf]) -> None:
        page = self._pages.get(int(number)) if number and number.isdigit() else None
        if page is not None:
            page.shows = shows

    def shown(self) -> list[tuple[str, WhatIf]]:
        return [page.shows for page in self._pages.values() if page.shows is not None]

    def publish(self, version: int, views: dict[tuple[str, WhatIf], bytes]) -> None:
        for page in self._pages.values():
            view = views.get(page.shows) if page.shows is not None else None
            if view is not None:
                page.queue.put_nowait(("view", view.decode("utf-8")))
            else:
                page.queue.put_nowait(("version", json.dumps({"version": version})))

    def close(self) -> None:
        for page in self._pages.values():
            page.queue.put_nowait(None)

    def close_from_any_thread(self) -> None:
        """End every page's stream, so that the server can stop at once (called from a signal handler)."""
        if self.loop is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self.close)


class Guard:
    """Answers only requests for the served address, and adds the security headers to every response."""

    def __init__(self, app: Any, allowed_hosts: frozenset[str], broadcaster: Broadcaster):
        self.app = app
        self.allowed_hosts = allowed_hosts
        self.broadcaster = broadcaster  # the server ends the pages' streams through it when it stops

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # uvicorn runs without websockets; lifespan passes
            await self.app(scope, receive, send)
            return
        host = next((value for name, value in scope["headers"] if name == b"host"), b"").decode("latin-1").lower()
        if host not in self.allowed_hosts:
            response = PlainTextResponse(_("This server only answers requests for its own address."), status_code=403)
            await response(scope, receive, self._with_headers(send))
            return
        await self.app(scope, receive, self._with_headers(send))

    @staticmethod
    def _with_headers(send: Send) -> Send:
        async def sending(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        return sending


def create_app(workshop: Workshop, allowed_hosts: frozenset[str], default_locale: str) -> Guard:
    from sopgen.i18n.locales import UnknownLocale, parse_locale

    assets = {name: (resources.files("sopgen.serve").joinpath("assets", name).read_bytes(), kind) for name, kind in ASSET_TYPES.items()}
    broadcaster = Broadcaster()

    async def index(_request: Request) -> Response:
        return Response(assets["index.html"][0], media_type=assets["index.html"][1], headers=NO_STORE)

    async def asset(request: Request) -> Response:
        found = assets.get(request.path_params["name"])
        if found is None or request.path_params["name"] == "index.html":
            return PlainTextResponse("Not Found", status_code=404)
        return Response(found[0], media_type=found[1], headers=NO_STORE)

    async def view(request: Request) -> Response:
        try:
            locale = parse_locale(request.query_params.get("lang") or default_locale)
            what_if = WhatIf.from_json(json.loads(request.query_params.get("whatif") or "null"))
        except UnknownLocale as error:
            return JSONResponse({"errors": [_("unknown language '{language}'").format(language=error.text)]}, status_code=400, headers=NO_STORE)
        except ValueError:
            return JSONResponse({"errors": [_("the what-if is not valid JSON")]}, status_code=400, headers=NO_STORE)
        except SopgenError as error:
            return JSONResponse({"errors": [str(problem) for problem in error.problems]}, status_code=400, headers=NO_STORE)
        data = await run_in_threadpool(workshop.view, locale, what_if)
        broadcaster.remember(request.query_params.get("page"), (locale, what_if))
        return Response(data, media_type="application/json", headers=NO_STORE)

    async def events(_request: Request) -> Response:
        async def stream() -> AsyncIterator[str]:
            page = broadcaster.subscribe()
            try:
                hello = {"version": workshop.version.number, "page": page.number}
                yield f"retry: 1000\nevent: version\ndata: {json.dumps(hello)}\n\n"
                while True:
                    try:
                        news = await asyncio.wait_for(page.queue.get(), timeout=KEEPALIVE_SECONDS)
                    except TimeoutError:
                        yield ": still here\n\n"
                        continue
                    if news is None:
                        return
                    kind, data = news  # a view's JSON is one line: json.dumps writes no newlines
                    yield f"event: {kind}\ndata: {data}\n\n"
            finally:
                broadcaster.unsubscribe(page)

        return StreamingResponse(stream(), media_type="text/event-stream", headers={**NO_STORE, "x-accel-buffering": "no"})

    async def save(request: Request) -> Response:
        refusal = _refuse_foreign_write(request)
        if refusal is not None:
            return refusal
        body = await _bounded_body(request)
        if body is None:
            return JSONResponse({"errors": [_("the request is too large")]}, status_code=413)
        try:
            data = json.loads(body)
            what_if = WhatIf.from_json(data.get("whatif") if isinstance(data, dict) else None)
            path = await run_in_threadpool(workshop.save_future_state, what_if)
        except ValueError:
            return JSONResponse({"errors": [_("the what-if is not valid JSON")]}, status_code=400)
        except SopgenError as error:
            return JSONResponse({"errors": [str(problem) for problem in error.problems]}, status_code=400)
        return JSONResponse({"path": path.name}, headers=NO_STORE)

    async def flow_source(_request: Request) -> Response:
        try:
            data = workshop.flow_path.read_bytes()
        except OSError:
            return PlainTextResponse("Not Found", status_code=404)
        return Response(data, media_type="text/plain; charset=utf-8", headers=NO_STORE)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        broadcaster.loop = asyncio.get_running_loop()
        watcher = asyncio.create_task(_follow_saves(workshop, broadcaster))
        try:
            yield
        finally:
            watcher.cancel()
            broadcaster.close()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher

    routes = [
        Route("/", index),
        Route("/assets/{name}", asset),
        Route("/api/view", view),
        Route("/api/events", events),
        Route("/api/save", save, methods=["POST"]),
        Route("/flow.yaml", flow_source),
    ]
    return Guard(Starlette(routes=routes, lifespan=lifespan), allowed_hosts, broadcaster)


def _refuse_foreign_write(request: Request) -> Response | None:
    """The save must come from the page itself: same origin, JSON (which no other site can send without asking)."""
    origin = request.headers.get("origin", "").lower()
    if origin != f"http://{request.headers.get('host', '').lower()}" or request.headers.get("sec-fetch-site", "same-origin") != "same-origin":
        return JSONResponse({"errors": [_("saving is only possible from the workshop page itself")]}, status_code=403)
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        return JSONResponse({"errors": [_("the save must be sent as JSON")]}, status_code=415)
    return None


async def _bounded_body(request: Request) -> bytes | None:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_SAVE_BYTES:
            return None
    return body


async def _follow_saves(workshop: Workshop, broadcaster: Broadcaster) -> None:
    """Each save of the flow file (in place or by rename, so the folder is watched) makes a new version, sent to the pages."""
    from watchfiles import awatch

    from sopgen.build.watching import changes_to

    folder, only_this_file = changes_to(workshop.flow_path)
    async for _changes in awatch(folder, watch_filter=only_this_file, recursive=False, step=SAVE_QUIET_MS, debounce=SAVE_LONGEST_MS):
        if not workshop.flow_path.is_file():
            continue  # a rename save may remove the file for a moment; its arrival is a change too
        version, views = await run_in_threadpool(workshop.reload_and_render, broadcaster.shown())
        broadcaster.publish(version.number, views)

"""The HTTP service: routes, errors, limits, the token and the log line (a Starlette app).

Routes::

    POST /v1/check   JSON body (factcheck.serve.job) → the JSON report of `factcheck -f json`
    GET  /v1/rules   the rules, as `factcheck rule --all -f json` lists them
    GET  /healthz    {"status": "ok", …}: the checker processes, checks in flight
    GET  /           the editors' page;  POST / the page's form (JavaScript off)
    POST /report     the report's HTML sections, for the page's script
    GET  /static/page.css, /static/page.js

Every error is JSON, ``{"error": {"code", "message"}}`` (the page shows it in its status line):
400 a body that is not a check request, 401 a missing or wrong token, 404/405, 413 a body over
the size limit, 415 not JSON, 422 a bad option or a text that cannot be checked (binary,
empty), 500 a bug (its type and place only), 503 every slot for a check taken (with
``Retry-After``) or the time budget run out. No response carries a traceback; no log line
carries text: one line per request, its method, route, status, sizes and times.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hmac
import json
import logging
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from factcheck import __version__
from factcheck.serve.job import (
    DEFAULT_PATH,
    CheckJob,
    JobError,
    job_from_fields,
    job_from_json,
)
from factcheck.serve.page import CSP, PagePart, page, script, stylesheet
from factcheck.serve.pool import (
    CheckTimeout,
    Overloaded,
    PoolLimits,
    Unavailable,
    WorkerLost,
    WorkerPool,
)
from factcheck.serve.worker import Reply, ServiceConfig, handle, setup

__all__ = ["ServeOptions", "create_app"]

log = logging.getLogger("factcheck.serve")
DEFAULT_MAX_BYTES = 2 * 1024 * 1024
PAGE_PATH = "pasted story"  # the report's name for a story pasted into the page
ROUTES = (
    "/",
    "/v1/check",
    "/v1/rules",
    "/healthz",
    "/report",
    "/static/page.css",
    "/static/page.js",
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
}


@dataclass(frozen=True)
class ServeOptions:
    """How the service runs (``factcheck serve``'s options)."""

    max_bytes: int = DEFAULT_MAX_BYTES  # request body
    limits: PoolLimits = field(default_factory=PoolLimits)
    token: str | None = None  # bearer token every route but /healthz requires
    service: ServiceConfig = field(default_factory=lambda: ServiceConfig(cwd=str(Path.cwd())))
    retry_after: int = 1  # seconds, on a 503 for overload


def _error(exc: JobError, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(exc.as_json(), exc.status, headers=headers)


# --- ASGI middleware: outermost first ------------------------------------------------------


class AccessLog:
    """One line per request: method, route, status, bytes in and out, check and total time."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        sizes = {"in": 0, "out": 0}
        status = [0]

        async def counting_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                sizes["in"] += len(message.get("body", b""))
            return message

        async def counting_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            elif message["type"] == "http.response.body":
                sizes["out"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, counting_receive, counting_send)
        finally:
            # the route only, never the query string (a client could put anything there)
            route = scope["path"] if scope["path"] in ROUTES else "(other)"
            state = scope.get("state") or {}
            check = state.get("check_ms")
            log.info(
                "%s %s %d in=%dB out=%dB%s total=%.1fms",
                scope["method"],
                route,
                status[0],
                sizes["in"],
                sizes["out"],
                f" check={check:.1f}ms" if check is not None else "",
                (time.perf_counter() - started) * 1000,
            )


class SecurityHeaders:
    """The strict Content-Security-Policy and friends, on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *self.headers]}
            await send(message)

        await self.app(scope, receive, with_headers if scope["type"] == "http" else send)


class BearerToken:
    """``Authorization: Bearer TOKEN`` on every route but ``/healthz``, when a token is set."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self.expected = f"Bearer {token}".encode() if token else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.expected is None or scope["type"] != "http" or scope["path"] == "/healthz":
            await self.app(scope, receive, send)
            return
        given = dict(scope.get("headers", [])).get(b"authorization", b"")
        if hmac.compare_digest(given, self.expected):
            await self.app(scope, receive, send)
            return
        what = "a wrong token" if given else "no token"
        response = _error(
            JobError(
                401,
                "unauthorized",
                f"{what}: send 'Authorization: Bearer "
                "TOKEN' (the token factcheck serve was started with)",
            ),
            {"WWW-Authenticate": "Bearer"},
        )
        await response(scope, receive, send)


class _TooLarge(Exception):
    pass


class BodyLimit:
    """Bodies over ``max_bytes`` get a 413 before they are read whole (Content-Length) or as
    soon as they pass the limit (chunked)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _refusal(self) -> JSONResponse:
        return _error(
            JobError(
                413,
                "too-large",
                f"the body is over the limit of "
                f"{self.max_bytes:,} bytes (factcheck serve --max-bytes)",
            )
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refusal()(scope, receive, send)
            return
        seen = [0]
        started = [False]

        async def limited_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                seen[0] += len(message.get("body", b""))
                if seen[0] > self.max_bytes:
                    raise _TooLarge
            return message

        async def noting_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                started[0] = True
            await send(message)

        try:
            await self.app(scope, limited_receive, noting_send)
        except _TooLarge:
            if started[0]:
                raise
            await self._refusal()(scope, receive, send)


# --- the routes -----------------------------------------------------------------------------

Endpoint = Callable[[Request], Awaitable[Response]]


def _guarded(endpoint: Endpoint) -> Endpoint:
    """A JobError becomes its JSON response; anything else a 500 naming only its type."""

    async def run(request: Request) -> Response:
        try:
            return await endpoint(request)
        except JobError as exc:
            headers = (
                {"Retry-After": str(request.app.state.options.retry_after)}
                if (exc.code == "overloaded")
                else None
            )
            return _error(exc, headers)
        except _TooLarge:
            raise
        except Exception as exc:
            log.error("internal error %s in %s", type(exc).__name__, endpoint.__name__)
            return _error(
                JobError(
                    500,
                    "internal-error",
                    f"internal error ({type(exc).__name__}); please report it",
                )
            )

    run.__name__ = endpoint.__name__
    return run


async def _checked(request: Request, job: CheckJob) -> Reply:
    """The pool's reply to ``job``, or the JobError to answer instead."""
    pool: WorkerPool = request.app.state.pool
    try:
        reply: Reply = await pool.run(job)
    except Overloaded:
        raise JobError(
            503,
            "overloaded",
            f"every slot for a check is taken "
            f"({pool.limits.max_pending} in flight); try again in a moment",
        ) from None
    except CheckTimeout:
        raise JobError(
            503,
            "timeout",
            f"checking took longer than the time budget of "
            f"{pool.limits.timeout:g} s; the story was not checked",
        ) from None
    except Unavailable:
        raise JobError(
            503, "unavailable", "no checker process is running; see the service's log"
        ) from None
    except WorkerLost:
        raise JobError(
            500,
            "checker-died",
            "the checker process died while checking this story; please report it",
        ) from None
    request.state.check_ms = reply.check_ms
    if reply.status != 200:
        raise JobError(reply.status, reply.error or "error", reply.body)
    return reply


def _json_body(request: Request) -> Awaitable[bytes]:
    kind = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
    if kind != "application/json" and not kind.endswith("+json"):
        raise JobError(
            415, "unsupported-media-type", "send the check as JSON (Content-Type: application/json)"
        )
    return request.body()


async def check_json(request: Request) -> Response:
    job = job_from_json(await _json_body(request), request.app.state.codes)
    reply = await _checked(request, job)
    return Response(reply.body, 200, media_type="application/json")


async def check_fragment(request: Request) -> Response:
    raw = await _json_body(request)
    job = job_from_json(raw, request.app.state.codes, view="html")
    if job.path == DEFAULT_PATH:
        job = dataclasses.replace(job, path=PAGE_PATH)
    reply = await _checked(request, job)
    return HTMLResponse(reply.body, headers={"X-Factcheck-Summary": reply.summary})


async def rules(request: Request) -> Response:
    return Response(request.app.state.rules_json, media_type="application/json")


async def healthz(request: Request) -> Response:
    stats = request.app.state.pool.stats()
    ok = stats["workers"] > 0
    return JSONResponse(
        {"status": "ok" if ok else "starting", "version": __version__, **stats}, 200 if ok else 503
    )


async def static_css(request: Request) -> Response:
    return Response(stylesheet(), media_type="text/css")


async def static_js(request: Request) -> Response:
    return Response(script(), media_type="text/javascript")


async def page_get(request: Request) -> Response:
    return HTMLResponse(page(PagePart(max_bytes=request.app.state.options.max_bytes)))


async def _form(request: Request) -> dict[str, Any]:
    """The page's form, held in memory only (a spooled file would put a story on disk)."""
    limit = request.app.state.options.max_bytes
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        parser = MultiPartParser(
            request.headers, request.stream(), max_files=1, max_fields=16, max_part_size=limit
        )
        parser.spool_max_size = limit + 1
        form = await parser.parse()
    elif kind == "application/x-www-form-urlencoded":
        form = await request.form(max_files=0, max_fields=16, max_part_size=limit)
    else:
        raise JobError(415, "unsupported-media-type", "post the page's form")
    fields: dict[str, Any] = {}
    try:
        for name in ("text", "format", "date", "path"):
            value = form.get(name)
            if isinstance(value, str) and value != "":
                fields[name] = value
        upload = form.get("file")
        if isinstance(upload, UploadFile) and upload.filename:
            fields["upload"] = (upload.filename, await upload.read())
    finally:
        await form.close()
    return fields


async def page_post(request: Request) -> Response:
    options: ServeOptions = request.app.state.options
    part = PagePart(max_bytes=options.max_bytes)
    try:
        fields = await _form(request)
        upload = fields.pop("upload", None)
        if upload is not None:
            from factcheck.errors import InputError
            from factcheck.sources import decode

            name, data = upload
            name = Path(name.replace("\\", "/")).name or "upload"
            try:
                fields["text"] = decode(data, name)
            except InputError as exc:
                raise JobError(422, exc.code, f"{name}: {exc.problem}") from None
            fields["path"] = name
        part = PagePart(
            text=fields.get("text", ""),
            format=fields.get("format", "auto"),
            date=fields.get("date", ""),
            path=fields.get("path", ""),
            max_bytes=options.max_bytes,
        )
        fields.setdefault("path", PAGE_PATH)
        fields.setdefault("text", "")
        job = job_from_fields(fields, request.app.state.codes, view="html")
        reply = await _checked(request, job)
    except MultiPartException:
        return HTMLResponse(
            page(
                PagePart(
                    status="The form could not be read.", error=True, max_bytes=options.max_bytes
                )
            ),
            400,
        )
    except JobError as exc:
        shown = dataclasses.replace(part, status=exc.message, error=True)
        headers = {"Retry-After": str(options.retry_after)} if exc.code == "overloaded" else None
        return HTMLResponse(page(shown), exc.status, headers=headers)
    shown = dataclasses.replace(part, status=reply.summary, report=reply.body)
    return HTMLResponse(page(shown))


async def page_route(request: Request) -> Response:
    return await (page_post(request) if request.method == "POST" else page_get(request))


async def not_found(request: Request, exc: Exception) -> Response:
    status = getattr(exc, "status_code", 404)
    what = "no such route" if status == 404 else "method not allowed here"
    return _error(
        JobError(
            status,
            "not-found" if status == 404 else "method-not-allowed",
            f"{what}; see GET / or POST /v1/check",
        )
    )


def _rules_json(service: ServiceConfig) -> tuple[str, list[str]]:
    """``factcheck rule --all -f json`` for the service's configuration, and the rule codes."""
    from factcheck import explain
    from factcheck.config import Overrides, Resolver

    settings = Resolver(
        Overrides(), config=service.config, isolated=service.isolated, cwd=Path(service.cwd)
    ).for_dir(service.cwd)
    specs = list(settings.rules)
    text = json.dumps([explain.as_json(r) for r in specs], indent=2, ensure_ascii=False) + "\n"
    return text, [r.code for r in specs]


def create_app(
    options: ServeOptions | None = None, *, pool: Callable[[ServeOptions], WorkerPool] | None = None
) -> Starlette:
    """The service. Reads the configuration now (a bad one raises ConfigError); the checker
    processes start with the app (its lifespan) and stop with it. ``pool`` builds another
    pool (the tests' slow checker)."""
    options = options or ServeOptions()
    rules_json, codes = _rules_json(options.service)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        made = pool(options) if pool else WorkerPool(setup, options.service, handle, options.limits)
        await made.start()
        app.state.pool = made
        ready = getattr(app.state, "ready_message", None)
        if ready:  # the socket already listens: a client may connect from this line on
            print(ready, file=sys.stderr, flush=True)
        try:
            yield
        finally:
            await made.close()

    g = _guarded
    app = Starlette(
        routes=[
            Route("/", g(page_route), methods=["GET", "POST"]),
            Route("/v1/check", g(check_json), methods=["POST"]),
            Route("/v1/rules", g(rules), methods=["GET"]),
            Route("/healthz", g(healthz), methods=["GET"]),
            Route("/report", g(check_fragment), methods=["POST"]),
            Route("/static/page.css", g(static_css), methods=["GET"]),
            Route("/static/page.js", g(static_js), methods=["GET"]),
        ],
        exception_handlers={404: not_found, 405: not_found},
        lifespan=lifespan,
    )
    app.state.options = options
    app.state.rules_json = rules_json
    app.state.codes = codes
    app.add_middleware(BodyLimit, max_bytes=options.max_bytes)
    app.add_middleware(BearerToken, token=options.token)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(AccessLog)
    return app

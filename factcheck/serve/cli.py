"""``factcheck serve``: options, the listening socket, and uvicorn.

The socket is bound here, before anything starts, so that a port in use is one line and exit
status 2, and so that ``--port 0`` (any free port) can say which port it got: once the checker
processes are ready, one line on stderr says ``factcheck serve: ready on http://HOST:PORT/``.

Exit status: 0 stopped (Ctrl-C, SIGTERM); 2 a usage or configuration error, or the address
cannot be bound; 3 no checker process could be started.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

import starlette  # noqa: F401  (the serve extra: a missing one is reported by factcheck.cli)
import uvicorn

if TYPE_CHECKING:
    import socket

    from factcheck.serve.app import ServeOptions

TOKEN_ENV = "FACTCHECK_SERVE_TOKEN"
_UNITS = {"": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2}


def _size(text: str) -> int:
    low = text.strip().lower()
    digits = low.rstrip("kmb")
    try:
        size = int(float(digits) * _UNITS[low[len(digits) :]])
    except (ValueError, KeyError):
        raise argparse.ArgumentTypeError(
            f"expected a size such as 2000000, 512k or 2MB, got {text!r}"
        ) from None
    if size < 1:
        raise argparse.ArgumentTypeError("the size limit must be at least one byte")
    return size


def _count(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("expected 1 or more")
    return n


def _seconds(text: str) -> float:
    try:
        s = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected seconds, got {text!r}") from None
    if not s > 0:
        raise argparse.ArgumentTypeError("expected more than 0 seconds")
    return s


def _port(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, got {text!r}") from None
    if not 0 <= n <= 65535:
        raise argparse.ArgumentTypeError("expected a port from 0 (any free one) to 65535")
    return n


def parser() -> argparse.ArgumentParser:
    cpus = os.cpu_count() or 1
    p = argparse.ArgumentParser(
        prog="factcheck serve",
        description="Serve factcheck over HTTP: POST /v1/check for newsroom systems, and a page "
        "for editors at /. Nothing sent is stored or logged.",
        epilog=f"The token can also come from ${TOKEN_ENV} (better: a command line is visible "
        "to every user of the machine). See docs/serve.md.",
    )
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this machine only)",
    )
    p.add_argument("--port", type=_port, default=8080, help="default: 8080; 0 picks a free one")
    p.add_argument(
        "--token",
        default=None,
        help="require 'Authorization: Bearer TOKEN' on every route but /healthz",
    )
    p.add_argument(
        "--workers",
        type=_count,
        default=cpus,
        metavar="N",
        help=f"checker processes (default: one per CPU, here {cpus})",
    )
    p.add_argument(
        "--max-bytes",
        type=_size,
        default=2 * 1024 * 1024,
        metavar="SIZE",
        help="refuse larger request bodies with 413 (default: 2MB)",
    )
    p.add_argument(
        "--timeout",
        type=_seconds,
        default=10.0,
        metavar="SECONDS",
        help="time budget of one check; past it, 503 and the checker is restarted (default: 10)",
    )
    p.add_argument(
        "--max-in-flight",
        type=_count,
        default=None,
        metavar="N",
        help="checks being run or waiting for a checker; past it, 503 with "
        "Retry-After (default: 32, or 8 per checker if more)",
    )
    p.add_argument(
        "--config",
        metavar="FILE",
        help="the configuration to use (default: the one nearest to this folder)",
    )
    p.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    p.add_argument(
        "--log-level",
        choices=("debug", "info", "warning", "error"),
        default="info",
        help="info (the default) logs one line per request: sizes, times, status",
    )
    return p


def options(args: argparse.Namespace) -> ServeOptions:
    from factcheck.serve.app import ServeOptions
    from factcheck.serve.pool import PoolLimits
    from factcheck.serve.worker import ServiceConfig

    token = args.token if args.token is not None else os.environ.get(TOKEN_ENV) or None
    pending = args.max_in_flight or max(32, 8 * args.workers)
    return ServeOptions(
        max_bytes=args.max_bytes,
        limits=PoolLimits(workers=args.workers, max_pending=pending, timeout=args.timeout),
        token=token,
        service=ServiceConfig(cwd=os.getcwd(), config=args.config, isolated=args.isolated),
    )


def _bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (IPv4 or IPv6); OSError when it cannot be had."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP said, not implied: asyncio turns Nagle's algorithm off only on sockets that
    # say so, and with it on every response waited 40 ms for the client's delayed ACK
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(False)
    return sock


def _url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def main(argv: list[str] | None = None) -> int:
    import logging

    from factcheck.errors import FactcheckError

    args = parser().parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(),
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        from factcheck.serve.app import create_app

        served = options(args)
        app = create_app(served)
    except FactcheckError as exc:
        print(f"factcheck serve: error: {exc}", file=sys.stderr)
        return 2
    try:
        sock = _bind(args.host, args.port)
    except OSError as exc:
        print(
            f"factcheck serve: error: cannot listen on {args.host}:{args.port}: "
            f"{exc.strerror or exc}",
            file=sys.stderr,
        )
        return 2
    url = _url(sock)
    app.state.ready_message = (
        f"factcheck serve: ready on {url} ({served.limits.workers} checker process"
        f"{'es' if served.limits.workers != 1 else ''}"
        f"{', token required' if served.token else ''})"
    )
    config = uvicorn.Config(
        app,
        log_config=None,
        access_log=False,
        server_header=False,
        lifespan="on",
        timeout_graceful_shutdown=5,
        log_level=args.log_level,
    )
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    return 0 if server.started else 3

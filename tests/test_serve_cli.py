"""``factcheck serve`` and ``factcheck lsp`` on the command line: listed in the help, and every
way they cannot start is one line and exit status 2 (a missing extra, a bad option, a bad
configuration, a port in use), before any process is started."""

from __future__ import annotations

import socket
import sys

import pytest

from factcheck.cli import main


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if "error" in line]


def test_the_help_lists_both(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "serve" in out and "lsp" in out


@pytest.mark.parametrize(
    ("command", "module", "extra"),
    [("serve", "starlette", "serve"), ("serve", "uvicorn", "serve"), ("lsp", "pygls", "lsp")],
)
def test_a_missing_extra_is_one_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
    module: str,
    extra: str,
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    monkeypatch.delitem(sys.modules, f"factcheck.{command}.cli", raising=False)
    assert main([command]) == 2
    assert error_lines(capsys.readouterr().err) == [
        f"factcheck: error: {command}: a module it needs is missing: {module} "
        f"(install factcheck's {extra} extra: pip install 'factcheck-news[{extra}]')"
    ]


@pytest.mark.parametrize(
    "argv",
    [
        ["--port", "70000"],
        ["--workers", "0"],
        ["--timeout", "0"],
        ["--max-bytes", "lots"],
        ["--debounce", "x"],
    ],
)
def test_bad_options(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    pytest.importorskip("starlette")
    pytest.importorskip("pygls")
    command = "lsp" if argv[0] == "--debounce" else "serve"
    with pytest.raises(SystemExit) as exc:
        main([command, *argv])
    assert exc.value.code == 2
    assert "error: argument" in capsys.readouterr().err


def test_a_bad_configuration(capsys: pytest.CaptureFixture[str], tmp_path: object) -> None:
    pytest.importorskip("starlette")
    assert main(["serve", "--config", "/nonexistent/factcheck.toml"]) == 2
    (line,) = error_lines(capsys.readouterr().err)
    assert line.startswith("factcheck serve: error: ") and "configuration file not found" in line


def test_a_port_in_use(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("starlette")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        assert main(["serve", "--isolated", "--port", str(port)]) == 2
    (line,) = error_lines(capsys.readouterr().err)
    assert line.startswith(f"factcheck serve: error: cannot listen on 127.0.0.1:{port}: ")


def test_the_socket_says_tcp_so_that_nagle_is_off() -> None:
    """asyncio sets TCP_NODELAY only on sockets whose protocol is IPPROTO_TCP; without it each
    response waited 40 ms for the client's delayed ACK."""
    pytest.importorskip("starlette")
    from factcheck.serve.cli import _bind

    with _bind("127.0.0.1", 0) as sock:
        assert sock.proto == socket.IPPROTO_TCP

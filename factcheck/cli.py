"""The ``factcheck`` command: the only place in factcheck that prints.

    factcheck [check] [options] PATH... | -    check articles (the default command)
    factcheck rule CODE | --all                a rule's documentation, from its rule file
    factcheck config [PATH]                    the configuration that applies to PATH
    factcheck archive ...                      check an archive at scale (factcheck.archive)
    factcheck serve ...                        an HTTP service and a page (factcheck.serve)
    factcheck lsp                              a language server over stdio (factcheck.lsp)

Exit status: 0 no shown finding at or above ``--fail-on``; 1 at least one; 2 a usage or
configuration error, or an input that could not be read (reported after every other file).

Start-up matters (an editor runs this on every save), so only argparse and sys are imported at
module level; the checker, rich and the reporters load when a command needs them.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factcheck.config import Overrides

COMMANDS = ("check", "rule", "config", "archive", "serve", "lsp")
# commands in subpackages of their own, each with its own extra and argument parser
EXTRA_COMMANDS = {
    "archive": "check an archive at scale",
    "serve": "an HTTP service for newsroom systems, and a page for editors",
    "lsp": "a language server for text editors (over stdio)",
}
# the keys of factcheck.reporters.FORMATS, listed here so that parsing arguments stays cheap
# (tests/test_cli.py proves the two lists agree)
FORMAT_NAMES = (
    "full",
    "concise",
    "json",
    "json-lines",
    "sarif",
    "github",
    "gitlab",
    "junit",
    "markdown",
    "html",
)
SEVERITIES = ("info", "warning", "error")
PROGRESS_MIN_FILES = 20
EPILOG = """\
'factcheck a.txt' is short for 'factcheck check a.txt'; 'factcheck check --help' lists every
option of the check.

exit status: 0 nothing to report, 1 findings at or above --fail-on, 2 usage, configuration or
unreadable input."""


class UsageError(Exception):
    """A command line that cannot be carried out (exit status 2)."""


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _date(value: str) -> str:
    import datetime as dt
    import re

    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {value!r}")
    try:
        dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date: {exc}") from None
    return value


def _size(value: str) -> int:
    import re

    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*", value, re.IGNORECASE)
    if m is None:
        raise argparse.ArgumentTypeError(f"expected a size like 500000, 512k or 10MB: {value!r}")
    size = int(float(m.group(1)) * 1024 ** " kmg".index(m.group(2).lower() or " "))
    if size < 1:
        raise argparse.ArgumentTypeError("the size limit must be at least one byte")
    return size


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("expected 0 (one per CPU) or more")
    return n


def _settings_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("configuration and rule selection")
    g.add_argument("--config", metavar="FILE", help="use this configuration file for every input")
    g.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    for flag, what in (
        ("--select", "run only these rules (replaces the configuration's selection)"),
        ("--extend-select", "also run these rules"),
        ("--ignore", "do not run these rules"),
        ("--extend-ignore", "also ignore these rules"),
    ):
        g.add_argument(
            flag,
            metavar="CODES",
            action="extend",
            type=_split,
            help=f"{what}: comma-separated codes or prefixes (SCL, SCL001, ALL)",
        )
    g.add_argument(
        "--rule-dir",
        "--rules-dir",
        dest="rule_dir",
        metavar="DIR",
        action="append",
        default=[],
        help="an extra folder of rule files (repeatable)",
    )
    g.add_argument(
        "--min-severity",
        choices=SEVERITIES,
        help="show findings at or above this severity (default: warning)",
    )
    g.add_argument(
        "--fail-on",
        choices=(*SEVERITIES, "never"),
        help="exit 1 when a shown finding is at or above this (default: as shown)",
    )
    g.add_argument(
        "--exclude",
        metavar="GLOBS",
        action="extend",
        type=_split,
        help="skip these when walking folders (replaces the default list)",
    )
    g.add_argument(
        "--extend-exclude", metavar="GLOBS", action="extend", type=_split, help="skip these too"
    )
    g.add_argument(
        "--respect-gitignore",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="skip files ignored by .gitignore when walking folders (default: yes)",
    )
    g.add_argument(
        "--skip-blockquotes",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="leave Markdown and HTML block quotes unchecked",
    )


def build_parser() -> argparse.ArgumentParser:
    from factcheck import __version__

    version = f"factcheck {__version__}"
    top = argparse.ArgumentParser(
        prog="factcheck",
        usage="factcheck [check] [options] PATH... | -",
        description="Find numbers in news copy that contradict each other.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("-V", "--version", action="version", version=version)
    sub = top.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser(
        "check",
        prog="factcheck",
        help="check articles",
        usage="factcheck [check] [options] PATH... | -",
        description="Check articles for numbers that cannot all be true.",
        epilog=EPILOG.split("\n\n")[1],
    )
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or folders (recursive); '-' reads standard input",
    )
    check.add_argument("-V", "--version", action="version", version=version)
    _output_options(check)
    _input_options(check)
    _settings_options(check)
    check.set_defaults(func=_run_check)

    _rule_command(sub)
    _config_command(sub)
    for name, what in EXTRA_COMMANDS.items():
        sub.add_parser(name, help=f"{what} (see 'factcheck {name} --help')", add_help=False)
    return top


def _output_options(check: argparse.ArgumentParser) -> None:
    """What the check command prints and where."""
    out = check.add_argument_group("output")
    out.add_argument(
        "-f",
        "--output-format",
        choices=FORMAT_NAMES,
        help="default: full on a terminal, concise otherwise",
    )
    out.add_argument(
        "-o",
        "--output-file",
        metavar="FILE",
        help="write the report here (never changes the exit status)",
    )
    out.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    out.add_argument("--statistics", action="store_true", help="print a count per rule instead")
    out.add_argument(
        "--diff",
        action="store_true",
        help="print the suggested replacements as a unified diff instead "
        "(inputs are never modified)",
    )
    out.add_argument(
        "--show-claims",
        action="store_true",
        help="also show every claim found, highlighted by kind",
    )
    out.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    out.add_argument(
        "-q", "--quiet", action="count", default=0, help="print the report only, no notes"
    )
    out.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="also print the configuration and date used for each file",
    )


def _input_options(check: argparse.ArgumentParser) -> None:
    """What the check command reads and how."""
    inp = check.add_argument_group("input")
    inp.add_argument(
        "--date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the articles' date, for exchange rates (default: from the article)",
    )
    inp.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="the name to report standard input under (also picks its format)",
    )
    inp.add_argument(
        "--input-format",
        choices=("auto", "text", "markdown", "html"),
        default="auto",
        help="default: from the file name, else the content",
    )
    inp.add_argument(
        "--max-bytes", type=_size, metavar="SIZE", help="refuse larger inputs (default: 10MB)"
    )
    inp.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply exclude globs to files named on the command line too",
    )
    inp.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="check in N processes (0: one per CPU; default 1)",
    )
    inp.add_argument("--baseline", metavar="FILE", help="hide the findings recorded in FILE")
    inp.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="record the current findings in FILE (then show only new ones)",
    )


def _rule_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """factcheck rule CODE: a rule's documentation."""
    rule = sub.add_parser(
        "rule",
        prog="factcheck rule",
        help="show a rule's documentation",
        description="Show rule documentation, generated from the rule files.",
    )
    rule.add_argument("code", nargs="?", metavar="CODE", help="a rule code or name")
    rule.add_argument("--all", action="store_true", help="every rule")
    rule.add_argument("-f", "--output-format", choices=("text", "json"), default="text")
    rule.add_argument("--config", metavar="FILE")
    rule.add_argument("--isolated", action="store_true")
    rule.add_argument(
        "--rule-dir", "--rules-dir", dest="rule_dir", metavar="DIR", action="append", default=[]
    )
    rule.set_defaults(func=_run_rule)


def _config_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """factcheck config PATH: the configuration that applies."""
    config = sub.add_parser(
        "config",
        prog="factcheck config",
        help="show the resolved configuration",
        description="Show the configuration that applies to a path.",
    )
    config.add_argument("path", nargs="?", default=".", metavar="PATH")
    config.add_argument("--json", action="store_true", help="as JSON")
    _settings_options(config)
    config.set_defaults(func=_run_config)


def _overrides(args: argparse.Namespace) -> Overrides:
    from factcheck.config import Overrides
    from factcheck.models import Severity

    def codes(name: str) -> tuple[str, ...]:
        return tuple(c.upper() if c.lower() == "all" else c for c in getattr(args, name) or ())

    return Overrides(
        select=codes("select") if args.select is not None else None,
        extend_select=codes("extend_select"),
        ignore=codes("ignore"),
        extend_ignore=codes("extend_ignore"),
        exclude=tuple(args.exclude) if args.exclude is not None else None,
        extend_exclude=tuple(args.extend_exclude or ()),
        respect_gitignore=args.respect_gitignore,
        min_severity=Severity(args.min_severity) if args.min_severity else None,
        fail_on=args.fail_on,
        output_format=getattr(args, "output_format", None),
        rule_dirs=tuple(args.rule_dir),
        skip_blockquotes=args.skip_blockquotes,
    )


def _use_color(choice: str, terminal: bool) -> bool:
    import os

    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or terminal


class _ProgressBar:
    """A rich progress bar on stderr, shown only for many files on a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None

    def __call__(self, total: int) -> Any:
        if not self.enabled or total < PROGRESS_MIN_FILES:
            return None
        import time

        from rich.console import Console
        from rich.progress import Progress

        # no refresh thread: worker processes are forked after this starts
        self.bar = Progress(console=Console(stderr=True), transient=True, auto_refresh=False)
        self.bar.start()
        task = self.bar.add_task("checking", total=total)

        last = [0.0]

        def advance(n: int) -> None:
            self.bar.update(task, advance=n)
            now = time.monotonic()
            if now - last[0] > 0.1:  # a redraw per file would cost more than many files
                last[0] = now
                self.bar.refresh()

        return advance

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _run_check(args: argparse.Namespace) -> int:
    import shutil

    from factcheck.checkrun import CheckRequest, execute
    from factcheck.sources import DEFAULT_MAX_BYTES

    if not args.paths:
        raise UsageError("no path given (try 'factcheck .' or 'factcheck --help')")
    terminal = args.output_file is None and sys.stdout.isatty()
    request = CheckRequest(
        paths=args.paths,
        overrides=_overrides(args),
        output_format=args.output_format,
        terminal=terminal,
        color=_use_color(args.color, terminal),
        width=shutil.get_terminal_size((100, 24)).columns if terminal else 100,
        date=args.date,
        stdin_filename=args.stdin_filename,
        input_format=args.input_format,
        max_bytes=args.max_bytes or DEFAULT_MAX_BYTES,
        force_exclude=args.force_exclude,
        jobs=args.jobs,
        config=args.config,
        isolated=args.isolated,
        baseline=args.baseline,
        write_baseline=args.write_baseline,
        statistics=args.statistics,
        diff=args.diff,
        show_claims=args.show_claims,
        exit_zero=args.exit_zero,
        verbose=args.verbose,
    )
    progress = _ProgressBar(sys.stderr.isatty() and not args.quiet)
    try:
        result = execute(request, progress)
    finally:
        progress.stop()
    # written piece by piece as the report renders (json: one file at a time)
    if args.output_file:
        try:
            with open(args.output_file, "w", encoding="utf-8", newline="") as fh:
                for part in result.parts():
                    fh.write(part)
        except OSError as exc:
            raise UsageError(f"{args.output_file}: cannot write: {exc.strerror or exc}") from None
    else:
        for part in result.parts():
            sys.stdout.write(part)
        sys.stdout.flush()
    for note in result.notes if not args.quiet else ():
        print(f"factcheck: {note}", file=sys.stderr)
    # the human formats already list unreadable inputs in the report on the terminal
    listed = (
        not args.output_file
        and result.fmt in ("full", "concise")
        and not (args.statistics or args.diff)
    )
    if not (listed and sys.stdout.isatty() and sys.stderr.isatty()):
        for line in result.failures:
            print(f"factcheck: error: {line}", file=sys.stderr)
    return result.status


def _run_rule(args: argparse.Namespace) -> int:
    import json

    from factcheck import explain
    from factcheck.config import Overrides, Resolver

    settings = Resolver(
        Overrides(rule_dirs=tuple(args.rule_dir)), config=args.config, isolated=args.isolated
    ).for_dir(".")
    rules = list(settings.rules)
    if args.all:
        chosen = rules
    elif args.code:
        spec = explain.find_rule(rules, args.code)
        if spec is None:
            raise UsageError(f"unknown rule {args.code!r}; 'factcheck rule' lists them all")
        chosen = [spec]
    else:
        sys.stdout.write(explain.index(rules))
        return 0
    if args.output_format == "json":
        data: Any = [explain.as_json(r) for r in chosen]
        sys.stdout.write(
            json.dumps(data if args.all else data[0], indent=2, ensure_ascii=False) + "\n"
        )
        return 0
    pages = [explain.markdown(r, rule_dirs=settings.rule_dirs) for r in chosen]
    if args.all:
        pages.insert(0, "# factcheck rules\n\n" + explain.index(rules))
    sys.stdout.write("\n".join(pages))
    return 0


def _run_config(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from factcheck.config import Resolver
    from factcheck.explain import describe, resolved

    resolver = Resolver(_overrides(args), config=args.config, isolated=args.isolated)
    target = Path(args.path)
    settings = resolver.for_dir(target) if target.is_dir() else resolver.for_file(target)
    if args.json:
        sys.stdout.write(json.dumps(resolved(settings), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(describe(settings, args.path))
    return 0


def _run_extra(command: str, argv: list[str]) -> int:
    """``factcheck archive|serve|lsp …``: the subpackage's ``main``, or why it cannot run."""
    package = f"factcheck.{command}"
    try:
        import importlib

        module = importlib.import_module(package)
        entry = getattr(module, "main", None)  # imports what the command needs
    except ModuleNotFoundError as exc:
        if exc.name not in (package, f"{package}.cli", "factcheck"):
            raise UsageError(
                f"{command}: a module it needs is missing: {exc.name} "
                f"(install factcheck's {command} extra: pip install 'factcheck-news[{command}]')"
            ) from None
        raise UsageError(
            f"the {command} command is not available in this installation ({package} is missing)"
        ) from None
    if entry is None:
        raise UsageError(f"the {command} command is not available ({package} has no main)")
    return int(entry(argv) or 0)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (0, 1 or 2)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    from factcheck.errors import FactcheckError

    try:
        if args_list[:1] and args_list[0] in EXTRA_COMMANDS:
            return _run_extra(args_list[0], args_list[1:])
        if not args_list or args_list[0] not in (*COMMANDS, "-h", "--help", "-V", "--version"):
            args_list.insert(0, "check")
        try:
            args = build_parser().parse_args(args_list)
        except SystemExit as exc:  # --help, --version, or a usage error argparse printed
            return exc.code if isinstance(exc.code, int) else 2
        status: int = args.func(args)
        return status
    except (FactcheckError, UsageError) as exc:
        print(f"factcheck: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("factcheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `factcheck … | head`: stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())

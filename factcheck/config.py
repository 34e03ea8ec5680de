"""Settings from configuration files and command-line flags, resolved per input file.

A configuration is the ``[tool.factcheck]`` table of a ``pyproject.toml``, or the top level of a
``factcheck.toml`` / ``.factcheck.toml``. Each input uses the configuration file nearest to it
(its own folder, then each parent; in one folder ``.factcheck.toml`` beats ``factcheck.toml``
beats ``pyproject.toml``, and a ``pyproject.toml`` without the table is passed over). A file
that cannot be parsed is an error naming it, the line and the problem — a ``pyproject.toml``
too, as soon as it mentions factcheck (a broken ``[tool.factcheck`` must not pass for no
table). Files do not merge: the nearest one is the whole story, then the command line is laid
on top.

Keys (kebab-case; anything else is an error naming the file and the key)::

    select, extend-select, ignore, extend-ignore   rule codes or prefixes ("SCL", "ALL")
    per-file-ignores                               {glob: [codes]}
    min-severity, fail-on, output-format           what is shown, what fails, how it is shown
    exclude, extend-exclude, respect-gitignore     which files a folder walk skips
    rule-dirs                                      extra rule folders, relative to the file
    skip-blockquotes                               leave Markdown/HTML block quotes unchecked
    [rules.CODE]                                   severity = "…" and the rule's own params

Globs (exclude, per-file-ignores) use ``.gitignore`` syntax, anchored at the file's folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from factcheck.errors import ConfigError, RuleFileError
from factcheck.globs import compile_glob
from factcheck.lexicon import load_lexicon
from factcheck.models import Severity
from factcheck.ruleset import RuleSpec, Selection, load_rules, validate_codes
from factcheck.tomlfile import parse_toml, read_toml

CONFIG_FILES = (".factcheck.toml", "factcheck.toml", "pyproject.toml")
FailOn = Literal["info", "warning", "error", "never"]
DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".bzr",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "node_modules",
    "__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    "site-packages",
    "build",
    "dist",
)


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class ConfigTable(BaseModel):
    """The ``[tool.factcheck]`` table as written (validated, nothing resolved yet)."""

    model_config = ConfigDict(frozen=True, extra="forbid", alias_generator=_kebab)

    select: list[str] | None = None
    extend_select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    extend_ignore: list[str] = Field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict)
    min_severity: Severity | None = None
    fail_on: FailOn | None = None
    output_format: str | None = None
    exclude: list[str] | None = None
    extend_exclude: list[str] = Field(default_factory=list)
    respect_gitignore: bool = True
    rule_dirs: list[str] = Field(default_factory=list)
    skip_blockquotes: bool = False
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)


@dataclass(frozen=True)
class Overrides:
    """What the command line says; ``None`` means "not given, keep the file's value"."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool | None = None
    min_severity: Severity | None = None
    fail_on: FailOn | None = None
    output_format: str | None = None
    rule_dirs: tuple[str, ...] = ()  # relative to the working directory
    skip_blockquotes: bool | None = None


@dataclass(frozen=True)
class Settings:
    """Everything that decides how one input is found, checked and filtered."""

    source: str | None  # the configuration file ("pyproject.toml"), None for the defaults
    root: Path  # folder that relative globs and rule-dirs are anchored at
    table: ConfigTable
    selection: Selection
    rule_dirs: tuple[str, ...]
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...]
    exclude: tuple[str, ...]
    respect_gitignore: bool
    skip_blockquotes: bool
    min_severity: Severity
    fail_on: FailOn
    output_format: str | None
    rules: tuple[RuleSpec, ...] = field(default=(), repr=False)

    def selection_for(self, path: str) -> Selection:
        """The selection for one file: per-file-ignores that match it are added to the ignores."""
        extra = [
            c
            for glob, codes in self.per_file_ignores
            if matches(glob, path, self.root)
            for c in codes
        ]
        if not extra:
            return self.selection
        return self.selection.model_copy(
            update={"extend_ignore": (*self.selection.extend_ignore, *extra)}
        )

    def excluded(self, path: str | Path, is_dir: bool) -> bool:
        return any(matches(glob, path, self.root, is_dir=is_dir) for glob in self.exclude)


def matches(glob: str, path: str | Path, root: Path, *, is_dir: bool = False) -> bool:
    """Whether ``path`` matches a ``.gitignore``-style glob anchored at ``root`` (a negated
    glob matches nothing, as a one-line ``.gitignore`` of it would)."""
    absolute = Path(os.path.abspath(path))
    try:
        rel = absolute.relative_to(root).as_posix()
    except ValueError:
        rel = absolute.name
    if rel == ".":
        return False
    compiled = compile_glob(glob)
    return compiled.include and compiled.matches(rel, is_dir)


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)


def _problem(exc: ValidationError, table: str) -> str:
    err = exc.errors()[0]
    loc = [str(p) for p in err.get("loc", ())]
    if err.get("type") == "extra_forbidden":
        where = ".".join([table, *loc[:-1]]) if table else ".".join(loc[:-1])
        return f"unknown key {loc[-1]!r}" + (f" in [{where}]" if where else "")
    where = ".".join([table, *loc]) if table else ".".join(loc)
    return f"[{where}] {err.get('msg', 'invalid')}"


def read_table(path: Path) -> tuple[ConfigTable, str] | None:
    """The validated table of one configuration file, and its name; None if it has none."""
    shown = _shown(path)
    data = read_toml(path, shown, ConfigError)
    table = ""
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "factcheck" not in tool:
            return None
        data, table = tool["factcheck"], "tool.factcheck"
        if not isinstance(data, dict):
            raise ConfigError(shown, "[tool.factcheck] must be a table")
    try:
        return ConfigTable.model_validate(data), table
    except ValidationError as exc:
        raise ConfigError(shown, _problem(exc, table)) from None


def find_config(folder: Path) -> Path | None:
    """The configuration file that applies to ``folder``: its own, or its nearest parent's."""
    for d in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = d / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_table(candidate)):
                return candidate
    return None


def _has_table(path: Path) -> bool:
    """Whether a ``pyproject.toml`` has a ``[tool.factcheck]`` table. One that names factcheck
    but cannot be parsed is a :class:`ConfigError` (a broken table must not pass for none)."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    if b"factcheck" not in data:  # no table, however broken the rest of the file may be
        return False
    tool = parse_toml(data, _shown(path), ConfigError).get("tool", {})
    return isinstance(tool, dict) and "factcheck" in tool


def _codes(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(
        c.strip().upper() if c.strip().upper() == "ALL" else c.strip() for c in items if c.strip()
    )


def resolve(table: ConfigTable, source: Path | None, overrides: Overrides, cwd: Path) -> Settings:
    """One configuration table plus the command line → validated :class:`Settings`."""
    where = _shown(source) if source is not None else "command line"
    root = source.parent if source is not None else cwd
    prefix = "tool.factcheck." if source is not None and source.name == "pyproject.toml" else ""
    rule_dirs = (
        *(str((root / d).resolve()) for d in table.rule_dirs),
        *(str((cwd / d).resolve()) for d in overrides.rule_dirs),
    )
    try:
        rules = load_rules(rule_dirs)
        load_lexicon(rule_dirs)  # built once (cached); a bad lexicon is this file's error
    except RuleFileError as exc:
        raise ConfigError(where, f"[{prefix}rule-dirs] {exc}") from None
    known = [r.code for r in rules]
    for key, codes in (
        ("select", table.select or ()),
        ("extend-select", table.extend_select),
        ("ignore", table.ignore),
        ("extend-ignore", table.extend_ignore),
        *((f"per-file-ignores.{g}", c) for g, c in table.per_file_ignores.items()),
    ):
        validate_codes(list(_codes(codes)), known, f"{where}: [{prefix}{key}]")
    cli_codes = [
        *(overrides.select or ()),
        *overrides.extend_select,
        *overrides.ignore,
        *overrides.extend_ignore,
    ]
    validate_codes(cli_codes, known, "--select/--ignore")
    severity, params = _rule_overrides(table.rules, rules, where, prefix)
    if overrides.select is not None:  # the command line starts the selection over
        selection = Selection(
            select=overrides.select,
            extend_select=overrides.extend_select,
            ignore=overrides.ignore,
            extend_ignore=overrides.extend_ignore,
            severity=severity,
            params=params,
        )
    else:
        selection = Selection(
            select=_codes(table.select) if table.select is not None else ("ALL",),
            extend_select=(*_codes(table.extend_select), *overrides.extend_select),
            ignore=(*_codes(table.ignore), *overrides.ignore),
            extend_ignore=(*_codes(table.extend_ignore), *overrides.extend_ignore),
            severity=severity,
            params=params,
        )
    fmt = overrides.output_format or table.output_format
    if table.output_format is not None:
        _check_format(table.output_format, f"{where}: [{prefix}output-format]")
    exclude = (
        overrides.exclude
        if overrides.exclude is not None
        else (tuple(table.exclude) if table.exclude is not None else DEFAULT_EXCLUDE)
    )
    min_sev = overrides.min_severity or table.min_severity or Severity.WARNING
    return Settings(
        source=_shown(source) if source is not None else None,
        root=root,
        table=table,
        selection=selection,
        rule_dirs=rule_dirs,
        per_file_ignores=tuple((g, _codes(c)) for g, c in table.per_file_ignores.items()),
        exclude=(*exclude, *table.extend_exclude, *overrides.extend_exclude),
        respect_gitignore=(
            overrides.respect_gitignore
            if overrides.respect_gitignore is not None
            else table.respect_gitignore
        ),
        skip_blockquotes=(
            overrides.skip_blockquotes
            if overrides.skip_blockquotes is not None
            else table.skip_blockquotes
        ),
        min_severity=min_sev,
        fail_on=overrides.fail_on or table.fail_on or min_sev.value,
        output_format=fmt,
        rules=rules,
    )


def _check_format(fmt: str, where: str) -> None:
    from factcheck.reporters import FORMATS

    if fmt not in FORMATS:
        raise ConfigError(where, f"unknown output format {fmt!r}; known: {', '.join(FORMATS)}")


def _rule_overrides(
    overrides: Mapping[str, Mapping[str, Any]], rules: Sequence[RuleSpec], where: str, prefix: str
) -> tuple[dict[str, Severity], dict[str, dict[str, Any]]]:
    """``[rules.CODE]`` tables → severities and params, each checked against the rule's check."""
    from factcheck.checks import CATALOGUE

    by_code = {r.code: r for r in rules}
    severity: dict[str, Severity] = {}
    params: dict[str, dict[str, Any]] = {}
    for code, values in overrides.items():
        spec = by_code.get(code)
        key = f"{prefix}rules.{code}"
        if spec is None:
            raise ConfigError(where, f"[{key}] unknown rule code {code!r}")
        rest = dict(values)
        if "severity" in rest:
            try:
                severity[code] = Severity(rest.pop("severity"))
            except ValueError:
                raise ConfigError(
                    where, f"[{key}.severity] expected one of info, warning, error"
                ) from None
        if rest:
            model = CATALOGUE[spec.check].params
            try:
                model.model_validate({**spec.params, **rest})
            except ValidationError as exc:
                err = exc.errors()[0]
                loc = ".".join(str(p) for p in err.get("loc", ()))
                if err.get("type") == "extra_forbidden":
                    known = ", ".join(sorted(model.model_fields)) or "none"
                    problem = f"unknown option {loc!r} for {code}; known: {known}"
                else:
                    problem = err.get("msg", "invalid")
                raise ConfigError(where, f"[{key}.{loc}] {problem}") from None
            params[code] = rest
    return severity, params


class Resolver:
    """Finds and caches the settings of each folder. ``config`` forces one file for every input;
    ``isolated`` ignores configuration files altogether."""

    def __init__(
        self,
        overrides: Overrides | None = None,
        *,
        config: str | None = None,
        isolated: bool = False,
        cwd: Path | None = None,
    ) -> None:
        self.overrides = overrides or Overrides()
        self.cwd = cwd or Path.cwd()
        self.isolated = isolated
        self._forced = Path(config).resolve() if config else None
        self._by_file: dict[Path | None, Settings] = {}
        self._by_dir: dict[Path, Path | None] = {}

    def _load(self, source: Path | None) -> Settings:
        cached = self._by_file.get(source)
        if cached is not None:
            return cached
        table: ConfigTable | None = None
        if source is not None:
            if not source.is_file():
                raise ConfigError(_shown(source), "configuration file not found")
            found = read_table(source)
            table = found[0] if found else None
        settings = resolve(table or ConfigTable(), source, self.overrides, self.cwd)
        self._by_file[source] = settings
        return settings

    def for_dir(self, folder: str | Path) -> Settings:
        """The settings that apply to files in ``folder``."""
        if self.isolated:
            return self._load(None)
        if self._forced is not None:
            return self._load(self._forced)
        d = Path(os.path.abspath(folder))
        if d not in self._by_dir:
            self._by_dir[d] = find_config(d)
        return self._load(self._by_dir[d])

    def for_file(self, path: str | Path) -> Settings:
        return self.for_dir(Path(os.path.abspath(path)).parent)

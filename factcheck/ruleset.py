"""Rule files → validated, frozen :class:`RuleSpec` models, and the selection of rules to run.

A rule file (``rules/<CODE>-<name>.toml``) gives a registered check its identity (code, name),
severity, wording (message and fix templates), parameters and documentation. See
``rules/README.md`` for the format. A user's rules folder may add rules (new codes reusing a
registered check with other parameters) or override shipped ones (same code).
"""

from __future__ import annotations

import functools
import string
import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from factcheck.errors import ConfigError, RuleFileError, pydantic_problem
from factcheck.lexicon import default_rules_dir
from factcheck.models import Severity
from factcheck.tomlfile import read_toml

CODE_PATTERN = r"^[A-Z]{3}[0-9]{3}$"


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class RuleExample(_Strict):
    """A documented example: ``expect`` lists exactly the codes it must produce."""

    text: str
    expect: list[str]
    date: str | None = None
    why: str | None = None
    repeat: int = Field(
        default=1,
        ge=1,
        le=100_000,
        description="Check the text repeated this many times (space-joined).",
    )

    @property
    def full_text(self) -> str:
        return " ".join([self.text] * self.repeat)


class RuleDoc(_Strict):
    what: str = Field(description="What it does: one paragraph.")
    why: str = Field(description="Why it matters to a reporter.")
    silence: str = Field(description="How to switch it off or suppress one finding.")
    options: str | None = None
    examples: list[RuleExample] = Field(min_length=2)


class RuleSpec(_Strict):
    """One rule: identity, default severity, wording, parameters and documentation."""

    code: str = Field(pattern=CODE_PATTERN)
    name: str = Field(pattern=r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
    check: str = Field(description="Registered check name, e.g. 'scale.conversion_slip'.")
    severity: Severity
    since: str
    summary: str = Field(description="One line, shown in SARIF and rule lists.")
    message: str = Field(description="Template filled from the check's values.")
    fix: str | None = Field(default=None, description="Template for the suggested replacement.")
    params: dict[str, Any] = Field(default_factory=dict)
    doc: RuleDoc
    path: str = ""

    @field_validator("doc")
    @classmethod
    def _examples_both_ways(cls, doc: RuleDoc) -> RuleDoc:
        if not any(e.expect for e in doc.examples) or not any(not e.expect for e in doc.examples):
            raise ValueError("needs at least one example that fires and one that stays silent")
        return doc


def template_fields(template: str) -> set[str]:
    """Placeholder names used by a format template ("{expected} at {rate}")."""
    return {
        name.split(".")[0].split("[")[0]
        for _, name, _, _ in string.Formatter().parse(template)
        if name
    }


def _load_rule_file(path: Path) -> RuleSpec:
    data = read_toml(path, str(path), RuleFileError)
    try:
        spec = RuleSpec.model_validate({**data, "path": str(path)})
    except ValidationError as exc:
        raise RuleFileError(str(path), pydantic_problem(exc)) from None
    expected_stem = f"{spec.code}-{spec.name}"
    if path.stem != expected_stem:
        raise RuleFileError(str(path), f"[file name] expected {expected_stem}.toml")
    return spec


def _validate_against_catalogue(spec: RuleSpec) -> RuleSpec:
    """The check must be registered, its params must fit, its placeholders must exist."""
    from factcheck.checks import CATALOGUE, RENAMED

    if spec.check in RENAMED:
        new = RENAMED[spec.check]
        warnings.warn(
            f"{spec.path}: [check] {spec.check!r} is a deprecated name; use {new!r}",
            DeprecationWarning,
            stacklevel=2,
        )
        spec = spec.model_copy(update={"check": new})
    check = CATALOGUE.get(spec.check)
    if check is None:
        known = ", ".join(sorted(CATALOGUE))
        raise RuleFileError(spec.path, f"[check] unknown check {spec.check!r}; known: {known}")
    try:
        check.params.model_validate(spec.params)
    except ValidationError as exc:
        raise RuleFileError(spec.path, pydantic_problem(exc).replace("[", "[params.", 1)) from None
    for key, template in (("message", spec.message), ("fix", spec.fix or "")):
        unknown = template_fields(template) - check.provides
        if unknown:
            raise RuleFileError(
                spec.path,
                f"[{key}] placeholder(s) {', '.join(sorted(unknown))} not provided by check "
                f"{spec.check!r} (it provides: {', '.join(sorted(check.provides))})",
            )
    return spec


def load_rules(extra_dirs: Iterable[str | Path] = ()) -> tuple[RuleSpec, ...]:
    """All rules: the shipped folder, then each extra folder (same code overrides)."""
    return _load_rules(tuple(str(Path(d).resolve()) for d in extra_dirs))


@functools.cache
def _load_rules(extra_dirs: tuple[str, ...]) -> tuple[RuleSpec, ...]:
    by_code: dict[str, RuleSpec] = {}
    names: dict[str, str] = {}
    for folder in (str(default_rules_dir()), *extra_dirs):
        root = Path(folder)
        if not root.is_dir():
            raise RuleFileError(folder, "rules folder not found")
        for path in sorted(root.glob("*.toml")):
            spec = _validate_against_catalogue(_load_rule_file(path))
            other = names.get(spec.name)
            if other is not None and other != spec.code:
                raise RuleFileError(str(path), f"[name] {spec.name!r} is already used by {other}")
            by_code[spec.code] = spec
            names[spec.name] = spec.code
    return tuple(sorted(by_code.values(), key=lambda r: r.code))


class Selection(_Strict):
    """Which rules run and how: ruff's select/ignore by code prefix, plus overrides."""

    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = Field(default_factory=dict)  # code → severity
    params: Mapping[str, Mapping[str, Any]] = Field(default_factory=dict)  # code → params

    def enabled(self, code: str) -> bool:
        """Longest matching prefix wins; on a tie, ignore beats select."""
        best_len, best = -1, False
        for prefixes, verdict in (
            ((*self.select, *self.extend_select), True),
            ((*self.ignore, *self.extend_ignore), False),
        ):
            for p in prefixes:
                n = _prefix_len(p, code)
                if n > best_len or (n == best_len and n >= 0 and not verdict):
                    best_len, best = n, verdict
        return best


def _prefix_len(prefix: str, code: str) -> int:
    if prefix == "ALL":
        return 0
    return len(prefix) if code.startswith(prefix) else -1


def validate_codes(codes: Sequence[str], known: Iterable[str], where: str) -> None:
    """Every code or prefix must match at least one known rule code."""
    known = list(known)
    for c in codes:
        if c == "ALL":
            continue
        if not any(k.startswith(c) for k in known):
            raise ConfigError(where, f"unknown rule code or prefix {c!r}")


def effective_rules(rules: Sequence[RuleSpec], selection: Selection) -> list[RuleSpec]:
    """The enabled rules with severities and parameters overridden."""
    out = []
    for spec in rules:
        if not selection.enabled(spec.code):
            continue
        update: dict[str, Any] = {}
        sev = selection.severity.get(spec.code)
        if sev is not None:
            update["severity"] = sev
        params = selection.params.get(spec.code)
        if params:
            merged = {**spec.params, **params}
            update["params"] = merged
        if update:
            spec = spec.model_copy(update=update)
            if "params" in update:
                _validate_against_catalogue(spec)
        out.append(spec)
    return out

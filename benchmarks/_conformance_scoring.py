"""Matching expected results to claims, and the tallies (see RULES in conformance.py)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

TEMPERATURE_UNITS = frozenset({"degree_Celsius", "degree_Fahrenheit", "kelvin", "degree"})
_DATA = ("bit", "byte")
_ANGLE = ("degree", "radian", "turn", "arcminute", "arcsecond")


@dataclass(frozen=True)
class UnitWant:
    """What unit an expected result has, reduced to what can be compared across projects."""

    kind: str  # money | percent | quantity | none | age | any
    codes: frozenset[str] | None = None  # money: acceptable ISO codes (None: any currency)
    pint: str | None = None  # quantity: a pint unit expression (None: any of the family)
    family: str | None = None  # quantity: temperature | data | angle | None


@dataclass(frozen=True)
class Want:
    """One expected result."""

    text: str
    start: int | None  # None: span unknown, any claim may match
    end: int | None
    value: float | None  # a point value
    unit: UnitWant
    low: float | None = None  # a range: bounds (None on an open side)
    high: float | None = None
    is_range: bool = False


@dataclass(frozen=True)
class Got:
    """One prediction: a claim, or a number read by numparse."""

    start: int
    end: int
    text: str
    kind: str
    value: float
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    vague: bool = False
    hedge_direction: str | None = None


@dataclass
class Case:
    suite: str
    text: str
    wants: list[Want]
    predicts: Callable[[Got], bool]  # is this claim a prediction for the suite?
    predict: Callable[[str], list[Got]]  # text → every claim
    fp_exempt: Callable[[Got], bool] = lambda g: False
    deliberate: str | None = None  # why a deviation here is known and kept
    note: str = ""  # e.g. NotSupported[python]


@dataclass
class Score:
    cases: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    unit_ok: int = 0
    deliberate: int = 0  # misses and false alarms in cases tagged deliberate
    deliberate_fp: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def policy_f1(self) -> float:
        """F1 leaving out the deviations tagged deliberate (each tag says why)."""
        fp = self.fp - self.deliberate_fp
        fn = self.fn - (self.deliberate - self.deliberate_fp)
        return 2 * self.tp / (2 * self.tp + fp + fn) if self.tp else 0.0

    @property
    def unit_agreement(self) -> float:
        return self.unit_ok / self.tp if self.tp else 1.0

    @property
    def strict_f1(self) -> float:
        """F1 when a value match with the wrong unit counts as a miss and a false alarm."""
        wrong = self.tp - self.unit_ok
        tp, fp, fn = self.unit_ok, self.fp + wrong, self.fn + wrong
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-3 * max(abs(a), abs(b)) or a == b


def interval(g: Got) -> tuple[float | None, float | None]:
    """A claim as an interval: a range, a bounded amount ('more than 5'), or a point."""
    if g.low is not None and g.high is not None and not g.vague:
        return g.low, g.high
    if g.hedge_direction in ("above", "at_least"):
        return g.value, None
    if g.hedge_direction in ("below", "at_most"):
        return None, g.value
    return g.value, g.value


def value_matches(w: Want, g: Got) -> bool:
    if w.is_range:
        lo, hi = interval(g)
        return close(w.low, lo) and close(w.high, hi)
    return close(w.value, g.value)


def unit_agrees(w: UnitWant, g: Got) -> bool:
    if w.kind == "any":
        return True
    if w.kind == "money":
        return g.kind == "money" and (w.codes is None or g.unit in w.codes)
    if w.kind == "percent":
        return g.unit == "percent"
    if w.kind == "none":
        return g.unit is None
    if w.kind == "age":
        return g.kind == "age" and (w.pint is None or g.unit == w.pint)
    if g.kind not in ("quantity", "duration") or g.unit is None:
        return False
    if w.family == "temperature":
        return g.unit in TEMPERATURE_UNITS and (w.pint is None or g.unit in (w.pint, "degree"))
    if w.pint is None:
        return True
    return _same_dimension(w.pint, g.unit)


@functools.cache
def _registry() -> Any:
    import pint

    from factcheck.units import registry

    return registry(pint)


@functools.cache
def _same_dimension(a: str, b: str) -> bool:
    ureg = _registry()
    try:
        da, db = ureg.parse_units(a).dimensionality, ureg.parse_units(b).dimensionality
    except Exception:
        return False
    if da != db:
        return False
    if not da:  # pint calls bits, bytes, radians and turns all dimensionless
        return _family(a) == _family(b)
    return True


def _family(unit: str) -> str:
    if any(x in unit for x in _DATA):
        return "data"
    if any(x in unit for x in _ANGLE):
        return "angle"
    return unit


def _unit_label(u: UnitWant) -> str:
    if u.codes is not None:
        return "/".join(sorted(u.codes))
    return u.pint or u.family or u.kind


def _overlaps(w: Want, g: Got) -> bool:
    if w.start is None or w.end is None:
        return True
    return g.start < w.end and w.start < g.end


def score_case(case: Case, score: Score) -> None:
    score.cases += 1
    try:
        got = [g for g in case.predict(case.text) if case.predicts(g)]
    except Exception as exc:  # a crash is a miss of every expected result, and reported
        got = []
        score.notes.append(f"CRASH {type(exc).__name__}: {exc} in {case.text!r}")
    used: set[int] = set()
    problems: list[str] = []
    for w in case.wants:
        where = w.start
        cands = [
            (unit_agrees(w.unit, g), -abs(g.start - (g.start if where is None else where)), k)
            for k, g in enumerate(got)
            if k not in used and _overlaps(w, g) and value_matches(w, g)
        ]
        if not cands:
            score.fn += 1
            want = (w.low, w.high) if w.is_range else w.value
            problems.append(f"MISS  {w.text[:70]!r} = {want} {_unit_label(w.unit)}")
            continue
        agrees, _, k = max(cands)
        used.add(k)
        score.tp += 1
        if agrees:
            score.unit_ok += 1
        else:
            g = got[k]
            problems.append(f"UNIT  {w.text!r}: want {_unit_label(w.unit)}, got {g.kind} {g.unit}")
    for k, g in enumerate(got):
        if k in used or case.fp_exempt(g):
            continue
        score.fp += 1
        lo_hi = f" [{g.low}, {g.high}]" if g.low is not None or g.high is not None else ""
        unit = g.unit or ""
        problems.append(f"FALSE {g.text[:70]!r} = {g.value}{lo_hi} {g.kind} {unit}".rstrip())
    if not problems:
        return
    tag = f"  [deliberate: {case.deliberate}]" if case.deliberate else ""
    if case.deliberate:
        score.deliberate += sum(1 for p in problems if not p.startswith("UNIT"))
        score.deliberate_fp += sum(1 for p in problems if p.startswith("FALSE"))
    head = f"{case.text[:110]!r}{' ' + case.note if case.note else ''}{tag}"
    score.notes.append(head)
    score.notes.extend("    " + p for p in problems)

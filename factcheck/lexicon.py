"""The word lists of ``rules/lexicon/*.toml``: loaded once, validated, frozen.

Each file has a pydantic model below (``extra="forbid"``): a misspelt key or a value of the wrong
shape is a :class:`~factcheck.errors.RuleFileError` naming the file and the key. A user's extra
rules folder may carry a ``lexicon/`` of its own; its tables extend the shipped ones.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from factcheck.errors import RuleFileError, pydantic_problem
from factcheck.numparse import NumberWords


def default_rules_dir() -> Path:
    """The shipped ``rules/`` folder: packaged as ``factcheck/_rules``, or the checkout's."""
    here = Path(__file__).resolve().parent
    packaged = here / "_rules"
    if packaged.is_dir():
        return packaged
    return here.parent / "rules"


class _File(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class _WordList(_File):
    words: list[str]


class _FormList(_File):
    forms: list[str]


class _CodeList(_File):
    list: list[str]


class NumbersFile(_File):
    units: dict[str, float]
    tens: dict[str, float]
    multipliers: dict[str, float]
    scales: dict[str, float]
    fractions: dict[str, float]
    ordinals: dict[str, float]
    glued_prefixes: _WordList = _WordList(words=[])


class VagueFile(_File):
    plurals: dict[str, tuple[float, float]]
    of_scale: dict[str, tuple[float, float]]
    before_scale: dict[str, tuple[float, float]]

    @model_validator(mode="after")
    def _of_scale_words_are_plurals(self) -> VagueFile:
        extra = sorted(set(self.of_scale) - set(self.plurals))
        if extra:
            raise ValueError(f"[of_scale] words not in [plurals]: {', '.join(extra)}")
        return self


class CurrenciesFile(_File):
    symbols: dict[str, str]
    symbols_after: dict[str, str] = {}
    damaged: dict[str, str] = {}
    codes: _CodeList
    words: dict[str, str]
    subunits: dict[str, tuple[str, float]]
    minor: dict[str, tuple[str, float]] = {}
    pounds_of: _WordList = _WordList(words=[])
    ambiguous: dict[str, list[str]]


UnitName = str | list[str]


class UnitsFile(_File):
    length: dict[str, UnitName]
    mass: dict[str, UnitName]
    temperature: dict[str, UnitName]
    area: dict[str, UnitName]
    volume: dict[str, UnitName]
    speed: dict[str, UnitName]
    energy: dict[str, UnitName]
    power: dict[str, UnitName]
    data: dict[str, UnitName]
    pressure: dict[str, UnitName]
    frequency: dict[str, UnitName] = {}
    radiation: dict[str, UnitName] = {}
    electric: dict[str, UnitName] = {}
    torque: dict[str, UnitName] = {}
    fuel_economy: dict[str, UnitName] = {}
    concentration: dict[str, UnitName] = {}
    durations: dict[str, UnitName]
    attached_only: _FormList
    denominators: _WordList = _WordList(words=[])


HedgeDir = Literal["approx", "above", "at_least", "below", "at_most", "exact"]


class HedgesFile(_File):
    before: dict[str, tuple[HedgeDir, float]]
    after: dict[str, tuple[HedgeDir, float]]


class _UpDown(_File):
    up: list[str]
    down: list[str]


class _Stems(_File):
    stems: list[str]


class ChangesFile(_File):
    direction: _UpDown
    separable: dict[str, str]
    nouns: _UpDown
    growth: dict[str, float]
    periods: dict[str, str]
    neutral: _Stems


class _Qualifiers(_File):
    time: list[str]
    place: list[str]


class MeasuresFile(_File):
    groups: dict[str, list[str]]
    not_measures: _WordList
    label_nouns: _WordList
    person_nouns: _WordList
    generic_owners: _WordList
    exclusive_wholes: _WordList
    instance_markers: _WordList
    qualifiers: _Qualifiers
    verb_measures: dict[str, str]


class _Addresses(_File):
    street_types: list[str]
    us_states: list[str]


class _Names(_File):
    names: list[str]


class NamesFile(_File):
    named_numbers: _Names
    addresses: _Addresses


class HintsFile(_File):
    currency: dict[str, list[str]]


_FILES: dict[str, type[_File]] = {
    "hints": HintsFile,
    "numbers": NumbersFile,
    "vague": VagueFile,
    "currencies": CurrenciesFile,
    "units": UnitsFile,
    "hedges": HedgesFile,
    "changes": ChangesFile,
    "measures": MeasuresFile,
    "names": NamesFile,
}


class UnitEntry(BaseModel):
    """A unit surface form: its pint names (first = default reading) and what it measures."""

    model_config = ConfigDict(frozen=True)
    names: tuple[str, ...]
    dimension: str
    attached_only: bool

    @property
    def name(self) -> str:
        return self.names[0]


class Lexicon:
    """All word lists, as lookup tables. Built once per rules-folder set; read-only after."""

    def __init__(self, files: Mapping[str, Any]) -> None:
        num: NumbersFile = files["numbers"]
        vague: VagueFile = files["vague"]
        cur: CurrenciesFile = files["currencies"]
        units: UnitsFile = files["units"]
        hedges: HedgesFile = files["hedges"]
        changes: ChangesFile = files["changes"]
        measures: MeasuresFile = files["measures"]
        hints: HintsFile = files["hints"]
        names: NamesFile = files["names"]
        # "S&P 500": name (lower case, single spaces) → the numbers it is written with
        self.named_numbers: dict[str, frozenset[str]] = {}
        for phrase in names.named_numbers.names:
            head, _, number = " ".join(phrase.split()).replace("-", " ").rpartition(" ")
            prev = self.named_numbers.get(head.lower(), frozenset())
            self.named_numbers[head.lower()] = prev | {number}
        self.street_types = tuple(names.addresses.street_types)
        self.us_states = tuple(names.addresses.us_states)
        self.currency_hints = {k: tuple(w.lower() for w in v) for k, v in hints.currency.items()}
        self.currency_hint_code = {w: k for k, ws in self.currency_hints.items() for w in ws}
        self.numbers = num
        self.number_words = NumberWords(
            units=dict(num.units),
            tens=dict(num.tens),
            multipliers=dict(num.multipliers),
            fractions=dict(num.fractions),
            ordinals=dict(num.ordinals),
        )
        self.scales = dict(num.scales)
        self.glued_prefixes = frozenset(w.lower() for w in num.glued_prefixes.words)
        self.vague = dict(vague.plurals)  # "thousands" alone: [2000, 9999]
        self.vague_of_scale = dict(vague.of_scale)  # "tens" of "tens of thousands": [10, 100]
        self.vague_prefixes = dict(vague.before_scale)  # "several" million: [3, 9]
        self.currency_symbols = dict(cur.symbols)
        self.currency_symbols_after = dict(cur.symbols_after)  # "500 Kč", exactly as written
        self.damaged_symbols = dict(cur.damaged)  # "PS300" for £300, against the digits only
        self.currency_codes = frozenset(cur.codes.list)
        self.currency_words = {k.lower(): v for k, v in cur.words.items()}
        self.currency_subunits = {k.lower(): v for k, v in cur.subunits.items()}
        self.minor_currencies = dict(cur.minor)  # "GBp": ("GBP", 0.01)
        self.pounds_of_money = frozenset(w.lower() for w in cur.pounds_of.words)
        self.ambiguous_currency = {k: tuple(v) for k, v in cur.ambiguous.items()}
        attached = frozenset(units.attached_only.forms)
        self.denominators = tuple(units.denominators.words)
        self.units: dict[str, UnitEntry] = {}
        for dim in (
            "length",
            "mass",
            "temperature",
            "area",
            "volume",
            "speed",
            "energy",
            "power",
            "data",
            "pressure",
            "frequency",
            "radiation",
            "electric",
            "torque",
            "fuel_economy",
            "concentration",
            "durations",
        ):
            for form, names in getattr(units, dim).items():
                tup = (names,) if isinstance(names, str) else tuple(names)
                self.units[form] = UnitEntry(
                    names=tup,
                    dimension="duration" if dim == "durations" else dim,
                    attached_only=form in attached,
                )
        # unit forms with more than one reading ("gallon": US or imperial), by default reading
        self.unit_readings: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for form, entry in self.units.items():
            if len(entry.names) > 1:
                self.unit_readings.setdefault(entry.names[0], []).append(
                    (form.lower(), entry.names[1:])
                )
        self.hedges_before = {k.lower(): v for k, v in hedges.before.items()}
        self.hedges_after = {k.lower(): v for k, v in hedges.after.items()}
        self.up_words = frozenset(w.lower() for w in changes.direction.up)
        self.down_words = frozenset(w.lower() for w in changes.direction.down)
        self.separable = {k.lower(): v for k, v in changes.separable.items()}
        self.up_nouns = frozenset(changes.nouns.up)
        self.down_nouns = frozenset(changes.nouns.down)
        self.growth = dict(changes.growth)
        self.periods = dict(changes.periods)
        self.neutral_change_stems = tuple(w.lower() for w in changes.neutral.stems)
        self.measure_groups = {k: tuple(v) for k, v in measures.groups.items()}
        self.measure_group_of: dict[str, str] = {}
        for group, phrases in measures.groups.items():
            for p in phrases:
                self.measure_group_of.setdefault(p.lower(), group)
        self.not_measures = frozenset(measures.not_measures.words)
        self.label_nouns = frozenset(w.lower() for w in measures.label_nouns.words)
        self.person_nouns = frozenset(w.lower() for w in measures.person_nouns.words)
        self.generic_owners = frozenset(w.lower() for w in measures.generic_owners.words)
        self.exclusive_wholes = frozenset(w.lower() for w in measures.exclusive_wholes.words)
        self.instance_markers = frozenset(w.lower() for w in measures.instance_markers.words)
        self.time_words = frozenset(w.lower() for w in measures.qualifiers.time)
        self.place_words = frozenset(w.lower() for w in measures.qualifiers.place)
        self.verb_measures = {k.lower(): v for k, v in measures.verb_measures.items()}

    def same_measure(self, a: str | None, b: str | None) -> bool:
        """Do two measure phrases name the same thing? Equal, or both listed in one group."""
        if not a or not b:
            return False
        a, b = a.lower(), b.lower()
        if a == b:
            return True
        ga = self.measure_group_of.get(a)
        return ga is not None and ga == self.measure_group_of.get(b)

    def measure_group(self, measure: str | None) -> str | None:
        """The synonym group of a measure phrase (whole phrase first, then its head word)."""
        if not measure:
            return None
        m = measure.lower()
        group = self.measure_group_of.get(m)
        if group is None:
            group = self.measure_group_of.get(m.rsplit(" ", 1)[-1])
        return group


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise RuleFileError(str(path), f"cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(str(path), f"not valid TOML: {exc}") from None


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, val in extra.items():
        if isinstance(val, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], val)
        elif isinstance(val, list) and isinstance(out.get(key), list):
            out[key] = [*out[key], *val]
        else:
            out[key] = val
    return out


def load_lexicon(extra_dirs: Iterable[str | Path] = ()) -> Lexicon:
    """The lexicon of the shipped rules folder, extended by each extra folder's ``lexicon/``."""
    return _load_lexicon(tuple(str(Path(d).resolve()) for d in extra_dirs))


@functools.cache
def _load_lexicon(extra_dirs: tuple[str, ...]) -> Lexicon:
    base = default_rules_dir() / "lexicon"
    files: dict[str, Any] = {}
    for stem, model in _FILES.items():
        path = base / f"{stem}.toml"
        data = _read_toml(path)
        where = str(path)
        for extra in extra_dirs:
            extra_path = Path(extra) / "lexicon" / f"{stem}.toml"
            if extra_path.is_file():
                data = _merge(data, _read_toml(extra_path))
                where = f"{where} + {extra_path}"
        try:
            files[stem] = model.model_validate(data)
        except ValidationError as exc:
            raise RuleFileError(where, pydantic_problem(exc)) from None
    return Lexicon(files)

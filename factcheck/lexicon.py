"""The word lists of ``rules/lexicon/*.toml``: loaded once, validated, frozen.

Each file has a pydantic model below (``extra="forbid"``): a misspelt key or a value of the wrong
shape is a :class:`~factcheck.errors.RuleFileError` naming the file and the key, one line, as for
rule files (``changes.toml: [separable.wipe] expected one word …, got '('``). Entries are words,
never patterns: every word and phrase is matched literally (escaped where it goes into a regular
expression), and a word must be printable text without blanks at its ends; a particle one word;
a currency an ISO code; a number finite.

A user's extra rules folder may carry a ``lexicon/`` of its own, whose files (named as the
shipped ones) extend the shipped tables. Each is validated as it is merged in, and a problem is
reported against the file it is in, with list positions counted in that file.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from factcheck.errors import RuleFileError
from factcheck.numwords import NumberWords
from factcheck.tomlfile import read_toml


def default_words() -> NumberWords:
    """The shipped number words (for doctests and callers without a lexicon at hand)."""
    return load_lexicon().number_words


def default_rules_dir() -> Path:
    """The shipped ``rules/`` folder: packaged as ``factcheck/_rules``, or the checkout's."""
    here = Path(__file__).resolve().parent
    packaged = here / "_rules"
    if packaged.is_dir():
        return packaged
    return here.parent / "rules"


# What an entry may be. A plain function per string costs less here than a pattern
# constraint, which pydantic-core compiles again for every field that uses it.
_CONTROL = r"\x00-\x1f\x7f-\x9f\xad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff"  # and format
_WORD = re.compile(rf"[^\s{_CONTROL}](?:[^{_CONTROL}]*[^\s{_CONTROL}])?")
_PARTICLE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_CODE = re.compile(r"[A-Z]{3}")
MAX_WORD = 60  # characters: the longest shipped entry has 24


def _checker(pattern: re.Pattern[str], kind: str, expected: str) -> AfterValidator:
    def check(value: str) -> str:
        if len(value) > MAX_WORD or pattern.fullmatch(value) is None:
            raise PydanticCustomError(kind, expected)
        return value

    return AfterValidator(check)


Word = Annotated[
    str,
    _checker(
        _WORD,
        "word",
        f"expected a word or phrase (at most {MAX_WORD} characters, no blank at either end, "
        "no control characters)",
    ),
]
Particle = Annotated[
    str, _checker(_PARTICLE, "particle", "expected one word (letters, with ' or - inside)")
]
Code = Annotated[
    str, _checker(_CODE, "currency_code", "expected an ISO currency code (three capital letters)")
]
Number = Annotated[float, Field(allow_inf_nan=False)]


class _File(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class _WordList(_File):
    words: list[Word]


class _FormList(_File):
    forms: list[Word]


class _CodeList(_File):
    list: list[Code]


class _Verbs(_File):
    verbs: list[Word]


class _Recaps(_File):
    nouns: list[Word]
    modifiers: list[Word]
    units: list[Word]


class _Multiples(_File):
    after_times: list[Word]
    after_twice: list[Word]


class NumbersFile(_File):
    units: dict[Word, Number]
    tens: dict[Word, Number]
    multipliers: dict[Word, Number]
    scales: dict[Word, Number]
    fractions: dict[Word, Number]
    ordinals: dict[Word, Number]
    glued_prefixes: _WordList = _WordList(words=[])
    times: dict[Word, Number] = {}
    multiples: _Multiples = _Multiples(after_times=[], after_twice=[])
    fold: _WordList = _WordList(words=[])

    @model_validator(mode="after")
    def _fold_words_are_numbers(self) -> NumbersFile:
        known = {*self.units, *self.tens, *self.multipliers}
        extra = [w for w in self.fold.words if w not in known]
        if extra:
            raise ValueError(
                f"[fold] words not in [units], [tens] or [multipliers]: {', '.join(extra)}"
            )
        return self


class VagueFile(_File):
    plurals: dict[Word, tuple[Number, Number]]
    of_scale: dict[Word, tuple[Number, Number]]
    before_scale: dict[Word, tuple[Number, Number]]
    scales: _WordList = _WordList(words=[])

    @model_validator(mode="after")
    def _of_scale_words_are_plurals(self) -> VagueFile:
        extra = sorted((set(self.of_scale) | set(self.scales.words)) - set(self.plurals))
        if extra:
            raise ValueError(f"[of_scale] or [scales] words not in [plurals]: {', '.join(extra)}")
        return self


class CurrenciesFile(_File):
    symbols: dict[Word, Code]
    symbols_after: dict[Word, Code] = {}
    damaged: dict[Word, Code] = {}
    codes: _CodeList
    words: dict[Word, Code]
    subunits: dict[Word, tuple[Word, Number]]  # "pence": ("GBp", 0.01); a minor unit, not a code
    minor: dict[Word, tuple[Code, Number]] = {}
    pounds_of: _WordList = _WordList(words=[])
    ambiguous: dict[Word, list[Code]]


UnitName = Word | list[Word]  # pint unit names


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
    before: dict[Word, tuple[HedgeDir, Number]]
    after: dict[Word, tuple[HedgeDir, Number]]


class _UpDown(_File):
    up: list[Word]
    down: list[Word]


class _Stems(_File):
    stems: list[Word]


class _GrowthForms(_File):
    bare: list[Word]
    third_person: list[Word]
    modals: list[Word]
    objects: list[Word]


class ChangesFile(_File):
    direction: _UpDown
    separable: dict[Word, Particle]
    nouns: _UpDown
    growth: dict[Word, Number]
    periods: dict[Word, Word]
    neutral: _Stems
    opposites: dict[str, str]
    growth_forms: _GrowthForms = _GrowthForms(bare=[], third_person=[], modals=[], objects=[])


class _Determiners(_File):
    words: list[Word]
    articles: list[Word]


class _Qualifiers(_File):
    time: list[Word]
    place: list[Word]


class MeasuresFile(_File):
    groups: dict[Word, list[Word]]
    not_measures: _WordList
    label_nouns: _WordList
    person_nouns: _WordList
    generic_owners: _WordList
    exclusive_wholes: _WordList
    instance_markers: _WordList
    qualifiers: _Qualifiers
    verb_measures: dict[Word, Word]
    determiners: _Determiners


class _Addresses(_File):
    street_types: list[Word]
    us_states: list[Word]


class _Names(_File):
    names: list[Word]


class NamesFile(_File):
    named_numbers: _Names
    addresses: _Addresses


class HintsFile(_File):
    currency: dict[Code, list[Word]]


class _Time(_File):
    heads: list[Word]
    weak_heads: list[Word]
    zones: list[Word]
    modifiers: list[Word]
    after: list[Word]
    prepositions: list[Word]
    duration_leads: list[Word]
    events: list[Word] = []
    event_leads: list[Word] = []


class _Attribution(_File):
    verbs: list[Word]
    leads: list[Word]


class _Place(_File):
    prepositions: list[Word]
    words: list[Word]
    nouns: list[Word] = []


class _Links(_File):
    from_: list[Word] = Field(alias="from")
    comparison: list[Word]
    to: list[Word]
    equivalence: list[Word]


class _Clauses(_File):
    breaks: list[Word]
    openers: list[Word]


class _Totals(_File):
    exhaustive: list[Word]
    partial: list[Word]
    total: list[Word]
    remainder: list[Word]
    signed: list[Word]
    outcomes: dict[Word, list[Word]] = {}


class RelationsFile(_File):
    time: _Time
    attribution: _Attribution
    place: _Place
    links: _Links
    clauses: _Clauses
    totals: _Totals
    rates: _WordList
    polls: _Verbs
    recaps: _Recaps
    prices: _WordList
    ranks: _WordList


class _CalendarNames(_File):
    names: list[str]


class _ContextHedges(_File):
    movement: list[Word]
    being: list[Word] = []


class _ContextDirection(_File):
    before_up: list[Word]
    before_down: list[Word]
    links: list[Word]
    again: list[Word]
    after_up: list[Word]
    after_down: list[Word]
    noun_links: list[Word]


class _ContextRoles(_File):
    to: list[Word]
    change_of: list[Word]


class _ContextMeasures(_File):
    linkers: list[Word]
    skip: list[Word]
    generic_people: list[Word]
    phrase_leads: list[Word]
    possessives: list[Word]


class _ContextPeriods(_File):
    spans: list[Word]


class ContextFile(_File):
    hedges: _ContextHedges
    direction: _ContextDirection
    roles: _ContextRoles
    measures: _ContextMeasures
    periods: _ContextPeriods


class CalendarFile(_File):
    months: dict[Word, list[Word]]
    weekdays: _CalendarNames


_FILES: dict[str, type[_File]] = {
    "hints": HintsFile,
    "numbers": NumbersFile,
    "vague": VagueFile,
    "currencies": CurrenciesFile,
    "units": UnitsFile,
    "hedges": HedgesFile,
    "changes": ChangesFile,
    "measures": MeasuresFile,
    "relations": RelationsFile,
    "names": NamesFile,
    "calendar": CalendarFile,
    "context": ContextFile,
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
        self.relations: RelationsFile = files["relations"]
        self.rate_measures = frozenset(w.lower() for w in self.relations.rates.words)
        self.rank_measures = frozenset(w.lower() for w in self.relations.ranks.words)
        self._calendar(files["calendar"])
        self.time_heads = frozenset(
            [*self.relations.time.heads, *self.relations.time.weak_heads, *self.months,
             *self.weekdays, "highs", "lows"]
        )  # fmt: skip
        names: NamesFile = files["names"]
        # "S&P 500": name (lower case, single spaces) → the numbers it is written with
        self.named_numbers: dict[str, frozenset[str]] = {}
        for phrase in names.named_numbers.names:
            head, _, number = " ".join(phrase.split()).replace("-", " ").rpartition(" ")
            prev = self.named_numbers.get(head.lower(), frozenset())
            self.named_numbers[head.lower()] = prev | {number}
        self.street_types = tuple(names.addresses.street_types)
        self.us_states = tuple(names.addresses.us_states)
        self.determiners = tuple(w.lower() for w in measures.determiners.words)
        self.articles = tuple(w.lower() for w in measures.determiners.articles)
        self.determiners_re = alternation(self.determiners)  # "the", "its", … (no article)
        self.any_determiner_re = alternation((*self.determiners, *self.articles))
        self.currency_hints = {k: tuple(w.lower() for w in v) for k, v in hints.currency.items()}
        self.currency_hint_code = {w: k for k, ws in self.currency_hints.items() for w in ws}
        self.numbers = num
        self.ordinal_words = frozenset(w.lower() for w in num.ordinals)
        self.number_words = NumberWords(
            units=dict(num.units),
            tens=dict(num.tens),
            multipliers=dict(num.multipliers),
            fractions=dict(num.fractions),
            ordinals=dict(num.ordinals),
        )
        self.scales = dict(num.scales)
        self.glued_prefixes = frozenset(w.lower() for w in num.glued_prefixes.words)
        self.times_words = {w.lower(): v for w, v in num.times.items()}  # "twice" = 2
        self.vague = dict(vague.plurals)  # "thousands" alone: [2000, 9999]
        self.vague_of_scale = dict(vague.of_scale)  # "tens" of "tens of thousands": [10, 100]
        self.vague_prefixes = dict(vague.before_scale)  # "several" million: [3, 9]
        self.vague_scales = tuple(w.lower() for w in vague.scales.words)  # "tens of" thousands
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
        self.unit_dimension = {e.names[0]: e.dimension for e in self.units.values()}
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
        self.growth_forms = changes.growth_forms  # "set to double", "doubles its sales"
        self.periods = dict(changes.periods)
        self.neutral_change_stems = tuple(w.lower() for w in changes.neutral.stems)
        pairs = [(k.lower(), v.lower()) for k, v in changes.opposites.items()]
        self.opposites = {**{b: a for a, b in pairs}, **dict(pairs)}  # read both ways
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
        self.context: ContextFile = files["context"]
        self.clause_break_words = tuple(w.lower() for w in self.relations.clauses.breaks)

    def _calendar(self, cal: CalendarFile) -> None:
        self.months = {name.lower(): int(n) for n, names in cal.months.items() for name in names}
        self.month_names_re = alternation(self.months)  # no group: callers name their own
        self.weekdays = tuple(w.lower() for w in cal.weekdays.names)
        self.weekday_names_re = alternation(self.weekdays)

    def number_value(self, word: str) -> float:
        """The value of a number word of [units], [tens] or [multipliers] ("ten" = 10)."""
        nw = self.number_words
        return float(nw.units.get(word) or nw.tens.get(word) or nw.multipliers[word])

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


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, as a non-capturing group."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))) + ")"


def _read_toml(path: Path) -> dict[str, Any]:
    return read_toml(path, str(path), RuleFileError)


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """Tables merge, word lists are appended; any other value (a number, a pair such as a
    hedge's ``["approx", 0.05]``) is replaced."""
    out = dict(base)
    for key, val in extra.items():
        if isinstance(val, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], val)
        elif _words(val) and _words(out.get(key)):
            out[key] = [*out[key], *val]
        else:
            out[key] = val
    return out


def _words(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def load_lexicon(extra_dirs: Iterable[str | Path] = ()) -> Lexicon:
    """The lexicon of the shipped rules folder, extended by each extra folder's ``lexicon/``."""
    return _load_lexicon(tuple(str(Path(d).resolve()) for d in extra_dirs))


@functools.cache
def _load_lexicon(extra_dirs: tuple[str, ...]) -> Lexicon:
    base = default_rules_dir() / "lexicon"
    extras = [_extra_files(Path(d) / "lexicon") for d in extra_dirs]
    files: dict[str, Any] = {}
    for stem, model in _FILES.items():
        path = base / f"{stem}.toml"
        data = _read_toml(path)
        files[stem] = _validated(model, data, path)
        for found in extras:
            if stem in found:
                extra = _read_toml(found[stem])
                merged = _merge(data, extra)
                files[stem] = _validated(model, merged, found[stem], (data, extra))
                data = merged
    return Lexicon(files)


def _extra_files(folder: Path) -> dict[str, Path]:
    """The lexicon files of a user's rules folder, by stem; another ``.toml`` is an error."""
    if not folder.is_dir():
        return {}
    found = {}
    for path in sorted(folder.glob("*.toml")):
        if path.stem not in _FILES:
            known = ", ".join(f"{k}.toml" for k in _FILES)
            problem = f"[file name] not a lexicon file; expected one of {known}"
            raise RuleFileError(str(path), problem)
        found[path.stem] = path
    return found


def _validated(
    model: type[_File], data: dict[str, Any], path: Path, merged: tuple[Any, Any] | None = None
) -> _File:
    """``data`` validated; a problem is blamed on ``path``. ``merged``: ``data`` is the data
    before ``path`` with ``path``'s own merged in (list positions are counted in ``path``)."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RuleFileError(str(path), _problem(exc, merged)) from None


def _problem(exc: ValidationError, merged: tuple[Any, Any] | None) -> str:
    """The first error as "[key] what was expected, got …", its list positions in the file."""
    err = exc.errors(include_url=False)[0]
    loc = list(err.get("loc", ()))
    is_key = loc[-1:] == ["[key]"]
    if is_key:
        loc.pop()
    if merged is not None:
        loc = _in_file(loc, *merged)
    kind, value = err.get("type", ""), err.get("input")
    if kind == "finite_number":
        expected = "expected a finite number"
    elif kind == "extra_forbidden":
        return f"[{'.'.join(map(str, loc[:-1])) or 'top level'}] unknown key {loc[-1]!r}"
    else:
        expected = str(err.get("msg", "invalid"))
    if is_key:
        key = loc.pop()
        return f"[{'.'.join(map(str, loc))}] key {key!r}: {expected}"
    got = f", got {value!r}" if isinstance(value, str | int | float) else ""
    return f"[{'.'.join(map(str, loc))}] {expected}{got[:80]}"


def _in_file(loc: Sequence[Any], before: Any, extra: Any) -> list[Any]:
    """``loc`` in merged data → in the file merged last: a word list it appended to counts
    from that file's first item."""
    out: list[Any] = []
    for part in loc:
        if isinstance(part, int) and _words(before) and _words(extra):
            part -= len(before)
        out.append(part)
        before = _child(before, part)
        extra = _child(extra, part)
    return out


def _child(node: Any, key: Any) -> Any:
    if isinstance(node, dict):
        return node.get(key)
    return None

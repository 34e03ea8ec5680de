"""The external suites, read where they live and turned into :class:`Case` lists.

Each loader maps the suite's own result format onto :class:`Want` (value, span, unit kind) and
says which claims count as predictions. ``DELIBERATE_RULES`` tags the cases where factcheck
knowingly differs from the suite, with the reason; the tag only annotates the report (and the
'policy F1' column); it changes no other score.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import re
import subprocess
import sys
import tarfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from _conformance_scoring import TEMPERATURE_UNITS, Case, Got, UnitWant, Want

REPO = Path(__file__).resolve().parent.parent
RT_SPECS = Path(
    os.environ.get("FACTCHECK_RT_SPECS", REPO.parent / "shared" / "data" / "recognizers-text-specs")
)
NP_VERSION = "0.3.2"

# ---------------------------------------------------------------------------- predictions


def extract_got(text: str) -> list[Got]:
    import factcheck
    from factcheck.lexicon import load_lexicon
    from factcheck.subunits import in_main_unit

    minor = load_lexicon().minor_currencies  # '50 cents' is scored as 0.50 of the currency
    return [
        Got(
            c.start,
            c.end,
            c.text,
            c.kind.value,
            c.value,
            c.unit,
            c.low,
            c.high,
            c.vague,
            c.hedge_direction.value if c.hedge_direction else None,
        )
        for c in map(lambda c: in_main_unit(c, minor), factcheck.extract(text))
    ]


def _is_money(g: Got) -> bool:
    return g.kind == "money"


def _is_temperature(g: Got) -> bool:
    return g.kind == "quantity" and g.unit in TEMPERATURE_UNITS


def _is_dimension(g: Got) -> bool:
    return g.kind == "quantity" and (g.unit not in TEMPERATURE_UNITS or g.unit == "degree")


def _is_range(g: Got) -> bool:
    ranged = g.low is not None and g.high is not None and not g.vague
    return ranged or g.hedge_direction in ("above", "at_least", "below", "at_most", "exact")


def _any(g: Got) -> bool:
    return True


# ---------------------------------------------------------------------------- deliberate misses

# Where factcheck knowingly reads a case differently from the suite, and why. Each entry is
# (suites, regex searched in the case's input, reason); the first match tags the case.
_TOKENISED = (
    "RT's wire copy is tokenised ('1 . 8500 marks' is 1.8500): the figure after ' . ' "
    "is read as written"
)
_CODES = (
    "currency codes in lower case or inside the number ('75 USD million', '17 USD 25') "
    "are not news style"
)
_LABEL = "a label, code or name, not an amount"
_DASH = "a spaced '- ' before a figure is a dash (bullet, aside), not a minus sign"
_ODD_FRACTION = "spoken-maths fraction that English news never writes this way"
_HEDGE = "bound phrase not in rules/lexicon/hedges.toml (owned by context.py; addition proposed)"
_ARTICLE = "an article or a name is not a numeral ('a penny', 'a gross', 'absolute zero')"
_SCIENCE = "scientific unit or notation outside the units lexicon (not news copy)"
DELIBERATE_RULES: list[tuple[tuple[str, ...], str, str]] = [
    (("Currency",), r"1 \. 8500 marks", _TOKENISED),
    (
        ("Currency",),
        r"one dollar and (?:one|two)|\$ 100 and fifty|kuai",
        "'one dollar and one' (= 1.01) is not how English copy writes cents",
    ),
    (("Currency",), r"ரூ|\bsen 100", "currency not written in English news (Tamil sign, 'sen')"),
    (
        ("Currency",),
        r"\d \$ 10 dollars|10 \$ 30 cent|\brmb\b.*\busd\b|\busd\b|USD million"
        r"|USD \d+\.|dollar 22\.5",
        _CODES,
    ),
    (("Dimension",), r"eight to 10 feet", "read as the range 8–10 ft; RT keeps only '10 feet'"),
    (("Dimension",), r"ef 75 -300mm", "the lens range '75 -300mm' is read as one range"),
    (
        ("Dimension", "Number"),
        r"^1m (?:is|isn)",
        "'1m' with no length word is a million in news copy",
    ),
    (("Dimension",), r'10 " long', "a quote mark is not read as inches"),
    (("Dimension",), r"100 mb\b", "spaced 'mb' is ambiguous (megabit or millibar)"),
    (
        ("Number",),
        r"^40 000 is the same",
        "one group after a plain space is read only before "
        "money or a unit: '116 123' is a phone number, 'March 4 100 people' two numbers",
    ),
    (("Dimension",), r"2 pm is", "'2 pm' is a time"),
    (("Dimension",), r"drachma|0\.8rad|half turn|3 turns", "unit outside the news units lexicon"),
    (
        ("Dimension",),
        r"meters per millisecond",
        "'per <time>' is left to the claim's `per` (context.py); 'ms' is not read as milliseconds",
    ),
    (("Dimension",), r"microgrammes per gramme", "read as the concentration microgram / gram"),
    (
        ("Dimension", "Temperature"),
        r"temperature is 24 degrees|45 degrees angle|Rotate 90°",
        "bare 'degrees'/'°' is one 'degree' quantity (a temperature or an angle)",
    ),
    (("Number",), r"^192\.168", "IP addresses are codes, not amounts"),
    (("Number", "Temperature"), r"^- \d|convert - 20", _DASH),
    (
        ("Number",),
        r"10G|1,674\.5 G",
        "'G' after a figure is a label in news ('5G', 'G7'), not giga",
    ),
    (
        ("Number",),
        r"twenty and three and|1\.1\^--23|one hundred one thousand fifths",
        _ODD_FRACTION,
    ),
    (("Number",), r"423 0000", "leading zeros make a code"),
    (("Number",), r"5/17/2018", "dates are not amounts"),
    (("Number",), r"phone number is \+1", "phone numbers are not amounts"),
    (
        ("Number",),
        r"5,00\.|1\.111,11|is 1,3\.",
        "decimal comma (continental style), not English copy",
    ),
    (("Number",), r"^2000 over 3", "a four-digit figure from 1800 to 2199 with no unit is a year"),
    (("Number",), r"6 crore and two hundred", "digits and words mixed across 'and' after a scale"),
    (("Number",), r"SCP-173|nrs\. 22|version two", _LABEL),
    (("Number",), r"one last time", "'one' alone is a pronoun or determiner, not an amount"),
    (("Number",), r"five dozs", "an abbreviation after a spelled-out number"),
    (("Number",), r"three-nought-four", "digits spoken one by one (a code or score)"),
    (("NumberRange",), r"tenth|fifteenth", "ordinals are not amounts"),
    (
        ("NumberRange",),
        r"from 200 to 300 in 2008",
        "RT expects nothing here but a range for 'from 200 to 3000000'; factcheck reads both",
    ),
    (
        ("NumberRange",),
        r"or less|or more|and more|or greater|or equal|equal to|equals|[Ee]qualing"
        r"|greater than|larger than|bigger|smaller|higher|lower|exceed|surpass|[<>]"
        r"|no more than 50 and",
        _HEDGE,
    ),
    (("NumberRange",), r"2 in 5", "'2 in 5' is read as a proportion (0.4), then bounded"),
    (("NumberRange",), r"above one quarter", "fractions as range bounds"),
    (("Percent",), r"^per ?cents? of|^percents? of", "the figure must come before 'per cent'"),
    (
        ("quantulum3",),
        r"a gallon|a penny|A kibibyte|baker's dozen|gigaannum|absolute zero",
        _ARTICLE,
    ),
    (
        ("quantulum3",),
        r"s-1|W/min|km/s2|tpd|45 Js|1cds|Ma ago|mGy|fb−1|J/m\^2|GHz|8x2\^10",
        _SCIENCE,
    ),
    (
        ("quantulum3",),
        r"\$15\.4/hour",
        "money per hour is a money claim with per 'hour', not a quantity",
    ),
    (("quantulum3",), r"four times per week", "a frequency: read as the count 4"),
    (
        ("quantulum3",),
        r"gallium metal rose from",
        "'rose from $350 … to $680' is a change (links.py), not a range",
    ),
    (("quantulum3",), r"Treatment was reduced from", "'reduced from 44 mg to 50 mg' is a change"),
    (("quantulum3",), r"\(\$99\.99\)", "accounting brackets are not read as negative"),
    (("quantulum3",), r"2013-14", "'2013-14' is the financial year 2013/14"),
    (("quantulum3",), r"^245 23 yen", "quantulum3 expects nothing; factcheck reads '23 yen'"),
    (("quantulum3",), r"several hundred years", "'several hundred years' is a duration claim"),
    (("quantulum3",), r"three million, two hundred & forty", "a comma separates figures in a list"),
    (
        ("price-parser",),
        r"\d \d{3}\b",
        "one group after a plain space is read only before "
        "money or a unit named in English: '9 800 Kč', '5 870'",
    ),
    (
        ("price-parser",),
        r"[\u0400-\u04ff\u0600-\u06ff]",
        "currency not written in English news (Cyrillic, Arabic)",
    ),
]


def deliberate(suite: str, text: str) -> str | None:
    for suites, pattern, why in DELIBERATE_RULES:
        if suite in suites and re.search(pattern, text):
            return why
    return None


# ---------------------------------------------------------------------------- Recognizers-Text

_DOLLARS = frozenset({"USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN", "TWD"})
_RT_CURRENCY: dict[str, frozenset[str] | None] = {
    "Dollar": _DOLLARS,
    "Cent": None,
    "Pound": frozenset({"GBP"}),
    "Pence": frozenset({"GBP"}),
    "Penny": frozenset({"GBP"}),
    "British pound": frozenset({"GBP"}),
    "Franc": frozenset({"CHF", "FRF", "BEF"}),
    "Finnish markka": frozenset({"FIM"}),
    "Peseta": frozenset({"ESP"}),
    "Netherlands guilder": frozenset({"NLG"}),
    "Rupee": frozenset({"INR", "PKR", "LKR", "NPR"}),
    "Sen": frozenset({"MYR", "JPY", "IDR"}),
    "Bitcoin": frozenset({"XBT", "BTC"}),
    "Satoshi": frozenset({"XBT", "BTC"}),
}
_SUBUNIT = {"Cent": 0.01, "Pence": 0.01, "Penny": 0.01, "Sen": 0.01, "Satoshi": 1e-8}
_RT_DIMENSION: dict[str, str] = {
    "Square meter": "meter ** 2",
    "Square kilometer": "kilometer ** 2",
    "Cubic foot": "foot ** 3",
    "Metric ton": "metric_ton",
    "Mile per hour": "mile / hour",
    "Kilometer per hour": "kilometer / hour",
    "Meter per millisecond": "meter / millisecond",
    "Centimeter per millisecond": "centimeter / millisecond",
    "Kilometer per millisecond": "kilometer / millisecond",
}
_RT_TEMPERATURE = {"C": "degree_Celsius", "F": "degree_Fahrenheit", "Degree": None}


def _rt_cases(model: str) -> list[dict[str, object]]:
    path = RT_SPECS / f"{model}Model.json"
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found; set FACTCHECK_RT_SPECS")
    data: list[dict[str, object]] = json.loads(path.read_text(encoding="utf-8-sig"))
    return data


def _rt_want(model: str, res: dict[str, object]) -> Want | None:
    r: dict[str, str] = res["Resolution"]  # type: ignore[assignment]
    raw = r.get("value")
    if raw is None or raw == "null":
        return None  # a unit named without an amount
    start, end = int(res["Start"]), int(res["End"]) + 1  # type: ignore[call-overload]
    text = str(res["Text"])
    if model == "NumberRange":
        m = re.fullmatch(r"([\[(])([^,]*),([^\])]*)([\])])", raw)
        assert m is not None, raw
        low = float(m.group(2)) if m.group(2) else None
        high = float(m.group(3)) if m.group(3) else None
        return Want(text, start, end, None, UnitWant("any"), low, high, is_range=True)
    value = float(raw.rstrip("%"))
    unit = r.get("unit", "")
    if model == "Currency":
        iso = r.get("isoCurrency")
        codes = frozenset({iso}) if iso else _RT_CURRENCY.get(unit, frozenset())
        value *= _SUBUNIT.get(unit, 1.0)
        return Want(text, start, end, value, UnitWant("money", codes=codes))
    if model == "Dimension":
        pint = _RT_DIMENSION.get(unit, unit.lower().replace(" ", "_"))
        family = {"Information": "data", "Angle": "angle"}.get(r.get("subtype", ""))
        return Want(text, start, end, value, UnitWant("quantity", pint=pint, family=family))
    if model == "Temperature":
        return Want(
            text,
            start,
            end,
            value,
            UnitWant("quantity", pint=_RT_TEMPERATURE[unit], family="temperature"),
        )
    if model == "Percent":
        return Want(text, start, end, value, UnitWant("percent"))
    if model == "Age":
        age_unit = None if unit == "Age" else unit.lower()
        return Want(text, start, end, value, UnitWant("age", pint=age_unit))
    return Want(text, start, end, value, UnitWant("any"))


_RT_PREDICTS: dict[str, Callable[[Got], bool]] = {
    "Currency": _is_money,
    "Dimension": _is_dimension,
    "Temperature": _is_temperature,
    "Percent": lambda g: g.kind == "percent",
    "Age": lambda g: g.kind == "age",
    "NumberRange": _is_range,
    "Number": _any,
}


def load_rt(model: str) -> list[Case]:
    out = []
    for raw in _rt_cases(model):
        wants = [w for r in raw["Results"] if (w := _rt_want(model, r)) is not None]  # type: ignore[attr-defined]
        text = str(raw["Input"])
        ns = raw.get("NotSupported")
        out.append(
            Case(
                suite=model,
                text=text,
                wants=wants,
                predicts=_RT_PREDICTS[model],
                predict=extract_got,
                fp_exempt=(lambda g: g.kind == "quantity")
                if model == "Number"
                else (lambda g: False),
                deliberate=deliberate(model, text),
                note=f"NotSupported[{ns}]" if ns else "",
            )
        )
    return out


# ---------------------------------------------------------------------------- quantulum3

_Q_CURRENCY: dict[str, tuple[frozenset[str] | None, float]] = {
    "pound sterling": (frozenset({"GBP"}), 1.0),
    "euro": (frozenset({"EUR"}), 1.0),
    "dollar": (_DOLLARS, 1.0),
    "penny": (frozenset({"GBP"}), 0.01),
    "cent": (None, 0.01),
    "dime": (frozenset({"USD"}), 0.1),
}
_Q_COUNT = {"dozen": 12.0, "baker's dozen": 13.0, "gross": 144.0}
_Q_PINT = {
    "pound-mass": "pound",
    "inverse second": "1 / second",
    "count per week": "1 / week",
    "inverse femtobarn": "1 / femtobarn",
    "degree Celsius": "degree_Celsius",
    "degree fahrenheit": "degree_Fahrenheit",
}


def _quantulum_path() -> Path:
    spec = importlib.util.find_spec("quantulum3")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("quantulum3 is not installed (pip install .[bench])")
    return Path(next(iter(spec.submodule_search_locations))) / "_lang/en_US/tests/quantities.json"


def _q_want(text: str, res: dict[str, object], after: int) -> tuple[Want, int]:
    surface = str(res["surface"])
    at = text.find(surface, after)
    start, end = (at, at + len(surface)) if at >= 0 else (None, None)
    value = float(res["value"])  # type: ignore[arg-type]
    unit = str(res["unit"])
    if unit in _Q_CURRENCY:
        codes, factor = _Q_CURRENCY[unit]
        uw, value = UnitWant("money", codes=codes), value * factor
    elif unit in _Q_COUNT:
        uw, value = UnitWant("none"), value * _Q_COUNT[unit]
    elif unit == "percentage":
        uw = UnitWant("percent")
    elif unit == "dimensionless":
        uw = UnitWant("none")
    else:
        pint = _Q_PINT.get(unit, unit)
        family = "temperature" if "degree" in unit or unit == "kelvin" else None
        uw = UnitWant("quantity", pint=pint, family=family)
    unc = res.get("uncertainty")
    if unc:
        u = float(unc)  # type: ignore[arg-type]
        w = Want(surface, start, end, value, uw, value - u, value + u, is_range=True)
    else:
        w = Want(surface, start, end, value, uw)
    return w, (start or after)


def load_quantulum() -> list[Case]:
    data = json.loads(_quantulum_path().read_text(encoding="utf-8"))
    out = []
    for raw in data:
        text = raw["req"]
        wants, after = [], 0
        for res in raw["res"]:
            w, after = _q_want(text, res, after)
            wants.append(w)
        out.append(
            Case(
                "quantulum3",
                text,
                wants,
                _any,
                extract_got,
                deliberate=deliberate("quantulum3", text),
            )
        )
    return out


# ---------------------------------------------------------------------------- number-parser


def _np_source() -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "factcheck-bench"
    root = cache / f"number-parser-{NP_VERSION}"
    if (root / "tests" / "data").is_dir():
        return root
    cache.mkdir(parents=True, exist_ok=True)
    sdist = cache / f"number-parser-{NP_VERSION}.tar.gz"
    if not sdist.is_file():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                f"number-parser=={NP_VERSION}",
                "--no-binary",
                ":all:",
                "--no-deps",
                "--quiet",
                "-d",
                str(cache),
            ],
            check=True,
        )
    with tarfile.open(sdist) as tar:
        tar.extractall(cache, filter="data")
    return root


def _np_predict(ordinal: bool, text: str) -> list[Got]:
    from factcheck.lexicon import load_lexicon
    from factcheck.numparse import parse_ordinal_tokens, parse_word_tokens

    words = load_lexicon().number_words
    toks = text.lower().replace("-", " ").split()
    if ordinal:
        got = parse_ordinal_tokens(toks, words)
        found = [] if got is None else [(0, len(toks), got)]
    else:
        found = [(n.start, n.end, n.value) for n in parse_word_tokens(toks, words)]
    # a number read from only part of the tokens is scored as a false one
    whole, part = (0, len(text)), (len(text), len(text) + 1)
    return [
        Got(*(whole if (s, e) == (0, len(toks)) else part), text, "count", v) for s, e, v in found
    ]


def load_number_parser() -> list[Case]:
    data = _np_source() / "tests" / "data"
    out = []
    for path in sorted(data.glob("*/en_*.csv")):
        ordinal = "ordinal" in path.parent.name
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                text = row["text"].strip()
                want = Want(text, 0, len(text), float(row["number"]), UnitWant("any"))
                out.append(
                    Case(
                        f"number-parser/{path.parent.name}",
                        text,
                        [want],
                        _any,
                        partial(_np_predict, ordinal),
                        deliberate=deliberate("number-parser", text),
                    )
                )
    return out


# ---------------------------------------------------------------------------- price-parser

PP_VERSION = "0.5.1"
# Amounts written in continental style are not English copy (a decimal comma "45,00", dots
# grouping thousands "1.234,56"): those examples are left out, by how the amount is written.
_CONTINENTAL = re.compile(r",\d{1,2}$|\d\.\d{3}(?:[.,]|$)")


def _pp_examples() -> list[tuple[str, list[object]]]:
    """(list name, Example arguments) from price-parser's test module, read with ``ast`` (its
    code is never imported or run)."""
    import ast

    root = _sdist("price-parser", PP_VERSION, "price_parser")
    tree = ast.parse((root / "tests" / "test_price_parsing.py").read_text(encoding="utf-8"))
    out = []
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.List)):
            continue
        name = getattr(node.targets[0], "id", "")
        if "XFAIL" in name or "DECIMAL_SEPARATOR" in name:
            continue  # price-parser's own known misses and separator-guessing tests
        for el in node.value.elts:
            if isinstance(el, ast.Call) and getattr(el.func, "id", "") == "Example":
                args = [
                    float(ast.literal_eval(a.args[0]))
                    if isinstance(a, ast.Call)
                    else ast.literal_eval(a)
                    for a in el.args
                ]
                out.append((name, args))
    return out


def _is_price(wants: list[Want], g: Got) -> bool:
    """A snippet states one price: money claims, and the claim at the price, are predictions
    (a VAT rate or a count beside the price is no price, and no false one)."""
    return g.kind == "money" or any(
        w.start is not None and w.end is not None and g.start < w.end and w.start < g.end
        for w in wants
    )


def load_price_parser() -> list[Case]:
    out = []
    for _, args in _pp_examples():
        _, price_raw, currency, amount_text, amount = args[:5]
        text = str(price_raw or "")
        if amount_text and _CONTINENTAL.search(str(amount_text)):
            continue
        wants = []
        if amount is not None:
            at = text.find(str(amount_text)) if amount_text else -1
            start, end = (at, at + len(str(amount_text))) if at >= 0 else (None, None)
            wants.append(
                Want(
                    str(amount_text),
                    start,
                    end,
                    float(amount),  # type: ignore[arg-type]
                    UnitWant("money" if currency else "any"),
                )
            )
        out.append(
            Case(
                "price-parser",
                text,
                wants,
                partial(_is_price, wants),
                extract_got,
                deliberate=deliberate("price-parser", text),
            )
        )
    return out


def _sdist(project: str, version: str, top: str) -> Path:
    """An sdist's unpacked folder, downloaded once with ``pip download`` into the bench cache."""
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "factcheck-bench"
    root = cache / f"{top}-{version}"
    if root.is_dir():
        return root
    cache.mkdir(parents=True, exist_ok=True)
    sdist = cache / f"{top}-{version}.tar.gz"
    if not sdist.is_file():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                f"{project}=={version}",
                "--no-binary",
                ":all:",
                "--no-deps",
                "--quiet",
                "-d",
                str(cache),
            ],
            check=True,
        )
    with tarfile.open(sdist) as tar:
        tar.extractall(cache, filter="data")
    return root


# ---------------------------------------------------------------------------- quantulum3 (2)


def load_quantulum_ambiguity() -> list[Case]:
    """quantulum3's second test table (``quantities.ambiguity.json``): units that need context."""
    path = _quantulum_path().with_name("quantities.ambiguity.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for raw in data:
        text = raw["req"]
        wants, after = [], 0
        for res in raw["res"]:
            w, after = _q_want(text, res, after)
            wants.append(w)
        out.append(
            Case(
                "quantulum3-amb",
                text,
                wants,
                _any,
                extract_got,
                deliberate=deliberate("quantulum3-amb", text),
            )
        )
    return out


SUITES: dict[str, Callable[[], list[Case]]] = {
    **{
        m: partial(load_rt, m)
        for m in ("Currency", "Dimension", "Number", "NumberRange", "Percent", "Temperature", "Age")
    },
    "quantulum3": load_quantulum,
    "quantulum3-amb": load_quantulum_ambiguity,
    "number-parser": load_number_parser,
    "price-parser": load_price_parser,
}

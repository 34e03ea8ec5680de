"""Inputs for the robustness tests and benchmarks: news-like text with numbers, and worse.

One grammar, two drivers. Every generator below takes a :class:`Chooser` and builds text from
the tables at the top of this module:

* :func:`texts`, :func:`markdown_texts`, :func:`html_texts` wrap the grammar in hypothesis
  strategies (each choice is a draw, so a failing input shrinks to a short one);
* :class:`RandomChooser` drives the same grammar from ``random.Random(seed)``, fast enough for
  the 100,000 inputs of ``benchmarks/fuzz.py``; ``generate(seed)`` is one input, reproducibly.

The pathological families (long digit runs, thousands of brackets, ``1,1,1,…`` chains …) are
in ``tests/test_adversarial.py``, beside the test that runs them.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from functools import cache
from typing import Protocol, TypeVar

from hypothesis import strategies as st

T = TypeVar("T")
Format = str  # "text" | "markdown" | "html"

NBSP, THIN, NNBSP = "\u00a0", "\u2009", "\u202f"

HEDGES_BEFORE = (
    "about",
    "around",
    "nearly",
    "almost",
    "some",
    "roughly",
    "approximately",
    "more than",
    "over",
    "under",
    "at least",
    "up to",
    "just under",
    "just over",
    "upwards of",
    "as many as",
    "no fewer than",
    "less than",
    "close to",
    "an estimated",
    "c.",
    "~",
    "circa",
    "well over",
    "practically",
    "About",
    "NEARLY",
)
HEDGES_AFTER = (" or so", "-odd", " odd", " plus", "+", " or more", " and counting")
CURRENCY_BEFORE = (
    "$",
    "£",
    "€",
    "¥",
    "US$",
    "US $",
    "U.S.$",
    "C$",
    "A$",
    "HK$",
    "NZ$",
    "R$",
    "₹",
    "Rs",
    "Rs.",
    "₩",
    "₽",
    "CHF ",
    "USD ",
    "GBP ",
    "EUR ",
    "JPY",
    "Fr.",
    "kr",
    "zł",
    "RMB ",
    "$ ",
    "£ ",
    "R",
    "＄",
    "￡",
)
CURRENCY_AFTER = (
    " dollars",
    " pounds",
    " euros",
    " yen",
    " yuan",
    " rupees",
    " pence",
    " cents",
    "p",
    "c",
    " USD",
    " GBP",
    " EUR",
    " sterling",
    " pounds sterling",
    " US dollars",
    " Swiss francs",
    " quid",
    " won",
    " rand",
    "bn dollars",
)
SCALES = (
    "k",
    "m",
    "mn",
    "bn",
    "b",
    "tn",
    "trn",
    "K",
    "M",
    "BN",
    " m",
    " bn",
    " k",
    " million",
    " billion",
    " trillion",
    " thousand",
    "million",
    "billion",
    " hundred",
    " lakh",
    " crore",
    " Million",
    " BILLION",
    f"{NBSP}million",
    "-million",
)
PERCENTS = (
    "%",
    " %",
    " per cent",
    " percent",
    "pc",
    " pct",
    " percentage points",
    " percentage point",
    " basis points",
    " bps",
    " points",
    "pp",
    "％",
    "-per-cent",
)
UNITS = (
    " miles",
    " km",
    "km",
    " kg",
    " tonnes",
    " tons",
    "°C",
    "°F",
    " °C",
    " degrees",
    " acres",
    " hectares",
    " litres",
    " gallons",
    " mph",
    " km/h",
    "ft",
    " sq ft",
    " square miles",
    " metres",
    " days",
    " years",
    " weeks",
    " hours",
    "-year-old",
    " years old",
    "MW",
    " GW",
    "ft 2in",
    " miles (8km)",
    "kg/m²",
)
MEASURES = (
    "members",
    "users",
    "people",
    "profiles",
    "firms",
    "jobs",
    "staff",
    "votes",
    "value",
    "market value",
    "revenue",
    "revenues",
    "profits",
    "sales",
    "its fortune",
    "shares",
    "the company's value",
    "homes",
    "cases",
    "deaths",
    "tickets",
    "visitors",
    "barrels",
)
DIRECTIONS = (
    "rose",
    "fell",
    "rose by",
    "fell by",
    "slashed",
    "cut",
    "jumped",
    "dropped",
    "grew",
    "increased to",
    "declined from",
    "lopping",
    "wiped",
    "soared",
    "plunged",
    "lost",
    "gained",
    "went up",
    "went down",
    "rose from",
    "a drop of",
    "a rise of",
    "slashed its value by",
)
MULTIPLIERS = (
    "doubled",
    "tripled",
    "trebled",
    "quadrupled",
    "halved",
    "two-fold",
    "threefold",
    "3x",
    "10x",
    "twice as many",
    "three times",
    "practically doubled",
    "doubled every year",
)
NUMBER_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "five",
    "eight",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "twenty-five",
    "thirty",
    "ninety-nine",
    "hundred",
    "a hundred",
    "thousand",
    "two hundred and fifty",
    "a thousand",
    "million",
    "a million",
    "billion",
    "half a million",
    "a dozen",
    "dozen",
    "a score",
    "a couple of",
    "a few",
    "One",
    "TWO",
    "nought",
    "a",
)
FRACTIONS = (
    "a third",
    "half",
    "a half",
    "a quarter",
    "three-quarters",
    "two thirds",
    "one in five",
    "one in three",
    "nine out of ten",
    "a fifth",
    "½",
    "¾",
    "1/3",
    "3/4",
    "3½",
    "2 1/2",
)
VAGUE = (
    "tens of thousands",
    "hundreds of thousands",
    "tens of millions",
    "hundreds of millions",
    "billions of pounds",
    "millions of dollars",
    "thousands",
    "millions",
    "dozens",
    "scores",
    "hundreds",
    "tens of billions of euros",
)
TIMES = (
    "in 2009",
    "by 2015",
    "from 2009 to 2015",
    "between 2010 and 2012",
    "2014-15",
    "in the 1990s",
    "March 22, 2018",
    "22 March 2018",
    "22/03/2018",
    "2018-03-22",
    "10:30am",
    "10.30pm",
    "Q3",
    "FY2019",
    "H1 2020",
    "last year",
    "in 1066",
    "the '90s",
    "since 2000",
    "2020/21",
    "aged 33",
    "33-year-old",
    "five days",
    "a decade",
)
NOT_CLAIMS = (
    "Covid-19",
    "G7",
    "F-35",
    "Section 427",
    "version 2",
    "v2.0.1",
    "No. 10",
    "+44 20 7946 0958",
    "555-0123",
    "A4",
    "M25",
    "iPhone 8",
    "Boeing 737",
    "3D",
    "5G",
    "1st",
    "23rd",
    "#1",
    "ISBN 978-3-16-148410-0",
    "192.168.0.1",
    "Windows 10",
    "PM2.5",
    "CO2",
    "page 4",
    "chapter 11",
    "http://x.com/50m?a=1",
    "user@5m.com",
)
FILLER = (
    "The",
    "the",
    "company",
    "said",
    "that",
    "its",
    "shares",
    "Facebook",
    "Cambridge Analytica",
    "which",
    "has",
    "had",
    "was",
    "a",
    "an",
    "and",
    "or",
    "of",
    "to",
    "by",
    "in",
    "on",
    "with",
    "for",
    "than",
    "as",
    "its value",
    "market",
    "reported",
    "according to",
    "analysts",
    "estimated",
    "network",
    "total",
    "of which",
    "each",
    "per year",
    "a year",
    "every year",
    "annually",
    "a month",
    "per head",
    "Mr Zuckerberg",
    "U.S.",
    "e.g.",
    "Dr.",
    "St.",
    "Inc.",
    "off",
    "worth",
    "at",
    "from",
    "between",
    "up",
    "down",
    "more",
    "less",
    "or",
)
PUNCT = (
    ",",
    ".",
    ";",
    ":",
    "!",
    "?",
    " -",
    " –",
    " —",
    "…",
    "'s",
    '"',
    "“",
    "”",
    "‘",
    "’",
    "(",
    ")",
    "[",
    "]",
    "/",
    "&",
    "*",
    "**",
    "_",
    "#",
    ">",
    "<",
    "=",
    "+",
    "@",
    "\\",
    "|",
    "`",
    "~",
)
SPACES = (" ", " ", " ", " ", "  ", "\n", "\n\n", "\r\n", "\r", "\t", NBSP, THIN, NNBSP, "")
# Anything an article may contain that a regex or an offset map may not expect. Case mappings
# that change length ("İ".lower(), "ß".upper(), "ŉ", "ΐ") catch spans computed on a copy.
HOSTILE = (
    NBSP,
    THIN,
    NNBSP,
    "\u2007",
    "\u200a",
    "\u3000",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u061c",
    "\u0301",
    "\u0308",
    "\u0327",
    "\u20dd",
    "\u0336",
    "😀",
    "👍🏽",
    "🇬🇧",
    "👨\u200d👩\u200d👧",
    "💷",
    "💰",
    "\x00",
    "\x01",
    "\x07",
    "\x08",
    "\x1b[31m",
    "\x1b]8;;http://x\x07",
    "\x7f",
    "\x85",
    "\x9b",
    "\u2028",
    "\u2029",
    "\x0b",
    "\x0c",
    "\r",
    "\n",
    "\r\n",
    "\n\r",
    "０",
    "１",
    "５",
    "９",
    "，",
    "．",
    "％",
    "＄",
    "￡",
    "￥",
    "٣",
    "٫",
    "٬",
    "۵",
    "५",
    "๓",
    "᠑",
    "𝟓",
    "𝟗",
    "①",
    "⑩",
    "²",
    "³",
    "½",
    "⅓",
    "Ⅻ",
    "ↂ",
    "\u2212",
    "\u2013",
    "\u2014",
    "\u2010",
    "\u2011",
    "\u00ad",
    "\u2044",
    "\u00b7",
    "\u2032",
    "İ",
    "ı",
    "ß",
    "ẞ",
    "ﬁ",
    "ﬀ",
    "\u212a",
    "\u212b",
    "ǅ",
    "ς",
    "ŉ",
    "ΐ",
    "\ufffd",
    "\uffff",
    "\U0010ffff",
    "\ue000",
    "\ud7ff",
    "<script>",
    "]]>",
    "%0A::error::",
    "&amp;",
    "{{",
    "${x}",
    "'; --",
)
DIGIT_SCRIPTS = (0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0xFF10, 0x660, 0x966, 0x1D7CE)
MD_WRAPS = (
    "# {}",
    "## {}",
    "> {}",
    "- {}",
    "* {}",
    "1. {}",
    "**{}**",
    "_{}_",
    "`{}`",
    "[{}](http://x)",
    "![{}](y.png)",
    "| {} | 2 |\n|---|---|\n| 3 | {} |",
    "```\n{}\n```",
    "    {}",
    "~~{}~~",
    "<!-- factcheck: ignore[SCL001] -->\n{}",
    "<!-- factcheck: disable -->{}",
    "{}  \n",
    "{}[^1]",
    "[x]: http://y\n{}",
    "<b>{}</b>",
    "{}\n===",
    "{}\n---",
    "> > {}",
    "- [ ] {}",
    "**{}",
    "[{}",
)
MD_BITS = ("&pound;", "&#163;", "&nbsp;", "&amp;", "\\*", "\\", "<", "&#0;", "&#xD800;", "---")
HTML_WRAPS = (
    "<p>{}</p>",
    "<b>{}</b>",
    "<script>{}</script>",
    "<style>{}</style>",
    "<div>{}",
    "{}<br>",
    "<article>{}</article>",
    "<h1>{}</h1>",
    "<li>{}",
    "<table><tr><td>{}</td></tr></table>",
    "<blockquote>{}</blockquote>",
    '<a href="x">{}</a>',
    "<pre>{}</pre>",
    "<!-- {} -->",
    "<p title='{}'>x</p>",
    "<![CDATA[{}]]>",
    "<noscript>{}</noscript>",
    "<template>{}</template>",
    "<sup>{}</sup>",
    "<span>{}</span>",
    "<p\n>{}</p\n>",
    "<!-- factcheck: ignore[SCL001] -->{}",
)
HTML_BITS = (
    "&pound;",
    "&#8364;",
    "&#x20AC;",
    "&nbsp;",
    "&thinsp;",
    "&amp;",
    "&#0;",
    "&#xD800;",
    "&#1114112;",
    "&#99999999999;",
    "&pound",
    "&",
    "<",
    "<p",
    "</",
    "<!--",
    "<?php",
    "-->",
    "<!DOCTYPE html>",
    '<a href="x>',
    '<meta name="date" content="2018-03-22">',
    '<time datetime="2018-13-45">',
    "<html>",
    "</body>",
    "<br/>",
    "<img src=x onerror=1>",
)
FRONT_MATTER = ("---\ndate: 2018-03-22\ntitle: x\n---\n", "---\ndate: [\n---\n", "+++\n+++\n")


class Chooser(Protocol):
    """Where the choices come from: hypothesis draws or a seeded ``random.Random``."""

    def pick(self, options: Sequence[T]) -> T: ...

    def integer(self, low: int, high: int) -> int: ...

    def chance(self, p: float) -> bool: ...


class RandomChooser:
    """Choices from ``random.Random(seed)``: fast and reproducible."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def pick(self, options: Sequence[T]) -> T:
        return options[self.rng.randrange(len(options))]

    def integer(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p


@cache
def _sampled(options: tuple[object, ...]) -> st.SearchStrategy[object]:
    return st.sampled_from(options)


class DrawChooser:
    """Choices drawn by hypothesis; a shrunk input has fewer and earlier options."""

    def __init__(self, draw: Callable[[st.SearchStrategy[object]], object]) -> None:
        self.draw = draw

    def pick(self, options: Sequence[T]) -> T:
        return self.draw(_sampled(tuple(options)))  # type: ignore[return-value]

    def integer(self, low: int, high: int) -> int:
        return self.draw(st.integers(low, high))  # type: ignore[return-value]

    def chance(self, p: float) -> bool:
        return self.draw(st.integers(0, 99)) >= 100 - round(p * 100)  # type: ignore[operator]


def _group(digits: str, sep: str, size: int = 3) -> str:
    head = len(digits) % size or size
    parts = [digits[:head], *(digits[i : i + size] for i in range(head, len(digits), size))]
    return sep.join(parts)


def numeral(c: Chooser) -> str:
    """Digits as news copy and its mistakes write them: grouped, decimal, signed, odd scripts."""
    if c.chance(0.03):
        return c.pick(("0", "0.0", "0.00001", "00"))
    n = c.integer(1, 40) if c.chance(0.05) else c.integer(1, 7)
    digits = str(c.integer(1, 9)) + "".join(str(c.integer(0, 9)) for _ in range(n - 1))
    style = c.integer(0, 11)
    if style == 1:
        digits = _group(digits, ",")
    elif style == 2:
        digits = _group(digits, c.pick((" ", NBSP, THIN, NNBSP, ".", "'", "_")))
    elif style == 3:
        digits = _group(digits[:-3], ",", 2) + "," + digits[-3:] if n > 4 else digits
    elif style == 4:
        digits = f"{digits}{c.pick(('.', ','))}{c.integer(0, 99)}"
    elif style == 5:
        digits = c.pick(("0.", ".", "0,", "00")) + digits
    elif style == 6:
        digits = c.pick(("-", "+", "\u2212", "±", "(")) + digits
    elif style == 7:
        digits = f"{digits}{c.pick(('e', 'E', 'e+', 'e-'))}{c.integer(0, 400)}"
    elif style == 8:
        digits = f"{digits}{c.pick(('/', '.', ',', ':', '-', ',,'))}{c.integer(0, 999)}"
    base = c.pick(DIGIT_SCRIPTS)
    if base != 0x30:
        digits = "".join(chr(base + ord(ch) - 0x30) if ch.isdigit() else ch for ch in digits)
    return digits


def amount(c: Chooser) -> str:
    """One figure: [hedge] [currency] number [scale] [currency word | % | unit] [measure]."""
    form = c.integer(0, 9)
    if form == 0:
        core = c.pick(NUMBER_WORDS) + (c.pick(SCALES) if c.chance(0.3) else "")
    elif form == 1:
        core = c.pick(VAGUE)
    elif form == 2:
        core = c.pick(FRACTIONS) + c.pick(("", " of", " of the"))
    else:
        core = (c.pick(CURRENCY_BEFORE) if c.chance(0.4) else "") + numeral(c)
        core += c.pick(SCALES) if c.chance(0.4) else ""
        tail = c.integer(0, 5)
        if tail == 1:
            core += c.pick(CURRENCY_AFTER)
        elif tail == 2:
            core += c.pick(PERCENTS)
        elif tail == 3:
            core += c.pick(UNITS)
    if c.chance(0.25):
        core = c.pick(HEDGES_BEFORE) + c.pick((" ", NBSP, "")) + core
    if c.chance(0.1):
        core += c.pick(HEDGES_AFTER)
    if c.chance(0.3):
        core += " " + c.pick(MEASURES)
    return core


def phrase(c: Chooser) -> str:
    """A figure in a construction: a range, a conversion, a change, a multiplier, a non-claim."""
    form = c.integer(0, 11)
    if form <= 3:
        return amount(c)
    if form == 4:
        a, b = amount(c), amount(c)
        return c.pick(
            (
                "between {} and {}",
                "{}-{}",
                "{}–{}",
                "from {} to {}",
                "{} to {}",
                "{} or {}",
                "{}/{}",
            )
        ).format(a, b)
    if form == 5:
        a, b = amount(c), amount(c)
        return c.pick(("{} ({})", "{}, or {},", "{} [{}]", "{} (about {})", "{} ({}")).format(a, b)
    if form == 6:
        return f"{c.pick(DIRECTIONS)} {amount(c)}" + (f" to {amount(c)}" if c.chance(0.3) else "")
    if form == 7:
        return c.pick(MULTIPLIERS)
    if form == 8:
        return c.pick(TIMES)
    if form == 9:
        return c.pick(NOT_CLAIMS)
    return c.pick(PUNCT)


def sentence(c: Chooser) -> str:
    parts = []
    for _ in range(c.integer(1, 12)):
        parts.append(c.pick(FILLER) if c.chance(0.5) else phrase(c))
        parts.append(c.pick(SPACES) if c.chance(0.2) else " ")
    return "".join(parts).rstrip(" ") + c.pick((".", ".", ".", "", "!", "?", '."', ")."))


def _mutate(c: Chooser, text: str, bits: Sequence[str]) -> str:
    """Insert hostile pieces anywhere (inside figures too), maybe cut or repeat a slice."""
    for _ in range(c.integer(0, 4) if c.chance(0.6) else 0):
        at = c.integer(0, len(text))
        text = text[:at] + c.pick(bits) + text[at:]
    if text and c.chance(0.05):
        at = c.integer(0, len(text))
        text = text[:at] if c.chance(0.5) else text[at:] + text[:at]
    if text and c.chance(0.05):
        at = c.integer(0, len(text) - 1)
        text = text[:at] + text[at:] * c.integer(2, 30)
    return text


def article(c: Chooser) -> str:
    """Plain news-like text: sentences and paragraphs, hostile characters mixed in."""
    joins = ("  ", " ", "\n", "\n\n", "\r\n", "\r\n\r\n", "\r")
    sentences = [sentence(c) for _ in range(c.integer(1, 6))]
    text = "".join(s + c.pick(joins) for s in sentences)
    return _mutate(c, text, HOSTILE)


def markdown_article(c: Chooser) -> str:
    blocks = []
    for _ in range(c.integer(1, 5)):
        block = sentence(c)
        for _ in range(c.integer(0, 2)):
            block = c.pick(MD_WRAPS).format(block, block)
        blocks.append(block)
    text = c.pick(FRONT_MATTER) if c.chance(0.1) else ""
    text += c.pick(("\n\n", "\n", "\r\n\r\n")).join(blocks)
    return _mutate(c, text, HOSTILE + MD_BITS)


def html_article(c: Chooser) -> str:
    blocks = []
    for _ in range(c.integer(1, 5)):
        block = sentence(c)
        for _ in range(c.integer(0, 2)):
            block = c.pick(HTML_WRAPS).format(block)
        blocks.append(block)
    head = c.pick(("", "<!DOCTYPE html><html><head><title>x</title></head><body>", "<html>"))
    return _mutate(c, head + "\n".join(blocks), HOSTILE + HTML_BITS)


def noise(c: Chooser) -> str:
    """Random code points (no surrogates), half of them from the characters figures are made of."""
    pool = "0123456789,.$£€¥%()-–/ mbnk\n" + "".join(HOSTILE[:60])
    out = []
    for _ in range(c.integer(0, 60)):
        if c.chance(0.5):
            out.append(c.pick(pool))
        else:
            cp = c.integer(0, 0x10FFFF)
            out.append(chr(cp) if not 0xD800 <= cp <= 0xDFFF else "\ufffd")
    return "".join(out)


GENERATORS: dict[Format, Callable[[Chooser], str]] = {
    "text": article,
    "markdown": markdown_article,
    "html": html_article,
}


def any_input(c: Chooser) -> tuple[Format, str]:
    """``(input_format, text)``: mostly plain articles, some Markdown, HTML and raw noise."""
    roll = c.integer(0, 9)
    if roll == 0:
        return c.pick(("text", "markdown", "html")), noise(c)
    fmt = "text" if roll <= 5 else ("markdown" if roll <= 7 else "html")
    return fmt, GENERATORS[fmt](c)


def generate(seed: int) -> tuple[Format, str]:
    """The input number ``seed`` of the fuzz benchmark (same seed, same input, everywhere)."""
    return any_input(RandomChooser(seed))


def _strategy(gen: Callable[[Chooser], T]) -> st.SearchStrategy[T]:
    @st.composite
    def build(draw: st.DrawFn) -> T:
        return gen(DrawChooser(draw))

    return build()


def texts() -> st.SearchStrategy[str]:
    """News-like plain text, raw noise, or any string at all."""
    news = _strategy(article)
    return st.one_of(news, news, _strategy(noise), st.text())


def markdown_texts() -> st.SearchStrategy[str]:
    news = _strategy(markdown_article)
    return st.one_of(news, news, _strategy(noise))


def html_texts() -> st.SearchStrategy[str]:
    news = _strategy(html_article)
    return st.one_of(news, news, _strategy(noise))

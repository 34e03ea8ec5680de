"""The article's date from metadata: Markdown front matter, HTML ``<meta>``/``<time>``, JSON-LD.

Front matter is the YAML (``---``) or TOML (``+++``) block at the very top of a Markdown file;
it is read line by line for a date key only (no YAML/TOML library needed for that).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal

import regex

from factcheck.dates import parse_date
from factcheck.models import DateInfo

# Keys that give the publication date, best first (compared lower-cased).
FRONT_MATTER_KEYS = (
    "published",
    "publishdate",
    "publish_date",
    "published_at",
    "date_published",
    "datepublished",
    "pubdate",
    "date",
)
META_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date.issued",
    "dcterms.issued",
    "date",
    "parsely-pub-date",
    "sailthru.date",
)

_FENCES = MappingProxyType({"---": ("---", "..."), "+++": ("+++",)})
_KEY_VALUE = regex.compile(r"\A\s*(?P<key>[A-Za-z_][\w.-]*)\s*[:=]\s*(?P<value>.*?)\s*\Z")
_ISO = regex.compile(r"\A(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:[T ]|\Z)")
_JSON_LD_LIMIT = 1_000_000  # bytes of JSON-LD parsed for a date; the rest is ignored


def to_iso(value: str) -> str | None:
    """'2018-03-22', '2018-03-22T09:00:00Z', '22 March 2018' → '2018-03-22'."""
    value = value.strip().strip("\"'").strip()
    m = _ISO.match(value)
    if m is not None:
        try:
            return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d"))).isoformat()
        except ValueError:
            return None
    found = parse_date(value)
    return found.isoformat() if found is not None else None


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The front matter block ``source[0:end]`` and the date read from it."""

    end: int
    date: DateInfo | None


def _lines(source: str) -> Iterator[tuple[int, str]]:
    pos = 0
    while pos < len(source):
        nl = source.find("\n", pos)
        end = len(source) if nl == -1 else nl + 1
        yield pos, source[pos:end]
        pos = end


def front_matter(source: str) -> FrontMatter | None:
    """The YAML/TOML block at the top of ``source``, or ``None`` (unclosed means none)."""
    body = source[1:] if source.startswith("\ufeff") else source
    first = body.split("\n", 1)[0].rstrip("\r \t")
    closers = _FENCES.get(first)
    if closers is None:
        return None
    values: dict[str, str] = {}
    skip = len(source) - len(body)
    for n, (start, line) in enumerate(_lines(body)):
        stripped = line.rstrip("\r\n \t")
        if n == 0:
            continue
        if stripped in closers:
            return FrontMatter(skip + start + len(line), _front_matter_date(values))
        m = _KEY_VALUE.match(stripped)
        if m is not None and not line[:1].isspace():
            values.setdefault(m.group("key").lower(), m.group("value"))
    return None


def _front_matter_date(values: dict[str, str]) -> DateInfo | None:
    for key in FRONT_MATTER_KEYS:
        raw = values.get(key)
        if raw is not None and (iso := to_iso(raw)) is not None:
            return DateInfo(value=iso, source="front-matter", text=raw.strip("\"' "))
    return None


def _json_ld_dates(data: Any) -> Iterator[str]:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            value = item.get("datePublished")
            if isinstance(value, str):
                yield value
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))


@dataclass(slots=True)
class HtmlDates:
    """Date candidates met while parsing an HTML page; :meth:`best` picks one."""

    meta: list[tuple[int, str]]  # (rank in META_KEYS, content)
    json_ld: list[str]
    times: list[tuple[int, str]]  # (preference: 0 marked published, 1 in article, 2 other, text)

    @classmethod
    def empty(cls) -> HtmlDates:
        return cls([], [], [])

    def add_meta(self, attrs: dict[str, str]) -> None:
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        content = attrs.get("content") or attrs.get("datetime")
        if content and key in META_KEYS:
            self.meta.append((META_KEYS.index(key), content))

    def add_json_ld(self, text: str) -> None:
        try:
            data = json.loads(text[:_JSON_LD_LIMIT])
        except (ValueError, RecursionError):
            return
        self.json_ld.extend(_json_ld_dates(data))

    def add_time(self, attrs: dict[str, str], in_article: bool) -> None:
        value = attrs.get("datetime")
        if not value:
            return
        marked = "pubdate" in attrs or (attrs.get("itemprop") or "").lower() == "datepublished"
        self.times.append((0 if marked else 1 if in_article else 2, value))

    def best(self) -> DateInfo | None:
        kinds: list[tuple[Literal["meta", "time"], list[str]]] = [
            ("meta", [v for _, v in sorted(self.meta, key=lambda m: m[0])]),
            ("meta", self.json_ld),
            ("time", [v for _, v in sorted(self.times, key=lambda t: t[0])]),
        ]
        for source, values in kinds:
            for value in values:
                iso = to_iso(value)
                if iso is not None:
                    return DateInfo(value=iso, source=source, text=value)
        return None

"""Each sentence read once: its figures, and the words between them with the adjuncts set aside.

This is the one place where sentence structure is read. A sentence becomes a list of tokens —
words, punctuation and figures — from which the *adjuncts* are set aside: time expressions ("in
June", "at 10.45pm last night", "over the past 12 months", "a year earlier"), attributions
("…, officials said, …", "according to the report"), places ("in London"), and asides in
brackets or dashes that hold no figure. What is left is encoded as one short string, the
sentence's *skeleton*: ``"sales +rose #p0 to #m1 from #m2"``. The relation readers
(``changes``, ``parts``) match their shapes against skeletons and never look at the text.

Encoding of a skeleton token:

- a figure: ``#`` + its kind's letter + its position in :attr:`Reading.figures` (``#m3``);
- a word that states a rise or a fall: ``+`` or ``-`` before it (``+rose``, ``-cut``); a verb of
  change with no direction: ``~`` (``~went``);
- any other word, lower case; punctuation as itself (``,`` ``;`` ``:`` ``(`` ``)``, dashes as
  ``-``).

What each figure's clause says around it — the time and place adjuncts set aside, a definite or
possessive word before it, the subject of its clause — is kept in :class:`FigureSite` for the
restatement reader.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from factcheck.extractors.mention import Mention
from factcheck.lexicon import Lexicon
from factcheck.models import ClaimKind

KIND_LETTER = {
    ClaimKind.MONEY: "m",
    ClaimKind.COUNT: "c",
    ClaimKind.PERCENT: "p",
    ClaimKind.PERCENTAGE_POINT: "t",
    ClaimKind.MULTIPLIER: "x",
    ClaimKind.QUANTITY: "q",
    ClaimKind.DURATION: "d",
    ClaimKind.AGE: "a",
    ClaimKind.YEAR: "y",
    ClaimKind.FRACTION: "f",
}

# words, times of day, other numerals, punctuation (quotes and full stops are dropped)
_TOKEN = re.compile(
    r"(?P<tod>\d{1,2}(?:[.:]\d{2})?\s?(?:[ap]\.?m\b\.?))"
    r"|(?P<num>\d[\d.,:/]*(?:st|nd|rd|th|s)?\b)"
    r"|(?P<word>[^\W\d_]+(?:[’'.&-][^\W\d_]+)*(?:[’']s?)?)"
    r"|(?P<punct>[,;:()\[\]—–]|(?<=\s)-(?=\s))",
)
# what may follow a stem of ``[neutral]`` (changes.toml): "revis" → revised, revising
_VERB_ENDINGS = frozenset(["", "e", "ed", "es", "s", "d", "ing", "med", "ming", "ted", "ting"])
_MAX_CACHED_WORDS = 200_000  # distinct words whose direction code is kept (a few MB at most)
_ADVERBS = frozenset(["up", "down", "higher", "lower", "more", "less", "fewer"])
_BE = frozenset(
    [
        "was", "were", "is", "are", "be", "been", "being", "closed", "ended", "finished",
        "stood", "stands", "stand", "edged", "moved", "went", "gone", "go", "goes", "shot",
        "come", "came", "crept", "creep", "ticked", "tick", "inched", "inch", "trading",
        "traded", "opened", "settled", "now", "also", "sharply", "slightly", "marginally",
    ]
)  # fmt: skip
_AFTER_ADVERB = frozenset(["from", "by", "at", "on", "to", "sharply", "slightly", "against"])
_DETERMINERS = frozenset(["the", "its", "their", "this", "that", "these", "those", "his", "her"])
_POSSESSIVES = frozenset(["its", "their", "his", "her", "our", "your", "my"])


@dataclass(slots=True)
class Token:
    word: str  # lower case; "" for a figure
    start: int
    end: int
    fig: int = -1  # index of the mention, for a figure
    upper: bool = False  # written with a capital
    kind: str = "w"  # w word, n other numeral, t time of day, p punctuation, f figure


@dataclass(slots=True)
class FigureSite:
    """What a figure's clause says about it, for telling two mentions of a figure apart."""

    mention: int
    clause: int  # index of its clause in the sentence
    times: tuple[str, ...] = ()  # time words of the adjuncts in its clause ("june", "2018")
    places: tuple[str, ...] = ()  # place names of its clause ("london")
    before: tuple[str, ...] = ()  # up to four words before it in the skeleton
    clause_before: tuple[str, ...] = ()  # up to twelve tokens before it
    after: tuple[str, ...] = ()  # up to four words after it in the skeleton
    subject: str | None = None  # the capitalised name opening its clause, if any
    speaker: str | None = None  # "Toyota said …": whom "its" in the clause points to
    subject_generic: bool = False  # the subject is "the company", "the firm": it points back
    subject_initial: bool = False  # that name is the sentence's first word (maybe no name)
    subject_noun: str | None = None  # "the parks had …": a common noun opening its clause
    verb: str | None = None  # the word just before it
    verb_after: str | None = None  # a verb just after it ("2,000 people were evacuated")
    comparison: bool = False  # "than", "vs", "compared with" next to it
    in_list: bool = False  # one of three or more figures of its kind in the clause


@dataclass(slots=True)
class _Subject:
    """What opens a figure's clause (see :meth:`SentenceReader._subject`)."""

    name: str | None = None
    generic: bool = False
    initial: bool = False
    speaker: str | None = None
    noun: str | None = None


@dataclass(slots=True)
class Reading:
    """One sentence, read: its primary figures and skeleton, and each figure's site."""

    index: int
    start: int
    end: int
    figures: list[int]  # mention indices of the figures in the skeleton, in order
    skeleton: str
    clauses: list[str]  # the skeleton split at clause breaks
    clause_figures: list[list[int]]  # positions (into ``figures``) of each clause's figures
    clause_spans: list[list[tuple[int, int]]]  # text span of each token of each clause
    spans: list[tuple[int, int]]  # text span of each token of the whole skeleton
    sites: dict[int, FigureSite] = field(default_factory=dict)
    hidden: list[int] = field(default_factory=list)  # figures set aside (years, time spans…)

    def mention(self, code: str) -> int:
        """The mention index of a skeleton figure token ``#m3``."""
        return self.figures[int(code[2:])]


class Vocabulary:
    """The relation lexicon as lookup sets, built once per lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        r = lex.relations
        self.time_heads = frozenset([*r.time.heads, *lex.months, *lex.weekdays])
        self.time_modifiers = frozenset(r.time.modifiers)
        self.time_after = frozenset(r.time.after)
        self.time_preps = frozenset(p for p in r.time.prepositions if " " not in p)
        self.duration_leads = frozenset(r.time.duration_leads)
        self.events = frozenset(r.time.events)
        self.event_leads = frozenset(r.time.event_leads)
        # "won 18, drawn 9 and lost 5": one-word outcomes → their group
        self.outcome_group = {
            w: name for name, words in r.totals.outcomes.items() for w in words if " " not in w
        }
        self.attribution_verbs = tuple(tuple(v.split()) for v in r.attribution.verbs)
        self.attribution_leads = tuple(tuple(v.split()) for v in r.attribution.leads)
        # first and last words of those, to rule out most asides before comparing phrases
        self.attribution_firsts = frozenset(v[0] for v in self.attribution_leads if v)
        self.attribution_lasts = frozenset(v[-1] for v in self.attribution_verbs if v)
        self.place_preps = frozenset(r.place.prepositions)
        self.place_words = frozenset(r.place.words)
        self.place_nouns = frozenset(r.place.nouns)
        self.breaks = frozenset(r.clauses.breaks)
        self.openers = frozenset(w for w in r.clauses.openers if " " not in w)
        self.up = lex.up_words | lex.up_nouns
        self.down = lex.down_words | lex.down_nouns
        self.neutral = lex.neutral_change_stems
        self.separable = lex.separable
        self.nouns_only = (lex.up_nouns | lex.down_nouns) - lex.up_words - lex.down_words
        self.months = frozenset(lex.months)
        # month names that are also common words: a month only when written with a capital
        self.capital_months = frozenset(
            m for m in lex.months if m in lex.not_measures or len(m) <= 3 or m in ("march",)
        )
        self.weak_heads = frozenset(r.time.weak_heads)
        self.zones = frozenset(r.time.zones)
        self.connectors = frozenset(["to", "of", "and"])
        self.plural_periods = frozenset(
            ["months", "mths", "weeks", "wks", "quarters", "qtrs", "years", "yrs", "days"]
        )
        # a word that may open a time expression: a preposition, a modifier or a head (any
        # other word is a head only after one of these)
        self.time_openers = self.time_preps | self.time_modifiers | self.time_heads
        self._codes: dict[str, str] = {}  # direction_code of each word met, built lazily

    def direction_code(self, word: str) -> str:
        """ "+" for a word of rise, "-" of fall, "~" for a verb of change, else ""."""
        code = self._codes.get(word)
        if code is None:
            code = self._direction_code(word)
            if len(self._codes) < _MAX_CACHED_WORDS:
                self._codes[word] = code
        return code

    def _direction_code(self, word: str) -> str:
        if word in self.up:
            return "+"
        if word in self.down:
            return "-"
        if word.startswith(self.neutral):
            for stem in self.neutral:
                if word.startswith(stem) and word[len(stem) :] in _VERB_ENDINGS:
                    return "~"
        return ""


@functools.cache
def vocabulary_for(lex: Lexicon) -> Vocabulary:
    return Vocabulary(lex)


def tokenize(text: str, start: int, end: int, out: list[Token]) -> None:
    """Append the tokens of ``text[start:end]`` to ``out``."""
    add = out.append
    for m in _TOKEN.finditer(text, start, end):  # positional arguments: this runs per word
        group = m.lastgroup
        s = m.group()
        a, b = m.span()
        if group == "word":
            add(Token(s.lower().rstrip("’'"), a, b, -1, s[0].isupper(), "w"))
        elif group == "punct":
            add(Token("-" if s in "—–-" else s, a, b, -1, False, "p"))
        else:
            add(Token(s.lower(), a, b, -1, False, "n" if group == "num" else "t"))


class SentenceReader:
    """Reads sentences into skeletons; one per lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        self.v = vocabulary_for(lex)
        self.function_words = lex.not_measures
        self.speech_verbs = frozenset(v for v in lex.relations.attribution.verbs if " " not in v)
        self.generic_owners = lex.generic_owners

    def _name_before(self, toks: list[Token], lo: int, hi: int) -> str | None:
        """The last capitalised name in ``toks[lo:hi]`` (not the sentence's first word)."""
        r = hi - 1
        while r >= lo and not (toks[r].kind == "w" and toks[r].upper and r > 0):
            r -= 1
        if r < lo or toks[r].word in self.function_words:
            return None
        q = r
        while q - 1 >= lo and toks[q - 1].kind == "w" and toks[q - 1].upper and q - 1 > 0:
            q -= 1
        return " ".join(t.word for t in toks[q : r + 1])

    def _subject(self, toks: list[Token], keep: list[bool], s0: int, pos: int) -> _Subject:
        """(subject, is generic, is the sentence's first word) of the clause starting at
        ``s0``: its first name ("Amazon", "the TGWU") or definite generic noun ("the
        company") that is not inside a prepositional phrase nor an adjunct set aside
        ("According to the report, the £20m fine …": the fine); also who spoke ("Police
        said") and a common noun opening the clause ("the parks had")."""
        found = _Subject()
        prev = ""
        r = s0
        first = next((k for k in range(pos) if keep[k]), pos)
        while r < pos:
            t = toks[r]
            if not keep[r]:
                prev = ","
                r += 1
                continue
            if t.kind != "w":
                prev = t.word
                r += 1
                continue
            if prev in _PREPOSITIONS:
                prev = t.word
                r += 1
                continue
            if (
                t.upper
                and t.word not in self.function_words
                and t.word not in _DETERMINERS
                and t.word not in self.v.time_heads
            ):
                q = r
                while q < pos and toks[q].kind == "w" and toks[q].upper:
                    q += 1
                if not any(u.kind == "w" and not u.upper for u in toks[q:pos]):
                    return found  # "Shr 25 cts", "Net 5.2 mln": a row label
                said = q
                while (
                    said < min(q + 2, pos)
                    and toks[said].kind == "w"
                    and toks[said].word not in self.function_words
                    and toks[said].word not in self.speech_verbs
                ):
                    said += 1  # "Passenger groups said", "Union leaders said": one speaker
                if said > q and said < pos and toks[said].word in self.speech_verbs:
                    q = said
                if q < pos and toks[q].word in self.speech_verbs:
                    # "Police said 3,500 people …": the speaker, not who the figure is about
                    # (but "Toyota said its exports fell": whom "its" points to)
                    found.speaker = " ".join(u.word for u in toks[r:q])
                    prev, r = toks[q].word, q + 1
                    continue
                found.name, found.initial = " ".join(u.word for u in toks[r:q]), r == first
                return found
            if t.word in ("the", "its", "their") and r + 1 < pos:
                nxt = toks[r + 1].word
                two = f"{nxt} {toks[r + 2].word}" if r + 2 < pos else ""
                if two in self.generic_owners or nxt in self.generic_owners:
                    found.name = two if two in self.generic_owners else nxt
                    found.generic = True
                    return found
                if t.word == "the" and found.noun is None:
                    found.noun = self._noun_subject(toks, r + 1, pos)
            prev = t.word
            r += 1
        return found

    def _noun_subject(self, toks: list[Token], r: int, pos: int) -> str | None:
        """ "the parks had …", "the clubs and equipment unit posted …": the noun after "the"
        that opens a clause, unless the figure is inside its phrase ("the loss of 1,500 jobs")."""
        t = toks[r]
        if (
            t.kind != "w"
            or t.upper
            or not t.word.isalpha()
            or t.word in self.function_words
            or t.word in self.v.time_heads
        ):
            return None
        for u in toks[r + 1 : min(r + 4, pos)]:
            if u.kind != "w" or u.word == "of":
                return None  # a figure, or "of", inside the phrase: the figure is part of it
            if u.word in self.function_words:
                break
        return t.word

    # ------------------------------------------------------------------ tokens
    def tokens(
        self, text: str, start: int, end: int, mentions: Sequence[Mention], members: list[int]
    ) -> list[Token]:
        out: list[Token] = []
        pos = start
        for i in members:
            m = mentions[i]
            if m.start < pos:
                continue
            tokenize(text, pos, m.start, out)
            out.append(Token("", m.start, m.end, fig=i, kind="f"))
            pos = m.end
        tokenize(text, pos, end, out)
        return out

    # ------------------------------------------------------------------ reading
    def read(
        self,
        text: str,
        index: int,
        start: int,
        end: int,
        mentions: Sequence[Mention],
        members: list[int],
    ) -> Reading:
        """The sentence ``text[start:end]`` (number ``index``) with the figures ``members``,
        and each figure's :class:`FigureSite` (the change reader reads their times too)."""
        toks = self.tokens(text, start, end, mentions, members)
        keep = [True] * len(toks)
        times: list[tuple[int, str]] = []  # (token position, word) of time adjuncts
        places: list[tuple[int, str]] = []
        hidden: list[int] = []
        self._conversions(toks, keep, mentions, hidden)
        self._times(toks, keep, mentions, times, hidden)
        self._places(toks, keep, places)
        self._asides(toks, keep)
        self._attributions(toks, keep)
        self._tidy(toks, keep)
        reading, kept, codes = self._encode(index, start, end, toks, keep, mentions, hidden)
        self._sites(reading, toks, keep, kept, codes, mentions, times, places)
        return reading

    # converted figures ("$50bn (£35bn)") stand for their original: set them aside
    def _conversions(
        self, toks: list[Token], keep: list[bool], mentions: Sequence[Mention], hidden: list[int]
    ) -> None:
        for k, t in enumerate(toks):
            if t.fig >= 0 and mentions[t.fig].converts_index is not None:
                keep[k] = False
                hidden.append(t.fig)

    # ------------------------------------------------------------------ time
    def _is_time_head(
        self, t: Token, mentions: Sequence[Mention], prev: Token | None, prep: str = ""
    ) -> bool:
        v = self.v
        pw = prev.word if prev is not None else ""
        if t.kind == "t":
            return True
        if t.fig >= 0:
            kind = mentions[t.fig].kind
            if kind == ClaimKind.YEAR:
                return True
            return kind == ClaimKind.DURATION and pw in v.duration_leads
        if t.kind == "n":  # "22 March" is read at the month; "the 1980s", "the 21st"
            return pw in v.months or t.word.endswith(("st", "nd", "rd", "th", "0s"))
        w = t.word
        if w in v.time_heads:
            if w in v.capital_months:
                return t.upper  # "May", "March": not "may", "march"
            return True
        if w in v.weak_heads and pw in _WEAK_LEADS:
            return True  # "the close", "the end of June"; not "a close of 11.06"
        if w in v.weak_heads or w in v.events:
            # "the previous close", "at the last election", "the 2019 election"; not "the
            # count rose"
            if w in v.events and pw in _EVENT_DETERMINERS and prep in _EVENT_PREPOSITIONS:
                return True  # "at the election", "since the census"
            return pw in v.event_leads or (
                prev is not None and prev.fig >= 0 and mentions[prev.fig].kind == ClaimKind.YEAR
            )
        if w in v.zones:
            return prev is not None and (prev.kind in ("t", "n") or prev.fig >= 0)
        return False

    def _times(
        self,
        toks: list[Token],
        keep: list[bool],
        mentions: Sequence[Mention],
        times: list[tuple[int, str]],
        hidden: list[int],
    ) -> None:
        """Set aside time expressions: an optional preposition, modifiers, at least one head
        (a time word, a year, a time span, a time of day), and words that may follow a head
        ("earlier", "ago"; "to"/"of"/"and" only when another head follows)."""
        v = self.v
        n = len(toks)
        k = 0
        while k < n:
            t = toks[k]
            if not keep[k] or t.kind == "p" or (t.kind == "w" and t.word not in v.time_openers):
                k += 1  # (a word no time expression opens with)
                continue
            q = k + 1 if (t.fig < 0 and t.word in v.time_preps) else k
            prev: Token | None = t if q > k else None
            prep = t.word if q > k else ""
            last = -1
            limit = min(n, q + _MAX_TIME_TOKENS)
            while q < limit and keep[q]:
                u = toks[q]
                if self._is_time_head(u, mentions, prev, prep):
                    last = q
                elif u.fig >= 0 or u.kind == "p":
                    break
                elif u.kind == "n" and q + 1 < n and toks[q + 1].word in v.months:
                    pass  # "22 March"
                elif last >= 0 and u.word in v.time_after:
                    if u.word in v.connectors:
                        if self._head_follows(toks, keep, q + 1, mentions, u):
                            pass
                        elif u.word == "of" and last == q - 1 and toks[last].word in v.weak_heads:
                            # "at the time of the merger", "at the peak of the boom"
                            end = self._occasion_end(toks, keep, q + 1)
                            if end < 0:
                                break
                            last = q = end
                        else:
                            break
                    else:
                        last = q  # "a year earlier", "two weeks ago"
                elif u.word in v.time_modifiers and u.kind == "w":
                    pass
                else:
                    break
                prev = u
                q += 1
            if last < 0 and t.fig >= 0 and mentions[t.fig].kind == ClaimKind.COUNT:
                # "nine mths", "12 months to June": a count of periods is a time span
                nxt = k + 1
                if nxt < n and keep[nxt] and toks[nxt].word in v.plural_periods:
                    last = nxt
            if last < 0:
                k += 1
                continue
            for r in range(k, last + 1):
                keep[r] = False
                u = toks[r]
                if u.fig >= 0:
                    hidden.append(u.fig)
                    if mentions[u.fig].kind == ClaimKind.YEAR:
                        times.append((r, str(int(mentions[u.fig].value))))
                elif (
                    u.word not in _TIME_FILLER
                    and u.word not in v.time_preps
                    and u.word not in v.events
                ):
                    # "last" and "this" kept: last year ≠ this year; an event is no period
                    # ("in the referendum" and "since the vote" may date one figure)
                    times.append((r, u.word))
            k = last + 1

    def _occasion_end(self, toks: list[Token], keep: list[bool], q: int) -> int:
        """After "the time of": the position of the last word of the occasion ("the merger",
        its determiner optional): one lower-case content word followed by a break (punctuation,
        a figure, the end, a linker such as "to"), or two followed by punctuation, a figure or
        the end; else -1."""
        n = len(toks)
        if q < n and keep[q] and toks[q].word in _OCCASION_DETERMINERS:
            q += 1
        words = 0
        while q + words < n and words < 2:
            u = toks[q + words]
            if (
                not keep[q + words]
                or u.kind != "w"
                or u.upper
                or u.word in _OCCASION_STOPS
                or u.word in self.function_words
                or self.v.direction_code(u.word)
            ):
                break
            words += 1
        if words == 0:
            return -1
        after = toks[q + words] if q + words < n else None
        if after is None or after.fig >= 0 or after.kind == "p":
            return q + words - 1
        if words == 1 and after.word in _OCCASION_STOPS:
            return q
        return -1

    def _head_follows(
        self, toks: list[Token], keep: list[bool], q: int, mentions: Sequence[Mention], prev: Token
    ) -> bool:
        """Is there a time head at ``q``, or after one or two modifiers?"""
        for r in range(q, min(q + 3, len(toks))):
            if not keep[r]:
                return False
            if self._is_time_head(toks[r], mentions, prev):
                return True
            if toks[r].word not in self.v.time_modifiers:
                return False
            prev = toks[r]
        return False

    # ------------------------------------------------------------------ places
    def _places(self, toks: list[Token], keep: list[bool], places: list[tuple[int, str]]) -> None:
        """ "in London", "across the US", "worldwide": set aside, the name kept for the site."""
        v = self.v
        n = len(toks)
        for k, t in enumerate(toks):
            if not keep[k] or t.fig >= 0 or t.kind != "w":
                continue
            if t.word in v.place_words:
                keep[k] = False
                places.append((k, t.word))
                continue
            if t.word not in v.place_preps:
                continue
            q = k + 1
            if q < n and toks[q].word == "the":
                q += 1
                if q < n and keep[q] and toks[q].word in v.place_nouns:
                    # "across the country" ("the country's" is one token: not a place noun)
                    for r in range(k, q + 1):
                        keep[r] = False
                    places.append((k, toks[q].word))
                    continue
            first = q
            while q < n and keep[q] and toks[q].upper and toks[q].kind == "w":
                q += 1
            if q > first:
                for r in range(k, q):
                    keep[r] = False
                places.append((k, " ".join(toks[r].word for r in range(first, q))))

    # ------------------------------------------------------------------ asides
    def _asides(self, toks: list[Token], keep: list[bool]) -> None:
        """Brackets holding no figure that is read ("(excluding fuel)", "( )" once a
        conversion is set aside) and dash pairs holding none ("— a record —")."""
        n = len(toks)
        # figures kept before each token: a bracket holds one when the count differs
        figs = [0] * (n + 1)
        for k, t in enumerate(toks):
            figs[k + 1] = figs[k] + (1 if keep[k] and t.fig >= 0 else 0)
        stack: list[int] = []
        spans: list[tuple[int, int]] = []
        for k, t in enumerate(toks):
            if t.word in ("(", "["):
                stack.append(k)
            elif t.word in (")", "]") and stack:
                o = stack.pop()
                if figs[k] == figs[o + 1]:
                    spans.append((o, k))
        # outermost first, each token cleared once
        spans.sort(key=lambda sp: (sp[0], -sp[1]))
        reach = -1
        for o, k in spans:
            if k <= reach:
                continue
            for r in range(max(o, reach + 1), k + 1):
                keep[r] = False
            reach = k
        dashes = [k for k in range(n) if keep[k] and toks[k].word == "-"]
        for a, b in itertools.pairwise(dashes):
            if b - a <= 14 and keep[a] and figs[b] == figs[a + 1]:
                for r in range(a, b + 1):
                    keep[r] = False

    # ------------------------------------------------------------------ attributions
    def _attributions(self, toks: list[Token], keep: list[bool]) -> None:
        """ "…, officials said, …", "…, the company said.", "According to the report, …"."""
        n = len(toks)
        bounds = [-1] + [k for k in range(n) if keep[k] and toks[k].word in (",", ";")] + [n]
        for a, b in itertools.pairwise(bounds):
            seg = [k for k in range(a + 1, b) if keep[k]]
            if not seg or len(seg) > 9 or any(toks[k].fig >= 0 for k in seg):
                continue
            words = tuple(toks[k].word for k in seg)
            v = self.v
            lasts = v.attribution_lasts
            if (
                words[0] in v.attribution_firsts
                and any(words[: len(lead)] == lead for lead in v.attribution_leads)
            ) or (
                (words[-1] in lasts or (len(words) > 1 and words[-2] in lasts))
                and any(_ends_with_verb(words, verb) for verb in v.attribution_verbs)
            ):
                if a == -1 and b == n:
                    continue  # the whole sentence
                for k in seg:
                    keep[k] = False
                if a >= 0:
                    keep[a] = False  # one of its commas; both when the clause runs on
                    if b < n and toks[b].word == "," and self._runs_on(toks, keep, b + 1):
                        keep[b] = False  # "the £12m budget, officials said, is split …"
                elif b < n:
                    keep[b] = False

    def _runs_on(self, toks: list[Token], keep: list[bool], k: int) -> bool:
        """Does the clause run on at ``toks[k]`` with no comma of its own before it: a verb
        of being or of change, or a preposition ("…, officials said, to £1bn")? Not before a
        list's next item, a participle ("lopping"), "or", "up" or "a rise of"."""
        while k < len(toks) and not keep[k]:
            k += 1
        if k >= len(toks) or toks[k].kind != "w":
            return False
        w = toks[k].word
        if w in _RUNS_ON or w in self.speech_verbs:
            return True  # "48%, according to the report, said yes, 41% said no"
        return (
            self.v.direction_code(w) in ("+", "-") and w not in _ADVERBS and not w.endswith("ing")
        )

    # ------------------------------------------------------------------ punctuation
    def _tidy(self, toks: list[Token], keep: list[bool]) -> None:
        """The commas an adjunct leaves behind: one opening the sentence ("In June, of the 650
        MPs, …") and the second of two ("rose 5%, in June, to …" keeps one)."""
        prev = ""
        for k, t in enumerate(toks):
            if not keep[k]:
                continue
            if t.word == "," and prev in ("", ",", "("):
                keep[k] = False
                continue
            prev = t.word if t.kind == "p" else "w"

    # ------------------------------------------------------------------ encoding
    def _encode(
        self,
        index: int,
        start: int,
        end: int,
        toks: list[Token],
        keep: list[bool],
        mentions: Sequence[Mention],
        hidden: list[int],
    ) -> tuple[Reading, list[Token], list[str]]:
        """The reading of the kept tokens, with those tokens and their codes."""
        v = self.v
        kept = [t for k, t in enumerate(toks) if keep[k]]
        n = len(kept)
        figures: list[int] = []
        codes: list[str] = []
        spans = [(t.start, t.end) for t in kept]
        for k, t in enumerate(kept):
            if t.fig >= 0:
                m = mentions[t.fig]
                codes.append(f"#{KIND_LETTER[m.kind]}{len(figures)}")
                figures.append(t.fig)
                continue
            if t.kind == "p":
                codes.append(t.word)
                continue
            w = t.word
            d = v.direction_code(w)
            if d and w in _ADVERBS:
                prev = kept[k - 1] if k else None
                nxt = kept[k + 1] if k + 1 < n else None
                ok = (
                    nxt is not None
                    and (nxt.fig >= 0 or nxt.word in _AFTER_ADVERB or _verb_use(w, nxt.word))
                ) or (
                    prev is not None
                    and (prev.fig >= 0 or prev.word in (",", "-", "(") or prev.word in _BE)
                )
                if not ok:
                    d = ""
            elif d in ("+", "-") and w in v.separable:
                particle = v.separable[w]
                if not any(u.word == particle for u in kept[k + 1 : k + 10]):
                    d = ""
            elif w in v.separable and w not in v.up and w not in v.down:
                particle = v.separable[w]
                if any(u.word == particle for u in kept[k + 1 : k + 10]):
                    d = "-" if particle == "off" else "+"
            if d and w in v.outcome_group and _other_outcome(w, kept, v.outcome_group):
                d = ""  # "won 18, drawn 9 and lost 5": an outcome among others, not a fall
            if d in ("+", "-") and (w in v.nouns_only or _after_determiner(codes)):
                d = "^" + d  # "the year-on-year rise", "an increase of": a noun, not a verb
            codes.append(d + w if d else w)
        clauses, clause_figures, clause_spans = _split(codes, spans, v.breaks)
        reading = Reading(
            index=index,
            start=start,
            end=end,
            figures=figures,
            skeleton=" ".join(codes),
            clauses=[" ".join(c) for c in clauses],
            clause_figures=clause_figures,
            clause_spans=clause_spans,
            spans=spans,
            hidden=hidden,
        )
        return reading, kept, codes

    def _sites(
        self,
        reading: Reading,
        toks: list[Token],
        keep: list[bool],
        kept: list[Token],
        codes: list[str],
        mentions: Sequence[Mention],
        times: list[tuple[int, str]],
        places: list[tuple[int, str]],
    ) -> None:
        """Each figure's site: its clause's adjuncts, the words around it, its clause subject."""
        clause_figures = reading.clause_figures
        # clause of each original token, by position of the kept figure tokens
        fig_pos = {t.fig: k for k, t in enumerate(toks) if t.fig >= 0}
        clause_of_fig = {}
        for c, positions in enumerate(clause_figures):
            for p in positions:
                clause_of_fig[reading.figures[p]] = c
        kept_index = {id(t): k for k, t in enumerate(kept)}
        break_positions = [
            k for k, t in enumerate(toks) if t.word in (";",) or t.word in self.v.breaks
        ]
        openers = self.v.openers
        for mi in reading.figures:
            clause = clause_of_fig.get(mi, 0)
            pos = fig_pos[mi]
            lo = max((b for b in break_positions if b < pos), default=-1)
            hi = min((b for b in break_positions if b > pos), default=len(toks))
            k = kept_index[id(toks[pos])]
            before = tuple(
                c for c in codes[max(0, k - 4) : k] if not c.startswith("#") and c not in ",()"
            )
            after = tuple(c for c in codes[k + 1 : k + 5] if not c.startswith("#"))
            same_kind = [
                q
                for q in clause_figures[clause]
                if mentions[reading.figures[q]].kind == mentions[mi].kind
            ]
            # the subject: a capitalised name opening the clause (after an opener, if any)
            s0 = lo + 1
            for r in range(pos - 1, lo, -1):
                if keep[r] and toks[r].word in openers:
                    s0 = r + 1
                    break
            found = self._subject(toks, keep, s0, pos)
            subject, generic, initial = found.name, found.generic, found.initial
            speaker, noun = found.speaker, found.noun
            if subject is None and s0 > lo + 1 and toks[s0 - 1].word in _RELATIVES:
                # "David Grutman and family members, who own about 28 pct": the name before
                subject = self._name_before(toks, lo + 1, s0 - 1)
            prev_word = toks[pos - 1].word if pos > 0 and toks[pos - 1].kind == "w" else None
            reading.sites[mi] = FigureSite(
                mention=mi,
                clause=clause,
                times=tuple(w for r, w in times if lo < r < hi)
                + tuple(
                    _PERIOD_ADJECTIVES[t.word]
                    for t in toks[max(lo + 1, pos - 4) : pos]
                    if t.word in _PERIOD_ADJECTIVES
                ),
                places=tuple(w for r, w in places if lo < r < hi),
                before=tuple(b.lstrip("+-~") for b in before),
                clause_before=tuple(
                    c.lstrip("+-~^") for c in codes[max(0, k - 12) : k] if not c.startswith("#")
                ),
                after=tuple(a.lstrip("+-~") for a in after),
                subject=subject,
                speaker=speaker,
                subject_generic=generic,
                subject_initial=initial,
                subject_noun=noun,
                verb=prev_word,
                verb_after=_content_verb(after),
                comparison=any(w in _COMPARISON for w in before[-2:])
                or any(w in ("than", "vs", "versus", "compared", "against") for w in after[:2]),
                in_list=len(same_kind) >= 3,
            )


_OCCASION_DETERMINERS = frozenset(["the", "its", "their", "his", "her", "this", "that"])
_OCCASION_STOPS = frozenset(["to", "from", "by", "and", "or", "at", "in", "on", "than", "with"])
_WEAK_LEADS = frozenset(["the", "this", "that", "its", "their", "first", "second", "final"])
# an event after one of these only after one of _EVENT_PREPOSITIONS ("at the election"; not
# "the count rose")
_EVENT_DETERMINERS = frozenset(["the", "its", "their", "this", "that"])
_EVENT_PREPOSITIONS = frozenset(["at", "in", "during", "since", "until"])
_TIME_FILLER = frozenset(["the", "a", "an", "of", "and", "to", "its", "their", "his", "her"])
_MAX_TIME_TOKENS = 10  # no time expression is longer ("in the three months to the end of June")
_PREPOSITIONS = frozenset(
    ["in", "of", "for", "at", "on", "by", "to", "from", "with", "about", "than", "into", "over",
     "under", "after", "before", "against", "between", "among", "across", "per", "via"]
)  # fmt: skip
_PERIOD_ADJECTIVES = {
    "quarterly": "quarter",
    "annual": "year",
    "annually": "year",
    "yearly": "year",
    "monthly": "month",
    "weekly": "week",
    "daily": "day",
}
_AUXILIARIES = frozenset(["was", "were", "is", "are", "had", "has", "have", "been", "be", "being"])


_RELATIVES = frozenset(["who", "which", "whose", "that"])
_RUNS_ON = frozenset(
    ["is", "are", "was", "were", "has", "have", "had", "will", "would", "to", "from", "by",
     "at", "of", "for", "with", "into", "on", "than", "off", "out", "in", "over", "against",
     "could", "should", "may", "might", "did", "do", "does", "voted", "backed", "opposed"]
)  # fmt: skip


def _verb_use(word: str, nxt: str) -> bool:
    """ "lower its stake", "lower the rate": the adverb used as a verb."""
    return word in ("lower", "raise") and nxt in ("its", "the", "their", "his", "her", "our")


_COMPARISON = frozenset(["than", "vs", "versus", "against", "compared", "from", "with"])
_NOUN_LEADS = frozenset(["a", "an", "the", "its", "their", "this", "his", "her", "our", "any"])


def _after_determiner(codes: list[str]) -> bool:
    """Does the next token follow a determiner, maybe with one word or figure between?"""
    if codes and codes[-1] in _NOUN_LEADS:
        return True
    # "a 5% rise", "the year-on-year rise" (but "the deficit fell": a verb)
    return (
        len(codes) >= 2
        and codes[-2] in _NOUN_LEADS
        and (codes[-1].startswith("#") or "-" in codes[-1][1:])
    )


def _other_outcome(word: str, kept: list[Token], groups: dict[str, str]) -> bool:
    """Does the sentence name another outcome of the group of ``word`` ("won" for "lost")?"""
    group = groups[word]
    return any(t.word != word and groups.get(t.word) == group for t in kept if t.kind == "w")


def _content_verb(after: tuple[str, ...]) -> str | None:
    """ "2,000 people were evacuated": the participle after the figure and its auxiliaries."""
    for k, w in enumerate(after[:4]):
        if w in _AUXILIARIES:
            continue
        if k > 0 and after[k - 1] in _AUXILIARIES and w.endswith(("ed", "en")) and len(w) > 4:
            return w
    return None


def _ends_with_verb(words: tuple[str, ...], verb: tuple[str, ...]) -> bool:
    """Does an aside end in the attribution verb (optionally followed by a time word)?"""
    n = len(verb)
    if words[-n:] == verb:
        return True
    return len(words) > n and words[-n - 1 : -1] == verb and words[-1] in (
        "yesterday", "today", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "reporters", "journalists", "investors", "analysts",
    )  # fmt: skip


def _split(
    codes: list[str], spans: list[tuple[int, int]], breaks: frozenset[str]
) -> tuple[list[list[str]], list[list[int]], list[list[tuple[int, int]]]]:
    """Clauses of a skeleton: split at semicolons and at conjunctions that start a clause."""
    clauses: list[list[str]] = [[]]
    figs: list[list[int]] = [[]]
    where: list[list[tuple[int, int]]] = [[]]
    n_fig = 0
    for c, span in zip(codes, spans, strict=True):
        if c == ";" or c in breaks:
            clauses.append([])
            figs.append([])
            where.append([])
            continue
        clauses[-1].append(c)
        where[-1].append(span)
        if c.startswith("#"):
            figs[-1].append(n_fig)
            n_fig += 1
    return clauses, figs, where

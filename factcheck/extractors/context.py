"""What surrounds a number: its hedge, the direction of change, what it measures, when.

Works on one mention at a time, reading only its own clause; knows nothing of other claims except
where they are (so a left-hand search stops at the previous figure when it should).
"""

from __future__ import annotations

import bisect
import functools
import heapq
import re
from array import array
from collections.abc import Sequence

from factcheck.extractors.mention import Mention
from factcheck.extractors.patterns import Patterns
from factcheck.lexicon import Lexicon
from factcheck.models import ClaimKind, Direction, HedgeDirection, Role
from factcheck.segment import Sentences, positions_of

_WINDOW = 200  # no context search reaches further back than this
_VERB_BEFORE = re.compile(r"\b(\w+)\s+$")


def _moved_up_to(
    text: str, hm: re.Match[str], end: int, movement: frozenset[str], being: frozenset[str]
) -> bool:
    """Is an "up to" hedge really "up" + "to" after a verb of ``movement``, or after a verb of
    ``being`` with the base after the figure ("was up to 38.8 pct from 42.7 pct")?"""
    if " ".join(hm.group("h").lower().split()) != "up to":
        return False
    vm = _VERB_BEFORE.search(text, max(0, hm.start() - 20), hm.start())
    if vm is None:
        return False
    verb = vm.group(1).lower()
    return verb in movement or (verb in being and _FROM_AFTER.match(text, end) is not None)


# after the figure, in its sentence: "from" and the base figure ("in March from 6.1 pct",
# "…, according to the report, from 1.4 billion"), not a time ("from next year", "from 1990")
_FROM_AFTER = re.compile(
    r"[^.;:\n]{0,60}?\bfrom\s+(?:[a-z]+\s+)?[$£€¥]?(?!(?:19|20)\d\d\b)\d", re.IGNORECASE
)


_WORDS = re.compile(r"[^\W\d_][\w’'-]*|[,()]")
_FROM_BEFORE = re.compile(r"\b(?P<d>up|down)?\s*\bfrom\s+$", re.IGNORECASE)
_BY_BEFORE = re.compile(r"\bby\s+$", re.IGNORECASE)
_OFF_AFTER = re.compile(r"^\s+off\b")
_HEDGE_QUOTES = ('"', "'", "‘", "“")  # one may stand between a hedge and its figure


def _last_token(near: str) -> str:
    """The lower-case last whitespace-separated token of ``near`` when ``near`` ends in
    whitespace (every end-anchored pattern here ends in ``\\s+$``), else ""."""
    if not near or not near[-1].isspace():
        return ""
    parts = near.rsplit(None, 1)
    return parts[-1].lower() if parts else ""


_LAST_WORD = re.compile(r"\b(\w+)\s+$")
_FROM_WORD = re.compile(r"\bfrom\b", re.IGNORECASE)
_NOUN_THEN = re.compile(r"^\s+[a-z][a-z-]+(?=\s+(?:a|an|per|each|every)\s)")
_OBJECT_THEN_PERIOD = re.compile(r"^\s+(?:\w+\s+){1,4}?(?=(?:every|each|a|per|year)\b)")


_PUNCT_BREAK = re.compile(r"[;:!?]|\.(?=\s)|[—–]\s")  # the reference for _punct_breaks
_PUNCT_CHARS = ";:!?.—–"
# an aside right after a figure: an attribution between commas, a dash pair, brackets
_ASIDE_AFTER = re.compile(r"\s*(?:,(?P<attr>[^,.;()\d]{1,50}),|—[^—\d]{1,40}—|\([^()\d]{1,40}\))")


def _punct_breaks(text: str) -> array[int]:
    """``[m.end() for m in _PUNCT_BREAK.finditer(text)]``, in a fifth of the time: the candidate
    characters are found with ``str.find``, and a full stop or dash counts only before
    whitespace. An array of machine integers: a megabyte of short sentences has 300,000 breaks,
    a tenth of the memory of a list of ints."""
    out = array("q")
    n = len(text)
    for s in positions_of(text, _PUNCT_CHARS):
        e = s + 1
        ch = text[s]
        if ch in ".—–":
            if e >= n or not text[e].isspace():
                continue
            if ch != ".":
                e += 1  # a dash's break is after the space that follows it
        out.append(e)
    return out


_Scans = tuple[tuple[str, tuple[tuple[str, int], ...]], ...]


@functools.cache
def _break_scans(words: tuple[str, ...]) -> _Scans:
    """The strings to look for to find ``words``, each with the words it finds and where they
    start against it: a word holding another ("although": "though") or one sharing its first
    four letters with another ("whilst", "while") costs no pass over the text of its own."""
    scans: list[tuple[str, list[tuple[str, int]]]] = []
    for w in sorted(set(words), key=lambda w: (len(w), w)):
        for k, (needle, found) in enumerate(scans):
            at = w.find(needle)
            if at != -1:
                found.append((w, at))
                break
            common = next(
                (i for i, (a, b) in enumerate(zip(needle, w, strict=False)) if a != b),
                min(len(needle), len(w)),
            )
            if common >= 4:  # the shorter needle still starts where each found word starts
                scans[k] = (needle[:common], [*found, (w, 0)])
                break
        else:
            scans.append((w, [(w, 0)]))
    return tuple((needle, tuple(found)) for needle, found in scans)


def clause_breaks(text: str, words: tuple[str, ...], lowered: str | None = None) -> Sequence[int]:
    """Sorted offsets just after each clause break: ; : ! ? a full stop, a dash, or one of the
    lower-case conjunctions ``words`` that start a new clause ("but", "while", "although"…:
    ``Lexicon.clause_break_words``).

    Plain ``str.find`` for the words (one pass for words that share a part, ``_break_scans``):
    one regex alternation over the whole text costs several times more, and this runs once per
    document.
    """
    punct = _punct_breaks(text)  # sorted
    out: list[int] = []
    low = lowered if lowered is not None else text.lower()
    n = len(low)
    for needle, found in _break_scans(words):
        i = low.find(needle)
        while i != -1:
            for word, at in found:
                s = i - at
                if s < 0 or not low.startswith(word, s):
                    continue
                j = s + len(word)
                if (s == 0 or not low[s - 1].isalnum()) and (j == n or not low[j].isalnum()):
                    out.append(j)
            i = low.find(needle, i + 1)
    if not out:
        return punct
    out.sort()
    return array("q", heapq.merge(punct, out))


@functools.cache
def _particle(word: str, leading: bool) -> re.Pattern[str]:
    """ "off" after the amount ("lopping $46bn off") or anywhere before it."""
    word = re.escape(word)  # a lexicon entry is a word, never a pattern
    return re.compile(rf"^\s+{word}\b" if leading else rf"\b{word}\b")


class Contextualiser:
    """Fills hedge, direction, role, measure, owner, anchor and period of each mention."""

    def __init__(self, lex: Lexicon, pat: Patterns) -> None:
        self.lex = lex
        self.pat = pat
        self.up_nouns = lex.up_nouns
        self.down_nouns = lex.down_nouns
        self._noun_after = pat.change_noun_after
        self._noun_before = pat.change_noun_before
        self._place_preps = frozenset(w.lower() for w in lex.relations.place.prepositions)
        self._breaks: Sequence[int] = []
        self._low: str | None = None  # the text lower-cased, when that keeps every offset
        self._hedge_ends = pat.hedge_ends
        place = lex.relations.place  # "25% across the US": a place, not what is measured
        self._place_words = frozenset(w.lower() for w in [*place.prepositions, *place.words])

    @property
    def clause_breaks(self) -> Sequence[int]:
        """The clause breaks of the text last applied to (none before any figure is read)."""
        return self._breaks

    def apply(
        self,
        text: str,
        mentions: list[Mention],
        sentences: Sentences,
        lowered: str | None = None,
    ) -> None:
        """Fill the context of each mention; ``lowered`` is ``text.lower()`` if known."""
        prev_end = 0
        # clause breaks found once; each figure's clause start is a bisection, not a rescan
        self._breaks = clause_breaks(text, self.lex.clause_break_words, lowered) if mentions else []
        if lowered is None and mentions:
            low = text.lower()
            lowered = low if len(low) == len(text) else None  # "İ" lower-cases to two characters
        self._low = lowered
        for m in mentions:
            m.sentence = sentences.index(m.num_start)
            s_start, s_end = sentences.bounds(m.sentence)
            if m.kind in (ClaimKind.YEAR,):
                prev_end = max(prev_end, m.end)
                continue
            self._hedge(text, m, max(s_start, prev_end))
            if m.kind == ClaimKind.AGE:
                prev_end = m.end
                continue
            clause_start = self._clause_start(text, s_start, m.start)
            self._direction_and_role(text, m, clause_start, s_end)
            self._measure(text, m, max(clause_start, prev_end), s_end)
            self._anchor(text, m, s_start, s_end)
            self._period(text, m, s_end)
            prev_end = m.end

    # ------------------------------------------------------------------ hedge
    def _hedge(self, text: str, m: Mention, floor: int) -> None:
        lo = max(floor, m.start - 30)
        low = self._low
        window = low[lo : m.start] if low is not None else text[lo : m.start].lower()
        # the pattern ends \s*["'‘“]?\s*$ (re's \s is str.isspace): strip the same, then test
        tail = window.rstrip()
        if tail[-1:] in _HEDGE_QUOTES:
            tail = tail[:-1].rstrip()
        if not tail.endswith(self._hedge_ends):
            hm = None
        elif low is not None:
            hm = self.pat.hedge_before_lc.search(low, lo, m.start)
        else:
            hm = self.pat.hedge_before.search(text, lo, m.start)
        if (
            hm is not None
            and hm.group("h")
            and _moved_up_to(text, hm, m.end, self.pat.movement_verbs, self.pat.being_verbs)
        ):
            hm = None  # "edged up to 4%", "adds up to 100": a movement, not a bound
        if hm is not None:
            group = "h" if hm.group("h") is not None else "hs"
            phrase = " ".join(hm.group(group).lower().split())
            direction, _ = self.lex.hedges_before[phrase]
            m.hedge = phrase
            m.hedge_direction = HedgeDirection(direction)
            m.start = hm.start(group)
        am = self.pat.hedge_after.match(text, m.end)
        # an after-hedge that bounds the figure wins over "about" ("about 500 or more")
        loose = m.hedge is None or m.hedge_direction == HedgeDirection.APPROX
        if am is not None and loose and m.kind != ClaimKind.MULTIPLIER:
            phrase = (am.group("h") or am.group("s")).lower()
            key = phrase if phrase in self.lex.hedges_after else phrase.lstrip("-")
            if key in self.lex.hedges_after:
                direction, _ = self.lex.hedges_after[key]
                m.hedge = phrase
                m.hedge_direction = HedgeDirection(direction)
                m.end = am.end()
        if m.vague and m.hedge is None:
            m.hedge_direction = HedgeDirection.APPROX

    # ------------------------------------------------------------------ clause
    def _clause_start(self, text: str, s_start: int, pos: int) -> int:
        """The last clause break before ``pos`` within its sentence (at most 200 characters)."""
        i = bisect.bisect_right(self._breaks, pos) - 1
        start = self._breaks[i] if i >= 0 and self._breaks[i] <= pos else s_start
        return max(start, s_start, pos - _WINDOW)

    # ------------------------------------------------------------------ direction, role
    def _direction_and_role(self, text: str, m: Mention, c_start: int, s_end: int) -> None:
        lex = self.lex
        c_start = max(c_start, m.start - 120)  # anchored searches read a bounded window
        left = text[c_start : m.start]
        near = left[-48:]  # the end-anchored patterns below never need more
        right = text[m.end : min(s_end, m.end + 60)]
        word: str | None = None
        direction: Direction | None = None
        adjacent = False
        # the patterns anchored at the end of ``near`` can only match when its last word ends
        # in one of their final words: a set test skips most of them (they scan all of near)
        last = _last_token(near)
        pat = self.pat
        am = pat.adj_direction_before.search(near) if last.endswith(pat.adj_ends) else None
        if am is not None:
            word = am.group("d").lower()
            direction = Direction.UP if word in pat.up_before else Direction.DOWN
            adjacent = True
        if direction is None:
            bm = pat.adj_direction_after.match(right)
            if bm is not None and m.kind != ClaimKind.MULTIPLIER:
                word = bm.group("d").lower()
                direction = Direction.UP if word in pat.up_after else Direction.DOWN
                adjacent = True
        if direction is None:
            nm = self._noun_after.match(right) if m.kind != ClaimKind.MULTIPLIER else None
            if nm is None and last.endswith(pat.noun_link_ends):
                nm = self._noun_before.search(near)
            if nm is not None:
                word = nm.group("n").lower()
                direction = Direction.UP if word in self.up_nouns else Direction.DOWN
                adjacent = True
        verb_pos = -1
        if direction is None:
            # nearest direction verb to the left within the clause (at most 12 words back)
            tail_start = c_start + max(0, len(left) - 90)
            if self._low is not None:
                found = self.pat.direction_word_lc.finditer(self._low[tail_start : m.start])
            else:
                found = self.pat.direction_word.finditer(text[tail_start : m.start])
            best = None
            for dm in found:
                w = dm.group("d").lower()
                if w in pat.adjacent_after:
                    continue  # read against the figure above, never as a verb further left
                best = dm
            if best is not None:
                word = best.group("d").lower()
                verb_pos = tail_start + best.start()
                if word in lex.separable:
                    particle = lex.separable[word]
                    after = _particle(particle, True).match(right)
                    if not after and not _particle(particle, False).search(text, verb_pos, m.start):
                        word = None
                if word is not None:
                    direction = Direction.UP if word in lex.up_words else Direction.DOWN
        if direction is None:
            # "lopping about $46 billion off", "wiped $5bn off": verb may be just before
            sm = _OFF_AFTER.match(right)
            if sm is not None:
                vm = _LAST_WORD.search(near)
                if vm is not None and vm.group(1).lower() in lex.separable:
                    word = vm.group(1).lower()
                    direction = Direction.DOWN
        m.direction = direction
        m.direction_word = word
        # role
        fm = _FROM_BEFORE.search(near) if last.endswith("from") else None
        if fm is not None:
            m.role = Role.FROM
            if fm.group("d"):
                m.direction = Direction.UP if fm.group("d").lower() == "up" else Direction.DOWN
                m.direction_word = fm.group("d").lower()
                m.extra["up_from"] = True
            return
        if (
            last.endswith(pat.to_ends)
            and pat.to_before.search(near)
            and (direction is not None or _FROM_WORD.search(left))
        ):
            m.role = Role.TO
            return
        if (
            m.kind in (ClaimKind.PERCENT, ClaimKind.PERCENTAGE_POINT)
            and last.endswith("of")
            and pat.change_of.search(near)
        ):
            m.role = Role.CHANGE
            return
        if direction is None:
            return
        by = last.endswith("by") and _BY_BEFORE.search(near)
        if adjacent or by or _OFF_AFTER.match(right):
            m.role = Role.CHANGE
            return
        if verb_pos >= 0:
            between = text[verb_pos : m.start]
            words = [w for w in _WORDS.findall(between) if w not in (",", "(", ")")]
            if len(words) <= 4 and m.kind in (
                ClaimKind.PERCENT,
                ClaimKind.PERCENTAGE_POINT,
                ClaimKind.MONEY,
                ClaimKind.COUNT,
                ClaimKind.QUANTITY,
                ClaimKind.FRACTION,
            ):
                m.role = Role.CHANGE

    # ------------------------------------------------------------------ measure, owner
    def _measure(self, text: str, m: Mention, floor: int, s_end: int) -> None:
        if m.kind in (ClaimKind.DURATION, ClaimKind.QUANTITY, ClaimKind.AGE):
            return
        right = self._past_aside(text[m.end : min(s_end, m.end + 120)])[:70]
        rm = self.pat.measure_after.match(right)
        if rm is not None and m.kind != ClaimKind.MULTIPLIER and rm.group("link") == "from":
            rm = None
        if rm is not None and m.kind == ClaimKind.MONEY and rm.group("link") is None:
            rm = None if rm.group("words")[:1].isupper() else rm
        if rm is not None and rm.group("link") == "in" and m.kind != ClaimKind.MONEY:
            rm = None
        if rm is not None:
            phrase = self._noun_phrase(rm.group("words"))
            if phrase:
                m.measure = self._verb_measure(text, m, phrase, floor) or phrase
                if rm.group("owner"):
                    m.owner = rm.group("owner").lower()
                return
        self._measure_left(text, m, floor)

    def _verb_measure(self, text: str, m: Mention, phrase: str, floor: int) -> str | None:
        """ "employs 4,500 people": the verb says more than the noun (the staff)."""
        if phrase not in self.pat.generic_people:
            return None
        vm = _LAST_WORD.search(text, max(floor, m.start - 20), m.start)
        if vm is None:
            return None
        return self.lex.verb_measures.get(vm.group(1).lower())

    def _noun_phrase(self, words: str) -> str | None:
        """The measure in up to four words after a number: 'members', 'app developers'."""
        lex = self.lex
        toks = words.split()
        out: list[str] = []
        for k, tok in enumerate(toks):
            low = tok.lower().rstrip("’'")
            possessive = tok.endswith(("’", "'", "’s", "'s"))
            if low.endswith(("’s", "'s")):
                low = low[:-2]
            if low in lex.not_measures or low in lex.up_words or low in lex.down_words:
                break
            if low in self._place_words:
                break
            if k == 0 and (low in lex.time_heads or low in lex.ordinal_words):
                break  # "$20.9bn in the third quarter", "in January": a time, not a measure
            if k == 0 and low.endswith("ed") and low not in lex.measure_group_of:
                break  # "700 backed the motion", "300 died": a verb, not what is counted
            if (
                k > 0
                and (low.endswith("ing") or low.endswith("ed"))
                and (" ".join([*out, low]) not in lex.measure_group_of)
            ):
                break
            if tok[:1].isupper() and k > 0:
                break
            out.append(low)
            if possessive:
                break
            if k == 0 and low in lex.measure_group_of and len(toks) > 1:
                nxt = toks[1].lower().rstrip("’'")
                if f"{low} {nxt}" not in lex.measure_group_of and not nxt.endswith("s"):
                    break
            if k + 1 < len(toks) and len(low) > 3 and low.endswith("s") and not low.endswith("ss"):
                nxt = toks[k + 1].lower().rstrip("’'")
                if not nxt.endswith("s") and " ".join([*out, nxt]) not in lex.measure_group_of:
                    break  # "1,340 volunteers took part": a plural noun ends the phrase
        while out and out[0][:1].isupper():
            out.pop(0)
        if not out:
            return None
        if (
            len(out) > 1
            and out[0] in lex.measure_group_of
            and (" ".join(out) not in lex.measure_group_of)
            and out[-1] not in lex.measure_group_of
        ):
            out = out[:1]
        return " ".join(out)

    def _before_attribution(self, toks: list[str], i: int) -> int:
        """ "…, according to the report, to 90,000": the comma opening the attribution that
        ends at the comma ``toks[i]`` (its words say nothing of the figure), else ``i``."""
        j = i - 1
        while j >= 0 and toks[j] not in (",", "(", ")"):
            j -= 1
        if j < 0 or not self._attribution(toks[j + 1 : i]):
            return i
        return j

    def _attribution(self, toks: list[str]) -> bool:
        """Do these words (between commas) say who says so: "according to the report",
        "officials said"?"""
        words = tuple(w.lower() for w in toks)
        if not words or len(words) > 6:
            return False
        a = self.lex.relations.attribution
        leads = (tuple(p.split()) for p in a.leads)
        verbs = (tuple(p.split()) for p in a.verbs)
        return any(words[: len(p)] == p for p in leads) or any(words[-len(p) :] == p for p in verbs)

    def _past_aside(self, right: str) -> str:
        """The text after a figure past an aside that says nothing of it: "$46 billion,
        officials said, off the company's value", "$46 billion — a record — off …"."""
        am = _ASIDE_AFTER.match(right)
        if am is None:
            return right
        if am.group("attr") is not None and not self._attribution(_WORDS.findall(am.group("attr"))):
            return right
        return " " + right[am.end() :].lstrip()

    def _measure_left(self, text: str, m: Mention, floor: int) -> None:
        lex, pat = self.lex, self.pat
        window = text[max(floor, m.start - 90) : m.start]
        toks = _WORDS.findall(window)
        linked = m.kind == ClaimKind.MULTIPLIER  # "Visitor numbers have tripled": the verb links
        if toks and m.kind == ClaimKind.MONEY:
            verb = toks[-1].lower() if toks[-1] not in (",", "(", ")") else ""
            if verb in ("at", "by") and len(toks) > 1:
                verb = toks[-2].lower()  # "valued at", "fined by"? only "valued at" is kept
            if verb in lex.verb_measures and (toks[-1].lower() != "by"):
                m.measure = lex.verb_measures[verb]
                k = len(toks) - (3 if toks[-1].lower() in ("at", "by") else 2)
                while k >= 0 and toks[k] in (",", "(", ")"):
                    k -= 1
                noun = toks[k].lower() if k >= 0 else ""
                if lex.measure_group(noun) is not None and noun not in lex.not_measures:
                    m.measure = noun  # "The deal, worth $4.2bn": the deal's value is the deal
                return
        i = len(toks) - 1
        while i >= 0:
            t = toks[i]
            low = t.lower()
            if t in (",", "(", ")"):
                i = self._before_attribution(toks, i) - 1
                continue
            if low in pat.linkers or low in lex.up_words or low in lex.down_words:
                linked = True
                i -= 1
                continue
            if low in pat.skip_left or (low.endswith("ly") and len(low) > 4):
                i -= 1
                continue
            if linked and low.endswith("ed") and len(low) > 4 and low not in lex.measure_group_of:
                i -= 1  # "Inflation edged up to 4%": a verb between the measure and the figure
                continue
            break
        if not linked or i < 0:
            return
        places = self._place_preps
        j = i - 1 if i >= 1 and toks[i - 1].lower() in ("the", "this", "that") else i
        if (
            j >= 2
            and toks[j - 1].lower() in places
            and toks[j - 2].isalpha()
            and toks[j - 2].lower() not in self.lex.not_measures
        ):
            i = j - 2  # "Hotel occupancy in the city fell 4%": the place is no measure
        t = toks[i]
        low = t.lower().rstrip("’'")
        if low.endswith(("’s", "'s")):
            return  # "the company's $5bn": the owner, not the measure
        sentence_initial = i == 0 or toks[i - 1] == "," or toks[i - 1].lower() in pat.phrase_leads
        if low in lex.not_measures or (
            t[:1].isupper() and low not in lex.measure_group_of and not sentence_initial
        ):
            return
        measure = low
        j = i - 1
        if j >= 0 and f"{toks[j].lower()} {low}" in lex.measure_group_of:
            measure = f"{toks[j].lower()} {low}"
            j -= 1
        while j >= 0 and toks[j].lower() == "own":
            j -= 1
        plural_owner = j >= 0 and len(toks[j]) > 2 and toks[j].lower().endswith(("s’", "s'"))
        if j >= 0 and (toks[j].lower().endswith(("’s", "'s")) or plural_owner):
            owner = toks[j][: -1 if plural_owner else -2].lower()  # "Farmers' incomes" too
            if (
                j - 1 >= 0
                and toks[j - 1][:1].islower()
                and toks[j - 1].lower() not in pat.phrase_leads
                and toks[j - 1].lower() not in lex.not_measures
            ):
                owner = f"{toks[j - 1].lower()} {owner}"
            m.owner = owner
        elif j >= 0 and toks[j].lower() in pat.possessives:
            m.owner = toks[j].lower()
        if measure in lex.time_heads:
            return  # "from early highs of 16.50", "January of 99.0 mln": a time, not a measure
        m.measure = measure

    # ------------------------------------------------------------------ anchor, period
    def _anchor(self, text: str, m: Mention, s_start: int, s_end: int) -> None:
        am = self.pat.anchor_after.match(text[m.end : min(s_end, m.end + 60)])
        if am is not None:
            m.anchor = " ".join(am.group("a").split())
            m.anchor_year = int(am.group("y"))
            return
        lm = self.pat.anchor_lead.match(text[s_start : min(s_end, s_start + 40)])
        if lm is not None and s_start + lm.end() <= m.start:
            m.anchor = " ".join(lm.group("a").split())
            m.anchor_year = int(lm.group("y"))

    def _period(self, text: str, m: Mention, s_end: int) -> None:
        after = text[m.end : min(s_end, m.end + 50)]
        pm = self.pat.periods.match(after)
        if pm is None and m.kind in (ClaimKind.COUNT, ClaimKind.MONEY):
            # "100 ships a day", "500 jobs a year": the rate's denominator after its noun
            nm = _NOUN_THEN.match(after)
            if nm is not None:
                pm = self.pat.periods.match(after[nm.end() :])
        if pm is None and m.kind == ClaimKind.MULTIPLIER:
            # "doubled its takings every year": skip the object
            om = _OBJECT_THEN_PERIOD.match(after)
            skipped = om.group(0).split() if om is not None else []
            # "doubled in a decade" is over a decade, not every decade
            if om is not None and skipped[-1].lower() not in self.pat.span_prepositions:
                pm = self.pat.periods.match(after[om.end() :])
        if pm is not None:
            m.per = self.lex.periods[" ".join(pm.group("p").lower().split())]

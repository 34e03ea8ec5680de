"""Parts and wholes: "Of the 7,300 posts, 4,000 are in London, 2,800 in Leeds and 500 in
York"; "The £67bn plan includes £29bn for roads and £12bn for rail"; "…, a total of 7,300";
"3,000 jobs, or 25% of its 12,000 staff"; "60 of the 50 firms"; "45% said yes, 38% no and 22%
did not know".

Read over a sentence's whole skeleton (parts may be separated by semicolons, each with a verb
of its own), after changes: a figure that is a change or a before/after value is never a part.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import pairwise

from factcheck.extractors.mention import Mention
from factcheck.lexicon import Lexicon
from factcheck.models import ClaimKind, RelationKind
from factcheck.relations.draft import Draft
from factcheck.relations.sentence import Reading

_AMOUNT = frozenset("mcqd")
_SHARE = frozenset("pf")
_DETS = frozenset(["the", "its", "their", "his", "her", "our", "all", "a", "an", "this", "these",
                   "those", "some", "every"])  # fmt: skip
_SHARE_LEADS = (
    ("or",), ("representing",), ("accounting", "for"), ("equivalent", "to"), ("equal", "to"),
    ("that", "is"), ("which", "is"), ("i.e",), ("nearly",), ("almost",), ("about",),
    ("around",), ("some",), ("roughly",), ("or", "about"), ("or", "nearly"), ("or", "almost"),
    ("or", "some"), ("or", "around"), ("or", "roughly"), ("just", "over"), ("just", "under"),
)  # fmt: skip
_WHOLE_NOUN_LEADS = frozenset(["its", "their", "his", "her", "our"])
_WHOLE_NOUN_SKIP = frozenset(["total", "entire", "whole", "overall", "combined"])
# after a part, words that say the parts may overlap ("200 used Facebook and 150 used Twitter")
_OVERLAPPING = frozenset(
    ["used", "use", "uses", "own", "owns", "owned", "have", "has", "had", "visited", "read",
     "watched", "bought", "like", "liked", "know", "knew", "also", "both", "either", "each"]
)  # fmt: skip


# the prepositions of a breakdown: "4,000 are in London, 2,800 in Leeds", "£29bn for roads"
_PARTITION_PREPS = frozenset(["in", "for", "at", "from"])
# "of those, 30 …": the next figure is a part of the one before
_NESTING = ("those", "them", "these", "whom", "which")

# a figure right after one of these is not the next item of a list ("among the ten")
_NOT_AN_ITEM = frozenset(
    ["of", "among", "than", "from", "against", "vs", "versus", "to", "by", "at", "with", "over",
     "out", "per", "compared", "between", "within", "about", "for", "on", "in", "into", "under"]
)  # fmt: skip


# a list does not run across another clause ("…, while the wheat volume totalled 197 lots"),
# an infinitive ("warrants to purchase another 1.5 mln"), or another total
_GAP_STOPS = frozenset(
    ["but", "while", "whilst", "whereas", "although", "though", "however", "yet", "to", "with",
     "total", "after", "before", "because", "since", "when", "which", "who", "than"]
)  # fmt: skip


def _linker_fits(linker: str, comma: bool) -> bool:
    """ "5,000 staff, of whom …" needs its comma ("41 of them should" is no list); "The plan
    includes …" must have none (after a comma, "includes" has another subject); "including",
    "split between", "made up of" go either way."""
    if linker == "of":
        return comma
    if linker.endswith("ing") or linker in ("such", "among", "split", "divided", "broken", "made"):
        return True
    return not comma


def _time_follows(view: _View, p: int, heads: frozenset[str]) -> bool:
    """ "nine mths includes …": a figure counting periods is not a whole of parts."""
    k = view.fig_at[p] + 1
    return k < len(view.toks) and view.toks[k] in heads


def _parallel(view: _View, w: int, parts: list[int], outcomes: _Outcomes) -> bool:
    """Do the parts read as one breakdown, so that together they cannot exceed the whole? Each
    with the same preposition of place or purpose ("4,000 are in London, 2,800 in Leeds and
    1,750 in Glasgow"; "£29bn for roads, £12bn for rail"), each a clause of its own between
    semicolons ("2,200 came back; 1,900 were captured and 900 were killed"), or each another
    outcome of one group ("won 18, drawn 9 and lost 5"). Parts that say other things of one
    group may overlap ("10 were women and 8 were under 30")."""
    if len(parts) < 2:
        return False
    if _outcome_list(view, w, parts, outcomes):
        return True
    gaps = [view.words(view.fig_at[a] + 1, view.fig_at[b]) for a, b in pairwise(parts)]
    if any(_nested(g) for g in gaps):
        return False  # "45 were interviewed; of those, 30 …": a part of a part
    if any(";" in g for g in gaps):
        return True
    sites = [view.reading.sites.get(view.mention(p)) for p in parts]
    places = {w for s in sites if s is not None for w in s.places}
    if len(places) >= len(parts):
        return True  # "4,000 are in London, 2,800 in Leeds and …": a place each (set aside)
    preps = set()
    for p in parts:
        k = view.fig_at[p] + 1
        found = None
        for t in view.words(k, k + 3):
            if t in _PARTITION_PREPS:
                found = t
                break
            if not t[:1].isalpha() or t in _NOT_AN_ITEM or t == "and":
                break
        if found is None:
            return False
        preps.add(found)
    return len(preps) == 1


_Outcomes = tuple[tuple[tuple[str, ...], ...], ...]  # groups of outcome phrases (as words)
_ITEM_BREAKS = frozenset([",", ";", "and", ":", "-"])


def _outcome_list(view: _View, w: int, parts: list[int], outcomes: _Outcomes) -> bool:
    """Does each part's item name another outcome of one group ("the club has won 18, drawn
    9 and lost 5"; "41 were rated good, 38 required improvement and 12 were judged
    inadequate")? An item runs from the list break before its figure to the one after it."""
    toks = view.words(0, len(view.toks))
    bounds = [view.fig_at[w], *(view.fig_at[p] for p in parts), len(toks)]
    items = []
    for i, p in enumerate(parts):
        at = lo = view.fig_at[p]
        while lo - 1 > bounds[i] and toks[lo - 1] not in _ITEM_BREAKS:
            lo -= 1
        hi = at + 1
        while hi < bounds[i + 2] and toks[hi] not in _ITEM_BREAKS:
            hi += 1
        items.append(toks[lo:at] + toks[at + 1 : hi])
    for group in outcomes:
        named = [_outcomes_in(item, group) for item in items]
        if all(named) and sum(len(n) for n in named) == len(set().union(*named)):
            return True
    return False


def _outcomes_in(item: list[str], group: tuple[tuple[str, ...], ...]) -> set[tuple[str, ...]]:
    """The outcomes of ``group`` an item names, the longest phrase at each word."""
    found: set[tuple[str, ...]] = set()
    k = 0
    while k < len(item):
        match = max((o for o in group if tuple(item[k : k + len(o)]) == o), key=len, default=None)
        if match is None:
            k += 1
            continue
        found.add(match)
        k += len(match)
    return found


def _nested(gap: list[str]) -> bool:
    return any(gap[k : k + 2] in (["of", w] for w in _NESTING) for k in range(len(gap) - 1))


def _aside_close(toks: list[str], q: int) -> int | None:
    """After a whole, ", unveiled on Tuesday, includes …": an aside of a few words between
    commas (its time adjunct already set aside) that leaves the whole the verb's subject. The
    position just after the aside's closing comma, or None."""
    if q >= len(toks) or toks[q] != ",":
        return None
    for r in range(q + 1, min(q + 5, len(toks))):
        if toks[r] == ",":
            return r if r > q + 1 else None
        if not toks[r][:1].isalpha() or toks[r] in _GAP_STOPS:
            return None
    return None


def _list_gap(gap: list[str]) -> bool:
    """Does this gap separate two items of a list? A comma, semicolon or "and" in at most ten
    tokens, no conjunction that opens another clause, and no preposition right before the next
    item."""
    if len(gap) > 10 or not any(t in (",", ";", "and") for t in gap):
        return False
    if any(t in _GAP_STOPS for t in gap):
        return False
    return _item_start(gap)


def _item_start(before: list[str]) -> bool:
    """Can a list item start after these tokens? Not right after a preposition ("among the
    ten", "for 279 units")."""
    words = [t.lstrip("+-~") for t in before if t not in _DETS]
    return not words or words[-1] not in _NOT_AN_ITEM


class _View:
    """The skeleton as a token list, with each figure's position and kind."""

    def __init__(self, reading: Reading) -> None:
        self.toks = reading.skeleton.split(" ") if reading.skeleton else []
        self.spans = reading.spans
        self.fig_at: list[int] = [k for k, t in enumerate(self.toks) if t.startswith("#")]
        self.reading = reading

    def kind(self, p: int) -> str:
        return self.toks[self.fig_at[p]][1]

    def mention(self, p: int) -> int:
        return self.reading.figures[p]

    def words(self, a: int, b: int) -> list[str]:
        return [t.lstrip("+-~") for t in self.toks[a:b]]


def _same_family(a: Mention, b: Mention) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind in (ClaimKind.MONEY, ClaimKind.QUANTITY):
        return a.unit == b.unit
    return True


def _starts_with(words: list[str], leads: Sequence[tuple[str, ...]]) -> int:
    """Length of the longest lead phrase ``words`` starts with (0 for none)."""
    best = 0
    for lead in leads:
        if len(lead) > best and tuple(words[: len(lead)]) == lead:
            best = len(lead)
    return best


class PartsReader:
    """Reads parts, wholes and shares from a sentence's skeleton."""

    def __init__(self, lex: Lexicon) -> None:
        r = lex.relations
        self.exhaustive = tuple(tuple(p.split()) for p in r.totals.exhaustive)
        self.partial = tuple(tuple(p.split()) for p in r.totals.partial)
        self.total = tuple(tuple(p.split()) for p in r.totals.total)
        self.remainder = tuple(tuple(p.split()) for p in r.totals.remainder)
        self.poll_verbs = tuple(tuple(p.split()) for p in r.polls.verbs)
        self.exclusive_wholes = lex.exclusive_wholes
        self.signed = frozenset(r.totals.signed)
        self.outcomes: _Outcomes = tuple(
            tuple(tuple(o.split()) for o in group) for group in r.totals.outcomes.values()
        )
        self.time_heads = frozenset(r.time.heads)
        self.lex = lex

    def read(
        self, reading: Reading, mentions: Sequence[Mention], taken: set[int]
    ) -> Iterator[Draft]:
        view = _View(reading)
        if len(view.fig_at) < 2:
            return
        used: set[int] = set()
        yield from self._shares(view, mentions, taken, used)
        yield from self._wholes(view, mentions, taken, used)
        yield from self._poll(view, mentions, taken)

    # ------------------------------------------------------------------ helpers
    def _draft(
        self,
        view: _View,
        kind: RelationKind,
        slots: dict[str, list[int]],
        shape: str,
        positions: list[int],
        exhaustive: bool | None = None,
    ) -> Draft:
        starts = [view.spans[view.fig_at[p]][0] for p in positions]
        ends = [view.spans[view.fig_at[p]][1] for p in positions]
        return Draft(
            kind=kind,
            slots=slots,
            start=min(starts),
            end=max(ends),
            sentence=view.reading.index,
            shape=shape,
            exhaustive=exhaustive,
        )

    def _list_after(
        self, view: _View, mentions: Sequence[Mention], first: int, like: Mention, taken: set[int]
    ) -> list[int]:
        """Positions of a list of figures like ``like`` starting at figure ``first``: each
        separated from the last by a comma, semicolon or "and", nothing of their kind between."""
        out = [first]
        p = first + 1
        while p < len(view.fig_at):
            mi = view.mention(p)
            m = mentions[mi]
            gap = view.toks[view.fig_at[p - 1] + 1 : view.fig_at[p]]
            if not _same_family(m, like):
                if view.kind(p) in _AMOUNT | _SHARE:
                    break
                p += 1
                continue
            if mi in taken or not _list_gap(gap):
                break
            out.append(p)
            p += 1
        return out

    def _followed_by_of(self, view: _View, p: int) -> bool:
        k = view.fig_at[p] + 1
        words = view.words(k, k + 4)
        return bool(words) and words[0] in ("of", "out") and not self._remainder_like(words)

    def _remainder_like(self, words: list[str]) -> bool:
        return _starts_with(words, self.remainder) > 0

    # ------------------------------------------------------------------ shares
    def _shares(
        self, view: _View, mentions: Sequence[Mention], taken: set[int], used: set[int]
    ) -> Iterator[Draft]:
        """ "3,000 jobs, or 25% of its 12,000 staff"; "1,200 of the 5,000 staff (24%)";
        "900 jobs, or 25% of its workforce" (the workforce given earlier); "60 of the 50"."""
        toks = view.toks
        n = len(view.fig_at)
        for p in range(n):
            if view.kind(p) not in _AMOUNT:
                continue
            part = mentions[view.mention(p)]
            k = view.fig_at[p] + 1
            # skip up to three measure words: "3,000 jobs, or 25%"
            q = k
            while q < len(toks) and q - k < 3 and toks[q].lstrip("+-~")[:1].isalpha():
                # "450 jobs would go, or 30% of …": a verb of change may stand before the comma
                if toks[q] in ("of", "out", "or", "representing"):
                    break
                q += 1
            if q < len(toks) and toks[q] in (",", "(", "-"):
                q += 1
                lead = _starts_with(view.words(q, q + 3), _SHARE_LEADS)
                q += lead
                if q < len(toks) and toks[q].startswith("#") and toks[q][1] in _SHARE:
                    s = view.fig_at.index(q)
                    yield from self._share_of(view, mentions, p, s, taken)
                continue
            # "1,200 of the 5,000 staff (24%)" and "60 of the 50 firms"
            words = view.words(k, k + 3)
            if words[:1] == ["of"] or words[:2] == ["out", "of"]:
                q = k + (2 if words[0] == "out" else 1)
                if q < len(toks) and toks[q] in _DETS:
                    q += 1
                if q < len(toks) and toks[q].startswith("#") and toks[q][1] in _AMOUNT:
                    w = view.fig_at.index(q)
                    whole = mentions[view.mention(w)]
                    if not _same_family(part, whole) or whole.vague or part.vague:
                        continue
                    share = self._bracketed_share(view, w)
                    if share is not None:
                        yield self._draft(
                            view,
                            RelationKind.SHARE,
                            {
                                "part": [view.mention(p)],
                                "share": [view.mention(share)],
                                "whole": [view.mention(w)],
                            },
                            "part-of-whole-share",
                            [p, w, share],
                        )
                    yield self._draft(
                        view,
                        RelationKind.PARTS,
                        {"whole": [view.mention(w)], "parts": [view.mention(p)]},
                        "part-of",
                        [p, w],
                        exhaustive=False,
                    )

    def _bracketed_share(self, view: _View, w: int) -> int | None:
        """ "of the 5,000 staff (24%)": the share after the whole."""
        toks = view.toks
        k = view.fig_at[w] + 1
        q = k
        while q < len(toks) and q - k < 3 and toks[q][:1].isalpha():
            q += 1
        if q < len(toks) and toks[q] in ("(", ","):
            q += 1
            q += _starts_with(view.words(q, q + 2), _SHARE_LEADS)
            if q < len(toks) and toks[q].startswith("#") and toks[q][1] in _SHARE:
                return view.fig_at.index(q)
        return None

    def _share_of(
        self, view: _View, mentions: Sequence[Mention], p: int, s: int, taken: set[int]
    ) -> Iterator[Draft]:
        toks = view.toks
        part = mentions[view.mention(p)]
        k = view.fig_at[s] + 1
        words = view.words(k, k + 6)
        if not words or words[0] not in ("of", "out"):
            return
        q = k + (2 if words[0] == "out" else 1)
        noun_lead = q < len(toks) and toks[q] in _WHOLE_NOUN_LEADS
        if q < len(toks) and (toks[q] in _DETS or toks[q].endswith(("'s", "’s"))):
            q += 1
        # "of its 20,000 staff" / "of the company's 20,000 staff"
        for r in range(q, min(q + 4, len(toks))):
            if toks[r].startswith("#"):
                if toks[r][1] in _AMOUNT:
                    w = view.fig_at.index(r)
                    whole = mentions[view.mention(w)]
                    if _same_family(part, whole) and not whole.vague:
                        yield self._draft(
                            view,
                            RelationKind.SHARE,
                            {
                                "part": [view.mention(p)],
                                "share": [view.mention(s)],
                                "whole": [view.mention(w)],
                            },
                            "part-share-of-whole",
                            [p, s, w],
                        )
                return
            if not toks[r][:1].isalpha() or toks[r] in _NOT_AN_ITEM:
                break  # "or 40 pct of the total outstanding from 2,309,700": another figure
        # "900 jobs, or 25% of its workforce": a whole named earlier in the sentence
        if not noun_lead:
            return
        nouns = [t for t in view.words(q, q + 3) if t not in _WHOLE_NOUN_SKIP]
        if not nouns or not nouns[0].isalpha():
            return
        end = q + 1 + sum(1 for t in view.words(q, q + 3)[:1] if t in _WHOLE_NOUN_SKIP)
        if end < len(toks) and toks[end][:1].isalpha():
            return  # "of its workforce in Wales": not a whole that ends its phrase
        group = self.lex.measure_group(nouns[0])
        if group is None:
            return
        for w in range(p - 1, -1, -1):
            whole = mentions[view.mention(w)]
            if (
                _same_family(part, whole)
                and not whole.vague
                and whole.value > part.value
                and self.lex.measure_group(whole.measure) == group
            ):
                yield self._draft(
                    view,
                    RelationKind.SHARE,
                    {
                        "part": [view.mention(p)],
                        "share": [view.mention(s)],
                        "whole": [view.mention(w)],
                    },
                    "share-of-named-whole",
                    [w, p, s],
                )
                return

    # ------------------------------------------------------------------ wholes and parts
    def _wholes(
        self, view: _View, mentions: Sequence[Mention], taken: set[int], used: set[int]
    ) -> Iterator[Draft]:
        toks = view.toks
        n = len(view.fig_at)
        parted: set[int] = set()  # parts read so far: not a whole of outcomes after them
        # "Of the 7,300 posts, 4,000 …, 2,800 … and 1,750 …"
        first = view.fig_at[0]
        lead = view.words(0, first)
        if (
            view.kind(0) in _AMOUNT
            and view.kind(0) != "d"
            and lead[:1] == ["of"]
            and len(lead) <= 2
            and all(t in _DETS for t in lead[1:])
            and n >= 2
        ):
            whole = mentions[view.mention(0)]
            nxt = next(
                (p for p in range(1, n) if _same_family(mentions[view.mention(p)], whole)), None
            )
            comma = nxt is not None and "," in toks[first + 1 : view.fig_at[nxt]]
            if nxt is not None and comma and not whole.vague:
                parts = self._list_after(view, mentions, nxt, whole, taken)
                parts = [p for p in parts if not self._followed_by_of(view, p)]
                if parts and self._summable(view, mentions, parts):
                    parted.update(parts)
                    yield self._parts(view, 0, parts, "of-lead", self._exhaustive(view, parts))
        for w in range(n):
            if view.kind(w) not in _AMOUNT or view.mention(w) in taken:
                continue
            whole = mentions[view.mention(w)]
            if whole.vague:
                continue
            k = view.fig_at[w] + 1
            # "The £67bn plan includes £29bn for …"; "5,000 staff, of whom 3,000 …"
            q = k
            while q < len(toks) and q - k < 4 and toks[q].lstrip("+-~^")[:1].isalpha():
                if _starts_with(view.words(q, q + 4), self.exhaustive + self.partial):
                    break
                q += 1
            comma = q < len(toks) and toks[q] in (",", "-")
            close = _aside_close(toks, q)
            if close is not None:
                q, comma = close, False  # "The $4.5bn package, unveiled on Tuesday, includes"
            if q < len(toks) and toks[q] in (",", ":", "-"):
                q += 1
            words = view.words(q, q + 5)
            ex = _starts_with(words, self.exhaustive)
            pa = _starts_with(words, self.partial) if not ex else 0
            colon = q > 0 and toks[q - 1] == ":"
            linker = words[0] if words else ""
            if (ex or pa) and not _linker_fits(linker, comma):
                # "5,000 staff, of whom …", "…, including …"; but "The plan includes …" (no
                # comma before a verb) and never "of them" without one ("41 of them should")
                ex = pa = 0
            if self._signed(mentions[view.mention(w)]) or _time_follows(view, w, self.time_heads):
                continue
            if (ex or pa or colon) and w + 1 < n:
                nxt = w + 1
                if view.fig_at[nxt] - q - max(ex, pa) <= 4 and _same_family(
                    mentions[view.mention(nxt)], whole
                ):
                    parts = self._list_after(view, mentions, nxt, whole, taken)
                    parts = [p for p in parts if not self._followed_by_of(view, p)]
                    if len(parts) >= 2 and self._summable(view, mentions, parts):
                        exhaustive = bool(ex or colon) or self._exhaustive(view, parts)
                        shape = "whole-colon" if colon and not (ex or pa) else "whole-then-parts"
                        at = view.fig_at[w]
                        if shape == "whole-colon" and view.words(at - 1, at) == ["all"]:
                            shape = "all-colon"  # "All 300 members voted: 120 for, …": every one
                        parted.update(parts)
                        yield self._parts(view, w, parts, shape, exhaustive)
                        continue
            if (
                comma
                and not (ex or pa)
                and w + 1 < n
                and 1 <= view.fig_at[w + 1] - q <= 2
                and (w not in parted)
            ):
                # "The club has played 30 games, winning 18, drawing 9 and losing 6": a list of
                # outcomes of one group after the whole is a breakdown of it, when a word opens
                # the list (not "The dead were five children, four women and five men": the
                # whole would be the list's first item)
                parts = self._list_after(view, mentions, w + 1, whole, taken)
                if (
                    len(parts) >= 2
                    and _same_family(mentions[view.mention(w + 1)], whole)
                    and self._summable(view, mentions, parts)
                    and _outcome_list(view, w, parts, self.outcomes)
                ):
                    parted.update(parts)
                    yield self._parts(view, w, parts, "whole-outcomes", False)
                    continue
            # "…, 2,800 in Leeds and 1,750 in York, a total of 8,550"
            before = view.toks[max(0, view.fig_at[w] - 5) : view.fig_at[w]]
            before_words = [t.lstrip("+-~") for t in before if t not in (",", "-", "(")]
            if w >= 2 and any(
                tuple(before_words[-len(t) :]) == t
                for t in self.total
                if len(t) <= len(before_words)
            ):
                parts = []
                for p in range(w - 1, -1, -1):
                    m = mentions[view.mention(p)]
                    if not _same_family(m, whole):
                        if view.kind(p) in _AMOUNT | _SHARE:
                            break
                        continue
                    if view.mention(p) in taken:
                        break
                    if parts:
                        gap = toks[view.fig_at[p] + 1 : view.fig_at[parts[-1]]]
                        if not _list_gap(gap):
                            break
                    parts.append(p)
                    if not _item_start(view.toks[max(0, view.fig_at[p] - 3) : view.fig_at[p]]):
                        break  # "profits of £1.23m, …": the list's first item
                parts.reverse()
                near = parts and view.fig_at[w] - view.fig_at[parts[-1]] <= 9
                if len(parts) >= 2 and near and self._summable(view, mentions, parts):
                    yield self._parts(view, w, parts, "parts-then-total", True)

    def _signed(self, m: Mention) -> bool:
        """A balance, not a sum: "a $4.3bn surplus, including a $7.1bn surplus with the US and
        a $5.5bn deficit with Japan"."""
        measure = (m.measure or "").lower()
        last = measure.rsplit(" ", 1)[-1]
        return bool(measure) and (measure in self.signed or last in self.signed)

    def _summable(self, view: _View, mentions: Sequence[Mention], parts: list[int]) -> bool:
        for p in parts:
            m = mentions[view.mention(p)]
            if m.vague or m.per is not None or self._signed(m):
                return False
            k = view.fig_at[p] + 1
            if any(t in _OVERLAPPING for t in view.words(k, k + 2)):
                return False
        return True

    def _exhaustive(self, view: _View, parts: list[int]) -> bool:
        last = view.fig_at[parts[-1]]
        # "and the rest, 60, abstained": the remainder word may stand before a comma
        before = [t for t in view.words(max(0, last - 4), last) if t != ","][-3:]
        return any(tuple(before[-len(t) :]) == t for t in self.remainder if len(t) <= len(before))

    def _parts(self, view: _View, w: int, parts: list[int], shape: str, exhaustive: bool) -> Draft:
        draft = self._draft(
            view,
            RelationKind.PARTS,
            {"whole": [view.mention(w)], "parts": [view.mention(p) for p in parts]},
            shape,
            [w, *parts],
            exhaustive=exhaustive,
        )
        if _parallel(view, w, parts, self.outcomes):
            draft.extra["tags"] = ["parallel"]
        return draft

    # ------------------------------------------------------------------ shares of one whole
    def _poll(self, view: _View, mentions: Sequence[Mention], taken: set[int]) -> Iterator[Draft]:
        """Shares of one whole: poll answers ("45% said yes, 38% no") or shares of a whole
        that is shared out without overlap (the vote, a market, a budget)."""
        shares = [
            p
            for p in range(len(view.fig_at))
            if view.kind(p) in _SHARE and view.mention(p) not in taken
        ]
        if len(shares) < 2:
            return
        m0 = mentions[view.mention(shares[0])]
        k0 = view.fig_at[shares[0]] + 1
        first_after = view.words(k0, k0 + 3)
        poll = _starts_with(first_after, self.poll_verbs) > 0
        wholes = {
            (mentions[view.mention(p)].measure or "").lower()
            for p in shares
            if mentions[view.mention(p)].measure
        }
        exclusive = len(wholes) == 1 and next(iter(wholes)) in self.exclusive_wholes
        # "The vote was split between 52% for the mayor and 38% for her rival"
        first = view.fig_at[shares[0]]
        lead = view.words(max(0, first - 4), first)
        split = any(
            _starts_with(lead[k:], self.exhaustive) == len(lead) - k for k in range(len(lead))
        )
        if not (poll or exclusive or split):
            return
        # "45% of men and 60% of women": shares of different wholes
        ofs = set()
        for p in shares:
            k = view.fig_at[p] + 1
            words = view.words(k, k + 3)
            if words[:1] == ["of"]:
                ofs.add(" ".join(words[1:3]))
        if len(ofs) > 1 or (ofs and len(ofs) < len(shares) and poll):
            return
        listed = self._list_after(view, mentions, shares[0], m0, taken)
        if len(listed) < 2:
            return
        # "… and the rest, 12%, did not know", "split between 48% … and 41% …": the list says
        # it is the whole of the answers
        yield self._draft(
            view,
            RelationKind.SHARES,
            {"shares": [view.mention(p) for p in listed]},
            "poll" if poll else "shares-of-whole",
            listed,
            exhaustive=split or self._exhaustive(view, listed),
        )

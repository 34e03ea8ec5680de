"""The context reader skips a pattern when a cheap test shows it cannot match (the hedge before a
figure, the end-anchored direction patterns). Skipping must never change what is read: the
claims with the tests equal the claims with the tests switched off."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import factcheck
from factcheck.extractors import context

_PIECES = st.sampled_from(
    [
        "about ",
        "more than ",
        "up to ",
        "~",
        "c.",
        "nearly\u2002",
        "some \u201c",
        "at least\xa0",
        "fell by ",
        "up from ",
        "rose to ",
        "down ",
        "an increase of ",
        "£5m",
        "50%",
        "3,000",
        " firms",
        ". ",
        "\n\n",
        '"',
        "'",
        " ",
        "roughly",
        "by",
        "of",
        "to",
        "up ",
        "higher ",
        "down by a further ",
        "another ",
        "to a record high of ",
        "reaching ",
        "to stand at ",
        "a drop of ",
        "a rise of ",
        "sales ",
        "from ",
    ]
)


class _EndsWithAnything(str):
    """A last word that passes every "could the pattern match?" test."""

    def endswith(self, *_: object) -> bool:  # type: ignore[override]
        return True


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_guards_never_change_the_claims(text: str) -> None:
    guarded = factcheck.extract(text)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(context, "_last_token", lambda near: _EndsWithAnything())
        original_init = context.Contextualiser.__init__

        def init(self: context.Contextualiser, *args: object) -> None:
            original_init(self, *args)  # type: ignore[arg-type]
            self._hedge_ends = ("",)

        mp.setattr(context.Contextualiser, "__init__", init)
        unguarded = factcheck.extract(text)
    assert guarded == unguarded


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("Sales rose from £5m to stand at £6m.", ["from", "to"]),
        ("Profits climbed, reaching £6m.", ["to"]),
        ("Shares fell 5% to stand at 300p.", ["change", "to"]),
        ("Revenue rose to a record high of $6bn from $5bn.", None),
        ("The index fell 3% to hit 7,000.", None),
        ("Output was up by a further 4%.", ["change"]),
        ("Costs were higher by £2m.", ["change"]),
        ("Prices rose by about 5%.", ["change"]),
    ],
)
def test_end_anchored_patterns_still_read_roles(text: str, roles: list[str] | None) -> None:
    got = [c.role.value if c.role else None for c in factcheck.extract(text)]
    if roles is not None:
        assert got == roles
    test_guards_never_change_the_claims.hypothesis.inner_test(text)  # type: ignore[attr-defined]


# --- the scanner drops "one of the …" before any reader runs (scan._PRONOUN_ONE) ---------------


def _all_case_texts() -> list[str]:
    import tomllib
    from pathlib import Path

    root = Path(__file__).parent
    texts = []
    for path in [*sorted((root / "rules").glob("*.toml")), root / "data" / "extract_cases.toml"]:
        for cases in tomllib.loads(path.read_text(encoding="utf-8")).values():
            texts += [c["text"] for c in cases if isinstance(c, dict) and "text" in c]
    seeds = sorted((root.parent / "seeds").glob("*.txt"))
    return texts + [p.read_text(encoding="utf-8") for p in seeds]


def _extract_without_the_one_guard(text: str) -> list[factcheck.Claim]:
    import re

    from factcheck.extractors import scan

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(scan, "_PRONOUN_ONE", re.compile(r"(?!)"))  # never matches
        return factcheck.extract(text)


# "one" before each of the guard's words, in the places a figure could still be read
_ONE_SENTENCES = [
    "Inflation rose from zero to one per cent, then to one to two per cent by May.",
    "One or two people were hurt; one and a half million tonnes were lost.",
    "One for every five jobs went, one of every 10 shops shut and one in 10 homes flooded.",
    "The one with the highest score won £1m, one by one the rivals fell.",
    "She met them one on one at the £2m office, one at a time.",
    "One that cost $5bn (£3.5bn) was sold; one which cost £2m was not.",
    "One is enough, one was lost and one has gone, one had 3,000 staff.",
    "One will do; one would say one could, one can and one should, one might, one must.",
    "The scheme, one of the largest, cost £50m, one the size of Wales.",
    "They are one to watch: one but not two, one or more, one and only.",
    "Children aged one to five, one to 10 kg and one to two hours.",
    "One of its 300 stores and one whose profits fell 5% to £1m.",
]

_ONE_PIECES = st.sampled_from(
    [
        "one",
        "One",
        "ONE",
        " ",
        "  ",
        "-",
        " of ",
        " of every ",
        " in ",
        " out of ",
        " another",
        " for",
        " per cent",
        " percent",
        "%",
        " pound",
        " dollar",
        " mile",
        " year old",
        " times",
        " the",
        " that",
        " is",
        " to ",
        " or ",
        " and ",
        " by ",
        "five",
        "two",
        " people",
        "£",
        "$",
        "a",
        " million",
        ". ",
        ", ",
        "(",
        ")",
        " aged ",
        " hour",
        " kg",
        " on",
        " with",
    ]
)


def test_the_one_guard_never_changes_the_claims_of_the_test_texts() -> None:
    import re

    from factcheck.extractors import scan

    texts = _all_case_texts()
    assert len(texts) > 400
    texts += _ONE_SENTENCES
    guarded = [
        t
        for t in texts
        if any(
            scan._PRONOUN_ONE.match(t, m.end()) for m in re.finditer(r"\bone\b", t, re.IGNORECASE)
        )
    ]
    assert set(_ONE_SENTENCES) <= set(guarded)  # the guard is exercised, not only passed by
    changed = [t for t in texts if factcheck.extract(t) != _extract_without_the_one_guard(t)]
    assert changed == []


@settings(max_examples=300, deadline=None)
@given(st.lists(_ONE_PIECES, max_size=16).map("".join))
def test_the_one_guard_never_changes_the_claims(text: str) -> None:
    assert factcheck.extract(text) == _extract_without_the_one_guard(text)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("One of the largest deals this year.", []),
        ("They blamed one another.", []),
        ("One in five firms closed.", [0.2]),
        ("Only one per cent of staff left.", [1.0]),
        ("It weighs one kilogram.", [1.0]),
        ("One million people marched.", [1e6]),
        ("One of every 10 voters abstained.", [10.0]),
    ],
)
def test_one_is_read_only_where_it_is_an_amount(text: str, values: list[float]) -> None:
    assert [c.value for c in factcheck.extract(text)] == pytest.approx(values)


@pytest.mark.parametrize(
    "text",
    [
        "Sales rose, but profits fell; meanwhile costs rose although wages, though low, rose.",
        "Awhile ago butter was cheap whilst bread, yet dearer, sold; whereas however-minded…",
        "BUT, While, WHILST: although-though meanwhile_yet but",
        "",
    ],
)
def test_clause_break_words_found_as_whole_words(text: str) -> None:
    """One pass for words that share a part ("while", "whilst", "meanwhile") finds exactly the
    whole-word occurrences a plain search for each word finds."""
    import re

    from factcheck.extractors.context import _punct_breaks, clause_breaks
    from factcheck.lexicon import load_lexicon

    words = load_lexicon().clause_break_words
    low = text.lower()
    whole = [re.compile(rf"(?<![^\W_]){re.escape(w)}(?![^\W_])") for w in words]
    expected = sorted([*_punct_breaks(text), *(m.end() for p in whole for m in p.finditer(low))])
    assert list(clause_breaks(text, words)) == expected

"""Findings are bounded: every rule reads what the extractor read (its figure cap, NUM002), and
one rule reports at most ``engine.MAX_FINDINGS`` findings in one text, NUM003 saying where it
stopped (issue 16, item 7). Speed lives in ``benchmarks/adversarial.py``; these tests count."""

from __future__ import annotations

from collections import Counter

import factcheck
from factcheck import engine
from factcheck.extractors.scan import MAX_MENTIONS
from factcheck.markup import to_document

WRONG = "The vote is on Tuesday, March 22, 2018. "  # a Thursday: one DAT001 each
RIGHT = "The vote is on Thursday, March 22, 2018. "


def codes(text: str, **kw: object) -> Counter[str]:
    return Counter(f.code for f in factcheck.check(text, **kw).findings)  # type: ignore[arg-type]


def test_a_rule_stops_at_the_limit_and_says_so() -> None:
    report = factcheck.check(WRONG * (engine.MAX_FINDINGS + 50))
    got = Counter(f.code for f in report.findings)
    assert got == {"DAT001": engine.MAX_FINDINGS, "NUM003": 1}
    (note,) = [f for f in report.findings if f.code == "NUM003"]
    last = max(f.span[0] for f in report.findings if f.code == "DAT001")
    assert note.span[0] == len(WRONG) * engine.MAX_FINDINGS + len("The vote is on ") > last
    assert note.values == {"code": "DAT001", "limit": engine.MAX_FINDINGS, "offset": note.span[0]}
    assert note.message.startswith("DAT001 found more than 100 problems in this text")


def test_at_the_limit_every_finding_is_reported() -> None:
    assert codes(WRONG * engine.MAX_FINDINGS) == {"DAT001": engine.MAX_FINDINGS}
    assert codes(RIGHT * 500) == {}  # many dates, none wrong: nothing to cap


def test_every_rule_is_capped_on_its_own() -> None:
    text = (WRONG + "It cost 1,00,0 euros. ") * 120
    assert codes(text) == {"DAT001": 100, "NUM001": 100, "NUM003": 2}
    assert codes(text, ignore=["NUM003"]) == {"DAT001": 100, "NUM001": 100}


def test_suppressed_findings_do_not_count_towards_the_limit() -> None:
    hidden = "<!-- factcheck: disable[DAT001] -->\n\n" + WRONG * 30 + "\n\n"
    shown = "<!-- factcheck: enable[DAT001] -->\n\n" + WRONG * engine.MAX_FINDINGS + "\n"
    doc = to_document("a.md", hidden + shown, "markdown")
    result = factcheck.api.check_document(doc)
    assert Counter(f.code for f in result.findings) == {"DAT001": engine.MAX_FINDINGS}


def test_a_suppression_of_a_capped_rule_is_not_called_unused() -> None:
    """The engine stopped asking DAT001: it cannot know whether a later comment was needed."""
    text = WRONG * 150 + "\n\n<!-- factcheck: ignore[DAT001] -->\n" + WRONG + "\n"
    got = Counter(
        f.code for f in factcheck.api.check_document(to_document("a.md", text, "markdown")).findings
    )
    assert got == {"DAT001": 100, "NUM003": 1}  # and no SUP001
    alone = "<!-- factcheck: ignore[DAT001] -->\nThe vote is on Thursday.\n"
    assert Counter(
        f.code
        for f in factcheck.api.check_document(to_document("a.md", alone, "markdown")).findings
    ) == {"SUP001": 1}


def test_rules_that_read_the_text_stop_at_the_figure_cap() -> None:
    """DAT001 and NUM001 scan the text themselves: past where extraction stopped (NUM002),
    they are silent too, as the claim rules are."""
    figures = "5% " * (MAX_MENTIONS + 10)  # the cap is reached inside this
    before = WRONG + "It cost 1,00,0 euros. "
    got = codes(before + figures + WRONG * 3 + "It cost 1,00,0 euros. ")
    assert got == {"DAT001": 1, "NUM001": 1, "NUM002": 1}


def test_number_words_stop_at_their_own_cap_and_say_where() -> None:
    """A megabyte of "one " is no figure at all, but each word cost the readers ~30 µs: reading
    stops after MAX_NUMBER_WORDS words, and NUM002 says where, as for figures."""
    from factcheck.extractors.numerals import MAX_NUMBER_WORDS

    text = "one " * (MAX_NUMBER_WORDS + 100) + "It slashed its value by $50billion (£35m)."
    report = factcheck.check(text, date="2018-03-22")
    (note,) = [f for f in report.findings if f.code == "NUM002"]
    assert note.span[0] == 4 * MAX_NUMBER_WORDS
    assert [f.code for f in report.findings] == ["NUM002"]  # the conversion is past it
    short = "one " * 100 + "It slashed its value by $50billion (£35m)."
    assert codes(short, date="2018-03-22") == {"SCL001": 1}  # silent: far under the cap


def test_growth_words_count_towards_the_figure_cap_in_order() -> None:
    assert len(factcheck.extract("doubled " * (MAX_MENTIONS + 500))) == MAX_MENTIONS
    mixed = factcheck.extract("It doubled to 5m. " * MAX_MENTIONS)
    assert len(mixed) == MAX_MENTIONS
    assert [c.kind for c in mixed[:4]] == ["multiplier", "count", "multiplier", "count"]
    assert len(factcheck.extract("It doubled to 5m. " * 3)) == 6  # silent: under the cap


def test_two_unused_suppressions_at_one_place_are_both_reported() -> None:
    """Late-stage findings (SUP001) are not de-duplicated by place: each comment is its own."""
    text = (
        "<!-- factcheck: ignore[DAT001] -->\n<!-- factcheck: ignore[SCL001] -->\n"
        "The vote is on Thursday.\n"
    )
    got = factcheck.api.check_document(to_document("a.md", text, "markdown")).findings
    assert [f.code for f in got] == ["SUP001", "SUP001"]

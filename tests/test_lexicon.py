"""The lexicons are consistent with the libraries and the models that read them."""

from __future__ import annotations

from pathlib import Path

import pint
import pytest

from factcheck.lexicon import load_lexicon
from factcheck.models import HedgeDirection

LEX = load_lexicon()


@pytest.fixture(scope="module")
def ureg() -> pint.UnitRegistry:
    from factcheck.units import registry

    return registry(pint)  # type: ignore[no-any-return]


def test_every_unit_name_is_a_pint_unit(ureg: pint.UnitRegistry) -> None:
    bad = []
    for form, entry in LEX.units.items():
        for name in entry.names:
            try:
                ureg.Unit(name)
            except Exception:
                bad.append((form, name))
    assert bad == []


def test_ambiguous_unit_readings_share_a_dimension(ureg: pint.UnitRegistry) -> None:
    for form, entry in LEX.units.items():
        dims = {ureg.Unit(n).dimensionality for n in entry.names}
        assert len(dims) == 1, form


def test_hedge_directions_are_model_values() -> None:
    values = {d.value for d in HedgeDirection}
    for table in (LEX.hedges_before, LEX.hedges_after):
        for phrase, (direction, tolerance) in table.items():
            assert direction in values, phrase
            assert 0 <= tolerance <= 1, phrase
            assert (tolerance == 0) == (direction == "exact"), phrase


def test_measure_groups_do_not_overlap() -> None:
    seen: dict[str, str] = {}
    for group, phrases in LEX.measure_groups.items():
        for p in phrases:
            assert p == p.lower(), p
            assert seen.setdefault(p, group) == group, f"{p!r} in {seen[p]} and {group}"


def test_direction_words_are_not_both_ways() -> None:
    assert LEX.up_words & LEX.down_words == set()


def _ecb_codes() -> list[str]:
    from factcheck.rates import default_rates

    return sorted({"EUR", *default_rates()._t})


@pytest.mark.parametrize("code", _ecb_codes())
def test_every_ecb_currency_is_read_by_code_name_and_symbol(code: str) -> None:
    """Issue 13: each currency of the ECB table is reachable as written in copy."""
    import factcheck

    def money(text: str) -> list[tuple[str, str | None]]:
        return [(c.text, c.unit) for c in factcheck.extract(text) if c.kind == "money"]

    assert money(f"It cost {code} 5m.") == [(f"{code} 5m", code)]
    assert money(f"It cost 5m {code}.") == [(f"5m {code}", code)]
    names = [w for w, c in LEX.currency_words.items() if c == code]
    assert names, f"no name for {code} in currencies.toml [words]"
    for name in names:
        assert money(f"It cost 5 million {name} last year.") == [(f"5 million {name}", code)]
    for sym, c in LEX.currency_symbols.items():
        if c == code:
            assert money(f"It cost {sym}5m.") == [(f"{sym}5m", code)], sym
    for sym, c in LEX.currency_symbols_after.items():
        if c == code:
            assert money(f"It cost 500 {sym} last year.") == [(f"500 {sym}", code)], sym


def test_every_extracted_unit_reads_back_in_pint(ureg: pint.UnitRegistry) -> None:
    """Issue 13: a quantity's unit (temperatures included: '°C' is 'degree_Celsius') is a name
    pint reads back, for every case sentence and every clean corpus article."""
    import tomllib
    from pathlib import Path

    import factcheck

    here = Path(__file__).resolve().parent
    texts = []
    for name in ("extract_cases.toml", "extract_news_cases.toml"):
        data = tomllib.loads((here / "data" / name).read_text(encoding="utf-8"))
        texts += [c["text"] for group in data.values() for c in group]
    corpus = here.parent / "benchmarks" / "corpus"
    texts += [p.read_text(encoding="utf-8") for p in sorted(corpus.rglob("*.txt"))]
    bad = set()
    for text in texts:
        for c in factcheck.extract(text):
            if c.kind in ("quantity", "duration") and c.unit:
                try:
                    ureg.Unit(c.unit)
                except Exception:
                    bad.add((c.text, c.unit))
    assert bad == set()


def test_a_user_context_lexicon_extends_a_moved_list(tmp_path: Path) -> None:
    """Issue 12: the context reader's word lists are lexicon data a rules folder can extend —
    here the verbs after which "up to" is a movement, not a bound (context.toml [hedges])."""
    import factcheck

    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "context.toml").write_text(
        '[hedges]\nmovement = ["vaulted"]\n', encoding="utf-8"
    )
    text = "Prices vaulted up to 4% last month."

    def hedges(report: factcheck.Report) -> list[tuple[str, str | None]]:
        return [(c.text, c.hedge) for r in report.files for c in getattr(r, "claims", [])]

    assert hedges(factcheck.check(text)) == [("up to 4%", "up to")]  # shipped: a bound
    assert hedges(factcheck.check(text, rule_dirs=[tmp_path])) == [("4%", None)]
    assert "vaulted" not in load_lexicon().context.hedges.movement  # the shipped one unchanged


def test_moved_word_lists_are_not_written_in_the_extractors() -> None:
    """Issue 12: the words of the context reader and the scanner are in rules/lexicon/."""
    root = Path(__file__).resolve().parent.parent / "factcheck" / "extractors"
    source = (root / "context.py").read_text(encoding="utf-8")
    source += (root / "patterns.py").read_text(encoding="utf-8")
    for name in ("_MOVEMENT", "_LINKERS", "_SKIP_LEFT", "_BREAK_WORDS", "_GENERIC_PEOPLE",
                 "_DURATION_PREPS", "_SCALE_WORDS", "_VAGUE_SCALES", "_FOLD_WORDS",
                 "_MULTIPLIER_WORDS", "_ADJ_ENDS", "_TO_ENDS", "_OF_BY"):  # fmt: skip
        assert f"{name} =" not in source, name
    ctx = LEX.context
    assert "edged" in ctx.hedges.movement and "totalled" in ctx.measures.linkers
    assert LEX.clause_break_words[:2] == ("but", "while")  # relations.toml [clauses] breaks


def test_fold_words_must_be_number_words(tmp_path: Path) -> None:
    from factcheck.errors import RuleFileError

    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "numbers.toml").write_text(
        '[fold]\nwords = ["umpteen"]\n', encoding="utf-8"
    )
    with pytest.raises(RuleFileError, match=r"\[fold\] words not in \[units\].*umpteen"):
        load_lexicon([tmp_path])

"""``_Frozen.trusted``: the unvalidated constructor the extractor uses must build the very
object pydantic's validation would."""

from __future__ import annotations

from pathlib import Path

import factcheck
from factcheck.models import Claim, Suggestion

TEXT = (
    "It slashed the value by $50billion (£35m). Around 3,000 firms, 60 per cent of them, "
    "practically doubled takings every year from £500million in 2009 to nearly £13billion in 2015."
)


def test_trusted_claims_equal_validated_claims() -> None:
    claims = factcheck.extract(TEXT)
    assert len(claims) >= 8
    for c in claims:
        values = dict(c.__dict__)
        validated = Claim.model_validate(values)
        assert c == validated
        assert c.model_dump() == validated.model_dump()
        assert c.model_dump_json() == validated.model_dump_json()
        assert c.model_fields_set == validated.model_fields_set


def test_trusted_keeps_frozen_and_copy_semantics() -> None:
    c = factcheck.extract(TEXT)[0]
    try:
        c.value = 1.0  # type: ignore[misc]
    except Exception as exc:  # pydantic's ValidationError for a frozen instance
        assert "frozen" in str(exc).lower()
    else:
        raise AssertionError("a trusted claim must stay frozen")
    moved = c.model_copy(update={"start": c.start + 1})
    assert moved.start == c.start + 1 and c.start != moved.start


def test_trusted_with_missing_fields_falls_back_to_defaults() -> None:
    s = Suggestion.trusted(replacement="£35bn", span=(10, 14))
    assert s == Suggestion.model_construct(replacement="£35bn", span=(10, 14))


def test_trusted_findings_equal_validated_findings() -> None:
    from factcheck.models import Finding

    seed = (Path(__file__).resolve().parent.parent / "seeds").glob("*.txt")
    report = factcheck.check(next(iter(seed)).read_text(encoding="utf-8"))
    findings = report.findings
    assert len(findings) >= 4 and any(f.suggestion for f in findings)
    assert any(f.related for f in findings)
    for f in findings:
        validated = Finding.model_validate(f.model_dump())
        assert f == validated
        assert f.model_dump_json() == validated.model_dump_json()


def test_trusted_file_results_equal_validated_ones() -> None:
    from factcheck.models import FileResult

    text = "It slashed the value by $50billion (£35m). Sales fell from 5 to 7 per cent."
    for fmt, source in (("text", text), ("markdown", f"# Title\n\n{text}\n")):
        report = factcheck.check(source, input_format=fmt)
        [result] = report.files
        assert isinstance(result, FileResult)
        validated = FileResult.model_validate(result.model_dump())
        assert result == validated
        assert result.model_dump_json() == validated.model_dump_json()

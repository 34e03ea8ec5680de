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
    ["about ", "more than ", "up to ", "~", "c.", "nearly\u2002", "some \u201c", "at least\xa0",
     "fell by ", "up from ", "rose to ", "down ", "an increase of ", "£5m", "50%", "3,000",
     " firms", ". ", "\n\n", '"', "'", " ", "roughly", "by", "of", "to", "up ", "higher ",
     "down by a further ", "another ", "to a record high of ", "reaching ", "to stand at ",
     "a drop of ", "a rise of ", "sales ", "from "]
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

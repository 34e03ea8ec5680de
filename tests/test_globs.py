"""Globs (exclude, per-file-ignores, .gitignore) match as pathspec's GitIgnoreSpec does, in time
linear in the path whatever the glob (issue 16, item 9)."""

from __future__ import annotations

from pathlib import Path

import pathspec
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck.globs import compile_glob

SEGMENT = st.sampled_from(
    [
        "a",
        "b",
        "ab",
        "*",
        "**",
        "?",
        "a*",
        "*b",
        "[ab]",
        "[!a]",
        "x.txt",
        "*.txt",
        "\\*",
        "a?b",
        "[a-c]",
        "**a",
        "b**",
    ]
)
GLOBS = st.builds(
    lambda neg, lead, segs, trail: ("!" if neg else "") + lead + "/".join(segs) + trail,
    st.booleans(),
    st.sampled_from(["", "/", "**/"]),
    st.lists(SEGMENT, min_size=1, max_size=4),
    st.sampled_from(["", "/", "/**"]),
)
PATHS = st.lists(
    st.sampled_from(["a", "b", "ab", "aab", "x.txt", "c", "*", "b.txt"]), min_size=1, max_size=5
).map("/".join)


def reference(glob: str, rel: str, is_dir: bool) -> tuple[bool, bool]:
    """pathspec's verdict: does the glob match, and is it a negated one."""
    (pattern,) = pathspec.GitIgnoreSpec.from_lines([glob]).patterns
    if pattern.include is None:  # a comment or a blank line
        return False, True
    return pattern.match_file(rel + ("/" if is_dir else "")) is not None, pattern.include


@settings(max_examples=3000, deadline=None)
@given(GLOBS, PATHS, st.booleans())
@example("**/a/**/b", "a/a/b", False)
@example("a/**", "a", False)
@example("a/**", "a", True)
@example("/a", "b/a", False)
@example("a/", "a", False)
@example("a/", "a/x.txt", False)
@example("*.txt", "a/x.txt", False)
@example("**", "a", False)
def test_verdicts_agree_with_pathspec(glob: str, rel: str, is_dir: bool) -> None:
    g = compile_glob(glob)
    assert (g.matches(rel, is_dir), g.include) == reference(glob, rel, is_dir)


@pytest.mark.parametrize(
    ("glob", "rel", "is_dir", "expected"),
    [
        ("drafts/", "drafts", True, True),  # fire: a folder glob, its folder and what is inside
        ("drafts/", "desk/drafts/x.md", False, True),
        ("drafts/", "drafts", False, False),  # silent: a file of that name is not a folder
        ("/drafts", "desk/drafts", True, False),  # silent: anchored at its folder
        ("press-releases/**", "press-releases/2018/x.txt", False, True),
        ("press-releases/**", "press-releasesx/x.txt", False, False),
        ("**/old/*.md", "a/b/old/x.md", False, True),
        ("**/old/*.md", "a/b/old/x.txt", False, False),
        ("# a comment", "# a comment", False, False),
        ("", "a", False, False),
        ("!keep.txt", "keep.txt", False, True),  # a negated glob matches; its verdict is "keep"
    ],
)
def test_examples_both_ways(glob: str, rel: str, is_dir: bool, expected: bool) -> None:
    assert compile_glob(glob).matches(rel, is_dir) == expected


def test_many_double_stars_against_a_deep_path_stay_linear() -> None:
    """Not a timing test: it counts the work. ``"**/a/" * 10`` against a path 40 folders deep
    took pathspec's regular expression past 100 s; here every segment of the path is compared
    with each segment of the glob at most once."""
    import factcheck.globs as globs

    calls = 0
    real = globs._segment_matches

    def counted(tokens: object, s: str) -> bool:
        nonlocal calls
        calls += 1
        return real(tokens, s)  # type: ignore[arg-type]

    glob = compile_glob("**/a/" * 10 + "b")
    path = "/".join(["a"] * 40) + "/x.txt"
    globs._segment_matches = counted  # type: ignore[assignment]
    try:
        assert not glob.matches(path) and glob.matches("/".join(["a"] * 40) + "/b")
    finally:
        globs._segment_matches = real
    assert calls <= 2 * 42 * len(glob.segments)


def test_a_pathological_config_glob_walks_a_deep_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's case end to end: ``extend-exclude`` and ``per-file-ignores`` with
    ``"**/a/" * 10`` over a folder 40 deep (past 100 s before), both ways."""
    from factcheck.config import Resolver
    from factcheck.discover import discover

    monkeypatch.chdir(tmp_path)
    deep = tmp_path.joinpath(*["a"] * 40)
    deep.mkdir(parents=True)
    (deep / "x.txt").write_text("It rose 5%.\n")
    (deep / "b").mkdir()
    (deep / "b" / "y.txt").write_text("It rose 5%.\n")
    glob = "**/a/" * 10 + "b/"
    (tmp_path / "factcheck.toml").write_text(
        f'extend-exclude = ["{glob}"]\n[per-file-ignores]\n"{"**/a/" * 10}*.txt" = ["PCT"]\n'
    )
    resolver = Resolver()
    found = [Path(f).name for f in discover(["."], resolver).files]
    assert found == ["x.txt"]  # y.txt is under a/…/a/b/: excluded; x.txt is not
    settings = resolver.for_file(deep / "x.txt")
    assert not settings.selection_for(str(deep / "x.txt")).enabled("PCT001")
    assert settings.selection_for(str(tmp_path / "z.txt")).enabled("PCT001")

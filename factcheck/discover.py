"""Command-line paths → the files to check, in a stable order.

A file named on the command line is always checked, whatever its extension (unless
``--force-exclude`` and an ``exclude`` glob matches it). A folder is walked recursively for
article files (:data:`ARTICLE_SUFFIXES`), in sorted order, skipping what the ``exclude`` globs of
the nearest configuration match and, by default, whatever ``.gitignore`` files ignore.

``.gitignore`` files are honoured from the root of the enclosing git repository (the nearest
folder holding ``.git``) down to each file, deeper files overriding shallower ones, plus
``.git/info/exclude``; outside a repository, from the walked folder down. Matching follows git's
wildmatch rules (negation, anchoring, ``**``, dir-only) in linear time (:mod:`factcheck.globs`).

A folder that cannot be listed, and a path named on the command line that is neither a file nor
a folder, are reported (:attr:`Discovery.unreadable`), never skipped in silence.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.globs import Glob, compile_glob, last_verdict

if TYPE_CHECKING:
    from factcheck.config import Resolver, Settings

ARTICLE_SUFFIXES = (
    ".txt",
    ".text",
    ".md",
    ".markdown",
    ".mdown",
    ".mkd",
    ".html",
    ".htm",
    ".xhtml",
)


@functools.lru_cache(maxsize=512)
def gitignore_spec(lines: tuple[str, ...]) -> tuple[Glob, ...]:
    """The compiled globs of these ``.gitignore`` lines (blank lines and comments left out)."""
    return tuple(g for g in map(compile_glob, lines) if not g.never)


def repo_root(folder: Path) -> Path | None:
    """The nearest folder at or above ``folder`` that holds a ``.git`` entry."""
    for d in (folder, *folder.parents):
        if (d / ".git").exists():
            return d
    return None


@dataclass
class GitIgnores:
    """The ``.gitignore`` files of one walk, read once each.

    The walked folder was named on the command line, so it is checked even if git ignores it
    (``factcheck drafts/`` with ``drafts/`` in ``.gitignore``): a pattern that matches the walked
    folder or one of its parents does not count; every other pattern does.
    """

    root: Path
    top: Path
    _specs: dict[Path, tuple[Glob, ...] | None] = field(default_factory=dict)

    @classmethod
    def for_walk(cls, top: Path) -> GitIgnores:
        return cls(root=repo_root(top) or top, top=top)

    def _spec(self, folder: Path) -> tuple[Glob, ...] | None:
        if folder not in self._specs:
            lines: list[str] = []
            sources = [folder / ".gitignore"]
            if folder == self.root:
                sources.insert(0, folder / ".git" / "info" / "exclude")
            for src in sources:
                try:
                    lines += src.read_text(encoding="utf-8", errors="replace").splitlines()
                except OSError:
                    continue
            self._specs[folder] = gitignore_spec(tuple(lines)) or None
        return self._specs[folder]

    def _verdict(self, spec: tuple[Glob, ...], folder: Path, rel: str, is_dir: bool) -> bool | None:
        if folder not in self.top.parents:  # a .gitignore inside the walked folder
            return last_verdict(spec, rel, is_dir)
        named = [
            p.relative_to(folder).as_posix()
            for p in (self.top, *self.top.parents)
            if folder in p.parents
        ]
        verdict = None
        for glob in spec:  # the last glob that matches decides, as in git
            if glob.matches(rel, is_dir) and not any(glob.matches(d, True) for d in named):
                verdict = glob.include
        return verdict

    def ignored(self, path: Path, is_dir: bool) -> bool:
        """Whether git would ignore ``path`` (its parent folders are assumed not ignored)."""
        if self.root not in path.parents:
            return False
        for folder in path.parents:
            spec = self._spec(folder)
            if spec is not None:
                verdict = self._verdict(spec, folder, path.relative_to(folder).as_posix(), is_dir)
                if verdict is not None:
                    return verdict
            if folder == self.root:
                break
        return False


@dataclass(frozen=True)
class Discovery:
    """The files to check (as they will be shown), the paths that yielded none, and the folders
    that could not be listed: (folder, code, problem), reported as inputs that failed."""

    files: list[str]
    empty: list[str]
    unreadable: list[tuple[str, str, str]] = field(default_factory=list)


def discover(paths: Sequence[str], resolver: Resolver, *, force_exclude: bool = False) -> Discovery:
    """Expand files and folders into the files to check, each once, in argument order."""
    seen: set[str] = set()
    files: list[str] = []
    empty: list[str] = []
    unreadable: list[tuple[str, str, str]] = []
    for given in paths:
        if given == "-":
            files.append(given)
            continue
        p = Path(given)
        if p.is_dir():
            found = list(_walk(p, resolver, unreadable))
            if not found:
                empty.append(given)
        else:
            settings = resolver.for_file(p)
            found = [] if force_exclude and settings.excluded(p, False) else [given]
        for f in found:
            key = os.path.realpath(f)
            if key not in seen:
                seen.add(key)
                files.append(f)
    return Discovery(files=files, empty=empty, unreadable=unreadable)


def _walk(top: Path, resolver: Resolver, unreadable: list[tuple[str, str, str]]) -> Iterator[str]:
    def failed(exc: OSError) -> None:  # os.walk would skip the folder without a word
        folder = os.path.normpath(str(exc.filename or top))
        if isinstance(exc, PermissionError):
            unreadable.append((folder, "permission", "cannot list this folder: permission denied"))
        else:
            reason = os.strerror(exc.errno) if exc.errno else str(exc)
            unreadable.append((folder, "unreadable", f"cannot list this folder: {reason}"))

    ignores = GitIgnores.for_walk(Path(os.path.abspath(top)))
    for folder, dirs, names in os.walk(top, onerror=failed):
        settings = resolver.for_dir(folder)
        here = Path(os.path.abspath(folder))
        dirs[:] = sorted(d for d in dirs if not _skipped(here / d, True, settings, ignores))
        for name in sorted(names):
            if name.lower().endswith(ARTICLE_SUFFIXES) and not _skipped(
                here / name, False, settings, ignores
            ):
                yield os.path.normpath(os.path.join(folder, name))


def _skipped(path: Path, is_dir: bool, settings: Settings, ignores: GitIgnores) -> bool:
    if settings.excluded(path, is_dir):
        return True
    return settings.respect_gitignore and ignores.ignored(path, is_dir)

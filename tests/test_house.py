"""The house holds what it says: no import circles, no private reach-ins, small rooms.

Imports are read from the source (every ``import`` and ``from … import`` of a factcheck module,
inside functions too, as those run as soon as the function does; those under ``if
TYPE_CHECKING:`` are left out, they never run). Importing ``factcheck.a.b`` runs ``factcheck.a``
first, so a module also depends on the packages above what it imports.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "factcheck"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (
        isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _type_checking(node):
            for other in node.orelse:
                yield from _import_nodes(ast.Module(body=[other], type_ignores=[]))
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        yield from _import_nodes(node)


def _absolute(name: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = name.split(".") if MODULES[name].name == "__init__.py" else name.split(".")[:-1]
    package = package[: len(package) - node.level + 1]
    return ".".join([*package, *([node.module] if node.module else [])])


def imported(name: str) -> set[tuple[str, str]]:
    """(module, name imported from it or "") for every factcheck import of module ``name``."""
    out: set[tuple[str, str]] = set()
    for node in _import_nodes(ast.parse(MODULES[name].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update((a.name, "") for a in node.names if a.name.startswith("factcheck"))
            continue
        base = _absolute(name, node)
        if not base.startswith("factcheck"):
            continue
        for alias in node.names:
            sub = f"{base}.{alias.name}"
            out.add((sub, "") if sub in MODULES else (base, alias.name))
    return out


def dependencies(name: str) -> set[str]:
    deps = set()
    for module, _ in imported(name):
        while module not in MODULES and "." in module:
            module = module.rsplit(".", 1)[0]
        parts = module.split(".")
        for i in range(1, len(parts) + 1):  # the packages above run first
            dep = ".".join(parts[:i])
            if dep in MODULES and dep != name and not name.startswith(dep + "."):
                deps.add(dep)
    return deps


def circles() -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    graph = {n: dependencies(n) for n in MODULES}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_circle() -> None:
    assert circles() == []


def test_the_circle_finder_finds_a_circle(monkeypatch: pytest.MonkeyPatch) -> None:
    """A circle hidden inside a function is still one (the shape issue 15 found)."""
    pair = {
        "factcheck.lexicon": {"factcheck.numparse"},
        "factcheck.numparse": {"factcheck.lexicon"},
    }
    monkeypatch.setattr(sys.modules[__name__], "dependencies", lambda n: pair.get(n, set()))
    assert circles() == [["factcheck.lexicon", "factcheck.numparse"]]
    source = "def f():\n    from factcheck.lexicon import load_lexicon\n"
    nodes = list(_import_nodes(ast.parse(source)))
    assert [n.module for n in nodes if isinstance(n, ast.ImportFrom)] == ["factcheck.lexicon"]


def _package(name: str) -> str:
    path = MODULES[name]
    return name if path.name == "__init__.py" else name.rsplit(".", 1)[0]


def test_no_private_name_is_imported_from_another_package() -> None:
    """``archive/`` used ``api._options``: a private name is for its own package only."""
    reach_ins = []
    for name in MODULES:
        for module, attr in imported(name):
            private = [p for p in [*module.split(".")[1:], attr] if p.startswith("_")]
            private = [p for p in private if not (p.startswith("__") and p.endswith("__"))]
            owner = module if module in MODULES else module.rsplit(".", 1)[0]
            while owner not in MODULES and "." in owner:
                owner = owner.rsplit(".", 1)[0]
            if private and _package(name) != _package(owner):
                reach_ins.append(f"{name} imports {module} {attr}".strip())
    assert reach_ins == []


# Vocabulary lives in rules/lexicon/ once: month and weekday names (calendar.toml), determiners
# (measures.toml), currency names (currencies.toml). These are fragments of the lists that were
# written out in four, two and two modules.
VOCABULARY = {
    "month names": ("february", "feb(?:", "sept?(?:", "dec(?:ember)?"),
    "weekday names": ("wednesday|", "monday|tuesday"),
    "determiners": ("|all|a|an|this|these|those", "|those|these|your|my|whose"),
    "currency names": ("dollars?|pounds?", "euros?|yen"),
}


def test_vocabulary_is_written_once_in_the_lexicon() -> None:
    found = []
    for name, path in MODULES.items():
        source = path.read_text(encoding="utf-8").lower()
        for what, fragments in VOCABULARY.items():
            found += [f"{name}: {what} ({f!r})" for f in fragments if f in source]
    assert found == []
    calendar = (ROOT / "rules" / "lexicon" / "calendar.toml").read_text(encoding="utf-8")
    assert "february" in calendar and "wednesday" in calendar

"""``junit``: JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure).

``<testsuites>`` holds one ``<testsuite>`` per input file; each finding is a ``<testcase>`` with
a ``<failure>`` (``type`` is the rule code, ``message`` the finding's message, the body its
location, fix and the other claims involved). A file without findings has one passing testcase,
so the suite shows it was checked; a file that could not be read has a testcase with an
``<error>``. Text goes through ElementTree's escaping (no CDATA, so ``]]>`` is plain text), and
characters XML 1.0 cannot carry (control characters, lone surrogates) become visible stand-ins.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from factcheck.models import FileFailure, Report
from factcheck.reporters import RenderContext
from factcheck.reporters._common import Located, located, one_line, suggestion_text, terminal_safe

# what XML 1.0 cannot contain after terminal_safe has handled C0/C1
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _attr(text: str) -> str:
    return _NOT_XML.sub("\ufffd", one_line(text))


def _body(text: str) -> str:
    return _NOT_XML.sub("\ufffd", terminal_safe(text))


def _failure_body(x: Located) -> str:
    f = x.finding
    lines = [f"{x.path}:{f.line}:{f.column}: {f.code} {f.name} [{f.severity.value}]", f.message]
    fix = suggestion_text(f)
    if fix:
        lines.append(f"fix: {fix}")
    lines += [f"compared with {r.text} at {r.line}:{r.column}" for r in f.related]
    return _body("\n".join(lines))


def render(report: Report, ctx: RenderContext) -> str:
    by_file: dict[int, list[Located]] = {}
    for x in located(report):
        by_file.setdefault(x.file_index, []).append(x)
    root = ET.Element("testsuites", name="factcheck")
    total = failed = errors = 0
    for i, entry in enumerate(report.files):
        suite = ET.SubElement(root, "testsuite", name=_attr(entry.path))
        mine = by_file.get(i, [])
        if isinstance(entry, FileFailure):
            case = ET.SubElement(
                suite,
                "testcase",
                classname=_attr(entry.path),
                name="read file",
                file=_attr(entry.path),
            )
            ET.SubElement(
                case, "error", type=_attr(entry.error.code), message=_attr(entry.error.message)
            ).text = _body(entry.error.message)
            counts = (1, 0, 1)
        elif not mine:
            ET.SubElement(
                suite,
                "testcase",
                classname=_attr(entry.path),
                name="no findings",
                file=_attr(entry.path),
            )
            counts = (1, 0, 0)
        else:
            for x in mine:
                f = x.finding
                case = ET.SubElement(
                    suite,
                    "testcase",
                    classname=_attr(entry.path),
                    name=_attr(f"{f.code} {f.name} at {f.line}:{f.column}"),
                    file=_attr(entry.path),
                    line=str(f.line),
                )
                ET.SubElement(
                    case, "failure", type=f.code, message=_attr(f.message)
                ).text = _failure_body(x)
            counts = (len(mine), len(mine), 0)
        suite.set("tests", str(counts[0]))
        suite.set("failures", str(counts[1]))
        suite.set("errors", str(counts[2]))
        suite.set("skipped", "0")
        total, failed, errors = total + counts[0], failed + counts[1], errors + counts[2]
    root.set("tests", str(total))
    root.set("failures", str(failed))
    root.set("errors", str(errors))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

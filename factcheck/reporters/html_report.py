"""``html``: one self-contained page — the summary, the findings, and each article annotated.

The page loads nothing (inline CSS, no script, no external URL) and forbids itself from doing
so with a Content-Security-Policy. Each article is shown as written with every claim
highlighted by kind (``<mark class="claim k-money" id="f0-c3">``); after the blamed claim of
each finding sits a flag (``<a id="f0-x1-at" href="#f0-x1">``) that links to the finding in
the list, and each finding in the list links back into the text — to its blamed claim, to the
flag and to every other claim involved. ``:target`` styles show where a link landed. After
each article, a table of the relations its sentences state (``<tr id="f0-r2">``): each slot
links to its claims in the text, each row to the findings that used it, and each finding in
the list links to the relations it read.

Every piece of text that comes from a report (article, paths, messages, claim texts, rule
names) goes through :func:`html.escape` with quotes, after control characters are made visible:
an article containing ``<script>`` shows the tag as text and never runs it.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Mapping
from types import MappingProxyType

from factcheck.models import Claim, ClaimKind, FileFailure, FileResult, Report, Severity
from factcheck.reporters import RenderContext
from factcheck.reporters._common import (
    Located,
    claims_by_id,
    line_starts,
    located,
    source_span,
    terminal_safe,
)
from factcheck.reporters._relations import SlotClaim, relation_rows

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)
KIND_COLOUR: Mapping[ClaimKind, str] = MappingProxyType(
    {
        ClaimKind.MONEY: "#c8f0c8",
        ClaimKind.COUNT: "#c8e8f8",
        ClaimKind.PERCENT: "#f0d0f0",
        ClaimKind.PERCENTAGE_POINT: "#e8d8f8",
        ClaimKind.MULTIPLIER: "#fff0b0",
        ClaimKind.QUANTITY: "#d0d8ff",
        ClaimKind.DURATION: "#d8f0f0",
        ClaimKind.AGE: "#f8e0c8",
        ClaimKind.YEAR: "#e8e8e8",
        ClaimKind.FRACTION: "#f8f0d8",
    }
)
SEVERITY_COLOUR: Mapping[Severity, str] = MappingProxyType(
    {
        Severity.ERROR: "#c62828",
        Severity.WARNING: "#b26a00",
        Severity.INFO: "#1565c0",
    }
)
_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem 2rem;
color:#222;background:#fff}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{border-bottom:1px solid #ddd;margin-top:2rem}
dl.summary{display:grid;grid-template-columns:max-content auto;gap:.1rem 1.5rem}
dl.summary dt{font-weight:600}dl.summary dd{margin:0}
ol.findings{padding-left:1.5rem}ol.findings li{margin:.6rem 0;padding:.3rem .5rem}
.code{font-weight:700;font-family:ui-monospace,monospace}.sev{font-weight:700}
.msg{margin:.2rem 0}.fix del{color:#c62828}.fix ins{color:#2e7d32;text-decoration:none}
pre.article{white-space:pre-wrap;word-wrap:break-word;font:14px/1.6 ui-monospace,monospace;
background:#fafafa;border:1px solid #e0e0e0;padding:1rem}
mark.claim{border-radius:3px;padding:0 1px;color:inherit}
mark.blamed{outline:2px solid currentColor}
a.flag{font:700 11px ui-monospace,monospace;vertical-align:super;text-decoration:none;
color:#fff;border-radius:3px;padding:0 3px;margin-left:1px}
:target{outline:3px solid #ff9800;outline-offset:2px}
.legend span{padding:0 .4rem;margin-right:.3rem;border-radius:3px}
.failure{color:#c62828}
table.relations{border-collapse:collapse;font-size:13px;margin:.5rem 0}
table.relations th,table.relations td{text-align:left;vertical-align:top;padding:.15rem .5rem;
border-bottom:1px solid #eee}
"""


def esc(text: str) -> str:
    """Report text as HTML text or attribute value: controls made visible, then escaped."""
    return html.escape(terminal_safe(text), quote=True)


def stylesheet() -> str:
    """The report's CSS (inline in the page here; served as a file by ``factcheck serve``)."""
    rules = [_CSS]
    rules += [f".k-{k.value}{{background:{c}}}" for k, c in KIND_COLOUR.items()]
    rules += [
        f".sev-{s.value}{{color:{c}}}a.flag.sev-{s.value}{{background:{c};color:#fff}}"
        f"li.lvl-{s.value}{{border-left:4px solid {c}}}"
        for s, c in SEVERITY_COLOUR.items()
    ]
    return "\n".join(rules)


def _finding_id(x: Located, n: int) -> str:
    return f"f{x.file_index}-x{n}"


def _claim_anchor(file_index: int, claim_id: str) -> str:
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "_" for ch in claim_id)
    return f"f{file_index}-{safe}"


class _Article:
    """One file's source with claims marked and finding flags placed after blamed claims."""

    def __init__(
        self, index: int, result: FileResult, source: str, findings: list[tuple[str, Located]]
    ) -> None:
        self.index, self.result, self.findings = index, result, findings
        # CRLF shown as a space before LF so offsets stay those of the file
        self.text = terminal_safe(source.replace("\r\n", " \n"))
        self.anchors: set[str] = set()

    def _layout(self) -> list[tuple[int, int, Claim, list[str]]]:
        """Non-overlapping marks, each with the ids of claims hidden under it (aliases)."""
        starts = line_starts(self.text)
        spans = sorted(
            ((*source_span(starts, self.text, c), c) for c in self.result.claims),
            key=lambda t: (t[0], t[1]),
        )
        kept: list[tuple[int, int, Claim, list[str]]] = []
        for a, b, c in spans:
            if kept and a < kept[-1][1]:
                kept[-1][3].append(c.id)
            else:
                kept.append((a, max(b, a), c, []))
        return kept

    def render(self) -> str:
        blamed: dict[str, list[tuple[str, Located]]] = {}
        for fid, x in self.findings:
            if x.finding.claims:
                blamed.setdefault(x.finding.claims[0], []).append((fid, x))
        out: list[str] = []
        pos = 0
        for a, b, claim, aliases in self._layout():
            out.append(esc(self.text[pos:a]))
            for alias in aliases:
                anchor = _claim_anchor(self.index, alias)
                self.anchors.add(anchor)
                out.append(f'<span id="{anchor}"></span>')
            anchor = _claim_anchor(self.index, claim.id)
            self.anchors.add(anchor)
            flags = [f for cid in (claim.id, *aliases) for f in blamed.get(cid, [])]
            classes = f"claim k-{esc(claim.kind.value)}"
            if flags:
                classes += f" blamed sev-{flags[0][1].finding.severity.value}"
            title = f"{claim.id} · {claim.kind.value}"
            out.append(
                f'<mark id="{anchor}" class="{classes}" title="{esc(title)}">'
                f"{esc(self.text[a:b])}</mark>"
            )
            for fid, x in flags:
                f = x.finding
                out.append(
                    f'<a class="flag sev-{f.severity.value}" id="{fid}-at" href="#{fid}" '
                    f'title="{esc(f"{f.code} {f.name}: {f.message}")}">{esc(f.code)}</a>'
                )
                self.anchors.add(f"{fid}-at")
            pos = b
        out.append(esc(self.text[pos:]))
        return f'<pre class="article" id="f{self.index}-text">{"".join(out)}</pre>'


def _counts(report: Report) -> str:
    """'2 errors, 1 warning, 0 info'."""
    out = []
    for k in ("error", "warning", "info"):
        n = report.summary.findings.get(k, 0)
        out.append(f"{n} {k}{'' if n == 1 or k == 'info' else 's'}")
    return ", ".join(out)


def _summary(report: Report) -> str:
    s = report.summary
    rows = [
        (
            "Files checked",
            f"{s.files - s.failed}" + (f" ({s.failed} could not be read)" if s.failed else ""),
        ),
        ("Claims found", f"{s.claims} ({s.cross_checked} cross-checked)"),
        ("Findings", _counts(report)),
    ]
    if s.by_rule:
        rows.append(("By rule", ", ".join(f"{c} ×{n}" for c, n in s.by_rule.items())))
    results = [r for r in report.files if isinstance(r, FileResult)]
    for r in results:
        if r.date is not None and len(results) == 1:
            rows.append(("Date", f"{r.date.value or 'none found'} ({r.date.source})"))
    sources = sorted(
        {
            str(f.values["rate_source"])
            for r in results
            for f in r.findings
            if f.values.get("rate_source")
        }
    )
    if sources:
        rows.append(("Exchange rates", "; ".join(sources)))
    items = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows)
    return f'<section id="summary"><h2>Summary</h2><dl class="summary">{items}</dl></section>'


def _finding_item(fid: str, x: Located, anchors: set[str]) -> str:
    f = x.finding
    where = f"{x.path}:{f.line}:{f.column}"
    target = _claim_anchor(x.file_index, f.claims[0]) if f.claims else ""
    loc = (
        f'<a class="loc" href="#{target}">{esc(where)}</a>'
        if target in anchors
        else f'<span class="loc">{esc(where)}</span>'
    )
    parts = [
        f'<li id="{fid}" class="finding lvl-{f.severity.value}">',
        f'{loc} <span class="code sev-{f.severity.value}">{esc(f.code)}</span> '
        f'<span class="name">{esc(f.name)}</span> '
        f'<span class="sev sev-{f.severity.value}">{esc(f.severity.value)}</span>',
        f'<p class="msg">{esc(f.message)}</p>',
    ]
    if f.suggestion is not None:
        original = f.suggestion.original
        fix = (
            f"<del>{esc(original)}</del> → " if original else ""
        ) + f"<ins>{esc(f.suggestion.replacement)}</ins>"
        parts.append(f'<p class="fix">Suggested fix: {fix}</p>')
    links = []
    for r in f.related:
        anchor = _claim_anchor(x.file_index, r.claim)
        label = f"{esc(r.text)} (line {r.line})"
        links.append(
            f'<a class="related" href="#{anchor}">{label}</a>' if anchor in anchors else label
        )
    if links:
        parts.append(f'<p class="related">Compared with {", ".join(links)}</p>')
    if f.relations:
        known = {r.id for r in x.result.relations}
        used = ", ".join(
            f'<a class="relation" href="#{_claim_anchor(x.file_index, rid)}">{esc(rid)}</a>'
            if rid in known
            else esc(rid)
            for rid in f.relations
        )
        noun = "relation" if len(f.relations) == 1 else "relations"
        parts.append(f'<p class="relations">Read from {noun} {used}</p>')
    if f"{fid}-at" in anchors:
        parts.append(f'<p class="back"><a href="#{fid}-at">Show in the text</a></p>')
    parts.append("</li>")
    return "".join(parts)


def _slot_claim(index: int, c: SlotClaim, anchors: set[str]) -> str:
    anchor = _claim_anchor(index, c.id)
    label = esc(c.id)
    if anchor in anchors:
        label = f'<a class="claim-ref" href="#{anchor}">{label}</a>'
    return label if c.text is None else f"{label} “{esc(c.text)}”"


def _relations(
    index: int, result: FileResult, anchors: set[str], finding_ids: Mapping[int, str]
) -> str:
    """The relations table of one file ("" when its sentences state none)."""
    rows = relation_rows(result, claims_by_id(result))
    if not rows:
        return ""
    out = []
    for row in rows:
        r = row.relation
        slots = ""
        for k, (name, claims) in enumerate(row.slots):
            if k:
                slots += esc(row.joiners()[k - 1])
            slots += f"{esc(name)} " + ", ".join(_slot_claim(index, c, anchors) for c in claims)
        used = []
        for f in row.used_by:
            label = esc(f"{f.code} {f.line}:{f.column}")
            fid = finding_ids.get(id(f))
            used.append(f'<a href="#{fid}">{label}</a>' if fid is not None else label)
        cells = [
            esc(r.id),
            esc(row.where),
            esc(r.kind.value),
            esc(r.shape),
            slots,
            esc(row.word),
            esc(row.tags),
            ", ".join(used),
        ]
        tds = "".join(f"<td>{c}</td>" for c in cells)
        out.append(f'<tr id="{_claim_anchor(index, r.id)}" class="relation">{tds}</tr>')
    head = "".join(
        f"<th>{h}</th>"
        for h in ("id", "where", "kind", "shape", "slots", "word", "tags", "used by")
    )
    return (
        f'<h4>Relations</h4><table class="relations"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(out)}</tbody></table>"
    )


def _legend() -> str:
    spans = "".join(f'<span class="k-{k.value}">{esc(k.value)}</span>' for k in KIND_COLOUR)
    return f'<p class="legend">Claims by kind: {spans}</p>'


def _files(report: Report, ctx: RenderContext) -> Iterator[tuple[str, str]]:
    """(findings list, article) HTML for each file in the report."""
    by_file: dict[int, list[Located]] = {}
    for x in located(report):
        by_file.setdefault(x.file_index, []).append(x)
    for i, entry in enumerate(report.files):
        title = f'<h3 id="f{i}">{esc(entry.path)}</h3>'
        if isinstance(entry, FileFailure):
            msg = esc(f"could not be read: {entry.error.message} [{entry.error.code}]")
            yield f'{title}<p class="failure">{msg}</p>', ""
            continue
        mine = [(_finding_id(x, n), x) for n, x in enumerate(by_file.get(i, []), start=1)]
        source = ctx.sources.get(entry.path)
        if source is not None:
            article = _Article(i, entry, source, mine)
            body = article.render()
            anchors = article.anchors
        else:
            body, anchors = '<p class="missing">(source text not available)</p>', set()
        listing = "".join(_finding_item(fid, x, anchors) for fid, x in mine)
        findings = (
            f'{title}<ol class="findings">{listing}</ol>' if mine else f"{title}<p>No findings.</p>"
        )
        relations = _relations(i, entry, anchors, {id(x.finding): fid for fid, x in mine})
        yield findings, f"<article><h3>{esc(entry.path)}</h3>{_legend()}{body}{relations}</article>"


def counts(report: Report) -> str:
    """'2 errors, 1 warning, 0 info': the report in a few words (page titles)."""
    return _counts(report)


def sections(report: Report, ctx: RenderContext) -> str:
    """The report's summary, findings and annotated articles: the page's body without its
    header, for a page of one's own (``factcheck serve`` shows it under its form)."""
    parts = list(_files(report, ctx))
    findings = "".join(p[0] for p in parts)
    articles = "".join(p[1] for p in parts)
    return (
        f"{_summary(report)}\n"
        f'<section id="findings"><h2>Findings</h2>{findings}</section>\n'
        f'<section id="articles"><h2>Articles</h2>{articles}</section>\n'
    )


def render(report: Report, ctx: RenderContext) -> str:
    counts = _counts(report)
    title = esc(f"factcheck report: {counts}")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{title}</title>\n<style>{stylesheet()}</style>\n</head>\n<body>\n"
        f"<header><h1>factcheck report</h1><p>{esc(counts)} · "
        f"{esc(report.tool.name)} {esc(report.tool.version)}</p></header>\n"
        f"{sections(report, ctx)}"
        "</body>\n</html>\n"
    )

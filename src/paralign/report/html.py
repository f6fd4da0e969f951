"""The review as one self-contained HTML page.

Both texts side by side, bead by bead, each bead's left edge coloured by its
confidence; the findings inline under their bead and listed, ranked, in a
summary with a filter per kind; keys ``n``/``j`` and ``p``/``k`` step through the
findings; an SVG picture of the alignment path. Styles and script are inlined and
a Content-Security-Policy forbids every network request, so the file opens the
same anywhere, offline. Rows use ``content-visibility: auto`` so that a
5,000-sentence document stays quick to scroll.
"""

from __future__ import annotations

from html import escape
from importlib import resources

from ..review.base import KINDS, Finding, Review
from ..review.highlight import highlight, trigger_terms
from .svg import BAND_COLOURS, band, path_svg

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _mark(text: str) -> str:
    return f'<mark class="trigger">{escape(text)}</mark>'


def _side(review: Review, ids: tuple[int, ...], side: int, terms: list[str] | None = None) -> str:
    doc = review.alignment.src if side == 0 else review.alignment.tgt
    if not ids:
        return f'<div class="t empty" lang="{escape(doc.lang)}">(nothing)</div>'
    sents = "".join(
        f'<div class="s" id="{"s" if side == 0 else "t"}-{i}">'
        f"{highlight(doc.sentences[i].text, terms or (), _mark, escape)}</div>"
        for i in ids
    )
    return f'<div class="t" lang="{escape(doc.lang)}">{sents}</div>'


def _note(f: Finding, number: int) -> str:
    src_terms, tgt_terms = trigger_terms(f)
    explanation = highlight(f.explanation, [*src_terms, *tgt_terms], _mark, escape)
    doubtful = " doubtful" if f.doubtful else ""
    return (
        f'<li class="lvl-{f.level}{doubtful}" data-kind="{f.kind}" data-finding="{number}">'
        f'<span class="kind">{escape(f.kind)}</span>{explanation}</li>'
    )


def _bead(review: Review, k: int, found: list[tuple[int, Finding]]) -> str:
    bead = review.alignment.beads[k]
    kinds = " ".join(sorted({f.kind for _, f in found}))
    sim = review.similarity[k] if k < len(review.similarity) else None
    sim_text = f"<br>sim {sim:.2f}" if sim is not None else ""
    notes = '<ul class="notes">' + "".join(_note(f, n) for n, f in found) + "</ul>" if found else ""
    terms: tuple[list[str], list[str]] = ([], [])
    for _, f in found:
        src_terms, tgt_terms = trigger_terms(f)
        terms[0].extend(src_terms)
        terms[1].extend(tgt_terms)
    return (
        f'<div class="bead c{band(bead.confidence)}" id="b-{k}" data-kinds="{kinds}" '
        f'data-confidence="{bead.confidence:.3f}">'
        f'<div class="n"><b>{k + 1}</b><br>{bead.shape}<br>conf {bead.confidence:.2f}{sim_text}'
        f"</div>{_side(review, bead.src, 0, terms[0])}{_side(review, bead.tgt, 1, terms[1])}"
        f"{notes}</div>"
    )


def _summary(review: Review) -> str:
    counts = review.counts()
    boxes = "".join(
        f'<label title="{escape(desc)}"{" class=none" if not counts[kind] else ""}>'
        f'<input type="checkbox" data-kind="{kind}" checked> {kind} ({counts[kind]})</label>'
        for kind, desc in KINDS.items()
    )
    rows = "".join(
        f'<li class="finding lvl-{f.level}" id="f-{n}" data-kind="{f.kind}" data-bead="{f.bead}" '
        f'aria-current="false"><span class="lvl">{f.level}</span>'
        f'<a href="#b-{f.bead}">bead {f.bead + 1}</a> <span class="kind">{f.kind}</span>'
        f"{escape(f.explanation)}</li>"
        for n, f in enumerate(review.findings)
    )
    return (
        '<div id="summary"><h2>Findings, most worth a look first</h2>'
        f'<fieldset id="filters"><legend>Show kinds</legend>{boxes}'
        '<label><input type="checkbox" id="only-findings"> only beads with findings</label>'
        "</fieldset>"
        '<p class="keys"><kbd>n</kbd>/<kbd>j</kbd> next finding, <kbd>p</kbd>/<kbd>k</kbd> '
        'previous, <kbd>Esc</kbd> clear · <span id="shown"></span> · '
        '<span id="position"></span></p>'
        f'<ol id="findings">{rows}</ol></div>'
    )


def render_html(review: Review, title: str | None = None) -> str:
    """The report page for ``review`` as a string (UTF-8 when written)."""
    a = review.alignment
    title = title or "Translation review"
    by_bead: dict[int, list[tuple[int, Finding]]] = {}
    for n, f in enumerate(review.findings):
        by_bead.setdefault(f.bead, []).append((n, f))
    plain = {k: [f for _, f in v] for k, v in by_bead.items()}
    legend = "".join(
        f'<span style="border-color:{c}">{lo / 5:.1f}–{(lo + 1) / 5:.1f}</span>'
        for lo, c in enumerate(BAND_COLOURS)
    )
    beads = "\n".join(_bead(review, k, by_bead.get(k, [])) for k in range(len(a.beads)))
    model = f" · model {escape(review.encoder or a.model)}" if (review.encoder or a.model) else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="paralign">
<title>{escape(title)}</title>
<style>
{_asset("report.css")}
</style>
</head>
<body>
<header>
<h1>{escape(title)}</h1>
<p class="meta">{escape(a.src.lang)} → {escape(a.tgt.lang)} · {len(a.src)} source and
{len(a.tgt)} target sentences · <span id="bead-count">{len(a.beads)}</span> beads ·
<span id="finding-count">{len(review.findings)}</span> findings{model}</p>
</header>
<section id="overview">
<figure id="path">{path_svg(a, plain)}
<figcaption>Alignment path: each bead is a box from its source sentences (across) to its target
sentences (down), coloured by confidence; red strokes are 1-0 and 0-1 beads; rings mark
findings. Click to jump to the bead.</figcaption></figure>
{_summary(review)}
</section>
<main id="beads">
<p class="legend">Confidence: {legend}</p>
<div class="cols"><div>bead</div><div>source ({escape(a.src.lang)})</div>
<div>translation ({escape(a.tgt.lang)})</div></div>
{beads}
</main>
<script>
{_asset("report.js")}
</script>
</body>
</html>
"""

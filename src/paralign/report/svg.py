"""The alignment path as an inline SVG: source position across, target position down.

Each bead is a rectangle spanning its source and target sentences, filled by its
confidence; 1-0 and 0-1 beads are short red strokes along their axis; a bead with
findings gets a ring coloured by its worst finding. Every shape links to its bead.
"""

from __future__ import annotations

from html import escape

from ..model import Alignment
from ..review.base import Finding
from ..vocab import Level

SIZE = 400
#: confidence band → fill colour (the same five bands as the bead list)
BAND_COLOURS = ("#c62828", "#ef6c00", "#f9a825", "#7cb342", "#2e7d32")
LEVEL_COLOURS = {
    Level.HIGH: "#b71c1c",
    Level.MEDIUM: "#e65100",
    Level.LOW: "#8d6e00",
    Level.INFO: "#546e7a",
}


def band(confidence: float) -> int:
    """Confidence in 0..1 as one of five bands, 0 (lowest) to 4."""
    return max(0, min(4, int(confidence * 5)))


def path_svg(alignment: Alignment, by_bead: dict[int, list[Finding]]) -> str:
    """The SVG element (a string) of the alignment path."""
    n, m = max(1, len(alignment.src)), max(1, len(alignment.tgt))
    sx, sy = SIZE / n, SIZE / m
    dot = max(1.2, min(4.0, 0.6 * min(sx, sy)))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-28 -8 {SIZE + 36} {SIZE + 36}" '
        f'role="img" aria-labelledby="path-title"><title id="path-title">Alignment path: '
        f"{len(alignment.src)} source sentences across, {len(alignment.tgt)} target "
        "sentences down</title>",
        f'<rect x="0" y="0" width="{SIZE}" height="{SIZE}" fill="#fff" stroke="#ccc"/>',
        f'<line x1="0" y1="0" x2="{SIZE}" y2="{SIZE}" stroke="#e0e0e0" stroke-dasharray="4 4"/>',
        f'<text x="{SIZE / 2}" y="{SIZE + 22}" font-size="12" text-anchor="middle" fill="#666">'
        f"{escape(alignment.src.lang)} sentence →</text>",
        f'<text x="-10" y="{SIZE / 2}" font-size="12" text-anchor="middle" fill="#666" '
        f'transform="rotate(-90 -10 {SIZE / 2})">{escape(alignment.tgt.lang)} sentence →</text>',
    ]
    i = j = 0
    rings = []
    for k, bead in enumerate(alignment.beads):
        if bead.src:
            i = bead.src[0]
        if bead.tgt:
            j = bead.tgt[0]
        x, y = i * sx, j * sy
        w, h = len(bead.src) * sx, len(bead.tgt) * sy
        colour = BAND_COLOURS[band(bead.confidence)]
        label = f"bead {k + 1} ({bead.shape}), confidence {bead.confidence:.2f}"
        if bead.src and bead.tgt:
            shape = (
                f'<rect x="{x:.2f}" y="{y:.2f}" width="{max(w, 1):.2f}" height="{max(h, 1):.2f}" '
                f'fill="{colour}"/>'
            )
        elif bead.src:
            shape = (
                f'<line x1="{x:.2f}" y1="{y:.2f}" x2="{x + max(w, 1.5):.2f}" y2="{y:.2f}" '
                'stroke="#c62828" stroke-width="3"/>'
            )
        else:
            shape = (
                f'<line x1="{x:.2f}" y1="{y:.2f}" x2="{x:.2f}" y2="{y + max(h, 1.5):.2f}" '
                'stroke="#c62828" stroke-width="3"/>'
            )
        parts.append(f'<a href="#b-{k}" aria-label="{escape(label)}">{shape}</a>')
        if bead.src:
            i = bead.src[-1] + 1
        if bead.tgt:
            j = bead.tgt[-1] + 1
        found = by_bead.get(k)
        if found:
            worst = max(found, key=lambda f: f.severity)
            tip = f"bead {k + 1}: " + "; ".join(f"{f.kind}: {f.explanation}" for f in found)
            rings.append(
                f'<a href="#b-{k}" class="mark" data-bead="{k}"><circle cx="{x + w / 2:.2f}" '
                f'cy="{y + h / 2:.2f}" r="{dot + 2:.2f}" fill="none" '
                f'stroke="{LEVEL_COLOURS[worst.level]}" stroke-width="1.5" pointer-events="all">'
                f"<title>{escape(tip[:300])}</title></circle></a>"
            )
    parts += rings
    parts.append("</svg>")
    return "\n".join(parts)

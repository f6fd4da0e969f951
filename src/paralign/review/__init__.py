"""Translation review: find where a translation departs from its original.

``review(alignment)`` runs every check on every bead and returns a
:class:`Review` whose findings are ranked, most worth a look first::

    import paralign
    alignment = paralign.align(es_text, en_text, src_lang="es", tgt_lang="en")
    result = paralign.review_alignment(alignment)   # or paralign.review.review(alignment)
    for f in result.findings[:10]:
        print(f.level, f.kind, f.bead, f.explanation)
    html = paralign.to_html(result)                 # the side-by-side report
    tei = paralign.to_tei(result)                   # TEI with the findings on the links

The checks, one module each: omissions and additions (:mod:`.nulls`), numbers and
dates (:mod:`.numbers`, :mod:`.repeated`), negation/modality/quotation
(:mod:`.markers`), low similarity for the length (:mod:`.similarity`), length
ratio (:mod:`.length`), names on one side only (:mod:`.names`), untranslated text
(:mod:`.untranslated`) and editorial brackets (:mod:`.brackets`). Page furniture
(letterheads, page numbers: :mod:`.furniture`) is optional text for all of them.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import replace

from ..encoders import DEFAULT_MODEL, Encoder, load_encoder
from ..errors import InputError
from ..model import Alignment
from ..vocab import FindingKind, SpanKind
from .base import (
    CHECKS,
    KINDS,
    LEVELS,
    BeadView,
    Check,
    Finding,
    Review,
    ReviewContext,
    add_kind,
    rank,
)
from .brackets import strip_brackets, strip_glosses
from .furniture import furniture_in, furniture_pattern, strip_furniture
from .similarity import bead_similarities, check_similarity

#: a finding on a bead the aligner gives less than this chance of being exactly right
#: may come from the alignment rather than the translation: it is marked so and
#: ranked below the departures of the translation
DOUBTFUL_BELOW = 0.9
#: kinds whose findings compare the two sides of a bead, and so depend on its alignment
ALIGNMENT_KINDS = frozenset(FindingKind) - {FindingKind.UNTRANSLATED, FindingKind.EDITORIAL}
#: kept-out kinds that are page furniture a translation may render or leave out
FURNITURE_KINDS = frozenset({SpanKind.FW, SpanKind.PB, SpanKind.SEPARATOR})


def review(
    alignment: Alignment,
    *,
    encoder: str | Encoder | None = None,
    similarity: Iterable[float | None] | None = None,
    kinds: Iterable[str] | None = None,
    min_severity: float = 0.0,
) -> Review:
    """Check every bead of ``alignment`` and return the ranked findings.

    ``encoder`` embeds the beads for the similarity check: by default the model
    the alignment was made with (``alignment.model``). ``similarity`` gives the
    per-bead similarities instead (one per bead, ``None`` for null beads), and
    ``encoder=False``-like use is ``similarity=[None] * len(beads)``. ``kinds``
    keeps only findings of those kinds; ``min_severity`` drops weaker findings.
    """
    wanted = set(KINDS) if kinds is None else set(kinds)
    unknown = sorted(wanted - set(KINDS))
    if unknown:
        raise InputError(f"unknown finding kind {unknown[0]!r}; the kinds are: {', '.join(KINDS)}")
    if not alignment.beads:
        raise InputError("the alignment has no beads to review")
    name = ""
    if similarity is not None:
        sims = list(similarity)
        if len(sims) != len(alignment.beads):
            raise InputError(
                f"{len(sims)} similarities given for {len(alignment.beads)} beads: "
                "give one per bead"
            )
    else:
        enc = (
            encoder
            if isinstance(encoder, Encoder)
            else load_encoder(encoder or alignment.model or DEFAULT_MODEL)
        )
        name = enc.name
        sims = bead_similarities(alignment, enc)
    ctx = ReviewContext(alignment, _views(alignment, sims))
    findings: list[Finding] = []
    for check in CHECKS.values():
        findings += check(ctx)
    if any(s is not None for s in sims):
        findings += check_similarity(ctx, name)
    findings = [_mark_doubtful(f, alignment) for f in findings]
    kept = [f for f in findings if f.kind in wanted and f.severity >= min_severity]
    return Review(alignment, rank(kept), sims, encoder=name)


def _mark_doubtful(finding: Finding, alignment: Alignment) -> Finding:
    """The finding marked as possibly caused by a doubtful alignment, where it is."""
    confidence = alignment.beads[finding.bead].confidence
    if (
        finding.kind not in ALIGNMENT_KINDS
        or confidence >= DOUBTFUL_BELOW
        or "line" in finding.evidence  # a copy of a letterhead line: no alignment involved
    ):
        return finding
    return replace(
        finding,
        explanation=f"{finding.explanation} (doubtful alignment: confidence {confidence:.2f})",
        evidence={**finding.evidence, "alignment": "doubtful", "confidence": round(confidence, 3)},
    )


def _views(alignment: Alignment, sims: list[float | None]) -> list[BeadView]:
    furniture = furniture_pattern(alignment.src.raw), furniture_pattern(alignment.tgt.raw)
    kept = _kept_furniture(alignment)
    out = []
    for i, (bead, sim) in enumerate(zip(alignment.beads, sims, strict=False)):
        src, tgt = alignment.texts(bead)
        src_plain = strip_furniture(src, furniture[0])
        tgt_plain = strip_glosses(strip_brackets(strip_furniture(tgt, furniture[1])), src_plain)
        pieces = furniture_in(src, furniture[0]) + tuple(len(t) for t in kept.get(i, ()))
        here = " ".join(kept.get(i, ()))
        out.append(BeadView(i, bead, src, tgt, tgt_plain, sim, src_plain, pieces, here))
    return out


def _kept_furniture(alignment: Alignment) -> dict[int, list[str]]:
    """Per bead, the source's kept-out furniture that lies inside it or between it and
    the bead before (where a translator who renders a letterhead puts it)."""
    doc = alignment.src
    spans = [s for s in doc.kept_out if s.kind in FURNITURE_KINDS and s.text.strip()]
    if not spans or not doc.sentences:
        return {}
    ends = []
    for k, bead in enumerate(alignment.beads):
        if bead.src:
            ends.append((doc.sentences[max(bead.src)].end, k))
    out: dict[int, list[str]] = {}
    keys = [end for end, _ in ends]
    for span in spans:
        at = bisect.bisect_left(keys, span.end)
        if at < len(ends):
            out.setdefault(ends[at][1], []).append(" ".join(span.text.split()))
    return out


__all__ = [
    "ALIGNMENT_KINDS",
    "CHECKS",
    "DOUBTFUL_BELOW",
    "KINDS",
    "LEVELS",
    "Check",
    "add_kind",
    "Finding",
    "Review",
    "ReviewContext",
    "review",
]

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

from collections.abc import Iterable

from ..encoders import DEFAULT_MODEL, Encoder, load_encoder
from ..errors import InputError
from ..model import Alignment
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
    kept = [f for f in findings if f.kind in wanted and f.severity >= min_severity]
    return Review(alignment, rank(kept), sims, encoder=name)


def _views(alignment: Alignment, sims: list[float | None]) -> list[BeadView]:
    furniture = furniture_pattern(alignment.src.raw), furniture_pattern(alignment.tgt.raw)
    out = []
    for i, (bead, sim) in enumerate(zip(alignment.beads, sims, strict=False)):
        src, tgt = alignment.texts(bead)
        src_plain = strip_furniture(src, furniture[0])
        tgt_plain = strip_glosses(strip_brackets(strip_furniture(tgt, furniture[1])), src_plain)
        pieces = furniture_in(src, furniture[0])
        out.append(BeadView(i, bead, src, tgt, tgt_plain, sim, src_plain, pieces))
    return out


__all__ = [
    "CHECKS",
    "KINDS",
    "LEVELS",
    "Check",
    "add_kind",
    "Finding",
    "Review",
    "ReviewContext",
    "review",
]

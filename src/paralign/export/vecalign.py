"""The Vecalign/Bertalign bead format: one bead per line, ``[0, 1]:[2]:0.873``.

Source ids, target ids (0-based sentence numbers, ``[]`` for an empty side) and
the bead's confidence with three decimals: the layout of the published aligners'
output and gold files, so their scorers read it as it is.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..goldfile import format_bead
from .base import Entry, ExportOptions, Writer, register


@register
class VecalignWriter(Writer):
    name = "vecalign"
    suffix = ".txt"
    description = "one bead per line, [src ids]:[tgt ids]:confidence (Vecalign/Bertalign)"
    sets = False

    def write(self, entries: Sequence[Entry], options: ExportOptions) -> bytes:
        (entry,) = entries
        lines = [format_bead(b.src, b.tgt, b.confidence) + "\n" for _, b in entry.beads]
        return "".join(lines).encode("utf-8")

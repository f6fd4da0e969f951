"""The ``"tei"`` export format: an adapter over :mod:`paralign.tei`.

The TEI document itself (header, bodies, stand-off links) is written by
:func:`paralign.tei.write.tei_tree`; this registers it as an export writer. A TEI
file records every bead, so that it can be validated and read back: the bead
filters are refused.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..tei.write import serialise, tei_tree
from .base import Entry, ExportOptions, Writer, register


@register
class TeiWriter(Writer):
    name = "tei"
    suffix = ".xml"
    description = "TEI P5: <s xml:id> sentences of both texts and a stand-off <linkGrp> of links"
    sets = False
    filters = False

    def write(self, entries: Sequence[Entry], options: ExportOptions) -> bytes:
        (entry,) = entries
        return serialise(tei_tree(entry.alignment, entry.beads, date=options.date))

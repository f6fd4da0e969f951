"""Tab-separated values: one bead per line under a header, for spreadsheets and filters.

Columns: source text, target text (headed by their language codes), confidence,
bead type, source ids and target ids (0-based, comma-separated), and ``doc`` when
the file holds several alignments. Text is written as it is, never quoted: tabs
and line breaks inside it become spaces, so every line has the same number of
fields (read it with ``csv.QUOTE_NONE``).
"""

from __future__ import annotations

from collections.abc import Sequence

from .base import Entry, ExportOptions, Writer, bead_text, confidence_text, register


@register
class TsvWriter(Writer):
    name = "tsv"
    suffix = ".tsv"
    description = "source TAB target TAB confidence TAB type TAB ids, with a header"

    def write(self, entries: Sequence[Entry], options: ExportOptions) -> bytes:
        first = entries[0].alignment
        several = len(entries) > 1
        header = [first.src.lang, first.tgt.lang, "confidence", "type", "src_ids", "tgt_ids"]
        rows = [header + (["doc"] if several else [])]
        for entry in entries:
            for _, bead in entry.beads:
                src, tgt = bead_text(entry.alignment, bead)
                row = [
                    src,
                    tgt,
                    confidence_text(bead.confidence),
                    bead.shape,
                    ",".join(map(str, bead.src)),
                    ",".join(map(str, bead.tgt)),
                ]
                rows.append(row + ([entry.name] if several else []))
        return "".join("\t".join(r) + "\n" for r in rows).encode("utf-8")

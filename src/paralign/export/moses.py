"""Moses line-parallel text: ``NAME.es`` and ``NAME.en``, line i of one = line i of the other.

The input of Moses, fairseq, Marian, OpenNMT and sacreBLEU. An n-m bead is one
line per side, its sentences joined by a space. 1-0 and 0-1 beads are left out
by default (an empty line breaks most of those tools); with ``keep_null=True``
they give an empty line on the empty side.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import FormatError
from .base import Entry, ExportOptions, Writer, bead_text, register


@register
class MosesWriter(Writer):
    name = "moses"
    suffix = ""
    description = "two line-parallel text files, NAME.<src lang> and NAME.<tgt lang>"
    keep_null = False
    multi_file = True

    def write(self, entries: Sequence[Entry], options: ExportOptions) -> bytes:
        raise FormatError(
            "the moses format is two files (one per language); "
            "write it with paralign.export.export_files(alignment, 'moses', path)"
        )

    def sides(self, entries: Sequence[Entry]) -> tuple[str, str, bytes, bytes]:
        """The two languages and the two files' contents."""
        first = entries[0].alignment
        src_lang, tgt_lang = first.src.lang, first.tgt.lang
        if src_lang == tgt_lang:
            raise FormatError(
                f"both sides are {src_lang!r}, so the two moses files would have the same name"
            )
        src_lines, tgt_lines = [], []
        for entry in entries:
            a = entry.alignment
            if (a.src.lang, a.tgt.lang) != (src_lang, tgt_lang):
                raise FormatError(
                    f"alignment {entry.name} is {a.src.lang}-{a.tgt.lang}, "
                    f"not {src_lang}-{tgt_lang}: "
                    "one moses file pair holds one language pair"
                )
            for _, bead in entry.beads:
                src, tgt = bead_text(a, bead)
                src_lines.append(src + "\n")
                tgt_lines.append(tgt + "\n")
        return (
            src_lang,
            tgt_lang,
            "".join(src_lines).encode("utf-8"),
            "".join(tgt_lines).encode("utf-8"),
        )

    def files(
        self, entries: Sequence[Entry], options: ExportOptions, stem: str
    ) -> dict[str, bytes]:
        src_lang, tgt_lang, src, tgt = self.sides(entries)
        return {f"{stem}.{src_lang}": src, f"{stem}.{tgt_lang}": tgt}

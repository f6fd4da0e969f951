"""JSON Lines in the Hugging Face ``translation`` layout: one object per bead.

``{"translation": {"es": …, "en": …}, "src_ids": [0], "tgt_ids": [0, 1],
"confidence": 0.873, "type": "1-2"}`` (plus ``"doc"`` when the file holds several
alignments), so ``datasets.load_dataset("json", …)`` reads it as a translation
dataset. Sentences of an n-m bead are joined by a space.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..errors import FormatError
from .base import Entry, ExportOptions, Writer, bead_text, confidence_text, register


@register
class JsonlWriter(Writer):
    name = "jsonl"
    suffix = ".jsonl"
    description = 'one JSON object per bead, {"translation": {src: …, tgt: …}, ids, confidence}'

    def write(self, entries: Sequence[Entry], options: ExportOptions) -> bytes:
        several = len(entries) > 1
        lines = []
        for entry in entries:
            a = entry.alignment
            if a.src.lang == a.tgt.lang:
                raise FormatError(
                    f"both sides are {a.src.lang!r}: the translation layout of jsonl needs two "
                    "different language codes (use tsv, or give the sides distinct codes)"
                )
            for _, bead in entry.beads:
                src, tgt = bead_text(a, bead)
                obj: dict[str, object] = {
                    "translation": {a.src.lang: src, a.tgt.lang: tgt},
                    "src_ids": list(bead.src),
                    "tgt_ids": list(bead.tgt),
                    "confidence": float(confidence_text(bead.confidence)),
                    "type": bead.shape,
                }
                if several:
                    obj["doc"] = entry.name
                lines.append(json.dumps(obj, ensure_ascii=False) + "\n")
        return "".join(lines).encode("utf-8")

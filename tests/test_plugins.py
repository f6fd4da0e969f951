"""Plug-ins: a new encoder, export format and review check are each one definition.

Each is defined here, in the test file, registered with the same decorator the
built-in ones use, and then used end to end through the public API and the CLI:
align → review → export.
"""

from __future__ import annotations

import csv
import io
import sys
import zlib

import numpy as np
import pytest

import paralign
from paralign.cli import main
from paralign.encoders import ENCODERS, Calibration, Encoder, calibration_for
from paralign.export import FORMATS, Entry, ExportOptions, Writer, export, export_files, register
from paralign.export.base import bead_text
from paralign.registry import Registry
from paralign.review import CHECKS, KINDS, Finding, ReviewContext, add_kind

ES = [
    "Mikoyan habló extensamente de su visita a Cuba.",
    "¿Quién pagará los misiles?",
    "Kennedy no hizo comentario alguno.",
    "La reunión terminó a las seis.",
]
EN = [
    "Mikoyan spoke at length about his visit to Cuba.",
    "Who will pay for the missiles.",
    "Kennedy made no comment.",
    "The meeting ended at six.",
]


class TrigramEncoder(Encoder):
    """Hashed character trigrams of the lower-cased text: a toy, but deterministic."""

    name = "toy-trigrams"
    dim = 256
    calibration = Calibration(similarity=((float("inf"), 0.05, -0.2),))

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            padded = f"  {text.lower()}  "
            for i in range(len(padded) - 2):
                out[row, zlib.crc32(padded[i : i + 3].encode()) % self.dim] += 1.0
        return out


class CsvWriter(Writer):
    """Comma-separated source, target and confidence, one bead a row."""

    name = "toy-csv"
    suffix = ".csv"
    description = "comma-separated source,target,confidence (a test's plug-in)"

    def write(self, entries, options: ExportOptions) -> bytes:
        out = io.StringIO()
        rows = csv.writer(out, lineterminator="\n")
        for entry in entries:
            assert isinstance(entry, Entry)
            for _, bead in entry.beads:
                src, tgt = bead_text(entry.alignment, bead)
                rows.writerow([src, tgt, f"{bead.confidence:.3f}"])
        return out.getvalue().encode("utf-8")


QUESTION = "toy-question"


def check_questions(ctx: ReviewContext) -> list[Finding]:
    """A question in the source whose translation asks nothing."""
    return [
        ctx.finding(QUESTION, 0.8, v.index, "the source asks, the translation does not")
        for v in ctx.beads
        if "?" in v.src and "?" not in v.tgt
    ]


@pytest.fixture
def plugins():
    """Register the three plug-ins as a user's module would, and forget them after."""
    ENCODERS.register("toy-trigrams")(TrigramEncoder)
    register(CsvWriter)
    add_kind(QUESTION, "a question left unasked")
    CHECKS.register("toy-questions")(check_questions)
    yield
    ENCODERS.remove("toy-trigrams")
    FORMATS.remove("toy-csv")
    CHECKS.remove("toy-questions")
    KINDS.pop(QUESTION, None)


def test_a_new_encoder_format_and_check_work_end_to_end(plugins, tmp_path):
    alignment = paralign.align(ES, EN, src_lang="es", tgt_lang="en", model="toy-trigrams")
    assert alignment.model == "toy-trigrams"
    assert [(b.src, b.tgt) for b in alignment.beads] == [((i,), (i,)) for i in range(4)]

    result = paralign.review.review(alignment)
    asked = [f for f in result.findings if f.kind == QUESTION]
    assert [f.bead for f in asked] == [1]
    assert calibration_for("toy-trigrams").similarity == ((float("inf"), 0.05, -0.2),)

    rows = list(csv.reader(io.StringIO(export(alignment, "toy-csv").decode("utf-8"))))
    assert [r[:2] for r in rows] == [[s, t] for s, t in zip(ES, EN, strict=True)]
    written = export_files(alignment, "toy-csv", tmp_path / "out" / "pair.csv")
    assert written == [tmp_path / "out" / "pair.csv"]


def test_the_plugins_reach_the_command_line(plugins, tmp_path, capsys):
    src, tgt = tmp_path / "es.txt", tmp_path / "en.txt"
    src.write_text("\n".join(ES) + "\n", encoding="utf-8")
    tgt.write_text("\n".join(EN) + "\n", encoding="utf-8")
    out = tmp_path / "pair.csv"
    argv = ["align", str(src), str(tgt), "--src-lang", "es", "--tgt-lang", "en"]
    code = main(
        [*argv, "--presegmented", "--model", "toy-trigrams", "-f", "toy-csv", "-o", str(out)]
    )
    assert code == 0, capsys.readouterr().err
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith("¿Quién pagará")
    code = main(["review", *argv[1:], "--presegmented", "--model", "toy-trigrams", "-q",
                 "-o", str(tmp_path / "r.html"), "--json", "-"])  # fmt: skip
    assert code == 0
    assert '"kind": "toy-question"' in capsys.readouterr().out


def test_an_unknown_name_is_one_line_listing_the_known_ones():
    with pytest.raises(paralign.errors.FormatError) as info:
        export(paralign.align(ES[:1], EN[:1], src_lang="es", tgt_lang="en"), "toy-csv")
    assert "unknown export format 'toy-csv'; choose one of: " in str(info.value)
    assert "tei" in str(info.value) and "toy-csv" not in str(info.value).split(":", 1)[1]


def test_a_name_is_taken_once():
    class Other(CsvWriter):
        name = "tsv"

    with pytest.raises(ValueError, match="export format 'tsv' is registered already"):
        register(Other)
    assert type(FORMATS["tsv"]).__name__ == "TsvWriter"


def test_a_package_is_searched_without_an_import_list(tmp_path, monkeypatch):
    package = tmp_path / "toyplugins"
    package.mkdir()
    (package / "__init__.py").write_text(
        "from paralign.registry import Registry\nTHINGS = Registry('thing', __name__)\n"
    )
    (package / "late.py").write_text(
        "from . import THINGS\n@THINGS.register('first', order=1)\ndef first(): return 1\n"
    )
    (package / "early.py").write_text(
        "from . import THINGS\n@THINGS.register('second')\ndef second(): return 2\n"
    )
    (package / "_private.py").write_text("raise RuntimeError('never imported')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import toyplugins

    assert list(toyplugins.THINGS) == ["first", "second"]  # order first, then as found
    assert toyplugins.THINGS["second"]() == 2
    for name in ("toyplugins", "toyplugins.early", "toyplugins.late"):
        sys.modules.pop(name, None)


def test_a_registry_is_a_read_only_mapping():
    things: Registry[int] = Registry("thing")
    things.add("b", 2)
    things.add("a", 1, order=0)
    assert dict(things) == {"a": 1, "b": 2} and list(things) == ["a", "b"]
    with pytest.raises(paralign.errors.InputError, match="unknown thing 'c'; choose one of: a, b"):
        things.get_or_raise("c")

"""The line formats (vecalign, TSV, JSONL, Moses), the registry and the export options.

The alignments are made by hand (``sample_alignments``: ``mikoyan()`` is real text
from seed 001).
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from sample_alignments import mikoyan, two_sentences

import paralign
from paralign import Alignment, Bead, Document, FormatError
from paralign.export import FORMATS, export, export_files

# ---------------------------------------------------------------- registry and options


def test_registry_names_every_format():
    assert set(FORMATS) == {"tei", "vecalign", "tsv", "jsonl", "tmx", "xces", "intertext", "moses"}
    for name, writer in FORMATS.items():
        assert writer.name == name and writer.description


def test_unknown_format_and_option_are_one_clear_error():
    with pytest.raises(FormatError, match="unknown export format 'docx'.*tei"):
        export(mikoyan(), "docx")
    with pytest.raises(FormatError, match="unknown export option 'min_conf'"):
        export(mikoyan(), "tsv", min_conf=0.5)
    with pytest.raises(FormatError, match="min_confidence must be a number in 0..1"):
        export(mikoyan(), "tsv", min_confidence=2)
    with pytest.raises(FormatError, match="ISO date"):
        export(mikoyan(), "tei", date="2 Dec 1962")


def test_to_format_and_to_tei_go_through_the_registry():
    a = mikoyan()
    assert paralign.to_format(a, "vecalign") == export(a, "vecalign")
    assert paralign.to_tei(a) == export(a, "tei")


# ---------------------------------------------------------------- vecalign


def test_vecalign_is_the_published_gold_layout():
    lines = export(mikoyan(), "vecalign").decode().splitlines()
    assert lines == [
        "[0]:[0]:0.962",
        "[1]:[1]:0.874",
        "[2, 3]:[2, 3]:0.613",
        "[4]:[4]:0.931",
        "[5]:[5]:0.958",
        "[6]:[]:0.205",
    ]


def test_vecalign_lines_parse_back_to_the_beads():
    a = mikoyan()
    for line, bead in zip(export(a, "vecalign").decode().splitlines(), a.beads, strict=True):
        src, tgt, conf = line.split(":")
        assert tuple(json.loads(src)) == bead.src
        assert tuple(json.loads(tgt)) == bead.tgt
        assert float(conf) == pytest.approx(bead.confidence, abs=5e-4)


def test_filters_leave_out_null_and_unsure_beads():
    a = mikoyan()
    assert "[6]:[]" not in export(a, "vecalign", keep_null=False).decode()
    kept = export(a, "vecalign", min_confidence=0.9).decode().splitlines()
    assert [line.rsplit(":", 1)[0] for line in kept] == ["[0]:[0]", "[4]:[4]", "[5]:[5]"]


# ---------------------------------------------------------------- tsv


def test_tsv_has_a_header_and_one_row_per_bead_with_joined_text():
    rows = list(
        csv.reader(
            io.StringIO(export(mikoyan(), "tsv").decode()), delimiter="\t", quoting=csv.QUOTE_NONE
        )
    )
    assert rows[0] == ["es", "en", "confidence", "type", "src_ids", "tgt_ids"]
    assert len(rows) == 7 and all(len(r) == 6 for r in rows)
    two_two = rows[3]
    assert (
        two_two[0].startswith("--Kennedy expresó") and "sin llegar a ninguna votación" in two_two[0]
    )
    assert two_two[1].endswith("without any voting by the Security Council.")
    assert two_two[2:] == ["0.613", "2-2", "2,3", "2,3"]
    assert rows[6][1:] == ["", "0.205", "1-0", "6", ""]


def test_tsv_keeps_quotes_as_they_are_and_flattens_tabs_and_line_breaks():
    a = two_sentences('Dijo: "sí"\tclaro', "He said\n“yes”")
    row = export(a, "tsv").decode().splitlines()[1].split("\t")
    assert row[:2] == ['Dijo: "sí" claro', "He said “yes”"]


def test_tsv_of_a_set_names_the_document_of_each_row():
    data = export(
        [two_sentences("Uno.", "One."), two_sentences("Dos.", "Two.")], "tsv", names=["a", "b"]
    )
    lines = data.decode().splitlines()
    assert lines[0].endswith("\tdoc")
    assert [line.split("\t")[-1] for line in lines[1:]] == ["a", "b"]


# ---------------------------------------------------------------- jsonl


def test_jsonl_is_the_hugging_face_translation_layout():
    objs = [json.loads(line) for line in export(mikoyan(), "jsonl").decode().splitlines()]
    assert len(objs) == 6
    first = objs[0]
    assert set(first) == {"translation", "src_ids", "tgt_ids", "confidence", "type"}
    assert first["translation"]["es"].startswith(
        '--Mikoyan habló de la desconfianza de Cuba por el "imperialismo'
    )
    assert first["translation"]["en"].startswith("Mikoyan spoke of Cuba's distrust")
    assert objs[2]["src_ids"] == [2, 3] and objs[2]["type"] == "2-2"
    assert objs[5] == {
        "translation": {"es": "VENCEREMOS", "en": ""},
        "src_ids": [6],
        "tgt_ids": [],
        "confidence": 0.205,
        "type": "1-0",
    }


def test_jsonl_refuses_two_sides_in_one_language():
    a = Alignment(
        Document.from_sentences(["One."], "en"),
        Document.from_sentences(["Uno."], "en"),
        [Bead((0,), (0,))],
    )
    with pytest.raises(FormatError, match="two\\s+different language codes"):
        export(a, "jsonl")


# ---------------------------------------------------------------- moses


def test_moses_writes_two_line_parallel_files(tmp_path):
    written = export_files(mikoyan(), "moses", tmp_path / "corpus")
    assert sorted(p.name for p in written) == ["corpus.en", "corpus.es"]
    es = (tmp_path / "corpus.es").read_text("utf-8").splitlines()
    en = (tmp_path / "corpus.en").read_text("utf-8").splitlines()
    assert len(es) == len(en) == 5  # the 1-0 bead is left out by default
    assert es[2].startswith("--Kennedy expresó") and en[2].startswith("Kennedy said")
    assert es[4].startswith("--Mikoyan rechazó") and en[4].startswith("Mikoyan rejected")


def test_moses_keeps_null_beads_as_empty_lines_when_asked(tmp_path):
    export_files(mikoyan(), "moses", tmp_path / "c", keep_null=True)
    es = (tmp_path / "c.es").read_text("utf-8").split("\n")
    en = (tmp_path / "c.en").read_text("utf-8").split("\n")
    assert len(es) == len(en) == 7 and es[5] == "VENCEREMOS" and en[5] == ""


def test_moses_is_not_one_file():
    with pytest.raises(FormatError, match="export_files"):
        export(mikoyan(), "moses")


def test_moses_lines_never_break_inside_a_bead(tmp_path):
    a = two_sentences("Línea uno\u2028línea dos\rtres", "One\x85two\x0bthree")
    export_files(a, "moses", tmp_path / "c")
    assert (tmp_path / "c.es").read_text("utf-8").splitlines() == ["Línea uno línea dos tres"]
    assert (tmp_path / "c.en").read_text("utf-8").splitlines() == ["One two three"]


# ---------------------------------------------------------------- sets and files


def test_one_file_per_document_in_a_folder(tmp_path):
    pair = [two_sentences("Uno.", "One."), two_sentences("Dos.", "Two.")]
    written = export_files(pair, "jsonl", tmp_path / "out", per_document=True, names=["m1", "m2"])
    assert sorted(p.name for p in written) == ["m1.jsonl", "m2.jsonl"]
    assert (
        json.loads((tmp_path / "out" / "m2.jsonl").read_text("utf-8"))["translation"]["en"]
        == "Two."
    )


def test_formats_holding_one_alignment_refuse_a_set():
    pair = [two_sentences("Uno.", "One."), two_sentences("Dos.", "Two.")]
    for fmt in ("tei", "vecalign", "intertext"):
        with pytest.raises(FormatError, match="holds one alignment"):
            export(pair, fmt)


def test_names_must_be_file_names():
    with pytest.raises(FormatError, match="cannot be a file name"):
        export([two_sentences("Uno.", "One.")], "tsv", names=["../etc"])


def test_export_files_leaves_no_temporary_files(tmp_path):
    export_files(mikoyan(), "tsv", tmp_path / "m.tsv")
    assert [p.name for p in tmp_path.iterdir()] == ["m.tsv"]


def _with_umask(mask: int, fn):
    import os

    old = os.umask(mask)
    try:
        return fn()
    finally:
        os.umask(old)


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_new_files_get_the_mode_open_would_give(tmp_path, umask, mode):
    written = _with_umask(umask, lambda: export_files(mikoyan(), "moses", tmp_path / "pair"))
    assert sorted((p.name, p.stat().st_mode & 0o777) for p in written) == [
        ("pair.en", mode),
        ("pair.es", mode),
    ]


def test_a_replaced_file_keeps_its_mode(tmp_path):
    import os

    (tmp_path / "pair.es").write_text("old\n")
    os.chmod(tmp_path / "pair.es", 0o600)
    (tmp_path / "pair.en").write_text("old\n")
    os.chmod(tmp_path / "pair.en", 0o640)
    _with_umask(0o022, lambda: export_files(mikoyan(), "moses", tmp_path / "pair"))
    assert (tmp_path / "pair.es").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "pair.en").stat().st_mode & 0o777 == 0o640
    assert (tmp_path / "pair.es").read_text("utf-8").startswith("--Mikoyan habló")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pair.en", "pair.es"]


def test_every_file_is_synced_before_it_is_renamed(tmp_path, monkeypatch):
    import os

    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(
        os,
        "replace",
        lambda a, b: (events.append(f"replace {os.path.basename(b)}"), real_replace(a, b))[1],
    )
    export_files(mikoyan(), "moses", tmp_path / "pair")
    renames = [e for e in events if e.startswith("replace")]
    assert sorted(renames) == ["replace pair.en", "replace pair.es"]
    first_rename = events.index(renames[0])
    assert events[:first_rename] == ["fsync", "fsync"]  # both files synced, then renamed

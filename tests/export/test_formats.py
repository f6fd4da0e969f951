"""The line formats (vecalign, TSV, JSONL, Moses), the registry and the export options.

``mikoyan()`` builds, by hand, an alignment of real text: part of seed 001 (the
Cuban mission's memo on Mikoyan's talks with Kennedy, Spanish original and the
English translation), with the OCR page header and page number that fall inside
a sentence hyphenated across the page break. The other export tests import it.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

import paralign
from paralign import Alignment, Bead, Document, FormatError, Sentence, Span
from paralign.export import FORMATS, export, export_files

ES_RAW = (
    '--Mikoyan habló de la desconfianza de Cuba por el "imperialismo americano" (me dijeron '
    "que había utilizado esa expresión) y culpó a los EE.UU. de la crisis de relaciones con "
    "Cuba. Añadió que el proyecto de declaración de los EE.UU.--ante el Consejo de "
    "Seguridad--no es satisfactorio porque anula en la práctica las obligaciones "
    "norteamericanas que emanan del intercambio de los mensajes entre Kennedy y Jruschov.\n\n"
    "--Kennedy expresó que la idea de concertar las tres declaraciones ante el Consejo de "
    "Seguridad no es, en general, aceptable porque ellos no pueden votar por la declaración "
    "de Cuba y Cuba no iba a votar por la declaración de los Estados Unidos. Dijo que sería "
    "mejor no llegar a producir declaraciones similares y limitarse a que U Thant tome nota "
    "de las declaraciones de la URSS y de los EE.UU., sin llegar a nin-\n\n"
    "MISION PERMANENTE DE CUBA\nEN LAS NACIONES UNIDAS\n\n--2--\n\n"
    "guna votación en el Consejo de Seguridad. Sugirió también no ir al Consejo en forma "
    "alguna--ni a la sesión, ni por el procedimiento por medio de U Thant--sino producir las "
    "declaraciones, 'el en Washington y Jruschov en Moscú.\n\n"
    "--Mikoyan rechazó la idea y dijo que era mejor ir al Consejo y seguir las negociaciones "
    "entre los soviéticos y los americanos y los soviéticos y nosotros en New York.\n\n"
    "VENCEREMOS\n"
)
EN_SENTENCES = [
    [
        'Mikoyan spoke of Cuba\'s distrust of "American imperialism" (they told me he had used '
        "that expression) and blamed the USA for the crisis in relations with Cuba.",
        "He added that the project [i.e., draft-ed.] of the US declaration before the Security "
        "Council is not satisfactory because it cancels, in practice, American obligations "
        "emerging from the exchange of messages between Kennedy and Khrushchev.",
    ],
    [
        "Kennedy said that the idea of agreeing on the three declarations before the Security "
        "Council is generally not acceptable because they cannot vote for Cuba's declaration and "
        "Cuba was not going to vote for that of the United States.",
        "He said it would be better not to arrive at similar declarations and limit the process "
        "to U Thant taking note of the declarations from the USSR and USA, without any voting by "
        "the Security Council.",
        "He also suggested not going to the Council in any form - neither to the session, nor to "
        "the proceedings through U Thant - but rather producing the declarations, he in "
        "Washington and Khrushchev in Moscow.",
    ],
    [
        "Mikoyan rejected the idea and said it would be better to go to the Council and continue "
        "negotiations between the Soviets and the Americans, and between the Soviets and us "
        "[Cubans] in New York.",
    ],
]
HEADER = "MISION PERMANENTE DE CUBA\nEN LAS NACIONES UNIDAS"


def _es_document() -> Document:
    raw = ES_RAW
    starts = [
        ("--Mikoyan habló", "Cuba."),
        ("Añadió que", "Jruschov."),
        ("--Kennedy expresó", "Estados Unidos."),
        ("Dijo que sería", "votación en el Consejo de Seguridad."),
        ("Sugirió también", "Moscú."),
        ("--Mikoyan rechazó", "New York."),
        ("VENCEREMOS", "VENCEREMOS"),
    ]
    paragraphs = [0, 0, 1, 1, 1, 2, 3]
    sentences = []
    pos = 0
    for (first, last), para in zip(starts, paragraphs, strict=True):
        start = raw.index(first, pos)
        end = raw.index(last, start) + len(last)
        stretch = raw[start:end].replace(HEADER, "").replace("--2--", "")
        text = " ".join(stretch.split()).replace("nin- guna", "ninguna")
        sentences.append(Sentence(text, start, end, para))
        pos = end
    header = raw.index(HEADER)
    page = raw.index("--2--")
    kept = [
        Span(header, header + len(HEADER), "fw", HEADER),
        Span(page, page + 5, "pb", "--2--"),
    ]
    meta = {
        "title": "Memorando confidencial de la Misión de Cuba ante las Naciones Unidas",
        "date": "1962-12-02",
        "repository": "Wilson Center Digital Archive",
        "citation": "Provided by the Cuban Government for the October 2002 Havana conference.",
    }
    return Document(raw, "es", sentences, kept, meta)


def _en_document() -> Document:
    parts, sentences, pos = [], [], 0
    for p, group in enumerate(EN_SENTENCES):
        if parts:
            parts.append("\n\n")
            pos += 2
        for k, text in enumerate(group):
            if k:
                parts.append(" ")
                pos += 1
            sentences.append(Sentence(text, pos, pos + len(text), p))
            parts.append(text)
            pos += len(text)
    meta = {
        "translator": "Chris Dunlap",
        "publisher": "Wilson Center Digital Archive",
        "url": "https://digitalarchive.wilsoncenter.org/document/115170",
        "licence": "Wilson Center Digital Archive terms of use",
    }
    return Document("".join(parts), "en", sentences, [], meta)


def mikoyan() -> Alignment:
    """Seven Spanish sentences, six English ones; 1-1, 2-2 and 1-0 beads."""
    beads = [
        Bead((0,), (0,), 0.962, 1.2),
        Bead((1,), (1,), 0.874, 0.9),
        Bead((2, 3), (2, 3), 0.613, 0.4),
        Bead((4,), (4,), 0.931, 1.1),
        Bead((5,), (5,), 0.958, 1.3),
        Bead((6,), (), 0.205, -0.2),
    ]
    return Alignment(
        _es_document(),
        _en_document(),
        beads,
        model="usem3",
        settings={"max_bead": 4, "band": 8},
    )


def two_sentences(src: str, tgt: str, confidence: float = 0.5) -> Alignment:
    return Alignment(
        Document.from_sentences([src], "es"),
        Document.from_sentences([tgt], "en"),
        [Bead((0,), (0,), confidence)],
    )


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

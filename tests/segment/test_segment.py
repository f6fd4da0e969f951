"""Segmentation: the hand-made gold, the hard cases of the archive, offsets, kept-out
spans, paragraphs, pre-segmented input and bad input."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sample_pair import sample_pair, with_paragraph_marks

from paralign.errors import InputError
from paralign.model import Document, Span
from paralign.segment import SEGMENTERS, Segmenter, segment, segment_lines

DATA = Path(__file__).resolve().parents[1] / "data" / "segmentation"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"segmentation_{name}", DATA / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


G = _load("gold")
M = _load("measure")


def texts(raw: str, lang: str = "es", kept_out=()) -> list[str]:
    return segment(raw, lang, kept_out).texts


# -- the gold ----------------------------------------------------------------


def _total(golds, **kwargs):
    total = G.Score()
    errors = []
    for g in golds:
        result, errs = G.score(g, segment(g.raw, g.lang, g.kept_out, **kwargs))
        total += result
        errors += [(g.name, *e) for e in errs]
    return total, errors


def test_gold_files_match_their_raw_excerpts() -> None:
    for name, lang in G.GOLD:
        g = G.load(name, lang)  # raises when the marks do not reproduce NAME.txt
        assert g.ends, name
        assert all(g.raw[e - 1].strip() for e in g.ends), f"{name}: a mark after whitespace"


def test_boundary_precision_and_recall_on_the_archive_seeds() -> None:
    seeds = [G.load(n, lang) for n, lang in G.SEEDS]
    total, errors = _total(seeds)
    assert total.tp + total.fn == 112
    assert total.precision >= 0.98, errors
    assert total.recall >= 0.98, errors


def test_boundary_precision_and_recall_on_the_stress_texts() -> None:
    stress = [G.load(n, lang) for n, lang in G.GOLD if (n, lang) not in G.SEEDS]
    total, errors = _total(stress)
    assert total.precision >= 0.95, errors
    assert total.recall >= 0.95, errors


def test_wrapped_typed_pages_are_not_split_at_line_ends() -> None:
    """Heading lines end sentences, wrapped prose lines do not (the same seeds with
    every long line broken at 60 and 72 characters)."""
    seeds = [G.load(n, lang) for n, lang in G.SEEDS]
    total, errors = _total([M.wrapped(g, w) for g in seeds for w in (60, 72)])
    assert total.precision >= 0.98, errors
    assert total.recall >= 0.98, errors


def test_the_rules_add_what_sentencex_alone_misses() -> None:
    seeds = [G.load(n, lang) for n, lang in G.SEEDS]
    alone, _ = _total(seeds, segmenter="sentencex", headings=False)
    ruled, _ = _total(seeds)
    assert alone.recall < 0.8
    assert ruled.recall - alone.recall > 0.2


def test_held_out_candide(shared: Path) -> None:
    golds = [M.candide("es"), M.candide("en")]
    total, errors = _total(golds)
    assert total.tp + total.fn > 2500
    assert total.precision >= 0.98, errors[:20]
    assert total.recall >= 0.94, errors[:20]


# -- hard cases ----------------------------------------------------------------


def test_dialogue_dash_glued_to_a_sentence_end_splits() -> None:
    raw = (
        "--Kennedy dijo que ellos se ven obligados a volar sobre el territorio cubano, "
        "aunque la URSS los critique.--Mostro entonces un recorte de un periódico."
    )
    assert texts(raw) == [
        "--Kennedy dijo que ellos se ven obligados a volar sobre el territorio cubano, "
        "aunque la URSS los critique.",
        "--Mostro entonces un recorte de un periódico.",
    ]


def test_dashes_inside_a_sentence_do_not_split() -> None:
    raw = (
        "Añadió que el proyecto de declaración de los EE.UU.--ante el Consejo de "
        "Seguridad--no es satisfactorio."
    )
    assert texts(raw) == [raw]


def test_dialogue_lines_and_the_verb_after_a_question() -> None:
    raw = "--¿Qué dice usted? --preguntó el Sr. Gómez.\n--Digo que no.--Se levantó y salió."
    assert texts(raw) == [
        "--¿Qué dice usted? --preguntó el Sr. Gómez.",
        "--Digo que no.",
        "--Se levantó y salió.",
    ]


@pytest.mark.parametrize(
    ("raw", "lang"),
    [
        ("AL: Dr. Raúl Roa García llegó ayer.", "es"),
        ("El Sr. Gómez y la Sra. Pérez y la Srta. Ruiz vinieron.", "es"),
        ("Ud. sabe que el Lic. Ruiz no vino.", "es"),
        ("Culpó a los EE.UU. de la crisis de relaciones con Cuba.", "es"),
        ("Llegaron a las 5 p.m. del martes con el embajador.", "es"),
        ("Firmado el 14 de nov. de 1962 en México.", "es"),
        ("Véase el anexo núm. 2 del informe.", "es"),
        ("Dr. Raúl Roa García, 155 East 44th St., New York 17, N. Y.", "en"),
        ("Mr. J. F. Gomez met the U.S. Embassy staff.", "en"),
        ("The talks resumed on Nov. 20 in Washington.", "en"),
        ("He said the same as [Assistant Secretary Edwin M.] Martin to the ambassador.", "en"),
        ("And if war had broken out... with the insane people who unleashed it?", "en"),
    ],
)
def test_abbreviations_initials_and_ellipses_do_not_split(raw: str, lang: str) -> None:
    assert texts(raw, lang) == [raw]


@pytest.mark.parametrize(
    ("raw", "lang", "expected"),
    [
        (
            "Esperamos hasta las 11 a.m. del día siguiente, etc. Luego volvimos.",
            "es",
            ["Esperamos hasta las 11 a.m. del día siguiente, etc.", "Luego volvimos."],
        ),
        (
            "Culpó a los EE.UU. Añadió que no.",
            "es",
            ["Culpó a los EE.UU.", "Añadió que no."],
        ),
        (
            "The talks resumed in Washington, D.C. The U.S. delegation agreed.",
            "en",
            ["The talks resumed in Washington, D.C.", "The U.S. delegation agreed."],
        ),
        (
            "Nadie supo contestarle. ¡Qué situación! El encargado dijo: “No tenemos "
            "instrucciones”. Esperamos.",
            "es",
            [
                "Nadie supo contestarle.",
                "¡Qué situación!",
                "El encargado dijo: “No tenemos instrucciones”.",
                "Esperamos.",
            ],
        ),
        (
            "Fidel le preguntó: ¿con qué derecho hablan de atacar a Cuba? ¿Con qué "
            "derecho vuelan sobre nuestro territorio?",
            "es",
            [
                "Fidel le preguntó: ¿con qué derecho hablan de atacar a Cuba?",
                "¿Con qué derecho vuelan sobre nuestro territorio?",
            ],
        ),
    ],
)
def test_sentence_ends_after_abbreviations_and_around_questions(
    raw: str, lang: str, expected: list[str]
) -> None:
    assert texts(raw, lang) == expected


def test_quotation_inside_a_sentence_stays_whole() -> None:
    raw = "«¿Vendrán mañana?», preguntó el Sr. Gómez. Nadie supo contestarle."
    assert texts(raw) == ["«¿Vendrán mañana?», preguntó el Sr. Gómez.", "Nadie supo contestarle."]


def test_a_quoted_speech_of_several_sentences_is_split() -> None:
    raw = (
        "Position of the USSR: “Humanity has been freed from a catastrophic war. It must "
        "be understood that the situation has improved. We must believe this promise.”"
    )
    assert texts(raw, "en") == [
        "Position of the USSR: “Humanity has been freed from a catastrophic war.",
        "It must be understood that the situation has improved.",
        "We must believe this promise.”",
    ]


def test_a_parenthesis_holding_sentences_stays_in_its_sentence() -> None:
    raw = (
        "If it ceases to be an advantage, (this answer remained unclear. I don't know "
        "why.) we must tally what has been achieved. Then we left."
    )
    assert texts(raw, "en") == [
        "If it ceases to be an advantage, (this answer remained unclear. I don't know "
        "why.) we must tally what has been achieved.",
        "Then we left.",
    ]


def test_a_series_of_questions_in_lower_case_is_one_sentence() -> None:
    raw = "Vámonos. ¿Adónde me llevas? ¿adónde vamos? Nadie contestó."
    assert texts(raw) == ["Vámonos.", "¿Adónde me llevas? ¿adónde vamos?", "Nadie contestó."]


def test_lower_cased_text_still_splits() -> None:
    raw = "we went home. it was late. nobody answered the door."
    assert texts(raw, "en") == ["we went home.", "it was late.", "nobody answered the door."]


def test_other_languages_use_sentencex_rules() -> None:
    assert texts("Il est venu hier. Elle est partie ce matin.", "fr") == [
        "Il est venu hier.",
        "Elle est partie ce matin.",
    ]


# -- layout: paragraphs, line breaks, headings, hyphens, kept-out spans ---------------


def test_blank_lines_separate_paragraphs_and_single_newlines_are_spaces() -> None:
    raw = "Primera frase del\npárrafo uno. Segunda.\n\nPárrafo dos\ncon una frase.\n"
    doc = segment(raw, "es")
    assert doc.texts == [
        "Primera frase del párrafo uno.",
        "Segunda.",
        "Párrafo dos con una frase.",
    ]
    assert [s.paragraph for s in doc.sentences] == [0, 0, 1]
    assert doc.paragraphs == [[0, 1], [2]]


def test_heading_and_address_lines_end_sentences() -> None:
    raw = (
        "Havana\nOctober 31, 1962\nMr. Nikita S. Khrushchev\nPrime Minister of the Soviet "
        "Union\nUSSR\nDear Comrade Khrushchev:\n\nI received your letter."
    )
    assert texts(raw, "en") == [
        "Havana",
        "October 31, 1962",
        "Mr. Nikita S. Khrushchev",
        "Prime Minister of the Soviet Union",
        "USSR",
        "Dear Comrade Khrushchev:",
        "I received your letter.",
    ]
    assert segment(raw, "en", headings=False).texts[0] == (
        "Havana October 31, 1962 Mr. Nikita S. Khrushchev Prime Minister of the Soviet "
        "Union USSR Dear Comrade Khrushchev:"
    )


def test_a_phrase_wrapped_over_heading_lines_stays_whole() -> None:
    raw = "MISION PERMANENTE DE CUBA\nEN LAS NACIONES UNIDAS\n155 EAST 44TH STREET"
    assert texts(raw) == [
        "MISION PERMANENTE DE CUBA EN LAS NACIONES UNIDAS",
        "155 EAST 44TH STREET",
    ]


def test_a_word_hyphenated_at_a_line_end_is_rejoined() -> None:
    raw = "No trajeron nin-\n  guna noticia de\nWashington. El inter-\nAmerican pact."
    doc = segment(raw, "es")
    assert doc.texts == ["No trajeron ninguna noticia de Washington.", "El inter-American pact."]
    first = doc.sentences[0]
    assert raw[first.start : first.end] == "No trajeron nin-\n  guna noticia de\nWashington."


def test_a_page_header_inside_a_sentence_is_left_out_of_its_text() -> None:
    raw = (
        "Dijo que sería mejor no llegar a nin-\n\nMISION PERMANENTE DE CUBA\n\n--2--\n\n"
        "guna votación en el Consejo. Sugirió también otra cosa.\n"
    )
    header = raw.index("MISION")
    page = raw.index("--2--")
    kept = [
        Span(header, header + len("MISION PERMANENTE DE CUBA"), "fw"),
        Span(page, page + 5, "pb"),
    ]
    doc = segment(raw, "es", kept)
    assert doc.texts == [
        "Dijo que sería mejor no llegar a ninguna votación en el Consejo.",
        "Sugirió también otra cosa.",
    ]
    assert doc.sentences[0].start == 0
    assert raw[doc.sentences[0].end - 8 : doc.sentences[0].end] == "Consejo."
    assert [s.paragraph for s in doc.sentences] == [0, 0]
    assert doc.kept_out == kept


def test_a_page_header_between_paragraphs_keeps_the_paragraph_break() -> None:
    raw = 'esta sospecha?"\n\nEN LAS NACIONES UNIDAS\n\n--3--\n\n--Mikoyan dijo que no.'
    header = raw.index("EN LAS")
    page = raw.index("--3--")
    kept = [Span(header, header + 22, "fw"), Span(page, page + 5, "pb")]
    doc = segment(raw, "es", kept)
    assert doc.texts == ['esta sospecha?"', "--Mikoyan dijo que no."]
    assert [s.paragraph for s in doc.sentences] == [0, 1]


def test_a_page_break_before_a_capital_in_mid_phrase_continues_the_sentence() -> None:
    raw = (
        "Cuba was not going to vote for the declaration made by the government of the United"
        "\n\n- 3 -\n\n"
        "States. Then they left.\n\n2 December 1962\n\n- 4 -\n\nRaúl:"
    )
    pages = [Span(i, i + 5, "pb") for i in (raw.index("- 3 -"), raw.index("- 4 -"))]
    doc = segment(raw, "en", pages)
    assert doc.texts == [
        "Cuba was not going to vote for the declaration made by the government of the "
        "United States.",
        "Then they left.",
        "2 December 1962",
        "Raúl:",
    ]
    assert [s.paragraph for s in doc.sentences] == [0, 0, 1, 2]


def test_a_lower_case_start_after_a_blank_line_continues_the_sentence() -> None:
    raw = "Kennedy said that it seemed that the translator had not summarized his observations"
    raw += "\n\nwell, and that he was prepared to reiterate the promise."
    doc = segment(raw, "en")
    assert len(doc) == 1
    assert doc.sentences[0].paragraph == 0


def test_clean_stage_hyphen_and_join_spans_are_honoured() -> None:
    raw = "no llegar a nin-\n\nSUITE 201\n\nguna votación.\n\nY luego\n\nOtra cosa."
    hyphen = raw.index("-\n")
    suite = raw.index("SUITE")
    join = raw.index("\n\nOtra")
    kept = [
        Span(hyphen, hyphen + 1, "hyphen"),
        Span(suite, suite + 9, "fw"),
        Span(join, join + 2, "join"),
    ]
    doc = segment(raw, "es", kept)
    assert doc.texts == ["no llegar a ninguna votación.", "Y luego Otra cosa."]
    assert [s.paragraph for s in doc.sentences] == [0, 1]


def _kept(raw: str, *texts: str, kind: str = "editorial") -> list[Span]:
    return [Span(raw.index(t), raw.index(t) + len(t), kind, t) for t in texts]


def test_kept_out_text_glued_to_punctuation_leaves_no_space_before_it() -> None:
    """Seed 001 en with its editor's brackets left out (``clean(editorial="omit")``)."""
    raw = (
        "Mikoyan sent to New York the USSR's ambassador in Washington, Dobryni [Anatoly F. "
        "Dobrynin], so that he might inform us about his interview with Kennedy.\n\n"
        "(He said the same as [Assistant Secretary of State for Inter-American Affairs Edwin "
        "M.] Martin to the Brazilian ambassador [to the United States Roberto de Oliveira] "
        "Campos, whom I informed in a recent confidential memo.)\n"
    )
    kept = _kept(
        raw,
        "[Anatoly F. Dobrynin]",
        "[Assistant Secretary of State for Inter-American Affairs Edwin M.]",
        "[to the United States Roberto de Oliveira]",
    )
    assert texts(raw, "en", kept) == [
        "Mikoyan sent to New York the USSR's ambassador in Washington, Dobryni, so that he "
        "might inform us about his interview with Kennedy.",
        "(He said the same as Martin to the Brazilian ambassador Campos, whom I informed in a "
        "recent confidential memo.)",
    ]


def test_kept_out_text_glued_to_an_opening_bracket_leaves_no_space_after_it() -> None:
    raw = "(this answer [illegible] remained unclear.)\n\n([sic] we must tally what was achieved.)"
    kept = _kept(raw, "[illegible]", "[sic]")
    assert texts(raw, "en", kept) == [
        "(this answer remained unclear.)",
        "(we must tally what was achieved.)",
    ]


def test_kept_out_text_between_a_word_and_spaced_punctuation_keeps_the_space() -> None:
    raw = "Que veut-il [sic] ? Il ne le dit pas."
    assert texts(raw, "fr", _kept(raw, "[sic]")) == ["Que veut-il ?", "Il ne le dit pas."]


@pytest.mark.parametrize(
    "dateline",
    ["2 de diciembre, 1962", "Permanent Mission of Cuba in the United Nations, 2 December 1962"],
)
def test_a_dateline_before_a_kept_out_letterhead_line_ends_its_paragraph(dateline: str) -> None:
    """Seed 001: ``SUITE 201`` (kept out) between the dateline and the salutation; the
    English dateline is longer than a heading line and ends on a number."""
    raw = f"NEW YORK 17, N. Y.\n\n{dateline}\n\nSUITE 201\n\nRául:\n\nMikoyan envió a New York."
    doc = segment(raw, "es", _kept(raw, "NEW YORK 17, N. Y.", "SUITE 201", kind="fw"))
    assert doc.texts == [dateline, "Rául:", "Mikoyan envió a New York."]
    assert [s.paragraph for s in doc.sentences] == [0, 1, 2]


def test_crlf_and_unicode_line_separators() -> None:
    raw = "Primera línea\r\nsigue aquí. Otra.\r\n\r\nNuevo párrafo.\u2028Sigue."
    doc = segment(raw, "es")
    assert doc.texts == ["Primera línea sigue aquí.", "Otra.", "Nuevo párrafo.", "Sigue."]
    assert [s.paragraph for s in doc.sentences] == [0, 0, 1, 1]


def test_empty_and_blank_text_have_no_sentences() -> None:
    assert segment("", "es").sentences == []
    assert segment(" \n\n\t ", "en").sentences == []


def test_document_fields() -> None:
    doc = segment("Hola. Adiós.", "SPA")
    assert isinstance(doc, Document)
    assert doc.lang == "es"
    assert doc.raw == "Hola. Adiós."
    assert doc.kept_out == []


# -- choosing a segmenter ----------------------------------------------------------


@pytest.mark.parametrize("name", SEGMENTERS)
def test_every_named_segmenter_runs(name: str) -> None:
    doc = segment("El Sr. Pérez llegó. Luego se fue.", "es", segmenter=name)
    assert doc.texts == ["El Sr. Pérez llegó.", "Luego se fue."]


def test_a_custom_segmenter_cannot_lose_text() -> None:
    class FirstWordOnly(Segmenter):
        name = "first-word"

        def spans(self, text: str) -> list[tuple[int, int]]:
            start = len(text) - len(text.lstrip())
            end = text.find(" ", start)
            return [(start, end if end > 0 else len(text)), (len(text), len(text))]

    doc = segment("Uno dos tres. Cuatro cinco.", "es", segmenter=FirstWordOnly("es"))
    assert "".join(doc.texts).replace(" ", "") == "Unodostres.Cuatrocinco."


def test_unknown_segmenter_and_language_are_input_errors() -> None:
    with pytest.raises(InputError, match="unknown segmenter 'punkt'"):
        segment("Hola.", "es", segmenter="punkt")
    with pytest.raises(InputError, match="unknown language code 'xx'"):
        segment("Hola.", "xx")


def test_nul_characters_and_bad_spans_are_input_errors() -> None:
    with pytest.raises(InputError, match="NUL"):
        segment("Hola.\x00Adiós.", "es")
    with pytest.raises(InputError, match="outside the text"):
        segment("Hola.", "es", [Span(2, 40, "fw")])


# -- offsets: properties --------------------------------------------------------

_ALPHABET = st.sampled_from(
    list("abcdeñáABCÉXY019 .,;:?!¿¡-—«»“”\"'()[]…")
    + ["\n", "\n\n", "\r\n", "\t", "\u2028", "\xa0", " -\n", ". ", "Dr. ", "EE.UU. ", "--"]
)


@st.composite
def raw_and_kept(draw):
    raw = "".join(draw(st.lists(_ALPHABET, max_size=120)))
    cuts = sorted(draw(st.lists(st.integers(0, len(raw)), max_size=6, unique=True)))
    kinds = ["fw", "pb", "debris", "hyphen", "join", "editorial"]
    kept = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        if b > a:
            kept.append(Span(a, b, draw(st.sampled_from(kinds)), raw[a:b]))
    return raw, kept


def _inside(spans: list[Span], i: int) -> bool:
    return any(s.start <= i < s.end for s in spans)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_and_kept(), st.sampled_from(["es", "en"]), st.sampled_from(list(SEGMENTERS)))
def test_offsets_are_exact_and_nothing_is_lost(data, lang: str, name: str) -> None:
    raw, kept = data
    doc = segment(raw, lang, kept, segmenter=name)
    assert doc.kept_out == kept
    covered = [False] * len(raw)
    prev_end = 0
    prev_paragraph = 0
    for s in doc.sentences:
        stretch = raw[s.start : s.end]
        assert stretch and stretch == stretch.strip()
        assert s.start >= prev_end
        assert s.paragraph >= prev_paragraph
        assert not _inside(kept, s.start) and not _inside(kept, s.end - 1)
        prev_end, prev_paragraph = s.end, s.paragraph
        for i in range(s.start, s.end):
            covered[i] = True
        # text: kept-out text dropped, whitespace collapsed, only hyphens may go
        assert s.text and s.text == s.text.strip()
        assert "  " not in s.text and not re.search(r"[^\S ]", s.text)
        content = "".join(
            ch for i, ch in enumerate(stretch, s.start) if not _inside(kept, i) and not ch.isspace()
        )
        assert s.text.replace(" ", "").replace("-", "") == content.replace("-", "")
    for i, ch in enumerate(raw):
        assert covered[i] or ch.isspace() or _inside(kept, i), (i, ch)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.text(st.characters(blacklist_categories=["Cs"]), min_size=1), min_size=1, max_size=8
    ),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_pre_segmented_lines_keep_exact_offsets(lines: list[str], end: str) -> None:
    lines = [x.replace("\n", " ").replace("\r", " ") for x in lines]
    if any(not x.strip() or x.strip() == "<p>" for x in lines):
        return  # blank lines are refused, <p> lines are paragraph marks
    raw = end.join(lines) + end
    doc = segment_lines(raw, "en")
    assert len(doc) == len(lines)
    for s, line in zip(doc.sentences, lines, strict=True):
        assert raw[s.start : s.end] == line.strip()
        assert s.text == " ".join(line.split())


# -- pre-segmented input ------------------------------------------------------


def test_segment_lines_one_sentence_per_line() -> None:
    raw = "Primera frase.\n  Segunda   frase. \r\nTercera.\n"
    doc = segment_lines(raw, "ES")
    assert doc.lang == "es"
    assert doc.texts == ["Primera frase.", "Segunda frase.", "Tercera."]
    assert [raw[s.start : s.end] for s in doc.sentences] == [
        "Primera frase.",
        "Segunda   frase.",
        "Tercera.",
    ]


def test_segment_lines_without_final_newline() -> None:
    assert segment_lines("Uno.\nDos.", "es").texts == ["Uno.", "Dos."]


def test_a_p_line_starts_a_paragraph_and_is_no_sentence() -> None:
    # Hunalign's marker: leading, repeated and trailing markers make no empty paragraph
    raw = "<p>\nUno.\nDos.\n<p>\n  <p> \r\nTres.\n<p>\nCuatro <p> cinco.\n<p>\n"
    doc = segment_lines(raw, "es")
    assert doc.texts == ["Uno.", "Dos.", "Tres.", "Cuatro <p> cinco."]
    assert [s.paragraph for s in doc.sentences] == [0, 0, 1, 2]
    assert [raw[s.start : s.end] for s in doc.sentences] == doc.texts
    # without markers the text is one paragraph; a blank line is still refused
    assert {s.paragraph for s in segment_lines("Uno.\nDos.\n", "es").sentences} == {0}
    with pytest.raises(InputError, match=r"line 2 .* blank: .*a line <p> starts a paragraph"):
        segment_lines("Uno.\n\nDos.\n", "es")


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.one_of(st.just("<p>"), st.sampled_from(["Uno.", "Dos dos.", "¿Tres?"])),
        min_size=1,
        max_size=12,
    )
)
def test_p_lines_are_paragraph_breaks_between_the_other_lines(lines: list[str]) -> None:
    doc = segment_lines("\n".join(lines) + "\n", "es")
    assert doc.texts == [x for x in lines if x != "<p>"]
    # a sentence starts a new paragraph exactly when a <p> line stands between it and
    # the sentence before
    expected, paragraph, seen, marked = [], 0, False, False
    for line in lines:
        if line == "<p>":
            marked = True
            continue
        paragraph += marked and seen
        expected.append(paragraph)
        seen, marked = True, False
    assert [x.paragraph for x in doc.sentences] == expected


def test_p_lines_give_back_the_segmenter_s_paragraphs_of_a_real_letter() -> None:
    for text, lang in zip(sample_pair(), ("es", "en"), strict=True):
        doc = segment(text, lang)
        again = segment_lines(with_paragraph_marks(doc.sentences), lang)
        assert again.texts == doc.texts
        assert again.paragraphs == doc.paragraphs
        assert len(doc.paragraphs) > 10


def _gold_sentences(name: str, lang: str) -> list[str]:
    g = G.load(name, lang)
    return [" ".join(g.raw[a:b].split()) for a, b in zip([0, *g.ends], g.ends, strict=False)]


@pytest.mark.parametrize("ends", [["\n"], ["\r\n"], ["\r"], ["\r", "\n", "\r\n"]])
def test_segment_lines_splits_at_lf_crlf_and_cr_alike(ends: list[str]) -> None:
    """The gold sentences of seed 001 en as a sentence-per-line file with Unix,
    Windows, old-Mac or mixed line ends: the same sentences, offsets into the file."""
    sentences = _gold_sentences("001_en", "en")
    raw = "".join(s + ends[i % len(ends)] for i, s in enumerate(sentences))
    doc = segment_lines(raw, "en")
    assert doc.texts == sentences
    assert [raw[s.start : s.end] for s in doc.sentences] == sentences
    assert segment_lines(raw.rstrip("\r\n"), "en").texts == sentences


def test_segment_lines_other_unicode_separators_are_spaces_inside_a_line() -> None:
    raw = (
        "Fraternally,\u2028Osvaldo Dorticos Torrado\rRaúl:\x85\x0c\r\nThe version is the following:"
    )
    doc = segment_lines(raw, "en")
    assert doc.texts == [
        "Fraternally, Osvaldo Dorticos Torrado",
        "Raúl:",
        "The version is the following:",
    ]
    assert [raw[s.start : s.end] for s in doc.sentences] == [
        "Fraternally,\u2028Osvaldo Dorticos Torrado",
        "Raúl:",
        "The version is the following:",
    ]


@pytest.mark.parametrize(
    ("raw", "line"),
    [
        ("Uno.\n\nDos.\n", 2),
        ("Uno.\n   \nDos.", 2),
        ("Uno.\nDos.\n\n", 3),
        ("\nUno.", 1),
        ("Uno.\r\n\r\nDos.", 2),
        ("Uno.\r\rDos.", 2),
        ("Uno.\rDos.\r\r", 3),
        ("Uno.\n\rDos.", 2),
    ],
)
def test_segment_lines_blank_line_is_an_error_naming_it(raw: str, line: int) -> None:
    with pytest.raises(InputError, match=f"line {line} of the pre-segmented es text is blank"):
        segment_lines(raw, "es")


def test_segment_lines_unknown_language() -> None:
    with pytest.raises(InputError, match="unknown language code"):
        segment_lines("Uno.\n", "zz")

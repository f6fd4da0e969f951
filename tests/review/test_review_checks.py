"""Each review check on real sentences: what it must find, and what it must leave alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paralign.errors import InputError
from paralign.model import Alignment, Bead, Document
from paralign.review import review
from paralign.review.names import same_name, translit_key
from paralign.review.numbers import canonical, extract


def pair(src: list[str], tgt: list[str], beads: list[tuple[tuple, tuple]]) -> Alignment:
    return Alignment(
        Document.from_sentences(src, "es"),
        Document.from_sentences(tgt, "en"),
        [Bead(a, b) for a, b in beads],
    )


def findings(a: Alignment, kind: str):
    return review(a, similarity=[None] * len(a.beads), kinds=[kind]).findings


def one_to_one(src: str, tgt: str) -> Alignment:
    return pair([src], [tgt], [((0,), (0,))])


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    "src,tgt",
    [
        ("La Habana, Diciembre 5 de 1962", "Havana, 5 December 1962"),
        ("no por dos meses, sino por dos años, o por seis años", "not for two months, but for two years, or for six years"),  # noqa: E501
        ("Te devuelvo el Confidencial de fecha 2 de Diciembre.", "I am returning the confidential memo from 2 December."),  # noqa: E501
        ("Pagó 1.500 pesos y 3,5 kilos.", "He paid 1,500 pesos and 3.5 kilos."),
        ("CAPITULO SEGUNDO", "CHAPTER 2"),
        ("Un hombre y una mujer.", "A man and a woman."),
        ("Ambos lados firmaron.", "The 2 sides signed."),
    ],
)  # fmt: skip
def test_numbers_written_differently_but_equal_are_not_flagged(src, tgt):
    assert findings(one_to_one(src, tgt), "number") == []


def test_a_changed_number_is_flagged_with_both_values():
    a = one_to_one(
        "Kennedy dijo que no por dos meses, sino por dos años.",
        "Kennedy said not for two months, but for three years.",
    )
    (f,) = findings(a, "number")
    assert f.severity >= 0.8 and f.level == "high"
    assert "dos" in f.explanation and "three" in f.explanation


def test_a_changed_date_and_a_missing_number_are_flagged():
    (f,) = findings(
        one_to_one("La Habana, Diciembre 5 de 1962", "Havana, 5 November 1962"), "number"
    )
    assert "Diciembre" in f.explanation and "November" in f.explanation
    (g,) = findings(one_to_one("Llegaron 300 soldados.", "The soldiers arrived."), "number")
    assert g.evidence["source"] == ["300"] and g.evidence["target"] == []


def test_month_names_alone_and_modal_may_are_not_numbers():
    assert findings(one_to_one("Puede que venga.", "He may come."), "number") == []
    assert extract("he may go", "en").strong == {}


@given(st.integers(min_value=0, max_value=10**9))
def test_thousands_separators_of_either_language_give_the_same_value(n):
    us = f"{n:,}"
    assert canonical(us) == str(n) == canonical(us.replace(",", "."))


# ---------------------------------------------------------------- repeated lines


def test_a_letterhead_copy_with_another_number_is_flagged_once():
    head = "MISION PERMANENTE DE CUBA\n{} EAST 44TH STREET\nNEW YORK 17, N. Y.\n--{}--\n\n"
    sents = [f"Frase número {i} del memorando." for i in range(4)]
    raw = "".join(
        head.format(n, p) + s + "\n\n"
        for n, p, s in zip((155, 135, 155, 155), "1234", sents, strict=True)
    )
    doc = Document.from_sentences(sents, "es")
    from paralign.model import Sentence

    pos, out = 0, []
    for s in sents:
        i = raw.index(s, pos)
        out.append(Sentence(s, i, i + len(s)))
        pos = i + len(s)
    doc = Document(raw=raw, lang="es", sentences=out)
    tgt = Document.from_sentences([f"Sentence number {i} of the memo." for i in range(4)], "en")
    a = Alignment(doc, tgt, [Bead((i,), (i,)) for i in range(4)])
    found = [f for f in findings(a, "number") if "differs" in f.explanation]
    assert len(found) == 1  # not the page numbers --1--..--4--, which simply differ
    assert "135" in found[0].explanation and "155" in found[0].explanation
    assert found[0].bead == 1


# ---------------------------------------------------------------- names


@pytest.mark.parametrize(
    "a,b", [("Jruschov", "Khrushchev"), ("Dobryni", "Dobrynin"), ("Kuznetsov", "Kuznetzov"), ("Brasil", "Brazil")]  # noqa: E501
)  # fmt: skip
def test_transliterations_are_one_name(a, b):
    assert same_name(a, b)


@pytest.mark.parametrize("a,b", [("Kennedy", "Castro"), ("Rusk", "Roa"), ("Mikoyan", "Martin")])
def test_different_names_are_not_matched(a, b):
    assert not same_name(a, b)


def test_translit_key_is_stable_under_accents_and_case():
    assert translit_key("Jruschov") == translit_key("JRUSCHOV") and translit_key(
        "Moscú"
    ) == translit_key("Moscu")


def test_name_missing_from_translation_is_flagged_but_transliterated_one_is_not():
    a = pair(
        ["Kennedy habló con Jruschov.", "Mikoyan habló con Kennedy y con Stevenson."],
        ["Kennedy spoke to Khrushchev.", "Mikoyan spoke to Kennedy."],
        [((0,), (0,)), ((1,), (1,))],
    )
    found = findings(a, "name")
    assert [f.bead for f in found] == [1]
    assert found[0].evidence["names"] == ["Stevenson"]


def test_one_letter_spelling_difference_of_a_name_is_reported():
    (f,) = findings(one_to_one("Osvaldo Dorticos Torredo", "Osvaldo Dorticos Torrado"), "name")
    assert "Torredo" in f.explanation and "Torrado" in f.explanation and f.level == "low"


# ---------------------------------------------------------------- nulls, untranslated, brackets


def test_omissions_and_additions_are_found_and_long_ones_weigh_more():
    a = pair(
        ["Presente.", "Rusk le dijo a Mikoyan que ellos estaban dispuestos a que se incluyera en la resolución del Brasil a Guantánamo y al Canal de Panamá."],  # noqa: E501
        ["5 December 1962"],
        [((0,), ()), ((1,), ()), ((), (0,))],
    )  # fmt: skip
    r = review(a, similarity=[None] * 3)
    kinds = {(f.kind, f.bead) for f in r}
    assert ("omission", 0) in kinds and ("omission", 1) in kinds and ("addition", 2) in kinds
    by_bead = {f.bead: f.severity for f in r.of_kind("omission")}
    assert by_bead[1] > by_bead[0]


def test_an_untranslated_passage_is_reported_as_one_run_on_each_of_its_beads():
    src = [
        "Kennedy no contestó.",
        "Mikoyan dijo que todo eso parecía cosa de locos.",
        "Kennedy se rió.",
        "No hizo comentarios.",
        "Hablaron sobre las pruebas nucleares.",
    ]
    a = pair(
        src,
        ["Kennedy did not answer.", "They discussed nuclear tests."],
        [((0,), (0,)), ((1,), ()), ((2,), ()), ((3,), ()), ((4,), (1,))],
    )
    found = findings(a, "omission")
    assert sorted(f.bead for f in found) == [1, 2, 3]
    assert all(f.evidence["run"] == [1, 3] for f in found)
    assert all("in a run of 3 (sentences 2–4)" in f.explanation for f in found)
    # a lone omission is not a run
    lone = findings(
        pair(
            src[:3],
            ["Kennedy did not answer.", "Kennedy laughed."],
            [((0,), (0,)), ((1,), ()), ((2,), (1,))],
        ),
        "omission",
    )
    assert len(lone) == 1 and "run" not in lone[0].evidence and "run" not in lone[0].explanation


def test_untranslated_text_is_flagged_but_identical_names_are_not():
    assert findings(
        one_to_one("La versión es la siguiente:", "La versión es la siguiente:"), "untranslated"
    )
    assert findings(one_to_one("Dr. Raúl Roa García", "Dr. Raúl Roa García"), "untranslated") == []


def test_editorial_brackets_and_added_parentheses_are_low_severity_findings():
    a = one_to_one(
        "Mikoyan envió al embajador Dobryni.",
        "Mikoyan sent the ambassador Dobryni [Anatoly F. Dobrynin] (to us).",
    )
    found = findings(a, "editorial")
    assert len(found) == 2 and all(f.level == "info" for f in found)
    assert "[Anatoly F. Dobrynin]" in found[0].explanation + found[1].explanation
    # the bracketed name is an editor's, so it is not a name "added" by the translation
    assert findings(a, "name") == []


# ---------------------------------------------------------------- meaning markers


def test_dropped_negation_is_flagged_and_kept_negation_is_not():
    assert findings(one_to_one("Kennedy no contestó.", "Kennedy answered."), "meaning")
    assert findings(one_to_one("Kennedy no contestó.", "Kennedy did not answer."), "meaning") == []
    assert (
        findings(one_to_one("Kennedy nunca contestó.", "Kennedy didn't answer."), "meaning") == []
    )


def test_quotation_marks_added_by_the_translator_are_reported():
    (f,) = findings(
        one_to_one(
            "la URSS nunca aceptaría el titulado derecho norteamericano a efectuar esos vuelos",
            'the USSR would never accept the American "right" to interfere with these flights',
        ),
        "meaning",
    )
    assert '"right"' in f.explanation and f.evidence["marker"] == "scare-quotes"
    assert f.level == "medium"  # rare among correct beads (1 in 1,097 of Candide's)


def test_scare_quotes_on_both_sides_and_quoted_speech_are_not_scare_quotes():
    both = one_to_one(
        'Habló de la desconfianza de Cuba por el "imperialismo americano".',
        'He spoke of Cuba\'s distrust of "American imperialism".',
    )
    assert findings(both, "meaning") == []
    speech = one_to_one("Sí, dijo él, lo haré.", '"Yes," said he, "I will."')
    (f,) = findings(speech, "meaning")
    assert f.evidence["marker"] == "quotation" and f.level == "info"


@pytest.mark.parametrize(
    "src,tgt",
    [
        ("porque los EE.UU. hicieron posible que Cuba fuera separada de la OEA.", "because the USA might facilitate separation of Cuba from the OAS."),  # noqa: E501
        ("Quizá venga mañana.", "He comes tomorrow."),
        ("Es posible que el barco llegue tarde.", "The ship arrives late."),
    ],
)  # fmt: skip
def test_a_statement_turned_into_a_doubt_or_back_is_a_certainty_finding(src, tgt):
    (f,) = findings(one_to_one(src, tgt), "meaning")
    assert f.evidence["marker"] == "certainty" and f.severity >= 0.4


@pytest.mark.parametrize(
    "src,tgt",
    [
        # a subjunctive rendered with "might"
        ("Envió al embajador para que nos informara.", "He sent the ambassador so that he might inform us."),  # noqa: E501
        # a form of poder that no can/could renders
        ("Todo ello podía sumar treinta mil.", "The whole might amount to thirty thousand."),
        ("Tal vez venga mañana.", "Perhaps he comes tomorrow."),
        # "can possibly": an intensifier, not a doubt
        ("Nadie puede creerlo.", "Nobody can possibly believe it."),
    ],
)  # fmt: skip
def test_hedges_the_other_side_accounts_for_are_not_certainty_findings(src, tgt):
    markers = [f.evidence["marker"] for f in findings(one_to_one(src, tgt), "meaning")]
    assert "certainty" not in markers


def test_cannot_counts_as_a_modal_and_a_negation():
    a = one_to_one(
        "ellos no pueden votar por la declaración", "they cannot vote for the declaration"
    )
    assert findings(a, "meaning") == []
    b = one_to_one("ellos no pueden votar", "they can't vote")
    assert findings(b, "meaning") == []


def test_meaning_severities_follow_the_false_alarm_rates():
    from paralign.review.calibration import MEANING_SEVERITY, rate_upper, severity_for_rate

    assert severity_for_rate(0.05) == 0.4 and severity_for_rate(0.005) == pytest.approx(0.7)
    assert rate_upper(0, 1000) > 0 and rate_upper(10, 1000) > 0.01
    order = sorted(MEANING_SEVERITY, key=MEANING_SEVERITY.get)
    assert order == ["quotation", "modality", "negation", "certainty", "scare-quotes"]


@given(st.floats(min_value=1e-6, max_value=1.0), st.floats(min_value=1e-6, max_value=1.0))
def test_a_rarer_finding_is_never_less_severe(a, b):
    from paralign.review.calibration import severity_for_rate

    lo, hi = sorted((a, b))
    assert 0.1 <= severity_for_rate(hi) <= severity_for_rate(lo) <= 0.9


# ---------------------------------------------------------------- page furniture


def letter(pages: list[str], numbers=(155, 155, 155)) -> Document:
    """A typed letter whose pages each start with the mission's letterhead."""
    from paralign.model import Sentence

    head = (
        "MISION PERMANENTE DE CUBA EN LAS NACIONES UNIDAS\n{} EAST 44TH STREET\nSUITE 201\n--{}--\n"
    )
    raw = "".join(
        head.format(n, k + 1) + p + "\n"
        for k, (n, p) in enumerate(zip(numbers, pages, strict=False))
    )
    out, pos = [], 0
    for p in pages:
        i = raw.index(p, pos)
        out.append(Sentence(p, i, i + len(p)))
        pos = i + len(p)
    return Document(raw=raw, lang="es", sentences=out)


def test_letterhead_lines_are_optional_for_the_translation():
    from paralign.review.furniture import furniture_lines

    src = letter(["Kennedy dijo que no.", "Mikoyan habló de 3 cosas.", "Rusk calló."])
    assert set(furniture_lines(src.raw)) >= {"SUITE 201", "155 EAST 44TH STREET", "--2--"}
    # headings that differ in their number are text, not furniture
    assert furniture_lines("CAPITULO 1\nTexto.\nCAPITULO 2\nMás texto.\n") == []
    # the segmenter glued the letterhead into the first sentence
    glued = "SUITE 201 --1-- 155 EAST 44TH STREET Kennedy dijo que no."
    src.sentences[0] = type(src.sentences[0])(glued, 0, 0)
    tgt = Document.from_sentences(
        ["Kennedy said no.", "Mikoyan spoke of 2 things.", "Rusk was silent."], "en"
    )
    a = Alignment(src, tgt, [Bead((i,), (i,)) for i in range(3)])
    numbers = findings(a, "number")
    assert [f.bead for f in numbers] == [1]  # 3 ↔ 2; not 201, 155, 44 or the page number
    assert findings(a, "name") == []  # MISION, NACIONES UNIDAS: letterhead, not names


def test_an_untranslated_letterhead_is_an_info_omission_and_a_sentence_is_not():
    src = letter(["Kennedy dijo que no.", "Rusk calló."])
    src.sentences.insert(1, type(src.sentences[0])("SUITE 201", 0, 0))
    tgt = Document.from_sentences(["Kennedy said no.", "Rusk was silent."], "en")
    a = Alignment(src, tgt, [Bead((0,), (0,)), Bead((1,), ()), Bead((2,), (1,))])
    (f,) = findings(a, "omission")
    assert f.bead == 1 and f.level == "info" and "furniture" in f.explanation


def test_a_translators_gloss_in_parentheses_is_editorial_not_a_name():
    a = one_to_one(
        "Añadió que si tienen sospechas, que acepten la inspección multilateral.",
        "He added that if they had suspicions, they should accept multilateral inspection (of Cuba).",  # noqa: E501
    )
    assert findings(a, "name") == []
    assert [f.kind for f in findings(a, "editorial")] == ["editorial"]


# ---------------------------------------------------------------- length, similarity, API


def test_a_translation_three_times_too_long_is_a_length_outlier():
    base = [
        f"El ministro habló del asunto número {i} durante la reunión de ayer." for i in range(12)
    ]
    tgt = [
        f"The minister spoke about matter number {i} during yesterday's meeting." for i in range(12)
    ]
    tgt[5] = (
        tgt[5]
        + " "
        + " ".join(["He then went on at length about many other unrelated things."] * 3)
    )
    a = pair(base, tgt, [((i,), (i,)) for i in range(12)])
    assert [f.bead for f in findings(a, "length")] == [5]


def test_low_similarity_uses_the_calibrated_floor_of_the_encoder():
    from paralign.encoders import calibration_for

    a = pair(["x" * 100, "y" * 100], ["x" * 100, "y" * 100], [((0,), (0,)), ((1,), (1,))])
    floor = calibration_for("usem3").similarity[-2][1]  # 80-160 characters
    from paralign.review import _views
    from paralign.review.base import ReviewContext
    from paralign.review.similarity import check_similarity

    ctx = ReviewContext(a, _views(a, [floor - 0.2, floor + 0.05]))
    found = check_similarity(ctx, "usem3")
    assert [f.bead for f in found] == [0]


def test_bad_arguments_are_one_clear_error():
    a = one_to_one("Hola.", "Hello.")
    with pytest.raises(InputError, match="kind"):
        review(a, similarity=[None], kinds=["typo"])
    with pytest.raises(InputError, match="one per bead"):
        review(a, similarity=[None, None])

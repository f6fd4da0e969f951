"""Small word lists the checks need, per language (Spanish and English; others fall back).

Only closed classes live here: month names, ordinals, negation and modality
markers, sentence-initial function words, and the usual Spanish/English renderings
of international names whose spelling does not carry over (EE.UU. ↔ USA).
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    """A word list written as one string (keeps the tables readable)."""
    return text.split()


def _set(text: str) -> frozenset[str]:
    return frozenset(_words(text))


MONTHS: dict[str, dict[str, int]] = {
    "es": {
        m: i + 1
        for i, m in enumerate(
            _words(
                "enero febrero marzo abril mayo junio julio agosto septiembre octubre "
                "noviembre diciembre"
            )
        )
    }
    | {"setiembre": 9},
    "en": {
        m: i + 1
        for i, m in enumerate(
            _words(
                "january february march april may june july august september october "
                "november december"
            )
        )
    }
    | {"sept": 9},
}

#: ordinal words (masculine, feminine and apocopated forms in Spanish), read as weak numbers
ORDINALS: dict[str, dict[str, int]] = {
    "es": {
        stem + end: i + 1
        for i, stem in enumerate(
            _words("primer segund tercer cuart quint sext séptim octav noven décim")
        )
        for end in ("o", "a", "")
    },
    "en": {
        w: i + 1
        for i, w in enumerate(
            _words("first second third fourth fifth sixth seventh eighth ninth tenth")
        )
    },
}

NEGATION: dict[str, frozenset[str]] = {
    "es": _set("no nunca jamás ni nadie nada ninguno ninguna ningún tampoco"),
    "en": _set("no not never neither nor nobody nothing none n't cannot"),
}

#: possibility, obligation and hedging (the conditional/"would" is left out: it is tense)
MODALITY: dict[str, frozenset[str]] = {
    "es": _set(
        "puede pueden podía podían podría podrían pudiera pudieran pueda puedan poder "
        "podrá podrán puedo podemos pudo pudieron debe deben debía debían debería deberían "
        "deba deban quizá quizás acaso posiblemente probablemente tal_vez"
    ),
    "en": _set("can could may might must should ought perhaps maybe possibly probably able"),
}

#: epistemic hedges: the speaker is not sure ("perhaps", "might"), as against asserting.
#: English "might" and "may be/have" are added by the marker check where they are not
#: the rendering of a subjunctive ("so that he might inform us"); Spanish "tal vez",
#: "puede que" and "es posible que" are read as phrases there too.
HEDGES: dict[str, frozenset[str]] = {
    "es": _set("quiza quizas acaso posiblemente probablemente"),
    "en": _set("perhaps maybe possibly probably perchance mayhap"),
}

#: English words after which a "might"/"may" renders a subjunctive, not a doubt
SUBJUNCTIVE_CUES: frozenset[str] = _set(
    "that lest whatever whoever however wherever whichever whenever though although if "
    "whether wish wished hope hoped pray prayed grant"
)

#: words written with a capital at the start of a sentence that are not names
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "es": _set(
        "el la los las un una unos unas lo al del de en y o que se su sus no si sí con por "
        "para pero como cuando donde este esta estos estas ese esa eso ya me te le les nos "
        "él ella ellos ellas yo tu tú usted ustedes mi qué cómo cuál dónde a ante también "
        "además sin sobre entre hasta desde según todo toda todos todas otro otra muy más "
        "dijo añadió agregó expresó manifestó sugirió habló hablaron fraternalmente presente "
        "solamente siguiendo parece vamos"
    ),
    "en": _set(
        "the a an and or but if of in on at to for by with as that this these those it its "
        "he she they we you i his her their our your my me him them us what which who how "
        "when where why there here then so not no do does did is are was were be been "
        "also however therefore immediately continuing mr mrs dr"
    ),
}

#: usual Spanish ↔ English renderings of names whose spelling does not carry over
NAME_EQUIVALENTS: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (_set(es), _set(en))
    for es, en in (
        (
            "eeuu estados unidos norteamericano norteamericana norteamericanos",
            "usa us united states america american americans",
        ),
        ("urss sovietico sovieticos sovietica", "ussr soviet soviets union"),
        ("onu naciones unidas", "un united nations"),
        ("oea", "oas"),
        ("otan", "nato"),
        ("habana", "havana"),
        ("moscu", "moscow"),
        ("consejo", "council"),
        ("seguridad", "security"),
        ("hemisferio", "hemisphere"),
        ("occidental", "western"),
        ("latina latinoamerica latinoamericano latinoamericanos", "latin america"),
        ("pacto", "pact"),
        ("gobierno", "government"),
        ("revolucion", "revolution"),
        ("atlantico", "atlantic"),
        ("pacifico", "pacific"),
        ("brasil", "brazil brazilian"),
        ("inglaterra britanico", "england british britain"),
    )
)


def words_of(table: dict[str, frozenset[str]], lang: str) -> frozenset[str]:
    """The list for ``lang`` (by its primary subtag), empty when there is none."""
    return table.get(lang.split("-")[0].lower(), frozenset())

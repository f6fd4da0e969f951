"""The domain layer's data: words that do not end a sentence, per language.

Kept as plain data so that a new abbreviation is a one-line change, checked by
the gold-based test in ``tests/segment/test_segment.py``. All entries are lower case and
are compared with the lower-cased last word of a sentence (opening brackets and
quotes removed).

- ``TITLES``: forms of address and ranks, written before a name; a sentence never
  ends with one (``Dr. Raúl Roa``, ``Mr. Khrushchev``).
- ``BEFORE_NUMBER``: abbreviations written before a number or a numeral
  (``núm. 2``, ``p. 14``, ``Nov. 20``, ``Vol. II``); they end a sentence only when
  no number follows.
- ``ENDS_BEFORE_CAPITAL``: abbreviations that end a sentence when a capitalised
  word follows (``etc. Luego``, ``los EE.UU. Añadió``), where the base segmenter
  keeps them inside one.
- ``FUNCTION_WORDS``: articles, prepositions and conjunctions; a line that ends
  with one, or a line after it that starts with one, is a wrapped phrase and not
  a heading line of its own (``MISION PERMANENTE DE CUBA / EN LAS NACIONES UNIDAS``).

Before a lower-case word no abbreviation ends a sentence (``EE.UU. de la``,
``p.m. del``), which is a generic rule and needs no list. Languages without an entry get the generic
rules only.
"""

from __future__ import annotations

_ES_TITLES = """
sr. sra. srta. sres. sras. srs. srtas. d. dña. dr. dra. dres. dras. ud. uds. vd. vds.
lic. lcdo. lcda. ldo. lda. ing. arq. prof. profa. gral. gen. cnel. tcnel. cmdte. cte.
cap. tte. sgto. almte. excmo. excma. ilmo. ilma. mons. pbro. fr. sto. sta. hno. hna.
emb. embr. pdte. mtro. dn.
"""

_EN_TITLES = """
mr. mrs. ms. messrs. mmes. mme. mlle. dr. drs. prof. profs. rev. revd. hon. sen. sens.
rep. reps. gov. govs. gen. lt. col. maj. capt. cmdr. cdr. adm. sgt. cpl. pvt. amb.
pres. supt. insp. fr. sr. sra. msgr. rt.
"""

_ES_BEFORE_NUMBER = """
núm. nros. nro. nº. no. nos. pág. págs. p. pp. art. arts. cap. caps. vol. vols. t. fig.
figs. inc. exp. ej. tel. apdo. ene. feb. mar. abr. may. jun. jul. ago. sep. sept. oct.
nov. dic.
"""

_EN_BEFORE_NUMBER = """
no. nos. p. pp. vol. vols. art. arts. ch. chap. chaps. fig. figs. para. paras. sec.
secs. ed. tel. ext. jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec. ca. c.
"""

_ES_ENDS_BEFORE_CAPITAL = """
etc. ee.uu. a.m. p.m. a.c. d.c. ene. feb. abr. jun. jul. ago. sept. oct. nov. dic.
"""

_EN_ENDS_BEFORE_CAPITAL = """
etc. a.m. p.m.
"""

_ES_FUNCTION_WORDS = """
a al ante bajo con contra de del desde e el en entre hacia hasta la las lo los mediante
ni o para por que según sin so sobre tras u un una unos unas y
"""

_EN_FUNCTION_WORDS = """
a an and as at but by for from in into nor of on or per than that the to via with
"""


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


TITLES: dict[str, frozenset[str]] = {"es": _words(_ES_TITLES), "en": _words(_EN_TITLES)}
BEFORE_NUMBER: dict[str, frozenset[str]] = {
    "es": _words(_ES_BEFORE_NUMBER),
    "en": _words(_EN_BEFORE_NUMBER),
}
ENDS_BEFORE_CAPITAL: dict[str, frozenset[str]] = {
    "es": _words(_ES_ENDS_BEFORE_CAPITAL),
    "en": _words(_EN_ENDS_BEFORE_CAPITAL),
}
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "es": _words(_ES_FUNCTION_WORDS),
    "en": _words(_EN_FUNCTION_WORDS),
}

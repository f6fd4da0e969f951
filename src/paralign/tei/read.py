"""Read a TEI parallel text back into an :class:`~paralign.model.Alignment`.

Reads paralign's own TEI (see :mod:`paralign.tei.write`) exactly, so that
export → read → export gives the same bytes, and any TEI in the layout of the
Guidelines' parallel-text example: two texts (the ``@domains`` of the alignment
``<linkGrp>``, else the two ``<text xml:lang>`` that hold sentences) whose
``<s xml:id>`` sentences are joined by ``<link target="#… #…">``. Sentences in no
link become 1-0/0-1 beads; links must follow the texts' order (paralign's
alignments are monotone).

A TEI of one text and no alignment (a translation whose original is not in the
corpus, :func:`paralign.tei.write.document_tei`) reads with :func:`read_tei_document`.
The texts themselves are read by :mod:`.read_text`, archival bodies (letters, page
layout, the editor's insertions) included.

:func:`analyse` does the work and lists every problem; :func:`read_tei` raises
on them, :mod:`paralign.tei.validate` reports them.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field

from lxml import etree

from ..errors import FormatError
from ..importers.intertext import is_intertext, read_intertext
from ..importers.safe_xml import MAX_BYTES, parse, read_source
from ..model import Alignment, Bead, BeadStatus, Document
from .read_text import read_text
from .vocab import (
    APP_ID,
    EDITORIAL_DECL,
    SETTINGS_TYPE,
    TEI_NS,
    XML_ID,
    XML_LANG,
    local,
    text_of,
    where,
)

#: cert words of TEI's data.certainty as numbers
CERT_WORDS = {"high": 0.9, "medium": 0.6, "low": 0.3, "unknown": 0.5}


@dataclass
class Side:
    """One of the two texts: its container element, language, sentences."""

    container: etree._Element
    lang: str
    units: list[etree._Element] = field(default_factory=list)


@dataclass
class Analysis:
    """What a TEI file holds, and what is wrong with it."""

    problems: list[str] = field(default_factory=list)
    sides: tuple[Side, Side] | None = None
    beads: list[Bead] = field(default_factory=list)
    #: (xml:id) of sentences in no link, filled in as null beads
    uncovered: list[str] = field(default_factory=list)
    #: elements whose pointers were checked here (link/ptr of the alignment group)
    checked: set[etree._Element] = field(default_factory=set)
    ids: dict[str, etree._Element] = field(default_factory=dict)
    alignment: Alignment | None = None
    #: whether the file has a ``<linkGrp>`` of alignment links
    aligned: bool = False
    #: a TEI of one text and no alignment (paralign.tei.write.document_tei): that text
    single: Side | None = None
    document: Document | None = None


def _lang_of(el: etree._Element) -> str:
    for node in (el, *el.iterancestors()):
        lang = node.get(XML_LANG)
        if lang:
            return lang
    return ""


def _sides(
    root: etree._Element, groups: list[etree._Element], an: Analysis
) -> tuple[Side, Side] | None:
    domains = next((g.get("domains") for g in groups if g.get("domains")), None)
    if domains:
        refs = domains.split()
        containers = []
        for ref in refs:
            el = an.ids.get(ref[1:]) if ref.startswith("#") else None
            if el is None:
                an.problems.append(
                    f"line {groups[0].sourceline}: @domains points to {ref}, "
                    "which no element has as xml:id"
                )
                return None
            containers.append(el)
        if len(containers) != 2:
            an.problems.append(
                f"line {groups[0].sourceline}: @domains names {len(containers)} texts; "
                "paralign reads the alignment of two texts"
            )
            return None
    else:
        containers = [
            t
            for t in root.iter(f"{{{TEI_NS}}}text")
            if t.get(XML_LANG)
            and any(True for _ in t.iter(f"{{{TEI_NS}}}s"))
            and not any(local(a) == "text" and a.get(XML_LANG) for a in t.iterancestors())
        ]
        if len(containers) != 2:
            an.problems.append(
                f"found {len(containers)} <text xml:lang> holding sentences and no @domains on the "
                "<linkGrp>: cannot tell which two texts are aligned"
            )
            return None
    sides = []
    for el in containers:
        lang = _lang_of(el)
        if not lang:
            an.problems.append(f"{where(el)}: the aligned text <{local(el)}> has no xml:lang")
            return None
        sides.append(Side(el, lang))
    return sides[0], sides[1]


# ---------------------------------------------------------------- texts


def _paralign_wrote(root: etree._Element) -> bool:
    return any(app.get("ident") == APP_ID for app in root.iter(f"{{{TEI_NS}}}application"))


def _editorial_reading(root: etree._Element, side: Side, an: Analysis) -> str:
    """How the editor's insertions in this text's sentences are read (see read_text)."""
    decl = an.ids.get(EDITORIAL_DECL)
    if decl is not None and local(decl) == "editorialDecl":
        for node in (side.container, *side.container.iterancestors()):
            if f"#{EDITORIAL_DECL}" in (node.get("decls") or "").split():
                return "in-text"
    return "omit" if _paralign_wrote(root) else "tei"


def _document(root: etree._Element, side: Side, an: Analysis) -> Document:
    bibl = _decl_bibl(side, an)
    reading = read_text(
        side.container,
        side.lang,
        {**bibl_meta(bibl), **header_meta(root, bibl)},
        _editorial_reading(root, side, an),
    )
    side.units = reading.units
    an.problems.extend(reading.problems)
    return reading.document


# ---------------------------------------------------------------- header


def header_meta(root: etree._Element, bibl: etree._Element | None) -> dict[str, str]:
    """Document.meta the header holds outside the text's ``<bibl>`` (the inverse of
    :data:`paralign.tei.header.HEADER_KEYS`): the addressee (``correspDesc``), this
    edition (``publicationStmt``) and, for a translation whose original is not in the
    file, the original's date."""
    ns = {"t": TEI_NS}
    meta: dict[str, str] = {}
    header = root.find("t:teiHeader", ns)
    if header is None:
        return meta
    received = header.find("t:profileDesc/t:correspDesc/t:correspAction[@type='received']", ns)
    if received is not None and received.find("t:name", ns) is not None:
        meta["addressee"] = text_of(received.find("t:name", ns))
    publication = header.find("t:fileDesc/t:publicationStmt", ns)
    if publication is not None and publication.find("t:publisher", ns) is not None:
        meta["edition_publisher"] = text_of(publication.find("t:publisher", ns))
        date = publication.find("t:date", ns)
        if date is not None:
            meta["edition_date"] = date.get("when") or text_of(date)
        licence = publication.find("t:availability/t:licence", ns)
        own = bibl.find("t:availability/t:licence", ns) if bibl is not None else None
        if licence is not None and (own is None or text_of(own) != text_of(licence)):
            meta["edition_licence"] = text_of(licence)  # not the text's own licence
    if bibl is not None and bibl.get("type") == "translation":
        for other in header.iterfind(".//t:bibl[@type='original']", ns):
            date = other.find("t:date", ns)
            if other is not bibl and date is not None and "original_date" not in meta:
                meta["original_date"] = date.get("when") or text_of(date)
    return {k: v for k, v in meta.items() if v}


def bibl_meta(bibl: etree._Element | None) -> dict[str, str]:
    """Document.meta from a ``<bibl>`` written by :func:`paralign.tei.header.bibl`
    (the inverse of its table)."""
    meta: dict[str, str] = {}
    if bibl is None:
        return meta
    for el in bibl:
        name = local(el)
        if name in ("title", "author", "publisher", "date"):
            meta[name] = text_of(el)
        elif name == "editor":
            meta["translator" if el.get("role") == "translator" else "editor"] = text_of(el)
        elif name == "msIdentifier":
            for part in el:
                pname = local(part)
                if pname in ("repository", "collection"):
                    meta[pname] = text_of(part)
                elif pname == "idno":
                    kind = part.get("type", "shelfmark")
                    meta["idno" if kind == "archive" else "shelfmark"] = text_of(part)
        elif name == "idno":
            kind = el.get("type", "")
            meta["url" if kind == "URI" else "idno" if kind == "archive" else kind or "idno"] = (
                text_of(el)
            )
        elif name == "availability":
            licences = [text_of(lic) for lic in el.iter(f"{{{TEI_NS}}}licence")]
            if licences:
                meta["licence"] = " ".join(licences)
        elif name == "note":
            meta[el.get("type") or "note"] = text_of(el)
    return {k: v for k, v in meta.items() if v}


def _decl_bibl(side: Side, an: Analysis) -> etree._Element | None:
    ref = side.container.get("decls", "")
    for token in ref.split():
        el = an.ids.get(token[1:]) if token.startswith("#") else None
        if el is not None and local(el) == "bibl":
            return el
    return None


def _feature_value(el: etree._Element) -> object:
    name = local(el)
    if name == "numeric":
        value = el.get("value", "")
        try:
            if any(c in value for c in ".eEIN"):
                return float(value)
            return int(value)
        except ValueError:
            return value
    if name == "binary":
        return el.get("value") in ("true", "1")
    if name == "symbol":
        value = el.get("value")
        return None if value == "None" else value
    if name == "string":
        return text_of(el)
    if name == "vColl":
        return [_feature_value(c) for c in el if local(c)]
    if name == "fs":
        return _features(el)
    return text_of(el)


def _features(fs: etree._Element) -> dict[str, object]:
    out: dict[str, object] = {}
    for f in fs:
        if local(f) != "f":
            continue
        values = [c for c in f if local(c)]
        out[f.get("name", "")] = _feature_value(values[0]) if values else None
    return out


def _settings(root: etree._Element) -> dict[str, object]:
    for fs in root.iter(f"{{{TEI_NS}}}fs"):
        if fs.get("type") == SETTINGS_TYPE:
            return _features(fs)
    return {}


def _model(root: etree._Element) -> str:
    for app in root.iter(f"{{{TEI_NS}}}application"):
        if app.get("ident") == APP_ID:
            for label in app.iter(f"{{{TEI_NS}}}label"):
                if label.get("type") == "model":
                    return text_of(label)
    return ""


# ---------------------------------------------------------------- links


def _cert(el: etree._Element, an: Analysis) -> float:
    value = el.get("cert")
    if value is None:
        return 1.0
    value = value.strip()
    if value in CERT_WORDS:
        return CERT_WORDS[value]
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not 0 <= number <= 1:
        an.problems.append(f"{where(el)}: cert={value!r} is not a number in 0..1")
        return 0.0
    return number


def _status(el: etree._Element) -> BeadStatus:
    """A link's status: ``@subtype="confirmed"`` (see ``standoff.py``), else automatic
    (another tool's subtypes say nothing about it)."""
    value = (el.get("subtype") or "").strip()
    return BeadStatus.CONFIRMED if value == BeadStatus.CONFIRMED.value else BeadStatus.AUTOMATIC


def _beads(groups: list[etree._Element], sides: tuple[Side, Side], an: Analysis) -> list[Bead]:
    place: dict[str, tuple[int, int]] = {}
    for k, side in enumerate(sides):
        for i, unit in enumerate(side.units):
            place[unit.get(XML_ID)] = (k, i)
    ids = [[u.get(XML_ID) for u in side.units] for side in sides]
    beads: list[Bead] = []
    nxt = [0, 0]

    def fill(k: int, upto: int) -> None:
        while nxt[k] < upto:
            an.uncovered.append(ids[k][nxt[k]])
            beads.append(Bead((nxt[k],), (), 1.0) if k == 0 else Bead((), (nxt[k],), 1.0))
            nxt[k] += 1

    for group in groups:
        for el in group:
            name = local(el)
            if name not in ("link", "ptr"):
                continue
            an.checked.add(el)
            xml_id = el.get(XML_ID)
            label = f"{where(el)}: <{name}" + (f" xml:id={xml_id!r}>" if xml_id else ">")
            found: list[list[int]] = [[], []]
            ok = True
            for ref in (el.get("target") or "").split():
                if not ref.startswith("#"):
                    an.problems.append(
                        f"{label} points outside the file ({ref}); only #id pointers are read"
                    )
                    ok = False
                elif ref[1:] not in an.ids:
                    an.problems.append(f"{label} points to {ref}, which no element has as xml:id")
                    ok = False
                elif ref[1:] not in place:
                    an.problems.append(
                        f"{label} points to {ref}, "
                        f"a <{local(an.ids[ref[1:]]) or 'foreign'}> that is "
                        "not a sentence of the two aligned texts"
                    )
                    ok = False
                else:
                    k, i = place[ref[1:]]
                    found[k].append(i)
            if not ok:
                continue
            if not found[0] and not found[1]:
                an.problems.append(f"{label} has no @target")
                continue
            for k in (0, 1):
                found[k].sort()
                run = found[k]
                if run and run != list(range(run[0], run[0] + len(run))):
                    an.problems.append(
                        f"{label} joins sentences that are not consecutive: "
                        + " ".join(ids[k][i] for i in run)
                    )
                    ok = False
                elif run and run[0] < nxt[k]:
                    an.problems.append(
                        f"{label} covers {ids[k][run[0]]}, which an earlier link already covers or "
                        "passed: links must be in the texts' order, each sentence in one link"
                    )
                    ok = False
            if not ok:
                continue
            for k in (0, 1):
                if found[k]:
                    fill(k, found[k][0])
                    nxt[k] = found[k][-1] + 1
            beads.append(Bead(tuple(found[0]), tuple(found[1]), _cert(el, an), status=_status(el)))
    fill(0, len(ids[0]))
    fill(1, len(ids[1]))
    return beads


# ---------------------------------------------------------------- entry points


def analyse(tree: etree._ElementTree) -> Analysis:
    """Everything :func:`read_tei` needs from a parsed TEI tree, and every problem found."""
    an = Analysis()
    root = tree.getroot()
    if local(root) != "TEI":
        ns = etree.QName(root).namespace
        what = f"<{etree.QName(root).localname}>" + (
            f" in namespace {ns}" if ns else " in no namespace"
        )
        an.problems.append(f"not a TEI document: the root element is {what}, not TEI's <TEI>")
        return an
    seen: dict[str, etree._Element] = {}
    for el in root.iter():
        xml_id = el.get(XML_ID) if isinstance(el.tag, str) else None
        if xml_id is None:
            continue
        if xml_id in seen:
            an.problems.append(
                f"{where(el)}: xml:id {xml_id!r} is used twice "
                f"(first at {where(seen[xml_id])}); ids must be unique"
            )
        else:
            seen[xml_id] = el
    an.ids = seen
    groups = [g for g in root.iter(f"{{{TEI_NS}}}linkGrp") if g.get("type") in (None, "alignment")]
    if not groups:
        _single(root, an)
        return an
    an.aligned = True
    sides = _sides(root, groups, an)
    if sides is None:
        return an
    an.sides = sides
    docs = [_document(root, side, an) for side in sides]
    for side, doc in zip(sides, docs, strict=True):
        if not doc.sentences:
            an.problems.append(
                f"{where(side.container)}: the {side.lang} text has no <s xml:id> sentences"
            )
    if any(not d.sentences for d in docs):
        return an
    an.beads = _beads(groups, sides, an)
    an.alignment = Alignment(
        docs[0], docs[1], an.beads, model=_model(root), settings=_settings(root)
    )
    return an


def _single(root: etree._Element, an: Analysis) -> None:
    """A TEI with no alignment: fine when it holds one text of sentences."""
    texts = [
        t
        for t in root.iter(f"{{{TEI_NS}}}text")
        if any(True for _ in t.iter(f"{{{TEI_NS}}}s"))
        and not any(
            any(True for _ in inner.iter(f"{{{TEI_NS}}}s"))
            for inner in t.iterdescendants(f"{{{TEI_NS}}}text")
        )
    ]
    if len(texts) != 1:
        an.problems.append(
            'no <linkGrp type="alignment"> of links: the file holds no alignment'
            + (f" of its {len(texts)} texts" if texts else " and no <s> sentences")
        )
        return
    lang = _lang_of(texts[0])
    if not lang:
        an.problems.append(f"{where(texts[0])}: the text has no xml:lang")
        return
    an.single = Side(texts[0], lang)
    an.document = _document(root, an.single, an)


def _raise_problems(an: Analysis, label: str) -> None:
    if not an.problems:
        return
    more = len(an.problems) - 1
    extra = (
        f" (and {more} more problem{'s' * (more > 1)}; `paralign validate` lists them)"
        if more > 0
        else ""
    )
    raise FormatError(f"{label}: {an.problems[0]}{extra}")


def read_tei(source: str | os.PathLike[str] | bytes, *, max_bytes: int = MAX_BYTES) -> Alignment:
    """Read a TEI parallel text (a path, or the bytes of one) into an :class:`Alignment`.

    Raises :class:`~paralign.errors.FormatError` for a file that is not safe,
    well-formed TEI of two aligned texts, naming the first problem found
    (``paralign validate FILE`` lists them all). An InterText alignment file (and
    the two texts it names, beside it) reads too, its confirmed links included
    (:mod:`paralign.importers.intertext`).
    """
    data, label = read_source(source, max_bytes)
    tree = parse(data, label)
    if is_intertext(tree.getroot()):
        if isinstance(source, (bytes, bytearray)):
            raise FormatError(
                f"{label}: an InterText alignment names its two texts by file name: "
                "read it from its path"
            )
        return read_intertext(source, max_bytes=max_bytes)
    an = analyse(tree)
    if not an.aligned and not (an.problems and an.problems[0].startswith("not a TEI")):
        one = " and one text: read it with paralign.read_tei_document" if an.single else ""
        raise FormatError(
            f'{label}: no <linkGrp type="alignment"> of links: the file holds no alignment{one}'
        )
    _raise_problems(an, label)
    if an.alignment is None:
        raise FormatError(f"{label}: no alignment found")
    return an.alignment


def read_tei_document(
    source: str | os.PathLike[str] | bytes, *, max_bytes: int = MAX_BYTES
) -> Document:
    """Read a TEI of one text and no alignment (a path, or its bytes) into a :class:`Document`.

    This is what :func:`paralign.tei.write.document_tei` writes (a
    translation whose original is not in the corpus), or any TEI with one text of
    ``<s>`` sentences. Raises :class:`~paralign.errors.FormatError` as
    :func:`read_tei` does, and for a parallel text (read it with :func:`read_tei`).
    """
    data, label = read_source(source, max_bytes)
    an = analyse(parse(data, label))
    _raise_problems(an, label)
    if an.alignment is not None:
        raise FormatError(
            f"{label}: holds two aligned texts ({an.alignment.src.lang}, "
            f"{an.alignment.tgt.lang}); read it with paralign.read_tei"
        )
    if an.document is None or not an.document.sentences:
        raise FormatError(f"{label}: the text has no <s xml:id> sentences")
    return an.document

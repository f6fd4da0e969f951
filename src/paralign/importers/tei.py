"""Read a TEI parallel text back into an :class:`~paralign.model.Alignment`.

Reads paralign's own TEI (see :mod:`paralign.export.tei`) exactly, so that
export → read → export gives the same bytes, and any TEI in the layout of the
Guidelines' parallel-text example: two texts (the ``@domains`` of the alignment
``<linkGrp>``, else the two ``<text xml:lang>`` that hold sentences) whose
``<s xml:id>`` sentences are joined by ``<link target="#… #…">``. Sentences in no
link become 1-0/0-1 beads; links must follow the texts' order (paralign's
alignments are monotone).

:func:`analyse` does the work and lists every problem; :func:`read_tei` raises
on them, :mod:`paralign.validate` reports them.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field

from lxml import etree

from ..errors import FormatError
from ..export.tei import SETTINGS_TYPE, TEI_NS, XML_ID, XML_LANG, normalise_space
from ..model import Alignment, Bead, Document, Sentence, Span
from .safe_xml import MAX_BYTES, parse, read_source

#: cert words of TEI's data.certainty as numbers
CERT_WORDS = {"high": 0.9, "medium": 0.6, "low": 0.3, "unknown": 0.5}
#: elements that count as a line break inside a sentence (unless break="no")
BREAKS = {"lb", "cb", "pb"}
#: elements kept out of the sentences, as Span kinds
KEPT_OUT = {"fw": "fw", "pb": "pb", "note": "note"}


def local(el: etree._Element) -> str:
    """The local name of a TEI element ('' for comments, PIs and foreign elements)."""
    tag = el.tag
    if not isinstance(tag, str) or not tag.startswith(f"{{{TEI_NS}}}"):
        return ""
    return tag[len(TEI_NS) + 2 :]


def where(el: etree._Element) -> str:
    return f"line {el.sourceline}" if el.sourceline else "somewhere"


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


def _sentence_text(s: etree._Element, inner: list[tuple[str, str]]) -> str:
    """The text of an ``<s>``, with kept-out parts collected in ``inner``.

    A line, column or page break is a space, except after ``break="no"`` (a word
    broken across it) until the word goes on; ``<supplied>`` and ``<gap>`` are
    the editor's bracketed insertions, so they read as ``[…]``.
    """
    parts: list[str] = []
    glue = False

    def add(text: str | None) -> None:
        nonlocal glue
        if text:
            parts.append(text.lstrip() if glue else text)
            glue = glue and not text.strip()

    def walk(el: etree._Element) -> None:
        nonlocal glue
        for child in el:
            name = local(child)
            if name in BREAKS:
                if child.get("break") == "no":
                    glue = True
                elif not glue:
                    parts.append(" ")
            if name in KEPT_OUT:
                inner.append(_span_of(child))
            elif name == "supplied":
                add("[" + normalise_space("".join(child.itertext())) + "]")
            elif name == "gap":
                add("[" + (normalise_space("".join(child.itertext())) or "…") + "]")
            elif isinstance(child.tag, str) and name not in BREAKS:
                add(child.text)
                walk(child)
            add(child.tail)

    add(s.text)
    walk(s)
    return normalise_space("".join(parts))


def _span_of(el: etree._Element) -> tuple[str, str]:
    name = local(el)
    if name == "pb":
        return "pb", normalise_space(el.get("n", ""))
    if name == "fw":
        return "fw", normalise_space("".join(el.itertext()))
    return el.get("type") or "note", normalise_space("".join(el.itertext()))


def _document(side: Side, meta: dict[str, str], an: Analysis) -> Document:
    """Walk a text in document order: sentences, paragraphs (by parent) and kept-out spans."""
    items: list[tuple] = []  # ("s", text, parent) | ("span", kind, text)

    def walk(el: etree._Element) -> None:
        for child in el:
            name = local(child)
            if name == "s":
                if child.get(XML_ID) is None:
                    an.problems.append(
                        f"{where(child)}: a sentence <s> without xml:id cannot be aligned"
                    )
                    continue
                inner: list[tuple[str, str]] = []
                text = _sentence_text(child, inner)
                side.units.append(child)
                items.append(("s", text, child.getparent()))
                items.extend(("span", kind, t) for kind, t in inner)
            elif name in KEPT_OUT:
                items.append(("span", *_span_of(child)))
            elif name in ("teiHeader", "standOff"):
                continue
            elif isinstance(child.tag, str):
                walk(child)

    walk(side.container)
    raw: list[str] = []
    pos = 0
    sentences: list[Sentence] = []
    spans: list[Span] = []
    parent = None
    para = -1
    prev_sentence = False
    for item in items:
        if item[0] == "s":
            _, text, parent_el = item
            new_para = parent_el is not parent
            if new_para:
                para += 1
                parent = parent_el
            sep = (
                ""
                if not raw
                else (" " if prev_sentence and not new_para else "\n\n" if new_para else "\n")
            )
            raw.append(sep)
            pos += len(sep)
            sentences.append(Sentence(text=text, start=pos, end=pos + len(text), paragraph=para))
            raw.append(text)
            pos += len(text)
            prev_sentence = True
        else:
            _, kind, text = item
            sep = "\n" if raw else ""
            raw.append(sep)
            pos += len(sep)
            spans.append(Span(start=pos, end=pos + len(text), kind=kind, text=text))
            raw.append(text)
            pos += len(text)
            prev_sentence = False
    return Document(
        raw="".join(raw), lang=side.lang, sentences=sentences, kept_out=spans, meta=meta
    )


# ---------------------------------------------------------------- header


def _meta(bibl: etree._Element | None) -> dict[str, str]:
    """Document.meta from a ``<bibl>`` written by the TEI exporter (inverse of its table)."""
    meta: dict[str, str] = {}
    if bibl is None:
        return meta

    def text(el: etree._Element) -> str:
        return normalise_space("".join(el.itertext()))

    for el in bibl:
        name = local(el)
        if name in ("title", "author", "publisher", "date"):
            meta[name] = text(el)
        elif name == "editor":
            meta["translator" if el.get("role") == "translator" else "editor"] = text(el)
        elif name == "msIdentifier":
            for part in el:
                pname = local(part)
                if pname in ("repository", "collection"):
                    meta[pname] = text(part)
                elif pname == "idno":
                    meta["shelfmark"] = text(part)
        elif name == "idno":
            kind = el.get("type", "")
            meta["url" if kind == "URI" else kind or "idno"] = text(el)
        elif name == "availability":
            licences = [text(lic) for lic in el.iter(f"{{{TEI_NS}}}licence")]
            if licences:
                meta["licence"] = " ".join(licences)
        elif name == "note":
            meta[el.get("type") or "note"] = text(el)
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
        return normalise_space("".join(el.itertext()))
    if name == "vColl":
        return [_feature_value(c) for c in el if local(c)]
    if name == "fs":
        return _features(el)
    return normalise_space("".join(el.itertext()))


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
        if app.get("ident") == "paralign":
            for label in app.iter(f"{{{TEI_NS}}}label"):
                if label.get("type") == "model":
                    return normalise_space("".join(label.itertext()))
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
            beads.append(Bead(tuple(found[0]), tuple(found[1]), _cert(el, an)))
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
        an.problems.append('no <linkGrp type="alignment"> of links: the file holds no alignment')
        return an
    sides = _sides(root, groups, an)
    if sides is None:
        return an
    an.sides = sides
    docs = [_document(side, _meta(_decl_bibl(side, an)), an) for side in sides]
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


def read_tei(source: str | os.PathLike[str] | bytes, *, max_bytes: int = MAX_BYTES) -> Alignment:
    """Read a TEI parallel text (a path, or the bytes of one) into an :class:`Alignment`.

    Raises :class:`~paralign.errors.FormatError` for a file that is not safe,
    well-formed TEI of two aligned texts, naming the first problem found
    (``paralign validate FILE`` lists them all).
    """
    data, label = read_source(source, max_bytes)
    an = analyse(parse(data, label))
    if an.problems or an.alignment is None:
        more = len(an.problems) - 1
        extra = (
            f" (and {more} more problem{'s' * (more > 1)}; `paralign validate` lists them)"
            if more > 0
            else ""
        )
        first = an.problems[0] if an.problems else "no alignment found"
        raise FormatError(f"{label}: {first}{extra}")
    return an.alignment

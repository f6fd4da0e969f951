"""How well paralign tells a text's language, on long texts and on short ones.

``python -m bench.languages`` runs :func:`paralign.langid.detect` on

- every gold-set document, each side whole (Text+Berg de/fr, Candide es/en, the
  Bible en/zh) and the corpus documents of texts/ (es/en);
- the opening of each of them cut to 3, 5, 10, 20 and 40 words, and every Tatoeba
  sentence (es/en, short);
- short texts written for this benchmark: one-line letters and three-sentence notes
  in Spanish, English, German and French (:data:`SHORT`).

For each it records the language detected, its probability, the probability of the
true language and the letters read; then, per group, how often the detection is
right, how often it is *sure* (acted on when a language is omitted) and wrong, how
often the true language given would be refused as a contradiction (must be never),
how often the pair's other language given is refused, and how often a text reads
as swapped between the pair's two languages when it is not (must be never where
both texts do) and when it is. The thresholds in paralign/langid.py come from these figures
(docs/languages.md); results go to bench/results/languages.json.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from paralign.langid import MIN_LETTERS, MIN_WORDS, SWAP_CONFIDENCE, detect, pair_probability

from .data import ROOT, gold_sets, read_lines, shared_dir, tatoeba

#: short texts: (language, kind, text), written for this benchmark
SHORT = (
    ("es", "one-line letter", "Querido Raúl: te envío el informe que me pediste ayer."),
    ("es", "one-line letter", "Le ruego acuse recibo de esta carta a la mayor brevedad."),
    ("en", "one-line letter", "Dear Raul, I am sending you the report you asked for yesterday."),
    (
        "en",
        "one-line letter",
        "Please acknowledge receipt of this letter at your earliest convenience.",
    ),
    (
        "de",
        "one-line letter",
        "Lieber Raul, ich schicke dir den Bericht, um den du gestern gebeten hast.",
    ),
    ("fr", "one-line letter", "Cher Raoul, je t'envoie le rapport que tu m'as demandé hier."),
    (
        "es",
        "3-sentence note",
        "El embajador llegó esta mañana. Se reunirá con el ministro a las cinco. "
        "Le informaremos del resultado por la noche.",
    ),
    (
        "en",
        "3-sentence note",
        "The ambassador arrived this morning. He will meet the minister at five. "
        "We shall report the outcome tonight.",
    ),
    (
        "de",
        "3-sentence note",
        "Der Botschafter ist heute Morgen angekommen. Er trifft den Minister um fünf. "
        "Wir berichten am Abend über das Ergebnis.",
    ),
    (
        "fr",
        "3-sentence note",
        "L'ambassadeur est arrivé ce matin. Il rencontrera le ministre à cinq heures. "
        "Nous vous informerons du résultat ce soir.",
    ),
    ("es", "signature line", "Fraternalmente, Osvaldo Dorticós"),
    ("en", "signature line", "Fraternally, Osvaldo Dorticos"),
)
#: the openings the long texts are cut to, in words
CUTS = (3, 5, 10, 20, 40)
#: the other language of each pair: a text given as it is what "swapped" means
OTHER = {"es": "en", "en": "es", "de": "fr", "fr": "de", "zh": "en"}


def samples(shared: Path) -> list[tuple[str, str, str, str]]:
    """``(group, name, language, text)`` of every sample."""
    out = []
    sets = gold_sets(shared)
    whole: list[tuple[str, str, str]] = []
    for key in ("textberg-dev", "textberg-test", "candide", "bible"):
        gs = sets[key]
        for doc in gs.docs:
            for path, lang in ((doc.src, gs.src_lang), (doc.tgt, gs.tgt_lang)):
                whole.append((f"{key}/{doc.name}.{lang}", lang, "\n".join(read_lines(path))))
    from paralign.archive import load_metadata, load_transcription

    for folder in sorted((ROOT / "texts").iterdir()):
        meta = load_metadata(folder / "metadata.toml")
        tr = load_transcription(folder / meta.transcription, known=meta.record)
        for part in tr.parts:
            whole.append((f"texts/{folder.name}.{part.role}", part.lang, part.text))
    for name, lang, text in whole:
        out.append(("whole document", name, lang, text))
        words = text.split()
        for n in CUTS:
            out.append((f"first {n} words", name, lang, " ".join(words[:n])))
    spa, eng = tatoeba(shared)
    for path, lang in ((spa, "es"), (eng, "en")):
        for i, line in enumerate(read_lines(path)):
            out.append(("tatoeba sentence", f"tatoeba.{lang}:{i}", lang, line))
    for lang, kind, text in SHORT:
        out.append((kind, kind, lang, text))
    return out


def measure(shared: Path) -> dict[str, object]:
    rows = []
    for group, name, lang, text in samples(shared):
        right = detect(text, lang)
        wrong = detect(text, OTHER[lang])
        enough = right.letters >= MIN_LETTERS and right.words >= MIN_WORDS
        rows.append(
            {
                "group": group,
                "name": name,
                "lang": lang,
                "letters": right.letters,
                "detected": right.lang,
                "confidence": round(right.confidence, 4),
                "p_true": round(right.given_confidence or 0.0, 6),
                "sure": right.sure,
                "false_contradiction": right.contradicts,
                "wrong_caught": wrong.contradicts,
                "false_swap": enough
                and pair_probability(text, OTHER[lang], lang) > SWAP_CONFIDENCE,
                "swap_caught": enough
                and pair_probability(text, lang, OTHER[lang]) > SWAP_CONFIDENCE,
            }
        )
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        groups[row["group"]].append(row)
    summary = {}
    for group, items in groups.items():
        n = len(items)
        summary[group] = {
            "n": n,
            "right": sum(r["detected"] == r["lang"] for r in items) / n,
            "sure": sum(r["sure"] for r in items) / n,
            "sure_and_wrong": sum(r["sure"] and r["detected"] != r["lang"] for r in items),
            "false_contradictions": sum(r["false_contradiction"] for r in items),
            "wrong_caught": sum(r["wrong_caught"] for r in items) / n,
            "false_swaps": sum(r["false_swap"] for r in items),
            "swaps_caught": sum(r["swap_caught"] for r in items) / n,
            "min_letters": min(r["letters"] for r in items),
            "median_letters": sorted(r["letters"] for r in items)[n // 2],
        }
    wrong_sure = [r for r in rows if r["sure"] and r["detected"] != r["lang"]]
    return {"summary": summary, "sure_and_wrong": wrong_sure[:50], "rows": len(rows)}


def table(summary: dict[str, dict]) -> str:
    lines = [
        "| texts | n | letters (median) | detected right | sure | sure and wrong "
        "| true language refused | other language refused | reads as swapped (true) "
        "| reads as swapped (swapped) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for group, s in summary.items():
        lines.append(
            f"| {group} | {s['n']} | {s['median_letters']} | {s['right']:.1%} | {s['sure']:.1%} "
            f"| {s['sure_and_wrong']} | {s['false_contradictions']} | {s['wrong_caught']:.1%} "
            f"| {s['false_swaps']} | {s['swaps_caught']:.1%} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m bench.languages", description=__doc__.split("\n")[0]
    )
    p.add_argument("--shared", type=Path, default=shared_dir(), help="the shared folder")
    p.add_argument("--results", type=Path, default=ROOT / "bench" / "results" / "languages.json")
    args = p.parse_args(argv)
    result = measure(args.shared)
    args.results.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    print(table(result["summary"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

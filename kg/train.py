"""Train a spaCy NER on annotated news, and run it next to the rules as one more source of candidates.

The rules find what the ontology lists and what their cues describe; a trained recognizer finds names by the
company they keep, which is what carries over to text the rules were not written for. `kg train` reads two kinds of
files, told apart by content, not by name:

* our gold files (NAME.gold.json next to the article it annotates): every occurrence of a canonical name or alias in
  the article's cleaned text is labelled with the entity's type, longest first and non-overlapping. Occurrences of
  optional entities (generic names like 商业银行) are left unlabelled, neither entity nor non-entity, because the gold
  neither asks for them nor counts them as errors;
* CLUENER2020 JSON Lines (plain or gzipped): company, government and organization spans are ORG. Address spans are
  left unlabelled unless asked for (they are street addresses as often as places, much longer than the gazetteer's
  places, and a long trained span wins over the rules' shorter ones); game, movie, book, name, position and scene
  spans are not entities of ours.

The model reads characters, not jieba words: one token per character (a run of ASCII letters and digits stays one
token), so every annotated span is a span of tokens, and a name that jieba glues to the word before it (据财联社) is
still found with the right boundary. What segmentation knows is not thrown away: each character carries the jieba
word it sits in as a tag (its part of speech and its position in the word, `nz-B`), one of the model's features.

`kg build --model DIR` adds the `kg_trained_ner` component before `kg_entities`: its entities become candidates with
rule "trained_ner" and a score below the gazetteer's, and a span that cuts through a known name is dropped.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import SimpleNamespace

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import compounding, fix_random_seed, load_model_from_config, minibatch, registry
from spacy.vocab import Vocab
from thinc.api import Config

from kg.nlp.text import Candidate, candidates_of, sentence_bounds, text_of
from kg.nlp.tokenizer import TOKENS_KEY

__all__ = [
    "META_FILE",
    "ModelError",
    "Sample",
    "TrainingData",
    "TrainingDataError",
    "add_trained_ner",
    "char_doc",
    "check_model",
    "evaluate",
    "load_trained",
    "read_training_files",
    "train",
]

META_FILE = "kg_train.json"  # marks a folder as a model trained by `kg train`, and says what it was trained on
COMPONENT = "kg_trained_ner"
TRAINED_SCORE = 0.5  # below the gazetteer (0.75-0.9) and most rule cues: a tie in length goes to the rules
GOLD_SUFFIX = ".gold.json"
CLUENER_ORG = frozenset({"company", "government", "organization"})
CLUENER_ADDRESS = "address"
_PIECE = re.compile(r"[A-Za-z0-9]+|.", re.S)
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")
_MIN_CHARS = 2  # a one-character entity is noise for every type we extract

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


class ModelError(ValueError):
    """A folder that is not a model trained by `kg train`, or one that cannot be loaded."""


class TrainingDataError(ValueError):
    """A training file that is neither a gold file nor CLUENER JSON Lines, or that cannot be read."""


# the character tokenizer --------------------------------------------------------------------------------------------


def char_doc(vocab: Vocab, text: str, words: Sequence[str], tags: Sequence[str]) -> Doc:
    """A Doc of characters from jieba's words and tags: each character is tagged with its word's tag and its
    position in the word (B, I, E, or S for a word of one piece)."""
    pieces: list[str] = []
    piece_tags: list[str] = []
    for word, tag in zip(words, tags):
        parts = _PIECE.findall(word)
        for i, part in enumerate(parts):
            pos = "S" if len(parts) == 1 else "B" if i == 0 else "E" if i == len(parts) - 1 else "I"
            pieces.append(part)
            piece_tags.append(f"{tag}-{pos}")
    doc = Doc(vocab, words=pieces, spaces=[False] * len(pieces), tags=piece_tags)
    doc.user_data[TOKENS_KEY] = (text, list(pieces), piece_tags)
    return doc


class CharTokenizer:
    """Characters tagged with their jieba word (see `char_doc`); the segmenter is built on first use, so loading a
    model whose tokenizer is never called (the pipeline passes its own segmentation) costs nothing."""

    def __init__(self, vocab: Vocab, use_ontology_words: bool = True) -> None:
        self.vocab = vocab
        self.use_ontology_words = use_ontology_words
        self._segmenter = None

    def __call__(self, text: str) -> Doc:
        if self._segmenter is None:
            from kg.nlp.tokenizer import create_jieba_tokenizer

            own = SimpleNamespace(vocab=Vocab())  # its own vocab: jieba's words stay out of the model's
            self._segmenter = create_jieba_tokenizer(self.use_ontology_words)(own)
        _, words, tags = self._segmenter(text).user_data[TOKENS_KEY]
        return char_doc(self.vocab, text, words, tags)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> CharTokenizer:
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> CharTokenizer:
        return self


@registry.tokenizers("kg.CharTokenizer.v1")
def create_char_tokenizer(use_ontology_words: bool = True):
    """Registered tokenizer factory: `[nlp.tokenizer] @tokenizers = "kg.CharTokenizer.v1"`."""

    def make(nlp: Language) -> CharTokenizer:
        return CharTokenizer(nlp.vocab, use_ontology_words)

    return make


# reading training files ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sample:
    """One training text: entity spans (start, end, label) and spans that are neither entity nor non-entity."""

    text: str
    entities: tuple[tuple[int, int, str], ...]
    unlabeled: tuple[tuple[int, int], ...] = ()


@dataclass(slots=True)
class FileStats:
    name: str
    format: str
    texts: int = 0
    entities: Counter = field(default_factory=Counter)
    unlabeled: int = 0
    dropped: int = 0  # spans that did not fit: wrong offsets, overlaps, or across a sentence end

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "format": self.format,
            "texts": self.texts,
            "entities": dict(sorted(self.entities.items())),
            "unlabeled": self.unlabeled,
            "dropped": self.dropped,
        }


@dataclass(slots=True)
class TrainingData:
    samples: list[Sample]
    files: list[FileStats]


def read_training_files(paths: Iterable[str | Path], *, cluener_address: bool = False) -> TrainingData:
    """Samples from gold files and CLUENER files (a folder stands for the *.gold.json files in it), in input order.

    `cluener_address` labels CLUENER address spans LOC instead of leaving them unlabelled.
    """
    samples: list[Sample] = []
    files: list[FileStats] = []
    for path in _expand(paths):
        text = _read_text(path)
        gold = _as_gold(text)
        stats = FileStats(path.name, "gold" if gold is not None else "cluener")
        if gold is not None:
            found = _gold_samples(path, gold, stats)
        else:
            found = _cluener_samples(path, text, stats, cluener_address)
        samples += found
        stats.texts = len(found)
        files.append(stats)
    return TrainingData(samples, files)


def _expand(paths: Iterable[str | Path]) -> Iterator[Path]:
    for item in paths:
        path = Path(item)
        if path.is_dir():
            golds = sorted(path.glob("*" + GOLD_SUFFIX))
            if not golds:
                raise TrainingDataError(f"{path}: no *{GOLD_SUFFIX} files in this folder")
            yield from golds
        elif path.is_file():
            yield path
        else:
            raise TrainingDataError(f"{path}: no such file or folder")


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        return data.decode("utf-8-sig")
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise TrainingDataError(f"{path}: cannot read it ({error})") from error


def _as_gold(text: str) -> dict | None:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError:
        return None
    return obj if isinstance(obj, dict) and isinstance(obj.get("entities"), list) else None


def _gold_samples(path: Path, gold: dict, stats: FileStats) -> list[Sample]:
    from kg.ingest import IngestError, read_documents

    article = _article_of(path, gold)
    try:
        text = next(iter(read_documents([article]))).text
    except (IngestError, StopIteration) as error:
        raise TrainingDataError(f"{path}: cannot read its article {article.name} ({error})") from error
    names: list[tuple[str, str, bool]] = []
    for entity in gold["entities"]:
        if not isinstance(entity, dict) or not isinstance(entity.get("canonical"), str):
            raise TrainingDataError(f"{path}: every entity needs a canonical name")
        optional = bool(entity.get("optional"))
        for name in (entity["canonical"], *entity.get("aliases", ())):
            name = str(name).strip()
            if len(name) >= _MIN_CHARS:
                names.append((name, str(entity.get("type", "ORG")), optional))
    spans = _occurrences(text, names)
    samples = []
    for start, end in sentence_bounds(text):
        inside = [s for s in spans if start <= s[0] and s[1] <= end]
        stats.dropped += sum(1 for s in spans if s[0] < end and s[1] > start and s not in inside)
        entities = tuple((s - start, e - start, label) for s, e, label, optional in inside if not optional)
        unlabeled = tuple((s - start, e - start) for s, e, _, optional in inside if optional)
        stats.entities.update(label for _, _, label in entities)
        stats.unlabeled += len(unlabeled)
        samples.append(Sample(text[start:end], entities, unlabeled))
    return samples


def _article_of(path: Path, gold: dict) -> Path:
    """The article next to a gold file: its "document" field (last component only, so it stays in the folder), or
    NAME.* beside NAME.gold.json."""
    named = gold.get("document")
    if named:
        article = path.parent / Path(str(named)).name
        if article.is_file():
            return article
    stem = path.name[: -len(GOLD_SUFFIX)] if path.name.endswith(GOLD_SUFFIX) else path.stem
    for sibling in sorted(path.parent.glob(stem + ".*")):
        if sibling.is_file() and sibling != path and not sibling.name.endswith(GOLD_SUFFIX):
            return sibling
    raise TrainingDataError(f"{path}: no article next to it")


def _occurrences(text: str, names: list[tuple[str, str, bool]]) -> list[tuple[int, int, str, bool]]:
    """Every occurrence of every name, longest first, without overlaps; a Latin name must not sit inside a longer
    Latin word (JD in JDX)."""
    taken = bytearray(len(text))
    found = []
    for name, label, optional in sorted(set(names), key=lambda n: (-len(n[0]), n[2], n[0], n[1])):
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if not any(taken[start:end]) and _latin_bounded(text, start, end):
                taken[start:end] = b"\x01" * (end - start)
                found.append((start, end, label, optional))
            start = text.find(name, start + 1)
    return sorted(found)


def _latin_bounded(text: str, start: int, end: int) -> bool:
    if _ASCII_ALNUM.match(text[start]) and start > 0 and _ASCII_ALNUM.match(text[start - 1]):
        return False
    return not (_ASCII_ALNUM.match(text[end - 1]) and end < len(text) and _ASCII_ALNUM.match(text[end]))


def _cluener_samples(path: Path, text: str, stats: FileStats, address: bool) -> list[Sample]:
    samples = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            row = None
        if not (isinstance(row, dict) and isinstance(row.get("text"), str) and isinstance(row.get("label", {}), dict)):
            raise TrainingDataError(
                f"{path}:{number}: neither a kg gold file nor CLUENER JSON Lines "
                '(one {"text": ..., "label": {...}} object per line)'
            )
        samples.append(_cluener_sample(row, stats, address))
    return samples


def _cluener_sample(row: dict, stats: FileStats, address: bool) -> Sample:
    text = row["text"]
    spans: list[tuple[int, int, str | None]] = []
    for kind, names in sorted(row.get("label", {}).items()):
        if kind in CLUENER_ORG:
            label: str | None = "ORG"
        elif kind == CLUENER_ADDRESS:
            label = "LOC" if address else None
        else:
            continue
        if not isinstance(names, dict):
            continue
        for name, offsets in sorted(names.items()):
            for pair in offsets:
                start, end = pair[0], pair[1] + 1  # CLUENER's ends are inclusive
                if text[start:end] != name:
                    stats.dropped += 1
                    continue
                spans.append((start, end, label))
    entities: list[tuple[int, int, str]] = []
    unlabeled: list[tuple[int, int]] = []
    last_end = -1
    for start, end, label in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < last_end:
            stats.dropped += 1
            continue
        last_end = end
        if label is None:
            unlabeled.append((start, end))
        else:
            entities.append((start, end, label))
    stats.entities.update(label for _, _, label in entities)
    stats.unlabeled += len(unlabeled)
    return Sample(text, tuple(entities), tuple(unlabeled))


# training ----------------------------------------------------------------------------------------------------------


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


# running next to the rules ------------------------------------------------------------------------------------------


def check_model(model_dir: str | Path) -> dict:
    """The meta of a trained model folder; ModelError with a one-line reason when it is not one."""
    path = Path(model_dir)
    if not path.is_dir():
        raise ModelError(f"{path}: no such model folder (train one with `kg train FILES -o {path}`)")
    meta_path = path / META_FILE
    if not meta_path.is_file() or not (path / "config.cfg").is_file() or not (path / "ner").is_dir():
        raise ModelError(f"{path}: not a model trained by `kg train` (no {META_FILE}, config.cfg and ner/)")
    try:
        return json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ModelError(f"{path}: unreadable {META_FILE} ({error})") from error


def load_trained(model_dir: str | Path) -> Language:
    """The trained pipeline, loaded once per process and folder."""
    path = Path(model_dir).resolve()
    check_model(path)
    return _load(str(path), (path / META_FILE).stat().st_mtime_ns)


@cache
def _load(path: str, version: int) -> Language:
    """`version` (the meta file's time) makes a model retrained in place load afresh."""
    import spacy

    try:
        return spacy.load(path)
    except Exception as error:  # spaCy raises many kinds on a damaged folder; all mean the same to the user
        raise ModelError(f"{path}: cannot load the trained model ({type(error).__name__}: {error})") from error


def add_trained_ner(nlp: Language, model_dir: str | Path) -> None:
    """Add `kg_trained_ner` for the model in `model_dir` before kg_entities (last when there is none)."""
    path = Path(model_dir).resolve()
    load_trained(path)  # fail here, with a clear message, rather than inside add_pipe
    if COMPONENT in nlp.pipe_names:
        nlp.remove_pipe(COMPONENT)
    where = {"before": "kg_entities"} if "kg_entities" in nlp.pipe_names else {}
    nlp.add_pipe(COMPONENT, config={"model": str(path)}, **where)


class TrainedNER:
    """Runs the trained model on a Doc's text and appends its entities to the Doc's candidates."""

    def __init__(self, nlp: Language, name: str, model: str, score: float) -> None:
        self.name = name
        self.score = score
        self.trained = load_trained(model)
        self._ner = self.trained.get_pipe("ner")

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            for doc, chars in zip(batch, self._ner.pipe([self._chars(d) for d in batch], batch_size=batch_size)):
                self._add(doc, chars)
                yield doc

    def _chars(self, doc: Doc) -> Doc:
        """The character Doc, from the segmentation the pipeline already made when there is one."""
        tokens = doc.user_data.get(TOKENS_KEY)
        if tokens is not None and len(tokens[1]) == len(doc):
            return char_doc(self.trained.vocab, *tokens)
        return self.trained.make_doc(text_of(doc))

    def _add(self, doc: Doc, chars: Doc) -> None:
        candidates = candidates_of(doc)
        known = [(c.start, c.end) for c in candidates if c.known]
        for ent in chars.ents:
            start, end = ent.start_char, ent.end_char
            if end - start < _MIN_CHARS or any(s < start < e < end or start < s < end < e for s, e in known):
                continue  # a span that cuts through a known name has a wrong boundary
            candidates.append(Candidate(start, end, ent.label_, "trained_ner", self.score))


@Language.factory(COMPONENT, default_config={"model": "", "score": TRAINED_SCORE})
def make_trained_ner(nlp: Language, name: str, model: str, score: float) -> TrainedNER:
    return TrainedNER(nlp, name, model, score)

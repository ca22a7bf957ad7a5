"""kg_trained_ner: a model trained by `kg train`, run next to the rules as one more source of candidates.

`kg build --model DIR` adds the component before `kg_entities`: its entities become candidates with rule
"trained_ner" and a score below the gazetteer's, and a span that cuts through a known name is dropped. The model reads
characters tagged with their jieba word (`kg.nlp.tokenizer.char_doc`), cut from the pipeline's own segmentation.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from kg.nlp.text import Candidate, candidates_of, text_of
from kg.nlp.tokenizer import TOKENS_KEY, char_doc

META_FILE = "kg_train.json"  # marks a folder as a model trained by `kg train`, and says what it was trained on
COMPONENT = "kg_trained_ner"
TRAINED_SCORE = 0.5  # below the gazetteer (0.75-0.9) and most rule cues: a tie in length goes to the rules
MIN_CHARS = 2  # a one-character entity is noise for every type we extract


class ModelError(ValueError):
    """A folder that is not a model trained by `kg train`, or one that cannot be loaded."""


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
            if end - start < MIN_CHARS or any(s < start < e < end or start < s < end < e for s, e in known):
                continue  # a span that cuts through a known name has a wrong boundary
            candidates.append(Candidate(start, end, ent.label_, "trained_ner", self.score))


@Language.factory(COMPONENT, default_config={"model": "", "score": TRAINED_SCORE})
def make_trained_ner(nlp: Language, name: str, model: str, score: float) -> TrainedNER:
    return TrainedNER(nlp, name, model, score)

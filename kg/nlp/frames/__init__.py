"""The frame layer: relations read off predicates with typed roles, not off fixed phrasings.

Each sentence becomes frames: a trigger of the frame lexicon (a verb, a cooperative predicate, a relational noun,
an investment received) or a noun-phrase shape (A的B, A B, 美国公司A), with its roles (agent, patient, partner,
beneficiary, location, member, anchor, owner) filled by groups of entity mentions. The relations are read off the
frames by the lexicon's links and the ontology's domain and range (`table.py`). The stages, one module each:
mentions → groups (`groups.py`) → clauses and subjects (`clauses.py`) → triggers (`predicates.py`, over the words
of `words.py`) → roles (`verbs.py`, `nouns.py`, `shapes.py`, reading a `sentence.py`) → relations (`table.py`),
with the topic carried across sentences (`discourse.py`). The lexicon is data (`lexicon/*.tsv`, one file per
relation family; `lexicon.py` reads it): a new phrasing is a row there, a new relation family one more file.

    frame_relations(text, sentence_bounds, mentions, view) -> list[RelationHit]

kg_relations runs it as the first row of its rule table (`kg/nlp/relate/component.py`). It reads and returns the
records of `kg.nlp.mentions` and never imports `kg.nlp.relate`, which imports it.
"""

from __future__ import annotations

from kg.nlp.frames.clauses import Shape, assign_subjects, split_clauses
from kg.nlp.frames.discourse import Discourse, after_heading
from kg.nlp.frames.groups import build_groups
from kg.nlp.frames.lexicon import load_lexicon
from kg.nlp.frames.nouns import noun_frame
from kg.nlp.frames.predicates import find_triggers, without_labels
from kg.nlp.frames.sentence import Sentence
from kg.nlp.frames.shapes import shape_frames
from kg.nlp.frames.table import Frame, read_frame
from kg.nlp.frames.verbs import received_frame, verb_frame
from kg.nlp.frames.words import Words
from kg.nlp.mentions import Mention, RelationHit
from kg.nlp.text import YEAR, TokenView

__all__ = ["frame_relations"]

_FILLERS = {"verb": verb_frame, "joint": verb_frame, "noun": noun_frame, "received": received_frame}


def frame_relations(
    text: str, bounds: list[tuple[int, int]], mentions: list[Mention], view: TokenView | None = None
) -> list[RelationHit]:
    """The relations the frames of a text state, one per fact and sentence (the most confident reading).

    `bounds` are the sentences (sorted, disjoint), `mentions` the entities sorted by start, `view` the jieba words
    and tags, whose boundaries (and the entities' edges) triggers must respect (without it, any position will do)."""
    lexicon = load_lexicon()
    mentions = without_labels(text, lexicon, mentions)
    words = Words(view, mentions) if view is not None else None
    triggers = find_triggers(text, lexicon, words, mentions)
    shape = Shape(text, lexicon, words)
    discourse = Discourse(lexicon, shape.modifies_noun)
    best: dict[tuple[str, str, str, int], RelationHit] = {}
    k = t = 0
    previous_end = 0
    for s, e in bounds:
        if "\n" in text[previous_end:s]:
            discourse.new_paragraph(after_heading(text, s))
        previous_end = e
        while k < len(mentions) and mentions[k].start < s:
            k += 1
        j = k
        while j < len(mentions) and mentions[j].end <= e:
            j += 1
        while t < len(triggers) and triggers[t].start < s:
            t += 1
        u = t
        while u < len(triggers) and triggers[u].start < e:
            u += 1
        own = mentions[k:j]
        if not own and t == u:
            continue  # no entity and no predicate: nothing to read, and the topic carries over
        anaphors = discourse.anaphors(text, s, e, own, words) if discourse.topic or own else []
        inside = sorted([*own, *anaphors], key=lambda m: m.start)
        if not inside:
            continue  # every frame relates entities of its sentence; the topic carries over
        groups = build_groups(text, inside, words)
        clauses = split_clauses(text, s, e)
        here = triggers[t:u]
        subject = assign_subjects(clauses, groups, here, inside, shape, discourse.carried)
        sentence = Sentence(
            text=text,
            start=s,
            end=e,
            mentions=inside,
            groups=groups,
            clauses=clauses,
            shape=shape,
            lexicon=lexicon,
            triggers=here,
            topic=discourse.topic if discourse.topic_here else None,
            recent=discourse.recent(inside),
            focus=discourse.focus,
            heads=discourse.heads,
        )
        verb_ends = frozenset(x.end for x in here if any(e.kind in ("verb", "joint") for e in x.entries))
        frames: list[Frame] = shape_frames(text, groups, inside, lexicon, words, verb_ends)
        for trigger in here:
            for entry in trigger.entries:
                frame = _FILLERS[entry.kind](sentence, trigger, entry)
                if frame is not None:
                    frames.append(frame)
                    sentence.remember(frame)
        year_match = YEAR.search(text, s, e)
        year = int(year_match.group(1)) if year_match else None
        resolved = {m.start for m in anaphors}
        for frame in frames:
            for hit in read_frame(frame, (s, e), year, resolved):
                key = (hit.head, hit.relation, hit.tail, s)
                if key not in best or best[key].confidence < hit.confidence:
                    best[key] = hit
        discourse.close_sentence(own, subject, sentence.named, sentence.party, sentence.named_heads)
    return list(best.values())

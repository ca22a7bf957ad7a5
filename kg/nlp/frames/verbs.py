"""Verb frames: a predicate and the groups around it.

The agent is the nearest group before the verb that no marker governs (or the clause's subject); 由/被 mark a
passive agent, 与/联合 a partner, 为 a beneficiary, 在 a location, 对/把 a fronted patient, 依托 an instrument; the
patient is the first group after the verb, unless its head noun is something else (新增A入口) or another verb stands
between. "A V的B" makes B the patient, "V A的B" makes B the agent (来自A的B), and "由A V的企业" after a subject
describes that subject. An entity that cannot be an agent but can be a patient (产品X已上线) is the patient; the agent
is then the subject. "S获得/拿下 A(的)投资": A invested, S received.
"""

from __future__ import annotations

import re

from kg.nlp.frames.clauses import QUOTE_CLOSE, Clause
from kg.nlp.frames.groups import Group
from kg.nlp.frames.lexicon import Entry
from kg.nlp.frames.predicates import Trigger
from kg.nlp.frames.sentence import MAX_NOUN_MODIFIER, PUNCTUATION, SUBJECT_ADVERBS, Sentence, modifier_gap
from kg.nlp.frames.table import Frame, role_types
from kg.nlp.mentions import Mention

_RELATIVE = re.compile(r"(?:了|过)?的")
_ITEMS = re.compile(r"(?:[^，。；、,;（）()“”]{1,14}(?:、|及|和|以及|与))*")
_NOUN_LIKE_TAGS = frozenset({"n", "nr", "nz", "nt", "ng", "r", "vn", "eng"})
_SUBJECT_TAGS = frozenset({"n", "nr", "nz", "nt", "ng", "r"})
_ADVERB_TAGS = ("d", "t", "ad", "ul", "uz", "ug")  # adverbs, times and aspect particles before a verb
_MAX_PLACE_MODIFIER = 8  # characters between a place and 的 in a relative clause (位于A沃罗涅日州的机场)
_ASPECT_PARTICLES = frozenset({"了", "过"})
_MAX_OBJECT_GAP = 16  # characters of modifiers between a verb and its object (推出了首张乡村振兴主题卡)


def verb_frame(sent: Sentence, trigger: Trigger, entry: Entry) -> Frame | None:
    text = sent.text
    clause = sent.clause_at(trigger.start)
    frame = Frame(entry, trigger.start, trigger.end)
    left = [g for g in clause.groups if g.end <= trigger.start]
    right = [g for g in clause.groups if g.start >= trigger.end]
    agent: Group | None = None
    passive: Group | None = None
    relative = _RELATIVE.match(text, trigger.end) is not None
    left, held = _holders(sent, left, trigger, clause)
    for group in reversed(left):
        if (
            sent.shape.possessed_after(group, sent.mentions, trigger.start) is not None
            or sent.shape.head_blocked(group)
            or (text[group.end : group.end + 1] == "的" and group.end + 1 < trigger.start)
        ):
            continue  # A的B, A负责人, A的董事: A modifies what acts
        role = sent.shape.marker(group, clause.start) or held.get(group.start)
        if (
            relative
            and agent is None
            and passive is None
            and role not in ("agent", "source")
            and modifier_gap(text, group.end, trigger.start, _MAX_OBJECT_GAP)
        ):
            agent = group  # 与A规划建设的公路: the marker governs the whole phrase; A is the relative clause's agent
            continue
        if role == "agent":
            passive = passive or group
        elif role == "partner":
            frame.fill("partner", group.members)
            frame.joint = True
        elif role in ("beneficiary", "recipient", "location", "patient", "instrument"):
            if role not in frame.roles:
                frame.fill(role, group.members)
        elif role is None and agent is None:
            agent = group
    between = text[(agent or passive).end if (agent or passive) else clause.start : trigger.start]
    if entry.kind == "joint" or any(adverb in between for adverb in sent.lexicon.joint_adverbs):
        frame.joint = True
    if agent is not None and agent.joint:
        frame.joint = True
    if any(adverb in between for adverb in sent.lexicon.distributives):
        frame.separately = True  # A、B纷纷签署合作协议: each with someone else
    frame.hoped = _hoped(sent, clause.start, trigger.start)

    patient_group, head_agent = _object(sent, trigger, entry, right, clause)
    # 位于A南部的设施, 来自A的行动: a place and 的 after the verb make it a relative clause about the noun that
    # follows, which is the agent; no entity is
    first = next((g for g in right if g.start >= trigger.end), None)
    about_a_noun = first is not None and head_agent is None and _place_before_of(sent, first, trigger, clause)
    if about_a_noun or (agent is not None and _noun_subject_before(sent, trigger, clause, agent.end)):
        agent = None  # A希望把握政府推出B的机遇: the noun after A's own verb is this verb's subject
    if passive is not None:
        # Y由A研发, 由A研发的Y: the unmarked group before the marker is the patient; "Y，由A研发": the subject is
        if patient_group is None and agent is not None and agent.end <= passive.start:
            patient_group, agent = agent, None
        elif patient_group is None and not relative and clause.subject not in (None, passive):
            patient_group = clause.subject
        agent = passive
    if head_agent is not None:  # 来自A的B: B is the agent
        agent = head_agent
    if relative and patient_group is None:
        # 与A合作的企业是B, A推出的产品是B: the head noun is named after a copula
        named = _named_after_copula(sent, trigger, clause)
        if named is not None and entry.kind == "joint":
            frame.fill("partner", named.members)
        elif named is not None and agent is None and passive is None:
            agent = named
        elif named is not None:
            patient_group = named
    frame.fill("patient", patient_group.members if patient_group else [])
    if "patient" not in frame.roles:
        described, carried = _described_by_relative(sent, trigger, clause, agent, passive)
        if described is not None and described is not agent:
            frame.fill("patient", described.members, implicit=carried)
    if agent is not None and passive is None and _founded_bare(sent, trigger, clause, agent, frame):
        frame.fill("patient", agent.members)  # X正发起设立，股东包括A: X is being set up, by no one said here
        agent = None
    if agent is not None:
        agent_types = role_types(entry, "agent")
        acts = any(m.label in agent_types for m in agent.members)
        if not acts and "patient" not in frame.roles and agent is not passive:
            # 产品X已上线: what cannot act but can be acted on is the patient; the agent is the subject (not in
            # X建设, a noun phrase, nor in X在该规定出台前成立, where the verb has a subject of its own)
            if any(m.label in role_types(entry, "patient") for m in agent.members) and _undergoes(
                sent, agent, trigger, clause
            ):
                frame.fill("patient", agent.members)
            agent = None
        else:
            frame.fill("agent", agent.members)
    if "instrument" not in frame.roles:
        frame.fill("instrument", _fronted_instrument(sent, clause))
    # 依托A上线B after a sentence about C: what B is built on, not who built it (C stays unsaid)
    if (
        agent is None
        and "agent" in entry.implicit
        and not about_a_noun
        and not (clause.carried and "instrument" in frame.roles)
        and not _noun_subject_before(sent, trigger, clause)
    ):
        sent.fill_implicit(frame, "agent", clause)
        frame.separately = True  # agents kept from another clause acted together there, if at all
    if "patient" not in frame.roles and "patient" in entry.implicit:
        sent.fill_implicit(frame, "patient", clause)
    return frame if frame.roles else None


def _holders(sent: Sentence, left: list[Group], trigger: Trigger, clause: Clause) -> tuple[list[Group], dict[int, str]]:
    """与A旗下的B, 联合A的子公司B: what a holder A holds (B) stands in A's place, and A only modifies it. So B takes
    the role a marker gives A (by B's start), and in A与B旗下的C, where 与 joined A and B into one group, A and C act
    together (the groups before the verb, with that pair in place of the two)."""
    held: dict[int, str] = {}
    out = list(left)
    for group in left:
        owned = sent.shape.possessed_after(group, sent.mentions, trigger.start)
        if owned is None:
            continue
        between = sent.text[group.end : sent.text.find("的", group.end, owned.start)]
        if between and between not in sent.lexicon.holders:
            continue
        role = sent.shape.marker(group, clause.start)
        if role is not None:
            held[owned.start] = role
        target = next((g for g in out if g.start == owned.start), None)
        if group.joint and len(group.members) > 1 and target is not None and group in out:
            out[out.index(target)] = Group([*group.members[:-1], *target.members], group.start, target.end, joint=True)
            out.remove(group)
    return out, held


def _founded_bare(sent: Sentence, trigger: Trigger, clause: Clause, agent: Group, frame: Frame) -> bool:
    """X正发起设立, X正在发起设立中: a founding verb that closes its clause with no object and no co-founder, after a
    single organization, says that organization is being set up (A、B共同发起设立 and A与B发起设立 keep founders)."""
    if trigger.word not in sent.lexicon.bare_founding or "patient" in frame.roles or "partner" in frame.roles:
        return False
    if agent.joint or len(agent.members) != 1:
        return False
    rest = sent.text[trigger.end : clause.end].strip("中了。，,；;！!？? \n")
    return rest == ""


def _hoped(sent: Sentence, start: int, end: int) -> bool:
    """看好A和B合作, A希望与B合作: a word of hope between the clause's start and the verb, outside the names (新希望集团
    hopes nothing)."""
    text = sent.text
    for word in sent.lexicon.hopes:
        k = text.find(word, start, end)
        while k >= 0:
            if not any(m.start < k + len(word) and k < m.end for m in sent.mentions):
                return True
            k = text.find(word, k + 1, end)
    return False


def _noun_subject_before(sent: Sentence, trigger: Trigger, clause: Clause, after: int | None = None) -> bool:
    """把握中方实施X的机遇, 员工持股: a noun (no entity) right before the verb, adverbs aside, is its subject, unless
    a marker governs it (联合多家银行推出: the banks are partners). With `after` (the end of an agent found before
    the verb), only a noun that a verb separates from that agent counts (A、B等3家公司上报: 公司 closes A's list)."""
    words = sent.shape.words
    if words is None:
        return False
    before = [w for w in words.between(clause.start, trigger.start) if not w[2].startswith(_ADVERB_TAGS)]
    while before and sent.text[before[-1][0] : before[-1][1]] in sent.lexicon.auxiliaries:
        before = before[:-1]  # X拟落户, X将推出: a word of intent stands between the subject and its verb
    if before and sent.text[before[-1][0] : before[-1][1]] in QUOTE_CLOSE:
        before = before[:-1]  # A投资的“星河乐园”拟落户: the quoted noun is the subject
    if not before or before[-1][2] not in _SUBJECT_TAGS or _in_mention(sent, before[-1][0]):
        return False  # a verbal noun before a verb is an adverbial (合作发行), not its subject
    for s, e, tag in reversed(before[:-1]):
        if after is not None and e <= after:
            return False
        if _in_mention(sent, s):
            continue
        if sent.text[s:e] in sent.lexicon.markers:
            return False
        if tag.startswith("v"):
            return True
    return after is None


def _place_before_of(sent: Sentence, group: Group, trigger: Trigger, clause: Clause) -> bool:
    """The verb's object is a place, and a few words and 的 follow it (位于A南部的设施, 来自A的行动); or, where the
    verb stands as the object of another (袭击了位于A南部B等地区的设施, 在位于A的工厂), any words without a verb."""
    if any(m.label != "LOC" for m in group.members) or not modifier_gap(sent.text, trigger.end, group.start, 4):
        return False
    embedded = _after_a_verb(sent, trigger, clause)
    limit = clause.end if embedded else min(clause.end, group.end + _MAX_PLACE_MODIFIER + 1)
    of = sent.text.find("的", group.end, limit)
    if of < 0 or PUNCTUATION.search(sent.text, group.end, of):
        return False
    return of <= group.end + _MAX_PLACE_MODIFIER or not _verb_between(sent, group.end, of)


def _after_a_verb(sent: Sentence, trigger: Trigger, clause: Clause) -> bool:
    """Whether the word before the verb is a verb, an aspect particle or a preposition (袭击了|位于, 在|位于): the verb
    opens a phrase that is another's object, so it has no subject of its own."""
    words = sent.shape.words
    before = list(words.between(clause.start, trigger.start)) if words is not None else []
    if not before or before[-1][1] != trigger.start or _in_mention(sent, before[-1][0]):
        return False
    start, end, tag = before[-1]
    return tag.startswith(("v", "p")) or sent.text[start:end] in _ASPECT_PARTICLES


def _undergoes(sent: Sentence, group: Group, trigger: Trigger, clause: Clause) -> bool:
    """Whether only adverbs, times or prepositions stand between a group and the verb it undergoes (X已上线,
    X于2021年上市, X已经在A落地: up to the next entity)."""
    stop = next((g.start for g in clause.groups if group.end < g.start < trigger.start), trigger.start)
    if stop == group.end or sent.shape.words is None:
        return stop != group.end
    return not any(tag in _NOUN_LIKE_TAGS for _, _, tag in sent.shape.words.between(group.end, stop))


def _object(
    sent: Sentence, trigger: Trigger, entry: Entry, right: list[Group], clause: Clause
) -> tuple[Group | None, Group | None]:
    """(the patient group after the verb, the agent that heads a relative clause "V A的B")."""
    text = sent.text
    relative = _RELATIVE.match(text, trigger.end)
    if relative:  # A推出的B: B is the patient (and in A推出的产品是B, B is no head: a copula stands before it)
        head = next((g for g in right if modifier_gap(text, relative.end(), g.start, 8)), None)
        if head is not None and (
            sent.shape.copula_before(head.start, relative.end()) or sent.shape.marker(head, relative.end())
        ):
            head = None
        return head, None
    for group in right:
        items = _ITEMS.match(text, trigger.end, group.start)  # 联合商业银行、支付机构及A: items that are no entities
        if not modifier_gap(text, items.end(), group.start, _MAX_OBJECT_GAP) or sent.shape.head_blocked(group):
            return None, None
        if any(trigger.end <= t.start < group.start and _predicate(t) for t in sent.triggers):
            return None, None  # 联合约谈A: A is the object of the nearer verb
        if _verb_between(sent, items.end(), group.start):
            return None, None  # 并购重组B股权获证监会通过: 证监会 is no object of 并购
        possessed = sent.shape.possessed_after(group, sent.mentions, clause.end)
        if possessed is None:
            return group, None
        head = next((g for g in right if g.start == possessed.start), None)
        if head is not None and _RELATIVE.fullmatch(text, group.end, possessed.start):
            # V A的B: B did V to A (来自A的B, 投资A的B) when B can act and cannot be acted on; else A owns B
            agent_types, patient_types = role_types(entry, "agent"), role_types(entry, "patient")
            if any(m.label in agent_types for m in head.members) and not any(
                m.label in patient_types for m in head.members
            ):
                # 来自A的B代表: the head is B's representative, no entity
                return group, (None if sent.shape.head_blocked(head) else head)
        return head, None
    return None, None


def _named_after_copula(sent: Sentence, trigger: Trigger, clause: Clause) -> Group | None:
    of = sent.text.find("的", trigger.end, trigger.end + 2)
    after = [g for g in clause.groups if g.start > of]
    if of < 0 or not after or not modifier_gap(sent.text, of + 1, after[0].start, MAX_NOUN_MODIFIER + 2):
        return None
    copula = sent.shape.copula_before(after[0].start, of + 1)
    head = after[0].start - len(copula or "") - of - 1  # the noun between 的 and the copula (产品 in 的产品是B)
    return after[0] if copula and 0 < head <= MAX_NOUN_MODIFIER else None


def _fronted_instrument(sent: Sentence, clause: Clause) -> list[Mention]:
    """依托A，B打造C: a clause that is nothing but an instrument phrase lends it to the clause after it."""
    before = next((c for c in sent.clauses if c.end + 1 == clause.start), None)
    if before is None or len(before.groups) != 1:
        return []
    group = before.groups[0]
    words = sent.text[before.start : before.end].strip()
    if sent.shape.marker(group, before.start) != "instrument" or not words.endswith(sent.text[group.start : group.end]):
        return []
    return group.members


def _verb_between(sent: Sentence, start: int, end: int) -> bool:
    """Whether jieba tags a word between two offsets (outside entities) a verb."""
    words = sent.shape.words
    if words is None or start >= end:
        return False
    return any(tag == "v" and not _in_mention(sent, s) for s, _, tag in words.between(start, end))


def _in_mention(sent: Sentence, pos: int) -> bool:
    return any(m.start <= pos < m.end for m in sent.mentions)


def _predicate(trigger: Trigger) -> bool:
    return any(e.kind in ("verb", "joint") for e in trigger.entries)


def _described_by_relative(
    sent: Sentence, trigger: Trigger, clause: Clause, agent: Group | None, passive: Group | None
) -> tuple[Group | None, bool]:
    """(what a headless relative clause says is its patient, whether that was carried over): the subject, for one at
    the head of its clause after a copula, if any (……，由A发起设立的企业; 作为A监管的企业，B); the group before
    the copula, for "B是A推出的"."""
    if not _RELATIVE.match(sent.text, trigger.end):
        return None, False
    text = sent.text
    stop = (passive or agent).start if (passive or agent) else trigger.start
    while stop > clause.start and text[stop - 1] in " \u3000":
        stop -= 1
    copula = sent.shape.copula_before(stop, clause.start) or ""
    stop -= len(copula)
    while stop > clause.start and text[stop - 1] in SUBJECT_ADVERBS:
        stop -= 1
    lead = text[clause.start : stop].strip(" \u3000")
    if lead in ("", "由", "被") or lead.endswith(("由", "被")):
        described = clause.describes or clause.subject
        return described, described is not None and clause.carried and clause.describes is None
    before = [g for g in clause.groups if g.end == stop]
    return (before[-1], False) if copula and before else (None, False)


def received_frame(sent: Sentence, trigger: Trigger, entry: Entry) -> Frame | None:
    """S获得A的投资, S拿下A战略投资: the investor stands between the verb of receiving and the noun."""
    clause = sent.clause_at(trigger.start)
    before = sent.text[clause.start : trigger.start]
    verb_end = -1
    for verb in sent.lexicon.receive_verbs:
        k = before.rfind(verb)
        if k >= 0:
            verb_end = max(verb_end, clause.start + k + len(verb))
    if verb_end < 0:
        return None
    investors = [g for g in clause.groups if verb_end <= g.start and g.end <= trigger.start]
    if not investors:
        return None
    frame = Frame(entry, trigger.start, trigger.end)
    frame.fill("agent", [m for g in investors for m in g.members])
    receivers = [g for g in clause.groups if g.end <= verb_end and sent.shape.marker(g, clause.start) is None]
    receiver = receivers[0] if receivers else clause.subject
    if receiver is None:
        return None
    frame.fill("patient", receiver.members, implicit=not receivers and clause.carried)
    return frame

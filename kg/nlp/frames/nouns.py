"""Relational-noun frames: the member and the anchor of 股东, 子公司, 投资方, 试点城市, 总部 …

"X的N包括/为 LIST", "N LIST" (子公司华融证券), "LIST等N", "A是X的N", "A作为X的N", "A（X的N）", "X旗下的A"; an
anchor the sentence leaves out is the subject, the relation's last tail or the topic of the text.
"""

from __future__ import annotations

import re

from kg.nlp.frames.clauses import Clause
from kg.nlp.frames.groups import Group
from kg.nlp.frames.lexicon import Entry
from kg.nlp.frames.predicates import Trigger
from kg.nlp.frames.sentence import MAX_NOUN_MODIFIER, PUNCTUATION, SUBJECT_ADVERBS, Sentence, modifier_gap
from kg.nlp.frames.table import Frame

_BRACKETED = re.compile(r"^[（(][^（()）]*[）)]")  # X（以下简称“Y”）的N: the remark is skipped
_COUNT = re.compile(r"(?:[0-9０-９]+|[一二三四五六七八九十百千几多两]+)[家个所款项只类种批位名座]")
_MAX_OWNED_MODIFIER = 6  # characters between X的 and its relational noun (X下设的全资另类投资子公司)


def noun_frame(sent: Sentence, trigger: Trigger, entry: Entry) -> Frame | None:
    text = sent.text
    clause = sent.clause_at(trigger.start)
    frame = Frame(entry, trigger.start, trigger.end)
    anchor, anchor_start = _anchor_before(sent, trigger, entry, clause)
    member = _member_after(sent, trigger, clause, anchor)
    if (
        member is not None
        and anchor is not None
        and len(member.members) > 1
        and _listed(sent.text, anchor, anchor_start)
    ):
        # A、B母公司C、D: the noun phrase is one item of a list that goes on, so the noun has C alone
        member = Group(member.members[:1], member.start, member.members[0].end)
    if member is None and _heads_the_phrase(sent, trigger, clause):
        member = _member_by_copula(sent, anchor_start, clause)
    if member is None and anchor is None:  # A、B等子公司, A、B两家子公司: the list the noun closes
        member = next((g for g in reversed(clause.groups) if g.end <= trigger.start), None)
        if member is not None and not _closes(text, member, trigger.start):
            member = None
    if member is None:
        member, anchor = _member_before_bracket(sent, trigger, clause, anchor)
    if member is not None:
        frame.fill("member", member.members, implicit=member is clause.subject and clause.carried)
    if anchor is not None:
        frame.fill("anchor", anchor.members)
    elif member is not None and "anchor" in entry.implicit and not _of_something(text, trigger.start):
        sent.fill_implicit(frame, "anchor", clause)
    if "anchor" in frame.roles:
        return frame
    if member is not None:  # 领投方A, whose company goes unnamed: A still holds, it is not what is held here
        for link in entry.links:
            if link.head == "member":
                sent.named_heads.setdefault(link.relation, set()).update(m.name for m in member.members)
    return None


def _listed(text: str, anchor: Group, phrase_start: int) -> bool:
    """Whether the anchor of a noun is an item of a list (A、B母公司: B is, whether or not A is an entity)."""
    return phrase_start < anchor.start or text[max(0, anchor.start - 1) : anchor.start] == "、"


def _of_something(text: str, noun_start: int) -> bool:
    """是国内领先的服务商: 的 (and a few modifiers) before the noun, and no entity owning it: its anchor is said
    and is none of ours."""
    before = text[max(0, noun_start - MAX_NOUN_MODIFIER - 1) : noun_start]
    return "的" in before and not PUNCTUATION.search(before[before.rfind("的") :])


def _closes(text: str, group: Group, noun_start: int) -> bool:
    """Whether the words between a list and a noun close the list: 等 or a count, and a few modifiers."""
    closed = group.end > group.last.end
    gap = text[group.end : noun_start]
    count = _COUNT.match(gap)
    if count:
        closed, gap = True, gap[count.end() :]
    return gap == "" or (closed and modifier_gap(text, noun_start - len(gap), noun_start, MAX_NOUN_MODIFIER))


def _anchor_before(sent: Sentence, trigger: Trigger, entry: Entry, clause: Clause) -> tuple[Group | None, int]:
    """X的N, X N (国资委旗下), 其N, X下设的全资N: the group that owns the noun, and where the noun phrase starts."""
    text = sent.text
    for group in reversed(clause.groups):
        if group.end > trigger.start:
            continue
        gap = _BRACKETED.sub("", text[group.last.end : trigger.start].lstrip("”’」』》"), count=1)
        kin = next((w for w in sent.lexicon.frame_words[entry.frame] if gap.startswith(w + "的")), "")
        gap = gap[len(kin) :]
        if gap == "":  # A、B母公司C: the noun is B's
            last = group.last
            return (group if len(group.members) == 1 else Group([last], last.start, last.end)), group.start
        modifiers_start = trigger.start - len(gap) + 1
        if gap.startswith("的") and modifier_gap(text, modifiers_start, trigger.start, _MAX_OWNED_MODIFIER):
            return group, group.start
        break
    return None, trigger.start


def _member_after(sent: Sentence, trigger: Trigger, clause: Clause, anchor: Group | None) -> Group | None:
    """N包括A、B; N为A; N：A; N A (子公司华融证券); X旗下的A; N包括10家银行，A以及B (a list that goes on past a
    comma after an item that is no entity)."""
    text = sent.text
    group = next((g for g in clause.groups if g.start >= trigger.end), None)
    if group is None:
        return _member_in_next_clause(sent, trigger, clause)
    gap = text[trigger.end : group.start].strip(" \u3000“‘「『《")
    if gap.startswith(("：", ":")):
        gap = gap[1:].strip()
    if gap == "" or gap in sent.lexicon.introducers or (gap == "的" and anchor is not None):
        # 控股股东A与B签署协议: 与 joins a partner to A, not a second member
        return Group(group.members[:1], group.start, group.members[0].end) if group.joint else group
    return None


def _member_in_next_clause(sent: Sentence, trigger: Trigger, clause: Clause) -> Group | None:
    text = sent.text
    introducer = next(
        (w for w in sorted(sent.lexicon.introducers, key=len, reverse=True) if text.startswith(w, trigger.end)), None
    )
    following = next((c for c in sent.clauses if c.start == clause.end + 1), None)
    if introducer is None or following is None or not following.groups:
        return None
    item = trigger.end + len(introducer)  # the item that is no entity, counted: 10家银行
    first = following.groups[0]
    if (
        not _COUNT.search(text, item, min(clause.end, item + 4))
        or not modifier_gap(text, item, clause.end, 12)
        or text[following.start : first.start].strip()
    ):
        return None
    if any(item <= t.start < clause.end for t in sent.triggers):
        return None  # the words after the introducer say something of their own
    return first


def _heads_the_phrase(sent: Sentence, trigger: Trigger, clause: Clause) -> bool:
    """Whether the noun ends its phrase (A是X的股东。/，/之一), rather than modifying a later noun (X旗下产品的品种)."""
    rest = sent.text[trigger.end : clause.end].strip(" \u3000”’」』》")
    return rest == "" or rest.startswith(("之一", "。", "了")) or bool(PUNCTUATION.match(rest))


def _member_by_copula(sent: Sentence, phrase_start: int, clause: Clause) -> Group | None:
    """A是X的N, A也是其上一个项目X的N, A将成为X的N, （A，）也就是X的N, 作为X的N，A……: the member stands before
    the copula (a few words may describe the anchor between them)."""
    copula, end = None, phrase_start
    for end in range(phrase_start, max(clause.start, phrase_start - 10) - 1, -1):
        if PUNCTUATION.search(sent.text, end, phrase_start):
            break
        copula = sent.shape.copula_before(end, clause.start)
        if copula is not None:
            break
    if copula is None:
        return None
    if copula in ("作为", "身为") and clause.describes is not None:
        return clause.describes
    end = sent.text[clause.start : end].rstrip(" \u3000“‘「『《").rfind(copula) + clause.start
    lead = sent.text[clause.start : end].rstrip(SUBJECT_ADVERBS + " \u3000")
    before = [g for g in clause.groups if g.end <= end]
    lead_end = clause.start + len(lead)
    if before and (not sent.text[before[-1].end : lead_end].strip() or _closes(sent.text, before[-1], lead_end)):
        return before[-1]
    if lead.strip() == "" and clause.subject is not None:
        return clause.subject
    return None


def _member_before_bracket(
    sent: Sentence, trigger: Trigger, clause: Clause, anchor: Group | None
) -> tuple[Group | None, Group | None]:
    """A（X的N）, A、B等5个地区（下称N）: the noun in brackets right after a group says what the group is."""
    text = sent.text
    opening = max(text.rfind("（", clause.start, trigger.start), text.rfind("(", clause.start, trigger.start))
    if opening < 0 or PUNCTUATION.search(text, opening + 1, trigger.start):
        return None, anchor
    inside = [m for m in sent.mentions if opening < m.start and m.end <= trigger.start]
    owner = None
    if inside and text[inside[-1].end : trigger.start].startswith("的"):
        owner = Group([inside[-1]], inside[-1].start, inside[-1].end)
    member = next((g for g in clause.groups if g.end <= opening and _closes(text, g, opening)), None)
    return member, owner or anchor

"""kg_recognizer: general rules for names that no list holds.

Each rule anchors on closed-class cues (a head word that ends a name, a quote, a launch verb, a byline) and finds
the other boundary from segmentation and POS: a name extends left over noun-like tokens and stops at verbs,
function words, numbers and punctuation. A modifier made only of common words (商业银行, 数字化转型) is not a name.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp import lexicon as lx
from kg.nlp.text import Candidate, TokenView, WordSet, alternation, candidates_of, view_of
from kg.nlp.tokenizer import dictionary_tags

_MAX_NAME_CHARS = 20
_ALNUM_EDGE = re.compile(r"[A-Za-z0-9]$|^[A-Za-z0-9]")
_COMMON_VERB_FREQ = 5000
_LEADING_FUNCTION_CHARS = frozenset("据在与和对向从由被把将为给")
_MAX_NAME_TOKENS = 7
# Words that say where something is (在京, 赴沪), and the one-character forms of Chinese provinces and cities that
# start no name of their own (not 苏, 台, 青, 云, 贵: 苏哈尔港)
_TO_A_PLACE = frozenset({"在", "赴", "来", "抵", "离", "返", "驻", "回", "到", "访", "于"})
_CITY_SHORT_FORMS = frozenset("京沪津渝港澳冀晋辽浙皖闽赣鲁豫鄂湘粤桂琼川黔滇藏陕陇蓉穗杭")
# Function characters that open (已, 多) or close (向, 上) a two-character word the segmenter guessed from
# a verb phrase (已到, 多受, 产向); such a word is no part of a name.
_LEADING_CLITICS = frozenset("已也都就才又还并而被把将向到在从由于对给多受")
_TRAILING_CLITICS = frozenset("向到于受由被把将给对在从和与及是的了")
_COMMON_FREQ = 300  # a dictionary word more frequent than this is a common word, not part of a proper name

_QUOTED = re.compile(
    r"[“「『\"]([^“”「」『』\"\n，。；！？、]{2,24})[”」』\"]|《([^《》\n]{2,30})》|【([^【】\n]{2,24})】"
)
_GENERATION = re.compile(r"(?:第[一二三四五六七八九十0-9]+|上一|新一|下一)代\s?")
_DATELINE = r"(?:^|\n)[ \t]*([^\s，。（(]{2,10}?)(?:[0-9]{1,2}月[0-9]{1,2}日)?(?:电|讯|消息)"
_BYLINE = re.compile(_DATELINE + r"|([^\s，。（(]{2,10}?)[（(][^）)\n]{0,12}记者")
# the same without the reporter's form, which is tried at every character: for texts that mention no 记者
_BYLINE_DATELINE = re.compile(_DATELINE)
_SOURCE_CUE = re.compile(r"(?:另据|据)")
_STOCK_CODE = re.compile(
    r"[（(](?:(?:SH|SZ|HK|BJ)?[:：]?\s*)?[0-9]{6}(?:\.(?:SH|SZ|BJ))?[）)]|[（(][0-9]{4,5}\.HK[）)]"
)
_LATIN_NAME = re.compile(r"(?<![A-Za-z0-9])([A-Z][A-Za-z0-9&.\-]*(?: [A-Z][A-Za-z0-9&.\-]*){0,3})(?![A-Za-z0-9])")
_QUANTITY = re.compile(
    r"^(?:[逾近超约共]?[0-9０-９.,]+[万亿千百]*|[一二两三四五六七八九十百千万]+|首|每|多)[张个款家批项只台套部座所类种]"
)


_SHARED_HEADS = WordSet((*lx.ORG_HEADS, *lx.INDUSTRY_HEADS, *lx.STRONG_PRODUCT_HEADS))
_ORG_HEAD = alternation(lx.ORG_HEADS)
_INDUSTRY_HEAD = alternation(lx.INDUSTRY_HEADS)
_PRODUCT_HEAD = alternation(lx.PRODUCT_HEADS)
_INITIATIVE_HEAD = alternation(lx.INITIATIVE_HEADS)
_ORG_CONTEXT = alternation(lx.ORG_CONTEXT_AFTER)
_LAUNCH = alternation(lx.LAUNCH_VERBS)
_LOC_HEAD = alternation(lx.LOC_HEADS)
# a run of at least two list items joined by 、 (items without punctuation); possessive, since an item can only end
# where a 、 or a character outside it follows, so giving back characters never finds another match
_COORDINATION = re.compile(r"[^、，,。；;：:！？!?\s“”\"（）()]{2,14}+(?:、[^、，,。；;：:！？!?\s“”\"（）()]{2,14}+)+")
_PARTNER = alternation(("联合", "携手", "联手", "牵手", "合作伙伴"))
# What closes a list: 等 (and so on), 在内的 (A、B在内的11款产品), or an exact count (A、B和C三项业务)
_LIST_CLOSE = re.compile(
    r"(?:等|在内的?)\s*(?:[0-9０-９]+|[一二三四五六七八九十百千几多]+)?\s*[家个所款项只类种批]?"
    r"|(?<![0-9一二三四五六七八九十两])(?:[两三四五六七八九十]|[3-9])[家个款项种类]"
)
_COUNTS = {"两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _classifier_type(after: str) -> str | None:
    """Type named by the noun phrase after 等: its last classifier noun within a few characters."""
    best: tuple[int, str] | None = None
    for label, nouns in (
        ("ORG", lx.ORG_CLASSIFIERS),
        ("PRODUCT", lx.PRODUCT_CLASSIFIERS),
        ("INITIATIVE", lx.INITIATIVE_CLASSIFIERS),
    ):
        for noun in nouns:
            pos = after.find(noun)
            if pos != -1 and re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9 ]*", after[:pos]):
                end = pos + len(noun)
                if best is None or end > best[0]:
                    best = (end, label)
    return best[1] if best else None


class Recognizer:
    """Proposes ORG, PRODUCT and INITIATIVE candidates from cues; overlaps are settled later."""

    def __init__(self, nlp: Language, name: str = "kg_recognizer") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        view = view_of(doc)
        out = candidates_of(doc)
        self._headed(view, _ORG_HEAD, "ORG", "org_head", 0.8, out, require_proper=True)
        self._headed(view, _INDUSTRY_HEAD, "ORG", "org_industry", 0.6, out, require_proper=True, strict=True)
        self._headed(view, _PRODUCT_HEAD, "PRODUCT", "product_head", 0.6, out, require_proper=True)
        self._headed(view, _INITIATIVE_HEAD, "INITIATIVE", "initiative_head", 0.6, out, require_proper=True)
        self._dictionary_orgs(view, out)
        self._org_context(view, out)
        self._quoted(view, out)
        self._launched(view, out)
        self._latin(view, out)
        self._listed(view, out)
        self._owned(view, out)
        self._partners(view, out)
        self._places(view, out)
        self._generations(view, out)
        self._bylines(view, out)
        self._coordinated(view, out)
        return doc

    def _places(self, view: TokenView, out: list[Candidate]) -> None:
        """Places below the county that no gazetteer lists: a proper name before 街道, 镇, 乡, 村, 开发区 …"""
        for match in _LOC_HEAD.finditer(view.text):
            hs, he = match.span()
            if not view.is_end(he) or (match.group() in {"镇", "乡", "村", "港"} and not view.is_start(hs)):
                continue
            start = left_boundary(view, hs)
            if start is None or start >= hs or not is_proper(view, start, hs) or _common_word(view, start, he):
                continue
            out.append(Candidate(start, he, "LOC", "place_head", 0.6))

    def _generations(self, view: TokenView, out: list[Candidate]) -> None:
        """第二代X: a product generation names a product (第二代氢燃料电池汽车)."""
        for match in _GENERATION.finditer(view.text):
            name_start = match.end()
            end = right_boundary(view, view.index_at(name_start)) if view.is_start(name_start) else None
            if end is None or end - name_start < 2:
                continue
            if match.group().startswith("第"):
                out.append(Candidate(match.start(), end, "PRODUCT", "generation", 0.6))  # 第二代X is the name
            elif is_proper(view, name_start, end, strict=True):
                out.append(Candidate(name_start, end, "PRODUCT", "generation", 0.6))  # 上一代 EMUI: EMUI is

    def _bylines(self, view: TokenView, out: list[Candidate]) -> None:
        """The source of a news item: 新华社北京5月1日电, X6月28日讯, X（北京，记者 …）."""
        text = view.text
        pattern = _BYLINE if "记者" in text else _BYLINE_DATELINE
        for match in pattern.finditer(text):
            group = 1 if match.group(1) is not None else 2
            start, end = match.span(group)
            for n in range(min(end - start - 2, 6), 1, -1):
                if view.is_start(end - n) and "ns" in (view.tags[view.index_at(end - n)], lx_tag(text[end - n : end])):
                    end -= n  # 新华社济南…电, 新华社伦敦…电: the place is where the story was filed
                    break
            cue = _SOURCE_CUE.match(text, start, end)
            if cue is not None:
                start = cue.end()  # 据新华社消息: 据 cites the source, it is not part of its name
            if not (view.is_start(start) and view.is_end(end)) or not _name_tokens(view, start, end):
                continue  # 据印度国防部的消息, X昨日消息: a byline holds a name only, no function or time words
            if is_proper(view, start, end, strict=True):
                out.append(Candidate(start, end, "ORG", "byline", 0.6))

    def _coordinated(self, view: TokenView, out: list[Candidate]) -> None:
        """Members of a 、-list take the type of the members around them that share their head word
        (易方达基金、招商基金、大成基金): coordination joins like with like."""
        text = view.text
        if "、" not in text:
            return  # no list to scan for
        by_end = {}
        for c in out:
            if c.label in {"ORG", "PRODUCT", "INITIATIVE"}:
                by_end.setdefault(c.end, c)
        ends = sorted(by_end)
        for run in _COORDINATION.finditer(text):
            k = bisect_left(ends, run.start())
            if k == len(ends) or ends[k] > run.end():
                continue  # no typed candidate ends inside the list, so no member has a type to give
            members = _members(view, run.start(), run.end())
            known = [(s, e, by_end.get(e)) for s, e in members]
            typed = [(s, e, c) for s, e, c in known if c is not None and c.start >= s]
            if not typed:
                continue
            for s, e, c in known:
                if c is not None and c.start >= s:
                    continue
                for _, _, ref in typed:
                    head = _shared_head(text[ref.start : ref.end], text[s:e])
                    sharing = sum(1 for _, _, c in typed if text[c.start : c.end].endswith(head or "\0"))
                    named = sharing >= 2 or is_proper(view, s, e - len(head or ""))  # 招商基金 among 易方达基金…
                    if head and named and not _common_word(view, s, e):
                        out.append(Candidate(s, e, ref.label, "coordination", 0.55))
                        break

    def _partners(self, view: TokenView, out: list[Candidate]) -> None:
        """Who 联合/携手 whom are organizations: an unknown name right before or after a partnering verb."""
        text = view.text
        for match in _PARTNER.finditer(text):
            vs, ve = match.span()
            if not (view.is_start(vs) and view.is_end(ve)):
                continue
            if text.startswith("关系", ve):
                continue  # 两国战略合作伙伴关系: the partnership of two countries, no partner named
            name_end = vs
            i = view.index_at(vs) - 1
            while i >= 0 and view.tags[i] == "d" and view.starts[i] >= vs - 4:
                name_end = view.starts[i]  # 淘菜菜已联合: an adverb may stand between the partner and the verb
                i -= 1
            start = left_boundary(view, name_end, allow_empty_head=True)
            if start is not None and start < name_end and is_proper(view, start, name_end, strict=True):
                out.append(Candidate(start, name_end, "ORG", "partner_side", 0.45))
            end = right_boundary(view, view.index_at(ve)) if ve < len(text) else None
            if (
                end is not None
                and end > ve
                and is_proper(view, ve, end, strict=True)
                and not _common_word(view, ve, end)
            ):
                out.append(Candidate(ve, end, "ORG", "partner_side", 0.45))

    def _listed(self, view: TokenView, out: list[Candidate]) -> None:
        """Members of a list closed by 等 and a classifier noun (A、B、C等商业综合体) take the classifier's type.

        The 、 between members is a hard boundary, so only the first member needs its left edge found."""
        text = view.text
        for match in _LIST_CLOSE.finditer(text):
            label = _classifier_type(text[match.end() : match.end() + 10])
            if label is None:
                continue
            # a broad class (金融服务, 相关应用) says little: its members must be names on their own, unless the
            # list counts them exactly (视频彩铃、通信助理和192邮箱三项增值业务)
            count = _COUNTS.get(match.group()[0]) or (int(match.group()[0]) if match.group()[0].isdigit() else None)
            if label != "ORG" and count is None and _verb_after(view, match.end()):
                continue  # 张明等出席活动, 华为、小米等推出新品: the noun is the verb's object, not the members' class
            weak_class = count is None and bool(
                re.match(r"[\u4e00-\u9fff]{0,6}?(?:服务|业务|应用|功能)", text[match.end() : match.end() + 10])
            )
            end = match.start()
            members: list[tuple[int, int]] = []
            while True:
                sep = max(text.rfind("、", max(0, end - 24), end), text.rfind("/", max(0, end - 24), end))
                if sep == -1 or re.search(r"[，。；：,;:\n]", text[sep:end]):
                    start = left_boundary(view, end, allow_empty_head=True)
                    if start is not None and start < end:
                        members.append((start, end))
                    break
                members.append((sep + 1, end))
                end = sep
            members = [piece for m in members for piece in _split_conjunction(view, *m)]
            if len(members) < 2 or (count is not None and len(members) != count):
                continue
            for start, end in members:
                quoted = (start, end) != _strip_quotes(text, start, end)
                start, end = _strip_quotes(text, start, end)
                if not 2 <= end - start <= 16:
                    continue
                name = text[start:end]
                headed = _type_by_head(name) == label or (label == "ORG" and name.endswith(lx.ORG_HEADS))
                # 洗碗机、坐便器等产品: kinds of goods; a product list names brands or models unless counted exactly
                strict = weak_class or (label == "PRODUCT" and count is None)
                named = is_proper(view, start, end, strict=strict) or (headed and not weak_class)
                if label != "ORG" and count is None and not quoted and not headed and _ends_in_verb(view, end):
                    continue  # 赶海、骑行等活动, 法律咨询等服务: an activity, not a programme's or a product's name
                if named and not _common_word(view, start, end):
                    out.append(Candidate(start, end, label, "list_member", 0.7))

    def _owned(self, view: TokenView, out: list[Candidate]) -> None:
        """An organization's name before a product noun names that organization's product (银联二维码, 银联卡)."""
        for c in list(out):
            if c.label != "ORG" or not c.known:
                continue
            i = view.index_at(c.end)
            if i < 0 or i >= len(view.words) or view.starts[i] != c.end:
                continue
            # up to three noun-like words after the name, the last one ending in a product word
            for k in range(i, min(i + 3, len(view.words))):
                word = view.words[k]
                if view.tags[k] not in _OWNED_TAGS or word in lx.STOP_WORDS:
                    break
                bare = word in {"产品", "业务"} and k == i  # 银联产品 says nothing more than 银联
                if not bare and word.endswith(_OWNED_PRODUCT_WORDS) and len(word) <= 6:
                    out.append(Candidate(c.start, view.ends[k], "PRODUCT", "owner_product", 0.7))
                    break

    # rules --------------------------------------------------------------
    def _headed(
        self,
        view: TokenView,
        pattern: re.Pattern[str],
        label: str,
        rule: str,
        score: float,
        out: list[Candidate],
        *,
        require_proper: bool,
        strict: bool = False,
    ) -> None:
        text = view.text
        for match in pattern.finditer(text):
            hs, he = match.span()
            if not view.is_end(he):
                continue
            if not view.is_start(hs):
                # 科技股份|有限公司: the longest head starts inside a word, a shorter one may not
                hs = next(
                    (he - len(h) for h in _suffix_heads(match.group(), pattern) if view.is_start(he - len(h))), hs
                )
            if (
                label == "ORG"
                and _PRODUCT_HEAD.search(text, max(0, he - 6), he)
                and _ends_with_product_head(text, hs, he)
            ):
                continue  # 手机银行 is a product: the longest head word decides the type
            if label == "PRODUCT" and match.group() not in lx.STRONG_PRODUCT_HEADS:
                continue
            if match.group() == "战略" and text.startswith(lx.STRATEGIC_COMPOUNDS, he):
                continue  # 中欧战略合作: strategic, not a strategy
            government = label == "ORG" and match.group() in lx.GOVERNMENT_HEADS
            weak = strict or (label == "ORG" and match.group() in lx.WEAK_ORG_HEADS)
            # a sub-unit is named with its parent: 清华大学五道口金融学院, 河北广电网络集团邯郸有限公司
            start = left_boundary(
                view,
                hs,
                verbs_inside=label != "ORG",
                government=government,
                through_institutions=not weak,
                idioms_inside=label != "ORG",  # jieba tags some place names as idioms (茫崖), never an org's words
            )
            if start is None or start >= hs:
                continue
            if strict and he < len(text) and (_continues_noun(view, he) or _names_a_field(view, he)):
                continue  # 医保电子|凭证: an industry word inside a longer noun phrase
            start = _without_descriptors(view, start, hs)  # 电商OZON公司 → OZON公司
            if label == "PRODUCT" and match.group() == "卡" and _transcribed_ka(view, start, hs):
                continue  # 伊万诺夫卡, 总统奥列茨卡: foreign places and people end in -ka, written 卡
            if label == "ORG" and text.endswith(lx.NON_INSTITUTION_ENDINGS, start, he):
                continue  # 发展新格局: 局 ends a common word here, not a bureau's name
            if weak and (hs - start < 2 or _place_object(view, hs)):
                continue  # 赴伊|投资, 对华|投资: a one-character place before a weak head is a verb's object
            # a place alone does not make a programme a name (美国跨境电商项目), though it makes 上海市政府 one
            if (
                require_proper
                and not is_proper(view, start, hs, strict=weak, places=label != "INITIATIVE")
                and not (match.group() in lx.PUBLIC_BODY_HEADS and _place_and_field(view, start, hs))
            ):
                continue
            if _common_word(view, start, he) or _generic_dictionary_org(view, start, he):
                continue
            if match.group() == "系列" and text.startswith(lx.SERIES_OF, he):
                continue  # 文旅系列活动, 系列政策: 系列 counts the noun after it, it ends no product's name
            if match.group() in lx.KIND_PRODUCT_HEADS and not _names_one(view, start, hs):
                continue  # 金融科技平台, 远程供水系统: a kind of platform or system, not one
            if match.group() in lx.KIND_INITIATIVE_HEADS and _one_field_word(view, start, hs):
                continue  # 风电项目, 防洪工程: a field and a project name a kind of project
            out.append(Candidate(start, he, label, rule, score))

    def _dictionary_orgs(self, view: TokenView, out: list[Candidate]) -> None:
        """Words the segmenter's dictionary tags as organizations (nt) that end like an institution (国防部, 法新社,
        卫生局), with the places before them (美国国防部, 郯城县卫生局). A kind of institution (商业银行, 上市公司)
        is no name: its modifier is a descriptor."""
        for k in [k for k, tag in enumerate(view.tags) if tag == "nt"]:
            word = view.words[k]
            if len(word) < 2 or not word.endswith(lx.INSTITUTION_ENDINGS) or _generic_institution(word):
                continue
            start = view.starts[k]
            j = k - 1
            while j >= 0 and view.tags[j] == "ns" and k - j <= 2:
                start = view.starts[j]
                j -= 1
            out.append(Candidate(start, view.ends[k], "ORG", "dictionary_org", 0.7))

    def _org_context(self, view: TokenView, out: list[Candidate]) -> None:
        """A name right before a byline or a role word (财联社记者, X董事长) or a stock code names an organization."""
        text = view.text
        anchors = [(m.start(), True) for m in _ORG_CONTEXT.finditer(text)]
        anchors += [(m.start(), False) for m in _STOCK_CODE.finditer(text)]  # a stock code is evidence enough
        for cs, strict in anchors:
            if not view.is_start(cs):
                continue
            start = left_boundary(view, cs)
            if start is None or start >= cs or cs - start < 2:
                continue
            if is_proper(view, start, cs, strict=strict) and not _common_word(view, start, cs):
                out.append(Candidate(start, cs, "ORG", "org_context", 0.55))

    def _quoted(self, view: TokenView, out: list[Candidate]) -> None:
        """A quoted name is typed by its own head word or by the noun that follows the quote."""
        text = view.text
        for match in _QUOTED.finditer(text):
            group = next(g for g in (1, 2, 3) if match.group(g) is not None)
            inner_start, inner_end = match.span(group)
            inner = match.group(group).strip()
            if len(inner) < 2 or _QUANTITY.match(inner):
                continue
            after = text[match.end() : match.end() + 8]
            head_type = None if _head_in_common_word(inner, view.freqs) else _type_by_head(inner)
            label = head_type or _type_by_follower(after) or _event_by_head(inner, view.freqs)
            verb = _LAUNCH.search(text, max(0, match.start() - 4), match.start())
            # 推出“福农通”, 开发的“福农通”: the quote is the object itself, not 推出一批“绿灯”投资案例
            launched = (
                verb is not None
                and text[verb.end() : match.start()].strip() in {"", "了", "的"}
                and not _continues_noun(view, match.end())
            )
            if group == 2 and inner.endswith(lx.DOCUMENT_NOUNS):
                continue  # 《关于…的公告》, 《战略合作协议》: a document, not a product
            if label is None and launched and group != 2 and not after.startswith("的"):
                # 推出“福农通”: what is launched is a product; what is held (举办“X”) is an event or a campaign
                label = _type_by_head(inner, weak=True) or (
                    "INITIATIVE" if verb.group() in lx.ORGANIZE_VERBS else "PRODUCT"
                )
            if label is None:
                label = _chain_type(text, match.end())
            if label is None:
                continue
            out.append(Candidate(inner_start, inner_end, label, "quoted", 0.85))

    def _launched(self, view: TokenView, out: list[Candidate]) -> None:
        """The object of a launch verb (推出X, 发行X) is a product or initiative when its head word says so."""
        text = view.text
        for match in _LAUNCH.finditer(text):
            vs, ve = match.span()
            if not (view.is_start(vs) and view.is_end(ve)):
                continue
            i = view.index_at(ve)
            # skip a quantity or aspect marker: 推出了首张, 发行逾4700万张
            while i < len(view.words) and (
                view.words[i] in {"了", "过", "出", "首张", "首个", "首款", "首批", "一款", "一张", "一系列"}
                or view.tags[i] in {"m", "q", "mq"}
                or _QUANTITY.match(view.words[i])
            ):
                i += 1
            if i >= len(view.words):
                continue
            start = view.starts[i]
            end = right_boundary(view, i)
            if end is None or end - start < 2:
                continue
            name = text[start:end]
            label = _type_by_head(name, weak=True)
            if label is None or not is_proper(view, start, end):
                continue
            kind = next((h for h in lx.KIND_PRODUCT_HEADS if name.endswith(h)), None)
            if kind is not None and not _names_one(view, start, end - len(kind)):
                continue  # 建设科技创新资源共享平台: a kind of platform
            out.append(Candidate(start, end, label, "launch_object", 0.65))

    def _latin(self, view: TokenView, out: list[Candidate]) -> None:
        """Capitalised Latin-script names (Coupang, HarmonyOS) in Chinese text; typed by the next word."""
        text = view.text
        for match in _LATIN_NAME.finditer(text):
            name = match.group(1)
            if len(name) < 3 or (name.isupper() and len(name) <= 3):
                continue
            after = text[match.end() : match.end() + 4]
            before = text[max(0, match.start() - 4) : match.start()]
            label = _type_by_follower(after) or ("ORG" if re.match(r"(公司|集团|电商|平台|银行)", after) else None)
            if label is None and re.search(r"(电商|公司|企业|平台|巨头|品牌|集团|运营商|零售商)$", before):
                label = "ORG"  # 最大电商OZON, 韩国电商巨头Coupang
            if label is None:
                continue
            out.append(Candidate(match.start(1), match.end(1), label, "latin_name", 0.5))


# boundaries -------------------------------------------------------------------
def left_boundary(
    view: TokenView,
    head_start: int,
    *,
    allow_empty_head: bool = False,
    verbs_inside: bool = False,
    government: bool = False,
    through_institutions: bool = False,
    idioms_inside: bool = True,
) -> int | None:
    """Leftmost start of a name ending at head_start: extend over name-like tokens, stop at anything else."""
    i = view.index_at(head_start)
    if allow_empty_head and (i < 0 or view.starts[i] != head_start):
        return None
    if i < 0:
        return None
    start = head_start
    if not allow_empty_head and view.starts[i] < head_start:
        # the head sits inside a token: a name (中国农业银行) or an unknown word keeps it; a common word keeps a
        # product head (主题卡) but not a one-character institution head (格局 is no bureau)
        single = head_start + 1 == view.ends[i] or not verbs_inside
        compound = len(view.words[i]) - (view.ends[i] - head_start) >= 2 and view.tags[i] in {"n", "nz", "vn"}
        # 睿熙|保险公司: a common compound ending in the head word (保险公司) names its kind after a proper name
        named_kind = compound and i > 0 and view.tags[i - 1] in lx.PROPER_TAGS
        if (
            (view.tags[i] not in lx.PROPER_TAGS or view.tags[i] == "ns")
            and (single or view.tags[i] not in lx.NAME_TAGS)
            and not named_kind
        ):
            return None
        start = view.starts[i]
        if view.tags[i] == "x" and view.words[i][0] in _LEADING_FUNCTION_CHARS:
            start += 1  # 据财|联社: an unknown token that swallowed a preposition
    j = i - 1
    tokens = 0
    while j >= 0 and tokens < _MAX_NAME_TOKENS:
        word, tag = view.words[j], view.tags[j]
        conjoined = word == "和" and government and j > 0 and view.tags[j - 1] in lx.NAME_TAGS
        if (word in lx.STOP_WORDS and not conjoined) or head_start - view.starts[j] > _MAX_NAME_CHARS:
            break
        if word in lx.MEASURE_WORDS and j > 0 and view.tags[j - 1] == "m":
            break
        if tag == "x" and (word[-1] in _TRAILING_CLITICS or (len(word) == 2 and word[0] in _LEADING_CLITICS)):
            break  # 已到|宣武法院, 告上|法院: an unknown word the segmenter glued from a verb and a function word
        if word in _CITY_SHORT_FORMS and j > 0 and view.words[j - 1] in _TO_A_PLACE:
            break  # 在京|中共中央政治局, 赴沪|星河银行: a city's one-character form after 在 or 赴 is where it is
        if tag == "i" and not idioms_inside:
            break  # 始终保持|人民军队: an idiom is a clause's verb phrase, never part of an organization's name
        if word == " " and j > 0 and (_ALNUM_EDGE.search(view.words[j - 1]) or _ALNUM_EDGE.match(view.words[j + 1])):
            start = view.starts[j]  # 华为 P30 系列: one space beside a model number is part of the name
            j -= 1
            continue
        # a less common verb may sit inside a product's or program's name between nouns (乡村振兴主题卡)
        if tag not in lx.NAME_TAGS and not (
            verbs_inside
            and tag in {"v", "vn"}
            and view.freqs.get(word, 0) < _COMMON_VERB_FREQ
            and j > 0
            and view.tags[j - 1] in lx.NAME_TAGS
            and view.words[j - 1] not in lx.STOP_WORDS
        ):
            break
        if tag in lx.NAME_TAGS and word in lx.STRONG_ORG_HEADS and not through_institutions:
            break  # 五道口金融学院|中国保险: a weak head word (保险) does not reach past an institution
        start = view.starts[j]
        tokens += 1
        j -= 1
        before = view.words[j] if j >= 0 else ""
        institution = through_institutions and before.endswith(tuple(lx.STRONG_ORG_HEADS))
        if tag == "ns" and (j < 0 or (view.tags[j] not in {"ns", "nz", "nt", "x", "eng", "j"} and not institution)):
            # a place opens a name (运营商|宁夏宝丰能源), unless a proper name (中证上海…) or, for a sub-unit, its
            # parent institution (河北广电网络集团邯郸有限公司) stands before it
            break
    # a name never starts with a verb or an adjective
    k = view.index_at(start)
    while k < i and view.tags[k] in {"v", "a", "d", "_SP"}:
        k += 1
        start = view.starts[k] if k <= i else head_start
    k = view.index_at(start)
    word = view.words[k] if 0 <= k < len(view.words) else ""
    if view.starts[k] == start and view.tags[k] == "x" and len(word) > 1 and word[0] in _LEADING_FUNCTION_CHARS:
        start += 1  # 据财|联社: an unknown token that swallowed a preposition
    return start


def right_boundary(view: TokenView, i: int) -> int | None:
    """End of a noun phrase starting at token i: up to the first function word, verb or punctuation."""
    end = None
    j = i
    while j < len(view.words) and j - i < _MAX_NAME_TOKENS:
        word, tag = view.words[j], view.tags[j]
        if word in lx.STOP_WORDS or (tag not in lx.NAME_TAGS and not (tag in {"v", "a"} and j > i)):
            break
        j += 1
        if tag not in {"v", "a"}:
            end = view.ends[j - 1]  # a name may hold a verb (乡村振兴主题卡) but never ends in one (…汽车|下线)
    return end


def _generic_dictionary_org(view: TokenView, start: int, end: int) -> bool:
    """人民军队: one word that the dictionary tags as an organization but that names a kind of institution."""
    i = view.index_at(start)
    whole_word = view.starts[i] == start and view.ends[i] == end
    return whole_word and view.tags[i] == "nt" and _generic_institution(view.words[i])


@cache  # words tagged nt come from the dictionary only, so the cache is bounded
def _generic_institution(word: str) -> bool:
    """交易所, 商业银行, 外资银行总行, 新政府, 四大行: a head alone, or a descriptor or a count before the head,
    names a kind of institution, not one body; so does a word that opens with a function character (对外部).
    Some words the dictionary tags as organizations name an event or a document (交易会, 联合公报)."""
    head = next((h for h in _ORG_HEADS_LONGEST_FIRST if word.endswith(h) and len(word) > len(h)), word[-1])
    return (
        word in lx.ORG_HEADS
        or word in lx.GENERIC_INSTITUTIONS
        or word.endswith(lx.NON_INSTITUTION_ENDINGS)
        or word[: -len(head)] in lx.GENERIC_MODIFIERS
        or word.startswith(_GENERIC_OPENINGS)
        or word[0] in _LEADING_CLITICS
        or word[0] in "一二两三四五六七八九十几数"
        or all(ch in "东西南北中内外" for ch in word[:-1])  # 中西部 is a region
        or (len(word) <= 4 and word.endswith(("组织", "军队", "部队")))  # 党组织, 人民军队: a collective
    )


def _place_and_field(view: TokenView, start: int, end: int) -> bool:
    """A place followed by field nouns (江苏省|体育, 北京|住房公积金管理): how public bodies are named."""
    i, j = view.index_at(start), view.index_at(end - 1)
    return (
        view.tags[i] == "ns"
        and view.starts[i] == start
        and j > i
        and all(view.tags[k] in lx.NAME_TAGS and view.words[k] not in lx.GENERIC_MODIFIERS for k in range(i + 1, j + 1))
    )


def _name_tokens(view: TokenView, start: int, end: int) -> bool:
    """Whether text[start:end] is made only of tokens that may sit inside a name (no verb, time or function word)."""
    return all(
        view.tags[k] in lx.NAME_TAGS and view.words[k] not in lx.STOP_WORDS
        for k in range(view.index_at(start), view.index_at(end - 1) + 1)
    )


def _without_descriptors(view: TokenView, start: int, end: int) -> int:
    """Drop descriptive words that open a name when a proper name follows them: 电商OZON公司 is OZON公司."""
    i = view.index_at(start)
    while view.starts[i] == start and view.words[i] in lx.GENERIC_MODIFIERS and view.ends[i] < end:
        nxt = i + 1
        if view.tags[nxt] not in lx.PROPER_TAGS or view.tags[nxt] == "ns":
            break
        start = view.starts[nxt]
        i = nxt
    return start


def is_proper(view: TokenView, start: int, end: int, *, strict: bool = False, places: bool = True) -> bool:
    """Whether the modifier text[start:end] holds a proper-name token, not only common words.

    Strict: only an unknown word or a name-tagged one counts, not a rare dictionary word, and a place alone does
    not make 上海物流 a company."""
    i, j = view.index_at(start), view.index_at(max(start, end - 1))
    if _fragmented_unknown(view, start, end):
        return True
    for k in range(i, j + 1):
        word, tag = view.words[k], view.tags[k]
        if view.starts[k] < start or view.ends[k] > end:
            word = view.text[max(start, view.starts[k]) : min(end, view.ends[k])]
            tag = "x" if word not in view.freqs else lx_tag(word)
        if tag in {"m", "w", "_SP"} or word in lx.GENERIC_MODIFIERS:
            continue
        if tag == "ns" and (strict or not places):
            continue
        if tag in lx.PROPER_TAGS:
            return True
        if not strict and view.freqs.get(word, 0) < _COMMON_FREQ and len(word) > 1:
            return True
    return False


def _place_object(view: TokenView, end: int) -> bool:
    """Whether the word before end is a one-character place (俄, 伊) or a preposition glued to one (对华)."""
    k = view.index_at(end - 1)
    word = view.words[k]
    one_place = len(word) == 1 and view.tags[k] in {"ns", "nz", "j"}
    return view.ends[k] == end and (one_place or (len(word) == 2 and word[0] in _LEADING_FUNCTION_CHARS))


def _names_one(view: TokenView, start: int, end: int) -> bool:
    """Whether a modifier picks out one platform or system: a proper name or a place does (网联清算平台,
    南京江北污水收集系统), and so does a national scope (国家社会保险公共服务平台); common words alone do not."""
    if view.text.startswith(lx.NATIONAL_SCOPES, start):
        return True
    return any(
        view.words[k] not in lx.GENERIC_MODIFIERS and view.tags[k] in lx.PROPER_TAGS
        for k in range(view.index_at(start), view.index_at(end - 1) + 1)
    )


def _one_field_word(view: TokenView, start: int, end: int) -> bool:
    """Whether a modifier is one word that names a field (风电, 供水, 非遗), besides descriptors and counts (新型,
    二期); a place or an organization is not a field (碾盘山枢纽工程 has three words)."""
    words = [
        k
        for k in range(view.index_at(start), view.index_at(end - 1) + 1)
        if view.words[k] not in lx.GENERIC_MODIFIERS and view.tags[k] != "m"
    ]
    return len(words) <= 1 and all(view.tags[k] not in {"ns", "nt", "eng"} for k in words)


def _fragmented_unknown(view: TokenView, start: int, end: int) -> bool:
    """A short stretch that the segmenter cut into pieces and that is no word as a whole (财|联社, 淘|菜菜) is
    an unknown name: jieba splits names it does not know into single characters and short words."""
    if not 2 <= end - start <= 4:
        return False
    i, j = view.index_at(start), view.index_at(end - 1)
    if j == i or view.ends[j] != end:
        return False
    pieces = [view.text[max(start, view.starts[k]) : view.ends[k]] for k in range(i, j + 1)]
    text = view.text[start:end]
    return (
        text not in view.freqs
        and all(len(w) == 1 or view.freqs.get(w, 0) < 1000 for w in pieces)  # 氢|能源 is two words, not a name
        and any(len(w) == 1 for w in pieces)
        and all(view.tags[k] in lx.NAME_TAGS and view.words[k] not in lx.STOP_WORDS for k in range(i + 1, j + 1))
        and not any(w in lx.GENERIC_MODIFIERS or w in lx.STOP_WORDS for w in pieces)
    )


def lx_tag(word: str) -> str:
    return dictionary_tags().get(word, "x")


def _ends_with_product_head(text: str, hs: int, he: int) -> bool:
    return any(text.endswith(h, 0, he) and len(h) > he - hs for h in lx.STRONG_PRODUCT_HEADS)


def _names_a_field(view: TokenView, pos: int) -> bool:
    """An industry word is a field, not a company's name, before a field word (海洋科技|创新) or in a list of fields
    (电力、通信, 国际科技与创新); a list of companies goes on with a name (中瓷电子、石药集团)."""
    i = view.index_at(pos)
    if view.words[i] in lx.FIELD_WORDS:
        return True
    if view.words[i] not in {"、", "与", "和", "及"} or i + 1 >= len(view.words):
        return False
    word, tag = view.words[i + 1], view.tags[i + 1]
    return word in lx.FIELD_WORDS or word in lx.INDUSTRY_HEADS or tag not in lx.PROPER_TAGS


def _continues_noun(view: TokenView, pos: int) -> bool:
    i = view.index_at(pos)
    word, tag = view.words[i], view.tags[i]
    return (
        tag in {"n", "vn", "ng"}
        and word not in lx.ORG_CONTEXT_AFTER
        and not any(word.startswith(w) for w in lx.ORG_CONTEXT_AFTER)
    )


@cache
def _heads_of(pattern: re.Pattern[str]) -> tuple[str, ...]:
    return tuple(sorted(pattern.pattern.replace("\\", "").split("|"), key=len, reverse=True))


@cache
def _suffix_heads(head: str, pattern: re.Pattern[str]) -> tuple[str, ...]:
    return tuple(h for h in _heads_of(pattern) if len(h) < len(head) and head.endswith(h))


def _members(view: TokenView, start: int, end: int) -> list[tuple[int, int]]:
    """The items of a 、-list: the first one from its left boundary, the last one up to 等/和/及/与."""
    parts = []
    pos = start
    for piece in view.text[start:end].split("、"):
        parts.append((pos, pos + len(piece)))
        pos += len(piece) + 1
    first_s, first_e = parts[0]
    left = left_boundary(view, first_e, allow_empty_head=True) if view.is_start(first_e) else None
    parts[0] = (max(first_s, left) if left is not None else first_e, first_e)
    last_s, last_e = parts[-1]
    right = right_boundary(view, view.index_at(last_s)) if view.is_start(last_s) else None
    parts[-1] = (last_s, min(last_e, right) if right is not None else last_s)
    return [(s, e) for s, e in parts if e - s >= 2]


def _shared_head(reference: str, name: str) -> str | None:
    """The organization or product head word two names end with, if any (基金 in 易方达基金 and 招商基金)."""
    for head in _SHARED_HEADS.suffixes(reference):
        if name.endswith(head) and len(name) > len(head):
            return head
    return None


def _split_conjunction(view: TokenView, start: int, end: int) -> list[tuple[int, int]]:
    """支付机构及供销总社 → two members, when 及/和/与 is a word of its own."""
    pieces = []
    for k in range(view.index_at(start), view.index_at(max(start, end - 1)) + 1):
        if view.words[k] in {"及", "和", "与", "以及"} and view.starts[k] > start:
            pieces.append((start, view.starts[k]))
            start = view.ends[k]
    pieces.append((start, end))
    return [(s, e) for s, e in pieces if e > s]


def _verb_after(view: TokenView, pos: int) -> bool:
    """Whether the word at pos is a plain verb (not a verbal noun such as 合作 in 合作项目)."""
    i = view.index_at(pos)
    return 0 <= i < len(view.words) and view.starts[i] == pos and view.tags[i] == "v"


def _transcribed_ka(view: TokenView, start: int, hs: int) -> bool:
    """Whether the 卡 at hs ends a transcribed name rather than a card's: the three characters before it transcribe
    foreign names, or two do and the segmenter's word ending in 卡 is a person's or a place's (奥列茨卡; not 银联卡,
    which jieba's dictionary also calls a person)."""
    if _transliterated(view.text[start:hs]):
        return True
    tag = view.tags[view.index_at(hs)]
    return tag in {"nr", "nrt", "nrfg", "ns"} and _transliterated(view.text[max(start, hs - 2) : hs])


def _transliterated(name: str) -> bool:
    """Whether a name ends in a transcribed foreign name: its last three characters (two, if that is all) are ones
    that transcribe foreign names (伊万诺夫, 米哈伊洛夫, 总理卡拉斯)."""
    return len(name) >= 2 and all(ch in lx.TRANSLITERATION_CHARS for ch in name[-3:])


def _ends_in_verb(view: TokenView, end: int) -> bool:
    """Whether the token that ends at end is a verb: names end in nouns, activities (书店调研, 骑行) in verbs."""
    k = view.index_at(end - 1)
    return view.ends[k] == end and view.tags[k] in {"v", "vn", "vd", "vi"}


def _strip_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in "“”\"'‘’「」『』《》 ":
        start += 1
    while end > start and text[end - 1] in "“”\"'‘’「」『』《》 ":
        end -= 1
    return start, end


def _common_word(view: TokenView, start: int, end: int) -> bool:
    """A whole candidate that is one ordinary dictionary word (银行卡, 条形码) is a common noun, not a name."""
    i = view.index_at(start)
    if view.starts[i] != start or view.ends[i] != end:
        return False
    word = view.words[i]
    if any(word[:n] in _known_names() for n in range(2, len(word) - 0)):
        return False  # 银联卡: a known name with a product word is no common noun
    if view.tags[i] in {"nt", "nz"}:
        return False
    if view.tags[i] in {"i", "l"}:
        return True  # 付诸行动, 为民服务: an idiom or a set phrase
    return view.freqs.get(word, 0) >= 20 or _compositional(word, view.freqs)


def _compositional(word: str, freqs: dict[str, int]) -> bool:
    """公司股票 is 公司 + 股票: a word made of two common words means what they mean, it names nothing."""
    return any(freqs.get(word[:k], 0) >= 500 and freqs.get(word[k:], 0) >= 500 for k in range(2, len(word) - 1))


@cache
def _known_names() -> frozenset[str]:
    return frozenset(name for name, ent in lx.known_surface_forms() if ent.type == "ORG")


_GENERIC_OPENINGS = tuple(m for m in lx.GENERIC_MODIFIERS if len(m) >= 2)
_ORG_HEADS_LONGEST_FIRST = tuple(sorted(lx.ORG_HEADS, key=len, reverse=True))
_INITIATIVE_HEADS = WordSet(lx.INITIATIVE_HEADS)
_PRODUCT_HEADS = WordSet(lx.PRODUCT_HEADS)
# what ends an organization-owned product's word (银联|二维码, 银联|移动支付产品)
_OWNED_PRODUCT_WORDS = (*lx.STRONG_PRODUCT_HEADS, "产品", "业务")
_OWNED_TAGS = lx.NAME_TAGS | {"v"}


def _type_by_head(name: str, *, weak: bool = False) -> str | None:
    if _INITIATIVE_HEADS.longest_suffix(name, shorter=True) is not None:
        return "INITIATIVE"
    heads = (h for h in _PRODUCT_HEADS.suffixes(name) if len(h) < len(name))
    if any(weak or h in lx.STRONG_PRODUCT_HEADS for h in heads):
        return "PRODUCT"
    return None


def _head_in_common_word(name: str, freqs: dict[str, int]) -> bool:
    """Whether a one-character product head ends a common word with the character before it (层层加码, 打卡): then it
    is no head, and the quote is a phrase, not a product's name. (As for event words: see _event_by_head.)"""
    head = _PRODUCT_HEADS.longest_suffix(name)
    return head is not None and len(head) == 1 and len(name) >= 2 and bool(freqs.get(name[-2:]))


def _event_by_head(name: str, freqs: dict[str, int]) -> str | None:
    """A quoted name that ends in an event word (“五五购物节”, “中国旅游日”) is an event, typed as an initiative;
    a one-character event word must not end a common word (看发展, 每一天的今日)."""
    head = next((h for h in lx.EVENT_HEADS if name.endswith(h)), None)
    if head is None or len(name) < len(head) + 2 or (len(head) == 1 and name[-2:] in freqs):
        return None
    return "INITIATIVE"


_QUOTE_CHAIN = re.compile(r"""(?:\s*[、，,和及与]?\s*["“「『【][^"“”「」『』【】\n，。]{1,24}["”」』】])*\s*等""")


def _chain_type(text: str, pos: int) -> str | None:
    """“手机零元购”“买移动送收视”等优惠活动: quoted names in a row take the class that closes them."""
    chain = _QUOTE_CHAIN.match(text, pos)
    if chain is None:
        return None
    return _classifier_type(text[chain.end() : chain.end() + 10])


def _type_by_follower(after: str) -> str | None:
    """Type named by a short noun phrase right after a name (“X”农资收购产品, “X”微信小程序)."""
    phrase = re.match(r"[\u4e00-\u9fffA-Za-z]{0,6}", after).group()
    if phrase.startswith("的"):
        return None  # “支付为民”的服务理念: the quote modifies the noun, it is not named by it
    best: tuple[int, str] | None = None
    for label, words in (("INITIATIVE", lx.INITIATIVE_FOLLOWERS), ("PRODUCT", lx.PRODUCT_FOLLOWERS)):
        for word in words:
            pos = phrase.rfind(word)
            if pos != -1 and (best is None or pos + len(word) > best[0]):
                best = (pos + len(word), label)
    return best[1] if best else None


@Language.factory("kg_recognizer")
def make_recognizer(nlp: Language, name: str) -> Recognizer:
    return Recognizer(nlp, name)

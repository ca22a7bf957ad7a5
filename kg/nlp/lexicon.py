"""Cue words of the general recognizers, and the known names read from the ontology.

Cue words are closed-class vocabulary of the language of news (the words that end an organization's name, the
verbs that introduce a product launch), not names of entities: every name comes from the ontology or from a
recognizer.
"""

from __future__ import annotations

from functools import cache

from kg.ontology import KnownEntity, load_ontology

# Words that end an organization's name, longest first where they overlap.
ORG_HEADS: tuple[str, ...] = (
    "基地",
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "集团股份有限公司",
    "有限公司",
    "股份公司",
    "集团公司",
    "总公司",
    "分公司",
    "子公司",
    "公司",
    "集团",
    "银行",
    "研究院",
    "研究所",
    "研究中心",
    "管理中心",
    "服务中心",
    "研究会",
    "科学院",
    "工程院",
    "社会科学院",
    "大学",
    "学院",
    "医院",
    "卫生院",
    "协会",
    "学会",
    "商会",
    "联合会",
    "委员会",
    "管委会",
    "人民政府",
    "政府",
    "办公室",
    "领导小组",
    "国资委",
    "发改委",
    "工信局",
    "管理局",
    "监管局",
    "总局",
    "局",
    "厅",
    "中心",
    "总社",
    "通讯社",
    "报社",
    "杂志社",
    "出版社",
    "合作社",
    "电视台",
    "广播电台",
    "日报",
    "晚报",
    "交易所",
    "证券",
    "保险",
    "人寿",
    "财险",
    "基金",
    "信托",
    "理财",
    "资本",
    "投资",
    "控股",
    "资管",
    "商场",
    "百货",
    "超市",
    "购物中心",
    "商城",
    "法院",
    "检察院",
    "学校",
    "中学",
    "小学",
    "事务所",
    "实验室",
    # sub-units named after their parent (X银行广东省分行, X集团北京办事处)
    "分行",
    "支行",
    "总行",
    "营业部",
    "分局",
    "办事处",
    "代表处",
    # bodies of public life
    "基金会",
    "俱乐部",
    "派出所",
    "看守所",
    "编辑部",
    "组织部",
    "宣传部",
    "统战部",
    "常委会",
    "工作室",
    "战队",
    "队",
)

# Industry words that end a company's short name (京东物流, 海马汽车); they need a proper-name modifier.
INDUSTRY_HEADS: tuple[str, ...] = (
    "物流",
    "快递",
    "速递",
    "科技",
    "汽车",
    "能源",
    "绿能",
    "电子",
    "电器",
    "医药",
    "药业",
    "传媒",
    "网络",
    "通信",
    "电力",
    "地产",
    "置业",
    "钢铁",
    "化工",
    "材料",
    "机器人",
    "航空",
    "实业",
    "股份",
    "电商",
    "软件",
    "半导体",
    "微电子",
    "光电",
    "新能源",
    "生物",
    "食品",
    "乳业",
    "酒业",
    "水务",
    "环保",
    "建工",
)

# Words the segmenter's dictionary tags as organizations that name events, documents or kinds of institutions.
NON_INSTITUTION_ENDINGS: tuple[str, ...] = ("音乐会", "交易会", "博览会", "展览会", "运动会", "公报", "格局", "院所")
GENERIC_INSTITUTIONS: frozenset[str] = frozenset({"人民法院", "联邦政府", "国家队", "地方政府"})
# Words that go on from an industry word to name a field or its work (科技|创新, 物流|需求), not a company.
FIELD_WORDS: frozenset[str] = frozenset(
    "创新 发展 合作 成果 自立自强 攻关 需求 领域 行业 产业 产业链 体系 水平 能力 赋能 转型".split()
)
# Last characters of institutions' names (国防部, 卫生局, 法新社, 海军陆战队): a word that the segmenter's dictionary
# tags as an organization (nt) and ends in one of these names one body, not a field of study (民族学) or a thing.
INSTITUTION_ENDINGS: tuple[str, ...] = tuple(
    "会 院 局 司 队 部 府 社 委 军 党 所 台 校 厅 联 报 协 厂 网 办 盟 处 室 署 "
    "银行 分行 支行 总行 央行 使馆 中心 组织".split()
)
# Heads of government bodies, whose names may join two fields with 和 (工业和信息化局).
GOVERNMENT_HEADS: frozenset[str] = frozenset({"部", "局", "厅", "委员会", "委", "办公室", "管理局", "总局"})
# Words that end the name of a place below the county (长寿街道, 真如镇, 松山湖高新区).
LOC_HEADS: tuple[str, ...] = ("街道", "镇", "乡", "村", "社区", "开发区", "高新区", "新区", "自贸区", "保税区", "港")

# Words after a name that show it names an organization (a byline, a spokesperson, a stock code).
ORG_CONTEXT_AFTER: tuple[str, ...] = (
    "总部",
    "记者",
    "董事长",
    "总经理",
    "总裁",
    "副总裁",
    "首席执行官",
    "CEO",
    "负责人",
    "相关负责人",
    "发言人",
    "旗下",
    "股价",
    "公告",
    "官方",
    "官网",
    "创始人",
)

# Product heads strong enough to type a name on their own ...
STRONG_PRODUCT_HEADS: frozenset[str] = frozenset(
    "系列 专区 手机银行 网上银行 直销银行 信用卡 借记卡 APP App app 客户端 小程序 卡 码 钱包 "
    "ETF 指数 套餐 芯片 操作系统 彩铃 邮箱 收银台 闪付 平台 系统".split()
)
# Nouns that 系列 counts rather than ends a product's name (文旅系列活动, 保税港区系列政策).
SERIES_OF: tuple[str, ...] = (
    "活动", "政策", "措施", "举措", "报道", "节目", "讲座", "赛事", "论坛", "丛书", "文件", "会议", "展览", "演出",
)  # fmt: skip
# Product heads that also name kinds of infrastructure (交易平台, 监测系统): the modifier must pick out one.
KIND_PRODUCT_HEADS: frozenset[str] = frozenset({"平台", "系统"})
# Initiative heads that also name kinds of works (风电项目, 供水工程): one field word before them names no project.
KIND_INITIATIVE_HEADS: frozenset[str] = frozenset({"项目", "工程"})
# 战略 before these is "strategic", an attribute of the noun that follows (两国战略合作, 战略自主), not a strategy
STRATEGIC_COMPOUNDS: tuple[str, ...] = (
    "合作", "伙伴", "自主", "互信", "对话", "沟通", "投资", "协议", "布局", "机遇", "定力", "支点", "储备", "性",
    "层面", "高度", "意义", "地位", "关系", "新兴",
)  # fmt: skip
# Openings of national platforms and systems named after what they do (全国…共享平台, 国家…服务平台).
NATIONAL_SCOPES: tuple[str, ...] = ("国家", "全国", "中国")
# ... and the weaker ones (服务, 业务, 产品, 支付, 通, 宝, 贷), which need a launch verb or a quote around the name.
PRODUCT_HEADS: tuple[str, ...] = tuple(
    sorted(STRONG_PRODUCT_HEADS | set("贷 宝 通 手机 平板 服务 业务 产品 终端 支付 网盘 浏览器 大模型".split()))
)

INITIATIVE_HEADS: tuple[str, ...] = (
    "行动计划",
    "专项行动",
    "解决方案",
    "计划",
    "工程",
    "行动",
    "项目",
    "试点",
    "方案",
    "专项",
    "示范县",
    "示范区",
    "战略",
    "倡议",
    "大赛",
    "一件事",
)

# Last words of events' names (购物节, 消费季, 旅游日, 博览会): a quoted one is an event, typed as an initiative.
EVENT_HEADS: tuple[str, ...] = tuple(
    "节 季 月 周 日 展 赛 论坛 峰会 博览会 交易会 嘉年华 音乐会 晚会 运动会 大会".split()
)
# Nouns that follow a quoted name and type it (“福农通”农资收购产品).
PRODUCT_FOLLOWERS: tuple[str, ...] = (
    "产品",
    "平台",
    "APP",
    "App",
    "app",
    "服务",
    "业务",
    "小程序",
    "品牌",
    "卡",
    "系统",
)
INITIATIVE_FOLLOWERS: tuple[str, ...] = ("计划", "工程", "行动", "项目", "活动", "试点", "方案", "理念", "战略", "专项")

# Decorations that may follow a product's name without being part of it (云闪付APP → 云闪付).
PRODUCT_DECORATIONS: tuple[str, ...] = ("APP", "App", "app", "客户端", "手机客户端", "应用", "小程序", "系统", "平台")

# Legal-form suffixes dropped to find a company's short name.
LEGAL_SUFFIXES: tuple[str, ...] = (
    "集团股份有限公司",
    "集团有限公司",
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "股份公司",
    "集团公司",
)

# Verbs: relation triggers. Each is a closed list of the language, not of any article.
LAUNCH_VERBS: tuple[str, ...] = (
    "推出",
    "上报",
    "申报",
    "布局",
    "发行",
    "上线",
    "发布",
    "开通",
    "首发",
    "推行",
    "打造",
    "开发",
    "研发",
    "研制",
    "创立",
    "创办",
    "设立",
    "启动",
    "开展",
    "实施",
    "举办",
    "主办",
    "发起",
    "上市",
    "面向",
    "建成",
    "建设",
    "搭建",
    "升级",
    "亮相",
)
# Launch verbs whose object is held or carried out, not sold: an event or a campaign (举办“X”, 开展“X”).
ORGANIZE_VERBS: frozenset[str] = frozenset({"举办", "主办", "开展", "启动", "实施", "发起"})
OPERATE_VERBS: tuple[str, ...] = ("运营", "经营", "管理", "负责", "旗下", "持有", "拥有")
PARTNER_VERBS: tuple[str, ...] = ("联合", "携手", "联手", "合作", "牵手", "协同", "签署", "签约", "战略合作")
INVEST_VERBS: tuple[str, ...] = (
    "投资",
    "入股",
    "参股",
    "出资",
    "增资",
    "认购",
    "注资",
    "收购",
    "控股",
    "共同发起",
    "发起设立",
)
REGULATE_VERBS: tuple[str, ...] = ("监管", "批准", "核准", "获批", "审批", "处罚", "约谈", "指导")
DEPLOY_VERBS: tuple[str, ...] = ("落地", "上线", "应用", "投入使用", "部署", "覆盖", "接入", "开通", "推广", "使用")
SUBSIDIARY_CUES: tuple[str, ...] = ("全资子公司", "控股子公司", "子公司", "旗下", "下属", "分公司", "直属")
PART_CUES: tuple[str, ...] = ("依托", "基于", "通过", "借助")

# Tokens that can never be inside a name.
STOP_WORDS: frozenset[str] = frozenset(
    (
        "的 地 得 了 着 过 和 与 及 以及 或 等 是 在 为 将 把 被 "
        "由 从 向 对 于 以 经 也 都 均 又 还 并 而 已 已经 将会 正在 "
        "该 其 此 这 那 这些 那些 这一 这项 该项 此项 这个 那个 这次 此次 每一 各 各类 各个 多家 多个 一些 有关 "
        "相关 其他 其中 包括 如 比如 例如 即 就 才 再 "
        "首张 首个 首批 首款 首家 一家 一个 一款 一张 一批 一系列 同时 此外 另外 目前 当前 近年来 今年 去年 明年 "
        "年 月 日 等等 旗下 通过 依托 基于 借助 联合 携手 推出 发行 上线 发布 开通 打造 实施 开展 推进 推动 深入 "
        "积极 持续 不断 进一步 全面 大力 加快 正式 率先 共同 分别 一起 一同 "
        "成为 作为 负责 以来 起 后 前 中 内 外 上 下 "
        # verbs of modern business news that jieba's dictionary predates, so they would look like unknown names
        "助力 赋能 聚焦 聚力 深耕 发力 布局 入局 牵手 落地 覆盖 提升 实现 支持 服务于 致力于 据 最大 最新 全新 首次 "
        "下线 亮相 问世 面世 量产 交付 发售 开售 "
        "旗下的 下属 来自 位于 据悉 表示 介绍 称 显示 指出 认为 预计 宣布 成立 竞标 化身 即 当 让 使 到 搭建 建设 "
        "发起 启动 研发 开发 运营 合作 投资 入股 出资 监管 部署 应用 使用 接入 推广 上市 "
        # verbs that take an object: what follows them is a clause's object, what precedes them its subject
        "加入 设有 会同 压实 深化 落实 谋划 完善 签署 弘扬 强推 发挥 坚持 构建 加强 参与 举办 建成 利用 提供 "
        "会见 会晤 接见 欢迎 用好 做好 建强 印发 规范 "
        "全面落实 全面实施 全面推进 全面深化 深入实施 深入推进 大力实施 加快实施 "
        # words of news reports that introduce a name: a caption, a dateline, a cited source, a short form
        "本报讯 图为 下称 简称 另据 交由 隶属 隶属于 记者 通讯员 联系 "
        # versus, between the names of two teams or parties
        "vs VS Vs"
    ).split()
)
# Descriptive words of business news: a modifier made only of these (and places, numbers) is generic, so
# 上市公司, 公募基金, 低碳能源, 智慧物流 are kinds of things, not names. Many are newer than jieba's dictionary.
GENERIC_MODIFIERS: frozenset[str] = frozenset(
    (
        "2G 3G 4G 5G 6G "
        "上市 公募 私募 商业 智慧 智能 智能化 数字 数字化 低碳 绿色 "
        "环保 养老 养老金 个人 团体 行业 各大 两市 国内 海外 "
        "全球 头部 龙头 大型 中小 中小型 小微 民营 国有 国营 地方 城市 农村 金融 科技 互联网 电商 物流 快递 新能源 "
        "跨境 网红 商超 大数据 云计算 人工智能 区块链 传统 新兴 新型 现代 综合 重点 重磅 主要 一流 知名 著名 "
        "开放式 三甲 基层 社区 线上 线下 全国 全省 全市 本地 当地 外资 中资 内资 合资 独资 股份制 城商 农商 "
        "普通 相关 有关 主流 老牌 新 老 大 小 中 高 低 多家 部分 众多 其他 另类 专业 官方 政府 公共 社会 "
        "全资 控股 参股 子 分 总 母 下属 旗下 "
        "高水平 高质量 高能级 高标准 省级 市级 县级 国家级 世界级 标志性 重大 骨干 区域 地区性 政策性 公立"
    ).split()
)
# Common words of today's business news that jieba's dictionary predates: given to the segmenter as common nouns
# so that it does not cut them into characters (碳|中|和) and glue the pieces to the names around them.
MODERN_WORDS: tuple[str, ...] = tuple(
    (
        "碳中和 碳达峰 双碳 新能源 新能源汽车 储能 光伏 氢能 绿电 大数据 云计算 人工智能 区块链 物联网 元宇宙 算力 "
        "大模型 芯片 半导体 数字经济 数字化转型 金融科技 移动支付 扫码支付 直播带货 电商 跨境电商 网红 短视频 "
        "公募 私募 理财子公司 普惠金融 绿色金融 专精特新 独角兽 智能制造 工业互联网 数据中心 新基建 碳排放 "
        "碳交易 碳市场 低碳 零碳 乡村振兴 共同富裕 双循环 高质量发展 营商环境 一带一路 抗疫 防疫 共进"
    ).split()
)

# Organization heads that are also common nouns (保险, 基金, 中心): the modifier must hold a real proper name.
WEAK_ORG_HEADS: frozenset[str] = frozenset(
    {
        "基地",
        "保险",
        "证券",
        "基金",
        "投资",
        "理财",
        "资本",
        "控股",
        "资管",
        "信托",
        "人寿",
        "财险",
        "中心",
        "局",
        "厅",
        "商城",
        "实验室",
        "学校",
        "办公室",
        "研究中心",
        "管理中心",
        "服务中心",
        "俱乐部",
        "队",
    }
)
# Weak heads of public bodies, named after the place they serve (江苏省体育局, 北京住房公积金管理中心): a place and a
# field noun before them make a name, where a place alone before 保险 or 基金 names no company.
PUBLIC_BODY_HEADS: frozenset[str] = frozenset(
    {"局", "厅", "中心", "研究中心", "管理中心", "服务中心", "办公室", "学校", "实验室", "俱乐部"}
)
# Heads of institutions: a name does not run on to the left past one (清华大学|五道口金融学院).
STRONG_ORG_HEADS: frozenset[str] = frozenset(
    {"公司", "集团", "银行", "大学", "学院", "医院", "政府", "研究院", "协会", "委员会"}
)
# Measure words: after a number they end a name's left side (8家公募基金公司).
MEASURE_WORDS: frozenset[str] = frozenset("家 个 所 只 款 项 张 台 套 部 座 类 种 批 位 名 条 件 次 亿 万".split())

# POS tags (jieba's dictionary tagset) of tokens that may sit inside a name.
NAME_TAGS: frozenset[str] = frozenset(
    {
        "n",
        "nr",
        "nr1",
        "nr2",
        "nrt",
        "nrfg",
        "ns",
        "nt",
        "nz",
        "nl",
        "ng",
        "j",
        "x",
        "eng",
        "vn",
        "an",
        "l",
        "i",
        "g",
        "k",
        "b",
    }
)
# Characters of the standard transcription of foreign names (伊万诺夫卡, 斯特拉斯堡); common in Chinese brand names
# (通 华 金 东 文 明 英 丰 …) are left out, so that a Chinese product's name is never taken for a transcription
TRANSLITERATION_CHARS: frozenset[str] = frozenset(
    "阿埃艾安昂奥巴拜班邦鲍贝本比彼宾波伯布查茨达戴丹德迪蒂杜顿多厄恩尔法菲费芬弗伏夫盖冈戈格贡古瓜哈赫亨洪胡霍"
    "基吉加贾杰捷卡凯坎康柯科克肯库夸奎昆拉莱赖兰朗劳勒雷里利莉列琳隆卢鲁伦罗洛玛迈曼梅蒙米莫默姆穆纳娜奈内尼涅"
    "纽努诺欧帕潘佩皮珀普奇恰乔切钦琼丘茹瑞萨塞桑瑟森莎舍什施舒斯索塔泰坦汤特滕廷图托瓦万韦维魏沃乌伍希锡谢辛"
    "休雅亚扬耶伊尤约泽扎詹兹佐"
)
# Tags of tokens that make a modifier specific enough to be a proper name.
PROPER_TAGS: frozenset[str] = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz", "j", "x", "eng"})


@cache
def known_entities() -> tuple[KnownEntity, ...]:
    onto = load_ontology()
    return onto.known + onto.places


@cache
def known_surface_forms() -> tuple[tuple[str, KnownEntity], ...]:
    """Every name and alias of a known entity "
    "or place, paired with its entity; first claim wins."""
    seen: dict[str, KnownEntity] = {}
    for ent in known_entities():
        for name in (ent.label, *ent.aliases, *([ent.label_en] if ent.label_en else [])):
            if name and name not in seen and _usable_surface(name, ent):
                seen[name] = ent
    return tuple(sorted(seen.items()))


@cache
def known_places() -> dict[str, KnownEntity]:
    """Every usable name of a known place → the place."""
    return {name: ent for name, ent in known_surface_forms() if ent.type == "LOC"}


@cache
def known_orgs() -> dict[str, KnownEntity]:
    """Every usable name of two characters or more of a known organization → the organization."""
    return {name: ent for name, ent in known_surface_forms() if ent.type == "ORG" and len(name) >= 2}


@cache
def known_org_names() -> dict[str, str]:
    """Every usable name of two characters or more of a known organization → the organization's label."""
    return {name: ent.label for name, ent in known_orgs().items()}


def _usable_surface(name: str, ent: KnownEntity) -> bool:
    """Short forms of districts and counties collide with ordinary words (长寿, 资源, 惠民): match those only with
    their administrative suffix. The whole world (CLDR region 001) is not a place a fact can be located in."""
    if ent.code == "001":
        return False
    if ent.level in {"district", "county"} and len(name) <= 2:
        return False
    return len(name) >= 2


# What a 《title》 names when it is a document rather than a product or a programme.
DOCUMENT_NOUNS: tuple[str, ...] = (
    "公告", "协议", "报告", "通知", "意见", "办法", "规定", "条例", "法", "决定", "白皮书", "纲要", "指引", "函",
    "合同", "备忘录", "声明", "报", "书", "诗", "稿", "指南", "措施", "标准", "规范", "细则", "规则", "手册",
)  # fmt: skip

# Nouns that close a coordinated list (A、B、C等…) and type its members.
ORG_CLASSIFIERS: tuple[str, ...] = (
    "机构",
    "企业",
    "公司",
    "银行",
    "综合体",
    "商场",
    "高校",
    "院校",
    "学校",
    "医院",
    "运营商",
    "交易所",
    "券商",
    "媒体",
    "部门",
    "单位",
    "集团",
    "厂商",
    "车企",
    "平台企业",
    "电商",
    "快递公司",
    "基金公司",
    "保险公司",
)
PRODUCT_CLASSIFIERS: tuple[str, ...] = (
    "业务",
    "产品",
    "应用",
    "服务",
    "APP",
    "App",
    "卡",
    "终端",
    "机型",
    "车型",
    "设备",
    "系统",
)
INITIATIVE_CLASSIFIERS: tuple[str, ...] = ("项目", "计划", "活动", "工程", "试点", "行动", "方案")

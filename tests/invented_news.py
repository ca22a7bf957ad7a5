"""A corpus of short invented business news, templated with varied names: partnerships, launches, figures,
subsidiaries, short forms and places, so that entity resolution has aliases to merge and figures to attach.

Every sentence here is written for the tests; `invented_news(n, seed)` gives the same records for the same arguments.
"""

from __future__ import annotations

import random

FIRST = "星河 远帆 青禾 鼎新 汇川 明湖 云栖 锦程 恒通 嘉禾 泰和 海川 蓝田 启明 瑞丰 长风".split()
SECOND = "智联 数科 信达 安泰 万象 同舟 九章 思远".split()
COMPANY_KINDS = ["科技有限公司", "信息技术有限公司", "集团", "数字科技公司"]
PRODUCT_KINDS = ["信用卡", "APP", "支付平台", "智慧社区平台", "理财卡"]
BANKS = ["中国工商银行", "中国建设银行", "招商银行", "中国银行", "交通银行", "工行", "建行"]
CITIES = ["上海", "杭州", "成都", "武汉", "西安", "深圳", "南京", "苏州"]

TEMPLATES = [
    "{year}年{month}月，{bank}与{company}签署战略合作协议，双方将在{city}共同推广{product}。",
    "{company}推出了{product}，首批用户超过{n}万人。",
    "截至{year}年底，{bank}{product}累计发卡量达{n}万张。",
    "{company}（以下简称“{short}”）总部位于{city}。{short}今年营业收入增长{p}%。",
    "{company}是{parent}的全资子公司。",
    "{bank}向{company}投资{n}亿元，持股{p}%。",
    "{company}在{city}设立了分公司，并与{other}达成合作。",
    "{year}年，{parent}发布{product}，覆盖{city}的{n}个社区。",
]


def _company(rng: random.Random) -> tuple[str, str]:
    """A company name and the short form an article may call it by."""
    short = rng.choice(FIRST) + rng.choice(SECOND)
    return short + rng.choice(COMPANY_KINDS), short


def invented_article(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(2, 4)):
        company, short = _company(rng)
        values = {
            "company": company,
            "short": short,
            "other": _company(rng)[0],
            "parent": _company(rng)[0],
            "product": rng.choice(FIRST) + rng.choice(PRODUCT_KINDS),
            "bank": rng.choice(BANKS),
            "city": rng.choice(CITIES),
            "year": rng.randint(2015, 2023),
            "month": rng.randint(1, 12),
            "n": rng.randint(2, 900),
            "p": rng.randint(1, 60),
        }
        sentences.append(rng.choice(TEMPLATES).format(**values))
    return "".join(sentences)


def invented_news(n: int, seed: int = 0) -> list[dict]:
    """``n`` JSON records (id, title, date, text)."""
    rng = random.Random(seed)
    return [
        {
            "id": f"news-{seed}-{i:04d}",
            "title": f"简讯 {i}",
            "date": f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "text": invented_article(rng),
        }
        for i in range(n)
    ]

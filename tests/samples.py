"""Helpers shared by the test modules: an invented sample graph with hostile names, ids and sentences.

Import them with `from samples import sample_graph` (pytest puts tests/ on sys.path).
"""

from __future__ import annotations

from kg.graph import KnowledgeGraph
from kg.model import DocumentMeta, EntityRecord, Evidence, Extraction, RelationRecord

HOSTILE = 'Evil "Co" \\ <>{}|^` </script> " } ; DROP ALL # 🚀\nline'
BASE = "https://w3id.org/kg/id/"


def evidence(
    doc: str, sentence: str, start: int, rule: str = "r1", conf: float = 0.9, year: int | None = 2023
) -> Evidence:
    return Evidence(doc, sentence, start, start + len(sentence), rule, conf, year)


def sample_graph(base: str = BASE) -> KnowledgeGraph:
    """Two invented documents with hostile names, ids, sentences and metadata."""
    d1 = DocumentMeta(
        id="news/1?a=b#c",
        title='标题 "引号" </script>',
        date="2023-05-01",
        author="作者",
        categories=("科技", "金融"),
        source="某报",
        url="https://example.com/a?b=1&c=<2>",
        content_hash="ab" * 32,
        length=100,
    )
    d2 = DocumentMeta(id="doc 2", title="二", date="2024-01-02", length=50)
    e1 = Extraction(
        d1,
        (
            EntityRecord(
                "中国银联", "ORG", aliases=("银联", "UnionPay"), mentions=3, label_en="China UnionPay", known=True
            ),
            EntityRecord("云闪付", "PRODUCT", mentions=2),
            EntityRecord("华为", "ORG", label_en="Huawei"),
            EntityRecord(HOSTILE, "ORG"),
            EntityRecord("上海", "LOC"),
        ),
        (
            RelationRecord("中国银联", "launched", "云闪付", evidence(d1.id, "中国银联推出云闪付。", 0)),
            RelationRecord(
                "中国银联", "partnered_with", "华为", evidence(d1.id, "中国银联与华为合作。", 10, conf=0.75)
            ),
            RelationRecord(
                HOSTILE,
                "partnered_with",
                "中国银联",
                evidence(d1.id, HOSTILE + "与中国银联合作。", 20, rule='rule "x"'),
            ),
            RelationRecord("云闪付", "deployed_at", "上海", evidence(d1.id, "云闪付在上海落地。", 40, year=None)),
        ),
    )
    e2 = Extraction(
        d2,
        (
            EntityRecord("银联", "ORG"),
            EntityRecord("云闪付", "PRODUCT"),
            EntityRecord("Big Co", "ORG"),
            EntityRecord("big co2", "ORG"),
            EntityRecord("BigCo2 ", "ORG"),
        ),
        (RelationRecord("银联", "launched", "云闪付", evidence(d2.id, "银联推出云闪付。", 0, "r2", 0.6, 2019)),),
    )
    return KnowledgeGraph(base).update([e1, e2])

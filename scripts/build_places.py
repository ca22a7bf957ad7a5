"""Generate ontology/places.tsv, the gazetteer of places the extractor knows.

Sources (read at build time only; neither package is a runtime dependency of kg):
- Chinese administrative divisions: cpca's resources/adcodes.csv (MIT), with its 56_nations.csv
  to strip ethnic names from autonomous areas (延边朝鲜族自治州 -> 延边).
- Countries and world regions: CLDR names for zh_Hans_CN via babel.
- A short hand list of Chinese macro regions that business news uses (长三角, 京津冀 ...), and of regions and seas
  abroad (英格兰, 加沙地带, 黑海 ...).
- A hand list of cities abroad (scripts/foreign_cities.tsv: 卡拉奇, 法兰克福 ...), each under its country; a city
  whose name a Chinese division or a country already has is left out.

Labels are unique. Provinces, prefecture cities and counties are named by their short form (上海,
哈尔滨, 琼中) with the full names as aliases; districts keep the full name (普陀区) and get the short
form as an alias when it has two characters or more. A short form that is a common word of business
news (合作, 新兴, 东方) or a name entities.ttl already gives to a known entity (阿里) is never used:
such a place is named by its full name instead. When a label is still taken, the place with the
higher level, then the lower code, keeps it; the other is skipped and counted.

Usage: python scripts/build_places.py [output.tsv]   (pip install cpca babel first)
"""

from __future__ import annotations

import csv
import os
import sys
import tempfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from babel import Locale
from rdflib import Graph
from rdflib.namespace import SKOS

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "ontology" / "places.tsv"
ENTITIES = ROOT / "ontology" / "entities.ttl"
FOREIGN_CITIES = Path(__file__).resolve().parent / "foreign_cities.tsv"

LEVELS = ("region", "country", "province", "city", "county", "district")
HEADER = ("code", "label", "aliases", "level", "parent")

# cpca rows that group divisions without being places themselves.
PLACEHOLDERS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
# Where two districts share a name (南山区 of 深圳 and of 鹤岗), the one in a municipality, a provincial
# capital (code ..01..) or one of the five cities with separate state planning is kept.
# (2102 大连, 3302 宁波, 3502 厦门, 3702 青岛, 4403 深圳; 5002 holds the counties of 重庆).
PROMINENT_CITIES = frozenset({"2102", "3302", "3502", "3702", "4403", "5002"})
# County-level units whose name ends in 区 although they are not districts of a city.
COUNTY_LIKE = {"神农架林区": "神农架", "六枝特区": "六枝"}
# Short forms that are ordinary words, or names of other things, in business news.
COMMON_WORDS = frozenset(
    {
        "东方",
        "通道",
        "新兴",
        "平安",
        "和平",
        "光明",
        "白银",
        "合作",
        "互助",
        "共和",
        "兴业",
        "中方",
        "新华",
        "大方",
        "温泉",
        "同心",
        "乐业",
        "安定",
        "长安",
        "长寿",
        "太平",
        "凤凰",
        "红旗",
        "向阳",
        "中原",
        "江南",
        "高新",
        "新城",
        "新市",
        "市中",
        "城中",
        "城东",
        "城西",
        "城南",
        "城北",
        "城关",
        "东区",
        "西区",
        "城区",
        "郊区",
        "矿区",
        "新区",
        "开发",
        "安宁",
        "正安",
        "民和",
        "大通",
        "永和",
        "华龙",
        "集美",
        "白云",
        "青山",
    }
)
# Extra names of the special administrative regions and Taiwan, as CLDR and news write them.
EXTRA_ALIASES = {
    "810000": ("中国香港", "中国香港特别行政区", "香港特区"),
    "820000": ("中国澳门", "中国澳门特别行政区", "澳门特区"),
    "710000": ("中国台湾", "台湾地区"),
    "150000": ("内蒙",),
}
# CLDR territories that are not places of their own here: organisations, unknown, and parts of China
# (covered by the administrative divisions above).
SKIP_TERRITORIES = frozenset({"EU", "UN", "ZZ", "HK", "MO", "TW"})
COUNTRY_ALIASES = {
    "CN": ("中华人民共和国",),
    "ID": ("印尼",),
    "AE": ("阿联酋",),
    "SA": ("沙特",),
    "AU": ("澳洲",),
    "BA": ("波黑",),
    "RU": ("俄罗斯联邦",),
    "PS": ("巴勒斯坦",),
    "003": ("北美",),
    "005": ("南美",),
    "419": ("拉美",),
}
REGION_LEVEL_TERRITORIES = frozenset({"EZ", "QO"})
# Macro regions of China that news names (parent 中国), world regions CLDR lacks, and regions and seas abroad.
MACRO_REGIONS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("长三角", ("长江三角洲", "长三角地区"), "中国"),
    ("珠三角", ("珠江三角洲", "珠三角地区"), "中国"),
    ("京津冀", ("京津冀地区",), "中国"),
    ("粤港澳大湾区", ("大湾区",), "中国"),
    ("成渝地区", ("成渝",), "中国"),
    ("华东", ("华东地区",), "中国"),
    ("华南", ("华南地区",), "中国"),
    ("华北", ("华北地区",), "中国"),
    ("华中", ("华中地区",), "中国"),
    ("西南", ("西南地区",), "中国"),
    ("西北", ("西北地区",), "中国"),
    ("东北", ("东北地区",), "中国"),
    ("中东", ("中东地区",), ""),
    ("亚太", ("亚太地区",), ""),
    # regions and seas abroad that news names, under their country where they have one (红海 is left out: it is the
    # "red ocean" of a crowded market as often)
    ("英格兰", (), "英国"),
    ("苏格兰", (), "英国"),
    ("威尔士", (), "英国"),
    ("北爱尔兰", (), "英国"),
    ("加沙地带", ("加沙",), "巴勒斯坦领土"),
    ("约旦河西岸", (), "巴勒斯坦领土"),
    ("顿巴斯", ("顿巴斯地区",), "乌克兰"),
    ("克里米亚", ("克里米亚半岛",), ""),
    ("巴厘岛", (), "印度尼西亚"),
    ("黑海", (), ""),
    ("地中海", (), ""),
    ("波罗的海", (), ""),
)


@dataclass(slots=True)
class Candidate:
    code: str
    short: str
    full: str
    level: str
    parent_code: str = ""
    parent: str = ""
    aliases: list[str] = field(default_factory=list)
    label: str = ""

    @property
    def priority(self) -> tuple[int, int, str, str]:
        """Higher level first, then places of prominent cities, then the lower code."""
        prominent = self.code[2:4] == "01" or self.code[:4] in PROMINENT_CITIES
        return (LEVELS.index(self.level), 0 if prominent else 1, self.code or "\uffff", self.short)


def nations() -> list[str]:
    """Ethnic group names, with and without 族, longest first so that 维吾尔族 goes before 维吾尔."""
    text = resources.files("cpca").joinpath("resources/56_nations.csv").read_text(encoding="utf-8")
    names = {line.strip() for line in text.splitlines() if line.strip()}
    bare = {n[:-1] for n in names if n.endswith("族") and len(n) > 2}
    return sorted(names | bare, key=lambda n: (-len(n), n))


def strip_ethnic(name: str, groups: list[str]) -> str:
    """Drop trailing ethnic names while at least two characters remain (内蒙古 stays whole)."""
    changed = True
    while changed:
        changed = False
        for group in groups:
            if name.endswith(group) and len(name) - len(group) >= 2:
                name = name[: -len(group)]
                changed = True
                break
    return name


def short_form(full: str, level: str, groups: list[str]) -> tuple[str, list[str]]:
    """The short name of a division and any extra aliases (延边州, 琼中县)."""
    if full in COUNTY_LIKE:
        return COUNTY_LIKE[full], []
    if level == "district":
        if full.endswith("新区") and len(full) >= 4:
            return full, [full[:-2]]
        return full, ([full[:-1]] if full.endswith("区") and len(full) >= 3 else [])
    autonomous = (("特别行政区", ""), ("自治区", ""), ("自治州", "州"), ("自治县", "县"), ("自治旗", "旗"))
    for suffix, kind in autonomous:
        if full.endswith(suffix):
            base = strip_ethnic(full[: -len(suffix)], groups)
            if base.endswith("族") and len(base) > 3:
                base = base[:-1]
            return base, ([base + kind] if kind else [])
    for suffix in ("地区", "省", "市", "县", "盟", "旗"):
        if full.endswith(suffix) and len(full) - len(suffix) >= 2:
            return full[: -len(suffix)], []
    return full, []


def divisions(groups: list[str]) -> list[Candidate]:
    text = resources.files("cpca").joinpath("resources/adcodes.csv").read_text(encoding="utf-8")
    rows = sorted((row["adcode"][:6], row["name"]) for row in csv.DictReader(text.splitlines()))
    names = dict(rows)
    out = []
    for code, full in rows:
        if full in PLACEHOLDERS or not full.endswith(("省", "市", "区", "县", "旗", "州", "盟", "地区")):
            continue
        if code.endswith("0000"):
            level, parent_code = "province", ""
        elif code.endswith("00"):
            level, parent_code = "city", code[:2] + "0000"
        else:
            city = code[:4] + "00"
            parent_code = city if names.get(city, "") not in PLACEHOLDERS | {""} else code[:2] + "0000"
            level = "district" if full.endswith("区") and full not in COUNTY_LIKE else "county"
        short, extra = short_form(full, level, groups)
        aliases = [full, *extra, *EXTRA_ALIASES.get(code, ())]
        country = "中国" if level == "province" else ""
        out.append(Candidate(code, short, full, level, parent_code, country, aliases))
    return out


def territories() -> list[Candidate]:
    out = []
    for code, name in sorted(Locale.parse("zh_Hans_CN").territories.items()):
        if code in SKIP_TERRITORIES:
            continue
        level = "region" if code.isdigit() or code in REGION_LEVEL_TERRITORIES else "country"
        out.append(Candidate(code, name, name, level, aliases=list(COUNTRY_ALIASES.get(code, ()))))
    return out


def macro_regions() -> list[Candidate]:
    return [
        Candidate("", label, label, "region", parent=parent, aliases=list(aliases))
        for label, aliases, parent in MACRO_REGIONS
    ]


def foreign_cities(others: list[Candidate]) -> list[Candidate]:
    """The cities of foreign_cities.tsv, under their country (parent_code is its CLDR code); none takes a name that
    another place goes by."""
    taken = {n for c in others for n in (c.short, c.full, *c.aliases)}
    lines = FOREIGN_CITIES.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    return [Candidate("", city, city, "city", parent_code=country) for city, country in rows if city not in taken]


def known_entity_names() -> set[str]:
    """Every label and alias of entities.ttl: a place must not take one of those names."""
    graph = Graph().parse(ENTITIES, format="turtle")
    return {str(o) for p in (SKOS.prefLabel, SKOS.altLabel) for o in graph.objects(None, p)}


def assign(candidates: list[Candidate], reserved: set[str]) -> tuple[list[Candidate], dict[str, int]]:
    """Give every place a unique label, then the aliases no other place claims first."""
    counts = {"duplicates": 0, "generic": 0, "aliases_dropped": 0}
    labels: dict[str, Candidate] = {}
    kept = []
    for cand in sorted(candidates, key=lambda c: c.priority):
        options = [n for n in (cand.short, cand.full) if n not in reserved]
        if not options:
            counts["generic"] += 1
            continue
        free = [n for n in options if n not in labels]
        if not free:
            counts["duplicates"] += 1
            continue
        cand.label = free[0]
        labels[cand.label] = cand
        kept.append(cand)
    by_code = {c.code: c for c in kept if c.code}
    claimed: set[str] = set()
    for cand in kept:
        wanted = [cand.short, cand.full, *cand.aliases]
        aliases = []
        for name in dict.fromkeys(wanted):
            if name == cand.label:
                continue
            if name in labels or name in claimed or name in reserved or len(name) < 2:
                counts["aliases_dropped"] += 1
                continue
            claimed.add(name)
            aliases.append(name)
        cand.aliases = aliases
        if cand.parent_code:
            parent = by_code.get(cand.parent_code)
            cand.parent = parent.label if parent else ""
    return kept, counts


def write_tsv(places: list[Candidate], path: Path) -> None:
    """Atomic write: a temp file in the same folder, then os.replace."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".places-", suffix=".tsv")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        handle.write("\t".join(HEADER) + "\n")
        for c in places:
            handle.write("\t".join((c.code, c.label, "|".join(c.aliases), c.level, c.parent)) + "\n")
    os.replace(tmp, path)


def main(argv: list[str]) -> int:
    output = Path(argv[1]) if len(argv) > 1 else OUTPUT
    candidates = divisions(nations()) + territories() + macro_regions()
    candidates += foreign_cities(candidates)
    reserved = COMMON_WORDS | known_entity_names()
    places, counts = assign(candidates, reserved)
    write_tsv(places, output)
    per_level = {level: sum(1 for p in places if p.level == level) for level in LEVELS}
    print(f"wrote {len(places)} places to {output}")
    print("  " + ", ".join(f"{level}: {n}" for level, n in per_level.items()))
    print("  skipped: " + ", ".join(f"{k}: {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

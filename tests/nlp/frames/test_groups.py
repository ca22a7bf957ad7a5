"""Lists as groups: a relation on a coordinated list holds for each member, whether the list is the subject or the
object; 等N家X closes a list; sub-lists join; 除A外 adds A to the list that follows."""

from __future__ import annotations

from frametools import mentions_of

from kg.nlp.frames.groups import build_groups

FUNDS = {"远山基金": "ORG", "青松基金": "ORG", "白鹭基金": "ORG", "绿洲指数ETF": "PRODUCT", "星河科技": "ORG"}


def members(text: str, entities: dict[str, str]) -> list[list[str]]:
    return [[m.name for m in g.members] for g in build_groups(text, mentions_of(text, entities))]


def test_a_list_with_a_comma_and_a_conjunction_is_one_group() -> None:
    assert members("远山基金、青松基金和白鹭基金", FUNDS) == [["远山基金", "青松基金", "白鹭基金"]]


def test_two_names_side_by_side_are_two_groups() -> None:
    assert members("星河科技绿洲指数ETF", FUNDS) == [["星河科技"], ["绿洲指数ETF"]]


def test_two_possessive_phrases_are_not_one_list() -> None:
    entities = {**FUNDS, "蓝海混合基金": "PRODUCT"}
    text = "远山基金的绿洲指数ETF、青松基金的蓝海混合基金"
    assert members(text, entities) == [["远山基金"], ["绿洲指数ETF"], ["青松基金"], ["蓝海混合基金"]]


def test_a_list_subject_gives_each_member_the_relation(read) -> None:
    found = read("远山基金、青松基金等3家基金公司上报的绿洲指数ETF已获批。", FUNDS)
    assert {("远山基金", "launched", "绿洲指数ETF"), ("青松基金", "launched", "绿洲指数ETF")} <= found


def test_a_list_object_gives_each_member_the_relation(read) -> None:
    found = read("星河科技控股远山基金、青松基金等公司。", FUNDS)
    assert {("远山基金", "subsidiary_of", "星河科技"), ("青松基金", "subsidiary_of", "星河科技")} <= found


def test_two_sublists_closed_by_their_class_are_one_group() -> None:
    places = {"宜昌": "LOC", "赣州": "LOC", "遵义": "LOC", "雄安新区": "LOC", "天府新区": "LOC"}
    text = "宜昌、赣州、遵义等3个城市和雄安新区、天府新区等2个新区"
    assert members(text, places) == [["宜昌", "赣州", "遵义", "雄安新区", "天府新区"]]


def test_besides_adds_a_member_to_the_list_that_follows(read) -> None:
    text = "除了远山基金外，星河科技还控股青松基金、白鹭基金等公司。"
    found = read(text, FUNDS)
    assert {(fund, "subsidiary_of", "星河科技") for fund in ("远山基金", "青松基金", "白鹭基金")} <= found


def test_a_list_and_its_own_subsidiaries(read) -> None:
    text = "星河科技及其子公司远山基金和青松基金均参与了认购。"
    found = read(text, FUNDS)
    assert {("远山基金", "subsidiary_of", "星河科技"), ("青松基金", "subsidiary_of", "星河科技")} <= found


def test_a_remark_in_brackets_is_not_a_member() -> None:
    entities = {**FUNDS, "远山": "ORG"}
    assert members("远山基金（简称“远山”）、青松基金", entities) == [["远山基金", "青松基金"]]


def test_a_place_describing_the_next_name_is_no_member() -> None:
    entities = {"上海": "LOC", "河南": "LOC", "正弘城": "ORG", "新世界百货": "ORG"}
    assert members("新世界百货、河南网红商场正弘城", entities) == [["新世界百货", "正弘城"]]


def test_items_that_are_no_entities_before_the_conjunction_keep_the_list() -> None:
    assert members("远山基金、券商、信托公司及青松基金等机构", FUNDS) == [["远山基金", "青松基金"]]
    assert members("远山基金、保险机构和青松基金", FUNDS) == [["远山基金", "青松基金"]]


def test_words_before_the_conjunction_without_a_list_open_are_no_items() -> None:
    assert members("远山基金推出产品和青松基金", FUNDS) == [["远山基金"], ["青松基金"]]
    assert members("星河科技联合券商、信托公司及青松基金", FUNDS) == [["星河科技"], ["青松基金"]]


def test_a_partner_listed_after_kinds_of_body(read) -> None:
    found = read("星河科技联合远山基金、信托公司及青松基金等机构共同建设受理网络。", FUNDS)
    assert {("星河科技", "partnered_with", "远山基金"), ("星河科技", "partnered_with", "青松基金")} <= found


PLACES = {"杭州": "LOC", "宁波": "LOC", "苏州": "LOC", "贵州省": "LOC", "安顺市": "LOC", "浙江": "LOC", "温州": "LOC"}


def test_a_place_right_before_another_says_where_it_is_and_the_list_goes_on() -> None:
    assert members("杭州、贵州省安顺市和宁波", PLACES) == [["杭州", "安顺市", "宁波"]]
    assert members("浙江温州", PLACES) == [["温州"]]


def test_a_place_inside_a_list_item_that_is_no_entity_is_no_member() -> None:
    assert members("杭州、中新苏州工业园、宁波等3个地区", PLACES) == [["杭州", "宁波"]]
    assert members("杭州、苏州工业园、宁波", PLACES) == [["杭州", "苏州", "宁波"]]  # the place opens the item
    assert members("杭州的新苏州园区", PLACES) == [["杭州"], ["苏州"]]  # no list

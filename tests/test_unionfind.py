"""The shared union-find: sets rooted at their smallest member, whatever the order of unions."""

from __future__ import annotations

import itertools

from kg.unionfind import UnionFind


def test_items_start_apart() -> None:
    sets = UnionFind(["银联", "农行", "工行"])
    assert sets.groups() == {"银联": ["银联"], "农行": ["农行"], "工行": ["工行"]}
    assert sets.find("农行") == "农行"


def test_union_is_transitive_and_roots_each_set_at_its_smallest_member() -> None:
    sets = UnionFind(["d", "b", "c", "a", "e"])
    sets.union("d", "c")
    sets.union("b", "a")
    sets.union("c", "b")
    assert {sets.find(x) for x in "abcd"} == {"a"}
    assert sets.find("e") == "e"
    assert sets.groups() == {"a": ["d", "b", "c", "a"], "e": ["e"]}


def test_the_sets_do_not_depend_on_the_order_of_unions() -> None:
    pairs = [("甲", "乙"), ("丙", "丁"), ("乙", "丙"), ("戊", "己")]
    results = set()
    for order in itertools.permutations(pairs):
        sets = UnionFind("甲乙丙丁戊己庚")
        for a, b in order:
            sets.union(b, a)
        results.add(tuple(sorted((root, tuple(sorted(members))) for root, members in sets.groups().items())))
    assert len(results) == 1
    (groups,) = results
    assert groups == (
        (min("甲乙丙丁"), tuple(sorted("甲乙丙丁"))),
        (min("戊己"), tuple(sorted("戊己"))),
        ("庚", ("庚",)),
    )


def test_a_union_within_one_set_changes_nothing() -> None:
    sets = UnionFind([1, 2, 3])
    sets.union(3, 2)
    before = sets.groups()
    sets.union(2, 3)
    sets.union(3, 3)
    assert sets.groups() == before == {1: [1], 2: [2, 3]}

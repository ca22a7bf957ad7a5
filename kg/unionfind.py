"""Disjoint sets of names, merged deterministically: one union-find for every stage that groups names.

The alias resolution of one document (`kg.nlp.entities`) and of the merged graph (`kg.graph`) both group names that
refer to the same entity. Each set is rooted at its smallest member, so the groups do not depend on the order in
which pairs are merged. Plain Python, no networkx: the NLP layer imports it too and stays light.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

_Item = TypeVar("_Item")  # hashable and ordered: names


class UnionFind(Generic[_Item]):
    """Sets of items that start apart and are merged by `union`.

    >>> sets = UnionFind(["b", "a", "c"])
    >>> sets.union("c", "a")
    >>> sets.find("c"), sets.groups()
    ('a', {'b': ['b'], 'a': ['a', 'c']})
    """

    def __init__(self, items: Iterable[_Item]) -> None:
        self._parent: dict[_Item, _Item] = {item: item for item in items}

    def find(self, item: _Item) -> _Item:
        """The root of the item's set: its smallest member."""
        parent = self._parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]  # path halving keeps later look-ups short
            item = parent[item]
        return item

    def union(self, a: _Item, b: _Item) -> None:
        """Merge the sets of a and b; the smaller root stays the root."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> dict[_Item, list[_Item]]:
        """Root → members, both in the order the items were given."""
        out: dict[_Item, list[_Item]] = {}
        for item in self._parent:
            out.setdefault(self.find(item), []).append(item)
        return out

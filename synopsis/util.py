"""Small data structures that several stages share."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)


class DisjointSet(Generic[T]):
    """Union-find with path compression: which items have been joined, directly or through others.

    Why one class: every stage that groups things (quotes repeated across outlets, events of one date,
    claims, discrepancy readings, entity chains) needs the same bookkeeping. ``union(a, b)`` keeps
    ``a``'s root as the root of the joined group, so a caller may keep per-group data keyed by the
    root it gets back. ``groups()`` lists the groups in the order their first member was added, each
    in order of addition, so the output never depends on which member ended up as the root.
    """

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._parent: dict[T, T] = {}
        for item in items:
            self.add(item)

    def add(self, item: T) -> None:
        """Make ``item`` a group of its own unless it is already known."""
        self._parent.setdefault(item, item)

    def find(self, item: T) -> T:
        """The root of ``item``'s group; an unknown item is added as a group of its own."""
        parent = self._parent
        if item not in parent:
            parent[item] = item
            return item
        while parent[item] != item:
            parent[item] = parent[parent[item]]  # path halving: each visited node skips one level
            item = parent[item]
        return item

    def union(self, a: T, b: T) -> T:
        """Join the groups of ``a`` and ``b``; the root of ``a``'s group becomes the root of both."""
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self._parent[root_b] = root_a
        return root_a

    def connected(self, a: T, b: T) -> bool:
        return self.find(a) == self.find(b)

    def groups(self) -> list[list[T]]:
        """Every group, in order of its first member's addition; members in order of addition."""
        by_root: dict[T, list[T]] = {}
        for item in list(self._parent):
            by_root.setdefault(self.find(item), []).append(item)
        return list(by_root.values())

    def __contains__(self, item: object) -> bool:
        return item in self._parent

    def __len__(self) -> int:
        return len(self._parent)

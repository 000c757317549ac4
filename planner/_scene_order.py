"""The left-to-right order of a scene's columns: the order that satisfies the most side-by-side relations.

A small exhaustive search: up to `MAX_SEARCHED` items every order is scored (ties keep the brief's order), beyond
that the brief's order is improved by moving one item at a time while that helps. Contradictions ("A left of B"
and "B left of A") simply cannot both score; the composer checks every relation on the final boxes and reports
the ones that do not hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import permutations
from typing import Literal

MAX_SEARCHED = 7  # 7! = 5040 orders: searched in full

OrderKind = Literal["before", "after", "adjacent", "between"]


@dataclass(frozen=True)
class OrderRule:
    """How items must stand along the row: `subject` before/after/adjacent to `reference`, or between it and
    `other`."""

    kind: OrderKind
    subject: str
    reference: str
    other: str | None = None

    def holds(self, position: dict[str, int]) -> bool:
        s, r = position[self.subject], position[self.reference]
        if self.kind == "before":
            return s < r
        if self.kind == "after":
            return s > r
        if self.kind == "adjacent":
            return abs(s - r) == 1
        o = position[self.other] if self.other is not None else r
        return min(r, o) < s < max(r, o)


def best_order(items: list[str], rules: list[OrderRule]) -> list[str]:
    """`items` in the order that satisfies the most `rules` (those naming unknown items are ignored); among equally
    good orders, the one nearest the given order."""
    known = set(items)
    usable = [r for r in rules if {r.subject, r.reference, r.other or r.reference} <= known]
    if not usable or len(items) < 2:
        return list(items)
    if len(items) <= MAX_SEARCHED:
        return _searched(items, usable)
    return _improved(list(items), usable)


def _searched(items: list[str], rules: list[OrderRule]) -> list[str]:
    """The best of every order of `items`; the first best one, so the nearest the given order on a tie
    (permutations come in the given order's lexicographic order)."""
    best, best_score = list(items), -1
    for order in permutations(items):
        score = _score(order, rules)
        if score > best_score:
            best, best_score = list(order), score
    return best


def _score(order: Sequence[str], rules: list[OrderRule]) -> int:
    """How many rules the order satisfies."""
    position = {item: index for index, item in enumerate(order)}
    return sum(rule.holds(position) for rule in rules)


def _improved(order: list[str], rules: list[OrderRule]) -> list[str]:
    """The order after moving single items to better places until no move helps (a bounded local search)."""
    best = _score(order, rules)
    for _ in range(len(order) * len(order)):
        candidate = _best_move(order, rules, best)
        if candidate is None:
            return order
        order, best = candidate
    return order


def _best_move(order: list[str], rules: list[OrderRule], score: int) -> tuple[list[str], int] | None:
    """The first single move of one item that satisfies more rules than `score`, or None."""
    for i, item in enumerate(order):
        rest = order[:i] + order[i + 1 :]
        for j in range(len(order)):
            moved = rest[:j] + [item] + rest[j:]
            moved_score = _score(moved, rules)
            if moved_score > score:
                return moved, moved_score
    return None

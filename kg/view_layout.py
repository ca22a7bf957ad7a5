"""Where each node of the HTML view goes, for graphs too large to lay out in the browser.

The first picture (the overview's core: the best connected entities) gets a layout of its own, compact enough to
fit a window at a readable zoom and with no two labels on top of each other. The other related entities settle
around it, and entities without relations wait in a grid below, for when the reader asks for them.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable

import numpy as np

LAYOUT_SEED = 42
LAYOUT_ITERATIONS = 100
_EXACT_REPULSION = 300  # up to this many nodes (the core), every pair repels
_REPULSION_SAMPLE = 200
_REPULSION_PAIRS = 1_000_000  # per step; bigger graphs sample fewer nodes (never under 50) so time stays linear in n
_MIN_SAMPLE = 50
_CORE_SPACING = 110.0  # ideal pixels between two overview nodes
_CORE_GRAVITY = 3.0  # a stronger pull to the centre than the rest's: the first picture fits the window
_FONT_PX = 16  # the labels' font size in view.js; a Chinese character is as wide, a Latin one about half
_LABEL_GAP = 4.0  # pixels kept free around a node's box in the overview
_SEPARATE_AT_MOST = 300  # overview nodes whose labels are kept apart (pairwise, so bounded)
_SPACING = 60.0  # pixels between the other related nodes, which show when the reader asks for them
_CELL = (130.0, 56.0)  # grid cell of a node without relations: its label's width, and the dot over the label


def layout_positions(
    n: int,
    edges: list[tuple[int, int]],
    *,
    core: Iterable[int] = (),
    mentions: list[int] | None = None,
    boxes: list[tuple[float, float]] | None = None,
    seed: int = LAYOUT_SEED,
) -> np.ndarray:
    """Integer pixel positions for n nodes, overview first: the core, then the rest around it, then a grid.

    The core (the nodes of the first picture) gets a spring layout of its own with room for labels; it is
    pulled together by its relations and by the hidden nodes two core nodes share. The other related nodes
    start next to a placed neighbour and settle in a second spring layout around the pinned core. Nodes
    without relations go into a grid below, most mentioned first. Every step is linear in nodes and edges
    (repulsion is sampled), and a fixed seed makes the layout the same on every run.
    """
    rng = np.random.default_rng(seed)
    pairs = np.array([(u, v) for u, v in edges if u != v], dtype=np.intp).reshape(-1, 2)
    heads, tails = pairs[:, 0], pairs[:, 1]
    related = np.bincount(pairs.ravel(), minlength=n) > 0
    in_core = np.zeros(n, dtype=bool)
    in_core[np.fromiter(core, dtype=np.intp)] = True
    in_core &= related
    pos = np.zeros((n, 2))

    core_ids = np.flatnonzero(in_core)
    if core_ids.size:
        local = np.full(n, -1, dtype=np.intp)
        local[core_ids] = np.arange(core_ids.size)
        core_heads, core_tails = _core_links(heads, tails, in_core)
        pos[core_ids] = _spring(
            rng, core_ids.size, local[core_heads], local[core_tails], _CORE_SPACING, gravity=_CORE_GRAVITY
        )
        if boxes is not None and core_ids.size <= _SEPARATE_AT_MOST:
            pos[core_ids] = _separate(pos[core_ids], np.asarray(boxes, dtype=float)[core_ids])

    related_ids = np.flatnonzero(related)
    if related_ids.size > core_ids.size:
        placed = _place_beside_neighbours(rng, pos, in_core.copy(), heads, tails)
        local = np.full(n, -1, dtype=np.intp)
        local[related_ids] = np.arange(related_ids.size)
        pos[related_ids] = _spring(
            rng,
            related_ids.size,
            local[heads],
            local[tails],
            _SPACING,
            start=pos[related_ids],
            pinned=in_core[related_ids],
            placed=placed[related_ids],
        )

    isolated = np.flatnonzero(~related)
    if isolated.size:
        if mentions is not None:
            isolated = isolated[np.argsort(-np.asarray(mentions)[isolated], kind="stable")]
        top = pos[related_ids, 1].max() + 2 * _CELL[1] if related_ids.size else 0.0
        pos[isolated] = _grid(isolated.size, top)
    return np.rint(pos).astype(np.int64)


def _core_links(heads: np.ndarray, tails: np.ndarray, in_core: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Edges between core nodes, plus one between consecutive core neighbours of each hidden node."""
    direct = in_core[heads] & in_core[tails]
    ends = np.concatenate([np.stack([heads, tails], 1), np.stack([tails, heads], 1)])
    ends = ends[~in_core[ends[:, 0]] & in_core[ends[:, 1]]]
    ends = ends[np.lexsort((ends[:, 1], ends[:, 0]))]
    same = ends[1:, 0] == ends[:-1, 0]
    return (
        np.concatenate([heads[direct], ends[:-1, 1][same]]),
        np.concatenate([tails[direct], ends[1:, 1][same]]),
    )


def _place_beside_neighbours(
    rng: np.random.Generator,
    pos: np.ndarray,
    placed: np.ndarray,
    heads: np.ndarray,
    tails: np.ndarray,
) -> np.ndarray:
    """Put each related node beside a placed neighbour, breadth-first outward from the core.

    Each relation is looked at once, from the side placed first, so this is linear in nodes and relations.
    Returns which nodes got placed: those of pieces without a core node did not.
    """
    sources = np.concatenate([heads, tails])
    order = np.argsort(sources, kind="stable")
    sources, targets = sources[order], np.concatenate([tails, heads])[order]
    first = np.searchsorted(sources, np.arange(len(pos)))
    count = np.bincount(sources, minlength=len(pos))
    frontier = np.flatnonzero(placed)
    while frontier.size:
        counts = count[frontier]
        offsets = np.repeat(first[frontier] - (np.cumsum(counts) - counts), counts) + np.arange(counts.sum())
        reached = targets[offsets]
        fresh, at = np.unique(reached, return_index=True)
        keep = ~placed[fresh]
        fresh, parents = fresh[keep], sources[offsets[at[keep]]]
        angle = rng.random(fresh.size) * 2 * math.pi
        pos[fresh] = pos[parents] + _SPACING * np.stack([np.cos(angle), np.sin(angle)], 1)
        placed[fresh] = True
        frontier = fresh
    return placed


def _spring(
    rng: np.random.Generator,
    n: int,
    heads: np.ndarray,
    tails: np.ndarray,
    k: float,
    *,
    start: np.ndarray | None = None,
    pinned: np.ndarray | None = None,
    placed: np.ndarray | None = None,
    gravity: float = 1.0,
) -> np.ndarray:
    """Fruchterman-Reingold in pixels with ideal distance k, repulsion against a fresh sample of nodes each step.

    Exact repulsion costs n² per step, so it is kept for small layouts; otherwise a sample of s nodes costs
    n·s, with s shrinking as n grows so a step stays near _REPULSION_PAIRS. A pull to the centre keeps separate
    pieces on the canvas. Pinned nodes keep their start; nodes not marked placed start at random.
    """
    side = k * math.sqrt(n)
    pos = (rng.random((n, 2)) - 0.5) * side
    if start is not None:
        pos[placed] = start[placed]
    movable = np.ones(n, dtype=bool) if pinned is None else ~pinned
    sample = n if n <= _EXACT_REPULSION else min(_REPULSION_SAMPLE, max(_MIN_SAMPLE, _REPULSION_PAIRS // n))
    repulsion = k * k * n / sample
    step = 0.1 * side if start is None else 2 * k
    cooling = step / (LAYOUT_ITERATIONS + 1)
    for _ in range(LAYOUT_ITERATIONS):
        others = pos[rng.choice(n, sample, replace=False)]
        # sum over the sample of (p - q) * w with w = repulsion / |p - q|², as matrix products: p * sum(w) - w @ q
        dist2 = (pos * pos).sum(axis=1)[:, None] + (others * others).sum(axis=1)[None, :] - 2.0 * (pos @ others.T)
        weights = repulsion / np.maximum(dist2, k * k * 1e-4)
        disp = pos * weights.sum(axis=1)[:, None] - weights @ others
        delta = pos[heads] - pos[tails]
        pull = delta * (np.sqrt(np.einsum("ij,ij->i", delta, delta)) / k)[:, None]
        for axis in (0, 1):
            disp[:, axis] += np.bincount(tails, pull[:, axis], n) - np.bincount(heads, pull[:, axis], n)
        disp -= gravity * pos
        length = np.maximum(np.sqrt(np.einsum("ij,ij->i", disp, disp)), 1e-9)
        pos[movable] += (disp * (np.minimum(length, step) / length)[:, None])[movable]
        step -= cooling
    if pinned is None:
        pos -= pos.mean(axis=0)
    return pos


def _separate(pos: np.ndarray, half: np.ndarray, rounds: int = 200) -> np.ndarray:
    """Push apart nodes whose boxes (the shape and the label under it) overlap, along the axis that overlaps less.

    Each round moves both nodes of every overlapping pair half the overlap apart. Quadratic, so only for a core
    of at most _SEPARATE_AT_MOST nodes.
    """
    pos = pos.copy()
    n = len(pos)
    others = ~np.eye(n, dtype=bool)
    tie = np.sign(np.subtract.outer(np.arange(n), np.arange(n))).astype(float)  # which way two equal points part
    for _ in range(rounds):
        delta = pos[:, None, :] - pos[None, :, :]
        overlap = half[:, None, :] + half[None, :, :] - np.abs(delta)
        hit = (overlap > 0).all(axis=2) & others
        if not hit.any():
            break
        axis = np.argmin(overlap, axis=2)[..., None]
        along = np.take_along_axis(delta, axis, 2)[..., 0]
        push = np.where(hit, np.take_along_axis(overlap, axis, 2)[..., 0] / 2 + 1.0, 0.0)  # a pixel beyond touching
        push *= np.where(along != 0, np.sign(along), tie)
        for a in (0, 1):
            pos[:, a] += np.where(axis[..., 0] == a, push, 0.0).sum(axis=1)
    return pos


def label_box(label: str, size: float) -> tuple[float, float]:
    """Half the width and height a node takes on the page at scale 1: its shape, and its label drawn under it."""
    width = sum(_FONT_PX if unicodedata.east_asian_width(ch) in "WF" else _FONT_PX * 0.55 for ch in label)
    return max(size, width / 2) + _LABEL_GAP, size + _FONT_PX + _LABEL_GAP


def _grid(count: int, top: float) -> np.ndarray:
    """Rows of cells wide enough for a label, about as wide as tall, centred under `top`."""
    width, height = _CELL
    columns = max(1, math.ceil(math.sqrt(count * height / width)))
    i = np.arange(count)
    x = (i % columns - (columns - 1) / 2) * width
    y = top + (i // columns) * height
    return np.stack([x, y], 1)

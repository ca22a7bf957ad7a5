"""Positions for large views: the core spaced for its labels, the rest beside its neighbours, a grid for the rest."""

from __future__ import annotations

import numpy as np

from kg import view_layout


def test_layout_keeps_neighbours_close_and_is_repeatable() -> None:
    rng = np.random.default_rng(0)
    n = 2000
    edges = [(i, int(rng.integers(0, i))) for i in range(1, n)]
    positions = view_layout.layout_positions(n, edges)
    assert positions.shape == (n, 2)
    assert np.array_equal(positions, view_layout.layout_positions(n, edges))
    edge_length = np.mean([np.hypot(*(positions[u] - positions[v])) for u, v in edges])
    a, b = rng.integers(0, n, 2000), rng.integers(0, n, 2000)
    random_pair = np.mean(np.hypot(*(positions[a] - positions[b]).T))
    assert edge_length < random_pair / 4
    assert view_layout.layout_positions(0, []).shape == (0, 2)


def test_label_box_fits_the_label_under_the_shape() -> None:
    assert view_layout.label_box("中国银联", 10) == (36.0, 30.0)  # four characters of 16 px, over a shape of radius 10
    assert view_layout.label_box("AB", 20) == (24.0, 40.0)  # a short label: the shape is wider
    assert view_layout.label_box("China UnionPay", 10)[0] < view_layout.label_box("中国银联股份有限公司", 10)[0]


N = 3000
RELATED = 1200  # nodes 0..1199 form a random tree; the others have no relation


def tree_with_loners() -> tuple[list[tuple[int, int]], list[int], list[int], list[tuple[float, float]]]:
    """Edges, the 60 best connected nodes as the core, mentions, and label boxes of invented names."""
    rng = np.random.default_rng(1)
    edges = [(i, int(rng.integers(0, i))) for i in range(1, RELATED)]
    degree = np.bincount(np.array(edges).ravel(), minlength=N)
    core = sorted(np.argsort(-degree, kind="stable")[:60].tolist())
    mentions = [int(m) for m in rng.integers(1, 50, N)]
    boxes = [view_layout.label_box(f"示例{'集团' * (i % 5)}{i}", 8 + i % 20) for i in range(N)]
    return edges, core, mentions, boxes


def nearest(points: np.ndarray) -> float:
    """The median distance from a point to its nearest other point."""
    gaps = np.hypot(*(points[:, None, :] - points[None, :, :]).transpose(2, 0, 1)) + np.eye(len(points)) * 1e9
    return float(np.median(gaps.min(axis=1)))


def test_the_core_gets_room_and_no_two_of_its_labels_overlap() -> None:
    edges, core, mentions, boxes = tree_with_loners()
    positions = view_layout.layout_positions(N, edges, core=core, mentions=mentions, boxes=boxes)
    assert np.array_equal(positions, view_layout.layout_positions(N, edges, core=core, mentions=mentions, boxes=boxes))
    half = np.array(boxes)[core]
    apart = np.abs(positions[core][:, None, :] - positions[core][None, :, :]) >= half[:, None] + half[None, :] - 1
    assert (apart.any(axis=2) | np.eye(len(core), dtype=bool)).all(), "two core nodes' labels overlap"
    rest = np.setdiff1d(np.arange(RELATED), core)
    assert nearest(positions[core].astype(float)) > 1.5 * nearest(positions[rest].astype(float))


def test_nodes_without_relations_wait_in_a_grid_below_most_mentioned_first() -> None:
    edges, core, mentions, boxes = tree_with_loners()
    positions = view_layout.layout_positions(N, edges, core=core, mentions=mentions, boxes=boxes)
    grid = positions[RELATED:]
    assert grid[:, 1].min() > positions[:RELATED, 1].max()
    order = np.lexsort((grid[:, 0], grid[:, 1]))  # rows top to bottom, each left to right
    ranked = [mentions[RELATED + i] for i in order]
    assert ranked == sorted(ranked, reverse=True)
    assert len({tuple(p) for p in grid}) == len(grid)

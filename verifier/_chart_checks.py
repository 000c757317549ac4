"""Checks of the plan's charts from the pixels: the words read back, the bars, lines and slices measured.

Words: the pixels in the chart's box that lie between its backdrop (fitted to the box's border) and its text
colour are the text's ink; they are grouped into lines and each line is read by OCR. The title and every category
label must be found among what was read (case aside; a label wrapped onto two lines counts when each of its words
was read).

Geometry, from the series colours the laid-out plan records (each pixel goes to the nearest series colour within
`MATCH_DELTA_E`):

- bars and columns: the bars standing on the common baseline, in order along the category axis, one per value
  above zero; each bar's (or stacked segment's) length must be its value times the chart's scale (the median of
  length over value) within `max(2 px, 3% of the longest bar)`. Missing bars are named when only one choice of
  the values they stood for leaves the bars drawn in proportion to the rest.
- lines and areas: each line's height at the category positions (spread evenly between the line's ends) must be
  one straight function of the values for all series together, within the same tolerance of the lines' span.
- pies and donuts: the ring is sampled on a circle from 12 o'clock clockwise; the runs of one colour between the
  gaps are the slices, whose shares of the circle must match the values' shares within 2 percentage points.
- scatter charts, and bars with negative values, are not measured: the check then says so and is not verified.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations

import numpy as np
from numpy.typing import NDArray
from PIL import Image
from scipy import ndimage

from tessera.contract import ChartElement, ConstraintCheck, OcrEngine, hex_to_rgb
from tessera.verifier._normalise import normalise_text
from tessera.verifier._pixels import FloatImage, Mask, clamp_box, delta_e, rgb_to_lab, ring_background
from tessera.verifier._scene import Scene

MATCH_DELTA_E = 12.0  # CIE76: a pixel this close to a series colour (and nearest to it) is drawn in that colour
BACKDROP_DELTA_E = 18.0  # CIE76: a pixel this close to the backdrop is background
TEXT_RESIDUAL = 40.0  # RGB: how far off the backdrop-to-ink line a pixel may lie and still count as text ink
LENGTH_TOLERANCE = 0.03  # of the longest bar (or the lines' span); never under MIN_TOLERANCE_PX
MIN_TOLERANCE_PX = 2.0
SHARE_TOLERANCE = 0.02  # of the whole circle: how far a slice's share may be from its value's
OCR_LINE_HEIGHTS = (36, 28, 56)  # px: each line of text is scaled to the first, then (labels missing) the others
GRID_COVERAGE = (0.05, 0.3)  # of the text colour: a gridline is a faint tint of it
GRID_SHARE = 0.4  # of the box's width: how much of a row a gridline covers
MAX_MISSING_CHOICES = 2000  # ways of choosing the values that have no bar, tried to name them
_BAR_CHARTS = ("bar", "column", "stacked_bar", "stacked_column")


@dataclass(frozen=True)
class _Geometry:
    """What measuring the chart's marks found: a verdict (None: nothing could be measured), in words."""

    passed: bool | None
    measured: str
    evidence: str


def chart_checks(scene: Scene, ocr: OcrEngine) -> list[ConstraintCheck]:
    """One check per chart of the plan, with origin "plan"."""
    return [_chart_check(scene, ocr, chart) for chart in scene.plan.elements if isinstance(chart, ChartElement)]


def _chart_check(scene: Scene, ocr: OcrEngine, chart: ChartElement) -> ConstraintCheck:
    expected = f"a {chart.chart} chart" + (f" titled {chart.title!r}" if chart.title else "")
    rect = clamp_box(chart.box, scene.width, scene.height) if chart.box is not None else None
    if rect is None:
        return _check(
            chart, passed=True, verified=False, expected=expected, measured="not measured: the chart is off the canvas",
            evidence="not verified: no pixels of the chart's box lie on the canvas",
        )  # fmt: skip
    x0, y0, x1, y1 = rect
    patch = scene.canvas[y0:y1, x0:x1].astype(np.float32)
    backdrop = ring_background(patch).mean_color(*patch.shape[:2])
    coverage = _ink_coverage(patch, backdrop, np.array(hex_to_rgb(chart.color), np.float32))
    wanted = _expected_labels(chart)
    read: list[str] = []
    for height in OCR_LINE_HEIGHTS:  # a label misread at one scale is often read at another
        read += _read_text(coverage, ocr, chart, height)
        missing = [label for label in wanted if not _found(label, read, chart)]
        if not missing:
            break
    geometry = _measure_geometry(chart, patch, backdrop, coverage)
    words = (
        f"read {len(wanted) - len(missing)} of {len(wanted)} labels"
        + (f"; not found: {', '.join(repr(m) for m in missing)}" if missing else "")
        if wanted
        else "no title or labels to read"
    )
    passed = not missing and geometry.passed is not False
    where = f"box ({x0},{y0})-({x1},{y1})"
    return _check(
        chart, passed=passed, verified=geometry.passed is not None or not passed, expected=expected,
        measured=f"{words}; {geometry.measured}",
        evidence=f"OCR of the text-coloured ink in its {where}, {len(read)} line(s) read: "
        f"{' | '.join(read)[:600]!r}; {geometry.evidence}",
    )  # fmt: skip


def _check(chart: ChartElement, **fields: object) -> ConstraintCheck:
    for name, limit in (("expected", 600), ("measured", 2000), ("evidence", 2000)):
        text = str(fields[name])
        fields[name] = text if len(text) <= limit else text[: limit - 1] + "…"
    return ConstraintCheck.model_validate(
        {**fields, "constraint_id": chart.id, "kind": "chart", "origin": "plan", "element_ids": [chart.id],
         "box": chart.box}
    )  # fmt: skip


# Words ------------------------------------------------------------------------------------------------------------


def _expected_labels(chart: ChartElement) -> list[str]:
    """The title and the category labels the chart shows (a scatter names its points only with one name each)."""
    categories = list(chart.categories)
    if chart.chart == "scatter" and chart.x_values and len(categories) != len(chart.x_values):
        categories = []
    return [label for label in ([chart.title] if chart.title else []) + categories if label.strip()]


def _found(label: str, read: list[str], chart: ChartElement) -> bool:
    """Whether `label` is among the lines read: whole, or (wrapped over lines) word by word."""
    wanted = normalise_text(label, chart.script).casefold()
    lines = [normalise_text(line, chart.script).casefold() for line in read]
    if any(wanted in line for line in lines):
        return True
    words = {word for line in lines for word in line.split()}
    return " " in wanted and all(word in words for word in wanted.split())


def _read_text(coverage: FloatImage, ocr: OcrEngine, chart: ChartElement, line_height: int) -> list[str]:
    """Every line of text-coloured ink, scaled to `line_height` and read by OCR, top to bottom."""
    alphabet = "".join(filter(None, [chart.title, *chart.categories]))
    reads = []
    for rows, columns in _text_lines(coverage > 0.5):
        height = rows.stop - rows.start
        pad = max(4, height // 3)
        part = np.pad(coverage[rows, columns], pad)
        image = Image.fromarray((255 * (1.0 - part)).astype(np.uint8), "L")
        scale = min(4.0, max(0.5, line_height / height))
        if scale != 1.0:
            size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
            image = image.resize(size, Image.Resampling.LANCZOS)
        text = ocr.read(image, script=chart.script, single_line=True, alphabet=alphabet).text.strip()
        if text:
            reads.append(text)
    return reads


def _ink_coverage(patch: FloatImage, backdrop: NDArray[np.float32], ink: NDArray[np.float32]) -> FloatImage:
    """How much of the text colour each pixel holds (0..1): its place on the line from the backdrop to the ink,
    where it lies near that line (antialiased text is a blend of the two; bars and lines in other colours are not)."""
    direction = ink - backdrop
    length = float(np.dot(direction, direction))
    if length < 1.0:
        return np.zeros(patch.shape[:2], np.float32)
    offset = patch - backdrop
    share = np.clip(offset @ direction / length, 0.0, 1.0)
    residual = np.linalg.norm(offset - share[..., None] * direction, axis=-1)
    return np.where(residual < TEXT_RESIDUAL, share, 0.0).astype(np.float32)


def _text_lines(mask: Mask) -> list[tuple[slice, slice]]:
    """The boxes of the lines of text in `mask`: its letters (rules left out) joined along each line."""
    labels, count = ndimage.label(mask)
    if not count:
        return []
    boxes = ndimage.find_objects(labels)
    heights = np.array([b[0].stop - b[0].start for b in boxes])
    widths = np.array([b[1].stop - b[1].start for b in boxes])
    letters = (heights >= 3) & (widths < 12 * np.maximum(heights, 1))  # a long thin run is a rule, not a letter
    if not letters.any():
        return []
    kept = np.isin(labels, np.flatnonzero(letters) + 1)
    letter_height = float(np.median(heights[letters]))
    reach = max(2, round(0.9 * letter_height))  # joins the letters and words of a line, not neighbouring labels
    joined = ndimage.binary_dilation(kept, structure=np.ones((1, 2 * reach + 1), bool))
    lines, _ = ndimage.label(joined)
    found = []
    for rows, columns in ndimage.find_objects(lines):
        ys, xs = np.nonzero(kept[rows, columns])
        if len(ys) and ys.max() - ys.min() >= 3:
            found.append((
                slice(rows.start + int(ys.min()), rows.start + int(ys.max()) + 1),
                slice(columns.start + int(xs.min()), columns.start + int(xs.max()) + 1),
            ))  # fmt: skip
    return sorted(found, key=lambda box: (box[0].start, box[1].start))


# Geometry ---------------------------------------------------------------------------------------------------------


def _measure_geometry(
    chart: ChartElement, patch: FloatImage, backdrop: NDArray[np.float32], coverage: FloatImage
) -> _Geometry:
    if chart.chart == "scatter":
        return _unmeasured("the points' positions are not measured")
    if chart.chart in ("pie", "donut"):
        return _slice_geometry(chart, patch, backdrop)
    if any(series.color is None for series in chart.series):
        return _unmeasured("the plan does not record every series' colour (was it laid out by the renderer?)")
    masks = _series_masks(patch, [series.color or "" for series in chart.series])
    if chart.chart in _BAR_CHARTS:
        return _bar_geometry(chart, masks)
    return _line_geometry(chart, [mask[_plot_top(coverage, mask) :] for mask in masks])


def _unmeasured(reason: str) -> _Geometry:
    return _Geometry(None, f"not verified: {reason}", f"geometry not verified: {reason}")


def _series_masks(patch: FloatImage, colors: list[str]) -> list[Mask]:
    """Per series, the pixels nearest its colour and within MATCH_DELTA_E of it."""
    lab = rgb_to_lab(patch)
    targets = rgb_to_lab(np.array([hex_to_rgb(color) for color in colors], np.float32))
    distances = np.stack([delta_e(lab, target) for target in targets])
    nearest = distances.argmin(axis=0)
    close = distances.min(axis=0) < MATCH_DELTA_E
    return [close & (nearest == index) for index in range(len(colors))]


def _tolerance(longest: float) -> float:
    return max(MIN_TOLERANCE_PX, LENGTH_TOLERANCE * longest)


def _bar_geometry(chart: ChartElement, masks: list[Mask]) -> _Geometry:
    if any(value < 0 for series in chart.series for value in series.values):
        return _unmeasured("bars below zero are not measured")
    if chart.chart in ("bar", "stacked_bar"):
        # Turned a quarter: the bars then stand on a baseline at the bottom, the first category on the left.
        masks = [mask.T[::-1] for mask in masks]
    stacked = chart.chart.startswith("stacked")
    union = np.logical_or.reduce(masks)
    baseline = _baseline(union)
    if baseline is None:
        return _Geometry(False, "no bars found in the series colours", "no pixels of any series colour in the box")
    measure = _stack_lengths(chart, masks, union, baseline) if stacked else _bar_lengths(chart, masks, baseline)
    lengths, problems = measure
    if problems:
        return _Geometry(False, "; ".join(problems), f"bars standing on the baseline {baseline} px into the box")
    return _compare_lengths(chart, lengths)


def _baseline(union: Mask) -> int | None:
    """The row the bars stand on: the bottom edge that the most bar pixels share."""
    labels, count = ndimage.label(union)
    if not count:
        return None
    bottoms: dict[int, int] = {}
    for index, (rows, columns) in enumerate(ndimage.find_objects(labels), start=1):
        if columns.stop - columns.start >= 3:
            area = int(np.count_nonzero(labels[rows, columns] == index))
            bottoms[rows.stop] = bottoms.get(rows.stop, 0) + area
    if not bottoms:
        return None
    return max(bottoms, key=lambda bottom: sum(a for b, a in bottoms.items() if abs(b - bottom) <= 2))


def _standing(mask: Mask, baseline: int) -> list[tuple[slice, slice]]:
    """The boxes of `mask`'s blobs at least 3 px wide whose bottom is on the baseline, left to right."""
    labels, _ = ndimage.label(mask)
    boxes = [
        (rows, columns) for rows, columns in ndimage.find_objects(labels)
        if abs(rows.stop - baseline) <= 2 and columns.stop - columns.start >= 3
    ]  # fmt: skip
    return sorted(boxes, key=lambda box: box[1].start)


_Lengths = dict[tuple[int, int], float]  # (series, category) -> pixels


def _bar_lengths(chart: ChartElement, masks: list[Mask], baseline: int) -> tuple[_Lengths, list[str]]:
    """Each series' bars on the baseline, left to right, one per value above zero; a value of zero has none."""
    lengths: _Lengths = {}
    problems = []
    for index, (series, mask) in enumerate(zip(chart.series, masks, strict=True)):
        bars = _standing(mask, baseline)
        shown = [category for category, value in enumerate(series.values) if value > 0]
        if len(bars) != len(shown):
            drawn = [float(baseline - rows.start) for rows, _ in bars]
            unshown = _without_bars(drawn, [series.values[category] for category in shown])
            named = ", ".join(repr(_category_name(chart, shown[i])) for i in unshown)
            problems.append(
                f"series {series.name!r}: {len(bars)} bar(s) in {series.color} stand on the baseline where "
                f"{len(shown)} value(s) are above zero" + (f"; no bar for {named}" if named else "")
            )
            continue
        for category, (rows, _) in zip(shown, bars, strict=True):
            lengths[index, category] = float(baseline - rows.start)
        lengths.update({(index, c): 0.0 for c, v in enumerate(series.values) if v == 0})
    return lengths, problems


def _without_bars(lengths: list[float], values: list[float]) -> list[int]:
    """Which of `values` (all above zero) have no bar, when exactly one choice of them leaves the bars drawn
    (`lengths`, in order) in proportion to the other values; none when no choice, or more than one, does (equal
    values cannot be told apart by their lengths)."""
    missing = len(values) - len(lengths)
    if missing <= 0 or not lengths or math.comb(len(values), missing) > MAX_MISSING_CHOICES:
        return []
    tolerance = _tolerance(max(lengths))
    fits = []
    for left_out in combinations(range(len(values)), missing):
        kept = [value for index, value in enumerate(values) if index not in left_out]
        scale = float(np.median([length / value for length, value in zip(lengths, kept, strict=True)]))
        if all(abs(length - value * scale) <= tolerance for length, value in zip(lengths, kept, strict=True)):
            fits.append(list(left_out))
    return fits[0] if len(fits) == 1 else []


def _stack_lengths(chart: ChartElement, masks: list[Mask], union: Mask, baseline: int) -> tuple[_Lengths, list[str]]:
    """The stacks on the baseline, one per category adding up above zero; each series' segment measured down the
    middle of its stack."""
    totals = [sum(series.values[c] for series in chart.series) for c in range(len(chart.series[0].values))]
    shown = [category for category, total in enumerate(totals) if total > 0]
    stacks = _standing(union, baseline)
    if len(stacks) != len(shown):
        return {}, [f"{len(stacks)} stack(s) stand on the baseline where {len(shown)} categories add up above zero"]
    lengths: _Lengths = {}
    for category, (rows, columns) in zip(shown, stacks, strict=True):
        quarter = max(1, (columns.stop - columns.start) // 4)
        middle = slice(columns.start + quarter, columns.stop - quarter)  # clear of the antialiased sides
        for index, mask in enumerate(masks):
            # A segment's extent, not its pixel count: a value label inside it covers some of its pixels.
            lengths[index, category] = float(np.median([_extent(column) for column in mask[rows, middle].T]))
    return lengths, []


def _extent(column: Mask) -> int:
    rows = np.flatnonzero(column)
    return int(rows[-1] - rows[0] + 1) if len(rows) else 0


def _compare_lengths(chart: ChartElement, lengths: _Lengths) -> _Geometry:
    values = {key: chart.series[key[0]].values[key[1]] for key in lengths}
    scale = float(np.median([lengths[key] / values[key] for key in lengths if values[key] > 0]))
    longest = max(lengths.values())
    largest = max(values.values())
    tolerance = _tolerance(longest)
    wrong = []
    for key, length in lengths.items():
        if abs(length - values[key] * scale) > tolerance:
            series, category = chart.series[key[0]], _category_name(chart, key[1])
            wrong.append(
                f"{category!r} of {series.name!r}: {length:.0f} px long, {length / longest:.0%} of the longest "
                f"where its value {values[key]:g} is {values[key] / largest:.0%} of the largest "
                f"(expected {values[key] * scale:.0f} px)"
            )
    kind = "segments" if chart.chart.startswith("stacked") else "bars"
    measured = f"{len(lengths)} {kind} measured" + (": " + "; ".join(wrong) if wrong else ", all in proportion")
    evidence = (
        f"{kind} found in their series colours (nearest colour, CIE76 ΔE < {MATCH_DELTA_E:g}) on a common baseline; "
        f"{scale:.2f} px per unit (median length over value); each length within {tolerance:.1f} px "
        f"(max({MIN_TOLERANCE_PX:g} px, {LENGTH_TOLERANCE:.0%} of the longest, {longest:.0f} px))"
    )
    return _Geometry(not wrong, measured, evidence)


def _category_name(chart: ChartElement, index: int) -> str:
    return chart.categories[index] if index < len(chart.categories) else f"value {index + 1}"


def _line_geometry(chart: ChartElement, masks: list[Mask]) -> _Geometry:
    count = len(chart.series[0].values)
    if count < 2:
        return _unmeasured("a line of one point has no shape to measure")
    points: list[tuple[float, float, str]] = []  # (value, row, where)
    for series, mask in zip(chart.series, masks, strict=True):
        if not mask.any():
            return _Geometry(False, f"no line in {series.color} for series {series.name!r}", "no pixels of its colour")
        ys, xs = np.nonzero(mask)
        left, right = int(xs.min()), int(xs.max())
        for category, value in enumerate(series.values):
            x = left + category * (right - left) / (count - 1)
            near = np.abs(xs - x) <= 2
            if near.any():
                points.append(
                    (value, float(ys[near].mean()), f"{_category_name(chart, category)!r} of {series.name!r}")
                )
    if len(points) < 3:
        return _unmeasured("too few of the lines' points were found")
    values, rows = np.array([p[0] for p in points]), np.array([p[1] for p in points])
    if np.ptp(values) == 0:
        return _unmeasured("every value is the same, so the lines' heights say nothing about them")
    slope, intercept = np.polyfit(values, rows, 1)
    span = float(np.ptp(rows))
    tolerance = _tolerance(span)
    off = [f"{where} ({row - (slope * value + intercept):+.0f} px)" for value, row, where in points
           if abs(row - (slope * value + intercept)) > tolerance]  # fmt: skip
    if slope >= 0:
        off.insert(0, "larger values are not drawn higher")
    measured = f"{len(points)} points measured" + (
        ": off the values' line at " + "; ".join(off) if off else ", all in proportion"
    )
    evidence = (
        f"each line in its series colour (nearest colour, ΔE < {MATCH_DELTA_E:g}), its height at {count} category "
        f"positions spread evenly between its ends; heights fitted as one straight function of the values "
        f"({-slope:.2f} px per unit), each within {tolerance:.1f} px (max({MIN_TOLERANCE_PX:g} px, "
        f"{LENGTH_TOLERANCE:.0%} of the {span:.0f} px span))"
    )
    return _Geometry(not off, measured, evidence)


def _plot_top(coverage: FloatImage, mask: Mask) -> int:
    """The first row of the plot: a little above its top gridline, whose value no point exceeds (the legend's
    samples of the lines lie above it); 0 when there are no gridlines."""
    faint = (coverage > GRID_COVERAGE[0]) & (coverage < GRID_COVERAGE[1])
    gridlines = np.flatnonzero(faint.mean(axis=1) >= GRID_SHARE)
    if not len(gridlines):
        return 0
    drawn_columns = mask.any(axis=0)
    thickness = float(np.median(mask.sum(axis=0)[drawn_columns])) if drawn_columns.any() else 0.0
    # A point on the top gridline reaches above it by its marker's radius: about one and a half line widths.
    return max(0, int(gridlines[0] - 2 * thickness - 2))


def _slice_geometry(chart: ChartElement, patch: FloatImage, backdrop: NDArray[np.float32]) -> _Geometry:
    values = [max(0.0, value) for value in chart.series[0].values]
    total = sum(values)
    if total <= 0:
        return _unmeasured("the values add up to nothing")
    lab = rgb_to_lab(patch)
    drawn = delta_e(lab, rgb_to_lab(backdrop)) > BACKDROP_DELTA_E
    ring = _ring_box(drawn)
    if ring is None:
        return _Geometry(False, "no ring or disc found", "nothing drawn in the box stands out from its backdrop")
    centre_y, centre_x, radius = ring
    samples = max(720, round(2 * np.pi * radius))
    angles = np.arange(samples) * 2 * np.pi / samples
    sample_radius = 0.79 * radius  # inside a donut's ring (0.58 to 1 of the radius) and a pie's disc
    ys = np.clip(np.round(centre_y - sample_radius * np.cos(angles)).astype(int), 0, patch.shape[0] - 1)
    xs = np.clip(np.round(centre_x + sample_radius * np.sin(angles)).astype(int), 0, patch.shape[1] - 1)
    shares = _run_shares(lab[ys, xs], drawn[ys, xs])
    expected = [value / total for value in values if value > 0]
    names = [_category_name(chart, i) for i, value in enumerate(values) if value > 0]
    evidence = (
        f"the ring found at ({centre_x:.0f},{centre_y:.0f}) in the box, radius {radius:.0f} px, sampled at "
        f"{samples} points on a circle of {sample_radius:.0f} px from 12 o'clock clockwise; runs of one colour "
        f"between gaps are slices, each share within {SHARE_TOLERANCE:.0%} of the circle"
    )
    if len(shares) != len(expected):
        return _Geometry(False, f"{len(shares)} slices found where {len(expected)} values are above zero", evidence)
    wrong = [
        f"{name!r}: {share:.1%} of the circle where its value is {want:.1%} of the total"
        for name, share, want in zip(names, shares, expected, strict=True)
        if abs(share - want) > SHARE_TOLERANCE
    ]
    measured = f"{len(shares)} slices measured" + (": " + "; ".join(wrong) if wrong else ", all in proportion")
    return _Geometry(not wrong, measured, evidence)


def _ring_box(drawn: Mask) -> tuple[float, float, float] | None:
    """The centre (row, column) and radius of the largest drawn blob, gaps between slices bridged."""
    joined, count = ndimage.label(ndimage.binary_dilation(drawn, iterations=3))
    if not count:
        return None
    largest = int(np.argmax(np.bincount(joined.ravel())[1:])) + 1
    rows, columns = ndimage.find_objects((joined == largest).astype(np.int32))[0]
    height, width = rows.stop - rows.start - 6, columns.stop - columns.start - 6
    if min(height, width) < 8:
        return None
    return (rows.start + rows.stop) / 2, (columns.start + columns.stop) / 2, min(height, width) / 2


def _run_shares(colors: FloatImage, drawn: Mask) -> list[float]:
    """The shares of the circle that the runs of one colour take, in order, each gap split between its neighbours.
    A run of one or two samples is an antialiased edge between a slice and a gap, not a slice: it counts as gap."""
    runs: list[list[int]] = []  # [start, stop) of each run of samples
    for index in map(int, np.flatnonzero(drawn)):
        if runs and runs[-1][1] == index and float(delta_e(colors[index], colors[index - 1])) < MATCH_DELTA_E:
            runs[-1][1] = index + 1
        else:
            runs.append([index, index + 1])
    runs = [run for run in runs if run[1] - run[0] > 2]
    if not runs:
        return []
    count = len(colors)
    # The gap after each run, up to the next (the last one's wraps round past 12 o'clock to the first).
    after = [(runs[(i + 1) % len(runs)][0] - run[1]) % count for i, run in enumerate(runs)]
    if len(runs) == 1:
        after = [count - (runs[0][1] - runs[0][0])]
    sizes = [run[1] - run[0] + (after[i] + after[i - 1]) / 2 for i, run in enumerate(runs)]
    return [size / count for size in sizes]

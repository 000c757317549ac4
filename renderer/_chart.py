"""Drawing a chart leaf with matplotlib (Agg), in the plan's fonts and colours, into its laid-out box.

The figure is exactly the box in pixels (72 dpi, so a point is a pixel) on a transparent ground, composited over
what is already painted. Text is set in the Noto face FontBook gives the chart's script, passed to matplotlib by
file (the Latin face for a string the script's face lacks letters of, such as digits and '%' in Thai), never by a
family name the system may resolve elsewhere. Series colours come from the laid-out plan (`_chart_palette`).

Look: no top or right spine; a quiet baseline under the categories; light gridlines on the value axis only, which
starts at zero for bars and areas; no tick marks; the title left-aligned and bold above everything; the legend
(asked for, or more than one series) in a row under the title, or beside a pie; value labels with the unit.
Sizes, with s the box's short edge: labels 5% of s, at most the canvas's caption size (2.4% of its short edge),
never under 10 px; the title a step (x1.33) larger. `x_title` names the category axis, `y_title` the value axis,
whichever way the bars run.
"""

from __future__ import annotations

import io
import math
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
from PIL import Image

from tessera.contract import (
    MIN_TEXT_SIZE,
    RGB,
    Box,
    ChartElement,
    DrawnItem,
    Frame,
    GradientBackground,
    LayoutPlan,
    contrast_ratio,
    hex_to_rgb,
    rgb_to_hex,
)
from tessera.contract.plan import clamped_box
from tessera.renderer._chart_palette import slice_colors
from tessera.renderer._colors import background_color, mix, readable_ink
from tessera.renderer._fonts import FontBook, FontFace, covers, load_font
from tessera.renderer._wrap import paragraphs

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.container import BarContainer
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.text import Text

_DPI = 72  # a point is a pixel
_LABEL_SHARE = 0.05  # of the box's short edge
_CAPTION_SHARE = 0.024  # of the canvas's short edge: the plan's caption size, the most a chart label is set at
_TITLE_STEP = 1.33
_BAR_SHARE = 0.62  # of a category's slot: a single bar, or a stack
_GROUP_SHARE = 0.8  # of a category's slot: a group of bars side by side
_BAR_GAP = 0.1  # of a grouped bar's room, left between neighbours
_DONUT_RING = 0.42  # of the radius: a donut's ring
_GRID_MIX, _BASELINE_MIX, _MUTED_MIX = 0.86, 0.55, 0.25  # towards the backdrop: gridlines, baseline, tick labels
_MAGNITUDES = frozenset({"k", "K", "M", "B", "bn", "m", "mn"})
_TIGHT_UNITS = _MAGNITUDES | {"%", "‰", "°", "x", "×"}  # written with no space before them
# matplotlib shares font and text caches between figures and is not thread-safe: one chart at a time.
_MATPLOTLIB = threading.Lock()
ChartKind = Literal["bar", "column", "stacked_bar", "stacked_column", "line", "area", "pie", "donut", "scatter"]


@dataclass(frozen=True)
class PaintedChart:
    """What painting a chart left: where its ink lies, the face and size its labels were set in, notices."""

    ink_box: Box | None
    font_file: str
    label_size: int
    notices: list[str]


@dataclass(frozen=True)
class _Look:
    """The chart's type and colours: faces by file, label and title sizes, ink, and what lies behind the chart."""

    regular: FontFace
    bold: FontFace
    latin_regular: FontFace
    latin_bold: FontFace
    size: int
    ink: RGB
    backdrop: RGB

    @property
    def title_size(self) -> int:
        return round(self.size * _TITLE_STEP)

    def font(self, text: str, *, bold: bool = False, size: float | None = None) -> FontProperties:
        """The face that has every letter of `text` (the script's, else the Latin one), by file, at `size` px.

        The family name and weight go along for the SVG, which names the face rather than embedding it."""
        from matplotlib.font_manager import FontPath, FontProperties

        face = self.face(text, bold=bold)
        return FontProperties(
            family=face.family,
            weight="bold" if bold else "normal",
            fname=FontPath(str(face.path), face.index),
            size=size or self.size,
        )

    def face(self, text: str, *, bold: bool = False) -> FontFace:
        own, latin = (self.bold, self.latin_bold) if bold else (self.regular, self.latin_regular)
        letters = [char for char in text if not char.isspace()]
        if all(covers(own, char) for char in letters) or not all(covers(latin, char) for char in letters):
            return own
        return latin

    def width(self, text: str, size: int | None = None) -> float:
        """How wide `text` is set, in pixels (its longest line)."""
        font = load_font(self.face(text), size or self.size)
        return max(font.getlength(line) for line in paragraphs(text))

    def hex(self, share_to_backdrop: float = 0.0) -> str:
        return rgb_to_hex(mix(self.ink, self.backdrop, share_to_backdrop))

    @property
    def muted(self) -> str:
        """Tick labels: the ink a little softer, where that still reads (WCAG 4.5:1)."""
        softer = mix(self.ink, self.backdrop, _MUTED_MIX)
        return rgb_to_hex(softer if contrast_ratio(softer, self.backdrop) >= 4.5 else self.ink)


def draw_chart(
    image: Image.Image, chart: ChartElement, plan: LayoutPlan, fonts: FontBook, notices: list[str]
) -> DrawnItem:
    """Draw `chart` (of the laid-out `plan`) onto `image` and say what was drawn; notices get what users should know."""
    canvas_short_edge = min(plan.canvas.width, plan.canvas.height)
    painted = paint_chart(image, chart, fonts, canvas_short_edge, backdrop_behind(plan, chart.id))
    notices.extend(painted.notices)
    return DrawnItem(
        element_id=chart.id, kind="chart", box=chart.placed_box, ink_box=painted.ink_box, font_file=painted.font_file,
        font_size=painted.label_size,
    )  # fmt: skip


def paint_chart(
    image: Image.Image, chart: ChartElement, fonts: FontBook, canvas_short_edge: int, backdrop: RGB
) -> PaintedChart:
    """Draw `chart` into its box on `image`, over `backdrop` (the colour behind it, for gaps between slices)."""
    box = chart.placed_box
    look = _look(chart, fonts, canvas_short_edge, backdrop)
    notices: list[str] = []
    with _MATPLOTLIB:
        rgba = _rendered(chart, look, notices)
    layer = Image.fromarray(rgba, "RGBA")
    image.paste(layer, (box.x, box.y), layer)
    return PaintedChart(_ink_box(rgba, box, image.size), str(look.regular.path), look.size, notices)


def backdrop_behind(plan: LayoutPlan, node_id: str) -> RGB:
    """The colour behind a node: its nearest enclosing frame's solid fill (a gradient's middle), else the
    background's."""
    found = background_color(plan.background)
    for frame in _frames_around(plan.root, node_id) or []:
        if isinstance(frame.fill, GradientBackground):
            found = _middle(frame.fill)
        elif frame.fill is not None:
            found = hex_to_rgb(frame.fill)
    return found


def _frames_around(frame: Frame, node_id: str) -> list[Frame] | None:
    """The frames from `frame` down to the one holding `node_id`; None when it is not under `frame`."""
    for child in frame.children:
        if child.id == node_id:
            return [frame]
        if isinstance(child, Frame):
            below = _frames_around(child, node_id)
            if below is not None:
                return [frame, *below]
    return None


def _middle(gradient: GradientBackground) -> RGB:
    return mix(hex_to_rgb(gradient.start), hex_to_rgb(gradient.end), 0.5)


def _look(chart: ChartElement, fonts: FontBook, canvas_short_edge: int, backdrop: RGB) -> _Look:
    box = chart.placed_box
    size = max(MIN_TEXT_SIZE, min(round(_LABEL_SHARE * min(box.w, box.h)), round(_CAPTION_SHARE * canvas_short_edge)))
    return _Look(
        regular=fonts.text_face(chart.script, "regular"),
        bold=fonts.text_face(chart.script, "bold"),
        latin_regular=fonts.text_face("latin", "regular"),
        latin_bold=fonts.text_face("latin", "bold"),
        size=size,
        ink=hex_to_rgb(chart.color),
        backdrop=backdrop,
    )


def chart_svg(chart: ChartElement, plan: LayoutPlan, fonts: FontBook) -> str:
    """`chart` (of the laid-out `plan`) as an SVG document the size of its box, drawn as `draw_chart` draws it, its
    text kept as text in the fonts' family names (matplotlib's `svg.fonttype: none`)."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    look = _look(chart, fonts, min(plan.canvas.width, plan.canvas.height), backdrop_behind(plan, chart.id))
    buffer = io.StringIO()
    with _MATPLOTLIB, matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": chart.id}):
        FigureCanvasSVG(_figure(chart, look, [])).print_svg(buffer, metadata={"Date": None})
    return buffer.getvalue()


def _rendered(chart: ChartElement, look: _Look, notices: list[str]) -> np.ndarray:
    """The chart as an RGBA array exactly the size of its box."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    box = chart.placed_box
    canvas = FigureCanvasAgg(_figure(chart, look, notices))
    canvas.draw()
    return np.asarray(canvas.buffer_rgba())[: box.h, : box.w].copy()


def _figure(chart: ChartElement, look: _Look, notices: list[str]) -> Figure:
    """The chart's figure, exactly the size of its box: the title and legend row in a band at the top, the plot
    laid out by matplotlib's constrained layout in the room below."""
    from matplotlib.figure import Figure
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    box = chart.placed_box
    # A hair over the size: matplotlib truncates the figure's pixel size, and w / 72 * 72 can fall just short.
    figure = Figure(figsize=((box.w + 0.01) / _DPI, (box.h + 0.01) / _DPI), dpi=_DPI)
    figure.patch.set_alpha(0.0)
    legend_rows = _legend_grid(chart, look)[1] if _has_legend_row(chart) else 0
    title = _title_lines(chart.title, look, box.w) if chart.title else ""
    title_height = round(look.title_size * 1.3 * (title.count("\n") + 1)) if title else 0
    legend_height = round(legend_rows * look.size * 1.5)
    band = title_height + legend_height + round(look.size * (0.5 if title_height and legend_height else 0))
    band += round(look.size * 0.8) if band else 0
    pad = max(2, look.size // 4) / _DPI
    top = max(0.2, 1 - band / box.h)
    figure.set_layout_engine(ConstrainedLayoutEngine(w_pad=pad, h_pad=pad, wspace=0, hspace=0, rect=(0, 0, 1, top)))
    axes = figure.add_subplot()
    axes.patch.set_alpha(0.0)
    _draw(chart, axes, look, notices)
    if title:
        text = figure.text(0.0, 1.0, title, ha="left", va="top", color=look.hex(), parse_math=False, linespacing=1.2)
        text.set_fontproperties(look.font(title, bold=True, size=look.title_size))
    if legend_rows:
        below_title = title_height + round(look.size * 0.5) if title_height else 0
        _legend_row(chart, axes, figure, look, 1 - below_title / box.h)
    return figure


def _draw(chart: ChartElement, axes: Axes, look: _Look, notices: list[str]) -> None:
    if chart.chart in ("pie", "donut"):
        _draw_pie(chart, axes, look, notices)
    elif chart.chart in ("bar", "column", "stacked_bar", "stacked_column"):
        _draw_bars(chart, axes, look)
    elif chart.chart in ("line", "area"):
        _draw_lines(chart, axes, look)
    else:
        _draw_scatter(chart, axes, look)


def _title_lines(title: str, look: _Look, width: int) -> str:
    """The title on one line, or on two where one would run past the box (bold sets about 5% wider)."""
    return title if 1.05 * look.width(title, look.title_size) <= width else _two_lines(title, look)


def _has_legend_row(chart: ChartElement) -> bool:
    """A pie names its slices beside the ring; other charts name their series in a row when asked or when more than
    one series is drawn."""
    if chart.chart in ("pie", "donut"):
        return False
    return chart.legend if chart.legend is not None else len(chart.series) > 1


# Bars ------------------------------------------------------------------------------------------------------------


def _draw_bars(chart: ChartElement, axes: Axes, look: _Look) -> None:
    horizontal = chart.chart in ("bar", "stacked_bar")
    stacked = chart.chart.startswith("stacked")
    count = _point_count(chart)
    positions = np.arange(count, dtype=float)
    positive, negative = np.zeros(count), np.zeros(count)
    room = (_BAR_SHARE if stacked or len(chart.series) == 1 else _GROUP_SHARE) / (1 if stacked else len(chart.series))
    for index, series in enumerate(chart.series):
        values = np.array(series.values, dtype=float)
        if stacked:
            starts, where, thickness = np.where(values >= 0, positive, negative), positions, room
            positive, negative = positive + np.maximum(values, 0), negative + np.minimum(values, 0)
        else:
            starts, thickness = np.zeros(count), room * (1 - _BAR_GAP if len(chart.series) > 1 else 1)
            where = positions + (index - (len(chart.series) - 1) / 2) * room
        bar = axes.barh if horizontal else axes.bar
        container = bar(where, values, thickness, starts, color=series.color, zorder=3, label=series.name)
        labels = [_format_value(value, chart.unit) for value in values] if chart.value_labels else []
        if labels and stacked:
            _values_in_segments(axes, container, labels, chart, look, hex_to_rgb(series.color or chart.color))
        elif labels:
            texts = axes.bar_label(container, labels, padding=look.size * 0.3, color=look.hex())
            for text in texts:
                _set_font(text, look)
    low, high = min(0.0, float(negative.min()) if stacked else _lowest(chart)), _highest(chart, stacked=stacked)
    _value_axis(axes, chart, look, low, high, "x" if horizontal else "y")
    _category_axis(axes, chart, look, count, "y" if horizontal else "x")
    if horizontal:
        axes.invert_yaxis()  # the first category on top, as it is read


def _values_in_segments(
    axes: Axes, container: BarContainer, labels: list[str], chart: ChartElement, look: _Look, fill: RGB
) -> None:
    """Each segment's value inside it, in an ink that reads on its colour, where the segment is long enough."""
    box = chart.placed_box
    horizontal = chart.chart == "stacked_bar"
    px_per_unit = 0.7 * (box.w if horizontal else box.h) / max(1e-9, _highest(chart, stacked=True) - _lowest(chart))
    fits = [
        abs(bar.get_width() if horizontal else bar.get_height()) * px_per_unit
        > (look.width(label) if horizontal else look.size * 1.2)
        for bar, label in zip(container.patches, labels, strict=True)
    ]
    shown = [label if fit else "" for label, fit in zip(labels, fits, strict=True)]
    for text in axes.bar_label(container, shown, label_type="center", color=rgb_to_hex(readable_ink(fill))):
        _set_font(text, look)


# Lines, areas, points ------------------------------------------------------------------------------------------


def _draw_lines(chart: ChartElement, axes: Axes, look: _Look) -> None:
    count = _point_count(chart)
    positions = np.arange(count, dtype=float)
    width = max(2.0, look.size * 0.16)
    if chart.chart == "area":
        for series in chart.series:  # every fill under every line: a later fill never tints an earlier line
            axes.fill_between(positions, series.values, 0, color=series.color, alpha=0.16, linewidth=0, zorder=2)
    for series in chart.series:
        axes.plot(
            positions, series.values, color=series.color, linewidth=width, marker="o", markersize=width * 3,
            markeredgecolor=rgb_to_hex(look.backdrop), markeredgewidth=width * 0.5, solid_capstyle="round",
            solid_joinstyle="round", zorder=3, label=series.name,
        )  # fmt: skip
        if chart.value_labels:
            for x, value in zip(positions, series.values, strict=True):
                _point_label(axes, look, _format_value(value, chart.unit), (x, value), width * 2)
    from_zero = chart.chart == "area" or _lowest(chart) <= 0 or _lowest(chart) < 0.5 * _highest(chart, stacked=False)
    low = min(0.0, _lowest(chart)) if from_zero else _lowest(chart)
    _value_axis(axes, chart, look, low, _highest(chart, stacked=False), "y")
    _category_axis(axes, chart, look, count, "x")


def _draw_scatter(chart: ChartElement, axes: Axes, look: _Look) -> None:
    xs = np.array(chart.x_values if chart.x_values else range(_point_count(chart)), dtype=float)
    area = (look.size * 0.7) ** 2
    for series in chart.series:
        axes.scatter(
            xs, series.values, s=area, color=series.color, edgecolors=rgb_to_hex(look.backdrop),
            linewidths=max(1.0, look.size / 14), zorder=3, label=series.name,
        )  # fmt: skip
    if chart.x_values and len(chart.categories) == len(chart.x_values):
        # Named points: each name beside its point (of the first series: the names belong to the x values).
        for x, value, name in zip(xs, chart.series[0].values, chart.categories, strict=True):
            _point_label(axes, look, name, (x, value), look.size * 0.5)
    low, high = _lowest(chart), _highest(chart, stacked=False)
    _value_axis(axes, chart, look, min(0.0, low) if low >= 0 and low < 0.5 * high else low, high, "y")
    if chart.x_values:
        span = max(chart.x_values) - min(chart.x_values) or 1.0
        axes.set_xlim(min(chart.x_values) - 0.06 * span, max(chart.x_values) + 0.06 * span)
        _number_ticks(axes, look, "x", [float(tick) for tick in axes.get_xticks()], None)
        _quiet_frame(axes, look, "x")
        axes.tick_params(axis="x", length=0, pad=look.size * 0.5)
        if chart.x_title:
            axes.set_xlabel(chart.x_title, color=look.muted, fontproperties=look.font(chart.x_title), parse_math=False)
    else:
        _category_axis(axes, chart, look, len(xs), "x")


def _point_label(axes: Axes, look: _Look, text: str, at: tuple[float, float], lift: float) -> None:
    label = axes.annotate(
        text, at, xytext=(0, lift), textcoords="offset points", ha="center", va="bottom", color=look.hex(),
        parse_math=False, zorder=4,
    )  # fmt: skip
    _set_font(label, look)


# Pie and donut ---------------------------------------------------------------------------------------------------


def _draw_pie(chart: ChartElement, axes: Axes, look: _Look, notices: list[str]) -> None:
    series = chart.series[0]
    if len(chart.series) > 1:
        notices.append(
            f"chart {chart.id!r} is a {chart.chart}: only its first series ({series.name!r}) is drawn; "
            "make it a column or bar chart to show every series"
        )
    values = [max(0.0, value) for value in series.values]
    if any(value < 0 for value in series.values):
        notices.append(f"chart {chart.id!r} is a {chart.chart}: its negative values are drawn as 0")
    axes.set_axis_off()
    total = sum(values)
    if total <= 0:
        notices.append(f"chart {chart.id!r} has nothing to draw: its values add up to {_format_number(total)}")
        return
    colors = slice_colors(series, look.ink, len(values))
    ring = {"width": _DONUT_RING} if chart.chart == "donut" else {}
    separator = max(1.5, look.size / 8)
    axes.pie(
        values, colors=colors, startangle=90, counterclock=False,
        wedgeprops={**ring, "edgecolor": rgb_to_hex(look.backdrop), "linewidth": separator},
    )  # fmt: skip
    axes.set_aspect("equal")
    if chart.chart == "donut":
        _donut_centre(axes, look, None if chart.unit == "%" else _format_value(total, chart.unit), series.name)
    names = chart.categories or [f"{index + 1}" for index in range(len(values))]
    shares = [f"{name}  {_share(value, total)}" for name, value in zip(names, values, strict=True)]
    if chart.value_labels:
        shares = [f"{entry} ({_format_value(v, chart.unit)})" for entry, v in zip(shares, values, strict=True)]
    axes.set_anchor("W")  # the ring under the title, its legend beside it
    legend = axes.legend(
        axes.patches, shares, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, borderaxespad=1.5,
        handlelength=0.9, handleheight=0.9, handletextpad=0.6, labelspacing=0.7, labelcolor=look.hex(),
        prop=look.font(" ".join(shares)),
    )  # fmt: skip
    for text in legend.get_texts():
        _set_font(text, look)


def _donut_centre(axes: Axes, look: _Look, total: str | None, name: str) -> None:
    """The total in the ring's hole, the series name under it (alone where the values are shares already)."""
    if total is not None:
        big = axes.text(0, 0.06, total, ha="center", va="bottom", color=look.hex(), parse_math=False)
        big.set_fontproperties(look.font(total, bold=True, size=look.title_size * 1.2))
    small = axes.text(0, -0.02 if total else 0, name, ha="center", va="top" if total else "center", parse_math=False)
    _set_font(small, look, color=look.muted)


def _share(value: float, total: float) -> str:
    percent = 100 * value / total
    whole = percent >= 10 or abs(percent - round(percent)) < 0.05
    return f"{percent:.0f}%" if whole else f"{percent:.1f}%"


# Axes ------------------------------------------------------------------------------------------------------------


def _value_axis(axes: Axes, chart: ChartElement, look: _Look, low: float, high: float, axis: Literal["x", "y"]) -> None:
    """Nice round ticks from `low` to `high` (the axis ends on a gridline), labelled with the unit."""
    from matplotlib.ticker import MaxNLocator

    box = chart.placed_box
    length = box.h if axis == "y" else box.w
    bins = max(2, min(6, int(0.7 * length / (look.size * 3))))
    if high <= low:
        high = low + 1.0
    ticks = [float(tick) for tick in MaxNLocator(nbins=bins, steps=[1, 2, 2.5, 5, 10]).tick_values(low, high)]
    (axes.set_ylim if axis == "y" else axes.set_xlim)(ticks[0], ticks[-1])
    _number_ticks(axes, look, axis, ticks, chart.unit)
    axes.grid(axis=axis, color=look.hex(_GRID_MIX), linewidth=max(1.0, look.size / 16), zorder=0)
    axes.set_axisbelow(True)
    axes.tick_params(axis=axis, length=0, pad=look.size * 0.5)
    title = chart.y_title
    if title:
        set_label = axes.set_ylabel if axis == "y" else axes.set_xlabel
        set_label(title, color=look.muted, fontproperties=look.font(title), parse_math=False, labelpad=look.size * 0.5)


def _number_ticks(axes: Axes, look: _Look, axis: Literal["x", "y"], ticks: Sequence[float], unit: str | None) -> None:
    steps = np.diff(np.asarray(ticks, dtype=float))
    decimals = _decimals(float(steps.min())) if len(steps) else 0
    # A zero needs no magnitude: "0", not "0k".
    labels = ["0" if t == 0 and unit in _MAGNITUDES else _format_value(t, unit, decimals=decimals) for t in ticks]
    (axes.set_yticks if axis == "y" else axes.set_xticks)(list(ticks), labels)
    for text in axes.get_yticklabels() if axis == "y" else axes.get_xticklabels():
        _set_font(text, look, color=look.muted)


def _category_axis(axes: Axes, chart: ChartElement, look: _Look, count: int, axis: Literal["x", "y"]) -> None:
    """The categories in order, one per slot, with a quiet baseline along them; long names wrap, then shrink."""
    names = list(chart.categories) or [str(index + 1) for index in range(count)]
    box = chart.placed_box
    slot = (0.85 * box.w / max(1, count)) if axis == "x" else 0.35 * box.w
    names, size, turned = _fitted_names(names, look, slot)
    (axes.set_xticks if axis == "x" else axes.set_yticks)(list(range(count)), names)
    (axes.set_xlim if axis == "x" else axes.set_ylim)(-0.5, count - 0.5)
    for text in axes.get_xticklabels() if axis == "x" else axes.get_yticklabels():
        _set_font(text, look, size=size, color=look.hex())
        if turned:
            text.set_rotation(35)
            text.set_horizontalalignment("right")
            text.set_rotation_mode("anchor")
    axes.tick_params(axis=axis, length=0, pad=look.size * 0.5)
    _quiet_frame(axes, look, axis)
    if chart.x_title:
        set_label = axes.set_xlabel if axis == "x" else axes.set_ylabel
        set_label(chart.x_title, color=look.muted, fontproperties=look.font(chart.x_title), parse_math=False)


def _quiet_frame(axes: Axes, look: _Look, category_axis: Literal["x", "y"]) -> None:
    """Only the category axis keeps its line, in a quiet tone; the bars sit on it."""
    for side, spine in axes.spines.items():
        spine.set_visible(side == ("bottom" if category_axis == "x" else "left"))
        spine.set_color(look.hex(_BASELINE_MIX))
        spine.set_linewidth(max(1.0, look.size / 14))


def _fitted_names(names: list[str], look: _Look, slot: float) -> tuple[list[str], int, bool]:
    """The category names as set in a slot `slot` px wide: on two lines where one is too wide, then smaller (down to
    10 px), then, as a last resort, turned (True)."""
    if max(look.width(name) for name in names) <= 0.92 * slot:
        return names, look.size, False
    wrapped = [_two_lines(name, look) for name in names]
    widest = max(look.width(name) for name in wrapped)
    if widest <= 0.92 * slot:
        return wrapped, look.size, False
    size = max(MIN_TEXT_SIZE, math.floor(look.size * 0.92 * slot / widest))
    if max(look.width(name, size) for name in wrapped) <= 0.92 * slot:
        return wrapped, size, False
    return names, look.size, True


def _two_lines(name: str, look: _Look) -> str:
    """`name` broken at the space that best balances two lines (unchanged when it has no space)."""
    words = name.split()
    if len(words) < 2:
        return name
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    first, second = min(splits, key=lambda pair: max(look.width(pair[0]), look.width(pair[1])))
    return f"{first}\n{second}"


def _legend_grid(chart: ChartElement, look: _Look) -> tuple[int, int]:
    """Columns and rows of the legend row: as many series side by side as the box's width holds."""
    entry = max(look.width(series.name) for series in chart.series) + 3.2 * look.size
    columns = max(1, min(len(chart.series), int(chart.placed_box.w // entry)))
    return columns, math.ceil(len(chart.series) / columns)


def _legend_row(chart: ChartElement, axes: Axes, figure: Figure, look: _Look, top: float) -> None:
    """The series names under the title, from the chart's left edge, in the band kept clear of the data."""
    handles, names = axes.get_legend_handles_labels()
    legend = figure.legend(
        handles, names, loc="upper left", bbox_to_anchor=(0.0, top), ncols=_legend_grid(chart, look)[0],
        frameon=False, borderpad=0.0, borderaxespad=0.0, handlelength=1.2, handleheight=0.8, handletextpad=0.5,
        columnspacing=1.6, labelcolor=look.hex(), prop=look.font(" ".join(names)),
    )  # fmt: skip
    legend.set_in_layout(False)
    for text in legend.get_texts():
        _set_font(text, look)


def _set_font(text: Text, look: _Look, *, size: int | None = None, color: str | None = None) -> None:
    text.set_fontproperties(look.font(text.get_text(), size=size))
    text.set_parse_math(False)
    if color is not None:
        text.set_color(color)


# Numbers ---------------------------------------------------------------------------------------------------------


def _format_value(value: float, unit: str | None, *, decimals: int | None = None) -> str:
    """A value as a label: '$1,200', '45%', '3.5 kg', '$1.6M' (a currency sign before the number, the rest of the
    unit after it)."""
    number = _format_number(abs(value), decimals)
    sign = "−" if value < 0 and number.strip("0.,") else ""
    if not unit:
        return sign + number
    currency = unit[0] if unicodedata.category(unit[0]) == "Sc" else ""
    rest = unit[len(currency) :].strip()
    if not rest:
        return f"{sign}{currency}{number}"
    after = f"{number}{rest}" if rest in _TIGHT_UNITS else f"{number} {rest}"
    return f"{sign}{currency}{after}"


def _format_number(value: float, decimals: int | None = None) -> str:
    """Thousands grouped; as many decimals as given (at most two), or `decimals`."""
    if decimals is None:
        decimals = _decimals(value)
    return f"{value:,.{decimals}f}"


def _decimals(value: float) -> int:
    """The fewest decimals (at most two) that write `value` without rounding it."""
    return next((places for places in range(3) if abs(round(value, places) - value) < 1e-9), 2)


def _point_count(chart: ChartElement) -> int:
    return len(chart.categories) or len(chart.series[0].values)


def _lowest(chart: ChartElement) -> float:
    return min(min(series.values) for series in chart.series)


def _highest(chart: ChartElement, *, stacked: bool) -> float:
    if stacked:
        return float(np.sum([np.maximum(series.values, 0) for series in chart.series], axis=0).max())
    return max(max(series.values) for series in chart.series)


def _ink_box(rgba: np.ndarray, box: Box, canvas_size: tuple[int, int]) -> Box | None:
    """Where the chart left ink, in canvas pixels (clipped to the canvas)."""
    rows, columns = np.nonzero(rgba[..., 3] > 0)
    if not len(rows):
        return None
    drawn = clamped_box(
        box.x + int(columns.min()), box.y + int(rows.min()),
        int(columns.max() - columns.min()) + 1, int(rows.max() - rows.min()) + 1,
    )  # fmt: skip
    return drawn.intersection(Box(x=0, y=0, w=canvas_size[0], h=canvas_size[1]))

"""The layout engine: frames lay their children out as CSS flexbox and grid would, texts take the room their lines
take, frames are painted under their children, and a plan whose leaves all have boxes renders as it always did."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tessera.contract import (
    MIN_TEXT_SIZE,
    Border,
    Box,
    Canvas,
    Frame,
    Insets,
    LayoutPlan,
    RenderResult,
    ShapeElement,
    SolidBackground,
    TextElement,
    drawn_parts,
)
from tessera.renderer import PlanRenderer
from tessera.renderer._fallback import FaceChain
from tessera.renderer._fonts import FontBook
from tessera.renderer._taffy import ItemStyle, session
from tessera.renderer._text import measure_text

PLANS = Path(__file__).parent / "plans"
WHITE = SolidBackground(color="#FFFFFF")
# The image the renderer drew for this version 1 plan before plans became trees (sha256 of its RGB bytes), pinned
# again when sprites moved to vector emoji (the tree path matched the old image until then).
V1_LAUNCH_POSTER_SHA256 = "118ccaae6f05bcd9d6cafea0baa1632235e46f48738303776706d7fc2c43a3c4"


def block(node_id: str, width: Any = 100, height: Any = 50, **fields: Any) -> ShapeElement:
    return ShapeElement(id=node_id, width=width, height=height, fill="#888888", **fields)


def frame(node_id: str, *children: Any, **fields: Any) -> Frame:
    return Frame(id=node_id, children=list(children), **fields)


def render_tree(
    renderer: PlanRenderer, root: Frame, width: int = 1000, height: int = 800, background: Any = WHITE
) -> RenderResult:
    plan = LayoutPlan(canvas=Canvas(width=width, height=height), background=background, root=root)
    return renderer.render(plan)


def boxes(result: RenderResult) -> dict[str, Box]:
    assert result.manifest.plan is not None
    laid = result.manifest.plan
    return {node.id: node.placed_box for node in [*laid.frames(), *laid.elements]}


def pixel(result: RenderResult, x: int, y: int) -> tuple[int, int, int]:
    red, green, blue = np.asarray(result.image)[y, x]
    return int(red), int(green), int(blue)


# Columns, rows, grids and stacks ----------------------------------------------------------------------------------


def test_a_column_stacks_its_children_inside_its_padding_with_the_gap_between(renderer):
    root = frame("root", block("a"), block("b", width=200), layout="column", padding=20, gap=10, align="start")
    found = boxes(render_tree(renderer, root))
    assert found["root"] == Box(x=0, y=0, w=1000, h=800)
    assert found["a"] == Box(x=20, y=20, w=100, h=50)
    assert found["b"] == Box(x=20, y=80, w=200, h=50)


def test_padding_per_side_moves_the_content_box(renderer):
    root = frame("root", block("a", width="fill"), layout="column", padding=Insets(top=5, right=30, bottom=0, left=70))
    assert boxes(render_tree(renderer, root))["a"] == Box(x=70, y=5, w=900, h=50)


def test_fill_children_of_a_row_share_the_room_left_by_fixed_ones(renderer):
    row = frame("row", block("fixed", width=200), block("f1", width="fill"), block("f2", width="fill"), layout="row")
    root = frame("root", row, layout="column", padding=Insets(left=0, right=0), gap=0)
    found = boxes(render_tree(renderer, root))
    assert found["fixed"] == Box(x=0, y=0, w=200, h=50)
    assert found["f1"] == Box(x=200, y=0, w=400, h=50)
    assert found["f2"] == Box(x=600, y=0, w=400, h=50)


def test_a_fill_height_in_a_row_stretches_across_the_row_and_hug_frames_hug_their_children(renderer):
    row = frame("row", block("tall", height=120), block("stretched", height="fill"), layout="row", gap=8)
    root = frame("root", row, layout="column", align="start")
    found = boxes(render_tree(renderer, root))
    assert found["row"] == Box(x=0, y=0, w=208, h=120)
    assert found["stretched"] == Box(x=108, y=0, w=100, h=120)


@pytest.mark.parametrize(
    ("align", "x"),
    [("start", 0), ("center", 450), ("end", 900)],
)
def test_a_columns_align_places_children_across_it(renderer, align, x):
    root = frame("root", block("a"), layout="column", align=align)
    assert boxes(render_tree(renderer, root))["a"].x == x


@pytest.mark.parametrize(
    ("justify", "xs"),
    [
        ("start", [0, 100, 200]),
        ("center", [350, 450, 550]),
        ("end", [700, 800, 900]),
        ("space_between", [0, 450, 900]),
        ("space_evenly", [175, 450, 725]),
    ],
)
def test_a_rows_justify_spreads_children_along_it(renderer, justify, xs):
    root = frame("root", block("a"), block("b"), block("c"), layout="row", justify=justify, align="start")
    found = boxes(render_tree(renderer, root))
    assert [found[node].x for node in "abc"] == xs


def test_a_wrapping_row_moves_what_does_not_fit_onto_the_next_line(renderer):
    children = [block(f"b{n}", width=300) for n in range(4)]
    root = frame("root", *children, layout="row", wrap=True, gap=20, align="start")
    found = boxes(render_tree(renderer, root))
    assert [(found[f"b{n}"].x, found[f"b{n}"].y) for n in range(4)] == [(0, 0), (320, 0), (640, 0), (0, 70)]


def test_grid_tracks_take_pixels_fractions_and_their_contents_width(renderer):
    grid = frame(
        "grid",
        block("px", width="fill"),
        block("fr", width="fill"),
        block("auto", width=80),
        block("span", width="fill", column_span=2),
        layout="grid",
        columns=[200, "2fr", "auto"],
        gap=10,
        width="fill",
    )
    root = frame("root", grid, layout="column")
    found = boxes(render_tree(renderer, root))
    # 1000 - 200 - 80 - 2 gaps leaves 700 for the 2fr track.
    assert found["px"] == Box(x=0, y=0, w=200, h=50)
    assert found["fr"] == Box(x=210, y=0, w=700, h=50)
    assert found["auto"] == Box(x=920, y=0, w=80, h=50)
    assert found["span"] == Box(x=0, y=60, w=910, h=50)


def test_a_stack_lays_children_over_each_other_where_their_anchors_say(renderer):
    stack = frame(
        "stack",
        block("backdrop", width="fill", height="fill"),
        block("corner", anchor="bottom-right"),
        block("middle", anchor="center"),
        layout="stack",
        width=600,
        height=400,
        padding=10,
    )
    root = frame("root", stack, layout="column", align="start")
    found = boxes(render_tree(renderer, root))
    assert found["backdrop"] == Box(x=10, y=10, w=580, h=380)
    assert found["corner"] == Box(x=490, y=340, w=100, h=50)
    assert found["middle"] == Box(x=250, y=175, w=100, h=50)


def test_a_node_with_a_box_keeps_it_and_takes_no_room_from_its_siblings(renderer):
    pinned = block("pinned", box=Box(x=700, y=600, w=120, h=90))
    root = frame("root", block("a"), pinned, block("b"), layout="column", gap=10, align="start")
    found = boxes(render_tree(renderer, root))
    assert found["pinned"] == Box(x=700, y=600, w=120, h=90)
    assert (found["a"].y, found["b"].y) == (0, 60)


def test_a_frame_with_a_box_lays_its_own_children_out_inside_it(renderer):
    card = frame("card", block("inside"), box=Box(x=300, y=200, w=400, h=300), layout="column", padding=25)
    found = boxes(render_tree(renderer, frame("root", card, layout="column")))
    assert found["inside"] == Box(x=325, y=225, w=100, h=50)


def test_content_bigger_than_its_frame_is_reported(renderer):
    small = frame("small", block("big", width=300, height=300), layout="column", width=100, height=100)
    result = render_tree(renderer, frame("root", small, layout="column", align="start"))
    notices = result.manifest.notices
    assert any("'big'" in notice and "outside the room inside frame 'small'" in notice for notice in notices)


# Texts ------------------------------------------------------------------------------------------------------------


def test_a_text_without_a_box_is_set_at_its_roles_size_in_a_box_just_big_enough_for_its_lines(renderer):
    title = TextElement(id="title", role="title", text="Summer sale", width="hug")
    result = render_tree(renderer, frame("root", title, layout="column", align="start"))
    (item,) = result.manifest.items
    laid = boxes(result)["title"]
    assert item.font_size == 56  # 7% of the 800 px short edge
    assert item.ink_box is not None and item.ink_box.intersection(laid) == item.ink_box
    assert not item.clipped
    chain = FaceChain.of(title, FontBook((Path("/usr/share/fonts"),)))
    assert (laid.w, laid.h) == measure_text(title, chain, 56, float("inf"))
    assert laid.h - item.ink_box.h <= 0.35 * 56  # the box is the lines' room, not a padded guess


def test_the_laid_out_plan_holds_every_box_and_the_size_every_text_was_drawn_at(renderer):
    texts = [TextElement(id=f"t{n}", role=role, text=f"{role} text") for n, role in enumerate(["title", "body"])]
    result = render_tree(renderer, frame("root", *texts, layout="column"))
    laid = result.manifest.plan
    assert laid is not None and all(node.box is not None for node in [*laid.frames(), *laid.elements])
    assert [text.font_size for text in laid.texts()] == [item.font_size for item in result.manifest.items]


def test_texts_side_by_side_share_a_baseline_whatever_their_letters(renderer):
    row = frame(
        "row",
        TextElement(id="plain", text="Team", width="hug", align="left"),
        TextElement(id="descender", text="Enterprise", width="hug", align="left"),
        layout="row",
        gap=40,
        align="start",
    )
    result = render_tree(renderer, frame("root", row, layout="column"))
    plain, descender = (item for item in result.manifest.items if item.kind == "text")
    assert plain.box.h == descender.box.h
    assert plain.ink_box is not None and descender.ink_box is not None
    assert abs(plain.ink_box.y - descender.ink_box.y) <= 1


def test_a_long_text_wraps_to_the_width_it_gets(renderer):
    words = "a paragraph long enough that it cannot sit on one line of a narrow column at its body size"
    column = frame("column", TextElement(id="p", text=words), layout="column", width=300)
    result = render_tree(renderer, frame("root", column, layout="column", align="start"))
    (item,) = result.manifest.items
    assert len(item.lines) > 1 and item.font_size == 24
    assert item.box.w == 300


def test_a_text_in_a_box_too_small_shrinks_to_the_minimum_then_is_reported_and_marked_clipped(renderer):
    words = "far too many words for a tiny fixed box, even at the smallest size there is"
    cramped = TextElement(id="cramped", text=words, width=60, height=14)
    result = render_tree(renderer, frame("root", cramped, layout="column", align="start"))
    (item,) = result.manifest.items
    assert item.font_size == MIN_TEXT_SIZE and item.clipped
    assert any(
        "'cramped'" in notice and "60x14" in notice and "shorten it" in notice for notice in result.manifest.notices
    )


def test_a_text_in_a_smaller_fixed_box_shrinks_until_it_fits(renderer):
    squeezed = TextElement(id="squeezed", role="title", text="Sale", width=400, height=30)
    result = render_tree(renderer, frame("root", squeezed, layout="column", align="start"))
    (item,) = result.manifest.items
    assert MIN_TEXT_SIZE < item.font_size < 56 and not item.clipped


def test_max_lines_makes_a_fitted_text_smaller_rather_than_longer(renderer):
    words = "one two three four five six seven eight nine ten eleven twelve"
    free = TextElement(id="free", text=words)
    capped = TextElement(id="capped", text=words, max_lines=1)
    column = frame("column", free, capped, layout="column", width=320)
    result = render_tree(renderer, frame("root", column, layout="column", align="start"))
    free_item, capped_item = result.manifest.items
    assert len(free_item.lines) > 1 and len(capped_item.lines) == 1
    assert capped_item.font_size < free_item.font_size


def test_letter_spacing_widens_the_line(renderer):
    plain = TextElement(id="plain", text="SPACED", width="hug", font_size=40)
    spaced = TextElement(id="spaced", text="SPACED", width="hug", font_size=40, letter_spacing=0.3)
    result = render_tree(renderer, frame("root", plain, spaced, layout="column", align="start"))
    plain_item, spaced_item = result.manifest.items
    assert plain_item.ink_box is not None and spaced_item.ink_box is not None
    # Five gaps of 0.3 em at 40 px (letters set apart lose their few pixels of kerning).
    assert abs((spaced_item.ink_box.w - plain_item.ink_box.w) - 5 * 12) <= 4


@pytest.mark.parametrize(
    ("family", "italic", "weight", "file_name"),
    [
        ("serif", False, "regular", "NotoSerif-Regular.ttf"),
        ("serif", True, "bold", "NotoSerif-BoldItalic.ttf"),
        ("sans", True, "regular", "NotoSans-Italic.ttf"),
        ("display", False, "bold", "NotoSansDisplay-Bold.ttf"),
        ("mono", False, "regular", "DejaVuSansMono.ttf"),
        ("mono", True, "regular", "DejaVuSansMono-Oblique.ttf"),
        ("handwriting", False, "regular", "DancingScript-Regular.otf"),
    ],
)
def test_a_texts_family_and_style_pick_its_font_file(render, family, italic, weight, file_name):
    text = TextElement(
        id="t", box=Box(x=10, y=10, w=500, h=100), text="Hello", family=family, italic=italic, font_weight=weight
    )
    (item,) = render(text).manifest.items
    assert item.font_file is not None and Path(item.font_file).name == file_name


def test_another_script_in_a_serif_text_is_still_drawn_in_a_face_that_has_it(render):
    text = TextElement(id="t", box=Box(x=10, y=10, w=800, h=100), text="Menu 菜单", family="serif", italic=True)
    result = render(text)
    assert result.manifest.notices == []
    fonts = FontBook((Path("/usr/share/fonts"),))
    han_face = FaceChain.of(text, fonts).fonts.text_face("han", "regular", "serif")
    assert han_face.path.name == "NotoSerifCJK-Regular.ttc"


def test_handwriting_without_its_font_falls_back_to_sans_and_says_what_to_install(tmp_path):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    for name in ("NotoSans-Regular.ttf", "NotoColorEmoji.ttf"):
        (fonts / name).symlink_to(next(Path("/usr/share/fonts").rglob(name)))
    text = TextElement(id="note", box=Box(x=10, y=10, w=500, h=100), text="Thanks", family="handwriting")
    result = PlanRenderer(font_dirs=[fonts]).render(LayoutPlan(canvas=Canvas(), background=WHITE, elements=[text]))
    (item,) = result.manifest.items
    assert item.font_file is not None and Path(item.font_file).name == "NotoSans-Regular.ttf"
    assert any("'note'" in notice and "fonts-dancingscript" in notice for notice in result.manifest.notices)


# Frames: their look and their part in `drawn` ---------------------------------------------------------------------


def test_a_frames_fill_border_and_corner_radius_are_painted_under_its_children(renderer):
    card = frame(
        "card",
        block("inside", width=100, height=100),
        layout="column",
        width=400,
        height=300,
        padding=50,
        fill="#3366CC",
        border=Border(color="#CC0000", width=4),
        radius=40,
        box=Box(x=100, y=100, w=400, h=300),
    )
    result = render_tree(renderer, frame("root", card))
    assert pixel(result, 300, 300) == (51, 102, 204)  # the fill
    assert pixel(result, 200, 200) == (136, 136, 136)  # the child, over the fill
    assert pixel(result, 300, 101) == (204, 0, 0)  # the border, inside the edge
    assert pixel(result, 102, 102) == (255, 255, 255)  # the rounded-off corner shows the background
    assert pixel(result, 80, 300) == (255, 255, 255)  # nothing outside the box without a shadow


def test_a_shadow_darkens_the_background_just_below_a_frame(renderer):
    card = frame("card", role="card", box=Box(x=100, y=100, w=400, h=300))
    result = render_tree(renderer, frame("root", card))
    below = pixel(result, 300, 405)
    assert max(below) < 255 and min(below) > 200


def test_a_card_role_gives_a_surface_a_radius_and_padding_where_the_plan_leaves_them_out(renderer):
    body = TextElement(id="body", text="Hello", width="fill")
    card = frame("card", body, role="card", layout="column", width=500)
    result = render_tree(
        renderer, frame("root", card, layout="column", align="start"), background=SolidBackground(color="#EEEEEE")
    )
    laid = result.manifest.plan
    assert laid is not None
    styled = laid.node("card")
    assert isinstance(styled, Frame)
    assert (styled.fill, styled.radius, styled.insets.left) == ("#FFFFFF", 16, 24)
    assert boxes(result)["body"].x == 24


def test_a_buttons_default_fill_is_the_plans_accent_when_its_label_reads_on_it(renderer):
    title = TextElement(id="title", role="title", text="Offer", color="#7A1FA2")
    button = frame("buy", TextElement(id="buy-label", text="Buy", color="#FFFFFF", width="hug"), role="button")
    result = render_tree(renderer, frame("root", title, button, layout="column"))
    laid = result.manifest.plan
    assert laid is not None
    styled = laid.node("buy")
    assert isinstance(styled, Frame) and styled.fill == "#7A1FA2"
    assert boxes(result)["buy"].w < 300  # a button hugs its label rather than stretching across the column


def test_frames_with_a_role_are_drawn_parts_named_by_role_with_their_texts(renderer):
    label = TextElement(id="label", text="Sign up", width="hug")
    button = frame("cta", label, role="button", name="Sign up button")
    result = render_tree(renderer, frame("root", button, frame("plain", block("x")), layout="column"))
    assert result.manifest.plan is not None
    parts = {part.id: part for part in drawn_parts(result.manifest, result.manifest.plan)}
    assert (parts["cta"].kind, parts["cta"].name, parts["cta"].text) == ("button", "Sign up button", "Sign up")
    assert parts["cta"].box == boxes(result)["cta"]
    assert "plain" not in parts and "root" not in parts
    assert [item.kind for item in result.manifest.items] == ["frame", "text", "shape"]


# Shapes -----------------------------------------------------------------------------------------------------------


def test_an_arrow_runs_left_to_right_with_its_head_at_the_right(render):
    arrow = ShapeElement(id="arrow", box=Box(x=100, y=100, w=300, h=40), shape="arrow", stroke="#000000")
    image = np.asarray(render(arrow).image)
    ink = image[100:140, 100:400].min(axis=-1) < 128
    assert ink[20, 0] and ink[20, 150] and ink[20, 298]  # the shaft through the middle, up to the tip
    assert not ink[2, 5] and ink[:, 278].sum() > 2 * ink[:, 100].sum()  # the head is much wider than the shaft


def test_a_tall_arrow_points_down(render):
    arrow = ShapeElement(id="arrow", box=Box(x=100, y=100, w=40, h=300), shape="arrow", stroke="#000000")
    image = np.asarray(render(arrow).image)
    ink = image[100:400, 100:140].min(axis=-1) < 128
    assert ink[0, 20] and ink[298, 20] and ink[278, :].sum() > 2 * ink[100, :].sum()


def test_a_divider_is_a_thin_quiet_rule_across_its_box(render):
    divider = ShapeElement(id="rule", box=Box(x=100, y=100, w=400, h=20), shape="divider")
    image = np.asarray(render(divider).image).astype(int)
    changed = np.abs(image - 255).max(axis=-1) > 0
    rows = np.flatnonzero(changed.any(axis=1))
    assert list(rows) == [109, 110]
    assert changed[109, 100:500].all() and not changed[109, 95:100].any()
    assert 180 < image[109, 300, 0] < 240  # a fifth-strength ink, not black


# Plans of version 1 and the demo plans ----------------------------------------------------------------------------


def test_a_plan_whose_leaves_all_have_boxes_renders_exactly_as_before_trees(renderer):
    plan = LayoutPlan.model_validate_json((PLANS / "v1_launch_poster.json").read_text())
    result = renderer.render(plan)
    assert hashlib.sha256(result.image.tobytes()).hexdigest() == V1_LAUNCH_POSTER_SHA256
    assert result.manifest.notices == []


def test_a_render_times_its_layout(renderer):
    result = render_tree(renderer, frame("root", block("a"), layout="column"))
    assert 0 <= result.timings["layout"] <= result.timings["total"]


@pytest.mark.parametrize("name", ["slide_three_cards", "dashboard_grid", "poster_centred", "signup_modal"])
def test_the_demo_plans_lay_out_onto_the_canvas_with_nothing_overflowing(renderer, name):
    plan = LayoutPlan.model_validate_json((PLANS / f"{name}.json").read_text())
    result = renderer.render(plan)
    assert [notice for notice in result.manifest.notices if "placeholder" not in notice] == []
    assert all(item.box.inside(plan.canvas.width, plan.canvas.height) for item in result.manifest.items)
    assert not any(item.clipped for item in result.manifest.items)


def test_siblings_paint_in_z_order_and_a_frames_children_stay_with_their_frame(renderer):
    low = frame("low", block("low-child", box=Box(x=150, y=150, w=100, h=100), z=1000), fill="#FF0000", z=4)
    low = low.model_copy(update={"box": Box(x=100, y=100, w=200, h=200)})
    high = frame("high", fill="#0000FF", z=5, box=Box(x=200, y=200, w=200, h=200))
    result = render_tree(renderer, frame("root", high, low))
    assert pixel(result, 120, 120) == (255, 0, 0)  # the low frame's own fill
    assert pixel(result, 160, 160) == (136, 136, 136)  # its child, over it
    assert pixel(result, 220, 220) == (0, 0, 255)  # the higher sibling covers the low frame's child too


def test_a_failure_while_measuring_is_raised_not_hidden():
    def broken(_known_width: float | None, _room: float) -> tuple[float, float]:
        raise RuntimeError("measuring failed")

    with pytest.raises(RuntimeError, match="measuring failed"), session() as tree:
        root = tree.node(ItemStyle(width=100, height=100))
        tree.add(root, tree.node(ItemStyle(width=None, height=None), content=broken))
        tree.compute(root, 100, 100)


# Content that needs more room than the canvas has ------------------------------------------------------------------


def _cards(count: int) -> Frame:
    cards = [
        frame(f"card{i}", TextElement(id=f"h{i}", text=f"Region {i + 1}", role="heading", level=3), role="card")
        for i in range(count)
    ]
    return frame("grid", *cards, layout="grid", columns=["1fr"] * 5, gap=12, height="fill")


def test_an_overfull_page_is_set_smaller_as_a_whole_until_it_fits(renderer):
    title = TextElement(id="title", text="Regions", role="title")
    result = render_tree(renderer, frame("root", title, _cards(30), padding=24, gap=16), 800, 800)
    laid = result.manifest.plan
    assert laid is not None and result.manifest.notices == []
    assert all(node.placed_box.inside(800, 800) for node in [*laid.frames(), *laid.elements])
    sizes = {item.element_id: item.font_size for item in result.manifest.items if item.kind == "text"}
    assert sizes["title"] < round(0.07 * 800)  # the title shrank with the rest
    assert len({sizes[f"h{i}"] for i in range(30)}) == 1  # every card's heading is set alike


def test_content_far_past_the_canvas_is_reported_never_a_crash(renderer):
    fixed = [block(f"b{i}", width=900, height=3000) for i in range(3)]
    result = render_tree(renderer, frame("root", *fixed, layout="column"), 1000, 800)
    assert any("'b2' was laid out" in notice for notice in result.manifest.notices)
    assert result.image.size == (1000, 800)


def test_content_pushed_into_a_frames_padding_is_reported(renderer):
    tall = block("tall", width=100, height=700)
    result = render_tree(renderer, frame("root", tall, layout="column", padding=80), 1000, 800)
    assert any("'tall'" in notice and "inside frame 'root''s padding" in notice for notice in result.manifest.notices)

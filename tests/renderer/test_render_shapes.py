"""Shapes: filled and stroked rectangles, rounded rectangles, ellipses and rules."""

from __future__ import annotations

from tessera.contract import Box, ShapeElement

RED = (0xE0, 0x20, 0x20)
BLUE = (0x20, 0x40, 0xE0)
WHITE = (255, 255, 255)


def shape(**fields) -> ShapeElement:
    return ShapeElement(**{"id": "s", "box": Box(x=100, y=100, w=400, h=200), "fill": "#E02020", **fields})


def test_a_rectangle_fills_exactly_its_box(render):
    image = render(shape(shape="rectangle")).image
    assert image.getpixel((100, 100)) == RED
    assert image.getpixel((499, 299)) == RED
    assert image.getpixel((99, 100)) == WHITE
    assert image.getpixel((500, 299)) == WHITE
    assert image.getpixel((499, 300)) == WHITE


def test_an_ellipse_leaves_the_box_corners_empty_and_fills_its_middle(render):
    image = render(shape(shape="ellipse")).image
    assert image.getpixel((300, 200)) == RED
    assert image.getpixel((102, 102)) == WHITE
    assert image.getpixel((300, 101)) == RED


def test_an_ellipse_edge_is_anti_aliased(render):
    image = render(shape(shape="ellipse")).image
    colours = {colour for _, colour in image.getcolors(1 << 16)}
    assert len(colours) > 10


def test_a_rounded_rectangle_rounds_its_corners_only(render):
    image = render(shape(shape="rounded_rectangle", corner_radius=50)).image
    assert image.getpixel((101, 101)) == WHITE
    assert image.getpixel((300, 100)) == RED
    assert image.getpixel((100, 200)) == RED


def test_a_stroke_runs_inside_the_edge_around_the_fill(render):
    image = render(shape(shape="rectangle", stroke="#2040E0", stroke_width=10)).image
    assert image.getpixel((100, 200)) == BLUE
    assert image.getpixel((109, 200)) == BLUE
    assert image.getpixel((110, 200)) == RED
    assert image.getpixel((300, 200)) == RED


def test_an_outline_without_fill_leaves_the_inside_alone(render):
    image = render(shape(shape="ellipse", fill=None, stroke="#2040E0", stroke_width=6)).image
    assert image.getpixel((300, 200)) == WHITE
    assert image.getpixel((300, 102)) == BLUE


def test_a_line_in_a_wide_box_is_horizontal_through_its_middle(render):
    result = render(
        shape(shape="line", fill=None, stroke="#2040E0", stroke_width=4, box=Box(x=100, y=100, w=400, h=40))
    )
    image = result.image
    assert image.getpixel((300, 120)) == BLUE
    assert image.getpixel((300, 110)) == WHITE
    assert result.manifest.items[0].ink_box == Box(x=100, y=118, w=400, h=4)


def test_a_line_in_a_tall_box_is_vertical(render):
    image = render(shape(shape="line", box=Box(x=100, y=100, w=30, h=400), stroke_width=2)).image
    assert image.getpixel((115, 300)) == RED
    assert image.getpixel((105, 300)) == WHITE


def test_a_line_without_stroke_width_is_as_thick_as_its_box(render):
    image = render(shape(shape="line", box=Box(x=100, y=100, w=400, h=6))).image
    assert image.getpixel((300, 100)) == RED
    assert image.getpixel((300, 105)) == RED

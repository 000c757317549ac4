"""The infographic templates: a reading path of numbered steps joined by arrows (icons where every step names a
familiar action), a timeline of dates on a line, and big numbers on a grid; each declines what it cannot carry."""

from __future__ import annotations

from tessera.contract import Frame, IconElement, ShapeElement, TextElement
from tessera.planner._templates._infographics import FiguresInfographic, ProcessInfographic, TimelineInfographic
from tests.planner.templates._print_helpers import brief_strings, material_for, node, texts, walk

PROCESS = "An infographic 'How it works' with four steps: Order, Pack, Deliver, Enjoy"
STORY = (
    "An infographic titled 'Our story' with a timeline: 2006 first frame, 2011 first shop, 2017 going electric, "
    "2022 worldwide"
)
NUMBERS = (
    "An infographic 'Coffee in numbers' with big numbers: 2.25 billion cups a day, 70 countries, 25 million farmers"
)
WIDE = (1920, 1080)


def _shapes(root: Frame, shape: str) -> list[ShapeElement]:
    return [n for n in walk(root) if isinstance(n, ShapeElement) and n.shape == shape]


def test_a_process_runs_across_a_wide_canvas_with_an_icon_number_and_label_per_step_and_arrows_between() -> None:
    design = ProcessInfographic().compose(material_for(PROCESS, canvas=WIDE))
    path = node(design.root, "steps")
    assert isinstance(path, Frame) and path.layout == "row"
    icons = [n.name for n in walk(path) if isinstance(n, IconElement)]
    assert icons == ["shopping-cart", "package", "truck", "mood-smile"]
    assert len(_shapes(path, "arrow")) == 3
    words = [t.text for t in texts(path)]
    assert words == ["01", "Order", "02", "Pack", "03", "Deliver", "04", "Enjoy"]


def test_a_process_runs_down_a_tall_canvas() -> None:
    design = ProcessInfographic().compose(material_for(PROCESS))
    path = node(design.root, "steps")
    assert isinstance(path, Frame) and path.layout == "column"
    assert all(t.align == "left" for t in texts(path))


def test_steps_without_familiar_actions_show_their_numbers_in_the_circles() -> None:
    design = ProcessInfographic().compose(material_for("An infographic with steps: alpha, beta, gamma", canvas=WIDE))
    assert not [n for n in walk(design.root) if isinstance(n, IconElement)]
    assert [t.text for t in texts(design.root) if t.id.endswith("-mark")] == ["1", "2", "3"]


def test_dated_steps_make_a_timeline_with_a_dot_each_on_one_line() -> None:
    material = material_for(STORY)
    assert (TimelineInfographic().fit(material) or 0) > (ProcessInfographic().fit(material) or 0)
    design = TimelineInfographic().compose(material)
    assert len(_shapes(design.root, "ellipse")) == 4
    assert len(_shapes(design.root, "line")) == 3
    marks = [t for t in texts(design.root) if t.id.endswith("-mark")]
    labels = [t for t in texts(design.root) if t.id.endswith("-label")]
    assert [t.text for t in marks] == ["2006", "2011", "2017", "2022"]
    assert all((m.font_size or 0) > (label.font_size or 0) for m, label in zip(marks, labels, strict=True))


def test_big_numbers_are_the_largest_texts_under_the_title() -> None:
    material = material_for(NUMBERS)
    design = FiguresInfographic().compose(material)
    figures = [t for t in texts(design.root) if t.id.endswith("-value")]
    labels = [t for t in texts(design.root) if t.id.endswith("-label")]
    assert [t.text for t in figures] == ["2.25", "70", "25"]
    assert min(t.font_size or 0 for t in figures) > 2 * max(t.font_size or 0 for t in labels)
    assert {t.text for t in texts(design.root)} <= brief_strings(material)


def test_infographic_templates_decline_what_they_cannot_carry() -> None:
    numbers = material_for(NUMBERS)
    assert ProcessInfographic().fit(numbers) is None and TimelineInfographic().fit(numbers) is None
    assert FiguresInfographic().fit(material_for(PROCESS)) is None


def test_the_title_heads_the_page() -> None:
    design = TimelineInfographic().compose(material_for(STORY))
    title = node(design.root, "title")
    assert isinstance(title, TextElement) and title.text == "Our story"
    assert design.root.children[0].id == "heading"

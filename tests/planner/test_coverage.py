"""The coverage map: each item of the reading is carried by plan nodes, or listed as not planned with the reason."""

from __future__ import annotations

from tessera.contract import (
    Box,
    ChartElement,
    Constraints,
    CoverageEntry,
    Frame,
    LayoutPlan,
    ListElement,
    ObjectGroup,
    PictureElement,
    RequiredColor,
    RequiredCount,
    RequiredPosition,
    RequiredStructure,
    RequiredText,
    Series,
    SolidBackground,
    SourceSpan,
    StructureItem,
    TextElement,
    root_frame,
)
from tessera.planner import coverage_map, with_coverage


def _span(brief: str, words: str) -> SourceSpan:
    start = brief.index(words)
    return SourceSpan(start=start, end=start + len(words), quote=words)


def _plan(*children: object) -> LayoutPlan:
    return LayoutPlan(background=SolidBackground(color="#FFFFFF"), root=root_frame(list(children)))  # type: ignore[arg-type]


BOX = Box(x=10, y=10, w=200, h=100)


def test_a_text_set_by_a_node_is_planned_and_one_no_node_sets_is_not() -> None:
    brief = "A poster titled 'SUMMER' with the tagline 'See you there'."
    constraints = Constraints(
        brief=brief,
        items=[
            RequiredText(id="text-1", text="SUMMER", source=_span(brief, "'SUMMER'")),
            RequiredText(id="text-2", text="See you there", source=_span(brief, "'See you there'")),
        ],
    )
    plan = _plan(TextElement(id="title", text="SUMMER", box=BOX))
    planned, missing = coverage_map(constraints, plan)
    assert (planned.status, planned.nodes, planned.item) == ("planned", ["title"], "text-1")
    assert (missing.status, missing.nodes, missing.reason) == ("not_planned", [], "no text node sets it")
    assert missing.span == (brief.index("'See"), brief.index("'See") + len("'See you there'"))
    assert with_coverage(constraints, plan).not_planned() == [missing]


def test_a_count_is_planned_only_when_the_instances_add_up() -> None:
    brief = "three red balloons"
    required = RequiredCount(id="count-1", object_class="balloon", count=3, source=_span(brief, brief))
    constraints = Constraints(brief=brief, items=[required])
    split = _plan(
        ObjectGroup(id="a", object_class="balloon", count=2, box=BOX),
        ObjectGroup(id="b", object_class="Balloon", count=1, box=BOX),
    )
    assert coverage_map(constraints, split)[0].nodes == ["a", "b"]
    short = _plan(ObjectGroup(id="a", object_class="balloon", count=2, box=BOX))
    [entry] = coverage_map(constraints, short)
    assert entry.status == "not_planned"
    assert entry.reason == "the plan draws 2 balloon, the brief asks for 3"


def test_a_thing_carried_by_a_picture_prompt_or_a_named_frame_is_planned() -> None:
    brief = "a lighthouse on a cliff"
    items = [
        RequiredCount(id="count-1", object_class="lighthouse", count=1, source=_span(brief, "a lighthouse")),
        RequiredCount(id="count-2", object_class="cliff", count=1, source=_span(brief, "a cliff")),
    ]
    plan = _plan(
        PictureElement(id="picture", prompt="a lighthouse at sunset", box=BOX),
        Frame(id="cliff-1", name="cliff", box=BOX),
    )
    lighthouse, cliff = coverage_map(Constraints(brief=brief, items=items), plan)
    assert lighthouse.nodes == ["picture"]
    assert cliff.nodes == ["cliff-1"]


def test_a_relation_needs_both_sides_in_the_plan() -> None:
    brief = "a lamp to the left of a sofa"
    relation = RequiredPosition(
        id="position-1",
        subject_kind="objects",
        subject="lamp",
        relation="left_of",
        reference_kind="objects",
        reference="sofa",
        source=_span(brief, brief),
    )
    constraints = Constraints(brief=brief, items=[relation])
    left, right = Box(x=10, y=300, w=100, h=200), Box(x=400, y=300, w=300, h=200)
    both = _plan(
        ObjectGroup(id="lamp", object_class="lamp", count=1, box=left),
        ObjectGroup(id="sofa", object_class="sofa", count=1, box=right),
    )
    assert coverage_map(constraints, both)[0].nodes == ["lamp", "sofa"]
    swapped = _plan(
        ObjectGroup(id="lamp", object_class="lamp", count=1, box=right),
        ObjectGroup(id="sofa", object_class="sofa", count=1, box=left),
    )
    [entry] = coverage_map(constraints, swapped)
    assert entry.status == "not_planned" and entry.reason.startswith("no layout satisfies it")
    flowing = _plan(
        ObjectGroup(id="lamp", object_class="lamp", count=1), ObjectGroup(id="sofa", object_class="sofa", count=1)
    )
    assert coverage_map(constraints, flowing)[0].status == "planned"  # the verifier judges the drawn boxes
    [entry] = coverage_map(constraints, _plan(ObjectGroup(id="lamp", object_class="lamp", count=1, box=left)))
    assert entry.status == "not_planned"


def test_a_structure_is_planned_when_every_entry_is_set_and_chart_data_must_be_given() -> None:
    brief = "three bullet points: fast setup, no code, free trial; and a bar chart of revenue by region"
    bullets = RequiredStructure(
        id="structure-1",
        structure="bullets",
        items=[StructureItem(label=label) for label in ("fast setup", "no code", "free trial")],
        source=_span(brief, "three bullet points: fast setup, no code, free trial"),
    )
    chart = RequiredStructure(
        id="structure-2", structure="chart", chart="bar", source=_span(brief, "a bar chart of revenue by region")
    )
    constraints = Constraints(brief=brief, items=[bullets, chart])
    plan = _plan(ListElement(id="bullets", items=["fast setup", "no code", "free trial"], box=BOX))
    listed, unplanned = coverage_map(constraints, plan)
    assert (listed.status, listed.nodes) == ("planned", ["bullets"])
    assert unplanned.status == "not_planned"
    assert unplanned.reason == "chart data not given in the brief; give the values to draw"
    charted = _plan(
        ChartElement(
            id="chart",
            chart="bar",
            categories=["North", "South"],
            series=[Series(name="Revenue", values=[1, 2])],
            box=BOX,
        )
    )
    short = Constraints(
        brief=brief,
        items=[bullets.model_copy(update={"items": [StructureItem(label="North"), StructureItem(label="East")]})],
    )
    [entry] = coverage_map(short, charted)
    assert entry.reason == "'East' (bullets) is not in the plan"
    # A model's or a user's plan brings the data the brief left out: its bar chart carries the chart.
    assert coverage_map(Constraints(brief=brief, items=[chart]), charted)[0].nodes == ["chart"]
    line = chart.model_copy(update={"chart": "line"})
    assert coverage_map(Constraints(brief=brief, items=[line]), charted)[0].status == "not_planned"


def test_a_brief_with_nothing_readable_is_not_planned_unless_the_plan_brings_its_own_leaves() -> None:
    constraints = Constraints(brief="asdf qwerty")
    [entry] = coverage_map(constraints, _plan())
    assert (entry.status, entry.span, entry.clause) == ("not_planned", (0, 11), "asdf qwerty")
    assert "quote the words to set" in entry.reason
    [own] = coverage_map(constraints, _plan(TextElement(id="t", text="hello", box=BOX)))
    assert (own.status, own.nodes) == ("planned", ["t"])


def test_what_the_reader_left_out_past_the_limits_is_not_planned() -> None:
    dropped = CoverageEntry(
        clause="a kite", span=(40, 46), status="not_planned", reason="more things than a plan carries (24)"
    )
    brief = "a " + "x" * 60
    constraints = Constraints(brief=brief, left_out=[dropped])
    assert coverage_map(constraints, _plan(TextElement(id="t", text="x", box=BOX))) == [dropped]


def test_a_colour_for_all_text_is_carried_by_every_text_node() -> None:
    brief = "Event flyer with white text"
    white = RequiredColor(id="color-text", target="text", color="#FFFFFF", source=_span(brief, "white text"))
    plan = _plan(TextElement(id="a", text="Winter", box=BOX), TextElement(id="b", text="Market", box=BOX))
    [entry] = coverage_map(Constraints(brief=brief, items=[white]), plan)
    assert (entry.status, entry.nodes) == ("planned", ["a", "b"])

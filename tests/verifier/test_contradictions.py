"""Constraints no image can satisfy together are found from the reading and reported as one planning error each,
which a revision leaves alone."""

from __future__ import annotations

from tessera.contract import (
    Attribute,
    Canvas,
    ConstraintCheck,
    Constraints,
    LayoutPlan,
    RequiredColor,
    RequiredCount,
    RequiredPosition,
    SolidBackground,
    SourceSpan,
    VerificationReport,
)
from tessera.planner import extract_constraints
from tessera.verifier._contradictions import contradiction_checks, contradictions

_SPAN = SourceSpan(start=0, end=4, quote="test")


def _at(
    cid: str,
    subject: str,
    region: str | None = None,
    relation: str | None = None,
    reference: str | None = None,
    kind: str = "text",
) -> RequiredPosition:
    return RequiredPosition.model_validate(
        {
            "id": cid,
            "subject_kind": kind,
            "subject": subject,
            "region": region,
            "relation": relation,
            "reference_kind": kind,
            "reference": reference,
            "source": _SPAN,
        }  # fmt: skip
    )


def _found(*items: RequiredPosition | RequiredColor | RequiredCount) -> list[set[str]]:
    return [set(c.ids) for c in contradictions(Constraints(brief="a test brief", items=list(items)))]


def test_one_text_asked_into_the_top_and_the_bottom_is_a_contradiction() -> None:
    assert _found(_at("p1", "SALE", "top"), _at("p2", "sale", "bottom")) == [{"p1", "p2"}]


def test_a_thing_counted_more_than_once_may_stand_in_two_places() -> None:
    # "Two speech bubbles, one at the top left, one at the bottom right."
    two = RequiredCount(id="n1", object_class="bubble", count=2, source=_SPAN)
    found = _found(
        two, _at("p1", "bubble", "top-left", kind="objects"), _at("p2", "bubble", "bottom-right", kind="objects")
    )
    assert found == []


def test_regions_that_share_room_do_not_contradict() -> None:
    assert _found(_at("p1", "SALE", "top"), _at("p2", "SALE", "top-left"), _at("p3", "SALE", "center")) == []


def test_two_things_each_above_the_other_contradict() -> None:
    assert _found(_at("p1", "A", relation="above", reference="B"), _at("p2", "B", relation="above", reference="A")) == [
        {"p1", "p2"}
    ]


def test_above_and_below_the_same_way_round_agree() -> None:
    assert (
        _found(_at("p1", "A", relation="above", reference="B"), _at("p2", "B", relation="below", reference="A")) == []
    )


def test_an_order_that_goes_round_in_a_circle_contradicts() -> None:
    found = _found(
        _at("p1", "cat", relation="left_of", reference="dog", kind="objects"),
        _at("p2", "dog", relation="left_of", reference="bird", kind="objects"),
        _at("p3", "bird", relation="left_of", reference="cat", kind="objects"),
    )
    assert found == [{"p1", "p2", "p3"}]


def test_a_subject_placed_at_the_top_cannot_be_below_a_reference_at_the_bottom() -> None:
    found = _found(
        _at("p1", "date", "top"), _at("p2", "OPEN", "bottom"), _at("p3", "date", relation="below", reference="OPEN")
    )
    assert found == [{"p1", "p2", "p3"}]


def test_a_relation_to_itself_is_a_contradiction() -> None:
    # A position word attached to the wrong string: "'SALE' below 'SALE'".
    assert _found(_at("p1", "SALE", relation="below", reference="SALE")) == [{"p1"}]


def test_beside_and_above_the_same_thing_contradict() -> None:
    found = _found(_at("p1", "A", relation="next_to", reference="B"), _at("p2", "A", relation="above", reference="B"))
    assert found == [{"p1", "p2"}]


def test_one_background_in_two_different_colours_contradicts() -> None:
    red = RequiredColor(id="c1", target="background", color="#D62828", source=_SPAN)
    blue = RequiredColor(id="c2", target="background", color="#1D4ED8", source=_SPAN)
    almost_red = RequiredColor(id="c3", target="background", color="#D42A2A", source=_SPAN)
    assert _found(red, blue) == [{"c1", "c2"}]
    assert _found(red, almost_red) == []


def test_one_text_in_two_colours_contradicts_but_two_texts_do_not() -> None:
    sale_red = RequiredColor(id="c1", target="text", subject="SALE", color="#D62828", source=_SPAN)
    sale_blue = RequiredColor(id="c2", target="text", subject="SALE", color="#1D4ED8", source=_SPAN)
    open_blue = RequiredColor(id="c3", target="text", subject="OPEN", color="#1D4ED8", source=_SPAN)
    assert _found(sale_red, sale_blue) == [{"c1", "c2"}]
    assert _found(sale_red, open_blue) == []


def test_one_thing_counted_twice_with_different_numbers_contradicts() -> None:
    four = RequiredCount(id="n1", object_class="apple", count=4, source=_SPAN)
    five = RequiredCount(id="n2", object_class="apple", count=5, source=_SPAN)
    green = RequiredCount(
        id="n3", object_class="apple", count=2, attributes=[Attribute(kind="color", word="green")], source=_SPAN
    )
    assert _found(four, five) == [{"n1", "n2"}]
    assert _found(four, green) == []


def test_a_consistent_brief_has_no_contradiction() -> None:
    brief = (
        "A launch poster. Headline 'GRAND OPENING'. Below it 'Saturday 10 AM'. Exactly 5 red balloons across the top."
    )
    assert contradictions(extract_constraints(brief)) == []


def test_a_brief_that_reads_as_contradicting_itself_is_reported_in_its_words() -> None:
    constraints = extract_constraints('A poster: title "A" above "B", and "B" above "A".')
    checks = contradiction_checks(constraints, [], _empty_plan())
    assert len(checks) == 1
    check = checks[0]
    assert (check.kind, check.status, check.fix) == ("contradiction", "failed", "")
    assert "'A' above 'B'" in check.measured and "no image can pass them all" in check.measured
    assert set(check.conflicts) == {c.id for c in constraints.of_kind("position")}


def test_a_revision_leaves_a_contradiction_and_the_checks_it_names_alone() -> None:
    constraints = extract_constraints('A poster: title "A" above "B", and "B" above "A".')
    positions = [c.id for c in constraints.of_kind("position")]
    named = [
        ConstraintCheck(constraint_id=cid, kind="position", passed=cid != positions[0], expected="x", measured="y")
        for cid in positions
    ]
    misread = ConstraintCheck(constraint_id="text-1", kind="text", passed=False, expected="x", measured="y")
    report = VerificationReport(checks=[*named, misread, *contradiction_checks(constraints, named, _empty_plan())])
    assert [c.constraint_id for c in report.revisable()] == ["text-1"]


def _empty_plan() -> LayoutPlan:
    return LayoutPlan(canvas=Canvas(), background=SolidBackground(color="#FFFFFF"), elements=[])

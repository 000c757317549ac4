"""The rules editor on real plans: each common edit as a patch that applies, the patched plan with the change, the
constraints it changes replaced (and touched), the others exactly as they were, and refusals that say why."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tessera.contract import (
    AssetElement,
    Canvas,
    ChartElement,
    Constraints,
    EditError,
    Frame,
    IconElement,
    LayoutPlan,
    ListElement,
    ObjectGroup,
    RequiredColor,
    RequiredCount,
    RequiredPosition,
    RequiredStructure,
    RequiredText,
    ShapeElement,
    TableElement,
    TextElement,
    contrast_ratio,
)
from tessera.contract.edits import PlanEdit, apply_patch
from tessera.contract.material import AssetInfo, Supplied
from tessera.contract.plan import backdrop_colors
from tessera.planner import RulePlanner, RulesEditor, extract_constraints, with_coverage, with_supplied
from tessera.planner._edit_clauses import split_clauses
from tessera.renderer import PlanRenderer
from tessera.verifier import RenderVerifier

POSTER = (
    "A poster for 'TEAM ALPHA' with the subtitle 'Summer Cup 2026', 4 red balloons, text 'Limited offer' at the bottom"
)
FEST = "A poster titled 'SUMMER FEST' with the subtitle 'Live music all weekend' and the text 'Tickets at the door'"
CHART_SLIDE = "A slide titled 'Quarterly revenue' with a bar chart of revenue by quarter: Q1 10, Q2 14, Q3 18, Q4 25"
REGIONS = "A slide with a bar chart of revenue by region: EMEA 10, APAC 14, Americas 18"
BULLETS = "A slide titled 'Why us' with three bullet points: Fast setup, Friendly support, Fair prices"
PRICING = "A pricing page with three tiers: Basic $9, Pro $19, Team $49, and a button 'Start free trial'"
LOGIN = "A mobile login screen with the title 'Welcome back', fields email and password, and a button 'Sign in'"
ICONS = "A row of icons: rocket, star, cart, bell"
CARD = "A birthday card with 2 balloons and the text 'Happy birthday'"


@dataclass(frozen=True)
class Edited:
    plan: LayoutPlan
    constraints: Constraints
    edit: PlanEdit
    patched: LayoutPlan

    def item(self, item_id: str):  # noqa: ANN201 - any constraint kind
        return next(c for c in self.edit.constraints.items if c.id == item_id)


def planned(brief: str) -> tuple[LayoutPlan, Constraints]:
    constraints = extract_constraints(brief)
    plan = RulePlanner().plan(constraints, constraints.canvas or Canvas()).plan
    return plan, with_coverage(constraints, plan)


def edited(brief: str, instruction: str) -> Edited:
    """The edit, checked for what every edit keeps: the patch applies to the stored plan, the brief is the
    parent's and the instruction, the earlier constraints the edit did not touch are exactly as they were, every
    new one points at the instruction's words, and the edited plan carries every constraint the edit made."""
    plan, constraints = planned(brief)
    edit = RulesEditor().edit(plan, constraints, instruction)
    patched = apply_patch(plan, edit.patch)
    assert edit.planner == "rules"
    assert edit.constraints.brief == f"{constraints.brief}\nEdit: {instruction}"
    parent = {c.id: c for c in constraints.items}
    now = {c.id: c for c in edit.constraints.items}
    for item_id, item in parent.items():
        if item_id not in edit.touched:
            assert now[item_id] == item, f"untouched constraint {item_id} changed"
        else:
            assert now.get(item_id) != item, f"touched constraint {item_id} is as it was"
    for item in edit.constraints.items:
        if item.id not in parent or item.id in edit.touched:
            span = item.source
            assert edit.constraints.brief[span.start : span.end] == span.quote
    assert not with_coverage(edit.constraints, patched).not_planned()
    return Edited(plan, constraints, edit, patched)


def text_of(plan: LayoutPlan, role: str) -> TextElement:
    return next(t for t in plan.texts() if t.role == role)


def refused(brief: str, instruction: str) -> str:
    plan, constraints = planned(brief)
    with pytest.raises(EditError) as caught:
        RulesEditor().edit(plan, constraints, instruction)
    return str(caught.value)


# Clauses.


def test_clauses_split_at_commas_and_and_but_never_inside_quotes() -> None:
    clauses = split_clauses(
        "change 'Hello, world and more' to 'Bye, now'; make the title bold and italic, remove the chart. "
        "Set Q1 to 5 and Q2 to 7 then move the logo to the top"
    )
    assert [c.text for c in clauses] == [
        "change 'Hello, world and more' to 'Bye, now'",
        "make the title bold and italic",
        "remove the chart",
        "Set Q1 to 5 and Q2 to 7",
        "move the logo to the top",
    ]


def test_clause_offsets_point_into_the_instruction() -> None:
    instruction = "make the background dark,  remove the second balloon"
    for clause in split_clauses(instruction):
        assert instruction[clause.start : clause.end] == clause.text


# The issue's example, all at once.


def test_the_issue_example_changes_background_count_place_and_text() -> None:
    result = edited(
        POSTER,
        "make the background dark, remove the second balloon, move the title to the top, "
        "change 'TEAM ALPHA' to 'TEAM OMEGA'",
    )
    plan = result.patched
    title = text_of(plan, "title")
    assert title.text == "TEAM OMEGA"
    assert title.placed_box.center[1] < 0.4 * plan.canvas.height
    assert plan.object_groups()[0].count == 3
    assert sorted(result.edit.touched) == ["count-balloon", "text-1"]
    assert result.item("text-1").text == "TEAM OMEGA"
    assert result.item("count-balloon").count == 3
    background = next(
        c for c in result.edit.constraints.items if isinstance(c, RequiredColor) and c.target == "background"
    )
    assert contrast_ratio(background.color, "#FFFFFF") > 10
    position = next(
        c for c in result.edit.constraints.items if isinstance(c, RequiredPosition) and c.subject == "TEAM OMEGA"
    )
    assert position.region == "top"
    assert len(result.edit.changes) == 4


# Texts.


@pytest.mark.parametrize(
    "instruction",
    [
        "change 'SUMMER FEST' to 'WINTER FEST'",
        "replace 'SUMMER FEST' with 'WINTER FEST'",
        "the title should read 'WINTER FEST'",
    ],
)
def test_a_text_changes_and_so_does_its_constraint(instruction: str) -> None:
    result = edited(FEST, instruction)
    assert text_of(result.patched, "title").text == "WINTER FEST"
    assert result.edit.touched == ["text-1"]
    assert result.item("text-1").text == "WINTER FEST"
    assert result.item("text-1").source.quote == "'WINTER FEST'"


def test_renaming_the_button_renames_every_button_label() -> None:
    result = edited(PRICING, "rename the button to 'Buy now'")
    labels = [t.text for t in result.patched.texts() if t.id.endswith("button-label")]
    assert labels == ["Buy now"] * 3
    assert result.item("text-1").text == "Buy now"
    assert result.edit.touched == ["text-1"]


def test_renaming_a_tier_renames_the_structure_entry() -> None:
    result = edited(PRICING, "change 'Pro' to 'Plus'")
    tiers = result.item("structure-1")
    assert [e.label for e in tiers.items] == ["Basic", "Plus", "Team"]
    assert "Plus" in [t.text for t in result.patched.texts()]


def test_a_caption_is_added_at_the_bottom_with_its_constraints() -> None:
    result = edited(FEST, "add a caption 'Photo: J. Doe' at the bottom")
    root = result.patched.root
    caption = root.children[-1]
    assert isinstance(caption, TextElement) and caption.text == "Photo: J. Doe" and caption.role == "caption"
    assert result.edit.touched == []
    made = [c for c in result.edit.constraints.items if c.id not in {i.id for i in result.constraints.items}]
    text = next(c for c in made if isinstance(c, RequiredText))
    assert text.text == "Photo: J. Doe" and text.source.quote == "'Photo: J. Doe'"
    assert next(c for c in made if isinstance(c, RequiredPosition)).region == "bottom"


def test_text_added_over_a_placed_layout_gets_a_box_on_the_canvas() -> None:
    result = edited(POSTER, "add the text 'SALE' at the top")
    sale = next(t for t in result.patched.texts() if t.text == "SALE")
    assert sale.placed_box.inside(result.patched.canvas.width, result.patched.canvas.height)
    assert sale.placed_box.center[1] < 0.4 * result.patched.canvas.height


def test_removing_the_subtitle_drops_its_constraint() -> None:
    result = edited(FEST, "remove the subtitle")
    assert "Live music all weekend" not in [t.text for t in result.patched.texts()]
    assert result.edit.touched == ["text-2"]
    assert "text-2" not in [c.id for c in result.edit.constraints.items]


def test_deleting_a_quoted_text_drops_it_and_the_position_that_names_it() -> None:
    result = edited(POSTER, "delete 'Limited offer'")
    assert "Limited offer" not in [t.text for t in result.patched.texts()]
    assert sorted(result.edit.touched) == ["position-1", "text-3"]


def test_a_bullet_is_added_to_the_list_and_its_structure() -> None:
    result = edited(BULLETS, "add a bullet 'Free returns'")
    bullets = next(e for e in result.patched.elements if isinstance(e, ListElement))
    assert bullets.items[-1] == "Free returns"
    assert result.item("structure-1").items[-1].label == "Free returns"


# Moves and sizes.


def test_moving_a_placed_text_to_the_top_moves_its_box_and_its_position_constraint() -> None:
    result = edited(POSTER, "move 'Limited offer' to the top")
    footer = text_of(result.patched, "footer")
    assert footer.placed_box.center[1] < 0.4 * result.patched.canvas.height
    assert result.edit.touched == ["position-1"]
    assert result.item("position-1").region == "top"


def test_moving_a_text_in_a_flow_reorders_the_frames_above_it() -> None:
    result = edited(LOGIN, "move the title to the bottom")
    screen = result.patched.node("phone-screen")
    assert isinstance(screen, Frame)
    assert screen.children[-1].id == "head"


def test_moving_the_title_bottom_right_anchors_and_aligns_it() -> None:
    result = edited(FEST, "put the title bottom-right")
    root = result.patched.root
    assert root.children[-1].id == "masthead"
    title = text_of(result.patched, "title")
    assert title.align == "right" and title.anchor == "right"


def test_the_title_grows_and_shrinks() -> None:
    before = text_of(planned(FEST)[0], "title").font_size or 0
    assert (text_of(edited(FEST, "make the title bigger").patched, "title").font_size or 0) > before
    assert (text_of(edited(FEST, "make the title smaller").patched, "title").font_size or 0) < before


def test_a_larger_chart_gets_the_room_of_narrower_margins() -> None:
    result = edited(CHART_SLIDE, "make the chart larger")
    assert result.patched.root.gap < result.plan.root.gap


# Instances and counts.


def test_removing_the_second_balloon_lowers_the_count() -> None:
    result = edited(POSTER, "remove the second balloon")
    assert result.patched.object_groups()[0].count == 3
    assert result.item("count-balloon").count == 3
    assert result.edit.touched == ["count-balloon"]


@pytest.mark.parametrize(
    ("instruction", "count"),
    [("make it 5 balloons", 5), ("add two more balloons", 6), ("remove one balloon", 3), ("only 2 balloons", 2)],
)
def test_the_count_of_a_class_changes(instruction: str, count: int) -> None:
    result = edited(POSTER, instruction)
    assert sum(g.count for g in result.patched.object_groups()) == count
    assert result.item("count-balloon").count == count


def test_removing_the_balloons_removes_the_group_and_every_constraint_on_balloons() -> None:
    result = edited(POSTER, "remove the balloons")
    assert not result.patched.object_groups()
    assert sorted(result.edit.touched) == ["color-objects-balloon", "count-balloon"]


def test_only_three_bullet_points_keeps_the_first_three() -> None:
    result = edited(BULLETS, "only 2 bullet points")
    bullets = next(e for e in result.patched.elements if isinstance(e, ListElement))
    assert bullets.items == ["Fast setup", "Friendly support"]
    assert [e.label for e in result.item("structure-1").items] == ["Fast setup", "Friendly support"]


def test_removing_a_card_keeps_the_other_tiers_in_the_constraint() -> None:
    result = edited(PRICING, "remove the second card")
    assert [e.label for e in result.item("structure-1").items] == ["Basic", "Team"]


def test_removing_the_chart_drops_its_data_constraint() -> None:
    result = edited(CHART_SLIDE, "remove the chart")
    assert not any(isinstance(e, ChartElement) for e in result.patched.elements)
    assert result.edit.touched == ["structure-1"]


# Colours.


def _readable_everywhere(result: Edited) -> None:
    from tessera.planner._edit_draft import Draft
    from tessera.planner._edit_paint import backdrop_of

    draft = Draft.start(result.patched, result.edit.constraints, "check")
    for at in draft.leaves():
        if at.kind == "text":
            needed = 3.0 if at.node["role"] in ("title", "subtitle") else 4.5
            for behind in backdrop_of(draft, at):
                assert contrast_ratio(at.node["color"], behind) >= needed, at.id


@pytest.mark.parametrize("brief", [FEST, PRICING, LOGIN, BULLETS])
def test_a_dark_background_keeps_every_text_readable(brief: str) -> None:
    result = edited(brief, "make the background dark")
    _readable_everywhere(result)
    background = next(c for c in result.edit.constraints.items if isinstance(c, RequiredColor))
    assert background.target == "background"
    assert result.patched.background.model_dump().get("start", background.color) == background.color


def test_a_named_background_colour_is_solid_and_replaces_the_briefs() -> None:
    result = edited("A poster on a white background with the title 'OPEN'", "make the background navy")
    assert result.patched.background.model_dump() == {"kind": "solid", "color": "#000080"}
    assert result.edit.touched == ["color-background"]
    _readable_everywhere(result)


def test_the_title_turns_red_and_bold() -> None:
    result = edited(FEST, "make the title red and italic")
    title = text_of(result.patched, "title")
    assert title.italic
    wanted = next(c for c in result.edit.constraints.items if isinstance(c, RequiredColor))
    assert (wanted.target, wanted.subject, wanted.color) == ("text", "SUMMER FEST", title.color)
    assert title.color.startswith(("#F", "#E", "#D", "#C", "#B"))  # a red


def test_the_accent_becomes_the_given_hex_on_the_buttons() -> None:
    result = edited(PRICING, "use #1F4FFF for the accent")
    buttons = [f for f in result.patched.frames() if f.id.endswith("-button")]
    assert {b.fill for b in buttons} == {"#1F4FFF"}
    accent = next(c for c in result.edit.constraints.items if isinstance(c, RequiredColor))
    assert (accent.target, accent.color) == ("accent", "#1F4FFF")


def test_the_balloons_turn_blue_and_their_colour_constraint_follows() -> None:
    result = edited(POSTER, "make the balloons blue")
    assert result.patched.object_groups()[0].color == "#0000FF"
    assert result.edit.touched == ["color-objects-balloon"]
    assert result.item("color-objects-balloon").color == "#0000FF"


# Fonts.


@pytest.mark.parametrize(
    ("instruction", "field", "value"),
    [
        ("make the subtitle bold", "font_weight", "bold"),
        ("make the subtitle italic", "italic", True),
        ("make the subtitle serif", "family", "serif"),
        ("set the subtitle in monospace", "family", "mono"),
    ],
)
def test_a_font_style_changes(instruction: str, field: str, value: object) -> None:
    result = edited(FEST, instruction)
    assert getattr(text_of(result.patched, "subtitle"), field) == value
    assert result.edit.touched == []


# Icons.


def _icon_names(plan: LayoutPlan) -> list[str]:
    return [e.name for e in plan.elements if isinstance(e, IconElement)]


def test_a_rocket_icon_instead_of_the_star() -> None:
    result = edited(ICONS, "use a heart icon instead of the star")
    assert _icon_names(result.patched)[1] == "heart"
    assert [e.label for e in result.item("structure-1").items][1] == "heart"


def test_the_cart_icon_becomes_a_bag() -> None:
    result = edited(ICONS, "change the cart icon to a bag")
    assert "bag" in _icon_names(result.patched)[2]


def test_removing_the_star_icon_takes_its_cell_and_a_grid_column() -> None:
    result = edited(ICONS, "remove the star icon")
    assert "star" not in _icon_names(result.patched)
    grid = result.patched.node("icons")
    assert isinstance(grid, Frame) and len(grid.columns) == 3
    assert [e.label for e in result.item("structure-1").items] == ["rocket", "cart", "bell"]


# Charts.


def _chart(plan: LayoutPlan) -> ChartElement:
    return next(e for e in plan.elements if isinstance(e, ChartElement))


def test_setting_q3_changes_the_value_and_the_data_constraint() -> None:
    result = edited(CHART_SLIDE, "set Q3 to 42")
    assert _chart(result.patched).series[0].values == [10, 14, 42, 25]
    assert [e.value for e in result.item("structure-1").items] == ["10", "14", "42", "25"]


def test_the_revenue_for_a_region_changes() -> None:
    result = edited(REGIONS, "change the revenue for EMEA to 12")
    assert _chart(result.patched).series[0].values[0] == 12


def test_a_category_is_added_with_its_value() -> None:
    result = edited(REGIONS, "add a category 'LATAM' with 7")
    chart = _chart(result.patched)
    assert chart.categories[-1] == "LATAM" and chart.series[0].values[-1] == 7
    assert result.item("structure-1").items[-1].label == "LATAM"


def test_the_chart_becomes_a_line_chart() -> None:
    result = edited(CHART_SLIDE, "make it a line chart")
    assert _chart(result.patched).chart == "line"
    assert result.item("structure-1").chart == "line"


# Refusals.


def test_an_unknown_text_is_refused_naming_the_texts_there_are() -> None:
    message = refused(FEST, "make the background dark, change 'FOO' to 'BAR'")
    assert "change 'FOO' to 'BAR'" in message
    assert "'SUMMER FEST'" in message and "'Tickets at the door'" in message


def test_a_third_balloon_of_two_is_refused() -> None:
    message = refused(CARD, "remove the third balloon")
    assert "remove the third balloon" in message and "there are 2 balloons" in message


def test_a_clause_no_rule_reads_is_refused_whole() -> None:
    message = refused(FEST, "make the title red, give it more pizzazz")
    assert "give it more pizzazz" in message


def test_a_part_the_plan_lacks_is_refused_naming_what_it_has() -> None:
    message = refused(FEST, "remove the chart")
    assert "no chart" in message and "a title" in message


def test_an_ambiguous_removal_asks_which() -> None:
    assert "say which" in refused(ICONS, "remove the icon")


def test_more_bullets_need_their_words() -> None:
    message = refused(BULLETS, "add two more bullets")
    assert "adding bullets needs their words" in message and "add a bullet 'Free shipping'" in message
    assert "'Fast setup'" in message


def test_a_count_past_the_limit_is_refused() -> None:
    assert "not a count" in refused(POSTER, "make it 500 balloons")


def test_an_unknown_icon_is_refused_listing_the_icons() -> None:
    message = refused(ICONS, "change the anchor icon to a bag")
    assert "'rocket'" in message


def test_a_tone_is_no_colour_for_a_title() -> None:
    assert "tone" in refused(FEST, "make the title dark")


def test_kinds_of_objects() -> None:
    """Edits of a placed plan's groups keep the group where it is."""
    result = edited(CARD, "make it 3 balloons")
    group = result.patched.object_groups()[0]
    assert isinstance(group, ObjectGroup) and group.count == 3
    assert group.box == result.plan.object_groups()[0].box
    assert isinstance(result.item("count-balloon"), RequiredCount)
    assert isinstance(result.edit.constraints.items[0], RequiredText | RequiredStructure)


def test_a_picture_the_brief_asks_for_cannot_be_removed() -> None:
    message = refused(
        "A travel poster with a photo of a mountain lake filling the top half and the title 'VISIT'", "remove the photo"
    )
    assert "a photo of a mountain lake" in message and "brief asks for" in message


def test_the_logo_moves_bottom_right() -> None:
    constraints = with_supplied(
        extract_constraints("A slide titled 'Q3 results' with our logo top-left"),
        Supplied(assets=[AssetInfo(name="logo", width=300, height=100)]),
    )
    plan = RulePlanner().plan(constraints, Canvas()).plan
    edit = RulesEditor().edit(plan, with_coverage(constraints, plan), "put the logo bottom-right")
    logo = next(e for e in apply_patch(plan, edit.patch).elements if isinstance(e, AssetElement))
    cx, cy = logo.placed_box.center
    assert cx > 512 and cy > 512
    assert edit.changes == ["moved the logo to the bottom-right"]


def test_a_dark_background_brings_out_a_dark_accent_rule() -> None:
    result = edited(FEST, "make the background dark")
    rule = result.patched.node("headline-rule")
    assert isinstance(rule, ShapeElement) and rule.fill is not None
    assert min(contrast_ratio(rule.fill, c) for c in backdrop_colors(result.patched.background)) >= 2


@pytest.mark.slow
@pytest.mark.parametrize(
    ("brief", "instruction"),
    [
        (POSTER, "make the background dark, remove the second balloon, change 'TEAM ALPHA' to 'TEAM OMEGA'"),
        (FEST, "make the background dark, add a caption 'Photo: J. Doe' at the bottom, make the title red"),
        (CHART_SLIDE, "set Q3 to 42, make it a line chart"),
        (
            "A poster titled 'GRAND OPENING' with the subtitle 'Saturday 10am'",
            "make the title red and the subtitle blue, add a star icon next to the title",
        ),
        (
            "A poster titled 'GRAND OPENING' with the subtitle 'Saturday 10am'",
            "make the background a gradient from navy to purple, add two balloons, add a logo placeholder top-left",
        ),
    ],
)
def test_the_edited_plan_renders_and_passes_its_constraints(brief: str, instruction: str) -> None:
    """The real renderer and verifier (OCR, counting, colours) on the edited plan: every constraint the edit made
    and every one it left alone passes."""
    result = edited(brief, instruction)
    rendered = PlanRenderer().render(result.patched)
    assert rendered.manifest.plan is not None
    report = RenderVerifier().verify(rendered.image, rendered.manifest.plan, result.edit.constraints)
    items = {c.id for c in result.edit.constraints.items}
    failed = [c for c in report.checks if c.constraint_id in items and c.status != "passed"]
    assert not failed, [(c.constraint_id, c.status, c.evidence) for c in failed]


def test_one_verb_for_two_parts_reaches_both() -> None:
    result = edited(FEST, "remove the title and subtitle")
    assert [t.role for t in result.patched.texts()] == ["body"]
    assert sorted(result.edit.touched) == ["text-1", "text-2"]


def test_a_part_named_with_its_text_is_that_part_only() -> None:
    result = edited(FEST, "make the title text italic")
    assert [t.role for t in result.patched.texts() if t.italic] == ["title"]


def test_two_values_in_one_clause() -> None:
    result = edited(CHART_SLIDE, "set Q1 to 5 and Q2 to 7")
    assert _chart(result.patched).series[0].values == [5, 7, 18, 25]


def test_light_mode_is_a_light_background_with_readable_texts() -> None:
    result = edited(LOGIN, "switch to light mode")
    assert min(contrast_ratio(c, "#000000") for c in backdrop_colors(result.patched.background)) > 15
    _readable_everywhere(result)


# One verb for several edits, each with its own look.

GRAND = "A poster titled 'GRAND OPENING' with the subtitle 'Saturday 10am'"
PRODUCT = "A product card for 'Aero Mug' with the price '$24' and a button 'Buy now'"


def test_one_verb_gives_each_part_its_own_colour() -> None:
    result = edited(GRAND, "make the title red and the subtitle blue")
    colours = {c.subject: c.color for c in result.edit.constraints.items if isinstance(c, RequiredColor)}
    assert colours == {"GRAND OPENING": "#FF0000", "Saturday 10am": "#0000FF"}
    assert text_of(result.patched, "title").color == "#FF0000"
    assert text_of(result.patched, "subtitle").color == "#0000FF"
    quotes = sorted(c.source.quote for c in result.edit.constraints.items if isinstance(c, RequiredColor))
    assert quotes == ["make the title red", "the subtitle blue"]


def test_a_borrowed_verb_reads_as_its_own_clause() -> None:
    instruction = "make the title red, the subtitle blue and the price green; make the title and the subtitle bold"
    clauses = split_clauses(instruction)
    assert [c.text for c in clauses] == [
        "make the title red",
        "make the subtitle blue",
        "make the price green",
        "make the title and the subtitle bold",
    ]
    assert [instruction[c.start : c.end] for c in clauses][1:3] == ["the subtitle blue", "the price green"]


def test_one_verb_gives_one_part_a_style_and_another_a_size() -> None:
    plan, _ = planned(PRODUCT)
    price_before = text_of(plan, "price").font_size or 0
    result = edited(PRODUCT, "make the title italic and the price larger")
    assert text_of(result.patched, "title").italic and not text_of(result.patched, "price").italic
    assert (text_of(result.patched, "price").font_size or 0) > price_before
    assert text_of(result.patched, "title").font_size == text_of(plan, "title").font_size


def test_a_background_and_the_texts_each_get_their_colour() -> None:
    result = edited(FEST, "change the background to navy and the text to white")
    assert result.patched.background.model_dump() == {"kind": "solid", "color": "#000080"}
    assert {t.color for t in result.patched.texts()} == {"#FFFFFF"}
    texts = [c for c in result.edit.constraints.items if isinstance(c, RequiredColor) and c.target == "text"]
    assert len(texts) == 3 and {c.color for c in texts} == {"#FFFFFF"}


def test_a_colour_that_would_not_read_is_refused_saying_what_to_change_too() -> None:
    message = refused(FEST, "make the text white")
    assert "would not read" in message and "make the background navy and the text white" in message


def test_a_style_already_there_is_noted_not_refused() -> None:
    result = edited(GRAND, "make the title bold and the subtitle larger")
    assert result.edit.notes == ["the title already has weight bold"]
    assert result.edit.changes == ["the subtitle larger (x1.3)"]


# New parts.


def test_a_star_icon_is_added_next_to_the_title_and_checked_as_an_icon() -> None:
    result = edited(GRAND, "add a star icon next to the title")
    icons = [e for e in result.patched.elements if isinstance(e, IconElement)]
    assert [i.name for i in icons] == ["star"]
    masthead = result.patched.node("masthead")
    assert isinstance(masthead, Frame) and [c.id for c in masthead.children][:2] == ["edit-star-icon", "headline"]
    made = result.item("icons-edit")
    assert isinstance(made, RequiredStructure) and made.structure == "icons"
    assert [e.label for e in made.items] == ["star"]
    assert result.edit.changes == ["added a star icon above the title 'GRAND OPENING'"]
    behind = backdrop_colors(result.patched.background)
    assert min(contrast_ratio(icons[0].color, c) for c in behind) >= 3


def test_an_icon_of_a_bell_over_a_placed_title_gets_a_box_above_it() -> None:
    result = edited(POSTER, "add an icon of a bell")
    bell = next(e for e in result.patched.elements if isinstance(e, IconElement))
    title = text_of(result.patched, "title")
    assert bell.name == "bell" and bell.placed_box.y + bell.placed_box.h <= title.placed_box.y


def test_an_unknown_icon_cannot_be_added() -> None:
    assert "no icon for 'zorblax'" in refused(GRAND, "add a zorblax icon")


def test_a_balloon_is_added_to_a_plan_without_balloons_with_its_count() -> None:
    result = edited(GRAND, "add a balloon")
    groups = result.patched.object_groups()
    assert [(g.object_class, g.count) for g in groups] == [("balloon", 1)]
    count = result.item("count-balloon")
    assert isinstance(count, RequiredCount) and count.count == 1


def test_two_more_balloons_where_there_are_none_are_two() -> None:
    result = edited(GRAND, "add two more balloons at the top")
    assert sum(g.count for g in result.patched.object_groups()) == 2
    assert result.item("count-balloon").count == 2
    assert result.item("position-edit").region == "top"


def test_a_logo_placeholder_is_a_bordered_box_that_reads_logo_top_left() -> None:
    result = edited(GRAND, "add a logo placeholder top-left")
    logo = result.patched.node("edit-logo")
    assert isinstance(logo, Frame) and logo.border is not None
    assert isinstance(logo.children[0], TextElement) and logo.children[0].text == "LOGO"
    assert result.item("text-edit").text == "LOGO"
    assert result.patched.root.children[0].id == "edit-logo"


def test_a_subtitle_is_added_with_its_text_constraint() -> None:
    result = edited(GRAND, "add a subtitle 'Since 1999'")
    assert "Since 1999" in [t.text for t in result.patched.texts() if t.role == "subtitle"]
    assert result.item("text-edit").text == "Since 1999"


def test_a_bullet_without_words_is_refused() -> None:
    message = refused(BULLETS, "add a bullet")
    assert "adding bullets needs their words: say what each new one reads" in message


# Common asks: carried out, or refused saying what to write instead.


def test_make_it_bigger_is_refused_naming_the_parts() -> None:
    message = refused(GRAND, "make it bigger")
    assert "'make it bigger'" in message and "does not say which part" in message
    assert "the title 'GRAND OPENING'" in message and "the subtitle 'Saturday 10am'" in message


def test_the_only_icon_is_swapped() -> None:
    plan, constraints = planned(GRAND)
    icon_added = RulesEditor().edit(plan, constraints, "add a star icon next to the title")
    with_icon = apply_patch(plan, icon_added.patch)
    swap = RulesEditor().edit(with_icon, icon_added.constraints, "swap the icon to a gear")
    names = [e.name for e in apply_patch(with_icon, swap.patch).elements if isinstance(e, IconElement)]
    assert names == ["settings"]


def test_the_icon_of_many_asks_which() -> None:
    message = refused(ICONS, "swap the icon to a gear")
    assert "say which icon" in message and "'rocket'" in message


def test_a_gradient_background_from_navy_to_purple() -> None:
    result = edited(GRAND, "make the background a gradient from navy to purple")
    background = result.patched.background.model_dump()
    assert (background["kind"], background["start"], background["end"]) == ("linear_gradient", "#000080", "#800080")
    wanted = next(c for c in result.edit.constraints.items if isinstance(c, RequiredColor))
    assert wanted.target == "background" and wanted.color == "#400080"
    _readable_everywhere(result)


def test_a_gradient_needs_two_colours() -> None:
    assert "a gradient needs two colours" in refused(GRAND, "make the background a gradient of navy")


def test_translating_is_left_to_a_model_and_refused_by_the_rules_with_a_hint() -> None:
    plan, constraints = planned(GRAND)
    draft, unread = RulesEditor().draft(plan, constraints, "make the title red, translate the title to Spanish")
    assert [c.text for c in unread] == ["translate the title to Spanish"] and draft.patch
    message = refused(GRAND, "translate the title to Spanish")
    assert "cannot translate" in message and "--planner llm" in message and "change 'GRAND OPENING' to" in message


@pytest.mark.parametrize(
    ("instruction", "aligned"),
    [
        ("align the text left", {"title": "left", "subtitle": "left"}),
        ("right-align the subtitle", {"subtitle": "right"}),
    ],
)
def test_texts_are_aligned(instruction: str, aligned: dict[str, str]) -> None:
    result = edited(GRAND, instruction)
    assert {role: text_of(result.patched, role).align for role in aligned} == aligned
    assert text_of(result.patched, "title").align == aligned.get("title", "center")


@pytest.mark.parametrize(
    ("brief", "instruction", "names"),
    [
        (GRAND, "remove the logo", ["no logo", "a title"]),
        (GRAND, "give it more pizzazz", ["give it more pizzazz", "the title 'GRAND OPENING'"]),
        (GRAND, "make everything bigger", ["does not say which part", "the subtitle 'Saturday 10am'"]),
        (ICONS, "swap the anchor icon to a gear", ["no icon draws 'anchor'", "'rocket'"]),
    ],
)
def test_every_refusal_names_the_clause_and_what_there_is(brief: str, instruction: str, names: list[str]) -> None:
    message = refused(brief, instruction)
    assert all(name in message for name in names), message


def test_a_refused_clause_leaves_the_plan_and_constraints_as_they_were() -> None:
    plan, constraints = planned(GRAND)
    before = (plan.model_dump(), constraints.model_dump())
    with pytest.raises(EditError):
        RulesEditor().edit(plan, constraints, "make the title red, add a star icon next to the title, make it bigger")
    assert (plan.model_dump(), constraints.model_dump()) == before


def test_a_subtitle_over_a_placed_layout_goes_under_the_title_clear_of_every_box() -> None:
    result = edited(POSTER, "add a subtitle 'Since 1999'")
    added = next(t for t in result.patched.texts() if t.text == "Since 1999")
    title = text_of(result.patched, "title")
    box = added.placed_box
    assert box.y >= title.placed_box.y + title.placed_box.h
    others = [e.placed_box for e in result.patched.elements if e.id != added.id and e.box is not None]
    assert not [
        o for o in others if box.x < o.x + o.w and o.x < box.x + box.w and box.y < o.y + o.h and o.y < box.y + box.h
    ]


def test_the_price_of_a_menu_entry_changes_in_its_row_and_its_constraint() -> None:
    menu = "A cafe menu titled 'Morning Brew' with prices: Latte $4, Espresso $3, Cappuccino $4.50"
    result = edited(menu, "set the price of the latte to $4.50")
    table = next(e for e in result.patched.elements if isinstance(e, TableElement))
    assert table.rows[0] == ["Latte", "$4.50"] and table.rows[1] == ["Espresso", "$3"]
    assert [e.value for e in result.item("structure-1").items] == ["$4.50", "$3", "$4.50"]
    assert result.edit.touched == ["structure-1"]
    assert "no table row is 'mocha'" in refused(menu, "set the price of the mocha to $5")


def test_a_dark_hue_on_a_dark_ground_becomes_a_lighter_shade_of_it() -> None:
    result = edited(
        "A poster with the headline 'TEAM ALPHA' and the subtitle 'Spring League 2026'", "make the subtitle blue"
    )
    ink = text_of(result.patched, "subtitle").color
    red, green, blue = (int(ink[i : i + 2], 16) for i in (1, 3, 5))
    assert blue > 1.5 * max(red, green), ink
    assert min(contrast_ratio(ink, c) for c in backdrop_colors(result.patched.background)) >= 3
    assert "a shade of #0000FF" in result.edit.changes[0]


def test_a_part_its_layout_centres_is_not_moved_by_order_and_the_refusal_says_why() -> None:
    message = refused(PRODUCT, "put the button at the bottom")
    assert "'put the button at the bottom'" in message and "already comes last in its layout" in message
    assert "--planner llm" in message and "the button 'Buy now'" in message


@pytest.mark.parametrize(("instruction", "left"), [
    ("remove the second bullet", ["Fast setup", "Fair prices"]),
    ("delete the last item", ["Fast setup", "Friendly support"]),
    ("remove the first bullet point", ["Friendly support", "Fair prices"]),
])  # fmt: skip
def test_one_entry_of_the_list_is_removed_by_its_place(instruction: str, left: list[str]) -> None:
    result = edited(BULLETS, instruction)
    bullets = next(e for e in result.patched.elements if isinstance(e, ListElement))
    assert bullets.items == left
    structure = next(c for c in result.edit.constraints.items if c.kind == "structure")
    assert [entry.label for entry in structure.items] == left  # the removed entry is no longer asked for


def test_an_entry_past_the_end_of_the_list_is_refused_naming_the_entries() -> None:
    message = refused(BULLETS, "remove the fifth bullet")
    assert "only 3 entries" in message and "'Fair prices'" in message


def test_the_bullets_are_the_list() -> None:
    result = edited(BULLETS, "make the bullets dark red")
    bullets = next(e for e in result.patched.elements if isinstance(e, ListElement))
    assert bullets.color != next(e for e in result.plan.elements if isinstance(e, ListElement)).color

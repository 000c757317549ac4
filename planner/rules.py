"""The model-free planner: constraints -> a clean poster layout, and revisions from a verification report."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import cast

from tessera.contract import (
    Box,
    Canvas,
    Constraints,
    Element,
    Frame,
    GradientBackground,
    LayoutPlan,
    ObjectGroup,
    PictureElement,
    PlanResult,
    Region,
    RequiredColor,
    RequiredCount,
    RequiredPosition,
    RequiredText,
    ShapeElement,
    TextElement,
    TextRole,
    VerificationReport,
    contrast_ratio,
    hex_to_rgb,
    rgb_to_hex,
    root_frame,
)
from tessera.planner._arrangements import arranged, arrangement_for
from tessera.planner._assets import logo_marks, photo_blocks
from tessera.planner._blocks import BlockRequest, place_blocks
from tessera.planner._colors import readable_shade, worst_contrast
from tessera.planner._coverage import coverage_map
from tessera.planner._extract import count_styles, picture_requests, text_roles
from tessera.planner._extract_spans import unique_id
from tessera.planner._layout import (
    BOLD_ROLES,
    AccentSpec,
    GroupSpec,
    Layout,
    Placed,
    Row,
    TextSpec,
    is_lead,
    order_rows,
    place_rows,
)
from tessera.planner._looks import SpriteLookup, group_look
from tessera.planner._numbers import plural
from tessera.planner._palette import (
    LARGE_TEXT_CONTRAST,
    MIN_CONTRAST,
    ColorScheme,
    min_contrast,
    panel_fill_for,
)
from tessera.planner._picture_layout import (
    PlacedPicture,
    area_margin,
    content_areas,
    is_background,
    margin_of,
    place_pictures,
)
from tessera.planner._pictures import Spot
from tessera.planner._quotes import Role
from tessera.planner._revise import revise_plan
from tessera.planner._scene import scene_blocks
from tessera.planner._structure_plan import structure_blocks
from tessera.planner._style import Style, style_for
from tessera.planner._templates import TEMPLATES, Material, choose, fitting, laps, slots_of

_Z_PANEL, _Z_ACCENT, _Z_OBJECTS, _Z_TEXT = 2, 3, 5, 10
# The rules planner's roles as the plan names them.
TEXT_ROLES: dict[Role, TextRole] = {
    "headline": "title", "subheading": "subtitle", "body": "body", "footer": "footer", "label": "label"
}  # fmt: skip
LARGE_ROLES = ("headline", "subheading")  # set large, so WCAG's 3:1 for large text applies
_ROWS_ASKED = re.compile(r"\b(?:in|as) a (?:single )?(?:row|line)\b|\ba row of\b", re.IGNORECASE)


def _asks_for_rows(brief: str) -> bool:
    """Whether the brief asks for objects in a row, which then stay in one row however much room there is."""
    return _ROWS_ASKED.search(brief) is not None


class RulePlanner:
    """A planner without a model: a centred poster in a few fixed, tested rules.

    Text is stacked top to bottom by role (headline, subheading, body, footer) with sizes stepping down,
    sprite groups go where the brief put them (else between headline and body), colours come from the brief
    or a default palette picked from the brief, and text colour is chosen for WCAG contrast: 4.5:1, or 3:1 for a
    headline or subheading set large. Pictures the brief asks for ("a photo of a mountain lake filling the top
    half") get their region first and everything else is laid out in the room beside them; over a background
    picture every text sits on a panel. Groups asked for in a real look ("3 realistic dogs"), or of a class no
    sprite draws, are generated one instance per box.

    `sprite_for` tells whether the renderer has a sprite for a class (the renderer's `sprite_for`, passed in
    where the parts are built); None: unknown, every class is drawn with sprites.
    """

    name = "rules"

    def __init__(self, *, sprite_for: SpriteLookup | None = None) -> None:
        self._sprite_for = sprite_for

    def plan(
        self, constraints: Constraints, canvas: Canvas, *, seed: int = 0, style_seed: int | None = None
    ) -> PlanResult:
        """A first plan on `canvas` carrying every required string once and every count exactly: its template by
        `seed`, its style (palette, families, radius, decoration) by `style_seed` (None: `seed`)."""
        style = style_for(constraints, seed if style_seed is None else style_seed)
        return self._plan(constraints, canvas, seed, style, given=None)

    def plan_around(
        self,
        constraints: Constraints,
        canvas: Canvas,
        pictures: list[PictureElement],
        *,
        seed: int = 0,
        style_seed: int | None = None,
    ) -> PlanResult:
        """A plan that keeps `pictures` where they are (a model's, a user's) and lays out the rest around them."""
        style = style_for(constraints, seed if style_seed is None else style_seed)
        return self._plan(constraints, canvas, seed, style, given=pictures)

    def _plan(
        self, constraints: Constraints, canvas: Canvas, seed: int, style: Style, given: list[PictureElement] | None
    ) -> PlanResult:
        # The seed varies the generic layout too: where the brief places its objects nowhere, they go in the middle,
        # at the foot or at the head (given pictures keep the layout around them as the model or user set it).
        band = None if given is not None else _GROUP_BANDS[seed % len(_GROUP_BANDS)]
        generic = self._generic_plan(constraints, canvas, style.scheme, given, band)
        if given is not None:
            return generic
        return _designed(constraints, canvas, seed, style, generic) or generic

    def _generic_plan(
        self,
        constraints: Constraints,
        canvas: Canvas,
        scheme: ColorScheme,
        given: list[PictureElement] | None,
        band: Region | None = None,
    ) -> PlanResult:
        """A centred layout of rows of text and groups (those the brief places nowhere in `band`, None: between
        the headline and the body), with the structures and a scene in blocks beside them."""
        colors = [c for c in constraints.items if isinstance(c, RequiredColor)]
        background = next((c.color for c in colors if c.target == "background"), None)
        accent = next((c.color for c in colors if c.target == "accent"), None)
        pictures, picture_notes = self._pictures(constraints, canvas, given, background is not None)
        # The user's logos are small marks with fixed boxes: blocks and text keep clear of them as of pictures.
        marks = logo_marks(constraints, canvas)
        taken = [p.box for p in pictures] + [m.placed_box for m in marks]
        blocks, block_notes = place_blocks(canvas, self._blocks(constraints, canvas, scheme), taken)
        carried = frozenset().union(*(b.carries for b in blocks))
        areas = content_areas(canvas, taken + [b.box for b in blocks])
        while not areas and any(not p.background for p in pictures):
            dropped = next(p for p in reversed(pictures) if not p.background)
            pictures.remove(dropped)
            picture_notes.append(f"Left out picture '{dropped.id}': it left too little room for the text.")
            areas = content_areas(
                canvas, [p.box for p in pictures] + [m.placed_box for m in marks] + [b.box for b in blocks]
            )
        over_picture = any(p.background for p in pictures)
        texts, groups, layout = self._layout(
            constraints, canvas, scheme, colors, accent, frozenset(), areas, over_picture, carried, band
        )
        small = _set_small(layout, scheme)
        if small:  # set smaller than planned: those texts need the full 4.5:1, so lay out again
            texts, groups, layout = self._layout(
                constraints, canvas, scheme, colors, accent, small, areas, over_picture, carried, band
            )
        elements: list[Element | Frame] = [p.element() for p in pictures]
        elements += marks
        elements += [node for block in blocks for node in block.nodes]
        elements += _elements(layout)
        plan = LayoutPlan(
            canvas=canvas,
            background=scheme.background,
            root=root_frame(elements),
            rationale=_rationale(canvas, scheme, texts, groups, background is not None, pictures),
        )
        notes = _notes(canvas, layout, scheme, texts, background, accent) + picture_notes + block_notes
        return PlanResult(plan=plan, planner=self.name, notes=notes)

    def _pictures(
        self, constraints: Constraints, canvas: Canvas, given: list[PictureElement] | None, asks_background: bool
    ) -> tuple[list[PlacedPicture], list[str]]:
        """The pictures of the plan and a note on each: the given ones as they are, else the brief's, placed."""
        if given is not None:
            placed = [
                PlacedPicture(p.id, p.prompt, p.style, p.placed_box, None, is_background(p.placed_box, canvas))
                for p in given
            ]
            return placed, [
                f"Kept picture '{p.id}' ({p.style}: {p.prompt[:60]}) at {_box_words(p.box)}." for p in placed
            ]
        requests = picture_requests(constraints)
        notes = []
        if asks_background and any(r.spot == "background" for r in requests):
            # The asked colour must show, so the picture takes the hero region instead of the whole canvas.
            requests = [replace(r, spot=None, extent="half") if r.spot == "background" else r for r in requests]
            notes.append("The brief names a background colour, so the background picture became the hero picture.")
        placed = place_pictures(canvas, requests, set())
        for picture in placed:
            where = "the whole canvas, under everything" if picture.background else _box_words(picture.box)
            notes.append(f"Picture '{picture.id}' ({picture.style}: {picture.prompt[:60]}) fills {where}.")
        return placed, notes

    def _layout(
        self,
        constraints: Constraints,
        canvas: Canvas,
        scheme: ColorScheme,
        colors: list[RequiredColor],
        accent: str | None,
        small: frozenset[str],
        areas: list[Box],
        over_picture: bool,
        carried: frozenset[str],
        band: Region | None = None,
    ) -> tuple[list[TextSpec], list[GroupSpec], Layout]:
        texts = _text_specs(constraints, scheme, colors, small, over_picture, carried)
        groups = _group_specs(
            constraints, colors, taken={t.id for t in texts}, sprite_for=self._sprite_for, carried=carried
        )
        for group in groups:
            group.one_row = _asks_for_rows(constraints.brief)
        relations = _apply_positions(constraints, texts, groups)
        related = {subject for subject, _, _ in relations}
        for group in groups:
            if group.region is None and group.id not in related:
                group.region = band
        # A brand colour gets a bolder bar, so it covers a visible share of the canvas at every size.
        accent_spec = AccentSpec("accent-bar", scheme.accent, brand=accent is not None) if texts else None
        rows = order_rows(texts, groups, accent_spec, relations)
        return texts, groups, _place_in_areas(canvas, rows, areas)

    def _blocks(self, constraints: Constraints, canvas: Canvas, scheme: ColorScheme) -> list[BlockRequest]:
        """The regions parts fill with nodes of their own: the brief's structures, then a composed scene, each kept
        off the band (top or bottom) the brief asks its texts to take."""
        requests = [
            *structure_blocks(constraints, canvas, scheme),
            *scene_blocks(constraints, canvas, scheme, self._sprite_for),
            *photo_blocks(constraints),
        ]
        return [_clear_of_text_bands(request, constraints) for request in requests]

    def revise(
        self, plan: LayoutPlan, constraints: Constraints, report: VerificationReport, *, attempt: int
    ) -> PlanResult:
        """The plan changed to address the report's failed checks and lint errors; strings and counts never change."""
        revised, notes = revise_plan(plan, constraints, report, attempt=attempt)
        return PlanResult(plan=revised, planner=self.name, notes=notes)


_OTHER_BAND: dict[str, Spot] = {"top": "bottom", "bottom": "top"}
_GROUP_BANDS: tuple[Region | None, ...] = (None, "bottom", "top")
_SMALLEST_DESIGN_EDGE = 320  # px: below it a template's cards and columns have no room; the generic layout scales


def _designed(
    constraints: Constraints, canvas: Canvas, seed: int, style: Style, generic: PlanResult
) -> PlanResult | None:
    """The plan of the first template for the brief's document kind (in the order the seed picks) that leaves
    nothing out the generic layout carries; None when no template fits, the canvas is too small for one, or the
    brief places things (templates set out a page; the generic layout and its scene composer place things)."""
    places_things = any(isinstance(c, RequiredPosition) and c.subject_kind == "objects" for c in constraints.items)
    if places_things or min(canvas.width, canvas.height) < _SMALLEST_DESIGN_EDGE:
        return None
    material = Material(constraints, canvas, style, seed, slots_of(constraints))
    scored = fitting(TEMPLATES, material)
    generic_misses = _missed(constraints, generic.plan)
    arrangement = arrangement_for(laps(scored, seed))
    for template in choose(scored, seed):
        design = template.compose(material)
        root = arranged(design.root, arrangement)
        plan = LayoutPlan(
            canvas=canvas, background=material.style.scheme.background, root=root, rationale=design.rationale
        )
        if _missed(constraints, plan) <= generic_misses:
            others = ", ".join(t.name for _, t in scored if t is not template) or "none"
            arranged_as = "" if arrangement == "as-composed" else f", arranged {arrangement}"
            notes = [
                f"Template '{design.template}' for the {constraints.document} ({len(scored)} fit; others: {others})"
                f"{arranged_as}.",
                *design.notes,
            ]
            return PlanResult(plan=plan, planner="rules", notes=notes)
    return None


def _missed(constraints: Constraints, plan: LayoutPlan) -> set[str]:
    """The clauses of the brief `plan` leaves out."""
    return {entry.clause for entry in coverage_map(constraints, plan) if entry.status == "not_planned"}


def _clear_of_text_bands(request: BlockRequest, constraints: Constraints) -> BlockRequest:
    """The block moved to the other band when the brief asks a text into the band it wanted, and not the other:
    "subtitles across the bottom of the frame" keep the bottom, and the scene goes to the top."""
    bands = {
        position.region.split("-")[0]
        for position in constraints.items
        if isinstance(position, RequiredPosition) and position.subject_kind == "text" and position.region
    }
    spot = request.spot or ""
    wanted, _, side = spot.partition("-")
    other = _OTHER_BAND.get(wanted)
    if other is None or wanted not in bands or other in bands:
        return request
    # a corner keeps its side: "bottom-left" becomes "top-left"
    return replace(request, spot=cast(Spot, f"{other}-{side}" if side else other))


def _box_words(box: Box) -> str:
    return f"x={box.x}, y={box.y}, {box.w}x{box.h} px"


def _place_in_areas(canvas: Canvas, rows: list[Row], areas: list[Box]) -> Layout:
    """The rows laid out on the whole canvas, or in the room the pictures leave (two rooms: lead lines go above)."""
    full = Box(x=0, y=0, w=canvas.width, h=canvas.height)
    if not areas or areas == [full]:
        return place_rows(canvas.width, canvas.height, rows)
    if len(areas) == 1:
        return _shifted(_place_in(canvas, areas[0], rows), areas[0])
    upper_rows, lower_rows = _split_rows(rows)
    layouts = [
        _shifted(_place_in(canvas, area, part), area)
        for area, part in zip(areas, (upper_rows, lower_rows), strict=True)
        if part
    ]
    return Layout(
        placed=[p for layout in layouts for p in layout.placed],
        margin=margin_of(canvas),
        scale=min(layout.scale for layout in layouts),
    )


def _place_in(canvas: Canvas, area: Box, rows: list[Row]) -> Layout:
    """The rows laid out in one area; sizes keep more of the canvas's scale than the area's own would give,
    so a headline beside a picture still reads as a headline (the fit shrinks them when they do not fit)."""
    canvas_scale = math.sqrt(canvas.width * canvas.height)
    scale = canvas_scale * (area.area / (canvas.width * canvas.height)) ** 0.125
    return place_rows(area.w, area.h, rows, area_margin(canvas, area), scale)


def _split_rows(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """Rows for the room above a centre picture (the top block and the headline lines) and for the room below."""
    cut = 0
    while cut < len(rows) and (
        rows[cut].block == "top" or (rows[cut].block == "main" and all(is_lead(s.spec) for s in rows[cut].slots))
    ):
        cut += 1
    if cut == 0 or cut == len(rows):
        half = max(1, len(rows) // 2) if len(rows) > 1 else len(rows)
        cut = cut or half
    return rows[:cut], rows[cut:]


def _shifted(layout: Layout, area: Box) -> Layout:
    """A layout made on an area's own coordinates, moved onto the canvas."""

    def moved(box: Box) -> Box:
        return box.model_copy(update={"x": box.x + area.x, "y": box.y + area.y})

    placed = [
        replace(p, box=moved(p.box), panel_box=moved(p.panel_box) if p.panel_box else None) for p in layout.placed
    ]
    return Layout(placed=placed, margin=layout.margin, scale=layout.scale)


def _id_for(role: Role, taken: dict[str, int]) -> str:
    taken[role] = taken.get(role, 0) + 1
    n = taken[role]
    if role in ("body", "label"):
        return f"{role}-{n}"
    return role if n == 1 else f"{role}-{n}"


def _requested_text_color(text: str, colors: list[RequiredColor]) -> str | None:
    own = next((c.color for c in colors if c.target == "text" and c.subject == text), None)
    return own or next((c.color for c in colors if c.target == "text" and c.subject is None), None)


def _exact_hex_requested(text: str, colors: list[RequiredColor]) -> bool:
    """Whether the brief gave this text's colour as a hex code, which is kept exactly (with a panel if need be)."""
    return any(c.target == "text" and c.subject in (text, None) and "#" in c.source.quote for c in colors)


def _muted(ink: str, behind: list[str]) -> str:
    """The ink a quarter of the way to the background, when that still reads comfortably."""
    a, b = hex_to_rgb(ink), hex_to_rgb(behind[0])
    mixed = rgb_to_hex(0.78 * x + 0.22 * y for x, y in zip(a, b, strict=True))
    return mixed if worst_contrast(mixed, behind) >= MIN_CONTRAST + 1.0 else ink


def _text_color(
    required: RequiredText, role: Role, scheme: ColorScheme, colors: list[RequiredColor], minimum: float
) -> tuple[str, str | None]:
    """The text's colour and, when that colour cannot read at `minimum` on the background, a panel fill.

    An asked-for named colour becomes a readable shade of itself before it gets a panel; an asked-for hex
    code is kept exactly.
    """
    requested = _requested_text_color(required.text, colors)
    if requested is None:
        default = {"headline": scheme.headline, "footer": _muted(scheme.ink, scheme.behind)}.get(role, scheme.ink)
        if worst_contrast(default, scheme.behind) < minimum:
            default = scheme.ink  # a palette headline colour set small reads as body text
        return default, None
    color = requested
    if not _exact_hex_requested(required.text, colors) and worst_contrast(color, scheme.behind) < minimum:
        color = readable_shade(color, scheme.behind, minimum) or color
    panel = panel_fill_for(color) if worst_contrast(color, scheme.behind) < minimum else None
    return color, panel


def _text_specs(
    constraints: Constraints,
    scheme: ColorScheme,
    colors: list[RequiredColor],
    small: frozenset[str] = frozenset(),
    over_picture: bool = False,
    carried: frozenset[str] = frozenset(),
) -> list[TextSpec]:
    """Specs for every required text; headlines and subheadings read at the large-text contrast unless in `small`.

    Over a background picture, whose colours nobody knows in advance, every text gets a panel in the scheme's
    background colour: the colours chosen to read on that background then read on the panel.
    """
    roles = text_roles(constraints)
    counters: dict[str, int] = {}
    specs: list[TextSpec] = []
    headlines = 0
    for required in (c for c in constraints.items if isinstance(c, RequiredText) and c.id not in carried):
        role = roles.get(required.text, "body")
        large = role in LARGE_ROLES and required.text not in small
        color, panel = _text_color(required, role, scheme, colors, LARGE_TEXT_CONTRAST if large else MIN_CONTRAST)
        if over_picture and panel is None:
            panel = _picture_panel(color, scheme)
        specs.append(
            TextSpec(
                id=_id_for(role, counters),
                text=required.text,
                role=role,
                script=required.script,
                language=required.language,
                color=color,
                panel=panel,
                headline_rank=min(headlines, 1) if role == "headline" else 0,
            )
        )
        headlines += role == "headline"
    _emphasize_second_line(specs)
    return specs


def _picture_panel(color: str, scheme: ColorScheme) -> str:
    """A panel for text over a picture: the background colour the text was chosen for, else white or near-black."""
    return next((c for c in scheme.behind if worst_contrast(color, [c]) >= MIN_CONTRAST), panel_fill_for(color))


def _set_small(layout: Layout, scheme: ColorScheme) -> frozenset[str]:
    """Texts that came out too small for the large-text contrast their colour relies on."""
    small = set()
    for placed in layout.placed:
        spec = placed.spec
        if isinstance(spec, TextSpec) and placed.text_fit:
            needed = min_contrast(spec.role, placed.text_fit.size, spec.role in BOLD_ROLES)
            if worst_contrast(spec.color, [spec.panel] if spec.panel else scheme.behind) < needed:
                small.add(spec.text)
    return frozenset(small)


def _emphasize_second_line(specs: list[TextSpec]) -> None:
    """With no subheading, a short body line right after the headline is set at subheading size."""
    if any(s.role == "subheading" for s in specs) or len(specs) > 3:
        return
    roles = [s.role for s in specs]
    if "headline" in roles and roles.index("headline") + 1 < len(specs):
        follower = specs[roles.index("headline") + 1]
        if follower.role == "body" and len(follower.text) <= 60:
            follower.emphasis = 1.4


def _group_id(object_class: str, taken: set[str]) -> str:
    return unique_id(re.sub(r"[^a-z0-9]+", "-", plural(object_class)).strip("-")[:36] or "objects", taken)


def _group_specs(
    constraints: Constraints,
    colors: list[RequiredColor],
    taken: set[str],
    sprite_for: SpriteLookup | None = None,
    carried: frozenset[str] = frozenset(),
) -> list[GroupSpec]:
    taken = set(taken) | {"accent-bar"}
    styles = count_styles(constraints)
    groups = []
    for required in (c for c in constraints.items if isinstance(c, RequiredCount) and c.id not in carried):
        color = next((c.color for c in colors if c.target == "objects" and c.subject == required.object_class), None)
        look, prompt = group_look(required, styles.get(required.id), sprite_for)
        group_id = _group_id(required.object_class, taken)
        groups.append(GroupSpec(group_id, required.object_class, required.count, color, look=look, prompt=prompt))
    return groups


def _apply_positions(
    constraints: Constraints, texts: list[TextSpec], groups: list[GroupSpec]
) -> list[tuple[str, str, str]]:
    """Set each subject's region; return the relations as (subject id, 'below'|'above', reference id)."""
    text_by_string = {t.text: t for t in texts}
    relations: list[tuple[str, str, str]] = []
    for position in (c for c in constraints.items if isinstance(c, RequiredPosition)):
        if position.subject_kind == "text":
            subjects: list[TextSpec | GroupSpec] = (
                [text_by_string[position.subject]] if position.subject in text_by_string else []
            )
        else:
            same_class: list[TextSpec | GroupSpec] = [g for g in groups if g.object_class == position.subject]
            subjects = same_class[:1]
        for subject in subjects:
            if position.region and subject.region is None:
                subject.region = position.region
            if position.relation in ("below", "above") and position.reference in text_by_string:
                relations.append((subject.id, position.relation, text_by_string[position.reference].id))
    return relations


def _elements(layout: Layout) -> list[Element]:
    elements: list[Element] = []
    for placed in layout.placed:
        spec = placed.spec
        if isinstance(spec, TextSpec):
            if placed.panel_box is not None and spec.panel:
                elements.append(
                    ShapeElement(
                        id=f"{spec.id}-panel",
                        box=placed.panel_box,
                        z=_Z_PANEL,
                        shape="rounded_rectangle",
                        fill=spec.panel,
                        corner_radius=max(0, min(placed.panel_box.h // 4, 48)),
                    )
                )
            elements.append(_text_element(placed, spec))
        elif isinstance(spec, GroupSpec):
            fit = placed.group_fit
            elements.append(
                ObjectGroup(
                    id=spec.id,
                    box=placed.box,
                    z=_Z_OBJECTS,
                    object_class=spec.object_class,
                    count=spec.count,
                    arrangement=fit.arrangement if fit else "row",
                    color=spec.color,
                    look=spec.look,
                    prompt=spec.prompt,
                )
            )
        else:
            elements.append(
                ShapeElement(
                    id=spec.id,
                    box=placed.box,
                    z=_Z_ACCENT,
                    shape="rounded_rectangle",
                    fill=spec.color,
                    corner_radius=placed.box.h // 2,
                )
            )
    return _keep_hierarchy(elements)


def _text_element(placed: Placed, spec: TextSpec) -> TextElement:
    size = placed.text_fit.size if placed.text_fit else 24.0
    return TextElement(
        id=spec.id,
        box=placed.box,
        z=_Z_TEXT,
        text=spec.text,
        script=spec.script,
        language=spec.language,
        role=TEXT_ROLES[spec.role],
        font_weight="bold" if spec.role in BOLD_ROLES else "regular",
        max_font_size=max(8, min(800, int(size))),
        color=spec.color,
        align=placed.align,
        line_spacing=1.15,
    )


def _keep_hierarchy(elements: list[Element]) -> list[Element]:
    """Cap every other text below the smallest headline, so the headline is always the biggest."""
    headlines = [e.max_font_size for e in elements if isinstance(e, TextElement) and e.role == "title"]
    if not headlines:
        return elements
    cap = max(8, min(headlines) - 2)
    return [
        e.model_copy(update={"max_font_size": min(e.max_font_size, cap)})
        if isinstance(e, TextElement) and e.role != "title" and e.max_font_size > cap
        else e
        for e in elements
    ]


def _describe_background(scheme: ColorScheme) -> str:
    bg = scheme.background
    if isinstance(bg, GradientBackground):
        return f"a subtle vertical gradient from {bg.start} to {bg.end}"
    return f"flat {bg.color}"


def _rationale(
    canvas: Canvas,
    scheme: ColorScheme,
    texts: list[TextSpec],
    groups: list[GroupSpec],
    asked: bool,
    pictures: Sequence[PlacedPicture] = (),
) -> str:
    lead = next((t for t in texts if t.role == "headline"), texts[0] if texts else None)
    parts = [
        f"A centred {canvas.width}x{canvas.height} layout on {'the requested' if asked else 'a default'} background."
    ]
    if lead:
        parts.append(
            f"'{lead.text[:80]}' leads as the bold headline and the other text steps down in size in reading order."
        )
    if groups:
        described = ", ".join(f"{g.count} {plural(g.object_class) if g.count > 1 else g.object_class}" for g in groups)
        parts.append(f"Sprite groups ({described}) sit in their own bands so no text covers them.")
        generated = [g for g in groups if g.look == "generated"]
        if generated:
            parts.append(
                "Generated one instance per box, so the counts stay exact: "
                + ", ".join(f"{g.count} x {g.prompt}" for g in generated)
                + "."
            )
    for picture in pictures:
        if picture.background:
            parts.append(
                f"A {picture.style} of {picture.prompt[:80]} fills the background; every text sits on a panel."
            )
        else:
            parts.append(
                f"A {picture.style} of {picture.prompt[:80]} takes its own region and the rest goes beside it."
            )
    return " ".join(parts)[:2000]


def _notes(
    canvas: Canvas,
    layout: Layout,
    scheme: ColorScheme,
    texts: list[TextSpec],
    background: str | None,
    accent: str | None,
) -> list[str]:
    notes = [f"Kept {layout.margin} px margins (6% of the short edge) on the {canvas.width}x{canvas.height} canvas."]
    if background:
        notes.append(f"Background {background} as asked, drawn as {_describe_background(scheme)}.")
    else:
        notes.append(
            f"No background colour was asked for, so the '{scheme.palette}' palette sets "
            f"{_describe_background(scheme)}."
        )
    for placed in layout.placed:
        spec = placed.spec
        if isinstance(spec, TextSpec) and placed.text_fit:
            ratio = worst_contrast(spec.color, [spec.panel] if spec.panel else scheme.behind)
            notes.append(
                f"'{spec.text[:60]}' is the {spec.role}: up to {int(placed.text_fit.size)} px in {spec.color}, "
                f"{ratio:.1f}:1 contrast{' on a ' + spec.panel + ' panel' if spec.panel else ''}."
            )
        elif isinstance(spec, GroupSpec) and placed.group_fit:
            fit = placed.group_fit
            where = f" in the {spec.region} region" if spec.region else " between the headline and the body"
            drawn = "sprite(s)" if spec.look == "sprite" else f"generated instance(s) ('{spec.prompt}')"
            notes.append(
                f"{spec.count} {spec.object_class} {drawn} in a {fit.arrangement} of {fit.columns}x{fit.rows}{where}, "
                f"about {int(fit.sprite)} px each."
            )
        elif isinstance(spec, AccentSpec):
            source = "the brand/accent colour" if accent else "the palette's accent"
            notes.append(
                f"Accent bar in {spec.color} ({source}) under the headline, "
                f"{contrast_ratio(spec.color, scheme.behind[0]):.1f}:1 against the background."
            )
    return notes

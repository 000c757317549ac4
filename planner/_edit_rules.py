"""The rules editor: an edit instruction, clause by clause, as an RFC 6902 patch of the plan, without a model."""

from __future__ import annotations

from collections.abc import Callable

from tessera.contract import (
    ChartElement,
    Constraint,
    Constraints,
    CoverageEntry,
    EditError,
    IconElement,
    LayoutPlan,
    ListElement,
    RequiredStructure,
    TableElement,
    TextElement,
)
from tessera.contract.edits import MAX_INSTRUCTION_CHARS, PlanEdit, apply_patch
from tessera.contract.plan import MAX_BRIEF_CHARS
from tessera.planner._coverage import coverage_map, with_coverage
from tessera.planner._edit_adds import add_icon, add_logo, add_things
from tessera.planner._edit_asks import unread_clause
from tessera.planner._edit_clauses import Clause, split_clauses
from tessera.planner._edit_draft import ClauseNotUnderstood, ClauseRefused, Draft
from tessera.planner._edit_paint import change_color
from tessera.planner._edit_targets import elements_said
from tessera.planner._edit_texts import add_text, change_entry_value, change_text, remove_text
from tessera.planner._edit_things import (
    align_part,
    change_chart,
    change_count,
    change_font,
    move_part,
    remove_list_entry,
    remove_part,
    resize_part,
    swap_icon,
)

ClauseRule = Callable[[Clause, Draft], bool]
# Tried in order; the first that reads the clause carries it out. Counts and charts come before texts and
# colours, which would otherwise read "add two more red balloons" or "add a category 'LATAM' with 7" as theirs.
RULES: tuple[ClauseRule, ...] = (
    change_count,
    change_chart,
    swap_icon,
    change_entry_value,
    add_icon,
    add_logo,
    add_things,
    remove_text,
    remove_list_entry,
    remove_part,
    add_text,
    change_text,
    align_part,
    move_part,
)
# Looks combine in one clause ("make the title red and bold", "make the title bigger and italic"): each that
# reads the clause carries out its part.
LOOKS: tuple[ClauseRule, ...] = (resize_part, change_font, change_color)


def _carry_out(clause: Clause, draft: Draft) -> None:
    """Carry out the clause, or raise what the rules say of it (ClauseRefused, ClauseNotUnderstood)."""
    if any(rule(clause, draft) for rule in RULES):
        return
    if [look(clause, draft) for look in LOOKS].count(True) == 0:
        unread_clause(clause, draft)


class RulesEditor:
    """Carries out the common edits (change, add or remove a text; move, resize or remove a part or one instance;
    change a colour, a count, a font style, an icon, a chart's data) as patch operations, and rewrites the
    constraints each one changes. An instruction with a clause it cannot read, or whose target is not in the
    plan, is refused whole: EditError names the clause and says why."""

    name = "rules"

    def edit(self, plan: LayoutPlan, constraints: Constraints, instruction: str) -> PlanEdit:
        """The edit of `plan` that `instruction` asks for; EditError when any clause cannot be carried out."""
        draft, unread = self.draft(plan, constraints, instruction)
        if unread:
            clause = unread[0]
            raise EditError(
                f"cannot read the edit '{clause.text}': {draft.unread[clause.text]}; {elements_said(draft)}"
            )
        return finish(draft, plan, constraints, instruction, planner=self.name)

    def draft(self, plan: LayoutPlan, constraints: Constraints, instruction: str) -> tuple[Draft, list[Clause]]:
        """The clauses the rules read, carried out on a draft of the plan, and the clauses they do not read (for a
        model to carry out). EditError when a clause the rules read cannot be carried out on this plan."""
        check_instruction(constraints, instruction)
        clauses = split_clauses(instruction)
        if not clauses:
            raise EditError("the edit instruction says nothing to change")
        draft = Draft.start(plan, constraints, instruction)
        unread: list[Clause] = []
        for clause in clauses:
            try:
                _carry_out(clause, draft)
            except ClauseNotUnderstood as hint:
                unread.append(clause)
                draft.unread[clause.text] = str(hint)
            except ClauseRefused as refusal:
                raise EditError(f"cannot apply '{clause.text}': {refusal}") from refusal
        return draft, unread


def check_instruction(constraints: Constraints, instruction: str) -> None:
    if not instruction.strip():
        raise EditError("the edit instruction is empty: say what to change")
    if len(instruction) > MAX_INSTRUCTION_CHARS:
        raise EditError(f"the edit instruction is {len(instruction)} characters; at most {MAX_INSTRUCTION_CHARS}")
    if len(Draft.joined_brief(constraints.brief, instruction)) > MAX_BRIEF_CHARS:
        raise EditError(
            f"the run's brief and its edits would pass {MAX_BRIEF_CHARS:,} characters: start a new run from a "
            "shorter brief"
        )


def finish(
    draft: Draft,
    plan: LayoutPlan,
    constraints: Constraints,
    instruction: str,
    *,
    planner: str,
    notes: list[str] | None = None,
) -> PlanEdit:
    """The PlanEdit of a draft: its patch checked against the stored plan, the constraints the edit broke without
    saying so dropped (and touched), and the coverage of the edited plan."""
    if not draft.patch:
        raise EditError(f"the edit '{instruction}' changes nothing in the plan: it already is as asked")
    patched = apply_patch(plan, draft.patch)
    _drop_orphans(draft, constraints, plan, patched)
    edited = Constraints.model_validate(
        {**constraints.model_dump(exclude={"coverage", "items", "brief"}), "brief": draft.brief, "items": draft.items}
    )
    edited = with_coverage(edited, patched)
    lost = [e for e in edited.not_planned() if e.item in draft.made]
    if lost:
        raise EditError(f"the edit leaves {lost[0].clause!r} out of the plan: {lost[0].reason}")
    # What the brief asks for beyond its items (a picture, a supplied image) is read again from its words, so
    # no edit can take it out of the plan without the run failing for it.
    was = {(e.clause, e.span) for e in coverage_map(constraints, plan) if e.item is None and e.status == "planned"}
    taken = [e for e in edited.not_planned() if e.item is None and (e.clause, e.span) in was]
    if taken:
        raise EditError(
            f"the edit would leave {taken[0].clause!r}, which the brief asks for, out of the plan "
            f"({taken[0].reason}); start a new run from a brief without it"
        )
    return PlanEdit(
        instruction=instruction,
        patch=draft.patch,
        changes=draft.changes,
        constraints=edited,
        touched=draft.touched,
        planner=planner,
        notes=[*draft.notes, *(notes or [])],
    )


def _drop_orphans(draft: Draft, constraints: Constraints, plan: LayoutPlan, patched: LayoutPlan) -> None:
    """Earlier constraints the plan carried before the edit and does not after it (a text inside a removed part,
    a relation to a removed thing) go, touched, with a note: the edit took away what they asked for. A structure
    keeps the entries the plan still sets ("remove the second card": the tiers without that tier)."""

    def coverage(on: LayoutPlan) -> list[CoverageEntry]:
        return coverage_map(constraints.model_copy(update={"items": draft.items}), on)

    before = {e.item for e in coverage(plan) if e.status == "planned"}
    for entry in coverage(patched):
        if entry.item is None or entry.status != "not_planned" or entry.item not in before or entry.item in draft.made:
            continue
        item = next(c for c in draft.items if c.id == entry.item)
        kept = _entries_kept(item, patched)
        if kept is not None:
            draft.replace_item(item, kept)
            draft.made.discard(kept.id)
            if _planned(constraints, draft, patched, kept.id):
                draft.notes.append(f"constraint '{item.id}' keeps the entries the edited plan still sets")
                continue
        draft.drop_item(kept or item)
        draft.notes.append(
            f"dropped constraint '{item.id}' ({entry.clause[:60]!r}): the edit took away what it asked for"
        )


def _entries_kept(item: Constraint, patched: LayoutPlan) -> RequiredStructure | None:
    """A structure with only the entries whose labels the edited plan still sets; None when none or all are."""
    if not isinstance(item, RequiredStructure) or not item.items:
        return None
    strings = " \n".join(s.casefold() for s in _plan_strings(patched))
    kept = [e for e in item.items if e.label.casefold() in strings]
    return item.model_copy(update={"items": kept}) if 0 < len(kept) < len(item.items) else None


def _plan_strings(plan: LayoutPlan) -> list[str]:
    found: list[str] = []
    for leaf in plan.elements:
        if isinstance(leaf, TextElement):
            found.append(leaf.text)
        elif isinstance(leaf, ListElement):
            found += leaf.items
        elif isinstance(leaf, TableElement):
            found += [*leaf.header, *(cell for row in leaf.rows for cell in row)]
        elif isinstance(leaf, ChartElement):
            found += [leaf.title or "", *leaf.categories]
        elif isinstance(leaf, IconElement):
            found.append(leaf.name)
    return found


def _planned(constraints: Constraints, draft: Draft, plan: LayoutPlan, item_id: str) -> bool:
    entries = coverage_map(constraints.model_copy(update={"items": draft.items}), plan)
    return any(e.item == item_id and e.status == "planned" for e in entries)

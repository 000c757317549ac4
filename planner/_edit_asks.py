"""What the rules say about a clause none of them carries out: a look with no part to give it to ("make it
bigger") is refused, naming the parts there are; a translation is left to a model, with a hint of what to write
when there is none; anything else is not read, with examples of what the rules do read."""

from __future__ import annotations

import re

from tessera.planner._edit_clauses import Clause
from tessera.planner._edit_draft import ClauseNotUnderstood, ClauseRefused, Draft
from tessera.planner._edit_targets import class_in, elements_said, part_words, plan_texts
from tessera.planner._edit_words import names_a_look

EXAMPLES = (
    'say what to change, e.g. "change \'OLD\' to \'NEW\'", "make the title red", "make the background dark", '
    '"remove the second balloon", "move the title to the top", "add a star icon next to the title"'
)
_TRANSLATE = re.compile(
    r"\b(?:translate|translation|in (?:english|spanish|french|german|italian|portuguese|dutch|chinese|japanese|"
    r"korean|arabic|russian|hindi))\b",
    re.IGNORECASE,
)
# Parts no role word names but the colour and layout rules do: "the background", "the accent".
_NAMED = re.compile(r"\b(?:background|backdrop|bg|canvas|page|accents?|brand|primary|icons?)\b", re.IGNORECASE)
_LOOK_VERB = re.compile(r"^\s*(?:please\s+)?(?:make|turn|set|change|paint|colou?r|scale|resize)\b", re.IGNORECASE)


def unread_clause(clause: Clause, draft: Draft) -> None:
    """Raise what the rules say of a clause none of them carries out: ClauseRefused for an ask they understand
    and cannot carry out as said, ClauseNotUnderstood (with a hint) for one a model may still carry out."""
    masked = clause.masked()
    if _TRANSLATE.search(masked):
        first = next((t.text for t in plan_texts(draft)), "OLD")
        raise ClauseNotUnderstood(
            "the rules cannot translate; an LLM planner can (tessera edit RUN '...' --planner llm with "
            f"TESSERA_LLM_BASE_URL set), or give the words yourself: change '{first[:40]}' to '...'"
        )
    named = part_words(masked) or class_in(draft, masked) or clause.quotes or _NAMED.search(masked)
    if _LOOK_VERB.search(masked) and names_a_look(masked) and not named:
        raise ClauseRefused(
            "it does not say which part: name one, e.g. 'make the title bigger', 'make the subtitle blue'; "
            + elements_said(draft)
        )
    raise ClauseNotUnderstood(EXAMPLES)

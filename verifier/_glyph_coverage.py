"""Which installed fonts have a character, asked of fontconfig: how the verifier tells a string no font can draw
(it shows as empty boxes) from a misreading, without the renderer.

Fontconfig knows every font installed on the machine; the renderer draws from the same fonts, so a character no
installed family has is drawn as the .notdef box whatever the plan says.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from tessera.contract import script_of

_FONTCONFIG_TIMEOUT_S = 10
_NO_GLYPH_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf"})  # spaces, controls, joiners and marks of direction
# Faces with letters of many scripts that any text falls back on (Armenian, Georgian, maths letters...).
_WIDE = frozenset({"Noto Sans", "DejaVu Sans", "Noto Sans Math"})


@dataclass(frozen=True)
class GlyphGaps:
    """The characters of a string that may show as empty boxes.

    `missing`: no installed font has them (certain tofu). `rare`: letters of a script the plan cannot name (no
    `Script` value) that the wide-coverage faces lack too, with the installed families that have them: drawn only
    when the renderer falls back on one of those.
    """

    missing: str = ""
    rare: tuple[tuple[str, tuple[str, ...]], ...] = ()


def glyph_gaps(text: str) -> GlyphGaps:
    """The characters of `text` no installed font has, and its letters only a script's own font has; nothing
    when fontconfig cannot be asked."""
    missing: list[str] = []
    rare: list[tuple[str, tuple[str, ...]]] = []
    for char in dict.fromkeys(c for c in text if _needs_glyph(c)):
        families = families_with(char)
        if families is None:
            return GlyphGaps()
        if not families:
            missing.append(char)
        elif unicodedata.category(char)[0] in "LM" and script_of(char) is None and not _WIDE & set(families):
            rare.append((char, families))
    return GlyphGaps("".join(missing), tuple(rare))


@lru_cache(maxsize=4096)
def families_with(char: str) -> tuple[str, ...] | None:
    """The installed font families whose character map has `char`, by name; None when fontconfig is not there."""
    table = _coverage_table()
    if table is None:
        return None
    point = ord(char)
    return tuple(sorted({family for family, starts, ends in table if _in_ranges(point, starts, ends)}))


_Coverage = tuple[tuple[str, tuple[int, ...], tuple[int, ...]], ...]  # (family, range starts, range ends) per font


@lru_cache(maxsize=1)
def _coverage_table() -> _Coverage | None:
    """Every installed font's family and character ranges, asked of fontconfig once (a tenth of a second)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        listed = subprocess.run(
            [fc_list, "--format", "%{family[0]}\t%{charset}\n"],
            capture_output=True,
            text=True,
            timeout=_FONTCONFIG_TIMEOUT_S,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return tuple(_font_ranges(line) for line in listed.stdout.splitlines() if "\t" in line)


def _font_ranges(line: str) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """'Noto Sans Lydian<TAB>20 a0 10920-10939' as the family and its sorted range starts and ends (inclusive)."""
    family, charset = line.split("\t", 1)
    ranges = sorted(_hex_range(part) for part in charset.split())
    return family, tuple(lo for lo, _ in ranges), tuple(hi for _, hi in ranges)


def _hex_range(part: str) -> tuple[int, int]:
    lo, _, hi = part.partition("-")
    return int(lo, 16), int(hi or lo, 16)


def _in_ranges(point: int, starts: tuple[int, ...], ends: tuple[int, ...]) -> bool:
    index = bisect_right(starts, point) - 1
    return index >= 0 and point <= ends[index]


def impossible_glyphs(text: str) -> str:
    """What to do about the characters of `text` no installed font has, in words; empty when every one has a font."""
    missing = glyph_gaps(text).missing
    if not missing:
        return ""
    chars = ", ".join(f"{code_point(c)} ({c!r})" for c in missing)
    return f"no installed font has {chars}: install one, or leave the character out"


def code_point(char: str) -> str:
    """'U+E000', as notices and fixes name a character."""
    return f"U+{ord(char):04X}"


def _needs_glyph(char: str) -> bool:
    # ASCII is in every text face; variation selectors and joiners are never drawn on their own.
    if char.isascii() or 0xFE00 <= ord(char) <= 0xFE0F or 0xE0100 <= ord(char) <= 0xE01EF:
        return False
    return unicodedata.category(char) not in _NO_GLYPH_CATEGORIES

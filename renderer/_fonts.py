"""Which font file draws each script and which characters each face has, found once per font directory."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import ImageFont

from tessera.contract import Script, SetupError

EMOJI_SIZE = 109  # Noto Color Emoji is a bitmap font with this one strike; other sizes fail to load


@dataclass(frozen=True)
class FontFace:
    """One face of one font file: what to pass to FreeType, and the family it must report."""

    path: Path
    index: int
    family: str
    color: bool = False  # a colour bitmap face (emoji): drawn at EMOJI_SIZE and scaled


@dataclass(frozen=True)
class _FaceSpec:
    regular: str
    bold: str
    family: str
    package: str
    color: bool = False


_SPECS: dict[Script, _FaceSpec] = {
    "latin": _FaceSpec("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "Noto Sans", "fonts-noto-core"),
    "cyrillic": _FaceSpec("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "Noto Sans", "fonts-noto-core"),
    "greek": _FaceSpec("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "Noto Sans", "fonts-noto-core"),
    "han": _FaceSpec("NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc", "Noto Sans CJK SC", "fonts-noto-cjk"),
    "kana": _FaceSpec("NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc", "Noto Sans CJK JP", "fonts-noto-cjk"),
    "hangul": _FaceSpec("NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc", "Noto Sans CJK KR", "fonts-noto-cjk"),
    "arabic": _FaceSpec("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf", "Noto Sans Arabic", "fonts-noto-core"),
    "hebrew": _FaceSpec("NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf", "Noto Sans Hebrew", "fonts-noto-core"),
    "devanagari": _FaceSpec(
        "NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf", "Noto Sans Devanagari", "fonts-noto-core"
    ),
    "thai": _FaceSpec("NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf", "Noto Sans Thai", "fonts-noto-core"),
    "bengali": _FaceSpec(
        "NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf", "Noto Sans Bengali", "fonts-noto-core"
    ),
    "tamil": _FaceSpec("NotoSansTamil-Regular.ttf", "NotoSansTamil-Bold.ttf", "Noto Sans Tamil", "fonts-noto-core"),
}
_EMOJI = _FaceSpec("NotoColorEmoji.ttf", "NotoColorEmoji.ttf", "Noto Color Emoji", "fonts-noto-color-emoji", color=True)
# Where a character goes that neither the element's face nor its run's script face has: every script face once,
# then symbols and maths, then emoji (late, as it also has plain digits and '#' for keycaps), then DejaVu's wide
# coverage as the last resort. A face whose file is not installed is skipped.
_FALLBACKS: tuple[_FaceSpec, ...] = (
    *(_SPECS[script] for script in ("latin", "han", "arabic", "hebrew", "devanagari", "thai", "bengali", "tamil")),
    _FaceSpec("NotoSansSymbols-Regular.ttf", "NotoSansSymbols-Bold.ttf", "Noto Sans Symbols", "fonts-noto-core"),
    _FaceSpec("NotoSansSymbols2-Regular.ttf", "NotoSansSymbols2-Regular.ttf", "Noto Sans Symbols2", "fonts-noto-core"),
    _FaceSpec("NotoSansMath-Regular.ttf", "NotoSansMath-Regular.ttf", "Noto Sans Math", "fonts-noto-core"),
    _EMOJI,
    _FaceSpec("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVu Sans", "fonts-dejavu-core"),
)
_FONT_SUFFIXES = {".ttf", ".otf", ".ttc"}


class FontBook:
    """Finds the Noto face for a script under a set of font directories."""

    def __init__(self, font_dirs: tuple[Path, ...]) -> None:
        self._font_dirs = font_dirs

    def text_face(self, script: Script, weight: str) -> FontFace:
        """The face that sets `script` at `weight` ('regular' or 'bold')."""
        spec = _SPECS[script]
        return self._resolve(spec, spec.bold if weight == "bold" else spec.regular)

    def emoji_face(self) -> FontFace:
        """The colour emoji face sprites are drawn from."""
        return self._resolve(_EMOJI, _EMOJI.regular)

    def fallback_faces(self, weight: str) -> tuple[FontFace, ...]:
        """The installed faces, in the fixed order, that a character no nearer face has is looked up in."""
        faces = (self._find(spec, spec.bold if weight == "bold" else spec.regular) for spec in _FALLBACKS)
        return tuple(face for face in faces if face is not None)

    def _resolve(self, spec: _FaceSpec, file_name: str) -> FontFace:
        face = self._find(spec, file_name)
        if face is None:
            dirs = ", ".join(str(d) for d in self._font_dirs)
            raise SetupError(
                f"font file {file_name} ({spec.family}) was not found under {dirs}; "
                f"install the Debian package {spec.package} (apt-get install {spec.package})"
            )
        return face

    def _find(self, spec: _FaceSpec, file_name: str) -> FontFace | None:
        path = _font_files(self._font_dirs).get(file_name)
        if path is None:
            return None
        return FontFace(path=path, index=_face_index(path, spec.family), family=spec.family, color=spec.color)


@lru_cache(maxsize=16)
def _font_files(font_dirs: tuple[Path, ...]) -> dict[str, Path]:
    """Every font file under the directories, by file name; the first directory wins a clash."""
    found: dict[str, Path] = {}
    for directory in font_dirs:
        if not directory.is_dir():
            continue
        for path in sorted(directory.rglob("*")):
            if path.suffix.lower() in _FONT_SUFFIXES:
                found.setdefault(path.name, path)
    return found


@lru_cache(maxsize=64)
def _face_index(path: Path, family: str) -> int:
    """The index of `family` inside a font collection (0 for a single-face file)."""
    if path.suffix.lower() != ".ttc":
        return 0
    for index in range(16):
        try:
            name = ImageFont.truetype(str(path), 12, index=index).getname()[0]
        except OSError:
            break
        if name == family:
            return index
    raise SetupError(f"{path} holds no face named {family!r}; reinstall fonts-noto-cjk")


@lru_cache(maxsize=512)
def load_font(face: FontFace, size: int) -> ImageFont.FreeTypeFont:
    """`face` at `size` pixels, shaped with raqm (HarfBuzz + FriBiDi)."""
    return ImageFont.truetype(str(face.path), size, index=face.index, layout_engine=ImageFont.Layout.RAQM)


def covers(face: FontFace, char: str) -> bool:
    """Whether `face` has a glyph for `char` in its character map (a glyph, not the .notdef box)."""
    return ord(char) in _code_points(face.path, face.index)


@lru_cache(maxsize=64)
def _code_points(path: Path, index: int) -> frozenset[int]:
    # Only the cmap table is read (lazily): a face of the 20 MB CJK collection takes 0.1-0.3 s, once per process.
    with TTFont(path, fontNumber=index, lazy=True) as font:
        return frozenset(font.getBestCmap())

"""Which font file draws each script in each family and style, and which characters each face has.

Families: sans (Noto Sans), serif (Noto Serif; Noto Serif CJK, Noto Naskh Arabic and the Noto Serif face of
each other script), mono (DejaVu Sans Mono; Noto Sans Mono CJK), display (Noto Sans Display) and handwriting
(Dancing Script, Latin only). A script a family has no face for is set in that script's sans face; italics
exist for the Latin, Cyrillic and Greek faces (mono's is oblique) and other scripts stay upright. A brand kit's
font files (`FontBook.with_brand`) set titles and headings, and every other text but code, in their place.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import ImageFont

from tessera.contract import FontFamily, Script, SetupError, TextRole

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
    italic: str | None = None
    bold_italic: str | None = None

    def file_for(self, weight: str, italic: bool) -> str:
        """The file of this face at `weight`, italic when asked and the face has one."""
        if italic and self.italic is not None:
            return (self.bold_italic or self.italic) if weight == "bold" else self.italic
        return self.bold if weight == "bold" else self.regular


_LATIN_SANS = _FaceSpec(
    "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "Noto Sans", "fonts-noto-core",
    italic="NotoSans-Italic.ttf", bold_italic="NotoSans-BoldItalic.ttf",
)  # fmt: skip

_SPECS: dict[Script, _FaceSpec] = {
    "latin": _LATIN_SANS,
    "cyrillic": _LATIN_SANS,
    "greek": _LATIN_SANS,
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
_LATIN_SERIF = _FaceSpec(
    "NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "Noto Serif", "fonts-noto-core",
    italic="NotoSerif-Italic.ttf", bold_italic="NotoSerif-BoldItalic.ttf",
)  # fmt: skip
_LATIN_MONO = _FaceSpec(
    "DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf", "DejaVu Sans Mono", "fonts-dejavu-core",
    italic="DejaVuSansMono-Oblique.ttf", bold_italic="DejaVuSansMono-BoldOblique.ttf",
)  # fmt: skip
_LATIN_DISPLAY = _FaceSpec(
    "NotoSansDisplay-Regular.ttf", "NotoSansDisplay-Bold.ttf", "Noto Sans Display", "fonts-noto-core",
    italic="NotoSansDisplay-Italic.ttf", bold_italic="NotoSansDisplay-BoldItalic.ttf",
)  # fmt: skip


def _cjk(file_stem: str, family: str) -> _FaceSpec:
    return _FaceSpec(f"{file_stem}-Regular.ttc", f"{file_stem}-Bold.ttc", family, "fonts-noto-cjk")


def _serif(name: str, family: str) -> _FaceSpec:
    return _FaceSpec(f"{name}-Regular.ttf", f"{name}-Bold.ttf", family, "fonts-noto-core")


# The faces of the other families, per script; a script missing here is set in its sans face.
_FAMILY_SPECS: dict[FontFamily, dict[Script, _FaceSpec]] = {
    "serif": {
        "latin": _LATIN_SERIF,
        "cyrillic": _LATIN_SERIF,
        "greek": _LATIN_SERIF,
        "han": _cjk("NotoSerifCJK", "Noto Serif CJK SC"),
        "kana": _cjk("NotoSerifCJK", "Noto Serif CJK JP"),
        "hangul": _cjk("NotoSerifCJK", "Noto Serif CJK KR"),
        "arabic": _serif("NotoNaskhArabic", "Noto Naskh Arabic"),
        "hebrew": _serif("NotoSerifHebrew", "Noto Serif Hebrew"),
        "devanagari": _serif("NotoSerifDevanagari", "Noto Serif Devanagari"),
        "thai": _serif("NotoSerifThai", "Noto Serif Thai"),
        "bengali": _serif("NotoSerifBengali", "Noto Serif Bengali"),
        "tamil": _serif("NotoSerifTamil", "Noto Serif Tamil"),
    },
    "mono": {
        "latin": _LATIN_MONO,
        "cyrillic": _LATIN_MONO,
        "greek": _LATIN_MONO,
        "han": _cjk("NotoSansCJK", "Noto Sans Mono CJK SC"),
        "kana": _cjk("NotoSansCJK", "Noto Sans Mono CJK JP"),
        "hangul": _cjk("NotoSansCJK", "Noto Sans Mono CJK KR"),
    },
    "display": {"latin": _LATIN_DISPLAY, "cyrillic": _LATIN_DISPLAY, "greek": _LATIN_DISPLAY},
    "handwriting": {
        "latin": _FaceSpec(
            "DancingScript-Regular.otf", "DancingScript-Bold.otf", "Dancing Script", "fonts-dancingscript"
        ),
    },
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
_HEADING_ROLES: frozenset[TextRole] = frozenset({"title", "subtitle", "heading"})


class FontBook:
    """Finds the Noto face for a script under a set of font directories."""

    def __init__(self, font_dirs: tuple[Path, ...]) -> None:
        self._font_dirs = font_dirs
        self._brand_heading: FontFace | None = None
        self._brand_body: FontFace | None = None

    def with_brand(self, heading: Path | None, body: Path | None) -> FontBook:
        """This book with a brand's font files: titles and headings set in `heading`, every other text but code in
        `body` (either may be None: that role keeps its Noto face). Characters a brand face lacks fall back as
        usual, to the script's face and the fixed fallbacks."""
        book = FontBook(self._font_dirs)
        book._brand_heading = _brand_face(heading) if heading is not None else None
        book._brand_body = _brand_face(body) if body is not None else None
        return book

    def brand_face(self, role: TextRole) -> FontFace | None:
        """The brand's face for a text of `role`, when a brand font is set for it."""
        if role in _HEADING_ROLES:
            return self._brand_heading
        return None if role == "code" else self._brand_body

    def text_face(self, script: Script, weight: str, family: FontFamily = "sans", italic: bool = False) -> FontFace:
        """The face that sets `script` at `weight` ('regular' or 'bold') in `family`, italic when asked.

        A family with no face for the script, or whose face is not installed, gives the script's sans face.
        """
        spec = _FAMILY_SPECS.get(family, {}).get(script)
        face = self._find(spec, spec.file_for(weight, italic)) if spec is not None else None
        if face is not None:
            return face
        sans = _SPECS[script]
        return self._find(sans, sans.file_for(weight, italic)) or self._resolve(sans, sans.file_for(weight, False))

    def missing_family(self, family: FontFamily) -> str | None:
        """The Debian package to install when `family`'s Latin face is not installed; None when it is."""
        spec = _FAMILY_SPECS.get(family, {}).get("latin")
        if spec is None or self._find(spec, spec.regular) is not None:
            return None
        return spec.package

    def emoji_face(self) -> FontFace:
        """The colour emoji face sprites are drawn from."""
        return self._resolve(_EMOJI, _EMOJI.regular)

    def fallback_faces(self, weight: str) -> tuple[FontFace, ...]:
        """The installed faces, in the fixed order, that a character no nearer face has is looked up in."""
        faces = (self._find(spec, spec.bold if weight == "bold" else spec.regular) for spec in _FALLBACKS)
        return tuple(face for face in faces if face is not None)

    def face_with(self, chars: str, weight: str) -> FontFace | None:
        """An installed face beyond the fixed fallbacks whose character map has all of `chars` (a script's own Noto
        face: Ethiopic, Cherokee, Canadian syllabics...), bold when asked and there is one; None when no installed
        single-face font file has them."""
        return _face_with(self._font_dirs, chars, weight == "bold")

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


@lru_cache(maxsize=1024)
def _face_with(font_dirs: tuple[Path, ...], chars: str, bold: bool) -> FontFace | None:
    wanted = {ord(char) for char in chars}
    for path in _single_faces(font_dirs, bold):
        if wanted <= _all_code_points(path):
            return FontFace(path=path, index=0, family=ImageFont.truetype(str(path), 12).getname()[0] or path.stem)
    return None


@lru_cache(maxsize=4)
def _single_faces(font_dirs: tuple[Path, ...], bold: bool) -> tuple[Path, ...]:
    """The upright single-face font files, sans before serif, the weight asked for before the other."""
    weight = "-Bold." if bold else "-Regular."
    files = [p for p in _font_files(font_dirs).values() if p.suffix.lower() != ".ttc" and "Italic" not in p.name]
    return tuple(sorted(files, key=lambda p: (weight not in p.name, "Serif" in p.name, p.name)))


@lru_cache(maxsize=512)
def _all_code_points(path: Path) -> frozenset[int]:
    """The characters of a single-face file, kept for every file a search for a rare character reads."""
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


@lru_cache(maxsize=32)
def _brand_face(path: Path) -> FontFace:
    """A brand's font file as a face, under the family name the file reports."""
    return FontFace(path=path, index=0, family=ImageFont.truetype(str(path), 12).getname()[0] or path.stem)


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

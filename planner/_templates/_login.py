"""Login and sign-up screens: the brand and title, labelled input fields (a label over a box with a quiet hint),
check boxes, one full-width primary button, and the brief's other short texts as small links under it.

Set as a phone screen on a tall canvas (or a phone mock-up when the brief asks for a phone on a wide one), as a
card in the middle of the page (in a window's frame when the brief asks for a window), or split: the brand on an
accent panel beside the form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from tessera.contract import (
    Border,
    ControlElement,
    DocumentKind,
    Frame,
    Insets,
    Node,
    RequiredStructure,
    RequiredText,
    ShapeElement,
    StructureItem,
)
from tessera.planner._colors import best_ink, shift_lightness
from tessera.planner._extract_spans import slug, unique_id
from tessera.planner._structure_parts import submit_words
from tessera.planner._templates._base import Design, Material, TypeScale, Used
from tessera.planner._templates._commerce_parts import (
    button,
    button_text,
    card_shadow,
    column,
    logo,
    logo_names,
    page,
    radius,
    row,
    texts_other_than,
)
from tessera.planner._templates._decor import decoration_nodes

_KINDS: frozenset[DocumentKind] = frozenset({"login"})
_PHONE = re.compile(r"\b(?:phone|mobile|iphone|android|smartphone|app screen)\b|手机|スマホ|móvil|Handy", re.IGNORECASE)
_WINDOW = re.compile(r"\b(?:window|desktop|browser|mac ?os|web ?app)\b", re.IGNORECASE)
_LINK_CHARS = 48  # a text this short under the button reads as a link; longer ones are body lines
_PHONE_ASPECT = 19.5 / 9
_ENGLISH_FIELDS = frozenset(
    {
        "email", "email address", "password", "name", "full name", "first name", "last name", "username",
        "user name", "phone", "phone number", "address", "message", "company", "city", "country", "website",
        "subject", "zip code", "postcode", "date of birth", "confirm password", "card number",
    }
)  # fmt: skip


@dataclass(frozen=True)
class _Screen:
    """What a login screen sets: the form's fields, its button's words, the brand and title, a line under them,
    and the short texts that become links."""

    form: RequiredStructure
    fields: list[StructureItem]
    action: RequiredText | str
    brand: RequiredText | None
    title: RequiredText | None
    subtitle: RequiredText | None
    links: list[RequiredText]


def _read(material: Material) -> _Screen | None:
    form = material.slots.structure("fields")
    if form is None:
        return None
    slots = material.slots
    brand = slots.first("brand", "product")
    title = slots.first("title")
    subtitle = slots.first("subtitle", "tagline")
    named_button = next((item.label for item in form.items if item.value == "button" and item.label != "button"), None)
    given = button_text(material)
    action: RequiredText | str = given or named_button or submit_words(form.title or material.constraints.brief)
    if isinstance(given, RequiredText) and named_button and given.text != named_button:
        action = named_button  # the form's own button wins; the quoted words then read as a link
    rest = [t for t in texts_other_than(material, brand, title, subtitle, given) if t.text != _words(action)]
    links = [t for t in rest if len(t.text) <= _LINK_CHARS]
    fields = [item for item in form.items if item.value != "button"]
    return _Screen(form, fields, action, brand, title, subtitle, links)


def _words(text: RequiredText | str) -> str:
    return text.text if isinstance(text, RequiredText) else text


def _used(material: Material, screen: _Screen) -> Used:
    used = Used(assets=logo_names(material))
    used.add(screen.form, screen.brand, screen.title, screen.subtitle, *screen.links)
    if isinstance(screen.action, RequiredText):
        used.add(screen.action)
    return used


@dataclass(frozen=True)
class _Ink:
    """The colours a screen's parts are set in on the surface they sit on."""

    ink: str
    muted: str
    accent: str
    surface: str
    rule: str


def _ink_on(material: Material, surface: str) -> _Ink:
    look = material.style.look
    if surface == look.surface:
        return _Ink(look.card_ink, look.card_muted, look.card_accent, surface, look.rule)
    ink = best_ink([surface], [material.style.scheme.ink, "#1E1E24", "#F7F4EC"])
    return _Ink(ink, look.ink, look.accent, surface, shift_lightness(surface, -0.2))


def _field(material: Material, node_id: str, item: StructureItem, scale: TypeScale, ink: _Ink) -> Frame:
    """A label over an input box holding a quiet hint: the brief's hint, else "Enter your <label>" for an English
    field's name (a German "Passwort" gets an empty box, not "Enter your passwort")."""
    size = scale.size(0)
    hint = item.value if item.value and item.value not in ("text", "input", "field") else None
    hint = hint or (f"Enter your {item.label.lower()}" if item.label.lower() in _ENGLISH_FIELDS else None)
    pad_y, pad_x = round(0.6 * size), round(0.7 * size)
    box_children: list[Node] = []
    if hint:
        box_children.append(material.text(f"{node_id}-hint", hint, "caption", size, color=ink.muted))
    box = Frame(
        id=f"{node_id}-input",
        role="input",
        name=f"{item.label} field"[:80],
        fill=ink.surface,
        border=Border(color=ink.rule, width=max(1, round(material.short / 600))),
        radius=radius(material, 0.6),
        padding=Insets(top=pad_y, bottom=pad_y, left=pad_x, right=pad_x),
        height="hug" if hint else round(1.4 * size + 2 * pad_y),
        children=box_children,
    )
    label = material.text(f"{node_id}-label", item.label, "label", scale.size(-1), color=ink.ink, weight="bold")
    return column(node_id, [label, box], gap=round(0.35 * size))


def _control(material: Material, node_id: str, item: StructureItem, scale: TypeScale, ink: _Ink) -> Frame:
    """A check box or toggle with its label beside it."""
    kind: Literal["checkbox", "toggle"] = "toggle" if item.value == "toggle" else "checkbox"
    size = scale.size(-1)
    control = ControlElement(
        id=f"{node_id}-{kind}", control=kind, value=0, width=round(1.2 * size), height=round(1.2 * size)
    )
    if kind == "toggle":
        control = control.model_copy(update={"width": round(2.2 * size)})
    label = material.text(f"{node_id}-label", item.label, "label", size, color=ink.ink)
    return row(node_id, [control, label], gap=round(0.5 * size), align="center")


def _form(material: Material, screen: _Screen, scale: TypeScale, ink: _Ink, *, card: bool) -> Frame:
    """The fields, check boxes and the primary button, in a card or bare on the screen."""
    taken: set[str] = {material.structure_id(screen.form)}
    parts: list[Node] = []
    for item in screen.fields:
        node_id = unique_id(slug(item.label) or "field", taken)
        if item.value in ("checkbox", "toggle"):
            parts.append(_control(material, node_id, item, scale, ink))
        else:
            parts.append(_field(material, node_id, item, scale, ink))
    words = _words(screen.action)
    parts.append(button(material, "submit", screen.action, name=f"{words} button", step=0, scale=scale))
    frame = column(material.structure_id(screen.form), parts, gap=round(1.1 * scale.size(0)), name=f"{words} form"[:80])
    if not card:
        return frame
    return frame.model_copy(
        update={
            "role": "card",
            "fill": ink.surface,
            "radius": radius(material, 1.4),
            "padding": round(1.8 * scale.size(0)),
            "shadow": card_shadow(material),
        }
    )


def _links(material: Material, screen: _Screen, scale: TypeScale, color: str) -> list[Node]:
    """The brief's short texts as small links, centred in a wrapping row."""
    if not screen.links:
        return []
    size = scale.size(-1)
    links: list[Node] = [
        material.text(f"link-{n}", text, "caption", size, color=color, weight="bold", width="hug", align="center")
        for n, text in enumerate(screen.links, start=1)
    ]
    return [row("links", links, gap=round(1.5 * size), justify="center", wrap=True)]


def _head(
    material: Material,
    screen: _Screen,
    scale: TypeScale,
    width: int,
    colors: tuple[str, str],
    align: Literal["left", "center"],
) -> list[Node]:
    """Logo, brand, title and the line under them; the brand is the largest when there is no title."""
    ink, muted = colors
    nodes: list[Node] = []
    mark = logo(material, scale.size(5))
    if mark is not None:
        nodes.append(mark)
    if screen.brand is not None:
        step = 3 if screen.title is not None else 5
        size = scale.fitted(screen.brand.text, step, width, max_lines=2, lowest=2)
        nodes.append(material.text("brand", screen.brand, "title", size, color=ink, align=align, weight="bold"))
    if screen.title is not None:
        size = scale.fitted(screen.title.text, 4 if screen.brand else 5, width, max_lines=2, lowest=2)
        role: Literal["title", "subtitle"] = "subtitle" if screen.brand is not None else "title"
        nodes.append(material.text("title", screen.title, role, size, color=ink, align=align, weight="bold"))
    if screen.subtitle is not None:
        nodes.append(material.text("subtitle", screen.subtitle, "body", scale.size(0), color=muted, align=align))
    return nodes


def _scale_for(
    material: Material, screen: _Screen, base: TypeScale, room: float, *, with_head: bool = True
) -> TypeScale:
    """The type scale, up to two steps above `base`, at which the screen's content takes at most 80% of `room` px
    of height: a tall screen with two fields sets them large rather than leaving its lower half empty."""
    for lift in (2, 1, 0):
        scale = TypeScale(round(base.body * 1.25**lift))
        if _height(screen, scale, with_head) <= 0.85 * room:
            return scale
    return base


def _height(screen: _Screen, scale: TypeScale, with_head: bool) -> float:
    """About how tall the screen's content is set at `scale` (without the head when it sits elsewhere)."""
    body, small = scale.size(0), scale.size(-1)
    head = 1.3 * scale.size(5) if with_head and (screen.brand or screen.title) else 0.0
    head += 1.3 * scale.size(4) if with_head and screen.brand and screen.title else 0.0
    head += 1.5 * body if with_head and screen.subtitle else 0.0
    fields = sum(1.6 * small if f.value in ("checkbox", "toggle") else 1.3 * small + 3.0 * body for f in screen.fields)
    form = fields + 2.3 * body + 1.1 * body * len(screen.fields) + 3.6 * body
    links = 2.8 * small if screen.links else 0.0
    return head + form + links + 2.8 * body


def _extras(material: Material, screen: _Screen, width: int) -> list[Node]:
    extras = material.extras(_used(material, screen), width, align="center")
    return [column("extras", extras, gap=material.unit(0.012))] if extras else []


@dataclass(frozen=True)
class PhoneScreen:
    """The whole canvas as a phone's login screen (a tall canvas), or a phone mock-up in the middle of a wide one
    when the brief asks for a phone or an app."""

    name: str = "login-phone"
    kinds: frozenset[DocumentKind] = _KINDS

    def fit(self, material: Material) -> float | None:
        if _read(material) is None:
            return None
        if material.canvas.height > material.canvas.width:
            return 0.95
        return 0.9 if _PHONE.search(material.constraints.brief) else 0.3

    def compose(self, material: Material) -> Design:
        screen = _read(material)
        assert screen is not None
        canvas = material.canvas
        if canvas.height > canvas.width:
            width = canvas.width - 2 * material.margin
            scale = _scale_for(material, screen, material.scale, canvas.height - 2 * material.margin)
            content = self._content(material, screen, scale, width)
            root = page(material, content, gap=round(2.2 * scale.size(0)), justify="center")
            return Design(
                self.name, root, "A phone login screen: brand on top, a card of labelled fields, the button full width."
            )
        phone_h = canvas.height - 2 * material.margin
        phone_w = round(phone_h / _PHONE_ASPECT)
        scale = TypeScale(max(12, round(0.045 * phone_w)))
        bezel = max(6, round(0.03 * phone_w))
        inner = phone_w - 2 * bezel - 2 * round(0.08 * phone_w)
        content = self._content(material, screen, scale, inner)
        display = column(
            "phone-screen",
            content,
            gap=round(1.6 * scale.size(0)),
            fill=material.style.scheme.behind[0],
            radius=round(0.11 * phone_w),
            padding=Insets(
                top=round(0.18 * phone_w),
                bottom=round(0.08 * phone_w),
                left=round(0.08 * phone_w),
                right=round(0.08 * phone_w),
            ),
            height="fill",
            justify="center",
        )
        phone = column(
            "phone",
            [display],
            gap=0,
            fill="#15171C",
            radius=round(0.13 * phone_w),
            padding=bezel,
            width=phone_w,
            height=phone_h,
            role="panel",
            name="phone",
        )
        root = page(material, [phone], gap=0, align="center", justify="center")
        return Design(self.name, root, "A phone mock-up holding the login screen, centred on the wide canvas.")

    def _content(self, material: Material, screen: _Screen, scale: TypeScale, width: int) -> list[Node]:
        behind = material.style.scheme
        head = _head(material, screen, scale, width, (behind.headline, material.style.muted), "center")
        nodes: list[Node] = []
        if head:
            nodes.append(column("head", head, gap=round(0.6 * scale.size(0)), align="center"))
        nodes.append(_form(material, screen, scale, _ink_on(material, material.style.look.surface), card=True))
        nodes += _links(material, screen, scale, material.style.look.accent)
        nodes += _extras(material, screen, width)
        return nodes


@dataclass(frozen=True)
class CentredCard:
    """The form in a card in the middle of the page under the brand; inside a window's frame when the brief asks
    for a window or a desktop app."""

    name: str = "login-card"
    kinds: frozenset[DocumentKind] = _KINDS

    def fit(self, material: Material) -> float | None:
        if _read(material) is None:
            return None
        return 0.9 if _WINDOW.search(material.constraints.brief) else 0.8

    def compose(self, material: Material) -> Design:
        screen = _read(material)
        assert screen is not None
        room = (
            material.canvas.height
            - 2 * material.margin
            - (material.unit(0.08) if _WINDOW.search(material.constraints.brief) else 0)
        )
        scale = _scale_for(material, screen, material.scale, room)
        width = min(material.canvas.width - 2 * material.margin, round(18 * scale.size(0)))
        head = _head(material, screen, scale, width, (material.style.scheme.headline, material.style.muted), "center")
        stack: list[Node] = []
        if head:
            stack.append(column("head", head, gap=round(0.5 * scale.size(0)), align="center"))
        stack.append(_form(material, screen, scale, _ink_on(material, material.style.look.surface), card=True))
        stack += _links(material, screen, scale, material.style.look.accent)
        stack += _extras(material, screen, width)
        body = column("body", stack, gap=round(1.4 * scale.size(0)), width=width)
        if _WINDOW.search(material.constraints.brief):
            window = self._window(material, body)
            root = page(material, [window], gap=0, align="stretch")
            return Design(self.name, root, "The login form in a card, centred in a window's frame.")
        root = page(material, [body], gap=0, align="center", justify="center")
        return Design(self.name, root, "The login form in a card centred under the brand.")

    def _window(self, material: Material, body: Frame) -> Frame:
        """A desktop window: a title bar with its three dots, the page under it."""
        bar_h = material.unit(0.05)
        dot = round(0.3 * bar_h)
        dots: list[Node] = [
            ShapeElement(id=f"window-dot-{n}", shape="ellipse", fill=color, width=dot, height=dot)
            for n, color in enumerate(("#FF5F57", "#FEBC2E", "#28C840"), start=1)
        ]
        bar = row(
            "window-bar",
            dots,
            gap=round(0.6 * dot),
            align="center",
            fill="#E6E8EC",
            padding=Insets(left=round(1.2 * dot), right=round(1.2 * dot)),
            height=bar_h,
        )
        screen = column(
            "window-screen",
            [body],
            gap=0,
            align="center",
            justify="center",
            height="fill",
            fill=material.style.scheme.behind[0],
            padding=material.unit(0.03),
        )
        edge = max(1, material.short // 500)
        return column(
            "window",
            [bar, screen],
            gap=0,
            height="fill",
            radius=radius(material, 1.0),
            fill="#E6E8EC",
            border=Border(color="#C9CDD4", width=edge),
            shadow=card_shadow(material),
            padding=edge,  # the title bar runs to the window's border (a panel's own padding would inset it more)
            role="panel",
            name="window",
        )


@dataclass(frozen=True)
class SplitPanel:
    """A wide screen in two: the brand, title and line on an accent panel at the left, the form on the right."""

    name: str = "login-split"
    kinds: frozenset[DocumentKind] = _KINDS

    def fit(self, material: Material) -> float | None:
        screen = _read(material)
        if screen is None or not material.wide or (screen.brand is None and screen.title is None):
            return None
        return 0.85

    def compose(self, material: Material) -> Design:
        screen = _read(material)
        assert screen is not None
        margin = material.margin
        scale = _scale_for(material, screen, material.scale, material.canvas.height - 2 * margin, with_head=False)
        panel_w = round(0.45 * material.canvas.width)
        panel_fill = material.style.look.button
        panel_ink = material.style.look.button_ink
        muted = panel_ink
        head = _head(material, screen, scale, panel_w - 2 * margin, (panel_ink, muted), "left")
        panel = column(
            "brand-panel",
            head,
            gap=round(0.6 * scale.size(0)),
            fill=panel_fill,
            width=panel_w,
            height="fill",
            padding=margin,
            radius=1,  # square: the panel bleeds off the canvas (a panel's own radius would round it)
            justify="center",
            role="panel",
            name="brand panel",
        )
        form_w = min(material.canvas.width - panel_w - 2 * margin, round(16 * scale.size(0)))
        stack: list[Node] = [_form(material, screen, scale, _ink_on(material, material.style.look.surface), card=True)]
        stack += _links(material, screen, scale, material.style.look.accent)
        stack += _extras(material, screen, form_w)
        side = column(
            "form-side",
            [column("form-column", stack, gap=round(1.4 * scale.size(0)), width=form_w)],
            gap=0,
            width="fill",
            height="fill",
            align="center",
            justify="center",
            padding=margin,
        )
        root = Frame(id="root", layout="row", children=[panel, side, *decoration_nodes(material)])
        return Design(self.name, root, "The brand on an accent panel at the left, the form in a card at the right.")


LOGIN_TEMPLATES = (PhoneScreen(), CentredCard(), SplitPanel())

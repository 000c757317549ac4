"""Cards and certificates: a business card's name line and contacts, a greeting card's message, a certificate's
recipient, each with generous margins.

| template              | kinds       | layout                                                                       |
|-----------------------|-------------|------------------------------------------------------------------------------|
| business-card-split   | card        | two columns: the brand (or name) on a block of colour, the details beside it |
| business-card-centred | card        | centred: brand, the name large, the role, a rule, the contacts in a row       |
| greeting-card         | card        | framed and centred: the greeting large, the message, the sign-off, a picture |
| certificate-classic   | certificate | a double frame; centred title, the recipient large, signature and date lines  |
| certificate-modern    | certificate | a band of colour on the left, the title, recipient and lines left-aligned     |
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tessera.contract import Border, DocumentKind, FontFamily, Frame, IconElement, Insets, Node, RequiredText
from tessera.planner._templates._base import Design, Material, Used
from tessera.planner._templates._print_parts import (
    Align,
    Ink,
    accent_rule,
    block_colour,
    column,
    fact_line,
    fact_rows,
    first_for,
    hairline,
    headline,
    ink_on,
    kicker,
    leaves,
    page,
    places_things,
    purpose,
    texts_for,
    visual_nodes,
    visual_region,
)

_CARD: frozenset[DocumentKind] = frozenset({"card"})
_CERTIFICATE: frozenset[DocumentKind] = frozenset({"certificate"})
_BUSINESS_ASPECT = 1.5  # a business card is 3.5:2 (1.75); a postcard 3:2
_BUSINESS_WORDS = re.compile(r"business|visiten|visite|visita|名刺|名片", re.I)
_SIGN_OFF = re.compile(
    r"(?:love|with love|lots of love|from|best|all the best|cheers|xoxo|yours|warmly|herzlich|alles liebe|"
    r"liebe grüße|bisous|je t'embrasse|con cariño|besos|un abrazo)\b",
    re.I,
)
_SIGNED = re.compile(r"(?:signed|signature|unterzeichnet|unterschrift|signé|firmado|firma)\W*(?:by\W*)?$", re.I)
_CERTIFICATE_WORDS = re.compile(
    r"certificat|award|diploma|zertifikat|urkunde|auszeichnung|diplôme|certificado|diploma|reconocimiento|"
    r"証|賞|证书|奖|表彰",
    re.I,
)


def _business(material: Material) -> bool:
    """Whether the card is a business card: its shape, and contact details or the brief's words say so."""
    canvas = material.canvas
    if canvas.width < _BUSINESS_ASPECT * canvas.height:
        return False
    named = material.constraints.document_source
    return bool(texts_for(material, Used(), "contact")) or bool(named and _BUSINESS_WORDS.search(named.quote))


def _display_family(material: Material) -> FontFamily:
    """Serif for a name line unless the brief chose another look."""
    style = material.style
    return style.heading_family if style.names and style.heading_family != "sans" else "serif"


def _fitted(material: Material, text: RequiredText, step: int, width: int) -> int:
    return material.scale.fitted(text.text, step, width, lowest=1)


@dataclass(frozen=True)
class BusinessCardSplit:
    """A business card in two columns: a block of colour with the brand (else the name), and the name, role and
    contacts on the white beside it, the name at the top and the contacts at the foot."""

    name: str = "business-card-split"
    kinds: frozenset[DocumentKind] = _CARD

    def fit(self, material: Material) -> float | None:
        if not _business(material) or len(material.slots.texts) < 2:
            return None
        return 0.85

    def compose(self, material: Material) -> Design:
        used = Used()
        colour = block_colour(material)
        on_block = ink_on(material, colour)
        ink = ink_on(material)
        margin = round(1.2 * material.margin)
        block_width = round(0.34 * material.canvas.width)
        brand = first_for(material, used, "brand")
        used.add(brand)
        person = first_for(material, used, "name", "title", "author", "product")
        used.add(person)
        role_line = first_for(material, used, "subtitle", "tagline", "body")
        used.add(role_line)
        family = _display_family(material)
        panel_width = block_width - 2 * margin
        # The brand takes the panel; without one the name and role do, and the contacts stand alone beside them.
        lead = brand or person
        panel: list[Node | None] = [
            headline(
                material, "brand", lead, panel_width, on_block.headline, "center", step=5, max_lines=2, lowest=2
            ).model_copy(update={"family": family})
            if lead
            else None
        ]
        detail_width = material.canvas.width - block_width - 2 * margin
        who: Frame | None = None
        if brand:
            name_line = None
            if person:
                size = material.scale.fitted(person.text, 4, detail_width, max_lines=1, lowest=2)
                name_line = material.text(
                    "name", person, "heading", size, color=ink.headline, family=family, weight="bold"
                )
            role = (
                material.text("role", role_line, "body", material.scale.size(1), color=ink.accent)
                if role_line
                else None
            )
            who = column(
                "person", [name_line, role, accent_rule(material, "name-rule", ink.accent)], gap=material.unit(0.02)
            )
        elif role_line:
            panel.append(
                material.text("role", role_line, "body", material.scale.size(1), color=on_block.body, align="center")
            )
        block = column(
            "brand-panel",
            panel,
            gap=material.unit(0.03),
            fill=colour,
            padding=margin,
            align="center",
            justify="center",
            width=block_width,
            height="fill",
            role="panel",
        )
        contacts = fact_rows(
            material,
            used,
            "contacts",
            ink,
            size_step=1 if who else 2,
            purposes=("contact", "venue", "date", "time", "price"),
        )
        rest = material.extras(used, detail_width)
        details = column(
            "details",
            [who, *rest, contacts],
            gap=material.unit(0.04),
            padding=margin,
            justify="space_between" if who else "center",
            height="fill",
        )
        root = page(material, [block, details], layout="row", padding=0, gap=0, decorate=False)
        return Design(self.name, root, "A two-column business card: the brand on a block of colour, the name, role "
                      "and contacts beside it.")  # fmt: skip


@dataclass(frozen=True)
class BusinessCardCentred:
    """A centred business card: the brand small above the name set large, the role, a short rule, and the
    contacts in one row at the foot."""

    name: str = "business-card-centred"
    kinds: frozenset[DocumentKind] = _CARD

    def fit(self, material: Material) -> float | None:
        if not _business(material) or not material.slots.texts:
            return None
        return 0.75

    def compose(self, material: Material) -> Design:
        used = Used()
        ink = ink_on(material)
        margin = round(1.2 * material.margin)
        inner = material.canvas.width - 2 * margin
        brand = first_for(material, used, "brand")
        used.add(brand)
        person = first_for(material, used, "name", "title", "author", "product")
        used.add(person)
        role_line = first_for(material, used, "subtitle", "tagline", "body")
        used.add(role_line)
        family = _display_family(material)
        top = column(
            "person",
            [
                kicker(material, "brand", brand, ink.accent, "center") if brand else None,
                headline(
                    material, "name", person, inner, ink.headline, "center", step=6, max_lines=1, lowest=3
                ).model_copy(update={"family": family})
                if person
                else None,
                material.text("role", role_line, "body", material.scale.size(2), color=ink.body, align="center")
                if role_line
                else None,
                accent_rule(material, "name-rule", ink.accent),
            ],
            gap=material.unit(0.025),
            align="center",
        )
        contacts = fact_line(
            material, used, "contacts", ink, "center", step=1, purposes=("contact", "venue", "date", "time", "price")
        )
        rest = material.extras(used, inner, align="center")
        root = page(
            material,
            leaves([top, *rest, contacts]),
            padding=margin,
            gap=material.unit(0.08),
            align="center",
            justify="center",
        )
        return Design(self.name, root, "A centred business card: the name large, the role and contacts under it.")


@dataclass(frozen=True)
class GreetingCard:
    """A greeting card: inside a thin frame, the greeting set large and centred, the message under it, the
    sign-off at the foot; a picture, when asked, between them."""

    name: str = "greeting-card"
    kinds: frozenset[DocumentKind] = _CARD

    def fit(self, material: Material) -> float | None:
        if not material.slots.texts or places_things(material):
            return None
        return 0.45 if _business(material) else 0.85

    def compose(self, material: Material) -> Design:
        used = Used()
        ink = ink_on(material)
        margin = material.margin
        inner = material.canvas.width - 4 * margin
        greeting = first_for(material, used, "title", "name", "brand", "product") or material.slots.texts[0]
        used.add(greeting)
        sign_off = first_for(material, used, "author", "footer") or next(
            (t for t in material.slots.texts if t not in used and _SIGN_OFF.match(t.text)), None
        )
        used.add(sign_off)
        family = _display_family(material)
        lines = texts_for(material, used, "subtitle", "tagline", "body", "date", "time", "venue", "contact")
        used.add(*lines)
        message = [
            material.text(f"message-{n}", t, "body", material.scale.size(2), color=ink.body, align="center")
            for n, t in enumerate(lines, start=1)
        ]
        visuals, rest = visual_nodes(material.extras(used, inner, align="center"))
        greeting_node = headline(material, "headline", greeting, inner, ink.headline, "center", step=7, max_lines=3)
        middle = column(
            "message",
            [
                greeting_node.model_copy(update={"family": family}),
                accent_rule(material, "greeting-rule", ink.accent),
                *message,
                visual_region(material, "visual", visuals) if visuals else None,
                *rest,
            ],
            gap=material.unit(0.045),
            align="center",
            justify="center",
            height="fill",
        )
        sign = (
            material.text(
                "sign-off", sign_off, "body", material.scale.size(2), color=ink.accent, align="center", italic=True
            )
            if sign_off
            else None
        )
        content = column(
            "card-face", [middle, sign], gap=material.unit(0.04), align="stretch", height="fill", padding=2 * margin
        )
        framed = content.model_copy(update={"border": Border(color=ink.accent, width=max(2, material.unit(0.004)))})
        root = page(material, [framed], padding=margin)
        return Design(self.name, root, "A greeting card: the greeting large and centred in a thin frame, the "
                      "message and sign-off under it.")  # fmt: skip


@dataclass
class _CertificateLines:
    title: RequiredText | None
    recipient: RequiredText | None
    issuer: RequiredText | None
    signer: RequiredText | None
    date: RequiredText | None


def _certificate_lines(material: Material, used: Used) -> _CertificateLines:
    """The certificate's title (the text that names an award or certificate), its recipient (the name, else the
    other title), the issuing body, the signer and the date."""
    texts = material.slots.texts
    title = next((t for t in texts if _CERTIFICATE_WORDS.search(t.text) and purpose(material, t) != "name"), None)
    used.add(title)
    recipient = first_for(material, used, "name", "title", "subtitle") or next(
        (t for t in texts if t not in used), None
    )
    used.add(recipient)
    issuer = first_for(material, used, "brand")
    used.add(issuer)
    signer = first_for(material, used, "author") or next(
        (t for t in texts if t not in used and _SIGNED.search(material.constraints.brief[: t.source.start][-24:])), None
    )
    used.add(signer)
    date = first_for(material, used, "date")
    used.add(date)
    return _CertificateLines(title, recipient, issuer, signer, date)


def _signature_line(material: Material, node_id: str, text: RequiredText, ink: Ink, align: Align) -> Frame:
    """A line to sign or date on, with the brief's words (the signer's name, the date) on it."""
    width = round(0.22 * material.canvas.width)
    words = material.text(f"{node_id}-text", text, "body", material.scale.size(1), color=ink.body, align=align)
    return column(
        node_id, [words, hairline(material, f"{node_id}-rule", ink.muted)], gap=material.unit(0.01), width=width
    )


def _signatures(material: Material, lines: _CertificateLines, ink: Ink, align: Align) -> Frame | None:
    """The date and the signer on their lines, at the foot; None when the brief gives neither."""
    parts = leaves(
        [
            _signature_line(material, "date-line", lines.date, ink, align) if lines.date else None,
            _signature_line(material, "signature-line", lines.signer, ink, align) if lines.signer else None,
        ]
    )
    if not parts:
        return None
    return Frame(
        id="signatures",
        layout="row",
        justify="space_between" if len(parts) > 1 else ("center" if align == "center" else "start"),
        align="end",
        width="fill",
        gap=material.unit(0.06),
        children=parts,
    )


@dataclass(frozen=True)
class CertificateClassic:
    """A framed certificate: a thick border and a thin one inside it, everything centred: the issuer, the title,
    the recipient's name large, the reason, then the date and signature lines."""

    name: str = "certificate-classic"
    kinds: frozenset[DocumentKind] = _CERTIFICATE

    def fit(self, material: Material) -> float | None:
        return 0.8 if material.slots.texts and not places_things(material) else None

    def compose(self, material: Material) -> Design:
        used = Used()
        lines = _certificate_lines(material, used)
        ink = ink_on(material)
        colour = block_colour(material)
        margin = material.margin
        inner = material.canvas.width - 6 * margin
        family = _display_family(material)
        reasons = texts_for(material, used, "body", "tagline", "caption", "venue", "time", "price", "contact")
        used.add(*reasons)
        reason_nodes = [
            material.text(f"reason-{n}", t, "body", material.scale.size(1), color=ink.body, align="center",
                          family=family)
            for n, t in enumerate(reasons, start=1)
        ]  # fmt: skip
        title = (
            headline(
                material, "title", lines.title, inner, ink.headline, "center", step=5, max_lines=2, lowest=3
            ).model_copy(update={"family": family})
            if lines.title
            else None
        )
        recipient = (
            headline(
                material, "recipient", lines.recipient, inner, ink.accent, "center", step=6, max_lines=1, lowest=4
            ).model_copy(update={"family": family, "role": "heading"})
            if lines.recipient
            else None
        )
        rest = material.extras(used, inner, align="center")
        content = column(
            "inner-frame",
            [
                kicker(material, "issuer", lines.issuer, ink.accent, "center") if lines.issuer else None,
                title,
                recipient,
                accent_rule(material, "recipient-rule", ink.accent, width=round(0.4 * inner)) if recipient else None,
                *reason_nodes,
                *rest,
                _signatures(material, lines, ink, "center"),
            ],
            gap=material.unit(0.035),
            align="center",
            justify="center",
            height="fill",
            padding=Insets(top=margin, bottom=margin, left=2 * margin, right=2 * margin),
        ).model_copy(update={"border": Border(color=ink.accent, width=max(1, material.unit(0.002)))})
        outer = column("outer-frame", [content], gap=0, height="fill", padding=material.unit(0.015)).model_copy(
            update={"border": Border(color=colour, width=max(4, material.unit(0.008)))}
        )
        root = page(material, [outer], padding=round(0.75 * margin), decorate=False)
        return Design(self.name, root, "A classic certificate in a double frame: the title, the recipient's name "
                      "large, the signature and date lines with the brief's words.")  # fmt: skip


@dataclass(frozen=True)
class CertificateModern:
    """A modern certificate: a band of colour down the left with an award mark and the issuer, the title, the
    recipient's name large and the lines left-aligned beside it."""

    name: str = "certificate-modern"
    kinds: frozenset[DocumentKind] = _CERTIFICATE

    def fit(self, material: Material) -> float | None:
        if not material.slots.texts or not material.wide or places_things(material):
            return None
        return 0.7

    def compose(self, material: Material) -> Design:
        used = Used()
        lines = _certificate_lines(material, used)
        ink = ink_on(material)
        colour = block_colour(material)
        on_block = ink_on(material, colour)
        margin = material.margin
        band_width = round(0.26 * material.canvas.width)
        inner = material.canvas.width - band_width - 4 * margin
        family = _display_family(material)
        mark = material.unit(0.14)
        band = column(
            "band",
            [
                IconElement(id="award-mark", name="award", color=on_block.headline, width=mark, height=mark),
                kicker(material, "issuer", lines.issuer, on_block.headline, "center") if lines.issuer else None,
            ],
            gap=material.unit(0.04),
            fill=colour,
            padding=margin,
            align="center",
            justify="center",
            width=band_width,
            height="fill",
            role="panel",
        )
        reasons = texts_for(material, used, "body", "tagline", "caption", "venue", "time", "price", "contact")
        used.add(*reasons)
        rest = material.extras(used, inner)
        body = column(
            "content",
            [
                material.text("title", lines.title, "subtitle", _fitted(material, lines.title, 3, inner),
                              color=ink.accent, weight="bold", letter_spacing=0.06)
                if lines.title
                else None,
                headline(material, "recipient", lines.recipient, inner, ink.headline, "left", step=7, max_lines=2,
                         lowest=4).model_copy(update={"family": family, "role": "heading"})
                if lines.recipient
                else None,
                accent_rule(material, "recipient-rule", ink.accent),
                *[
                    material.text(f"reason-{n}", t, "body", material.scale.size(1), color=ink.body)
                    for n, t in enumerate(reasons, start=1)
                ],
                *rest,
                _signatures(material, lines, ink, "left"),
            ],
            gap=material.unit(0.035),
            justify="center",
            height="fill",
            padding=Insets(top=margin, bottom=margin, left=2 * margin, right=2 * margin),
        )  # fmt: skip
        root = page(material, [band, body], layout="row", padding=0, gap=0, decorate=False)
        return Design(self.name, root, "A modern certificate: a band of colour with an award mark, the recipient's "
                      "name large and left-aligned beside it.")  # fmt: skip


CARD_TEMPLATES = (BusinessCardSplit(), BusinessCardCentred(), GreetingCard(), CertificateClassic(), CertificateModern())
"""The templates for business and greeting cards and certificates."""

"""The login templates: the brand and title, a label over each input box with a quiet hint, one full-width
primary button in the form's or the brief's words, the brief's other short texts as small links; a phone screen on
a tall canvas, a phone mock-up or a window's frame when the brief asks, and nothing made up."""

from __future__ import annotations

from tessera.contract import AssetElement, AssetInfo, BrandKit, ControlElement, Frame, Supplied, TextElement
from tessera.planner._templates._login import CentredCard, PhoneScreen, SplitPanel
from tests.planner.templates._print_helpers import brief_strings, material_for, material_of, node, texts, walk

LEDGERLY = (
    "A mobile login screen for 'Ledgerly' with the subtitle 'Welcome back', email and password fields, a 'Log in' "
    "button and a 'Forgot password?' link"
)
REMEMBER = (
    "A login page with a login form with username and password fields, a remember me checkbox and a Sign in button"
)
WINDOW = "A desktop window login screen 'Acme Admin' with email and password fields and a 'Sign in' button"


def _roles(root: Frame, role: str) -> list[Frame]:
    return [n for n in walk(root) if isinstance(n, Frame) and n.role == role]


def test_each_field_is_a_label_over_an_input_box_with_a_hint() -> None:
    design = PhoneScreen().compose(material_for(LEDGERLY, canvas=(1080, 1920)))
    inputs = _roles(design.root, "input")
    assert [i.name for i in inputs] == ["Email field", "Password field"]
    assert [t.text for i in inputs for t in texts(i)] == ["Enter your email", "Enter your password"]
    email = node(design.root, "email")
    assert isinstance(email, Frame)
    label, box = email.children
    assert isinstance(label, TextElement) and (label.text, label.align) == ("Email", "left")
    assert box is inputs[0]


def test_one_primary_button_full_width_in_the_briefs_words() -> None:
    design = PhoneScreen().compose(material_for(LEDGERLY, canvas=(1080, 1920)))
    (button,) = _roles(design.root, "button")
    assert button.width == "fill"
    assert [t.text for t in texts(button)] == ["Log in"]


def test_the_briefs_other_short_texts_are_small_links_under_the_button() -> None:
    design = PhoneScreen().compose(material_for(LEDGERLY, canvas=(1080, 1920)))
    link = node(design.root, "link-1")
    brand = node(design.root, "brand")
    assert isinstance(link, TextElement) and isinstance(brand, TextElement)
    assert link.text == "Forgot password?"
    assert (link.font_size or 0) < (brand.font_size or 0)


def test_the_brand_heads_the_screen_and_nothing_is_made_up() -> None:
    material = material_for(LEDGERLY, canvas=(1080, 1920))
    design = PhoneScreen().compose(material)
    set_texts = [t.text for t in texts(design.root)]
    assert set_texts[:2] == ["Ledgerly", "Welcome back"]
    assert set(set_texts) <= brief_strings(material) | {"Email", "Password", "Enter your email", "Enter your password"}


def test_a_check_box_sits_beside_its_label_and_the_form_names_its_button() -> None:
    design = CentredCard().compose(material_for(REMEMBER))
    (box,) = [n for n in walk(design.root) if isinstance(n, ControlElement)]
    assert box.control == "checkbox"
    (button,) = _roles(design.root, "button")
    assert [t.text for t in texts(button)] == ["Sign in"]


def test_a_phone_on_a_wide_canvas_is_a_phone_mock_up() -> None:
    material = material_for(LEDGERLY, canvas=(1440, 960))
    assert (PhoneScreen().fit(material) or 0) > (CentredCard().fit(material) or 0)
    phone = node(PhoneScreen().compose(material).root, "phone")
    assert isinstance(phone, Frame) and isinstance(phone.width, int) and isinstance(phone.height, int)
    assert phone.height > 2 * phone.width


def test_a_window_is_drawn_when_the_brief_asks_for_one() -> None:
    material = material_for(WINDOW, canvas=(1280, 800))
    assert (CentredCard().fit(material) or 0) >= 0.9
    design = CentredCard().compose(material)
    window = node(design.root, "window")
    assert isinstance(window, Frame) and window.role == "panel"
    assert len(_roles(design.root, "card")) == 1


def test_the_split_screen_needs_a_brand_or_title_and_a_wide_canvas() -> None:
    assert SplitPanel().fit(material_for(REMEMBER, canvas=(1920, 1080))) is None
    assert SplitPanel().fit(material_for(WINDOW, canvas=(1080, 1920))) is None
    design = SplitPanel().compose(material_for(WINDOW, canvas=(1920, 1080)))
    panel = node(design.root, "brand-panel")
    assert isinstance(panel, Frame) and [t.text for t in texts(panel)] == ["Acme Admin"]


def test_no_fields_no_login_template() -> None:
    material = material_for("A login screen for 'Acme'")
    assert all(t.fit(material) is None for t in (PhoneScreen(), CentredCard(), SplitPanel()))


def test_the_brand_kits_logo_sits_over_the_brand() -> None:
    constraints = material_for(LEDGERLY).constraints
    supplied = Supplied(assets=[AssetInfo(name="mark", width=200, height=100)], brand=BrandKit(logo="mark"))
    material = material_of(constraints.model_copy(update={"supplied": supplied}), canvas=(1080, 1920))
    design = PhoneScreen().compose(material)
    (logo,) = [n for n in walk(design.root) if isinstance(n, AssetElement)]
    assert isinstance(logo.width, int) and isinstance(logo.height, int)
    assert (logo.name, logo.width) == ("mark", 2 * logo.height)
    ids = [n.id for n in walk(design.root)]
    assert ids.index("asset-mark") < ids.index("brand")


def test_a_field_in_another_language_gets_an_empty_box_not_an_english_hint() -> None:
    brief = (
        "Ein Anmeldebildschirm 'Kontor' mit einem Anmeldeformular mit den Feldern E-Mail und Passwort und einem "
        "Button 'Anmelden'"
    )
    design = PhoneScreen().compose(material_for(brief, canvas=(1080, 1920), kind="login"))
    inputs = _roles(design.root, "input")
    assert len(inputs) == 2 and not [t for i in inputs for t in texts(i)]

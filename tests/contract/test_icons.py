"""The shared icon set: shipped in the package, looked up by name, alias or hidden name, with close names for an
unknown one and a search by meaning."""

from __future__ import annotations

from importlib import resources

from tessera.contract import Box
from tessera.contract.icons import ICON_DATA, find_icon, icon_set, square_in, stroke_units


def test_the_icon_data_ships_inside_the_contract_package_and_loads() -> None:
    data = resources.files("tessera.contract").joinpath("data", ICON_DATA)
    assert data.is_file()
    assert len(icon_set().names) > 6000


def test_the_licence_file_names_the_package_versions_the_data_was_built_from() -> None:
    licences = resources.files("tessera.contract").joinpath("data", "LICENSES.md").read_text(encoding="utf-8")
    assert "MIT License" in licences
    for package, version in icon_set().source.items():
        assert f"{package}` {version}" in licences


def test_an_icon_is_found_by_its_own_name() -> None:
    icon = find_icon("shopping-cart")
    assert icon is not None and icon.name == "shopping-cart"


def test_an_alias_finds_the_icon_it_stands_for() -> None:
    icon = find_icon("2fa")
    assert icon is not None and icon.name == "auth-2fa"
    assert "2fa" in icon_set()


def test_a_hidden_deprecated_name_still_draws_but_is_not_listed_or_suggested() -> None:
    assert find_icon("barell") is not None
    assert "barell" not in icon_set().names
    assert "barell" not in icon_set().suggest("barel")


def test_an_unknown_name_finds_nothing() -> None:
    assert find_icon("rocketship-deluxe") is None
    assert "rocketship-deluxe" not in icon_set()


def test_a_misspelt_name_is_offered_its_correct_spelling() -> None:
    assert "calendar" in icon_set().suggest("calender")


def test_a_word_inside_icon_names_is_offered_those_icons() -> None:
    assert "shopping-cart" in icon_set().suggest("cart")


def test_search_finds_an_icon_by_a_tag_that_is_not_in_its_name() -> None:
    assert icon_set().search("launch")[0] == "rocket"


def test_the_svg_is_drawn_in_the_asked_colour_at_the_asked_size() -> None:
    icon = find_icon("rocket")
    assert icon is not None
    svg = icon.svg("#1f4fff", 64)
    assert 'stroke="#1F4FFF"' in svg and "currentColor" not in svg
    assert 'width="64" height="64" viewBox="0 0 24 24"' in svg


def test_big_icons_are_drawn_with_relatively_lighter_strokes_never_under_one_unit() -> None:
    assert stroke_units(24) == stroke_units(48) == 2.0
    assert 1.0 < stroke_units(120) < stroke_units(64) < 2.0
    assert stroke_units(2000) == 1.0


def test_an_icon_is_drawn_in_the_square_centred_in_its_box() -> None:
    assert square_in(Box(x=10, y=20, w=200, h=100)) == Box(x=60, y=20, w=100, h=100)
    assert square_in(Box(x=0, y=0, w=50, h=51)) == Box(x=0, y=0, w=50, h=50)

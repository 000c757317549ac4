"""Runs of scripts inside one string: what fonts and OCR languages follow."""

from __future__ import annotations

import pytest

from tessera.contract import detect_script, language_of, script_runs


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("Café 東京 2026", [("latin", "Café "), ("han", "東京 2026")]),
        ("Open 周一至周五", [("latin", "Open "), ("han", "周一至周五")]),
        ("2026 Москва", [("cyrillic", "2026 Москва")]),
        ("مرحبا 123 Hello", [("arabic", "مرحبا 123 "), ("latin", "Hello")]),
        ("สวัสดี Bangkok", [("thai", "สวัสดี "), ("latin", "Bangkok")]),
        ("১২৩ বাংলা", [("bengali", "১২৩ বাংলা")]),
        ("வணக்கம்!", [("tamil", "வணக்கம்!")]),
        ("12:30 — 🎉", [("latin", "12:30 — 🎉")]),
        ("", []),
    ],
)
def test_a_string_is_cut_where_its_script_changes_and_shared_characters_join_a_run(
    text: str, runs: list[tuple[str, str]]
) -> None:
    found = script_runs(text)
    assert [(run.script, run.text) for run in found] == runs
    assert "".join(run.text for run in found) == text
    assert all(text[run.start : run.start + len(run.text)] == run.text for run in found)


def test_the_new_scripts_have_languages_and_are_detected() -> None:
    assert [language_of(detect_script(t)) for t in ("สวัสดี", "বাংলা", "தமிழ்")] == ["th", "bn", "ta"]


def test_chinese_characters_among_kana_are_japanese() -> None:
    assert language_of("han", "営業中と書かれた看板") == "ja"
    assert language_of("han", "写着“营业中”的招牌") == "zh"
    assert language_of("han") == "zh"

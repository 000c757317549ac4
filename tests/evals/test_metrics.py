"""The metrics match hand-computed values and LongText-Bench's own definition."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tessera.contract import ConstraintCheck, VerificationReport
from tessera.evals import (
    best_substring_match,
    count_scores,
    edit_normalise,
    longtext_accuracy,
    longtext_normalise,
    string_score,
)

# LongText-Bench accuracy ---------------------------------------------------------------------


def test_english_accuracy_is_the_share_of_required_words_found_in_the_ocr_bag_of_words() -> None:
    # required words: fresh brews every day since 1998 (6); OCR misreads 1998 as 1993.
    accuracy = longtext_accuracy(
        ["FRESH BREWS, EVERY DAY", "Since 1998"], "FRESH BREWS EVERY\nDAY Since 1993 extra", "en"
    )
    assert (accuracy.matched, accuracy.required) == (5, 6)
    assert accuracy.score == 5 / 6
    assert accuracy.missing == ["1998"]


def test_a_word_read_once_matches_only_one_of_two_required_occurrences() -> None:
    accuracy = longtext_accuracy(["EVERY MORNING, EVERY DAY"], "every morning day", "en")
    assert (accuracy.matched, accuracy.required) == (3, 4)


def test_extra_ocr_text_never_lowers_the_score() -> None:
    assert longtext_accuracy(["Open Daily"], "OPEN DAILY and a hundred other words", "en").score == 1.0


def test_chinese_accuracy_counts_characters_and_ignores_punctuation_and_spaces() -> None:
    # required characters: 每日新鲜烘焙 (6) + 中央公园2公里 (7) = 13; OCR reads 焙 as 培.
    accuracy = longtext_accuracy(["每日新鲜烘焙", "中央公园 - 2公里"], "每日新鲜烘培\n中央公园－2公里", "zh")
    assert (accuracy.matched, accuracy.required) == (12, 13)
    assert accuracy.missing == ["焙"]


def test_normalisation_is_longtext_benchs_keep_accents_drop_punctuation_lowercase_english_only() -> None:
    assert (
        longtext_normalise("  Café, CRÈME-brûlée!  2x ", "en") == "café crèmebrûlée 2x"
    )  # a hyphen is dropped, not spaced
    assert longtext_normalise("Ab c，中文！", "zh") == "Abc中文"
    assert longtext_accuracy(["ABC"], "abc", "zh").score == 0.0  # Chinese mode does not fold case


def test_text_in_scripts_the_benchmark_does_not_compare_has_no_score() -> None:
    accuracy = longtext_accuracy(["Привет"], "Привет", "en")
    assert accuracy.required == 0 and accuracy.score is None


# normalised edit distance -----------------------------------------------------------------------


def test_ned_uses_the_best_matching_substring_of_the_whole_image_text() -> None:
    score = string_score("HELLO WORLD", ["A headline", "xx HELL0 WORLD yy"])
    assert (score.distance, score.best_match) == (1, "HELL0 WORLD")
    assert score.ned == 1 / 11
    assert not score.exact


def test_a_string_wrapped_over_two_ocr_lines_still_matches_exactly() -> None:
    assert string_score("Locally Roasted Since 1998", ["Locally Roasted", "Since 1998"]).exact


def test_chinese_strings_ignore_spaces_and_full_width_forms() -> None:
    score = string_score("中央公园 - 2公里", ["中央公园－2公里"])
    assert score.exact and score.best_match == "中央公园-2公里"


def test_nothing_read_is_the_worst_distance() -> None:
    score = string_score("SALE", [])
    assert (score.distance, score.ned, score.best_match) == (4, 1.0, "")


def test_edit_normalisation_folds_width_typographic_dashes_quotes_and_whitespace() -> None:
    assert edit_normalise("  ＳＡＬＥ \n now ") == "SALE now"
    assert edit_normalise("City Market – “local” crafts’") == 'City Market - "local" crafts\''


def _levenshtein(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
    return row[-1]


@settings(max_examples=200, deadline=None)
@given(st.text("abc ", min_size=1, max_size=7), st.text("abcd ", max_size=12))
def test_best_substring_match_equals_brute_force_over_all_substrings(pattern: str, text: str) -> None:
    brute = min(_levenshtein(pattern, text[i:j]) for i in range(len(text) + 1) for j in range(i, len(text) + 1))
    distance, match = best_substring_match(pattern, text)
    assert distance == brute
    assert match in text and _levenshtein(pattern, match) == distance


# counts (verifier evidence) ----------------------------------------------------------------------


def _count_check(expected: str, measured: str, passed: bool) -> ConstraintCheck:
    return ConstraintCheck(constraint_id="count-1", kind="count", passed=passed, expected=expected, measured=measured)


def test_count_accuracy_reads_the_verifiers_measured_number_for_the_class() -> None:
    report = VerificationReport(checks=[_count_check("3 balloon", "2 instance(s) in group 'balloons'", passed=False)])
    (score,) = count_scores({"balloons": 3}, report)
    assert (score.expected, score.verifier_measured, score.correct, score.source) == (3, 2, False, "verifier")


def test_a_count_the_verifier_did_not_check_is_not_accurate() -> None:
    (score,) = count_scores({"cat": 2}, VerificationReport(checks=[_count_check("3 balloon", "3", passed=True)]))
    assert score.verifier_measured is None and not score.correct


def test_a_string_split_across_side_by_side_columns_matches_in_block_order() -> None:
    reading_order = [
        "Then maybe I'll just",
        "They're legendary for",
        "try your famous fries?",
        "being very, um, average",
    ]
    by_block = ["Then maybe I'll just", "try your famous fries?", "They're legendary for", "being very, um, average"]
    assert not string_score("Then maybe I'll just try your famous fries?", reading_order).exact
    assert string_score("Then maybe I'll just try your famous fries?", reading_order, by_block).exact

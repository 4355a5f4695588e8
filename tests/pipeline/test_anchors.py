"""Anchors: how many tokens a pattern token takes, what can be looked up, and the windows a rule runs in."""

from __future__ import annotations

import random

import pytest

from powfacts.pipeline.anchors import Anchor, anchor_of, condition_of, needs_digit, rarity, repeats, windows

PRISONERS = ("words", "LOWER", ("prisoners",))
IN_FIGURE = ("mark", "in_figure", (True,))
IN_DATE = ("mark", "in_date", (True,))


@pytest.mark.parametrize(
    "op, expected",
    [
        (None, (1, 1)),
        ("?", (0, 1)),
        ("+", (1, None)),
        ("*", (0, None)),
        ("!", (1, 1)),
        ("{3}", (3, 3)),
        ("{0}", (0, 0)),
        ("{2,5}", (2, 5)),
        ("{0,12}", (0, 12)),
        ("{2,}", (2, None)),
        ("{,4}", (0, 4)),
    ],
)
def test_repeats_gives_the_fewest_and_most_tokens_of_each_operator(op, expected):
    token = {"LOWER": "a"} if op is None else {"LOWER": "a", "OP": op}
    assert repeats(token) == expected


def test_repeats_of_an_unknown_operator_assume_no_bound():
    assert repeats({"OP": "{x}"}) == (1, None)


@pytest.mark.parametrize(
    "token, expected",
    [
        ({"LOWER": "prisoners"}, PRISONERS),
        ({"LOWER": {"IN": ["pows", "prisoners", "pows"]}, "OP": "+"}, ("words", "LOWER", ("pows", "prisoners"))),
        ({"ORTH": "POWs"}, ("words", "ORTH", ("POWs",))),
        ({"TEXT": {"IN": ["War", "POWs"]}}, ("words", "ORTH", ("POWs", "War"))),
        ({"NORM": "prisoner"}, ("words", "NORM", ("prisoner",))),
        ({"LOWER": {"REGEX": "^pris"}}, ("regex", "LOWER", ("^pris",))),
        ({"TEXT": {"REGEX": "^[A-Z]"}}, ("regex", "ORTH", ("^[A-Z]",))),
        ({"SHAPE": {"IN": ["ddd", "dd"]}}, ("words", "SHAPE", ("dd", "ddd"))),
        ({"_": {"in_figure": True}}, IN_FIGURE),
        ({"_": {"figure_kind": "swap"}}, ("mark", "figure_kind", ("swap",))),
        ({"_": {"num_kind": {"IN": ["cardinal", "scale"]}}}, ("mark", "num_kind", ("cardinal", "scale"))),
        # words win over a mark on the same token
        ({"_": {"in_figure": True}, "LOWER": "prisoners"}, PRISONERS),
    ],
)
def test_condition_of_names_what_a_token_must_be(token, expected):
    assert condition_of(token) == expected


@pytest.mark.parametrize(
    "token",
    [
        {"IS_PUNCT": True},
        {"IS_DIGIT": True, "OP": "+"},
        {"OP": "*"},
        {"LOWER": {"NOT_IN": ["a", "b"]}},
        {"LOWER": {"IN": []}},
        {"LOWER": {"IN": ["a", 1]}},
        {"_": {"in_figure": False}},
        {"_": {"num_kind": {"NOT_IN": ["glue"]}}},
        {"IS_ALPHA": True, "LENGTH": 3},
    ],
)
def test_condition_of_is_none_when_nothing_can_be_looked_up(token):
    assert condition_of(token) is None


def test_anchor_reach_sums_the_tokens_on_each_side():
    pattern = [
        {"IS_DIGIT": True},
        {"LOWER": "x", "OP": "?"},
        {"LOWER": "prisoners"},
        {"OP": "{0,3}"},
        {"_": {"in_date": True}, "OP": "+"},
    ]
    assert anchor_of(pattern) == Anchor(PRISONERS, (2,), (3, IN_DATE))


def test_a_repeated_anchor_reaches_its_own_longest_run_on_both_sides():
    bounded = [{"LOWER": "a"}, {"LOWER": "prisoners", "OP": "{2,4}"}, {"LOWER": "b"}]
    assert anchor_of(bounded) == Anchor(PRISONERS, (4,), (4,))
    unbounded = [{"LOWER": "prisoners", "OP": "+"}, {"LOWER": "of"}]
    assert anchor_of(unbounded) == Anchor(PRISONERS, (PRISONERS,), (1, PRISONERS))


def test_a_mark_run_before_the_anchor_is_reached_by_its_longest_run():
    pattern = [{"_": {"in_figure": True}, "OP": "+"}, {"LOWER": {"IN": ["prisoners", "pows"]}}]
    assert anchor_of(pattern) == Anchor(("words", "LOWER", ("pows", "prisoners")), (IN_FIGURE,), ())


def test_a_token_without_a_condition_and_without_bound_leaves_its_side_unbounded():
    assert anchor_of([{"LOWER": "freed"}, {"OP": "+"}, {"LOWER": "x"}]) == Anchor(("words", "LOWER", ("freed",)), (), None)
    assert anchor_of([{"IS_ALPHA": True, "OP": "*"}, {"LOWER": "freed"}]) == Anchor(("words", "LOWER", ("freed",)), None, ())


def test_the_rarest_looking_words_are_the_anchor():
    assert anchor_of([{"LOWER": "of"}, {"LOWER": "prisoners"}, {"LOWER": "war"}]) == Anchor(PRISONERS, (1,), (1,))
    assert anchor_of([{"ORTH": "."}, {"LOWER": "a"}]).condition == ("words", "LOWER", ("a",))  # punctuation looks commonest
    # as rare-looking: the fewer words
    assert anchor_of([{"LOWER": {"IN": ["very", "really"]}, "OP": "+"}, {"LOWER": "many"}]).condition == ("words", "LOWER", ("many",))


def test_stop_words_look_common():
    pattern = [{"LOWER": "since"}, {"LOWER": "war"}]
    assert anchor_of(pattern).condition == ("words", "LOWER", ("since",))
    assert anchor_of(pattern, frozenset({"since", "of"})) == Anchor(("words", "LOWER", ("war",)), (1,), ())


def test_a_mark_or_a_digit_regex_looks_as_rare_as_a_three_letter_word():
    assert anchor_of([{"LOWER": "of"}, {"_": {"in_figure": True}}]) == Anchor(IN_FIGURE, (1,), ())
    assert anchor_of([{"LOWER": {"REGEX": "^\\d+th$"}}, {"LOWER": "of"}]).condition == ("regex", "LOWER", ("^\\d+th$",))
    assert anchor_of([{"LOWER": {"REGEX": "^pris"}}, {"LOWER": "of"}]).condition == ("words", "LOWER", ("of",))  # any word may match


def test_at_equal_rarity_words_beat_a_regex_and_a_regex_beats_a_mark():
    assert anchor_of([{"_": {"in_figure": True}}, {"LOWER": "fig"}]) == Anchor(("words", "LOWER", ("fig",)), (1,), ())
    digits = ("regex", "LOWER", ("^\\d+th$",))
    assert anchor_of([{"_": {"in_figure": True}, "OP": "+"}, {"LOWER": {"REGEX": "^\\d+th$"}}]) == Anchor(digits, (IN_FIGURE,), ())


@pytest.mark.parametrize(
    "condition, common, expected",
    [
        (("words", "LOWER", ("exchange", "swap")), frozenset(), 4),
        (("words", "ORTH", (".", ",")), frozenset(), 0),
        (("words", "LOWER", ("in", "since")), frozenset({"in", "since"}), 1),
        (("words", "LOWER", ("in", "prisoners")), frozenset({"in"}), 1),
        (("mark", "in_figure", (True,)), frozenset(), 3),
        (("regex", "LOWER", ("^\\d+([.,]\\d+)?$",)), frozenset(), 3),
        (("regex", "LOWER", ("^(\\d+|,|and)$",)), frozenset(), 0),
    ],
)
def test_rarity_is_the_length_of_the_commonest_looking_word(condition, common, expected):
    assert rarity(condition, common) == expected


@pytest.mark.parametrize(
    "regex, needs",
    [
        ("^\\d+([.,]\\d+)?$", True),
        ("^(19|20)\\d\\d$", True),
        ("^[0-9]{1,2}:\\d\\d$", True),
        ("^(\\d+|,|and)$", False),
        ("^pris", False),
        ("^\\+\\d", False),
        # a digit that may be absent: a match can lack it
        ("^\\d?x$", False),
        ("^\\d*th$", False),
        ("^\\d{0,2}th$", False),
        ("^\\d{,2}th$", False),
        ("^(\\d){,2}th$", False),
        ("^(\\d+)?th$", False),
        ("^(\\d|x)th$", False),
        ("^[0-9a-z]+$", False),
        # one alternative, starting with a digit; the "|" are inside its group
        ("^\\d+(st|nd|rd|th)$", True),
    ],
)
def test_needs_digit_says_whether_every_match_starts_with_a_digit(regex, needs):
    assert needs_digit(regex) is needs


def test_optional_and_negated_tokens_are_never_the_anchor():
    assert anchor_of([{"LOWER": "prisoners", "OP": "!"}, {"LOWER": "of"}]) == Anchor(("words", "LOWER", ("of",)), (1,), ())
    assert anchor_of([{"LOWER": "prisoners", "OP": "?"}, {"LOWER": "of"}]).condition == ("words", "LOWER", ("of",))
    assert anchor_of([{"LOWER": "prisoners", "OP": "{0,3}"}, {"LOWER": "of"}]).condition == ("words", "LOWER", ("of",))


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "of", "OP": "?"}, {"IS_PUNCT": True, "OP": "*"}],
        [{"LOWER": "prisoners", "OP": "*"}],
        [{"LOWER": "prisoners", "OP": "!"}],
        [{"IS_PUNCT": True}],
    ],
)
def test_a_rule_without_a_required_lookup_token_gets_no_condition(pattern):
    assert anchor_of(pattern) == Anchor(None)


def test_windows_merge_where_they_overlap():
    assert windows([3, 5, 20], 2, 1, 0, 30) == [(1, 7), (18, 22)]
    assert windows([20, 3, 5], 2, 1, 0, 30) == [(1, 7), (18, 22)]
    assert windows([3, 5], 0, 0, 0, 30) == [(3, 4), (5, 6)]
    assert windows([], 2, 2, 0, 30) == []


def test_windows_are_clipped_to_the_region_and_ignore_positions_outside_it():
    assert windows([1, 28], 3, 3, 0, 30) == [(0, 5), (25, 30)]
    assert windows([5, 12, 25], 2, 2, 10, 20) == [(10, 15)]
    assert windows([30], 1, 1, 0, 30) == []
    assert windows([9, 20], 1, 1, 10, 20) == []


def test_an_unbounded_reach_goes_to_the_region_edge():
    assert windows([3], None, 1, 0, 30) == [(0, 5)]
    assert windows([3], 1, None, 0, 30) == [(2, 30)]
    assert windows([12, 15], None, None, 10, 20) == [(10, 20)]
    assert windows([3, 12], None, 1, 5, 30) == [(5, 14)]


@pytest.mark.parametrize("seed", range(5))
def test_windows_cover_exactly_the_tokens_near_some_position(seed):
    rng = random.Random(seed)
    for _ in range(200):
        start = rng.randrange(0, 20)
        end = start + rng.randrange(0, 40)
        positions = [rng.randrange(0, 70) for _ in range(rng.randrange(0, 8))]
        before = rng.choice([None, 0, 1, 2, 5])
        after = rng.choice([None, 0, 1, 3, 6])
        found = windows(positions, before, after, start, end)
        covered = {t for a, b in found for t in range(a, b)}
        expected = {
            t
            for p in positions
            if start <= p < end
            for t in range(start if before is None else max(start, p - before), end if after is None else min(end, p + after + 1))
        }
        assert covered == expected
        assert all(a < b for a, b in found)
        assert all(found[i][1] <= found[i + 1][0] for i in range(len(found) - 1))

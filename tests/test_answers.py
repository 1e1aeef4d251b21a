"""One rule per kind of answer (paramlab.grading.answers), tested once for every set."""

import numpy as np
import pytest

from paramlab.grading.answers import (arrays, choice, expect_close, names, number, one_of, shape, tolerance,
                                      vector, whole_number)
from paramlab.grading.core import Wrong

torch = pytest.importorskip("torch")


@pytest.mark.parametrize("value", [0.5, np.float64(0.5), np.float32(0.5), np.array(0.5), np.array([0.5]),
                                   np.array([[0.5]]), torch.tensor(0.5), torch.tensor([0.5])])
def test_numbers_of_every_library_are_numbers(value):
    assert number(value, "x") == 0.5


@pytest.mark.parametrize("value, says", [("0.5", "not the text '0.5'"), (True, "not True"),
                                         (np.bool_(False), "not False"), (None, "NoneType"),
                                         ([0.5, 0.6], "single number"), (np.zeros(3), "shape (3,)"),
                                         (float("nan"), "diverged"), (np.inf, "diverged")])
def test_what_is_not_one_number_is_refused_with_its_kind(value, says):
    with pytest.raises(Wrong, match="x "):
        number(value, "x")
    with pytest.raises(Wrong) as info:
        number(value, "x")
    assert says in str(info.value)


@pytest.mark.parametrize("value", [13, 13.0, np.int64(13), np.float32(13), np.array([13]), torch.tensor(13)])
def test_whole_numbers_written_any_way_are_whole_numbers(value):
    assert whole_number(value, "k") == 13 and type(whole_number(value, "k")) is int


@pytest.mark.parametrize("value, says", [(13.5, "whole number"), ("13", "text"), (False, "not False")])
def test_non_whole_numbers_are_refused(value, says):
    with pytest.raises(Wrong, match=says):
        whole_number(value, "k")


def test_float32_values_compare_with_float32_tolerance():
    rate32 = torch.tensor(0.1, dtype=torch.float32)
    assert float(rate32) != 0.1  # 0.1 is not exactly representable in float32
    assert one_of(rate32, (0.01, 0.1, 1.0), "lr", "the rates") == 0.1
    assert one_of(np.float32(0.1), (0.01, 0.1, 1.0), "lr", "the rates") == 0.1
    with pytest.raises(Wrong, match="should be one of the rates, got 0.11"):
        one_of(0.11, (0.01, 0.1, 1.0), "lr", "the rates")
    assert tolerance(np.float32(1), 1e-9) > 1e-6 and tolerance(1.0, 1e-9) == 1e-9
    expect_close(np.float32(1 / 3), 1 / 3, "x", rel=1e-9)
    with pytest.raises(Wrong, match="not the value computed"):
        expect_close(1 / 3 + 1e-7, 1 / 3, "x", rel=1e-9)


@pytest.mark.parametrize("value", [(64, 20), [64, 20], np.array([64, 20]), torch.tensor([64, 20]),
                                   torch.Size([64, 20]), (64.0, 20.0), (np.int64(64), 20)])
def test_shapes_written_any_way_are_shapes(value):
    assert shape(value, "s", ndim=2) == (64, 20)


@pytest.mark.parametrize("value, says", [("64x20", "tuple of whole numbers"), (64, "tuple of whole numbers"),
                                         ((64, 20, 1), "should hold 2 sizes, it holds 3"),
                                         (np.zeros((64, 20)), "its .shape is what the question asks for"),
                                         ((64, 20.5), "whole number"), ((-1, 20), "negative")])
def test_what_is_not_a_shape_is_refused(value, says):
    with pytest.raises(Wrong, match=says.replace(".", r"\.").replace("(", r"\(")):
        shape(value, "s", ndim=2)


def test_names_keep_case_and_trim_spaces():
    assert names(["C ", "max_iter"], "n") == {"C", "max_iter"}
    assert names(("a",), "n") == {"a"}
    for bad, says in (("C", "set of strings"), ({"C": 1}, "set of strings"), ({"C", 1}, "strings only")):
        with pytest.raises(Wrong, match=says):
            names(bad, "n")


def test_choices_ignore_case_and_spacing_and_list_the_options():
    assert choice("  Same   Weights ", ("same weights", "different weights"), "effect") == "same weights"
    with pytest.raises(Wrong, match="'same weights' or 'different weights', got 'same'"):
        choice("same", ("same weights", "different weights"), "effect")
    with pytest.raises(Wrong, match="'a', 'b' or 'c'"):
        choice(1, ("a", "b", "c"), "pick")


def test_arrays_and_vectors():
    X, y = arrays([[1, 2], [3, 4]], [0, 1])
    assert X.shape == (2, 2) and y.shape == (2,)
    with pytest.raises(Wrong, match="one row of features per label"):
        arrays([[1, 2]], [0, 1])
    assert vector(torch.ones(3, requires_grad=True), 3, "w").tolist() == [1, 1, 1]
    with pytest.raises(Wrong, match="should hold 3 numbers"):
        vector([1, 2], 3, "w")
    with pytest.raises(Wrong, match="use a smaller step"):
        vector([1, np.nan, 2], 3, "w", if_not_finite="use a smaller step")


# ----------------------------------------------------------------------------- known mistakes

from paramlab.grading import answers  # noqa: E402


def test_is_close_reads_the_learners_precision_and_never_raises():
    assert answers.is_close(np.float32(0.1), 0.1) and not answers.is_close(0.1, 0.1 + 1e-6)
    assert not answers.is_close("0.1", 0.1) and not answers.is_close(None, 0.0)


def test_diagnose_names_the_first_matching_mistake_and_computes_lazily():
    called = []

    def costly():
        called.append(1)
        return 0.75

    mistakes = [(None, "skipped"), (0.25, "an error rate"), (costly, "the validation score")]
    with pytest.raises(Wrong, match="^an error rate$"):
        answers.diagnose(0.25, mistakes, "otherwise")
    assert called == []  # a later mistake is not computed once an earlier one matched
    with pytest.raises(Wrong, match="^the validation score$"):
        answers.diagnose(0.75, mistakes, "otherwise")
    with pytest.raises(Wrong, match="^otherwise$"):
        answers.diagnose(0.5, mistakes, "otherwise")


def test_expect_value_passes_the_right_value_and_otherwise_says_what_it_got():
    answers.expect_value(0.5, 0.5, "score", [(0.25, "no")])
    with pytest.raises(Wrong, match="^no$"):
        answers.expect_value(0.25, 0.5, "score", [(0.25, "no")])
    with pytest.raises(Wrong, match=r"score is not the value computed from your data; score = 0.3 does not"):
        answers.expect_value(0.3, 0.5, "score", [(0.25, "no")])
    with pytest.raises(Wrong, match="score should be a number"):
        answers.expect_value("0.5", 0.5, "score")


def test_every_reports_all_problems_at_once():
    def wrong(message):
        def check():
            raise Wrong(message)
        return check

    answers.every(lambda: None, lambda: None)
    with pytest.raises(Wrong, match="^first; second$"):
        answers.every(wrong("first"), lambda: None, wrong("second"))


def test_expect_pair_tells_swapped_from_wrong():
    meanings = ("the count for C=1", "the count for C=0.05")
    answers.expect_pair((3, 7), (3, 7), ("a", "b"), meanings)
    with pytest.raises(Wrong, match="^a and b are swapped$"):
        answers.expect_pair((7, 3), (3, 7), ("a", "b"), meanings)
    with pytest.raises(Wrong, match="^a is not the count for C=1$"):
        answers.expect_pair((4, 7), (3, 7), ("a", "b"), meanings)
    with pytest.raises(Wrong, match="^b is not the count for C=0.05$"):
        answers.expect_pair((3, 3), (3, 7), ("a", "b"), meanings)
    with pytest.raises(Wrong, match="^a is not"):  # equal expectations cannot be swapped
        answers.expect_pair((4, 4), (5, 5), ("a", "b"), meanings, swapped="never")


@pytest.mark.parametrize("value, message", [
    (0.9, None),
    (90, "is not a fraction"),
    (0.7, "accuracy on the validation part; score the tree on the training part"),
    (0.6, "another model"),
    (0.1, r"looks like an error rate \(1 - accuracy\); store the accuracy, tree.score"),
    (0.5, r"^not it; acc = 0.5 does not match$"),
])
def test_expect_training_accuracy_names_the_usual_mistakes_first(value, message):
    def check():
        answers.expect_training_accuracy(value, "acc", 0.9, lambda: 0.7, [(0.6, "another model")], "not it",
                                         scorer="tree")
    if message is None:
        check()
    else:
        with pytest.raises(Wrong, match=message):
            check()

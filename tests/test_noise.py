"""The noise rule: paired gaps, their standard errors and the verdict every chapter uses."""

import numpy as np
import pytest
from sklearn.datasets import make_classification
from sklearn.model_selection import GridSearchCV
from sklearn.tree import DecisionTreeClassifier

from paramlab import noise


def test_gap_is_the_mean_paired_difference_and_its_standard_error():
    a = np.array([0.80, 0.82, 0.78, 0.90])
    b = np.array([0.70, 0.80, 0.74, 0.86])
    g = noise.gap(a, b)
    d = a - b
    assert g.diff == pytest.approx(d.mean())
    assert g.se == pytest.approx(d.std(ddof=1) / 2)
    assert g.n == 4
    assert g.ratio == pytest.approx(d.mean() / (d.std(ddof=1) / 2))


def test_pairing_cancels_what_both_share():
    # Fold difficulty varies a lot, the difference hardly at all: paired, b is clearly behind.
    fold_level = np.array([0.6, 0.9, 0.7, 0.95, 0.65])
    a = fold_level + 0.02
    b = fold_level + np.array([0.0, 0.001, -0.001, 0.0, 0.0])
    assert noise.gap(a, b).verdict == "ahead"
    assert noise.gap(b, a).verdict == "behind"
    # Unpaired, the same two arrays would be inside the fold-to-fold spread.
    assert 0.02 < a.std(ddof=1)


def test_a_gap_inside_the_rule_is_tied_and_just_outside_is_not():
    d = np.array([1.0, -1.0, 1.0, -1.0])          # mean 0, se 0.577
    assert noise.gap(d + 1.0, np.ones(4)).verdict == "tied"
    se = noise.gap(d, np.zeros(4)).se
    inside = noise.gap(d + noise.RULE * se * 0.99, np.zeros(4))
    outside = noise.gap(d + noise.RULE * se * 1.01, np.zeros(4))
    assert (inside.verdict, outside.verdict) == ("tied", "ahead")


def test_identical_and_constant_differences():
    assert noise.gap([1, 2, 3], [1, 2, 3]).verdict == "tied"
    g = noise.gap([1, 2, 3], [0, 1, 2])
    assert g.se == 0 and g.ratio == np.inf and g.verdict == "ahead"
    assert "ahead" in str(g) and "+1.000" in str(g)


@pytest.mark.parametrize("a, b, message", [([1, 2], [1], "equal lengths"), ([1], [2], "two pairs")])
def test_bad_input_says_what_is_wrong(a, b, message):
    with pytest.raises(ValueError, match=message):
        noise.gap(a, b)


def test_accuracy_se():
    assert noise.accuracy_se(0.9, 100) == pytest.approx(0.03)


def test_search_gaps_pair_every_candidate_with_the_winner_over_the_same_folds():
    X, y = make_classification(n_samples=300, n_features=8, random_state=0)
    search = GridSearchCV(DecisionTreeClassifier(random_state=0), {"max_depth": [1, 3, 20]}, cv=5).fit(X, y)
    scores = noise.fold_scores(search)
    assert scores.shape == (3, 5)
    np.testing.assert_allclose(scores.mean(axis=1), search.cv_results_["mean_test_score"])
    gaps = noise.search_gaps(search)
    assert gaps[search.best_index_].verdict == "tied" and gaps[search.best_index_].diff == 0
    for i, g in enumerate(gaps):
        if i != search.best_index_:
            assert g.diff == pytest.approx(scores[i].mean() - scores[search.best_index_].mean())
            assert g.diff <= 0


def test_fold_scores_needs_per_split_scores():
    class NoSplits:
        cv_results_ = {"mean_test_score": [0.5]}
    with pytest.raises(ValueError, match="per-split"):
        noise.fold_scores(NoSplits())

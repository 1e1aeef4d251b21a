"""What is specific to exercise set 06 (the shared properties and the attempts are in test_sets.py)."""

import numpy as np
from sklearn.tree import DecisionTreeClassifier

from paramlab.checks import ex06

from attempts import split
from attempts_ex06 import data


def test_q4_recomputes_from_the_learners_own_split():
    other = split("breast_cancer", seed=3)
    X, y = other["X_train"], other["y_train"]
    alphas = DecisionTreeClassifier(random_state=0).cost_complexity_pruning_path(X, y).ccp_alphas[:-1]
    scores = np.array([DecisionTreeClassifier(ccp_alpha=a, random_state=0).fit(X, y).score(other["X_val"],
                                                                                           other["y_val"])
                       for a in alphas])
    best = float(alphas[scores == scores.max()].max())
    assert best != data()["on_val"]
    assert ex06.q4.evaluate(best_alpha=best, **other).passed


def test_q1_recomputes_from_the_learners_own_split():
    other = split("breast_cancer", seed=3)
    t = DecisionTreeClassifier(random_state=0).fit(other["X_train"], other["y_train"]).tree_
    assert float(t.threshold[0]) != data()["threshold"]
    assert ex06.q1.evaluate(root_feature=int(t.feature[0]), root_threshold=float(t.threshold[0]),
                            X_train=other["X_train"], y_train=other["y_train"]).passed

"""What is specific to exercise set 12 (the shared properties and the attempts are in test_sets.py)."""

import itertools
import re

import numpy as np

from paramlab.checks import ex12

from attempts import pick, split
from attempts_ex12 import CS, PARTS, logistic


def test_q1_recomputes_from_the_learners_own_split():
    other = split("breast_cancer", seed=3)
    X, y, Xv, yv, Xt, yt = (other[k] for k in PARTS)
    val = {C: logistic(C).fit(X, y).score(Xv, yv) for C in CS}
    chosen = max(val, key=val.get)
    score = logistic(chosen).fit(np.vstack([X, Xv]), np.concatenate([y, yv])).score(Xt, yt)
    assert ex12.q1.evaluate(chosen_C=chosen, test_score=score, **pick(other, *PARTS)).passed


def test_q5_no_message_names_a_candidate():
    wrong = 0
    for size in range(1, len(ex12.NAMES) + 1):
        for names in itertools.combinations(ex12.NAMES, size):
            result = ex12.q5.evaluate(updated_by_descent=set(names))
            if result.passed:
                continue
            wrong += 1
            words = set(re.findall(r"[A-Za-z_0-9]+", result.message))
            assert not words & set(ex12.NAMES), (names, result.message)
            assert not {"weight", "weights", "bias", "rate"} & words, (names, result.message)
    assert wrong == 2 ** len(ex12.NAMES) - 2

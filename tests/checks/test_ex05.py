"""What is specific to exercise set 05 (the shared properties and the attempts are in test_sets.py)."""

import re

from sklearn.neighbors import KNeighborsClassifier

from paramlab import datasets
from paramlab.checks import ex05

from attempts_ex05 import RIGHT_PREDICTION, data


def test_q3_recomputes_from_the_learners_own_split():
    moons = datasets.load("moons", n_samples=400, noise=0.35, seed=1)
    other = datasets.split(moons.X, moons.y, val_size=0.25, test_size=0.25, seed=4)
    scores = {k: KNeighborsClassifier(n_neighbors=k).fit(other.X_train, other.y_train).score(other.X_val, other.y_val)
              for k in ex05.K_VALUES}
    best = max(scores, key=scores.get)
    assert best != data()["k_val"]
    assert ex05.q3.evaluate(best_k=best, X_train=other.X_train, y_train=other.y_train, X_val=other.X_val,
                            y_val=other.y_val, X_test=other.X_test, y_test=other.y_test).passed


def test_q2_no_rejection_names_the_prediction_that_is_right():
    d = data()
    args = dict(train_acc_uniform=d["uniform_train"], train_acc_distance=d["distance_train"],
                **{k: d["cancer"][k] for k in ("X_train", "y_train", "X_val", "y_val")})
    for option in ex05.PREDICTIONS:
        result = ex05.q2.evaluate(prediction=option, **args)
        assert result.passed == (option == RIGHT_PREDICTION)
        if not result.passed:
            assert RIGHT_PREDICTION not in result.message


def test_q5_no_message_names_a_candidate():
    right = {"n_neighbors", "weights", "metric", "p"}
    for wrong in (right | {"algorithm"}, right - {"p"}, {"n_neighbors"}, right - {"metric"} | {"n_jobs"}):
        message = ex05.q5.evaluate(changes_predictions=wrong).message
        assert not any(re.search(rf"\b{name}\b", message) for name in ex05.CANDIDATES), message

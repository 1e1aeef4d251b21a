"""The checks of exercise set 03 called directly: right answers pass, plausible wrong ones are
rejected with the intended message, placeholders are 'not attempted'."""

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from paramlab import datasets
from paramlab.checks import ex03
from paramlab.grading.core import Outcome


def split(seed=0):
    data = datasets.load("breast_cancer")
    parts = datasets.split(data.X, data.y, val_size=0.2, test_size=0.2, seed=seed)
    return {"X_train": parts.X_train, "y_train": parts.y_train, "X_val": parts.X_val,
            "y_val": parts.y_val, "X_test": parts.X_test, "y_test": parts.y_test}


@pytest.fixture(scope="module")
def data():
    return split()


def pipeline(C=1.0, **kwargs):
    return make_pipeline(StandardScaler(), LogisticRegression(C=C, **kwargs))


def test_every_question_has_a_hint_and_a_title():
    assert len(ex03.SET.questions) >= 4
    for q in ex03.SET.questions.values():
        assert q.hint_text and q.title


def test_q1_accepts_the_probability_and_names_the_usual_slips(data):
    base = dict(X_train=data["X_train"], y_train=data["y_train"], X_val=data["X_val"])
    model = pipeline().fit(data["X_train"], data["y_train"])
    p = model.predict_proba(data["X_val"][:1])[0, 1]
    assert ex03.q1.evaluate(p_first=p, **base).passed
    w, b = model[-1].coef_[0], model[-1].intercept_[0]
    z = model[0].transform(data["X_val"][:1])[0] @ w + b
    assert "log-odds" in ex03.q1.evaluate(p_first=z, **base).message
    assert "class 0" in ex03.q1.evaluate(p_first=1 - p, **base).message
    with np.errstate(over="ignore"):
        raw = 1 / (1 + np.exp(-(data["X_val"][0] @ w + b)))
    unscaled = ex03.q1.evaluate(p_first=raw, **base)
    assert unscaled.outcome is Outcome.WRONG and "raw row" in unscaled.message
    assert ex03.q1.evaluate(p_first=..., **base).outcome is Outcome.NOT_ATTEMPTED


def zeros(data, C):
    model = pipeline(C, l1_ratio=1, solver="liblinear").fit(data["X_train"], data["y_train"])
    return int(np.sum(model[-1].coef_ == 0))


def test_q2_accepts_the_counts_and_rejects_nonzero_counts_and_the_wrong_effect(data):
    base = dict(X_train=data["X_train"], y_train=data["y_train"])
    weak, strong = zeros(data, 1.0), zeros(data, 0.05)
    assert strong > weak
    assert ex03.q2.evaluate(n_zero_weak=weak, n_zero_strong=strong, effect="more zeros", **base).passed
    nonzero = ex03.q2.evaluate(n_zero_weak=30 - weak, n_zero_strong=30 - strong, effect="more zeros", **base)
    assert "non-zero" in nonzero.message
    swapped = ex03.q2.evaluate(n_zero_weak=strong, n_zero_strong=weak, effect="more zeros", **base)
    assert "swapped" in swapped.message
    fewer = ex03.q2.evaluate(n_zero_weak=weak, n_zero_strong=strong, effect="fewer zeros", **base)
    assert fewer.outcome is Outcome.WRONG and "does not agree with your own counts" in fewer.message


def best_C_on(data, X_eval, y_eval):
    scores = {C: pipeline(C).fit(data["X_train"], data["y_train"]).score(X_eval, y_eval) for C in ex03.C_GRID}
    return max(scores, key=scores.get)


def test_q3_accepts_the_validation_choice_and_rejects_test_and_training_choices(data):
    on_val = best_C_on(data, data["X_val"], data["y_val"])
    on_test = best_C_on(data, data["X_test"], data["y_test"])
    on_train = best_C_on(data, data["X_train"], data["y_train"])
    assert len({on_val, on_test, on_train}) == 3, "the split must make each choice distinguishable"
    assert ex03.q3.evaluate(best_C=on_val, **data).passed
    assert "TEST part" in ex03.q3.evaluate(best_C=on_test, **data).message
    assert "TRAINING part" in ex03.q3.evaluate(best_C=on_train, **data).message
    assert "C_GRID" in ex03.q3.evaluate(best_C=0.5, **data).message


def test_q3_recomputes_from_the_learners_own_split():
    other = split(seed=3)
    assert ex03.q3.evaluate(best_C=best_C_on(other, other["X_val"], other["y_val"]), **other).passed


def test_q4_accepts_a_scaling_pipeline_and_rejects_the_usual_non_fixes(data):
    X, y = data["X_train"], data["y_train"]
    base = dict(X_train=X, y_train=y)
    assert ex03.q4.evaluate(fixed_model=pipeline().fit(X, y), **base).passed
    bigger_budget = ex03.q4.evaluate(fixed_model=LogisticRegression(max_iter=10_000).fit(X, y), **base)
    assert bigger_budget.outcome is Outcome.WRONG and "max_iter hides" in bigger_budget.message
    no_scaler = ex03.q4.evaluate(fixed_model=make_pipeline(LogisticRegression()), **base)
    assert "no scaling step" in no_scaler.message
    unfitted = ex03.q4.evaluate(fixed_model=pipeline(), **base)
    assert "not fitted" in unfitted.message
    everything = np.vstack([X, data["X_val"], data["X_test"]])
    labels = np.concatenate([y, data["y_val"], data["y_test"]])
    leaky = ex03.q4.evaluate(fixed_model=pipeline().fit(everything, labels), **base)
    assert "training part only" in leaky.message


def test_q4_accepts_any_transformer_that_makes_lbfgs_converge(data):
    import warnings

    from sklearn.preprocessing import PowerTransformer, QuantileTransformer
    X, y = data["X_train"], data["y_train"]
    for step in (PowerTransformer(), QuantileTransformer(n_quantiles=100, random_state=0)):
        model = make_pipeline(step, LogisticRegression())
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            model.fit(X, y)
        assert ex03.q4.evaluate(fixed_model=model, X_train=X, y_train=y).passed, type(step).__name__
    everything = np.vstack([X, data["X_val"]])
    labels = np.concatenate([y, data["y_val"]])
    leaky = make_pipeline(PowerTransformer(), LogisticRegression()).fit(everything, labels)
    assert "training part only" in ex03.q4.evaluate(fixed_model=leaky, X_train=X, y_train=y).message


def test_q4_rejects_a_scaled_pipeline_that_changed_the_kept_defaults(data):
    import warnings
    X, y = data["X_train"], data["y_train"]
    big = ex03.q4.evaluate(fixed_model=pipeline(max_iter=10_000).fit(X, y), X_train=X, y_train=y)
    assert big.outcome is Outcome.WRONG and "default max_iter" in big.message
    loose = ex03.q4.evaluate(fixed_model=pipeline(tol=1.0).fit(X, y), X_train=X, y_train=y)
    assert loose.outcome is Outcome.WRONG and "default tol" in loose.message
    starved = pipeline(max_iter=2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        starved.fit(X, y)
    result = ex03.q4.evaluate(fixed_model=starved, X_train=X, y_train=y)
    assert result.outcome is Outcome.WRONG and "default max_iter" in result.message


def test_q4_rejects_a_useless_step_without_leaking_the_warning(data, recwarn):
    import warnings

    from sklearn.preprocessing import FunctionTransformer
    X, y = data["X_train"], data["y_train"]
    identity = make_pipeline(FunctionTransformer(), LogisticRegression())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        identity.fit(X, y)
    result = ex03.q4.evaluate(fixed_model=identity, X_train=X, y_train=y)
    assert result.outcome is Outcome.WRONG and "does not converge" in result.message
    assert not [w for w in recwarn if "converge" in str(w.message)]

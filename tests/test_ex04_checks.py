"""The checks of exercise set 04 called directly: right answers pass, plausible wrong ones are
rejected with the intended message, placeholders are 'not attempted'."""

import numpy as np
import pytest
from sklearn.datasets import make_regression
from sklearn.linear_model import Lasso, Ridge, RidgeCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from paramlab import datasets
from paramlab.checks import ex04
from paramlab.grading.core import Outcome


def split(seed=0):
    X, y = make_regression(n_samples=150, n_features=40, n_informative=6, noise=40.0, random_state=0)
    parts = datasets.split(X, y, val_size=0.2, test_size=0.2, seed=seed)
    return {"X_train": parts.X_train, "y_train": parts.y_train, "X_val": parts.X_val,
            "y_val": parts.y_val, "X_test": parts.X_test, "y_test": parts.y_test}


@pytest.fixture(scope="module")
def data():
    return split()


def test_every_question_has_a_hint_and_a_title():
    assert len(ex04.SET.questions) >= 4
    for q in ex04.SET.questions.values():
        assert q.hint_text and q.title


def test_q1_accepts_the_closed_form_and_names_the_usual_slips(data):
    X, y = data["X_train"], data["y_train"]
    base = dict(X_train=X, y_train=y)
    d, n = X.shape[1], len(y)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    right = np.linalg.solve(Xc.T @ Xc + 10 * np.eye(d), Xc.T @ yc)
    assert ex04.q1.evaluate(w_ridge=right, **base).passed
    assert ex04.q1.evaluate(w_ridge=Ridge(alpha=10).fit(X, y).coef_, **base).passed
    uncentred = ex04.q1.evaluate(w_ridge=np.linalg.solve(X.T @ X + 10 * np.eye(d), X.T @ y), **base)
    assert uncentred.outcome is Outcome.WRONG and "without centring" in uncentred.message
    mean_form = ex04.q1.evaluate(w_ridge=np.linalg.solve(Xc.T @ Xc + n * 10 * np.eye(d), Xc.T @ yc), **base)
    assert "n times too strong" in mean_form.message
    ols = ex04.q1.evaluate(w_ridge=np.linalg.lstsq(Xc, yc, rcond=None)[0], **base)
    assert "unpenalized" in ols.message
    assert "one weight per feature" in ex04.q1.evaluate(w_ridge=right[:5], **base).message
    assert ex04.q1.evaluate(w_ridge=..., **base).outcome is Outcome.NOT_ATTEMPTED


def test_q2_accepts_the_counts_and_rejects_the_belief_that_ridge_zeroes_weights(data):
    X, y = data["X_train"], data["y_train"]
    base = dict(X_train=X, y_train=y)
    ridge = make_pipeline(StandardScaler(), Ridge(alpha=1000)).fit(X, y)[-1].coef_
    lasso = make_pipeline(StandardScaler(), Lasso(alpha=10, max_iter=10_000)).fit(X, y)[-1].coef_
    n_ridge, n_lasso = int(np.sum(ridge == 0)), int(np.sum(lasso == 0))
    assert n_ridge == 0 < n_lasso
    assert ex04.q2.evaluate(n_zero_ridge=n_ridge, n_zero_lasso=n_lasso, ridge_effect="none are zero", **base).passed
    belief = ex04.q2.evaluate(n_zero_ridge=n_ridge, n_zero_lasso=n_lasso, ridge_effect="some are zero", **base)
    assert belief.outcome is Outcome.WRONG and "does not agree with your own count" in belief.message
    tiny = ex04.q2.evaluate(n_zero_ridge=int(np.sum(np.abs(ridge) < 1)), n_zero_lasso=n_lasso,
                            ridge_effect="some are zero", **base)
    assert "not zero" in tiny.message
    nonzero = ex04.q2.evaluate(n_zero_ridge=40 - n_ridge, n_zero_lasso=40 - n_lasso,
                               ridge_effect="none are zero", **base)
    assert "non-zero" in nonzero.message


def best_alpha_on(data, X_eval, y_eval):
    scores = {a: make_pipeline(StandardScaler(), Lasso(alpha=a, max_iter=10_000))
              .fit(data["X_train"], data["y_train"]).score(X_eval, y_eval) for a in ex04.ALPHA_GRID}
    return max(scores, key=scores.get)


def test_q3_accepts_the_validation_choice_and_rejects_test_and_training_choices(data):
    on_val = best_alpha_on(data, data["X_val"], data["y_val"])
    on_test = best_alpha_on(data, data["X_test"], data["y_test"])
    on_train = best_alpha_on(data, data["X_train"], data["y_train"])
    assert len({on_val, on_test, on_train}) == 3, "the split must make each choice distinguishable"
    assert ex04.q3.evaluate(best_alpha=on_val, **data).passed
    assert "TEST part" in ex04.q3.evaluate(best_alpha=on_test, **data).message
    assert "TRAINING part" in ex04.q3.evaluate(best_alpha=on_train, **data).message
    assert "ALPHA_GRID" in ex04.q3.evaluate(best_alpha=7.0, **data).message


def test_q3_recomputes_from_the_learners_own_split():
    other = split(seed=5)
    assert ex04.q3.evaluate(best_alpha=best_alpha_on(other, other["X_val"], other["y_val"]), **other).passed


def test_q4_accepts_a_training_only_pipeline_and_rejects_the_leaky_fixes(data):
    X, y = data["X_train"], data["y_train"]
    base = dict(X_train=X, y_train=y)
    good = make_pipeline(StandardScaler(), RidgeCV(alphas=ex04.RIDGE_ALPHAS)).fit(X, y)
    assert ex04.q4.evaluate(fixed_model=good, alpha_learned=good[-1].alpha_, **base).passed
    X_all = np.vstack([X, data["X_val"], data["X_test"]])
    y_all = np.concatenate([y, data["y_val"], data["y_test"]])
    leaky = make_pipeline(StandardScaler(), RidgeCV(alphas=ex04.RIDGE_ALPHAS)).fit(X_all, y_all)
    leaked = ex04.q4.evaluate(fixed_model=leaky, alpha_learned=leaky[-1].alpha_, **base)
    assert leaked.outcome is Outcome.WRONG and "leak" in leaked.message
    bare = RidgeCV(alphas=ex04.RIDGE_ALPHAS).fit(X, y)
    assert "bare RidgeCV" in ex04.q4.evaluate(fixed_model=bare, alpha_learned=bare.alpha_, **base).message
    other_grid = make_pipeline(StandardScaler(), RidgeCV()).fit(X, y)
    assert "RIDGE_ALPHAS" in ex04.q4.evaluate(fixed_model=other_grid, alpha_learned=1.0, **base).message
    wrong_alpha = ex04.q4.evaluate(fixed_model=good, alpha_learned=good[-1].alpha_ * 10, **base)
    assert "alpha_learned" in wrong_alpha.message
    unfitted = make_pipeline(StandardScaler(), RidgeCV(alphas=ex04.RIDGE_ALPHAS))
    assert "not fitted" in ex04.q4.evaluate(fixed_model=unfitted, alpha_learned=1.0, **base).message

"""Attempts at exercise set 12 (evaluating honestly)."""

from __future__ import annotations

import functools

import numpy as np
from sklearn.datasets import load_iris
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import (GridSearchCV, GroupKFold, KFold, StratifiedKFold, TunedThresholdClassifierCV,
                                     cross_val_score)
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

from paramlab import inspection
from paramlab.checks import ex12

from attempts import pick, right, split, wrong

CS = list(ex12.CS)
PARTS = ("X_train", "y_train", "X_val", "y_val", "X_test", "y_test")


def logistic(C):
    return make_pipeline(StandardScaler(), LogisticRegression(C=C, solver="newton-cholesky"))


def best(scores: dict):
    return max(scores, key=scores.get)


def iris_search(cv):
    return GridSearchCV(SVC(kernel="rbf"), {"C": [1, 10, 100], "gamma": [0.01, 0.1]}, cv=cv)


@functools.cache
def data() -> dict:
    d = dict(split("breast_cancer"))
    X, y, Xv, yv, Xt, yt = (d[k] for k in PARTS)
    fitted = {C: logistic(C).fit(X, y) for C in CS}
    val = {C: m.score(Xv, yv) for C, m in fitted.items()}
    d["chosen_C"] = best(val)
    d["on_train"] = best({C: m.score(X, y) for C, m in fitted.items()})
    d["on_test"] = best({C: m.score(Xt, yt) for C, m in fitted.items()})
    assert len({d["chosen_C"], d["on_train"], d["on_test"], 1.0}) == 4
    X_both, y_both = np.vstack([X, Xv]), np.concatenate([y, yv])
    final = logistic(d["chosen_C"]).fit(X_both, y_both)
    d["test_score"] = final.score(Xt, yt)
    d["val_score"] = val[d["chosen_C"]]
    d["train_only"] = fitted[d["chosen_C"]].score(Xt, yt)
    d["final_on_its_rows"] = final.score(X_both, y_both)
    assert len({d["test_score"], d["val_score"], d["train_only"], d["final_on_its_rows"]}) == 4, \
        "the data must tell each test_score mistake apart"

    (Xf, yf), (Xc, yc), (Xn, yn) = ex12._coin_flip_data(0)
    knn = {k: KNeighborsClassifier(n_neighbors=k).fit(Xf, yf) for k in ex12.KS}
    check = {k: m.score(Xc, yc) for k, m in knn.items()}
    d["fresh"] = {k: m.score(Xn, yn) for k, m in knn.items()}
    d["check"], d["best_k"] = check, best(check)
    d["tied_k"] = [k for k in ex12.KS if check[k] == check[d["best_k"]]]
    d["on_fit"] = max(m.score(Xf, yf) for m in knn.values())
    assert check[d["best_k"]] > 0.5, "choosing by the check score should look better than chance"
    assert len(d["tied_k"]) > 1 and len({d["fresh"][k] for k in d["tied_k"]}) > 1, "seed 0 has a tie"
    assert max(d["fresh"].values()) not in {d["fresh"][k] for k in d["tied_k"]}

    X_iris, y_iris = load_iris(return_X_y=True)
    folds = KFold(n_splits=4, shuffle=True, random_state=0)
    search = iris_search(folds).fit(X_iris, y_iris)
    outer = cross_val_score(iris_search(folds), X_iris, y_iris, cv=folds)
    d["non_nested"], d["nested"], d["outer"] = search.best_score_, outer.mean(), outer
    d["refit_on_iris"] = search.score(X_iris, y_iris)
    d["grid_mean"] = float(np.mean(search.cv_results_["mean_test_score"]))
    d["outer_default"] = cross_val_score(iris_search(folds), X_iris, y_iris).mean()
    d["inner_default"] = cross_val_score(iris_search(5), X_iris, y_iris, cv=folds).mean()
    assert len({d["non_nested"], d["nested"], d["refit_on_iris"], d["grid_mean"], outer.std(), outer.max(),
                d["inner_default"]}) == 7

    rng = np.random.default_rng(0)
    X_noise, y_noise = rng.normal(size=(100, 1000)), rng.integers(0, 2, size=100)
    cv5 = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)

    def noise_scores(leaky, k=20, solver="liblinear", cv=cv5):
        selector, model = SelectKBest(f_classif, k=k), LogisticRegression(solver=solver)
        if leaky:
            return cross_val_score(model, selector.fit_transform(X_noise, y_noise), y_noise, cv=cv)
        return cross_val_score(make_pipeline(selector, model), X_noise, y_noise, cv=cv)

    d["noise"] = noise_scores
    selected = SelectKBest(f_classif, k=20).fit_transform(X_noise, y_noise)
    d["leaky_train"] = LogisticRegression(solver="liblinear").fit(selected, y_noise).score(selected, y_noise)
    d["leaky"], d["honest"] = noise_scores(True).mean(), noise_scores(False).mean()
    assert d["leaky"] > d["honest"] + 0.1, "selection before CV must look clearly better on noise"

    rng = np.random.default_rng(1)
    X_r, y_r = rng.normal(size=(200, 2)), rng.integers(0, 2, size=200)
    one_nn = KNeighborsClassifier(n_neighbors=1).fit(X_r, y_r)
    forty_nn = KNeighborsClassifier(n_neighbors=40).fit(X_r, y_r)
    d["n_values"] = inspection.count_learned_values(one_nn)
    assert d["n_values"] == inspection.count_learned_values(forty_nn) == X_r.size
    d["acc_1nn"], d["acc_40nn"] = one_nn.score(X_r, y_r), forty_nn.score(X_r, y_r)

    def tuned(X_fit, y_fit, response_method="auto"):
        return TunedThresholdClassifierCV(make_pipeline(StandardScaler(), LogisticRegression()),
                                          scoring="balanced_accuracy", cv=5,
                                          response_method=response_method).fit(X_fit, y_fit)

    d["tuned"] = tuned(X, y)
    d["threshold"] = float(d["tuned"].best_threshold_)
    d["threshold_logit"] = tuned(X, y, "decision_function").best_threshold_
    d["one_row"] = d["tuned"].estimator_.predict_proba(Xv[:1])[0, 1]
    d["threshold_train_val"] = tuned(X_both, y_both).best_threshold_
    assert len({round(v, 6) for v in (d["threshold"], 0.5, d["threshold_logit"], d["one_row"],
                                      d["threshold_train_val"], d["tuned"].best_score_)}) == 6

    X_g, y_g, groups = ex12._grouped_data(0)
    knn = KNeighborsClassifier(n_neighbors=1)
    d["kfold_folds"] = cross_val_score(knn, X_g, y_g, cv=KFold(5, shuffle=True, random_state=0))
    d["group_folds"] = cross_val_score(knn, X_g, y_g, cv=GroupKFold(5), groups=groups)
    d["default_folds"] = cross_val_score(knn, X_g, y_g, cv=5).mean()
    d["kfold"], d["group"] = d["kfold_folds"].mean(), d["group_folds"].mean()
    assert d["kfold"] > d["group"] + 0.3, "shuffled KFold must look clearly better than GroupKFold"
    return d


def q1(C, score=lambda d: d["test_score"]):
    return lambda d: {"chosen_C": C(d), "test_score": score(d), **pick(d, *PARTS)}


def q2(check, fresh):
    return lambda d: {"best_check_score": check(d), "fresh_score": fresh(d)}


def q3(non_nested, nested):
    return lambda d: {"non_nested_score": non_nested(d), "nested_score": nested(d)}


def q4(leaky, honest):
    return lambda d: {"leaky_score": leaky(d), "honest_score": honest(d)}


def q5(names):
    return lambda d: {"updated_by_descent": names}


def q6(n1=lambda d: d["n_values"], n40=lambda d: d["n_values"], a1=lambda d: d["acc_1nn"],
       a40=lambda d: d["acc_40nn"], label="1-NN"):
    return lambda d: {"n_values_1nn": n1(d), "n_values_40nn": n40(d), "train_accuracy_1nn": a1(d),
                      "train_accuracy_40nn": a40(d), "memorises_noise": label}


def q7(threshold):
    return lambda d: {"best_threshold": threshold(d), **pick(d, *PARTS)}


def q8(kfold, group):
    return lambda d: {"kfold_score": kfold(d), "group_score": group(d)}


def chosen(d):
    return d["chosen_C"]


def best_check(d):
    return d["check"][d["best_k"]]


def fresh_of_best(d):
    return d["fresh"][d["best_k"]]


ATTEMPTS = [
    right("q1", "the protocol, numbers as numpy floats",
          q1(lambda d: np.float64(d["chosen_C"]), lambda d: np.float64(d["test_score"]))),
    wrong("q1", "chose on the training part", q1(lambda d: d["on_train"]), "TRAINING part"),
    wrong("q1", "chose on the test part", q1(lambda d: d["on_test"]), "TEST part"),
    wrong("q1", "kept LogisticRegression's default", q1(lambda d: 1.0), "default"),
    wrong("q1", "a C outside the grid", q1(lambda d: 3.0), "one of the values in Cs"),
    wrong("q1", "C as text", q1(lambda d: str(d["chosen_C"])), "drop the quotes"),
    wrong("q1", "reported the validation score", q1(chosen, lambda d: d["val_score"]),
          "validation score of the winner"),
    wrong("q1", "did not refit on training plus validation", q1(chosen, lambda d: d["train_only"]),
          "training plus validation"),
    wrong("q1", "scored the final model on its own rows", q1(chosen, lambda d: d["final_on_its_rows"]),
          "rows it was fitted on"),
    wrong("q1", "reported the error rate", q1(chosen, lambda d: 1 - d["test_score"]), "error rate"),

    right("q2", "the first of the tied k", q2(best_check, fresh_of_best)),
    right("q2", "another of the tied k, as numpy floats",
          q2(lambda d: np.float64(d["check"][d["tied_k"][-1]]), lambda d: np.float64(d["fresh"][d["tied_k"][-1]]))),
    wrong("q2", "the mean check score", q2(lambda d: float(np.mean(list(d["check"].values()))), fresh_of_best),
          "not their mean"),
    wrong("q2", "scored on the fitting part", q2(lambda d: d["on_fit"], fresh_of_best),
          "rows the models were fitted on"),
    wrong("q2", "chose k again on the fresh part", q2(best_check, lambda d: max(d["fresh"].values())),
          "repeats the mistake"),
    wrong("q2", "reported the check score as fresh", q2(best_check, best_check), "check score again"),
    wrong("q2", "the mean fresh score of every k",
          q2(best_check, lambda d: float(np.mean(list(d["fresh"].values())))), "mean fresh score"),

    right("q3", "both scores as float32", q3(lambda d: np.float32(d["non_nested"]), lambda d: np.float32(d["nested"]))),
    wrong("q3", "swapped the scores", q3(lambda d: d["nested"], lambda d: d["non_nested"]), "non-nested one"),
    wrong("q3", "best_score_ for both", q3(lambda d: d["non_nested"], lambda d: d["non_nested"]),
          "non-nested search's best_score_"),
    wrong("q3", "the nested estimate for both", q3(lambda d: d["nested"], lambda d: d["nested"]), "nested estimate"),
    wrong("q3", "scored the refitted search on iris", q3(lambda d: d["refit_on_iris"], lambda d: d["nested"]),
          "rows it learned from"),
    wrong("q3", "averaged every setting", q3(lambda d: d["grid_mean"], lambda d: d["nested"]), "every setting"),
    wrong("q3", "the std of the outer scores", q3(lambda d: d["non_nested"], lambda d: d["outer"].std()), "std"),
    wrong("q3", "the best outer fold", q3(lambda d: d["non_nested"], lambda d: d["outer"].max()), "best outer fold"),
    wrong("q3", "outer folds left at the default", q3(lambda d: d["non_nested"], lambda d: d["outer_default"]),
          "pass cv=folds"),
    wrong("q3", "inner folds left at the default", q3(lambda d: d["non_nested"], lambda d: d["inner_default"]),
          "give it cv=folds"),
    wrong("q3", "all five outer scores", q3(lambda d: d["non_nested"], lambda d: d["outer"]), "single number"),

    right("q4", "the scores as float32", q4(lambda d: np.float32(d["leaky"]), lambda d: np.float32(d["honest"]))),
    right("q4", "the scores as one-element arrays",
          q4(lambda d: np.array([d["leaky"]]), lambda d: np.array([d["honest"]]))),
    wrong("q4", "swapped", q4(lambda d: d["honest"], lambda d: d["leaky"]), "which version"),
    wrong("q4", "the leaky std", q4(lambda d: d["noise"](True).std(), lambda d: d["honest"]), "std"),
    wrong("q4", "default folds", q4(lambda d: d["noise"](True, cv=5).mean(), lambda d: d["honest"]), "cv=cv5"),
    wrong("q4", "SelectKBest's default k", q4(lambda d: d["noise"](True, k=10).mean(), lambda d: d["honest"]),
          "k=20"),
    wrong("q4", "the default solver", q4(lambda d: d["noise"](True, solver="lbfgs").mean(), lambda d: d["honest"]),
          "liblinear"),
    wrong("q4", "scored the model on the rows it was fitted on", q4(lambda d: d["leaky_train"], lambda d: d["honest"]),
          "rows the model was fitted on"),
    wrong("q4", "selected before CV for both", q4(lambda d: d["leaky"], lambda d: d["leaky"]), "inside a pipeline"),
    wrong("q4", "the honest std", q4(lambda d: d["leaky"], lambda d: d["noise"](False).std()), "std"),
    wrong("q4", "a made-up honest score", q4(lambda d: d["leaky"], lambda d: 0.623),
          "honest_score is not the value computed"),
    wrong("q4", "honest with k=10", q4(lambda d: d["leaky"], lambda d: d["noise"](False, k=10).mean()), "k=20"),

    right("q5", "a list", q5(["w", "b"])),
    right("q5", "a tuple with spaces", q5((" b", "w "))),
    wrong("q5", "added the learning rate", q5({"w", "b", "lr"}), "only reads"),
    wrong("q5", "added the penalty", q5({"w", "b", "l2"}), "only reads"),
    wrong("q5", "added the number of steps", q5({"w", "n_steps"}), "only reads"),
    wrong("q5", "added the data", q5({"w", "b", "X"}), "only reads"),
    wrong("q5", "only the weights", q5({"w"}), "misses a name"),
    wrong("q5", "a name that is not a candidate", q5({"theta"}), "not a candidate"),
    wrong("q5", "a capital W", q5({"W", "b"}), "case-sensitive"),
    wrong("q5", "one string", q5("w, b"), "set of strings"),

    right("q6", "counts as floats, the label in lower case",
          q6(lambda d: float(d["n_values"]), lambda d: float(d["n_values"]), label="1-nn")),
    wrong("q6", "n_neighbors as the count", q6(n40=lambda d: 40), "hyperparameter, not a learned value"),
    wrong("q6", "counted rows", q6(n1=lambda d: 200), "number of rows"),
    wrong("q6", "the accuracies the other way round", q6(a1=lambda d: d["acc_40nn"], a40=lambda d: d["acc_1nn"]),
          "each other's"),
    wrong("q6", "an accuracy in percent", q6(a40=lambda d: 100 * d["acc_40nn"]), "between 0 and 1"),
    wrong("q6", "an accuracy not measured", q6(a40=lambda d: 0.5), "own training data"),
    wrong("q6", "the same, by the counts", q6(label="same"), "training accuracies you measured are not"),
    wrong("q6", "the smoother model", q6(label="40-NN"), "does not agree with the training accuracies"),
    wrong("q6", "a label that is not an option", q6(label="1NN"), "'1-NN', '40-NN' or 'same'"),

    right("q7", "the threshold as a float32", q7(lambda d: np.float32(d["threshold"]))),
    right("q7", "the threshold as a one-element array", q7(lambda d: np.array([d["threshold"]]))),
    wrong("q7", "kept the default 0.5", q7(lambda d: 0.5), "fixed threshold"),
    wrong("q7", "read predict_proba of one row", q7(lambda d: d["one_row"]), "one row"),
    wrong("q7", "tuned on the decision_function scale", q7(lambda d: d["threshold_logit"]),
          "decision_function scale"),
    wrong("q7", "turned the threshold into log-odds",
          q7(lambda d: np.log(d["threshold"] / (1 - d["threshold"]))), "log-odds"),
    wrong("q7", "stored best_score_", q7(lambda d: d["tuned"].best_score_), "best_score_"),
    wrong("q7", "tuned on training plus validation", q7(lambda d: d["threshold_train_val"]),
          "training part only"),
    wrong("q7", "the threshold as text", q7(lambda d: str(d["threshold"])), "drop the quotes"),

    right("q8", "the scores as float32", q8(lambda d: np.float32(d["kfold"]), lambda d: np.float32(d["group"]))),
    wrong("q8", "swapped", q8(lambda d: d["group"], lambda d: d["kfold"]), "swapped"),
    wrong("q8", "KFold for both", q8(lambda d: d["kfold"], lambda d: d["kfold"]), "KFold score again"),
    wrong("q8", "the std of the KFold scores", q8(lambda d: d["kfold_folds"].std(), lambda d: d["group"]), "std"),
    wrong("q8", "the std of the GroupKFold scores", q8(lambda d: d["kfold"], lambda d: d["group_folds"].std()),
          "std"),
    wrong("q8", "cross_val_score's default folds", q8(lambda d: d["default_folds"], lambda d: d["group"]),
          "default folds"),
    wrong("q8", "all five group scores", q8(lambda d: d["kfold"], lambda d: d["group_folds"]), "single number"),
]

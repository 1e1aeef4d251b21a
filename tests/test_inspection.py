import pytest
import torch
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression, RidgeCV
from sklearn.model_selection import GridSearchCV
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

from paramlab import datasets
from paramlab import inspection


@pytest.fixture(scope="module")
def data():
    d = datasets.load("breast_cancer")
    return d.X, d.y


def fitted_logreg(data):
    X, y = data
    return make_pipeline(StandardScaler(), LogisticRegression()).fit(X, y)


def test_hyperparameters_are_the_constructor_arguments():
    table = inspection.hyperparameters(LogisticRegression(C=0.5))
    values = dict(table.rows)
    assert values["C"] == 0.5
    assert set(values) == set(LogisticRegression().get_params())
    assert not any(name.endswith("_") for name in values)


def test_learned_parameters_of_a_linear_model_have_shapes_and_counts(data):
    X, y = data
    model = fitted_logreg(data)[-1]
    table = inspection.learned_parameters(model)
    rows = {r[0]: r for r in table.rows}
    assert rows["coef_"][2] == (1, X.shape[1]) and rows["coef_"][3] == X.shape[1]
    assert rows["intercept_"][3] == 1


def test_pipeline_lists_the_learned_values_of_each_step(data):
    names = inspection.learned_parameters(fitted_logreg(data)).column("learned")
    assert "standardscaler.mean_" in names
    assert "logisticregression.coef_" in names


def test_search_lists_its_own_and_its_best_estimators_learned_values(data):
    X, y = data
    search = GridSearchCV(DecisionTreeClassifier(random_state=0), {"max_depth": [1, 2]}, cv=3).fit(X, y)
    names = inspection.learned_parameters(search).column("learned")
    assert "best_params_" in names
    assert "best_estimator_.tree_" in names


def test_tree_and_forest_count_nodes(data):
    X, y = data
    tree = DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y)
    forest = RandomForestClassifier(n_estimators=5, max_depth=2, random_state=0).fit(X, y)
    assert inspection.count_learned_values(tree) >= tree.tree_.node_count
    per_tree = sum(t.tree_.node_count for t in forest.estimators_)
    assert inspection.count_learned_values(forest) >= per_tree
    assert "estimators_" in inspection.learned_names(forest)


def test_knn_learns_by_storing_the_data(data):
    X, y = data
    knn = KNeighborsClassifier().fit(X, y)
    assert inspection.stored_training_set(knn) == X.shape
    assert inspection.count_learned_values(knn) == X.size  # no other learned numbers
    shown = str(inspection.learned_parameters(knn))
    assert "n_samples_fit_ x n_features_in_" in shown and "_fit_X" not in shown


def test_the_public_counts_describe_what_scikit_learn_really_stores(data):
    """Loud when scikit-learn changes: the public n_samples_fit_ x n_features_in_ must be the private array."""
    X, y = data
    knn = KNeighborsClassifier().fit(X, y)
    assert knn._fit_X.shape == (knn.n_samples_fit_, knn.n_features_in_), \
        "scikit-learn changed how neighbours models store their training set: revisit stored_training_set"


def test_ridgecv_alpha_is_a_learned_attribute(data):
    X, y = data
    model = RidgeCV(alphas=[0.1, 1.0, 10.0]).fit(X, y)
    assert "alpha_" in inspection.learned_names(model)
    assert "alphas" in dict(inspection.hyperparameters(model).rows)


def test_unfitted_estimator_gets_a_clear_message():
    with pytest.raises(ValueError, match="not fitted yet"):
        inspection.learned_parameters(LogisticRegression())


def test_non_models_are_refused_clearly():
    with pytest.raises(TypeError, match="scikit-learn estimator or a torch.nn.Module"):
        inspection.learned_parameters([1, 2, 3])


def test_torch_module_parameters_use_out_in_shapes():
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(20, 64), torch.nn.ReLU(), torch.nn.Dropout(0.3),
                              torch.nn.Linear(64, 1))
    table = inspection.learned_parameters(net)
    shapes = {r[0]: r[2] for r in table.rows}
    assert shapes == {"0.weight": (64, 20), "0.bias": (64,), "3.weight": (1, 64), "3.bias": (1,)}
    assert inspection.count_learned_values(net) == 20 * 64 + 64 + 64 + 1 == 1409
    hyper = dict(inspection.hyperparameters(net).rows)
    assert hyper["0.in_features"] == 20 and hyper["2.p"] == 0.3


def test_side_by_side_has_one_row_per_model(data):
    X, y = data
    models = {"tree": DecisionTreeClassifier(max_depth=2, random_state=0).fit(X, y),
              "knn": KNeighborsClassifier().fit(X, y)}
    table = inspection.side_by_side(models)
    assert [r[0] for r in table.rows] == ["tree", "knn"]
    assert "<table" in table._repr_html_() and "tree" in str(table)


def test_table_cuts_long_cells_unless_asked_not_to():
    long = "x" * 100
    assert "..." in str(inspection.Table(("a",), [(long,)]))
    assert long in str(inspection.Table(("a",), [(long,)], max_chars=None))
    assert long in inspection.Table(("a",), [(long,)], max_chars=None)._repr_html_()


def test_a_tuple_of_numbers_holds_that_many_values_and_boosting_counts_no_init_flag():
    from sklearn.datasets import load_iris
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.svm import SVC

    X, y = load_iris(return_X_y=True)
    svc = SVC().fit(X, y)
    rows = {row[0]: row for row in inspection.learned_parameters(svc).rows}
    assert rows["shape_fit_"][2:] == ((2,), 2)
    assert "shape_fit_" in inspection.BOOKKEEPING
    boosting = GradientBoostingClassifier(n_estimators=3, max_depth=1, random_state=0).fit(X, y)
    nodes = sum(tree.tree_.node_count for tree in boosting.estimators_.ravel())
    assert inspection.count_learned_values(boosting) == nodes + 3  # the trees and the 3 class priors

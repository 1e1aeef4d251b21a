"""Values out of a learner's kernel, and only values: what paramlab.grading.capture reads and refuses."""

from __future__ import annotations

import base64
import os
import pickle
from unittest import mock

import numpy as np
import pytest
from sklearn.ensemble import GradientBoostingRegressor, HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

from paramlab import datasets
from paramlab.grading import capture

torch = pytest.importorskip("torch")


def through_the_kernel(values: dict) -> dict:
    """What the grader reads after the kernel ran capture.pack(values)."""
    shown = {}
    with mock.patch("IPython.display.display", lambda data, raw: shown.update(data)):
        capture.pack(values)
    return capture.unpack(shown[capture.MIME])


def raw(values) -> str:
    return base64.b64encode(pickle.dumps(values)).decode()


def test_every_kind_of_answer_the_sets_take_arrives_intact():
    data = datasets.load("breast_cancer")
    X, y = data.X, data.y
    values = {
        "numbers": (1, 0.5, np.float64(0.25), np.int64(3), np.float32(0.1), True, None, ...),
        "text": {"C", "max_iter"}, "nested": {"a": [1, 2], "b": frozenset({"x"})}, "array": X[:5],
        "pipeline": make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000)).fit(X, y),
        "knn": KNeighborsClassifier(algorithm="kd_tree").fit(X, y),
        "boosting": GradientBoostingRegressor(n_estimators=3, random_state=0).fit(X, y),
        "hist": HistGradientBoostingClassifier(max_iter=3, random_state=0).fit(X, y),
        "forest": RandomForestClassifier(n_estimators=2, random_state=np.random.RandomState(0)).fit(X, y),
        "svc": SVC().fit(X, y),
        "search": GridSearchCV(LogisticRegression(max_iter=3000), {"C": [0.1, 1]}, cv=2).fit(X[:120], y[:120]),
        "tensor": torch.tensor([1.0, 2.0], requires_grad=True), "rate": torch.tensor(0.1),
        "size": torch.Size([64, 20]), "dtype": torch.float32,
        "net": torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.ReLU(), torch.nn.BatchNorm1d(2)),
        "state": torch.nn.Linear(2, 1).state_dict(), "generator": np.random.default_rng(0),
    }
    back = through_the_kernel(values)
    assert set(back) == set(values)
    assert back["numbers"][:7] == values["numbers"][:7] and back["numbers"][7] is Ellipsis
    assert back["text"] == values["text"] and back["nested"] == values["nested"]
    np.testing.assert_array_equal(back["array"], values["array"])
    for name in ("pipeline", "knn", "boosting", "hist", "forest", "svc", "search"):
        np.testing.assert_array_equal(back[name].predict(X[:20]), values[name].predict(X[:20]))
    assert back["rate"].dtype == torch.float32 and back["rate"].item() == values["rate"].item()
    assert back["tensor"].requires_grad and back["size"] == torch.Size([64, 20]) and back["dtype"] is torch.float32
    assert isinstance(back["net"][0].weight, torch.nn.Parameter)
    assert [p.shape for p in back["net"].parameters()] == [p.shape for p in values["net"].parameters()]
    with torch.no_grad():
        sample = torch.ones(4, 3)
        assert torch.equal(back["net"].eval()(sample), values["net"].eval()(sample))
    assert back["generator"].random() == np.random.default_rng(0).random()


class RunsCode:
    def __reduce__(self):
        return (os.system, ("echo forged",))


class AlwaysEqual(int):
    def __eq__(self, other):
        return True

    __hash__ = int.__hash__


@pytest.mark.parametrize("payload, says", [
    (raw({"x": RunsCode()}), "posix.system"),
    (raw({"x": AlwaysEqual(0)}), "AlwaysEqual"),
    (raw({"x": torch.tensor([1.0])}), "torch._utils._rebuild_tensor_v2"),  # torch's own: an unrestricted load
    (raw({"x": np.memmap}), "numpy"),
    (raw([1, 2]), "grader's format"),
    ("not base64 at all!", "grader's format"),
    (base64.b64encode(b"\x80\x04garbage").decode(), "could not be read"),
])
def test_anything_but_values_is_refused_never_run(payload, says, capsys):
    with pytest.raises(capture.Refused, match=says.replace(".", r"\.")):
        capture.unpack(payload)
    assert "forged" not in capsys.readouterr().out


def test_dotted_names_that_reach_through_an_allowed_module_are_refused():
    dotted = pickle.dumps({"x": capture._Pickler.reducer_override}, protocol=4)  # "_Pickler.reducer_override"
    assert b"_Pickler.reducer_override" in dotted
    with pytest.raises(capture.Refused, match="does not read"):
        capture.unpack(base64.b64encode(dotted).decode())

import numpy as np
import pytest

from paramlab import datasets


@pytest.mark.parametrize("name", datasets.NAMES)
def test_every_dataset_loads_offline_and_is_deterministic(name):
    first, second = datasets.load(name), datasets.load(name)
    assert first.X.shape[0] == first.y.shape[0] > 0
    assert first.X.shape[1] == len(first.feature_names)
    np.testing.assert_array_equal(first.X, second.X)
    np.testing.assert_array_equal(first.y, second.y)


def test_generated_data_changes_with_the_seed():
    a = datasets.load("moons", seed=0)
    b = datasets.load("moons", seed=1)
    assert not np.array_equal(a.X, b.X)


def test_split_sizes_are_disjoint_and_reproducible():
    data = datasets.load("breast_cancer")
    one = datasets.split(data.X, data.y, val_size=0.2, test_size=0.2, seed=0)
    two = datasets.split(data.X, data.y, val_size=0.2, test_size=0.2, seed=0)
    sizes = one.sizes()
    assert sum(sizes.values()) == len(data.y)
    assert sizes["validation"] == pytest.approx(0.2 * len(data.y), abs=2)
    np.testing.assert_array_equal(one.X_test, two.X_test)
    rows = {tuple(r) for r in one.X_train}
    assert not rows & {tuple(r) for r in one.X_test}


def test_split_without_validation_part_has_an_empty_one():
    data = datasets.load("iris")
    parts = datasets.split(data.X, data.y, test_size=0.3)
    assert parts.sizes()["validation"] == 0


def test_unknown_dataset_names_the_choices():
    with pytest.raises(ValueError, match="breast_cancer"):
        datasets.load("titanic")


def test_impossible_split_fractions_are_refused():
    data = datasets.load("iris")
    with pytest.raises(ValueError, match="fractions"):
        datasets.split(data.X, data.y, val_size=0.6, test_size=0.5)

"""Offline, seeded data for the course.

Only data that ships inside scikit-learn (iris, wine, breast cancer, digits,
diabetes) or comes from its generators is used: nothing is downloaded, so
every chapter, exercise and test runs without a network and gives the same
numbers on every run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn import datasets as _sk
from sklearn.model_selection import train_test_split

__all__ = ["Dataset", "Split", "load", "split", "NAMES"]

DEFAULT_SEED = 0


@dataclass(frozen=True)
class Dataset:
    """Features ``X``, target ``y`` and the names of the features."""

    X: np.ndarray
    y: np.ndarray
    feature_names: tuple[str, ...]
    name: str

    @property
    def shape(self) -> tuple[int, int]:
        return self.X.shape  # type: ignore[return-value]


@dataclass(frozen=True)
class Split:
    """A train / validation / test split. ``X_val`` is empty when no validation part was asked for."""

    X_train: np.ndarray
    X_val: np.ndarray
    X_test: np.ndarray
    y_train: np.ndarray
    y_val: np.ndarray
    y_test: np.ndarray

    def sizes(self) -> dict[str, int]:
        return {"train": len(self.y_train), "validation": len(self.y_val), "test": len(self.y_test)}


def _bundled(loader, name: str) -> Dataset:
    bunch = loader()
    return Dataset(np.asarray(bunch.data, dtype=float), np.asarray(bunch.target),
                   tuple(str(f) for f in bunch.feature_names), name)


def _moons(n_samples: int, noise: float, seed: int) -> Dataset:
    X, y = _sk.make_moons(n_samples=n_samples, noise=noise, random_state=seed)
    return Dataset(X, y, ("x1", "x2"), "moons")


def _classification(n_samples: int, seed: int) -> Dataset:
    X, y = _sk.make_classification(n_samples=n_samples, n_features=10, n_informative=4,
                                   n_redundant=2, random_state=seed)
    return Dataset(X, y, tuple(f"x{i}" for i in range(10)), "classification")


def _regression(n_samples: int, seed: int) -> Dataset:
    X, y = _sk.make_regression(n_samples=n_samples, n_features=20, n_informative=8,
                               noise=10.0, random_state=seed)
    return Dataset(X, y, tuple(f"x{i}" for i in range(20)), "regression")


NAMES = ("iris", "wine", "breast_cancer", "digits", "diabetes", "moons", "classification", "regression")


def load(name: str, *, n_samples: int = 300, noise: float = 0.3, seed: int = DEFAULT_SEED) -> Dataset:
    """Load one of the course's data sets by name.

    Bundled sets (``iris``, ``wine``, ``breast_cancer``, ``digits``,
    ``diabetes``) ignore ``n_samples``, ``noise`` and ``seed``. Generated sets
    (``moons``: two interleaved half circles in 2-D; ``classification``: 10
    features, 4 informative; ``regression``: 20 features, 8 informative) are
    drawn with ``seed``, so the same call always returns the same arrays.
    """
    bundled = {
        "iris": _sk.load_iris,
        "wine": _sk.load_wine,
        "breast_cancer": _sk.load_breast_cancer,
        "digits": _sk.load_digits,
        "diabetes": _sk.load_diabetes,
    }
    if name in bundled:
        return _bundled(bundled[name], name)
    if name == "moons":
        return _moons(n_samples, noise, seed)
    if name == "classification":
        return _classification(n_samples, seed)
    if name == "regression":
        return _regression(n_samples, seed)
    raise ValueError(f"unknown data set {name!r}; choose one of: {', '.join(NAMES)}")


def split(X: np.ndarray, y: np.ndarray, *, val_size: float = 0.0, test_size: float = 0.25,
          seed: int = DEFAULT_SEED, stratify: bool = True) -> Split:
    """Split into train, validation and test parts, stratified for classification.

    ``val_size`` and ``test_size`` are fractions of the whole data set. The
    test part is cut first, then the validation part from what remains.
    """
    if not 0 <= val_size < 1 or not 0 < test_size < 1 or val_size + test_size >= 1:
        raise ValueError("val_size and test_size must be fractions that leave data to train on")
    classify = stratify and np.issubdtype(np.asarray(y).dtype, np.integer)
    X_rest, X_test, y_rest, y_test = train_test_split(
        X, y, test_size=test_size, random_state=seed, stratify=y if classify else None)
    if val_size == 0:
        empty_X = X_rest[:0]
        return Split(X_rest, empty_X, X_test, y_rest, y_rest[:0], y_test)
    X_train, X_val, y_train, y_val = train_test_split(
        X_rest, y_rest, test_size=val_size / (1 - test_size), random_state=seed,
        stratify=y_rest if classify else None)
    return Split(X_train, X_val, X_test, y_train, y_val, y_test)

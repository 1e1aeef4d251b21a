"""paramlab.glue must emit exactly what myst_nb.glue emits (the book's glue roles read it)."""

import numpy as np
import pytest

import paramlab.notebook


@pytest.mark.parametrize("value", [3, 0.123456, "text", np.float64(2.5), [1, 2]])
@pytest.mark.parametrize("display", [True, False])
def test_glue_matches_myst_nb(monkeypatch, value, display):
    import myst_nb.ext.glue as reference

    calls = {}
    monkeypatch.setattr(reference, "ipy_display", lambda *a, **k: calls.__setitem__("myst_nb", (a, k)))
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: calls.__setitem__("paramlab", (a, k)))
    reference.glue("name", value.item() if isinstance(value, np.generic) else value, display=display)
    paramlab.notebook.glue("name", value, display=display)
    assert calls["paramlab"] == calls["myst_nb"]


def test_a_numpy_scalar_is_glued_as_the_number_it_holds(monkeypatch):
    calls = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: calls.append(a[0]))
    paramlab.notebook.glue("x", np.float64(0.25), display=False)
    assert calls == [{"application/papermill.record/text/plain": "0.25"}]


def test_a_validation_curve_shades_two_standard_errors_of_each_accuracy_and_says_highest():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    import pytest

    from paramlab import noise, plots

    fig, ax = plt.subplots()
    plots.validation_curve([1, 2, 3], [0.9, 0.95, 1.0], [0.8, 0.9, 0.85], "max_depth", ax=ax,
                           best=2, n_val=100)
    band = ax.collections[0].get_paths()[0].vertices[:, 1]
    assert band.max() == pytest.approx(0.9 + 2 * noise.accuracy_se(0.9, 100))
    assert band.min() == pytest.approx(0.8 - 2 * noise.accuracy_se(0.8, 100))
    labels = ax.get_legend_handles_labels()[1]
    assert labels == ["train", "validation", "validation \u00b1 2 SE (100 rows)",
                      "highest validation accuracy: max_depth = 2"]
    with pytest.raises(ValueError, match="this curve shows R2"):
        plots.validation_curve([1, 2], [0.5, 0.6], [0.4, 0.5], "alpha", ax=ax, score="R2", n_val=50)
    plt.close(fig)
    assert np.isfinite(band).all()

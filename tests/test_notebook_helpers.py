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

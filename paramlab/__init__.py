"""paramlab: the helper package of the course on parameters vs hyperparameters.

Modules: ``datasets`` (offline, seeded data), ``inspection`` (set vs learned values
of any estimator or torch module), ``plots`` (the course style and recurring
figures), ``sliders`` (kernel-free hyperparameter sliders), ``grading`` and
``checks`` (graded exercises), ``notebook`` (``glue`` for numbers in prose),
``environment`` (the tested versions), ``setup_cell`` (the first cell of every
notebook), ``kernels`` (kernel start-up that cannot collide).
"""

from .environment import warn_if_untested
from .notebook import glue

warn_if_untested()  # one line on stderr when numpy, scikit-learn or torch is not the tested release

__all__ = ["glue"]
__version__ = "0.1.0"

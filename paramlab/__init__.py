"""paramlab: the helper package of the course on parameters vs hyperparameters.

Modules: ``datasets`` (offline, seeded data), ``inspect`` (set vs learned values
of any estimator or torch module), ``plots`` (the course style and recurring
figures), ``sliders`` (kernel-free hyperparameter sliders), ``grading`` and
``checks`` (graded exercises), ``notebook`` (``glue`` for numbers in prose).
"""

from .notebook import glue

__all__ = ["glue"]
__version__ = "0.1.0"

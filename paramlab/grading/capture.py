"""Carrying a learner's values out of their kernel, and only values.

When ``paramlab grade`` reaches a check cell it does not run the check in the
learner's kernel: it asks the kernel for the values the check names
(:func:`pack`, run there) and decides the verdict in the grading process
(:func:`unpack`, run here), where no learner code has run.

The values travel as a pickle, and a pickle can name any function to call
while it is read. :func:`unpack` therefore reads with an allow-list: the
builtin containers and numbers, ``...``, and the classes of numpy, scipy,
scikit-learn and ``torch.nn``, with the few reconstruction functions their
pickles use. Anything else (a class the notebook defines, a function such as
``os.system``) is refused with :class:`Refused`. Tensors travel as numpy
arrays (torch's own pickles load storages with an unrestricted ``torch.load``).
"""

from __future__ import annotations

import base64
import importlib
import io
import pickle
import sys
from typing import Any

__all__ = ["MIME", "Refused", "pack", "unpack"]

#: The output type carrying the values out of the kernel.
MIME = "application/x-paramlab-values"

_BUILTINS = {"set", "frozenset", "list", "dict", "tuple", "int", "float", "complex", "str", "bytes", "bytearray",
             "bool", "slice", "range", "object", "Ellipsis", "NotImplemented"}
_FUNCTIONS = {
    ("copyreg", "_reconstructor"),
    ("numpy._core.multiarray", "_reconstruct"), ("numpy._core.multiarray", "scalar"),
    ("numpy.core.multiarray", "_reconstruct"), ("numpy.core.multiarray", "scalar"),
    ("numpy.ma.core", "_mareconstruct"),
    ("numpy.random._pickle", "__generator_ctor"), ("numpy.random._pickle", "__randomstate_ctor"),
    ("numpy.random._pickle", "__bit_generator_ctor"),
    ("paramlab.grading.capture", "_tensor"),
}
_CLASS_MODULES = ("numpy", "scipy.sparse", "sklearn", "torch.nn.modules", "torch.nn.parameter", "collections")
_REFUSED_CLASSES = {("numpy", "memmap"), ("numpy._core.memmap", "memmap")}


class Refused(Exception):
    """The values hold something the grader does not read; the text says what."""


def _tensor(array: Any, parameter: bool, requires_grad: bool) -> Any:
    """A tensor (or parameter) rebuilt from the numpy array it travelled as."""
    import torch

    tensor = torch.from_numpy(array.copy())
    if parameter:
        return torch.nn.Parameter(tensor, requires_grad=requires_grad)
    return tensor.requires_grad_(requires_grad) if tensor.is_floating_point() else tensor


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        torch = sys.modules.get("torch")
        if torch is not None and isinstance(obj, torch.Tensor):
            detached = obj.detach().cpu()
            if detached.dtype == torch.bfloat16:
                detached = detached.float()
            return _tensor, (detached.numpy(), isinstance(obj, torch.nn.Parameter), bool(obj.requires_grad))
        return NotImplemented


def pack(values: dict[str, Any]) -> None:
    """Kernel side: display ``values`` as one output of type :data:`MIME` (nothing else is shown)."""
    from IPython.display import display

    buffer = io.BytesIO()
    _Pickler(buffer, protocol=4).dump(values)
    display({MIME: base64.b64encode(buffer.getvalue()).decode("ascii")}, raw=True)


def _allowed(module: str, name: str) -> Any:
    if "." in name:
        raise Refused(f"a value refers to {module}.{name}, which the grader does not read")
    if module == "builtins" and name in _BUILTINS:
        return getattr(__import__("builtins"), name)
    if (module, name) in _FUNCTIONS:
        return getattr(importlib.import_module(module), name)
    top = module.split(".")[0]
    if module.startswith(_CLASS_MODULES) or top == "torch":
        try:
            found = getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            raise Refused(f"a value refers to {module}.{name}, which does not exist here") from None
        if isinstance(found, type) and (module, name) not in _REFUSED_CLASSES and \
                (module.startswith(_CLASS_MODULES) or (module, name) in {("torch", "Size"), ("torch", "device")}):
            return found
        torch = sys.modules.get("torch")
        if torch is not None and module == "torch" and isinstance(found, torch.dtype):
            return found
        if name.startswith("__pyx_unpickle_") and module.startswith(("sklearn.", "numpy.")):
            return found  # Cython's generated state loaders of compiled classes
        if name == "newObj" and module.startswith("sklearn."):
            return found  # scikit-learn's Cython trees and metrics: newObj(cls) is cls.__new__(cls)
    raise Refused(f"a value is an object of {module}.{name}: the grader reads only numbers, strings, "
                  "collections, arrays, tensors and models of numpy, scikit-learn and torch.nn "
                  "(a class or function the notebook defines is not graded)")


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        return _allowed(module, name)

    def persistent_load(self, pid: Any) -> Any:
        raise Refused("the values hold a persistent reference, which the grader does not read")


def unpack(payload: str) -> dict[str, Any]:
    """Grading side: the values :func:`pack` displayed, read with the allow-list; Refused otherwise."""
    try:
        data = base64.b64decode(payload.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        raise Refused("the values did not arrive in the grader's format") from None
    try:
        values = _Unpickler(io.BytesIO(data)).load()
    except Refused:
        raise
    except Exception as error:  # noqa: BLE001 - a torn or crafted pickle
        raise Refused(f"the values could not be read ({type(error).__name__})") from None
    if not isinstance(values, dict) or not all(isinstance(k, str) for k in values):
        raise Refused("the values did not arrive in the grader's format")
    return values


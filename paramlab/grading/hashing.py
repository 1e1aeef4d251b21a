"""Discrete answers are stored as salted SHA-256 digests, never in plain text.

A learner (or anyone reading the package) sees only digests; a check hashes
the learner's answer the same way and compares digests. Answers are put in a
canonical form first, so ``{"C", "max_iter"}`` and ``["max_iter ", "c"]``
hash alike: case, surrounding spaces and order do not matter, unless the
answer is a name whose case matters (``exact_case=True``).

This is a deterrent against reading an answer off the page, not secrecy:
the salt is public, so anyone can hash each option of a question and compare.
The score that counts is the one a teacher's run computes.
"""

from __future__ import annotations

import hashlib
from typing import Any

__all__ = ["canonical", "digest"]


def canonical(answer: Any, exact_case: bool = False) -> str:
    """A stable text form of a discrete answer.

    Strings are stripped, lower-cased (unless ``exact_case``) and inner whitespace collapsed; sets,
    lists and tuples of strings become their sorted, de-duplicated canonical
    items joined by ``|``; integers and tuples of integers (shapes) keep their
    value. Anything else is rejected with ``TypeError``.
    """
    if isinstance(answer, bool):
        return str(answer).lower()
    if isinstance(answer, str):
        text = answer if exact_case else answer.lower()
        return " ".join(text.strip().split())
    if isinstance(answer, int) or (hasattr(answer, "dtype") and getattr(answer, "shape", None) == ()
                                   and str(answer.dtype).startswith(("int", "uint"))):
        return str(int(answer))
    if isinstance(answer, tuple) and answer and all(isinstance(v, int) for v in answer):
        return "(" + ",".join(str(v) for v in answer) + ")"
    if isinstance(answer, (set, frozenset, list, tuple)):
        items = []
        for item in answer:
            if not isinstance(item, str):
                raise TypeError(f"expected a collection of strings, found {type(item).__name__} {item!r}")
            items.append(canonical(item, exact_case))
        return "|".join(sorted(set(items)))
    raise TypeError(f"cannot compare an answer of type {type(answer).__name__}")


def digest(namespace: str, answer: Any, exact_case: bool = False) -> str:
    """The salted digest of ``answer``; ``namespace`` (e.g. ``"ex01.q2"``) is the salt."""
    return hashlib.sha256(f"paramlab|{namespace}|{canonical(answer, exact_case)}".encode()).hexdigest()

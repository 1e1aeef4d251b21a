"""Execute the book's notebooks two at a time into the build cache, before the build.

Jupyter Book v1 executes pages one after the other (Sphinx's parallel read is
refused by one of its extensions), so a cold build on two cores waits for
each kernel in turn. This step reads every page of the TOC exactly as myst-nb
does, executes the ones the cache does not hold yet in a pool of worker
processes, and stores the executed notebooks in the same jupyter-cache with
the same keys. The build that follows then finds every page cached.

It is only an accelerator: a page that fails here (a cell raises, or its kernel
does not start even on a second try) is reported and not cached, so the build
executes it again and reports a real failure with its usual warning (which
fails the build); prebuild itself exits 0. Kernels start through
:mod:`paramlab.kernels`, which cannot collide on ports.
Usage: ``python -m paramlab.prebuild [--workers N] [--root DIR]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml

from .book import myst_config, read_like_myst_nb, toc_sources


def _execute(job: tuple[str, dict, int]) -> tuple[str, dict | None, float, str | None]:
    """Execute one page; every failure (a cell, a kernel that never started) is returned, not raised."""
    import nbformat

    from .kernels import KernelStartFailed, execute_notebook

    path, nb_dict, timeout = job
    nb = nbformat.from_dict(nb_dict)
    start = time.perf_counter()
    try:
        result = execute_notebook(nb, cwd=str(Path(path).parent), timeout=timeout)
    except KernelStartFailed as error:
        return path, None, time.perf_counter() - start, f"its kernel did not start, twice: {error}"
    except Exception as error:  # noqa: BLE001 - prebuild is only an accelerator: never crash the build
        return path, None, time.perf_counter() - start, f"{type(error).__name__}: {error}"
    if result.err is not None:
        return path, None, result.time, f"{type(result.err).__name__}"
    return path, nb, result.time, None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="the book's folder (default: here); run the build from the same folder, since "
                             "Jupyter Book resolves the cache path of _config.yml against its working directory")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if not (root / "_toc.yml").exists():
        print(f"prebuild: {root} has no _toc.yml", file=sys.stderr)
        return 2

    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    execute = config.get("execute", {})
    if execute.get("execute_notebooks") != "cache":
        print("prebuild: execute_notebooks is not 'cache'; nothing to do")
        return 0
    cache = get_cache(str(root / execute.get("cache", "_build/.jupyter_cache")))
    timeout = int(execute.get("timeout", 120))
    md_config = myst_config(root)
    todo = []
    for path in toc_sources(root):
        nb = read_like_myst_nb(path, md_config)
        if nb is None:
            continue
        try:
            cache.match_cache_notebook(nb)
        except KeyError:
            todo.append((str(path), nb, timeout))
    if not todo:
        print("prebuild: every page is cached")
        return 0
    start = time.perf_counter()
    failed = []
    try:
        with ProcessPoolExecutor(max_workers=args.workers) as pool:
            for path, nb, seconds, error in pool.map(_execute, todo):
                name = Path(path).relative_to(root)
                if error:
                    failed.append(str(name))
                    print(f"prebuild: {name} failed ({error}); the build will run it and report why")
                    continue
                cache.cache_notebook_bundle(CacheBundleIn(nb, path, data={"execution_seconds": seconds}),
                                            check_validity=False, overwrite=True)
                print(f"prebuild: {name} executed in {seconds:.2f} s")
    except Exception as error:  # noqa: BLE001 - e.g. a worker was killed: the build executes what is left
        print(f"prebuild: stopped early ({type(error).__name__}: {error}); "
              "the build will execute the pages that are not cached")
        return 0
    print(f"prebuild: {len(todo) - len(failed)} of {len(todo)} pages executed with {args.workers} workers "
          f"in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

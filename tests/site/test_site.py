"""The built site as a reader meets it, in real headless Chromium (Debian's package).

Every page in _toc.yml is opened once from ``_build/html`` (built by ``make book``;
built here when it is missing), served on ``http://127.0.0.1:<port>`` by a
Python ``http.server`` thread. In that one visit, per page:

* no JavaScript console error and no uncaught page error (while loading, sliding,
  switching theme and resizing);
* no request leaves the site's origin (MathJax, fonts and scripts are local);
* MathJax typesets every formula (offline);
* every ``<img>``, slider frames included, has alt text that is not a file path;
* every internal link and ``#anchor`` resolves (the file exists, the id exists);
* code-cell outputs and figures are all there: the page shows as many outputs
  and images as the executed notebook (the build's jupyter-cache record) has;
* every slider moves with ArrowRight and with an ``input`` event (frame and label);
* after the theme's own switch turns dark mode on, every plot is an opaque light
  image or sits on a light background;
* at a 390 px wide viewport the page does not scroll sideways.

And for the site as a whole: ``index.html`` leads to the home page; the search
page finds ``max_depth``; a page of two sliders works with JavaScript and shows
the first frame and label without it (JavaScript off, or sanitized as in an
untrusted notebook); the timings appendix lists every executed notebook; no
page or stylesheet references a CDN or remote font; screenshots of the home
page, chapter 01 and its exercises at 1280 px (light and dark) and 390 px go to
``_build/screenshots/``.

Fixtures live in this module on purpose: a ``conftest.py`` here would replace
``tests/conftest.py`` in ``sys.modules['conftest']`` (both are imported under
that name), which breaks ``from conftest import ROOT`` in the other tests.
"""

from __future__ import annotations

import fcntl
import filecmp
import functools
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from paramlab.book import is_notebook_source, toc_documents

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "_build"
HTML = BUILD / "html"
SHOTS = BUILD / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
QUIET = 0.25  # seconds without network activity before a page counts as loaded
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}
SCREENSHOT_PAGES = ("book/01_parameters_vs_hyperparameters", "exercises/01_parameters_vs_hyperparameters")
PATH_LIKE = re.compile(r"(\.(png|jpe?g|gif|svg|webp)$)|(^(\.\./|\./|/|_images|_build|data:))|(^[\w.-]+/[\w./-]+$)",
                       re.IGNORECASE)

pytestmark = pytest.mark.slow


# --------------------------------------------------------------------------- the page list

PAGES = toc_documents(ROOT)  # every document in _toc.yml, in reading order


# --------------------------------------------------------------------------- fixtures

def _venv_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.setdefault("PYTHONHASHSEED", "0")
    return env


@pytest.fixture(scope="session")
def site() -> Path:
    """``_build/html`` with every TOC page; built here (as `make book` would) when missing or stale."""
    BUILD.mkdir(exist_ok=True)
    with open(BUILD / ".site-test.lock", "w") as lock:  # one build at a time (pytest-xdist)
        fcntl.flock(lock, fcntl.LOCK_EX)
        missing = _stale_pages()
        if missing:
            env = _venv_env()
            assets = subprocess.run([sys.executable, str(ROOT / "site" / "install_assets.py")],
                                    capture_output=True, text=True, env=env, cwd=ROOT)
            assert assets.returncode == 0, assets.stdout + assets.stderr
            jb = str(Path(sys.executable).with_name("jupyter-book"))
            run = subprocess.run([jb, "build", ".", "-W", "-n", "--keep-going"], capture_output=True,
                                 text=True, env=env, cwd=ROOT, timeout=900)
            log = run.stdout + run.stderr
            assert run.returncode == 0, f"the book did not build (missing pages {missing}):\n{log[-4000:]}"
    still = _stale_pages()
    assert not still, f"the build did not produce, or left stale, {still}"
    return HTML


def _stale_pages() -> list[str]:
    """Pages whose HTML is missing or older than their source; every page when the site's static
    files (the offline MathJax among them) are missing from the build or differ from ``site/_static``.

    A build that was killed half-way leaves pages behind with an incomplete ``_static``: testing
    that site would report its damage as the course's.
    """
    static = ROOT / "site" / "_static"
    for source in (f for f in static.rglob("*") if f.is_file()):
        copy = HTML / "_static" / source.relative_to(static)
        if not copy.is_file() or not filecmp.cmp(source, copy, shallow=False):
            return list(PAGES)
    stale = []
    for page in PAGES:  # .ipynb pairs are excluded from the build: the .md is the source
        html_file, source = HTML / f"{page}.html", ROOT / f"{page}.md"
        if not html_file.exists() or (source.exists() and html_file.stat().st_mtime < source.stat().st_mtime):
            stale.append(page)
    return stale


class _QuietHandler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: one connection serves many files

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


@pytest.fixture(scope="session")
def origin(site: Path):
    """The built site served on 127.0.0.1 by a Python http.server thread."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _ensure_chromium() -> str:
    if not Path(CHROMIUM).exists() and shutil.which("apt-get") and os.geteuid() == 0:
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], capture_output=True, env=env, timeout=600)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], capture_output=True, env=env,
                       timeout=900)
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing and could not be installed: run `apt-get install -y chromium` "
                    "(Debian's package; the tests never download a browser)")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = _ensure_chromium()
    playwright = sync_api.sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()


# --------------------------------------------------------------------------- one visit per page

@dataclass
class Visit:
    page: str
    url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    dom_ids: set[str] = field(default_factory=set)
    outputs: int = 0
    output_images: int = 0
    math: int = 0
    math_typeset: int = 0
    mathjax: str = ""
    theme: str = ""
    legibility: list[dict] = field(default_factory=list)
    widths: tuple[int, int] = (0, 0)
    too_wide: list[str] = field(default_factory=list)
    scrolling_code: list[str] = field(default_factory=list)
    sliders: int = 0
    slider_failures: list[str] = field(default_factory=list)


# Code cells whose input needs a horizontal scroll bar (at the viewport in use): their longest line.
SCROLLING_CODE = """() => Array.from(document.querySelectorAll('div.cell_input pre'))
  .filter(e => e.scrollWidth > e.clientWidth + 1)
  .map(e => e.innerText.split('\\n').reduce((a, b) => (b.length > a.length ? b : a), ''))"""

WAIT_FOR_MATHJAX = """async () => {
  if (!document.querySelector('.math')) { return 'no math'; }
  for (let i = 0; i < 200 && !(window.MathJax && MathJax.startup && MathJax.startup.promise); i++) {
    await new Promise(r => setTimeout(r, 50));
  }
  if (!(window.MathJax && MathJax.startup && MathJax.startup.promise)) { return 'MathJax did not load'; }
  await MathJax.startup.promise;
  return 'typeset';
}"""

COLLECT = """() => {
  const outputs = [...document.querySelectorAll('.cell_output')].filter(e => e.children.length > 0);
  return {
    images: [...document.querySelectorAll('img')].map(img => ({
      alt: img.getAttribute('alt'), src: (img.getAttribute('src') || '').slice(0, 80),
      slider: !!img.closest('.paramlab-slider')})),
    links: [...document.querySelectorAll('a[href]')].map(a => a.href),
    ids: [...document.querySelectorAll('[id]')].map(e => e.id),
    outputs: outputs.length,
    // a slider's script adds one "view" image to the frames it was given: count the frames
    outputImages: outputs.reduce((n, e) => n + e.querySelectorAll('img:not([data-role="view"])').length, 0),
    math: document.querySelectorAll('.math').length,
    mathTypeset: [...document.querySelectorAll('.math')].filter(e => e.querySelector('mjx-container')).length,
  };
}"""


def open_page(browser, url: str, *, viewport=DESKTOP, dark: bool = False, javascript: bool = True):
    """A fresh context and page, recording console errors, page errors and every request."""
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
    if dark:
        # pydata-sphinx-theme keeps the reader's choice in 'mode' and the resolved theme in 'theme'
        context.add_init_script("try { localStorage.setItem('mode', 'dark'); "
                                "localStorage.setItem('theme', 'dark'); } catch (e) {}")
    record = {"console": [], "errors": [], "requests": []}
    pending: set = set()
    last = [time.monotonic()]

    def started(request):
        record["requests"].append(request.url)
        pending.add(request)
        last[0] = time.monotonic()

    def ended(request):
        pending.discard(request)
        last[0] = time.monotonic()

    context.on("request", started)
    context.on("requestfinished", ended)
    context.on("requestfailed", ended)
    page = context.new_page()
    page.on("console", lambda msg: msg.type == "error" and record["console"].append(
        f"{msg.text} @ {msg.location.get('url', '')}:{msg.location.get('lineNumber', '')}"))
    page.on("pageerror", lambda exc: record["errors"].append(str(exc)))
    page.goto(url, wait_until="load")
    record["mathjax"] = page.evaluate(WAIT_FOR_MATHJAX) if javascript else ""
    # quiet network: nothing in flight and nothing new for QUIET seconds (what the
    # page requests late, e.g. MathJax fonts, is recorded too)
    deadline = time.monotonic() + 10
    while (pending or time.monotonic() - last[0] < QUIET) and time.monotonic() < deadline:
        page.wait_for_timeout(40)
    return context, page, record


LEGIBILITY = """async () => {
  const imgs = [...document.querySelectorAll('.cell_output img, figure img, .paramlab-slider img')];
  const lum = (r, g, b) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const parseColor = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const results = [];
  for (const img of imgs) {
    // decode a copy: lazy frames (in a closed <details>) may not have loaded yet
    const probe = new Image();
    probe.src = img.currentSrc || img.src;
    try { await probe.decode(); } catch (e) { results.push({alt: img.alt, ok: false, error: String(e)}); continue; }
    const canvas = document.createElement('canvas');
    canvas.width = probe.naturalWidth; canvas.height = probe.naturalHeight;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(probe, 0, 0);
    const corners = [[1, 1], [canvas.width - 2, 1], [1, canvas.height - 2], [canvas.width - 2, canvas.height - 2]];
    const pixels = corners.map(([x, y]) => [...ctx.getImageData(x, y, 1, 1).data]);
    const opaqueLight = pixels.every(p => p[3] === 255 && lum(p[0], p[1], p[2]) >= 200);
    let behind = null;
    for (let el = img; el; el = el.parentElement) {
      const c = parseColor(getComputedStyle(el).backgroundColor);
      if (c.length >= 3 && (c.length === 3 || c[3] > 0)) { behind = c; break; }
    }
    const behindLight = !!behind && lum(behind[0], behind[1], behind[2]) >= 200;
    results.push({alt: (img.alt || '').slice(0, 60), pixels, behind, ok: opaqueLight || behindLight});
  }
  return {theme: document.documentElement.dataset.theme, results};
}"""


PHONE_WIDTHS = """() => {
  const W = document.documentElement.clientWidth;
  const culprits = [];
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.right <= W + 1 || getComputedStyle(e).position === 'fixed') { continue; }
    let clipped = false;  // inside a scroll box (code, wide tables) is fine
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.position === 'fixed' || (s.overflowX !== 'visible' && a.getBoundingClientRect().right <= W + 1)) {
        clipped = true; break;
      }
    }
    if (!clipped) {
      culprits.push(`${e.tagName}.${String(e.className).split(' ')[0]}: ${(e.textContent || '').trim().slice(0, 40)}`);
    }
  }
  return {widths: [document.documentElement.scrollWidth, W], culprits: culprits.slice(0, 5)};
}"""

SWITCH_TO_DARK = """async () => {
  // the theme's own switch (it cycles auto -> light -> dark); attributes as a fallback
  const button = document.querySelector('.theme-switch-button');
  for (let i = 0; i < 3 && button && document.documentElement.dataset.theme !== 'dark'; i++) {
    button.click();
    await new Promise(r => setTimeout(r, 30));
  }
  return document.documentElement.dataset.theme;
}"""


@pytest.fixture(scope="session")
def visits(browser, origin):
    """Each TOC page opened once; the per-page tests below read what was seen.

    In one visit: at 1280 px in the light theme, what the page loaded and shows;
    then the sliders are moved; then the theme's switch turns dark mode on and the
    plots' backgrounds are read; then the viewport narrows to 390 px.
    """
    cache: dict[str, Visit] = {}

    def visit(name: str) -> Visit:
        if name not in cache:
            try:
                cache[name] = _visit(name)
            except Exception as exc:  # remembered: the other tests of this page fail without a new visit
                cache[name] = exc
        if isinstance(cache[name], Exception):
            raise cache[name]
        return cache[name]

    def _visit(name: str) -> Visit:
        url = f"{origin}/{name}.html"
        context, page, record = open_page(browser, url)
        try:
            seen = page.evaluate(COLLECT)
            result = Visit(name, url, record["console"], record["errors"], record["requests"],
                           seen["images"], seen["links"], set(seen["ids"]), seen["outputs"],
                           seen["outputImages"], seen["math"], seen["mathTypeset"], record["mathjax"])
            roots = page.locator(".paramlab-slider").element_handles()
            result.sliders = len(roots)
            for k, root in enumerate(roots):
                try:
                    root.scroll_into_view_if_needed()
                    check_slider_moves(page, root)
                except Exception as exc:  # an assertion, or a slider whose parts are missing
                    result.slider_failures.append(f"slider {k}: {type(exc).__name__}: {exc}")
            result.scrolling_code = page.evaluate(SCROLLING_CODE)  # at DESKTOP, 1280 px
            result.theme = page.evaluate(SWITCH_TO_DARK)
            result.legibility = page.evaluate(LEGIBILITY)["results"]
            page.set_viewport_size(MOBILE)
            phone = page.evaluate(PHONE_WIDTHS)
            result.widths, result.too_wide = tuple(phone["widths"]), phone["culprits"]
            # anything that went wrong while sliding, switching or resizing counts too
            result.console_errors, result.page_errors = record["console"], record["errors"]
            result.requests = record["requests"]
        finally:
            context.close()
        return result

    return visit


# --------------------------------------------------------------------------- helpers

class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key in ("id", "name") and value:
                self.ids.add(value)


@functools.lru_cache(maxsize=None)
def ids_in(path: Path) -> frozenset[str]:
    parser = _Ids()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return frozenset(parser.ids)


def is_path_like(alt: str) -> bool:
    return bool(PATH_LIKE.search(alt.strip())) and " " not in alt.strip()


def _source_notebook(page: str):
    """The page's source as a notebook (MyST markdown through jupytext), or None for plain pages."""
    import jupytext

    source = ROOT / f"{page}.md"
    return jupytext.read(source) if source.exists() and is_notebook_source(source) else None


def executed_notebook(page: str):
    """The executed notebook the build rendered, from jupyter-cache (the build's own record).

    myst-nb's copy in _build/jupyter_execute is written without the cached outputs in
    cache mode, so the cache is the faithful record of what the page should show.
    """
    from jupyter_cache import get_cache

    source = _source_notebook(page)
    if source is None:
        return None, None
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    cache_dir = ROOT / (config.get("execute", {}).get("cache") or "_build/.jupyter_cache")
    if not cache_dir.exists():
        return source, None
    cache = get_cache(cache_dir)
    try:
        record = cache.match_cache_notebook(source)
    except KeyError:
        return source, None
    return source, cache.get_cache_bundle(record.pk).nb


PRIORITY = ("application/vnd.jupyter.widget-view+json", "application/javascript", "text/html",
            "image/svg+xml", "image/png", "image/gif", "image/jpeg", "text/markdown", "text/latex",
            "text/plain")


def expected_outputs(page: str) -> tuple[int, int, bool] | None:
    """(code cells with visible output, images in them, exact?) for a notebook page, else None.

    Exact counts come from the executed notebook; without one, a lower bound from the
    source: every code cell that calls plt.show() or declares an image must show one.
    """
    source, executed = executed_notebook(page)
    if source is None:
        return None
    tagged = [c.get("metadata", {}).get("tags", []) for c in source.cells if c.cell_type == "code"]
    if executed is None:
        figures = sum(1 for c in source.cells if c.cell_type == "code" and (
            "plt.show()" in c.source or "image" in c.get("metadata", {}).get("mystnb", {}))
            and not {"remove-output", "remove-cell"} & set(c.get("metadata", {}).get("tags", [])))
        return figures, figures, False
    cells = images = 0
    code = [c for c in executed.cells if c.cell_type == "code"]
    for cell, tags in zip(code, tagged, strict=True):
        if "remove-output" in tags or "remove-cell" in tags:
            continue
        shown = 0
        for out in cell.get("outputs", []):
            if out["output_type"] == "stream":
                shown += bool("".join(out.get("text", "")))
                continue
            if out["output_type"] == "error":
                shown += 1
                continue
            mime = next((m for m in PRIORITY if m in out.get("data", {})), None)
            if mime is None:  # e.g. glue(..., display=False): stored, not shown
                continue
            shown += 1
            data = out["data"][mime]
            data = "".join(data) if isinstance(data, list) else data
            if mime.startswith("image/"):
                images += 1
            elif mime == "text/html":
                images += len(re.findall(r"<img\b", data))
        cells += shown > 0
    return cells, images, True


def source_images(page: str) -> int | None:
    """Images a plain markdown page asks for (figure/image directives, ![]()), or None for notebooks."""
    source = ROOT / f"{page}.md"
    if not source.exists() or _source_notebook(page) is not None:
        return None
    text = source.read_text()
    return len(re.findall(r"^\s*[`:]{3,}\{(?:figure|image)\}", text, re.M)) + len(re.findall(r"!\[", text))


def same_origin(url: str, origin: str) -> bool:
    return url.startswith(origin + "/") or url == origin or url.split(":", 1)[0] in ("data", "blob", "about")


# --------------------------------------------------------------------------- per page

@pytest.mark.parametrize("page", PAGES)
def test_no_console_or_page_errors(visits, page):
    seen = visits(page)
    errors, console = seen.page_errors, seen.console_errors
    assert not errors, f"{page}: uncaught errors {errors}"
    assert not console, f"{page}: console errors {console}"


@pytest.mark.parametrize("page", PAGES)
def test_no_request_leaves_the_site(visits, origin, page):
    requests = visits(page).requests
    assert requests, "no request was recorded at all"
    outside = [u for u in requests if not same_origin(u, origin)]
    assert not outside, f"{page} asked other servers for {outside}"


@pytest.mark.parametrize("page", PAGES)
def test_math_is_typeset_offline(visits, origin, page):
    seen = visits(page)
    math, typeset, requests = seen.math, seen.math_typeset, seen.requests
    assert seen.mathjax in ("no math", "typeset"), f"{page}: {seen.mathjax}"
    assert typeset == math, f"{page}: {math - typeset} of {math} formulas not typeset"
    if math:
        assert any(u.startswith(f"{origin}/_static/mathjax/tex-mml-chtml.js") for u in requests)
        assert any("/_static/mathjax/output/chtml/fonts/" in u for u in requests), "MathJax fonts not local"


@pytest.mark.parametrize("page", PAGES)
def test_every_image_has_descriptive_alt_text(visits, page):
    images = visits(page).images
    bad = [img for img in images if not (img["alt"] or "").strip() or is_path_like(img["alt"])]
    assert not bad, f"{page}: images without a real description: {bad}"


@pytest.mark.parametrize("page", PAGES)
def test_internal_links_and_anchors_resolve(visits, origin, site, page):
    seen = visits(page)
    broken = []
    for href in seen.links:
        if not href.startswith(origin + "/"):
            continue  # launch buttons, the repository: links out are fine, requests are not
        parts = urlsplit(href)
        rel = unquote(parts.path).lstrip("/")
        target = site / rel
        if rel == "" or rel.endswith("/"):
            target = target / "index.html"
        if not target.is_file():
            broken.append(f"{href} (no file {target.relative_to(site)})")
            continue
        if parts.fragment and target.suffix == ".html":
            fragment = unquote(parts.fragment)
            here = target == site / f"{page}.html"
            if fragment not in ids_in(target) and not (here and fragment in seen.dom_ids):
                broken.append(f"{href} (no id {fragment!r} in {target.relative_to(site)})")
    assert not broken, f"{page}: broken internal links:\n" + "\n".join(broken)


@pytest.mark.parametrize("page", PAGES)
def test_code_outputs_and_figures_are_all_shown(visits, page):
    seen = visits(page)
    expected = expected_outputs(page)
    if expected is None:
        wanted = source_images(page)
        if wanted is not None:
            article_images = [i for i in seen.images if not i["src"].startswith("../_static/images/logo_")]
            assert len(article_images) >= wanted, f"{page}: {wanted} images in the source, {len(article_images)} shown"
        return
    cells, images, exact = expected
    shown = (seen.outputs, seen.output_images)
    if exact:
        assert shown == (cells, images), (
            f"{page}: the executed notebook has {cells} cells with output and {images} images; "
            f"the page shows {shown[0]} outputs and {shown[1]} images")
    else:
        assert shown[1] >= images, f"{page}: {images} figure cells in the source, {shown[1]} images shown"


@pytest.mark.parametrize("page", PAGES)
def test_no_horizontal_scroll_on_a_phone(visits, page):
    seen = visits(page)
    (scroll, client), culprits = seen.widths, seen.too_wide
    assert scroll <= client, f"{page}: at 390 px scrollWidth {scroll} > clientWidth {client}; too wide: {culprits}"


@pytest.mark.parametrize("page", PAGES)
def test_code_fits_the_page_at_1280_px(visits, page):
    """Every code cell reads without a horizontal scroll bar on a 1280 px screen (lines of 88 characters fit)."""
    seen = visits(page)
    assert not seen.scrolling_code, (f"{page}: {len(seen.scrolling_code)} code cells scroll sideways at 1280 px; "
                                     f"longest lines: {[line[:100] for line in seen.scrolling_code[:3]]}")


@pytest.mark.parametrize("page", PAGES)
def test_plots_stay_legible_in_dark_mode(visits, page):
    seen = visits(page)
    theme, results = seen.theme, seen.legibility
    assert theme == "dark", f"{page}: the theme switch did not reach dark mode ({theme!r})"
    bad = [r for r in results if not r["ok"]]
    assert not bad, f"{page}: plots on a dark background: {bad}"


def test_screenshots_desktop_and_phone(browser, origin):
    SHOTS.mkdir(parents=True, exist_ok=True)
    wanted = [PAGES[0], *[p for p in SCREENSHOT_PAGES if p in PAGES]]
    written = []
    for page in wanted:
        for label, viewport, dark in (("1280", DESKTOP, False), ("390", MOBILE, False), ("1280-dark", DESKTOP, True)):
            context, tab, _ = open_page(browser, f"{origin}/{page}.html", viewport=viewport, dark=dark)
            path = SHOTS / f"{page.replace('/', '__')}-{label}.png"
            tab.screenshot(path=str(path), full_page=not dark)  # dark: the first screen is enough
            context.close()
            assert path.stat().st_size > 10_000, path
            written.append(path.name)
    assert len(written) == 3 * len(wanted)


# --------------------------------------------------------------------------- the site as a whole

def test_index_leads_to_the_home_page(browser, origin):
    context = browser.new_context(viewport=DESKTOP)
    try:
        tab = context.new_page()
        tab.goto(f"{origin}/index.html", wait_until="commit")  # a meta refresh follows
        tab.wait_for_url(f"**/{PAGES[0]}.html", timeout=10_000)
        tab.wait_for_load_state("load")
        assert tab.locator("h1").first.inner_text().strip()
    finally:
        context.close()


def test_search_finds_max_depth(browser, origin):
    context, tab, record = open_page(browser, f"{origin}/search.html?q=max_depth")
    try:
        tab.wait_for_selector("#search-results ul.search li", timeout=15_000)
        results = tab.locator("#search-results ul.search li")
        assert results.count() >= 1
        assert not record["errors"] and not record["console"], record
        assert all(same_origin(u, origin) for u in record["requests"])
    finally:
        context.close()


def test_timings_appendix_lists_every_executed_notebook(site):
    timings = [p for p in PAGES if p.endswith("timings")]
    assert timings, "the timings appendix is not in _toc.yml"
    html = (site / f"{timings[0]}.html").read_text()
    table = html[html.index("<table"): html.index("</table>")]
    executed = [p for p in PAGES if _source_notebook(p) is not None]
    assert executed
    for page in executed:
        assert f">{page}</span>" in table, f"{page} is missing from the timings table"
    assert re.search(r"<td><p>\d+\.\d+</p></td>", table), "no run time in the table"


def test_pages_reference_no_cdn_or_remote_font(site):
    """Static check: scripts, styles and fonts the pages and their CSS load are all local files."""
    remote = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=["'](?:https?:)?//""", re.I)
    css_remote = re.compile(r"""(?:@import|url\()\s*["']?(?:https?:)?//""", re.I)
    problems = []
    for page in [*PAGES, "search", "genindex"]:
        html = (site / f"{page}.html").read_text()
        for match in remote.finditer(html):
            tag = html[match.start(): html.index(">", match.start()) + 1]
            if "<link" in tag and re.search(r'rel="(?:canonical|alternate)"', tag):
                continue
            problems.append(f"{page}: {tag[:160]}")
    for css in (site / "_static").rglob("*.css"):
        if css_remote.search(css.read_text(errors="replace")):
            problems.append(f"{css.relative_to(site)} loads a remote file")
    assert not any("googleapis" in p or "gstatic" in p for p in problems)
    assert not problems, "\n".join(problems)
    assert (site / "_static" / "mathjax" / "tex-mml-chtml.js").is_file()


# --------------------------------------------------------------------------- sliders

SLIDER_STATE = """root => {
  const view = root.querySelector('img[data-role="view"]');
  const input = root.querySelector('input[type=range]');
  return {src: view.getAttribute('src'), alt: view.getAttribute('alt'),
          label: root.querySelector('output').textContent, value: input.value,
          valuetext: input.getAttribute('aria-valuetext'),
          controlsVisible: root.querySelector('[data-role=controls]').offsetParent !== null,
          frames: [...root.querySelectorAll('img[data-frame]')].map(i => i.getAttribute('data-label'))};
}"""

SET_VALUE = """([root, k]) => {
  const input = root.querySelector('input[type=range]');
  input.value = String(k);
  input.dispatchEvent(new Event('input', {bubbles: true}));
}"""


def check_slider_moves(tab, root) -> None:
    """Keyboard ArrowRight and a programmatic input event both change the shown frame and label."""
    start = root.evaluate(SLIDER_STATE)
    assert start["controlsVisible"], "the slider's controls are hidden although JavaScript runs"
    assert start["label"] == start["valuetext"] == start["frames"][0]
    tab.locator(f"#{root.get_attribute('id')} input[type=range]").focus()
    tab.keyboard.press("ArrowRight")
    moved = root.evaluate(SLIDER_STATE)
    assert moved["value"] == "1"
    assert moved["src"] != start["src"] and moved["alt"] != start["alt"]
    assert moved["label"] == moved["valuetext"] == start["frames"][1] != start["label"]
    target = len(start["frames"]) - 1 if len(start["frames"]) > 2 else 0  # somewhere other than frame 1
    tab.evaluate(SET_VALUE, [root, target])
    final = root.evaluate(SLIDER_STATE)
    expected_src = root.evaluate("(r, k) => r.querySelector(`img[data-frame=\"${k}\"]`).getAttribute('src')",
                                 target)
    assert final["value"] == str(target)
    assert final["label"] == final["valuetext"] == start["frames"][target]
    assert final["src"] == expected_src, "the shown image is not the frame for the slider's value"
    assert final["src"] != moved["src"]


def slider_page_html() -> str:
    import numpy as np

    from paramlab.sliders import slider

    def draw(power, ax):
        x = np.linspace(0, 1, 30)
        ax.plot(x, x ** power)
        ax.set_title(f"y = x^{power}")

    first = slider(draw, [1, 2, 3, 4], name="power", alt="Curve of y equal to x to the power {value}.")
    second = slider(draw, [0.5, 1.5], name="exponent", alt="Curve for exponent {value}.")
    return ("<!doctype html><html lang=en><head><meta charset=utf-8><title>sliders</title></head><body>"
            f"{first._repr_html_()}{second._repr_html_()}</body></html>")


def sanitized(html: str) -> str:
    """Roughly what JupyterLab's sanitizer leaves of an untrusted output: no scripts, no
    inline handlers, no data-* attributes, no attribute with an empty value (but alt)."""
    html = re.sub(r"<script>.*?</script>", "", html, flags=re.S)
    html = re.sub(r'\s(?:on\w+|data-[\w-]+)="[^"]*"', "", html)
    return re.sub(r'\s(?!alt=)[\w-]+=""', "", html)


@pytest.fixture(scope="module")
def slider_page(browser, origin):
    """A page holding two sliders, served on the site's origin (so it is tested like the site)."""
    html = slider_page_html()
    stripped = sanitized(html)

    def serve(context, body):
        context.route(f"{origin}/__sliders__.html",
                      lambda route: route.fulfill(status=200, content_type="text/html", body=body))
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        tab.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
        tab.goto(f"{origin}/__sliders__.html")
        return tab, errors

    return html, stripped, serve


def test_standalone_sliders_move_independently(browser, slider_page):
    html, _, serve = slider_page
    context = browser.new_context(viewport=DESKTOP)
    try:
        tab, errors = serve(context, html)
        roots = tab.locator(".paramlab-slider").element_handles()
        assert len(roots) == 2
        other_before = roots[1].evaluate(SLIDER_STATE)
        check_slider_moves(tab, roots[0])
        assert roots[1].evaluate(SLIDER_STATE) == other_before, "moving one slider changed the other"
        check_slider_moves(tab, roots[1])
        assert not errors, errors
    finally:
        context.close()


@pytest.mark.parametrize("how", ["javascript off", "sanitized"])
def test_without_javascript_first_frame_and_label_are_visible(browser, slider_page, how):
    html, stripped, serve = slider_page
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=(how != "javascript off"))
    try:
        tab, errors = serve(context, html if how == "javascript off" else stripped)
        root = tab.locator(".paramlab-slider").first
        first = root.locator("img").first
        assert first.is_visible() and first.get_attribute("alt").startswith("Curve of y")
        assert first.evaluate("img => img.complete && img.naturalWidth > 0")
        assert root.locator("figcaption").first.inner_text() == "power = 1"
        assert not root.locator("input[type=range]").is_visible(), "a dead control is shown"
        more = root.locator("details")
        assert more.is_visible() and "All 4 frames" in more.locator("summary").inner_text()
        more.locator("summary").click()
        assert root.locator("img").nth(3).is_visible()
        assert root.locator("img").nth(3).get_attribute("alt") == "Curve of y equal to x to the power 4."
        assert not errors, errors
    finally:
        context.close()


def test_sliders_on_the_site_move(visits):
    """Every slider on every page: ArrowRight and an input event change the frame and label."""
    seen = [visits(p) for p in PAGES]
    if not any(v.sliders for v in seen):
        pytest.skip("no page in the TOC shows a slider yet")
    failures = [f"{v.page}: {f}" for v in seen for f in v.slider_failures]
    assert not failures, "\n".join(failures)

"""paramlab.sliders: precomputed frames behind a labelled range input, self-contained HTML."""

from __future__ import annotations

import base64
import io
import re
from html.parser import HTMLParser

import matplotlib.pyplot as plt
import numpy as np
import pytest
from PIL import Image
from sklearn.tree import DecisionTreeClassifier

from paramlab import datasets, plots
from paramlab.sliders import BUDGET_BYTES, Slider, format_value, slider


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside <script>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for t, attrs in self.tags if t == tag]


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    return parser


def draw_line(value, ax):
    x = np.linspace(0, 1, 50)
    ax.plot(x, x ** value)
    ax.set_title(f"power {value}")


@pytest.fixture(scope="module")
def moons():
    return datasets.load("moons", n_samples=300, noise=0.3, seed=0)


@pytest.fixture(scope="module")
def tree_slider(moons):
    """The chapter's use: a tree's decision regions for max_depth 1..10 (ten frames)."""

    def draw(depth, ax):
        tree = DecisionTreeClassifier(max_depth=depth, random_state=0).fit(moons.X, moons.y)
        plots.decision_boundary(tree, moons.X, moons.y, ax=ax, title=f"max_depth = {depth}")

    return slider(draw, range(1, 11), name="max_depth",
                  alt="Decision regions of a tree with max_depth={value} on two interleaved moons.")


def test_one_frame_per_value_in_order(tree_slider):
    assert isinstance(tree_slider, Slider)
    assert len(tree_slider.frames) == 10
    assert tree_slider.values == list(range(1, 11))
    assert [f.label for f in tree_slider.frames] == [f"max_depth = {d}" for d in range(1, 11)]
    # every frame is a distinct picture
    assert len({f.png for f in tree_slider.frames}) == 10


def test_html_has_one_image_per_frame_with_its_alt_text(tree_slider):
    doc = parse(tree_slider.html)
    images = doc.all("img")
    assert len(images) == 10
    for depth, img in zip(range(1, 11), images, strict=True):
        alt = img["alt"] or ""
        assert alt.strip() and f"max_depth={depth} " in alt
        assert not re.search(r"\.(png|jpe?g|svg)$", alt)
        assert img["src"].startswith("data:image/png;base64,")


def test_range_input_is_labelled_and_announces_the_value(tree_slider):
    doc = parse(tree_slider.html)
    (rng,) = [a for a in doc.all("input") if a.get("type") == "range"]
    assert rng["min"] == "0" and rng["max"] == "9" and rng["step"] == "1" and rng["value"] == "0"
    assert rng["aria-valuetext"] == "max_depth = 1"
    (label,) = doc.all("label")
    assert label["for"] == rng["id"]
    (output,) = doc.all("output")
    assert output["for"] == rng["id"] and output["aria-live"] == "polite"
    assert "max_depth = 1</output>" in tree_slider.html


def test_without_javascript_the_first_frame_and_its_label_are_visible(tree_slider):
    html = tree_slider.html
    # the controls are hidden until the script reveals them (they need it to work) ...
    # (hidden="hidden": Jupyter's sanitizer drops attributes with an empty value)
    assert '<div data-role="controls" hidden="hidden">' in html
    # ... the first frame is not inside anything hidden or collapsed, and its caption names the value
    head = html[: html.index('<details')]
    assert head.count("<img") == 1 and ">max_depth = 1</figcaption>" in head
    assert '<figure data-role="first" style="margin:0;"><img data-frame="0"' in head
    # the other frames sit in a <details> list, each with a caption
    assert html.count("<figcaption") == 10


def test_frames_are_opaque_white_background_pngs_sized_for_the_page(tree_slider):
    for frame in tree_slider.frames:
        image = Image.open(io.BytesIO(frame.png))
        assert image.size == (500, 320) == (frame.width, frame.height)
        rgba = image.convert("RGBA")
        assert rgba.getpixel((0, 0)) == (255, 255, 255, 255)  # white, opaque: legible in dark mode
        assert rgba.getpixel((499, 319))[3] == 255


def test_ten_frames_stay_under_the_size_budget(tree_slider):
    assert tree_slider.size_bytes == len(tree_slider.html.encode())
    assert tree_slider.size_bytes < BUDGET_BYTES == 1_500_000
    # even full-colour frames of the same figure stay well under it
    assert tree_slider.size_bytes < 400_000, tree_slider.size_bytes


def test_html_is_self_contained(tree_slider):
    html = tree_slider.html
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", html, re.I)
    doc = parse(html)
    assert all("src" not in attrs for attrs in doc.all("script"))
    assert not doc.all("link") and not doc.all("iframe")
    for img in doc.all("img"):
        assert img["src"].startswith("data:")
        base64.b64decode(img["src"].split(",", 1)[1], validate=True)
    (script,) = doc.scripts
    assert "require(" not in script and "import " not in script and "fetch(" not in script


def test_element_ids_are_unique_across_sliders_and_renderings(tree_slider):
    other = slider(draw_line, [1, 2, 3], name="power", alt="Curve y = x to the power {value}.")
    renderings = [tree_slider.html, other.html, tree_slider._repr_html_(), tree_slider._repr_html_()]
    ids = [attrs["id"] for html in renderings for _, attrs in parse(html).tags if attrs.get("id")]
    assert len(ids) == len(set(ids)) == 4 * 3  # root, input, output per rendering
    for html in renderings:
        doc = parse(html)
        root = doc.tags[0][1]["id"]
        # the script finds its root through document.currentScript, else by this id,
        # and gives the view it creates an id of the same rendering
        assert "document.currentScript" in doc.scripts[0] and f'"{root}"' in doc.scripts[0]
        assert f'"{root}-view"' in doc.scripts[0]
        (rng,) = [a for a in doc.all("input") if a.get("type") == "range"]
        assert rng["oninput"] == rng["onchange"] == "paramlabSlider1(this)"


def test_alt_may_be_a_function_and_labels_format_values():
    s = slider(draw_line, [0.001, 0.5, 2, 1e6], name="C", alt=lambda v: f"Curve for C={v}")
    assert [f.alt for f in s.frames] == ["Curve for C=0.001", "Curve for C=0.5", "Curve for C=2",
                                         "Curve for C=1000000.0"]
    assert [f.label for f in s.frames] == ["C = 0.001", "C = 0.5", "C = 2", "C = 1e+06"]
    assert format_value(None) == "None" and format_value("gini") == "gini" and format_value(True) == "True"


def test_a_single_value_still_renders():
    s = slider(draw_line, [2], name="power", alt="Curve y = x squared.")
    assert len(s.frames) == 1 and parse(s.html).all("img")[0]["alt"] == "Curve y = x squared."


def test_no_figure_is_left_open_and_global_style_is_untouched(tree_slider):
    before = plt.get_fignums()
    face = plt.rcParams["axes.facecolor"]
    slider(draw_line, [1, 2], name="power", alt="Curve for power {value}.")
    assert plt.get_fignums() == before
    assert plt.rcParams["axes.facecolor"] == face


def test_nothing_is_printed_or_displayed(capsys):
    slider(draw_line, [1, 2], name="power", alt="Curve for power {value}.")
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_repr_summarises_the_slider(tree_slider):
    text = repr(tree_slider)
    assert text.startswith("<Slider max_depth: 10 frames (1 .. 10), 500x320 px")


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        (dict(values=[]), ValueError, "values is empty"),
        (dict(values=iter([])), ValueError, "values is empty"),
        (dict(values=range(100)), ValueError, "too many"),
        (dict(values="abc"), TypeError, "not a string"),
        (dict(values=5), TypeError, "sequence"),
        (dict(draw="not a function"), TypeError, "draw must be a function"),
        (dict(draw=None), TypeError, "draw must be a function"),
        (dict(alt=""), ValueError, "empty"),
        (dict(alt="   "), ValueError, "empty"),
        (dict(alt=lambda v: ""), ValueError, "empty"),
        (dict(alt=42), TypeError, "alt must be"),
        (dict(alt="depth {depth}"), ValueError, "only {value} and {name}"),
        (dict(name=""), ValueError, "name must be"),
        (dict(colors=1), ValueError, "colors"),
    ],
)
def test_bad_input_raises_a_clear_error(kwargs, error, message):
    args = dict(draw=draw_line, values=[1, 2], name="power", alt="Curve for power {value}.")
    args.update(kwargs)
    with pytest.raises(error, match=re.escape(message)):
        slider(**args)


def test_an_error_inside_draw_propagates_and_leaks_no_figure():
    before = plt.get_fignums()

    def broken(value, ax):
        raise RuntimeError("model failed")

    with pytest.raises(RuntimeError, match="model failed"):
        slider(broken, [1, 2], name="x", alt="frame {value}")
    assert plt.get_fignums() == before

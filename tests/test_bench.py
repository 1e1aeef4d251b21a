"""`make bench` states the chapters' figures against COURSE.md's budget."""

from pathlib import Path

from paramlab.bench import _chapter_summary, _is_chapter
from paramlab.pairs import paired_sources

ROOT = Path(__file__).resolve().parents[1]


def test_summary_within_budget():
    line = _chapter_summary([3.0, 4.9, 5.0, 6.0, 14.0])
    assert "median 5.00 s" in line and "slowest 14.00 s" in line
    assert line.endswith(": within budget")


def test_summary_over_budget_on_either_limit():
    assert _chapter_summary([5.0, 5.1, 5.2]).endswith(": OVER budget")     # median
    assert _chapter_summary([1.0, 2.0, 15.5]).endswith(": OVER budget")    # slowest


def test_the_summary_counts_the_thirteen_chapters_only():
    chapters = [md for md in paired_sources(ROOT) if _is_chapter(md)]
    assert [md.name[:2] for md in chapters] == [f"{n:02d}" for n in range(1, 14)]
    assert all(md.parent.name == "book" for md in chapters)   # not exercises/ or solutions/

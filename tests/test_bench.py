"""`make bench` states the chapters' figures against COURSE.md's budget."""

from paramlab.bench import _chapter_summary


def test_summary_within_budget():
    line = _chapter_summary([3.0, 4.9, 5.0, 6.0, 14.0])
    assert "median 5.00 s" in line and "slowest 14.00 s" in line
    assert line.endswith(": within budget")


def test_summary_over_budget_on_either_limit():
    assert _chapter_summary([5.0, 5.1, 5.2]).endswith(": OVER budget")     # median
    assert _chapter_summary([1.0, 2.0, 15.5]).endswith(": OVER budget")    # slowest

"""Named rules: what each rule of the extractor tests, what it decides, and the sentences it was written for.

A pass (filters, naming, time, kind, place ...) is an ordered list of ``Rule``; ``first`` runs the list
and returns the first decision with the id of the rule that made it. Every rule is also in ``ALL`` by
id, which is what ``tanlu explain`` prints and what tests/test_rules.py runs: each example is
``(text, subject, decision)``, the sentence (or several lines of an article), the candidate the rule
decides about (its ``value_raw``, or the indicator of a value-less commitment), and what the rule
decides about it.

While ``tracing()`` is active, every decision is also noted as an ``Event`` (rule id, subject,
decision), so that one sentence can be explained rule by rule.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator


@dataclass(frozen=True)
class Example:
    text: str
    subject: str
    decision: str
    date: str | None = None  # the publication date (YYYY-MM-DD) the text is read under
    title: str | None = None  # the document's title


@dataclass
class Rule:
    id: str
    tests: str
    decides: str
    fn: Callable[..., Any] | None = None
    examples: list[Example] = field(default_factory=list)

    def __call__(self, *args, **kwargs):
        return self.fn(*args, **kwargs)


ALL: dict[str, Rule] = {}


def rule(passes: list[Rule] | None, id: str, tests: str, decides: str, examples=()) -> Callable:
    """Decorator: register the function as rule ``id`` (appended to the ordered list ``passes``)."""
    def wrap(fn):
        r = declare(id, tests, decides, examples, fn)
        if passes is not None:
            passes.append(r)
        return r
    return wrap


def declare(id: str, tests: str, decides: str, examples=(), fn=None) -> Rule:
    """A rule whose test is written inline where it is applied (its id is what the row records)."""
    if id in ALL:
        raise ValueError(f"rule {id} declared twice")
    r = Rule(id, tests, decides, fn, [e if isinstance(e, Example) else Example(*e) for e in examples])
    ALL[id] = r
    return r


def first(passes: list[Rule], *args) -> tuple[Any, str | None]:
    """(decision, rule id) of the first rule in ``passes`` that decides (returns something not None)."""
    for r in passes:
        d = r.fn(*args)
        if d is not None:
            return d, r.id
    return None, None


# --- the trace ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Event:
    rule: str
    subject: str
    decision: str


_events: list[Event] | None = None


@contextmanager
def tracing() -> Iterator[list[Event]]:
    """Collect the decisions made inside the block (not re-entrant; extraction is single-threaded)."""
    global _events
    saved, _events = _events, []
    try:
        yield _events
    finally:
        _events = saved


def note(rule_id: str | None, subject: Any, decision: Any) -> None:
    if _events is not None and rule_id is not None:
        _events.append(Event(rule_id, str(subject), str(decision)))


def active() -> bool:
    return _events is not None

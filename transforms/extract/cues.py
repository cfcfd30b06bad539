"""Cue words (data/cues.tsv), loaded once: one compiled pattern per role.

Each row is ``cue, role, not_after, not_before, example``; a cue becomes ``(?<!a|b)cue(?!x|y)`` and the
cues of a role are joined in file order. Roles: potential, assumption, target_strong, target (the weak
target cues, read together with the strong ones), achieved_strong, achieved (weak), stock.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex


@dataclass(frozen=True)
class Cue:
    cue: str
    role: str
    not_after: str
    not_before: str
    example: str

    def pattern(self) -> str:
        p = self.cue
        if self.not_after:
            # the cue first, then the look-behind over what precedes it: a look-behind tried at every position
            # of a text before the cue is found costs far more (按照…要求: a look-behind of up to 24 characters)
            p = f"(?:{p})(?<!(?:{self.not_after})(?:{p}))"
        if self.not_before:
            p = f"{p}(?!{self.not_before})"
        return p


@lru_cache(maxsize=1)
def table() -> tuple[Cue, ...]:
    text = (resources.files("transforms") / "data" / "cues.tsv").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("cue\t"):
            continue
        cells = line.split("\t")
        if len(cells) != 5:
            raise ValueError(f"cues.tsv: 5 tab-separated cells expected: {line!r}")
        out.append(Cue(*cells))
    return tuple(out)


def pattern(*roles: str) -> str:
    """The alternation of every cue of ``roles``, the roles in the order given."""
    return "|".join(c.pattern() for role in roles for c in table() if c.role == role)


@lru_cache(maxsize=None)
def compiled(*roles: str) -> regex.Pattern:
    return regex.compile(pattern(*roles))


POTENTIAL = compiled("potential")
ASSUMPTION = compiled("assumption")
TARGET_STRONG = compiled("target_strong")
TARGET = compiled("target_strong", "target")
ACHIEVED_STRONG = compiled("achieved_strong")
ACHIEVED = compiled("achieved_strong", "achieved")
STOCK = compiled("stock")

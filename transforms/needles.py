"""The words every match of a regular expression holds: a text holding none of them cannot match, so one
scan for the words (Aho-Corasick, in C) rules a pattern out before it runs.

Read from the pattern's parse (``re._parser``): runs of literal characters (a class of a few characters
spelled out each way, [荐薦]), the best run of a sequence, and the alternatives of a group put together.
Anything the reader is not sure of (a form it does not parse, a case-insensitive pattern, a pattern whose
every part is optional) gives no words, and the pattern is then tried on every text.
"""
from __future__ import annotations

import re
from re import _constants as _sre, _parser as _re_parser

import regex

# the flags that change nothing here: re's str defaults and the regex module's version-0 syntax
_PLAIN_FLAGS = re.UNICODE | re.MULTILINE | re.DOTALL | regex.V0


def needles(pattern: str, flags: int = 0) -> list[str] | None:
    """The strings every match of ``pattern`` holds one of (sorted, without repeats), or None."""
    if flags & ~_PLAIN_FLAGS:
        return None  # IGNORECASE, VERBOSE, the regex module's own matching modes ...
    try:
        tree = _re_parser.parse(pattern, flags & (re.UNICODE | re.MULTILINE | re.DOTALL))
    except Exception:  # noqa: BLE001 - a form re does not read (\p{Han}): no words, try it everywhere
        return None
    if tree.state.flags & ~(re.UNICODE | re.MULTILINE | re.DOTALL):
        return None  # an inline (?i) or (?x)
    need = _needed(tree)
    return None if not need or "" in need else sorted(set(need))


def _needed(items) -> list[str] | None:
    """Strings one of which every match of the parsed sequence ``items`` holds, or None."""
    options: list[list[str]] = []
    run = [""]
    for op, av in list(items) + [(None, None)]:
        chars = _class_chars(op, av)
        if chars is not None and len(run) * len(chars) <= 16:
            run = [r + c for r in run for c in chars]
            continue
        if run != [""]:
            options.append(run)
        run = [""] if chars is None else list(chars)
        got = None if chars is not None else _item_needed(op, av)
        if got is not None:
            options.append(got)
    # the option whose shortest word is longest (the rarest in a text), then the one of fewest words
    return max(options, key=lambda o: (min(map(len, o)), -len(o))) if options else None


def _class_chars(op, av) -> list[str] | None:
    """The characters a literal, or a class of at most four literals, matches; else None."""
    if op is _sre.LITERAL:
        return [chr(av)]
    if op is _sre.IN and len(av) <= 4 and all(o is _sre.LITERAL for o, _ in av):
        return [chr(a) for _, a in av]
    return None


def _item_needed(op, av) -> list[str] | None:
    if op is _sre.SUBPATTERN:
        return None if av[1] & ~(re.UNICODE | re.MULTILINE | re.DOTALL) else _needed(av[3])
    if op is _sre.ATOMIC_GROUP:
        return _needed(av)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        return _needed(av[2]) if av[0] >= 1 else None
    if op is _sre.BRANCH:
        alts = [_needed(b) for b in av[1]]
        return None if any(a is None for a in alts) else [x for a in alts for x in a]
    return None

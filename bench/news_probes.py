"""Self-written probes of news meaning (issue 8): each a sentence (or a few) of a national news story, its
publication date, and the kind and year (and sometimes the place) of the rows it should give.

    python -m bench.news_probes [--show]

Reads bench/news_probes.tsv, then bench/news_variants.tsv (metamorphic variants of DEV news gold sentences:
one verb, time phrase, place, unit or number format, 同比 clause or modal changed, the expected kind and year
following from MEASURES.md; a fifth column "open" marks a known failure, which tests/test_news_probes.py expects
to fail), and runs each probe through ``tanlu explain``'s pure path (a story, the nation as
the article's place); prints how many probes pass (all their expected rows right and no row given that the
probe forbids), and with --show every failing probe with what came out. The probes were written from
MEASURES.md in the style of 新闻联播 stories, not copied from any gold file, so that rules are built for
the kind of text rather than for one gold row.
"""
from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from transforms.extract import explain

TSV = Path(__file__).with_name("news_probes.tsv")
VARIANTS = Path(__file__).with_name("news_variants.tsv")  # metamorphic variants of dev gold sentences


@dataclass
class Expect:
    value_raw: str
    kind: str | None = None  # None: no row for this value
    year: int | None = None
    region: str | None = None
    unit: str | None = None  # the row's unit, when the probe checks it (tCO2, tce, t ...)
    indicator: str | None = None  # the row's indicator, when the probe checks it


@dataclass
class Probe:
    id: str
    date: date
    text: str
    expect: list[Expect]
    open: bool = False  # a known, not yet fixed failure (a fifth column "open"); the test expects it to fail


def _expect(cell: str) -> Expect:
    cell = cell.strip()
    if cell.startswith("!"):
        return Expect(cell[1:])
    value, rest = cell.split("=", 1)
    region = unit = indicator = None
    if "&" in rest:
        rest, indicator = rest.split("&", 1)
    if "$" in rest:
        rest, unit = rest.split("$", 1)
    if "#" in rest:
        rest, region = rest.split("#", 1)
    kind, year = rest.split("@", 1)
    return Expect(value, kind, None if year == "-" else int(year), region, unit, indicator)


def load(path: Path = TSV) -> list[Probe]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("id\t"):
            continue
        pid, day, text, expect, *status = line.split("\t")
        out.append(Probe(pid, date.fromisoformat(day), text.replace("\\n", "\n"),
                         [_expect(c) for c in expect.split(" ; ")], status == ["open"]))
    return out


def check(p: Probe) -> tuple[bool, list[str]]:
    """(passes, what was wrong) of one probe."""
    rows, _ = explain.run(p.text, p.date)
    wrong = []
    for e in p.expect:
        got = [r for r in rows if r["value_raw"] == e.value_raw]
        if e.kind is None:
            if got:
                wrong.append(f"{e.value_raw}: no row expected, got {got[0]['kind']}")
            continue
        if not got:
            wrong.append(f"{e.value_raw}: no row (expected {e.kind}@{e.year})")
            continue
        r = got[0]
        kind_ok = r["kind"] in ("achievement", "baseline") if e.kind == "ab" else r["kind"] == e.kind
        if not kind_ok or r["target_year"] != e.year or (e.region and r["region_code"] != e.region) \
                or (e.unit and r["unit"] != e.unit) or (e.indicator and r["indicator"] != e.indicator):
            wrong.append(f"{e.value_raw}: expected {e.kind}@{e.year}{'#' + e.region if e.region else ''}"
                         f"{'$' + e.unit if e.unit else ''}{'&' + e.indicator if e.indicator else ''}, "
                         f"got {r['kind']}@{r['target_year']}#{r['region_code']}${r['unit']}&{r['indicator']} "
                         f"[{r['kind_rule']}, {r['year_rule']}, {r['place_rule']}]")
    return not wrong, wrong


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="print every failing probe")
    args = ap.parse_args(argv)
    for name, path in (("news probes", TSV), ("news variants", VARIANTS)):
        probes = load(path)
        passed = 0
        for p in probes:
            ok, wrong = check(p)
            passed += ok
            if not ok and args.show:
                print(f"FAIL {p.id} ({p.date}){' [open]' if p.open else ''}: {p.text}")
                for w in wrong:
                    print(f"     {w}")
        print(f"{name}: {passed}/{len(probes)} pass")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

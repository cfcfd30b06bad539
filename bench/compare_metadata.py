"""Compare our ``documents`` table for the corpus PDFs with the peer's ``metadata.csv``.

    PYTHONPATH=. python -m bench.compare_metadata            # reads ../shared/corpus/policies
    PYTHONPATH=. python -m bench.compare_metadata --corpus /path/to/policies

Runs ingest -> clean -> structure over every PDF of the folder and prints one line per disagreement:
publication date (exact day), province, and city (for the rows whose city the table gives), then the
three percentages. The table is a peer's hand-made record, not ground truth: read each disagreement
against the document's text (see the issue's note in the report).
"""
from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from transforms import PIPELINE_VERSION, clean, ingest, regions, structure

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "policies"
# where the peer's table disagrees with the document's own text (the text wins), with the evidence
NOTES = Path(__file__).resolve().parent / "metadata_notes.csv"


def load_notes(path: Path = NOTES) -> dict[tuple[str, str], dict]:
    """(file, field) -> note row: the value the text states and the text that states it."""
    with path.open(encoding="utf-8", newline="") as f:
        return {(r["file"], r["field"]): r for r in csv.DictReader(f)}


@dataclass
class Comparison:
    n: int = 0
    date_ok: int = 0
    date_stated: int = 0  # PDFs whose text states a full date (year, month and day)
    month_only: int = 0  # PDFs whose text states only a year and month ("2022年3月")
    month_ok: int = 0  # ... and the month is the table's
    date_ok_stated: int = 0
    province_ok: int = 0
    # the same, against the table corrected by the notes (where the text says otherwise)
    date_ok_text: int = 0
    date_ok_stated_text: int = 0
    province_ok_text: int = 0
    n_city: int = 0
    city_ok: int = 0
    rejects: list = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    @property
    def date_pct(self) -> float:
        return 100.0 * self.date_ok / self.n if self.n else 0.0

    @property
    def date_stated_pct(self) -> float:
        return 100.0 * self.date_ok_stated / self.date_stated if self.date_stated else 0.0

    @property
    def date_text_pct(self) -> float:
        return 100.0 * self.date_ok_text / self.n if self.n else 0.0

    @property
    def date_stated_text_pct(self) -> float:
        return 100.0 * self.date_ok_stated_text / self.date_stated if self.date_stated else 0.0

    @property
    def province_text_pct(self) -> float:
        return 100.0 * self.province_ok_text / self.n if self.n else 0.0

    @property
    def province_pct(self) -> float:
        return 100.0 * self.province_ok / self.n if self.n else 0.0

    @property
    def city_pct(self) -> float:
        return 100.0 * self.city_ok / self.n_city if self.n_city else 0.0


def run_pipeline(paths: list[Path]):
    """(documents, rejects) of ingest -> clean -> structure over ``paths``."""
    files = [ingest.SourceFile(p.name, str(p), p.read_bytes()) for p in paths]
    ing = ingest.ingest(files, datetime.now(timezone.utc))
    cleaned, r1 = clean.clean(ing.decoded)
    docs, _arts, r2 = structure.structure(cleaned, PIPELINE_VERSION)
    return docs, ing.rejects + r1 + r2


def _region_by_name(name: str, level: str, province: str | None = None) -> str | None:
    name = name.strip()
    if not name:
        return None
    for r in regions.all_regions().values():
        if r.level == level and (r.name == name or r.short_name == name):
            if province is None or r.province_code == province:
                return r.code
    return None


def province_of(code: str | None) -> str | None:
    if not code or code == regions.NATIONAL:
        return None
    chain = regions.ancestors(code)
    return chain[-1] if chain else None


def city_of(code: str | None) -> str | None:
    if not code or code == regions.NATIONAL:
        return None
    for c in regions.ancestors(code):
        r = regions.get(c)
        if r is not None and r.level == "city":
            return c
    return None


def _name(code: str | None) -> str:
    r = regions.get(code) if code else None
    return r.name if r else "-"


def compare(docs, metadata_csv: Path, rejects=(), notes: dict | None = None) -> Comparison:
    rows = {r["file"]: r for r in csv.DictReader(metadata_csv.open(encoding="utf-8"))}
    notes = load_notes() if notes is None else notes
    ours = {d["source_name"]: d for d in docs.to_pylist()}
    out = Comparison(rejects=list(rejects))
    for file, m in sorted(rows.items()):
        out.n += 1
        d = ours.get(file)
        if d is None:
            out.lines.append(f"{file}: no document (rejected or missing)")
            continue
        # date
        theirs = date(*map(int, m["date"].split("."))) if m["date"] else None
        mine = d["published_date"] if d["date_precision"] == "day" else None
        stated = d["date_precision"] == "day"
        if d["date_precision"] == "month" and theirs is not None:
            out.month_only += 1
            out.month_ok += (d["published_date"].year, d["published_date"].month) == (theirs.year, theirs.month)
        out.date_stated += stated
        note = notes.get((file, "date"))
        by_text = date.fromisoformat(note["text"]) if note else theirs
        if mine is not None and mine == by_text:
            out.date_ok_text += 1
            out.date_ok_stated_text += stated
        if theirs is not None and mine == theirs:
            out.date_ok += 1
            out.date_ok_stated += stated
        else:
            why = f" -- the text says {note['text']}: {note['note']}" if note else ""
            out.lines.append(f"{file}: date theirs {theirs} ours {d['published_date']} ({d['date_precision']}){why}")
        # province
        prov = _region_by_name(m["province"], "province")
        mine_prov = province_of(d["region_code"])
        note = notes.get((file, "province"))
        if mine_prov == (_region_by_name(note["text"], "province") if note else prov):
            out.province_ok_text += 1
        if prov == mine_prov:
            out.province_ok += 1
        else:
            why = f" -- the text says {note['text']}: {note['note']}" if note else ""
            out.lines.append(f"{file}: province theirs {m['province'] or '(national)'} ours {_name(mine_prov)} "
                             f"[{d['region_code']} {d['region_name']}]{why}")
        # city, where the table names one
        if m["city"].strip():
            out.n_city += 1
            city = _region_by_name(m["city"], "city", prov) or _region_by_name(m["city"], "city")
            mine_city = city_of(d["region_code"])
            if city == mine_city:
                out.city_ok += 1
            else:
                out.lines.append(f"{file}: city theirs {m['city']} ours {_name(mine_city)} "
                                 f"[{d['region_code']} {d['region_name']}]")
    return out


def main(argv: list[str] | None = None, result=None) -> Comparison:
    """Print the disagreements and the percentages. ``result``: (documents, rejects) of the PDFs when
    already computed (the tests share one run)."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of the PDFs and metadata.csv")
    a = ap.parse_args(argv)
    pdfs = sorted(a.corpus.glob("*.pdf"))
    if not pdfs:
        sys.exit(f"no PDFs in {a.corpus}")
    docs, rejects = result if result is not None else run_pipeline(pdfs)
    res = compare(docs, a.corpus / "metadata.csv", rejects)
    for line in res.lines:
        print(line)
    for name, _doc_id, r in res.rejects:
        print(f"{name}: rejected: {r}")
    print(f"date exact {res.date_ok}/{res.n} ({res.date_pct:.1f}%); "
          f"of the {res.date_stated} whose text states a full date: {res.date_ok_stated} ({res.date_stated_pct:.1f}%); "
          f"{res.month_only} state only a month ({res.month_ok} the table's month), "
          f"{res.n - res.date_stated - res.month_only} no date with a year")
    print(f"  against the table corrected where the text says otherwise ({NOTES.name}): {res.date_ok_text}/{res.n} "
          f"({res.date_text_pct:.1f}%); of those stating a full date: {res.date_ok_stated_text}/{res.date_stated} "
          f"({res.date_stated_text_pct:.1f}%)")
    print(f"province right {res.province_ok}/{res.n} ({res.province_pct:.1f}%); against the corrected table "
          f"{res.province_ok_text}/{res.n} ({res.province_text_pct:.1f}%)")
    print(f"city right {res.city_ok}/{res.n_city} ({res.city_pct:.1f}%)")
    print(f"rejects {len(res.rejects)}")
    return res


if __name__ == "__main__":
    main()

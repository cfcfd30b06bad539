"""``tanlu explain``: one text through the extractor with its rule trace (pure; the CLI only prints)."""
from __future__ import annotations

from datetime import date

from transforms import segment
from transforms.extract import rules
from transforms.extract.document import article_measures


def run(text: str, published: date | None = None, title: str | None = None,
        region: str = "100000") -> tuple[list[dict], list[rules.Event]]:
    """(measure rows, rule events) of ``text`` read as one article published on ``published``."""
    doc = {"doc_id": "explain", "source_name": "explain", "title": title, "published_date": published,
           "doc_type": "新闻", "region_code": region}  # a story unless the title says it is a plan
    art = {"doc_id": "explain", "article_idx": 0, "title": title, "region_code": region,
           "published_date": published, "text": text}
    sents = [{"sentence_idx": i, "text": s, "span_start": start}
             for i, (start, s) in enumerate(segment.split_sentences(text))]
    with rules.tracing() as events:
        rows = article_measures(doc, art, sents)
    return rows, list(events)


def explain(text: str, published: date | None = None, title: str | None = None, region: str = "100000") -> str:
    """The candidates, the rules that fired (by id) and the resulting rows, as text."""
    rows, events = run(text, published, title, region)
    out = [f"text: {text}", f"published: {published or 'unknown'}", "rules fired:"]
    out += [f"  {e.rule:32s} {e.subject} -> {e.decision}" for e in events]
    out.append(f"rows: {len(rows)}")
    for r in rows:
        value = "" if r["value"] is None else f"{r['value']:g} {r['unit']} "
        out.append(f"  {r['kind']:11s} {r['indicator']} {r['comparator']} {value}year={r['target_year']} "
                   f"base={r['base_year']} region={r['region_code']} [{', '.join(r['rules'])}]")
    return "\n".join(out)

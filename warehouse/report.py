"""``tanlu report``: one static HTML file that shows who promised what, and works offline.

The file is self-contained: its CSS, its JavaScript and its data are inline, charts are SVG drawn by the
inline script, and a Content-Security-Policy of ``default-src 'none'`` keeps the browser from fetching
anything. It shows

- a heatmap of targets by region (nation, provinces, cities; counties roll up into their city) and target year,
  from ``targets_by_region_year``;
- the carbon-peak and neutrality years of each region on a timeline, from ``carbon_milestones``;
- the indicators with the most measures, from ``measure_facts``;
- for every document, its measures (rows ``#m-<measure_id>``), each linking to the sentence it was read from
  (``#s-…``), where the value is marked (``#v-<measure_id>``).

The charts are drawn by the script from the JSON in ``<script id="tanlu-data">``; the documents are plain HTML,
readable without script.
"""
from __future__ import annotations

import base64
import html
import io
import json
import os
import re
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

import duckdb

from schemas.tables import SCHEMA_VERSION

HEATMAP_LEVELS = ("national", "province", "city")
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; font-src data:"
FONT_FAMILY = "tanlu-cjk"  # the embedded subset's family name in the page's CSS (report.css names it first)


def font_subset(text: str) -> bytes:
    """Noto Sans SC (OFL-1.1, shipped by the pinned ``pylopdf-fonts-zh-cn``) cut to the characters of ``text``
    beyond ASCII, as WOFF: the page renders its Chinese on a machine with no CJK font, and Latin text keeps the
    reader's own sans-serif. Characters the font lacks are simply left out (the browser falls back for them)."""
    import pylopdf_fonts_zh_cn
    from fontTools import subset

    chars = "".join(sorted({c for c in text if ord(c) > 0x7E}))
    opts = subset.Options()
    opts.flavor = "woff"
    opts.hinting = False
    opts.layout_features = ["vert", "vrt2", "locl"]
    opts.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # copyright, names and the licence, as the OFL asks
    font = subset.load_font(str(pylopdf_fonts_zh_cn.sans_path()), opts)
    sub = subset.Subsetter(opts)
    sub.populate(text=chars)
    sub.subset(font)
    buf = io.BytesIO()
    subset.save_font(font, buf, opts)
    return buf.getvalue()


def font_face(text: str) -> str:
    """The @font-face rule of the embedded subset, as a data: URL (the CSP allows ``font-src data:`` only)."""
    data = base64.b64encode(font_subset(text)).decode("ascii")
    return (f'@font-face {{ font-family: "{FONT_FAMILY}"; font-style: normal; font-weight: 400; '
            f'src: url("data:font/woff;base64,{data}") format("woff"); }}')


def _asset(name: str) -> str:
    return (resources.files("warehouse") / "report" / name).read_text(encoding="utf-8")


def _dicts(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    cur = con.execute(sql, params or [])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def _json_default(v):
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return str(v)


def sentence_anchor(doc_id: str, article_idx: int, sentence_idx: int) -> str:
    return f"s-{doc_id[:12]}-{article_idx}-{sentence_idx}"


def doc_anchor(doc_id: str) -> str:
    return f"d-{doc_id[:12]}"


def measure_anchor(measure_id: str) -> str:
    """The measure's row in its document's table (what the milestone timeline links to)."""
    return f"m-{measure_id}"


def value_anchor(measure_id: str) -> str:
    """The measure's value, marked in its sentence."""
    return f"v-{measure_id}"


def _has_canonical_indicators(con: duckdb.DuckDBPyConnection) -> bool:
    return con.execute("""
        SELECT (SELECT count(*) FROM information_schema.tables WHERE table_name = 'indicators') > 0
           AND (SELECT count(*) FROM information_schema.columns
                WHERE table_name = 'measures' AND column_name = 'indicator_id') > 0""").fetchall()[0][0]


def top_indicators(con: duckdb.DuckDBPyConnection, top: int) -> list[dict]:
    """The ``top`` indicators by measures. A measure with an ``indicator_id`` counts under its canonical indicator
    (named by ``indicators.name_zh``, however the text phrased it); one without counts under its free text
    (``indicator_id`` NULL). A warehouse from before the indicators dimension counts free text only."""
    if _has_canonical_indicators(con):
        key = ("coalesce(i.name_zh, m.indicator)", "m.indicator_id",
               "LEFT JOIN indicators i ON i.indicator_id = m.indicator_id")
        group = "CASE WHEN i.indicator_id IS NOT NULL THEN 'id:' || i.indicator_id ELSE 'text:' || m.indicator END"
    else:
        key = ("m.indicator", "NULL::VARCHAR", "")
        group = "'text:' || m.indicator"
    return _dicts(con, f"""
        SELECT any_value({key[0]}) AS indicator, any_value({key[1]}) AS indicator_id, count(*) AS n_measures,
               count(*) FILTER (WHERE m.kind = 'target') AS n_targets,
               count(*) FILTER (WHERE m.kind = 'achievement') AS n_achievements,
               count(DISTINCT m.region_code) AS n_regions, count(DISTINCT m.doc_id) AS n_documents,
               count(DISTINCT m.indicator) AS n_phrasings
        FROM measures m {key[2]}
        GROUP BY {group}
        ORDER BY n_measures DESC, n_documents DESC, indicator LIMIT ?""", [top])


def collect(con: duckdb.DuckDBPyConnection, top: int = 20, max_documents: int | None = None) -> dict:
    """Everything the report shows, as plain Python data (also what the tests compare against).

    ``max_documents`` keeps the document listing to the most recently published ones (the charts always
    cover the whole warehouse): a page of 200,000 measures is about 100 MB, more than a browser enjoys.
    """
    one = lambda sql: con.execute(sql).fetchall()[0][0]  # noqa: E731
    summary = {
        "documents": one("SELECT count(*) FROM documents"),
        "measures": one("SELECT count(*) FROM measures"),
        "targets": one("SELECT count(*) FROM measures WHERE kind = 'target'"),
        "achievements": one("SELECT count(*) FROM measures WHERE kind = 'achievement'"),
        "regions": one("SELECT count(DISTINCT region_code) FROM measures"),
        "extractor_versions": one("SELECT coalesce(string_agg(DISTINCT extractor_version, ', '), '') FROM measures"),
        "schema_version": SCHEMA_VERSION,
        "generated_at": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }
    levels = ", ".join(f"'{lv}'" for lv in HEATMAP_LEVELS)
    heatmap = _dicts(con, f"""
        WITH h AS (
            SELECT region_code, coalesce(region_name, region_code) AS region_name,
                   coalesce(region_level, 'unknown') AS region_level, province_code, target_year,
                   sum(n_targets)::BIGINT AS n_targets, sum(n_own_targets)::BIGINT AS n_own_targets
            FROM targets_by_region_year
            WHERE region_level IN ({levels}) OR region_level IS NULL
            GROUP BY ALL)
        SELECT * FROM h
        ORDER BY region_level = 'national' DESC, province_code NULLS LAST, region_level = 'province' DESC,
                 region_code, target_year NULLS LAST""")
    milestones = _dicts(con, """
        SELECT region_code, coalesce(region_name, region_code) AS region_name, region_level,
               peak_year, peak_source, peak_measure_id, neutrality_year, neutrality_source, neutrality_measure_id,
               coalesce(part_milestones, []) AS part_milestones
        FROM carbon_milestones
        ORDER BY (region_level = 'national') DESC NULLS LAST, coalesce(peak_year, neutrality_year), region_code""")
    indicators = top_indicators(con, top)
    limit = f"LIMIT {int(max_documents)}" if max_documents else ""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _report_docs AS
        SELECT d.doc_id, d.source_name, d.title, d.doc_type, d.issuer, d.published_date, d.published_month_day,
               d.region_code, coalesce(r.name, d.region_name) AS region_name
        FROM documents d LEFT JOIN regions r ON r.region_code = d.region_code
        ORDER BY d.published_date DESC NULLS LAST, d.source_name {limit}""")
    documents = _dicts(con, "SELECT * FROM _report_docs ORDER BY published_date DESC NULLS LAST, source_name")
    if _has_canonical_indicators(con):
        ind_cols, ind_join = "m.indicator_id, i.name_zh AS indicator_name", \
            "LEFT JOIN indicators i ON i.indicator_id = m.indicator_id"
    else:
        ind_cols, ind_join = "NULL::VARCHAR AS indicator_id, NULL::VARCHAR AS indicator_name", ""
    measures = _dicts(con, f"""
        SELECT m.measure_id, m.doc_id, m.article_idx, m.sentence_idx, m.kind, m.indicator, {ind_cols},
               r.city_code, r.province_code, m.value, m.value_raw,
               m.unit, m.comparator, m.direction, m.target_year, m.region_code,
               coalesce(r.name, m.region_code) AS region_name, m.evidence, m.span_start, m.span_end,
               s.text AS sentence, s.span_start AS sentence_start
        FROM measures m
        SEMI JOIN _report_docs USING (doc_id)
        LEFT JOIN sentences s USING (doc_id, article_idx, sentence_idx)
        LEFT JOIN regions r ON r.region_code = m.region_code
        {ind_join}
        ORDER BY m.doc_id, m.article_idx, m.sentence_idx, m.span_start, m.measure_id""")
    con.execute("DROP TABLE _report_docs")
    summary["documents_listed"] = len(documents)
    # the names of every region a listed measure is in (its own, its city, its province): the filter's choices
    codes = sorted({c for m in measures for c in (m["region_code"], m["city_code"], m["province_code"]) if c})
    region_names = dict(con.execute("SELECT region_code, name FROM regions WHERE region_code IN "
                                    "(SELECT unnest(?::VARCHAR[]))", [codes]).fetchall()) if codes else {}
    return {"summary": summary, "heatmap": heatmap, "milestones": milestones, "indicators": indicators,
            "region_names": region_names, "documents": documents, "measures": measures}


def indicator_key(m: dict) -> str:
    """What the filter and the top-indicator bars group a measure by: its canonical id, else its text."""
    return f"id:{m['indicator_id']}" if m.get("indicator_id") else f"text:{m['indicator']}"


def _highlighted(text: str, spans: list[tuple[int, int, str]]) -> str:
    """``text`` escaped, with each (start, end, measure_id) span in a <mark>; overlapping spans are skipped."""
    out, pos = [], 0
    for start, end, mid in sorted(spans):
        if start < pos or end > len(text) or start >= end:
            continue
        out.append(html.escape(text[pos:start]))
        out.append(f'<mark id="{value_anchor(mid)}">{html.escape(text[start:end])}</mark>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _span_in_sentence(m: dict, text: str) -> tuple[int, int] | None:
    """Where the measure's value sits in its sentence: from the offsets, else by finding value_raw."""
    if m["sentence_start"] is not None and m["sentence"] == text:
        start, end = m["span_start"] - m["sentence_start"], m["span_end"] - m["sentence_start"]
        if 0 <= start < end <= len(text):
            return start, end
    if m["value_raw"] and m["value_raw"] in text:
        start = text.index(m["value_raw"])
        return start, start + len(m["value_raw"])
    return None


def _fmt_value(m: dict) -> str:
    if m["value_raw"]:
        return m["value_raw"]
    if m["value"] is None:
        return "—"
    v = m["value"]
    return (f"{v:g}" if abs(v) < 1e6 else f"{v:.4g}") + (f" {m['unit']}" if m["unit"] else "")


def render_documents(data: dict) -> str:
    e = html.escape
    by_doc: dict[str, list[dict]] = {}
    for m in data["measures"]:
        by_doc.setdefault(m["doc_id"], []).append(m)
    parts = []
    shown, total = data["summary"]["documents_listed"], data["summary"]["documents"]
    if shown < total:
        parts.append(f'<p class="none" id="documents-cut">The {shown} most recently published of {total} documents '
                     f'are listed (`tanlu report --max-documents`); the charts above cover all of them.</p>')
    for d in data["documents"]:
        ms = by_doc.get(d["doc_id"], [])
        date = d["published_date"].isoformat() if d["published_date"] else (d["published_month_day"] or "no date")
        meta = " · ".join(x for x in (d["region_name"], date, d["doc_type"], d["issuer"]) if x)
        parts.append(f'<section class="doc" id="{doc_anchor(d["doc_id"])}" data-measures="{len(ms)}">')
        parts.append(f'<h3>{e(d["title"] or d["source_name"])}</h3>')
        parts.append(f'<p class="meta"><code>{e(d["source_name"])}</code> · {e(meta)} · {len(ms)} measures</p>')
        if not ms:
            parts.append('<p class="none">No measure found in this document.</p></section>')
            continue
        parts.append('<table class="measures"><thead><tr><th>kind</th><th>indicator</th><th>value</th>'
                     '<th>year</th><th>region</th><th>sentence</th></tr></thead><tbody>')
        sentences: dict[tuple[int, int], dict] = {}
        for m in ms:
            key = (m["article_idx"], m["sentence_idx"])
            text = m["sentence"] or m["evidence"]
            s = sentences.setdefault(key, {"text": text, "spans": [], "ids": []})
            s["ids"].append(m["measure_id"])
            span = _span_in_sentence(m, s["text"])
            if span:
                s["spans"].append((*span, m["measure_id"]))
            anchor = sentence_anchor(d["doc_id"], *key)
            cmp_ = "" if m["comparator"] in (None, "=") else m["comparator"] + " "
            regions_in = " ".join(dict.fromkeys(c for c in (m["region_code"], m["city_code"], m["province_code"]) if c))
            shown_ind = e(m["indicator"]) if not m["indicator_name"] or m["indicator_name"] == m["indicator"] else \
                f'{e(m["indicator"])} <span class="canon">{e(m["indicator_name"])}</span>'
            parts.append(
                f'<tr class="measure kind-{e(m["kind"])}" id="{measure_anchor(m["measure_id"])}" '
                f'data-measure="{e(m["measure_id"])}" data-kind="{e(m["kind"])}" data-regions="{e(regions_in)}" '
                f'data-indicator="{e(indicator_key(m))}" '
                f'data-indicator-name="{e(m["indicator_name"] or m["indicator"])}" '
                f'data-year="{m["target_year"] if m["target_year"] is not None else ""}">'
                f'<td>{e(m["kind"])}</td><td>{shown_ind}</td><td>{e(cmp_ + _fmt_value(m))}</td>'
                f'<td>{m["target_year"] if m["target_year"] is not None else "—"}</td>'
                f'<td>{e(m["region_name"] or "")}</td>'
                f'<td><a class="to-sentence" href="#{anchor}">§{key[1]}</a></td></tr>')
        parts.append("</tbody></table><ol class=\"sentences\">")
        for key, s in sentences.items():
            anchor = sentence_anchor(d["doc_id"], *key)
            parts.append(f'<li class="sentence" id="{anchor}" value="{key[1]}" data-measures="{e(" ".join(s["ids"]))}">'
                         f'{_highlighted(s["text"], s["spans"])}</li>')
        parts.append("</ol></section>")
    return "\n".join(parts)


def render(data: dict) -> str:
    chart_data = {k: data[k] for k in ("summary", "heatmap", "milestones", "indicators", "region_names")}
    # no "<" at all inside the script element, so no text from a document can close or confuse it
    payload = (json.dumps(chart_data, ensure_ascii=False, default=_json_default)
               .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
    s = data["summary"]
    values = {
        "csp": CSP, "css": _asset("report.css"), "js": _asset("report.js"), "data": payload,
        "generated_at": html.escape(s["generated_at"]), "n_documents": str(s["documents"]),
        "n_measures": str(s["measures"]), "n_targets": str(s["targets"]), "n_achievements": str(s["achievements"]),
        "n_regions": str(s["regions"]), "schema_version": html.escape(s["schema_version"]),
        "extractor_versions": html.escape(s["extractor_versions"] or "—"), "documents": render_documents(data),
    }
    # one pass, so that text from the documents is never taken for a placeholder
    values["font_face"] = "{{font_face}}"
    page = re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], _asset("template.html"))
    # the font is cut to the page's own characters, so it comes last; it is the first "{{font_face}}" of the
    # page (inside <style>, before any document text), and a document's own "{{font_face}}" stays as it is
    return page.replace("{{font_face}}", font_face(page), 1)


def write_report(con: duckdb.DuckDBPyConnection, out: str | os.PathLike, top: int = 20,
                 max_documents: int | None = None) -> dict:
    """Write the report to ``out`` (atomically: a reader sees the old file or the new one)."""
    data = collect(con, top=top, max_documents=max_documents)
    page = render(data).encode("utf-8")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        tmp.write_bytes(page)
        os.replace(tmp, out)
    except BaseException:  # out is a folder, the folder is read-only, the disk is full: leave nothing behind
        tmp.unlink(missing_ok=True)
        raise
    return {"documents": data["summary"]["documents"], "documents_listed": len(data["documents"]),
            "measures": data["summary"]["measures"], "bytes": len(page), "path": str(out)}

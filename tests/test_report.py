"""`tanlu report`: one self-contained HTML file; what it shows, checked in the file and in headless Chromium."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from flows.cli import main
from schemas import tables
from warehouse import report, store

from tests import controlled

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
# one cell per region x target year, over all sectors: the nation (2025, 2030, 2060), 江苏 (2023, 2025, 2028,
# 2030), 镇江 (2023, 2028, 2030), 浙江, 安徽, 合肥 (2025, 2030 each) and the unknown code (2025); 扬中 is a
# county and shows inside 镇江 and 江苏
HEAT_CELLS = 3 + 4 + 3 + 2 + 2 + 2 + 1


class Page(HTMLParser):
    def __init__(self, text: str):
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.srcs: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.add(a["id"])
        if "href" in a:
            self.hrefs.append(a["href"])
        if "src" in a:
            self.srcs.append(a["src"])

    def all(self, tag, cls=None, **attrs):
        return [a for t, a in self.tags if t == tag and (cls is None or cls in (a.get("class") or "").split())
                and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())]


@pytest.fixture(scope="module")
def wh(tmp_path_factory):
    return str(controlled.build(tmp_path_factory.mktemp("report") / "tanlu.duckdb"))


@pytest.fixture(scope="module")
def built(wh, tmp_path_factory):
    out = tmp_path_factory.mktemp("html") / "report.html"
    assert main(["--warehouse", wh, "report", "--out", str(out)]) == 0
    return out, out.read_text(encoding="utf-8")


def test_the_command_writes_one_file_and_says_so(wh, tmp_path, capsys):
    out = tmp_path / "r" / "report.html"
    assert main(["--warehouse", wh, "report", "--out", str(out)]) == 0
    msg = capsys.readouterr().out
    assert msg.startswith(f"report {out}: 7 documents, 20 measures, ") and msg.rstrip().endswith("no network needed")
    assert sorted(p.name for p in out.parent.iterdir()) == ["report.html"]


def test_nothing_is_loaded_from_anywhere(built):
    _, text = built
    page = Page(text)
    assert page.srcs == []  # scripts, styles and pictures are all inline
    assert all(h.startswith("#") for h in page.hrefs), [h for h in page.hrefs if not h.startswith("#")]
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", text, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//|<link\b|<iframe\b", text, re.I)
    csp = page.all("meta", http_equiv="Content-Security-Policy")
    assert len(csp) == 1 and csp[0]["content"].startswith("default-src 'none'")


def test_every_measure_links_to_its_sentence_with_the_value_marked(built):
    _, text = built
    page = Page(text)
    rows = page.all("tr", "measure")
    assert sorted(r["data-measure"] for r in rows) == [controlled.measure_id(i) for i in range(20)]
    for h in page.hrefs:
        assert h[1:] in page.ids, f"dangling link {h}"
    assert len(page.all("a", "to-sentence")) == 20
    # each measure's value is marked in its sentence, with the measure's id
    for i, m in enumerate(controlled.MEASURES):
        assert f'<mark id="v-{controlled.measure_id(i)}">{m.anchor}</mark>' in text, m
    assert sorted(r["id"] for r in rows) == [f"m-{controlled.measure_id(i)}" for i in range(20)]
    # the sentence anchors are per document, article and sentence
    yz = controlled.doc_id("yangzhong")
    assert report.sentence_anchor(yz, 0, 0) in page.ids and report.sentence_anchor(yz, 0, 1) in page.ids


def test_every_document_is_listed_with_its_measure_count(built):
    _, text = built
    page = Page(text)
    docs = page.all("section", "doc")
    assert len(docs) == 7
    counts = {a["id"]: int(a["data-measures"]) for a in docs}
    assert counts[report.doc_anchor(controlled.doc_id("nat"))] == 5
    assert counts[report.doc_anchor(controlled.doc_id("huaian"))] == 0
    assert "No measure found in this document." in text
    assert '<b>7</b> documents · <b>20</b> measures (<b>17</b> targets' in text


def test_the_embedded_data_matches_the_warehouse(built, wh):
    _, text = built
    blob = re.search(r'<script type="application/json" id="tanlu-data">(.*?)</script>', text, re.S).group(1)
    data = json.loads(blob)
    assert len(data["heatmap"]) == HEAT_CELLS
    assert {(c["region_name"], c["target_year"]): c["n_targets"] for c in data["heatmap"]}[("江苏省", 2023)] == 2
    assert [(m["region_name"], m["peak_year"], m["neutrality_year"]) for m in data["milestones"]] == [
        ("中华人民共和国", 2030, 2060), ("镇江市", 2028, None), ("江苏省", 2030, None)]
    assert data["indicators"][0] == {"indicator": "非化石能源消费比重", "indicator_id": "non_fossil_share",
                                     "n_measures": 6, "n_targets": 6, "n_achievements": 0, "n_regions": 4,
                                     "n_documents": 4, "n_phrasings": 1}
    # canonical indicators count under their name, however the texts phrase them; the rest under their text
    assert [(i["indicator"], i["indicator_id"], i["n_measures"], i["n_phrasings"]) for i in data["indicators"]] == [
        ("非化石能源消费比重", "non_fossil_share", 6, 1), ("光伏装机", "solar_capacity", 5, 3),
        ("碳达峰", "carbon_peak", 3, 2), ("单位地区生产总值能耗", "energy_intensity", 2, 1),
        ("屋顶光伏安装率", "rooftop_solar_rate", 1, 1), ("新能源汽车产量", None, 1, 1),
        ("碳中和", "carbon_neutrality", 1, 1), ("绿色工厂数量", None, 1, 1)]


def test_top_indicators_fall_back_to_the_text_in_a_warehouse_without_canonical_ids(wh, tmp_path):
    import shutil as sh

    old = tmp_path / "old.duckdb"
    sh.copyfile(wh, old)
    with duckdb.connect(str(old)) as con:
        for v in ("measure_facts", "indicator_comparison", "commitments", "target_revisions", "indicator_timeline",
                  "targets_by_region_year", "carbon_milestones", "document_coverage"):
            con.execute(f"DROP VIEW IF EXISTS {v}")
        con.execute("DROP TABLE indicators")
        con.execute("ALTER TABLE measures DROP COLUMN indicator_id")
        top = report.top_indicators(con, 3)
    assert [(i["indicator"], i["indicator_id"], i["n_measures"]) for i in top] == [
        ("非化石能源消费比重", None, 6), ("二氧化碳排放达峰", None, 2), ("企业屋顶电站装机容量", None, 2)]


def test_text_from_documents_cannot_break_the_page(tmp_path):
    path = controlled.build(tmp_path / "w.duckdb")
    b = controlled.batch()
    doc = {**b["documents"].to_pylist()[0], "doc_id": controlled.doc_id("evil"), "source_name": "evil.txt",
           "title": "</script><script>alert(1)</script>{{documents}}", "published_date": date(2024, 1, 1)}
    m = {**b["measures"].to_pylist()[0], "measure_id": "evil1", "doc_id": doc["doc_id"], "source_name": "evil.txt",
         "indicator": "</script><img src=x onerror=alert(1)>", "evidence": "<b>达到20%</b>", "value_raw": "20%"}
    with store.open_warehouse(path) as con:
        store.load_batch(con, {"documents": pa.Table.from_pylist([doc], tables.DOCUMENTS.arrow),
                               "measures": pa.Table.from_pylist([m], tables.MEASURES.arrow)})
        text = report.render(report.collect(con))
    assert "<script>alert(1)" not in text and "<img src=x" not in text and "<b>达到" not in text
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;{{documents}}" in text
    assert '&lt;b&gt;达到<mark id="v-evil1">20%</mark>&lt;/b&gt;' in text
    assert text.count("<script") == 2  # the data block and the report's own script


def test_an_empty_warehouse_gives_a_page_that_says_so(tmp_path):
    path = tmp_path / "empty.duckdb"
    with store.open_warehouse(path) as con:
        from transforms import regions
        store.migrate(con, regions.regions_table())
        text = report.render(report.collect(con))
    assert "<b>0</b> documents" in text and '"heatmap": []' in text


# --- in a browser ---------------------------------------------------------------------------------------------

def chromium(args: list[str], tmp: Path) -> subprocess.CompletedProcess:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-dev-shm-usage", f"--user-data-dir={tmp / 'profile'}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (`make browser` installs Debian's package)")
def test_the_report_renders_in_headless_chromium_without_network(built, tmp_path):
    out, _ = built
    netlog = tmp_path / "netlog.json"
    res = chromium([f"--log-net-log={netlog}", "--dump-dom", out.as_uri()], tmp_path)
    dom = res.stdout
    assert 'data-rendered="yes"' in dom, res.stderr[-2000:]
    page = Page(dom)
    # drawn by the report's script from the embedded data
    cells = page.all("g", "heat-cell")
    assert len(cells) == HEAT_CELLS
    assert {(c["data-region"], c["data-year"]): int(c["data-n"]) for c in cells}[("320000", "2023")] == 2
    assert len(page.all("circle", "peak")) == 3 and len(page.all("path", "neutrality")) == 1
    assert sorted(int(c["data-year"]) for c in page.all("circle", "peak")) == [2028, 2030, 2030]
    assert len(page.all("div", "bar")) == 8
    assert page.all("div", "bar")[0]["data-indicator"] == "非化石能源消费比重"
    assert len(page.all("tr", "measure")) == 20 and len(page.all("section", "doc")) == 7
    # the milestone marks link to the measures' marked values, and no link dangles
    assert sorted(h for h in page.hrefs if h.startswith("#m-")) == ["#m-m002", "#m-m004", "#m-m007", "#m-m011"]
    assert all(h[1:] in page.ids for h in page.hrefs), [h for h in page.hrefs if h[1:] not in page.ids]
    # the page itself asked for nothing: every request in the log is the browser's own ("not an origin")
    events = json.loads(netlog.read_text())
    names = {v: k for k, v in events["constants"]["logEventTypes"].items()}
    page_requests = [e["params"]["url"] for e in events["events"]
                     if names.get(e["type"]) == "URL_REQUEST_START_JOB" and "url" in e.get("params", {})
                     and e["params"].get("initiator") != "not an origin"]
    assert page_requests == []


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (`make browser` installs Debian's package)")
def test_the_network_check_catches_a_page_that_fetches(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text('<html><body><img src="http://example.invalid/x.png"></body></html>')
    netlog = tmp_path / "netlog.json"
    chromium([f"--log-net-log={netlog}", "--dump-dom", bad.as_uri()], tmp_path)
    events = json.loads(netlog.read_text())
    names = {v: k for k, v in events["constants"]["logEventTypes"].items()}
    urls = [e["params"]["url"] for e in events["events"]
            if names.get(e["type"]) == "URL_REQUEST_START_JOB" and e.get("params", {}).get("initiator") == "null"]
    assert urls == ["http://example.invalid/x.png"]


def test_max_documents_lists_the_latest_documents_but_charts_everything(wh, tmp_path, capsys):
    out = tmp_path / "r.html"
    assert main(["--warehouse", wh, "report", "--out", str(out), "--max-documents", "2"]) == 0
    assert capsys.readouterr().out.startswith(f"report {out}: 7 documents (2 listed), 20 measures, ")
    text = out.read_text(encoding="utf-8")
    page = Page(text)
    docs = [a["id"] for a in page.all("section", "doc")]
    assert docs == [report.doc_anchor(controlled.doc_id("yangzhong")), report.doc_anchor(controlled.doc_id("js"))]
    assert len(page.all("tr", "measure")) == 2 + 4
    assert "The 2 most recently published of 7 documents are listed" in text
    blob = re.search(r'id="tanlu-data">(.*?)</script>', text, re.S).group(1)
    assert len(json.loads(blob)["heatmap"]) == HEAT_CELLS
    for h in page.hrefs:
        assert h[1:] in page.ids, f"dangling link {h}"
    if CHROMIUM:  # the timeline marks of measures not listed get no link rather than a dangling one
        dom = Page(chromium(["--dump-dom", out.as_uri()], tmp_path).stdout)
        assert len(dom.all("circle", "peak")) == 3
        assert all(h[1:] in dom.ids for h in dom.hrefs), [h for h in dom.hrefs if h[1:] not in dom.ids]
        # 江苏's plan is listed, so its peak links; the nation's and 镇江's documents are not
        assert [h for h in dom.hrefs if h.startswith("#m-")] == ["#m-m007"]


@pytest.mark.corpus
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (`make browser` installs Debian's package)")
def test_the_corpus_report_renders_every_measure(corpus_dir, tmp_path, tmp_path_factory):
    from tests.test_views import corpus_warehouse

    path = corpus_warehouse(corpus_dir, tmp_path_factory)
    out = tmp_path / "corpus.html"
    assert main(["--warehouse", str(path), "report", "--out", str(out)]) == 0
    with duckdb.connect(str(path), read_only=True) as con:
        n_measures, n_docs = con.execute("SELECT (SELECT count(*) FROM measures), (SELECT count(*) FROM documents)"
                                         ).fetchall()[0]
        n_cells = con.execute("SELECT count(*) FROM (SELECT DISTINCT region_code, target_year FROM targets_by_region_year "
                              "WHERE region_level IN ('national', 'province', 'city') OR region_level IS NULL)"
                              ).fetchall()[0][0]
    dom = Page(chromium(["--dump-dom", out.as_uri()], tmp_path).stdout)
    assert len(dom.all("tr", "measure")) == n_measures > 0
    assert len(dom.all("section", "doc")) == n_docs
    assert len(dom.all("g", "heat-cell")) == n_cells
    assert all(h[1:] in dom.ids for h in dom.hrefs)


# --- Chinese renders with the embedded font, on a machine with no CJK font --------------------------------

# drawn one by one on a canvas in the page's own font: distinct characters give distinct pictures, while boxes
# (or blanks) of a missing font are all alike
GLYPH_PROBE = """<script>
var chars = %s;
document.fonts.load("28px tanlu-cjk", chars.join("")).then(function (faces) {
  var family = getComputedStyle(document.body).fontFamily, seen = {}, out = [];
  var c = document.createElement("canvas"); c.width = 40; c.height = 40;
  var g = c.getContext("2d");
  chars.forEach(function (ch) {
    g.clearRect(0, 0, 40, 40); g.font = "28px " + family; g.fillStyle = "#000"; g.fillText(ch, 4, 32);
    var px = g.getImageData(0, 0, 40, 40).data, ink = 0, h = 0;
    for (var i = 3; i < px.length; i += 4) { if (px[i]) ink++; h = (h * 31 + px[i]) %% 1000000007; }
    out.push(ch + ":" + ink + ":" + h);
    seen[ink + ":" + h] = true;
  });
  document.body.setAttribute("data-glyphs", Object.keys(seen).length + "/" + chars.length);
  document.body.setAttribute("data-font-check", faces.length + " " + faces.map(function (f) { return f.status; }));
  document.body.setAttribute("data-glyph-list", out.join(" "));
});
</script></body>"""
PROBE_CHARS = list(dict.fromkeys("碳路江苏省镇江市中华人民共和国达峰非化石能源消费比重"))  # 24 distinct


def no_cjk_fonts(tmp: Path) -> dict:
    """An environment whose fontconfig knows only Latin fonts (DejaVu or Liberation Sans, when the machine has them,
    else none at all), so no system font can draw Chinese: a missing glyph is the Latin font's box."""
    import os

    (tmp / "fonts").mkdir()
    for f in sorted(Path("/usr/share/fonts/truetype").glob("*/*Sans-Regular.ttf"))[:2] + \
            sorted(Path("/usr/share/fonts/truetype/dejavu").glob("DejaVuSans.ttf")):
        (tmp / "fonts" / f.name).symlink_to(f)
    conf = tmp / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    f'<dir>{tmp / "fonts"}</dir><cachedir>{tmp / "fc-cache"}</cachedir></fontconfig>')
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


def glyphs_drawn(page: str, tmp: Path) -> tuple[int, int, str]:
    """(distinct pictures, characters drawn, the tanlu-cjk faces loaded) for PROBE_CHARS in headless Chromium, no CJK font."""
    tmp.mkdir(parents=True, exist_ok=True)
    probe = tmp / "probe.html"
    probe.write_text(page.replace("</body>", GLYPH_PROBE % json.dumps(PROBE_CHARS, ensure_ascii=False), 1),
                     encoding="utf-8")
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={tmp / 'profile'}", "--virtual-time-budget=5000", "--dump-dom", probe.as_uri()]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=no_cjk_fonts(tmp))
    body = Page(res.stdout).all("body")
    assert body and "data-glyphs" in body[0], res.stderr[-2000:]
    distinct, drawn = map(int, body[0]["data-glyphs"].split("/"))
    return distinct, drawn, body[0]["data-font-check"]


def test_the_page_embeds_a_font_cut_to_its_own_characters(built):
    from fontTools.ttLib import TTFont
    import base64
    import io

    _, text = built
    src = re.search(r'@font-face \{ font-family: "tanlu-cjk";.*?url\("data:font/woff;base64,([A-Za-z0-9+/=]+)"\)',
                    text).group(1)
    font = TTFont(io.BytesIO(base64.b64decode(src)))
    cmap = font.getBestCmap()
    page_chars = {ord(c) for c in text if ord(c) > 0x7E}
    # every Chinese character of the page is in the font, and nothing else is: no ASCII, no glyph the page lacks
    han = {c for c in page_chars if 0x4E00 <= c <= 0x9FFF}
    assert han and han <= set(cmap)
    assert set(cmap) <= page_chars
    assert ord("碳") in cmap and ord("A") not in cmap
    assert "font-src data:" in Page(text).all("meta", http_equiv="Content-Security-Policy")[0]["content"]
    # the OFL's licence travels with the subset
    assert "Open Font License" in font["name"].getDebugName(13)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (`make browser` installs Debian's package)")
def test_chinese_renders_with_real_glyphs_where_no_cjk_font_is_installed(built, tmp_path):
    _, text = built
    distinct, drawn, check = glyphs_drawn(text, tmp_path / "with")
    assert (distinct, drawn, check) == (len(PROBE_CHARS), len(PROBE_CHARS), "1 loaded")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (`make browser` installs Debian's package)")
def test_the_glyph_check_catches_boxes_when_the_font_is_missing(built, tmp_path):
    # the same page without its @font-face: in that environment every character is the same box (or blank)
    _, text = built
    bare = re.sub(r'@font-face \{ font-family: "tanlu-cjk";.*?\}', "", text, count=1)
    assert bare != text
    distinct, drawn, check = glyphs_drawn(bare, tmp_path / "without")
    assert drawn == len(PROBE_CHARS) and distinct == 1 and check == "0 "


FILTER_PROBE = """<script>
(function () {
  var out = {};
  function click(q) { document.querySelector(q).dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true})); }
  function state() {
    return {shown: Array.prototype.filter.call(document.querySelectorAll("tr.measure"), function (t) { return !t.hidden; })
                   .map(function (t) { return t.dataset.measure; }).sort(),
            docs: document.querySelectorAll("section.doc:not([hidden])").length,
            sentences: document.querySelectorAll("li.sentence:not([hidden])").length,
            filter: document.body.dataset.filter, count: document.getElementById("filter-count").textContent};
  }
  out.start = state();
  click('g.heat-cell[data-region="320000"][data-year="2023"] a');
  out.cell = state();
  click('a.bar-label[data-indicator-key="id:solar_capacity"]');
  out.bar = state();
  var kind = document.getElementById("filter-kind");
  kind.value = "achievement"; kind.dispatchEvent(new Event("change"));
  out.achievements = state();
  var region = document.getElementById("filter-region");
  out.regions = Array.prototype.map.call(region.options, function (o) { return o.value + "=" + o.textContent; });
  region.value = "330000"; kind.value = ""; region.dispatchEvent(new Event("change"));
  out.zhejiang = state();
  document.getElementById("filter-reset").click();
  out.reset = state();
  document.body.setAttribute("data-probe", JSON.stringify(out));
})();
</script></body>"""


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (`make browser` installs Debian's package)")
def test_the_filter_and_the_heatmap_cells_lead_to_the_measures(built, tmp_path):
    _, text = built
    probe = tmp_path / "probe.html"
    probe.write_text(text.replace("</body>", FILTER_PROBE, 1), encoding="utf-8")
    res = chromium(["--dump-dom", probe.as_uri()], tmp_path)
    body = Page(res.stdout).all("body")[0]
    assert "data-probe" in body, res.stderr[-2000:]
    out = json.loads(body["data-probe"])
    assert len(out["start"]["shown"]) == 20 and out["start"]["docs"] == 7
    # 江苏's 2023 cell (2 targets, its county 扬中's) shows those two targets, in 扬中's document
    assert out["cell"]["shown"] == ["m013", "m014"] and out["cell"]["docs"] == 1 and out["cell"]["sentences"] == 1
    assert out["cell"]["filter"] == "320000||target|2023"
    assert out["cell"]["count"] == "2 of 20 measures, in 1 documents"
    # the 光伏装机 bar: every phrasing of solar_capacity, in every place; then only its achievements
    assert out["bar"]["shown"] == ["m008", "m010", "m012", "m014", "m015"]
    assert out["achievements"]["shown"] == ["m015"]
    # the region choices: every region a measure is in, its city's and province's too, by name
    assert "320000=江苏省" in out["regions"] and "321100=镇江市" in out["regions"] and "321182=扬中市" in out["regions"]
    assert out["zhejiang"]["shown"] == ["m010"] and out["zhejiang"]["filter"] == "330000|id:solar_capacity||"
    assert len(out["reset"]["shown"]) == 20 and out["reset"]["docs"] == 7


# --- a milestone belongs to the place it is about -------------------------------------------------------------

def with_jiangsu_peak(path: Path, evidence: str) -> Path:
    """The controlled warehouse plus one 江苏 document whose only measure is a 2025 carbon peak stated by ``evidence``."""
    controlled.build(path)
    b = controlled.batch()
    doc = {**b["documents"].to_pylist()[0], "doc_id": controlled.doc_id("zone"), "source_name": "zone.txt",
           "title": "示范区方案", "region_code": "320000", "published_date": date(2021, 6, 1)}
    m = {**b["measures"].to_pylist()[0], "measure_id": "zone1", "doc_id": doc["doc_id"], "source_name": "zone.txt",
         "kind": "target", "indicator": "二氧化碳达峰", "indicator_id": "carbon_peak", "value": None, "value_raw": None,
         "unit": None, "target_year": 2025, "region_code": "320000", "region_level": "province", "evidence": evidence}
    with store.open_warehouse(path) as con:
        store.load_batch(con, {"documents": pa.Table.from_pylist([doc], tables.DOCUMENTS.arrow),
                               "measures": pa.Table.from_pylist([m], tables.MEASURES.arrow)})
    return path


def test_a_demonstration_zones_peak_is_not_its_provinces(tmp_path):
    path = with_jiangsu_peak(tmp_path / "zone.duckdb", "加强减污降碳协同管控，推进示范区在2025年率先实现PM2.5达标和二氧化碳达峰。")
    with duckdb.connect(str(path), read_only=True) as con:
        row = con.execute("SELECT peak_year, peak_years, peak_measure_id, part_milestones FROM carbon_milestones "
                          "WHERE region_code = '320000'").fetchall()
        data = report.collect(con)
    # 江苏's own peak stays its plan's 2030 (with two documents at one each, the earlier 2025 would have won)
    assert row == [(2030, "2030", "m007", [{"part": "推进示范区", "milestone": "peak", "year": 2025,
                                              "source": "zone.txt", "measure_id": "zone1"}])]
    js = [r for r in data["milestones"] if r["region_code"] == "320000"][0]
    assert (js["peak_year"], [p["year"] for p in js["part_milestones"]]) == (2030, [2025])
    if CHROMIUM:
        out = tmp_path / "zone.html"
        out.write_text(report.render(data), encoding="utf-8")
        dom = Page(chromium(["--dump-dom", out.as_uri()], tmp_path).stdout)
        assert [a["data-year"] for a in dom.all("circle", "part-milestone")] == ["2025"]
        assert sorted(int(c["data-year"]) for c in dom.all("circle", "peak")) == [2028, 2030, 2030]


def test_a_peak_the_whole_province_commits_to_is_its_own(tmp_path):
    # the same year, said of the whole province (全省…全领域), counts as 江苏's: two documents, one year each
    path = with_jiangsu_peak(tmp_path / "whole.duckdb", "全省在2025年率先实现全领域二氧化碳达峰。")
    with duckdb.connect(str(path), read_only=True) as con:
        row = con.execute("SELECT peak_year, peak_years, part_milestones FROM carbon_milestones "
                          "WHERE region_code = '320000'").fetchall()
    assert row == [(2025, "2025, 2030", None)]


@pytest.mark.corpus
def test_in_the_corpus_the_yangtze_demonstration_zones_peak_is_not_jiangsus(corpus_dir, tmp_path_factory):
    from tests.test_views import corpus_warehouse

    path = corpus_warehouse(corpus_dir, tmp_path_factory)
    with duckdb.connect(str(path), read_only=True) as con:
        zone = con.execute("""SELECT region_code, target_year FROM measures WHERE kind = 'target'
                              AND evidence LIKE '%推进示范区在2025年率先实现PM2.5达标和二氧化碳达峰%'
                              AND indicator LIKE '%达峰%'""").fetchall()
        jiangsu = con.execute("SELECT peak_year, part_milestones FROM carbon_milestones WHERE region_code = '320000'"
                              ).fetchall()
        nation = con.execute("SELECT peak_year, [p.part FOR p IN part_milestones] FROM carbon_milestones "
                             "WHERE region_code = '100000'").fetchall()
    assert zone == [("320000", 2025)]  # the extractor files the zone's sentence under 江苏
    assert jiangsu == []  # and 江苏's texts state no peak of its own
    # the nation's 2030 stays, its building sector's peak (城乡建设领域碳达峰) is a part's
    assert nation[0][0] == 2030 and "城乡建设领域" in nation[0][1]

"""The share of measures whose free-text ``indicator`` is a fragment, not the measured quantity (issue 10).

    python -m bench.indicator_fragments [--show 40] [--examples]

Runs the pure pipeline over ../shared/corpus and counts the measures whose indicator is a fragment:

- a bare verb, adverb or function word (改造, 保持, 明确, 大幅, 随后以, 分别…), however many in a row;
- a bare head with nothing it is the head of (比例, 比重, 占比, 覆盖率, 装机, 蓄积量…);
- a column header or table attribute (约束性, 预期性, 指标, 指标名称, 单位, 目标值, 2025年目标值…);
- a name with a dangling 占 at either end (可再生能源电量占, 占全国发电总装机容量的比重), a dangling 达
  (…达), a comparison that names only what it is compared with (比全国平均水平高), or a name cut at a
  conjunction or a list's 等 (产业发展投资引导基金和, 安化等; not 碳中和, 惠及);
- a single character, or nothing.

``--definition narrow`` counts with the first definition (before the widening of the lists above and the
leading 占 / 达 / 比 cases), so that a before/after figure can be quoted on both. Prints the count, the share
and the most frequent fragments (``--examples``: each with its sentence).
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import regex

from transforms import pipeline

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"

# the first definition (kept to quote the figure it gave)
_VERBS_1 = ("改造|保持|明确|实施|完成|建设|建成|达到|提高|提升|下降|降低|减少|增加|增长|实现|新增|累计|推广|开展|创建|培育|"
            "争取|力争|确保|大幅|稳定|持续|进一步|超过|突破|约|共|其中|分别|均|全部|基本|合计|总计|新建|打造|推进|支持|奖励")
_HEADS_1 = "比例|比重|占比|覆盖率|利用率|增速|增幅|降幅|规模|总量|面积|容量|装机|数量|个数|强度|浓度|率"
_HEADERS_1 = "约束性|预期性|指标|指标名称|单位|属性|类别|序号|目标值|基期值|现状值|备注|合计|小计|总计|其他"
NARROW = regex.compile(rf"^(({_VERBS_1})+|({_HEADS_1})|({_HEADERS_1})|.)$|占$")

VERBS = (_VERBS_1 + "|扩大|整治|治理|保护|营造|修复|淘汰|关停|退出|安装|落实|投入|安排|压减|化解|清理|搬迁|引进|建立|认定|"
         "命名|授牌|获批|创成|组建|参与|设立|配备|形成|投产|选聘|发展|改善|优化|加快|加强|全面|积极|重点|率先|随后|按照|按|以|"
         "达|为|是|在|将|要|已|再|由|从|对|并|和|及|与|占|比|较|同比|年均|平均|总|计|有|也|还|仅|近|超")
HEADS = _HEADS_1 + "|占有率|份额|比率|蓄积量|装机容量|装机规模|能耗|排放|排放量|排放强度"
HEADERS = (_HEADERS_1 + "|指标属性|主要指标|具体指标|指标类别|指标类型|规划目标|目标|现状|基准值|基准年|基期|年份|数值|完成值|实际值|"
           "目标年|责任单位|牵头单位|说明|名称|内容|数据来源|(?:20\\d\\d年)(?:目标值?|基期值|现状值?|完成值?|实际值?|规划值|预期值)?")
FRAGMENT = regex.compile(rf"^(?:(?:{VERBS})+|(?:{HEADS})|(?:{HEADERS})|.)$|^占|占$|^达(?!标)|达$|^比(?![重例率值])"
                         r"|(?<![中惠涉普以])[和及与、]$|(?<=..)等$")


def is_fragment(indicator: str | None, definition: regex.Pattern = FRAGMENT) -> bool:
    s = regex.sub(r"\s+", "", indicator or "")
    return not s or bool(definition.search(s))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", type=int, default=30)
    ap.add_argument("--definition", choices=("wide", "narrow"), default="wide")
    ap.add_argument("--examples", action="store_true", help="print every fragment with its sentence")
    a = ap.parse_args()
    definition = FRAGMENT if a.definition == "wide" else NARROW
    t = pipeline.process(pipeline.read_sources(pipeline.list_inputs([CORPUS])))
    rows = t.measures.select(["indicator", "value_raw", "evidence"]).to_pylist()
    names = [r["indicator"] for r in rows]
    bad = Counter(n for n in names if is_fragment(n, definition))
    n_bad = sum(bad.values())
    print(f"{n_bad} of {len(names)} corpus measures ({n_bad / max(len(names), 1):.1%}) name a fragment, "
          f"not the measured quantity ({a.definition} definition)")
    for name, n in bad.most_common(a.show):
        print(f"  {n:4d}  {name}")
    if a.examples:
        for r in rows:
            if is_fragment(r["indicator"], definition):
                print(f"{r['indicator']!r} {r['value_raw']} | {(r['evidence'] or '')[:200]}")


if __name__ == "__main__":
    main()

"""The share of measures whose free-text ``indicator`` is a fragment, not the measured quantity (issue 10).

    python -m bench.indicator_fragments [--show 40]

Runs the pure pipeline over ../shared/corpus and counts the measures whose indicator is a bare verb or
adverb (改造, 保持, 明确, 大幅…), a bare head (比例, 比重, 占比, 覆盖率…), a column header or table attribute
(约束性, 预期性, 指标, 单位…), a name cut at a dangling 占, or a single character. Prints the count, the share
and the most frequent fragments.
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import regex

from transforms import pipeline

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"

VERBS = ("改造|保持|明确|实施|完成|建设|建成|达到|提高|提升|下降|降低|减少|增加|增长|实现|新增|累计|推广|开展|创建|培育|"
         "争取|力争|确保|大幅|稳定|持续|进一步|超过|突破|约|共|其中|分别|均|全部|基本|合计|总计|新建|打造|推进|支持|奖励")
HEADS = "比例|比重|占比|覆盖率|利用率|增速|增幅|降幅|规模|总量|面积|容量|装机|数量|个数|强度|浓度|率"
HEADERS = "约束性|预期性|指标|指标名称|单位|属性|类别|序号|目标值|基期值|现状值|备注|合计|小计|总计|其他"
FRAGMENT = regex.compile(rf"^(({VERBS})+|({HEADS})|({HEADERS})|.)$|占$")


def is_fragment(indicator: str | None) -> bool:
    s = regex.sub(r"\s+", "", indicator or "")
    return not s or bool(FRAGMENT.search(s))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", type=int, default=30)
    a = ap.parse_args()
    t = pipeline.process(pipeline.read_sources(pipeline.list_inputs([CORPUS])))
    names = t.measures.column("indicator").to_pylist()
    bad = Counter(n for n in names if is_fragment(n))
    n_bad = sum(bad.values())
    print(f"{n_bad} of {len(names)} corpus measures ({n_bad / max(len(names), 1):.1%}) name a fragment, "
          f"not the measured quantity")
    for name, n in bad.most_common(a.show):
        print(f"  {n:4d}  {name}")


if __name__ == "__main__":
    main()

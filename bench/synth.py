"""Synthetic corpus generator: many documents made from the seeds (and the work reports when present),
with varied numbers, places and years, so that the pipeline can be timed at scale."""
from __future__ import annotations

import random
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCES = [REPO / "seeds", REPO.parent / "shared" / "corpus" / "work-reports"]
PLACES = ["江苏省", "南京市", "苏州市", "扬中市", "浙江省", "杭州市", "广东省", "深圳市", "四川省", "成都市"]


def templates() -> list[str]:
    out = []
    for folder in SOURCES:
        if folder.is_dir():
            out += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    return out


def generate(out_dir: Path, n_docs: int, seed: int = 7) -> list[Path]:
    """Write ``n_docs`` text files under ``out_dir``; returns their paths."""
    rng = random.Random(seed)
    base = templates()
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n_docs):
        text = rng.choice(base)
        text = re.sub(r"\d+(?:\.\d+)?", lambda m: str(round(float(m.group()) * rng.uniform(0.5, 1.5), 1)), text)
        text = f"{rng.choice(PLACES)}关于推进碳达峰工作的通知\n" + text
        p = out_dir / f"synthetic_{i:06d}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths

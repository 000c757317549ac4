"""What reading a brief costs: `extract_constraints` (texts quoted or not, the document kind, things, relations,
structures, colours, positions) per brief, against planning and rendering the same brief in the same process.

For every prompt of LongText-Bench (English and Chinese, 320 briefs of 100-1,000 characters) and for a brief of
the longest size accepted (10,000 characters), in one process after a warm-up brief (the vocabularies and the
inflection engine load once per process, timed on their own as `first read`):

- read: `extract_constraints(brief)`;
- plan: the rules planner's `plan` of that reading;
- render: `PlanRenderer.render` of that plan (layout, shaping, painting).

The ratio read / (plan + render) says what share of making an image the reading adds.

    .venv/bin/python bench/bench_read.py ../shared/benchmarks/longtext_bench_prompts_en.jsonl \\
        ../shared/benchmarks/longtext_bench_prompts_zh.jsonl
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from tessera.contract import Canvas  # noqa: E402
from tessera.planner import RulePlanner, extract_constraints  # noqa: E402
from tessera.renderer import PlanRenderer  # noqa: E402

_LONG_SENTENCE = "A red kite flies above a tall tree near a small wooden house by the lake, titled 'Summer'. "


def _seconds(action: object) -> float:
    started = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - started


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("suites", nargs="+", type=Path, help="JSON-lines files with a 'prompt' per line")
    args = parser.parse_args()
    briefs = [json.loads(line)["prompt"] for suite in args.suites for line in suite.read_text().splitlines() if line]
    first = _seconds(lambda: extract_constraints("A poster with the headline 'HELLO' and a cat on a mat."))
    planner, renderer = RulePlanner(), PlanRenderer()
    reads, plans, renders = [], [], []
    for brief in briefs:
        started = time.perf_counter()
        constraints = extract_constraints(brief)
        reads.append(time.perf_counter() - started)
        canvas = constraints.canvas or Canvas()
        started = time.perf_counter()
        plan = planner.plan(constraints, canvas).plan
        plans.append(time.perf_counter() - started)
        renders.append(_seconds(lambda plan=plan: renderer.render(plan)))
    longest = (_LONG_SENTENCE * 120)[:10_000]
    long_read = min(_seconds(lambda: extract_constraints(longest)) for _ in range(3))
    ratio = sum(reads) / (sum(plans) + sum(renders))
    print(f"briefs: {len(briefs)}; first read in a process (loads vocabularies and inflect): {first:.3f} s")
    print("| step | median s | p95 s | max s |")
    print("|---|---|---|---|")
    for name, values in (("read", reads), ("plan", plans), ("render", renders)):
        print(f"| {name} | {statistics.median(values):.4f} | {_percentile(values, 0.95):.4f} | {max(values):.4f} |")
    print(f"read / (plan + render), all briefs: {ratio:.3f}")
    print(f"a 10,000-character brief: read in {long_read:.3f} s (best of 3)")


if __name__ == "__main__":
    main()

"""What `--effort high` costs: wall time and peak memory of `tessera generate` at each effort, as ratios to low
measured in the same run (high plans, renders, verifies and scores several candidates before it revises).

    .venv/bin/python bench/bench_effort.py --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_generate import ROOT, _measure  # noqa: E402  (the same child-process measurement)

BRIEFS = {
    "slide": "A launch slide titled 'Q3 Results' with a bar chart of revenue by region (North 42, South 31, East 27, "
    "West 19) and three bullet points: 'Revenue up 18%', 'Two new markets', 'Margin steady'",
    "poster": "A jazz night poster: 'Blue Note Evening', Friday 8 PM, The Loft, tickets $15, vintage style",
}
EFFORTS = ("low", "medium", "high")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "TESSERA_HOME": home}
        for name, brief in BRIEFS.items():
            results: dict[str, tuple[float, float, int]] = {}
            for effort in EFFORTS:
                seconds, memory, revisions = [], [], 0
                for run in range(args.runs):
                    out = Path(home) / f"{name}-{effort}-{run}.png"
                    command = [sys.executable, "-m", "tessera", "generate", brief, "--effort", effort]
                    wall, rss, stdout = _measure([*command, "--out", str(out), "--json"], env)
                    seconds.append(wall)
                    memory.append(rss)
                    revisions = json.loads(stdout)["revisions"]
                results[effort] = (statistics.median(seconds), max(memory), revisions)
            low_s, low_mb, _ = results["low"]
            for effort, (wall, rss, revisions) in results.items():
                print(
                    f"{name:7} {effort:7} {wall:6.2f} s ({wall / low_s:4.2f}x low)  "
                    f"{rss:6.0f} MiB ({rss / low_mb:4.2f}x low)  revisions {revisions}"
                )


if __name__ == "__main__":
    os.chdir(ROOT)
    main()

"""End-to-end time and peak memory of `tessera generate`, against the floor measured in the same run.

Each measurement is a fresh process (so Python start-up and imports count, as they do for a
user), timed by wall clock; peak memory is the child's maximum resident set size. The floor is
bench/floor.py over the run just made: the same strings drawn with Pillow into the same boxes,
PNG-encoded, plus one tesseract call per box.

    .venv/bin/python bench/bench_generate.py --runs 5 --sizes 1024x1024 2048x2048
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BRIEF = (
    "A launch poster on a deep blue background. Headline 'GRAND OPENING'. "
    "Below it 'Saturday 10 AM'. Exactly 5 red balloons across the top."
)


def _measure(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MiB, and stdout of one child process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    assert process.stdout is not None
    stdout = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 3):
        raise SystemExit(f"{' '.join(command)} failed with {status}")
    return seconds, usage.ru_maxrss / 1024, stdout


def bench_size(size: str, runs: int, workdir: Path) -> dict[str, float | str]:
    env = {**os.environ, "TESSERA_HOME": str(workdir / "home")}
    tessera = str(ROOT / ".venv" / "bin" / "tessera")
    python = str(ROOT / ".venv" / "bin" / "python")
    generate_times, generate_memory, floor_times, floor_memory = [], [], [], []
    passed = True
    for index in range(runs):
        out = workdir / f"poster-{size}-{index}.png"
        seconds, peak, stdout = _measure([tessera, "generate", BRIEF, "--size", size, "--out", str(out), "--json"], env)
        result = json.loads(stdout)
        passed &= result["verification"]["passed"]
        generate_times.append(seconds)
        generate_memory.append(peak)
        floor_seconds, floor_peak, _ = _measure(
            [python, str(ROOT / "bench" / "floor.py"), result["run_folder"], str(workdir / "floor.png")], env
        )
        floor_times.append(floor_seconds)
        floor_memory.append(floor_peak)
    median = statistics.median
    return {
        "size": size,
        "all_passed": passed,
        "generate_s": round(median(generate_times), 3),
        "floor_s": round(median(floor_times), 3),
        "time_ratio": round(median(generate_times) / median(floor_times), 2),
        "generate_peak_mib": round(median(generate_memory), 1),
        "floor_peak_mib": round(median(floor_memory), 1),
        "memory_ratio": round(median(generate_memory) / median(floor_memory), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", nargs="+", default=["1024x1024", "2048x2048"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = [bench_size(size, args.runs, Path(tmp)) for size in args.sizes]
    print(
        "| size | generate (median s) | floor (median s) | time ratio | generate peak MiB | floor peak MiB "
        "| memory ratio | all passed |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['size']} | {row['generate_s']} | {row['floor_s']} | {row['time_ratio']}x | "
            f"{row['generate_peak_mib']} | {row['floor_peak_mib']} | {row['memory_ratio']}x | {row['all_passed']} |"
        )


if __name__ == "__main__":
    main()

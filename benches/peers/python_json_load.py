#!/usr/bin/env python3
"""Peer for benches/benches/seq_label.rs: time Python's json.load on a SeqLabel.json.

Usage: python3 python_json_load.py FILE [--repeat N]

Prints one line `python_json_load seconds=<best of N> bytes=<size> mb_per_s=<rate>`,
which the Rust bench parses to print the ratio. The file is read into memory first so the
time is the parse alone, as on the Rust side.
"""
import json
import os
import sys
import time


def main() -> int:
    args = sys.argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    path = args[0]
    repeat = 3
    if "--repeat" in args:
        repeat = int(args[args.index("--repeat") + 1])
    with open(path, "rb") as f:
        data = f.read()
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        doc = json.loads(data)
        best = min(best, time.perf_counter() - start)
        del doc
    size = os.path.getsize(path)
    print(f"python_json_load seconds={best:.6f} bytes={size} mb_per_s={size / best / 1e6:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

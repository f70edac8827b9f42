#!/usr/bin/env python3
"""Peer for benches/benches/geom_iou.rs: polygon IoU with shapely on the same polygon pairs.

Usage: python3 shapely_iou.py FILE [--repeat N]

FILE holds two lines per pair (polygon a, then polygon b), each `x0 y0 x1 y1 ...`, written
by the Rust bench with round-trip float formatting, so both sides see the same numbers.

Two ways, both timed as best of N over all pairs, the polygons built beforehand (as the
Rust side has them in memory):
- `loop`: `a.intersection(b).area / a.union(b).area` per pair, as most user code does;
- `vectorized`: shapely 2's array functions `shapely.intersection` / `shapely.union` and
  `shapely.area` over all pairs at once, GEOS without per-pair Python overhead.

Prints one line `shapely_iou pairs=<n> loop_seconds=<t> vectorized_seconds=<t>
iou_sum=<sum> version=<shapely version>`, which the Rust bench parses.
"""
import sys
import time

import numpy as np
import shapely


def read_pairs(path):
    polys = []
    with open(path) as f:
        for line in f:
            nums = [float(v) for v in line.split()]
            polys.append(shapely.Polygon(list(zip(nums[0::2], nums[1::2]))))
    return polys[0::2], polys[1::2]


def main() -> int:
    args = sys.argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    repeat = int(args[args.index("--repeat") + 1]) if "--repeat" in args else 5
    a_list, b_list = read_pairs(args[0])
    a_arr, b_arr = np.array(a_list, dtype=object), np.array(b_list, dtype=object)

    def loop():
        return sum(a.intersection(b).area / a.union(b).area for a, b in zip(a_list, b_list))

    def vectorized():
        inter = shapely.area(shapely.intersection(a_arr, b_arr))
        union = shapely.area(shapely.union(a_arr, b_arr))
        return float(np.sum(inter / union))

    def best(f):
        t = float("inf")
        result = None
        for _ in range(repeat):
            start = time.perf_counter()
            result = f()
            t = min(t, time.perf_counter() - start)
        return t, result

    loop_t, iou_sum = best(loop)
    vec_t, vec_sum = best(vectorized)
    assert abs(iou_sum - vec_sum) < 1e-6 * len(a_list), (iou_sum, vec_sum)
    print(
        f"shapely_iou pairs={len(a_list)} loop_seconds={loop_t:.6f} "
        f"vectorized_seconds={vec_t:.6f} iou_sum={iou_sum:.9f} version={shapely.__version__}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

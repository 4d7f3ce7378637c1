"""Timing for the benchmarks."""

import time


def best(function, runs: int) -> float:
    """Best wall time in seconds over `runs` calls: the least disturbed by whatever else the
    machine does."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)

"""Latency samples and their percentiles."""

import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Latency:
    samples: int
    p50_ms: float
    p95_ms: float
    mean_ms: float


def summarise(seconds: list[float]) -> Latency:
    ms = sorted(s * 1000 for s in seconds)
    p95_index = min(len(ms) - 1, round(0.95 * (len(ms) - 1)))
    return Latency(
        samples=len(ms),
        p50_ms=round(statistics.median(ms), 2),
        p95_ms=round(ms[p95_index], 2),
        mean_ms=round(statistics.fmean(ms), 2),
    )

"""Prometheus text-format metrics (exposition format 0.0.4) with no client library."""

from __future__ import annotations

import threading

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)


def _labels(pairs: tuple[tuple[str, str], ...]) -> str:
    if not pairs:
        return ""
    escaped = (k + '="' + v.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"' for k, v in pairs)
    return "{" + ",".join(escaped) + "}"


class Metrics:
    """Counters, gauges and histograms keyed by name and label values; safe across request threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._help: dict[str, tuple[str, str]] = {}
        self._values: dict[str, dict[tuple, float]] = {}
        self._histograms: dict[str, dict[tuple, list]] = {}

    def describe(self, name: str, kind: str, help_text: str) -> None:
        self._help[name] = (kind, help_text)
        if kind == "histogram":
            self._histograms.setdefault(name, {})
        else:
            self._values.setdefault(name, {})

    def inc(self, name: str, amount: float = 1, /, **labels: str) -> None:
        key = tuple(sorted(labels.items()))
        with self._lock:
            series = self._values[name]
            series[key] = series.get(key, 0) + amount

    def set(self, name: str, value: float, /, **labels: str) -> None:
        with self._lock:
            self._values[name][tuple(sorted(labels.items()))] = value

    def observe(self, name: str, value: float, /, **labels: str) -> None:
        key = tuple(sorted(labels.items()))
        with self._lock:
            state = self._histograms[name].setdefault(key, [[0] * len(LATENCY_BUCKETS), 0.0, 0])
            for i, bound in enumerate(LATENCY_BUCKETS):
                if value <= bound:
                    state[0][i] += 1
            state[1] += value
            state[2] += 1

    def render(self) -> str:
        out: list[str] = []
        with self._lock:
            for name, (kind, help_text) in self._help.items():
                out.append(f"# HELP {name} {help_text}")
                out.append(f"# TYPE {name} {kind}")
                if kind == "histogram":
                    for key, (buckets, total, count) in self._histograms[name].items():
                        for bound, n in zip(LATENCY_BUCKETS, buckets):
                            out.append(f"{name}_bucket{_labels(key + (('le', repr(bound)),))} {n}")
                        out.append(f"{name}_bucket{_labels(key + (('le', '+Inf'),))} {count}")
                        out.append(f"{name}_sum{_labels(key)} {total:.6f}")
                        out.append(f"{name}_count{_labels(key)} {count}")
                else:
                    for key, value in self._values[name].items():
                        out.append(f"{name}{_labels(key)} {value:g}")
        return "\n".join(out) + "\n"


def create_metrics() -> Metrics:
    m = Metrics()
    m.describe("model_requests_total", "counter", "HTTP requests by route and status code.")
    m.describe("model_request_duration_seconds", "histogram", "Time to answer a request, by route.")
    m.describe("model_input_tokens_total", "counter", "Tokens read from prediction inputs.")
    m.describe("model_output_tokens_total", "counter", "Tokens produced by the model.")
    m.describe("model_predictions_total", "counter", "Predictions by predicted label.")
    m.describe("model_ready", "gauge", "1 once the model is loaded and the server accepts predictions.")
    m.describe("model_load_duration_seconds", "gauge", "Time it took to load the model weights.")
    m.describe("model_info", "gauge", "The model being served.")
    m.set("model_ready", 0)
    return m

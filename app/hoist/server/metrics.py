"""Prometheus metrics, one registry per app (so tests can run several in one process)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.sessions_opened = Counter(
            "hoist_server_sessions_opened", "Multipart uploads created.", registry=r
        )
        self.sessions_completed = Counter(
            "hoist_server_sessions_completed", "Multipart uploads completed.", registry=r
        )
        self.sessions_aborted = Counter(
            "hoist_server_sessions_aborted",
            "Multipart uploads aborted by their owner or a limit.",
            registry=r,
        )
        self.sessions_expired = Counter(
            "hoist_server_sessions_expired",
            "Idle multipart uploads aborted by this instance's sweeper.",
            registry=r,
        )
        self.parts_signed = Counter("hoist_server_parts_signed", "Part URLs presigned.", registry=r)
        self.posts_signed = Counter("hoist_server_posts_signed", "Presigned POSTs (/s3/params).", registry=r)
        self.errors = Counter(
            "hoist_server_errors",
            "Answers with a 4xx or 5xx status, by route.",
            ["route", "status"],
            registry=r,
        )
        self.duration = Histogram(
            "hoist_server_request_duration_seconds",
            "Time to answer, by route.",
            ["route"],
            buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
            registry=r,
        )

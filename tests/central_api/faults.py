"""Fault injection for the stand-in: dropped connections, 500s, slow answers and outages.

Faults apply to the API paths only (`/api/...`); the test endpoints under `/__stand_in__/` always answer,
so a test can read counters and change faults while the API is "down".

A share `after_share` of the dropped and 500 requests fail *after* the endpoint has done its work and
committed: the server changed state but the desk never hears about it, which is what makes idempotency
keys necessary. The rest fail before the endpoint runs.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

Scope = dict[str, Any]


@dataclass
class FaultConfig:
    drop: float = 0.0  # share of requests whose connection is closed without a response
    error500: float = 0.0  # share answered 500
    slow_ms: int = 0  # delay before answering
    slow_share: float = 1.0  # share of requests that get the delay
    after_share: float = 0.5  # share of drops/500s that happen after the endpoint committed
    down_until: float = 0.0  # epoch seconds: until then every API request is dropped
    seed: int | None = None

    @classmethod
    def from_request(cls, body: dict[str, Any], now: float) -> FaultConfig:
        known = {"drop", "error500", "slow_ms", "slow_share", "after_share", "down_for_s", "seed"}
        unknown = sorted(set(body) - known)
        if unknown:
            raise ValueError(f"unknown fault {unknown[0]!r}; known: {', '.join(sorted(known))}")
        config = cls(
            drop=float(body.get("drop", 0.0)),
            error500=float(body.get("error500", 0.0)),
            slow_ms=int(body.get("slow_ms", 0)),
            slow_share=float(body.get("slow_share", 1.0)),
            after_share=float(body.get("after_share", 0.5)),
            down_until=now + float(body.get("down_for_s", 0.0)),
            seed=body.get("seed"),
        )
        for name in ("drop", "error500", "slow_share", "after_share"):
            value = getattr(config, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, got {value}")
        if config.drop + config.error500 > 1.0:
            raise ValueError("drop + error500 must not exceed 1")
        return config


@dataclass
class Decision:
    kind: str = "none"  # none | drop | error500 | down
    after: bool = False
    delay_s: float = 0.0


@dataclass
class Faults:
    config: FaultConfig = field(default_factory=FaultConfig)
    counts: Counter[str] = field(default_factory=Counter)
    _random: random.Random = field(default_factory=random.Random)

    def configure(self, config: FaultConfig) -> None:
        self.config = config
        if config.seed is not None:
            self._random.seed(config.seed)

    def describe(self) -> dict[str, Any]:
        data = asdict(self.config)
        data["down_for_s"] = max(0.0, self.config.down_until - time.time())
        return data

    def decide(self) -> Decision:
        """Called on the event loop thread, once per API request."""
        cfg = self.config
        rnd = self._random
        delay = cfg.slow_ms / 1000.0 if cfg.slow_ms and rnd.random() < cfg.slow_share else 0.0
        if delay:
            self.counts["slowed"] += 1
        if time.time() < cfg.down_until:
            self.counts["down_drops"] += 1
            return Decision("down", False, delay)
        roll = rnd.random()
        if roll < cfg.drop:
            kind = "drop"
        elif roll < cfg.drop + cfg.error500:
            kind = "error500"
        else:
            return Decision("none", False, delay)
        after = rnd.random() < cfg.after_share
        self.counts[f"{kind}_{'after' if after else 'before'}"] += 1
        return Decision(kind, after, delay)


async def _discard(message: dict[str, Any]) -> None:
    return None


async def drop_connection(send: Any) -> None:
    """Close the client's connection without an answer.

    uvicorn hands the app its request cycle's bound `send`; aborting that cycle's transport drops the
    socket, and once `connection_lost` has run uvicorn sees the cycle as disconnected and sends nothing
    (no 500). Under another server, fall back to starting a response and raising, which every ASGI server
    answers by closing the connection mid-response.
    """
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if transport is not None and hasattr(transport, "abort"):
        transport.abort()
        # Let the loop run connection_lost before we return to uvicorn.
        for _ in range(3):
            await asyncio.sleep(0)
        return
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"1000")]})
    raise ConnectionAbortedError("stand-in dropped the connection")


async def send_500(send: Any) -> None:
    body = json.dumps({"detail": "stand-in injected error"}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 500,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


class FaultInjector:
    """Outermost ASGI layer: decides a request's fate before (or after) the app handles it."""

    def __init__(self, app: Any, faults: Faults, on_request: Any) -> None:
        self.app = app
        self.faults = faults
        self.on_request = on_request

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        self.on_request(scope)
        decision = self.faults.decide()
        if decision.delay_s:
            await asyncio.sleep(decision.delay_s)
        if decision.kind == "none":
            await self.app(scope, receive, send)
            return
        if decision.after:
            # The endpoint runs and commits; its answer is thrown away.
            await self.app(scope, receive, _discard)
        if decision.kind == "error500":
            await send_500(send)
        else:
            await drop_connection(send)

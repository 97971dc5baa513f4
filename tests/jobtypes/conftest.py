"""Fixtures for the job-type handlers: a JobContext on a tmp data dir, and an OpenAI-compatible stand-in.

The stand-in is a real HTTP server on 127.0.0.1 (threading http.server on a free port) implementing
POST /v1/embeddings and POST /v1/chat/completions deterministically; `Authorization: Bearer bad` gets
401, model `explode` gets 500, model `missing` gets 404.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from worker.context import JobContext

EMBEDDING_DIM = 8


def fake_vector(text: str) -> list[float]:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return [round(b / 255, 6) for b in digest[:EMBEDDING_DIM]]


class _OpenAIStandIn(BaseHTTPRequestHandler):
    requests: list[dict[str, Any]]

    def log_message(self, format: str, *args: Any) -> None:
        return None  # keep pytest output clean

    def _send(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        self.server.requests.append({"path": self.path, "body": body,  # type: ignore[attr-defined]
                                     "auth": self.headers.get("Authorization")})
        if self.headers.get("Authorization") == "Bearer bad":
            return self._send(401, {"error": {"message": "Incorrect API key provided"}})
        model = body.get("model")
        if model == "explode":
            return self._send(500, {"error": {"message": "internal error"}})
        if model == "missing":
            return self._send(404, {"error": {"message": f"The model `{model}` does not exist"}})
        if self.path == "/v1/embeddings":
            texts = body["input"]
            data = [{"object": "embedding", "index": i, "embedding": fake_vector(t)} for i, t in enumerate(texts)]
            # Reversed on purpose: clients must order by index.
            return self._send(200, {"object": "list", "data": data[::-1], "model": model,
                                    "usage": {"prompt_tokens": 1, "total_tokens": 1}})
        if self.path == "/v1/chat/completions":
            question = body["messages"][-1]["content"]
            answer = {"problems": [{"question": f"[변형] {question[:20]}", "choices": ["① 1", "② 2", "③ 3", "④ 4", "⑤ 5"],
                                    "answer": "③", "explanation": "stand-in"}]}
            return self._send(200, {"id": "x", "object": "chat.completion", "model": model,
                                    "choices": [{"index": 0, "message": {"role": "assistant",
                                                                         "content": json.dumps(answer, ensure_ascii=False)},
                                                 "finish_reason": "stop"}],
                                    "usage": {"prompt_tokens": 10, "completion_tokens": 20, "total_tokens": 30}})
        return self._send(404, {"error": {"message": "no such endpoint"}})


@pytest.fixture
def openai_stand_in() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _OpenAIStandIn)
    server.requests = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def openai_settings(openai_stand_in: ThreadingHTTPServer) -> dict[str, Any]:
    host, port = openai_stand_in.server_address[:2]
    return {"openai_base_url": f"http://{host}:{port}/v1", "openai_api_key": "test-key",
            "openai_embedding_model": "embed-test", "openai_chat_model": "chat-test"}


@pytest.fixture
def make_ctx(tmp_path: Path) -> Callable[..., JobContext]:
    def make(job_type: str = "test", settings: dict[str, Any] | None = None) -> JobContext:
        return JobContext(job_id="job-1", job_type=job_type, data_dir=tmp_path / "data", settings=settings or {})

    return make

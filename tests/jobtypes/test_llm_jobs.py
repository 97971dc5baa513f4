"""embedding and problem_generation against a real OpenAI-compatible stand-in on 127.0.0.1."""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any, ClassVar

import pytest

from tests.jobtypes.conftest import EMBEDDING_DIM, fake_vector
from worker import routing
from worker.context import JobContext
from worker.errors import BadInput, NeedsCloud, TransientError
from worker.llm.embedding import handle_embedding
from worker.llm.problem_generation import handle_problem_generation, parse_problems


def closed_port_url() -> str:
    """A 127.0.0.1 URL on which nothing listens (bound then closed: the port is free and refuses)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def test_embedding_vectors_in_text_order(make_ctx: Callable[..., JobContext], openai_settings: dict, openai_stand_in: Any) -> None:
    texts = ["광합성은 빛에너지를 이용한다", "확률", "x + 3 = 7"]
    result = handle_embedding({"texts": texts, "backend": "openai"}, make_ctx("embedding", openai_settings))
    assert result["vectors"] == [fake_vector(t) for t in texts]
    assert result["dim"] == EMBEDDING_DIM and result["backend"] == "openai" and result["model"] == "embed-test"
    request = openai_stand_in.requests[-1]
    assert request["path"] == "/v1/embeddings" and request["auth"] == "Bearer test-key"
    assert request["body"] == {"model": "embed-test", "input": texts}


def test_embedding_auto_uses_configured_backend(make_ctx: Callable[..., JobContext], openai_settings: dict) -> None:
    result = handle_embedding({"texts": ["a"]}, make_ctx("embedding", openai_settings))
    assert result["backend"] == "openai"


def test_embedding_without_backend_goes_to_cloud(make_ctx: Callable[..., JobContext], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(routing, "local_embedding_available", lambda: False)
    monkeypatch.setattr("worker.llm.embedding.local_embedding_available", lambda: False)
    for backend in ("auto", "openai", "local"):
        with pytest.raises(NeedsCloud):
            handle_embedding({"texts": ["a"], "backend": backend}, make_ctx("embedding"))
    assert routing.placement_for("embedding", {"texts": ["a"]}, {}) == "cloud"


def test_problem_generation_parses_json_answer(make_ctx: Callable[..., JobContext], openai_settings: dict, openai_stand_in: Any) -> None:
    payload = {"ocr_text": "3. 다음 중 광합성에 대한 설명으로 옳은 것은?\n① 빛에너지를 이용한다", "model": "gen-model"}
    result = handle_problem_generation(payload, make_ctx("problem_generation", openai_settings))
    assert result["model"] == "gen-model"
    assert result["problems"][0]["answer"] == "③"
    assert result["problems"][0]["choices"][0] == "① 1"
    assert result["usage"]["total_tokens"] == 30
    sent = openai_stand_in.requests[-1]["body"]
    assert sent["model"] == "gen-model" and sent["messages"][-1]["content"].startswith("3. 다음 중")


def test_problem_generation_default_model_from_settings(make_ctx: Callable[..., JobContext], openai_settings: dict) -> None:
    result = handle_problem_generation({"ocr_text": "1. 문제"}, make_ctx("problem_generation", openai_settings))
    assert result["model"] == "chat-test"


def test_parse_problems_accepts_fenced_json_and_plain_text() -> None:
    assert parse_problems('```json\n{"problems": [{"question": "q"}]}\n```') == [{"question": "q"}]
    assert parse_problems("그냥 문장") == [{"question": "그냥 문장"}]


def test_problem_generation_without_backend_goes_to_cloud(make_ctx: Callable[..., JobContext]) -> None:
    with pytest.raises(NeedsCloud):
        handle_problem_generation({"ocr_text": "1. 문제"}, make_ctx("problem_generation"))


@pytest.mark.parametrize("job", ["embedding", "problem_generation"])
def test_unreachable_backend_is_retryable(job: str, make_ctx: Callable[..., JobContext]) -> None:
    settings = {"openai_base_url": closed_port_url(), "openai_api_key": "k"}
    with pytest.raises(TransientError, match="unreachable") as caught:
        if job == "embedding":
            handle_embedding({"texts": ["a"], "backend": "openai"}, make_ctx(job, settings))
        else:
            handle_problem_generation({"ocr_text": "x"}, make_ctx(job, settings))
    assert caught.value.retryable
    assert "k" not in str(caught.value).split()  # the key never shows in a message


def test_server_error_is_retryable(make_ctx: Callable[..., JobContext], openai_settings: dict) -> None:
    with pytest.raises(TransientError, match="500"):
        handle_problem_generation({"ocr_text": "x", "model": "explode"}, make_ctx("problem_generation", openai_settings))


def test_rejected_key_and_unknown_model_are_not_retryable(make_ctx: Callable[..., JobContext], openai_settings: dict) -> None:
    with pytest.raises(BadInput, match="API key"):
        handle_embedding({"texts": ["a"], "backend": "openai"},
                         make_ctx("embedding", {**openai_settings, "openai_api_key": "bad"}))
    with pytest.raises(BadInput, match="does not exist"):
        handle_problem_generation({"ocr_text": "x", "model": "missing"}, make_ctx("problem_generation", openai_settings))


@pytest.mark.parametrize(
    ("handler", "payload", "message"),
    [
        (handle_embedding, {"texts": []}, "texts"),
        (handle_embedding, {"texts": ["a", 3]}, "texts"),
        (handle_embedding, {"texts": ["a"] * 3000, "backend": "openai"}, "at most"),
        (handle_problem_generation, {"ocr_text": "  "}, "ocr_text"),
        (handle_problem_generation, {"ocr_text": "가" * 9000}, "at most"),
    ],
)
def test_payload_errors_are_bad_input(handler: Any, payload: dict, message: str, make_ctx: Callable[..., JobContext],
                                      openai_settings: dict) -> None:
    with pytest.raises(BadInput, match=message):
        handler(payload, make_ctx("x", openai_settings))


class _FakeSentenceTransformer:
    """Stands in for sentence_transformers.SentenceTransformer (not installed on the test machines)."""

    loaded: ClassVar[list[str]] = []

    def __init__(self, name: str) -> None:
        if name == "absent-model":
            raise OSError("no such model folder")
        self.loaded.append(name)

    def encode(self, texts: list[str], normalize_embeddings: bool = False) -> list[list[float]]:
        assert normalize_embeddings
        return [[1.0, float(len(t))] for t in texts]


def test_local_backend_wiring(make_ctx: Callable[..., JobContext], monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types

    module = types.ModuleType("sentence_transformers")
    module.SentenceTransformer = _FakeSentenceTransformer  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sentence_transformers", module)
    monkeypatch.setattr("worker.llm.embedding.local_embedding_available", lambda: True)
    monkeypatch.setenv("HF_HUB_OFFLINE", "")  # remembers the real value, restored after the test
    monkeypatch.delenv("HF_HUB_OFFLINE")
    result = handle_embedding({"texts": ["ab", "c"], "backend": "local"},
                              make_ctx("embedding", {"local_embedding_model": "/models/minilm"}))
    assert result == {"vectors": [[1.0, 2.0], [1.0, 1.0]], "dim": 2, "backend": "local",
                      "model": "/models/minilm", "count": 2}
    import os

    assert os.environ["HF_HUB_OFFLINE"] == "1"  # never a download at run time
    with pytest.raises(NeedsCloud, match="absent-model"):
        handle_embedding({"texts": ["a"], "backend": "local"},
                         make_ctx("embedding", {"local_embedding_model": "absent-model"}))

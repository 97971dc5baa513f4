"""A small client for OpenAI-compatible HTTP APIs (OpenAI, vLLM, Ollama, LM Studio), over httpx.

Only the two calls the desk needs: `POST {base}/embeddings` and `POST {base}/chat/completions`.
Failures become job errors: unreachable, timed out, rate-limited or 5xx -> TransientError (the queue
retries with backoff); a rejected key, unknown model or bad request -> BadInput (retrying cannot help).
The API key is sent as a bearer token and never appears in an error message.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from worker.errors import BadInput, TransientError
from worker.routing import openai_configured
from worker.settings_keys import DEFAULT_OPENAI_BASE_URL

CONNECT_TIMEOUT_SECONDS = 5.0  # a backend on the LAN or localhost answers a connect at once
DEFAULT_READ_TIMEOUT_SECONDS = 60.0  # generating a few problems on a local model takes tens of seconds


class OpenAICompatibleClient:
    def __init__(self, base_url: str, api_key: str = "", *, timeout: float = DEFAULT_READ_TIMEOUT_SECONDS,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._http = httpx.Client(
            base_url=self.base_url,
            headers=headers,
            timeout=httpx.Timeout(timeout, connect=CONNECT_TIMEOUT_SECONDS),
            transport=transport,
        )

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> OpenAICompatibleClient | None:
        """The configured backend, or None when settings name none."""
        if not openai_configured(settings):
            return None
        base_url = str(settings.get("openai_base_url") or "").strip() or DEFAULT_OPENAI_BASE_URL
        timeout = float(settings.get("openai_timeout_seconds") or DEFAULT_READ_TIMEOUT_SECONDS)
        return cls(base_url, str(settings.get("openai_api_key") or ""), timeout=timeout)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> OpenAICompatibleClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        try:
            response = self._http.post(path, json=body)
        except httpx.TimeoutException:
            raise TransientError(f"the language-model backend at {self.base_url} timed out") from None
        except httpx.TransportError as exc:
            raise TransientError(
                f"the language-model backend at {self.base_url} is unreachable ({type(exc).__name__})"
            ) from None
        if response.status_code == 429 or response.status_code >= 500:
            raise TransientError(f"the language-model backend answered {response.status_code}; will retry")
        if response.status_code in (401, 403):
            raise BadInput(f"the language-model backend rejected the API key ({response.status_code}); "
                           "check openai_api_key in the settings")
        if response.status_code >= 400:
            raise BadInput(f"the language-model backend refused the request ({response.status_code}): "
                           f"{_error_message(response)}")
        try:
            data = response.json()
        except ValueError:
            raise TransientError("the language-model backend sent a response that is not JSON") from None
        if not isinstance(data, dict):
            raise TransientError("the language-model backend sent an unexpected response")
        return data

    def embeddings(self, texts: list[str], model: str) -> list[list[float]]:
        data = self.post("/embeddings", {"model": model, "input": texts})
        items = data.get("data")
        if not isinstance(items, list) or len(items) != len(texts):
            raise TransientError("the embedding response does not hold one vector per text")
        ordered = sorted(items, key=lambda item: item.get("index", 0) if isinstance(item, dict) else 0)
        vectors = []
        for item in ordered:
            vector = item.get("embedding") if isinstance(item, dict) else None
            if not isinstance(vector, list) or not vector:
                raise TransientError("the embedding response holds an empty vector")
            vectors.append([float(v) for v in vector])
        return vectors

    def chat(self, messages: list[dict[str, str]], model: str, *, temperature: float = 0.4) -> tuple[str, dict[str, Any]]:
        """The first choice's text and the usage block of one chat completion."""
        data = self.post("/chat/completions", {"model": model, "messages": messages, "temperature": temperature})
        try:
            content = data["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            raise TransientError("the chat response holds no message") from None
        if not isinstance(content, str):
            raise TransientError("the chat response message is not text")
        usage = data.get("usage")
        return content, usage if isinstance(usage, dict) else {}


def _error_message(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200]
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):
        return str(error.get("message") or error)[:200]
    return str(error or body)[:200]

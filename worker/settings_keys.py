"""Settings keys read by the OCR, segmentation and LLM handlers (`ctx.settings`), with their meaning.

The desk's settings (core.settings) carry the same names; a key missing from `ctx.settings` means its
default, so handlers also run with the bare mapping a test or the remote worker gives them.
"""

from __future__ import annotations

from typing import Final

OPENAI_BASE_URL: Final = "openai_base_url"
"""Base URL of an OpenAI-compatible API, up to and including `/v1` (e.g. `http://127.0.0.1:11434/v1`).
Empty: `https://api.openai.com/v1` when a key is set, else no backend (embedding/problem_generation go
to the cloud worker)."""

OPENAI_API_KEY: Final = "openai_api_key"
"""Bearer token sent to that API; may be empty for local servers that need none."""

OPENAI_EMBEDDING_MODEL: Final = "openai_embedding_model"
"""Model name for `embedding` with the openai backend (default `text-embedding-3-small`)."""

OPENAI_CHAT_MODEL: Final = "openai_chat_model"
"""Model name for `problem_generation` when the payload names none (default `gpt-4o-mini`)."""

OPENAI_TIMEOUT_SECONDS: Final = "openai_timeout_seconds"
"""Read timeout for one request (default 60; connecting is bounded at 5 s)."""

LOCAL_EMBEDDING_MODEL: Final = "local_embedding_model"
"""Name or folder of a sentence-transformers model already on disk, for `embedding` with backend local
(default `sentence-transformers/all-MiniLM-L6-v2`); only used when sentence-transformers is installed."""

TESSERACT_CMD: Final = "tesseract_cmd"
"""Path of the tesseract executable (default: `tesseract` on PATH)."""

DEFAULT_OPENAI_BASE_URL: Final = "https://api.openai.com/v1"
DEFAULT_EMBEDDING_MODEL: Final = "text-embedding-3-small"
DEFAULT_CHAT_MODEL: Final = "gpt-4o-mini"

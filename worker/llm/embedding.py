"""The `embedding` job: one vector per text, from an OpenAI-compatible backend or a local model.

Payload (the central API's EmbeddingPayload): `texts`, `backend` (local | openai | auto, default auto).
Result: `vectors` (one list of floats per text, in order), `dim`, `backend`, `model`.
`auto` uses the configured OpenAI-compatible backend, else the local model, else the cloud worker.
The local backend is an optional extra (`sentence-transformers` with a model already on disk; it never
downloads at run time: HF_HUB_OFFLINE=1).
Runs on the claiming worker thread; it waits on the network, so it needs no process of its own.
"""

from __future__ import annotations

import os
from typing import Any

from worker.context import JobContext
from worker.errors import BadInput, NeedsCloud
from worker.llm.openai_client import OpenAICompatibleClient
from worker.routing import LOCAL_EMBEDDING_PACKAGE, local_embedding_available
from worker.settings_keys import DEFAULT_EMBEDDING_MODEL

MAX_TEXTS = 2048  # the OpenAI embeddings API takes at most 2048 inputs per request
LOCAL_MODEL_DEFAULT = "sentence-transformers/all-MiniLM-L6-v2"


def _local_vectors(texts: list[str], model_name: str) -> list[list[float]]:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never fetch weights from a hub on a teacher's desk
    from sentence_transformers import SentenceTransformer  # optional extra, imported only when used

    try:
        model = SentenceTransformer(model_name)
    except OSError as exc:
        raise NeedsCloud(f"the local embedding model {model_name} is not on this desk ({exc})") from None
    return [[float(v) for v in row] for row in model.encode(texts, normalize_embeddings=True)]


def handle_embedding(payload: dict[str, Any], ctx: JobContext) -> dict[str, Any]:
    texts = payload.get("texts")
    if not isinstance(texts, list) or not texts or not all(isinstance(t, str) for t in texts):
        raise BadInput("texts must be a non-empty list of strings")
    if len(texts) > MAX_TEXTS:
        raise BadInput(f"at most {MAX_TEXTS} texts per embedding job, got {len(texts)}")
    backend = payload.get("backend") or "auto"
    client = OpenAICompatibleClient.from_settings(ctx.settings)
    if backend == "auto":
        backend = "openai" if client else ("local" if local_embedding_available() else "")
    if not backend:
        raise NeedsCloud("no embedding backend on this desk (set openai_base_url, or install "
                         "sentence-transformers with a model on disk)")
    ctx.progress(0.1, f"embedding {len(texts)} texts ({backend})")
    if backend == "local":
        if client:
            client.close()
        if not local_embedding_available():
            raise NeedsCloud(f"the local embedding backend needs the {LOCAL_EMBEDDING_PACKAGE} package "
                             "and a model on disk (local_embedding_model); the cloud worker runs it meanwhile")
        model = str(ctx.settings.get("local_embedding_model") or LOCAL_MODEL_DEFAULT)
        vectors = _local_vectors(texts, model)
    else:
        if client is None:
            raise NeedsCloud("backend openai is not configured on this desk (openai_base_url / openai_api_key)")
        model = str(ctx.settings.get("openai_embedding_model") or DEFAULT_EMBEDDING_MODEL)
        with client:
            vectors = client.embeddings(texts, model)
    ctx.progress(1.0, "done")
    return {"vectors": vectors, "dim": len(vectors[0]), "backend": backend, "model": model, "count": len(vectors)}

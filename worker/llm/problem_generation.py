"""The `problem_generation` job: new practice problems in the style of an OCR'd exam question.

Payload (the central API's ProblemGenerationPayload): `ocr_text`, `model` (optional; default the
`openai_chat_model` setting). Result: `problems` (list of {question, choices, answer, explanation} when
the model answered in the JSON asked for, else one {question: raw text}), `raw`, `model`, `usage`.
Runs on the claiming worker thread; it waits on the network, so it needs no process of its own.
"""

from __future__ import annotations

import json
import re
from typing import Any

from worker.context import JobContext
from worker.errors import BadInput, NeedsCloud
from worker.llm.openai_client import OpenAICompatibleClient
from worker.settings_keys import DEFAULT_CHAT_MODEL

MAX_OCR_CHARS = 8000  # a full exam page is ~2,000 characters; more is not one question's context

SYSTEM_PROMPT = (
    "You write practice problems for Korean students at a private academy. Given an exam question read "
    "by OCR, write 3 new problems of the same type and difficulty, in the language of the original. "
    "Answer with JSON only: {\"problems\": [{\"question\": str, \"choices\": [5 strings, numbered ①-⑤], "
    "\"answer\": str, \"explanation\": str}]}"
)


def parse_problems(raw: str) -> list[dict[str, Any]]:
    """The problems in the model's answer: JSON (also inside a ``` fence), else the text as one problem."""
    fenced = re.search(r"```(?:json)?\s*(.*?)```", raw, re.S)
    candidate = fenced.group(1) if fenced else raw
    try:
        data = json.loads(candidate)
    except ValueError:
        return [{"question": raw.strip()}]
    problems = data.get("problems") if isinstance(data, dict) else data
    if isinstance(problems, list) and all(isinstance(p, dict) for p in problems):
        return problems
    return [{"question": raw.strip()}]


def handle_problem_generation(payload: dict[str, Any], ctx: JobContext) -> dict[str, Any]:
    ocr_text = payload.get("ocr_text")
    if not isinstance(ocr_text, str) or not ocr_text.strip():
        raise BadInput("ocr_text must be a non-empty string")
    if len(ocr_text) > MAX_OCR_CHARS:
        raise BadInput(f"ocr_text is {len(ocr_text)} characters; at most {MAX_OCR_CHARS} (one question or page)")
    client = OpenAICompatibleClient.from_settings(ctx.settings)
    if client is None:
        raise NeedsCloud("no language-model backend on this desk (openai_base_url / openai_api_key)")
    model = str(payload.get("model") or ctx.settings.get("openai_chat_model") or DEFAULT_CHAT_MODEL)
    ctx.progress(0.1, f"asking {model}")
    messages = [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": ocr_text.strip()}]
    with client:
        raw, usage = client.chat(messages, model)
    ctx.progress(1.0, "done")
    return {"problems": parse_problems(raw), "raw": raw, "model": model, "usage": usage}

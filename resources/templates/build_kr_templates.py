"""Writes kr_omr_20.json, kr_omr_30.json and kr_omr_45.json (run: python -m resources.templates.build_kr_templates).

Units are pixels of an A4 page at 200 dpi (1654 x 2339), so a synthetic scan at 200 dpi maps 1:1.
Layout: four 50-unit corner squares, a 30-unit orientation square right of the top-left one, a six-cell
form code (differs per card, so a card read with another card's template is rejected), an 8-digit
student number (수험번호, digits 0-9 printed inside the bubbles) and questions with choices ①-⑤.
"""

from __future__ import annotations

import json
from pathlib import Path

PAGE = (1654, 2339)
BUBBLE = 36
CHOICE_GAP = 46
ROW_GAP = 58
FORM_CODES = {20: "101100", 30: "110010", 45: "100111"}
LAYOUT = {20: (2, 10), 30: (3, 10), 45: (3, 15)}  # columns, rows per column


def build(questions: int) -> dict:
    columns, rows = LAYOUT[questions]
    blocks: dict[str, dict] = {
        "StudentId": {
            "fieldType": "QTYPE_INT",
            "origin": [150, 330],
            "bubblesGap": 46,
            "labelsGap": 46,
            "fieldLabels": ["sid1..8"],
            "emptyValue": "",
        }
    }
    number = 1
    for column in range(columns):
        count = min(rows, questions - number + 1)
        if count <= 0:
            break
        blocks[f"Q{number:02d}"] = {
            "bubbleValues": ["1", "2", "3", "4", "5"],
            "direction": "horizontal",
            "origin": [200 + column * 480, 930],
            "bubblesGap": CHOICE_GAP,
            "labelsGap": ROW_GAP,
            "fieldLabels": [f"q{number}..{number + count - 1}"],
        }
        number += count
    code = FORM_CODES[questions]
    return {
        "pageDimensions": list(PAGE),
        "bubbleDimensions": [BUBBLE, BUBBLE],
        "emptyValue": "",
        "fieldBlocks": blocks,
        "customLabels": {"student_id": ["sid1..8"]},
        "outputColumns": ["student_id", f"q1..{questions}"],
        "studentIdField": "student_id",
        "title": f"OMR 답안지 ({questions}문항)",
        "preProcessors": [
            {
                "name": "CornerMarks",
                "options": {
                    "size": [50, 50],
                    "centres": [[70, 70], [1584, 70], [1584, 2269], [70, 2269]],
                    "orientationMark": {"centre": [140, 70], "size": [30, 30]},
                    "formCode": {
                        "pattern": code,
                        "cells": [[700 + 44 * i, 58, 24, 24] for i in range(len(code))],
                    },
                },
            },
        ],
    }


def main() -> None:
    here = Path(__file__).resolve().parent
    for questions in (20, 30, 45):
        path = here / f"kr_omr_{questions}.json"
        path.write_text(json.dumps(build(questions), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

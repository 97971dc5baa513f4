"""Words from tesseract plus circled digits -> text lines with boxes and confidences.

Each tesseract run gives words keyed by (block, paragraph, line). The circled choice numbers were blanked
before the run, so each is spliced back into the line it sits on, at its x position; a circle on no
recognised line becomes a line of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from worker.ocr.circled_digits import CircledDigit
from worker.ocr.tesseract_engine import Word

# Single-character words below this confidence that are not letters or digits are specks of noise
# (tesseract reads dust and stray pixels as `|`, `~`, `'`).
SPECK_CONFIDENCE = 40.0


@dataclass
class Token:
    text: str
    left: int
    top: int
    right: int
    bottom: int
    confidence: float  # 0..1
    space_before: bool = True
    is_mark: bool = False


@dataclass
class TextLine:
    tokens: list[Token]

    @property
    def text(self) -> str:
        """Tokens joined as tesseract spaced them (its Korean model reports single syllables as words
        of their own, with no space between); a circled number always stands apart."""
        parts: list[str] = []
        for index, token in enumerate(self.tokens):
            if index and (token.space_before or self.tokens[index - 1].is_mark or token.is_mark):
                parts.append(" ")
            parts.append(token.text)
        return "".join(parts)

    @property
    def box(self) -> tuple[int, int, int, int]:
        left = min(t.left for t in self.tokens)
        top = min(t.top for t in self.tokens)
        right = max(t.right for t in self.tokens)
        bottom = max(t.bottom for t in self.tokens)
        return left, top, right - left, bottom - top

    @property
    def confidence(self) -> float:
        return sum(t.confidence for t in self.tokens) / len(self.tokens)


def _is_speck(word: Word) -> bool:
    return len(word.text) == 1 and not word.text.isalnum() and word.confidence < SPECK_CONFIDENCE


def group_words(words: list[Word], offset: tuple[int, int] = (0, 0)) -> list[TextLine]:
    """Tesseract's own lines, in its reading order; `offset` moves region boxes into page pixels."""
    dx, dy = offset
    lines: dict[tuple[int, int, int], TextLine] = {}
    for word in words:
        if _is_speck(word):
            continue
        token = Token(word.text, word.left + dx, word.top + dy, word.right + dx, word.bottom + dy,
                      max(0.0, word.confidence) / 100, space_before=word.space_before)
        lines.setdefault(word.line_key, TextLine([])).tokens.append(token)
    return [line for line in lines.values() if line.tokens]


def splice_marks(lines: list[TextLine], marks: list[CircledDigit]) -> list[TextLine]:
    """Insert each circled digit into the line it overlaps most vertically, ordered by x."""
    orphans: list[TextLine] = []
    for mark in marks:
        x, y, w, h = mark.box
        token = Token(mark.char, x, y, x + w, y + h, mark.score, is_mark=True)
        best, best_overlap = None, 0.0
        for line in lines:
            _, top, _, height = line.box
            overlap = min(top + height, y + h) - max(top, y)
            if overlap > best_overlap:
                best, best_overlap = line, overlap
        if best is not None and best_overlap >= 0.4 * h:
            best.tokens.append(token)
            best.tokens.sort(key=lambda t: t.left)
        else:
            orphans.append(TextLine([token]))
    merged = lines + orphans
    if orphans:
        # An orphan circle goes where its position puts it in reading order (top to bottom).
        merged.sort(key=lambda line: line.box[1])
    return merged

"""Synthetic Korean exam pages with ground truth, for the OCR and segmentation tests and the benchmark.

A page is rendered with PIL at 300 dpi (A4 width, height cut to the content) in one of the Nanum fonts:
numbered questions (`3.` at the line start) with Korean question text and choices ①–⑤, laid out one
per line, all five on one line, or two per line. `noisy=True` degrades the scan: lower resolution, uneven
lighting, slight rotation, blur, sensor noise and JPEG compression; the ground-truth boxes follow the
rotation and scale.

Ground truth: `lines` (text and [x, y, w, h] per printed line, in reading order) and `questions`
(number and the box from the question number to its last choice).
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/nanum")
FONTS = ("NanumGothic.ttf", "NanumMyeongjo.ttf", "NanumBarunGothic.ttf", "NanumSquareR.ttf")
CIRCLED = "①②③④⑤"
PAGE_WIDTH = 2480  # A4 at 300 dpi
MARGIN = 180

SUBJECTS = ("광합성", "세포 분열", "지구의 자전", "조선 시대의 문화", "민주주의", "화산 활동", "소수",
            "삼각형의 넓이", "물의 순환", "전기 회로", "산업 혁명", "훈민정음", "생태계", "확률")
NAMES = ("민수", "지영", "서연", "하준", "도윤", "예린", "준호", "수아")
ITEMS = ("사과", "연필", "공책", "사탕", "구슬", "색종이", "딸기", "우유")
STEMS = (
    "다음 중 {subject}에 대한 설명으로 옳은 것은?",
    "다음 중 {subject}에 대한 설명으로 옳지 않은 것을 고르시오.",
    "{name}이는 {item} {a}개를 친구 {b}명에게 똑같이 나누어 주었습니다. 한 명이 받은 {item}는 몇 개입니까?",
    "어떤 수에 {a}를 더했더니 {c}가 되었습니다. 어떤 수를 구하시오.",
    "다음 글을 읽고 {subject}의 특징으로 알맞은 것을 모두 고르면?",
    "그림과 같이 가로가 {a} cm, 세로가 {b} cm인 직사각형의 넓이는 몇 cm²입니까?",
    "다음 밑줄 친 부분과 뜻이 가장 비슷한 낱말은 무엇입니까?",
    "{name}이가 말한 내용 중 {subject}와 관계있는 것은 어느 것입니까?",
    "Which word best completes the sentence about {subject}?",
)
PHRASES = ("빛에너지를 이용한다", "산소가 만들어진다", "밤에만 일어난다", "뿌리에서 일어난다",
           "물이 필요하지 않다", "왕이 직접 만들었다", "백성을 위한 글자이다", "모두 같은 크기이다",
           "시간이 지나면 변한다", "열을 내보낸다", "두 배로 늘어난다", "변화가 없다", "바다에서 시작된다",
           "구름이 만들어진다", "전구에 불이 켜진다", "기계가 발달하였다", "인구가 줄어들었다")
WORDS = ("학교", "가족", "나무", "바다", "하늘", "친구", "시장", "도서관", "운동장", "kind", "happy", "river")


@dataclass
class Line:
    text: str
    bbox: list[int]  # [x, y, w, h] in page pixels


@dataclass
class Question:
    number: int
    bbox: list[int]
    text: str


@dataclass
class ExamPage:
    image: Image.Image  # grayscale ("L")
    lines: list[Line] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    font: str = ""
    noisy: bool = False

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def save(self, path: Path) -> Path:
        """Save the image; noisy pages as JPEG (their compression is part of the noise)."""
        if self.noisy and path.suffix.lower() not in (".jpg", ".jpeg"):
            path = path.with_suffix(".jpg")
        if self.noisy:
            self.image.save(path, quality=92)  # no dpi tag: the reader must estimate the resolution
        else:
            self.image.save(path, dpi=(300, 300))
        return path


def _question_stem(rng: random.Random) -> str:
    a, b = rng.randint(2, 9), rng.randint(2, 9)
    return rng.choice(STEMS).format(subject=rng.choice(SUBJECTS), name=rng.choice(NAMES),
                                    item=rng.choice(ITEMS), a=a * b, b=b, c=a * b + rng.randint(3, 40))


def _choices(rng: random.Random) -> tuple[list[str], str]:
    """Five choice texts and the layout that fits them."""
    kind = rng.choice(("number", "word", "phrase"))
    if kind == "number":
        start, step = rng.randint(2, 40), rng.randint(1, 9)
        unit = rng.choice(("", "개", " cm", "명"))
        return [f"{start + step * i}{unit}" for i in range(5)], rng.choice(("row", "pairs"))
    if kind == "word":
        return rng.sample(WORDS, 5), rng.choice(("row", "pairs"))
    return rng.sample(PHRASES, 5), rng.choice(("column", "pairs"))


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}".strip()
        if current and font.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def render_page(seed: int, *, font_name: str | None = None, questions: int = 6, columns: int = 1) -> ExamPage:
    """A clean page: black text on white, 300 dpi, with ground truth lines and question boxes.

    `columns=2` lays the questions out in two columns under a title that spans both (reading order:
    title, left column, right column)."""
    rng = random.Random(seed)
    font_name = font_name or FONTS[seed % len(FONTS)]
    size = rng.choice((44, 48, 52))  # 10.5 - 12.5 pt at 300 dpi
    font = ImageFont.truetype(str(FONT_DIR / font_name), size)
    title_font = ImageFont.truetype(str(FONT_DIR / font_name), size + 12)
    line_gap = int(size * 0.75)
    gutter = 140
    text_width = (PAGE_WIDTH - 2 * MARGIN - (columns - 1) * gutter) // columns
    column_x = MARGIN

    draws: list[tuple[int, int, str, ImageFont.FreeTypeFont]] = []
    lines: list[Line] = []
    qs: list[Question] = []
    y = MARGIN

    def put(x: int, text: str, fnt: ImageFont.FreeTypeFont) -> list[int]:
        left, top, right, bottom = fnt.getbbox(text)
        draws.append((x, y, text, fnt))
        box = [x + left, y + top, right - left, bottom - top]
        lines.append(Line(text, box))
        return box

    title = f"{rng.choice(('1학기', '2학기'))} {rng.choice(('중간', '기말', '단원'))} 평가 - {rng.choice(SUBJECTS)}"
    put(MARGIN, title, title_font)
    y += size + 12 + line_gap * 3
    body_top = y
    column_bottom = y
    first = rng.randint(1, 15)
    for number in range(first, first + questions):
        if columns == 2 and number == first + (questions + 1) // 2:
            column_x, column_bottom, y = MARGIN + text_width + gutter, max(column_bottom, y), body_top
        boxes: list[list[int]] = []
        q_lines: list[str] = []
        stem = f"{number}. {_question_stem(rng)}"
        # Continuation lines are indented under the text, so they wrap that much earlier.
        for i, part in enumerate(_wrap(stem, font, text_width - int(font.getlength(f"{number}. ")))):
            indent = 0 if i == 0 else int(font.getlength(f"{number}. "))
            boxes.append(put(column_x + indent, part, font))
            q_lines.append(part)
            y += size + line_gap
        choices, layout = _choices(rng)
        labelled = [f"{CIRCLED[i]} {text}" for i, text in enumerate(choices)]
        indent = column_x + int(font.getlength(f"{number}. "))
        column = max(font.getlength(item) for item in labelled) + size * 2
        pairs_fit = indent - column_x + column + max(font.getlength(item) for item in labelled) < text_width
        row_width = indent - column_x + sum(font.getlength(item) for item in labelled) + 4 * size * 2
        if layout == "row" and row_width < text_width:
            rows = [labelled]
        elif layout in ("row", "pairs") and pairs_fit:
            rows = [labelled[0:2], labelled[2:4], labelled[4:5]]
        else:
            rows = [[item] for item in labelled]
        for row in rows:
            # Choices in a row sit at fixed columns, as on a printed exam; the ground truth line joins
            # them with one space (the reading a teacher would type).
            if len(row) == 1:
                boxes.append(put(indent, row[0], font))
            else:
                x = indent
                row_boxes = []
                for item in row:
                    left, top, right, bottom = font.getbbox(item)
                    draws.append((int(x), y, item, font))
                    row_boxes.append([int(x) + left, y + top, right - left, bottom - top])
                    x += column if len(row) == 2 else font.getlength(item) + size * 2
                x0 = min(b[0] for b in row_boxes)
                y0 = min(b[1] for b in row_boxes)
                x1 = max(b[0] + b[2] for b in row_boxes)
                y1 = max(b[1] + b[3] for b in row_boxes)
                box = [x0, y0, x1 - x0, y1 - y0]
                lines.append(Line(" ".join(row), box))
                boxes.append(box)
            q_lines.append(" ".join(row))
            y += size + line_gap
        x0 = min(b[0] for b in boxes)
        y0 = min(b[1] for b in boxes)
        x1 = max(b[0] + b[2] for b in boxes)
        y1 = max(b[1] + b[3] for b in boxes)
        qs.append(Question(number, [x0, y0, x1 - x0, y1 - y0], "\n".join(q_lines)))
        y += line_gap * 2 + rng.randint(0, size)

    height = max(column_bottom, y) + MARGIN
    image = Image.new("L", (PAGE_WIDTH, height), 255)
    pen = ImageDraw.Draw(image)
    for x, yy, text, fnt in draws:
        pen.text((x, yy), text, font=fnt, fill=0)
    return ExamPage(image=image, lines=lines, questions=qs, font=font_name)


def _transform_box(box: list[int], matrix: np.ndarray) -> list[int]:
    x, y, w, h = box
    corners = np.array([[x, y, 1], [x + w, y, 1], [x, y + h, 1], [x + w, y + h, 1]], dtype=float)
    moved = corners @ matrix.T
    x0, y0 = moved[:, 0].min(), moved[:, 1].min()
    x1, y1 = moved[:, 0].max(), moved[:, 1].max()
    return [round(x0), round(y0), round(x1 - x0), round(y1 - y0)]


def degrade(page: ExamPage, seed: int, *, harsh: bool = False) -> ExamPage:
    """A noisy scan of `page`: ~210 dpi, uneven light, rotation up to 1.5°, blur, noise, JPEG q=55-70.

    `harsh=True`: a poor phone photo instead: ~165 dpi, 2-3.5° rotation, deeper shadow, twice the
    noise, more blur, JPEG q=40-50."""
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    scale = rng.uniform(0.5, 0.6) if harsh else rng.uniform(0.65, 0.8)
    angle = (rng.uniform(2.0, 3.5) if harsh else rng.uniform(0.6, 1.5)) * rng.choice((-1, 1))
    image = page.image.resize((round(page.image.width * scale), round(page.image.height * scale)),
                              Image.Resampling.LANCZOS)
    w, h = image.size
    # PIL rotates counter-clockwise about the centre for positive angles; keep size (white corners).
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    theta = math.radians(angle)
    cx, cy = w / 2, h / 2
    cos, sin = math.cos(theta), math.sin(theta)
    # Forward map of a point under PIL's rotate: counter-clockwise in image coordinates (y down).
    rotate = np.array([[cos, sin, cx - cos * cx - sin * cy], [-sin, cos, cy + sin * cx - cos * cy]])
    matrix = rotate @ np.array([[scale, 0, 0], [0, scale, 0], [0, 0, 1]])

    pixels = np.asarray(image, dtype=np.float32)
    yy, xx = np.mgrid[0:h, 0:w]
    # Uneven lighting: a shadow falling off from one corner, as from a phone camera or a curled page.
    corner_x, corner_y = rng.choice((0, w)), rng.choice((0, h))
    distance = np.hypot(xx - corner_x, yy - corner_y) / math.hypot(w, h)
    darkest = 0.45 if harsh else 0.55
    light = darkest + (1 - darkest) * np.clip(distance * 1.4, 0, 1)
    pixels = pixels * light + (1 - light) * 40
    pixels += nrng.normal(0, rng.uniform(18, 25) if harsh else rng.uniform(8, 14), pixels.shape)
    noisy = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    noisy = noisy.filter(ImageFilter.GaussianBlur(rng.uniform(0.9, 1.2) if harsh else rng.uniform(0.5, 0.9)))
    buffer = io.BytesIO()
    noisy.save(buffer, format="JPEG", quality=rng.randint(40, 50) if harsh else rng.randint(55, 70))
    noisy = Image.open(io.BytesIO(buffer.getvalue())).convert("L")

    lines = [Line(line.text, _transform_box(line.bbox, matrix)) for line in page.lines]
    questions = [Question(q.number, _transform_box(q.bbox, matrix), q.text) for q in page.questions]
    return ExamPage(image=noisy, lines=lines, questions=questions, font=page.font, noisy=True)


def make_pages(count: int, *, noisy: bool, seed: int = 0, two_column_every: int = 3,
               harsh: bool = False) -> list[ExamPage]:
    """`count` pages cycling through the fonts, every `two_column_every`-th one in two columns (0: none);
    `noisy` degrades them (`harsh` badly); the same seed gives the same pages."""
    pages = []
    for index in range(count):
        columns = 2 if two_column_every and index % two_column_every == two_column_every - 1 else 1
        page = render_page(seed * 1000 + index, font_name=FONTS[index % len(FONTS)], columns=columns)
        pages.append(degrade(page, seed * 1000 + index + 500, harsh=harsh) if noisy else page)
    return pages


def write_pages(pages: list[ExamPage], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [page.save(folder / f"page_{i:03d}.png") for i, page in enumerate(pages)]

"""Screenshots of the template designer, in Korean and English, on a card of our own design.

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/designer_screenshot.py [--out docs/screenshots]

A blank 45-question card with an 8-digit student number (tests/omr/blank_cards.py) is scanned with a
little skew and noise, detected, one block selected, and a filled copy read as the live preview and
shown under the blocks.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def make_cards(folder: Path) -> tuple[Path, Path]:
    import numpy as np

    from tests.omr.blank_cards import Layout, draw_blank, fill, plan, scan

    layout = Layout("academy_45", 45, 5, 15, id_digits=8, dpi=200)
    rng = np.random.default_rng(45)
    card = plan(layout)
    blank = draw_blank(card, layout.dpi)
    blank_path = folder / "blank_card.jpg"
    blank_path.write_bytes(scan(blank, rng, edge=False))
    filled = blank.copy()
    fill(filled, card, rng, layout.dpi)
    filled_path = folder / "filled_card.jpg"
    filled_path.write_bytes(scan(filled, rng, edge=False))
    return blank_path, filled_path


def _shrink(path: Path) -> None:
    """256 colours keep the page and the panel readable at a third of the size."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="scandesk-designer-"))
    os.environ["SCANDESK_HOME"] = str(root / "home")
    os.environ["SCANDESK_NO_FIRST_RUN"] = "1"
    blank, filled = make_cards(root)

    from PySide6.QtCore import QEventLoop, QTimer

    from desktop.gui.app import create_application
    from desktop.gui.i18n import Translations
    from desktop.gui.screens.template_designer import TemplateDesigner
    from worker.omr.detect.layout import BlockKind

    app = create_application()
    translations = Translations(app)

    def settle(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    for lang in ("ko", "en"):
        translations.install(lang)
        dialog = TemplateDesigner()
        dialog.resize(1360, 860)
        dialog.show()
        dialog.name.setText("학원_월례고사_45" if lang == "ko" else "academy_monthly_45")
        dialog.load_blank(str(blank))
        for _ in range(100):
            settle(200)
            if dialog.blocks:
                break
        index = next(i for i, b in enumerate(dialog.blocks) if b.kind == BlockKind.ANSWERS and b.first == 16)
        dialog.canvas.select_index(index)
        dialog.set_sample(str(filled))
        for _ in range(100):
            settle(200)
            if dialog.show_sample.isEnabled():
                break
        dialog.show_sample.setChecked(True)
        settle(500)
        path = args.out / lang / "designer.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(path), "PNG", 9)
        _shrink(path)
        print(f"saved {path} ({path.stat().st_size // 1024} KB)", file=sys.stderr)
        dialog.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

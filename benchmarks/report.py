"""Score report for a whole exam: store -> results -> statistics -> report data -> A4 PDF.

Makes a store with one exam of N read 45-question sheets (the omr handler's result format, written
through the queue's claim/complete like the worker does; the reading itself is benchmarked in
benchmarks/omr.py) and a roster of N Korean names in 6 classes, then times `scandesk report`'s work in
this process: `exam_results` + `build_report` (data) and `write_pdf` (drawing), median of --repeat runs.

    .venv/bin/python benchmarks/report.py --students 300 --repeat 3
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.contracts import AIJob
from core.exams import create_exam
from core.queue import JobQueue
from core.roster import Student, save_students
from core.store import open_store
from desktop.gui.report.pdf import ensure_gui_application, write_pdf
from desktop.services.report_data import exam_report

TEMPLATE = Path(__file__).resolve().parents[1] / "resources" / "templates" / "kr_omr_45.json"
SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
GIVEN = ("민준", "서연", "지후", "하준", "예린", "도윤", "서아", "시우", "지아", "주원", "하은", "건우")


def make_store(folder: Path, n: int, questions: int, seed: int) -> tuple[JobQueue, object]:
    rng = random.Random(seed)
    key = {f"q{i}": str(rng.randint(1, 5)) for i in range(1, questions + 1)}
    key_file = folder / "key.csv"
    key_file.write_text("question,answer\n" + "".join(f"{q[1:]},{a}\n" for q, a in key.items()), encoding="utf-8")
    store = open_store(f"sqlite+pysqlite:///{folder / 'bench.db'}", home=folder / "home")
    queue = JobQueue(store)
    exam = create_exam(store, "6월 모의고사", TEMPLATE, key_file)
    save_students(store, [
        Student(f"{20260001 + i}", SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES)) % len(GIVEN)],
                f"중2-{'ABCDEF'[i % 6]}")
        for i in range(n)
    ])
    jobs = [AIJob.new(type="omr", payload={"template": str(TEMPLATE), "answer_key": str(key_file),
                                           "exam_id": str(exam.id), "image_path": f"/scans/{i}.png", "page": 0})
            for i in range(n)]
    queue.enqueue_many(jobs, placement="desk")
    results = []
    for i in range(n):
        skill = rng.random()
        fields = {"student_id": {"value": f"{20260001 + i}", "confidence": 0.99, "flags": []}}
        scoring = {}
        score = 0.0
        for q, a in key.items():
            r = rng.random()
            value = a if r < 0.3 + 0.65 * skill else ("" if r > 0.97 else str(rng.randint(1, 5)))
            verdict = "unmarked" if not value else ("correct" if value == a else "incorrect")
            score += verdict == "correct"
            fields[q] = {"value": value, "confidence": 0.95, "flags": []}
            scoring[q] = {"marked": value, "verdict": verdict, "delta": float(verdict == "correct")}
        results.append({"file": f"{i}.png", "page": 0, "template": str(TEMPLATE), "fields": fields,
                        "student_id": f"{20260001 + i}", "score": score, "max_score": float(questions),
                        "scoring": scoring, "flags": [], "needs_review": False, "confidence": 0.95})
    by_id = {job.id: result for job, result in zip(jobs, results, strict=True)}
    claimed = queue.claim_many("bench", n)
    queue.complete_many([(c.job_id, c.lease_token, by_id[c.job_id]) for c in claimed])
    return queue, exam


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--questions", type=int, default=45)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    ensure_gui_application()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        queue, exam = make_store(folder, args.students, args.questions, seed=7)
        data_s, draw_s, total_s, cpu_s = [], [], [], []
        pages = 0
        for run in range(args.repeat):
            cpu0, t0 = time.process_time(), time.perf_counter()
            data = exam_report(queue, exam)  # type: ignore[arg-type]
            t1 = time.perf_counter()
            pages = write_pdf(data, folder / f"report{run}.pdf")
            t2 = time.perf_counter()
            data_s.append(t1 - t0)
            draw_s.append(t2 - t1)
            total_s.append(t2 - t0)
            cpu_s.append(time.process_time() - cpu0)
        size = (folder / "report0.pdf").stat().st_size
        queue.store.close()
    med = statistics.median
    print(f"{args.students} students x {args.questions} questions: {pages} pages, {size / 1e6:.1f} MB")
    print(f"data {med(data_s):.2f} s, drawing {med(draw_s):.2f} s, total {med(total_s):.2f} s "
          f"(runs {', '.join(f'{t:.2f}' for t in total_s)}), CPU {med(cpu_s):.2f} s, load {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

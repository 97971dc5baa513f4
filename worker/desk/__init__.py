"""Domain logic of the teacher's desk, Qt-free, so the GUI is a thin view and all of it is tested headless.

- `intake.import_paths`: files and folders -> one omr job and one pages row per page (duplicates, errors).
- `watch.FolderWatcher`: the scanner folder, polled by a timer; each file taken once, also across restarts.
- `review.review_queue` / `correct` / `confirm` / `effective_result`: uncertain reads and corrections.
- `results.exam_results` / `write_csv` / `write_xlsx` / `annotated_image`: results and exports.
Exams themselves are store logic: `core.exams`.
"""

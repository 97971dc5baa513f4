"""Domain logic of the teacher's desk (import, scanner folder, review, results): Qt-free, used by the GUI."""

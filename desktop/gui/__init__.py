"""The PySide6 desktop app: start-up, main window, screens, models, widgets and the worker thread."""

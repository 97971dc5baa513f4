"""Qt-free application services shared by the CLI and the GUI: import, watch, review, results, sync."""

"""Start of both executables of the installed app (`ScanDesk` and `scandesk`), see build.spec.

`freeze_support` first: the worker's process pool starts its children with `spawn`, which re-runs this
executable; the call turns such a start into the child instead of a second app.
"""

import multiprocessing
import sys

from desktop.entry import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())

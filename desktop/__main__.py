"""`python -m desktop`: the same program as the `scandesk` script."""

import sys

from desktop.entry import main

sys.exit(main())

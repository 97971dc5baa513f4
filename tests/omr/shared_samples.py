"""Where OMRChecker's real sample scans are (../shared beside the repository), and whether they must be.

`./run-tests` sets SCANDESK_REQUIRE_SAMPLES=1: there a missing sample folder fails the suite, as a missing
PostgreSQL does, instead of silently skipping every real-scan test.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SAMPLES_ROOT = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "omrchecker"
REQUIRED = os.environ.get("SCANDESK_REQUIRE_SAMPLES") == "1"

# Skipped only where the samples are optional; where they are required, the tests run and fail.
needs_samples = pytest.mark.skipif(not SAMPLES_ROOT.exists() and not REQUIRED,
                                   reason="shared samples not checked out beside the repo")

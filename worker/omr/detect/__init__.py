"""Template detection: from a scan of a blank answer card to an OMRChecker template.json (no Qt)."""

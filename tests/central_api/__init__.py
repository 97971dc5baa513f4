"""Stand-in for the academy's central API (its AI worker endpoints plus the desk's additions).

Used by the sync tests and for demos: `python -m tests.central_api --port 8765 --token T`.
See `app.py` for the endpoints, `store.py` for the lease semantics and `faults.py` for fault injection.
"""

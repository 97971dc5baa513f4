"""Run the stand-in central API: `python -m tests.central_api --port 8765 --token T`.

Prints one line `stand-in central API listening on http://HOST:PORT` on stdout once the socket is bound
(with `--port 0` the OS picks the port; the test fixture reads it from that line).
"""

from __future__ import annotations

import argparse
import logging
import os
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn

from tests.central_api.app import create_app
from tests.central_api.faults import FaultConfig, Faults
from tests.central_api.store import StandInStore


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tests.central_api", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    parser.add_argument("--token", default="", help="worker token; empty: every API call answers 503")
    parser.add_argument("--db", type=Path, default=None, help="SQLite file (default: a new temp file)")
    parser.add_argument("--lease-seconds", type=float, default=120.0)
    parser.add_argument("--drop", type=float, default=0.0, help="share of requests dropped")
    parser.add_argument("--error500", type=float, default=0.0, help="share of requests answered 500")
    parser.add_argument("--slow-ms", type=int, default=0)
    parser.add_argument("--down-for", type=float, default=0.0, help="seconds down from start")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--log-level", default="warning")
    parser.add_argument("--exit-with-parent", action="store_true",
                        help="exit when the process that started this one is gone (test fixtures)")
    return parser


def _watch_parent(parent: int) -> None:
    """A killed test run must not leave servers behind: exit once our parent has gone."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    db_path = args.db or Path(tempfile.mkdtemp(prefix="stand-in-")) / "central.sqlite3"
    store = StandInStore(db_path, lease_seconds=args.lease_seconds)
    faults = Faults()
    faults.configure(
        FaultConfig.from_request(
            {"drop": args.drop, "error500": args.error500, "slow_ms": args.slow_ms,
             "down_for_s": args.down_for, "seed": args.seed},
            time.time(),
        )
    )
    app = create_app(store, args.token, faults)
    if args.exit_with_parent:
        _watch_parent(os.getppid())

    # proto=IPPROTO_TCP matters: asyncio sets TCP_NODELAY only on sockets that say they are TCP, and
    # without it every response (headers and body are two writes) waits ~40 ms for a delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((args.host, args.port))
    sock.listen(512)
    port = sock.getsockname()[1]
    print(f"stand-in central API listening on http://{args.host}:{port} (db {db_path})", flush=True)

    # Dropped connections are part of the job here; keep uvicorn's error log for real errors only.
    logging.getLogger("uvicorn.error").setLevel(args.log_level.upper())
    config = uvicorn.Config(
        app, log_level=args.log_level, access_log=False, lifespan="off", timeout_keep_alive=30
    )
    server = uvicorn.Server(config)
    server.run(sockets=[sock])
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

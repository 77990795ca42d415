"""`python -m huaibei_reader.demo`: serve the sample edition by hand until Ctrl-C."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

from huaibei_reader.demo.server import DEMO_PORT, DemoUnavailable, SampleEditionServer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m huaibei_reader.demo",
        description="Serve the bundled sample edition (今日淮北 sample) on loopback.",
    )
    parser.add_argument("--root", type=Path, default=None,
                        help="folder to serve (default: the bundled sample edition)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=DEMO_PORT,
                        help=f"preferred port (default {DEMO_PORT}; 0 = any free port)")
    args = parser.parse_args(argv)
    server = SampleEditionServer(args.root, host=args.host, port=args.port)
    try:
        url = server.start()
    except DemoUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(url, flush=True)
    try:
        idle = threading.Event()
        while not idle.wait(0.5):  # short waits: Ctrl-C interrupts them on Windows too
            pass
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

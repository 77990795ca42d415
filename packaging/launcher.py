"""Entry point of the frozen app: the same `main` as `python -m huaibei_reader`."""

import sys

from huaibei_reader.__main__ import main

if __name__ == "__main__":
    sys.exit(main())

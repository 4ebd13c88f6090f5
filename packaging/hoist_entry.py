"""Entry point frozen by PyInstaller (packaging/hoist.spec): the same as the `hoist` console script."""

import multiprocessing
import sys

from hoist.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())

"""``python -m factcheck.archive …`` is ``factcheck archive …``."""

import sys

from factcheck.archive.cli import main

sys.exit(main(sys.argv[1:]))

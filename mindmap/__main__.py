"""`python -m mindmap`: the same command line as `mindmap`."""

import sys

from mindmap.cli import main

sys.exit(main())

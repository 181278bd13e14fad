"""`python -m app`: the same as the `storekeeper` command (no command opens the window)."""

import sys

from app.cli import main

sys.exit(main())

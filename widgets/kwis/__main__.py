"""`python -m kwis`: the `kwis` command."""

import sys

from kwis.cli import main

if __name__ == "__main__":
    sys.exit(main())

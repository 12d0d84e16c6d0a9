"""``python -m mp_lsp``: the same command as the ``mp-lsp`` script, for environments without it.

The guard matters: worker processes started with ``spawn`` re-import this module as
``__mp_main__`` and must not run the command line again.
"""

import sys

from mp_lsp.cli import main

if __name__ == "__main__":
    sys.exit(main())

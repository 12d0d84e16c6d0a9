import functools
import re

_SPACES = re.compile(r"\s+")


def make_cleaner(replacement=" "):
    """Return a callable that collapses runs of whitespace."""
    return functools.partial(_SPACES.sub, replacement)

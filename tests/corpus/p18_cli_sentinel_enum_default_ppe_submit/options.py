"""Option resolution for the `report` command (click-style UNSET sentinel)."""
import enum


class Sentinel(enum.Enum):
    """Marks an option the user did not pass, distinct from an explicit None."""

    UNSET = object()

    def __repr__(self):
        return f"{self.__class__.__name__}.{self.name}"


UNSET = Sentinel.UNSET

DEFAULTS = {"fmt": "csv", "limit": None, "title": UNSET, "since": UNSET}


def resolve(cli_values, env_values):
    """Merge command line over environment over defaults, keeping UNSET markers."""
    resolved = {}
    for name, default in DEFAULTS.items():
        value = cli_values.get(name, UNSET)
        if value is UNSET:
            value = env_values.get(name, default)
        resolved[name] = value
    return resolved


def is_set(value):
    return value is not UNSET

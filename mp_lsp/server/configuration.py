"""The settings in force: pyproject.toml, overridden by what the editor sends.

Precedence, lowest first: the defaults, the ``[tool.mp-lsp]`` table of the workspace's
pyproject.toml (so that the editor agrees with ``mp-lsp check`` in CI), the client's
``initializationOptions``, and the live ``mp-lsp`` section of its configuration. An editor
setting that is unset (``null``, or an empty list or string, which is what VS Code sends for a
setting nobody touched) defers to pyproject.toml instead of resetting it.

A wrong value never stops the server: it is reported (once) and the key keeps the value it
would have had without it, as :func:`mp_lsp.settings.settings_from_mapping` does.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from mp_lsp.settings import Settings, load_settings, settings_from_mapping

#: The configuration section the server asks for, and the key it may be nested under.
SECTION = "mp-lsp"
#: The key that names the Python whose packages jedi should see.
INTERPRETER_KEY = "interpreter"
#: Keys of the section that belong to the client, not the server (VS Code's `trace.server`).
_CLIENT_KEYS = frozenset({"trace"})


def default_interpreter() -> str:
    """The active virtual environment's Python if there is one, else the server's own."""
    virtual_env = os.environ.get("VIRTUAL_ENV")
    if virtual_env:
        name = os.path.join("Scripts", "python.exe") if os.name == "nt" else "bin/python"
        candidate = os.path.join(virtual_env, name)
        if os.path.isfile(candidate):
            return candidate
    return sys.executable


def section_of(value: Any) -> dict[str, Any]:
    """The ``mp-lsp`` settings in what a client sent: either nested under the section name
    (``{"mp-lsp": {...}}``, as in ``didChangeConfiguration``) or the section itself."""
    if isinstance(value, Mapping):
        nested = value.get(SECTION)
        if isinstance(nested, Mapping):
            return dict(nested)
        return {str(key): item for key, item in value.items()}
    return {}


def _is_unset(value: Any) -> bool:
    return value is None or (isinstance(value, (list, tuple, str)) and not value)


@dataclass(frozen=True)
class Configuration:
    """The outcome of merging: what the engine uses and which Python jedi reads."""

    settings: Settings
    interpreter: str
    #: The directory pyproject.toml settings (and so ``exclude`` patterns) are relative to.
    root: Path


class ConfigurationSources:
    """The layers of configuration, kept apart so that any one can change on its own."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.initialization: dict[str, Any] = {}
        self.client: dict[str, Any] = {}
        self._pyproject: Optional[tuple[Settings, Optional[Path], list[str]]] = None

    def reload_pyproject(self) -> None:
        """Read pyproject.toml again on the next :meth:`resolve` (it changed on disk)."""
        self._pyproject = None

    def resolve(self) -> tuple[Configuration, list[str]]:
        """The merged configuration and a message for each wrong setting."""
        if self._pyproject is None:
            self._pyproject = load_settings(self.root)
        base, pyproject, errors = self._pyproject
        merged = {
            key: value
            for layer in (self.initialization, self.client)
            for key, value in layer.items()
            if key not in _CLIENT_KEYS and not _is_unset(value)
        }
        interpreter_value = merged.pop(INTERPRETER_KEY, None)
        settings, client_errors = settings_from_mapping(merged, base, origin="editor settings")
        interpreter, interpreter_error = _interpreter(interpreter_value)
        messages = [*errors, *client_errors]
        if interpreter_error:
            messages.append(interpreter_error)
        root = pyproject.parent if pyproject is not None else self.root
        return Configuration(settings, interpreter, root), messages


def _interpreter(value: Any) -> tuple[str, Optional[str]]:
    """The interpreter a setting names (a Python executable or an environment directory)."""
    if value is None:
        return default_interpreter(), None
    if isinstance(value, str) and os.path.exists(os.path.expanduser(value)):
        return os.path.abspath(os.path.expanduser(value)), None
    fallback = default_interpreter()
    return fallback, (
        f"mp-lsp: editor settings: setting '{INTERPRETER_KEY}' must name an existing Python "
        f"executable or environment; got {value!r}, using {fallback}"
    )

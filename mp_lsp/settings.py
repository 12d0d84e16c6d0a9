"""User settings, shared by the command line and the language server.

Both faces read the same ``[tool.mp-lsp]`` table of ``pyproject.toml`` so that the editor and CI
agree on what is reported. The language server additionally receives settings from the client
(camelCase keys, JSON values), which is why :func:`settings_from_mapping` accepts several
spellings and never raises: a typo in an editor's settings must not stop the server, so a bad
value is reported and that one key keeps its previous value.

Every fallback errs towards reporting more (all rules, every start method), so a broken setting
can make the output noisier but never silently hides a problem.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Optional

from mp_lsp.engine.findings import Severity, StartMethod
from mp_lsp.engine.options import ALL, DEFAULT_EXCLUDE, Settings
from mp_lsp.engine.rules import RULES
from mp_lsp.engine.targets import (
    Platform,
    parse_platform,
    parse_target_version,
    requires_python,
)

__all__ = [
    "ALL", "DEFAULT_EXCLUDE", "Settings", "default_settings", "find_pyproject", "load_config",
    "load_settings", "settings_from_mapping",
]

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on old interpreters
    import tomli as tomllib

_START_METHOD_KEYS = ("start-method", "start_method", "startMethod")
_TARGET_VERSION_KEYS = ("target-version", "target_version", "targetVersion")
_PYPROJECT = "pyproject.toml"
_TABLE = "mp-lsp"
#: Recognises the table in a pyproject.toml that does not parse, so that the parse error is
#: reported for the file the user meant rather than the file silently skipped.
_TABLE_HEADER_RE = re.compile(r"""^\s*\[\s*tool\s*\.\s*(?:mp-lsp|"mp-lsp"|'mp-lsp')\s*[].]""", re.M)


def _string_list(value: object) -> Optional[tuple[str, ...]]:
    """A list of strings, or a comma-separated string, as a tuple; ``None`` for other values."""
    if isinstance(value, str):
        value = value.split(",")
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        return tuple(item.strip() for item in value if item.strip())
    return None


def _rule_selectors(key: str, value: object) -> tuple[Optional[tuple[str, ...]], Optional[str]]:
    """Parse a ``select``/``ignore`` value; returns the selectors or an error message."""
    items = _string_list(value)
    if items is None:
        return None, f"setting '{key}' must be a list of rule codes; got {value!r}"
    selectors = tuple(item.upper() for item in items)
    unknown = [
        selector
        for selector in selectors
        if selector != ALL and not any(code.startswith(selector) for code in RULES)
    ]
    if unknown:
        return None, (
            f"setting '{key}' has unknown rule code(s) {', '.join(unknown)}; "
            f"known codes are {', '.join(RULES)} (or a prefix of them, or {ALL})"
        )
    return selectors, None


def _severity_overrides(
    value: object,
) -> tuple[Optional[tuple[tuple[str, Severity], ...]], Optional[str]]:
    """Parse ``{"MP008": "information", ...}``; returns the overrides or an error message."""
    levels = ", ".join(level.value for level in Severity)
    if not isinstance(value, Mapping):
        return None, f"setting 'severity' must map rule codes to one of {levels}; got {value!r}"
    overrides: list[tuple[str, Severity]] = []
    for code, level in value.items():
        selectors, error = _rule_selectors("severity", [str(code)])
        if error is not None or selectors is None:
            return None, error
        if level not in {item.value for item in Severity}:
            return None, f"setting 'severity' for {code!r} must be one of {levels}; got {level!r}"
        overrides.append((selectors[0], Severity(level)))
    return tuple(overrides), None


def _platforms(value: object) -> tuple[Optional[tuple[Platform, ...]], Optional[str]]:
    """Parse ``["linux", "darwin"]``; returns the platforms (in a fixed order) or an error."""
    items = _string_list(value)
    choices = "linux, darwin (or macos), win32 (or windows)"
    if items is None:
        return None, f"setting 'platforms' must be a list of {choices}; got {value!r}"
    found: set[Platform] = set()
    for item in items:
        platform = parse_platform(item)
        if platform is None:
            return None, f"setting 'platforms' has unknown platform {item!r}; known are {choices}"
        found.add(platform)
    return tuple(p for p in Platform if p in found), None


def settings_from_mapping(
    mapping: Mapping[str, object],
    base: Settings = Settings(),
    *,
    origin: Optional[str] = None,
) -> tuple[Settings, list[str]]:
    """Apply the keys of ``mapping`` on top of ``base``.

    Returns the new settings and one message per unknown key or invalid value; such a key keeps
    its ``base`` value. ``origin`` (e.g. the path of a pyproject.toml) is named in the messages.
    """
    prefix = f"mp-lsp: {origin}: " if origin else "mp-lsp: "
    errors: list[str] = []
    changes: dict[str, object] = {}
    for key, value in mapping.items():
        if key in _START_METHOD_KEYS:
            if value is None:
                changes["start_method"] = None
            elif isinstance(value, str) and value in {method.value for method in StartMethod}:
                changes["start_method"] = StartMethod(value)
            else:
                choices = ", ".join(method.value for method in StartMethod)
                errors.append(f"{prefix}setting '{key}' must be one of {choices}; got {value!r}")
        elif key in ("select", "ignore"):
            selectors, error = _rule_selectors(key, value)
            if error is not None:
                errors.append(prefix + error)
            else:
                changes[key] = selectors
        elif key == "severity":
            overrides, error = _severity_overrides(value)
            if error is not None:
                errors.append(prefix + error)
            else:
                changes["severity"] = overrides
        elif key in _TARGET_VERSION_KEYS:
            version = parse_target_version(value) if isinstance(value, str) else None
            if value is None:
                changes["target_version"] = None
            elif version is None:
                errors.append(
                    f"{prefix}setting '{key}' must be a Python version such as \"py311\" or "
                    f"\"3.11\"; got {value!r}"
                )
            else:
                changes["target_version"] = version
        elif key == "platforms":
            platforms, error = _platforms(value)
            if error is not None:
                errors.append(prefix + error)
            else:
                changes["platforms"] = platforms
        elif key in ("exclude", "include"):
            patterns = _string_list(value)
            if patterns is None:
                errors.append(f"{prefix}setting '{key}' must be a list of globs; got {value!r}")
            else:
                changes[key] = patterns
        else:
            errors.append(f"{prefix}unknown setting {key!r}")
    return replace(base, **changes), errors  # type: ignore[arg-type]


def _read_toml(path: Path) -> dict[str, object]:
    """Parse a TOML file (raises ``OSError``, ``UnicodeDecodeError`` or ``TOMLDecodeError``)."""
    with path.open("rb") as file:
        return tomllib.load(file)


def _mp_lsp_table(document: Mapping[str, object]) -> Optional[object]:
    """The ``[tool.mp-lsp]`` value of a parsed pyproject, or ``None``."""
    tool = document.get("tool")
    return tool.get(_TABLE) if isinstance(tool, dict) else None


def _has_table(path: Path) -> bool:
    """Whether ``path`` is a pyproject.toml meant for mp-lsp (also when it fails to parse)."""
    try:
        return _mp_lsp_table(_read_toml(path)) is not None
    except (OSError, UnicodeDecodeError):
        return False
    except tomllib.TOMLDecodeError:
        return bool(_TABLE_HEADER_RE.search(path.read_text(encoding="utf-8", errors="replace")))


def find_pyproject(start: Path) -> Optional[Path]:
    """The nearest ``pyproject.toml`` at or above ``start`` that has a ``[tool.mp-lsp]`` table.

    As in ruff, a pyproject.toml without the table is skipped: it belongs to the project but says
    nothing about mp-lsp, and a parent directory may hold the real configuration.
    """
    start = Path(os.path.abspath(start))
    directory = start if start.is_dir() else start.parent
    for candidate in (directory, *directory.parents):
        path = candidate / _PYPROJECT
        if path.is_file() and _has_table(path):
            return path
    return None


def load_config(path: Path) -> tuple[Settings, list[str]]:
    """The settings of one pyproject.toml's ``[tool.mp-lsp]`` table (defaults if it has none).

    Unlike an invalid value, a file that cannot be read or parsed yields defaults and a message,
    because no single key can be trusted.
    """
    try:
        document = _read_toml(path)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return Settings(), [f"mp-lsp: {path}: cannot read configuration: {error}"]
    # ``target-version`` defaults to the package's ``requires-python``, as in ruff.
    base = Settings(target_version=requires_python(path.parent))
    table = _mp_lsp_table(document)
    if table is None:
        return base, []
    if not isinstance(table, dict):
        return base, [f"mp-lsp: {path}: [tool.{_TABLE}] must be a table"]
    return settings_from_mapping(table, base, origin=str(path))


def default_settings(start: Path) -> Settings:
    """The settings where no pyproject.toml has a ``[tool.mp-lsp]`` table: the defaults, but
    ``target-version`` from the ``requires-python`` of the package holding ``start``."""
    return Settings(target_version=requires_python(start))


def load_settings(start: Path) -> tuple[Settings, Optional[Path], list[str]]:
    """The settings that apply to ``start``, the pyproject.toml they came from, and any errors."""
    path = find_pyproject(start)
    if path is None:
        return default_settings(start), None, []
    settings, errors = load_config(path)
    return settings, path, errors

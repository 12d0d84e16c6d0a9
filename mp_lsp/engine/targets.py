"""Where the code runs: the target Python and platforms, and the start method each defaults to.

A problem that fails only under ``spawn`` and ``forkserver`` bites wherever one of them is the
default, which depends on the platform and the Python:

- Windows: ``spawn``, the only start method there is;
- macOS: ``spawn`` since Python 3.8 (``fork`` before);
- Linux (and the other POSIX systems): ``fork`` up to Python 3.13, ``forkserver`` from 3.14.

A project says where it runs with ``target-version`` (the oldest Python it supports, ruff's
setting; by default ``[project] requires-python``, else the version of the interpreter jedi
reads) and ``platforms`` (by default all three). The code narrows it further: the body of
``if sys.platform == "win32":`` runs on Windows only (:meth:`Target.at`).
:class:`mp_lsp.engine.checker.Outcome` turns a :class:`Target` into a severity and a note.
"""

from __future__ import annotations

import ast
import enum
import os
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from mp_lsp.engine.findings import ALL_START_METHODS, StartMethod
from mp_lsp.engine.syntax import ModuleSyntax, dotted_name

if TYPE_CHECKING:
    from mp_lsp.engine.options import Settings
    from mp_lsp.engine.project import Project

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on old interpreters
    import tomli as tomllib

__all__ = [
    "ALL_PLATFORMS", "Platform", "Target", "default_start_method", "parse_platform",
    "parse_target_version", "requires_python", "requires_python_lower_bound", "resolve_target",
]

Version = tuple[int, int]


class Platform(str, enum.Enum):
    """The platforms whose start methods differ, by their ``sys.platform``."""

    LINUX = "linux"
    MACOS = "darwin"
    WINDOWS = "win32"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {Platform.LINUX: "Linux", Platform.MACOS: "macOS", Platform.WINDOWS: "Windows"}
ALL_PLATFORMS: frozenset[Platform] = frozenset(Platform)
#: How messages list platforms.
_ORDER = (Platform.LINUX, Platform.MACOS, Platform.WINDOWS)
#: What a setting may call each platform (case-insensitive).
_ALIASES = {
    "linux": Platform.LINUX, "darwin": Platform.MACOS, "macos": Platform.MACOS,
    "osx": Platform.MACOS, "win32": Platform.WINDOWS, "windows": Platform.WINDOWS,
}
#: Linux's default becomes ``forkserver`` (gh-84559), macOS's became ``spawn`` (bpo-33725).
FORKSERVER_ON_LINUX: Version = (3, 14)
SPAWN_ON_MACOS: Version = (3, 8)
#: The version assumed when none is known (the oldest whose syntax the engine reads).
OLDEST: Version = (3, 8)
_BREAKS = {Platform.LINUX: (FORKSERVER_ON_LINUX,), Platform.MACOS: (SPAWN_ON_MACOS,),
           Platform.WINDOWS: ()}


def default_start_method(platform: Platform, version: Version) -> StartMethod:
    """The start method multiprocessing uses on ``platform`` under Python ``version`` when
    the program does not choose one."""
    if platform is Platform.WINDOWS:
        return StartMethod.SPAWN
    if platform is Platform.MACOS:
        return StartMethod.SPAWN if version >= SPAWN_ON_MACOS else StartMethod.FORK
    return StartMethod.FORKSERVER if version >= FORKSERVER_ON_LINUX else StartMethod.FORK


def available_start_methods(platform: Platform) -> frozenset[StartMethod]:
    return frozenset({StartMethod.SPAWN}) if platform is Platform.WINDOWS else ALL_START_METHODS


def _version_text(version: Version) -> str:
    return f"{version[0]}.{version[1]}"


def _names(platforms: list[Platform]) -> str:
    labels = [platform.label for platform in platforms]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


@dataclass(frozen=True)
class Target:
    """The platforms some code runs on and the oldest Python it runs under."""

    platforms: frozenset[Platform] = ALL_PLATFORMS
    version: Version = OLDEST

    @property
    def start_methods(self) -> frozenset[StartMethod]:
        """The start methods the code can run under (Windows has ``spawn`` only)."""
        methods: frozenset[StartMethod] = frozenset()
        for platform in self.platforms:
            methods |= available_start_methods(platform)
        return methods

    def defaults(self) -> frozenset[StartMethod]:
        """The default start methods of the platforms, under the target version."""
        return frozenset(default_start_method(p, self.version) for p in self.platforms)

    def fails_by_default_everywhere(self, failing: frozenset[StartMethod]) -> bool:
        """Whether, on every platform, the default start method of the target version is one
        of ``failing``: the program as written fails wherever it runs."""
        return bool(self.platforms) and self.defaults() <= failing

    def where(self, failing: frozenset[StartMethod]) -> str:
        """Where the default start method is one of ``failing``, from the target version on:
        ``on macOS and Windows, and on Linux from Python 3.14``; ``""`` for nowhere."""
        always: list[Platform] = []
        qualified: list[tuple[Version, str]] = []  # in the order the changes came
        for platform in _ORDER:
            if platform not in self.platforms:
                continue
            # The versions from the target on, in pieces where the default does not change.
            starts = [self.version, *(b for b in _BREAKS[platform] if b > self.version)]
            bites = [default_start_method(platform, start) in failing for start in starts]
            if all(bites):
                always.append(platform)
            elif bites[-1] and not bites[0]:
                first = starts[bites.index(True)]
                text = f"on {platform.label} from Python {_version_text(first)}"
                qualified.append((first, text))
            elif bites[0] and not bites[-1]:
                last = starts[bites.index(False)]
                before = (last[0], last[1] - 1)
                text = f"on {platform.label} up to Python {_version_text(before)}"
                qualified.append((last, text))
        parts = [f"on {_names(always)}"] if always else []
        parts += [text for _, text in sorted(qualified)]
        if len(parts) <= 1:
            return "".join(parts)
        return ", ".join(parts[:-1]) + ", and " + parts[-1]

    def narrowed(self, platforms: frozenset[Platform]) -> Target:
        return replace(self, platforms=self.platforms & platforms)

    def at(self, module: ModuleSyntax, node: ast.AST) -> Target:
        """The target of the code at ``node``: the platforms the branches around it allow."""
        return self.narrowed(branch_platforms(module, node))


def resolve_target(settings: Settings, project: Project, path: str) -> Target:
    """The target of a module: the settings', with the defaults for what they leave unset (the
    requires-python of the module's package, else the version of the Python jedi reads)."""
    version = settings.target_version
    if version is None:
        version = requires_python(Path(path).parent) or project.python_version
    return Target(frozenset(settings.platforms) or ALL_PLATFORMS, version)


# -- settings --------------------------------------------------------------------------------
_VERSION = re.compile(r"(?:py3|3\.)(\d{1,2})", re.IGNORECASE)


def parse_target_version(value: str) -> Optional[Version]:
    """``"py311"`` (ruff's spelling) or ``"3.11"`` as ``(3, 11)``; ``None`` if neither."""
    match = _VERSION.fullmatch(value.strip())
    return (3, int(match.group(1))) if match else None


def parse_platform(value: str) -> Optional[Platform]:
    """``"linux"``, ``"darwin"``/``"macos"``, ``"win32"``/``"windows"`` (any case)."""
    return _ALIASES.get(value.strip().lower())


_SPECIFIER = re.compile(r"\s*(~=|===|==|>=|<=|!=|>|<)\s*v?(\d+)(?:\.(\d+))?")


def requires_python_lower_bound(specifier: str) -> Optional[Version]:
    """The oldest Python 3 a ``requires-python`` specifier allows (``">=3.9,<4"`` → 3.9),
    or ``None`` when it sets no lower bound."""
    bound: Optional[Version] = None
    for clause in specifier.split(","):
        match = _SPECIFIER.match(clause)
        if match is None or match.group(1) not in ("~=", "===", "==", ">=", ">"):
            continue
        major, minor = int(match.group(2)), int(match.group(3) or 0)
        if major == 3 or (major < 3 and bound is None):
            version = (3, minor) if major == 3 else (3, 0)
            bound = version if bound is None else max(bound, version)
    return bound


_REQUIRES_CACHE: dict[str, tuple[int, Optional[Version], bool]] = {}


def _read_requires(path: Path) -> tuple[Optional[Version], bool]:
    """A pyproject.toml's ``[project] requires-python`` bound, and whether it has a
    ``[project]`` table (the package the code belongs to)."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return None, False
    cached = _REQUIRES_CACHE.get(str(path))
    if cached is not None and cached[0] == stamp:
        return cached[1], cached[2]
    try:
        with path.open("rb") as file:
            document = tomllib.load(file)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        document = {}
    project = document.get("project")
    specifier = project.get("requires-python") if isinstance(project, dict) else None
    bound = requires_python_lower_bound(specifier) if isinstance(specifier, str) else None
    _REQUIRES_CACHE[str(path)] = (stamp, bound, isinstance(project, dict))
    return bound, isinstance(project, dict)


def requires_python(start: Path) -> Optional[Version]:
    """The lower bound of ``requires-python`` in the package holding ``start``: the nearest
    pyproject.toml at or above it that has a ``[project]`` table."""
    directory = Path(os.path.abspath(start))
    for candidate in (directory, *directory.parents):
        path = candidate / "pyproject.toml"
        if path.is_file():
            bound, is_package = _read_requires(path)
            if is_package:
                return bound
    return None


# -- platform branches in the code -------------------------------------------------------------
#: What ``sys.platform``, ``os.name`` and ``platform.system()`` are on each platform.
_PLATFORM_VALUES = {
    "sys.platform": {"linux": Platform.LINUX, "darwin": Platform.MACOS, "win32": Platform.WINDOWS},
    "os.name": {"posix": (Platform.LINUX, Platform.MACOS), "nt": Platform.WINDOWS},
    "platform.system": {"Linux": Platform.LINUX, "Darwin": Platform.MACOS,
                        "Windows": Platform.WINDOWS},
}


def branch_platforms(module: ModuleSyntax, node: ast.AST) -> frozenset[Platform]:
    """The platforms on which the ``if`` branches around ``node`` let it run."""
    platforms = ALL_PLATFORMS
    child = node
    for parent in module.ancestors(node):
        if isinstance(parent, (ast.If, ast.IfExp)):
            body = parent.body if isinstance(parent.body, list) else [parent.body]
            orelse = parent.orelse if isinstance(parent.orelse, list) else [parent.orelse]
            true_on, false_on = _platform_sets(parent.test)
            if any(child is item for item in body):
                platforms &= true_on
            elif any(child is item for item in orelse):
                platforms &= false_on
        child = parent
    return platforms


def _platform_sets(test: ast.expr) -> tuple[frozenset[Platform], frozenset[Platform]]:
    """The platforms on which ``test`` may be true, and those on which it may be false
    (every platform for both when the test is not about the platform)."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        true_on, false_on = _platform_sets(test.operand)
        return false_on, true_on
    if isinstance(test, ast.BoolOp):
        parts = [_platform_sets(value) for value in test.values]
        trues = [part[0] for part in parts]
        falses = [part[1] for part in parts]
        if isinstance(test.op, ast.And):
            return frozenset.intersection(*trues), frozenset.union(*falses)
        return frozenset.union(*trues), frozenset.intersection(*falses)
    exact = _exact_platforms(test)
    if exact is None:
        return ALL_PLATFORMS, ALL_PLATFORMS
    return exact, ALL_PLATFORMS - exact


def _platform_source(node: ast.expr) -> Optional[str]:
    """``sys.platform``, ``os.name`` or ``platform.system`` (called), if ``node`` is one."""
    if isinstance(node, ast.Call) and not node.args and not node.keywords:
        name = dotted_name(node.func)
        return name if name == "platform.system" else None
    name = dotted_name(node)
    return name if name in ("sys.platform", "os.name") else None


def _values(source: str, node: ast.expr) -> Optional[frozenset[Platform]]:
    """The platforms where ``source`` equals the string ``node`` (or one of the strings of a
    tuple, list or set); ``None`` for a string outside the three platforms."""
    items = node.elts if isinstance(node, (ast.Tuple, ast.List, ast.Set)) else [node]
    found: set[Platform] = set()
    for item in items:
        if not (isinstance(item, ast.Constant) and isinstance(item.value, str)):
            return None
        value = _PLATFORM_VALUES[source].get(item.value)
        if value is None:
            return None
        found.update(value if isinstance(value, tuple) else (value,))
    return frozenset(found)


def _exact_platforms(test: ast.expr) -> Optional[frozenset[Platform]]:
    """The platforms on which a platform test is true; ``None`` for any other test."""
    if (
        isinstance(test, ast.Call)
        and isinstance(test.func, ast.Attribute)
        and test.func.attr == "startswith"
        and len(test.args) == 1
        and _platform_source(test.func.value) == "sys.platform"
    ):
        argument = test.args[0]
        prefixes = argument.elts if isinstance(argument, ast.Tuple) else [argument]
        found: set[Platform] = set()
        for prefix in prefixes:
            if not (isinstance(prefix, ast.Constant) and isinstance(prefix.value, str)):
                return None
            matching = {p for p in Platform if p.value.startswith(prefix.value)}
            if not matching:
                return None  # a platform outside the three: not one this model can narrow
            found |= matching
        return frozenset(found)
    if not isinstance(test, ast.Compare) or len(test.ops) != 1:
        return None
    left, right, op = test.left, test.comparators[0], test.ops[0]
    source = _platform_source(left)
    if source is None:
        source, left, right = _platform_source(right), right, left
        if source is None or isinstance(op, (ast.In, ast.NotIn)):
            return None
    values = _values(source, right)
    if values is None:
        return None
    if isinstance(op, (ast.Eq, ast.Is, ast.In)):
        return values
    if isinstance(op, (ast.NotEq, ast.IsNot, ast.NotIn)):
        return ALL_PLATFORMS - values
    return None

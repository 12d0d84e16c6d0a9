"""Settings: ruff-like rule selection, forgiving parsing and pyproject.toml discovery."""

from __future__ import annotations

from pathlib import Path, PurePath

import pytest

from mp_lsp.engine.findings import Severity, StartMethod
from mp_lsp.settings import (
    Settings,
    find_pyproject,
    load_config,
    load_settings,
    settings_from_mapping,
)


def test_defaults_enable_every_rule_and_every_start_method() -> None:
    settings = Settings()
    assert settings.start_method is None
    assert all(settings.is_enabled(f"MP00{n}") for n in range(1, 10))


@pytest.mark.parametrize(
    ("select", "ignore", "enabled", "disabled"),
    [
        (("MP001",), (), {"MP001"}, {"MP002"}),
        (("MP",), (), {"MP001", "MP009"}, set()),
        (("MP00",), ("MP004",), {"MP001", "MP005"}, {"MP004"}),
        ((), ("MP",), set(), {"MP001"}),
        (("MP001",), ("MP",), {"MP001"}, {"MP002"}),  # the more specific select wins
        (("MP",), ("MP",), set(), {"MP001"}),  # ignore wins a tie
        (("ALL",), ("MP00",), set(), {"MP001"}),
        (("MP001",), ("ALL",), {"MP001"}, {"MP002"}),
    ],
)
def test_is_enabled_prefix_matching(
    select: tuple[str, ...], ignore: tuple[str, ...], enabled: set[str], disabled: set[str]
) -> None:
    settings = Settings(select=select, ignore=ignore)
    assert {code for code in enabled | disabled if settings.is_enabled(code)} == enabled


@pytest.mark.parametrize("key", ["start-method", "start_method", "startMethod"])
def test_start_method_spellings(key: str) -> None:
    settings, errors = settings_from_mapping({key: "fork"})
    assert errors == []
    assert settings.start_method is StartMethod.FORK


def test_null_start_method_means_portable() -> None:
    settings, errors = settings_from_mapping({"startMethod": None}, Settings(StartMethod.SPAWN))
    assert (settings.start_method, errors) == (None, [])


def test_bad_start_method_keeps_base_and_names_key() -> None:
    base = Settings(start_method=StartMethod.SPAWN)
    settings, errors = settings_from_mapping({"start-method": "spwan", "select": ["MP001"]}, base)
    assert settings == Settings(start_method=StartMethod.SPAWN, select=("MP001",))
    assert errors == [
        "mp-lsp: setting 'start-method' must be one of spawn, fork, forkserver; got 'spwan'"
    ]


def test_select_ignore_exclude_values() -> None:
    settings, errors = settings_from_mapping(
        {"select": ["mp00"], "ignore": "MP004, MP005", "exclude": ["gen/*.py"]}
    )
    assert errors == []
    assert settings.select == ("MP00",)
    assert settings.ignore == ("MP004", "MP005")
    assert settings.exclude == ("gen/*.py",)


@pytest.mark.parametrize(
    ("mapping", "key"),
    [
        ({"select": ["XYZ1"]}, "select"),
        ({"ignore": [1]}, "ignore"),
        ({"select": 3}, "select"),
        ({"exclude": {"a": 1}}, "exclude"),
        ({"start-method": 1}, "start-method"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_invalid_values_fall_back(mapping: dict[str, object], key: str) -> None:
    base = Settings(select=("MP001",), ignore=("MP002",), exclude=("x",))
    settings, errors = settings_from_mapping(mapping, base)
    assert settings == base
    assert len(errors) == 1
    assert f"'{key}'" in errors[0]
    assert errors[0].startswith("mp-lsp: ")


def test_origin_is_named() -> None:
    _, errors = settings_from_mapping({"bogus": 1}, origin="/p/pyproject.toml")
    assert errors == ["mp-lsp: /p/pyproject.toml: unknown setting 'bogus'"]


@pytest.mark.parametrize(
    ("path", "excluded"),
    [
        ("pkg/mod.py", False),
        (".venv/lib/x.py", True),
        ("pkg/__pycache__/x.py", True),
        ("build/x.py", True),
        ("pkg/build_tools.py", False),
        ("generated/x.py", True),
        ("src/gen/x.py", True),
        ("gen/x.py", False),
        ("pkg/test_slow.py", True),
    ],
)
def test_is_excluded(path: str, excluded: bool) -> None:
    settings = Settings(exclude=("generated", "src/gen/", "test_slow.py"))
    assert settings.is_excluded(PurePath(path)) is excluded


def test_excludes_entry_tests_only_the_entry_itself() -> None:
    settings = Settings()
    assert settings.excludes_entry(PurePath("build"))
    assert not settings.excludes_entry(PurePath("build/x.py"))
    assert not settings.excludes_entry(PurePath())


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_find_pyproject_skips_files_without_the_table(tmp_path: Path) -> None:
    outer = _write(tmp_path / "pyproject.toml", '[tool.mp-lsp]\nstart-method = "spawn"\n')
    _write(tmp_path / "sub" / "pyproject.toml", "[project]\nname = 'x'\n")
    source = _write(tmp_path / "sub" / "pkg" / "mod.py", "")
    assert find_pyproject(source) == outer
    assert find_pyproject(source.parent) == outer


def test_find_pyproject_nearest_wins(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", "[tool.mp-lsp]\n")
    inner = _write(tmp_path / "sub" / "pyproject.toml", "[tool.mp-lsp]\nselect = ['MP001']\n")
    assert find_pyproject(tmp_path / "sub") == inner


def test_find_pyproject_ignores_other_tools_tables(tmp_path: Path) -> None:
    config = _write(tmp_path / "pyproject.toml", "[tool.ruff]\n")
    assert find_pyproject(tmp_path) != config


def test_load_settings(tmp_path: Path) -> None:
    config = _write(
        tmp_path / "pyproject.toml",
        '[tool.mp-lsp]\nstart-method = "forkserver"\nignore = ["MP008"]\nexclude = ["legacy"]\n',
    )
    settings, path, errors = load_settings(tmp_path)
    assert path == config
    assert errors == []
    assert settings == Settings(StartMethod.FORKSERVER, (), ("MP008",), ("legacy",))


def test_load_settings_reports_bad_values_with_the_file(tmp_path: Path) -> None:
    config = _write(tmp_path / "pyproject.toml", '[tool.mp-lsp]\nstart-method = "spwan"\n')
    settings, path, errors = load_settings(tmp_path)
    assert (settings, path) == (Settings(), config)
    assert errors == [
        f"mp-lsp: {config}: setting 'start-method' must be one of spawn, fork, forkserver; "
        "got 'spwan'"
    ]


def test_unparsable_pyproject_with_the_table_is_reported(tmp_path: Path) -> None:
    config = _write(tmp_path / "pyproject.toml", "[tool.mp-lsp]\nselect = [\n")
    settings, path, errors = load_settings(tmp_path)
    assert (settings, path) == (Settings(), config)
    assert len(errors) == 1
    assert "cannot read configuration" in errors[0]


def test_table_must_be_a_table(tmp_path: Path) -> None:
    config = _write(tmp_path / "pyproject.toml", '[tool]\n"mp-lsp" = 3\n')
    assert load_config(config) == (Settings(), [f"mp-lsp: {config}: [tool.mp-lsp] must be a table"])


def test_load_settings_without_pyproject(tmp_path: Path) -> None:
    settings, path, errors = load_settings(tmp_path / "nowhere.py")
    assert settings == Settings()
    assert errors == []
    # A pyproject.toml above tmp_path (outside the test's control) could be found; none is
    # expected on a test machine, but only its absence from tmp_path is asserted.
    assert path is None or tmp_path not in path.parents


def test_severity_overrides_most_specific_prefix_wins() -> None:
    settings, errors = settings_from_mapping({"severity": {"MP": "hint", "MP008": "information"}})
    assert errors == []
    assert settings.severity_of("MP008", Severity.WARNING) is Severity.INFORMATION
    assert settings.severity_of("MP001", Severity.ERROR) is Severity.HINT
    assert Settings().severity_of("MP001", Severity.ERROR) is Severity.ERROR


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ({"MP008": "loud"}, "must be one of error, warning, information, hint"),
        ({"XX1": "hint"}, "unknown rule code"),
        (["MP008"], "must map rule codes"),
    ],
)
def test_bad_severity_overrides_are_reported_and_ignored(value: object, fragment: str) -> None:
    base = Settings(severity=(("MP001", Severity.HINT),))
    settings, errors = settings_from_mapping({"severity": value}, base)
    assert settings == base
    assert len(errors) == 1 and fragment in errors[0]

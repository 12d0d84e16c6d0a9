"""Every type-table entry with a recipe is built for real and must really refuse to pickle."""

from __future__ import annotations

import asyncio  # noqa: F401  (used by recipes)
import bz2  # noqa: F401
import concurrent.futures  # noqa: F401
import contextlib
import csv  # noqa: F401
import gzip  # noqa: F401
import hashlib  # noqa: F401
import io  # noqa: F401
import logging  # noqa: F401
import lzma  # noqa: F401
import mmap  # noqa: F401
import multiprocessing
import multiprocessing.pool
import pickle
import queue  # noqa: F401
import sqlite3  # noqa: F401
import ssl  # noqa: F401
import sys  # noqa: F401
import tarfile  # noqa: F401
import tempfile  # noqa: F401
import threading  # noqa: F401
import weakref  # noqa: F401
import zipfile  # noqa: F401
from multiprocessing.reduction import ForkingPickler

import pytest

from mp_lsp.engine.knowledge.type_table import TYPES, Refusal, UnpicklableType

WITH_RECIPE = [entry for entry in TYPES if entry.recipe]


def _close(obj: object) -> None:
    for method in ("close", "shutdown", "terminate"):
        closer = getattr(obj, method, None)
        if callable(closer):
            with contextlib.suppress(Exception):
                closer()
            return


@pytest.mark.parametrize("entry", WITH_RECIPE, ids=lambda e: e.label)
def test_entry_really_refuses_to_pickle(entry: UnpicklableType) -> None:
    obj = eval(entry.recipe, globals())  # the recipes are the table's own literals
    try:
        # multiprocessing pickles with ForkingPickler (which knows sockets and connections),
        # so that is the pickler an entry must defeat; tasks are pickled outside spawning.
        if entry.refusal is Refusal.NEVER:
            with pytest.raises((TypeError, pickle.PicklingError, NotImplementedError,
                                AttributeError)):
                ForkingPickler.dumps(obj)
        else:
            with pytest.raises(RuntimeError, match="inheritance"):
                ForkingPickler.dumps(obj)
    finally:
        _close(obj)


def test_most_entries_are_verified() -> None:
    assert len(WITH_RECIPE) >= 0.8 * len(TYPES)


def test_names_are_unique() -> None:
    names = [name for entry in TYPES for name in entry.names]
    assert len(names) == len(set(names))


def test_manager_proxies_are_not_in_the_table() -> None:
    """Proxies pickle fine everywhere; the table must not claim otherwise."""
    with multiprocessing.Manager() as manager:
        for proxy in (manager.Lock(), manager.Queue(), manager.dict(), manager.Value("i", 1)):
            ForkingPickler.dumps(proxy)

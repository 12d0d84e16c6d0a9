"""Builtins and methods whose effect on a value inference follows without running anything."""

from __future__ import annotations

#: Calls whose items are the items of their arguments (``zip(a, b)`` yields tuples of items).
ITEM_PASSTHROUGH = frozenset({"zip", "enumerate", "reversed", "sorted", "list", "tuple", "set",
                              "iter", "filter"})
#: Methods that add their last argument to a container (``jobs.append(job)``).
ADDING_METHODS = frozenset({"append", "add", "appendleft"})
#: Methods that add each item of their argument to a container.
EXTENDING_METHODS = frozenset({"extend"})
#: Methods that change the object they are called on: such a call counts as binding the name
#: of the object (its items may have changed).
MUTATORS = frozenset(
    {*ADDING_METHODS, *EXTENDING_METHODS, "insert", "update", "setdefault", "put",
     "put_nowait", "__setitem__"}
)
#: Library callables whose result keeps what it was called with, so pickling the result pickles
#: those arguments too (``map(lambda ...)``, a ``chain`` over a generator): full name → the names
#: of the positional arguments kept (``*name``: every further one, numbered from 0) and whether
#: keyword arguments are kept too.
KEPT_ARGUMENTS: dict[str, tuple[tuple[str, ...], bool]] = {
    "functools.partial": (("func", "*arg"), True),
    "functools.partialmethod": (("func", "*arg"), True),
    "builtins.map": (("func", "*iterable"), False),
    "builtins.filter": (("function", "iterable"), False),
    "builtins.zip": (("*iterable",), False),
    "builtins.enumerate": (("iterable",), False),
    "itertools.chain": (("*iterable",), False),
    "itertools.islice": (("iterable",), False),
    "itertools.starmap": (("function", "iterable"), False),
    "itertools.filterfalse": (("predicate", "iterable"), False),
    "itertools.takewhile": (("predicate", "iterable"), False),
    "itertools.dropwhile": (("predicate", "iterable"), False),
    "itertools.zip_longest": (("*iterable",), False),
    "collections.defaultdict": (("default_factory",), True),
    "collections.ChainMap": (("*maps",), False),
    # an aware datetime or time pickles its ``tzinfo`` (the numbers cross as they are)
    "datetime.datetime": (
        ("year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo"), True),
    "datetime.time": (("hour", "minute", "second", "microsecond", "tzinfo"), True),
    "datetime.datetime.replace": ((), True),
    "datetime.datetime.astimezone": (("tz",), True),
    "datetime.datetime.now": (("tz",), True),
    "datetime.datetime.fromtimestamp": (("timestamp", "tz"), True),
    "datetime.time.replace": ((), True),
}
#: Mapping methods that return a view of the mapping, by the view's type.
DICT_VIEWS = {"keys": "builtins.dict_keys", "values": "builtins.dict_values",
              "items": "builtins.dict_items"}
#: Mapping methods whose second argument is a value they may return (``d.get(k, default)``).
MAPPING_DEFAULTS = frozenset({"get", "pop", "setdefault"})
#: What jedi says of a value without saying what it holds (a loop's element, say).
CONTAINER_TYPES = frozenset({"builtins.tuple", "builtins.list", "builtins.dict", "builtins.set"})
#: Types whose ``keys()``/``values()``/``items()`` are such views.
DICT_TYPES = frozenset({"builtins.dict", "collections.OrderedDict", "collections.defaultdict",
                        "collections.Counter"})

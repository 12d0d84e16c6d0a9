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

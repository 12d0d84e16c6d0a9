"""## What it does

Reports a value that pickles but that the receiving process cannot rebuild: an exception whose
`__init__` cannot take back its own `args`, an object whose `__getattr__` reads instance state,
one whose `__new__` needs arguments that unpickling does not give it, a `tzinfo` whose
`__init__` needs arguments that no `__getinitargs__` gives it, or an Enum member whose value is
rebuilt as an object that equals no member, or a `__setstate__` of a class with `__slots__` that
reads its state as a dict.

## Why is this bad?

Unpickling runs the class's code on the other side. An exception is rebuilt as
`cls(*self.args)`: `args` holds what an `__init__` last handed to the built-in exception's
`__init__` (`super().__init__(...)`, `Exception.__init__(self, ...)`), or, when none did, what
the call that made it passed by position (keyword arguments are not kept). Other instances
are made with `cls.__new__(cls, *newargs)` and their state is restored by looking
`__setstate__` up on an instance that has no attributes yet, which calls a custom
`__getattr__`. A `tzinfo` is rebuilt as `cls(*self.__getinitargs__())`, or `cls()` without that
method. An instance with `__slots__` and no `__getstate__` is sent with the state `(its
__dict__ or None, {slot: value})`, which `__setstate__` receives as it is. An Enum member is sent by value and found again as `cls(value)`: a value that
pickles by value but compares by identity (a bare `object()`, a `functools.partial`, an
instance of a class without `__eq__`) comes back as a new object that is no member's value
(`ValueError: ... is not a valid Color`). When that code fails,
the worker cannot read its task and dies (`BrokenProcessPool`), or the parent cannot read a
result and `Pool.map` hangs for ever.

Python 3.11, any start method (the traceback is printed by the worker):

```text
TypeError: ApiError.__init__() missing 1 required keyword-only argument: 'code'
concurrent.futures.process.BrokenProcessPool: A process in the process pool was terminated abruptly while the future was running or pending.
```

## Example

```python
from concurrent.futures import ProcessPoolExecutor


class Config:
    def __init__(self, data):
        self._data = dict(data)

    def __getattr__(self, key):
        return self._data[key]


def dsn(cfg):
    return f"postgres://{cfg.user}@{cfg.host}"


if __name__ == "__main__":
    with ProcessPoolExecutor() as ex:
        print(ex.submit(dsn, Config({"user": "app", "host": "db"})).result())
```

## Use instead

Let `__getattr__` raise `AttributeError` for what it does not serve, before it reads state:

```python
    def __getattr__(self, key):
        if key.startswith("_"):
            raise AttributeError(key)
        try:
            return self._data[key]
        except KeyError:
            raise AttributeError(key) from None
```

For an exception, pass every `__init__` argument to `super().__init__()` (and build the
message in `__str__`), or define `__reduce__`; for `__new__`, define `__getnewargs__`; for a `tzinfo`, `__getinitargs__`; for an
Enum, give members values that compare equal (constants, dataclasses), or send them by name:

```python
    def __reduce_ex__(self, protocol):
        return getattr, (self.__class__, self.name)
```

## Fix safety

No quick fix: the right change depends on what the class's code means.
"""

from __future__ import annotations

from mp_lsp.engine.rules.rule import ALL, PICKLING, Rule, Wording

RULE = Rule(
    code="MP012",
    name="cannot-rebuild",
    summary="a value that pickles but cannot be rebuilt on the other side is sent",
    start_methods=(
        ("`Pool` / `ProcessPoolExecutor` task or result", ALL),
        ("`Process(args=...)`", PICKLING),
    ),
    wording=Wording(
        what="an instance of `{name}` that cannot be rebuilt",
        why="the receiving process cannot rebuild it",
        fix="make the class rebuildable, or define `__reduce__`",
    ),
    variants=(
        ("exception", Wording(
            what="an exception `{name}` that cannot be rebuilt",
            why="the other side rebuilds exceptions as `{name}(*self.args)`: {detail}",
            fix="pass every argument of `__init__` to `super().__init__()` (build the message "
            "in `__str__`), or define `__reduce__`",
        )),
        ("getattr", Wording(
            what="an instance of `{name}`, whose `__getattr__` reads `self.{attribute}`",
            why="unpickling looks `__setstate__` up on an instance that has no attributes yet, "
            "so `__getattr__` runs and reads `self.{attribute}`, which calls it again "
            "(`RecursionError`)",
            fix="raise AttributeError in `__getattr__` for names it does not serve, before it "
            "reads instance state",
        )),
        ("new", Wording(
            what="an instance of `{name}`, whose `__new__` needs {required} arguments",
            why="unpickling makes it with `{name}.__new__(cls, ...)` and {given} argument(s), "
            "which raises TypeError in the receiving process",
            fix="define `__getnewargs__` returning the arguments `__new__` needs",
        )),
        ("called", Wording(
            what="an instance of `{name}`, whose `__init__` needs {needed}",
            why="a `{base}` is rebuilt by calling its class with what `{method}()` returns, "
            "and `{name}` has no `{method}`: `{name}()` raises TypeError in the receiving "
            "process",
            fix="define `{method}` returning the arguments `__init__` needs",
        )),
        ("slots", Wording(
            what="an instance of `{name}`, whose `__setstate__` reads its state as a dict",
            why="`{name}` has `__slots__` and no `__getstate__`, so pickle sends its state as "
            "a `(dict or None, slots)` tuple, and `__setstate__` reads it with {use} "
            "(`AttributeError` or `TypeError` in the receiving process)",
            fix="define `__getstate__` returning the dict `__setstate__` reads, or unpack the "
            "`(dict, slots)` tuple in `__setstate__`",
        )),
        ("enum", Wording(
            what="a member of the Enum `{name}`",
            why="an Enum member is rebuilt by value, as `{name}(value)`, and the value of "
            "`{name}.{member}` cannot be found again: {reason} (`ValueError` in the receiving "
            "process)",
            fix="give the members values that compare equal after pickling, or pickle them by "
            "name: `def __reduce_ex__(self, protocol): return getattr, (self.__class__, "
            "self.name)`",
        )),
    ),
    step='rebuild, in the receiving process',
    doc=__doc__,
)

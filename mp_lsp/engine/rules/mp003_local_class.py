"""## What it does

Reports a class defined inside a function — including a local `namedtuple`, `dataclass` or
`Enum` — when the class or one of its instances is sent to another process. Also a class
pickle cannot find by its qualified name for another reason: one created under another name
(`Renamed = namedtuple("P", ...)`), and a nested class with a private name (`class __Sample`
in a class body, which Python stores as `_Owner__Sample`).

## Why is this bad?

Pickle stores an instance together with a reference to its class (module + qualified name).
A local class is named `main.<locals>.Rect` and cannot be found by the unpickler, so
pickling its instances fails.

Python 3.11 and 3.12, any start method:

```text
AttributeError: Can't pickle local object 'main.<locals>.Rect'
```

Python 3.13 says `Can't get local object` instead. A local `namedtuple("Rect", ...)` gives a
different message, because `namedtuple` sets the qualified name to plain `Rect`:

```text
_pickle.PicklingError: Can't pickle <class '__main__.Rect'>: attribute lookup Rect on __main__ failed
```

## Example

```python
from multiprocessing import Pool


def area(shape):
    return shape.w * shape.h


def main():
    class Rect:
        def __init__(self, w, h):
            self.w, self.h = w, h

    with Pool() as pool:
        print(pool.map(area, [Rect(2, 3), Rect(4, 5)]))


if __name__ == "__main__":
    main()
```

## Use instead

Define the class at module level:

```python
from multiprocessing import Pool


class Rect:
    def __init__(self, w, h):
        self.w, self.h = w, h


def area(shape):
    return shape.w * shape.h


def main():
    with Pool() as pool:
        print(pool.map(area, [Rect(2, 3), Rect(4, 5)]))


if __name__ == "__main__":
    main()
```

## Fix safety

No quick fix: moving a class out of a function changes what its methods can see, which needs a
person's judgement. Suppressing with `# noqa` is offered.

"""

from __future__ import annotations

from mp_lsp.engine.rules.rule import ALL, PICKLING, Rule, Wording

RULE = Rule(
    code="MP003",
    name="local-class",
    summary='a class defined inside a function (or its instance) is sent',
    start_methods=(
        ("`Pool` / `ProcessPoolExecutor` task", ALL),
        ("`Process(target=..., args=...)`", PICKLING),
    ),
    wording=Wording(
        what="a local class (`{name}`, defined in `{outer}()`)",
        why="classes defined inside a function have no importable name",
        fix="define the class at module level",
    ),
    variants=(
        ("renamed", Wording(
            what="the class `{name}`, created as `{typename}`",
            why="it was created as `{typename}` but stored as `{name}`, so pickle cannot find "
            "`{typename}` in its module",
            fix='give it the same name: `{name} = ...("{name}", ...)`',
        )),
        ("mangled", Wording(
            what="the class `{owner}.{name}`, a private name of `{owner}`'s body",
            why="Python stores it as `{owner}.{stored}`, so pickle cannot find its qualified "
            "name `{owner}.{name}`",
            fix="give it a name without two leading underscores (`{public}`)",
        )),
    ),
    step='lookup by name (classes are pickled by reference)',
    doc=__doc__,
)

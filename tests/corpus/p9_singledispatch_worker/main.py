"""A functools.singledispatch function is the ProcessPoolExecutor task."""
from concurrent.futures import ProcessPoolExecutor
from functools import singledispatch


@singledispatch
def describe(value):
    return f"object {value!r}"


@describe.register
def _(value: int):
    return f"int {value}"


@describe.register
def _(value: list):
    return f"list of {len(value)}"


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(describe, [3, [1, 2], "x"])))

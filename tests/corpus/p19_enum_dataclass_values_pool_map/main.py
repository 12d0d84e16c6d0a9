"""Unit conversions looked up from an Enum whose values are frozen dataclasses.

Looks like the "Enum of custom objects" bug, but a dataclass compares by its
fields, so a value rebuilt on the other side is equal to the member's own.
"""
import enum
import multiprocessing
from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    factor: float
    symbol: str


class Unit(enum.Enum):
    METRE = Scale(1.0, "m")
    FOOT = Scale(0.3048, "ft")
    INCH = Scale(0.0254, "in")


def to_metres(item):
    amount, unit = item
    return round(amount * unit.value.factor, 4), unit.name


if __name__ == "__main__":
    readings = [(12, Unit.FOOT), (3, Unit.METRE), (40, Unit.INCH)]
    with multiprocessing.Pool(2) as pool:
        for metres, name in pool.map(to_metres, readings):
            print(f"{name:<6} {metres} m")

"""A slotted sample type whose __setstate__ accepts both shapes of state.

Looks like the slotted __setstate__ bug, but it unwraps the `(dict, slots)` tuple
that pickle sends for a slotted object before reading it as a mapping.
"""
from concurrent.futures import ProcessPoolExecutor


class Sample:
    __slots__ = ("sensor", "value")

    def __init__(self, sensor, value):
        self.sensor = sensor
        self.value = value

    def __setstate__(self, state):
        if isinstance(state, tuple):
            state = {**(state[0] or {}), **state[1]}
        for name, value in state.items():
            setattr(self, name, value)


def calibrate(sample):
    return sample.sensor, round(sample.value * 1.02, 3)


if __name__ == "__main__":
    samples = [Sample("t1", 20.5), Sample("t2", 19.75)]
    with ProcessPoolExecutor(max_workers=2) as pool:
        print(list(pool.map(calibrate, samples)))

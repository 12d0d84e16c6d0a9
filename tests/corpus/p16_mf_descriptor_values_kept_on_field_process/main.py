"""Data-acquisition script: each sensor's settings are a `SensorConfig` record whose attributes
are validated descriptors from fields.py, and each sensor is read by its own
`Process(target=acquire, args=(config, results))`; readings come back on a multiprocessing
Queue.

The descriptor keeps the values in a WeakKeyDictionary on the class attribute, not in the
instance's __dict__.  Under fork the child inherits the parent's objects and it works.  Under
spawn and forkserver the config is pickled: its __dict__ is empty, the child's descriptor has
never seen the new instance, and `config.rate_hz` raises AttributeError in every child.

(the shape of https://github.com/uqfoundation/multiprocess/issues/97: descriptor-held state
not inherited on Windows, where processes are spawned)
"""

import math
import sys
from multiprocessing import Process, Queue

from fields import Field, Record


class SensorConfig(Record):
    name = Field(str)
    channel = Field(int, lambda c: 0 <= c < 16)
    rate_hz = Field(float, lambda r: r > 0)
    gain = Field(float)


def acquire(config, results):
    samples = int(config.rate_hz * 0.01)  # ten milliseconds worth
    readings = [
        round(config.gain * math.sin(2 * math.pi * config.channel * i / config.rate_hz), 4)
        for i in range(samples)
    ]
    results.put((config.name, len(readings), max(readings), min(readings)))


if __name__ == "__main__":
    configs = [
        SensorConfig(name="thermo-a", channel=1, rate_hz=2000, gain=1.5),
        SensorConfig(name="thermo-b", channel=2, rate_hz=1000, gain=0.8),
        SensorConfig(name="strain-1", channel=7, rate_hz=4000, gain=2.0),
    ]
    for c in configs:
        print("configured", c)

    results = Queue()
    procs = [Process(target=acquire, args=(c, results), name=c.name) for c in configs]
    for p in procs:
        p.start()
    for p in procs:
        p.join()

    failed = [p.name for p in procs if p.exitcode != 0]
    if failed:
        sys.exit(f"acquisition failed for {failed}")

    for _ in configs:
        name, count, high, low = results.get(timeout=5)
        print(f"{name}: {count} samples in [{low}, {high}]")

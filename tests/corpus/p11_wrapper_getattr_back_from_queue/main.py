"""A wrapper forwarding __getattr__ to a wrapped object is put on a Queue by a child and read back in the parent (https://github.com/python/cpython/issues/133015)."""
import multiprocessing as mp


class Measurement:
    def __init__(self, sensor, value):
        self._sensor = sensor
        self._value = value

    @property
    def sensor(self):
        return self._sensor

    @property
    def value(self):
        return self._value


class TaggedMeasurement:
    """Exposes the wrapped measurement's attributes and adds a tag."""

    def __init__(self, measurement, tag):
        self.measurement = measurement
        self.tag = tag

    def __getattr__(self, name):
        return getattr(self.measurement, name)


def read_sensor(queue, sensor):
    queue.put(TaggedMeasurement(Measurement(sensor, 21.5), "calibrated"))


if __name__ == "__main__":
    queue = mp.Queue()
    proc = mp.Process(target=read_sensor, args=(queue, "t-01"))
    proc.start()
    item = queue.get(timeout=5)
    proc.join()
    print(item.tag, item.sensor, item.value)

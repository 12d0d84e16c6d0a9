"""The same sensor reader, but SensorError hands both of its arguments to
Exception.__init__(self, sensor_id, reason) and formats the message in __str__: args holds
what __init__ takes, so the parent rebuilds it (the fix suggested in
https://github.com/giampaolo/psutil/pull/959)."""
import multiprocessing
import os
import tempfile


class SensorError(Exception):
    """A sensor file could not be read or parsed."""

    def __init__(self, sensor_id, reason):
        Exception.__init__(self, sensor_id, reason)
        self.sensor_id = sensor_id
        self.reason = reason

    def __str__(self):
        return "sensor %s: %s" % (self.sensor_id, self.reason)


def read_sensor(path):
    sensor_id = os.path.basename(path).split(".")[0]
    with open(path) as handle:
        text = handle.read().strip()
    try:
        return sensor_id, float(text)
    except ValueError:
        raise SensorError(sensor_id, "not a number: %r" % text)


def write_readings(folder):
    paths = []
    for name, text in [("s1", "20.5"), ("s2", "21.0"), ("s3", "n/a")]:
        path = os.path.join(folder, name + ".txt")
        with open(path, "w") as out:
            out.write(text)
        paths.append(path)
    return paths


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        paths = write_readings(folder)
        with multiprocessing.Pool(2) as pool:
            try:
                for sensor_id, value in pool.imap_unordered(read_sensor, paths):
                    print(sensor_id, value)
            except SensorError as error:
                print("skipping", error)

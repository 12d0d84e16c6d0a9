"""Collects per-sensor readings from Pool workers into a manager.dict whose values are
manager.list proxies, so appends inside the workers reach the parent (the shape of
https://superfastpython.com/multiprocessing-manager-nested-proxy-objects/)."""
import multiprocessing
import statistics


def record(readings, sensor, raw):
    celsius = round((raw - 32) * 5 / 9, 1)
    readings[sensor].append(celsius)
    return sensor, celsius


if __name__ == "__main__":
    samples = [("boiler", 212), ("boiler", 205), ("intake", 50), ("intake", 41), ("attic", 95)]
    with multiprocessing.Manager() as manager:
        readings = manager.dict({sensor: manager.list() for sensor, _ in samples})
        with multiprocessing.Pool(2) as pool:
            pool.starmap(record, [(readings, sensor, raw) for sensor, raw in samples])
        for sensor, values in sorted(readings.items()):
            print(sensor, list(values), statistics.mean(values))

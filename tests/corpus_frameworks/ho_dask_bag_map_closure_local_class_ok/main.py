# dask.bag computes with the processes scheduler by default, so the mapped lambda and the bag's
# items are pickled. Items are instances of a class defined inside main() and the lambda closes
# over a local dict: cloudpickle sends both by value, so this works.
import dask.bag as db


def main():
    class Reading:
        def __init__(self, sensor, value):
            self.sensor = sensor
            self.value = value

    calibration = {"a": 1.5, "b": 0.5}
    bag = db.from_sequence([Reading("a", 2), Reading("b", 4), Reading("a", 6)], npartitions=2)
    print(bag.map(lambda r: r.value * calibration[r.sensor]).sum().compute())


if __name__ == "__main__":
    main()

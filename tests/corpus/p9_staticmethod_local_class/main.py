"""A helper class is declared inside main(); its staticmethod is sent to the pool."""
from concurrent.futures import ProcessPoolExecutor


def main():
    class Units:
        @staticmethod
        def km_to_miles(km):
            return round(km * 0.621371, 3)

    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(Units.km_to_miles, [5, 10, 42.195])))


if __name__ == "__main__":
    main()

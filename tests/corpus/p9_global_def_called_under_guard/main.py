"""The worker is defined inside configure() under `global`, but configure() only runs under the guard."""
import sys
from concurrent.futures import ProcessPoolExecutor


def configure(unit):
    global convert

    def convert(value):
        return f"{value}{unit}"


if __name__ == "__main__":
    configure(sys.argv[1] if len(sys.argv) > 1 else "kg")
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(convert, [1, 2])))

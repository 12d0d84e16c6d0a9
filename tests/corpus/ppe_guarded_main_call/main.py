"""Same program with the main guard (fine twin)."""
from concurrent.futures import ProcessPoolExecutor


def resize(size):
    return size[0] // 2, size[1] // 2


def main():
    with ProcessPoolExecutor(max_workers=1) as ex:
        print(list(ex.map(resize, [(640, 480), (800, 600)])))


if __name__ == "__main__":
    main()

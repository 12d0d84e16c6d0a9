"""An itertools.islice over a list is handed to a worker to consume."""
from itertools import islice
from concurrent.futures import ProcessPoolExecutor


def consume(it):
    return [x * 10 for x in it]


if __name__ == "__main__":
    data = list(range(20))
    with ProcessPoolExecutor(max_workers=1) as ex:
        print(ex.submit(consume, islice(data, 2, 8, 2)).result())

"""Pass a module object (the serializer to use) to a worker."""
import json
from concurrent.futures import ProcessPoolExecutor


def dump(record, serializer):
    return serializer.dumps(record)


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(dump, {"a": 1}, json).result())

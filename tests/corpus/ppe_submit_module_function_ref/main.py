"""Pass json.dumps (a module-level function) instead of the module (fine)."""
import json
from concurrent.futures import ProcessPoolExecutor


def dump(record, serialize):
    return serialize(record)


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(dump, {"a": 1}, json.dumps).result())

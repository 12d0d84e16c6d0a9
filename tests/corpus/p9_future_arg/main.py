"""A concurrent.futures.Future is handed to a process worker so it can set the result."""
from concurrent.futures import Future, ProcessPoolExecutor


def fulfil(fut, value):
    fut.set_result(value * 2)
    return True


if __name__ == "__main__":
    pending = Future()
    with ProcessPoolExecutor(max_workers=1) as ex:
        print(ex.submit(fulfil, pending, 21).result())
    print(pending.result(timeout=1))

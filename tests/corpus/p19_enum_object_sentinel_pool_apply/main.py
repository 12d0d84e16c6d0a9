"""Config loader whose "not given" marker is an Enum sentinel, sent to pool workers.

Modelled on click's Sentinel (https://github.com/pallets/click/issues/3193, "Error
unpickling `Sentinel.UNSET` in separate process"): an Enum with one member whose
value is a bare object(), so a type checker can narrow on it.

What happens: the sentinel reaches Pool.apply_async inside the task's arguments.
"""
import enum
import multiprocessing


class _Missing(enum.Enum):
    TOKEN = object()

    def __repr__(self):
        return "MISSING"


MISSING = _Missing.TOKEN


def resize(path, width=MISSING, height=MISSING):
    w = 640 if width is MISSING else width
    h = 480 if height is MISSING else height
    return f"{path}: {w}x{h}"


def main():
    jobs = [("a.png", 320, MISSING), ("b.png", MISSING, 200)]
    with multiprocessing.Pool(2) as pool:
        pending = [pool.apply_async(resize, job) for job in jobs]
        for result in pending:
            print(result.get(timeout=3))


if __name__ == "__main__":
    main()

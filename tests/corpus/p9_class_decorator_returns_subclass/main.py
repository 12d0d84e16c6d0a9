"""A class decorator that returns a new subclass built inside it; instances go to the pool."""
from concurrent.futures import ProcessPoolExecutor


def with_repr(cls):
    class Wrapped(cls):
        def __repr__(self):
            return f"{cls.__name__}({vars(self)})"
    Wrapped.__name__ = cls.__name__
    return Wrapped


@with_repr
class Task:
    def __init__(self, n):
        self.n = n


def run(task):
    return task.n * 10


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(run, [Task(1), Task(2)])))

# A bag whose items are objects wrapping a generator: reification only turns iterators
# into lists, so the wrapper goes back from the worker process as it is, and fails.
import dask.bag as db


class Stream:
    def __init__(self, gen):
        self.gen = gen


def open_stream(seed):
    return Stream(x for x in range(seed, seed + 3))


if __name__ == "__main__":
    b = db.from_sequence([0, 1], npartitions=2).map(open_stream)
    print([list(s.gen) for s in b.compute()])

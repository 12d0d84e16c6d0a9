"""functools.total_ordering and dataclass decorate a class whose instances go to the pool."""
import functools
from dataclasses import dataclass
from multiprocessing import Pool


@functools.total_ordering
@dataclass
class Version:
    major: int
    minor: int

    def __lt__(self, other):
        return (self.major, self.minor) < (other.major, other.minor)


def bump(v):
    return Version(v.major, v.minor + 1)


if __name__ == "__main__":
    with Pool(2) as pool:
        out = pool.map(bump, [Version(1, 2), Version(0, 9)])
    print(sorted(out))

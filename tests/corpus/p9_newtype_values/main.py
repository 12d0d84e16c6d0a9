"""Values typed with a NewType whose name differs from the variable are sent to the pool."""
from multiprocessing import Pool
from typing import NewType

UserId = NewType("UserIdentifier", int)


def shard(uid: UserId) -> int:
    return uid % 4


if __name__ == "__main__":
    ids = [UserId(17), UserId(42)]
    with Pool(2) as pool:
        print(pool.map(shard, ids))

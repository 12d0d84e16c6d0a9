"""An Enum made with the functional API under a different name than its variable."""
from enum import Enum
from multiprocessing import Pool

Status = Enum("JobStatus", "PENDING RUNNING DONE")


def advance(status):
    return Status(min(status.value + 1, len(Status))).name


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(advance, [Status.PENDING, Status.RUNNING]))

# Shape of https://github.com/joblib/joblib/issues/634 ("New backend fails if logger set up
# with additional handlers"): a __main__ function, sent by value, reads a module-level
# logger whose handler holds a lock. Loggers pickle by name (Logger.__reduce__), so the
# worker gets its own logger and nothing of the handler crosses.
import logging
import sys

from joblib import Parallel, delayed

log = logging.getLogger("pipeline")
log.addHandler(logging.StreamHandler(sys.stderr))
log.setLevel(logging.INFO)


def step(x):
    log.info("step %s", x)
    return x + 1


if __name__ == "__main__":
    print(Parallel(n_jobs=2)(delayed(step)(i) for i in range(4)))

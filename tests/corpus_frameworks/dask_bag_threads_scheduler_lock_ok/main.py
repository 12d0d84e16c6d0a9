# The same bag computed with scheduler="threads": nothing leaves the process.
import threading

import dask.bag as db

write_lock = threading.Lock()

if __name__ == "__main__":
    b = db.from_sequence(range(8), npartitions=2)
    print(b.map(lambda x: (write_lock.locked(), x * 2)).compute(scheduler="threads"))

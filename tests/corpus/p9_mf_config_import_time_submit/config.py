import os
from concurrent.futures import ProcessPoolExecutor

# ask a fresh worker process how many CPUs it can see (affinity may differ)
with ProcessPoolExecutor(max_workers=1) as _ex:
    CPUS = _ex.submit(os.cpu_count).result() or 1

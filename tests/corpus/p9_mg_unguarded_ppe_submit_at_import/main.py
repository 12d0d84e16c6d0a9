"""A warm-up job is submitted to a ProcessPoolExecutor at import time (no main guard)."""
from concurrent.futures import ProcessPoolExecutor


def warm(n):
    return n + 1


with ProcessPoolExecutor(max_workers=1) as _ex:
    WARM = _ex.submit(warm, 1).result()

print("warm", WARM)

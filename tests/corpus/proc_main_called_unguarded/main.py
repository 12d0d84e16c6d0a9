"""main() called at module level without a guard."""
import sys
from multiprocessing import Process


def ping(host):
    print("ping", host)


def main():
    procs = [Process(target=ping, args=(h,)) for h in ("db1",)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return max(p.exitcode for p in procs)


sys.exit(main())

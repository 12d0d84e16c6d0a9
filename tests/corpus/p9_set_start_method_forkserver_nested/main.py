"""set_start_method("forkserver") under the guard; the Process target is a nested function."""
import multiprocessing as mp
import sys


def main():
    def warm_cache(keys):
        print("warming", len(keys))

    p = mp.Process(target=warm_cache, args=(["a", "b"],))
    p.start()
    p.join()
    return p.exitcode


if __name__ == "__main__":
    mp.set_start_method("forkserver")
    sys.exit(main())

"""set_start_method("spawn") is called at module level; the Process is started under the guard."""
import multiprocessing as mp
import sys

mp.set_start_method("spawn")


def hello(name):
    print(f"hello {name}")


if __name__ == "__main__":
    p = mp.Process(target=hello, args=("world",))
    p.start()
    p.join()
    sys.exit(p.exitcode)

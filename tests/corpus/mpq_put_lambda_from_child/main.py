"""Child puts a result holding a lambda on an mp.Queue; the feeder thread fails to pickle it."""
import sys
import multiprocessing as mp


def compute(out):
    out.put({"id": 1, "fmt": lambda v: f"{v:.2f}"})


if __name__ == "__main__":
    out = mp.Queue()
    p = mp.Process(target=compute, args=(out,))
    p.start()
    try:
        print(out.get(timeout=3))
    finally:
        p.join()

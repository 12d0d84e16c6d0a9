"""A child reports failures by putting the exception object itself on the queue."""
import multiprocessing as mp


def work(items, out):
    for item in items:
        try:
            out.put(("ok", 10 // item))
        except ZeroDivisionError as exc:
            out.put(("error", exc))


if __name__ == "__main__":
    out = mp.Queue()
    p = mp.Process(target=work, args=([5, 0], out))
    p.start()
    try:
        print(out.get(timeout=10), out.get(timeout=10))
    finally:
        p.join()

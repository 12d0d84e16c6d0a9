"""A Process target puts a generator of parsed rows on the result queue."""
import multiprocessing as mp


def parse(lines, out):
    out.put(int(x) for x in lines)


if __name__ == "__main__":
    out = mp.Queue()
    p = mp.Process(target=parse, args=(["1", "2", "3"], out))
    p.start()
    try:
        print(list(out.get(timeout=3)))
    finally:
        p.join()

# apipe runs fine, but the result is a generator, which has to be pickled back.
from pathos.pools import ProcessPool


def lines(text):
    return (line for line in text.splitlines())


if __name__ == "__main__":
    pool = ProcessPool(nodes=1)
    res = pool.apipe(lines, "a\nb\nc")
    print(list(res.get(timeout=30)))
    pool.close()
    pool.join()
    pool.clear()

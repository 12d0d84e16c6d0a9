"""Pass a shared Array as a starmap argument."""
import multiprocessing as mp


def fill(buf, i):
    buf[i] = i * i
    return i


if __name__ == "__main__":
    buf = mp.Array("d", 4)
    with mp.Pool(2) as pool:
        pool.starmap(fill, [(buf, i) for i in range(4)])
    print(list(buf))

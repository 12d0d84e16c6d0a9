# A generator passed to a multiprocess.Process.
from multiprocess import Process


def drain(gen):
    for _ in gen:
        pass


if __name__ == "__main__":
    p = Process(target=drain, args=((i for i in range(100)),))
    p.start()
    p.join()
    if p.exitcode != 0:
        raise SystemExit(p.exitcode)

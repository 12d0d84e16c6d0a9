"""Send an instance of a function-local class over a Pipe."""
import multiprocessing as mp


def reader(conn):
    print(conn.recv())


def main():
    class Point:
        def __init__(self, x, y):
            self.x, self.y = x, y

    parent, child = mp.Pipe()
    p = mp.Process(target=reader, args=(child,))
    p.start()
    try:
        parent.send(Point(1, 2))
    finally:
        p.kill()
        p.join()


if __name__ == "__main__":
    main()

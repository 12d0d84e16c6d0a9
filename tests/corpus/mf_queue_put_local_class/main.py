"""Parent sends instances of a function-local class through a SimpleQueue."""
import multiprocessing as mp

from consumers import consume


def main():
    class Line:
        def __init__(self, price, qty):
            self.price, self.qty = price, qty

    q, out = mp.SimpleQueue(), mp.SimpleQueue()
    p = mp.Process(target=consume, args=(q, out))
    p.start()
    try:
        q.put(Line(2.0, 3))
        print(out.get())
    finally:
        q.put(None)
        p.join()


if __name__ == "__main__":
    main()

"""Send plain records over a Pipe (fine)."""
import sys
import multiprocessing as mp


def reader(conn):
    rec = conn.recv()
    conn.send(rec["qty"] * rec["price"])


if __name__ == "__main__":
    parent, child = mp.Pipe()
    p = mp.Process(target=reader, args=(child,))
    p.start()
    parent.send({"qty": 3, "price": 2.5})
    print(parent.recv())
    p.join()
    sys.exit(p.exitcode)

"""A worker process sends its state, including a threading.Lock, back through a Pipe."""
import multiprocessing as mp
import threading


def worker(conn):
    state = {"done": 3, "lock": threading.Lock()}
    conn.send(state)
    conn.close()


if __name__ == "__main__":
    parent_conn, child_conn = mp.Pipe()
    p = mp.Process(target=worker, args=(child_conn,))
    p.start()
    child_conn.close()
    try:
        print(parent_conn.recv())
    finally:
        p.join()

"""queue.Queue between threads carrying locks and lambdas (fine)."""
import queue
import threading

if __name__ == "__main__":
    q = queue.Queue()
    lock = threading.Lock()

    def consumer():
        while (item := q.get()) is not None:
            fn, value = item
            with lock:
                print(fn(value))

    t = threading.Thread(target=consumer)
    t.start()
    q.put((lambda v: v + 1, 1))
    q.put((lambda v: v * 10, 2))
    q.put(None)
    t.join()

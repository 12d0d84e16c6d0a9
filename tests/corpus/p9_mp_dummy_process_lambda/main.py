"""multiprocessing.dummy.Process (a thread) runs a lambda target with a Queue of locks."""
import queue
import threading
from multiprocessing.dummy import Process

if __name__ == "__main__":
    q = queue.Queue()
    lock = threading.Lock()
    t = Process(target=lambda: q.put(("done", lock)))
    t.start()
    t.join()
    print(q.get()[0])

# The same lambda target with the queue passed in args: under every start method it works
# (dill pickles the lambda, the queue crosses as multiprocess queues do).
from multiprocess import Process, Queue

if __name__ == "__main__":
    results = Queue()
    p = Process(target=lambda q: q.put(sum(range(10))), args=(results,))
    p.start()
    print(results.get(timeout=10))
    p.join()

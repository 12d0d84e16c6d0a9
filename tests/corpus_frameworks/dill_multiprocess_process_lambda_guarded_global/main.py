# multiprocess.Process with a lambda target that reads a variable made under the main
# guard: forked, the child has it; spawned, dill rebuilds the lambda against __mp_main__,
# which never ran the guarded block.
from multiprocess import Process, Queue

if __name__ == "__main__":
    results = Queue()
    p = Process(target=lambda: results.put(sum(range(10))))
    p.start()
    p.join()
    if p.exitcode != 0:
        raise SystemExit(p.exitcode)
    print(results.get(timeout=10))

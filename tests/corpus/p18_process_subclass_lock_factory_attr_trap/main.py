"""Sublist3r-style subdomain enumerator: every engine runs as its own Process.

Modelled on https://github.com/aboul3la/Sublist3r/pull/242 ("Fix #236: cannot
pickle '_thread.lock'": the engine Process subclasses created threading.Lock()
in __init__, so starting them under spawn failed; the fix creates the lock in the
process target instead).

Why this works (trap): the engines keep `lock_factory = threading.Lock` on self
and only call it inside run().  threading.Lock is not a lock but the builtin
factory _thread.allocate_lock, which pickles by reference, and self.lock is still
None when start() pickles the Process object for spawn/forkserver.  The result
queue is a multiprocessing.Queue, which may be passed to a Process being started.
"""
import multiprocessing
import threading

from engines import HashOracleEngine, WordlistEngine

WORDS = ["www", "mail", "api", "dev", "staging", "vpn", "cdn", "shop", "blog", "m"]


def enumerate_domain(domain):
    results_q = multiprocessing.Queue()
    engines = [
        HashOracleEngine(domain, WORDS, results_q, threads=3),
        WordlistEngine(domain, WORDS, results_q, threads=2, lock_factory=threading.RLock),
    ]
    for engine in engines:
        engine.start()
    found = dict(results_q.get(timeout=10) for _ in engines)
    for engine in engines:
        engine.join()
    return found


def main():
    found = enumerate_domain("example.com")
    subdomains = sorted(set().union(*found.values()))
    for name, hosts in sorted(found.items()):
        print(f"[{name}] {len(hosts)} hosts")
    print("\n".join(subdomains))


if __name__ == "__main__":
    main()

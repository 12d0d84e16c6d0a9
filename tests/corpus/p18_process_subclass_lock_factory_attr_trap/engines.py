"""Subdomain enumeration engines.  Each engine is a Process that fans its
lookups out over a few threads and guards its shared result set with a lock."""
import hashlib
import multiprocessing
import threading


class EnumeratorBaseThreaded(multiprocessing.Process):
    engine_name = "base"

    def __init__(self, domain, candidates, results_q, threads=3, lock_factory=threading.Lock):
        super().__init__(name=f"{self.engine_name}-engine")
        self.domain = domain
        self.candidates = list(candidates)
        self.results_q = results_q
        self.threads = threads
        self.lock_factory = lock_factory   # the lock itself is made in run()
        self.lock = None
        self.found = set()

    def resolve(self, name):
        raise NotImplementedError

    def _worker(self, chunk):
        for word in chunk:
            host = f"{word}.{self.domain}"
            if self.resolve(host):
                with self.lock:
                    self.found.add(host)

    def run(self):
        self.lock = self.lock_factory()
        chunks = [self.candidates[i::self.threads] for i in range(self.threads)]
        pool = [threading.Thread(target=self._worker, args=(c,)) for c in chunks]
        for t in pool:
            t.start()
        for t in pool:
            t.join()
        self.results_q.put((self.engine_name, sorted(self.found)))


class HashOracleEngine(EnumeratorBaseThreaded):
    """Offline stand-in for a DNS engine: 'resolves' names whose hash is even."""
    engine_name = "oracle"

    def resolve(self, name):
        return hashlib.sha1(name.encode()).digest()[0] % 2 == 0


class WordlistEngine(EnumeratorBaseThreaded):
    engine_name = "wordlist"

    def resolve(self, name):
        return name.split(".")[0] in {"www", "mail", "api", "vpn"}

"""Tiny span tracer; the active span lives in a ContextVar."""
import contextvars
import time
from contextlib import contextmanager


class Tracer:
    def __init__(self, service, sample_rate=1.0):
        self.service = service
        self.sample_rate = sample_rate
        self._active = contextvars.ContextVar(f"{service}.active_span", default=None)
        self._finished = []

    # ContextVar objects cannot be pickled: drop it and make a fresh one on
    # the other side (same approach as DataDog/dd-trace-py#16643).
    def __getstate__(self):
        state = self.__dict__.copy()
        del state["_active"]
        state["_finished"] = []
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._active = contextvars.ContextVar(f"{self.service}.active_span", default=None)

    @contextmanager
    def span(self, name):
        parent = self._active.get()
        full = f"{parent}/{name}" if parent else name
        token = self._active.set(full)
        start = time.perf_counter()
        try:
            yield full
        finally:
            self._active.reset(token)
            self._finished.append((full, time.perf_counter() - start))

    def drain(self):
        done, self._finished = self._finished, []
        return done

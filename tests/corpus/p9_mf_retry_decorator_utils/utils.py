import functools


class retry:
    """Retry a call a few times on ConnectionError."""

    def __init__(self, times=3):
        self.times = times

    def __call__(self, fn):
        return _Retrying(fn, self.times)


class _Retrying:
    def __init__(self, fn, times):
        functools.update_wrapper(self, fn)
        self.fn = fn
        self.times = times

    def __call__(self, *args, **kwargs):
        for attempt in range(self.times):
            try:
                return self.fn(*args, **kwargs)
            except ConnectionError:
                if attempt == self.times - 1:
                    raise

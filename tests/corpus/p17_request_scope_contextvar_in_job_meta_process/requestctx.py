"""Per-request context, the way a small web framework would keep it."""
import contextvars
import itertools

_current_request = contextvars.ContextVar("current_request", default=None)
_ids = itertools.count(1)


class RequestScope:
    """Makes the active request available to code deep in the call stack."""

    def __init__(self, user, request_id=None):
        self.request_id = request_id or f"req-{next(_ids):04d}"
        self.user = user
        self._var = _current_request
        self._token = None

    def __enter__(self):
        self._token = self._var.set(self)
        return self

    def __exit__(self, *exc_info):
        self._var.reset(self._token)
        self._token = None
        return False


def current_scope():
    return _current_request.get()

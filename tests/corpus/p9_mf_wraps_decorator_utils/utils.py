import functools
import logging

log = logging.getLogger(__name__)


def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        log.debug("call %s", fn.__name__)
        return fn(*args, **kwargs)
    return wrapper

REGISTRY = {}


def register(name, fn):
    REGISTRY[name] = fn
    return fn


from . import builtin  # noqa: E402,F401

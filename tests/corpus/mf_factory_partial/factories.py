import functools


def scale(v, factor):
    return v * factor


def make_scaler(factor):
    return functools.partial(scale, factor=factor)

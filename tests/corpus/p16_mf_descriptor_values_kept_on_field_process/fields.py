"""Typed, validated attributes for configuration records."""

import weakref


class Field:
    """A descriptor that casts and validates what is assigned to it.

    Values are kept per instance in a WeakKeyDictionary on the descriptor itself, so the
    records stay lightweight and nothing leaks when a record goes away.
    """

    def __init__(self, cast, check=None):
        self.cast = cast
        self.check = check
        self._values = weakref.WeakKeyDictionary()

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        try:
            return self._values[obj]
        except KeyError:
            raise AttributeError(f"{type(obj).__name__}.{self.name} was never set") from None

    def __set__(self, obj, value):
        value = self.cast(value)
        if self.check is not None and not self.check(value):
            raise ValueError(f"bad value for {self.name}: {value!r}")
        self._values[obj] = value


class Record:
    def __init__(self, **values):
        for key, value in values.items():
            setattr(self, key, value)

    def __repr__(self):
        fields = [k for k, v in vars(type(self)).items() if isinstance(v, Field)]
        return f"{type(self).__name__}({', '.join(f'{k}={getattr(self, k)!r}' for k in fields)})"

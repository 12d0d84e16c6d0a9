"""How pickle treats functions, classes and instances: the names the judge looks for.

Functions and classes are pickled *by reference* (module + qualified name); an instance as its
class plus its state, unless the class takes over (``__reduce__`` and friends).
"""

from __future__ import annotations

#: Methods that take over pickling: a class defining one is trusted to pickle.
CUSTOM_PICKLING = frozenset(
    {"__getstate__", "__reduce__", "__reduce_ex__", "__getnewargs__", "__getnewargs_ex__"}
)
#: What a class may define to control how its instances are stored and rebuilt.
STATE_METHODS = frozenset({*CUSTOM_PICKLING, "__setstate__", "__slots__"})
#: Methods that run when an instance is made (their ``self.x = ...`` are always state).
CONSTRUCTION = frozenset({"__init__", "__post_init__", "__new__", "__attrs_post_init__"})
#: Decorators that keep the function importable under its own name.
TRANSPARENT_DECORATORS = frozenset(
    {"staticmethod", "classmethod", "property", "abstractmethod", "cache", "lru_cache",
     "cached_property", "wraps", "overload", "override", "final", "contextmanager",
     "dataclass", "total_ordering", "singledispatch", "unique"}
)
#: Decorators (last dotted part) that copy the wrapped function's name onto the wrapper.
NAME_COPYING_DECORATORS = frozenset({"wraps", "update_wrapper"})
#: Class decorators that generate ``__init__`` from annotated fields.
DATACLASS_DECORATORS = frozenset({"dataclass", "define", "frozen", "s"})
#: Functions that create a class at run time; pickle finds it under its typename.
CLASS_FACTORIES = frozenset(
    {"namedtuple", "NamedTuple", "make_dataclass", "Enum", "IntEnum", "StrEnum", "Flag",
     "IntFlag", "TypedDict", "NewType"}
)

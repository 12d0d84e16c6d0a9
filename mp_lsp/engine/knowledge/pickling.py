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
#: Method decorators (last dotted part) whose first read stores the getter's result in the
#: instance's ``__dict__`` under the method's name, where pickle finds it: functools', and
#: django's, werkzeug's and the ``cached-property`` package's, which do the same.
CACHING_PROPERTIES = frozenset({"cached_property"})
#: Functions that create a class at run time; pickle finds it under its typename.
CLASS_FACTORIES = frozenset(
    {"namedtuple", "NamedTuple", "make_dataclass", "Enum", "IntEnum", "StrEnum", "Flag",
     "IntFlag", "TypedDict", "NewType", "type"}
)
#: Library bases whose ``__reduce__`` rebuilds an instance by calling its class with what this
#: method returns, and with no arguments when the class lacks it: ``tzinfo.__reduce__`` is
#: ``(type(self), self.__getinitargs__() or (), state)`` (tests/test_pickle_table.py asks the
#: real pickler).
CALL_REBUILT_BASES = {"datetime.tzinfo": "__getinitargs__"}
#: Enum bases (as jedi names them) whose members pickle by value, as ``cls(value)``: ``Flag``
#: members pickle by name since 3.11, and ``IntEnum``'s and ``StrEnum``'s values are plain.
BY_VALUE_ENUM_BASES = frozenset({"enum.Enum"})
#: Library types whose instances pickle by value and compare by identity: a rebuilt one is
#: equal to nothing but itself (tests/test_pickle_table.py asks the real pickler).
IDENTITY_EQUAL_TYPES = {"builtins.object": "a bare `object()`",
                        "functools.partial": "a `functools.partial`"}
#: Factories whose members are the class's instances (``Status.DONE``).
ENUM_FACTORIES = frozenset({"Enum", "IntEnum", "StrEnum", "Flag", "IntFlag"})
#: "Classes" whose instances are plain values of another type, so they pickle as those values
#: whatever the class's name: a ``NewType`` call returns its argument, a ``TypedDict`` makes a
#: dict. Only the class object itself is looked up by name.
PLAIN_VALUE_CLASSES = frozenset({"NewType", "TypedDict"})
#: Bases (as jedi names them) that make a class statement such a class.
PLAIN_VALUE_BASES = frozenset({"typing.TypedDict", "typing_extensions.TypedDict"})
#: Calls that register a reducer for a type, by their last two dotted parts: pickle (and
#: multiprocessing's ForkingPickler) then send the type's instances through that reducer.
REDUCER_REGISTRATIONS = frozenset(
    {("copyreg", "pickle"), ("ForkingPickler", "register"), ("reduction", "register")}
)
#: Names that typeshed declares as classes but that are factory functions at run time: a
#: reducer registered on one is registered on the function, and no instance uses it.
FACTORY_FUNCTIONS = frozenset({"threading.Lock", "threading.RLock", "multiprocessing.Lock",
                               "multiprocessing.RLock"})
#: Tables that hold such reducers by type (``copyreg.dispatch_table[T] = reducer``).
REDUCER_TABLES = frozenset({("copyreg", "dispatch_table")})
#: Library bases whose ``__getnewargs__`` hands ``__new__`` one argument (the value) when an
#: instance of a subclass is rebuilt; other classes are rebuilt with ``cls.__new__(cls)``.
VALUE_BASES = frozenset(
    {"builtins.int", "builtins.float", "builtins.complex", "builtins.str", "builtins.bytes",
     "builtins.tuple", "builtins.frozenset"}
)
#: The endings of exception classes' names (``builtins.ValueError``, ``KeyboardInterrupt``):
#: exceptions are rebuilt from their ``args`` (``BaseException.__reduce__``).
EXCEPTION_ENDINGS = ("Error", "Exception", "Warning", "Exit", "Interrupt", "Iteration")

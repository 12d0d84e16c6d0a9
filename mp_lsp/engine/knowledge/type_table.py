"""Library types whose instances can never be pickled, or only when a process is spawned.

Sockets and ``multiprocessing`` connections are absent on purpose: multiprocessing pickles with
its own ``ForkingPickler``, which duplicates their OS handles into the receiving process.

This is data. Each entry lists the fully qualified names jedi reports for the type (typeshed's
names, which may differ from the runtime's), the reason a user reads, and an expression that
builds one, which ``tests/test_type_table.py`` evaluates to confirm that ``pickle`` really
refuses it on the running Python. An entry without a recipe says why it has none.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Optional


class Refusal(enum.Enum):
    NEVER = "never"  # pickle refuses it everywhere
    INHERITANCE_ONLY = "inheritance only"  # multiprocessing refuses it outside process start


@dataclass(frozen=True)
class UnpicklableType:
    names: tuple[str, ...]
    label: str  # what the chain shows, e.g. "sqlite3.Connection"
    reason: str  # why, in one clause
    fix: str  # what to do instead, in one sentence
    recipe: Optional[str]  # a Python expression (with `import`s done by the test) that builds one
    refusal: Refusal = Refusal.NEVER


_FILE_FIX = "pass the file's path and open it in the worker"
_LOCK_FIX = (
    "create the lock in the worker, or share a multiprocessing.Manager().Lock() instead"
)
_PRIMITIVE_FIX = (
    "pass it through the pool's initializer/initargs, or use the Manager() equivalent"
)


def _never(names: tuple[str, ...], label: str, reason: str, fix: str, recipe: Optional[str]):
    return UnpicklableType(names, label, reason, fix, recipe)


def _shared(names: tuple[str, ...], label: str, recipe: str) -> UnpicklableType:
    return UnpicklableType(
        names,
        label,
        "it can only be shared between processes through inheritance (Process args or "
        "initargs), not sent to a running worker",
        _PRIMITIVE_FIX,
        recipe,
        Refusal.INHERITANCE_ONLY,
    )


TYPES: tuple[UnpicklableType, ...] = (
    _never(
        ("io.TextIOWrapper", "_io.TextIOWrapper", "typing.TextIO"),
        "open text file",
        "open files hold an OS file descriptor",
        _FILE_FIX,
        "open(__file__)",
    ),
    _never(
        (
            "io.BufferedReader", "_io.BufferedReader", "io.BufferedWriter", "_io.BufferedWriter",
            "io.BufferedRandom", "_io.BufferedRandom", "io.FileIO", "_io.FileIO", "typing.IO",
            "typing.BinaryIO",
        ),
        "open binary file",
        "open files hold an OS file descriptor",
        _FILE_FIX,
        "open(__file__, 'rb')",
    ),
    _never(
        ("tempfile._TemporaryFileWrapper",),
        "tempfile.NamedTemporaryFile",
        "temporary files hold an OS file descriptor",
        _FILE_FIX,
        "tempfile.NamedTemporaryFile()",
    ),
    _never(("gzip.GzipFile",), "gzip.GzipFile", "it wraps an open file", _FILE_FIX,
           "gzip.GzipFile(fileobj=io.BytesIO(), mode='wb')"),
    _never(("bz2.BZ2File",), "bz2.BZ2File", "it wraps an open file", _FILE_FIX,
           "bz2.BZ2File(io.BytesIO(), 'wb')"),
    _never(("lzma.LZMAFile",), "lzma.LZMAFile", "it wraps an open file", _FILE_FIX,
           "lzma.LZMAFile(io.BytesIO(), 'wb')"),
    _never(("zipfile.ZipFile",), "zipfile.ZipFile", "it wraps an open file", _FILE_FIX,
           "zipfile.ZipFile(io.BytesIO(), 'w')"),
    _never(("tarfile.TarFile",), "tarfile.TarFile", "it wraps an open file", _FILE_FIX,
           "tarfile.open(fileobj=tempfile.TemporaryFile(), mode='w')"),
    _never(("mmap.mmap",), "mmap.mmap", "a memory map is tied to this process's address space",
           "pass the file's path and map it in the worker", "mmap.mmap(-1, 16)"),
    _never(("ssl.SSLContext",), "ssl.SSLContext", "it wraps OpenSSL state",
           "build the context in the worker", "ssl.create_default_context()"),
    _never(("sqlite3.Connection",), "sqlite3.Connection",
           "database connections hold an OS handle",
           "open the connection in the worker (an initializer) and pass the database path",
           "sqlite3.connect(':memory:')"),
    _never(("sqlite3.Cursor",), "sqlite3.Cursor", "cursors belong to an open connection",
           "open the connection in the worker (an initializer) and pass the database path",
           "sqlite3.connect(':memory:').cursor()"),
    _never(("_thread.LockType", "_thread.lock", "threading.Lock"), "threading.Lock",
           "locks only exist inside one process", _LOCK_FIX, "threading.Lock()"),
    _never(("_thread.RLock", "threading._RLock", "threading.RLock"), "threading.RLock",
           "locks only exist inside one process", _LOCK_FIX, "threading.RLock()"),
    _never(("threading.Event",), "threading.Event", "it holds a thread lock", _LOCK_FIX,
           "threading.Event()"),
    _never(("threading.Condition",), "threading.Condition", "it holds a thread lock",
           _LOCK_FIX, "threading.Condition()"),
    _never(("threading.Semaphore", "threading.BoundedSemaphore"), "threading.Semaphore",
           "it holds a thread lock", _LOCK_FIX, "threading.Semaphore()"),
    _never(("threading.Barrier",), "threading.Barrier", "it holds a thread lock", _LOCK_FIX,
           "threading.Barrier(2)"),
    _never(("threading.Thread", "threading.Timer"), "threading.Thread",
           "threads only exist inside one process", "start the thread in the worker",
           "threading.Thread()"),
    _never(("queue.Queue", "queue.LifoQueue", "queue.PriorityQueue"), "queue.Queue",
           "thread queues hold thread locks",
           "use multiprocessing.Manager().Queue() to share a queue between processes",
           "queue.Queue()"),
    _never(("_queue.SimpleQueue", "queue.SimpleQueue"), "queue.SimpleQueue",
           "thread queues only exist inside one process",
           "use multiprocessing.Manager().Queue() to share a queue between processes",
           "queue.SimpleQueue()"),
    _never(("types.GeneratorType", "typing.Generator", "builtins.generator"), "generator",
           "a generator's suspended frame cannot be pickled",
           "send the data (a list) or the arguments that make the generator",
           "(i for i in range(3))"),
    _never(("types.AsyncGeneratorType", "typing.AsyncGenerator"), "async generator",
           "a generator's suspended frame cannot be pickled",
           "send the arguments that make the generator", None),
    _never(("types.CoroutineType", "typing.Coroutine"), "coroutine",
           "a coroutine's suspended frame cannot be pickled",
           "send the coroutine function's arguments and run it in the worker", None),
    _never(("types.FrameType",), "frame", "frames belong to a running thread",
           "send the data you need from it", "sys._getframe()"),
    _never(("types.TracebackType",), "traceback", "tracebacks hold frames",
           "send traceback.format_exc() instead", None),
    _never(("builtins.memoryview",), "memoryview", "it views memory owned by this process",
           "send bytes(view) instead", "memoryview(b'x')"),
    _never(("weakref.ReferenceType", "weakref.ref"), "weakref.ref",
           "weak references cannot be pickled", "send the object itself",
           "weakref.ref(io.StringIO)"),
    _never(("_csv.Reader", "_csv.reader"), "csv.reader", "it reads from an open file",
           _FILE_FIX, "csv.reader([])"),
    _never(("_csv.Writer", "_csv.writer"), "csv.writer", "it writes to an open file",
           _FILE_FIX, "csv.writer(io.StringIO())"),
    _never(("_hashlib.HASH",), "hashlib hash", "hash objects are OpenSSL state",
           "send the data and hash it in the worker, or send hexdigest()", "hashlib.sha256()"),
    _never(("subprocess.Popen",), "subprocess.Popen", "it holds a running child's handles",
           "send the command and start it in the worker", None),
    _never(("logging.StreamHandler", "logging.FileHandler", "logging.Handler"),
           "logging handler", "handlers hold a thread lock and often an open stream",
           "configure logging in the worker (an initializer)", "logging.StreamHandler()"),
    _never(("asyncio.events.AbstractEventLoop", "asyncio.AbstractEventLoop"),
           "asyncio event loop", "an event loop holds OS handles and threads",
           "create the loop in the worker", "asyncio.new_event_loop()"),
    _never(("multiprocessing.pool.Pool", "multiprocessing.pool.ThreadPool"),
           "multiprocessing.pool.Pool", "pool objects cannot be passed between processes",
           "keep the pool in the parent and send only the data",
           "multiprocessing.pool.ThreadPool(1)"),
    _never(("concurrent.futures.process.ProcessPoolExecutor",
            "concurrent.futures.thread.ThreadPoolExecutor"),
           "executor", "executors hold threads and locks",
           "keep the executor in the parent and send only the data",
           "concurrent.futures.ThreadPoolExecutor(1)"),
    _never(("multiprocessing.managers.SyncManager", "multiprocessing.managers.BaseManager"),
           "multiprocessing.Manager", "the manager object owns a server process",
           "send the manager's proxies (manager.dict(), manager.Lock(), ...) instead", None),
    _shared(("multiprocessing.synchronize.Lock",), "multiprocessing.Lock",
            "multiprocessing.Lock()"),
    _shared(("multiprocessing.synchronize.RLock",), "multiprocessing.RLock",
            "multiprocessing.RLock()"),
    _shared(("multiprocessing.synchronize.Semaphore",
             "multiprocessing.synchronize.BoundedSemaphore"),
            "multiprocessing.Semaphore", "multiprocessing.Semaphore()"),
    _shared(("multiprocessing.synchronize.Event",), "multiprocessing.Event",
            "multiprocessing.Event()"),
    _shared(("multiprocessing.synchronize.Condition",), "multiprocessing.Condition",
            "multiprocessing.Condition()"),
    _shared(("multiprocessing.synchronize.Barrier",), "multiprocessing.Barrier",
            "multiprocessing.Barrier(2)"),
    _shared(("multiprocessing.queues.Queue",), "multiprocessing.Queue", "multiprocessing.Queue()"),
    _shared(("multiprocessing.queues.JoinableQueue",), "multiprocessing.JoinableQueue",
            "multiprocessing.JoinableQueue()"),
    _shared(("multiprocessing.queues.SimpleQueue",), "multiprocessing.SimpleQueue",
            "multiprocessing.SimpleQueue()"),
    _shared(("multiprocessing.sharedctypes.SynchronizedBase",
             "multiprocessing.sharedctypes.Synchronized"),
            "multiprocessing.Value", "multiprocessing.Value('i', 0)"),
    _shared(("multiprocessing.sharedctypes.SynchronizedArray",
             "multiprocessing.sharedctypes.SynchronizedString"),
            "multiprocessing.Array", "multiprocessing.Array('i', 3)"),
)

_BY_NAME: dict[str, UnpicklableType] = {name: entry for entry in TYPES for name in entry.names}


def lookup(full_name: str) -> Optional[UnpicklableType]:
    """The entry for a fully qualified type name as jedi reports it, if it never pickles."""
    return _BY_NAME.get(full_name)

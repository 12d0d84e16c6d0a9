"""Generate ``mp_lsp/engine/knowledge/data/stdlib_pickle.json``: what pickle itself says about
the standard library's types, on this Python.

Why a generator: a hand-written list of "unpicklable" types is memory, and memory is wrong in
both directions (``io.StringIO``, compiled regexes and ``deque`` pickle; ``re.Match`` and dict
views do not). Here each type's verdict comes from ``multiprocessing.reduction.ForkingPickler``,
the pickler multiprocessing really uses (it pickles sockets and connections, and refuses
multiprocessing's own locks and queues outside process start), followed by ``pickle.loads``: a
value that dumps but cannot be rebuilt fails too, "at rebuild".

Recipes are data (:data:`RECIPES`): an expression that builds one instance, the statements it
needs first, and for a container-like type a *probe*, the same type holding a
``threading.Lock()``; a probe that fails shows the type "pickles when its contents do"
(``contents``). What a recipe builds is the runtime type; what jedi infers for the same
expression (from typeshed's stubs) are the names the engine will look up, so both are recorded.

Each expression runs in a process of its own: constructors start threads, open files and
sockets, fork (``subprocess.Popen``, pools) or hang, and one recipe must never change another's
result (``multiprocessing.RawValue`` makes every later ``ctypes.c_int`` refuse to pickle). A
fresh interpreter costs ~45 ms, mostly importing multiprocessing, so each worker keeps a
*zygote*, an untouched interpreter that forks one child per expression (~5 ms); see
:data:`ZYGOTE` for how a child is contained and cleaned up. Two workers judge the ~470
expressions in a few seconds; jedi's inference, afterwards, takes longer.

Other serializers (:data:`SERIALIZERS`: cloudpickle, loky's, dill, torch's reductions) get a
table each, ``data/serializer_<name>.json``, made by the same zygotes with the library's own
dumps and loads. It has two parts. *Kinds* (:data:`KINDS`): language-level values (a lambda, a
function defined under ``if __name__ == "__main__":``, a closure over a lock, ...), each built
by a ``__main__`` script and loaded in a different interpreter, a spawn child that imports the
script again as ``__mp_main__`` as every spawned worker does: only there do ``__main__`` lookups
fail. Pickle gets a kinds table too. *Library differences*: the standard recipes asked of the
serializer, kept only where its verdict differs from ``stdlib_pickle.json``'s. A serializer
whose library is not installed is skipped, with a message (torch's table is made and checked
where torch is: ``make test-frameworks``).

Usage::

    python scripts/generate_pickle_table.py             # rewrite the standard table
    python scripts/generate_pickle_table.py --check     # exit 1, listing entries, if it differs
    python scripts/generate_pickle_table.py --coverage  # typeshed's public classes without one
    python scripts/generate_pickle_table.py --serializer dill [--serializer ...] [--check]
    python scripts/generate_pickle_table.py --all [--check]  # the standard table and every
                                                            # installed serializer's
"""

from __future__ import annotations

import argparse
import ast
import concurrent.futures
import importlib.metadata
import importlib.util
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, NamedTuple, Optional, TypeVar

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "mp_lsp" / "engine" / "knowledge" / "data" / "stdlib_pickle.json"
COMMAND = "python scripts/generate_pickle_table.py"
WORKERS = 2  # the machines this runs on are shared; more buys little (jedi is the long pole)
TIMEOUT = 30  # seconds (an alarm in the child) for one recipe, generous for a loaded machine
#: What multiprocessing says of what it lets cross only while a process is started: a primitive
#: (its own assert_spawning()), and a process's authentication key (``Process`` objects, which
#: cross when a ``Process`` subclass is started).
INHERITANCE = re.compile(r"^(?:RuntimeError: \w+ objects should only be shared between processes "
                         r"through inheritance|TypeError: Pickling an AuthenticationString object "
                         r"is disallowed for security reasons)$")
_ADDRESS = re.compile(r"0x[0-9a-fA-F]+")


class Recipe(NamedTuple):
    expr: str  # builds one instance; one line, unique in the table
    setup: str  # statements run first: the imports and definitions the expression needs
    probe: Optional[str]  # the same type holding something unpicklable, for containers
    cleanup: str  # statements run after the verdict (``value`` is the instance); rarely needed


def r(expr: str, modules: str = "", *, define: str = "", probe: Optional[str] = None,
      cleanup: str = "") -> Recipe:
    """A recipe: ``modules`` is a space-separated import list; a probe imports threading."""
    names = modules.split()
    if probe is not None and "threading" not in names:
        names.append("threading")
    lines = [f"import {name}" for name in names]
    if define:
        lines.append(define)
    return Recipe(expr, "\n".join(lines), probe, cleanup)


LOCK = "threading.Lock()"
CORO = "async def coro():\n    pass"
AGEN = "async def agen():\n    yield 1"
CLS = "class C:\n    def method(self):\n        pass"
OBJ = f"{CLS}\nobj = C()"  # a referent that outlives its weak references
LOOP = "loop = asyncio.new_event_loop()"
TRACEBACK = (
    "def traceback_of():\n    try:\n        1 / 0\n    except ZeroDivisionError as error:\n"
    "        return error.__traceback__"
)
DB = (
    "db = sqlite3.connect(':memory:')\ndb.execute('create table t(b blob)')\n"
    "db.execute('insert into t values (zeroblob(4))')"
)
ZIP = (
    "buffer = io.BytesIO()\nwith zipfile.ZipFile(buffer, 'w') as archive:\n"
    "    archive.writestr('a', 'x')"
)
CACHED = "@functools.lru_cache\ndef cached(x):\n    return x"
CONTEXT = "@contextlib.contextmanager\ndef managed():\n    yield"
POINT = "Point = collections.namedtuple('Point', 'x y')"
SPAWNED = "import subprocess\nimport sys\npopen = subprocess.Popen([sys.executable, '-c', ''])"

RECIPES: tuple[Recipe, ...] = (
    # -- builtins: scalars, containers, iterators, views --------------------------------------
    r("None"), r("..."), r("NotImplemented"), r("1"), r("1.5"), r("1j"), r("True"),
    r("'text'"), r("b'bytes'"), r("bytearray(b'x')"), r("range(3)"), r("object()"),
    r("[1, 2]", probe=f"[{LOCK}]"),
    r("(1, 2)", probe=f"({LOCK},)"),
    r("{'a': 1}", probe=f"{{'a': {LOCK}}}"),
    r("{1, 2}", probe=f"{{{LOCK}}}"),
    r("frozenset({1})", probe=f"frozenset({{{LOCK}}})"),
    r("slice(1, 2)", probe=f"slice({LOCK})"),
    r("memoryview(b'x')"),
    r("{'a': 1}.keys()"), r("{'a': 1}.values()"), r("{'a': 1}.items()"),
    r("iter([1, 2])", probe=f"iter([{LOCK}])"),
    r("iter((1, 2))", probe=f"iter(({LOCK},))"),
    r("iter({1, 2})", probe=f"iter({{{LOCK}}})"),
    r("iter({'a': 1})", probe=f"iter({{{LOCK}: 1}})"),
    r("iter({'a': 1}.values())", probe=f"iter({{'a': {LOCK}}}.values())"),
    r("iter({'a': 1}.items())", probe=f"iter({{'a': {LOCK}}}.items())"),
    r("iter(range(3))"), r("iter('ab')"), r("iter('é')"), r("iter(b'ab')"),
    r("iter(bytearray(b'ab'))"),
    r("reversed([1, 2])", probe=f"reversed([{LOCK}])"),
    r("reversed({'a': 1})", probe=f"reversed({{{LOCK}: 1}})"),
    r("iter(int, 1)", "functools", probe=f"iter(functools.partial(id, {LOCK}), 1)"),
    r("map(str, [1])", probe=f"map(str, [{LOCK}])"),
    r("map(str, (i for i in range(3)))"),
    r("filter(None, [1])", probe=f"filter(None, [{LOCK}])"),
    r("filter(None, (i for i in range(3)))"),
    r("zip([1], [2])", probe=f"zip([{LOCK}])"),
    r("zip((i for i in range(3)), [1])"),
    r("enumerate([1])", probe=f"enumerate([{LOCK}])"),
    r("enumerate(i for i in range(3))"),
    r("(i for i in range(3))"),
    r("coro()", define=CORO), r("coro().__await__()", define=CORO),
    r("agen()", define=AGEN), r("agen().asend(None)", define=AGEN),
    r("len"), r("[].append", probe=f"[{LOCK}].append"),
    r("str.join"), r("int.__add__"), r("(1).__add__"), r("dict.__dict__['fromkeys']"),
    r("type.__dict__['__dict__']"), r("type.__dict__['__weakrefoffset__']"),
    r("property(len)"), r("staticmethod(len)"), r("classmethod(len)"), r("super(int, 1)"),
    r("ValueError('x')", probe=f"ValueError({LOCK})"),
    r("OSError(2, 'missing')"), r("KeyboardInterrupt()"), r("StopIteration(1)"),
    r("ExceptionGroup('many', [ValueError('x')])",
      probe=f"ExceptionGroup('many', [ValueError({LOCK})])"),
    # -- types ---------------------------------------------------------------------------------
    r("types.SimpleNamespace(a=1)", "types", probe=f"types.SimpleNamespace(a={LOCK})"),
    r("types.MappingProxyType({'a': 1})", "types"),
    r("types.ModuleType('m')", "types"),
    r("types.MethodType(C.method, C())", "types", define=CLS,
      probe=f"types.MethodType(C.method, {LOCK})"),
    r("compile('1', '<recipe>', 'eval')"),
    r("types.CellType(1)", "types"),
    r("sys._getframe()", "sys"), r("inspect.currentframe()", "inspect"),
    r("traceback_of()", define=TRACEBACK),
    r("list[int]"), r("int | str"), r("types.SimpleNamespace", "types"),
    # -- io and files --------------------------------------------------------------------------
    r("io.StringIO('x')", "io"), r("io.BytesIO(b'x')", "io"),
    r("open(os.devnull)", "os"), r("open(os.devnull, 'rb')", "os"),
    r("open(os.devnull, 'wb')", "os"), r("open(os.devnull, 'r+b')", "os"),
    r("open(os.devnull, 'rb', buffering=0)", "os"),
    r("io.TextIOWrapper(io.BytesIO())", "io"), r("io.BufferedReader(io.BytesIO())", "io"),
    r("io.BufferedRWPair(io.BytesIO(), io.BytesIO())", "io"),
    r("io.IncrementalNewlineDecoder(None, False)", "io"),
    r("sys.stdout", "sys"),
    r("tempfile.TemporaryFile()", "tempfile"),
    r("tempfile.NamedTemporaryFile()", "tempfile"),
    r("tempfile.SpooledTemporaryFile()", "tempfile"),
    r("tempfile.TemporaryDirectory()", "tempfile"),
    r("gzip.GzipFile(fileobj=io.BytesIO(), mode='wb')", "gzip io"),
    r("bz2.BZ2File(io.BytesIO(), 'wb')", "bz2 io"),
    r("lzma.LZMAFile(io.BytesIO(), 'wb')", "lzma io"),
    r("zipfile.ZipFile(io.BytesIO(), 'w')", "io zipfile"),
    r("zipfile.ZipFile(buffer).open('a')", "io zipfile", define=ZIP),
    r("zipfile.Path(zipfile.ZipFile(buffer))", "io zipfile", define=ZIP),
    r("zipfile.ZipInfo('a')", "zipfile"),
    r("tarfile.open(fileobj=io.BytesIO(), mode='w')", "io tarfile"),
    r("tarfile.TarInfo('a')", "tarfile"),
    r("mmap.mmap(-1, 16)", "mmap"),
    r("os.scandir('/')", "os"), r("next(os.scandir('/'))", "os"),
    r("os.stat('/')", "os"), r("os.statvfs('/')", "os"), r("os.times()", "os"),
    r("os.uname()", "os"), r("os.terminal_size((80, 24))", "os"), r("os.environ", "os"),
    r("os.sched_param(0)", "os"),
    r("pathlib.Path('a')", "pathlib"), r("pathlib.PurePosixPath('a')", "pathlib"),
    r("pathlib.PureWindowsPath('a')", "pathlib"), r("pathlib.Path('/').iterdir()", "pathlib"),
    r("filecmp.dircmp('.', '.')", "filecmp"),
    r("csv.reader([])", "csv"), r("csv.writer(io.StringIO())", "csv io"),
    r("csv.DictReader([])", "csv"), r("csv.DictWriter(io.StringIO(), ['a'])", "csv io"),
    r("csv.excel()", "csv"), r("csv.Sniffer()", "csv"),
    r("pickle.Pickler(io.BytesIO())", "io pickle"),
    r("pickle.Unpickler(io.BytesIO())", "io pickle"),
    r("pickle.PickleBuffer(b'x')", "pickle"),
    r("codecs.lookup('utf-8')", "codecs"),
    r("codecs.getincrementaldecoder('utf-8')()", "codecs"),
    # -- threads -------------------------------------------------------------------------------
    r("threading.Lock()", "threading"), r("threading.RLock()", "threading"),
    r("threading.Condition()", "threading"), r("threading.Semaphore()", "threading"),
    r("threading.BoundedSemaphore()", "threading"), r("threading.Event()", "threading"),
    r("threading.Barrier(2)", "threading"), r("threading.Thread()", "threading"),
    r("threading.Timer(1, print)", "threading"), r("threading.local()", "threading"),
    r("threading.current_thread()", "threading"),
    r("queue.Queue()", "queue"), r("queue.LifoQueue()", "queue"),
    r("queue.PriorityQueue()", "queue"), r("queue.SimpleQueue()", "queue"),
    r("queue.Empty()", "queue"),
    r("sched.scheduler()", "sched"),
    r("concurrent.futures.Future()", "concurrent.futures"),
    r("concurrent.futures.ThreadPoolExecutor(1)", "concurrent.futures"),
    r("concurrent.futures.ProcessPoolExecutor(1)", "concurrent.futures"),
    r("contextvars.ContextVar('v')", "contextvars"),
    r("contextvars.copy_context()", "contextvars"),
    r("contextvars.ContextVar('v').set(1)", "contextvars"),
    # -- multiprocessing -----------------------------------------------------------------------
    r("multiprocessing.Lock()", "multiprocessing"),
    r("multiprocessing.RLock()", "multiprocessing"),
    r("multiprocessing.Semaphore()", "multiprocessing"),
    r("multiprocessing.BoundedSemaphore()", "multiprocessing"),
    r("multiprocessing.Event()", "multiprocessing"),
    r("multiprocessing.Condition()", "multiprocessing"),
    r("multiprocessing.Barrier(2)", "multiprocessing"),
    r("multiprocessing.Queue()", "multiprocessing"),
    r("multiprocessing.JoinableQueue()", "multiprocessing"),
    r("multiprocessing.SimpleQueue()", "multiprocessing"),
    r("multiprocessing.Value('i', 0)", "multiprocessing"),
    r("multiprocessing.Array('i', 3)", "multiprocessing"),
    r("multiprocessing.Array('c', 3)", "multiprocessing"),
    r("multiprocessing.RawValue('i', 0)", "multiprocessing"),
    r("multiprocessing.RawArray('i', 3)", "multiprocessing"),
    r("multiprocessing.Pipe()[0]", "multiprocessing"),
    r("multiprocessing.connection.Listener()", "multiprocessing.connection"),
    r("multiprocessing.Process()", "multiprocessing"),
    r("multiprocessing.current_process()", "multiprocessing"),
    r("multiprocessing.get_context('spawn')", "multiprocessing"),
    r("multiprocessing.get_context()", "multiprocessing"),
    r("multiprocessing.Pool(1)", "multiprocessing"),
    r("multiprocessing.pool.ThreadPool(1)", "multiprocessing.pool"),
    r("multiprocessing.managers.SyncManager()", "multiprocessing.managers"),
    r("multiprocessing.process.AuthenticationString(b'key')", "multiprocessing.process"),
    r("multiprocessing.TimeoutError()", "multiprocessing"),
    r("multiprocessing.shared_memory.SharedMemory(create=True, size=16)",
      "multiprocessing.shared_memory", cleanup="value.close()\nvalue.unlink()"),
    r("multiprocessing.shared_memory.ShareableList([1])", "multiprocessing.shared_memory",
      cleanup="value.shm.close()\nvalue.shm.unlink()"),
    # -- processes, sockets, event loops -------------------------------------------------------
    r("popen", define=SPAWNED),
    r("subprocess.CompletedProcess([], 0)", "subprocess"),
    r("subprocess.CalledProcessError(1, 'x')", "subprocess"),
    r("subprocess.TimeoutExpired('x', 1)", "subprocess"),
    r("socket.socket()", "socket"), r("socket.socket(socket.AF_UNIX)", "socket"),
    r("socket.socketpair()[0]", "socket"),
    r("socket.socket().makefile('rb')", "socket"),
    r("socket.AF_INET", "socket"),
    r("select.epoll()", "select"), r("select.poll()", "select"),
    r("selectors.DefaultSelector()", "selectors"), r("selectors.PollSelector()", "selectors"),
    r("selectors.SelectSelector()", "selectors"),
    r("socketserver.TCPServer(('127.0.0.1', 0), socketserver.BaseRequestHandler)",
      "socketserver"),
    r("signal.SIGINT", "signal"),
    r("asyncio.new_event_loop()", "asyncio"),
    r("asyncio.Future(loop=loop)", "asyncio", define=LOOP),
    r("loop.create_task(coro())", "asyncio", define=f"{LOOP}\n{CORO}"),
    r("loop.call_soon(print)", "asyncio", define=LOOP),
    r("loop.call_later(1, print)", "asyncio", define=LOOP),
    r("asyncio.Queue()", "asyncio"), r("asyncio.Lock()", "asyncio"),
    r("asyncio.Event()", "asyncio"), r("asyncio.Semaphore()", "asyncio"),
    r("asyncio.Condition()", "asyncio"),
    r("asyncio.Runner()", "asyncio"),
    # -- databases, logging --------------------------------------------------------------------
    r("sqlite3.connect(':memory:')", "sqlite3"),
    r("sqlite3.connect(':memory:').cursor()", "sqlite3"),
    r("sqlite3.Row(sqlite3.connect(':memory:').cursor(), (1,))", "sqlite3"),
    r("db.blobopen('t', 'b', 1)", "sqlite3", define=DB),
    r("sqlite3.OperationalError('x')", "sqlite3"),
    r("logging.getLogger('app')", "logging"), r("logging.getLogger()", "logging"),
    r("logging.LoggerAdapter(logging.getLogger('app'), {})", "logging",
      probe=f"logging.LoggerAdapter(logging.getLogger('app'), {{'a': {LOCK}}})"),
    r("logging.Handler()", "logging"), r("logging.StreamHandler()", "logging"),
    r("logging.NullHandler()", "logging"), r("logging.FileHandler(os.devnull)", "logging os"),
    r("logging.handlers.RotatingFileHandler(os.devnull)", "logging.handlers os"),
    r("logging.handlers.WatchedFileHandler(os.devnull)", "logging.handlers os"),
    r("logging.handlers.TimedRotatingFileHandler(os.devnull)", "logging.handlers os"),
    r("logging.handlers.MemoryHandler(10)", "logging.handlers"),
    r("logging.handlers.SocketHandler('localhost', 9)", "logging.handlers"),
    r("logging.handlers.QueueHandler(queue.Queue())", "logging.handlers queue"),
    r("logging.handlers.QueueListener(queue.Queue())", "logging.handlers queue"),
    r("logging.Formatter('%(message)s')", "logging"), r("logging.Filter('app')", "logging"),
    r("logging.LogRecord('app', 20, 'path', 1, 'message', None, None)", "logging",
      probe=f"logging.LogRecord('app', 20, 'path', 1, 'message', ({LOCK},), None)"),
    # -- text, regexes, hashes, compression ----------------------------------------------------
    r("re.compile('a+')", "re"), r("re.match('a', 'a')", "re"),
    r("re.compile('a').scanner('a')", "re"), r("re.finditer('a', 'a')", "re"),
    r("re.IGNORECASE", "re"), r("re.error('x')", "re"),
    r("string.Template('$a')", "string"), r("string.Formatter()", "string"),
    r("textwrap.TextWrapper()", "textwrap"), r("difflib.SequenceMatcher()", "difflib"),
    r("shlex.shlex('a b')", "shlex"), r("struct.Struct('i')", "struct"),
    r("struct.iter_unpack('i', bytes(4))", "struct"),
    r("array.array('i', [1])", "array"), r("iter(array.array('i', [1]))", "array"),
    r("hashlib.sha256()", "hashlib"), r("hashlib.blake2b()", "hashlib"),
    r("hashlib.sha3_256()", "hashlib"), r("hashlib.shake_128()", "hashlib"),
    r("hmac.new(b'key', digestmod='sha256')", "hmac"),
    r("zlib.compressobj()", "zlib"), r("zlib.decompressobj()", "zlib"),
    r("bz2.BZ2Compressor()", "bz2"), r("bz2.BZ2Decompressor()", "bz2"),
    r("lzma.LZMACompressor()", "lzma"), r("lzma.LZMADecompressor()", "lzma"),
    r("json.JSONEncoder()", "json"), r("json.JSONDecoder()", "json"),
    r("json.JSONDecodeError('message', 'document', 0)", "json"),
    r("html.parser.HTMLParser()", "html.parser"),
    r("configparser.ConfigParser()", "configparser"),
    # -- numbers, dates, identifiers -----------------------------------------------------------
    r("decimal.Decimal('1.1')", "decimal"), r("decimal.getcontext()", "decimal"),
    r("decimal.localcontext()", "decimal"), r("fractions.Fraction(1, 3)", "fractions"),
    r("datetime.date(2020, 1, 1)", "datetime"), r("datetime.time(12)", "datetime"),
    r("datetime.datetime(2020, 1, 1)", "datetime"), r("datetime.timedelta(1)", "datetime"),
    r("datetime.timezone.utc", "datetime"), r("zoneinfo.ZoneInfo('UTC')", "zoneinfo"),
    r("time.gmtime(0)", "time"), r("calendar.TextCalendar()", "calendar"),
    r("statistics.NormalDist(0, 1)", "statistics"), r("random.Random(1)", "random"),
    r("random.SystemRandom()", "random"), r("uuid.UUID(int=1)", "uuid"),
    r("ipaddress.ip_address('127.0.0.1')", "ipaddress"),
    r("ipaddress.ip_address('::1')", "ipaddress"),
    r("ipaddress.ip_network('10.0.0.0/8')", "ipaddress"),
    r("ipaddress.ip_network('::/64')", "ipaddress"),
    r("ipaddress.ip_interface('10.0.0.1/8')", "ipaddress"),
    r("ipaddress.ip_interface('::1/64')", "ipaddress"),
    r("ctypes.c_int(1)", "ctypes"), r("ctypes.create_string_buffer(4)", "ctypes"),
    r("ctypes.pointer(ctypes.c_int(1))", "ctypes"), r("ctypes.CDLL(None)", "ctypes"),
    # -- collections, functools, itertools, operator -------------------------------------------
    r("collections.deque([1])", "collections", probe=f"collections.deque([{LOCK}])"),
    r("iter(collections.deque([1]))", "collections",
      probe=f"iter(collections.deque([{LOCK}]))"),
    r("collections.defaultdict(list)", "collections",
      probe=f"collections.defaultdict(list, a={LOCK})"),
    r("collections.defaultdict(lambda: 0)", "collections"),
    r("collections.OrderedDict(a=1)", "collections",
      probe=f"collections.OrderedDict(a={LOCK})"),
    r("collections.OrderedDict(a=1).keys()", "collections"),
    r("collections.Counter('ab')", "collections", probe=f"collections.Counter([{LOCK}])"),
    r("collections.ChainMap({'a': 1})", "collections",
      probe=f"collections.ChainMap({{'a': {LOCK}}})"),
    r("Point(1, 2)", "collections", define=POINT, probe=f"Point({LOCK}, 2)"),
    r("collections.UserDict(a=1)", "collections", probe=f"collections.UserDict(a={LOCK})"),
    r("collections.UserList([1])", "collections", probe=f"collections.UserList([{LOCK}])"),
    r("collections.UserString('a')", "collections"),
    r("functools.partial(print, 1)", "functools", probe=f"functools.partial(print, {LOCK})"),
    r("functools.partialmethod(print)", "functools"),
    r("cached", "functools", define=CACHED),
    r("functools.cmp_to_key(operator.sub)(1)", "functools operator"),
    r("functools.cached_property(len)", "functools"),
    r("operator.itemgetter(1)", "operator", probe=f"operator.itemgetter({LOCK})"),
    r("operator.attrgetter('a')", "operator"),
    r("operator.methodcaller('a')", "operator", probe=f"operator.methodcaller('a', {LOCK})"),
    r("itertools.count()", "itertools"),
    r("itertools.repeat(1)", "itertools", probe=f"itertools.repeat({LOCK})"),
    r("itertools.cycle([1])", "itertools", probe=f"itertools.cycle([{LOCK}])"),
    r("itertools.cycle(i for i in range(3))", "itertools"),
    r("itertools.accumulate([1])", "itertools", probe=f"itertools.accumulate([{LOCK}])"),
    r("itertools.chain([1, 2])", "itertools", probe=f"itertools.chain([{LOCK}])"),
    r("itertools.chain(i for i in range(3))", "itertools"),
    r("itertools.chain.from_iterable([[1]])", "itertools",
      probe=f"itertools.chain.from_iterable([[{LOCK}]])"),
    r("itertools.compress([1], [1])", "itertools", probe=f"itertools.compress([{LOCK}], [1])"),
    r("itertools.dropwhile(bool, [1])", "itertools",
      probe=f"itertools.dropwhile(bool, [{LOCK}])"),
    r("itertools.takewhile(bool, [1])", "itertools",
      probe=f"itertools.takewhile(bool, [{LOCK}])"),
    r("itertools.filterfalse(None, [1])", "itertools",
      probe=f"itertools.filterfalse(None, [{LOCK}])"),
    r("itertools.groupby([1])", "itertools", probe=f"itertools.groupby([{LOCK}])"),
    r("next(itertools.groupby([1]))[1]", "itertools",
      probe=f"next(itertools.groupby([{LOCK}]))[1]"),
    r("itertools.islice([1], 1)", "itertools", probe=f"itertools.islice([{LOCK}], 1)"),
    r("itertools.islice((i for i in range(3)), 1)", "itertools"),
    r("itertools.starmap(pow, [(1, 1)])", "itertools",
      probe=f"itertools.starmap(pow, [({LOCK},)])"),
    r("itertools.tee([1])[0]", "itertools", probe=f"itertools.tee([{LOCK}])[0]"),
    r("itertools.tee(i for i in range(3))[0]", "itertools"),
    r("itertools.zip_longest([1])", "itertools", probe=f"itertools.zip_longest([{LOCK}])"),
    r("itertools.product([1])", "itertools", probe=f"itertools.product([{LOCK}])"),
    r("itertools.permutations([1])", "itertools", probe=f"itertools.permutations([{LOCK}])"),
    r("itertools.combinations([1], 1)", "itertools",
      probe=f"itertools.combinations([{LOCK}], 1)"),
    r("itertools.combinations_with_replacement([1], 1)", "itertools",
      probe=f"itertools.combinations_with_replacement([{LOCK}], 1)"),
    r("itertools.pairwise([1, 2])", "itertools", probe=f"itertools.pairwise([{LOCK}, 1])"),
    # -- weak references, context managers -----------------------------------------------------
    r("weakref.ref(C)", "weakref", define=CLS), r("weakref.proxy(C)", "weakref", define=CLS),
    r("weakref.proxy(obj)", "weakref", define=OBJ),
    r("weakref.WeakMethod(obj.method)", "weakref", define=OBJ),
    r("weakref.WeakValueDictionary()", "weakref"), r("weakref.WeakKeyDictionary()", "weakref"),
    r("weakref.WeakSet()", "weakref"), r("weakref.finalize(C, print)", "weakref", define=CLS),
    r("contextlib.ExitStack()", "contextlib"), r("contextlib.AsyncExitStack()", "contextlib"),
    r("contextlib.suppress(ValueError)", "contextlib"),
    r("contextlib.nullcontext()", "contextlib"),
    r("contextlib.redirect_stdout(io.StringIO())", "contextlib io"),
    r("managed()", "contextlib", define=CONTEXT),
    # -- network clients, email, xml -----------------------------------------------------------
    r("ssl.create_default_context()", "ssl"), r("ssl.MemoryBIO()", "ssl"),
    r("ssl.create_default_context().wrap_bio(ssl.MemoryBIO(), ssl.MemoryBIO(), "
      "server_hostname='example.org')", "ssl"),
    r("ssl.Purpose.SERVER_AUTH", "ssl"),
    r("http.client.HTTPConnection('localhost')", "http.client"),
    r("http.client.HTTPSConnection('localhost')", "http.client"),
    r("http.cookiejar.CookieJar()", "http.cookiejar"),
    r("http.cookies.SimpleCookie('a=1')", "http.cookies"), r("http.HTTPStatus.OK", "http"),
    r("urllib.request.Request('http://example.org')", "urllib.request"),
    r("urllib.request.build_opener()", "urllib.request"),
    r("urllib.parse.urlparse('http://example.org')", "urllib.parse"),
    r("urllib.parse.urlsplit('http://example.org')", "urllib.parse"),
    r("urllib.parse.urlparse(b'http://example.org')", "urllib.parse"),
    r("urllib.parse.urldefrag('http://example.org#a')", "urllib.parse"),
    r("urllib.error.URLError('x')", "urllib.error"),
    r("urllib.error.HTTPError('http://example.org', 500, 'error', {}, None)", "urllib.error"),
    # Exceptions the standard library raises with several arguments, built as it raises them:
    # one raised in a worker travels back as ``cls(*args)``, which rebuilds only those whose
    # ``args`` keep what ``__init__`` takes.
    r("urllib.error.ContentTooShortError('short', b'')", "urllib.error"),
    r("http.client.IncompleteRead(b'partial', 10)", "http.client"),
    r("http.client.RemoteDisconnected('closed')", "http.client"),
    r("xmlrpc.client.ProtocolError('http://example.org/RPC2', 503, 'Unavailable', {})",
      "xmlrpc.client"),
    r("xmlrpc.client.Fault(1, 'failed')", "xmlrpc.client"),
    r("smtplib.SMTPResponseException(550, b'refused')", "smtplib"),
    r("smtplib.SMTPRecipientsRefused({'a@example.org': (550, b'no')})", "smtplib"),
    r("smtplib.SMTPSenderRefused(550, b'no', 'a@example.org')", "smtplib"),
    r("configparser.NoOptionError('option', 'section')", "configparser"),
    r("configparser.NoSectionError('section')", "configparser"),
    r("configparser.DuplicateSectionError('section')", "configparser"),
    r("configparser.InterpolationMissingOptionError('option', 'section', '%(x)s', 'x')",
      "configparser"),
    r("socket.gaierror(-2, 'Name or service not known')", "socket"),
    r("shutil.Error([('a', 'b', 'why')])", "shutil"),
    r("UnicodeDecodeError('utf-8', b'\\xff', 0, 1, 'invalid start byte')"),
    r("zipfile.BadZipFile('bad')", "zipfile"), r("ssl.SSLError(1, 'handshake')", "ssl"),
    r("email.errors.HeaderParseError('bad')", "email.errors"), r("csv.Error('bad')", "csv"),
    r("urllib.robotparser.RobotFileParser()", "urllib.robotparser"),
    r("smtplib.SMTP()", "smtplib"), r("ftplib.FTP()", "ftplib"),
    r("email.message.Message()", "email.message"),
    r("email.message.EmailMessage()", "email.message"),
    r("email.headerregistry.Address('A', 'a', 'example.org')", "email.headerregistry"),
    r("email.policy.default", "email.policy"),
    r("xml.etree.ElementTree.Element('a')", "xml.etree.ElementTree"),
    r("xml.etree.ElementTree.ElementTree(xml.etree.ElementTree.Element('a'))",
      "xml.etree.ElementTree"),
    r("xml.etree.ElementTree.XMLParser()", "xml.etree.ElementTree"),
    r("xml.etree.ElementTree.TreeBuilder()", "xml.etree.ElementTree"),
    r("xml.etree.ElementTree.QName('a')", "xml.etree.ElementTree"),
    r("xml.dom.minidom.parseString('<a/>')", "xml.dom.minidom"),
    r("xml.parsers.expat.ParserCreate()", "xml.parsers.expat"),
    r("xml.sax.make_parser()", "xml.sax"),
    # -- interpreter, tools, typing ------------------------------------------------------------
    r("sys.flags", "sys"), r("sys.version_info", "sys"), r("sys.float_info", "sys"),
    r("platform.uname()", "platform"),
    r("resource.getrusage(resource.RUSAGE_SELF)", "resource"),
    r("pwd.getpwuid(0)", "pwd"), r("grp.getgrgid(0)", "grp"),
    r("argparse.Namespace(a=1)", "argparse", probe=f"argparse.Namespace(a={LOCK})"),
    r("argparse.ArgumentParser()", "argparse"), r("optparse.OptionParser()", "optparse"),
    r("inspect.signature(len)", "inspect"),
    r("inspect.Parameter('a', inspect.Parameter.POSITIONAL_ONLY)", "inspect"),
    r("inspect.Parameter.POSITIONAL_ONLY", "inspect"),
    r("traceback.TracebackException.from_exception(ValueError('x'))", "traceback"),
    r("traceback.extract_stack()", "traceback"),
    r("traceback.FrameSummary('file', 1, 'name')", "traceback"),
    r("ast.parse('1')", "ast"),
    r("importlib.machinery.ModuleSpec('m', None)", "importlib.machinery"),
    r("gettext.NullTranslations()", "gettext"), r("mimetypes.MimeTypes()", "mimetypes"),
    r("graphlib.TopologicalSorter()", "graphlib"), r("reprlib.Repr()", "reprlib"),
    r("pprint.PrettyPrinter()", "pprint"), r("cmd.Cmd()", "cmd"),
    r("timeit.Timer()", "timeit"), r("cProfile.Profile()", "cProfile"),
    r("unittest.mock.Mock()", "unittest.mock"), r("unittest.mock.MagicMock()", "unittest.mock"),
    r("unittest.mock.sentinel.marker", "unittest.mock"),
    r("typing.List[int]", "typing"), r("typing.Optional[int]", "typing"),
    r("T", "typing", define="T = typing.TypeVar('T')"),
    r("typing.ForwardRef('x')", "typing"),
)


# -- value kinds: what a program sends, judged across two interpreters ------------------------
class Kind(NamedTuple):
    """A language-level kind of value, built by a ``__main__`` script of its own.

    ``name`` is the constant the engine knows it by (``serializers.Kind``). The script imports
    ``imports``, runs ``define`` at module level (a spawn child runs it again, importing the
    script as ``__mp_main__``) and, under ``if __name__ == "__main__":``, runs ``main`` and then
    ``value = <expr>``. ``subject`` names the function or class whose pickling is recorded: by
    value (its code travels) or by reference (the loader looks it up by module and name).
    """

    name: str
    expr: str
    imports: str
    define: str
    main: str
    subject: Optional[str]

    def script(self) -> str:
        lines = [f"import {module}" for module in self.imports.split()]
        if self.define:
            lines += ["", self.define]
        body = "\n".join(filter(None, [self.main, f"value = {self.expr}"]))
        lines += ["", 'if __name__ == "__main__":', textwrap.indent(body, "    ")]
        return "\n".join(lines).lstrip("\n") + "\n"


def k(name: str, expr: str, imports: str = "", *, define: str = "", main: str = "",
      subject: Optional[str] = None) -> Kind:
    return Kind(name, expr, imports, define, main, subject)


WORK = "def work(x):\n    return x"
RECORD = "class Record:\n    def __init__(self):\n        self.x = 1\n\n    def method(self):\n" \
         "        return self.x"
GUARDED = "class Guarded:\n    def __init__(self):\n        self.lock = threading.Lock()"
LOCAL_CLASS = "def make_class():\n    class Local:\n        def method(self):\n" \
              "            return 1\n    return Local"
PAIR_ERROR = "class PairError(Exception):\n    def __init__(self, a, b):\n" \
             "        super().__init__(f'{a} and {b}')"
#: ``sys.exc_info()`` in an ``except`` block: the type, the exception and its traceback.
CAUGHT = "def caught():\n    try:\n        1 / 0\n    except ZeroDivisionError:\n" \
         "        return sys.exc_info()"
#: A test case as unittest's runner holds it mid-test: ``run()`` sets ``_outcome`` (the result,
#: and the result's stream) until the test ends, so the copy keeps what ``self`` holds then.
RUNNING_TEST = "class Running(unittest.TestCase):\n    def test_run(self):\n" \
               "        global running\n        running = copy.copy(self)"
FILES = "with open('data.txt', 'w') as out:\n    out.write('text')\n" \
        "with open('data.bin', 'wb') as out:\n    out.write(b'bytes')"

KINDS: tuple[Kind, ...] = (
    # -- functions and classes -----------------------------------------------------------------
    k("main_function", "work", define=WORK, subject="value"),
    k("main_guarded_function", "guarded", main="def guarded(x):\n    return x", subject="value"),
    k("main_lambda", "square", define="square = lambda x: x * x", subject="value"),
    k("main_function_global_lock", "locked_work", "threading",
      define="LOCK = threading.Lock()\n\n\ndef locked_work(x):\n    with LOCK:\n        return x",
      subject="value"),
    k("main_lambda_global_lock", "locked_lambda", "threading",
      define="LOCK = threading.Lock()\nlocked_lambda = lambda x: LOCK.locked() or x",
      subject="value"),
    k("nested_function", "outer()",
      define="def outer():\n    def inner(x):\n        return x\n    return inner",
      subject="value"),
    k("closure", "make_adder(1)",
      define="def make_adder(n):\n    def add(x):\n        return x + n\n    return add",
      subject="value"),
    k("closure_over_lock", "make_locked()", "threading",
      define="def make_locked():\n    lock = threading.Lock()\n\n    def locked(x):\n"
             "        with lock:\n            return x\n    return locked", subject="value"),
    k("partial_of_lambda", "functools.partial(lambda x, y: x + y, 1)", "functools",
      subject="value.func"),
    k("main_class", "Record", define=RECORD, subject="value"),
    k("main_class_instance", "Record()", define=RECORD, subject="type(value)"),
    k("main_class_instance_with_lock", "Guarded()", "threading", define=GUARDED,
      subject="type(value)"),
    k("main_bound_method", "Record().method", define=RECORD, subject="type(value.__self__)"),
    k("local_class", "make_class()", define=LOCAL_CLASS, subject="value"),
    k("local_class_instance", "make_class()()", define=LOCAL_CLASS, subject="type(value)"),
    k("local_bound_method", "make_class()().method", define=LOCAL_CLASS,
      subject="type(value.__self__)"),
    k("exception_two_args", "PairError(1, 2)", define=PAIR_ERROR, subject="type(value)"),
    # -- generators and iterators --------------------------------------------------------------
    k("generator", "numbers()", define="def numbers():\n    yield 1"),
    k("generator_expression", "(i for i in range(3))"),
    k("map_iterator", "map(str, [1, 2])"),
    k("map_lambda_iterator", "map(lambda x: x, [1, 2])"),
    k("zip_iterator", "zip([1], [2])"),
    # -- threads, files, sockets, databases, modules -------------------------------------------
    k("thread_lock", "threading.Lock()", "threading"),
    k("thread_rlock", "threading.RLock()", "threading"),
    k("thread_condition", "threading.Condition()", "threading"),
    k("thread_event", "threading.Event()", "threading"),
    k("thread", "threading.Thread(target=print)", "threading"),
    k("file_read", "open('data.txt')", main=FILES),
    k("file_write", "open('out.txt', 'w')"),
    k("file_binary", "open('data.bin', 'rb')", main=FILES),
    k("socket", "socket.socket()", "socket"),
    k("sqlite_connection", "sqlite3.connect(':memory:')", "sqlite3"),
    k("sqlite_cursor", "sqlite3.connect(':memory:').cursor()", "sqlite3"),
    k("module", "json", "json"),
    k("unregistered_logger", "logging.Logger('app')", "logging"),
    k("exc_info", "caught()", "sys", define=CAUGHT),
    k("running_test_case", "running", "copy unittest", define=RUNNING_TEST,
      main="unittest.TextTestRunner().run(Running('test_run'))", subject="type(value)"),
    # -- multiprocessing's own objects, sent outside process start -----------------------------
    k("mp_lock", "multiprocessing.Lock()", "multiprocessing"),
    k("mp_queue", "multiprocessing.Queue()", "multiprocessing"),
    k("mp_value", "multiprocessing.Value('i', 0)", "multiprocessing"),
    k("manager_proxy", "manager.dict()", "multiprocessing",
      main="manager = multiprocessing.Manager()"),
)
#: Kinds added after torch's table was last made (it is made where torch is installed, by
#: ``make test-frameworks``): until then the engine judges these values by their type there.
NOT_YET_ASKED_OF_TORCH = frozenset({"unregistered_logger", "running_test_case", "exc_info"})
#: Asked of torch's reductions only: building them needs torch.
TORCH_KINDS: tuple[Kind, ...] = (
    k("tensor", "torch.ones(2)", "torch"),
    k("tensor_requires_grad", "torch.ones(2, requires_grad=True)", "torch"),
    k("tensor_non_leaf", "torch.ones(2, requires_grad=True) * 2", "torch"),
    k("torch_generator", "torch.Generator()", "torch"),
    k("nn_module", "torch.nn.Linear(2, 2)", "torch"),
)


class Serializer(NamedTuple):
    """How a library sends a value to another process: the code it runs, as plain as its own
    source runs it (``setup`` once per zygote, then ``dumps``; ``loads`` where it arrives)."""

    name: str
    libraries: tuple[str, ...]  # the distributions the verdicts depend on; all must import
    setup: str
    dumps: str
    loads: str
    kinds: tuple[Kind, ...]
    unpicklable: str = LOCK  # what its probes hold: an expression it cannot send

    def recipes(self) -> tuple[Recipe, ...]:
        """The standard recipes, their probes holding :attr:`unpicklable` instead of a lock."""
        return tuple(
            recipe._replace(probe=recipe.probe.replace(LOCK, self.unpicklable))
            if recipe.probe else recipe for recipe in RECIPES
        )

    def missing(self) -> Optional[str]:
        """Why this Python cannot ask the serializer, if it cannot."""
        absent = [name for name in self.libraries if importlib.util.find_spec(name) is None]
        return f"{', '.join(absent)} not installed" if absent else None

    def output(self) -> Path:
        return OUTPUT.parent / f"serializer_{self.name}.json"


#: The serializers, each as its library sends a task (read from their sources), and receives
#: it: a loader imports only the module of ``loads`` (the bytes import what they refer to):
#:
#: - ``pickle``: multiprocessing (``Pool``, ``Process`` arguments, ``concurrent.futures``).
#: - ``cloudpickle``: ``cloudpickle.dumps``; whatever receives it uses ``pickle.loads``.
#: - ``loky`` (and joblib, which vendors it): the call queue's feeder thread calls
#:   ``loky.backend.reduction.dumps``, a ``CloudPickler`` (``set_loky_pickler``'s default, set
#:   explicitly here so ``$LOKY_PICKLER`` cannot change the table) whose dispatch table adds
#:   loky's reducers (sockets, connections, methods, partials); workers read with ``pickle.loads``.
#: - ``dill``: multiprocess's ``ForkingPickler`` is a ``dill.Pickler`` with dill's default
#:   settings (``byref=False``, ``recurse=False``), as ``dill.dumps`` makes; it reads with
#:   ``dill.loads``.
#: - ``torch``: ``import torch.multiprocessing`` registers torch's reductions (tensors, storages)
#:   into multiprocessing's ``ForkingPickler``, which then sends as ``pickle`` does.
SERIALIZERS: dict[str, Serializer] = {s.name: s for s in (
    Serializer("pickle", (), "from multiprocessing.reduction import ForkingPickler",
               "ForkingPickler.dumps", "pickle.loads", KINDS),
    Serializer("cloudpickle", ("cloudpickle",), "import cloudpickle", "cloudpickle.dumps",
               "pickle.loads", KINDS),
    Serializer("loky", ("loky", "cloudpickle"),
               "import loky.backend.reduction\n"
               "loky.backend.reduction.set_loky_pickler('cloudpickle')",
               "loky.backend.reduction.dumps", "pickle.loads", KINDS),
    Serializer("dill", ("dill",), "import dill", "dill.dumps", "dill.loads", KINDS,
               unpicklable="(i for i in ())"),  # dill pickles locks; no one pickles generators
    Serializer("torch", ("torch",),
               "import torch.multiprocessing\nfrom multiprocessing.reduction import ForkingPickler",
               "ForkingPickler.dumps", "pickle.loads",
               tuple(k for k in KINDS if k.name not in NOT_YET_ASKED_OF_TORCH) + TORCH_KINDS),
)}
PICKLE = SERIALIZERS["pickle"]
#: What a kind's outcome is called, by where it failed.
CROSSING = {None: "crosses", "dump": "fails-at-dump", "load": "fails-at-load"}


@dataclass(frozen=True)
class Verdict:
    """What a child reports for one expression."""

    runtime_type: str  # type(value).__module__ + "." + type(value).__qualname__
    stage: Optional[str]  # where pickle failed, "dump" or "rebuild"; None when it loaded again
    error: Optional[str]  # "TypeError: cannot pickle ..." (addresses and work paths normalised)
    required: Optional[int] = None  # a keyword form's: the exception's required parameters


class GenerationError(Exception):
    """A recipe that does not build, hangs or crashes: the table would be a guess, so stop."""


#: A pristine interpreter (``python -I -S``: the standard library only, no environment; without
#: ``-S`` when the serializer is a library, so site-packages are found) that runs the
#: serializer's setup, then reads one job per line as JSON and forks a child for it. The child
#: starts a session of its own in the job's work directory, does the job, writes
#: ``verdict.json``, and runs the interpreter's exit functions (which unlink the semaphores and
#: shared memory a recipe made). An alarm ends a child that hangs. Once it has exited, but
#: before it is reaped (so the group id cannot have been reused), its process group is killed:
#: threads, pool workers, loaders and children die with it. Each line back is the child's exit
#: status.
#:
#: A recipe job builds an expression and asks the serializer to dump and load it again, in the
#: child. A kind job runs the kind's script as ``__main__`` (a module with the script's
#: ``__file__``, as ``python main.py`` makes), dumps its ``value``, and loads it in another
#: interpreter: a child of the spawn start method, which multiprocessing prepares as it prepares
#: every spawned worker (it imports the script again as ``__mp_main__`` and calls that
#: ``__main__``), then runs :data:`LOADER` in it, with the bytes, as its target. The dumping
#: child waits for it: what the bytes point back to (a shared descriptor, a manager) lives on.
ZYGOTE = r"""
import atexit, json, os, pickle, pickletools, signal, sys, traceback, types

DESCRIBE = '''
def describe(exc):
    kind = type(exc)
    name = kind.__qualname__
    if kind.__module__ != "builtins":
        name = f"{kind.__module__}.{name}"
    return f"{name}: {exc}"
'''
exec(DESCRIBE)

class NoKeywordForm(Exception):
    pass

def by_keyword(cls, *args):
    # The exception ``cls(*args)`` built by keyword instead: BaseException.__new__ keeps only
    # positional arguments in ``args``, which is what rebuilding it calls ``cls`` with.
    import inspect
    try:
        parameters = list(inspect.signature(cls).parameters.values())
    except (TypeError, ValueError):
        parameters = []
    names = [p.name for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD]
    if not (isinstance(cls, type) and issubclass(cls, BaseException)) or len(names) < len(args):
        raise NoKeywordForm(cls)
    required = [p for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD
                and p.default is p.empty]
    globals()["required"] = len(required)
    return cls(**dict(zip(names, args)))

LOADER = DESCRIBE + '''
import importlib, json, os
try:
    module, _, name = loads.rpartition(".")
    rebuilt = getattr(importlib.import_module(module), name)(data)
    found = {"stage": None, "error": None}
except BaseException as exc:
    found = {"stage": "load", "error": describe(exc)}
with open("loaded.json", "w") as out:
    json.dump(found, out)
os._exit(0)  # no destructor of the copy runs, nor the interpreter's shutdown
'''
SERIALIZER = json.loads(sys.argv[1])
exec(SERIALIZER["setup"])
_dumps, _loads = eval(SERIALIZER["dumps"]), eval(SERIALIZER["loads"])
import weakref
for inherited in list(weakref.finalize._registry):  # a library's own (torch has ~130): a
    inherited.atexit = False                         # child's exit need not run them, at 40 ms

def judge(spec):
    try:
        exec(spec["setup"], globals())
        value = globals()["value"] = eval(spec["expr"], globals())
    except BaseException as exc:
        return {"runtime_type": None, "stage": "build", "error": describe(exc)}
    found = {"runtime_type": f"{type(value).__module__}.{type(value).__qualname__}",
             "required": globals().get("required")}
    try:
        data = _dumps(value)
    except BaseException as exc:
        return {**found, "stage": "dump", "error": describe(exc)}
    try:
        globals()["rebuilt"] = _loads(data)  # alive until os._exit: no destructor runs (dill's
    except BaseException as exc:          # copy of a ZipFile hangs in __del__, at close)
        return {**found, "stage": "rebuild", "error": describe(exc)}
    return {**found, "stage": None, "error": None}

def referenced(data):
    # (module, qualified name) of every global the pickle names: GLOBAL carries both, and
    # STACK_GLOBAL takes the two strings pushed last, written out or fetched from the memo.
    found, memo, pushed = set(), {}, []
    for op, arg, _ in pickletools.genops(data):
        if op.name in ("SHORT_BINUNICODE", "BINUNICODE", "BINUNICODE8", "UNICODE"):
            pushed.append(arg)
        elif op.name in ("BINGET", "LONG_BINGET", "GET"):
            pushed.append(memo.get(arg))
        elif op.name == "MEMOIZE":
            memo[len(memo)] = pushed[-1] if pushed else None
        elif op.name in ("BINPUT", "LONG_BINPUT", "PUT"):
            memo[arg] = pushed[-1] if pushed else None
        elif op.name == "GLOBAL":
            found.add(tuple(arg.split(" ", 1)))
            pushed.append(None)
        elif op.name == "STACK_GLOBAL":
            found.add(tuple(pushed[-2:]))
            pushed.append(None)
        elif op.name not in ("PROTO", "FRAME", "STOP"):
            pushed.append(None)
    return found

def judge_kind(spec):
    path = os.path.join(spec["workdir"], "main.py")
    main = types.ModuleType("__main__")
    main.__file__ = path
    sys.modules["__main__"] = main
    sys.argv[:] = [path]
    try:
        with open(path) as script:
            exec(compile(script.read(), path, "exec"), main.__dict__)
        value = main.value
        subject = eval(spec["subject"], main.__dict__) if spec["subject"] else None
    except BaseException as exc:
        return {"runtime_type": None, "stage": "build", "error": describe(exc)}
    found = {"runtime_type": f"{type(value).__module__}.{type(value).__qualname__}",
             "pickled_by": None}
    try:
        data = bytes(_dumps(value))
    except BaseException as exc:
        return {**found, "stage": "dump", "error": describe(exc)}
    if subject is not None:
        name = (subject.__module__, subject.__qualname__)
        found["pickled_by"] = "reference" if name in referenced(data) else "value"
    import multiprocessing
    loader = multiprocessing.get_context("spawn").Process(target=exec, args=(
        LOADER, {"data": data, "loads": SERIALIZER["loads"]}))
    loader.start()
    loader.join()
    if not os.path.exists("loaded.json"):
        return {**found, "stage": "build",
                "error": f"the loader exited with {loader.exitcode} and no verdict"}
    with open("loaded.json") as verdict:
        return {**found, **json.load(verdict)}

def child(spec):
    os.setsid()
    os.chdir(spec["workdir"])
    os.environ["TMPDIR"] = spec["workdir"]
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    os.dup2(os.open("stderr.txt", os.O_WRONLY | os.O_CREAT), 2)
    signal.alarm(spec["timeout"])
    verdict = judge_kind(spec) if "subject" in spec else judge(spec)
    with open("verdict.json", "w") as out:
        json.dump(verdict, out)
    exec(spec.get("cleanup", ""), globals())
    atexit._run_exitfuncs()

for line in sys.stdin:
    spec = json.loads(line)
    pid = os.fork()
    if pid == 0:
        try:
            child(spec)
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(0)
    os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    _, status = os.waitpid(pid, 0)
    print(os.waitstatus_to_exitcode(status), flush=True)
"""


class Zygote:
    """One :data:`ZYGOTE` process: forking it costs ~5 ms a recipe where a fresh interpreter
    costs ~45 ms (most of it importing multiprocessing; a library such as torch costs seconds),
    and the fork is still a new process made from the same untouched state each time."""

    def __init__(self, serializer: Serializer = PICKLE) -> None:
        flags = ["-I"] if serializer.libraries else ["-I", "-S"]
        code = {"setup": serializer.setup, "dumps": serializer.dumps, "loads": serializer.loads}
        self.process = subprocess.Popen(
            [sys.executable, *flags, "-c", ZYGOTE, json.dumps(code)], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True,
        )

    def __enter__(self) -> Zygote:
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()  # the zygote's loop ends at end of input
        self.process.wait()

    def _ask(self, what: str, spec: dict[str, Any], script: str = "",
             builds: bool = True) -> dict[str, Any]:
        """Send one job (in a fresh work directory holding ``script`` as ``main.py``, if any)
        and read the child's verdict, its error text normalised; a job that must build
        (``builds``) and does not stops the generation."""
        assert self.process.stdin is not None and self.process.stdout is not None
        with tempfile.TemporaryDirectory(prefix="pickle-recipe-") as workdir:
            if script:
                Path(workdir, "main.py").write_text(script)
            self.process.stdin.write(
                json.dumps({**spec, "workdir": workdir, "timeout": TIMEOUT}) + "\n"
            )
            self.process.stdin.flush()
            status = self.process.stdout.readline().strip()
            verdict_file = Path(workdir, "verdict.json")
            if not verdict_file.exists():
                stderr = Path(workdir, "stderr.txt")  # absent when the zygote itself died
                tail = (stderr.read_text(errors="replace").splitlines()[-3:]
                        if stderr.exists() else [])
                raise GenerationError(f"{what}: no verdict (exit status {status!r}): {tail}")
            found = json.loads(verdict_file.read_text())
            error = found["error"]
            if error:
                for path in (os.path.realpath(workdir), workdir):
                    error = error.replace(path, "<tmp>")
                found["error"] = _ADDRESS.sub("0x?", error)
        if found["stage"] == "build" and builds:
            raise GenerationError(f"{what}: does not build: {found['error']}")
        return found

    def judge(self, expr: str, recipe: Recipe) -> Optional[Verdict]:
        """Build ``expr`` (after the recipe's setup) in a fresh child and ask the serializer;
        ``None`` for a keyword form (:func:`keyword_form`) the exception does not have."""
        keyword = expr == keyword_form(recipe.expr)
        found = self._ask(expr, {"setup": recipe.setup, "expr": expr, "cleanup": recipe.cleanup},
                          builds=not keyword)
        if found["stage"] == "build":
            return None
        return Verdict(found["runtime_type"], found["stage"], found["error"],
                       found.get("required"))

    def judge_kind(self, kind: Kind) -> dict[str, Any]:
        """Run the kind's script as ``__main__``, dump its value, load it in a spawn child."""
        found = self._ask(kind.name, {"subject": kind.subject}, kind.script())
        return {
            "kind": kind.name,
            "script": kind.script(),
            "runtime_type": found["runtime_type"],
            "outcome": CROSSING[found["stage"]],
            "error": found["error"],
            "pickled_by": found["pickled_by"],
        }


Job = TypeVar("Job")
Found = TypeVar("Found")


def in_zygotes(jobs: list[Job], serializer: Serializer,
               ask: Callable[[Zygote, Job], Found]) -> list[Found]:
    """``ask(zygote, job)`` for every job, in order, :data:`WORKERS` zygotes sharing them."""
    shares = [jobs[i::WORKERS] for i in range(WORKERS)]
    found: list[Any] = [None] * len(jobs)

    def share_of(share: list[Job]) -> list[Found]:
        with Zygote(serializer) as zygote:
            return [ask(zygote, job) for job in share]

    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        for i, answers in enumerate(pool.map(share_of, shares)):
            found[i::WORKERS] = answers
    return found


def keyword_form(expr: str) -> Optional[str]:
    """The recipe ``Error(a, b)`` built by keyword (``by_keyword(Error, a, b)`` in the child
    names the arguments by the signature), for a call of positional arguments only."""
    call = ast.parse(expr, mode="eval").body
    if not isinstance(call, ast.Call) or call.keywords or not call.args or any(
        isinstance(a, ast.Starred) for a in call.args
    ):
        return None
    return f"by_keyword({', '.join(ast.unparse(n) for n in (call.func, *call.args))})"


def recipe_verdicts(serializer: Serializer, keywords: bool = False) -> dict[str, Verdict]:
    """Every recipe's and probe's verdict, by expression, from ``serializer``; with
    ``keywords``, each exception recipe's keyword form's too."""
    jobs = [(e, recipe) for recipe in serializer.recipes() for e in (
        recipe.expr, recipe.probe, keyword_form(recipe.expr) if keywords else None) if e]
    if len({expr for expr, _ in jobs}) != len(jobs):
        raise GenerationError("two recipes share an expression")
    verdicts = in_zygotes(jobs, serializer, lambda zygote, job: zygote.judge(*job))
    return {expr: verdict for (expr, _), verdict in zip(jobs, verdicts) if verdict is not None}


def jedi_names(recipes: tuple[Recipe, ...]) -> dict[str, list[str]]:
    """For each recipe, the full names of the instance types jedi infers for its expression,
    asked where the engine asks: just after the expression's end.

    One script holds every recipe, each in a function of its own (so their names stay apart):
    one jedi inference state for all is six times faster than a script each, and gives the
    same names except for the recipes' own classes, which are no library's and are dropped.
    """
    chunks, positions, line = [], {}, 0
    for index, recipe in enumerate(recipes):
        body = textwrap.indent(f"{recipe.setup}\n{recipe.expr}", "    ")
        chunks.append(f"def recipe_{index}():\n{body}\n")
        line += chunks[-1].count("\n")
        positions[recipe.expr] = (line, 4 + len(recipe.expr))
    import jedi  # here, not at the top: a serializer's table is made without it (torch's venv)

    script = jedi.Script("".join(chunks), environment=jedi.InterpreterEnvironment())
    return {
        expr: sorted({
            n.full_name for n in script.infer(*position)
            if n.type == "instance" and n.full_name and not n.full_name.startswith("__main__.")
        })
        for expr, position in positions.items()
    }


def entry(recipe: Recipe, verdict: Verdict, probe: Optional[Verdict],
          names: list[str], keyword: Optional[Verdict] = None) -> dict[str, Any]:
    """One table entry: the recipe's verdict, refined by its probe; for an exception, what
    its keyword form (``keyword``) did."""
    outcome = "fails" if verdict.stage else "pickles"
    contents_probe = None
    if recipe.probe is not None:
        assert probe is not None
        if probe.runtime_type != verdict.runtime_type:
            raise GenerationError(
                f"{recipe.probe}: builds {probe.runtime_type}, not {verdict.runtime_type}"
            )
        contents_probe = {"recipe": recipe.probe, "error": probe.error, "fails_at": probe.stage}
        if outcome == "pickles" and probe.stage:
            outcome = "contents"
    return {
        "recipe": recipe.expr,
        "setup": recipe.setup,
        "runtime_type": verdict.runtime_type,
        "jedi_names": names,
        "outcome": outcome,
        "error": verdict.error,
        "fails_at": verdict.stage,
        "inheritance_only": bool(verdict.error and INHERITANCE.match(verdict.error)),
        "contents_probe": contents_probe,
        "keyword_probe": keyword and {
            "recipe": keyword_form(recipe.expr), "error": keyword.error,
            "fails_at": keyword.stage, "required": keyword.required,
        },
    }



def generate() -> list[dict[str, Any]]:
    """Every recipe's entry, sorted by runtime type then recipe.

    :data:`WORKERS` zygotes share the expressions; jedi runs after them, not alongside: its
    CPU-bound thread would hold the GIL the zygotes' threads need for every line they exchange.
    """
    verdicts = recipe_verdicts(PICKLE, keywords=True)
    names = jedi_names(RECIPES)
    entries = [
        entry(recipe, verdicts[recipe.expr], verdicts.get(recipe.probe or ""), names[recipe.expr],
              verdicts.get(keyword_form(recipe.expr) or ""))
        for recipe in RECIPES
    ]
    return sorted(entries, key=lambda e: (e["runtime_type"], e["recipe"]))


#: What a serializer's table records of a library type where it disagrees with pickle's.
DIFFERENCE_FIELDS = ("recipe", "runtime_type", "outcome", "error", "fails_at",
                     "inheritance_only", "contents_probe")


def _verdict_of(entry: dict[str, Any]) -> tuple[Any, ...]:
    """What two serializers can disagree on: not the runtime type's name (a library's imports
    can rename one: loky's ``ctypes.wintypes`` makes ``LP_c_int`` its own), nor what a probe
    holds (dill's are generators), only whether the probe failed."""
    probe = entry["contents_probe"]
    return (entry["outcome"], entry["error"], entry["fails_at"], entry["inheritance_only"],
            probe and probe["fails_at"])


def generate_serializer(serializer: Serializer,
                        standard: list[dict[str, Any]]) -> dict[str, Any]:
    """A serializer's table: every kind's verdict, and the standard recipes whose verdict
    differs from ``standard``'s (pickle's table), recorded whole (but under the standard table's
    runtime type, and without jedi's names: a reader has both there). Differences only: they
    are a few dozen of ~400 entries, and what a reader needs is where pickle's answer does not
    hold. Pickle's own table has none by definition."""
    kinds = in_zygotes(list(serializer.kinds), serializer, Zygote.judge_kind)
    found: list[dict[str, Any]] = []
    if serializer is not PICKLE:
        verdicts = recipe_verdicts(serializer)
        known = {e["recipe"]: e for e in standard}
        for recipe in serializer.recipes():
            base = known.get(recipe.expr)
            if base is None:
                raise GenerationError(f"{recipe.expr}: not in the standard table; regenerate it")
            new = entry(recipe, verdicts[recipe.expr], verdicts.get(recipe.probe or ""), [])
            new["runtime_type"] = base["runtime_type"]
            if _verdict_of(new) != _verdict_of(base):
                found.append({field: new[field] for field in DIFFERENCE_FIELDS})
    return {"kinds": kinds,
            "library_differences": sorted(found, key=lambda e: (e["runtime_type"], e["recipe"]))}


def _where() -> dict[str, str]:
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": sys.platform,
    }


def header() -> dict[str, str]:
    """Where the entries hold: they are this Python's and this jedi's answers."""
    import jedi

    return {
        "generated_by": COMMAND,
        **_where(),
        "jedi": jedi.__version__,
        "pickler": "multiprocessing.reduction.ForkingPickler.dumps, then pickle.loads",
    }


def serializer_header(serializer: Serializer) -> dict[str, Any]:
    """Where a serializer's table holds: this Python's, and these library versions'."""
    return {
        "generated_by": f"{COMMAND} --serializer {serializer.name}",
        **_where(),
        "serializer": serializer.name,
        "libraries": {name: importlib.metadata.version(name) for name in serializer.libraries},
        "setup": serializer.setup,
        "dumps": serializer.dumps,
        "loads": serializer.loads,
        "kinds_loaded_by": "a child of multiprocessing.get_context('spawn'), which imports the "
                           "script again as __mp_main__ before it loads",
        "library_differences": "the standard recipes whose entry differs from stdlib_pickle.json",
    }


def render(entries: list[dict[str, Any]], about: dict[str, str]) -> str:
    """The JSON text: the header first, then the entries with sorted keys, one field a line,
    so a regeneration diffs field by field."""
    return render_document({"header": about, "entries": entries})


def render_document(document: dict[str, Any]) -> str:
    """A table's JSON text, its parts in the order given, every object's keys sorted."""
    return json.dumps({part: _sorted_keys(value) for part, value in document.items()},
                      indent=1) + "\n"


def _sorted_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _sorted_keys(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted_keys(item) for item in value]
    return value


def differences(old: list[dict[str, Any]], new: list[dict[str, Any]],
                key: str = "recipe") -> list[str]:
    """Human-readable lines for the entries (identified by ``key``) that were added, removed or
    changed."""
    before = {e[key]: e for e in old}
    after = {e[key]: e for e in new}
    lines = []
    for name in sorted(before.keys() | after.keys()):
        if not _same(before.get(name), after.get(name)):
            lines.append(f"{name}:\n  table:  {json.dumps(before.get(name), sort_keys=True)}"
                         f"\n  python: {json.dumps(after.get(name), sort_keys=True)}")
    return lines


def serializer_differences(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """:func:`differences` for a serializer's table, kinds first."""
    return (differences(old["kinds"], new["kinds"], key="kind")
            + differences(old["library_differences"], new["library_differences"]))


def _same(old: Optional[dict[str, Any]], new: Optional[dict[str, Any]]) -> bool:
    """Whether two runs agree on an entry. Pickle's verdict must match exactly; jedi's names may
    come out as one set or a subset of it from run to run (an overloaded stub such as
    ``get_context()`` is not always expanded in full), which does not change the verdict."""
    if old is None or new is None:
        return old is new
    names = set(old.get("jedi_names", ())), set(new.get("jedi_names", ()))
    rest = ({k: v for k, v in e.items() if k != "jedi_names"} for e in (old, new))
    return next(rest) == next(rest) and (names[0] <= names[1] or names[1] <= names[0])


def stub_classes() -> dict[str, list[str]]:
    """Public classes typeshed declares (qualified), for each module some recipe imports; a
    package's own submodules count as the package."""
    import jedi

    stubs = Path(jedi.__file__).parent / "third_party" / "typeshed" / "stdlib"
    modules = {"builtins", "types"} | {
        line.split()[1] for recipe in RECIPES for line in recipe.setup.splitlines()
        if line.startswith("import ")
    }
    found: dict[str, list[str]] = {}
    for module in sorted(modules):
        base = stubs.joinpath(*module.split("."))
        if base.is_dir():
            files = {f"{module}.{p.stem}": p for p in base.glob("*.pyi")}
            files[module] = files.pop(f"{module}.__init__")
        else:
            files = {module: base.with_suffix(".pyi")}
        found[module] = sorted({
            f"{name}.{node.name}" for name, path in files.items() if path.exists()
            for node in _top_level(ast.parse(path.read_text()))
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_")
        })
    return found


def _top_level(tree: ast.Module) -> list[ast.stmt]:
    """Module-level statements, including those under ``if sys.version_info ...`` blocks."""
    pending, found = list(tree.body), []
    while pending:
        node = pending.pop()
        found.append(node)
        if isinstance(node, ast.If):
            pending.extend(node.body + node.orelse)
    return found


def coverage(entries: list[dict[str, Any]]) -> str:
    """Which of typeshed's public classes (exceptions aside) the table has a verdict for."""
    known = {name for e in entries for name in (e["runtime_type"], *e["jedi_names"])}
    lines, covered, total = [], 0, 0
    for module, classes in stub_classes().items():
        public = [c for c in classes if not c.endswith(("Error", "Warning", "Exception"))]
        missing = [c for c in public if c not in known]
        covered += len(public) - len(missing)
        total += len(public)
        lines.append(f"{module}: {len(public) - len(missing)}/{len(public)}"
                     + (f"; none for {', '.join(missing)}" if missing else ""))
    types = len({e["runtime_type"] for e in entries})
    lines.append(f"{covered}/{total} stub classes of these modules; {types} runtime types")
    return "\n".join(lines)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serializer", action="append", choices=list(SERIALIZERS),
                        metavar="NAME", help="a serializer's table instead of the standard one "
                        f"(repeatable; one of {', '.join(SERIALIZERS)})")
    parser.add_argument("--all", action="store_true",
                        help="the standard table and every installed serializer's")
    parser.add_argument("--check", action="store_true",
                        help="compare with the committed tables instead of writing them")
    parser.add_argument("--coverage", action="store_true",
                        help="also list typeshed's public classes that have no recipe")
    parser.add_argument("--print", action="store_true",
                        help="print the regenerated tables as JSON instead of writing them: the "
                        "standard entries (a list), or with serializers an object")
    args = parser.parse_args(argv)
    with_standard = args.all or not args.serializer
    chosen = [SERIALIZERS[name] for name in (SERIALIZERS if args.all else args.serializer or [])]
    skipped = {s.name: reason for s in chosen if (reason := s.missing())}
    for name, reason in skipped.items():
        print(f"{name}: skipped ({reason})", file=sys.stderr)
    try:
        entries = generate() if with_standard else None
        standard = entries if entries is not None else _committed(OUTPUT)["entries"]
        tables = {s.name: generate_serializer(s, standard) for s in chosen
                  if s.name not in skipped}
    except GenerationError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.coverage and entries is not None:
        print(coverage(entries))
    if args.print:
        if not args.serializer and not args.all:
            print(json.dumps(entries))
        else:
            print(json.dumps({"entries": entries, "serializers": tables, "skipped": skipped}))
        return 0
    changed = 0
    if entries is not None:
        changed += _write_or_check(OUTPUT, {"header": header(), "entries": entries}, args.check)
    for name, table in tables.items():
        serializer = SERIALIZERS[name]
        changed += _write_or_check(serializer.output(),
                                   {"header": serializer_header(serializer), **table}, args.check)
    return 1 if changed else 0


def _committed(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise SystemExit(f"error: no {path.relative_to(ROOT)}; generate it first: {COMMAND}")
    return json.loads(path.read_text())


def _write_or_check(path: Path, document: dict[str, Any], check: bool) -> int:
    """Write one table, or with ``check`` compare it with the committed one: 1 if it differs."""
    name, standard = path.relative_to(ROOT), "entries" in document
    size = (f"{len(document['entries'])} entries" if standard else
            f"{len(document['kinds'])} kinds, {len(document['library_differences'])} library "
            "differences")
    if not check:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_document(document))
        print(f"wrote {name}: {size}")
        return 0
    committed = json.loads(path.read_text()) if path.exists() else {
        "entries": [], "kinds": [], "library_differences": []}
    changed = (differences(committed["entries"], document["entries"]) if standard
               else serializer_differences(committed, document))
    if changed:
        print("\n".join(changed))
        print(f"{name}: {len(changed)} entries differ; regenerate with: "
              f"{document['header']['generated_by']}")
        return 1
    print(f"{name}: {size}, as this Python says")
    return 0


if __name__ == "__main__":
    sys.exit(main())

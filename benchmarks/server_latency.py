"""Language-server latency: edit → diagnostics, hover, cold start and memory over edits.

Drives ``python -m mp_lsp serve`` over real stdio with a minimal JSON-RPC client, on generated
files with ten sinks, and prints medians:

- first diagnostics after ``didOpen`` (cold: a fresh server);
- ``didChange`` → ``publishDiagnostics`` for that version, warm, on 1,000 and 10,000 lines,
  for two kinds of keystroke: in a function without sinks (most of the code; re-analysis reuses
  every sink's result) and in the function that holds a sink (its sink is inferred again);
- the same two keystrokes while the file does not parse (a call left open in a helper, as
  typing leaves it): in the broken statement, and in a sink's function elsewhere, with the count
  of diagnostics still published (all ten sinks' findings must survive the error);
- hover on a sink argument;
- the server's resident memory before and after 500 edits.

    python benchmarks/server_latency.py [--edits N]
    python benchmarks/server_latency.py --hostile   # pathological inputs, in one server
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Optional

SINK_BLOCK = """
def work_{i}(x):
    return x + {i}

def run_{i}(items):
    with mp.Pool(2) as pool:
        return pool.map(lambda v: v * {i}, items)
"""


def program(lines: int) -> str:
    """A module of about ``lines`` lines holding ten sinks (each with a lambda)."""
    head = "import multiprocessing as mp\n"
    sinks = "".join(SINK_BLOCK.format(i=i) for i in range(10))
    filler_count = max(lines - head.count("\n") - sinks.count("\n"), 0) // 3
    filler = "".join(
        f"def helper_{n}(a, b):\n    return a * b + {n}\n\n" for n in range(filler_count)
    )
    return head + filler + sinks


class Client:
    """Just enough LSP over stdio to time the server."""

    def __init__(self, root: Path, stderr: Any = subprocess.DEVNULL,
                 command: Optional[list[str]] = None) -> None:
        """Start a server (``command``; mp-lsp by default) in ``root`` and initialize it."""
        self.process = subprocess.Popen(
            command or [sys.executable, "-m", "mp_lsp", "serve"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, cwd=root,
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        #: Log messages from the server that hold a traceback.
        self.tracebacks = 0
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {
            "processId": os.getpid(), "rootUri": root.as_uri(),
            "capabilities": {"general": {"positionEncodings": ["utf-16"]}},
        })
        self.notify("initialized", {})

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            message = json.loads(stream.read(length))
            if message.get("method") in ("window/logMessage", "$/logTrace") and "Traceback" in (
                str(message.get("params"))
            ):
                self.tracebacks += 1
            self.messages.put(message)

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        self._send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)["result"]

    def wait(self, match: Any, timeout: float = 120.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            message = self.messages.get(timeout=max(deadline - time.monotonic(), 0.01))
            if match(message):
                return message

    def diagnostics_for(self, uri: str, version: int) -> dict[str, Any]:
        return self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                         and m["params"]["uri"] == uri and m["params"].get("version") == version)

    def rss_mib(self, field: str = "VmRSS") -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        line = next(x for x in status.splitlines() if x.startswith(field))
        return int(line.split()[1]) / 1024

    def close(self) -> None:
        self.request("shutdown", None)  # type: ignore[arg-type]
        self.notify("exit", None)  # type: ignore[arg-type]
        self.process.wait(timeout=10)


def edit(client: Client, uri: str, version: int, line: int, character: int) -> None:
    """Type one space at (line, character): a keystroke that keeps the program valid."""
    client.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": version},
        "contentChanges": [{"range": {"start": {"line": line, "character": character},
                                      "end": {"line": line, "character": character}},
                            "text": " "}],
    })


def typing_latencies(client: Client, uri: str, first_version: int, edits: int, line: int,
                     end: int) -> list[float]:
    """Seconds from each ``didChange`` to its diagnostics, typing at the end of ``line``."""
    latencies = []
    for count in range(edits):
        started = time.perf_counter()
        edit(client, uri, first_version + count, line, end + count)
        client.diagnostics_for(uri, first_version + count)
        latencies.append(time.perf_counter() - started)
    return latencies


def insert(client: Client, uri: str, version: int, line: int, character: int, text: str) -> None:
    client.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": version},
        "contentChanges": [{"range": {"start": {"line": line, "character": character},
                                      "end": {"line": line, "character": character}},
                            "text": text}],
    })


def broken_latencies(client: Client, uri: str, first_version: int, edits: int, line: int,
                     end: int, broken: tuple[int, int]) -> tuple[list[float], int]:
    """Like :func:`typing_latencies`, while the line ``broken`` (line, end) holds a call left
    open; returns the latencies and the fewest diagnostics any version got."""
    latencies = []
    fewest = 1_000_000
    for count in range(edits):
        version = first_version + count
        started = time.perf_counter()
        if (line, end) == broken:  # typing in the broken statement itself
            insert(client, uri, version, line, end + count, " ")
        else:
            edit(client, uri, version, line, end + count)
        published = client.diagnostics_for(uri, version)
        latencies.append(time.perf_counter() - started)
        fewest = min(fewest, len(published["params"]["diagnostics"]))
    return latencies, fewest


def measure(lines: int, edits: int) -> dict[str, Optional[float]]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        path = root / "main.py"
        text = program(lines)
        path.write_text(text)
        uri = path.as_uri()
        client = Client(root)
        started = time.perf_counter()
        client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "python", "version": 1, "text": text}})
        first = client.diagnostics_for(uri, 1)
        cold = time.perf_counter() - started
        found = len(first["params"]["diagnostics"])
        lines = text.splitlines()
        helper = next(i for i, t in enumerate(lines) if "return a * b" in t)
        elsewhere = typing_latencies(client, uri, 2, edits, helper, len(lines[helper]))
        sink = len(lines) - 1  # ``return pool.map(lambda ...)`` of the last sink function
        in_sink = typing_latencies(client, uri, 2 + edits, edits, sink, len(lines[sink]))
        # Break the file: a helper's line gets a call that stays open while it is typed.
        version = 2 + 2 * edits
        opened = " + max(a"
        helper_end = len(lines[helper]) + edits  # the spaces typed there before
        insert(client, uri, version, helper, helper_end, opened)
        client.diagnostics_for(uri, version)
        broken = (helper, helper_end + len(opened))
        in_broken, fewest_here = broken_latencies(
            client, uri, version + 1, edits, *broken, broken
        )
        sink_end = len(lines[sink]) + edits
        broken_sink, fewest_sink = broken_latencies(
            client, uri, version + 1 + edits, edits, sink, sink_end, broken
        )
        lambda_line = next(i for i, t in enumerate(text.splitlines()) if "lambda v" in t)
        column = text.splitlines()[lambda_line].index("lambda")
        hovers = []
        for _ in range(10):
            started = time.perf_counter()
            client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": {"line": lambda_line,
                                                               "character": column}})
            hovers.append(time.perf_counter() - started)
        client.close()
        return {"diagnostics": float(found), "cold": cold,
                "edit_elsewhere": statistics.median(elsewhere),
                "edit_in_sink": statistics.median(in_sink),
                "broken_here": statistics.median(in_broken),
                "broken_in_sink": statistics.median(broken_sink),
                "broken_diagnostics": float(min(fewest_here, fewest_sink)),
                "hover": statistics.median(hovers)}


def memory(edits: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        path = root / "main.py"
        text = program(1000)
        path.write_text(text)
        uri = path.as_uri()
        client = Client(root)
        client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "python", "version": 1, "text": text}})
        client.diagnostics_for(uri, 1)
        before = client.rss_mib()
        lines = text.splitlines()
        sink = len(lines) - 1
        for version in range(2, edits + 2):
            edit(client, uri, version, sink, len(lines[sink]) + version - 2)
            if version % 50 == 0:
                client.diagnostics_for(uri, version)
        client.diagnostics_for(uri, edits + 1)
        after = client.rss_mib()
        client.close()
        return before, after


#: The hostile inputs, each after a program with one sink: (name, text added).
HOSTILE = (
    ("a small file (the server's cold start)", ""),
    ("a 100,000-character line", "VALUES = [" + ", ".join(["1234567"] * 11_111) + "]\n"),
    ("a 100,000-character line, unclosed", "VALUES = [" + ", ".join(["1234567"] * 11_111) + "\n"),
    ("a 50,000-line file", "".join(f"def f{i}(x):\n    return x + {i}\n\n" for i in range(16_667))),
    ("a 50,000-line file, broken near its start",
     "def g(:\n" + "".join(f"def f{i}(x):\n    return x + {i}\n\n" for i in range(16_667))),
    ("a 5 MB file", "".join(f"value_{i} = [1, 2, 3, 'some text to make the line long enough']\n"
                            for i in range(5_000_000 // 60))),
)
HOSTILE_HEAD = """import multiprocessing as mp


def run(items):
    with mp.Pool() as pool:
        return pool.map(lambda v: v * 2, items)


"""


def hostile() -> int:
    """Open each hostile input in one server: seconds to its first diagnostics (or to the
    "not analysing" message), then a hover cancelled at once; the peak memory over all of
    them and whether the server wrote a traceback."""
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryFile() as errors:
        root = Path(tmp)
        client = Client(root, stderr=errors)
        for index, (name, tail) in enumerate(HOSTILE):
            text = HOSTILE_HEAD + tail
            uri = (root / f"hostile_{index}.py").as_uri()
            started = time.perf_counter()
            client.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "python", "version": 1, "text": text}})
            # A hover while the engine is busy with the file, cancelled at once.
            client.next_id += 1
            client._send({"jsonrpc": "2.0", "id": client.next_id, "method": "textDocument/hover",
                          "params": {"textDocument": {"uri": uri},
                                     "position": {"line": 5, "character": 30}}})
            client.notify("$/cancelRequest", {"id": client.next_id})
            message = client.wait(lambda m, uri=uri: (
                m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
                and m["params"].get("version") == 1
            ) or (m.get("method") == "window/logMessage" and uri.rsplit("/", 1)[1]
                  in m["params"]["message"] and "not analysing" in m["params"]["message"]))
            seconds = time.perf_counter() - started
            if message.get("method") == "window/logMessage":
                outcome = f"message: {message['params']['message'][:200]}"
            else:
                outcome = f"{len(message['params']['diagnostics'])} diagnostics"
            print(f"{name}: {seconds * 1000:.0f} ms to first diagnostics ({outcome}); "
                  f"RSS {client.rss_mib():.0f} MiB")
        peak = client.rss_mib("VmHWM")
        client.close()
        errors.seek(0)
        log = errors.read().decode("utf-8", "replace")
    print(f"peak RSS through the battery: {peak:.0f} MiB; tracebacks: "
          f"{log.count('Traceback')} on stderr, {client.tracebacks} in log messages")
    if "Traceback" in log:
        print(log[-3000:])
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--hostile", action="store_true",
                        help="the hostile inputs instead: long lines, long and big files")
    args = parser.parse_args()
    if args.hostile:
        return hostile()
    for lines in (1000, 10000):
        result = measure(lines, args.edits)
        print(f"{lines:>6} lines: {result['diagnostics']:.0f} diagnostics; cold first "
              f"diagnostics {result['cold'] * 1000:.0f} ms; edit → diagnostics median: "
              f"{result['edit_elsewhere'] * 1000:.0f} ms typing elsewhere, "
              f"{result['edit_in_sink'] * 1000:.0f} ms typing in a "
              f"sink's function; hover median {result['hover'] * 1000:.0f} ms")
        print(f"{'':>6}        not parsing: edit → diagnostics median "
              f"{result['broken_here'] * 1000:.0f} ms typing in the broken statement, "
              f"{result['broken_in_sink'] * 1000:.0f} ms typing in a sink's function; "
              f"at least {result['broken_diagnostics']:.0f} diagnostics every time")
    before, after = memory(500)
    print(f"memory over 500 edits (1,000 lines): {before:.1f} MiB → {after:.1f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

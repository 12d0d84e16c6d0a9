"""A small build runner executes each build step as a subprocess inside a ProcessPoolExecutor.
Its ``run_step`` helper raises ``subprocess.CalledProcessError`` itself when a step fails, with
keyword arguments (``returncode=..., cmd=..., output=..., stderr=...``). BaseException keeps only
positional arguments in ``args``, so the exception pickles in the worker as
``CalledProcessError()`` plus its __dict__, and rebuilding it in the parent fails (returncode and
cmd are required): the result reader dies and the pool is reported broken instead of the failed
step (the shape of https://github.com/cloudpipe/cloudpickle/issues/419)."""
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    name: str
    script: str


STEPS = [
    Step("configure", "print('checking for cc... yes')"),
    Step("compile", "print('cc -c main.c -o main.o')"),
    Step("link", "import sys; sys.stderr.write('ld: undefined symbol _pickle\\n'); sys.exit(2)"),
    Step("package", "print('tar czf dist.tgz main')"),
]


def run_step(step):
    proc = subprocess.run(
        [sys.executable, "-c", step.script],
        capture_output=True,
        text=True,
        timeout=30,
    )
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(
            returncode=proc.returncode,
            cmd=step.name,
            output=proc.stdout,
            stderr=proc.stderr,
        )
    return step.name, proc.stdout.strip()


def run_build(steps, workers=2):
    log = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        try:
            for name, output in pool.map(run_step, steps):
                log.append(f"[ok] {name}: {output}")
        except subprocess.CalledProcessError as exc:
            log.append(f"[failed] {exc.cmd} exited {exc.returncode}: {exc.stderr.strip()}")
            raise SystemExit("\n".join(log))
    return log


if __name__ == "__main__":
    for line in run_build(STEPS):
        print(line)

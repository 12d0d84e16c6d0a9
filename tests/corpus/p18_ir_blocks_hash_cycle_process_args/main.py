"""Compiler driver that runs an optimisation pass in a separate process.

Modelled on https://github.com/python/cpython/issues/124937 (raised by the vyper
compiler developers: "pickle.loads will crash with self-references inside a
custom hash function").

What fails: the IRFunction handed to Process(args=...) holds BasicBlocks that
point at each other through cfg_in / cfg_out *sets*, and BasicBlock.__hash__
reads self.label.  Pickling is fine, but while rebuilding, the unpickler fills a
set with a block whose state has not been restored yet, so hash() raises
AttributeError: 'BasicBlock' object has no attribute 'label' in the child (spawn,
forkserver).  With fork the arguments are inherited, not pickled.
"""
import multiprocessing
import sys

from ir import build_loop_function


def dead_store_pass(fn, out_queue):
    removed = 0
    for block in fn.blocks.values():
        kept = [ins for ins in block.instructions if ins[0] != "nop"]
        removed += len(block.instructions) - len(kept)
        block.instructions = kept
    sizes = {label: len(b.instructions) for label, b in fn.blocks.items()}
    preds = {label: sorted(p.label for p in b.cfg_in) for label, b in fn.blocks.items()}
    out_queue.put({"function": fn.name, "removed": removed, "sizes": sizes, "preds": preds})


def run_pass_isolated(fn):
    results = multiprocessing.Queue()
    worker = multiprocessing.Process(target=dead_store_pass, args=(fn, results), name="opt-pass")
    worker.start()
    worker.join(timeout=10)
    if worker.exitcode != 0:
        sys.exit(f"optimisation pass crashed (exit code {worker.exitcode})")
    return results.get(timeout=5)


def main():
    fn = build_loop_function()
    fn.block("loop").append("nop")
    report = run_pass_isolated(fn)
    print(report["function"], "removed", report["removed"], "instructions")
    for label, preds in report["preds"].items():
        print(f"  {label}: {report['sizes'][label]} instrs, preds={preds}")


if __name__ == "__main__":
    main()

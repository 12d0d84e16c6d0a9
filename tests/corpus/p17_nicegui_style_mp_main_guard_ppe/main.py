"""Thumbnail planner with the main guard NiceGUI tells you to write.

Modelled on https://github.com/zauberzeug/nicegui/issues/1540, where NiceGUI's
startup error tells users to replace `if __name__ == "__main__":` with
`if __name__ in {"__main__", "__mp_main__"}:` "to allow for multiprocessing".

What fails: the script is not a NiceGUI app any more, but the guard stayed.
With spawn (and forkserver) every child re-imports the main script under the
name "__mp_main__", so the guard is true in the child too and main() runs
again while the child is still bootstrapping.  Creating the nested
ProcessPoolExecutor's worker raises "RuntimeError: An attempt has been made to
start a new process before the current process has finished its bootstrapping
phase", the child exits, and the parent's pool.map raises BrokenProcessPool.
With fork the script is not re-imported, so it works.
"""
import math
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass


@dataclass(frozen=True)
class ImageJob:
    name: str
    width: int
    height: int


def plan_thumbnail(job, max_side=256):
    scale = max_side / max(job.width, job.height)
    if scale >= 1:
        return job.name, job.width, job.height
    return job.name, max(1, math.floor(job.width * scale)), max(1, math.floor(job.height * scale))


def main():
    jobs = [
        ImageJob("beach.jpg", 4032, 3024),
        ImageJob("logo.png", 200, 120),
        ImageJob("scan.tif", 2480, 3508),
        ImageJob("banner.webp", 1920, 480),
    ]
    with ProcessPoolExecutor(max_workers=2) as pool:
        for name, w, h in pool.map(plan_thumbnail, jobs):
            print(f"{name:<12} -> {w}x{h}")


if __name__ in {"__main__", "__mp_main__"}:
    main()

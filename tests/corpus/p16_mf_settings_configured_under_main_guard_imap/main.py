"""ASCII-art tile renderer: the output folder and tile size live in a settings module
(settings.py) that `main()` fills in with `settings.configure(...)`, called from inside the
`if __name__ == "__main__":` block, and the pool workers read `settings.OUTPUT_DIR` when they
write their tile.

Nothing is pickled wrongly here.  Under fork the workers are copies of the configured parent
and it works.  Under spawn and forkserver each worker imports settings.py afresh, configure()
never runs there, OUTPUT_DIR is still None and `os.path.join(None, ...)` raises TypeError in
the worker, which `imap_unordered` re-raises in the parent.

(the shape of https://github.com/karaketir16/file2video/issues/4: module-level globals set
by the parent before the Pool is created are None in spawned workers)
"""

import math
import os
import tempfile
from multiprocessing import Pool

import settings


def mandelbrot_value(cx, cy, limit=30):
    z = complex(0, 0)
    c = complex(cx, cy)
    for i in range(limit):
        z = z * z + c
        if abs(z) > 2:
            return i / limit
    return 1.0


def render_tile(tile):
    row, col = tile
    size = settings.TILE_SIZE
    palette = settings.PALETTE
    lines = []
    for y in range(size):
        chars = []
        for x in range(size):
            cx = -2.0 + 2.5 * (col * size + x) / (4 * size)
            cy = -1.25 + 2.5 * (row * size + y) / (4 * size)
            v = mandelbrot_value(cx, cy)
            chars.append(palette[min(int(v * len(palette)), len(palette) - 1)])
        lines.append("".join(chars))
    path = os.path.join(settings.OUTPUT_DIR, f"tile_{row}_{col}.txt")
    with open(path, "w") as fh:
        fh.write("\n".join(lines))
    return path


def main():
    with tempfile.TemporaryDirectory(prefix="tiles-") as out:
        settings.configure(out, tile_size=8, verbose=True)
        tiles = [(r, c) for r in range(4) for c in range(4)]
        with Pool(4) as pool:
            written = sorted(pool.imap_unordered(render_tile, tiles))
        print(f"{len(written)} tiles written; ~{math.ceil(len(written) / 4)} per worker")
        with open(written[5]) as fh:
            print(fh.read())


if __name__ == "__main__":
    main()

"""A resize tool builds its ArgumentParser inside ``build_parser()`` with lambda converters
(``type=lambda s: int(s.rstrip('%')) / 100``) and ``type=pathlib.Path``, then submits
``(args, chunk)`` to a ProcessPoolExecutor. ArgumentParser objects do not pickle (a local function
in their registry), but only the parsed ``argparse.Namespace`` is sent: it holds plain floats,
ints, strings and a Path, the lambdas ran in the parent, and this program works under every start
method (modelled on https://github.com/python/cpython/issues/144782)."""
import argparse
import pathlib
import tempfile
from concurrent.futures import ProcessPoolExecutor


def build_parser():
    parser = argparse.ArgumentParser(prog="resize")
    parser.add_argument("--scale", type=lambda s: int(s.rstrip("%")) / 100, default=1.0)
    parser.add_argument("--size", type=lambda s: tuple(int(v) for v in s.split("x")))
    parser.add_argument("--out", type=pathlib.Path, required=True)
    parser.add_argument("--format", choices=["png", "jpg"], default="png")
    parser.add_argument("--workers", type=int, default=2)
    return parser


def resize_chunk(args, names):
    width, height = args.size
    w, h = round(width * args.scale), round(height * args.scale)
    written = []
    for name in names:
        target = args.out / f"{name}_{w}x{h}.{args.format}"
        target.write_text(f"{name} scaled to {w}x{h}\n")
        written.append(target.name)
    return written


def chunks(items, size):
    return [items[i:i + size] for i in range(0, len(items), size)]


def main(argv):
    args = build_parser().parse_args(argv)
    images = [f"img{i:02d}" for i in range(7)]
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        futures = [pool.submit(resize_chunk, args, chunk) for chunk in chunks(images, 3)]
        written = [name for future in futures for name in future.result()]
    return args, written


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as out:
        args, written = main(["--scale", "50%", "--size", "640x480", "--out", out])
        print(f"scale={args.scale} size={args.size} out is a {type(args.out).__name__}")
        for name in written:
            print(" ", name)

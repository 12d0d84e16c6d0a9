"""Render thumbnails in a child process, with colours from an Enum palette.

Modelled on https://github.com/pex-tool/pex/pull/2597 ("Fix `Enum.Value`
identity under pickling"): members whose values are instances of a small class
without __eq__.

What happens: the palette member travels in Process(args=...).
"""
import enum
import multiprocessing


class RGB:
    def __init__(self, r, g, b):
        self.r, self.g, self.b = r, g, b

    def hex(self):
        return f"#{self.r:02x}{self.g:02x}{self.b:02x}"


class Palette(enum.Enum):
    BACKGROUND = RGB(250, 250, 250)
    ACCENT = RGB(220, 40, 60)


def render(name, colour):
    print(f"{name} on {colour.value.hex()} ({colour.name})")


if __name__ == "__main__":
    child = multiprocessing.Process(target=render, args=("cover.png", Palette.ACCENT))
    child.start()
    child.join()
    raise SystemExit(child.exitcode)

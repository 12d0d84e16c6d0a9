"""Resize thumbnails concurrently, with the target size captured in a closure.

Expected: MP002 (error) — the nested function `resize` is sent to ProcessPoolExecutor.submit.
"""

from concurrent.futures import ProcessPoolExecutor, as_completed


def make_resizer(width, height):
    def resize(name):
        # Stand-in for real image work.
        return f"{name} -> {width}x{height}"

    return resize


def main():
    names = ["cat.png", "dog.png", "owl.png"]
    resize = make_resizer(128, 128)
    with ProcessPoolExecutor() as executor:
        futures = [executor.submit(resize, name) for name in names]
        for future in as_completed(futures):
            print(future.result())


if __name__ == "__main__":
    main()

"""Map str.upper (a method descriptor) over names (fine)."""
from concurrent.futures import ProcessPoolExecutor

if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(str.upper, ["ann", "bo"])))

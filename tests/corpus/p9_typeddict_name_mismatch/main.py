"""A functional TypedDict whose declared name differs from its variable; instances go to Pool."""
from multiprocessing import Pool
from typing import TypedDict

Movie = TypedDict("Film", {"title": str, "year": int})


def decade(movie):
    return movie["year"] // 10 * 10


if __name__ == "__main__":
    movies = [Movie(title="Alien", year=1979), Movie(title="Heat", year=1995)]
    with Pool(2) as pool:
        print(pool.map(decade, movies))

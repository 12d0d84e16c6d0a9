"""main() is called unguarded at the bottom, but it explicitly uses the fork context."""
import multiprocessing as mp


def crunch(n):
    return sum(range(n))


def main():
    with mp.get_context("fork").Pool(2) as pool:
        print(pool.map(crunch, [10, 100]))


main()

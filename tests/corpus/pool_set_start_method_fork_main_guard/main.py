"""set_start_method('fork') makes guard-defined functions usable (fine)."""
import multiprocessing as mp

if __name__ == "__main__":
    mp.set_start_method("fork")

    def word_count(text):
        return len(text.split())

    with mp.Pool(2) as pool:
        print(pool.map(word_count, ["a b c", "d e", "f"]))

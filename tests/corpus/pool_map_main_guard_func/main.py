"""Worker defined inside the main guard; workers cannot find it when re-importing main."""
from multiprocessing import Pool

if __name__ == "__main__":

    def grade(score):
        return "pass" if score >= 50 else "fail"

    with Pool(2) as pool:
        print(pool.map(grade, [35, 70, 90]))

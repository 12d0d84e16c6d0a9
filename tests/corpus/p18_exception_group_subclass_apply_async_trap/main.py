"""CSV import job: validate batches in a Pool and report every bad row.

Modelled on https://github.com/qdrant/vector-db-benchmark/pull/335 ("unmask
worker exceptions that fail to pickle across multiprocessing": an exception
raised in a pool worker that cannot be pickled surfaces only as an opaque
MaybeEncodingError).

Why this works (trap): the worker raises a BatchValidationError, a subclass of
ExceptionGroup that adds no __init__/__new__, wrapping plain KeyError/ValueError
subclasses.  BaseException pickling rebuilds it as
BatchValidationError(message, [exceptions]), exactly the constructor signature,
and every leaf exception is itself picklable, so apply_async(...).get()
re-raises the whole group in the parent where `except*` can split it.
"""
import multiprocessing

from validation import MissingField, validate_batch

ROWS = [
    {"email": "Alice@Example.com", "age": "31"},
    {"email": "bob.example.com", "age": "40"},
    {"name": "carol"},
    {"email": "dave@example.com", "age": "-3"},
    {"email": "erin@example.com", "age": "27"},
    {"email": "frank@example.com", "age": "52"},
]


def batches(rows, size):
    numbered = list(enumerate(rows, start=2))  # line 1 is the CSV header
    return [numbered[i:i + size] for i in range(0, len(numbered), size)]


def main():
    imported, problems = [], []
    with multiprocessing.Pool(2) as pool:
        pending = [pool.apply_async(validate_batch, (i, b)) for i, b in enumerate(batches(ROWS, 2))]
        for result in pending:
            try:
                imported.extend(result.get(timeout=10))
            except* MissingField as group:
                problems.extend(f"missing {e.args[0]}" for e in group.exceptions)
            except* ValueError as group:
                problems.extend(str(e) for e in group.exceptions)
    print(f"imported {len(imported)} rows")
    for line in problems:
        print("  rejected:", line)


if __name__ == "__main__":
    main()

"""Validation workers return (not raise) an error object per bad record, built with keyword
arguments; the exception class sets its fields and never calls Exception.__init__ (the shape
of https://github.com/python/cpython/issues/120810)."""
from concurrent.futures import ProcessPoolExecutor


class ValidationError(Exception):
    field: str
    value: object

    def __init__(self, field, value):
        self.field = field
        self.value = value

    def __str__(self):
        return f"invalid {self.field}: {self.value!r}"


def validate(record):
    if not isinstance(record.get("age"), int):
        return ValidationError(field="age", value=record.get("age"))
    if "@" not in record.get("email", ""):
        return ValidationError(field="email", value=record.get("email"))
    return None


if __name__ == "__main__":
    records = [
        {"age": 31, "email": "ana@example.org"},
        {"age": "thirty", "email": "bo@example.org"},
        {"age": 40, "email": "nobody"},
    ]
    with ProcessPoolExecutor(max_workers=2) as pool:
        problems = [p for p in pool.map(validate, records) if p is not None]
    for problem in problems:
        print(problem)

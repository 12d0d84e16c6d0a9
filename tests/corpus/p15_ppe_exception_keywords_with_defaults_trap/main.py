"""Validation workers return an error object built with keyword arguments, like
https://github.com/python/cpython/issues/120810, but every parameter of __init__ has a
default: the rebuilt ValidationError() is called with nothing and succeeds, and the fields
come back with the instance's __dict__."""
from concurrent.futures import ProcessPoolExecutor


class ValidationError(Exception):
    def __init__(self, field=None, value=None):
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

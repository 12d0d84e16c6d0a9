"""workers.validate raises errors.ValidationError(field, value) for a bad record."""
from concurrent.futures import ProcessPoolExecutor

from errors import ValidationError
from workers import validate

if __name__ == "__main__":
    records = [{"name": "ann", "age": 30}, {"name": "bo", "age": -1}]
    with ProcessPoolExecutor(max_workers=1) as ex:
        try:
            print(list(ex.map(validate, records)))
        except ValidationError as exc:
            print("invalid field:", exc.field)

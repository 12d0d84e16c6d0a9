"""Row validation for the import job.  All problems in a batch are reported
together as one exception group instead of stopping at the first bad row."""


class BatchValidationError(ExceptionGroup):
    """Raised with every row-level error found in one batch."""


class MissingField(KeyError):
    pass


def validate_row(lineno, row):
    if "email" not in row:
        raise MissingField(f"line {lineno}: email")
    if "@" not in row["email"]:
        raise ValueError(f"line {lineno}: bad email {row['email']!r}")
    if int(row.get("age", 0)) < 0:
        raise ValueError(f"line {lineno}: negative age")
    return {"email": row["email"].lower(), "age": int(row.get("age", 0))}


def validate_batch(batch_id, rows):
    good, errors = [], []
    for lineno, row in rows:
        try:
            good.append(validate_row(lineno, row))
        except (KeyError, ValueError) as exc:
            errors.append(exc)
    if errors:
        raise BatchValidationError(f"batch {batch_id}: {len(errors)} invalid rows", errors)
    return good

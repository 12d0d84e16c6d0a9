def make_record_type(*fields):
    class Record:
        __slots__ = fields

        def __init__(self, *values):
            for f, v in zip(fields, values):
                setattr(self, f, v)

    return Record

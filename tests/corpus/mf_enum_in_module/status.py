import enum


class Status(enum.Enum):
    NEW = "new"
    DONE = "done"

"""A settings class computes a lookup table when the class body runs (on import) with a process pool."""
import features


class Settings:
    TABLE = features.build_table(range(6))
    SCALE = 2


print(sorted(Settings.TABLE.items()))

"""What the engine knows about Python, pickle and the process APIs, kept as data in one place.

- :mod:`.sinks`: which calls send which values to another process, and when;
- :mod:`.pickling`: how pickle treats functions, classes and the methods that customise it;
- :mod:`.python`: builtins and methods whose effect on a value inference must follow;
- :mod:`.type_table`: library types that refuse to be pickled.

Code modules read these tables; none of them keeps a private list of names of its own.
"""

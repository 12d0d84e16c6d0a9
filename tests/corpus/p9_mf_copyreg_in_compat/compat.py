"""Make open text files picklable by reopening them by name."""
import copyreg
import io

copyreg.pickle(io.TextIOWrapper, lambda f: (open, (f.name, f.mode)))

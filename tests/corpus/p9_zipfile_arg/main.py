"""An open zipfile.ZipFile is shared with workers that each extract one member."""
import io
import zipfile
from multiprocessing import Pool


def member_size(args):
    zf, name = args
    return name, len(zf.read(name))


if __name__ == "__main__":
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as w:
        w.writestr("a.txt", "alpha")
        w.writestr("b.txt", "beta!!")
    zf = zipfile.ZipFile(buf)
    with Pool(2) as pool:
        print(pool.map(member_size, [(zf, n) for n in zf.namelist()]))

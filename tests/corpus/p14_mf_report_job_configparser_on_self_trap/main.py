"""A report generator (reportjob.py) reads an INI file into a ``configparser.ConfigParser`` with
ExtendedInterpolation and a custom ``getlist`` converter, keeps the parser on self, and renders
every section in a Pool with ``pool.map(job.render, job.sections())``. A parser object with
interpolation and converters looks like something that would not cross a process boundary, but
ConfigParser pickles (its converters are module-level functions and its section proxies point
back at it), so this program works under every start method (modelled on
https://github.com/nose-devs/nose/issues/702, where a config object is pickled to the worker
processes)."""
import multiprocessing
import os
import tempfile

from reportjob import ReportJob

INI = """\
[DEFAULT]
out_dir = {out}
currency = EUR

[sales]
title = Sales by region
columns = region, units, revenue
output = ${{out_dir}}/sales.txt

[stock]
title = Stock levels
columns = sku, on_hand
output = ${{out_dir}}/stock.txt
currency = USD
"""


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        ini_path = os.path.join(tmp, "reports.ini")
        with open(ini_path, "w") as fh:
            fh.write(INI.format(out=tmp))
        job = ReportJob(ini_path)
        with multiprocessing.Pool(2) as pool:
            outputs = pool.map(job.render, job.sections())
        for path in outputs:
            with open(path) as fh:
                print(fh.read().rstrip())
        print(f"{len(outputs)} reports written to {os.path.basename(tmp)}")

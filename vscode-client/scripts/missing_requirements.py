"""Print the requirements that a `pip install --target DIR` is missing on an older Python.

    python missing_requirements.py DIR 3.9

pip's `--python-version` picks wheels and checks Requires-Python for that version, but it
evaluates environment markers (`tomli; python_version < "3.11"`) for the Python running pip.
This reads the metadata of every distribution in DIR, evaluates each requirement's marker for
the given version, and prints (one a line) those whose distribution is not in DIR.
"""

import re
import sys
from email.parser import Parser
from pathlib import Path

try:
    from packaging.markers import default_environment
    from packaging.requirements import Requirement
except ImportError:  # pip vendors it
    from pip._vendor.packaging.markers import default_environment
    from pip._vendor.packaging.requirements import Requirement


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def main() -> int:
    target, version = Path(sys.argv[1]), sys.argv[2]
    environment = default_environment()
    environment.update(python_version=version, python_full_version=f"{version}.0", extra="")
    installed = {}
    for dist_info in target.glob("*.dist-info"):
        metadata = Parser().parsestr((dist_info / "METADATA").read_text(encoding="utf-8"))
        installed[normalise(metadata["Name"])] = metadata.get_all("Requires-Dist") or []
    missing = set()
    for requirements in installed.values():
        for line in requirements:
            requirement = Requirement(line)
            if requirement.marker is not None and not requirement.marker.evaluate(environment):
                continue
            if normalise(requirement.name) not in installed:
                missing.add(str(requirement).split(";")[0].strip())
    for requirement in sorted(missing):
        print(requirement)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Render plain-text reports described by the sections of an INI file."""
import configparser


def split_list(value):
    return [item.strip() for item in value.split(",") if item.strip()]


class ReportJob:
    def __init__(self, ini_path):
        self.ini_path = ini_path
        self.config = configparser.ConfigParser(
            interpolation=configparser.ExtendedInterpolation(),
            converters={"list": split_list},
        )
        self.config.read(ini_path)
        self.rendered = 0

    def sections(self):
        return self.config.sections()

    def render(self, section_name):
        section = self.config[section_name]
        columns = section.getlist("columns")
        header = " | ".join(f"{c:>8}" for c in columns)
        rows = [
            " | ".join(f"{(i + 1) * (j + 2):>8}" for j in range(len(columns)))
            for i in range(3)
        ]
        text = "\n".join(
            [f"{section['title']} ({section['currency']})", header, *rows]
        )
        with open(section["output"], "w") as fh:
            fh.write(text + "\n")
        self.rendered += 1
        return section["output"]

"""A Pipeline (pipeline.py) stores the transform it is given and maps self.transform; main gives a lambda."""
from pipeline import Pipeline

if __name__ == "__main__":
    p = Pipeline(transform=lambda s: s.strip().title())
    print(p.run([" ann ", "bo  "]))

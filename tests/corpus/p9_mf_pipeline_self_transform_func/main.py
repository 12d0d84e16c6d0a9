"""A Pipeline (pipeline.py) stores the transform it is given; main gives a function from transforms.py."""
from pipeline import Pipeline
from transforms import title_case

if __name__ == "__main__":
    p = Pipeline(transform=title_case)
    print(p.run([" ann ", "bo  "]))

"""main.py calls pipeline.run() under the main guard (fine)."""
import pipeline

if __name__ == "__main__":
    print(pipeline.run([{"name": " ann "}, {"name": "bo "}]))

"""main.py calls pipeline.run() at module level, without a main guard."""
import pipeline

print(pipeline.run([{"name": " ann "}, {"name": "bo "}]))

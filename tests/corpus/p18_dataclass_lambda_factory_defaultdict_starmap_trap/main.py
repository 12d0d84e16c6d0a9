"""Preprocessing job: scan corpus shards in a Pool and merge their statistics.

Modelled on https://github.com/lsst/daf_butler/pull/844 ("Avoid defaultdict with
lambda in pickled dataclasses": a dataclass field built with defaultdict and a
lambda broke pickling when the records were sent between processes).

Why this works (trap): the lambdas here are only the dataclass *default
factories*; they live on the ShardStats class (in its __init__ defaults and
__dataclass_fields__), never in an instance.  Each instance holds
defaultdict(int) / defaultdict(list), whose factories are builtins, so the
ShardStats objects sent to starmap and returned from it pickle by value under
every start method.
"""
import multiprocessing

from stats import ShardStats

VOCAB = {"the", "a", "of", "model", "data", "training", "is", "on", "and", "to"}

SHARDS = {
    "shard-000": ["the model is training on data", "a tokenizer of sorts", "data and more data"],
    "shard-001": ["the quick brown fox", "training data is noisy", "to be or not to be"],
    "shard-002": ["zebra crossings of the city", "a model of a model", "idempotent operations"],
    "shard-003": ["the end", "spectral clustering on graphs", "and so on"],
}


def scan_shard(empty_stats, documents):
    for i, text in enumerate(documents):
        empty_stats.add_document(f"{empty_stats.shard}/{i}", text, VOCAB)
    return empty_stats


def main():
    jobs = [(ShardStats(name), docs) for name, docs in SHARDS.items()]
    with multiprocessing.Pool(2) as pool:
        partials = pool.starmap(scan_shard, jobs, chunksize=2)
    total = ShardStats("all")
    for part in partials:
        total.merge(part)
    print(f"{total.documents} documents, {total.tokens} tokens")
    print("length histogram:", dict(sorted(total.by_length.items())))
    rare = sorted(total.rare, key=lambda w: (-len(total.rare[w]), w))[:5]
    print("top rare words:", rare)


if __name__ == "__main__":
    main()

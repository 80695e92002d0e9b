"""The one embedding cache: embeds each missing text once, keeps the most recently used, drops the oldest."""
import numpy as np

from assistant.vector_cache import VectorCache


class Counting:
    def __init__(self):
        self.calls: list[list[str]] = []

    def __call__(self, texts):
        self.calls.append(list(texts))
        return np.array([[float(len(t)), float(ord(t[0]))] for t in texts], dtype=np.float32)


def test_embeds_each_missing_text_once_and_keeps_the_order():
    embed = Counting()
    cache = VectorCache(embed, size=10)
    rows = cache.vectors(["bb", "a", "bb"])
    assert embed.calls == [["bb", "a"]]
    assert rows.tolist() == [[2.0, 98.0], [1.0, 97.0], [2.0, 98.0]]
    cache.vectors(["a", "ccc"])
    assert embed.calls[-1] == ["ccc"] and len(cache) == 3


def test_a_hit_is_recent_so_the_least_recently_used_goes_first():
    embed = Counting()
    cache = VectorCache(embed, size=2)
    cache.vectors(["a"])
    cache.vectors(["b"])
    cache.vectors(["a"])  # a hit: "b" is now the least recently used (a FIFO would drop "a")
    cache.vectors(["c"])
    assert "a" in cache and "b" not in cache and "c" in cache
    cache.vectors(["a"])
    assert embed.calls == [["a"], ["b"], ["c"]]

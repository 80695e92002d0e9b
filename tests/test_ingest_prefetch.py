"""The ingest's read-ahead (ingest._prefetched): results in order, and a "wait" only for a file that is slow."""
import threading

from assistant.ingest import _prefetched


def test_ready_files_come_in_order_without_a_wait_within_the_grace():
    out = list(_prefetched(lambda x: x * 10, list(range(8)), ahead=2, grace=5.0))
    assert out == [x * 10 for x in range(8)]


def test_a_slow_file_yields_a_wait_first_so_the_held_chunks_can_be_embedded():
    release = threading.Event()

    def work(x):
        if x == 2:
            release.wait(10)  # a long PDF being read
        return x

    out = []
    for item in _prefetched(work, [0, 1, 2, 3], ahead=2, grace=0.05):
        out.append(item)
        if item == ("wait", None):
            release.set()
    assert out == [0, 1, ("wait", None), 2, 3]


def test_without_a_grace_a_result_not_yet_done_is_a_wait():
    release = threading.Event()
    gen = _prefetched(lambda x: release.wait(10) and x, [1, 2], ahead=1)
    assert next(gen) == ("wait", None)
    release.set()
    assert list(gen) == [1, 2]

"""The page cache's store: bounded, with a time limit, and one render per missing page at a time."""

import threading
import time

from portal.pagecache import Entry, PageCache


def _entry(body: str = "x") -> Entry:
    return Entry(body, 0, (), time.monotonic())


def test_the_oldest_page_goes_when_the_cache_is_full():
    cache = PageCache(size=2, seconds=60)
    for name in ("a", "b", "c"):
        cache.put((name,), _entry(name))
    assert cache.get(("a",)) is None and cache.get(("c",)).body == "c"


def test_a_page_older_than_the_time_limit_is_not_served():
    cache = PageCache(size=10, seconds=60)
    cache.put(("old",), Entry("old", 0, (), time.monotonic() - 61))
    assert cache.get(("old",)) is None


def test_while_one_thread_renders_a_page_another_waits_for_it():
    cache, order = PageCache(size=10, seconds=60), []
    started = threading.Event()

    def render():
        with cache.single_flight(("k",)):
            started.set()
            time.sleep(0.2)
            order.append("rendered")

    def wait():
        started.wait()
        with cache.single_flight(("k",)):
            order.append("waited")

    threads = [threading.Thread(target=render), threading.Thread(target=wait)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert order == ["rendered", "waited"] and cache.rendering == {}

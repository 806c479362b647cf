import gc
import weakref

from jamlik.base.memory import collected_after


class Node:
    """An object in a reference cycle: only the cyclic collector frees it."""

    def __init__(self):
        self.me = self


def test_the_collector_rests_in_the_block_and_frees_its_cycles_after_it():
    with collected_after():
        assert not gc.isenabled()
        node = Node()
        gone = weakref.ref(node)
        del node
        assert gone() is not None  # nothing collected while the block runs
    assert gc.isenabled() and gone() is None


def test_as_a_decorator_the_collection_comes_after_the_function_let_go_of_its_locals():
    @collected_after()
    def build():
        graph = [Node() for _ in range(1000)]
        return weakref.ref(graph[0])

    assert build()() is None and gc.isenabled()


def test_a_collector_paused_by_someone_else_stays_paused():
    gc.disable()
    try:
        with collected_after():
            with collected_after():  # nested: the outer block collects
                pass
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_error_in_the_block_still_restarts_the_collector():
    try:
        with collected_after():
            raise ValueError
    except ValueError:
        pass
    assert gc.isenabled()

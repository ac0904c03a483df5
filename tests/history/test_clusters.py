"""history/clusters.py: links joined strongest first, at most one entry of each list per entity."""

from __future__ import annotations

from listwatch.history.clusters import Edge, cluster


def test_a_chain_through_another_list_does_not_merge_two_entries_of_one_list() -> None:
    # un:a ~ us:x (0.95) and us:x ~ un:b (0.90): un:a and un:b are two designations of the UN.
    result = cluster([Edge("un:b", "us:x", "score", 0.90), Edge("un:a", "us:x", "score", 0.95)])
    assert result.group_of("un:a") == result.group_of("us:x")
    assert result.group_of("un:b") == "un:b"
    [refused] = result.held_apart
    assert refused.edge.pair == ("un:b", "us:x")
    assert (refused.list_id, refused.ours, refused.theirs) == ("un", "un:a", "un:b")


def test_a_persons_accept_and_a_reference_outrank_a_better_score() -> None:
    edges = [
        Edge("un:a", "us:x", "score", 0.99),
        Edge("un:b", "us:x", "person", None),
        Edge("gb:1", "un:a", "score", 0.99),
        Edge("gb:1", "un:c", "reference", None),
    ]
    result = cluster(edges)
    assert result.group_of("us:x") == result.group_of("un:b")
    assert result.group_of("gb:1") == result.group_of("un:c")
    assert result.group_of("un:a") == "un:a"
    assert {h.edge.pair for h in result.held_apart} == {("un:a", "us:x"), ("gb:1", "un:a")}


def test_the_groups_do_not_depend_on_the_order_links_come_in() -> None:
    edges = [
        Edge("eu:1", "un:a", "score", 0.9),
        Edge("eu:1", "us:x", "score", 0.9),
        Edge("un:a", "us:y", "score", 0.9),
        Edge("us:x", "gb:2", "identifier", 0.7),
        Edge("gb:2", "un:b", "score", 0.88),
    ]
    first = cluster(edges)
    second = cluster(list(reversed(edges)))
    assert first.members() == second.members()
    for ids in first.members().values():
        lists = [x.split(":")[0] for x in ids]
        assert len(lists) == len(set(lists))

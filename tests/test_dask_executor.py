"""The Dask executor on a LocalCluster of two worker processes gives the single-process ledger."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.batch import extract_paths
from pipeline.dask_executor import extract_paths_dask, split
from pipeline.extract import Extractor
from pipeline.ledger import ledger_text

ANNOTATED = Path(__file__).resolve().parents[1] / "corpora" / "annotated"
META_KEYS = ("filer", "doc_kind", "doc_date", "source_url", "lang")

# items, count, expected parts
SPLITS = [
    ([1, 2, 3, 4, 5], 2, [[1, 2, 3], [4, 5]]),
    ([1, 2, 3], 5, [[1], [2], [3]]),
    ([1, 2, 3, 4], 1, [[1, 2, 3, 4]]),
    ([1, 2, 3, 4, 5, 6, 7], 3, [[1, 2, 3], [4, 5], [6, 7]]),
    ([1], 0, [[1]]),
]


@pytest.mark.parametrize("items, count, parts", SPLITS)
def test_split_keeps_order_and_balance(items, count, parts):
    assert split(items, count) == parts


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Gold documents of both languages with their sidecars, and one file that fails."""
    folder = tmp_path_factory.mktemp("corpus")
    counts = {"en": 0, "zh": 0}
    for line in (ANNOTATED / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        if counts[gold["lang"]] >= 10:
            continue
        counts[gold["lang"]] += 1
        (folder / f"{gold['doc_id']}.txt").write_text(
            (ANNOTATED / "docs" / f"{gold['doc_id']}.txt").read_text(encoding="utf-8"), encoding="utf-8")
        meta = {k: gold[k] for k in META_KEYS if gold.get(k) is not None}
        (folder / f"{gold['doc_id']}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    (folder / "empty.txt").write_text("   \n")
    return folder


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as dask_client:
        yield dask_client


@pytest.mark.parametrize("partitions", [None, 3, 100])
def test_ledger_equals_the_single_process_one(corpus, client, partitions):
    sequential = extract_paths([corpus], extractor=Extractor())
    result = extract_paths_dask([corpus], client=client, partitions=partitions)
    assert len(sequential.events) > 10
    assert ledger_text(result.events) == ledger_text(sequential.events)
    assert result.failures == sequential.failures and len(result.failures) == 1
    assert result.documents == sequential.documents == 20


def test_each_worker_builds_its_extractor_once(corpus, client):
    extract_paths_dask([corpus], client=client, partitions=6)
    first = client.run(_extractors_held)
    extract_paths_dask([corpus], client=client, partitions=6)
    assert len(first) == 2
    assert all(len(held) == 1 for held in first.values())
    assert client.run(_extractors_held) == first  # the same objects: nothing was rebuilt


def _extractors_held() -> list[tuple[str, int]]:
    from pipeline import dask_executor

    return [(version, id(extractor)) for version, extractor in dask_executor._extractors.items()]


def test_an_empty_folder_needs_no_cluster(tmp_path):
    assert extract_paths_dask([tmp_path], scheduler="tcp://192.0.2.1:1").documents == 0

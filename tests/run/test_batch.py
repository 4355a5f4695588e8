"""Batch runs: order, workers, bad inputs, time limits, resumable atomic output."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from powfacts.run import local
from powfacts.run.batch import extract_batch
from powfacts.run.local import LocalEngine
from powfacts.run.work import DocResult, Options, inspect, process
from powfacts.run.writers import JournaledOutput

ROOT = Path(__file__).resolve().parents[2]
STORY = "On 6 May 2025, Ukraine returned {n} prisoners of war home.\n\nThe swap was the {k}th exchange.\n"


def write_corpus(folder: Path, count: int = 6) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"doc{i:02d}.txt").write_text(STORY.format(n=100 + i, k=50 + i), encoding="utf-8")
    return sorted(str(p) for p in folder.glob("*.txt"))


def jsonl(paths: list[str], workers: int = 1, **kwargs) -> str:
    sink = io.StringIO()
    extract_batch(paths, kwargs.pop("options", Options()), sink, LocalEngine(workers), **kwargs)
    return sink.getvalue()


def test_two_workers_write_the_same_bytes_as_one(tmp_path):
    paths = write_corpus(tmp_path / "docs")
    one = jsonl(paths, workers=1)
    two = jsonl(paths, workers=2)
    assert one == two
    assert [json.loads(line)["source"]["path"] for line in one.splitlines()][::2] == paths


def test_records_of_each_document_stay_together_in_path_order(tmp_path):
    paths = write_corpus(tmp_path / "docs", count=3)
    records = [json.loads(line) for line in jsonl(paths, workers=2).splitlines()]
    keys = [(r["source"]["path"], r["figure"]["start"]) for r in records]
    assert keys == sorted(keys)


@pytest.mark.parametrize(
    "make, reason",
    [
        (lambda p: p.write_bytes(b""), "empty file"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(200))), "binary file"),
        (lambda p: p.write_bytes(b"x" * 500), "file over --max-bytes"),
        (lambda p: p.symlink_to(p.parent / "nowhere.txt"), "broken symlink"),
        (lambda p: os.mkfifo(p), "not a regular file"),
    ],
)
def test_a_bad_input_is_reported_and_the_batch_goes_on(tmp_path, make, reason):
    paths = write_corpus(tmp_path / "docs", count=2)
    bad = tmp_path / "docs" / "bad.txt"
    make(bad)
    seen: list[DocResult] = []
    options = Options(max_bytes=300)
    summary = extract_batch(sorted(paths + [str(bad)]), options, io.StringIO(), LocalEngine(2), on_result=seen.append)
    assert summary.skipped == {reason: [str(bad)]}
    assert summary.written == 2
    assert any(r.reason == reason and r.message.startswith(str(bad)) for r in seen)


def test_a_symlink_loop_is_named(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    assert inspect(str(loop), 1000) == "symlink loop"


def test_documents_queued_behind_a_timed_out_one_are_still_extracted(tmp_path):
    paths = write_corpus(tmp_path / "docs", count=3)
    slow = tmp_path / "docs" / "a_slow.txt"  # sorted first: the documents after it wait in the same worker's queue
    slow.write_text(" ".join(f"{i},000 for {i},000 freed" for i in range(40_000)), encoding="utf-8")
    results = list(LocalEngine(1).run(sorted(paths + [str(slow)]), Options(doc_timeout=3)))
    assert [r.path for r in results] == sorted(paths + [str(slow)])
    assert [r.reason for r in results] == ["timeout", None, None, None]
    assert all(r.lines for r in results[1:])


def _finishes(generator, seconds: float) -> list:
    """The results of a batch run, or a failed test if it has not ended within ``seconds``."""
    out: list = []
    thread = threading.Thread(target=lambda: out.extend(generator), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "the batch never ended"
    return out


def test_a_timeout_while_other_results_wait_does_not_stall_the_batch(tmp_path):
    paths = write_corpus(tmp_path / "docs", count=14)
    slow = tmp_path / "docs" / "a_slow.txt"  # first in order: the output waits for it while the other worker runs ahead
    slow.write_text(" ".join(f"{i},000 for {i},000 freed" for i in range(40_000)), encoding="utf-8")
    results = _finishes(LocalEngine(2).run(sorted(paths + [str(slow)]), Options(doc_timeout=3)), 240)
    assert [r.reason for r in results] == ["timeout"] + [None] * 14


def test_a_worker_that_dies_while_results_are_read_slowly_costs_only_its_document(tmp_path, monkeypatch):
    paths = write_corpus(tmp_path / "docs", count=8)
    real = local.process

    def dying(index, path, options):
        if index == 1:
            time.sleep(0.3)
            os._exit(1)  # a crash in native code
        return real(index, path, options)

    monkeypatch.setattr(local, "process", dying)  # the forked workers inherit it

    def slowly():
        for result in LocalEngine(2).run(paths, Options()):
            time.sleep(0.5)  # a slow sink: the dead worker's pipe breaks before the next document is given out
            yield result

    results = _finishes(slowly(), 240)
    assert [r.path for r in results] == paths
    assert [r.reason for r in results] == [None, "failed"] + [None] * 6
    assert "the worker process died" in results[1].message


def test_an_unreadable_file_is_permission_denied(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads every file: permission cannot be denied here")
    locked = tmp_path / "locked.txt"
    locked.write_text("x")
    locked.chmod(0)
    assert inspect(str(locked), 1000) == "permission denied"


def test_a_file_that_vanished_is_reported(tmp_path):
    assert process(0, str(tmp_path / "gone.txt"), Options()).reason == "vanished during the run"


def test_a_document_over_the_time_limit_is_abandoned_and_the_batch_goes_on(tmp_path):
    paths = write_corpus(tmp_path / "docs", count=2)
    slow = tmp_path / "docs" / "slow.txt"
    # thousands of figure-like tokens: slow to read, and the limit is tiny
    slow.write_text(" ".join(f"{i},000 for {i},000 freed" for i in range(40_000)), encoding="utf-8")
    options = Options(doc_timeout=5)
    results = list(LocalEngine(2).run(sorted(paths + [str(slow)]), options))
    assert [r.reason for r in results] == [None, None, "timeout"]
    assert "timeout" in results[2].message


@pytest.mark.parametrize(
    "text",
    [
        "1" * 2_000_000,  # a two-million-digit line
        ",".join(["999"] * 300_000),  # a million digits with separators
        "released " * 200_000,  # thousands of repeated cue words, no line break
    ],
)
def test_inputs_built_to_be_slow_never_stall_or_crash(tmp_path, text):
    path = tmp_path / "hostile.txt"
    path.write_text(text, encoding="utf-8")
    (result,) = list(LocalEngine(1).run([str(path)], Options(doc_timeout=20)))
    assert result.reason in (None, "timeout")


def test_prefilter_changes_nothing_on_the_fixtures_and_corpora():
    from powfacts.api import extract_document
    from powfacts.inputs.readers import read_document

    shared = ROOT.parent / "shared"
    paths = sorted(ROOT.glob("fixtures/*.txt")) + sorted(shared.glob("corpus*/docs/*.txt"))
    checked = 0
    for path in paths:
        try:
            document = read_document(str(path))
        except Exception:  # noqa: BLE001 - encoding fixtures are read by their own tests
            continue
        with_filter = [f.to_json() for f in extract_document(document, prefilter=True)]
        without = [f.to_json() for f in extract_document(document, prefilter=False)]
        assert with_filter == without, path
        checked += 1
    assert checked >= 10


def test_journaled_output_appears_only_when_complete(tmp_path):
    target = tmp_path / "facts.jsonl"
    sink = JournaledOutput(target).open()
    sink.write("a.txt", "abc", ['{"x": 1}'])
    assert not target.exists()
    sink.close(complete=False)
    assert not target.exists() and (tmp_path / "facts.jsonl.partial").exists()
    resumed = JournaledOutput(target, resume=True)
    assert [e["path"] for e in resumed.entries] == ["a.txt"]
    resumed.open().close(complete=True)
    assert target.read_text() == '{"x": 1}\n'
    assert not (tmp_path / "facts.jsonl.journal").exists()


def test_a_half_written_line_is_cut_on_resume(tmp_path):
    target = tmp_path / "facts.jsonl"
    sink = JournaledOutput(target).open()
    sink.write("a.txt", "abc", ['{"x": 1}'])
    sink.close(complete=False)
    with open(tmp_path / "facts.jsonl.partial", "ab") as handle:
        handle.write(b'{"half": ')  # power cut in the middle of the next document
    resumed = JournaledOutput(target, resume=True).open()
    resumed.write("b.txt", "def", ['{"x": 2}'])
    resumed.close(complete=True)
    assert target.read_text() == '{"x": 1}\n{"x": 2}\n'


def test_resume_after_a_kill_gives_the_uninterrupted_output(tmp_path):
    paths = write_corpus(tmp_path / "docs", count=30)
    expected = jsonl(paths, workers=1)
    target = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "powfacts", "extract", str(tmp_path / "docs"), "-o", str(target), "-q", "--workers", "1"]
    process_ = subprocess.Popen(command, stderr=subprocess.PIPE)
    journal = tmp_path / "out.jsonl.journal"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not journal.exists() or len(journal.read_text().splitlines()) < 3):
        time.sleep(0.05)
    process_.send_signal(signal.SIGTERM)
    _, stderr = process_.communicate(timeout=60)
    assert process_.returncode == 130, stderr.decode()
    assert not target.exists(), "a killed run must not leave a half-written output file"
    assert b"--resume" in stderr
    done = len(journal.read_text().splitlines())
    assert 0 < done < 30
    finished = subprocess.run(command + ["--resume"], capture_output=True, timeout=300)
    assert finished.returncode == 0, finished.stderr.decode()
    assert target.read_text(encoding="utf-8") == expected


def test_resume_redoes_a_document_that_changed(tmp_path):
    paths = write_corpus(tmp_path / "docs", count=4)
    target = tmp_path / "out.jsonl"
    sink = JournaledOutput(target)
    extract_batch(paths[:2], Options(), sink, LocalEngine())  # as if the run had stopped after two documents
    (tmp_path / "out.jsonl").rename(tmp_path / "out.jsonl.partial")
    from powfacts.run.batch import fingerprint

    header = json.dumps({"options": fingerprint(Options())}) + "\n"  # the journal's first line: the options the run used
    (tmp_path / "out.jsonl.journal").write_text(
        header + ("".join(json.dumps(e) + "\n" for e in sink.entries) if sink.entries else _journal_of(paths[:2], tmp_path / "out.jsonl.partial"))
    )
    Path(paths[1]).write_text(STORY.format(n=999, k=77), encoding="utf-8")  # changed since
    summary = extract_batch(paths, Options(), JournaledOutput(target, resume=True), LocalEngine(), resume=True)
    assert summary.resumed == 1
    assert target.read_text(encoding="utf-8") == jsonl(paths)


def _journal_of(paths: list[str], partial: Path) -> str:
    from powfacts.inputs.readers import read_document

    lines, end = [], 0
    text = partial.read_text(encoding="utf-8").splitlines(keepends=True)
    for path in paths:
        own = [line for line in text if json.loads(line)["source"]["path"] == path]
        end += sum(len(line.encode("utf-8")) for line in own)
        lines.append(json.dumps({"path": path, "sha256": read_document(path).sha256, "end": end}) + "\n")
    return "".join(lines)


def test_extraction_never_touches_the_network(monkeypatch, tmp_path):
    """Sockets to other hosts are refused (worker pipes are local socket pairs and stay allowed)."""
    real_connect = socket.socket.connect

    def refuse(*args, **kwargs):
        raise AssertionError("powfacts tried to reach the network")

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            refuse()
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    paths = write_corpus(tmp_path / "docs", count=2)
    assert jsonl(paths, workers=1).count("\n") == 4


def test_user_patterns_add_rules_and_replace_shipped_ones(tmp_path):
    from powfacts.api import extract_text
    from powfacts.pipeline.rules import patterns_root, user_root

    own = tmp_path / "mine" / "en"
    own.mkdir(parents=True)
    (own / "measures.jsonl").write_text(
        json.dumps({"id": "measure.set-loose", "label": "released", "pattern": [{"LOWER": "set"}, {"LOWER": "loose"}]}) + "\n"
    )
    text = "Yesterday 12 sailors were set loose."
    assert extract_text(text) == []
    from powfacts.api import extract_document
    from powfacts.inputs.readers import Document

    root = user_root(patterns_root(), tmp_path / "mine")
    facts = extract_document(Document.from_text(text), patterns=root)
    assert [(f.measure, f.value) for f in facts] == [("released", 12)]
    assert "measure.set-loose" in facts[0].rules


def test_an_invalid_user_pattern_names_its_file_and_line(tmp_path):
    from powfacts.errors import PatternError
    from powfacts.pipeline.rules import patterns_root, user_root

    own = tmp_path / "mine" / "en"
    own.mkdir(parents=True)
    (own / "status.jsonl").write_text('{"id": "status.x", "label": "planned", "pattern": [{"LOWER": "x"}]}\n{"id": "bad"}\n')
    with pytest.raises(PatternError, match=r"status\.jsonl:2: "):
        user_root(patterns_root(), tmp_path / "mine")


def test_a_pattern_spacy_rejects_stops_a_run_with_workers_naming_its_file_and_line(tmp_path):
    from powfacts.errors import PatternError
    from powfacts.pipeline.rules import patterns_root, user_root

    own = tmp_path / "mine" / "en"
    own.mkdir(parents=True)
    (own / "status.jsonl").write_text('{"id": "status.x", "label": "planned", "pattern": [{"LOWER": "x", "OP": "%"}]}\n')
    root = user_root(patterns_root(), tmp_path / "mine")
    paths = write_corpus(tmp_path / "docs", count=3)
    with pytest.raises(PatternError, match=r"status\.jsonl:1: rule 'status\.x': invalid spaCy pattern"):
        list(LocalEngine(2).run(paths, Options(patterns=root, language="en")))


def test_a_twenty_megabyte_line_is_abandoned_or_read_but_never_stalls_the_batch(tmp_path):
    paths = write_corpus(tmp_path / "docs", count=1)
    huge = tmp_path / "docs" / "huge.txt"
    with open(huge, "w", encoding="utf-8") as handle:
        for _ in range(20):
            handle.write("released 1,000 prisoners " * 40_000)  # 20 MB, no line break
    results = list(LocalEngine(2).run(sorted(paths + [str(huge)]), Options(max_bytes=30_000_000, doc_timeout=10)))
    assert [r.reason for r in results][0] is None
    assert results[1].reason in (None, "timeout", "failed")


def test_deeply_nested_html_never_crashes_the_batch(tmp_path):
    paths = write_corpus(tmp_path / "docs", count=1)
    nested = tmp_path / "docs" / "nested.html"
    nested.write_text("<html><body>" + "<div>" * 100_000 + "Ukraine freed 95 prisoners." + "</div>" * 100_000 + "</body></html>")
    results = list(LocalEngine(2).run(sorted(paths + [str(nested)]), Options(doc_timeout=30)))
    assert results[0].reason is None
    assert results[1].path.endswith("nested.html")  # read, or skipped with a reason: either way the batch finished


def test_a_user_rule_with_a_shipped_id_replaces_the_shipped_rule(tmp_path):
    from powfacts.api import extract_document
    from powfacts.inputs.readers import Document
    from powfacts.pipeline.rules import load_rules, patterns_root, user_root

    shipped = {r.id: r for r in load_rules(str(patterns_root()), "en", "qualifiers")}
    assert shipped["qualifier.about"].label == "approximately"
    own = tmp_path / "mine" / "en"
    own.mkdir(parents=True)
    (own / "qualifiers.jsonl").write_text(json.dumps({"id": "qualifier.about", "label": "at_most", "pattern": [{"LOWER": "about"}]}) + "\n")
    root = user_root(patterns_root(), tmp_path / "mine")
    merged = {r.id: r for r in load_rules(root, "en", "qualifiers")}
    assert merged["qualifier.about"].label == "at_most" and len(merged) == len(shipped)
    (fact,) = extract_document(Document.from_text("Kyiv freed about 95 prisoners of war."), patterns=root)
    assert fact.qualifier == "at_most"


# -- engines: one way to run documents, passed in --------------------------------------------


def _imported_modules(module: str) -> set[str]:
    """Short names of the powfacts modules ``powfacts.<module>`` imports, anywhere in it (a function's lazy import too)."""
    from layout import imports_of

    return {name.rsplit(".", 1)[-1] for name in imports_of(f"powfacts.{module}")}


def test_batch_and_the_engines_meet_only_in_the_work_module():
    assert {"cluster", "local"}.isdisjoint(_imported_modules("run.batch"))
    assert {"batch", "cluster"}.isdisjoint(_imported_modules("run.local"))
    assert {"batch", "local"}.isdisjoint(_imported_modules("run.cluster"))
    assert {"batch", "cluster", "local"}.isdisjoint(_imported_modules("run.work"))
    assert "work" in _imported_modules("run.batch") & _imported_modules("run.local") & _imported_modules("run.cluster")


def test_both_engines_implement_the_engine_interface():
    import inspect as inspect_

    from powfacts.run.cluster import DaskEngine
    from powfacts.run.work import Engine

    wanted = inspect_.signature(Engine.run)
    for engine in (LocalEngine(2), DaskEngine("tcp://127.0.0.1:8786")):
        assert isinstance(engine, Engine)
        assert inspect_.signature(type(engine).run) == wanted, type(engine).__name__

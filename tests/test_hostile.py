"""Issue #16: never clobber, never hang, never mix runs. Each class of hostile input or environment, through the CLI."""

from __future__ import annotations

import errno
import importlib.util
import json
import os
import signal
import stat
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from powfacts.cli import app

runner = CliRunner()
STORY = "On 6 May 2025, Ukraine returned {n} prisoners of war home.\n"
REPO = Path(__file__).resolve().parents[1]


def corpus(tmp_path: Path, count: int = 3) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(count):
        (folder / f"d{i}.txt").write_text(STORY.format(n=100 + i), encoding="utf-8")
    return folder


def lines_of(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def no_traceback(result) -> None:
    assert "Traceback" not in result.stderr and result.exception is None or isinstance(result.exception, SystemExit), result.stderr


# -- -o writes only regular files; modes follow the umask; OS errors are one line --------------


@pytest.mark.parametrize("kind", ["device", "fifo", "folder"])
def test_output_that_is_not_a_regular_file_is_a_usage_error(tmp_path, kind):
    folder = corpus(tmp_path, 1)
    if kind == "device" and os.geteuid() == 0:
        target = tmp_path / "full"  # a device of our own: a failing run as root must not replace the system's /dev/full
        os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    elif kind == "device":
        target = Path("/dev/full")
    elif kind == "fifo":
        target = tmp_path / "pipe"
        os.mkfifo(target)
    else:
        target = tmp_path / "out"
        target.mkdir()
    before = os.stat(target).st_mode
    result = runner.invoke(app, ["extract", str(folder), "-q", "-o", str(target)])
    assert result.exit_code == 2
    assert len(lines_of(result.stderr)) == 1 and result.stderr.startswith(f"error: {target}: is a ")
    assert "-o writes only regular files" in result.stderr
    assert os.stat(target).st_mode == before  # the device, FIFO or folder is untouched


def test_output_through_a_symlink_writes_its_target_and_keeps_the_link(tmp_path):
    folder = corpus(tmp_path, 2)
    target = tmp_path / "real.jsonl"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    result = runner.invoke(app, ["extract", str(folder), "-q", "-o", str(link)])
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert len(lines_of(target.read_text(encoding="utf-8"))) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "link.jsonl", "real.jsonl"]  # no .partial or .journal left


@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002])
def test_output_modes_follow_the_umask(tmp_path, mask):
    folder = corpus(tmp_path, 2)
    old = os.umask(mask)
    try:
        assert runner.invoke(app, ["extract", str(folder), "-q", "-o", str(tmp_path / "facts.jsonl")]).exit_code == 0
        assert runner.invoke(app, ["timeline", str(tmp_path / "facts.jsonl"), "--format", "csv", "-o", str(tmp_path / "t.csv")]).exit_code == 0
        assert runner.invoke(app, ["report", str(tmp_path / "facts.jsonl"), str(folder), "-o", str(tmp_path / "r.html")]).exit_code == 0
    finally:
        os.umask(old)
    for name in ("facts.jsonl", "t.csv", "r.html"):
        assert stat.S_IMODE(os.stat(tmp_path / name).st_mode) == 0o666 & ~mask, name


def test_a_full_disk_is_one_line_and_leaves_the_old_file(tmp_path, monkeypatch):
    folder = corpus(tmp_path, 2)
    target = tmp_path / "facts.jsonl"
    target.write_text("previous\n", encoding="utf-8")
    facts = tmp_path / "facts-ok.jsonl"
    assert runner.invoke(app, ["extract", str(folder), "-q", "-o", str(facts)]).exit_code == 0

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("powfacts.run.writers.os.fsync", full)
    result = runner.invoke(app, ["extract", str(folder), "-q", "-o", str(target)])
    assert result.exit_code == 1
    assert result.stderr == f"error: {target}: cannot write (No space left on device)\n"
    assert target.read_text(encoding="utf-8") == "previous\n"
    timeline = runner.invoke(app, ["timeline", str(facts), "--format", "json", "-o", str(tmp_path / "t.json")])
    assert (timeline.exit_code, timeline.stderr) == (1, f"error: {tmp_path / 't.json'}: cannot write (No space left on device)\n")
    assert not (tmp_path / "t.json").exists()


def test_a_missing_output_folder_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["extract", str(corpus(tmp_path, 1)), "-q", "-o", str(tmp_path / "no" / "facts.jsonl")])
    assert result.exit_code == 2 and len(lines_of(result.stderr)) == 1 and "no such folder" in result.stderr


# -- workers die with their parent ------------------------------------------------------------

SLOW_CLI = """
import os, sys, time
import powfacts.api as api
PIDS = sys.argv[1]
def slow(*args, **kwargs):
    open(os.path.join(PIDS, str(os.getpid())), "w").close()
    time.sleep(120)
api.extract_document = slow
from powfacts.cli import main
sys.argv = ["powfacts"] + sys.argv[2:]
main()
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_when_the_main_process_is_killed(tmp_path):
    folder = corpus(tmp_path, 4)
    pids = tmp_path / "pids"
    pids.mkdir()
    script = tmp_path / "slow_cli.py"
    script.write_text(SLOW_CLI, encoding="utf-8")
    main = subprocess.Popen([sys.executable, str(script), str(pids), "extract", str(folder), "-q", "--workers", "2", "-o", str(tmp_path / "out.jsonl")])
    try:
        deadline = time.monotonic() + 60
        while len(list(pids.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        workers = [int(p.name) for p in pids.iterdir()]
        assert len(workers) == 2 and all(_alive(pid) for pid in workers)
        main.send_signal(signal.SIGKILL)
        main.wait()
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in workers)
    finally:
        main.kill()
        for p in pids.iterdir():
            try:
                os.kill(int(p.name), signal.SIGKILL)
            except ProcessLookupError:
                pass


def test_the_parent_watchdog_ends_an_orphaned_worker(tmp_path):
    """The fallback for platforms without PR_SET_PDEATHSIG: the worker sees it was handed to another parent."""
    code = (
        "import os, sys, time\n"
        "import powfacts.run.work as b\n"
        "b.PR_SET_PDEATHSIG = 0\n"  # prctl(0, ...) does nothing: only the watchdog is left
        "b.WATCHDOG_SECONDS = 0.1\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    parent = os.getpid()\n"
        "    read, write = os.pipe()\n"
        "    child = os.fork()\n"
        "    if child == 0:\n"
        "        b.die_with_parent(parent)\n"
        "        os.write(write, b'watching')\n"
        "        time.sleep(60)\n"
        "        os._exit(0)\n"
        "    os.close(write)\n"
        "    if os.read(read, 8) == b'watching':\n"
        "        print(child, flush=True)\n"
        "    os._exit(0)\n"  # the parent dies: the grandchild must follow
        "os.waitpid(pid, 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip(), out.stderr
    child = int(out.stdout.split()[0])
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(child)


# -- --resume refuses other options -----------------------------------------------------------


def _interrupted(tmp_path, monkeypatch, *options) -> tuple[Path, Path]:
    """A run into out.jsonl stopped (as by Ctrl-C) after its first document."""
    from powfacts.run import batch

    folder = corpus(tmp_path, 3)
    target = tmp_path / "out.jsonl"
    real = batch.Summary.add

    def stop(self, result):
        real(self, result)
        if self.written + sum(len(v) for v in self.skipped.values()) == 1:
            raise KeyboardInterrupt

    monkeypatch.setattr(batch.Summary, "add", stop)
    result = runner.invoke(app, ["extract", str(folder), "-q", "--workers", "1", "-o", str(target), *options])
    assert result.exit_code == 130
    monkeypatch.setattr(batch.Summary, "add", real)
    assert target.with_name("out.jsonl.partial").exists() and not target.exists()
    return folder, target


@pytest.mark.parametrize(
    "first, again, says",
    [
        (["--format", "csv"], [], "--format was csv, now jsonl"),
        (["--published", "2025-06-04"], [], "--published was 2025-06-04, now not given"),
        ([], ["--language", "en"], "--language was not given, now en"),
    ],
)
def test_resume_with_other_options_stops_with_one_line(tmp_path, monkeypatch, first, again, says):
    folder, target = _interrupted(tmp_path, monkeypatch, *first)
    partial = target.with_name("out.jsonl.partial").read_bytes()
    result = runner.invoke(app, ["extract", str(folder), "-q", "--workers", "1", "-o", str(target), "--resume", *again])
    assert result.exit_code == 2
    assert len(lines_of(result.stderr)) == 1 and says in result.stderr and "run without --resume" in result.stderr
    assert target.with_name("out.jsonl.partial").read_bytes() == partial and not target.exists()
    same = runner.invoke(app, ["extract", str(folder), "-q", "--workers", "1", "-o", str(target), "--resume", *first])
    assert same.exit_code == 0, same.stderr
    fresh = runner.invoke(app, ["extract", str(folder), "-q", "--workers", "1", *first])
    assert target.read_text(encoding="utf-8") == fresh.stdout


def test_resume_after_the_user_patterns_changed_stops(tmp_path, monkeypatch):
    mine = tmp_path / "mine" / "en"
    mine.mkdir(parents=True)
    rule = mine / "measures.jsonl"
    rule.write_text('{"id": "measure.mine", "label": "released", "pattern": [{"LOWER": "freed"}]}\n', encoding="utf-8")
    folder, target = _interrupted(tmp_path, monkeypatch, "--patterns", str(tmp_path / "mine"))
    rule.write_text('{"id": "measure.mine", "label": "released", "pattern": [{"LOWER": "liberated"}]}\n', encoding="utf-8")
    result = runner.invoke(app, ["extract", str(folder), "-q", "-o", str(target), "--resume", "--patterns", str(tmp_path / "mine")])
    assert result.exit_code == 2 and "--patterns (the rules in the folder) changed" in result.stderr


# -- one time limit and one memory limit, everywhere ------------------------------------------


def _hog(*args, **kwargs):
    block = bytearray(8 * 1024**3)  # far past --doc-memory
    return [block]


def _sleepy(*args, **kwargs):
    time.sleep(30)
    return []


@pytest.mark.parametrize("how", ["file", "stdin", "folder"])
def test_a_document_past_the_memory_limit_is_one_skip_line(tmp_path, monkeypatch, how):
    folder = corpus(tmp_path, 2)
    monkeypatch.setattr("powfacts.api.extract_document", _hog)
    target = {"file": [str(folder / "d0.txt")], "stdin": ["-"], "folder": [str(folder), "-q"]}[how]
    result = runner.invoke(app, ["extract", *target, "--doc-memory", "300MB", "--workers", "1"], input=STORY.format(n=5))
    assert result.exit_code == 1
    name = {"file": str(folder / "d0.txt"), "stdin": "-", "folder": str(folder / "d0.txt")}[how]
    assert f"skipped: {name}: out of memory (over --doc-memory 300 MB)" in result.stderr.splitlines()
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("how", ["file", "stdin"])
def test_a_single_document_or_stdin_has_the_time_limit(tmp_path, monkeypatch, how):
    folder = corpus(tmp_path, 1)
    monkeypatch.setattr("powfacts.api.extract_document", _sleepy)
    target = str(folder / "d0.txt") if how == "file" else "-"
    started = time.monotonic()
    result = runner.invoke(app, ["extract", target, "--doc-timeout", "1"], input=STORY.format(n=5))
    assert time.monotonic() - started < 20
    assert result.exit_code == 1
    assert f"skipped: {target}: timeout (over --doc-timeout 1 s)" in result.stderr.splitlines()


def test_doc_memory_is_checked(tmp_path):
    result = runner.invoke(app, ["extract", str(corpus(tmp_path, 1)), "--doc-memory", "lots"])
    assert result.exit_code == 2 and "invalid --doc-memory 'lots'" in result.stderr


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory):
    """A local Dask cluster whose worker runs in another working folder (as on another machine)."""
    distributed = pytest.importorskip("distributed")
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    here = os.getcwd()
    os.chdir(elsewhere)
    try:
        cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50)
    finally:
        os.chdir(here)
    yield cluster
    cluster.close()


def test_dask_reads_relative_paths_and_gives_the_local_output(tmp_path, monkeypatch, dask_cluster):
    corpus(tmp_path, 3)
    monkeypatch.chdir(tmp_path)
    local = runner.invoke(app, ["extract", "docs", "-q", "--workers", "1"])
    remote = runner.invoke(app, ["extract", "docs", "-q", "--scheduler", dask_cluster.scheduler_address])
    assert remote.exit_code == 0, remote.stderr
    assert "vanished" not in remote.stderr
    assert remote.stdout == local.stdout and len(lines_of(remote.stdout)) == 3


def test_dask_runs_have_the_time_and_memory_limits(tmp_path, dask_cluster):
    from powfacts.run.cluster import isolated
    from powfacts.run.work import Options

    folder = corpus(tmp_path, 1)
    path = str(folder / "d0.txt")
    import powfacts.api as api

    real = api.extract_document
    try:
        api.extract_document = _sleepy  # the forked child inherits it
        result = isolated(0, path, Options(doc_timeout=1))
        assert (result.reason, result.message) == ("timeout", f"{path}: timeout (over --doc-timeout 1 s)")
        api.extract_document = _hog
        result = isolated(0, path, Options(doc_memory=300 * 1024**2))
        assert (result.reason, result.message) == ("out of memory", f"{path}: out of memory (over --doc-memory 300 MB)")
    finally:
        api.extract_document = real
    assert isolated(0, path, Options()).lines


# -- user rules: checked at load, with file and line ------------------------------------------


@pytest.mark.parametrize(
    "token, says",
    [
        ({"LOWER": {"REGEX": "^(freed"}}, "not a valid regular expression"),
        ({"LOWER": {"REGEX": "(a+)+$"}}, "nested quantifier"),
        ({"LOWER": "x", "OP": "{0,100000}"}, "a count over 16"),
    ],
)
def test_a_dangerous_user_rule_stops_before_any_document(tmp_path, token, says):
    folder = corpus(tmp_path, 2)
    mine = tmp_path / "mine" / "en"
    mine.mkdir(parents=True)
    good = '{"id": "measure.ok", "label": "released", "pattern": [{"LOWER": "freed"}]}'
    bad = json.dumps({"id": "measure.bad", "label": "released", "pattern": [token]})
    (mine / "measures.jsonl").write_text(good + "\n" + bad + "\n", encoding="utf-8")
    started = time.monotonic()
    result = runner.invoke(app, ["extract", str(folder), "--patterns", str(tmp_path / "mine")])
    assert time.monotonic() - started < 10
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"error: {mine / 'measures.jsonl'}:2: ") and says in result.stderr
    assert len(lines_of(result.stderr)) == 1


def test_an_unknown_language_folder_in_patterns_is_a_usage_error(tmp_path):
    folder = corpus(tmp_path, 1)
    (tmp_path / "mine" / "fr").mkdir(parents=True)
    (tmp_path / "mine" / "fr" / "measures.jsonl").write_text('{"id": "m", "label": "released", "pattern": [{"LOWER": "libérés"}]}\n', encoding="utf-8")
    result = runner.invoke(app, ["extract", str(folder), "--patterns", str(tmp_path / "mine")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {tmp_path / 'mine' / 'fr'}: no shipped patterns for language 'fr'")


# -- inputs: each class its own reason, named and counted ------------------------------------


def test_a_file_name_that_is_not_utf8_is_named_and_skipped(tmp_path):
    folder = corpus(tmp_path, 2)
    bad = os.path.join(os.fsencode(folder), b"bad\xff.txt")
    with open(bad, "w", encoding="utf-8") as handle:
        handle.write(STORY.format(n=7))
    target = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(folder), "-q", "--workers", "1", "-o", str(target)])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert f"skipped: {folder}/bad\\xff.txt: file name not valid UTF-8" in result.stderr.splitlines()
    assert len(lines_of(target.read_text(encoding="utf-8"))) == 2
    plain = runner.invoke(app, ["extract", str(folder), "-q", "--workers", "1"])
    assert plain.exit_code == 1
    plain.stdout_bytes.decode("utf-8")  # valid UTF-8: no raw bytes in the JSON
    assert len(lines_of(plain.stdout)) == 2


def test_utf8_with_a_bad_byte_is_read_as_utf8_and_says_so(tmp_path):
    text = "Київ, 6 травня 2025 року. Україна повернула додому 205 військовополонених, повідомив Координаційний штаб."
    data = text.encode("utf-8")
    cut = data.index("штаб".encode()) + 1  # a byte inside "ш" goes bad
    path = tmp_path / "story.txt"
    path.write_bytes(data[:cut] + b"\xff" + data[cut + 1 :])
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in lines_of(result.stdout)]
    assert records and {r["source"]["encoding"] for r in records} == {"utf-8 (2 bytes replaced)"}
    shown = runner.invoke(app, ["text", str(path)]).stdout
    assert "Україна повернула" in shown and "\ufffd" in shown
    for r in records:
        assert shown[r["figure"]["start"] : r["figure"]["end"]] == r["figure"]["text"]


def _pdfs():
    spec = importlib.util.spec_from_file_location("make_pdf_resolution", REPO / "fixtures" / "make_pdf_resolution.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _bomb_pdf(pages: str) -> bytes:
    """The resolution with page 1 (or every page) made a deflate bomb: 300 MB of spaces in 300 KB."""
    make = _pdfs()
    raw = zlib.compress(b" " * 300_000_000, 9)
    data = make.resolution()
    count = 1 if pages == "one" else data.count(b"<< /Length ")
    for _ in range(count):
        data = data.replace(b"<< /Length ", b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(raw) + raw + b"\nendstream\nendobj\n99 0 obj\n<</Length ", 1)
    return data.replace(b"<</Length ", b"<< /Length ")


def test_a_pdf_page_that_cannot_be_read_is_named_and_the_others_are_kept(tmp_path):
    path = tmp_path / "resolution.pdf"
    path.write_bytes(_bomb_pdf("one"))
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 1
    assert (
        f"partly read: {path}: page 1 of 2 unreadable (corrupt PDF (a stream decompresses past the size limit: a deflate bomb?)): its text is left out"
        in result.stderr.splitlines()
    )
    assert lines_of(result.stdout)  # page 2's facts are written
    assert {json.loads(line)["source"]["page"] for line in lines_of(result.stdout)} == {2}


def test_encrypted_and_bomb_pdfs_are_not_called_scans(tmp_path):
    make = _pdfs()
    aes = make.encrypted("", "owner").replace(
        b"/V 2\n/R 3\n", b"/V 4\n/R 4\n/CF << /StdCF << /CFM /AESV2 /Length 16 /AuthEvent /DocOpen >> >> /StmF /StdCF /StrF /StdCF\n"
    )
    (tmp_path / "aes.pdf").write_bytes(aes)
    (tmp_path / "bomb.pdf").write_bytes(_bomb_pdf("all"))
    result = runner.invoke(app, ["extract", str(tmp_path / "aes.pdf"), str(tmp_path / "bomb.pdf"), "--workers", "1"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert f"skipped: {tmp_path / 'aes.pdf'}: encrypted PDF (AES: reading it needs the cryptography package: pip install cryptography)" in lines
    assert f"skipped: {tmp_path / 'bomb.pdf'}: corrupt PDF (a stream decompresses past the size limit: a deflate bomb?)" in lines
    assert "scanned" not in result.stderr


def test_a_real_hyphen_at_a_line_break_stays(tmp_path):
    make = _pdfs()
    lines = ["Among those returned was a 26-year-", "old soldier from Kharkiv and a prisoner-of-", "war camp survivor who spoke to reporters."]
    stream = "".join(make._text(72, 760 - 14 * i, 11, line) for i, line in enumerate(lines))
    (tmp_path / "story.pdf").write_bytes(make.pdf([stream]))
    text = runner.invoke(app, ["text", str(tmp_path / "story.pdf")]).stdout
    assert "a 26-year-old soldier" in text and "prisoner-of-war camp" in text


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_subfolder_is_named(tmp_path):
    folder = corpus(tmp_path, 1)
    locked = folder / "locked"
    locked.mkdir()
    (locked / "x.txt").write_text(STORY.format(n=1), encoding="utf-8")
    locked.chmod(0)
    try:
        result = runner.invoke(app, ["extract", str(folder), "-q", "--workers", "1"])
    finally:
        locked.chmod(0o755)
    assert f"skipped: {locked}: permission denied" in result.stderr.splitlines()


def test_a_folder_run_names_and_counts_what_it_cannot_read(tmp_path):
    folder = corpus(tmp_path, 2)
    (folder / "broken.txt").symlink_to(folder / "absent.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(folder / "pipe")  # a FIFO of any name is named, never opened
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.txt").write_text(STORY.format(n=9), encoding="utf-8")
    (folder / "linked").symlink_to(outside)
    result = runner.invoke(app, ["extract", str(folder), "--workers", "1"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    for name, reason in [
        ("broken.txt", "broken symlink"),
        ("loop.txt", "symlink loop"),
        ("pipe.txt", "not a regular file"),
        ("pipe", "not a regular file"),
        ("linked", "symlink to a folder (not followed)"),
    ]:
        assert f"skipped: {folder / name}: {reason}" in lines
    table = " ".join(result.stderr.replace("│", " ").split())
    for reason, count in [("broken symlink", 1), ("symlink loop", 1), ("not a regular file", 2), ("symlink to a folder (not followed)", 1)]:
        assert f"skipped: {reason} {count}" in table
    assert len(lines_of(result.stdout)) == 2


def test_html_nested_a_hundred_thousand_levels_keeps_its_article(tmp_path):
    article = (
        "<article><p>On 6 May 2025, Ukraine returned 205 prisoners of war home, the coordination headquarters said.</p>"
        "<p>Officials in Kyiv welcomed the news.</p></article>"
    )
    page = "<!DOCTYPE html><html><head><title>Exchange</title></head><body>" + "<div>" * 100_000 + article + "</div>" * 100_000 + "</body></html>"
    (tmp_path / "deep.html").write_text(page, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "deep.html")])
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["value"] for line in lines_of(result.stdout)] == [205]


# -- manifest and check ----------------------------------------------------------------------


def test_manifest_rows_that_match_no_document_are_named(tmp_path, monkeypatch):
    corpus(tmp_path, 2)
    monkeypatch.chdir(tmp_path)
    Path("docs/sources.csv").write_text("path,outlet\nd0.txt,A\nd9.txt,B\n../../etc/passwd,C\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", "docs", "-q", "--manifest", "docs/sources.csv", "--workers", "1"])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert "warning: docs/sources.csv:3: 'd9.txt' matches no document of this run (its metadata is not used)" in lines
    assert "warning: docs/sources.csv:4: '../../etc/passwd' matches no document of this run (its metadata is not used)" in lines
    assert len(lines) == 2


def test_a_manifest_with_an_unclosed_quote_stops_with_its_line(tmp_path):
    folder = corpus(tmp_path, 2)
    manifest = folder / "sources.csv"
    manifest.write_text('path,title\nd0.txt,"An unclosed title\nd1.txt,B\n', encoding="utf-8")
    result = runner.invoke(app, ["extract", str(folder), "--manifest", str(manifest)])
    assert result.exit_code == 2
    assert result.stderr == f"error: {manifest}:2: a quote opened here is never closed\n"


def test_check_fails_when_a_documents_expected_file_is_orphaned(tmp_path, fixtures_dir):
    import shutil

    folder = tmp_path / "fixtures"
    folder.mkdir()
    for name in ("wire_story.txt", "wire_story.jsonl", "no_date.txt", "no_date.jsonl"):
        shutil.copy(fixtures_dir / name, folder / name)
    assert runner.invoke(app, ["check", str(folder)]).exit_code == 0
    (folder / "no_date.txt").unlink()
    result = runner.invoke(app, ["check", str(folder)])
    assert result.exit_code == 1
    assert "no_date.jsonl: expected facts, but no document no_date.* (deleted or renamed?)" in result.stdout
    update = runner.invoke(app, ["check", "--update", str(folder)])
    assert update.exit_code == 0
    assert "wrote" not in update.stdout  # nothing changed: nothing is said to be written
    assert "0 expected file(s) written, 1 unchanged" in update.stdout


def test_extract_help_lists_every_exit_code():
    text = " ".join(runner.invoke(app, ["extract", "--help"]).output.split())
    for code in ("0 every document processed", "1 some documents skipped", "2 usage error", "130 interrupted"):
        assert code in text

"""Benchmark powfacts on an archive-sized corpus and print the figures.

    python benchmarks/run.py [--mb 20] [--keep DIR]

Builds a corpus of at least ``--mb`` megabytes from the project's own
fixtures: each document takes a few fixture paragraphs with their figures and
dates varied, between filler paragraphs written from a seeded word list (no
figures), the way archive pages carry a few sentences about prisoners among
other news. Then it runs ``powfacts extract`` on it with one worker and with
all CPUs and prints MB/s, documents/s, peak memory (RSS of powfacts and its
workers), the cold start of ``powfacts extract`` on one small file next to
``python -c "import spacy, dateparser"``, and the throughput of quantulum3
on the same text when it is installed (``pip install quantulum3``: it is not
a dependency of powfacts). Nothing here is asserted: the figures are printed.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
FILLER_WORDS = (
    "the city council met on a grey morning to discuss heating repairs schools roads and the budget "
    "residents said the queues at the station were shorter than last winter while volunteers sorted "
    "parcels of warm clothes and medicine for families who had moved from the east analysts expect "
    "prices to stay high as the harvest is brought in and exporters look for new routes across the sea "
    "teachers reopened classrooms in shelters and parents took turns at the doors a local choir sang "
    "in the square and the museum lent its courtyard to a market of books and embroidered shirts"
).split()


def filler(rng: random.Random) -> str:
    """A paragraph of plain news prose without figures."""
    sentences = []
    for _ in range(rng.randint(3, 6)):
        words = rng.choices(FILLER_WORDS, k=rng.randint(12, 24))
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


def vary(paragraph: str, rng: random.Random) -> str:
    """The paragraph with every plain figure changed (dates and ordinals left as they are)."""

    def change(match: re.Match) -> str:
        text = match.group(0)
        if len(text) == 4 and text.startswith(("19", "20")):
            return text  # a year
        value = int(text.replace(",", ""))
        new = max(1, int(value * rng.uniform(0.5, 1.5)))
        return f"{new:,}" if "," in text else str(new)

    return re.sub(r"(?<![\d.,:/-])\d{1,3}(?:,\d{3})+(?![\d%])|(?<![\d.,:/-])\d+(?![\d.,:%/-])", change, paragraph)


def build_corpus(target_bytes: int, folder: Path, seed: int = 2025) -> tuple[int, int]:
    """Write documents until ``target_bytes``; returns (documents, bytes)."""
    rng = random.Random(seed)
    sources = []
    for path in sorted(FIXTURES.glob("*.txt")):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # the encoding fixtures
        if text.isascii() or path.name.startswith(("en_", "wire", "faq", "resolution", "boilerplate", "feed", "un_", "no_date")):
            sources.append(text)  # English: quantulum3 reads English only
    paragraphs = [p for text in sources for p in re.split(r"\n\s*\n", text) if p.strip()]
    folder.mkdir(parents=True, exist_ok=True)
    written = count = 0
    while written < target_bytes:
        parts = []
        for _ in range(rng.randint(2, 5)):
            parts.append(vary(rng.choice(paragraphs), rng))
            parts.extend(filler(rng) for _ in range(rng.randint(2, 6)))
        text = "\n\n".join(parts) + "\n"
        path = folder / f"{count // 1000:03d}" / f"doc{count:06d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written += len(text.encode("utf-8"))
        count += 1
    return count, written


def _tree_rss_kb(pid: int) -> int:
    """Memory of a process and all its descendants, in kB (Linux /proc).

    PSS (proportional set size) where the kernel gives it, so pages the
    forked workers share with their parent count once; else RSS. Only the
    process tree is read (``/proc/PID/task/*/children``), so sampling costs
    the measured run little CPU.
    """
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += _memory_kb(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                stack.extend(int(child) for child in task.read_text().split())
            except OSError:
                pass
    return total


def _memory_kb(pid: int) -> int:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        return int(next(line for line in rollup.splitlines() if line.startswith("Pss:")).split()[1])
    except (OSError, StopIteration):
        pass
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        return int(next(line for line in status.splitlines() if line.startswith("VmRSS:")).split()[1])
    except (OSError, StopIteration):
        return 0


def timed_run(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (kB, whole process tree) of a command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss_kb(process.pid))
        time.sleep(0.1)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed with exit code {process.returncode}")
    return time.perf_counter() - started, peak


def best_of(command: list[str], runs: int = 3) -> float:
    return min(timed_run(command)[0] for _ in range(runs))


def quantulum_rate(folder: Path, budget_bytes: int = 400_000) -> float | None:
    """MB/s of quantulum3's parser on the first documents of the corpus, or None if it is not installed."""
    try:
        from quantulum3 import parser
    except ImportError:
        return None
    texts, size = [], 0
    for path in sorted(folder.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        texts.append(text)
        size += len(text.encode("utf-8"))
        if size >= budget_bytes:
            break
    parser.parse(texts[0][:200])  # load its models outside the timing
    started = time.perf_counter()
    for text in texts:
        parser.parse(text)
    return size / 1e6 / (time.perf_counter() - started)


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--mb", type=float, default=20.0, help="corpus size in megabytes (default 20)")
    args.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    options = args.parse_args()
    powfacts = [sys.executable, "-m", "powfacts"]
    workdir = Path(tempfile.mkdtemp(prefix="powfacts-bench-"))
    corpus = options.keep or workdir / "corpus"
    try:
        documents, size = build_corpus(int(options.mb * 1e6), corpus)
        print(f"corpus: {documents} documents, {size / 1e6:.1f} MB in {corpus}")
        cpus = os.cpu_count() or 1
        rows = []
        for workers in sorted({1, cpus}):
            seconds, peak = timed_run(powfacts + ["extract", str(corpus), "-q", "--workers", str(workers), "-o", str(workdir / f"out{workers}.jsonl")])
            rows.append((workers, seconds, peak))
            print(f"workers={workers}: {size / 1e6 / seconds:.2f} MB/s, {documents / seconds:.1f} documents/s, peak memory (PSS) {peak / 1024:.0f} MB, {seconds:.1f} s")
        if len(rows) == 2:
            print(f"speed-up with {cpus} workers: {rows[0][1] / rows[1][1]:.2f}x")
            same = (workdir / "out1.jsonl").read_bytes() == (workdir / f"out{cpus}.jsonl").read_bytes()
            print(f"output identical with 1 and {cpus} workers: {same}")
        small = FIXTURES / "no_date.txt"
        cold = best_of(powfacts + ["extract", str(small)])
        imports = best_of([sys.executable, "-c", "import spacy, dateparser"])
        print(f"cold start: powfacts extract one small file {cold:.2f} s; import spacy, dateparser {imports:.2f} s; ratio {cold / imports:.2f}")
        rate = quantulum_rate(corpus)
        one_worker = size / 1e6 / rows[0][1]
        if rate is None:
            print("quantulum3: not installed (pip install quantulum3 to compare)")
        else:
            print(f"quantulum3: {rate:.3f} MB/s on the same text; powfacts (1 worker) is {one_worker / rate:.0f}x that")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

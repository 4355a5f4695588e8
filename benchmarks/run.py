"""Benchmark powfacts on real text and print one table.

    python benchmarks/run.py [--mb 5] [--quick] [--keep DIR]

Two corpora of real text, each at least ``--mb`` megabytes of separate
documents:

- **POW news**: the documents of ``../shared/corpus``, ``corpus-en`` and
  ``corpus-multi`` (``docs/*.txt``), repeated;
- **archive mix**: 20 % of those documents and 80 % news about other things
  (sport, economy, weather, culture, science, local politics, in English,
  Ukrainian, Russian and Spanish: ``benchmarks/unrelated``, written for the
  project in its own words after the real pages named in ``SOURCES.tsv``,
  with the same density of figures, dates and everyday verbs).

For each: ``powfacts extract DIR --workers N -o FILE`` with 1 and 2 workers
(MB/s, peak memory of the process tree as PSS), spaCy's tokenizer alone
(``spacy.blank``) on the same texts, quantulum3 on the English documents
(when installed: ``pip install quantulum3``; it is not a dependency), and the
share of the text the prefilter keeps, with today's scan and with the scan
that kept every block with a digit or a date word. Then the cold start of
``powfacts extract`` on one small file next to ``python -c "import spacy,
dateparser"``, and the seconds per MB of single documents of 10 KB (many
of them), 100 KB, 1 MB and 10 MB, made by joining the POW documents, with
their ratio to the 10 KB figure. Nothing is asserted: the figures are
printed. ``--quick`` (1 MB corpora, single documents up to 1 MB, one run
of each timing) finishes in under three minutes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
POW_CORPORA = ("corpus", "corpus-en", "corpus-multi")
UNRELATED = Path(__file__).resolve().parent / "unrelated"
#: share of the archive mix (in bytes) that is POW news
POW_SHARE = 0.2


def pow_documents() -> list[str]:
    return [p.read_text(encoding="utf-8") for name in POW_CORPORA for p in sorted((SHARED / name / "docs").glob("*.txt"))]


def unrelated_documents() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(UNRELATED.glob("*.txt"))]


def size(text: str) -> int:
    return len(text.encode("utf-8"))


def write_corpus(folder: Path, target: int, pow_docs: list[str], other: list[str] | None = None) -> list[str]:
    """Separate documents in ``folder`` until ``target`` bytes: POW documents in turn, and with
    ``other``, unrelated ones in turn between them so that POW news makes :data:`POW_SHARE` of the bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    texts: list[str] = []
    written = pow_bytes = 0
    i = j = 0
    while written < target:
        if other is None or pow_bytes <= POW_SHARE * written:
            text = pow_docs[i % len(pow_docs)]
            i += 1
            pow_bytes += size(text)
        else:
            text = other[j % len(other)]
            j += 1
        (folder / f"{len(texts):06d}.txt").write_text(text, encoding="utf-8")
        texts.append(text)
        written += size(text)
    return texts


# --- measuring ---------------------------------------------------------------------------------


def _tree_pss_kb(pid: int) -> int:
    """Memory of a process and all its descendants, in kB: PSS where the kernel gives it (pages the
    forked workers share with their parent count once), else RSS. Reads only that process tree."""
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
    """Wall seconds and peak memory (kB, whole process tree, sampled every 0.1 s) of a command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_pss_kb(process.pid))
        time.sleep(0.1)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed with exit code {process.returncode}")
    return time.perf_counter() - started, peak


def best_of(command: list[str], runs: int) -> float:
    return min(timed_run(command)[0] for _ in range(runs))


def languages(texts: list[str]) -> list[str]:
    from powfacts.pipeline.language import detect

    return [detect(text) for text in texts]


def tokenizer_rate(texts: list[str], langs: list[str]) -> float:
    """MB/s of spaCy's tokenizer alone (``spacy.blank``) on the texts, in this process (one core)."""
    import spacy

    blanks = {lang: spacy.blank(lang) for lang in set(langs)}
    for lang, nlp in blanks.items():
        nlp.max_length = 10**8
        nlp.tokenizer("warm up " + lang)
    started = time.perf_counter()
    for text, lang in zip(texts, langs):
        blanks[lang].tokenizer(text)
    return sum(map(size, texts)) / 1e6 / (time.perf_counter() - started)


def quantulum_rate(texts: list[str], langs: list[str], budget: int) -> tuple[float, int] | str:
    """MB/s of quantulum3 on the first English texts (up to ``budget`` bytes), or why it was not run."""
    try:
        from quantulum3 import parser
    except ImportError:
        return "not installed (pip install quantulum3 to compare)"
    english, total = [], 0
    for text, lang in zip(texts, langs):
        if lang == "en" and total < budget:
            english.append(text)
            total += size(text)
    if not english:
        return "no English documents"
    parser.parse("warm up 5 km")
    started = time.perf_counter()
    for text in english:
        parser.parse(text)
    return total / 1e6 / (time.perf_counter() - started), total


def kept_shares(texts: list[str], langs: list[str]) -> tuple[float, float, float]:
    """Share of the characters the prefilter keeps with the scan that kept any digit or date word,
    with today's scan, and today's scan's MB/s (one core)."""
    from powfacts.pipeline.prefilter import figures_and_dates, pieces, vocabulary
    from powfacts.pipeline.rules import patterns_root

    root = str(patterns_root())
    total = sum(map(len, texts))

    def kept(finder_of) -> tuple[int, float]:
        for lang in set(langs):
            pieces("warm up 5", finder_of(root, lang))
        started = time.perf_counter()
        count = sum(b - a for text, lang in zip(texts, langs) for a, b, keep in pieces(text, finder_of(root, lang)) if keep)
        return count, time.perf_counter() - started

    before, _ = kept(figures_and_dates)
    after, seconds = kept(vocabulary)
    return before / total, after / total, sum(map(size, texts)) / 1e6 / seconds


def single_documents(pow_docs: list[str], sizes: list[int], workdir: Path) -> list[tuple[int, int, float]]:
    """(size, documents, seconds per MB) of single documents of each size, joined from the POW
    documents and run in one process after a warm-up (so start-up is not counted)."""
    from powfacts.api import extract_document
    from powfacts.inputs.readers import Document, read_document

    joined = "\n\n".join(pow_docs)
    while size(joined) < max(sizes):
        joined = joined + "\n\n" + joined
    warm = workdir / "warm.txt"
    warm.write_text(pow_docs[0], encoding="utf-8")
    for lang_doc in pow_docs[:20]:
        path = workdir / "warm.txt"
        path.write_text(lang_doc, encoding="utf-8")
        extract_document(read_document(str(path)))
    rows = []
    for target in sizes:
        count = max(1, min(100, 1_000_000 // target)) if target <= 10_000 else 1
        documents: list[Document] = []
        for k in range(count):
            start = (k * 7919) % max(1, len(joined) - target)
            piece = joined.encode("utf-8")[start : start + target].decode("utf-8", errors="ignore")
            path = workdir / f"single-{target}-{k}.txt"
            path.write_text(piece, encoding="utf-8")
            documents.append(read_document(str(path)))
        started = time.perf_counter()
        for document in documents:
            extract_document(document)
        seconds = time.perf_counter() - started
        rows.append((target, count, seconds / (sum(size(d.text) for d in documents) / 1e6)))
    return rows


# --- the run ------------------------------------------------------------------------------------


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--mb", type=float, help="size of each corpus in megabytes (default 5; 1 with --quick)")
    args.add_argument("--quick", action="store_true", help="1 MB corpora, single documents up to 1 MB, one run of each timing")
    args.add_argument("--keep", type=Path, help="build the corpora here and keep them")
    options = args.parse_args()
    mb = options.mb if options.mb is not None else (1.0 if options.quick else 5.0)
    runs = 1 if options.quick else 3
    powfacts = [sys.executable, "-m", "powfacts"]
    workdir = Path(tempfile.mkdtemp(prefix="powfacts-bench-"))
    base = options.keep or workdir
    pow_docs, other = pow_documents(), unrelated_documents()
    if not pow_docs:
        raise SystemExit(f"no POW documents under {SHARED}/{{{','.join(POW_CORPORA)}}}/docs")
    rows: list[tuple[str, str]] = []

    def row(name: str, value: str) -> None:
        rows.append((name, value))
        print(f"  {name}: {value}", flush=True)

    try:
        cpus = os.cpu_count() or 1
        for label, folder, extra in (("POW news", base / "pow", None), ("archive mix (20 % POW)", base / "mix", other)):
            texts = write_corpus(folder, int(mb * 1e6), pow_docs, extra)
            megabytes = sum(map(size, texts)) / 1e6
            print(f"{label}: {len(texts)} documents, {megabytes:.1f} MB in {folder}", flush=True)
            outputs = {}
            for workers in sorted({1, min(2, cpus)}):
                out = workdir / f"{folder.name}-{workers}.jsonl"
                seconds, peak = timed_run(powfacts + ["extract", str(folder), "-q", "--workers", str(workers), "-o", str(out)])
                outputs[workers] = out.read_bytes()
                row(f"{label}: powfacts, {workers} worker{'s' * (workers > 1)}", f"{megabytes / seconds:.2f} MB/s ({len(texts) / seconds:.0f} documents/s), peak memory {peak / 1024:.0f} MB")
            if len(outputs) == 2:
                row(f"{label}: output with 1 and 2 workers", "byte-identical" if outputs[1] == outputs[2] else "DIFFERENT")
            langs = languages(texts)
            row(f"{label}: spaCy tokenizer alone (1 core)", f"{tokenizer_rate(texts, langs):.2f} MB/s")
            quantulum = quantulum_rate(texts, langs, 100_000 if options.quick else 300_000)
            if isinstance(quantulum, str):
                row(f"{label}: quantulum3", quantulum)
            else:
                row(f"{label}: quantulum3 (English documents, {quantulum[1] / 1e3:.0f} KB)", f"{quantulum[0]:.3f} MB/s")
            before, after, rate = kept_shares(texts, langs)
            row(f"{label}: text kept by the prefilter", f"{after:.0%} (was {before:.0%} when a digit or a date word kept a block); the scan runs at {rate:.1f} MB/s")
        small = ROOT / "fixtures" / "no_date.txt"
        cold = best_of(powfacts + ["extract", str(small)], runs)
        imports = best_of([sys.executable, "-c", "import spacy, dateparser"], runs)
        row("cold start, powfacts extract one small file", f"{cold:.2f} s ({cold / imports:.2f}x import spacy, dateparser: {imports:.2f} s)")
        sizes = [10_000, 100_000, 1_000_000] + ([] if options.quick else [10_000_000])
        singles = single_documents(pow_docs, sizes, workdir)
        first = singles[0][2]
        for target, count, per_mb in singles:
            label = f"{target // 1000} KB" if target < 1_000_000 else f"{target // 1_000_000} MB"
            row(f"single document of {label}" + (f" ({count} of them)" if count > 1 else ""), f"{per_mb:.2f} s/MB ({per_mb / first:.2f}x the 10 KB figure)")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    width = max(len(name) for name, _ in rows)
    print()
    print(f"| {'figure'.ljust(width)} | measured |")
    print(f"|{'-' * (width + 2)}|----------|")
    for name, value in rows:
        print(f"| {name.ljust(width)} | {value} |")


if __name__ == "__main__":
    main()

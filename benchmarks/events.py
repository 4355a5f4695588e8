"""Events measured on the shared corpora: extract every document, build the timeline, and count.

    python benchmarks/events.py [--shared ../shared] [--keep DIR] [--no-manifest]

Extracts each corpus with its manifest (``docs/MANIFEST.tsv``: each
document's date, title and outlet) where it has one, as a researcher with
that metadata would. Prints the number of facts, events (dated and undated), events merged from
mentions in 2+ documents, conflicts by kind, facts by the body credited
with them (``said_by``), and the answer to "how many
Ukrainians came home in exchanges in 2024, month by month" (released, UA, per
month, summed over events). Paths are as given, so run it from the
repository root.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--keep", help="write facts.jsonl and timeline.json here")
    parser.add_argument("--no-manifest", action="store_true", help="extract without the corpora's manifests (docs/MANIFEST.tsv)")
    args = parser.parse_args()
    shared = Path(args.shared)
    folders = sorted(str(p) for p in shared.glob("corpus*/docs") if p.is_dir())
    if not folders:
        print(f"no corpora under {shared}", file=sys.stderr)
        return 2
    out = Path(args.keep or tempfile.mkdtemp(prefix="powfacts-events-"))
    out.mkdir(parents=True, exist_ok=True)
    facts = out / "facts.jsonl"
    powfacts = [sys.executable, "-m", "powfacts"]
    with facts.open("w", encoding="utf-8") as joined:
        for n, folder in enumerate(folders):
            # each corpus with its manifest (docs/MANIFEST.tsv) where it has one: the documents' dates, titles and outlets
            manifest = Path(folder) / "MANIFEST.tsv"
            part = out / f"facts-{n}.jsonl"
            subprocess.run(
                [*powfacts, "extract", folder, *(["--manifest", str(manifest)] if manifest.is_file() and not args.no_manifest else []), "--quiet", "-o", str(part)],
                check=False,
            )
            joined.write(part.read_text(encoding="utf-8"))
            part.unlink()
    from powfacts.answers.events import answer
    from powfacts.answers.timeline import timeline_file

    timeline = timeline_file(facts)
    (out / "timeline.json").write_text(timeline.to_json(), encoding="utf-8")
    events = timeline.events
    merged = [e for e in events if len({m.fact.source.path for m in e.mentions}) >= 2]
    kinds = Counter(c.kind for c in timeline.conflicts)
    print(f"corpora: {', '.join(folders)}{'' if args.no_manifest else ' (with their manifests where they have one)'}")
    print(f"facts: {sum(1 for _ in facts.open(encoding='utf-8'))}")
    print(f"events: {len(events)} ({sum(e.dated for e in events)} dated, {sum(not e.dated for e in events)} without a date)")
    print(f"  by type: {dict(sorted(Counter(e.type for e in events).items()))}")
    print(f"events merged from mentions in 2+ documents: {len(merged)}")
    for e in merged:
        print(f"  {e.start} {e.type} {e.id}: {len({m.fact.source.path for m in e.mentions})} documents, {len(e.sources)} sources")
    print(f"conflicts: {len(timeline.conflicts)} {dict(sorted(kinds.items()))}")
    said = Counter(json.loads(line).get("said_by") or "null" for line in facts.open(encoding="utf-8") if line.strip())
    print(f"facts by said_by: {dict(sorted(said.items(), key=lambda kv: (-kv[1], kv[0])))}")
    summed = answer(events, "released", "UA", "month", "2024", "2024")
    print("Ukrainians returned in 2024, per month (released, UA, summed over events):")
    for period in summed.periods:
        print(f"  {period.period}: {period.value:,} ({len(period.events)} event(s); {', '.join(Path(s).name for s in period.sources)})")
    print(f"  total: {sum(p.value for p in summed.periods):,}; events without a date (not counted): {len(summed.undated)}")
    print(json.dumps({"events": len(events), "merged": len(merged), "conflicts": dict(kinds)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

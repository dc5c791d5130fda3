"""The suite's fuzz properties run longer: many corpus seeds in one batch each, and more hypothesis examples.

The suite runs one corpus seed and about forty examples per reader (under a minute); this runs ``--seeds``
corpora and ``--examples`` examples per property with fresh randomness, and reports failures with the
falsifying input hypothesis prints. Every property is the suite's own (tests/test_fuzz.py): no exception
escapes ingest, a rejected input gets exactly one line, the good articles beside it are all built.

    .venv/bin/python bench/fuzz_long.py [--seeds 20] [--examples 1000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402

from tests import test_fuzz  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=20, help="corpus seeds, each loaded as one batch")
    parser.add_argument("--examples", type=int, default=1000, help="hypothesis examples per property")
    args = parser.parse_args()
    failures = 0
    for seed in range(args.seeds):
        started = time.perf_counter()
        with tempfile.TemporaryDirectory() as folder:
            try:
                test_fuzz.check_corpus(Path(folder), seed)
                status = "ok"
            except Exception as exc:  # an exception escaping ingest is the very failure this run looks for
                failures += 1
                status = f"FAILED: {type(exc).__name__}: {str(exc)[:300]}"
        print(f"corpus seed {seed:3}: {time.perf_counter() - started:6.1f} s  {status}", flush=True)
    long_run = settings(max_examples=args.examples, deadline=None, database=None,
                        suppress_health_check=list(HealthCheck))
    for name, (check, strategies) in test_fuzz.PROPERTIES.items():
        started = time.perf_counter()
        try:
            long_run(given(**strategies)(check))()
            status = "ok"
        except Exception as exc:  # a failing property is the report, not a crash of the run
            failures += 1
            status = f"FAILED: {type(exc).__name__}: {str(exc)[:300]}"
        print(f"{name:56} {time.perf_counter() - started:6.1f} s  {status}", flush=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

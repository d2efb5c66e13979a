"""Runs compliance_duckdb.sql over the generator's CSV files and prints one JSON line.

Usage: python3 compliance_duckdb.py CSV_FOLDER AS_OF [THREADS]

The JSON line carries the DuckDB version, the thread count and the wall time of all the
statements in seconds, reading the CSV files included and connecting excluded. It also carries,
per finding code, the number of findings and how many of them an exemption explains.
`benches/compliance.rs` runs this script and reads that line.
"""

import json
import pathlib
import sys
import time

import duckdb


def main() -> None:
    csv_folder = pathlib.Path(sys.argv[1]).resolve()
    as_of = sys.argv[2]
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    script = (pathlib.Path(__file__).parent / "compliance_duckdb.sql").read_text(encoding="utf-8")
    script = script.replace("@CSV@", csv_folder.as_posix()).replace("@AS_OF@", as_of)

    connection = duckdb.connect()
    connection.execute(f"SET threads = {threads}")
    started = time.perf_counter()
    rows = connection.execute(script).fetchall()
    seconds = time.perf_counter() - started

    counts = {code: {"findings": findings, "explained": explained} for code, findings, explained in rows}
    print(json.dumps({"duckdb": duckdb.__version__, "threads": threads, "seconds": seconds, "counts": counts}))


if __name__ == "__main__":
    main()

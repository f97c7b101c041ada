#!/usr/bin/env python3
"""Cost of SQLite `synchronous = FULL` against `NORMAL` (issue 10, item 8), in WAL mode as
the service runs it: small write transactions shaped like the service's (lock the audit
head row, insert a row, append an audit event, commit), one after another, on a file in
DIR (default: the current directory, i.e. the disk the service's data/ would be on).

  scripts/sqlite_sync.py [DIR] [TRANSACTIONS]
"""

import os
import sqlite3
import sys
import tempfile
import time

directory = sys.argv[1] if len(sys.argv) > 1 else "."
count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000


def run(mode):
    with tempfile.TemporaryDirectory(dir=directory) as tmp:
        path = os.path.join(tmp, "bench.db")
        db = sqlite3.connect(path, isolation_level=None)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute(f"PRAGMA synchronous = {mode}")
        db.execute("CREATE TABLE head (id INTEGER PRIMARY KEY, last_seq INTEGER)")
        db.execute("INSERT INTO head VALUES (1, 0)")
        db.execute("CREATE TABLE receipts (id TEXT PRIMARY KEY, amount TEXT, reference TEXT)")
        db.execute("CREATE TABLE audit (seq INTEGER PRIMARY KEY, payload TEXT, hash TEXT)")
        started = time.perf_counter()
        for i in range(count):
            db.execute("BEGIN")
            db.execute("UPDATE head SET last_seq = last_seq WHERE id = 1")
            db.execute("INSERT INTO receipts VALUES (?, '1.00', ?)", (f"r{i}", f"REF-{i}"))
            db.execute("INSERT INTO audit VALUES (?, ?, ?)", (i, "x" * 300, "h" * 64))
            db.execute("UPDATE head SET last_seq = ? WHERE id = 1", (i,))
            db.execute("COMMIT")
        took = time.perf_counter() - started
        db.close()
        return count / took, took / count * 1000


results = {mode: run(mode) for mode in ("NORMAL", "FULL")}
for mode, (rate, ms) in results.items():
    print(f"synchronous={mode:<6} {rate:10.0f} commits/s  {ms:8.3f} ms per commit")
normal, full = results["NORMAL"][1], results["FULL"][1]
print(f"FULL costs {full - normal:.3f} ms more per commit ({full / normal:.1f}x NORMAL), "
      f"{count} commits on {os.path.abspath(directory)}")

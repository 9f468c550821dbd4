#!/usr/bin/env python3
"""Writes the SQLite test databases of package sqlite with Python's sqlite3
module (the SQLite library itself), an implementation independent of ours.

Deterministic: the same statements always, no random data, no times. Run
from this folder: python3 make_vectors.py
"""
import os
import sqlite3


def make(name, page_size, statements, journal="delete", encoding=None, vacuum=True):
    if os.path.exists(name):
        os.remove(name)
    db = sqlite3.connect(name)
    if encoding:
        db.execute(f"PRAGMA encoding = '{encoding}'")
    db.execute(f"PRAGMA page_size = {page_size}")
    db.execute("PRAGMA auto_vacuum = NONE")
    if vacuum:
        db.execute("VACUUM")  # apply the page size before any table
    for s in statements:
        if isinstance(s, tuple):
            db.executemany(*s)
        else:
            db.execute(s)
    db.commit()
    db.execute(f"PRAGMA journal_mode = {journal}")
    db.close()


def text(i, n):
    """A deterministic text of n characters for row i."""
    s = f"row {i}: " + "".join(chr(ord("a") + (i * 7 + k) % 26) for k in range(n))
    return s[:n]


# types.db: every serial type, quoted names, the rowid alias, a column
# added later with a default, an overflowing text, a WITHOUT ROWID table.
make("types.db", 4096, [
    'CREATE TABLE "values" (id INTEGER PRIMARY KEY, i INTEGER, f REAL, "we""ird" TEXT, [b b] BLOB, `n` , s VARCHAR(10) NOT NULL DEFAULT \'x\')',
    ("INSERT INTO \"values\" (id, i, f, \"we\"\"ird\", [b b], n, s) VALUES (?,?,?,?,?,?,?)", [
        (1, 0, 0.5, "zero", b"", None, "a"),
        (2, 1, -1.25, "one", b"\x00\x01\xff", 7, "b"),
        (3, -1, 1e300, "", b"\xde\xad", "text in an untyped column", "c"),
        (4, 127, 3.0, "héllo ✓", None, 2.5, "d"),
        (5, -128, None, None, b"x" * 20, None, "e"),
        (6, 32767, 0.0, "s", b"y", None, "f"),
        (7, -8388608, 0.0, "s", b"y", None, "g"),
        (8, 2147483647, 0.0, "s", b"y", None, "h"),
        (9, -140737488355328, 0.0, "s", b"y", None, "i"),
        (10, 9223372036854775807, 0.0, "s", b"y", None, "j"),
        (11, -9223372036854775808, 0.0, "s", b"y", None, "k"),
        (100, 42, 0.0, text(100, 10000), b"\x01" * 5000, None, "l"),
    ]),
    'ALTER TABLE "values" ADD COLUMN added INTEGER DEFAULT -7',
    "ALTER TABLE \"values\" ADD COLUMN added2 TEXT DEFAULT ('it''s')",
    'INSERT INTO "values" (id, i, s, added, added2) VALUES (200, 5, \'m\', 8, NULL)',
    "CREATE TABLE pk (code INTEGER, name TEXT, PRIMARY KEY (code))",
    "INSERT INTO pk VALUES (5, 'five'), (9, 'nine')",
    "CREATE TABLE notalias (code INTEGER PRIMARY KEY DESC, name TEXT)",
    "INSERT INTO notalias VALUES (3, 'three')",
    "CREATE TABLE wr (k TEXT PRIMARY KEY, v INTEGER) WITHOUT ROWID",
    "INSERT INTO wr VALUES ('a', 1)",
    "CREATE INDEX values_i ON \"values\"(i)",
    "CREATE VIEW v AS SELECT id FROM \"values\"",
])

# many.db: 512-byte pages, 3000 rows: interior pages at two levels, and
# every 100th row a long text on a chain of overflow pages.
make("many.db", 512, [
    "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, s TEXT)",
    ("INSERT INTO t VALUES (?,?,?)",
     [(i, i * i, text(i, 2000 if i % 100 == 0 else 12)) for i in range(1, 3001)]),
])

# big.db: 65536-byte pages (stored as 1 in the header), a text longer
# than a page.
make("big.db", 65536, [
    "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT)",
    ("INSERT INTO t VALUES (?,?)", [(1, text(1, 70000)), (2, "short")]),
])

# wal.db: a database left in WAL mode (its -wal file checkpointed and
# removed when closed).
make("wal.db", 1024, [
    "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT)",
    "INSERT INTO t VALUES (1, 'one')",
], journal="wal")

# utf16.db: a UTF-16 database, which the reader refuses.
make("utf16.db", 1024, [
    "CREATE TABLE t (s TEXT)",
    "INSERT INTO t VALUES ('x')",
], encoding="UTF-16le", vacuum=False)

# wide.db: 600 rows written with one column, and 1999 columns added after
# them: 1,200,000 values to read, beyond the reader's bound.
make("wide.db", 512, [
    "CREATE TABLE t (c0)",
    ("INSERT INTO t VALUES (?)", [(None,)] * 600),
] + [f"ALTER TABLE t ADD COLUMN c{i}" for i in range(1, 2000)])

#!/usr/bin/env python3
"""Writes accounts.db, a database shaped like Google Authenticator's
internal one (its accounts table as the app creates it), with the odd rows
the importer must handle, using Python's sqlite3 module. Deterministic.
Run from this folder: python3 make_vectors.py
"""
import os
import sqlite3

NAME = "accounts.db"
if os.path.exists(NAME):
    os.remove(NAME)
db = sqlite3.connect(NAME)
db.execute("PRAGMA page_size = 1024")
db.execute("CREATE TABLE android_metadata (locale TEXT)")
db.execute("INSERT INTO android_metadata VALUES ('en_US')")
db.execute("CREATE TABLE accounts (_id INTEGER PRIMARY KEY, email TEXT NOT NULL, secret TEXT NOT NULL, "
           "counter INTEGER DEFAULT 0, type INTEGER, provider INTEGER DEFAULT 0, issuer TEXT DEFAULT NULL, "
           "original_name TEXT DEFAULT NULL)")
db.executemany("INSERT INTO accounts (email, secret, counter, type, issuer, original_name) VALUES (?,?,?,?,?,?)", [
    ("GitHub:alice", "JBSWY3DPEHPK3PXP", 0, 0, "GitHub", "GitHub:alice"),    # issuer repeated in the label
    ("Bank:bob", "jbsw y3dp ehpk 3pxp", 7, 1, None, None),                   # no issuer: the name kept whole; HOTP
    ("carol@example.com", "JBSWY3DPEHPK3PXP", None, 1, "", None),           # HOTP, NULL counter
    ("bad secret", "JBSWY3DPEHPK3PX!", 0, 0, "X", None),                     # skipped
    ("odd type", "JBSWY3DPEHPK3PXP", 0, 2, "Y", None),                       # skipped
    ("negative", "JBSWY3DPEHPK3PXP", -1, 1, "Z", None),                      # skipped
    ("Other:dave", "JBSWY3DPEHPK3PXP", 0, 0, "Issuer", None),                # issuer not in the label: kept
])
db.commit()
db.close()

#!/usr/bin/env python3
"""Writes accounts.db, a database shaped like Microsoft Authenticator's
internal one (the accounts table as the app creates it, trimmed to the
columns that matter), with the odd rows the importer must handle, using
Python's sqlite3 module. Deterministic. Run from this folder:
python3 make_vectors.py
"""
import os
import sqlite3

NAME = "accounts.db"
if os.path.exists(NAME):
    os.remove(NAME)
db = sqlite3.connect(NAME)
db.execute("PRAGMA page_size = 1024")
db.execute("CREATE TABLE `accounts` (`_id` INTEGER PRIMARY KEY AUTOINCREMENT, `name` TEXT NOT NULL, "
           "`username` TEXT NOT NULL, `oath_secret_key` TEXT NOT NULL, `oath_enabled` INTEGER NOT NULL, "
           "`account_type` INTEGER NOT NULL, `encrypted_oath_secret_key` TEXT NOT NULL)")
db.executemany("INSERT INTO accounts (name, username, oath_secret_key, oath_enabled, account_type, encrypted_oath_secret_key) "
               "VALUES (?,?,?,?,?,?)", [
    ("GitHub", "alice", "jbswy3dpehpk3pxp", 1, 0, ""),          # TOTP
    ("Microsoft", "bob@outlook.com", "SGVsbG8h3q2+7w==", 1, 1, ""),  # a Microsoft account: base64, 8 digits
    ("Contoso", "carol@contoso.com", "", 0, 2, ""),             # work account: skipped
    ("Keystore", "dave", "", 1, 0, "AAECAwQFBgcICQ=="),         # secret only encrypted: skipped
    ("Bad", "eve", "JBSWY3DPEHPK3PX!", 1, 0, ""),               # bad secret: skipped
    ("Future", "frank", "JBSWY3DPEHPK3PXP", 1, 7, ""),          # unknown type: skipped
    (" GitLab ", "gitlab: grace", "JBSWY3DPEHPK3PXP", 1, 0, ""),  # a copy of the issuer in the name: removed
    ("Work", "Team:heidi", "JBSWY3DPEHPK3PXP", 1, 0, ""),         # another colon: kept
])
db.commit()
db.close()

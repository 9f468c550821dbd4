#!/usr/bin/env python3
"""Writes Stratum test files with implementations independent of ours:
authenticator.db3, shaped like Stratum's internal database (its tables as
the app creates them, Stratum.Droid/src/Database.cs and the entities of
Stratum.Core), with Python's sqlite3 module; backup.html, the HTML backup
as Stratum.Core/src/Backup/HtmlBackup.cs fills its template; and
legacy.authpro, a legacy encrypted backup (PBKDF2-SHA1, 64,000
iterations, AES-256-CBC, PKCS#7) with python3-cryptography, password
"test". Deterministic: fixed salt and IV. Run from this folder:
python3 make_vectors.py
"""
import json
import os
import sqlite3

from cryptography.hazmat.primitives import hashes, padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

S = "JBSWY3DPEHPK3PXP"

NAME = "authenticator.db3"
if os.path.exists(NAME):
    os.remove(NAME)
db = sqlite3.connect(NAME)
db.execute("PRAGMA page_size = 1024")
db.execute('CREATE TABLE "authenticator" ("type" integer, "icon" varchar, "issuer" varchar(32), "username" varchar(40), '
           '"secret" varchar primary key not null, "pin" varchar, "algorithm" integer, "digits" integer, "period" integer, '
           '"counter" integer, "copyCount" integer, "ranking" integer)')
db.execute('CREATE TABLE "category" ("id" varchar(8) primary key not null, "name" varchar(32), "ranking" integer)')
db.execute('CREATE TABLE "authenticatorcategory" ("categoryId" varchar, "authenticatorSecret" varchar, "ranking" integer)')
db.execute('CREATE INDEX "authenticatorcategory_categoryId" on "authenticatorcategory"("categoryId")')
db.executemany("INSERT INTO authenticator VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", [
    (2, None, "GitHub", "alice", S, None, 1, 8, 60, 0, 3, 0),
    (1, None, "Bank", None, "JBSWY3DPEHPK3PXQ", None, 2, 6, 30, 7, 0, 1),
    (3, None, "M", "m", "0123456789abcdef", "1234", 0, 6, 10, 0, 0, 2),     # mOTP: skipped
    (4, None, "Steam", "carol", "JBSWY3DPEHPK3PXR", None, 0, 5, 30, 0, 0, 3),
    (2, None, "X", "alg", "JBSWY3DPEHPK3PXS", None, 7, 6, 30, 0, 0, 4),               # algorithm 7: skipped
    (2, None, "GitLab", "GitLab: dave", "JBSWY3DPEHPK3PXT", None, 0, 6, 30, 0, 0, 5),  # the issuer repeated: removed
])
db.executemany("INSERT INTO category VALUES (?,?,?)", [("c1", "Work", 0), ("c2", "Games", 1)])
db.executemany("INSERT INTO authenticatorcategory VALUES (?,?,?)", [
    ("c1", S, 0), ("c2", S, 1), ("c2", "JBSWY3DPEHPK3PXR", 0),
])
db.commit()
db.close()

rows = [
    ("Deno", "Mason", "otpauth://totp/Deno%3AMason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno"),
    ("Issuu", "James", "otpauth://hotp/Issuu%3AJames?secret=YOOMIXWS5GN6RTBPUFFWKTW5M4&issuer=Issuu&counter=1"),
    ("Boeing", "Sophia", "otpauth://totp/Boeing%3ASophia?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&issuer=Boeing&steam"),
    ("Steam", "", "otpauth://totp/Steam?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&issuer=Steam"),
    ("Y", "y", "otpauth://yaotp/Y%3Ay?secret=JBSWY3DPEHPK3PXP&issuer=Y&pin_length=4"),
]
items = "".join(f"""
<tr>
    <td>{i}</td>
    <td>{u}</td>
    <td><code>{uri}</code></td>
    <td><img src="data:image/png;base64,iVBORw0KGgo="></td>
</tr>""" for i, u, uri in rows)
with open("backup.html", "w") as f:
    f.write(f"""<!doctype html>
<html>
    <head>
        <meta charset="utf-8">
        <title>Stratum Backup</title>
    </head>
    <body>
        <table>
            <tr>
                <th>Issuer</th>
                <th>Username</th>
                <th>OTP Auth URI</th>
                <th>QR Code</th>
            </tr>
            {items}
        </table>
    </body>
</html>
""")

backup = {
    "Authenticators": [{"Type": 2, "Icon": None, "Issuer": "Deno", "Username": "Mason", "Secret": "4SJHB4GSD43FZBAI7C2HLRJGPQ",
                        "Pin": None, "Algorithm": 0, "Digits": 6, "Period": 30, "Counter": 0, "CopyCount": 0, "Ranking": 0}],
    "Categories": [], "AuthenticatorCategories": [], "CustomIcons": [],
}
salt, iv = bytes(range(20)), bytes(range(100, 116))
key = PBKDF2HMAC(algorithm=hashes.SHA1(), length=32, salt=salt, iterations=64000).derive(b"test")
padder = padding.PKCS7(128).padder()
plain = padder.update(json.dumps(backup).encode()) + padder.finalize()
enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
with open("legacy.authpro", "wb") as f:
    f.write(b"AuthenticatorPro" + salt + iv + enc.update(plain) + enc.finalize())

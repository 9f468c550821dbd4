#!/usr/bin/env python3
"""Writes the TOTP Authenticator test vectors of this folder, independently
of the Go importer, from the public description of the backup (Aegis's
TotpAuthenticatorImporter.java): base64 of AES-256-CBC with PKCS#7 padding,
a zero IV, the key the SHA-256 of the password; the plaintext a JSON object
whose first member's name is the JSON list of accounts. Deterministic. Run
it from this folder:

    python3 make_vectors.py
"""
import base64
import hashlib
import json

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def backup(accounts, password):
    inner = json.dumps(accounts, separators=(",", ":"))
    plain = json.dumps({inner: "1700000000"}, separators=(",", ":")).encode()
    padder = padding.PKCS7(128).padder()
    plain = padder.update(plain) + padder.finalize()
    key = hashlib.sha256(password.encode()).digest()
    enc = Cipher(algorithms.AES(key), modes.CBC(bytes(16))).encryptor()
    text = base64.b64encode(enc.update(plain) + enc.finalize()).decode()
    # Wrapped at 76 columns, as some tools do: the importer ignores line breaks.
    return "\n".join(text[i:i + 76] for i in range(0, len(text), 76)) + "\n"


# A1, A2, A3 of aegis-testdata-plain.txt, with the secret in each base the
# app knows, digits and period as strings and as numbers, and one account
# with neither.
accounts = [
    {"base": 16, "digits": "6", "issuer": "Deno", "key": "E49270F0D21F365C8408F8B475C5267C", "name": "Mason", "period": "30"},
    {"base": 32, "digits": 7, "issuer": "SPDX", "key": "5OM4WOOGPLQEF6UGN3CPEOOLWU", "name": "James", "period": 20},
    {"base": 64, "issuer": "Airbnb", "key": base64.b64encode(bytes.fromhex("F91664C8D768853AEDDE5A936C16BA88")).decode(), "name": "Elijah"},
]

with open("backup_password.txt", "w") as f:
    f.write(backup(accounts, "correct horse"))
# A backup made without a password: the app uses its built-in one.
with open("backup_nopassword.txt", "w") as f:
    f.write(backup(accounts[:1], "TotpAuthenticator"))

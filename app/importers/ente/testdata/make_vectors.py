#!/usr/bin/python3
"""Writes the encrypted Ente Auth exports and secretstream vectors the Go
tests read.

The format, as Ente Auth writes it (ente-io/ente, docs/docs/auth/migration/
export.md, and the app's export code: CryptoUtil.deriveSensitiveKey, then
CryptoUtil.encryptData):

    {"version": 1,
     "kdfParams": {"memLimit": bytes, "opsLimit": passes, "salt": base64(16 bytes)},
     "encryptedData": base64(ciphertext), "encryptionNonce": base64(24-byte header)}

key = libsodium crypto_pwhash(ARGON2ID13, password, salt, opsLimit, memLimit),
32 bytes; encryptedData = crypto_secretstream_xchacha20poly1305 under that key,
whose header is encryptionNonce; Ente pushes the whole plain export (otpauth
URIs, one a line) as one message tagged TAG_FINAL.

This script uses python3-nacl (libsodium), independently of the Go code.
libsodium's init_push draws a random header; to keep the output fixed, a state
is set up with init_pull from a fixed header instead, which gives the state
init_push would have made with that header, and messages are pushed with it.
Every stream is then opened again with libsodium's pull before it is written.
Run it from this directory: ./make_vectors.py
"""

import base64
import json
from urllib.parse import quote

import nacl.bindings as b
from nacl._sodium import ffi

ss_init_pull = b.crypto_secretstream_xchacha20poly1305_init_pull
ss_push = b.crypto_secretstream_xchacha20poly1305_push
ss_pull = b.crypto_secretstream_xchacha20poly1305_pull
ss_state = b.crypto_secretstream_xchacha20poly1305_state
TAG_MESSAGE = b.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
TAG_PUSH = b.crypto_secretstream_xchacha20poly1305_TAG_PUSH
TAG_REKEY = b.crypto_secretstream_xchacha20poly1305_TAG_REKEY
TAG_FINAL = b.crypto_secretstream_xchacha20poly1305_TAG_FINAL


def set_counter(st, counter):
    """Sets the message counter of a state, libsodium's
    crypto_secretstream_xchacha20poly1305_state {k[32], nonce[12], pad[8]},
    whose nonce starts with the 4-byte little-endian counter."""
    ffi.buffer(st.statebuf)[32:36] = counter.to_bytes(4, "little")


def push(key, header, messages, ad=None, counter=1):
    """Encrypts messages, a list of (bytes, tag), into a list of chunks,
    from the message counter given (1 is where every stream starts)."""
    st = ss_state()
    ss_init_pull(st, header, key)  # the state init_push makes with header
    set_counter(st, counter)
    chunks = [ss_push(st, m, ad, tag) for m, tag in messages]
    st = ss_state()
    ss_init_pull(st, header, key)
    set_counter(st, counter)
    for (m, tag), c in zip(messages, chunks):
        assert ss_pull(st, c, ad) == (m, tag)
    return chunks


def derive(password, salt, ops, mem):
    return b.crypto_pwhash_alg(32, password, salt, ops, mem, b.crypto_pwhash_ALG_ARGON2ID13)


# What Ente Auth holds of ../../../../../shared/testdata/foreign/
# aegis-testdata-plain.txt: all seven accounts, each line with the
# codeDisplay parameter Ente adds (here a note on one and a tag on another).
def display(note="", tags=()):
    d = {"pinned": False, "trashed": False, "lastUsedAt": 0, "tapCount": 0, "tags": list(tags), "note": note}
    return "&codeDisplay=" + quote(json.dumps(d, separators=(",", ":")), safe="")


PLAIN = "\n".join([
    "otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno&algorithm=SHA1&digits=6&period=30" + display(tags=["Work"]),
    "otpauth://totp/SPDX:James?secret=5OM4WOOGPLQEF6UGN3CPEOOLWU&issuer=SPDX&algorithm=SHA256&digits=7&period=20" + display(note="a note"),
    "otpauth://totp/Airbnb:Elijah?secret=7ELGJSGXNCCTV3O6LKJWYFV2RA&issuer=Airbnb&algorithm=SHA512&digits=8&period=50" + display(),
    "otpauth://hotp/Issuu:James?secret=YOOMIXWS5GN6RTBPUFFWKTW5M4&issuer=Issuu&algorithm=SHA1&digits=6&counter=1" + display(),
    "otpauth://hotp/Air%20Canada:Benjamin?secret=KUVJJOM753IHTNDSZVCNKL7GII&issuer=Air+Canada&algorithm=SHA256&digits=7&counter=50" + display(),
    "otpauth://hotp/WWE:Mason?secret=5VAML3X35THCEBVRLV24CGBKOY&issuer=WWE&algorithm=SHA512&digits=8&counter=10300" + display(),
    "otpauth://steam/Boeing:Sophia?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&issuer=Boeing&algorithm=SHA1&digits=5&period=30" + display(),
]).encode()

SALT = bytes(range(16))
HEADER = bytes(range(0x40, 0x58))
b64 = lambda x: base64.b64encode(x).decode()


def export(password, ops, mem, messages):
    key = derive(password, SALT, ops, mem)
    chunks = push(key, HEADER, messages)
    return json.dumps({"version": 1, "kdfParams": {"memLimit": mem, "opsLimit": ops, "salt": b64(SALT)},
                       "encryptedData": b64(b"".join(chunks)), "encryptionNonce": b64(HEADER)})


def write(name, text):
    with open(name, "w") as f:
        f.write(text)


# libsodium's interactive cost (64 MiB, 2 passes): Ente writes more (256 MiB
# and 16 passes, or 1 GiB and 4 on older versions), which the tests would
# take too long to derive.
write("encrypted.json", export(b"test", 2, 64 << 20, [(PLAIN, TAG_FINAL)]))
# The smallest cost libsodium allows (8 KiB, 1 pass), for the fuzz target
# and the cases below.
CHEAP = (1, 8192)
write("cheap.json", export(b"test", *CHEAP, [(PLAIN, TAG_FINAL)]))
# Several chunks of 64 bytes of plain text (the Go test reads them with a
# chunk size of 64+17 bytes), with a PUSH and a REKEY tag on the way.
parts = [PLAIN[i:i + 64] for i in range(0, len(PLAIN), 64)]
tags = [TAG_MESSAGE] * len(parts)
tags[1], tags[2], tags[-1] = TAG_PUSH, TAG_REKEY, TAG_FINAL
write("multichunk.json", export(b"test", *CHEAP, list(zip(parts, tags))))
# The same chunks without the last one: the stream ends without TAG_FINAL.
write("truncated.json", export(b"test", *CHEAP, list(zip(parts, tags))[:-1]))
# One chunk tagged TAG_MESSAGE: the stream does not say it is complete.
write("not_final.json", export(b"test", *CHEAP, [(PLAIN, TAG_MESSAGE)]))
# A final chunk followed by another.
write("after_final.json", export(b"test", *CHEAP, [(parts[0], TAG_FINAL), (parts[1], TAG_FINAL)]))
# The password is right, but what it decrypts is not text.
write("not_text.json", export(b"test", *CHEAP, [(b"\xff\xfe\x00binary", TAG_FINAL)]))

# Raw secretstream vectors: messages of lengths around the block and pad
# boundaries, with and without associated data, each tag, and a rekey.
vectors = []
key = bytes(range(0x80, 0xa0))
for n, (lengths, ad) in enumerate([
    ([0], None),
    ([1, 15, 16, 17], None),
    ([63, 64, 65, 200, 0], b"ad"),
    ([5, 300, 31, 1], b"sixteen byte ad!" + b"and more"),
]):
    header = bytes([n]) * 24
    messages = []
    for i, length in enumerate(lengths):
        tag = [TAG_MESSAGE, TAG_PUSH, TAG_REKEY, TAG_MESSAGE][i % 4]
        if i == len(lengths) - 1:
            tag = TAG_FINAL
        messages.append((bytes((i * 7 + j) & 0xff for j in range(length)), tag))
    chunks = push(key, header, messages, ad)
    vectors.append({"key": key.hex(), "header": header.hex(), "ad": (ad or b"").hex(),
                    "chunks": [c.hex() for c in chunks], "messages": [m.hex() for m, _ in messages],
                    "tags": [t for _, t in messages]})
# A stream whose counter starts two messages before it wraps to 0, where
# libsodium rekeys (2^32 messages are too many to push): the vector sets the
# counter in libsodium's state, and so does the Go test in its own.
header = bytes([9]) * 24
messages = [(b"before the wrap", TAG_MESSAGE), (b"at the wrap", TAG_MESSAGE), (b"rekeyed", TAG_MESSAGE),
            (b"final", TAG_FINAL)]
chunks = push(key, header, messages, None, 0xfffffffe)
vectors.append({"key": key.hex(), "header": header.hex(), "ad": "", "counter": 0xfffffffe,
                "chunks": [c.hex() for c in chunks], "messages": [m.hex() for m, _ in messages],
                "tags": [t for _, t in messages]})
write("secretstream.json", json.dumps(vectors, indent=1))

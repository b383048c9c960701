#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Independent construction (pyca/cryptography) of the IKEv2 SK known answers in
# test/ipsec-ikev2-payloads-test-suite.cc: RFC 7296 §3.1 header, §3.2 generic payload headers,
# §3.14 SK (CBC: zero padding to 16, Pad Length, HMAC-SHA-256-128 over header..ciphertext),
# RFC 5282 (GCM: nonce = salt || IV, AAD = header .. SK generic header, no padding).
import hmac, hashlib, struct
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

SK_E = bytes(range(0x20, 0x30))
SALT = bytes([1, 2, 3, 4])
SK_A = bytes(range(0x30, 0x50))
IV16 = bytes(range(0xc0, 0xd0))
IV8 = bytes(range(0xd0, 0xd8))

# inner: IDi (FQDN "mn1.example.org"), Nonce 16 x 0x11
idi_body = bytes([2, 0, 0, 0]) + b"mn1.example.org"
nonce_body = bytes([0x11] * 16)
inner = struct.pack("!BBH", 40, 0, 4 + len(idi_body)) + idi_body
inner += struct.pack("!BBH", 0, 0, 4 + len(nonce_body)) + nonce_body


def header(total):
    return (bytes.fromhex("0102030405060708") + bytes.fromhex("1112131415161718") +
            bytes([46, 0x20, 35, 0x08]) + struct.pack("!II", 1, total))


def cbc():
    n = len(inner) + 1
    enc = (n + 15) // 16 * 16
    pad = enc - n
    plain = inner + bytes(pad) + bytes([pad])
    sk_len = 4 + 16 + enc + 16
    total = 28 + sk_len
    e = Cipher(algorithms.AES(SK_E), modes.CBC(IV16)).encryptor()
    ct = e.update(plain) + e.finalize()
    msg = header(total) + struct.pack("!BBH", 35, 0, sk_len) + IV16 + ct
    return msg + hmac.new(SK_A, msg, hashlib.sha256).digest()[:16]


def gcm():
    plain = inner + bytes([0])
    sk_len = 4 + 8 + len(plain) + 16
    total = 28 + sk_len
    aad = header(total) + struct.pack("!BBH", 35, 0, sk_len)
    return aad + IV8 + AESGCM(SK_E).encrypt(SALT + IV8, plain, aad)


print("cbc", cbc().hex())
print("gcm", gcm().hex())

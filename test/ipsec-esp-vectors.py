#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Independent construction of the ESP known-answer vectors of test/ipsec-esp-test-suite.cc with
# pyca/cryptography (OpenSSL underneath, but none of mip6's code): RFC 4303 §2 layout, §2.4
# padding 1, 2, 3 ..., RFC 3602 AES-CBC, RFC 2404 / RFC 4868 truncated HMACs, RFC 4106 GCM
# (nonce = salt || explicit IV, AAD = SPI || Seq). Prints the vectors as hex.
import hmac, hashlib
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

SPI = 0x00001001
SEQ = 7
ENC = bytes(range(0x10, 0x20))
SALT = bytes([0xca, 0xfe, 0xba, 0xbe])
AUTH20 = bytes(range(0x40, 0x54))
AUTH32 = bytes(range(0x60, 0x80))
IV16 = bytes(range(0xa0, 0xb0))
IV8 = bytes(range(0xb0, 0xb8))
PAYLOADS = {"mh32": bytes(range(32)), "odd5": b"\x01\x02\x03\x04\x05"}
NH = 135


def pad(p, align):
    n = (align - (len(p) + 2) % align) % align
    return p + bytes(range(1, n + 1)) + bytes([n, NH])


def hdr():
    return SPI.to_bytes(4, "big") + SEQ.to_bytes(4, "big")


def cbc(p, key, mac, icv):
    e = Cipher(algorithms.AES(ENC), modes.CBC(IV16)).encryptor()
    body = hdr() + IV16 + e.update(pad(p, 16)) + e.finalize()
    return body + hmac.new(key, body, mac).digest()[:icv]


def gcm(p):
    ct = AESGCM(ENC).encrypt(SALT + IV8, pad(p, 4), hdr())
    return hdr() + IV8 + ct


def null(p):
    body = hdr() + pad(p, 4)
    return body + hmac.new(AUTH20, body, hashlib.sha1).digest()[:12]


for name, p in PAYLOADS.items():
    print(name, "cbc-sha1", cbc(p, AUTH20, hashlib.sha1, 12).hex())
    print(name, "cbc-sha256", cbc(p, AUTH32, hashlib.sha256, 16).hex())
    print(name, "gcm", gcm(p).hex())
    print(name, "null-sha1", null(p).hex())

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Generates mip6's fixed test PKI with the openssl CLI, ONCE; the output is committed and the
# library compiles it in (mip6-test-pki.cc), so nothing is read from files or generated at run time
# (DESIGN.md §1: certificates are fixed files in the repository). Running this again makes new
# keys and signatures, so every certificate-dependent byte count and hash changes: only do it on
# purpose, and commit all the results together.
#
#   test-pki/ca.pem, ca.key          mip6 Test CA: ECDSA P-256, self-signed,
#                                    valid 2020-01-01T00:00:00Z .. 2099-12-31T23:59:59Z
#   test-pki/ha.pem, ha.key          CN=ha.mip6.example  (home agent; IKEv2)
#   test-pki/hac.pem, hac.key        CN=hac.mip6.example (HA controller; RFC 6618 TLS server)
#                                    both valid 2024-01-01T00:00:00Z .. 2035-12-31T23:59:59Z,
#                                    ECDSA P-256 keys, ecdsa-with-SHA256 signatures by the CA
#   test-pki/rogue-ca.pem            a CA with the same name as the test CA but another key
#   test-pki/rogue-ha.pem, .key      CN=ha.mip6.example issued by the rogue CA (must not verify)
#   mip6-test-pki.cc                 the PEM texts above as string constants
#
# Usage: model/crypto/make-test-pki.sh   (needs openssl >= 3.0; clang-format if available)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out="$here/test-pki"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

ca_start=20200101000000Z
ca_end=20991231235959Z
ee_start=20240101000000Z
ee_end=20351231235959Z

# A minimal `openssl ca` setup: it is the 3.0 CLI command that accepts explicit start/end dates.
make_ca_dir() {
    local dir=$1 serial=$2
    mkdir -p "$dir/newcerts"
    : >"$dir/index.txt"
    echo "$serial" >"$dir/serial"
    cat >"$dir/ca.cnf" <<CNF
[ ca ]
default_ca = mip6_ca
[ mip6_ca ]
dir = $dir
database = $dir/index.txt
new_certs_dir = $dir/newcerts
serial = $dir/serial
default_md = sha256
policy = policy_cn
unique_subject = no
email_in_dn = no
copy_extensions = none
[ policy_cn ]
organizationName = supplied
commonName = supplied
[ req ]
distinguished_name = req_dn
prompt = no
[ req_dn ]
[ v3_ca ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ v3_ha ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth, clientAuth, ipsecIKE
subjectAltName = DNS:ha.mip6.example
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ v3_hac ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = DNS:hac.mip6.example
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
CNF
}

new_key() {
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
        -pkeyopt ec_param_enc:named_curve -out "$1" 2>/dev/null
}

# A self-signed CA certificate.
make_root() {
    local dir=$1 key=$2 cert=$3
    openssl req -new -config "$dir/ca.cnf" -key "$key" -subj "/O=mip6/CN=mip6 Test CA" \
        -out "$dir/root.csr"
    openssl ca -batch -notext -config "$dir/ca.cnf" -selfsign -keyfile "$key" \
        -in "$dir/root.csr" -extensions v3_ca -startdate "$ca_start" -enddate "$ca_end" \
        -out "$cert" 2>/dev/null
}

# An end-entity certificate issued by the CA of $dir.
make_ee() {
    local dir=$1 cakey=$2 cacert=$3 cn=$4 ext=$5 key=$6 cert=$7
    openssl req -new -config "$dir/ca.cnf" -key "$key" -subj "/O=mip6/CN=$cn" -out "$dir/ee.csr"
    openssl ca -batch -notext -config "$dir/ca.cnf" -keyfile "$cakey" -cert "$cacert" \
        -in "$dir/ee.csr" -extensions "$ext" -startdate "$ee_start" -enddate "$ee_end" \
        -out "$cert" 2>/dev/null
}

make_ca_dir "$work/ca" 1000
new_key "$out/ca.key"
make_root "$work/ca" "$out/ca.key" "$out/ca.pem"
new_key "$out/ha.key"
make_ee "$work/ca" "$out/ca.key" "$out/ca.pem" ha.mip6.example v3_ha "$out/ha.key" "$out/ha.pem"
new_key "$out/hac.key"
make_ee "$work/ca" "$out/ca.key" "$out/ca.pem" hac.mip6.example v3_hac "$out/hac.key" \
    "$out/hac.pem"

make_ca_dir "$work/rogue" 2000
new_key "$work/rogue-ca.key"
make_root "$work/rogue" "$work/rogue-ca.key" "$out/rogue-ca.pem"
new_key "$out/rogue-ha.key"
make_ee "$work/rogue" "$work/rogue-ca.key" "$out/rogue-ca.pem" ha.mip6.example v3_ha \
    "$out/rogue-ha.key" "$out/rogue-ha.pem"

# Sanity: the real chain verifies at the library's default epoch (2026-01-01T00:00:00Z).
openssl verify -attime 1767225600 -x509_strict -CAfile "$out/ca.pem" "$out/ha.pem" "$out/hac.pem"

# Keys as PKCS#8 (the form PEM_read_bio_PrivateKey and libssl read).
for k in ca ha hac rogue-ha; do
    openssl pkey -in "$out/$k.key" -out "$work/$k.p8"
    mv "$work/$k.p8" "$out/$k.key"
done

emit() { # name file
    printf '\nconst char*\nMip6TestPki::%s()\n{\n    return R"PEM(%s\n)PEM";\n}\n' "$1" "$(cat "$2")"
}

cc="$here/mip6-test-pki.cc"
{
    cat <<'HEAD'
/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * GENERATED by model/crypto/make-test-pki.sh from model/crypto/test-pki/: do not edit.
 * Test credentials only; never use them outside simulations.
 */

#include "ns3/mip6-test-pki.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6TestPki");
HEAD
    emit CaCertificatePem "$out/ca.pem"
    emit CaKeyPem "$out/ca.key"
    emit HaCertificatePem "$out/ha.pem"
    emit HaKeyPem "$out/ha.key"
    emit HacCertificatePem "$out/hac.pem"
    emit HacKeyPem "$out/hac.key"
    emit RogueCaCertificatePem "$out/rogue-ca.pem"
    emit RogueHaCertificatePem "$out/rogue-ha.pem"
    emit RogueHaKeyPem "$out/rogue-ha.key"
    printf '\n} // namespace ns3\n'
} >"$cc"

chmod 644 "$out"/*.key

if command -v clang-format >/dev/null; then
    clang-format -i --style=file "$cc"
fi
echo "wrote $out and $cc"

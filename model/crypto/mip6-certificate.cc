/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/mip6-certificate.h"

#include "mip6-crypto-internal.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-test-pki.h"

#include <climits>
#include <ctime>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6Certificate");

using mip6crypto::OpensslError;
using mip6crypto::Owned;

namespace
{

/// \return a shared X509 that frees itself
std::shared_ptr<X509>
ShareX509(X509* x)
{
    return std::shared_ptr<X509>(x, [](X509* p) { X509_free(p); });
}

/// \return the commonName of a name, "" if none
std::string
CommonName(const X509_NAME* name)
{
    const int idx = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    if (idx < 0)
    {
        return "";
    }
    const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, idx));
    unsigned char* utf8 = nullptr;
    const int len = ASN1_STRING_to_UTF8(&utf8, data);
    if (len < 0)
    {
        ERR_clear_error();
        return "";
    }
    std::string out(reinterpret_cast<char*>(utf8), static_cast<size_t>(len));
    OPENSSL_free(utf8);
    return out;
}

/// \return seconds since the epoch of an ASN1_TIME, or 0 when it cannot be read
int64_t
UnixTime(const ASN1_TIME* t)
{
    struct tm tm
    {
    };

    if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1)
    {
        ERR_clear_error();
        return 0;
    }
    return static_cast<int64_t>(timegm(&tm));
}

} // namespace

// ---- Mip6Certificate ----

Mip6CryptoResult<Mip6Certificate>
Mip6Certificate::FromPem(const std::string& pem)
{
    Mip6CryptoRandom::Install();
    if (pem.size() > static_cast<size_t>(INT_MAX))
    {
        return Mip6CryptoError{"bad-pem: too long"};
    }
    Owned<BIO> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    X509* x = bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr;
    if (x == nullptr)
    {
        return OpensslError("bad-pem: no certificate");
    }
    Mip6Certificate cert;
    cert.m_cert = ShareX509(x);
    return cert;
}

Mip6CryptoResult<Mip6Certificate>
Mip6Certificate::FromDer(const Mip6Bytes& der)
{
    Mip6CryptoRandom::Install();
    if (der.empty() || der.size() > static_cast<size_t>(LONG_MAX))
    {
        return Mip6CryptoError{"bad-der: empty certificate"};
    }
    const unsigned char* p = der.data();
    X509* x = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
    if (x == nullptr)
    {
        return OpensslError("bad-der: not a certificate");
    }
    if (p != der.data() + der.size())
    {
        X509_free(x);
        return Mip6CryptoError{"bad-der: " + std::to_string(der.data() + der.size() - p) +
                               " trailing bytes after the certificate"};
    }
    Mip6Certificate cert;
    cert.m_cert = ShareX509(x);
    return cert;
}

Mip6Bytes
Mip6Certificate::GetDer() const
{
    unsigned char* out = nullptr;
    const int len = i2d_X509(m_cert.get(), &out);
    if (len <= 0)
    {
        ERR_clear_error();
        return Mip6Bytes();
    }
    Mip6Bytes der(out, out + len);
    OPENSSL_free(out);
    return der;
}

std::string
Mip6Certificate::ToPem() const
{
    Owned<BIO> bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), m_cert.get()) != 1)
    {
        ERR_clear_error();
        return "";
    }
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return len > 0 ? std::string(data, static_cast<size_t>(len)) : std::string();
}

std::string
Mip6Certificate::GetSubjectCommonName() const
{
    return CommonName(X509_get_subject_name(m_cert.get()));
}

std::string
Mip6Certificate::GetIssuerCommonName() const
{
    return CommonName(X509_get_issuer_name(m_cert.get()));
}

int64_t
Mip6Certificate::GetNotBefore() const
{
    return UnixTime(X509_get0_notBefore(m_cert.get()));
}

int64_t
Mip6Certificate::GetNotAfter() const
{
    return UnixTime(X509_get0_notAfter(m_cert.get()));
}

// RFC 5929 §4.1
Mip6CryptoResult<Mip6Bytes>
Mip6Certificate::GetTlsServerEndpoint() const
{
    int mdNid = NID_undef;
    int pkNid = NID_undef;
    if (X509_get_signature_info(m_cert.get(), &mdNid, &pkNid, nullptr, nullptr) != 1 ||
        mdNid == NID_undef)
    {
        return OpensslError("tls-server-endpoint: signature algorithm has no hash function");
    }
    // "if the certificate's signatureAlgorithm uses a single hash function and that hash function
    // is either MD5 or SHA-1, then use SHA-256"
    if (mdNid == NID_md5 || mdNid == NID_sha1)
    {
        mdNid = NID_sha256;
    }
    const EVP_MD* md = mip6crypto::FetchDigest(OBJ_nid2sn(mdNid));
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (md == nullptr || X509_digest(m_cert.get(), md, out, &len) != 1)
    {
        return OpensslError("tls-server-endpoint: hashing the certificate");
    }
    return Mip6Bytes(out, out + len);
}

Mip6CryptoResult<Mip6EcdsaP256Key>
Mip6Certificate::GetPublicKey() const
{
    EVP_PKEY* pkey = X509_get0_pubkey(m_cert.get());
    if (pkey == nullptr)
    {
        return OpensslError("certificate: unreadable public key");
    }
    return Mip6EcdsaP256Key::FromPkey(pkey);
}

Mip6Bytes
Mip6Certificate::GetSubjectPublicKeyInfoDer() const
{
    X509_PUBKEY* spki = X509_get_X509_PUBKEY(m_cert.get());
    const int len = spki ? i2d_X509_PUBKEY(spki, nullptr) : 0;
    if (len <= 0)
    {
        return {};
    }
    Mip6Bytes der(static_cast<size_t>(len));
    unsigned char* p = der.data();
    if (i2d_X509_PUBKEY(spki, &p) != len)
    {
        return {};
    }
    return der;
}

X509*
Mip6Certificate::Get() const
{
    return m_cert.get();
}

// ---- Mip6CertificateVerifier ----

Mip6CertificateVerifier::Mip6CertificateVerifier() = default;

Mip6CertificateVerifier
Mip6CertificateVerifier::ForTestPki()
{
    Mip6CertificateVerifier verifier;
    auto ca = Mip6Certificate::FromPem(Mip6TestPki::CaCertificatePem());
    NS_ABORT_MSG_UNLESS(ca, "the compiled-in test CA does not parse: " << ca.GetError());
    verifier.AddTrustAnchor(*ca);
    return verifier;
}

void
Mip6CertificateVerifier::AddTrustAnchor(const Mip6Certificate& anchor)
{
    m_anchors.push_back(anchor);
}

void
Mip6CertificateVerifier::SetEpoch(int64_t unixSeconds)
{
    m_epoch = unixSeconds;
}

int64_t
Mip6CertificateVerifier::GetEpoch() const
{
    return m_epoch;
}

void
Mip6CertificateVerifier::ApplyTo(X509_VERIFY_PARAM* param) const
{
    // set_time also sets X509_V_FLAG_USE_CHECK_TIME: the wall clock is never consulted.
    X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(m_epoch));
    X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_X509_STRICT);
}

Mip6CryptoResult<X509_STORE*>
Mip6CertificateVerifier::NewX509Store() const
{
    X509_STORE* store = X509_STORE_new();
    if (store == nullptr)
    {
        return OpensslError("verifier: X509_STORE_new");
    }
    for (const Mip6Certificate& anchor : m_anchors)
    {
        if (X509_STORE_add_cert(store, anchor.Get()) != 1)
        {
            X509_STORE_free(store);
            return OpensslError("verifier: adding a trust anchor");
        }
    }
    X509_VERIFY_PARAM* param = X509_VERIFY_PARAM_new();
    if (param == nullptr)
    {
        X509_STORE_free(store);
        return OpensslError("verifier: X509_VERIFY_PARAM_new");
    }
    ApplyTo(param);
    const int ok = X509_STORE_set1_param(store, param);
    X509_VERIFY_PARAM_free(param);
    if (ok != 1)
    {
        X509_STORE_free(store);
        return OpensslError("verifier: X509_STORE_set1_param");
    }
    return store;
}

Mip6CryptoStatus
Mip6CertificateVerifier::Verify(const Mip6Certificate& leaf,
                                const std::vector<Mip6Certificate>& intermediates,
                                const std::string& expectedName) const
{
    NS_LOG_FUNCTION(leaf.GetSubjectCommonName() << intermediates.size() << expectedName);
    if (m_anchors.empty())
    {
        return Mip6CryptoError{"verify: no trust anchor"};
    }
    auto store = NewX509Store();
    if (!store)
    {
        return Mip6CryptoError{store.GetError()};
    }
    STACK_OF(X509)* chain = sk_X509_new_null();
    X509_STORE_CTX* ctx = X509_STORE_CTX_new();
    bool ok = chain != nullptr && ctx != nullptr;
    for (const Mip6Certificate& c : intermediates)
    {
        ok = ok && sk_X509_push(chain, c.Get()) > 0;
    }
    ok = ok && X509_STORE_CTX_init(ctx, *store, leaf.Get(), chain) == 1;
    if (ok && !expectedName.empty())
    {
        ok = X509_VERIFY_PARAM_set1_host(X509_STORE_CTX_get0_param(ctx),
                                         expectedName.c_str(),
                                         expectedName.size()) == 1;
    }
    Mip6CryptoStatus result = Mip6CryptoStatus::Ok();
    if (!ok)
    {
        result = OpensslError("verify: setting up");
    }
    else if (X509_verify_cert(ctx) != 1)
    {
        const int err = X509_STORE_CTX_get_error(ctx);
        result = Mip6CryptoError{std::string("verify: ") + X509_verify_cert_error_string(err)};
        ERR_clear_error();
    }
    X509_STORE_CTX_free(ctx);
    sk_X509_free(chain); // the certificates belong to the Mip6Certificate objects
    X509_STORE_free(*store);
    return result;
}

} // namespace ns3

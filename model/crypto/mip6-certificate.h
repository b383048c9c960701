/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * X.509 certificates and their verification at a fixed simulated epoch, never the wall clock.
 */

#ifndef MIP6_CERTIFICATE_H
#define MIP6_CERTIFICATE_H

#include "ns3/mip6-crypto-types.h"
#include "ns3/mip6-ecdsa.h"

#include <cstdint>
#include <memory>
#include <openssl/types.h>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup mip6-crypto
 * An X.509 certificate (shared, immutable).
 */
class Mip6Certificate
{
  public:
    /**
     * Reads the first certificate of a PEM text.
     * \param pem the text
     * \return the certificate, or why not
     */
    static Mip6CryptoResult<Mip6Certificate> FromPem(const std::string& pem);

    /**
     * Reads a DER certificate; the DER must be exactly one certificate (no trailing bytes).
     * \param der the bytes
     * \return the certificate, or why not
     */
    static Mip6CryptoResult<Mip6Certificate> FromDer(const Mip6Bytes& der);

    /// \return the DER encoding (what IKEv2 CERT payloads and TLS Certificate messages carry)
    Mip6Bytes GetDer() const;

    /// \return the PEM encoding
    std::string ToPem() const;

    /// \return the subject's commonName ("" if none)
    std::string GetSubjectCommonName() const;

    /// \return the issuer's commonName ("" if none)
    std::string GetIssuerCommonName() const;

    /// \return notBefore in seconds since 1970-01-01T00:00:00Z
    int64_t GetNotBefore() const;

    /// \return notAfter in seconds since 1970-01-01T00:00:00Z
    int64_t GetNotAfter() const;

    /**
     * The RFC 5929 §4.1 tls-server-endpoint channel binding: the hash of the DER certificate with
     * the hash function of its signature algorithm, SHA-256 when that is MD5 or SHA-1. RFC 6618
     * §5 binds MHAuth to it. (SHA-256 of the DER for the test PKI's ecdsa-with-SHA256.)
     * \return the hash, or why not (a signature algorithm without a hash, e.g. Ed25519)
     */
    Mip6CryptoResult<Mip6Bytes> GetTlsServerEndpoint() const;

    /// \return the subject's ECDSA P-256 public key, or why not
    Mip6CryptoResult<Mip6EcdsaP256Key> GetPublicKey() const;

    /**
     * The DER of the subjectPublicKeyInfo element: an IKEv2 CERTREQ names a trusted CA by the
     * SHA-1 hash of it (RFC 7296 §3.7).
     * \return the DER bytes (empty if the certificate has none)
     */
    Mip6Bytes GetSubjectPublicKeyInfoDer() const;

    /// \return the OpenSSL object (borrowed)
    X509* Get() const;

  private:
    Mip6Certificate() = default;
    std::shared_ptr<X509> m_cert; //!< the certificate
};

/**
 * \ingroup mip6-crypto
 * Verifies certificate chains against trust anchors at a fixed simulated time, set with
 * X509_VERIFY_PARAM_set_time: results never depend on the day the simulation runs.
 */
class Mip6CertificateVerifier
{
  public:
    /// Default verification time: 2026-01-01T00:00:00Z.
    static constexpr int64_t DEFAULT_EPOCH = 1767225600;

    /// A verifier with no trust anchor and the default epoch.
    Mip6CertificateVerifier();

    /// \return a verifier that trusts the mip6 test CA (Mip6TestPki), at the default epoch
    static Mip6CertificateVerifier ForTestPki();

    /// \param anchor a trusted (root) certificate
    void AddTrustAnchor(const Mip6Certificate& anchor);

    /// \param unixSeconds the simulated "now" for validity checks (seconds since 1970, UTC)
    void SetEpoch(int64_t unixSeconds);

    /// \return the simulated "now"
    int64_t GetEpoch() const;

    /**
     * Verifies a certificate: chain to a trust anchor, signatures, validity at the epoch,
     * RFC 5280 strictness (X509_V_FLAG_X509_STRICT), and optionally the host name (subjectAltName
     * DNS, or CN when there is none).
     * \param leaf the end-entity certificate
     * \param intermediates untrusted intermediate certificates (may be empty)
     * \param expectedName the DNS name the leaf must carry ("" = not checked)
     * \return success, or OpenSSL's verification error (e.g. "certificate has expired")
     */
    Mip6CryptoStatus Verify(const Mip6Certificate& leaf,
                            const std::vector<Mip6Certificate>& intermediates = {},
                            const std::string& expectedName = "") const;

    /**
     * Applies the epoch and flags to an OpenSSL verification parameter set, e.g. the one of a TLS
     * context (SSL_CTX_get0_param), so that libssl verifies like Verify().
     * \param param the parameters to change
     */
    void ApplyTo(X509_VERIFY_PARAM* param) const;

    /**
     * A new X509_STORE holding the trust anchors, with the epoch and flags applied; the caller
     * owns it (SSL_CTX_set_cert_store takes it over).
     * \return the store, or why not
     */
    Mip6CryptoResult<X509_STORE*> NewX509Store() const;

  private:
    std::vector<Mip6Certificate> m_anchors; //!< trust anchors
    int64_t m_epoch{DEFAULT_EPOCH};         //!< simulated "now"
};

} // namespace ns3

#endif /* MIP6_CERTIFICATE_H */

/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ECDSA over P-256 with SHA-256: IKEv2 AUTH (RFC 4754, RFC 7427) and the test PKI's keys.
 */

#ifndef MIP6_ECDSA_H
#define MIP6_ECDSA_H

#include "ns3/mip6-crypto-types.h"

#include <memory>
#include <openssl/types.h>
#include <string>

namespace ns3
{

/**
 * \ingroup mip6-crypto
 * An ECDSA P-256 key (private and public, or public only). Signatures use SHA-256 over the
 * message and come in two encodings: DER (ECDSA-Sig-Value, as in X.509, TLS and RFC 7427) and raw
 * r ‖ s, 32 bytes each (RFC 4754 §7, IKEv2 authentication method 9). Signing nonces come from
 * OpenSSL's DRBG, hence from the seeded stream (Mip6CryptoRandom), so signatures are reproducible.
 */
class Mip6EcdsaP256Key
{
  public:
    /// \return a new key pair, or why not
    static Mip6CryptoResult<Mip6EcdsaP256Key> Generate();

    /**
     * Reads a key from PEM: a private key ("PRIVATE KEY" or "EC PRIVATE KEY") or a public key
     * ("PUBLIC KEY"). Keys other than EC P-256 are refused.
     * \param pem the PEM text
     * \return the key, or why not
     */
    static Mip6CryptoResult<Mip6EcdsaP256Key> FromPem(const std::string& pem);

    /**
     * A public key from its point.
     * \param point 0x04 ‖ x ‖ y (65 bytes) or x ‖ y (64 bytes)
     * \return the key, or why not (e.g. a point not on the curve)
     */
    static Mip6CryptoResult<Mip6EcdsaP256Key> FromPublicPoint(const Mip6Bytes& point);

    /**
     * Wraps an existing OpenSSL key (e.g. a certificate's), checking it is EC P-256.
     * \param pkey the key (up-referenced, not taken over)
     * \return the key, or why not
     */
    static Mip6CryptoResult<Mip6EcdsaP256Key> FromPkey(EVP_PKEY* pkey);

    /// \return true when the private key is present
    bool HasPrivateKey() const;

    /// \return the public point 0x04 ‖ x ‖ y (65 bytes)
    Mip6Bytes GetPublicPoint() const;

    /// \return the private key as PKCS#8 PEM, or why not
    Mip6CryptoResult<std::string> ToPrivatePem() const;

    /// \return the public key as SubjectPublicKeyInfo PEM, or why not
    Mip6CryptoResult<std::string> ToPublicPem() const;

    /**
     * Signs SHA-256(message).
     * \param message the message
     * \return the DER signature (70–72 bytes), or why not
     */
    Mip6CryptoResult<Mip6Bytes> SignDer(const Mip6Bytes& message) const;

    /**
     * Signs SHA-256(message).
     * \param message the message
     * \return r ‖ s (64 bytes), or why not
     */
    Mip6CryptoResult<Mip6Bytes> SignRaw(const Mip6Bytes& message) const;

    /**
     * \param message the message
     * \param signature a DER signature
     * \return true when the signature is valid for this key
     */
    bool VerifyDer(const Mip6Bytes& message, const Mip6Bytes& signature) const;

    /**
     * \param message the message
     * \param signature r ‖ s (64 bytes)
     * \return true when the signature is valid for this key
     */
    bool VerifyRaw(const Mip6Bytes& message, const Mip6Bytes& signature) const;

    /**
     * Converts a DER signature to r ‖ s. The DER must be exactly one ECDSA-Sig-Value with r and s
     * of at most 32 bytes.
     * \param der the DER signature
     * \return r ‖ s, or why not
     */
    static Mip6CryptoResult<Mip6Bytes> DerToRaw(const Mip6Bytes& der);

    /**
     * Converts r ‖ s to DER.
     * \param raw 64 bytes
     * \return the DER signature, or why not
     */
    static Mip6CryptoResult<Mip6Bytes> RawToDer(const Mip6Bytes& raw);

    /// \return the OpenSSL key (borrowed; for libssl, which takes its own reference)
    EVP_PKEY* GetPkey() const;

  private:
    Mip6EcdsaP256Key() = default;
    std::shared_ptr<EVP_PKEY> m_key; //!< the key
    bool m_private{false};           //!< private part present
};

} // namespace ns3

#endif /* MIP6_ECDSA_H */

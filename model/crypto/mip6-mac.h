/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Digests, HMAC and the integrity transforms of ESP, IKEv2 and RFC 6618 altsec, including
 * AES-XCBC-MAC-96 (RFC 3566) and AES-XCBC-PRF-128 (RFC 4434), which OpenSSL 3 lacks.
 */

#ifndef MIP6_MAC_H
#define MIP6_MAC_H

#include "ns3/mip6-crypto-types.h"

#include <memory>
#include <openssl/types.h>
#include <string>

namespace ns3
{

struct Mip6XcbcKeys;

/**
 * \ingroup mip6-crypto
 * Hash functions.
 */
enum class Mip6HashAlgorithm
{
    SHA1,   ///< SHA-1 (FIPS 180-4), 20-byte output
    SHA256, ///< SHA-256, 32-byte output
    SHA384, ///< SHA-384, 48-byte output
    SHA512, ///< SHA-512, 64-byte output
    MD5,    ///< MD5 (RFC 1321), 16-byte output; only for EAP-MD5 (RFC 3748 §5.4), never a MAC
};

/**
 * \ingroup mip6-crypto
 * \param hash the hash function
 * \return its output length in bytes
 */
size_t Mip6DigestSize(Mip6HashAlgorithm hash);

/**
 * \ingroup mip6-crypto
 * \param hash the hash function
 * \return its name ("SHA1", "SHA256", ..., "MD5")
 */
std::string Mip6HashName(Mip6HashAlgorithm hash);

/**
 * \ingroup mip6-crypto
 * A message digest.
 * \param hash the hash function
 * \param data first byte
 * \param size number of bytes
 * \return the digest, or why not
 */
Mip6CryptoResult<Mip6Bytes> Mip6Digest(Mip6HashAlgorithm hash, const uint8_t* data, size_t size);

/**
 * \ingroup mip6-crypto
 * \param hash the hash function
 * \param data the message
 * \return the digest, or why not
 */
Mip6CryptoResult<Mip6Bytes> Mip6Digest(Mip6HashAlgorithm hash, const Mip6Bytes& data);

/**
 * \ingroup mip6-crypto
 * HMAC (RFC 2104) with the full output length; any key length.
 * \param hash the hash function
 * \param key the key
 * \param data first byte of the message
 * \param size message length
 * \return the MAC (Mip6DigestSize(hash) bytes), or why not
 */
Mip6CryptoResult<Mip6Bytes> Mip6Hmac(Mip6HashAlgorithm hash,
                                     const Mip6Bytes& key,
                                     const uint8_t* data,
                                     size_t size);

/**
 * \ingroup mip6-crypto
 * \param hash the hash function
 * \param key the key
 * \param data the message
 * \return the full-length HMAC, or why not
 */
Mip6CryptoResult<Mip6Bytes> Mip6Hmac(Mip6HashAlgorithm hash,
                                     const Mip6Bytes& key,
                                     const Mip6Bytes& data);

/**
 * \ingroup mip6-crypto
 * AES-XCBC-MAC (RFC 3566 §4) with the full 128-bit output.
 * \param key the 16-byte key
 * \param data first byte of the message
 * \param size message length
 * \return the 16-byte MAC, or why not
 */
Mip6CryptoResult<Mip6Bytes> Mip6AesXcbcMac(const Mip6Bytes& key, const uint8_t* data, size_t size);

/**
 * \ingroup mip6-crypto
 * AES-XCBC-PRF-128 (RFC 4434 §2): AES-XCBC-MAC with a key of any length (shorter keys are padded
 * with zeros, longer ones are first reduced with AES-XCBC-MAC under the all-zero key).
 * \param key the key
 * \param data the message
 * \return the 16-byte output, or why not
 */
Mip6CryptoResult<Mip6Bytes> Mip6AesXcbcPrf128(const Mip6Bytes& key, const Mip6Bytes& data);

/**
 * \ingroup mip6-crypto
 * The integrity transforms (IKEv2 transform type 3) with their truncated ICVs.
 */
enum class Mip6IntegAlgorithm
{
    NONE,            ///< no integrity (combined-mode ciphers such as AES-GCM)
    HMAC_SHA1_96,    ///< RFC 2404: 20-byte key, 12-byte ICV
    HMAC_SHA256_128, ///< RFC 4868: 32-byte key, 16-byte ICV
    HMAC_SHA384_192, ///< RFC 4868: 48-byte key, 24-byte ICV
    HMAC_SHA512_256, ///< RFC 4868: 64-byte key, 32-byte ICV
    AES_XCBC_96,     ///< RFC 3566: 16-byte key, 12-byte ICV
};

/**
 * \ingroup mip6-crypto
 * A keyed integrity transform: computes and verifies truncated ICVs. The key length is the one
 * the transform's RFC fixes. Copies share one OpenSSL context (safe in ns-3's single thread).
 */
class Mip6Integrity
{
  public:
    /**
     * \param algorithm the transform
     * \param key the key (GetKeySize(algorithm) bytes)
     * \return the keyed transform, or why not
     */
    static Mip6CryptoResult<Mip6Integrity> Create(Mip6IntegAlgorithm algorithm,
                                                  const Mip6Bytes& key);

    /**
     * \param data first byte of the covered bytes
     * \param size their number
     * \return the ICV (GetIcvSize() bytes; empty for NONE), or why not
     */
    Mip6CryptoResult<Mip6Bytes> Compute(const uint8_t* data, size_t size) const;

    /**
     * \param data the covered bytes
     * \return the ICV, or why not
     */
    Mip6CryptoResult<Mip6Bytes> Compute(const Mip6Bytes& data) const;

    /**
     * Verifies an ICV in constant time.
     * \param data first byte of the covered bytes
     * \param size their number
     * \param icv first byte of the received ICV
     * \param icvSize its length (must equal GetIcvSize())
     * \return true when the ICV is correct
     */
    bool Verify(const uint8_t* data, size_t size, const uint8_t* icv, size_t icvSize) const;

    /**
     * \param data the covered bytes
     * \param icv the received ICV
     * \return true when the ICV is correct
     */
    bool Verify(const Mip6Bytes& data, const Mip6Bytes& icv) const;

    /// \return the transform
    Mip6IntegAlgorithm GetAlgorithm() const;

    /**
     * \param algorithm the transform
     * \return its key length in bytes
     */
    static size_t GetKeySize(Mip6IntegAlgorithm algorithm);

    /**
     * \param algorithm the transform
     * \return its ICV length in bytes
     */
    static size_t GetIcvSize(Mip6IntegAlgorithm algorithm);

    /**
     * \param algorithm the transform
     * \return a short name ("HMAC-SHA1-96", "AES-XCBC-MAC-96", ...)
     */
    static std::string GetName(Mip6IntegAlgorithm algorithm);

  private:
    /// \param algorithm the transform
    explicit Mip6Integrity(Mip6IntegAlgorithm algorithm);

    Mip6IntegAlgorithm m_algorithm;             //!< the transform
    std::shared_ptr<EVP_MAC_CTX> m_mac;         //!< keyed HMAC context (HMAC transforms)
    std::shared_ptr<const Mip6XcbcKeys> m_xcbc; //!< derived keys (AES-XCBC)
};

} // namespace ns3

#endif /* MIP6_MAC_H */

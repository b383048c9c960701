/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Diffie-Hellman for IKEv2 Key Exchange payloads: MODP-2048 (group 14, RFC 3526), ECP-256
 * (group 19, RFC 5903) and Curve25519 (group 31, RFC 8031).
 */

#ifndef MIP6_DH_H
#define MIP6_DH_H

#include "ns3/mip6-crypto-types.h"

#include <cstdint>
#include <memory>
#include <openssl/types.h>
#include <string>

namespace ns3
{

/**
 * \ingroup mip6-crypto
 * The Diffie-Hellman groups, numbered as in the IKEv2 registry (transform type 4).
 */
enum class Mip6DhGroup : uint16_t
{
    MODP_2048 = 14,  ///< 2048-bit MODP group (RFC 3526 §3)
    ECP_256 = 19,    ///< 256-bit random ECP group, NIST P-256 (RFC 5903)
    CURVE25519 = 31, ///< Curve25519 (RFC 8031)
};

/**
 * \ingroup mip6-crypto
 * One side's Diffie-Hellman key pair. The public value is in IKEv2 KE payload encoding:
 * MODP: g^x as a 256-byte big-endian number (RFC 7296 §3.4, zero-padded to the modulus length);
 * ECP-256: x ‖ y, 64 bytes, no point-format octet (RFC 5903 §7); X25519: the 32-byte u-coordinate
 * (RFC 8031 §2). The shared secret g^ir is, likewise, the 256-byte padded value (RFC 7296 §2.14),
 * the 32-byte x coordinate (RFC 5903 §7) or the 32-byte X25519 output. Private keys come from
 * OpenSSL's DRBG, hence from the seeded stream (Mip6CryptoRandom).
 */
class Mip6DhKeyPair
{
  public:
    /**
     * Generates a key pair.
     * \param group the group
     * \return the pair, or why not
     */
    static Mip6CryptoResult<Mip6DhKeyPair> Generate(Mip6DhGroup group);

    /**
     * Rebuilds a key pair from a fixed private key (test vectors).
     * \param group the group
     * \param privateKey MODP: the exponent, big-endian (at most 256 bytes); ECP-256: the 32-byte
     *        scalar; X25519: the 32-byte scalar as RFC 7748 prints it
     * \return the pair, or why not (e.g. a scalar outside [1, n-1])
     */
    static Mip6CryptoResult<Mip6DhKeyPair> FromPrivateKey(Mip6DhGroup group,
                                                          const Mip6Bytes& privateKey);

    /// \return the group
    Mip6DhGroup GetGroup() const;

    /// \return the public value in KE payload encoding
    const Mip6Bytes& GetPublicValue() const;

    /**
     * Computes g^ir from the peer's public value. The value is validated first: its length, and
     * then its range (MODP: 1 < y < p-1 and in the prime-order subgroup), the point (ECP: on the
     * curve) or the result (X25519: not all zero, RFC 7748 §6.1).
     * \param peerPublicValue the peer's KE payload data
     * \return the shared secret, or why not
     */
    Mip6CryptoResult<Mip6Bytes> ComputeSharedSecret(const Mip6Bytes& peerPublicValue) const;

    /**
     * \param group a group
     * \return the length of its KE public value in bytes (256, 64, 32)
     */
    static size_t GetPublicValueSize(Mip6DhGroup group);

    /**
     * \param group a group
     * \return the length of its shared secret in bytes (256, 32, 32)
     */
    static size_t GetSharedSecretSize(Mip6DhGroup group);

    /**
     * \param group a group
     * \return its name ("MODP-2048", "ECP-256", "Curve25519")
     */
    static std::string GetName(Mip6DhGroup group);

  private:
    Mip6DhKeyPair() = default;

    /**
     * Wraps a key and reads its public value.
     * \param group the group
     * \param key the key (reference taken over)
     * \return the pair, or why not
     */
    static Mip6CryptoResult<Mip6DhKeyPair> Wrap(Mip6DhGroup group, EVP_PKEY* key);

    /**
     * Imports a peer public value.
     * \param value the KE payload data
     * \return the key, or why not
     */
    Mip6CryptoResult<std::shared_ptr<EVP_PKEY>> ImportPeer(const Mip6Bytes& value) const;

    Mip6DhGroup m_group{Mip6DhGroup::MODP_2048}; //!< the group
    std::shared_ptr<EVP_PKEY> m_key;             //!< the key pair
    Mip6Bytes m_public;                          //!< public value, KE encoding
};

} // namespace ns3

#endif /* MIP6_DH_H */

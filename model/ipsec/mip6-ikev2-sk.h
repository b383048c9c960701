/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The IKEv2 Encrypted and Authenticated payload (RFC 7296 §3.14; RFC 5282 for AES-GCM).
 */

#ifndef MIP6_IKEV2_SK_H
#define MIP6_IKEV2_SK_H

#include "ns3/mip6-cipher.h"
#include "ns3/mip6-crypto-types.h"
#include "ns3/mip6-ikev2-payloads.h"
#include "ns3/mip6-key-export.h"
#include "ns3/mip6-mac.h"

#include <optional>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup mip6-ipsec
 * The IKE SA protection suites of DESIGN.md §1.
 */
enum class Mip6IkeSkTransform : uint8_t
{
    AES_CBC_128_HMAC_SHA256_128 = 0, ///< ENCR_AES_CBC-128 + AUTH_HMAC_SHA2_256_128 (default)
    AES_GCM_16_128 = 1,              ///< ENCR_AES_GCM_16 with a 128-bit key (RFC 5282)
};

/**
 * \ingroup mip6-ipsec
 * One direction of an IKE SA's SK protection (SK_e and SK_a of the initiator or the responder).
 *
 * Seal (RFC 7296 §3.14): the inner payloads are chained and padded (CBC: to the 16-byte block;
 * GCM: no padding, RFC 5282 §3), the Pad Length byte is appended, the result is encrypted behind
 * a fresh IV, and the ICV is computed: CBC: HMAC-SHA-256-128 over the whole message from the IKE
 * header to the end of the ciphertext; GCM: the tag, with the IKE header, the unencrypted
 * payloads and the SK generic header as AAD (RFC 5282 §5.1). Open checks the ICV first, then the
 * padding, then parses the inner chain with the length checks of Mip6IkeMessage.
 */
class Mip6IkeSkProtector
{
  public:
    /**
     * \param transform the suite
     * \param encKey SK_e (CBC 16 bytes; GCM 16 + 4 salt)
     * \param integKey SK_a (CBC 32 bytes; GCM empty)
     * \param error why not
     * \return the protector, if the keys fit the suite
     */
    static std::optional<Mip6IkeSkProtector> Create(Mip6IkeSkTransform transform,
                                                    const Mip6Bytes& encKey,
                                                    const Mip6Bytes& integKey,
                                                    std::string& error);

    /**
     * Builds the protected message: outer.header, outer.payloads in clear, then SK{inner}.
     * \param outer header and unencrypted payloads (normally none)
     * \param inner the payloads to protect
     * \return the message bytes, or why not
     */
    Mip6CryptoResult<Mip6Bytes> Seal(const Mip6IkeMessage& outer,
                                     const std::vector<Ptr<Mip6IkePayload>>& inner) const;

    /**
     * As Seal, with a given IV (known-answer tests).
     * \param outer header and unencrypted payloads
     * \param inner the payloads to protect
     * \param iv the IV (16 for CBC, 8 for GCM)
     * \return the message bytes, or why not
     */
    Mip6CryptoResult<Mip6Bytes> SealWith(const Mip6IkeMessage& outer,
                                         const std::vector<Ptr<Mip6IkePayload>>& inner,
                                         const Mip6Bytes& iv) const;

    /**
     * Verifies and decrypts a message whose last payload is SK.
     * \param wire the message bytes
     * \param reason why not ("bad-icv", "bad-padding", "no-sk", or a parse error name)
     * \return the inner payloads
     */
    std::optional<std::vector<Ptr<Mip6IkePayload>>> Open(const Mip6Bytes& wire,
                                                         std::string& reason) const;

    /// \return IV bytes
    size_t GetIvSize() const;
    /// \return ICV bytes
    size_t GetIcvSize() const;
    /**
     * \param innerSize bytes of the inner payload chain
     * \return the SK payload's size (generic header included)
     */
    size_t GetSkPayloadSize(size_t innerSize) const;

  private:
    Mip6IkeSkProtector() = default;

    Mip6IkeSkTransform m_transform{Mip6IkeSkTransform::AES_CBC_128_HMAC_SHA256_128}; //!< suite
    std::optional<Mip6Cipher> m_cbc;                                                 //!< AES-CBC
    std::optional<Mip6Integrity> m_integ; //!< HMAC-SHA-256-128
    std::optional<Mip6AesGcm> m_gcm;      //!< AES-GCM
};

} // namespace ns3

#endif /* MIP6_IKEV2_SK_H */

/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The IKEv2 pseudo-random function, prf+ and key derivation (RFC 7296 §2.13, §2.14, §2.17,
 * §2.18).
 */

#ifndef MIP6_PRF_H
#define MIP6_PRF_H

#include "ns3/mip6-crypto-types.h"

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup mip6-crypto
 * The IKEv2 PRFs (transform type 2).
 */
enum class Mip6PrfAlgorithm
{
    HMAC_SHA1,   ///< PRF_HMAC_SHA1 (RFC 2104), 20-byte output
    HMAC_SHA256, ///< PRF_HMAC_SHA2_256 (RFC 4868), 32-byte output (mip6 default, RFC 8247)
    HMAC_SHA384, ///< PRF_HMAC_SHA2_384, 48-byte output
    HMAC_SHA512, ///< PRF_HMAC_SHA2_512, 64-byte output
    AES128_XCBC, ///< PRF_AES128_XCBC (RFC 4434), 16-byte output
};

/**
 * \ingroup mip6-crypto
 * An IKEv2 PRF and its prf+ expansion.
 */
class Mip6Prf
{
  public:
    /// \param algorithm the PRF (HMAC-SHA-256 by default)
    explicit Mip6Prf(Mip6PrfAlgorithm algorithm = Mip6PrfAlgorithm::HMAC_SHA256);

    /**
     * prf(key, data).
     * \param key the key (any length)
     * \param data the input
     * \return GetOutputSize() bytes, or why not
     */
    Mip6CryptoResult<Mip6Bytes> Compute(const Mip6Bytes& key, const Mip6Bytes& data) const;

    /**
     * prf+ (RFC 7296 §2.13): T1 ‖ T2 ‖ ... truncated to length, with T1 = prf(K, S ‖ 0x01) and
     * Tn = prf(K, Tn-1 ‖ S ‖ n). At most 255 iterations.
     * \param key K
     * \param seed S
     * \param length bytes wanted (at most 255 × GetOutputSize())
     * \return the stream, or why not
     */
    Mip6CryptoResult<Mip6Bytes> PrfPlus(const Mip6Bytes& key,
                                        const Mip6Bytes& seed,
                                        size_t length) const;

    /// \return the PRF
    Mip6PrfAlgorithm GetAlgorithm() const;

    /// \return the output length in bytes
    size_t GetOutputSize() const;

    /**
     * The preferred key length (RFC 7296 §2.14: the length of SK_d, SK_pi and SK_pr): the output
     * length for the HMAC PRFs (RFC 4868 §2.1.2), 16 bytes for AES-XCBC-PRF-128.
     * \return bytes
     */
    size_t GetKeySize() const;

    /**
     * \param algorithm a PRF
     * \return its name ("PRF_HMAC_SHA2_256", ...)
     */
    static std::string GetName(Mip6PrfAlgorithm algorithm);

  private:
    Mip6PrfAlgorithm m_algorithm; //!< the PRF
};

/**
 * \ingroup mip6-crypto
 * The keys of an IKE SA (RFC 7296 §2.14).
 */
struct Mip6Ikev2Keys
{
    Mip6Bytes skeyseed; ///< SKEYSEED
    Mip6Bytes skD;      ///< SK_d: derives CHILD SA keys
    Mip6Bytes skAi;     ///< SK_ai: integrity, initiator to responder
    Mip6Bytes skAr;     ///< SK_ar: integrity, responder to initiator
    Mip6Bytes skEi;     ///< SK_ei: encryption (incl. salt for AEAD), initiator to responder
    Mip6Bytes skEr;     ///< SK_er: encryption, responder to initiator
    Mip6Bytes skPi;     ///< SK_pi: initiator's AUTH payload
    Mip6Bytes skPr;     ///< SK_pr: responder's AUTH payload
};

/**
 * \ingroup mip6-crypto
 * The IKE SA keys after IKE_SA_INIT (RFC 7296 §2.14): SKEYSEED = prf(Ni ‖ Nr, g^ir), then
 * {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} = prf+(SKEYSEED, Ni ‖ Nr ‖ SPIi ‖ SPIr).
 * SK_d, SK_pi and SK_pr have the PRF's preferred key length. With AES-XCBC-PRF-128 only the first
 * 64 bits of each nonce key SKEYSEED, as §2.14 requires.
 * \param prf the negotiated PRF
 * \param ni the initiator's nonce (Nonce payload data)
 * \param nr the responder's nonce
 * \param gir the Diffie-Hellman shared secret (Mip6DhKeyPair::ComputeSharedSecret)
 * \param spii the initiator's IKE SPI
 * \param spir the responder's IKE SPI
 * \param integKeySize bytes of SK_ai and SK_ar (0 with an AEAD cipher)
 * \param encrKeySize bytes of SK_ei and SK_er (key + salt for AES-GCM: 20 for AES-128-GCM)
 * \return the keys, or why not
 */
Mip6CryptoResult<Mip6Ikev2Keys> Mip6DeriveIkev2Keys(const Mip6Prf& prf,
                                                    const Mip6Bytes& ni,
                                                    const Mip6Bytes& nr,
                                                    const Mip6Bytes& gir,
                                                    uint64_t spii,
                                                    uint64_t spir,
                                                    size_t integKeySize,
                                                    size_t encrKeySize);

/**
 * \ingroup mip6-crypto
 * The keys of a new IKE SA created by CREATE_CHILD_SA rekeying (RFC 7296 §2.18):
 * SKEYSEED = prf(SK_d (old), g^ir (new) ‖ Ni ‖ Nr), then prf+ as in §2.14 with the new SPIs.
 * \param prf the PRF (of the old SA for SKEYSEED, RFC 7296 §2.18; mip6 keeps the PRF on rekey)
 * \param oldSkD SK_d of the IKE SA being rekeyed
 * \param gir the new Diffie-Hellman shared secret
 * \param ni the initiator's new nonce
 * \param nr the responder's new nonce
 * \param spii the new initiator SPI
 * \param spir the new responder SPI
 * \param integKeySize bytes of SK_ai and SK_ar
 * \param encrKeySize bytes of SK_ei and SK_er
 * \return the keys, or why not
 */
Mip6CryptoResult<Mip6Ikev2Keys> Mip6DeriveIkev2RekeyKeys(const Mip6Prf& prf,
                                                         const Mip6Bytes& oldSkD,
                                                         const Mip6Bytes& gir,
                                                         const Mip6Bytes& ni,
                                                         const Mip6Bytes& nr,
                                                         uint64_t spii,
                                                         uint64_t spir,
                                                         size_t integKeySize,
                                                         size_t encrKeySize);

/**
 * \ingroup mip6-crypto
 * CHILD SA keying material (RFC 7296 §2.17): KEYMAT = prf+(SK_d, [g^ir (new)] ‖ Ni ‖ Nr). The
 * caller splits it: for each direction's SA, first the encryption key then the integrity key,
 * the initiator-to-responder SA first.
 * \param prf the IKE SA's PRF
 * \param skD SK_d of the IKE SA
 * \param gir the shared secret of an optional PFS exchange (empty without PFS)
 * \param ni the initiator's nonce
 * \param nr the responder's nonce
 * \param length bytes wanted
 * \return KEYMAT, or why not
 */
Mip6CryptoResult<Mip6Bytes> Mip6DeriveChildSaKeymat(const Mip6Prf& prf,
                                                    const Mip6Bytes& skD,
                                                    const Mip6Bytes& gir,
                                                    const Mip6Bytes& ni,
                                                    const Mip6Bytes& nr,
                                                    size_t length);

} // namespace ns3

#endif /* MIP6_PRF_H */

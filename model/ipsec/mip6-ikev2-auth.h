/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * IKE_AUTH variants of `ipsec-ikev2`: EAP-MD5 with the HA authenticated by its certificate
 * (RFC 7296 §2.16, RFC 4754, RFC 3748 §5.4), the configuration payload for the HoA (RFC 4877 §9)
 * and the PAD check (RFC 4877 §5, RFC 4301 §4.4.3). The member functions of Mip6Ikev2MnSide and
 * Mip6Ikev2HaSide that implement them are defined in mip6-ikev2-auth.cc.
 */

#ifndef MIP6_IKEV2_AUTH_H
#define MIP6_IKEV2_AUTH_H

#include "ns3/ipv6-address.h"
#include "ns3/mip6-certificate.h"
#include "ns3/mip6-crypto-types.h"
#include "ns3/mip6-ikev2-payloads.h"

#include <cstdint>
#include <optional>
#include <string>

namespace ns3
{

/**
 * \ingroup mip6-ipsec
 * Per-IKE-SA state of the IKE_AUTH variants, at either end (Mip6Ikev2Sa::auth).
 */
struct Mip6Ikev2AuthState
{
    /// Where the EAP exchange of RFC 7296 §2.16 is.
    enum Stage : uint8_t
    {
        FIRST = 0,     ///< first IKE_AUTH (IDi, no AUTH) outstanding / expected
        CHALLENGE = 1, ///< EAP-Request/MD5-Challenge sent, its Response outstanding / expected
        SUCCESS = 2,   ///< EAP-Success sent, the final AUTH outstanding / expected
        DONE = 3,      ///< the Child SA exists
    };

    Stage stage{FIRST};             ///< EAP stage
    uint32_t messageId{1};          ///< MN: Message ID of the outstanding IKE_AUTH request
    std::string identity;           ///< IDi data (the EAP identity too, RFC 3748 §5.1)
    Mip6IkeIdPayload idi{false};    ///< IDi as sent (final AUTH, RFC 7296 §2.16)
    Mip6IkeIdPayload idr{true};     ///< IDr as received / sent
    uint8_t eapIdentifier{0};       ///< identifier of the outstanding EAP Request
    Mip6Bytes challenge;            ///< the MD5-Challenge value
    uint32_t childSpiOut{0};        ///< HA: the MN's inbound SPI (from SAi2)
    uint32_t childSpiIn{0};         ///< HA: its inbound SPI (the BU SA)
    Ptr<Mip6IkeTsPayload> tsi;      ///< HA: the first request's TSi
    bool cpRequested{false};        ///< HA: the first request had CFG_REQUEST
    bool transportMode{false};      ///< HA: the first request had USE_TRANSPORT_MODE
    std::optional<Ipv6Address> hoa; ///< HA: the PAD's HoA for the identity
};

/**
 * \ingroup mip6-ipsec
 * EAP-MD5 Response Value (RFC 3748 §5.4, RFC 1994 §4.1): MD5(Identifier ‖ secret ‖ Challenge).
 * \param identifier the EAP identifier of the Request
 * \param secret the shared secret
 * \param challenge the challenge value
 * \return 16 bytes
 */
Mip6Bytes Mip6IkeEapMd5Value(uint8_t identifier,
                             const Mip6Bytes& secret,
                             const Mip6Bytes& challenge);

/**
 * \ingroup mip6-ipsec
 * EAP-MD5 type data (RFC 3748 §5.4): Value-Size 1, Value, Name (empty here).
 * \param value the challenge or response value
 * \return the type data
 */
Mip6Bytes Mip6IkeEapMd5TypeData(const Mip6Bytes& value);

/**
 * \ingroup mip6-ipsec
 * Parses EAP-MD5 type data strictly: Value-Size ≥ 1 and within the data.
 * \param data the type data
 * \return the value, if well formed
 */
std::optional<Mip6Bytes> Mip6IkeEapMd5ParseValue(const Mip6Bytes& data);

/**
 * \ingroup mip6-ipsec
 * The signed octets of RFC 7296 §2.15: the signer's IKE_SA_INIT message ‖ the peer's nonce ‖
 * prf(SK_p, RestOfIDPayload).
 * \param message the IKE_SA_INIT message the signer sent
 * \param peerNonce the other side's nonce
 * \param skP SK_pi or SK_pr
 * \param id the signer's ID payload
 * \return the octets
 */
Mip6Bytes Mip6IkeSignedOctets(const Mip6Bytes& message,
                              const Mip6Bytes& peerNonce,
                              const Mip6Bytes& skP,
                              const Mip6IkeIdPayload& id);

/**
 * \ingroup mip6-ipsec
 * The shared-key AUTH of RFC 7296 §2.15 with a binary key: prf(prf(key, "Key Pad for IKEv2"),
 * octets). After EAP-MD5, which derives no MSK, the key is SK_pi (initiator) or SK_pr
 * (responder) (RFC 7296 §2.16).
 * \param key the key
 * \param octets the signed octets (Mip6IkeSignedOctets)
 * \return the AUTH data
 */
Mip6Bytes Mip6IkeSharedKeyAuth(const Mip6Bytes& key, const Mip6Bytes& octets);

/**
 * \ingroup mip6-ipsec
 * The CERTREQ data naming a CA (RFC 7296 §3.7): SHA-1 of its subjectPublicKeyInfo.
 * \param ca the CA's certificate
 * \return 20 bytes
 */
Mip6Bytes Mip6IkeCaKeyHash(const Mip6Certificate& ca);

} // namespace ns3

#endif /* MIP6_IKEV2_AUTH_H */

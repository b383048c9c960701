/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The RFC 4283 Mobile Node Identifier option and the RFC 4285 Mobility Message Authentication
 * (AUTH) and Mobility Message Replay Protection (MESG-ID) options, built on the generic
 * Mip6Option, with a decoder that never trusts a length.
 */

#ifndef MIP6_AUTHOPT_OPTIONS_H
#define MIP6_AUTHOPT_OPTIONS_H

#include "ns3/ipv6-address.h"
#include "ns3/mip6-crypto-types.h"
#include "ns3/mip6-header.h"
#include "ns3/mip6-options.h"
#include "ns3/nstime.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup mip6
 * Factories, decoder and authenticator of the RFC 4285 / RFC 4283 options.
 *
 * Layouts (offsets from the option's Type byte):
 * - MN-ID (RFC 4283 §3): Type 8 | Length = 1 + identifier | Subtype (1 = NAI) | identifier.
 *   No alignment requirement.
 * - AUTH (RFC 4285 §5): Type 9 | Length = 5 + authenticator | Subtype (1 MN-HA, 2 MN-AAA) |
 *   Mobility SPI (4) | Authentication Data. Alignment 4n+1; it is the last option.
 * - MESG-ID (RFC 4285 §6): Type 10 | Length 8 | Identification: a 64-bit NTP timestamp (RFC
 *   5905 format: seconds since 1900 in the high 32 bits, fraction in the low 32). Alignment 8n+2.
 */
class Mip6AuthOpt
{
  public:
    /// RFC 4283 §3: the MN-ID subtype of a Network Access Identifier (RFC 4282).
    static constexpr uint8_t MNID_SUBTYPE_NAI = 1;
    /// RFC 4285 §5.1: the MN-HA authentication option subtype.
    static constexpr uint8_t AUTH_SUBTYPE_MN_HA = 1;
    /// RFC 4285 §5.2: the MN-AAA authentication option subtype.
    static constexpr uint8_t AUTH_SUBTYPE_MN_AAA = 2;
    /// RFC 4285 §5.2: the well-known mobility SPI HMAC_SHA1_SPI (MN-AAA with HMAC-SHA1).
    static constexpr uint32_t HMAC_SHA1_SPI = 3;
    /// RFC 4285 §5: mobility SPIs 0-255 are reserved.
    static constexpr uint32_t RESERVED_SPI_MAX = 255;

    /**
     * RFC 4283 §3: a Mobile Node Identifier option holding an NAI.
     * \param nai the NAI (1..254 bytes; aborts otherwise: a programming error)
     * \return the option
     */
    static Mip6Option MnIdNai(const std::string& nai);

    /**
     * RFC 4285 §6: a Mobility Message Replay Protection option.
     * \param ntp the 64-bit NTP timestamp
     * \return the option (alignment 8n+2)
     */
    static Mip6Option MesgId(uint64_t ntp);

    /**
     * RFC 4285 §5: an authentication option whose authenticator is still zero; fill it with
     * FillAuthenticator once every other option is in place (it is the last option).
     * \param subtype AUTH_SUBTYPE_MN_HA or AUTH_SUBTYPE_MN_AAA
     * \param spi the mobility SPI
     * \return the option (alignment 4n+1)
     */
    static Mip6Option Auth(uint8_t subtype, uint32_t spi);

    /**
     * \param subtype an AUTH subtype
     * \return the authenticator length: 12 for MN-HA (First(96, HMAC-SHA1)), 20 for MN-AAA
     *         with HMAC_SHA1_SPI (the full HMAC-SHA1, RFC 4285 §5.2)
     */
    static size_t GetAuthenticatorSize(uint8_t subtype);

    /**
     * RFC 4285 §5.1/§5.2: the authenticator over Mobility Data = CoA ‖ HoA ‖ MH Data, where MH
     * Data is the MH from its first byte up to and including the Mobility SPI field of the AUTH
     * option, with the Checksum field set to zero.
     * MN-HA: First(96, HMAC_SHA1(key, Mobility Data)).
     * MN-AAA (HMAC_SHA1_SPI): HMAC_SHA1(key, SHA1(Mobility Data)).
     * \param subtype the AUTH subtype
     * \param key the shared key
     * \param coa the care-of address
     * \param hoa the home address
     * \param mh the serialised MH (the checksum bytes are zeroed here, whatever they hold)
     * \param macEnd the offset just past the Mobility SPI field
     * \return the authenticator, or an empty vector when the input is inconsistent
     */
    static Mip6Bytes ComputeAuthenticator(uint8_t subtype,
                                          const Mip6Bytes& key,
                                          Ipv6Address coa,
                                          Ipv6Address hoa,
                                          const uint8_t* mh,
                                          size_t macEnd);

    /**
     * Fills the authenticator of the last option (an AUTH option made by Auth()) over the MH as
     * it will be serialised, with checksum 0. Call after every option has been added and before
     * the checksum is computed.
     * \param mh the BU or BA being built
     * \param key the shared key
     * \param coa the care-of address
     * \param hoa the home address
     */
    static void FillAuthenticator(Mip6Header& mh,
                                  const Mip6Bytes& key,
                                  Ipv6Address coa,
                                  Ipv6Address hoa);

    /// What Decode found in an MH.
    struct Decoded
    {
        std::optional<std::string> nai; ///< MN-ID NAI
        std::optional<uint64_t> mesgId; ///< MESG-ID timestamp
        bool hasAuth{false};            ///< an AUTH option is present
        uint8_t authSubtype{0};         ///< its subtype
        uint32_t spi{0};                ///< its mobility SPI
        Mip6Bytes authenticator;        ///< its authentication data
        size_t macEnd{0};               ///< offset just past its SPI field
    };

    /**
     * Walks the options of a serialised BU or BA. Never reads past \p len and never trusts a
     * Length field. Refuses (returns a short stable reason): an option that overruns the MH
     * ("option-truncated"), an MN-ID that is empty or not an NAI ("bad-mn-id"), a MESG-ID whose
     * Length is not 8 ("bad-mesg-id"), an AUTH shorter than its subtype's authenticator or of an
     * unknown subtype ("bad-auth-option"), MESG-ID or AUTH at an offset that breaks its alignment
     * ("misaligned-option"), a second instance of one of these options ("duplicate-option"),
     * and any option other than padding after AUTH ("auth-not-last").
     * \param mh the MH bytes
     * \param len their number
     * \param[out] out what was found
     * \return empty when well formed, else the reason
     */
    static std::string Decode(const uint8_t* mh, size_t len, Decoded& out);

    /// NTP seconds (since 1900-01-01) of the simulation's time 0: 2026-01-01T00:00:00Z.
    static constexpr uint64_t NTP_EPOCH_OF_SIMULATION = 3976214400ULL;

    /**
     * \param t a clock reading (simulation time plus the node's clock offset)
     * \return the 64-bit NTP timestamp of that reading
     */
    static uint64_t ToNtp(Time t);

    /**
     * \param ntp a 64-bit NTP timestamp
     * \return the clock reading it stands for (inverse of ToNtp, to the nanosecond)
     */
    static Time FromNtp(uint64_t ntp);
};

} // namespace ns3

#endif /* MIP6_AUTHOPT_OPTIONS_H */

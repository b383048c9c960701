/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Mobility options carried in the Mobility Header (RFC 6275 §6.2).
 */

#ifndef MIP6_OPTIONS_H
#define MIP6_OPTIONS_H

#include "ns3/ipv6-address.h"

#include <array>
#include <cstdint>
#include <optional>
#include <ostream>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup mip6
 * Mobility option types (RFC 6275 §6.2; IANA "Mobility Options"): Pad1 0, PadN 1, Binding Refresh
 * Advice 2, Alternate Care-of Address 3, Nonce Indices 4, Binding Authorization Data 5, MN-ID 8
 * (RFC 4283), AUTH 9 (RFC 4285), MESG-ID 10 (RFC 4285), Binding Identifier 35 (RFC 5648).
 */
namespace Mip6OptionType
{
/// The option type values
enum : uint8_t
{
    PAD1 = 0,
    PADN = 1,
    BINDING_REFRESH_ADVICE = 2,
    ALTERNATE_COA = 3,
    NONCE_INDICES = 4,
    BINDING_AUTHORIZATION_DATA = 5,
    MN_ID = 8,
    AUTH = 9,
    MESG_ID = 10,
    BINDING_ID = 35
};
} // namespace Mip6OptionType

/**
 * \ingroup mip6
 * One TLV mobility option (RFC 6275 §6.2): Type (1 byte), Length (1 byte, excluding Type and
 * Length), data. Pad1 and PadN are never stored: the Mobility Header inserts them when it lays the
 * options out. Value type.
 *
 * Each option carries its "xn+y" alignment requirement (§6.2): the option's Type byte must start
 * at an offset o from the start of the Mobility Header with o mod x == y. Later designs (RFC 4285
 * AUTH/MN-ID/MESG-ID, RFC 5648 BID) build their options with the generic constructor, so the
 * mobility core never needs to know them.
 */
class Mip6Option
{
  public:
    /// An empty, invalid option (type Pad1, no data, no alignment requirement).
    Mip6Option();

    /**
     * A generic option. Aborts on a programming error: more than 255 data bytes, an alignment
     * factor that is not 1, 2, 4 or 8, or an offset not below the factor.
     * \param type the option type
     * \param data the option data (the Length field is its size)
     * \param alignX the alignment factor x of "xn+y"
     * \param alignY the alignment offset y of "xn+y"
     */
    Mip6Option(uint8_t type, std::vector<uint8_t> data, uint8_t alignX, uint8_t alignY);

    /**
     * RFC 6275 §6.2.4 Binding Refresh Advice: length 2, alignment 2n.
     * \param intervalUnits4s the refresh interval in units of 4 seconds
     * \return the option
     */
    static Mip6Option BindingRefreshAdvice(uint16_t intervalUnits4s);
    /**
     * RFC 6275 §6.2.5 Alternate Care-of Address: length 16, alignment 8n+6.
     * \param coa the care-of address
     * \return the option
     */
    static Mip6Option AlternateCareOfAddress(Ipv6Address coa);
    /**
     * RFC 6275 §6.2.6 Nonce Indices: length 4, alignment 2n.
     * \param homeNonceIndex the home nonce index
     * \param careOfNonceIndex the care-of nonce index
     * \return the option
     */
    static Mip6Option NonceIndices(uint16_t homeNonceIndex, uint16_t careOfNonceIndex);
    /**
     * RFC 6275 §6.2.7 Binding Authorization Data: length 12, alignment 8n+2.
     * \param authenticator the 96-bit authenticator
     * \return the option
     */
    static Mip6Option BindingAuthorizationData(const std::array<uint8_t, 12>& authenticator);

    /**
     * The alignment that RFC 6275 §6.2 gives a known option type.
     * \param type the option type
     * \return {x, y} of "xn+y", or std::nullopt for a type this module does not know
     */
    static std::optional<std::pair<uint8_t, uint8_t>> GetKnownAlignment(uint8_t type);

    /// \return the option type
    uint8_t GetType() const;
    /// \return the option data (without Type and Length)
    const std::vector<uint8_t>& GetData() const;
    /**
     * Replaces the data (e.g. a MAC filled in once the final bytes are known). Aborts beyond 255
     * bytes.
     * \param data the new data
     */
    void SetData(std::vector<uint8_t> data);
    /// \return the alignment factor x of "xn+y"
    uint8_t GetAlignX() const;
    /// \return the alignment offset y of "xn+y"
    uint8_t GetAlignY() const;
    /// \return the bytes this option occupies on the wire: 2 + data size
    uint32_t GetSerializedSize() const;

    /// \return the address of an Alternate Care-of Address option of length 16, else nullopt
    std::optional<Ipv6Address> GetAlternateCareOfAddress() const;
    /// \return the interval (4-s units) of a Binding Refresh Advice of length 2, else nullopt
    std::optional<uint16_t> GetBindingRefreshAdvice() const;
    /// \return {home, care-of} nonce indices of a Nonce Indices option of length 4, else nullopt
    std::optional<std::pair<uint16_t, uint16_t>> GetNonceIndices() const;
    /// \return the authenticator of a Binding Authorization Data option of length 12, else nullopt
    std::optional<std::array<uint8_t, 12>> GetBindingAuthorizationData() const;

    /**
     * \param other the option to compare with
     * \return true when type, data and alignment are equal
     */
    bool operator==(const Mip6Option& other) const;

  private:
    uint8_t m_type;              //!< option type
    std::vector<uint8_t> m_data; //!< option data
    uint8_t m_alignX;            //!< alignment factor x
    uint8_t m_alignY;            //!< alignment offset y
};

/**
 * Prints an option as "type=N len=L".
 * \param os the stream
 * \param o the option
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, const Mip6Option& o);

} // namespace ns3

#endif /* MIP6_OPTIONS_H */

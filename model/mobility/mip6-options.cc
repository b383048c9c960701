/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-options.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6Options");

namespace
{

/// Aborts on an alignment that RFC 6275 §6.2 cannot express (x in {1,2,4,8}, y < x).
void
CheckAlignment(uint8_t x, uint8_t y)
{
    NS_ABORT_MSG_IF(x != 1 && x != 2 && x != 4 && x != 8,
                    "Mip6Option: alignment factor must be 1, 2, 4 or 8, got " << unsigned(x));
    NS_ABORT_MSG_IF(y >= x,
                    "Mip6Option: alignment offset " << unsigned(y) << " >= factor " << unsigned(x));
}

void
PutU16(std::vector<uint8_t>& v, uint16_t x)
{
    v.push_back(static_cast<uint8_t>(x >> 8));
    v.push_back(static_cast<uint8_t>(x & 0xff));
}

uint16_t
GetU16(const std::vector<uint8_t>& v, std::size_t at)
{
    return static_cast<uint16_t>((v[at] << 8) | v[at + 1]);
}

} // namespace

Mip6Option::Mip6Option()
    : m_type(Mip6OptionType::PAD1),
      m_alignX(1),
      m_alignY(0)
{
}

Mip6Option::Mip6Option(uint8_t type, std::vector<uint8_t> data, uint8_t alignX, uint8_t alignY)
    : m_type(type),
      m_data(std::move(data)),
      m_alignX(alignX),
      m_alignY(alignY)
{
    CheckAlignment(alignX, alignY);
    NS_ABORT_MSG_IF(m_data.size() > 255,
                    "Mip6Option: " << m_data.size() << " data bytes do not fit the Length field");
}

std::optional<std::pair<uint8_t, uint8_t>>
Mip6Option::GetKnownAlignment(uint8_t type)
{
    // RFC 6275 §6.2.4-§6.2.7
    switch (type)
    {
    case Mip6OptionType::BINDING_REFRESH_ADVICE:
        return std::make_pair(uint8_t{2}, uint8_t{0});
    case Mip6OptionType::ALTERNATE_COA:
        return std::make_pair(uint8_t{8}, uint8_t{6});
    case Mip6OptionType::NONCE_INDICES:
        return std::make_pair(uint8_t{2}, uint8_t{0});
    case Mip6OptionType::BINDING_AUTHORIZATION_DATA:
        return std::make_pair(uint8_t{8}, uint8_t{2});
    default:
        return std::nullopt;
    }
}

Mip6Option
Mip6Option::BindingRefreshAdvice(uint16_t intervalUnits4s)
{
    // RFC 6275 §6.2.4: Refresh Interval, 16 bits, units of 4 seconds; alignment 2n.
    std::vector<uint8_t> d;
    PutU16(d, intervalUnits4s);
    return Mip6Option(Mip6OptionType::BINDING_REFRESH_ADVICE, std::move(d), 2, 0);
}

Mip6Option
Mip6Option::AlternateCareOfAddress(Ipv6Address coa)
{
    // RFC 6275 §6.2.5: the 128-bit address; alignment 8n+6 puts it on an 8-byte boundary.
    std::vector<uint8_t> d(16);
    coa.Serialize(d.data());
    return Mip6Option(Mip6OptionType::ALTERNATE_COA, std::move(d), 8, 6);
}

Mip6Option
Mip6Option::NonceIndices(uint16_t homeNonceIndex, uint16_t careOfNonceIndex)
{
    // RFC 6275 §6.2.6: Home Nonce Index, Care-of Nonce Index; alignment 2n.
    std::vector<uint8_t> d;
    PutU16(d, homeNonceIndex);
    PutU16(d, careOfNonceIndex);
    return Mip6Option(Mip6OptionType::NONCE_INDICES, std::move(d), 2, 0);
}

Mip6Option
Mip6Option::BindingAuthorizationData(const std::array<uint8_t, 12>& authenticator)
{
    // RFC 6275 §6.2.7: 96-bit authenticator; alignment 8n+2.
    return Mip6Option(Mip6OptionType::BINDING_AUTHORIZATION_DATA,
                      std::vector<uint8_t>(authenticator.begin(), authenticator.end()),
                      8,
                      2);
}

uint8_t
Mip6Option::GetType() const
{
    return m_type;
}

const std::vector<uint8_t>&
Mip6Option::GetData() const
{
    return m_data;
}

void
Mip6Option::SetData(std::vector<uint8_t> data)
{
    NS_ABORT_MSG_IF(data.size() > 255,
                    "Mip6Option: " << data.size() << " data bytes do not fit the Length field");
    m_data = std::move(data);
}

uint8_t
Mip6Option::GetAlignX() const
{
    return m_alignX;
}

uint8_t
Mip6Option::GetAlignY() const
{
    return m_alignY;
}

uint32_t
Mip6Option::GetSerializedSize() const
{
    return 2 + static_cast<uint32_t>(m_data.size());
}

std::optional<Ipv6Address>
Mip6Option::GetAlternateCareOfAddress() const
{
    if (m_type != Mip6OptionType::ALTERNATE_COA || m_data.size() != 16)
    {
        return std::nullopt;
    }
    return Ipv6Address::Deserialize(m_data.data());
}

std::optional<uint16_t>
Mip6Option::GetBindingRefreshAdvice() const
{
    if (m_type != Mip6OptionType::BINDING_REFRESH_ADVICE || m_data.size() != 2)
    {
        return std::nullopt;
    }
    return GetU16(m_data, 0);
}

std::optional<std::pair<uint16_t, uint16_t>>
Mip6Option::GetNonceIndices() const
{
    if (m_type != Mip6OptionType::NONCE_INDICES || m_data.size() != 4)
    {
        return std::nullopt;
    }
    return std::make_pair(GetU16(m_data, 0), GetU16(m_data, 2));
}

std::optional<std::array<uint8_t, 12>>
Mip6Option::GetBindingAuthorizationData() const
{
    if (m_type != Mip6OptionType::BINDING_AUTHORIZATION_DATA || m_data.size() != 12)
    {
        return std::nullopt;
    }
    std::array<uint8_t, 12> a{};
    std::copy(m_data.begin(), m_data.end(), a.begin());
    return a;
}

bool
Mip6Option::operator==(const Mip6Option& other) const
{
    return m_type == other.m_type && m_data == other.m_data && m_alignX == other.m_alignX &&
           m_alignY == other.m_alignY;
}

std::ostream&
operator<<(std::ostream& os, const Mip6Option& o)
{
    os << "type=" << unsigned(o.GetType()) << " len=" << o.GetData().size();
    return os;
}

} // namespace ns3

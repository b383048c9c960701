/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-category-tag.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <array>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6CategoryTag");

NS_OBJECT_ENSURE_REGISTERED(Mip6CategoryTag);

namespace
{
/// Category names of DESIGN.md §4.3, indexed by the enum value.
const std::array<std::string, MIP6_CATEGORY_COUNT> g_categoryNames =
    {"mip6", "ike", "tls", "hac-ha", "nd", "tunnel", "data-protection", "data"};
} // namespace

const std::string&
Mip6CategoryName(Mip6Category category)
{
    auto i = static_cast<uint8_t>(category);
    NS_ABORT_MSG_IF(i >= MIP6_CATEGORY_COUNT, "Mip6CategoryName: bad category " << unsigned(i));
    return g_categoryNames[i];
}

bool
Mip6CategoryFromName(const std::string& name, Mip6Category& category)
{
    for (uint8_t i = 0; i < MIP6_CATEGORY_COUNT; ++i)
    {
        if (g_categoryNames[i] == name)
        {
            category = static_cast<Mip6Category>(i);
            return true;
        }
    }
    return false;
}

bool
Mip6CategoryIsSignalling(Mip6Category category)
{
    return category != Mip6Category::TUNNEL && category != Mip6Category::DATA_PROTECTION &&
           category != Mip6Category::DATA;
}

Mip6CategoryTag::Mip6CategoryTag() = default;

Mip6CategoryTag::Mip6CategoryTag(Mip6Category category,
                                 const std::string& message,
                                 uint32_t mn,
                                 uint32_t protectionBytes)
    : m_category(category),
      m_mn(mn),
      m_protectionBytes(protectionBytes)
{
    SetMessage(message);
}

TypeId
Mip6CategoryTag::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6CategoryTag")
                            .SetParent<Tag>()
                            .SetGroupName("Mip6")
                            .AddConstructor<Mip6CategoryTag>();
    return tid;
}

TypeId
Mip6CategoryTag::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
Mip6CategoryTag::GetSerializedSize() const
{
    return 1 + 4 + 4 + 1 + static_cast<uint32_t>(m_message.size());
}

void
Mip6CategoryTag::Serialize(TagBuffer i) const
{
    i.WriteU8(static_cast<uint8_t>(m_category));
    i.WriteU32(m_mn);
    i.WriteU32(m_protectionBytes);
    i.WriteU8(static_cast<uint8_t>(m_message.size()));
    i.Write(reinterpret_cast<const uint8_t*>(m_message.data()),
            static_cast<uint32_t>(m_message.size()));
}

void
Mip6CategoryTag::Deserialize(TagBuffer i)
{
    uint8_t category = i.ReadU8();
    // Only Serialize() above writes this buffer; a bad value means memory corruption.
    NS_ABORT_MSG_IF(category >= MIP6_CATEGORY_COUNT,
                    "Mip6CategoryTag: bad category " << unsigned(category));
    m_category = static_cast<Mip6Category>(category);
    m_mn = i.ReadU32();
    m_protectionBytes = i.ReadU32();
    uint8_t len = i.ReadU8();
    NS_ABORT_MSG_IF(len > MAX_MESSAGE_LENGTH, "Mip6CategoryTag: bad name length " << unsigned(len));
    m_message.assign(len, '\0');
    i.Read(reinterpret_cast<uint8_t*>(m_message.data()), len);
}

void
Mip6CategoryTag::Print(std::ostream& os) const
{
    os << "category=" << Mip6CategoryName(m_category) << " message=" << m_message << " mn=" << m_mn
       << " protection=" << m_protectionBytes;
}

void
Mip6CategoryTag::SetCategory(Mip6Category category)
{
    NS_ABORT_MSG_IF(static_cast<uint8_t>(category) >= MIP6_CATEGORY_COUNT,
                    "Mip6CategoryTag: bad category");
    m_category = category;
}

Mip6Category
Mip6CategoryTag::GetCategory() const
{
    return m_category;
}

void
Mip6CategoryTag::SetMessage(const std::string& message)
{
    NS_ABORT_MSG_IF(message.size() > MAX_MESSAGE_LENGTH,
                    "Mip6CategoryTag: message name '" << message << "' longer than "
                                                      << MAX_MESSAGE_LENGTH << " bytes");
    // In the CSVs "NA" means "not applicable"; a message named so would be misread.
    NS_ABORT_MSG_IF(message == "NA",
                    "Mip6CategoryTag: message name 'NA' is reserved (e.g. write "
                    "NeighborAdvertisement)");
    m_message = message;
}

const std::string&
Mip6CategoryTag::GetMessage() const
{
    return m_message;
}

void
Mip6CategoryTag::SetMnId(uint32_t mn)
{
    m_mn = mn;
}

uint32_t
Mip6CategoryTag::GetMnId() const
{
    return m_mn;
}

void
Mip6CategoryTag::SetProtectionBytes(uint32_t bytes)
{
    m_protectionBytes = bytes;
}

uint32_t
Mip6CategoryTag::GetProtectionBytes() const
{
    return m_protectionBytes;
}

} // namespace ns3

/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-header.h"

#include "ns3/abort.h"
#include "ns3/assert.h"
#include "ns3/buffer.h"
#include "ns3/log.h"

#include <algorithm>
#include <iomanip>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6Header");

namespace
{

/// The largest MH: Header Len 255 (RFC 6275 §6.1.1).
constexpr uint32_t MAX_MH_LENGTH = (255 + 1) * 8;
/// The common part before the message data: Payload Proto, Header Len, MH Type, Reserved, Checksum.
constexpr uint32_t COMMON_SIZE = 6;

/// Number of bytes to insert at `offset` so that the next byte sits at x*n + y.
uint32_t
PadTo(uint32_t offset, uint8_t x, uint8_t y)
{
    return (static_cast<uint32_t>(y) + x - (offset % x)) % x;
}

/// RFC 6275 §6.2.1/§6.2.2: one Pad1 for a single byte, a PadN for more.
void
WritePadding(Buffer::Iterator& i, uint32_t n)
{
    if (n == 0)
    {
        return;
    }
    if (n == 1)
    {
        i.WriteU8(Mip6OptionType::PAD1);
        return;
    }
    i.WriteU8(Mip6OptionType::PADN);
    i.WriteU8(static_cast<uint8_t>(n - 2));
    i.WriteU8(0, n - 2);
}

/// The fixed Length of the RFC 6275 options (§6.2.4-§6.2.7); nullopt for other types.
std::optional<uint8_t>
KnownOptionLength(uint8_t type)
{
    switch (type)
    {
    case Mip6OptionType::BINDING_REFRESH_ADVICE:
        return 2;
    case Mip6OptionType::ALTERNATE_COA:
        return 16;
    case Mip6OptionType::NONCE_INDICES:
        return 4;
    case Mip6OptionType::BINDING_AUTHORIZATION_DATA:
        return 12;
    default:
        return std::nullopt;
    }
}

std::string
MhTypeName(uint8_t t)
{
    static const char* names[] = {"BRR", "HoTI", "CoTI", "HoT", "CoT", "BU", "BA", "BE"};
    return t < 8 ? names[t] : "MH" + std::to_string(t);
}

} // namespace

std::string
Mip6ParseErrorToString(Mip6ParseError e)
{
    switch (e)
    {
    case Mip6ParseError::NONE:
        return "none";
    case Mip6ParseError::TRUNCATED:
        return "truncated";
    case Mip6ParseError::BAD_HEADER_LEN:
        return "bad-header-len";
    case Mip6ParseError::BAD_PAYLOAD_PROTO:
        return "bad-payload-proto";
    case Mip6ParseError::UNKNOWN_MH_TYPE:
        return "unknown-mh-type";
    case Mip6ParseError::MESSAGE_TOO_SHORT:
        return "message-too-short";
    case Mip6ParseError::BAD_OPTION:
        return "bad-option";
    case Mip6ParseError::BAD_CHECKSUM:
        return "bad-checksum";
    }
    return "unknown";
}

// ---------------------------------------------------------------------------------------------
// Mip6Header
// ---------------------------------------------------------------------------------------------

NS_OBJECT_ENSURE_REGISTERED(Mip6Header);

TypeId
Mip6Header::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6Header").SetParent<Header>().SetGroupName("Mip6");
    return tid;
}

TypeId
Mip6Header::GetInstanceTypeId() const
{
    return GetTypeId();
}

Mip6Header::Mip6Header(uint8_t mhType)
    : m_payloadProto(PAYLOAD_PROTO_NONE),
      m_mhType(mhType),
      m_checksum(0)
{
}

uint8_t
Mip6Header::GetMhType() const
{
    return m_mhType;
}

uint8_t
Mip6Header::GetPayloadProto() const
{
    return m_payloadProto;
}

uint8_t
Mip6Header::GetHeaderLen() const
{
    // RFC 6275 §6.1.1: length in 8-octet units, excluding the first 8 octets.
    return static_cast<uint8_t>(GetSerializedSize() / 8 - 1);
}

uint16_t
Mip6Header::GetChecksum() const
{
    return m_checksum;
}

void
Mip6Header::SetChecksum(uint16_t checksum)
{
    m_checksum = checksum;
}

void
Mip6Header::AddOption(const Mip6Option& o)
{
    NS_ABORT_MSG_IF(o.GetType() == Mip6OptionType::PAD1 || o.GetType() == Mip6OptionType::PADN,
                    "Mip6Header::AddOption: Pad1/PadN are inserted by the header itself");
    m_options.push_back(o);
}

const std::vector<Mip6Option>&
Mip6Header::GetOptions() const
{
    return m_options;
}

std::vector<Mip6Option>&
Mip6Header::GetOptions()
{
    return m_options;
}

const Mip6Option*
Mip6Header::FindOption(uint8_t type) const
{
    for (const auto& o : m_options)
    {
        if (o.GetType() == type)
        {
            return &o;
        }
    }
    return nullptr;
}

void
Mip6Header::RemoveOptions(uint8_t type)
{
    m_options.erase(std::remove_if(m_options.begin(),
                                   m_options.end(),
                                   [type](const Mip6Option& o) { return o.GetType() == type; }),
                    m_options.end());
}

uint32_t
Mip6Header::Layout(std::vector<uint32_t>* offsets) const
{
    // RFC 6275 §6.2: each option starts at an offset (from the start of the MH) meeting its xn+y
    // alignment; the MH ends on an 8-octet boundary.
    uint32_t off = COMMON_SIZE + GetMessageDataSize();
    for (const auto& o : m_options)
    {
        off += PadTo(off, o.GetAlignX(), o.GetAlignY());
        if (offsets)
        {
            offsets->push_back(off);
        }
        off += o.GetSerializedSize();
    }
    off += PadTo(off, 8, 0);
    NS_ABORT_MSG_IF(off > MAX_MH_LENGTH,
                    "Mip6Header: " << off << " bytes exceed the largest Mobility Header");
    return off;
}

uint32_t
Mip6Header::GetSerializedSize() const
{
    return Layout(nullptr);
}

uint32_t
Mip6Header::GetOptionOffset(std::size_t i) const
{
    std::vector<uint32_t> offsets;
    Layout(&offsets);
    NS_ABORT_MSG_IF(i >= offsets.size(), "Mip6Header::GetOptionOffset: no option " << i);
    return offsets[i];
}

void
Mip6Header::Serialize(Buffer::Iterator start) const
{
    const uint32_t length = GetSerializedSize();
    Buffer::Iterator i = start;
    // RFC 6275 §6.1.1 common part
    i.WriteU8(m_payloadProto);
    i.WriteU8(static_cast<uint8_t>(length / 8 - 1));
    i.WriteU8(m_mhType);
    i.WriteU8(0); // Reserved
    i.WriteHtonU16(m_checksum);
    SerializeMessageData(i);
    uint32_t off = COMMON_SIZE + GetMessageDataSize();
    for (const auto& o : m_options)
    {
        const uint32_t pad = PadTo(off, o.GetAlignX(), o.GetAlignY());
        WritePadding(i, pad);
        off += pad;
        i.WriteU8(o.GetType());
        i.WriteU8(static_cast<uint8_t>(o.GetData().size()));
        if (!o.GetData().empty())
        {
            i.Write(o.GetData().data(), static_cast<uint32_t>(o.GetData().size()));
        }
        off += o.GetSerializedSize();
    }
    WritePadding(i, length - off);
}

uint32_t
Mip6Header::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    m_payloadProto = i.ReadU8();
    const uint32_t length = (static_cast<uint32_t>(i.ReadU8()) + 1) * 8;
    const uint8_t type = i.ReadU8();
    NS_ASSERT_MSG(type == m_mhType,
                  "Mip6Header::Deserialize: MH Type " << unsigned(type) << " read into a "
                                                      << MhTypeName(m_mhType) << " header");
    i.ReadU8(); // Reserved
    m_checksum = i.ReadNtohU16();
    DeserializeMessageData(i);
    m_options.clear();
    // Bounded by the MH length and by the bytes present, so that a misuse cannot read past them.
    const uint32_t end = std::min<uint32_t>(length, start.GetRemainingSize());
    uint32_t off = COMMON_SIZE + GetMessageDataSize();
    while (off < end)
    {
        const uint8_t t = i.ReadU8();
        if (t == Mip6OptionType::PAD1)
        {
            off += 1;
            continue;
        }
        if (off + 2 > end)
        {
            break;
        }
        const uint8_t len = i.ReadU8();
        if (off + 2 + len > end)
        {
            break;
        }
        std::vector<uint8_t> data(len);
        if (len > 0)
        {
            i.Read(data.data(), len);
        }
        if (t != Mip6OptionType::PADN)
        {
            // Known types get their RFC alignment; others keep the 8-octet phase they were
            // received at, so that re-serialisation places them where the sender did. So does a
            // Flow Identification option: its inner PadN puts the Traffic Selector sub-option on
            // the 4n/8n boundary RFC 6088 §3 asks for, which holds only at the sender's phase.
            auto align = Mip6Option::GetKnownAlignment(t, len);
            const bool keepPhase = !align || t == Mip6OptionType::FLOW_ID;
            const uint8_t x = keepPhase ? 8 : align->first;
            const uint8_t y = keepPhase ? static_cast<uint8_t>(off % 8) : align->second;
            m_options.emplace_back(t, std::move(data), x, y);
        }
        off += 2 + len;
    }
    return length;
}

void
Mip6Header::Print(std::ostream& os) const
{
    os << MhTypeName(m_mhType) << " (len=" << GetSerializedSize() << " csum=0x" << std::hex
       << std::setw(4) << std::setfill('0') << m_checksum << std::dec << std::setfill(' ') << " ";
    PrintMessageData(os);
    for (const auto& o : m_options)
    {
        os << " opt[" << o << "]";
    }
    os << ")";
}

std::vector<uint8_t>
Mip6Header::SerializeToBytes() const
{
    const uint32_t size = GetSerializedSize();
    Buffer b;
    b.AddAtStart(size);
    Serialize(b.Begin());
    std::vector<uint8_t> out(size);
    b.CopyData(out.data(), size);
    return out;
}

uint16_t
Mip6Header::ComputeChecksum(const uint8_t* mh, std::size_t len, Ipv6Address src, Ipv6Address dst)
{
    // RFC 6275 §6.1.1 / RFC 8200 §8.1: the pseudo-header is source, destination, the 32-bit
    // upper-layer length, 3 zero bytes and Next Header 135. Same idiom as Icmpv6Header.
    NS_ABORT_MSG_IF(len > MAX_MH_LENGTH, "Mip6Header::ComputeChecksum: " << len << " bytes");
    const uint32_t total = 40 + static_cast<uint32_t>(len);
    Buffer buf;
    buf.AddAtStart(total);
    Buffer::Iterator it = buf.Begin();
    uint8_t tmp[16];
    src.Serialize(tmp);
    it.Write(tmp, 16);
    dst.Serialize(tmp);
    it.Write(tmp, 16);
    it.WriteHtonU32(static_cast<uint32_t>(len));
    it.WriteU8(0, 3);
    it.WriteU8(NEXT_HEADER);
    if (len > 0)
    {
        it.Write(mh, static_cast<uint32_t>(len));
    }
    it = buf.Begin();
    // CalculateIpChecksum sums little-endian 16-bit reads; the one's-complement sum commutes
    // with a byte swap, so the value in network order is the swapped result.
    const uint16_t le = it.CalculateIpChecksum(static_cast<uint16_t>(total));
    return static_cast<uint16_t>((le >> 8) | (le << 8));
}

bool
Mip6Header::VerifyChecksum(const uint8_t* mh, std::size_t len, Ipv6Address src, Ipv6Address dst)
{
    if (len > MAX_MH_LENGTH)
    {
        return false;
    }
    // With the received checksum in place, the complemented sum is zero when it verifies.
    return ComputeChecksum(mh, len, src, dst) == 0;
}

void
Mip6Header::CalculateChecksum(Ipv6Address src, Ipv6Address dst)
{
    m_checksum = 0;
    const std::vector<uint8_t> bytes = SerializeToBytes();
    m_checksum = ComputeChecksum(bytes.data(), bytes.size(), src, dst);
}

std::optional<uint32_t>
Mip6Header::GetMessageDataSizeOfType(uint8_t mhType)
{
    // RFC 6275 §6.1.2-§6.1.9: the fields after the 6-byte common part.
    switch (mhType)
    {
    case BRR:
        return 2;
    case HOTI:
    case COTI:
        return 10;
    case HOT:
    case COT:
        return 18;
    case BU:
    case BA:
        return 6;
    case BE:
        return 18;
    default:
        return std::nullopt;
    }
}

Mip6ParseError
Mip6Header::Validate(const uint8_t* buf, std::size_t len, uint8_t& type, uint32_t& mhLength)
{
    type = 0;
    mhLength = 0;
    if (buf == nullptr || len < COMMON_SIZE)
    {
        return Mip6ParseError::TRUNCATED;
    }
    mhLength = (static_cast<uint32_t>(buf[1]) + 1) * 8;
    type = buf[2];
    // RFC 6275 §6.1.1: an MH is (Header Len + 1) * 8 bytes, so anything else lost bytes.
    if (len < 8 || len % 8 != 0)
    {
        return Mip6ParseError::TRUNCATED;
    }
    // The MH is the last header (Payload Proto 59), so it must fill the bytes present exactly.
    if (mhLength != len)
    {
        return Mip6ParseError::BAD_HEADER_LEN;
    }
    // RFC 6275 §9.2: Payload Proto MUST be IPPROTO_NONE.
    if (buf[0] != PAYLOAD_PROTO_NONE)
    {
        return Mip6ParseError::BAD_PAYLOAD_PROTO;
    }
    // RFC 6275 §9.2: an unknown MH Type is answered with a Binding Error, status 2.
    const auto dataSize = GetMessageDataSizeOfType(type);
    if (!dataSize)
    {
        return Mip6ParseError::UNKNOWN_MH_TYPE;
    }
    // RFC 6275 §9.2: Header Len MUST NOT be less than the length of the message type.
    uint32_t off = COMMON_SIZE + *dataSize;
    if (mhLength < off)
    {
        return Mip6ParseError::MESSAGE_TOO_SHORT;
    }
    // RFC 6275 §6.2: every option TLV lies inside the MH; the RFC 6275 options have fixed lengths.
    while (off < mhLength)
    {
        const uint8_t t = buf[off];
        if (t == Mip6OptionType::PAD1)
        {
            ++off;
            continue;
        }
        if (off + 2 > mhLength)
        {
            return Mip6ParseError::BAD_OPTION;
        }
        const uint8_t l = buf[off + 1];
        if (off + 2 + l > mhLength)
        {
            return Mip6ParseError::BAD_OPTION;
        }
        const auto known = KnownOptionLength(t);
        if (known && *known != l)
        {
            return Mip6ParseError::BAD_OPTION;
        }
        off += 2 + l;
    }
    return Mip6ParseError::NONE;
}

Mip6ParseError
Mip6Header::Validate(Ptr<const Packet> p, uint8_t& type, uint32_t& mhLength)
{
    if (!p)
    {
        type = 0;
        mhLength = 0;
        return Mip6ParseError::TRUNCATED;
    }
    const uint32_t size = p->GetSize();
    std::vector<uint8_t> bytes(size);
    if (size > 0)
    {
        p->CopyData(bytes.data(), size);
    }
    return Validate(bytes.data(), bytes.size(), type, mhLength);
}

// ---------------------------------------------------------------------------------------------
// Binding Update (RFC 6275 §6.1.7)
// ---------------------------------------------------------------------------------------------

NS_OBJECT_ENSURE_REGISTERED(Mip6BindingUpdateHeader);

Mip6BindingUpdateHeader::Mip6BindingUpdateHeader()
    : Mip6Header(BU),
      m_sequence(0),
      m_flags(0),
      m_lifetime(0)
{
}

TypeId
Mip6BindingUpdateHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6BindingUpdateHeader")
                            .SetParent<Mip6Header>()
                            .SetGroupName("Mip6")
                            .AddConstructor<Mip6BindingUpdateHeader>();
    return tid;
}

TypeId
Mip6BindingUpdateHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint16_t
Mip6BindingUpdateHeader::GetSequence() const
{
    return m_sequence;
}

void
Mip6BindingUpdateHeader::SetSequence(uint16_t seq)
{
    m_sequence = seq;
}

uint16_t
Mip6BindingUpdateHeader::GetFlags() const
{
    return m_flags;
}

void
Mip6BindingUpdateHeader::SetFlags(uint16_t flags)
{
    m_flags = flags;
}

bool
Mip6BindingUpdateHeader::HasFlag(uint16_t f) const
{
    return (m_flags & f) == f;
}

void
Mip6BindingUpdateHeader::SetFlag(uint16_t f, bool on)
{
    m_flags = on ? static_cast<uint16_t>(m_flags | f) : static_cast<uint16_t>(m_flags & ~f);
}

bool
Mip6BindingUpdateHeader::IsOverwrite() const
{
    // RFC 5648 §4.2 puts O at 0x0040, where IANA registered RFC 6602's B. The bit is O only in a
    // home registration (H) carrying a Binding Identifier option and without P (RFC 5213 proxy
    // registrations are where B lives); everywhere else it is B.
    return HasFlag(FLAG_H) && !HasFlag(FLAG_P) && HasFlag(FLAG_O) &&
           FindOption(Mip6OptionType::BINDING_ID) != nullptr;
}

uint16_t
Mip6BindingUpdateHeader::GetLifetimeUnits() const
{
    return m_lifetime;
}

void
Mip6BindingUpdateHeader::SetLifetimeUnits(uint16_t units)
{
    m_lifetime = units;
}

Time
Mip6BindingUpdateHeader::GetLifetime() const
{
    return Seconds(4.0 * m_lifetime);
}

uint32_t
Mip6BindingUpdateHeader::GetMessageDataSize() const
{
    return 6;
}

void
Mip6BindingUpdateHeader::SerializeMessageData(Buffer::Iterator& i) const
{
    i.WriteHtonU16(m_sequence);
    i.WriteHtonU16(m_flags);
    i.WriteHtonU16(m_lifetime);
}

void
Mip6BindingUpdateHeader::DeserializeMessageData(Buffer::Iterator& i)
{
    m_sequence = i.ReadNtohU16();
    m_flags = i.ReadNtohU16();
    m_lifetime = i.ReadNtohU16();
}

void
Mip6BindingUpdateHeader::PrintMessageData(std::ostream& os) const
{
    os << "seq=" << m_sequence << " flags=0x" << std::hex << m_flags << std::dec
       << " lifetime=" << m_lifetime;
}

// ---------------------------------------------------------------------------------------------
// Binding Acknowledgement (RFC 6275 §6.1.8)
// ---------------------------------------------------------------------------------------------

NS_OBJECT_ENSURE_REGISTERED(Mip6BindingAckHeader);

Mip6BindingAckHeader::Mip6BindingAckHeader()
    : Mip6Header(BA),
      m_status(0),
      m_flags(0),
      m_sequence(0),
      m_lifetime(0)
{
}

TypeId
Mip6BindingAckHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6BindingAckHeader")
                            .SetParent<Mip6Header>()
                            .SetGroupName("Mip6")
                            .AddConstructor<Mip6BindingAckHeader>();
    return tid;
}

TypeId
Mip6BindingAckHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint8_t
Mip6BindingAckHeader::GetStatus() const
{
    return m_status;
}

void
Mip6BindingAckHeader::SetStatus(uint8_t status)
{
    m_status = status;
}

uint8_t
Mip6BindingAckHeader::GetFlags() const
{
    return m_flags;
}

void
Mip6BindingAckHeader::SetFlags(uint8_t flags)
{
    m_flags = flags;
}

bool
Mip6BindingAckHeader::HasFlag(uint8_t f) const
{
    return (m_flags & f) == f;
}

void
Mip6BindingAckHeader::SetFlag(uint8_t f, bool on)
{
    m_flags = on ? static_cast<uint8_t>(m_flags | f) : static_cast<uint8_t>(m_flags & ~f);
}

uint16_t
Mip6BindingAckHeader::GetSequence() const
{
    return m_sequence;
}

void
Mip6BindingAckHeader::SetSequence(uint16_t seq)
{
    m_sequence = seq;
}

uint16_t
Mip6BindingAckHeader::GetLifetimeUnits() const
{
    return m_lifetime;
}

void
Mip6BindingAckHeader::SetLifetimeUnits(uint16_t units)
{
    m_lifetime = units;
}

Time
Mip6BindingAckHeader::GetLifetime() const
{
    return Seconds(4.0 * m_lifetime);
}

uint32_t
Mip6BindingAckHeader::GetMessageDataSize() const
{
    return 6;
}

void
Mip6BindingAckHeader::SerializeMessageData(Buffer::Iterator& i) const
{
    i.WriteU8(m_status);
    i.WriteU8(m_flags);
    i.WriteHtonU16(m_sequence);
    i.WriteHtonU16(m_lifetime);
}

void
Mip6BindingAckHeader::DeserializeMessageData(Buffer::Iterator& i)
{
    m_status = i.ReadU8();
    m_flags = i.ReadU8();
    m_sequence = i.ReadNtohU16();
    m_lifetime = i.ReadNtohU16();
}

void
Mip6BindingAckHeader::PrintMessageData(std::ostream& os) const
{
    os << "status=" << unsigned(m_status) << " flags=0x" << std::hex << unsigned(m_flags)
       << std::dec << " seq=" << m_sequence << " lifetime=" << m_lifetime;
}

// ---------------------------------------------------------------------------------------------
// Binding Error (RFC 6275 §6.1.9)
// ---------------------------------------------------------------------------------------------

NS_OBJECT_ENSURE_REGISTERED(Mip6BindingErrorHeader);

Mip6BindingErrorHeader::Mip6BindingErrorHeader()
    : Mip6Header(BE),
      m_status(0)
{
}

TypeId
Mip6BindingErrorHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6BindingErrorHeader")
                            .SetParent<Mip6Header>()
                            .SetGroupName("Mip6")
                            .AddConstructor<Mip6BindingErrorHeader>();
    return tid;
}

TypeId
Mip6BindingErrorHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint8_t
Mip6BindingErrorHeader::GetStatus() const
{
    return m_status;
}

void
Mip6BindingErrorHeader::SetStatus(uint8_t status)
{
    m_status = status;
}

Ipv6Address
Mip6BindingErrorHeader::GetHomeAddress() const
{
    return m_hoa;
}

void
Mip6BindingErrorHeader::SetHomeAddress(Ipv6Address hoa)
{
    m_hoa = hoa;
}

uint32_t
Mip6BindingErrorHeader::GetMessageDataSize() const
{
    return 18;
}

void
Mip6BindingErrorHeader::SerializeMessageData(Buffer::Iterator& i) const
{
    i.WriteU8(m_status);
    i.WriteU8(0); // Reserved
    uint8_t a[16];
    m_hoa.Serialize(a);
    i.Write(a, 16);
}

void
Mip6BindingErrorHeader::DeserializeMessageData(Buffer::Iterator& i)
{
    m_status = i.ReadU8();
    i.ReadU8(); // Reserved
    uint8_t a[16];
    i.Read(a, 16);
    m_hoa = Ipv6Address::Deserialize(a);
}

void
Mip6BindingErrorHeader::PrintMessageData(std::ostream& os) const
{
    os << "status=" << unsigned(m_status) << " hoa=" << m_hoa;
}

// ---------------------------------------------------------------------------------------------
// Binding Refresh Request (RFC 6275 §6.1.2)
// ---------------------------------------------------------------------------------------------

NS_OBJECT_ENSURE_REGISTERED(Mip6BindingRefreshRequestHeader);

Mip6BindingRefreshRequestHeader::Mip6BindingRefreshRequestHeader()
    : Mip6Header(BRR)
{
}

TypeId
Mip6BindingRefreshRequestHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6BindingRefreshRequestHeader")
                            .SetParent<Mip6Header>()
                            .SetGroupName("Mip6")
                            .AddConstructor<Mip6BindingRefreshRequestHeader>();
    return tid;
}

TypeId
Mip6BindingRefreshRequestHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
Mip6BindingRefreshRequestHeader::GetMessageDataSize() const
{
    return 2;
}

void
Mip6BindingRefreshRequestHeader::SerializeMessageData(Buffer::Iterator& i) const
{
    i.WriteHtonU16(0); // Reserved
}

void
Mip6BindingRefreshRequestHeader::DeserializeMessageData(Buffer::Iterator& i)
{
    i.ReadNtohU16(); // Reserved
}

void
Mip6BindingRefreshRequestHeader::PrintMessageData(std::ostream& os) const
{
}

// ---------------------------------------------------------------------------------------------
// HoTI / CoTI (RFC 6275 §6.1.3, §6.1.4)
// ---------------------------------------------------------------------------------------------

NS_OBJECT_ENSURE_REGISTERED(Mip6TestInitHeaderBase);

TypeId
Mip6TestInitHeaderBase::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6TestInitHeaderBase").SetParent<Mip6Header>().SetGroupName("Mip6");
    return tid;
}

Mip6TestInitHeaderBase::Mip6TestInitHeaderBase(uint8_t mhType)
    : Mip6Header(mhType),
      m_cookie(0)
{
}

uint64_t
Mip6TestInitHeaderBase::GetCookie() const
{
    return m_cookie;
}

void
Mip6TestInitHeaderBase::SetCookie(uint64_t cookie)
{
    m_cookie = cookie;
}

uint32_t
Mip6TestInitHeaderBase::GetMessageDataSize() const
{
    return 10;
}

void
Mip6TestInitHeaderBase::SerializeMessageData(Buffer::Iterator& i) const
{
    i.WriteHtonU16(0); // Reserved
    i.WriteHtonU64(m_cookie);
}

void
Mip6TestInitHeaderBase::DeserializeMessageData(Buffer::Iterator& i)
{
    i.ReadNtohU16(); // Reserved
    m_cookie = i.ReadNtohU64();
}

void
Mip6TestInitHeaderBase::PrintMessageData(std::ostream& os) const
{
    os << "cookie=0x" << std::hex << m_cookie << std::dec;
}

NS_OBJECT_ENSURE_REGISTERED(Mip6HomeTestInitHeader);

Mip6HomeTestInitHeader::Mip6HomeTestInitHeader()
    : Mip6TestInitHeaderBase(HOTI)
{
}

TypeId
Mip6HomeTestInitHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6HomeTestInitHeader")
                            .SetParent<Mip6TestInitHeaderBase>()
                            .SetGroupName("Mip6")
                            .AddConstructor<Mip6HomeTestInitHeader>();
    return tid;
}

TypeId
Mip6HomeTestInitHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

NS_OBJECT_ENSURE_REGISTERED(Mip6CareOfTestInitHeader);

Mip6CareOfTestInitHeader::Mip6CareOfTestInitHeader()
    : Mip6TestInitHeaderBase(COTI)
{
}

TypeId
Mip6CareOfTestInitHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6CareOfTestInitHeader")
                            .SetParent<Mip6TestInitHeaderBase>()
                            .SetGroupName("Mip6")
                            .AddConstructor<Mip6CareOfTestInitHeader>();
    return tid;
}

TypeId
Mip6CareOfTestInitHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

// ---------------------------------------------------------------------------------------------
// HoT / CoT (RFC 6275 §6.1.5, §6.1.6)
// ---------------------------------------------------------------------------------------------

NS_OBJECT_ENSURE_REGISTERED(Mip6TestHeaderBase);

TypeId
Mip6TestHeaderBase::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6TestHeaderBase").SetParent<Mip6Header>().SetGroupName("Mip6");
    return tid;
}

Mip6TestHeaderBase::Mip6TestHeaderBase(uint8_t mhType)
    : Mip6Header(mhType),
      m_nonceIndex(0),
      m_cookie(0),
      m_token(0)
{
}

uint16_t
Mip6TestHeaderBase::GetNonceIndex() const
{
    return m_nonceIndex;
}

void
Mip6TestHeaderBase::SetNonceIndex(uint16_t index)
{
    m_nonceIndex = index;
}

uint64_t
Mip6TestHeaderBase::GetCookie() const
{
    return m_cookie;
}

void
Mip6TestHeaderBase::SetCookie(uint64_t cookie)
{
    m_cookie = cookie;
}

uint64_t
Mip6TestHeaderBase::GetKeygenToken() const
{
    return m_token;
}

void
Mip6TestHeaderBase::SetKeygenToken(uint64_t token)
{
    m_token = token;
}

uint32_t
Mip6TestHeaderBase::GetMessageDataSize() const
{
    return 18;
}

void
Mip6TestHeaderBase::SerializeMessageData(Buffer::Iterator& i) const
{
    i.WriteHtonU16(m_nonceIndex);
    i.WriteHtonU64(m_cookie);
    i.WriteHtonU64(m_token);
}

void
Mip6TestHeaderBase::DeserializeMessageData(Buffer::Iterator& i)
{
    m_nonceIndex = i.ReadNtohU16();
    m_cookie = i.ReadNtohU64();
    m_token = i.ReadNtohU64();
}

void
Mip6TestHeaderBase::PrintMessageData(std::ostream& os) const
{
    os << "nonceIndex=" << m_nonceIndex << " cookie=0x" << std::hex << m_cookie << " token=0x"
       << m_token << std::dec;
}

NS_OBJECT_ENSURE_REGISTERED(Mip6HomeTestHeader);

Mip6HomeTestHeader::Mip6HomeTestHeader()
    : Mip6TestHeaderBase(HOT)
{
}

TypeId
Mip6HomeTestHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6HomeTestHeader")
                            .SetParent<Mip6TestHeaderBase>()
                            .SetGroupName("Mip6")
                            .AddConstructor<Mip6HomeTestHeader>();
    return tid;
}

TypeId
Mip6HomeTestHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

NS_OBJECT_ENSURE_REGISTERED(Mip6CareOfTestHeader);

Mip6CareOfTestHeader::Mip6CareOfTestHeader()
    : Mip6TestHeaderBase(COT)
{
}

TypeId
Mip6CareOfTestHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6CareOfTestHeader")
                            .SetParent<Mip6TestHeaderBase>()
                            .SetGroupName("Mip6")
                            .AddConstructor<Mip6CareOfTestHeader>();
    return tid;
}

TypeId
Mip6CareOfTestHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

} // namespace ns3

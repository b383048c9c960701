/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/mip6-hac-ha.h"

#include "ns3/log.h"
#include "ns3/mip6-category-tag.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6HacHa");

NS_OBJECT_ENSURE_REGISTERED(Mip6HacHaHeader);
NS_OBJECT_ENSURE_REGISTERED(Mip6HacHaChannel);

namespace
{

void
PutU16(Mip6Bytes& b, uint16_t v)
{
    b.push_back(static_cast<uint8_t>(v >> 8));
    b.push_back(static_cast<uint8_t>(v));
}

void
PutU32(Mip6Bytes& b, uint32_t v)
{
    PutU16(b, static_cast<uint16_t>(v >> 16));
    PutU16(b, static_cast<uint16_t>(v));
}

void
PutU64(Mip6Bytes& b, uint64_t v)
{
    PutU32(b, static_cast<uint32_t>(v >> 32));
    PutU32(b, static_cast<uint32_t>(v));
}

/// Reads big-endian fields from a byte string; every read checks the remaining length.
class Reader
{
  public:
    explicit Reader(const Mip6Bytes& data)
        : m_data(data)
    {
    }

    bool Get(uint64_t& v, size_t octets)
    {
        if (m_data.size() - m_pos < octets)
        {
            return false;
        }
        v = 0;
        for (size_t i = 0; i < octets; ++i)
        {
            v = v << 8 | m_data[m_pos++];
        }
        return true;
    }

    bool GetBytes(Mip6Bytes& out, size_t octets)
    {
        if (m_data.size() - m_pos < octets)
        {
            return false;
        }
        out.assign(m_data.begin() + m_pos, m_data.begin() + m_pos + octets);
        m_pos += octets;
        return true;
    }

    bool AtEnd() const
    {
        return m_pos == m_data.size();
    }

  private:
    const Mip6Bytes& m_data;
    size_t m_pos{0};
};

constexpr uint8_t kFlagSas = 0x80;

void
PutRecord(Mip6Bytes& b, const Mip6HacSaDelivery& sa)
{
    PutU32(b, sa.spi);
    PutU16(b, sa.suite);
    b.push_back(sa.dataProtection ? kFlagSas : 0);
    b.push_back(0);
    PutU32(b, sa.mnId);
    PutU64(b, static_cast<uint64_t>(sa.validityEnd));
    uint8_t hoa[16];
    sa.hoa.GetBytes(hoa);
    b.insert(b.end(), hoa, hoa + 16);
    for (const Mip6Bytes* k :
         {&sa.keys.mnToHaIkey, &sa.keys.mnToHaEkey, &sa.keys.haToMnIkey, &sa.keys.haToMnEkey})
    {
        NS_ABORT_MSG_IF(k->size() > 255, "HAC-HA: key longer than 255 octets");
        b.push_back(static_cast<uint8_t>(k->size()));
    }
    for (const Mip6Bytes* k :
         {&sa.keys.mnToHaIkey, &sa.keys.mnToHaEkey, &sa.keys.haToMnIkey, &sa.keys.haToMnEkey})
    {
        b.insert(b.end(), k->begin(), k->end());
    }
}

bool
GetRecord(Reader& r, Mip6HacSaDelivery& sa, std::string& why)
{
    uint64_t spi = 0;
    uint64_t suite = 0;
    uint64_t flags = 0;
    uint64_t reserved = 0;
    uint64_t mn = 0;
    uint64_t end = 0;
    Mip6Bytes hoa;
    uint64_t lengths[4] = {0, 0, 0, 0};
    if (!r.Get(spi, 4) || !r.Get(suite, 2) || !r.Get(flags, 1) || !r.Get(reserved, 1) ||
        !r.Get(mn, 4) || !r.Get(end, 8) || !r.GetBytes(hoa, 16) || !r.Get(lengths[0], 1) ||
        !r.Get(lengths[1], 1) || !r.Get(lengths[2], 1) || !r.Get(lengths[3], 1))
    {
        why = "truncated-record";
        return false;
    }
    Mip6Bytes* keys[4] = {&sa.keys.mnToHaIkey,
                          &sa.keys.mnToHaEkey,
                          &sa.keys.haToMnIkey,
                          &sa.keys.haToMnEkey};
    for (int i = 0; i < 4; ++i)
    {
        if (!r.GetBytes(*keys[i], lengths[i]))
        {
            why = "truncated-keys";
            return false;
        }
    }
    if (spi == 0 || spi > Mip6AltsecHeader::MAX_SPI)
    {
        why = "bad-spi";
        return false;
    }
    const Mip6AltsecSuite* s = Mip6AltsecSuite::Find(static_cast<uint16_t>(suite));
    if (s == nullptr || lengths[0] != s->GetIntegrityKeySize() ||
        lengths[2] != s->GetIntegrityKeySize() || lengths[1] != s->GetEncryptionKeySize() ||
        lengths[3] != s->GetEncryptionKeySize())
    {
        why = "bad-suite-or-keys";
        return false;
    }
    sa.spi = static_cast<uint32_t>(spi);
    sa.suite = static_cast<uint16_t>(suite);
    sa.dataProtection = (flags & kFlagSas) != 0;
    sa.mnId = static_cast<uint32_t>(mn);
    sa.validityEnd = static_cast<int64_t>(end);
    sa.hoa = Ipv6Address(hoa.data());
    return true;
}

} // namespace

std::string
Mip6HacHaTypeName(Mip6HacHaType type)
{
    switch (type)
    {
    case Mip6HacHaType::SA_PUSH:
        return "SA-PUSH";
    case Mip6HacHaType::SA_ACK:
        return "SA-ACK";
    case Mip6HacHaType::SA_REQUEST:
        return "SA-REQUEST";
    case Mip6HacHaType::SA_RESPONSE:
        return "SA-RESPONSE";
    }
    return "SA-?";
}

// ---------------------------------------------------------------------------------------------
// The clear header: Version | Type | Length | Sequence Number.

TypeId
Mip6HacHaHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6HacHaHeader")
                            .SetParent<Header>()
                            .SetGroupName("Mip6")
                            .AddConstructor<Mip6HacHaHeader>();
    return tid;
}

TypeId
Mip6HacHaHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
Mip6HacHaHeader::GetSerializedSize() const
{
    return SIZE;
}

void
Mip6HacHaHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteU8(version);
    start.WriteU8(type);
    start.WriteHtonU16(length);
    start.WriteHtonU32(sequence);
}

uint32_t
Mip6HacHaHeader::Deserialize(Buffer::Iterator start)
{
    version = start.ReadU8();
    type = start.ReadU8();
    length = start.ReadNtohU16();
    sequence = start.ReadNtohU32();
    return SIZE;
}

void
Mip6HacHaHeader::Print(std::ostream& os) const
{
    os << "hac-ha v=" << unsigned(version) << " type=" << unsigned(type) << " len=" << length
       << " seq=" << sequence;
}

// ---------------------------------------------------------------------------------------------
// Bodies.

Mip6Bytes
Mip6HacHaBody::Serialize(Mip6HacHaType type) const
{
    Mip6Bytes b;
    switch (type)
    {
    case Mip6HacHaType::SA_PUSH:
        PutRecord(b, sa);
        break;
    case Mip6HacHaType::SA_ACK:
        b.push_back(status);
        b.insert(b.end(), 3, 0);
        PutU32(b, spi);
        PutU32(b, acked);
        break;
    case Mip6HacHaType::SA_REQUEST:
        PutU32(b, spi);
        break;
    case Mip6HacHaType::SA_RESPONSE:
        b.push_back(status);
        b.insert(b.end(), 3, 0);
        PutU32(b, spi);
        if (status == OK)
        {
            PutRecord(b, sa);
        }
        break;
    }
    return b;
}

std::optional<Mip6HacHaBody>
Mip6HacHaBody::Parse(Mip6HacHaType type, const Mip6Bytes& data, std::string& why)
{
    Mip6HacHaBody body;
    Reader r(data);
    uint64_t v = 0;
    uint64_t reserved = 0;
    switch (type)
    {
    case Mip6HacHaType::SA_PUSH:
        if (!GetRecord(r, body.sa, why))
        {
            return std::nullopt;
        }
        body.spi = body.sa.spi;
        break;
    case Mip6HacHaType::SA_ACK:
        if (!r.Get(v, 1))
        {
            why = "truncated";
            return std::nullopt;
        }
        body.status = static_cast<uint8_t>(v);
        if (!r.Get(reserved, 3) || !r.Get(v, 4))
        {
            why = "truncated";
            return std::nullopt;
        }
        body.spi = static_cast<uint32_t>(v);
        if (!r.Get(v, 4))
        {
            why = "truncated";
            return std::nullopt;
        }
        body.acked = static_cast<uint32_t>(v);
        break;
    case Mip6HacHaType::SA_REQUEST:
        if (!r.Get(v, 4))
        {
            why = "truncated";
            return std::nullopt;
        }
        body.spi = static_cast<uint32_t>(v);
        break;
    case Mip6HacHaType::SA_RESPONSE:
        if (!r.Get(v, 1) || !r.Get(reserved, 3))
        {
            why = "truncated";
            return std::nullopt;
        }
        body.status = static_cast<uint8_t>(v);
        if (!r.Get(v, 4))
        {
            why = "truncated";
            return std::nullopt;
        }
        body.spi = static_cast<uint32_t>(v);
        if (body.status == OK)
        {
            if (!GetRecord(r, body.sa, why))
            {
                return std::nullopt;
            }
            if (body.sa.spi != body.spi)
            {
                why = "spi-mismatch";
                return std::nullopt;
            }
        }
        else if (body.status != UNKNOWN)
        {
            why = "bad-status";
            return std::nullopt;
        }
        break;
    default:
        why = "bad-type";
        return std::nullopt;
    }
    if (type == Mip6HacHaType::SA_ACK && body.status != OK && body.status != UNKNOWN)
    {
        why = "bad-status";
        return std::nullopt;
    }
    if (!r.AtEnd())
    {
        why = "trailing-octets";
        return std::nullopt;
    }
    return body;
}

// ---------------------------------------------------------------------------------------------
// The channel.

TypeId
Mip6HacHaChannel::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6HacHaChannel")
            .SetParent<Object>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6HacHaChannel>()
            .AddTraceSource("Drop",
                            "A HAC-HA message was refused: reason, sequence number, packet",
                            MakeTraceSourceAccessor(&Mip6HacHaChannel::m_dropTrace),
                            "ns3::Mip6HacHaChannel::DropTracedCallback");
    return tid;
}

bool
Mip6HacHaChannel::Setup(Role role, const Mip6Bytes& keyAndSalt)
{
    m_role = role;
    if (keyAndSalt.size() != KEY_SIZE)
    {
        return false;
    }
    auto aead = Mip6AesGcm::Create(keyAndSalt);
    if (!aead)
    {
        return false;
    }
    m_aead = aead.Value();
    return true;
}

namespace
{
/// The 8-octet per-message part of the GCM nonce: sender role ‖ sequence number.
Mip6Bytes
Nonce(uint32_t role, uint32_t seq)
{
    Mip6Bytes n;
    PutU32(n, role);
    PutU32(n, seq);
    return n;
}

Mip6Bytes
Aad(const Mip6HacHaHeader& h)
{
    Mip6Bytes a{h.version, h.type};
    PutU16(a, h.length);
    PutU32(a, h.sequence);
    return a;
}
} // namespace

Ptr<Packet>
Mip6HacHaChannel::Seal(Mip6HacHaType type, const Mip6HacHaBody& body, uint32_t mn)
{
    NS_ABORT_MSG_IF(!m_aead, "HAC-HA channel not keyed");
    const bool fromHac = type == Mip6HacHaType::SA_PUSH || type == Mip6HacHaType::SA_RESPONSE;
    NS_ABORT_MSG_IF(fromHac != (m_role == Role::HAC), "HAC-HA: this end does not send that type");
    if (m_exhausted)
    {
        return nullptr;
    }
    const Mip6Bytes plain = body.Serialize(type);
    Mip6HacHaHeader h;
    h.type = static_cast<uint8_t>(type);
    h.length = static_cast<uint16_t>(Mip6HacHaHeader::SIZE + plain.size() + Mip6AesGcm::ICV_SIZE);
    h.sequence = m_nextSeq;
    auto sealed = m_aead->Seal(Nonce(static_cast<uint32_t>(m_role), h.sequence), Aad(h), plain);
    NS_ABORT_MSG_IF(!sealed, "HAC-HA: " << sealed.GetError());
    if (m_nextSeq == UINT32_MAX)
    {
        m_exhausted = true;
    }
    else
    {
        m_nextSeq++;
    }
    Ptr<Packet> p = Create<Packet>(sealed.Value().data(), sealed.Value().size());
    p->AddHeader(h);
    Mip6CategoryTag tag(Mip6Category::HAC_HA, Mip6HacHaTypeName(type), mn);
    p->ReplacePacketTag(tag);
    return p;
}

Mip6HacHaChannel::Rx
Mip6HacHaChannel::Refuse(Rx r, Ptr<const Packet> p)
{
    NS_LOG_LOGIC("HAC-HA drop " << r.reason << " seq=" << r.sequence);
    r.accepted = false;
    m_drops[r.reason]++;
    m_dropTrace(r.reason, r.sequence, p);
    return r;
}

Mip6HacHaChannel::Rx
Mip6HacHaChannel::Open(Ptr<const Packet> p)
{
    Rx r;
    const uint32_t size = p->GetSize();
    if (size < Mip6HacHaHeader::SIZE + Mip6AesGcm::ICV_SIZE || !m_aead)
    {
        r.reason = "truncated";
        return Refuse(r, p);
    }
    Mip6Bytes bytes(size);
    p->CopyData(bytes.data(), size);
    Mip6HacHaHeader h;
    p->PeekHeader(h);
    r.sequence = h.sequence;
    if (h.version != Mip6HacHaHeader::VERSION)
    {
        r.reason = "bad-version";
        return Refuse(r, p);
    }
    // Only the types the peer sends: a reflected message (our own type) is refused here.
    const bool fromHac = h.type == static_cast<uint8_t>(Mip6HacHaType::SA_PUSH) ||
                         h.type == static_cast<uint8_t>(Mip6HacHaType::SA_RESPONSE);
    const bool fromHa = h.type == static_cast<uint8_t>(Mip6HacHaType::SA_ACK) ||
                        h.type == static_cast<uint8_t>(Mip6HacHaType::SA_REQUEST);
    if (m_role == Role::HA ? !fromHac : !fromHa)
    {
        r.reason = "bad-type";
        return Refuse(r, p);
    }
    r.type = static_cast<Mip6HacHaType>(h.type);
    if (h.length != size)
    {
        r.reason = "bad-length";
        return Refuse(r, p);
    }
    const Mip6ReplayCheck check = m_window.Check(h.sequence);
    if (check != Mip6ReplayCheck::OK)
    {
        r.reason = check == Mip6ReplayCheck::DUPLICATE ? "replay" : "replay-too-old";
        return Refuse(r, p);
    }
    const uint32_t peer =
        m_role == Role::HA ? static_cast<uint32_t>(Role::HAC) : static_cast<uint32_t>(Role::HA);
    auto plain = m_aead->Open(Nonce(peer, h.sequence),
                              Aad(h),
                              bytes.data() + Mip6HacHaHeader::SIZE,
                              size - Mip6HacHaHeader::SIZE);
    if (!plain)
    {
        r.reason = "bad-icv";
        return Refuse(r, p);
    }
    m_window.Update(h.sequence); // only after the ICV verified
    std::string why;
    auto body = Mip6HacHaBody::Parse(r.type, plain.Value(), why);
    if (!body)
    {
        NS_LOG_INFO("HAC-HA body refused: " << why);
        r.reason = "bad-body";
        return Refuse(r, p);
    }
    r.body = *body;
    r.accepted = true;
    m_accepted++;
    return r;
}

uint64_t
Mip6HacHaChannel::GetDropCount(const std::string& reason) const
{
    auto it = m_drops.find(reason);
    return it == m_drops.end() ? 0 : it->second;
}

uint64_t
Mip6HacHaChannel::GetDropCount() const
{
    uint64_t n = 0;
    for (const auto& [reason, count] : m_drops)
    {
        n += count;
    }
    return n;
}

uint64_t
Mip6HacHaChannel::GetAcceptCount() const
{
    return m_accepted;
}

uint32_t
Mip6HacHaChannel::GetNextSequence() const
{
    return m_nextSeq;
}

uint64_t
Mip6HacHaChannel::GetStateBytes() const
{
    // Key and salt, the send counter, the receive window.
    return KEY_SIZE + 4 + m_window.GetStateBytes();
}

} // namespace ns3

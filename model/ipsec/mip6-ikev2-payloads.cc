/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-ikev2-payloads.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6Ikev2Payloads");

NS_OBJECT_ENSURE_REGISTERED(Mip6IkeHeader);

namespace
{
/// IKE header bytes (RFC 7296 §3.1).
constexpr uint32_t kIkeHeaderSize = 28;

void
WriteBytes(Buffer::Iterator& i, const Mip6Bytes& b)
{
    if (!b.empty())
    {
        i.Write(b.data(), static_cast<uint32_t>(b.size()));
    }
}

Mip6Bytes
ReadBytes(Buffer::Iterator& i, uint32_t n)
{
    Mip6Bytes b(n);
    if (n > 0)
    {
        i.Read(b.data(), n);
    }
    return b;
}
} // namespace

// ---------------------------------------------------------------------------------------------

TypeId
Mip6IkeHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6IkeHeader")
                            .SetParent<Header>()
                            .SetGroupName("Mip6")
                            .AddConstructor<Mip6IkeHeader>();
    return tid;
}

TypeId
Mip6IkeHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
Mip6IkeHeader::GetSerializedSize() const
{
    return kIkeHeaderSize;
}

void
Mip6IkeHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU64(spiI);
    start.WriteHtonU64(spiR);
    start.WriteU8(nextPayload);
    start.WriteU8(version);
    start.WriteU8(exchange);
    start.WriteU8(flags);
    start.WriteHtonU32(messageId);
    start.WriteHtonU32(length);
}

uint32_t
Mip6IkeHeader::Deserialize(Buffer::Iterator start)
{
    spiI = start.ReadNtohU64();
    spiR = start.ReadNtohU64();
    nextPayload = start.ReadU8();
    version = start.ReadU8();
    exchange = start.ReadU8();
    flags = start.ReadU8();
    messageId = start.ReadNtohU32();
    length = start.ReadNtohU32();
    return kIkeHeaderSize;
}

void
Mip6IkeHeader::Print(std::ostream& os) const
{
    os << "IKEv2 exchange=" << unsigned(exchange) << " flags=0x" << std::hex << unsigned(flags)
       << std::dec << " mid=" << messageId << " len=" << length;
}

// ---------------------------------------------------------------------------------------------

Mip6IkePayload::~Mip6IkePayload() = default;

uint32_t
Mip6IkePayload::GetSerializedSize() const
{
    return GENERIC_HEADER_SIZE + GetBodySize();
}

void
Mip6IkePayload::Serialize(Buffer::Iterator& i, uint8_t nextPayload) const
{
    // RFC 7296 §3.2: Next Payload, C + 7 reserved bits, Payload Length (header included).
    i.WriteU8(nextPayload);
    i.WriteU8(m_critical ? 0x80 : 0x00);
    i.WriteHtonU16(static_cast<uint16_t>(GetSerializedSize()));
    SerializeBody(i);
}

void
Mip6IkePayload::SetCritical(bool critical)
{
    m_critical = critical;
}

bool
Mip6IkePayload::IsCritical() const
{
    return m_critical;
}

Ptr<Mip6IkePayload>
Mip6IkePayload::Create(uint8_t type)
{
    switch (static_cast<Mip6IkePayloadType>(type))
    {
    case Mip6IkePayloadType::SA:
        return ns3::Create<Mip6IkeSaPayload>();
    case Mip6IkePayloadType::KE:
        return ns3::Create<Mip6IkeKePayload>();
    case Mip6IkePayloadType::IDI:
        return ns3::Create<Mip6IkeIdPayload>(false);
    case Mip6IkePayloadType::IDR:
        return ns3::Create<Mip6IkeIdPayload>(true);
    case Mip6IkePayloadType::CERT:
        return ns3::Create<Mip6IkeCertPayload>(false);
    case Mip6IkePayloadType::CERTREQ:
        return ns3::Create<Mip6IkeCertPayload>(true);
    case Mip6IkePayloadType::AUTH:
        return ns3::Create<Mip6IkeAuthPayload>();
    case Mip6IkePayloadType::NONCE:
        return ns3::Create<Mip6IkeNoncePayload>();
    case Mip6IkePayloadType::NOTIFY:
        return ns3::Create<Mip6IkeNotifyPayload>();
    case Mip6IkePayloadType::DELETE:
        return ns3::Create<Mip6IkeDeletePayload>();
    case Mip6IkePayloadType::VENDOR_ID:
        return ns3::Create<Mip6IkeVendorIdPayload>();
    case Mip6IkePayloadType::TSI:
        return ns3::Create<Mip6IkeTsPayload>(false);
    case Mip6IkePayloadType::TSR:
        return ns3::Create<Mip6IkeTsPayload>(true);
    case Mip6IkePayloadType::SK:
        return ns3::Create<Mip6IkeSkPayload>();
    case Mip6IkePayloadType::CP:
        return ns3::Create<Mip6IkeCpPayload>();
    case Mip6IkePayloadType::EAP:
        return ns3::Create<Mip6IkeEapPayload>();
    case Mip6IkePayloadType::NONE:
        break;
    }
    return nullptr;
}

// ---------------------------------------------------------------------------------------------
// SA (§3.3)

uint32_t
Mip6IkeTransform::GetSize() const
{
    // §3.3.2: Last 1, reserved 1, length 2, type 1, reserved 1, ID 2; §3.3.5: TV attribute 4.
    return 8 + (keyLength ? 4 : 0);
}

uint32_t
Mip6IkeProposal::GetSize() const
{
    // §3.3.1: Last 1, reserved 1, length 2, number 1, protocol 1, SPI size 1, #transforms 1.
    uint32_t n = 8 + static_cast<uint32_t>(spi.size());
    for (const auto& t : transforms)
    {
        n += t.GetSize();
    }
    return n;
}

Mip6IkePayloadType
Mip6IkeSaPayload::GetType() const
{
    return Mip6IkePayloadType::SA;
}

uint32_t
Mip6IkeSaPayload::GetBodySize() const
{
    uint32_t n = 0;
    for (const auto& p : proposals)
    {
        n += p.GetSize();
    }
    return n;
}

void
Mip6IkeSaPayload::SerializeBody(Buffer::Iterator& i) const
{
    for (size_t pi = 0; pi < proposals.size(); ++pi)
    {
        const Mip6IkeProposal& p = proposals[pi];
        i.WriteU8(pi + 1 == proposals.size() ? 0 : 2); // §3.3.1: 0 last, 2 more
        i.WriteU8(0);
        i.WriteHtonU16(static_cast<uint16_t>(p.GetSize()));
        i.WriteU8(p.number);
        i.WriteU8(p.protocolId);
        i.WriteU8(static_cast<uint8_t>(p.spi.size()));
        i.WriteU8(static_cast<uint8_t>(p.transforms.size()));
        WriteBytes(i, p.spi);
        for (size_t ti = 0; ti < p.transforms.size(); ++ti)
        {
            const Mip6IkeTransform& t = p.transforms[ti];
            i.WriteU8(ti + 1 == p.transforms.size() ? 0 : 3); // §3.3.2: 0 last, 3 more
            i.WriteU8(0);
            i.WriteHtonU16(static_cast<uint16_t>(t.GetSize()));
            i.WriteU8(t.type);
            i.WriteU8(0);
            i.WriteHtonU16(t.id);
            if (t.keyLength)
            {
                i.WriteHtonU16(0x8000 | 14); // AF = 1 (TV), Key Length
                i.WriteHtonU16(*t.keyLength);
            }
        }
    }
}

bool
Mip6IkeSaPayload::DeserializeBody(Buffer::Iterator i, uint32_t length)
{
    proposals.clear();
    uint32_t left = length;
    bool last = false;
    while (!last)
    {
        if (left < 8)
        {
            return false;
        }
        const uint8_t more = i.ReadU8();
        i.ReadU8();
        const uint16_t plen = i.ReadNtohU16();
        Mip6IkeProposal p;
        p.number = i.ReadU8();
        p.protocolId = i.ReadU8();
        const uint8_t spiSize = i.ReadU8();
        const uint8_t count = i.ReadU8();
        if ((more != 0 && more != 2) || plen < 8u + spiSize || plen > left)
        {
            return false;
        }
        last = more == 0;
        p.spi = ReadBytes(i, spiSize);
        uint32_t tleft = plen - 8 - spiSize;
        for (uint8_t t = 0; t < count; ++t)
        {
            if (tleft < 8)
            {
                return false;
            }
            const uint8_t tmore = i.ReadU8();
            i.ReadU8();
            const uint16_t tlen = i.ReadNtohU16();
            Mip6IkeTransform tr;
            tr.type = i.ReadU8();
            i.ReadU8();
            tr.id = i.ReadNtohU16();
            if (tlen < 8 || tlen > tleft || (tmore != 0 && tmore != 3) ||
                (tmore == 0) != (t + 1 == count))
            {
                return false;
            }
            // Attributes (§3.3.5): only the TV Key Length is modelled; others are skipped.
            uint32_t aleft = tlen - 8;
            while (aleft > 0)
            {
                if (aleft < 4)
                {
                    return false;
                }
                const uint16_t af = i.ReadNtohU16();
                const uint16_t v = i.ReadNtohU16();
                aleft -= 4;
                if (af & 0x8000)
                {
                    if ((af & 0x7fff) == 14)
                    {
                        tr.keyLength = v;
                    }
                }
                else
                {
                    // TLV: v is the value length.
                    if (v > aleft)
                    {
                        return false;
                    }
                    i.Next(v);
                    aleft -= v;
                }
            }
            p.transforms.push_back(tr);
            tleft -= tlen;
        }
        if (tleft != 0)
        {
            return false;
        }
        proposals.push_back(p);
        left -= plen;
    }
    return left == 0;
}

// ---------------------------------------------------------------------------------------------
// KE (§3.4)

Mip6IkePayloadType
Mip6IkeKePayload::GetType() const
{
    return Mip6IkePayloadType::KE;
}

uint32_t
Mip6IkeKePayload::GetBodySize() const
{
    return 4 + static_cast<uint32_t>(data.size());
}

void
Mip6IkeKePayload::SerializeBody(Buffer::Iterator& i) const
{
    i.WriteHtonU16(group);
    i.WriteHtonU16(0);
    WriteBytes(i, data);
}

bool
Mip6IkeKePayload::DeserializeBody(Buffer::Iterator i, uint32_t length)
{
    if (length < 4)
    {
        return false;
    }
    group = i.ReadNtohU16();
    i.ReadNtohU16();
    data = ReadBytes(i, length - 4);
    return true;
}

// ---------------------------------------------------------------------------------------------
// ID (§3.5)

Mip6IkeIdPayload::Mip6IkeIdPayload(bool responder)
    : m_responder(responder)
{
}

Mip6IkePayloadType
Mip6IkeIdPayload::GetType() const
{
    return m_responder ? Mip6IkePayloadType::IDR : Mip6IkePayloadType::IDI;
}

uint32_t
Mip6IkeIdPayload::GetBodySize() const
{
    return 4 + static_cast<uint32_t>(data.size());
}

void
Mip6IkeIdPayload::SerializeBody(Buffer::Iterator& i) const
{
    i.WriteU8(idType);
    i.WriteU8(0);
    i.WriteHtonU16(0);
    WriteBytes(i, data);
}

bool
Mip6IkeIdPayload::DeserializeBody(Buffer::Iterator i, uint32_t length)
{
    if (length < 4)
    {
        return false;
    }
    idType = i.ReadU8();
    i.Next(3);
    data = ReadBytes(i, length - 4);
    // §3.5: the address types have fixed lengths.
    return !((idType == ID_IPV6_ADDR && data.size() != 16) ||
             (idType == ID_IPV4_ADDR && data.size() != 4));
}

// ---------------------------------------------------------------------------------------------
// CERT / CERTREQ (§3.6, §3.7)

Mip6IkeCertPayload::Mip6IkeCertPayload(bool request)
    : m_request(request)
{
}

Mip6IkePayloadType
Mip6IkeCertPayload::GetType() const
{
    return m_request ? Mip6IkePayloadType::CERTREQ : Mip6IkePayloadType::CERT;
}

uint32_t
Mip6IkeCertPayload::GetBodySize() const
{
    return 1 + static_cast<uint32_t>(data.size());
}

void
Mip6IkeCertPayload::SerializeBody(Buffer::Iterator& i) const
{
    i.WriteU8(encoding);
    WriteBytes(i, data);
}

bool
Mip6IkeCertPayload::DeserializeBody(Buffer::Iterator i, uint32_t length)
{
    if (length < 1)
    {
        return false;
    }
    encoding = i.ReadU8();
    data = ReadBytes(i, length - 1);
    // §3.7: a CERTREQ for X.509 carries 20-byte SHA-1 hashes of CA public keys.
    return !(m_request && encoding == X509_SIGNATURE && data.size() % 20 != 0);
}

// ---------------------------------------------------------------------------------------------
// AUTH (§3.8)

Mip6IkePayloadType
Mip6IkeAuthPayload::GetType() const
{
    return Mip6IkePayloadType::AUTH;
}

uint32_t
Mip6IkeAuthPayload::GetBodySize() const
{
    return 4 + static_cast<uint32_t>(data.size());
}

void
Mip6IkeAuthPayload::SerializeBody(Buffer::Iterator& i) const
{
    i.WriteU8(method);
    i.WriteU8(0);
    i.WriteHtonU16(0);
    WriteBytes(i, data);
}

bool
Mip6IkeAuthPayload::DeserializeBody(Buffer::Iterator i, uint32_t length)
{
    if (length < 4)
    {
        return false;
    }
    method = i.ReadU8();
    i.Next(3);
    data = ReadBytes(i, length - 4);
    return !data.empty();
}

// ---------------------------------------------------------------------------------------------
// Nonce (§3.9)

Mip6IkePayloadType
Mip6IkeNoncePayload::GetType() const
{
    return Mip6IkePayloadType::NONCE;
}

uint32_t
Mip6IkeNoncePayload::GetBodySize() const
{
    return static_cast<uint32_t>(nonce.size());
}

void
Mip6IkeNoncePayload::SerializeBody(Buffer::Iterator& i) const
{
    WriteBytes(i, nonce);
}

bool
Mip6IkeNoncePayload::DeserializeBody(Buffer::Iterator i, uint32_t length)
{
    if (length < MIN_SIZE || length > MAX_SIZE)
    {
        return false;
    }
    nonce = ReadBytes(i, length);
    return true;
}

// ---------------------------------------------------------------------------------------------
// Notify (§3.10)

Mip6IkePayloadType
Mip6IkeNotifyPayload::GetType() const
{
    return Mip6IkePayloadType::NOTIFY;
}

uint32_t
Mip6IkeNotifyPayload::GetBodySize() const
{
    return 4 + static_cast<uint32_t>(spi.size() + data.size());
}

void
Mip6IkeNotifyPayload::SerializeBody(Buffer::Iterator& i) const
{
    i.WriteU8(protocolId);
    i.WriteU8(static_cast<uint8_t>(spi.size()));
    i.WriteHtonU16(notifyType);
    WriteBytes(i, spi);
    WriteBytes(i, data);
}

bool
Mip6IkeNotifyPayload::DeserializeBody(Buffer::Iterator i, uint32_t length)
{
    if (length < 4)
    {
        return false;
    }
    protocolId = i.ReadU8();
    const uint8_t spiSize = i.ReadU8();
    notifyType = i.ReadNtohU16();
    if (spiSize > length - 4)
    {
        return false;
    }
    spi = ReadBytes(i, spiSize);
    data = ReadBytes(i, length - 4 - spiSize);
    return true;
}

// ---------------------------------------------------------------------------------------------
// Delete (§3.11)

Mip6IkePayloadType
Mip6IkeDeletePayload::GetType() const
{
    return Mip6IkePayloadType::DELETE;
}

uint32_t
Mip6IkeDeletePayload::GetBodySize() const
{
    return 4 + static_cast<uint32_t>(spis.size()) * spiSize;
}

void
Mip6IkeDeletePayload::SerializeBody(Buffer::Iterator& i) const
{
    i.WriteU8(protocolId);
    i.WriteU8(spiSize);
    i.WriteHtonU16(static_cast<uint16_t>(spis.size()));
    for (const auto& s : spis)
    {
        Mip6Bytes b = s;
        b.resize(spiSize, 0);
        WriteBytes(i, b);
    }
}

bool
Mip6IkeDeletePayload::DeserializeBody(Buffer::Iterator i, uint32_t length)
{
    if (length < 4)
    {
        return false;
    }
    protocolId = i.ReadU8();
    spiSize = i.ReadU8();
    const uint16_t n = i.ReadNtohU16();
    if (uint32_t{n} * spiSize != length - 4)
    {
        return false;
    }
    spis.clear();
    for (uint16_t k = 0; k < n; ++k)
    {
        spis.push_back(ReadBytes(i, spiSize));
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// Vendor ID (§3.12)

Mip6IkePayloadType
Mip6IkeVendorIdPayload::GetType() const
{
    return Mip6IkePayloadType::VENDOR_ID;
}

uint32_t
Mip6IkeVendorIdPayload::GetBodySize() const
{
    return static_cast<uint32_t>(vendorId.size());
}

void
Mip6IkeVendorIdPayload::SerializeBody(Buffer::Iterator& i) const
{
    WriteBytes(i, vendorId);
}

bool
Mip6IkeVendorIdPayload::DeserializeBody(Buffer::Iterator i, uint32_t length)
{
    vendorId = ReadBytes(i, length);
    return true;
}

// ---------------------------------------------------------------------------------------------
// TS (§3.13)

uint32_t
Mip6IkeTrafficSelector::GetSize() const
{
    // §3.13.1: type 1, protocol 1, selector length 2, ports 2 + 2, two addresses.
    return 8 + static_cast<uint32_t>(startAddress.size() + endAddress.size());
}

Mip6IkeTrafficSelector
Mip6IkeTrafficSelector::Ipv6Range(Ipv6Address from, Ipv6Address to)
{
    Mip6IkeTrafficSelector ts;
    ts.type = TS_IPV6_ADDR_RANGE;
    ts.startAddress.resize(16);
    ts.endAddress.resize(16);
    from.GetBytes(ts.startAddress.data());
    to.GetBytes(ts.endAddress.data());
    return ts;
}

Mip6IkeTsPayload::Mip6IkeTsPayload(bool responder)
    : m_responder(responder)
{
}

Mip6IkePayloadType
Mip6IkeTsPayload::GetType() const
{
    return m_responder ? Mip6IkePayloadType::TSR : Mip6IkePayloadType::TSI;
}

uint32_t
Mip6IkeTsPayload::GetBodySize() const
{
    uint32_t n = 4;
    for (const auto& ts : selectors)
    {
        n += ts.GetSize();
    }
    return n;
}

void
Mip6IkeTsPayload::SerializeBody(Buffer::Iterator& i) const
{
    i.WriteU8(static_cast<uint8_t>(selectors.size()));
    i.WriteU8(0);
    i.WriteHtonU16(0);
    for (const auto& ts : selectors)
    {
        i.WriteU8(ts.type);
        i.WriteU8(ts.protocol);
        i.WriteHtonU16(static_cast<uint16_t>(ts.GetSize()));
        i.WriteHtonU16(ts.startPort);
        i.WriteHtonU16(ts.endPort);
        WriteBytes(i, ts.startAddress);
        WriteBytes(i, ts.endAddress);
    }
}

bool
Mip6IkeTsPayload::DeserializeBody(Buffer::Iterator i, uint32_t length)
{
    if (length < 4)
    {
        return false;
    }
    const uint8_t n = i.ReadU8();
    i.Next(3);
    uint32_t left = length - 4;
    selectors.clear();
    for (uint8_t k = 0; k < n; ++k)
    {
        if (left < 8)
        {
            return false;
        }
        Mip6IkeTrafficSelector ts;
        ts.type = i.ReadU8();
        ts.protocol = i.ReadU8();
        const uint16_t len = i.ReadNtohU16();
        ts.startPort = i.ReadNtohU16();
        ts.endPort = i.ReadNtohU16();
        uint32_t addr = 0;
        if (ts.type == Mip6IkeTrafficSelector::TS_IPV6_ADDR_RANGE)
        {
            addr = 16;
        }
        else if (ts.type == Mip6IkeTrafficSelector::TS_IPV4_ADDR_RANGE)
        {
            addr = 4;
        }
        if (addr == 0 || len != 8 + 2 * addr || len > left)
        {
            return false;
        }
        ts.startAddress = ReadBytes(i, addr);
        ts.endAddress = ReadBytes(i, addr);
        selectors.push_back(ts);
        left -= len;
    }
    return left == 0 && n > 0;
}

// ---------------------------------------------------------------------------------------------
// SK (§3.14)

Mip6IkePayloadType
Mip6IkeSkPayload::GetType() const
{
    return Mip6IkePayloadType::SK;
}

uint32_t
Mip6IkeSkPayload::GetBodySize() const
{
    return static_cast<uint32_t>(body.size());
}

void
Mip6IkeSkPayload::SerializeBody(Buffer::Iterator& i) const
{
    WriteBytes(i, body);
}

bool
Mip6IkeSkPayload::DeserializeBody(Buffer::Iterator i, uint32_t length)
{
    body = ReadBytes(i, length);
    return true;
}

// ---------------------------------------------------------------------------------------------
// CP (§3.15)

Mip6IkePayloadType
Mip6IkeCpPayload::GetType() const
{
    return Mip6IkePayloadType::CP;
}

uint32_t
Mip6IkeCpPayload::GetBodySize() const
{
    uint32_t n = 4;
    for (const auto& a : attributes)
    {
        n += 4 + static_cast<uint32_t>(a.value.size());
    }
    return n;
}

void
Mip6IkeCpPayload::SerializeBody(Buffer::Iterator& i) const
{
    i.WriteU8(cfgType);
    i.WriteU8(0);
    i.WriteHtonU16(0);
    for (const auto& a : attributes)
    {
        i.WriteHtonU16(a.type & 0x7fff); // R bit 0
        i.WriteHtonU16(static_cast<uint16_t>(a.value.size()));
        WriteBytes(i, a.value);
    }
}

bool
Mip6IkeCpPayload::DeserializeBody(Buffer::Iterator i, uint32_t length)
{
    if (length < 4)
    {
        return false;
    }
    cfgType = i.ReadU8();
    i.Next(3);
    uint32_t left = length - 4;
    attributes.clear();
    while (left > 0)
    {
        if (left < 4)
        {
            return false;
        }
        Mip6IkeConfigAttribute a;
        a.type = i.ReadNtohU16() & 0x7fff;
        const uint16_t len = i.ReadNtohU16();
        if (len > left - 4)
        {
            return false;
        }
        a.value = ReadBytes(i, len);
        attributes.push_back(a);
        left -= 4 + len;
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// EAP (§3.16)

Mip6IkePayloadType
Mip6IkeEapPayload::GetType() const
{
    return Mip6IkePayloadType::EAP;
}

uint32_t
Mip6IkeEapPayload::GetBodySize() const
{
    return 4 + (eapType ? 1 : 0) + static_cast<uint32_t>(data.size());
}

void
Mip6IkeEapPayload::SerializeBody(Buffer::Iterator& i) const
{
    i.WriteU8(code);
    i.WriteU8(identifier);
    i.WriteHtonU16(static_cast<uint16_t>(GetBodySize()));
    if (eapType)
    {
        i.WriteU8(*eapType);
    }
    WriteBytes(i, data);
}

bool
Mip6IkeEapPayload::DeserializeBody(Buffer::Iterator i, uint32_t length)
{
    if (length < 4)
    {
        return false;
    }
    code = i.ReadU8();
    identifier = i.ReadU8();
    const uint16_t eapLength = i.ReadNtohU16();
    if (eapLength != length)
    {
        return false;
    }
    eapType.reset();
    data.clear();
    // RFC 3748 §4: Success (3) and Failure (4) have no type.
    if (code == 1 || code == 2)
    {
        if (length < 5)
        {
            return false;
        }
        eapType = i.ReadU8();
        data = ReadBytes(i, length - 5);
    }
    else if (code == 3 || code == 4)
    {
        return length == 4;
    }
    else
    {
        return false;
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// Message

std::string
Mip6IkeParseErrorToString(Mip6IkeParseError e)
{
    switch (e)
    {
    case Mip6IkeParseError::NONE:
        return "none";
    case Mip6IkeParseError::TRUNCATED:
        return "truncated";
    case Mip6IkeParseError::BAD_LENGTH:
        return "bad-length";
    case Mip6IkeParseError::INVALID_MAJOR_VERSION:
        return "invalid-major-version";
    case Mip6IkeParseError::UNSUPPORTED_CRITICAL_PAYLOAD:
        return "unsupported-critical-payload";
    case Mip6IkeParseError::MALFORMED_PAYLOAD:
        return "malformed-payload";
    }
    return "unknown";
}

uint32_t
Mip6IkeMessage::GetSerializedSize() const
{
    uint32_t n = kIkeHeaderSize;
    for (const auto& p : payloads)
    {
        n += p->GetSerializedSize();
    }
    return n;
}

Mip6Bytes
Mip6IkeMessage::Serialize() const
{
    const uint32_t size = GetSerializedSize();
    Buffer b;
    b.AddAtStart(size);
    Buffer::Iterator i = b.Begin();
    Mip6IkeHeader h = header;
    h.length = size;
    h.nextPayload = payloads.empty() ? 0 : static_cast<uint8_t>(payloads.front()->GetType());
    h.Serialize(i);
    i.Next(kIkeHeaderSize);
    for (size_t k = 0; k < payloads.size(); ++k)
    {
        uint8_t next =
            k + 1 < payloads.size() ? static_cast<uint8_t>(payloads[k + 1]->GetType()) : 0;
        // §3.14: the SK payload's Next Payload names the first payload inside it.
        if (auto sk = DynamicCast<Mip6IkeSkPayload>(payloads[k]))
        {
            next = sk->firstInnerPayload;
        }
        payloads[k]->Serialize(i, next);
    }
    Mip6Bytes out(size);
    b.CopyData(out.data(), size);
    return out;
}

namespace
{
/**
 * Walks a payload chain of exactly `left` bytes (RFC 7296 §3.2, §2.5).
 * \param i where it starts
 * \param left its bytes
 * \param next type of the first payload
 * \param out the payloads
 * \param error why not
 * \param unsupportedType the unknown critical type
 * \return true when the chain parsed
 */
bool
WalkChain(Buffer::Iterator i,
          uint32_t left,
          uint8_t next,
          std::vector<Ptr<Mip6IkePayload>>& out,
          Mip6IkeParseError& error,
          uint8_t& unsupportedType)
{
    while (next != 0)
    {
        if (left < Mip6IkePayload::GENERIC_HEADER_SIZE)
        {
            error = Mip6IkeParseError::BAD_LENGTH;
            return false;
        }
        const uint8_t type = next;
        next = i.ReadU8();
        const bool critical = (i.ReadU8() & 0x80) != 0;
        const uint16_t len = i.ReadNtohU16();
        if (len < Mip6IkePayload::GENERIC_HEADER_SIZE || len > left)
        {
            error = Mip6IkeParseError::BAD_LENGTH;
            return false;
        }
        const uint32_t body = len - Mip6IkePayload::GENERIC_HEADER_SIZE;
        Ptr<Mip6IkePayload> p = Mip6IkePayload::Create(type);
        if (!p)
        {
            // §2.5: an unknown payload with C set rejects the message; without C, skip it.
            if (critical)
            {
                error = Mip6IkeParseError::UNSUPPORTED_CRITICAL_PAYLOAD;
                unsupportedType = type;
                return false;
            }
            i.Next(body);
            left -= len;
            continue;
        }
        p->SetCritical(critical);
        if (!p->DeserializeBody(i, body))
        {
            error = Mip6IkeParseError::MALFORMED_PAYLOAD;
            return false;
        }
        i.Next(body);
        left -= len;
        if (auto sk = DynamicCast<Mip6IkeSkPayload>(p))
        {
            // §3.14: SK is the last payload; its Next Payload names the first inner one.
            sk->firstInnerPayload = next;
            next = 0;
        }
        out.push_back(p);
    }
    if (left != 0)
    {
        error = Mip6IkeParseError::BAD_LENGTH;
        return false;
    }
    return true;
}
} // namespace

std::optional<Mip6IkeMessage>
Mip6IkeMessage::Parse(const uint8_t* data,
                      size_t size,
                      Mip6IkeParseError& error,
                      uint8_t& unsupportedType)
{
    error = Mip6IkeParseError::NONE;
    unsupportedType = 0;
    if (size < kIkeHeaderSize)
    {
        error = Mip6IkeParseError::TRUNCATED;
        return std::nullopt;
    }
    Buffer b;
    b.AddAtStart(static_cast<uint32_t>(size));
    b.Begin().Write(data, static_cast<uint32_t>(size));
    Buffer::Iterator i = b.Begin();
    Mip6IkeMessage m;
    m.header.Deserialize(i);
    i.Next(kIkeHeaderSize);
    // §3.1: a different major version is answered with INVALID_MAJOR_VERSION.
    if ((m.header.version >> 4) != 2)
    {
        error = Mip6IkeParseError::INVALID_MAJOR_VERSION;
        return std::nullopt;
    }
    if (m.header.length < kIkeHeaderSize || m.header.length > size)
    {
        error = Mip6IkeParseError::TRUNCATED;
        return std::nullopt;
    }
    if (!WalkChain(i,
                   m.header.length - kIkeHeaderSize,
                   m.header.nextPayload,
                   m.payloads,
                   error,
                   unsupportedType))
    {
        return std::nullopt;
    }
    return m;
}

std::optional<std::vector<Ptr<Mip6IkePayload>>>
Mip6IkeMessage::ParsePayloads(const uint8_t* data,
                              size_t size,
                              uint8_t firstType,
                              Mip6IkeParseError& error,
                              uint8_t& unsupportedType)
{
    error = Mip6IkeParseError::NONE;
    unsupportedType = 0;
    Buffer b;
    b.AddAtStart(static_cast<uint32_t>(size));
    if (size > 0)
    {
        b.Begin().Write(data, static_cast<uint32_t>(size));
    }
    std::vector<Ptr<Mip6IkePayload>> out;
    if (!WalkChain(b.Begin(), static_cast<uint32_t>(size), firstType, out, error, unsupportedType))
    {
        return std::nullopt;
    }
    return out;
}

Mip6Bytes
Mip6IkeMessage::SerializePayloads(const std::vector<Ptr<Mip6IkePayload>>& payloads)
{
    uint32_t size = 0;
    for (const auto& p : payloads)
    {
        size += p->GetSerializedSize();
    }
    Buffer b;
    b.AddAtStart(size);
    Buffer::Iterator i = b.Begin();
    for (size_t k = 0; k < payloads.size(); ++k)
    {
        const uint8_t next =
            k + 1 < payloads.size() ? static_cast<uint8_t>(payloads[k + 1]->GetType()) : 0;
        payloads[k]->Serialize(i, next);
    }
    Mip6Bytes out(size);
    if (size > 0)
    {
        b.CopyData(out.data(), size);
    }
    return out;
}

Ptr<Mip6IkePayload>
Mip6IkeMessage::Find(Mip6IkePayloadType type) const
{
    for (const auto& p : payloads)
    {
        if (p->GetType() == type)
        {
            return p;
        }
    }
    return nullptr;
}

} // namespace ns3

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

uint16_t
ReadU16(const uint8_t* p)
{
    return static_cast<uint16_t>((p[0] << 8) | p[1]);
}

uint32_t
ReadU32(const uint8_t* p)
{
    return (static_cast<uint32_t>(p[0]) << 24) | (static_cast<uint32_t>(p[1]) << 16) |
           (static_cast<uint32_t>(p[2]) << 8) | p[3];
}

void
PutU32(std::vector<uint8_t>& v, uint32_t x)
{
    PutU16(v, static_cast<uint16_t>(x >> 16));
    PutU16(v, static_cast<uint16_t>(x & 0xffff));
}

void
PutAddr(std::vector<uint8_t>& v, const Ipv6Address& a)
{
    uint8_t b[16];
    a.Serialize(b);
    v.insert(v.end(), b, b + 16);
}

/// RFC 6088 §3.2: the start flags A, C, E, G, I, K, M, O and the end flags B, D, F, ... P.
constexpr uint16_t kStartFlags = 0xaaaa;
/// The end flags; end flag k is start flag k shifted right by one.
constexpr uint16_t kEndFlags = 0x5555;
/// RFC 6088 §3.2 (G)/(H): a 32-bit field whose first 8 bits are zero (sent) or ignored (read).
constexpr uint32_t kFlowLabelMask = 0x00ffffff;

/// a <= b, comparing IPv6 addresses as 128-bit unsigned numbers.
bool
AddrLessEq(const Ipv6Address& a, const Ipv6Address& b)
{
    uint8_t x[16];
    uint8_t y[16];
    a.Serialize(x);
    b.Serialize(y);
    return std::lexicographical_compare(x, x + 16, y, y + 16) || std::equal(x, x + 16, y);
}

/// RFC 6088 ranges: start alone is one value, start and end is [start, end], neither is "any"
/// (an end alone is refused by the parser; it is read here as [minimum, end]).
template <class T, class Le>
bool
InRange(const std::optional<T>& start, const std::optional<T>& end, const T& v, Le le)
{
    if (start && !end)
    {
        return le(*start, v) && le(v, *start);
    }
    if (start && !le(*start, v))
    {
        return false;
    }
    return !end || le(v, *end);
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
Mip6Option::GetKnownAlignment(uint8_t type, uint8_t length)
{
    // RFC 5648 §4.3: "an alignment requirement of 2n if the Care-of Address field is not
    // present. Otherwise, it has the alignment requirement of 8n + 2" (the address then starts on
    // an 8-octet boundary).
    if (type == Mip6OptionType::BINDING_ID && (length == 8 || length == 20))
    {
        return std::make_pair(uint8_t{8}, uint8_t{2});
    }
    return GetKnownAlignment(type);
}

std::optional<std::pair<uint8_t, uint8_t>>
Mip6Option::GetKnownAlignment(uint8_t type)
{
    // RFC 6275 §6.2.4-§6.2.7; RFC 5648 §4.3 (BID without CoA); RFC 6089 §4.2, §4.2.2 (2n)
    switch (type)
    {
    case Mip6OptionType::BINDING_ID:
    case Mip6OptionType::FLOW_SUMMARY:
    case Mip6OptionType::FLOW_ID:
        return std::make_pair(uint8_t{2}, uint8_t{0});
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

Mip6Option
Mip6Option::BindingIdentifier(const Mip6BindingIdentifier& b)
{
    // RFC 5648 §4.3 (Figure 5), RFC 6089 §4.1 (Figure 1):
    //  | Type 35 | Length | Binding ID (16) | Status (8) |H| BID-PRI (7) | [CoA 4 or 16] |
    NS_ABORT_MSG_IF(b.coa && b.coa4, "Mip6Option::BindingIdentifier: both an IPv6 and IPv4 CoA");
    NS_ABORT_MSG_IF(b.priority > 0x7f,
                    "Mip6Option::BindingIdentifier: BID-PRI " << unsigned(b.priority)
                                                              << " does not fit 7 bits");
    std::vector<uint8_t> d;
    PutU16(d, b.bid);
    d.push_back(b.status);
    d.push_back(static_cast<uint8_t>((b.h ? 0x80 : 0) | b.priority));
    if (b.coa)
    {
        PutAddr(d, *b.coa);
    }
    else if (b.coa4)
    {
        uint8_t a[4];
        b.coa4->Serialize(a);
        d.insert(d.end(), a, a + 4);
    }
    const auto align =
        GetKnownAlignment(Mip6OptionType::BINDING_ID, static_cast<uint8_t>(d.size()));
    return Mip6Option(Mip6OptionType::BINDING_ID, std::move(d), align->first, align->second);
}

Mip6Option
Mip6Option::BindingIdentifier(uint16_t bid,
                              std::optional<Ipv6Address> coa,
                              uint8_t priority,
                              uint8_t status,
                              bool h)
{
    Mip6BindingIdentifier b;
    b.bid = bid;
    b.coa = coa;
    b.priority = priority;
    b.status = status;
    b.h = h;
    return BindingIdentifier(b);
}

Mip6Option
Mip6Option::FlowIdentification(const Mip6FlowIdentification& f)
{
    // RFC 6089 §4.2 (Figure 2):
    //  | Type 45 | Length | FID (16) | FID-PRI (16) | Reserved | Status | sub-options
    // The sub-options start 8 bytes after the option's Type; offsets below are from the Type.
    std::vector<uint8_t> sel;
    if (f.tsFormat != 0)
    {
        sel = (f.tsFormat == Mip6FlowIdentification::TS_IPV6_BINARY && f.ts) ? f.ts->Serialize()
                                                                             : f.tsRaw;
    }
    // RFC 6088 §3.1/§3.2: the Traffic Selector sub-option is aligned 8n, 4n, 2n or n by its
    // flags. The option is placed at that alignment when it exceeds the option's own 2n.
    const uint8_t tsAlign =
        f.tsFormat != 0 ? Mip6TrafficSelector::GetAlignment(f.tsFormat, sel) : uint8_t{1};
    const uint8_t optAlign = std::max<uint8_t>(2, tsAlign);
    std::vector<uint8_t> d;
    PutU16(d, f.fid);
    PutU16(d, f.priority);
    d.push_back(0);
    d.push_back(f.status);
    if (!f.bindingRefs.empty())
    {
        // §4.2.1.3 Binding Reference sub-option (2n): Type 2 | Length | BID ...
        NS_ABORT_MSG_IF(f.bindingRefs.size() > 127,
                        "Mip6Option::FlowIdentification: too many Binding References");
        d.push_back(Mip6FlowIdentification::SUB_BINDING_REFERENCE);
        d.push_back(static_cast<uint8_t>(2 * f.bindingRefs.size()));
        for (uint16_t bid : f.bindingRefs)
        {
            PutU16(d, bid);
        }
    }
    if (f.tsFormat != 0)
    {
        // §4.2.1.2 PadN up to the selector's boundary: the Type sits at 2 + d.size() from the
        // option's Type, which the option's alignment puts on an optAlign boundary. The gap is
        // even (every sub-option so far is), so PadN (Length = N - 2 zero bytes, the §4.2.1
        // Length rule) always fits; Pad1 is never needed.
        const std::size_t gap = (optAlign - (2 + d.size()) % optAlign) % optAlign;
        if (gap != 0)
        {
            d.push_back(Mip6FlowIdentification::SUB_PADN);
            d.push_back(static_cast<uint8_t>(gap - 2));
            d.insert(d.end(), gap - 2, 0);
        }
        // §4.2.1.4 Traffic Selector sub-option: Type 3 | Length | TS Format | Reserved | selector
        NS_ABORT_MSG_IF(sel.size() + 2 > 255,
                        "Mip6Option::FlowIdentification: traffic selector too long");
        d.push_back(Mip6FlowIdentification::SUB_TRAFFIC_SELECTOR);
        d.push_back(static_cast<uint8_t>(sel.size() + 2));
        d.push_back(f.tsFormat);
        d.push_back(0);
        d.insert(d.end(), sel.begin(), sel.end());
    }
    NS_ABORT_MSG_IF(d.size() > 255, "Mip6Option::FlowIdentification: " << d.size() << " bytes");
    return Mip6Option(Mip6OptionType::FLOW_ID, std::move(d), optAlign, 0);
}

Mip6Option
Mip6Option::FlowSummary(const std::vector<uint16_t>& fids)
{
    // RFC 6089 §4.2.2 (Figure 6): | Type 44 | Length | FID ... ; alignment 2n; FIDs = Length / 2.
    NS_ABORT_MSG_IF(fids.empty() || fids.size() > 127,
                    "Mip6Option::FlowSummary: " << fids.size() << " FIDs");
    std::vector<uint8_t> d;
    for (uint16_t fid : fids)
    {
        PutU16(d, fid);
    }
    return Mip6Option(Mip6OptionType::FLOW_SUMMARY, std::move(d), 2, 0);
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

std::optional<Mip6BindingIdentifier>
Mip6Option::GetBindingIdentifier() const
{
    // RFC 5648 §6.1: Length 4 (no CoA), 8 (IPv4 CoA) or 20 (IPv6 CoA); anything else is malformed.
    const std::size_t n = m_data.size();
    if (m_type != Mip6OptionType::BINDING_ID || (n != 4 && n != 8 && n != 20))
    {
        return std::nullopt;
    }
    Mip6BindingIdentifier b;
    b.bid = GetU16(m_data, 0);
    b.status = m_data[2];
    b.h = (m_data[3] & 0x80) != 0;
    b.priority = m_data[3] & 0x7f;
    if (n == 20)
    {
        b.coa = Ipv6Address::Deserialize(m_data.data() + 4);
    }
    else if (n == 8)
    {
        b.coa4 = Ipv4Address::Deserialize(m_data.data() + 4);
    }
    return b;
}

std::optional<Mip6FlowIdentification>
Mip6Option::GetFlowIdentification() const
{
    // RFC 6089 §4.2, §4.2.1: every sub-option Length (excluding Type and Length; Pad1 has none)
    // is checked against the bytes left.
    const std::size_t n = m_data.size();
    if (m_type != Mip6OptionType::FLOW_ID || n < 6)
    {
        return std::nullopt;
    }
    Mip6FlowIdentification f;
    f.fid = GetU16(m_data, 0);
    f.priority = GetU16(m_data, 2);
    f.status = m_data[5];
    bool haveRef = false;
    std::size_t off = 6;
    while (off < n)
    {
        const uint8_t t = m_data[off];
        if (t == Mip6FlowIdentification::SUB_PAD1)
        {
            ++off;
            continue;
        }
        if (off + 2 > n || off + 2 + m_data[off + 1] > n)
        {
            return std::nullopt;
        }
        const uint8_t len = m_data[off + 1];
        const uint8_t* v = m_data.data() + off + 2;
        switch (t)
        {
        case Mip6FlowIdentification::SUB_PADN:
            break;
        case Mip6FlowIdentification::SUB_BINDING_REFERENCE:
            if (haveRef || len == 0 || len % 2 != 0)
            {
                return std::nullopt;
            }
            haveRef = true;
            for (std::size_t k = 0; k < len; k += 2)
            {
                f.bindingRefs.push_back(ReadU16(v + k));
            }
            break;
        case Mip6FlowIdentification::SUB_TRAFFIC_SELECTOR:
            if (f.tsFormat != 0 || len < 2 || v[0] == 0)
            {
                return std::nullopt;
            }
            f.tsFormat = v[0];
            if (f.tsFormat == Mip6FlowIdentification::TS_IPV6_BINARY)
            {
                f.ts = Mip6TrafficSelector::Deserialize(v + 2, len - 2);
                if (!f.ts)
                {
                    return std::nullopt;
                }
            }
            else
            {
                f.tsRaw.assign(v + 2, v + len);
            }
            break;
        default:
            // RFC 6089 §4.2.1: unknown sub-options "MUST silently ignore and skip over".
            break;
        }
        off += 2 + len;
    }
    return f;
}

std::optional<std::vector<uint16_t>>
Mip6Option::GetFlowSummary() const
{
    if (m_type != Mip6OptionType::FLOW_SUMMARY || m_data.empty() || m_data.size() % 2 != 0)
    {
        return std::nullopt;
    }
    std::vector<uint16_t> fids;
    for (std::size_t k = 0; k < m_data.size(); k += 2)
    {
        fids.push_back(GetU16(m_data, k));
    }
    return fids;
}

bool
Mip6Option::operator==(const Mip6Option& other) const
{
    return m_type == other.m_type && m_data == other.m_data && m_alignX == other.m_alignX &&
           m_alignY == other.m_alignY;
}

// ---------------------------------------------------------------------------------------------
// Mip6TrafficSelector (RFC 6088 §3.2)
// ---------------------------------------------------------------------------------------------

uint16_t
Mip6TrafficSelector::GetFlags() const
{
    uint16_t f = 0;
    f |= startSrc ? FLAG_A : 0;
    f |= endSrc ? FLAG_B : 0;
    f |= startDst ? FLAG_C : 0;
    f |= endDst ? FLAG_D : 0;
    f |= startSpi ? FLAG_E : 0;
    f |= endSpi ? FLAG_F : 0;
    f |= startFlow ? FLAG_G : 0;
    f |= endFlow ? FLAG_H : 0;
    f |= startSrcPort ? FLAG_I : 0;
    f |= endSrcPort ? FLAG_J : 0;
    f |= startDstPort ? FLAG_K : 0;
    f |= endDstPort ? FLAG_L : 0;
    f |= startTc ? FLAG_M : 0;
    f |= endTc ? FLAG_N : 0;
    f |= startNextHeader ? FLAG_O : 0;
    f |= endNextHeader ? FLAG_P : 0;
    return f;
}

std::vector<uint8_t>
Mip6TrafficSelector::Serialize() const
{
    // RFC 6088 §3.2 (Figure 2): flags A..P (16 bits), Reserved (16 bits, zero), then the flagged
    // fields in flag order. Each end field "MUST NOT be included unless the Start ... field is
    // included".
    const uint16_t flags = GetFlags();
    NS_ABORT_MSG_IF((flags & kEndFlags) & ~((flags & kStartFlags) >> 1),
                    "Mip6TrafficSelector: an end field without its start field, flags 0x"
                        << std::hex << flags);
    std::vector<uint8_t> d;
    PutU16(d, flags);
    PutU16(d, 0);
    for (const auto* a : {&startSrc, &endSrc, &startDst, &endDst})
    {
        if (*a)
        {
            PutAddr(d, **a);
        }
    }
    for (const auto* x : {&startSpi, &endSpi})
    {
        if (*x)
        {
            PutU32(d, **x);
        }
    }
    // (G)/(H): "the sender of this option MUST prefix the flow label value with 8 bits of 0".
    for (const auto* x : {&startFlow, &endFlow})
    {
        if (*x)
        {
            PutU32(d, **x & kFlowLabelMask);
        }
    }
    for (const auto* x : {&startSrcPort, &endSrcPort, &startDstPort, &endDstPort})
    {
        if (*x)
        {
            PutU16(d, **x);
        }
    }
    for (const auto* x : {&startTc, &endTc, &startNextHeader, &endNextHeader})
    {
        if (*x)
        {
            d.push_back(**x);
        }
    }
    return d;
}

std::optional<Mip6TrafficSelector>
Mip6TrafficSelector::Deserialize(const uint8_t* data, std::size_t len)
{
    if (data == nullptr || len < 4)
    {
        return std::nullopt;
    }
    const uint16_t flags = ReadU16(data);
    if ((flags & kEndFlags) & ~((flags & kStartFlags) >> 1))
    {
        return std::nullopt; // an end without its start (RFC 6088 §3.2 "MUST NOT")
    }
    // The size each flag announces, in flag order A..P.
    static const uint8_t kSize[16] = {16, 16, 16, 16, 4, 4, 4, 4, 2, 2, 2, 2, 1, 1, 1, 1};
    std::size_t need = 4;
    for (int k = 0; k < 16; ++k)
    {
        if (flags & (0x8000 >> k))
        {
            need += kSize[k];
        }
    }
    if (need != len)
    {
        return std::nullopt;
    }
    Mip6TrafficSelector ts;
    std::size_t off = 4;
    auto has = [flags](uint16_t f) { return (flags & f) != 0; };
    auto addr = [&](uint16_t f, std::optional<Ipv6Address>& out) {
        if (has(f))
        {
            out = Ipv6Address::Deserialize(data + off);
            off += 16;
        }
    };
    auto u32 = [&](uint16_t f, std::optional<uint32_t>& out, uint32_t mask) {
        if (has(f))
        {
            out = ReadU32(data + off) & mask;
            off += 4;
        }
    };
    auto u16 = [&](uint16_t f, std::optional<uint16_t>& out) {
        if (has(f))
        {
            out = ReadU16(data + off);
            off += 2;
        }
    };
    auto u8 = [&](uint16_t f, std::optional<uint8_t>& out) {
        if (has(f))
        {
            out = data[off];
            off += 1;
        }
    };
    addr(FLAG_A, ts.startSrc);
    addr(FLAG_B, ts.endSrc);
    addr(FLAG_C, ts.startDst);
    addr(FLAG_D, ts.endDst);
    u32(FLAG_E, ts.startSpi, 0xffffffff);
    u32(FLAG_F, ts.endSpi, 0xffffffff);
    // "The receiver SHOULD ignore the first 8 bits of this field" (RFC 6088 §3.2 (G)).
    u32(FLAG_G, ts.startFlow, kFlowLabelMask);
    u32(FLAG_H, ts.endFlow, kFlowLabelMask);
    u16(FLAG_I, ts.startSrcPort);
    u16(FLAG_J, ts.endSrcPort);
    u16(FLAG_K, ts.startDstPort);
    u16(FLAG_L, ts.endDstPort);
    u8(FLAG_M, ts.startTc);
    u8(FLAG_N, ts.endTc);
    u8(FLAG_O, ts.startNextHeader);
    u8(FLAG_P, ts.endNextHeader);
    return ts;
}

bool
Mip6TrafficSelector::Matches(Ipv6Address src,
                             Ipv6Address dst,
                             uint8_t nextHeader,
                             uint16_t srcPort,
                             uint16_t dstPort,
                             uint8_t tc) const
{
    auto le = [](auto a, auto b) { return a <= b; };
    // RFC 6088 §3.2 (M)/(N): "the 6 most significant bits indicate the DS field to be matched and
    // the 2 least significant bits' values MUST be ignored in any comparison".
    auto dsLe = [](uint8_t a, uint8_t b) { return (a >> 2) <= (b >> 2); };
    return InRange(startSrc, endSrc, src, AddrLessEq) &&
           InRange(startDst, endDst, dst, AddrLessEq) &&
           InRange(startSrcPort, endSrcPort, srcPort, le) &&
           InRange(startDstPort, endDstPort, dstPort, le) && InRange(startTc, endTc, tc, dsLe) &&
           InRange(startNextHeader, endNextHeader, nextHeader, le);
}

uint8_t
Mip6TrafficSelector::GetAlignment(uint8_t tsFormat, const std::vector<uint8_t>& selector)
{
    if (selector.size() < 2)
    {
        return 1;
    }
    const uint16_t flags = GetU16(selector, 0);
    if (tsFormat == Mip6FlowIdentification::TS_IPV6_BINARY)
    {
        // RFC 6088 §3.2: "8n if A, B, C, or D is set; 4n if E, F, G, or H is set; 2n if I, J, K,
        // or L is set; n if M, N, O, or P is set".
        return (flags & 0xf000) ? 8 : (flags & 0x0f00) ? 4 : (flags & 0x00f0) ? 2 : 1;
    }
    if (tsFormat == Mip6FlowIdentification::TS_IPV4_BINARY)
    {
        // RFC 6088 §3.1: "4n if A, B, C, D, E, or F is set; 2n if G, H, I, or J is set; n if K,
        // L, M, or N is set".
        return (flags & 0xfc00) ? 4 : (flags & 0x03c0) ? 2 : 1;
    }
    return 1;
}

bool
Mip6TrafficSelector::operator==(const Mip6TrafficSelector& o) const
{
    return startSrc == o.startSrc && endSrc == o.endSrc && startDst == o.startDst &&
           endDst == o.endDst && startSpi == o.startSpi && endSpi == o.endSpi &&
           startFlow == o.startFlow && endFlow == o.endFlow && startSrcPort == o.startSrcPort &&
           endSrcPort == o.endSrcPort && startDstPort == o.startDstPort &&
           endDstPort == o.endDstPort && startTc == o.startTc && endTc == o.endTc &&
           startNextHeader == o.startNextHeader && endNextHeader == o.endNextHeader;
}

std::ostream&
operator<<(std::ostream& os, const Mip6Option& o)
{
    os << "type=" << unsigned(o.GetType()) << " len=" << o.GetData().size();
    return os;
}

} // namespace ns3

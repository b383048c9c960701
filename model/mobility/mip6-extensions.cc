/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-extensions.h"

#include "ipv6-option-demux-decl.h"

#include "ns3/abort.h"
#include "ns3/icmpv6-header.h"
#include "ns3/icmpv6-l4-protocol.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6-route.h"
#include "ns3/log.h"
#include "ns3/socket.h"

#include <algorithm>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6Extensions");

namespace
{

/// Copies up to `want` leading bytes of a packet; returns how many were copied.
std::vector<uint8_t>
CopyPrefix(Ptr<const Packet> p, uint32_t want)
{
    const uint32_t n = std::min(want, p->GetSize());
    std::vector<uint8_t> v(n);
    if (n > 0)
    {
        p->CopyData(v.data(), n);
    }
    return v;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Home Address option header (RFC 6275 §6.3)
// ---------------------------------------------------------------------------------------------

NS_OBJECT_ENSURE_REGISTERED(Mip6HomeAddressOptionHeader);

TypeId
Mip6HomeAddressOptionHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6HomeAddressOptionHeader")
                            .SetParent<Ipv6OptionHeader>()
                            .SetGroupName("Mip6")
                            .AddConstructor<Mip6HomeAddressOptionHeader>();
    return tid;
}

TypeId
Mip6HomeAddressOptionHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

Mip6HomeAddressOptionHeader::Mip6HomeAddressOptionHeader()
    : Mip6HomeAddressOptionHeader(Ipv6Address::GetAny())
{
}

Mip6HomeAddressOptionHeader::Mip6HomeAddressOptionHeader(Ipv6Address hoa)
    : m_hoa(hoa)
{
    SetType(OPT_NUMBER);
    SetLength(OPT_LENGTH);
}

Ipv6Address
Mip6HomeAddressOptionHeader::GetHomeAddress() const
{
    return m_hoa;
}

void
Mip6HomeAddressOptionHeader::SetHomeAddress(Ipv6Address hoa)
{
    m_hoa = hoa;
}

void
Mip6HomeAddressOptionHeader::Print(std::ostream& os) const
{
    os << "( type = " << unsigned(GetType()) << " length = " << unsigned(GetLength())
       << " hoa = " << m_hoa << " )";
}

uint32_t
Mip6HomeAddressOptionHeader::GetSerializedSize() const
{
    return 2 + OPT_LENGTH;
}

void
Mip6HomeAddressOptionHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteU8(OPT_NUMBER);
    i.WriteU8(OPT_LENGTH);
    uint8_t a[16];
    m_hoa.Serialize(a);
    i.Write(a, 16);
}

uint32_t
Mip6HomeAddressOptionHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    SetType(i.ReadU8());
    SetLength(i.ReadU8());
    uint8_t a[16];
    i.Read(a, 16);
    m_hoa = Ipv6Address::Deserialize(a);
    return GetSerializedSize();
}

Ipv6OptionHeader::Alignment
Mip6HomeAddressOptionHeader::GetAlignment() const
{
    // RFC 6275 §6.3: 8n+6, so that the address lies on an 8-octet boundary.
    return Alignment{8, 6};
}

// ---------------------------------------------------------------------------------------------
// Tags
// ---------------------------------------------------------------------------------------------

NS_OBJECT_ENSURE_REGISTERED(Mip6HaoTag);

TypeId
Mip6HaoTag::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6HaoTag")
                            .SetParent<Tag>()
                            .SetGroupName("Mip6")
                            .AddConstructor<Mip6HaoTag>();
    return tid;
}

TypeId
Mip6HaoTag::GetInstanceTypeId() const
{
    return GetTypeId();
}

Mip6HaoTag::Mip6HaoTag()
    : m_malformed(false)
{
}

Mip6HaoTag::Mip6HaoTag(Ipv6Address hoa)
    : m_hoa(hoa),
      m_malformed(false)
{
}

Ipv6Address
Mip6HaoTag::GetHomeAddress() const
{
    return m_hoa;
}

void
Mip6HaoTag::SetHomeAddress(Ipv6Address hoa)
{
    m_hoa = hoa;
}

bool
Mip6HaoTag::IsMalformed() const
{
    return m_malformed;
}

void
Mip6HaoTag::SetMalformed(bool malformed)
{
    m_malformed = malformed;
}

uint32_t
Mip6HaoTag::GetSerializedSize() const
{
    return 17;
}

void
Mip6HaoTag::Serialize(TagBuffer i) const
{
    uint8_t a[16];
    m_hoa.Serialize(a);
    i.Write(a, 16);
    i.WriteU8(m_malformed ? 1 : 0);
}

void
Mip6HaoTag::Deserialize(TagBuffer i)
{
    uint8_t a[16];
    i.Read(a, 16);
    m_hoa = Ipv6Address::Deserialize(a);
    m_malformed = i.ReadU8() != 0;
}

void
Mip6HaoTag::Print(std::ostream& os) const
{
    os << "hao=" << m_hoa << (m_malformed ? " (malformed)" : "");
}

NS_OBJECT_ENSURE_REGISTERED(Mip6Rh2Tag);

TypeId
Mip6Rh2Tag::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6Rh2Tag")
                            .SetParent<Tag>()
                            .SetGroupName("Mip6")
                            .AddConstructor<Mip6Rh2Tag>();
    return tid;
}

TypeId
Mip6Rh2Tag::GetInstanceTypeId() const
{
    return GetTypeId();
}

Mip6Rh2Tag::Mip6Rh2Tag()
{
}

Mip6Rh2Tag::Mip6Rh2Tag(Ipv6Address hoa)
    : m_hoa(hoa)
{
}

Ipv6Address
Mip6Rh2Tag::GetHomeAddress() const
{
    return m_hoa;
}

void
Mip6Rh2Tag::SetHomeAddress(Ipv6Address hoa)
{
    m_hoa = hoa;
}

uint32_t
Mip6Rh2Tag::GetSerializedSize() const
{
    return 16;
}

void
Mip6Rh2Tag::Serialize(TagBuffer i) const
{
    uint8_t a[16];
    m_hoa.Serialize(a);
    i.Write(a, 16);
}

void
Mip6Rh2Tag::Deserialize(TagBuffer i)
{
    uint8_t a[16];
    i.Read(a, 16);
    m_hoa = Ipv6Address::Deserialize(a);
}

void
Mip6Rh2Tag::Print(std::ostream& os) const
{
    os << "rh2=" << m_hoa;
}

// ---------------------------------------------------------------------------------------------
// Home Address option, receive side (RFC 6275 §9.3.1)
// ---------------------------------------------------------------------------------------------

NS_OBJECT_ENSURE_REGISTERED(Mip6HomeAddressOption);

TypeId
Mip6HomeAddressOption::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6HomeAddressOption")
            .SetParent<Ipv6Option>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6HomeAddressOption>()
            .AddTraceSource("Rx",
                            "A Home Address option was accepted: the packet (after the IPv6 "
                            "header) and the home address.",
                            MakeTraceSourceAccessor(&Mip6HomeAddressOption::m_rxTrace),
                            "ns3::Mip6HomeAddressOption::RxTracedCallback")
            .AddTraceSource("Drop",
                            "A malformed Home Address option: the packet (after the IPv6 header) "
                            "and the reason. The packet is tagged malformed and refused by its "
                            "receiver.",
                            MakeTraceSourceAccessor(&Mip6HomeAddressOption::m_dropTrace),
                            "ns3::Mip6HomeAddressOption::DropTracedCallback");
    return tid;
}

Mip6HomeAddressOption::Mip6HomeAddressOption()
{
}

Mip6HomeAddressOption::~Mip6HomeAddressOption()
{
}

uint8_t
Mip6HomeAddressOption::GetOptionNumber() const
{
    return Mip6HomeAddressOptionHeader::OPT_NUMBER;
}

uint8_t
Mip6HomeAddressOption::Process(Ptr<Packet> packet,
                               uint8_t offset,
                               const Ipv6Header& ipv6Header,
                               bool& isDropped)
{
    NS_LOG_FUNCTION(this << packet << unsigned(offset) << ipv6Header);
    const std::vector<uint8_t> b = CopyPrefix(packet, offset + 2u + 255u);
    std::string problem;
    uint32_t optionSize = 2;
    Ipv6Address hoa;
    if (b.size() < offset + 2u)
    {
        problem = "hao-truncated";
        optionSize = b.size() > offset ? static_cast<uint32_t>(b.size()) - offset : 1;
    }
    else
    {
        const uint8_t len = b[offset + 1];
        optionSize = 2u + len;
        if (len != Mip6HomeAddressOptionHeader::OPT_LENGTH)
        {
            // RFC 6275 §6.3: Option Length MUST be 16.
            problem = "hao-bad-length";
        }
        else if (b.size() < offset + 2u + len)
        {
            problem = "hao-truncated";
        }
        else
        {
            hoa = Ipv6Address::Deserialize(&b[offset + 2]);
            // RFC 6275 §6.3: the home address MUST be a unicast routable address.
            if (hoa.IsMulticast() || hoa.IsLinkLocal() || hoa.IsLocalhost() || hoa.IsAny())
            {
                problem = "hao-not-unicast-routable";
            }
        }
    }

    // Replace any tag left from an earlier hop: only what this node parsed counts.
    Mip6HaoTag old;
    packet->RemovePacketTag(old);
    Mip6HaoTag tag(hoa);
    if (!problem.empty())
    {
        NS_LOG_WARN("refusing Home Address option: " << problem);
        tag.SetMalformed(true);
        m_dropTrace(packet, problem);
    }
    else
    {
        m_rxTrace(packet, hoa);
    }
    packet->AddPacketTag(tag);
    // isDropped stays false: in ns-3.37 it would neither stop delivery nor set a drop reason; the
    // malformed tag makes the upper layer refuse the packet instead.
    isDropped = false;
    return static_cast<uint8_t>(std::min<uint32_t>(optionSize, 255));
}

// ---------------------------------------------------------------------------------------------
// Type 2 Routing Header (RFC 6275 §6.4)
// ---------------------------------------------------------------------------------------------

NS_OBJECT_ENSURE_REGISTERED(Mip6Type2RoutingHeader);

TypeId
Mip6Type2RoutingHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6Type2RoutingHeader")
                            .SetParent<Header>()
                            .SetGroupName("Mip6")
                            .AddConstructor<Mip6Type2RoutingHeader>();
    return tid;
}

TypeId
Mip6Type2RoutingHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

Mip6Type2RoutingHeader::Mip6Type2RoutingHeader()
    : m_nextHeader(59),
      m_hdrExtLen(2),
      m_routingType(TYPE_ROUTING),
      m_segmentsLeft(1)
{
}

uint8_t
Mip6Type2RoutingHeader::GetNextHeader() const
{
    return m_nextHeader;
}

void
Mip6Type2RoutingHeader::SetNextHeader(uint8_t nh)
{
    m_nextHeader = nh;
}

Ipv6Address
Mip6Type2RoutingHeader::GetHomeAddress() const
{
    return m_hoa;
}

void
Mip6Type2RoutingHeader::SetHomeAddress(Ipv6Address hoa)
{
    m_hoa = hoa;
}

uint8_t
Mip6Type2RoutingHeader::GetSegmentsLeft() const
{
    return m_segmentsLeft;
}

void
Mip6Type2RoutingHeader::SetSegmentsLeft(uint8_t segmentsLeft)
{
    m_segmentsLeft = segmentsLeft;
}

uint8_t
Mip6Type2RoutingHeader::GetHdrExtLen() const
{
    return m_hdrExtLen;
}

uint8_t
Mip6Type2RoutingHeader::GetRoutingType() const
{
    return m_routingType;
}

uint32_t
Mip6Type2RoutingHeader::GetSerializedSize() const
{
    return 24;
}

void
Mip6Type2RoutingHeader::Serialize(Buffer::Iterator start) const
{
    // RFC 6275 §6.4.1: Hdr Ext Len 2 and Routing Type 2 are fixed on send.
    Buffer::Iterator i = start;
    i.WriteU8(m_nextHeader);
    i.WriteU8(2);
    i.WriteU8(TYPE_ROUTING);
    i.WriteU8(m_segmentsLeft);
    i.WriteHtonU32(0); // Reserved
    uint8_t a[16];
    m_hoa.Serialize(a);
    i.Write(a, 16);
}

uint32_t
Mip6Type2RoutingHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    m_nextHeader = i.ReadU8();
    m_hdrExtLen = i.ReadU8();
    m_routingType = i.ReadU8();
    m_segmentsLeft = i.ReadU8();
    i.ReadNtohU32(); // Reserved
    uint8_t a[16];
    i.Read(a, 16);
    m_hoa = Ipv6Address::Deserialize(a);
    return 24;
}

void
Mip6Type2RoutingHeader::Print(std::ostream& os) const
{
    os << "( nextHeader = " << unsigned(m_nextHeader) << " type = " << unsigned(m_routingType)
       << " segmentsLeft = " << unsigned(m_segmentsLeft) << " hoa = " << m_hoa << " )";
}

NS_OBJECT_ENSURE_REGISTERED(Mip6Type2Routing);

TypeId
Mip6Type2Routing::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6Type2Routing")
            .SetParent<Ipv6ExtensionRouting>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6Type2Routing>()
            .AddTraceSource("Rx",
                            "A Type 2 Routing Header was accepted: the packet (after the IPv6 "
                            "header) and the home address.",
                            MakeTraceSourceAccessor(&Mip6Type2Routing::m_rxTrace),
                            "ns3::Mip6HomeAddressOption::RxTracedCallback")
            .AddTraceSource("Drop",
                            "A Type 2 Routing Header was refused and its packet dropped: the "
                            "packet (after the IPv6 header) and the reason.",
                            MakeTraceSourceAccessor(&Mip6Type2Routing::m_dropTrace),
                            "ns3::Mip6HomeAddressOption::DropTracedCallback");
    return tid;
}

Mip6Type2Routing::Mip6Type2Routing()
{
}

Mip6Type2Routing::~Mip6Type2Routing()
{
}

uint8_t
Mip6Type2Routing::GetTypeRouting() const
{
    return Mip6Type2RoutingHeader::TYPE_ROUTING;
}

uint8_t
Mip6Type2Routing::Process(Ptr<Packet>& packet,
                          uint8_t offset,
                          const Ipv6Header& ipv6Header,
                          Ipv6Address dst,
                          uint8_t* nextHeader,
                          bool& stopProcessing,
                          bool& isDropped,
                          Ipv6L3Protocol::DropReason& dropReason)
{
    NS_LOG_FUNCTION(this << packet << unsigned(offset) << ipv6Header << dst);
    const std::vector<uint8_t> b = CopyPrefix(packet, offset + 24u);
    std::string problem;
    Ipv6Address hoa;
    uint32_t size = 24;
    if (b.size() < offset + 4u)
    {
        problem = "rh2-truncated";
    }
    else
    {
        size = (b[offset + 1] + 1u) * 8u;
        if (nextHeader)
        {
            *nextHeader = b[offset];
        }
        // RFC 6275 §6.4 fixes Hdr Ext Len 2 and Segments Left 1; other values are discarded
        // (silently, as Linux does: no ICMP).
        if (b[offset + 2] != Mip6Type2RoutingHeader::TYPE_ROUTING || b[offset + 1] != 2 ||
            b[offset + 3] != 1)
        {
            problem = "rh2-malformed";
        }
        else if (b.size() < offset + 24u)
        {
            problem = "rh2-truncated";
        }
        else
        {
            hoa = Ipv6Address::Deserialize(&b[offset + 8]);
            // RFC 6275 §6.4, §11.3.3: the address MUST be one of this node's home addresses.
            Ptr<Ipv6L3Protocol> ipv6 = GetNode()->GetObject<Ipv6L3Protocol>();
            if (!ipv6 || ipv6->GetInterfaceForAddress(hoa) < 0)
            {
                problem = "rh2-not-own-address";
            }
        }
    }

    if (!problem.empty())
    {
        NS_LOG_WARN("dropping packet with Type 2 Routing Header: " << problem);
        m_dropTrace(packet, problem);
        isDropped = true;
        stopProcessing = true;
        dropReason = problem == "rh2-not-own-address" ? Ipv6L3Protocol::DROP_ROUTE_ERROR
                                                      : Ipv6L3Protocol::DROP_MALFORMED_HEADER;
        return static_cast<uint8_t>(std::min<uint32_t>(size, 255));
    }

    // Replace any tag left from an earlier hop: only what this node parsed counts.
    Mip6Rh2Tag old;
    packet->RemovePacketTag(old);
    packet->AddPacketTag(Mip6Rh2Tag(hoa));
    m_rxTrace(packet, hoa);
    isDropped = false;
    stopProcessing = false;
    return 24;
}

// ---------------------------------------------------------------------------------------------

void
Mip6InstallExtensions(Ptr<Node> node)
{
    NS_ABORT_MSG_IF(!node, "Mip6InstallExtensions: null node");
    Ptr<Ipv6L3Protocol> ipv6 = node->GetObject<Ipv6L3Protocol>();
    Ptr<Ipv6OptionDemux> options = node->GetObject<Ipv6OptionDemux>();
    Ptr<Ipv6ExtensionRoutingDemux> routing = node->GetObject<Ipv6ExtensionRoutingDemux>();
    NS_ABORT_MSG_IF(!ipv6 || !options || !routing,
                    "Mip6InstallExtensions: node " << node->GetId()
                                                   << " has no IPv6 stack with extension demuxes "
                                                      "(install it with InternetStackHelper)");

    // Lookups return the first match, so any other handler of the same number is removed.
    for (Ptr<Ipv6Option> o = options->GetOption(Mip6HomeAddressOptionHeader::OPT_NUMBER);
         o && !DynamicCast<Mip6HomeAddressOption>(o);
         o = options->GetOption(Mip6HomeAddressOptionHeader::OPT_NUMBER))
    {
        options->Remove(o);
    }
    if (!options->GetOption(Mip6HomeAddressOptionHeader::OPT_NUMBER))
    {
        Ptr<Mip6HomeAddressOption> hao = CreateObject<Mip6HomeAddressOption>();
        hao->SetNode(node);
        options->Insert(hao);
    }

    for (Ptr<Ipv6ExtensionRouting> r =
             routing->GetExtensionRouting(Mip6Type2RoutingHeader::TYPE_ROUTING);
         r && !DynamicCast<Mip6Type2Routing>(r);
         r = routing->GetExtensionRouting(Mip6Type2RoutingHeader::TYPE_ROUTING))
    {
        routing->Remove(r);
    }
    if (!routing->GetExtensionRouting(Mip6Type2RoutingHeader::TYPE_ROUTING))
    {
        Ptr<Mip6Type2Routing> rh2 = CreateObject<Mip6Type2Routing>();
        rh2->SetNode(node);
        routing->Insert(rh2);
    }
}

void
Mip6SendNeighborAdvertisement(Ptr<Node> node,
                              uint32_t ifIndex,
                              Ipv6Address target,
                              Ipv6Address src,
                              Ipv6Address dst,
                              bool solicited)
{
    Ptr<Ipv6L3Protocol> ipv6 = node->GetObject<Ipv6L3Protocol>();
    if (!ipv6 || ifIndex >= ipv6->GetNInterfaces())
    {
        return;
    }
    Ptr<NetDevice> device = ipv6->GetNetDevice(ifIndex);
    // RFC 4861 §4.4: the Target Link-Layer Address option, then the NA header.
    Ptr<Packet> p = Create<Packet>();
    Icmpv6OptionLinkLayerAddress lla(false, device->GetAddress());
    p->AddHeader(lla);
    Icmpv6NA na;
    na.SetIpv6Target(target);
    na.SetFlagR(false);
    na.SetFlagS(solicited);
    na.SetFlagO(true);
    na.CalculatePseudoHeaderChecksum(src,
                                     dst,
                                     p->GetSize() + na.GetSerializedSize(),
                                     Icmpv6L4Protocol::PROT_NUMBER);
    p->AddHeader(na);
    SocketIpv6HopLimitTag hopLimit;
    hopLimit.SetHopLimit(255);
    p->AddPacketTag(hopLimit);
    // On-link: out of the given interface, straight to the destination.
    Ptr<Ipv6Route> route = Create<Ipv6Route>();
    route->SetSource(src);
    route->SetDestination(dst);
    route->SetGateway(Ipv6Address::GetAny());
    route->SetOutputDevice(device);
    ipv6->Send(p, src, dst, Icmpv6L4Protocol::PROT_NUMBER, route);
}

} // namespace ns3

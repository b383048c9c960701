/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-l4-protocol.h"

#include "ns3/abort.h"
#include "ns3/icmpv6-l4-protocol.h"
#include "ns3/ipv6-extension-header.h"
#include "ns3/ipv6-interface.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/mip6-extensions.h"

#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6L4Protocol");

NS_OBJECT_ENSURE_REGISTERED(Mip6L4Protocol);

const uint8_t Mip6L4Protocol::PROT_NUMBER;

TypeId
Mip6L4Protocol::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6L4Protocol")
            .SetParent<IpL4Protocol>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6L4Protocol>()
            .AddTraceSource("Rx",
                            "A validated, checksum-verified Mobility Header and its receive "
                            "context (before it is handed to the receive callback).",
                            MakeTraceSourceAccessor(&Mip6L4Protocol::m_rxTrace),
                            "ns3::Mip6L4Protocol::RxTracedCallback")
            .AddTraceSource("Drop",
                            "A refused Mobility Header and the reason "
                            "(Mip6ParseErrorToString, e.g. \"bad-checksum\").",
                            MakeTraceSourceAccessor(&Mip6L4Protocol::m_dropTrace),
                            "ns3::Mip6L4Protocol::DropTracedCallback")
            .AddTraceSource("Tx",
                            "A packet handed to IPv6 by Send(): extension headers and payload, "
                            "with the IPv6 source and destination.",
                            MakeTraceSourceAccessor(&Mip6L4Protocol::m_txTrace),
                            "ns3::Mip6L4Protocol::TxTracedCallback");
    return tid;
}

Mip6L4Protocol::Mip6L4Protocol()
{
    NS_LOG_FUNCTION(this);
}

Mip6L4Protocol::~Mip6L4Protocol()
{
    NS_LOG_FUNCTION(this);
}

void
Mip6L4Protocol::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_node = nullptr;
    m_downTarget.Nullify();
    m_downTarget6.Nullify();
    m_rxCallback.Nullify();
    m_unknownTypeCallback.Nullify();
    IpL4Protocol::DoDispose();
}

void
Mip6L4Protocol::SetNode(Ptr<Node> node)
{
    m_node = node;
}

Ptr<Node>
Mip6L4Protocol::GetNode() const
{
    return m_node;
}

int
Mip6L4Protocol::GetProtocolNumber() const
{
    return PROT_NUMBER;
}

IpL4Protocol::RxStatus
Mip6L4Protocol::Receive(Ptr<Packet> p,
                        const Ipv4Header& header,
                        Ptr<Ipv4Interface> incomingInterface)
{
    NS_LOG_FUNCTION(this << p);
    return RX_ENDPOINT_UNREACH;
}

IpL4Protocol::RxStatus
Mip6L4Protocol::Receive(Ptr<Packet> p,
                        const Ipv6Header& header,
                        Ptr<Ipv6Interface> incomingInterface)
{
    NS_LOG_FUNCTION(this << p << header);
    Mip6RxContext ctx;
    ctx.src = header.GetSource();
    ctx.dst = header.GetDestination();
    if (m_node && incomingInterface)
    {
        Ptr<Ipv6L3Protocol> ipv6 = m_node->GetObject<Ipv6L3Protocol>();
        const int32_t idx = ipv6 ? ipv6->GetInterfaceForDevice(incomingInterface->GetDevice()) : -1;
        ctx.ifIndex = idx >= 0 ? static_cast<uint32_t>(idx) : 0;
    }
    // The extension-header handlers of this node left the HoA in tags (RFC 6275 §9.3.1, §6.4).
    // They are removed here so that they never travel further with the packet.
    Mip6HaoTag haoTag;
    const bool hasHao = p->RemovePacketTag(haoTag);
    Mip6Rh2Tag rh2Tag;
    if (p->RemovePacketTag(rh2Tag))
    {
        ctx.rh2 = rh2Tag.GetHomeAddress();
    }
    if (hasHao)
    {
        if (haoTag.IsMalformed())
        {
            Drop(p, Mip6ParseError::BAD_OPTION);
            return RX_OK;
        }
        ctx.hao = haoTag.GetHomeAddress();
    }
    return Process(p, ctx, true, &header);
}

void
Mip6L4Protocol::ReceiveMobilityHeader(Ptr<Packet> mh, const Mip6RxContext& ctx, bool verifyChecksum)
{
    NS_LOG_FUNCTION(this << mh << verifyChecksum);
    Process(mh, ctx, verifyChecksum);
}

IpL4Protocol::RxStatus
Mip6L4Protocol::Process(Ptr<Packet> p,
                        Mip6RxContext ctx,
                        bool verifyChecksum,
                        const Ipv6Header* ipHeader)
{
    // RFC 6275 §9.2: copy the bytes and check them before anything is deserialised.
    const uint32_t size = p->GetSize();
    std::vector<uint8_t> bytes(size);
    if (size > 0)
    {
        p->CopyData(bytes.data(), size);
    }
    uint8_t type = 0;
    uint32_t mhLength = 0;
    const Mip6ParseError err = Mip6Header::Validate(bytes.data(), bytes.size(), type, mhLength);
    ctx.mhType = type;
    // RFC 6275 §9.2: a bad Payload Proto or Header Len is discarded and answered with an ICMPv6
    // Parameter Problem pointing at the field, unless the checksum shows the packet was damaged.
    const bool fieldError = err == Mip6ParseError::BAD_PAYLOAD_PROTO ||
                            err == Mip6ParseError::BAD_HEADER_LEN ||
                            err == Mip6ParseError::MESSAGE_TOO_SHORT;
    if (fieldError && ipHeader && verifyChecksum && size >= 8 && size % 8 == 0 &&
        Mip6Header::VerifyChecksum(bytes.data(),
                                   bytes.size(),
                                   ctx.hao.value_or(ctx.src),
                                   ctx.rh2.value_or(ctx.dst)))
    {
        Drop(p, err);
        SendParameterProblem(p, *ipHeader, err == Mip6ParseError::BAD_PAYLOAD_PROTO ? 0 : 1);
        return RX_OK;
    }
    if (err != Mip6ParseError::NONE && err != Mip6ParseError::UNKNOWN_MH_TYPE)
    {
        Drop(p, err);
        return RX_OK;
    }
    // RFC 6275 §6.1.1: the pseudo-header source is the HoA of a HAO, the destination the HoA of
    // a Type 2 RH (the final destination). Checked for unknown types too, so that a corrupted
    // message never draws a Binding Error.
    if (verifyChecksum)
    {
        const Ipv6Address src = ctx.hao.value_or(ctx.src);
        const Ipv6Address dst = ctx.rh2.value_or(ctx.dst);
        if (!Mip6Header::VerifyChecksum(bytes.data(), bytes.size(), src, dst))
        {
            Drop(p, Mip6ParseError::BAD_CHECKSUM);
            return RX_CSUM_FAILED;
        }
    }
    if (err == Mip6ParseError::UNKNOWN_MH_TYPE)
    {
        // RFC 6275 §9.2: the agent answers with a Binding Error, status 2.
        Drop(p, err);
        if (!m_unknownTypeCallback.IsNull())
        {
            m_unknownTypeCallback(p, ctx);
        }
        return RX_OK;
    }
    ++m_rxCount;
    m_rxTrace(p, ctx);
    if (m_rxCallback.IsNull())
    {
        NS_LOG_WARN("Mobility Header type " << unsigned(type)
                                            << " accepted, but no receiver is set");
        return RX_OK;
    }
    m_rxCallback(p, ctx);
    return RX_OK;
}

void
Mip6L4Protocol::Drop(Ptr<const Packet> p, Mip6ParseError reason)
{
    NS_LOG_INFO("refusing Mobility Header: " << Mip6ParseErrorToString(reason));
    const auto idx = static_cast<std::size_t>(reason);
    if (idx < m_dropCounts.size())
    {
        ++m_dropCounts[idx];
    }
    m_dropTrace(p, Mip6ParseErrorToString(reason));
}

uint64_t
Mip6L4Protocol::GetDropCount(Mip6ParseError reason) const
{
    const auto idx = static_cast<std::size_t>(reason);
    return idx < m_dropCounts.size() ? m_dropCounts[idx] : 0;
}

uint64_t
Mip6L4Protocol::GetRxCount() const
{
    return m_rxCount;
}

uint64_t
Mip6L4Protocol::GetParameterProblemCount() const
{
    return m_paramProblems;
}

void
Mip6L4Protocol::SendParameterProblem(Ptr<const Packet> mh,
                                     const Ipv6Header& ipHeader,
                                     uint32_t fieldOffset)
{
    Ptr<Icmpv6L4Protocol> icmp = m_node ? m_node->GetObject<Icmpv6L4Protocol>() : nullptr;
    if (!icmp || ipHeader.GetSource().IsMulticast() || ipHeader.GetSource().IsAny())
    {
        return; // RFC 4443 §2.4 (e.3): no error message to a multicast or unspecified source
    }
    Ptr<Packet> quoted = mh->Copy();
    Ipv6Header h = ipHeader;
    h.SetNextHeader(PROT_NUMBER);
    h.SetPayloadLength(quoted->GetSize());
    quoted->AddHeader(h);
    ++m_paramProblems;
    NS_LOG_INFO("ICMPv6 Parameter Problem to " << ipHeader.GetSource() << ", pointer "
                                               << h.GetSerializedSize() + fieldOffset);
    icmp->SendErrorParameterError(quoted,
                                  ipHeader.GetSource(),
                                  Icmpv6Header::ICMPV6_MALFORMED_HEADER,
                                  h.GetSerializedSize() + fieldOffset);
}

void
Mip6L4Protocol::SetDownTarget(DownTargetCallback cb)
{
    m_downTarget = cb;
}

void
Mip6L4Protocol::SetDownTarget6(DownTargetCallback6 cb)
{
    m_downTarget6 = cb;
}

IpL4Protocol::DownTargetCallback
Mip6L4Protocol::GetDownTarget() const
{
    return m_downTarget;
}

IpL4Protocol::DownTargetCallback6
Mip6L4Protocol::GetDownTarget6() const
{
    return m_downTarget6;
}

void
Mip6L4Protocol::SetReceiveCallback(ReceiveCallback cb)
{
    m_rxCallback = cb;
}

void
Mip6L4Protocol::SetUnknownTypeCallback(ReceiveCallback cb)
{
    m_unknownTypeCallback = cb;
}

Ptr<Packet>
Mip6L4Protocol::BuildPacket(Ptr<const Packet> payload,
                            uint8_t payloadProto,
                            std::optional<Ipv6Address> hao,
                            std::optional<Ipv6Address> rh2Hoa,
                            uint8_t& firstNextHeader)
{
    Ptr<Packet> p = payload->Copy();
    uint8_t nh = payloadProto;
    // RFC 6275 §6.3: the Destination Options header with the HAO follows the Routing header and
    // precedes ESP/AH and the upper layer.
    if (hao)
    {
        Ipv6ExtensionDestinationHeader dest;
        dest.SetNextHeader(nh);
        dest.AddOption(Mip6HomeAddressOptionHeader(*hao));
        p->AddHeader(dest);
        nh = Ipv6Header::IPV6_EXT_DESTINATION;
    }
    // RFC 6275 §6.4: the Type 2 Routing Header carries the HoA, the final destination.
    if (rh2Hoa)
    {
        Mip6Type2RoutingHeader rh;
        rh.SetNextHeader(nh);
        rh.SetHomeAddress(*rh2Hoa);
        p->AddHeader(rh);
        nh = Ipv6Header::IPV6_EXT_ROUTING;
    }
    firstNextHeader = nh;
    return p;
}

void
Mip6L4Protocol::Send(Ptr<Packet> payload,
                     uint8_t payloadProto,
                     Ipv6Address src,
                     Ipv6Address dst,
                     std::optional<Ipv6Address> hao,
                     std::optional<Ipv6Address> rh2Hoa,
                     Ptr<Ipv6Route> route)
{
    NS_LOG_FUNCTION(this << payload << unsigned(payloadProto) << src << dst);
    NS_ABORT_MSG_IF(m_downTarget6.IsNull(),
                    "Mip6L4Protocol::Send: no IPv6 down target (use Mip6L4Protocol::Install)");
    uint8_t nh = 0;
    Ptr<Packet> p = BuildPacket(payload, payloadProto, hao, rh2Hoa, nh);
    m_txTrace(p, src, dst);
    m_downTarget6(p, src, dst, nh, route);
}

Ptr<Mip6L4Protocol>
Mip6L4Protocol::Install(Ptr<Node> node)
{
    NS_ABORT_MSG_IF(!node, "Mip6L4Protocol::Install: null node");
    Ptr<Ipv6L3Protocol> ipv6 = node->GetObject<Ipv6L3Protocol>();
    NS_ABORT_MSG_IF(!ipv6,
                    "Mip6L4Protocol::Install: node " << node->GetId() << " has no IPv6 stack");
    Mip6InstallExtensions(node);
    Ptr<Mip6L4Protocol> l4 = node->GetObject<Mip6L4Protocol>();
    if (!l4)
    {
        l4 = CreateObject<Mip6L4Protocol>();
        l4->SetNode(node);
        node->AggregateObject(l4);
    }
    if (ipv6->GetProtocol(PROT_NUMBER) != l4)
    {
        ipv6->Insert(l4);
    }
    if (l4->GetDownTarget6().IsNull())
    {
        l4->SetDownTarget6(MakeCallback(&Ipv6L3Protocol::Send, ipv6));
    }
    return l4;
}

} // namespace ns3

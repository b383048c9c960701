/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-tunnel.h"

#include "ns3/ipv6-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/mip6-category-tag.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6Tunnel");

NS_OBJECT_ENSURE_REGISTERED(Mip6TunnelTag);
NS_OBJECT_ENSURE_REGISTERED(Mip6Tunnel);

TypeId
Mip6TunnelTag::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6TunnelTag")
                            .SetParent<Tag>()
                            .SetGroupName("Mip6")
                            .AddConstructor<Mip6TunnelTag>();
    return tid;
}

TypeId
Mip6TunnelTag::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
Mip6TunnelTag::GetSerializedSize() const
{
    return 32;
}

void
Mip6TunnelTag::Serialize(TagBuffer i) const
{
    uint8_t buf[16];
    outerSource.Serialize(buf);
    i.Write(buf, 16);
    outerDestination.Serialize(buf);
    i.Write(buf, 16);
}

void
Mip6TunnelTag::Deserialize(TagBuffer i)
{
    uint8_t buf[16];
    i.Read(buf, 16);
    outerSource = Ipv6Address::Deserialize(buf);
    i.Read(buf, 16);
    outerDestination = Ipv6Address::Deserialize(buf);
}

void
Mip6TunnelTag::Print(std::ostream& os) const
{
    os << "outer " << outerSource << " -> " << outerDestination;
}

TypeId
Mip6Tunnel::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6Tunnel")
            .SetParent<IpL4Protocol>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6Tunnel>()
            .AddAttribute("Mtu",
                          "MTU of the tunnel device. Set so that the outer packet (inner + 40-byte "
                          "outer header + the largest design overhead) fits the access link MTU "
                          "of 1500 bytes without source fragmentation.",
                          UintegerValue(1400),
                          MakeUintegerAccessor(&Mip6Tunnel::m_mtu),
                          MakeUintegerChecker<uint16_t>(1280))
            .AddTraceSource("Tx",
                            "An inner packet entered the tunnel.",
                            MakeTraceSourceAccessor(&Mip6Tunnel::m_txTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("Rx",
                            "An inner packet left the tunnel (inner packet, outer header).",
                            MakeTraceSourceAccessor(&Mip6Tunnel::m_rxTrace),
                            "ns3::Mip6Tunnel::RxTracedCallback")
            .AddTraceSource("Drop",
                            "A tunnelled packet was refused (packet, reason).",
                            MakeTraceSourceAccessor(&Mip6Tunnel::m_dropTrace),
                            "ns3::Mip6Tunnel::DropTracedCallback");
    return tid;
}

Mip6Tunnel::Mip6Tunnel()
    : m_mtu(1400)
{
}

Mip6Tunnel::~Mip6Tunnel() = default;

Ptr<Mip6Tunnel>
Mip6Tunnel::Install(Ptr<Node> node, bool forwarding)
{
    Ptr<Mip6Tunnel> existing = node->GetObject<Mip6Tunnel>();
    if (existing)
    {
        return existing;
    }
    Ptr<Ipv6L3Protocol> ipv6 = node->GetObject<Ipv6L3Protocol>();
    NS_ABORT_MSG_IF(!ipv6, "Mip6Tunnel::Install: node " << node->GetId() << " has no IPv6 stack");
    Ptr<Mip6Tunnel> tunnel = CreateObject<Mip6Tunnel>();
    tunnel->m_node = node;
    tunnel->m_forwarding = forwarding;
    Ptr<VirtualNetDevice> dev = CreateObject<VirtualNetDevice>();
    dev->SetAddress(Mac48Address::Allocate());
    dev->SetNeedsArp(false);
    dev->SetMtu(tunnel->m_mtu);
    dev->SetSendCallback(MakeCallback(&Mip6Tunnel::DeviceSend, tunnel));
    node->AddDevice(dev);
    tunnel->m_device = dev;
    tunnel->m_interface = ipv6->AddInterface(dev);
    ipv6->SetUp(tunnel->m_interface);
    ipv6->SetForwarding(tunnel->m_interface, forwarding);
    ipv6->Insert(tunnel);
    node->AggregateObject(tunnel);
    return tunnel;
}

uint32_t
Mip6Tunnel::GetInterface() const
{
    return m_interface;
}

Ptr<VirtualNetDevice>
Mip6Tunnel::GetDevice() const
{
    return m_device;
}

void
Mip6Tunnel::SetSendHandler(SendHandler handler)
{
    m_sendHandler = handler;
}

void
Mip6Tunnel::SetAcceptFilter(AcceptFilter filter)
{
    m_acceptFilter = filter;
}

bool
Mip6Tunnel::DeviceSend(Ptr<Packet> packet, const Address& src, const Address& dst, uint16_t proto)
{
    // The stack's own link-scope traffic on the virtual interface (DAD and MLD for its link-local
    // address) has no meaning on the MN-HA tunnel: it is not carried.
    Ipv6Header inner;
    if (packet->GetSize() >= inner.GetSerializedSize())
    {
        packet->PeekHeader(inner);
        if (inner.GetDestination().IsMulticast() || inner.GetDestination().IsLinkLocal() ||
            inner.GetSource().IsLinkLocal())
        {
            m_linkScope++;
            return true;
        }
    }
    if (m_sendHandler.IsNull())
    {
        m_drops++;
        m_dropTrace(packet, "no-binding");
        return false;
    }
    m_txTrace(packet);
    m_sendHandler(packet);
    return true;
}

void
Mip6Tunnel::Deliver(Ptr<Packet> inner, const Ipv6Header& outer)
{
    Ipv6Header innerHeader;
    if (inner->GetSize() < innerHeader.GetSerializedSize())
    {
        m_drops++;
        m_dropTrace(inner, "truncated");
        return;
    }
    inner->PeekHeader(innerHeader);
    if (innerHeader.GetPayloadLength() + innerHeader.GetSerializedSize() > inner->GetSize())
    {
        m_drops++;
        m_dropTrace(inner, "truncated");
        return;
    }
    if (!m_acceptFilter.IsNull() && !m_acceptFilter(inner, outer))
    {
        m_drops++;
        m_dropTrace(inner, "refused");
        return;
    }
    if (!m_forwarding)
    {
        // At the MN: which CoA carried the packet (the HA forwards the inner packet onward, where
        // the tag would mislead).
        Mip6TunnelTag tag;
        tag.outerSource = outer.GetSource();
        tag.outerDestination = outer.GetDestination();
        inner->ReplacePacketTag(tag);
    }
    // The sender's classification belongs to the tunnelled packet, not to the inner one.
    Mip6CategoryTag category;
    inner->RemovePacketTag(category);
    m_rx++;
    m_rxTrace(inner, outer);
    m_device->Receive(inner,
                      Ipv6L3Protocol::PROT_NUMBER,
                      m_device->GetAddress(),
                      m_device->GetAddress(),
                      NetDevice::PACKET_HOST);
}

uint64_t
Mip6Tunnel::GetRxCount() const
{
    return m_rx;
}

uint64_t
Mip6Tunnel::GetDropCount() const
{
    return m_drops;
}

int
Mip6Tunnel::GetProtocolNumber() const
{
    return PROT_NUMBER;
}

IpL4Protocol::RxStatus
Mip6Tunnel::Receive(Ptr<Packet> p, const Ipv4Header& header, Ptr<Ipv4Interface> iface)
{
    return IpL4Protocol::RX_ENDPOINT_UNREACH;
}

IpL4Protocol::RxStatus
Mip6Tunnel::Receive(Ptr<Packet> p, const Ipv6Header& header, Ptr<Ipv6Interface> iface)
{
    // p starts at the inner IPv6 header (RFC 2473 §3.1).
    Deliver(p->Copy(), header);
    return IpL4Protocol::RX_OK;
}

void
Mip6Tunnel::SetDownTarget(DownTargetCallback cb)
{
    m_downTarget = cb;
}

void
Mip6Tunnel::SetDownTarget6(DownTargetCallback6 cb)
{
    m_downTarget6 = cb;
}

IpL4Protocol::DownTargetCallback
Mip6Tunnel::GetDownTarget() const
{
    return m_downTarget;
}

IpL4Protocol::DownTargetCallback6
Mip6Tunnel::GetDownTarget6() const
{
    return m_downTarget6;
}

void
Mip6Tunnel::DoDispose()
{
    m_node = nullptr;
    m_device = nullptr;
    m_sendHandler = SendHandler();
    m_acceptFilter = AcceptFilter();
    IpL4Protocol::DoDispose();
}

} // namespace ns3

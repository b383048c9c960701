/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-movement-detector.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/icmpv6-header.h"
#include "ns3/icmpv6-l4-protocol.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6-raw-socket-factory.h"
#include "ns3/ipv6-routing-table-entry.h"
#include "ns3/ipv6-static-routing-helper.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"
#include "ns3/wifi-mac.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6MovementDetector");

NS_OBJECT_ENSURE_REGISTERED(Mip6MovementDetector);

TypeId
Mip6MovementDetector::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6MovementDetector")
            .SetParent<Mip6AccessMonitor>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6MovementDetector>()
            .AddAttribute("SolicitOnAssociation",
                          "Send a Router Solicitation as soon as the MN associates (the L2 "
                          "trigger of RFC 6275 section 11.5.1). False: RA-only movement "
                          "detection, the MN waits for the new router's next unsolicited RA "
                          "(what the 2017 ns-3 model and xMIPv6 without L2 triggers do).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&Mip6MovementDetector::m_solicitOnAssociation),
                          MakeBooleanChecker())
            .AddTraceSource("RouterSolicitationSent",
                            "A Router Solicitation was sent after association.",
                            MakeTraceSourceAccessor(&Mip6MovementDetector::m_rsTrace),
                            "ns3::Mip6AccessMonitor::AddressTracedCallback");
    return tid;
}

Mip6MovementDetector::Mip6MovementDetector() = default;

Mip6MovementDetector::~Mip6MovementDetector() = default;

void
Mip6MovementDetector::SetDevice(Ptr<WifiNetDevice> device)
{
    m_device = device;
}

void
Mip6MovementDetector::Start(Ptr<Node> node,
                            Ptr<WifiNetDevice> device,
                            uint32_t ifIndex,
                            Ipv6Address homePrefix,
                            uint8_t homePrefixLength)
{
    SetDevice(device);
    Start(node, ifIndex, homePrefix, homePrefixLength);
}

void
Mip6MovementDetector::Start(Ptr<Node> node,
                            uint32_t ifIndex,
                            Ipv6Address homePrefix,
                            uint8_t homePrefixLength)
{
    NS_ABORT_MSG_IF(!m_device, "Mip6MovementDetector: no WiFi device set");
    m_node = node;
    m_ifIndex = ifIndex;
    m_homePrefix = homePrefix;
    m_homePrefixLength = homePrefixLength;
    Ptr<WifiMac> mac = m_device->GetMac();
    mac->TraceConnectWithoutContext("Assoc", MakeCallback(&Mip6MovementDetector::Assoc, this));
    mac->TraceConnectWithoutContext("DeAssoc", MakeCallback(&Mip6MovementDetector::DeAssoc, this));
    mac->TraceConnectWithoutContext("BeaconArrival",
                                    MakeCallback(&Mip6MovementDetector::Beacon, this));
    mac->TraceConnectWithoutContext("MacRx", MakeCallback(&Mip6MovementDetector::MacRx, this));

    m_icmpSocket = Socket::CreateSocket(node, Ipv6RawSocketFactory::GetTypeId());
    m_icmpSocket->SetAttribute("Protocol", UintegerValue(Icmpv6L4Protocol::PROT_NUMBER));
    m_icmpSocket->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), 0));
    m_icmpSocket->BindToNetDevice(m_device);
    m_icmpSocket->SetRecvCallback(MakeCallback(&Mip6MovementDetector::HandleIcmp, this));
}

Ptr<NetDevice>
Mip6MovementDetector::GetDevice() const
{
    return m_device;
}

std::string
Mip6MovementDetector::GetTechnology() const
{
    return "wlan";
}

bool
Mip6MovementDetector::IsUp() const
{
    return m_associated;
}

Ipv6Address
Mip6MovementDetector::GetCareOfAddress() const
{
    return m_home ? Ipv6Address::GetAny() : m_coa;
}

Mac48Address
Mip6MovementDetector::GetDefaultRouterMac() const
{
    return m_routerMac;
}

bool
Mip6MovementDetector::IsHome() const
{
    return m_home;
}

Ipv6Address
Mip6MovementDetector::GetDefaultRouter() const
{
    return m_router;
}

Mac48Address
Mip6MovementDetector::GetBssid() const
{
    return m_bssid;
}

void
Mip6MovementDetector::Stop()
{
    m_stopped = true;
    m_usableEvent.Cancel();
    if (m_icmpSocket)
    {
        m_icmpSocket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_icmpSocket->Close();
    }
}

void
Mip6MovementDetector::Beacon(Time t)
{
    if (m_associated)
    {
        m_lastFrame = Simulator::Now();
    }
}

void
Mip6MovementDetector::MacRx(Ptr<const Packet> p)
{
    if (m_associated)
    {
        m_lastFrame = Simulator::Now();
    }
}

void
Mip6MovementDetector::DeAssoc(Mac48Address bssid)
{
    if (m_stopped)
    {
        return;
    }
    NS_LOG_INFO("t=" << Simulator::Now().As(Time::S) << " lost " << bssid);
    m_associated = false;
    m_l2LostTrace(m_lastFrame);
}

void
Mip6MovementDetector::Assoc(Mac48Address bssid)
{
    if (m_stopped)
    {
        return;
    }
    NS_LOG_INFO("t=" << Simulator::Now().As(Time::S) << " associated with " << bssid);
    m_associated = true;
    m_bssid = bssid;
    m_lastFrame = Simulator::Now();
    m_reconfirm = true;
    m_l2UpTrace(bssid);
    // ns-3 sends no RS on re-association (ns3-feasibility.md §4); RFC 6275 §11.5.1 uses the L2
    // trigger to solicit an RA at once. Without it the next unsolicited RA detects the movement.
    if (m_solicitOnAssociation)
    {
        SendRs();
    }
}

void
Mip6MovementDetector::SendRs()
{
    Ptr<Ipv6L3Protocol> ipv6 = m_node->GetObject<Ipv6L3Protocol>();
    Ptr<Icmpv6L4Protocol> icmp = m_node->GetObject<Icmpv6L4Protocol>();
    for (uint32_t i = 0; i < ipv6->GetNAddresses(m_ifIndex); ++i)
    {
        Ipv6InterfaceAddress a = ipv6->GetAddress(m_ifIndex, i);
        if (a.GetScope() == Ipv6InterfaceAddress::LINKLOCAL)
        {
            icmp->SendRS(a.GetAddress(),
                         Ipv6Address::GetAllRoutersMulticast(),
                         m_device->GetAddress());
            m_rsTrace(a.GetAddress());
            return;
        }
    }
}

void
Mip6MovementDetector::HandleIcmp(Ptr<Socket> socket)
{
    Ptr<Packet> p;
    while ((p = socket->Recv()))
    {
        if (p->GetSize() < 1)
        {
            continue;
        }
        uint8_t first = 0;
        p->CopyData(&first, 1);
        Ipv6Header ip;
        if ((first >> 4) == 6 && p->GetSize() >= ip.GetSerializedSize())
        {
            p->RemoveHeader(ip);
        }
        Icmpv6Header icmp;
        if (p->GetSize() < 16)
        {
            continue;
        }
        p->PeekHeader(icmp);
        if (icmp.GetType() != Icmpv6Header::ICMPV6_ND_ROUTER_ADVERTISEMENT)
        {
            continue;
        }
        // RFC 4861 §4.2: RA = 16 bytes, then options; walk the options without trusting lengths.
        const uint32_t size = p->GetSize();
        std::vector<uint8_t> buf(size);
        p->CopyData(buf.data(), size);
        uint32_t off = 16;
        // The router's link-layer address (RFC 4861 §4.6.1): the options may come in any order.
        Mac48Address routerMac;
        for (uint32_t o = 16; o + 2 <= size && buf[o + 1] != 0 && o + buf[o + 1] * 8u <= size;
             o += buf[o + 1] * 8u)
        {
            if (buf[o] == Icmpv6Header::ICMPV6_OPT_LINK_LAYER_SOURCE && buf[o + 1] == 1)
            {
                routerMac.CopyFrom(&buf[o + 2]);
            }
        }
        while (off + 2 <= size)
        {
            const uint8_t type = buf[off];
            const uint32_t len = buf[off + 1] * 8u;
            if (len == 0 || off + len > size)
            {
                break;
            }
            if (type == Icmpv6Header::ICMPV6_OPT_PREFIX && len == 32)
            {
                // Prefix Information option: length byte 4, prefix at offset 16 (RFC 4861 §4.6.2).
                const uint8_t flags = buf[off + 3];
                const bool autonomous = flags & 0x40;
                Ipv6Address prefix = Ipv6Address::Deserialize(&buf[off + 16]);
                if (autonomous)
                {
                    Ipv6Address router = ip.GetSource();
                    // Act once the stack has processed the RA and formed the address.
                    Simulator::ScheduleNow(&Mip6MovementDetector::CheckPrefix,
                                           this,
                                           prefix,
                                           router,
                                           routerMac);
                }
            }
            off += len;
        }
    }
}

void
Mip6MovementDetector::CheckPrefix(Ipv6Address prefix, Ipv6Address router, Mac48Address routerMac)
{
    m_routers[prefix] = router;
    if (prefix == m_prefix)
    {
        // A periodic RA of the current router. The first one after a re-association confirms
        // that the CoA still works on this link (RFC 6275 §11.5.1: no movement): CoaUsable again,
        // with the same address, for a multihomed MN that stopped using it when L2 was lost.
        if (m_reconfirm && !m_home && !m_coa.IsAny() && !m_usableEvent.IsRunning())
        {
            m_reconfirm = false;
            m_coaUsableTrace(m_coa);
        }
        return;
    }
    m_reconfirm = false;
    // The home prefix is handled like any other (the link's address and default route, the stale
    // CoA removed), but it reports Home, not a CoA (RFC 6275 §11.5.4).
    const bool home = Ipv6Prefix(m_homePrefixLength).IsMatch(prefix, m_homePrefix);
    Ptr<Ipv6L3Protocol> ipv6 = m_node->GetObject<Ipv6L3Protocol>();
    Ipv6Address coa;
    for (uint32_t i = 0; i < ipv6->GetNAddresses(m_ifIndex); ++i)
    {
        Ipv6InterfaceAddress a = ipv6->GetAddress(m_ifIndex, i);
        if (a.GetScope() == Ipv6InterfaceAddress::GLOBAL &&
            Ipv6Prefix(64).IsMatch(a.GetAddress(), prefix))
        {
            coa = a.GetAddress();
        }
    }
    if (coa.IsAny())
    {
        // A prefix seen before (A -> B -> A): ns-3.37 does not autoconfigure it again (its prefix
        // record survives), so form the SLAAC address and the default route here (RFC 4862 §5.5.3).
        coa = Ipv6Address::MakeAutoconfiguredAddress(m_device->GetAddress(), prefix);
        ipv6->AddAddress(m_ifIndex, Ipv6InterfaceAddress(coa, Ipv6Prefix(64)));
        Ipv6StaticRoutingHelper().GetStaticRouting(ipv6)->SetDefaultRoute(router,
                                                                          m_ifIndex,
                                                                          prefix);
    }
    // Stale CoAs and their default routes stay in ns-3 for the prefix lifetime (days); remove
    // them so neither the source selection nor the default route uses the old link.
    // (RemoveAutoconfiguredAddress would destroy ns-3's prefix record with its lifetime timers
    // running, which ns-3.37 aborts on; the address itself is what must go.) A prefix seen
    // again later is therefore not autoconfigured a second time by ns-3.37 (ns3-feasibility.md §4).
    if (!m_coa.IsAny())
    {
        ipv6->RemoveAddress(m_ifIndex, m_coa);
    }
    Ipv6StaticRoutingHelper helper;
    Ptr<Ipv6StaticRouting> routing = helper.GetStaticRouting(ipv6);
    for (uint32_t i = routing->GetNRoutes(); i-- > 0;)
    {
        Ipv6RoutingTableEntry r = routing->GetRoute(i);
        if (r.IsDefault() && r.GetInterface() == m_ifIndex && r.GetGateway() != router)
        {
            routing->RemoveRoute(i);
        }
    }
    m_prefix = prefix;
    m_coa = coa;
    m_router = router;
    m_routerMac = routerMac;
    m_usableEvent.Cancel();
    m_home = home;
    if (home)
    {
        NS_LOG_INFO("t=" << Simulator::Now().As(Time::S) << " home, via " << router);
        m_homeTrace(prefix);
        return;
    }
    NS_LOG_INFO("t=" << Simulator::Now().As(Time::S) << " new CoA " << coa << " via " << router);
    m_coaFormedTrace(coa);
    m_usableEvent = Simulator::Schedule(m_dadWait, &Mip6MovementDetector::CoaUsable, this, coa);
}

void
Mip6MovementDetector::CoaUsable(Ipv6Address coa)
{
    if (coa == m_coa)
    {
        m_coaUsableTrace(coa);
    }
}

void
Mip6MovementDetector::DoDispose()
{
    m_usableEvent.Cancel();
    m_node = nullptr;
    m_device = nullptr;
    m_icmpSocket = nullptr;
    Mip6AccessMonitor::DoDispose();
}

} // namespace ns3

/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-mn-routing.h"

#include "ns3/ipv6-route.h"
#include "ns3/log.h"
#include "ns3/output-stream-wrapper.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6MnRouting");

NS_OBJECT_ENSURE_REGISTERED(Mip6MnRouting);

TypeId
Mip6MnRouting::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6MnRouting")
                            .SetParent<Ipv6RoutingProtocol>()
                            .SetGroupName("Mip6")
                            .AddConstructor<Mip6MnRouting>();
    return tid;
}

void
Mip6MnRouting::SetAway(bool away, Ipv6Address hoa, Ipv6Address ha, Ptr<NetDevice> tunnelDevice)
{
    m_away = away;
    m_hoa = hoa;
    m_ha = ha;
    m_tunnelDevice = tunnelDevice;
}

void
Mip6MnRouting::SetControlEndpoints(const std::vector<Mip6ControlEndpoint>& endpoints)
{
    m_endpoints = endpoints;
}

bool
Mip6MnRouting::IsAway() const
{
    return m_away;
}

void
Mip6MnRouting::SetAccessInterfaces(const std::map<Ipv6Address, Ptr<NetDevice>>& coas,
                                   Ptr<NetDevice> primary)
{
    m_coas = coas;
    m_primary = primary;
}

Ptr<Ipv6Route>
Mip6MnRouting::RouteVia(Ptr<Packet> p,
                        const Ipv6Header& header,
                        Ptr<NetDevice> device,
                        Socket::SocketErrno& sockerr) const
{
    // Asked again of the whole list with the interface as oif: this policy declines packets with
    // an oif other than the tunnel, and static routing's LookupStatic keeps to that interface.
    if (!m_ipv6 || !m_ipv6->GetRoutingProtocol())
    {
        return nullptr;
    }
    return m_ipv6->GetRoutingProtocol()->RouteOutput(p, header, device, sockerr);
}

bool
Mip6MnRouting::IsControl(Ptr<const Packet> p, const Ipv6Header& header) const
{
    // ns-3 sockets ask for a route before they add their transport header, so the ports are not
    // visible here: a control flow is matched by remote address and protocol. ns-3.37's TCP asks
    // for the route of a new connection with next header 0 (TcpSocketBase::SetupEndpoint6), so
    // that question is answered for the remote address alone; the connection is then bound to the
    // CoA and its segments bypass this policy by their source.
    for (const auto& ep : m_endpoints)
    {
        if (ep.remote == header.GetDestination() &&
            (ep.protocol == header.GetNextHeader() || header.GetNextHeader() == 0))
        {
            return true;
        }
    }
    return false;
}

Ptr<Ipv6Route>
Mip6MnRouting::RouteOutput(Ptr<Packet> p,
                           const Ipv6Header& header,
                           Ptr<NetDevice> oif,
                           Socket::SocketErrno& sockerr)
{
    const Ipv6Address dst = header.GetDestination();
    const Ipv6Address src = header.GetSource();
    if (dst.IsMulticast() || dst.IsLinkLocal() || dst.IsLocalhost())
    {
        return nullptr;
    }
    if (oif && oif != m_tunnelDevice)
    {
        return nullptr;
    }
    if (!m_coas.empty() && !oif)
    {
        // Multihomed (ns3-feasibility.md §7): a packet from a CoA leaves on that CoA's interface.
        if (auto it = m_coas.find(src); it != m_coas.end())
        {
            return RouteVia(p, header, it->second, sockerr);
        }
        // With no source yet and not for the tunnel: the primary interface.
        if (src.IsAny() && m_primary && (!m_away || IsControl(p, header)))
        {
            return RouteVia(p, header, m_primary, sockerr);
        }
    }
    if (!m_away)
    {
        return nullptr;
    }
    // A packet already sourced from a care-of address (signalling, outer tunnel packets).
    if (!src.IsAny() && src != m_hoa)
    {
        return nullptr;
    }
    if (IsControl(p, header))
    {
        return nullptr;
    }
    Ptr<Ipv6Route> route = Create<Ipv6Route>();
    route->SetDestination(dst);
    route->SetGateway(Ipv6Address::GetAny());
    route->SetSource(m_hoa);
    route->SetOutputDevice(m_tunnelDevice);
    sockerr = Socket::ERROR_NOTERROR;
    return route;
}

bool
Mip6MnRouting::RouteInput(Ptr<const Packet> p,
                          const Ipv6Header& header,
                          Ptr<const NetDevice> idev,
                          UnicastForwardCallback ucb,
                          MulticastForwardCallback mcb,
                          LocalDeliverCallback lcb,
                          ErrorCallback ecb)
{
    return false; // input is left to static routing (the HoA is a local address of the tunnel)
}

void
Mip6MnRouting::NotifyInterfaceUp(uint32_t interface)
{
}

void
Mip6MnRouting::NotifyInterfaceDown(uint32_t interface)
{
}

void
Mip6MnRouting::NotifyAddAddress(uint32_t interface, Ipv6InterfaceAddress address)
{
}

void
Mip6MnRouting::NotifyRemoveAddress(uint32_t interface, Ipv6InterfaceAddress address)
{
}

void
Mip6MnRouting::NotifyAddRoute(Ipv6Address dst,
                              Ipv6Prefix mask,
                              Ipv6Address nextHop,
                              uint32_t interface,
                              Ipv6Address prefixToUse)
{
}

void
Mip6MnRouting::NotifyRemoveRoute(Ipv6Address dst,
                                 Ipv6Prefix mask,
                                 Ipv6Address nextHop,
                                 uint32_t interface,
                                 Ipv6Address prefixToUse)
{
}

void
Mip6MnRouting::SetIpv6(Ptr<Ipv6> ipv6)
{
    m_ipv6 = ipv6;
}

void
Mip6MnRouting::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    *stream->GetStream() << "Mip6MnRouting: " << (m_away ? "away, HoA " : "at home, HoA ") << m_hoa
                         << " via tunnel to " << m_ha << ", " << m_endpoints.size()
                         << " control endpoints\n";
}

void
Mip6MnRouting::DoDispose()
{
    m_ipv6 = nullptr;
    m_tunnelDevice = nullptr;
    m_primary = nullptr;
    m_coas.clear();
    Ipv6RoutingProtocol::DoDispose();
}

} // namespace ns3

/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_MN_ROUTING_H
#define MIP6_MN_ROUTING_H

#include "ns3/ipv6-routing-protocol.h"
#include "ns3/mip6-security-design.h"

#include <map>
#include <vector>

namespace ns3
{

/**
 * \ingroup mip6
 * The Mobile Node's routing policy (RFC 6275 §11.3.1): while away, everything the node sends from
 * its home address goes into the tunnel to the HA, with the home address as source. Link-local and
 * multicast traffic, packets whose source is already a care-of address (the BU, the tunnel's outer
 * packets) and the security design's control flows (IKE, TLS to the HAC) are left to the static
 * routing below it, so they leave from the CoA on the access link. Added to the node's
 * Ipv6ListRouting above static routing (ns3-feasibility.md §2).
 *
 * On a multihomed MN (SetAccessInterfaces) the policy also picks the interface: a packet sourced
 * from a care-of address leaves on that CoA's own interface (ns-3.37's static routing ignores the
 * source, ns3-feasibility.md §7c: the route is asked again with that interface as oif, which
 * LookupStatic honours), and a packet with no source yet (a control flow, or while no binding
 * exists) leaves on the primary interface, so the default route a WLAN RA installed last does not
 * capture traffic meant for the other access (§7a).
 */
class Mip6MnRouting : public Ipv6RoutingProtocol
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();

    /**
     * Enables or disables the tunnel policy.
     * \param away true while the MN is away from home with a usable CoA
     * \param hoa home address
     * \param ha home agent address
     * \param tunnelDevice the tunnel device
     */
    void SetAway(bool away, Ipv6Address hoa, Ipv6Address ha, Ptr<NetDevice> tunnelDevice);
    /// \param endpoints the design's control flows (bypass the tunnel)
    void SetControlEndpoints(const std::vector<Mip6ControlEndpoint>& endpoints);
    /// \return whether the tunnel policy is on
    bool IsAway() const;

    /**
     * Multihoming: the usable care-of addresses with their interfaces, and the primary interface.
     * An empty list (the single-access case) leaves the choice of interface to static routing.
     * \param coas CoA -> its access device
     * \param primary the device of the primary CoA (nullptr: none)
     */
    void SetAccessInterfaces(const std::map<Ipv6Address, Ptr<NetDevice>>& coas,
                             Ptr<NetDevice> primary);

    Ptr<Ipv6Route> RouteOutput(Ptr<Packet> p,
                               const Ipv6Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv6Header& header,
                    Ptr<const NetDevice> idev,
                    UnicastForwardCallback ucb,
                    MulticastForwardCallback mcb,
                    LocalDeliverCallback lcb,
                    ErrorCallback ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv6InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv6InterfaceAddress address) override;
    void NotifyAddRoute(Ipv6Address dst,
                        Ipv6Prefix mask,
                        Ipv6Address nextHop,
                        uint32_t interface,
                        Ipv6Address prefixToUse) override;
    void NotifyRemoveRoute(Ipv6Address dst,
                           Ipv6Prefix mask,
                           Ipv6Address nextHop,
                           uint32_t interface,
                           Ipv6Address prefixToUse) override;
    void SetIpv6(Ptr<Ipv6> ipv6) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const override;

  protected:
    void DoDispose() override;

  private:
    /// \return whether the packet belongs to a control flow
    bool IsControl(Ptr<const Packet> p, const Ipv6Header& header) const;
    /// \return static routing's route through \p device (nullptr if none)
    Ptr<Ipv6Route> RouteVia(Ptr<Packet> p,
                            const Ipv6Header& header,
                            Ptr<NetDevice> device,
                            Socket::SocketErrno& sockerr) const;

    Ptr<Ipv6> m_ipv6;                             //!< the node's IPv6
    bool m_away{false};                           //!< tunnel policy on
    Ipv6Address m_hoa;                            //!< home address
    Ipv6Address m_ha;                             //!< home agent
    Ptr<NetDevice> m_tunnelDevice;                //!< tunnel device
    std::vector<Mip6ControlEndpoint> m_endpoints; //!< control flows
    std::map<Ipv6Address, Ptr<NetDevice>> m_coas; //!< multihoming: usable CoA -> its device
    Ptr<NetDevice> m_primary;                     //!< multihoming: the primary CoA's device
};

} // namespace ns3

#endif /* MIP6_MN_ROUTING_H */

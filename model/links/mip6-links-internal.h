/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_LINKS_INTERNAL_H
#define MIP6_LINKS_INTERNAL_H

// Building blocks shared by the access helpers of model/links (not a public header).

#include "ns3/abort.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv6-address.h"
#include "ns3/ipv6-list-routing-helper.h"
#include "ns3/ipv6-static-routing-helper.h"
#include "ns3/ipv6-static-routing.h"
#include "ns3/ipv6.h"
#include "ns3/net-device.h"
#include "ns3/node-container.h"
#include "ns3/node.h"

namespace ns3
{
namespace mip6links
{

/// Length of every prefix of the addressing plan.
const uint8_t kPrefixLength = 64;

/**
 * Builds fd00:<g1>:<g2>:<g3>::<iid> from 16-bit groups (the addressing plan of the topologies).
 * \param g1 the second group
 * \param g2 the third group
 * \param g3 the fourth group (the subnet)
 * \param iid the last 16 bits of the interface identifier (0 for the prefix)
 * \return the address
 */
inline Ipv6Address
PlanAddress(uint16_t g1, uint16_t g2, uint16_t g3, uint16_t iid)
{
    uint8_t b[16] = {0xfd, 0x00};
    b[2] = g1 >> 8;
    b[3] = g1 & 0xff;
    b[4] = g2 >> 8;
    b[5] = g2 & 0xff;
    b[6] = g3 >> 8;
    b[7] = g3 & 0xff;
    b[14] = iid >> 8;
    b[15] = iid & 0xff;
    return Ipv6Address(b);
}

/**
 * Makes \p dev an IPv6 interface of its node, brings it up and, unless \p address is ::, gives
 * it \p address/64 (with the on-link route).
 * \param dev the device
 * \param address the global address, or :: for link-local only
 * \return the interface index
 */
inline uint32_t
AddIpv6Interface(Ptr<NetDevice> dev, Ipv6Address address)
{
    Ptr<Ipv6> ipv6 = dev->GetNode()->GetObject<Ipv6>();
    NS_ABORT_MSG_UNLESS(ipv6, "node " << dev->GetNode()->GetId() << " has no IPv6 stack");
    uint32_t index = ipv6->AddInterface(dev);
    if (!address.IsAny())
    {
        ipv6->AddAddress(index, Ipv6InterfaceAddress(address, Ipv6Prefix(kPrefixLength)));
    }
    ipv6->SetMetric(index, 1);
    ipv6->SetUp(index);
    return index;
}

/**
 * \param node a node with an IPv6 stack
 * \return its static routing protocol (the one InternetStackHelper puts in the list routing)
 */
inline Ptr<Ipv6StaticRouting>
StaticRouting(Ptr<Node> node)
{
    Ptr<Ipv6StaticRouting> routing =
        Ipv6StaticRoutingHelper().GetStaticRouting(node->GetObject<Ipv6>());
    NS_ABORT_MSG_UNLESS(routing, "node " << node->GetId() << " has no Ipv6StaticRouting");
    return routing;
}

/**
 * Installs IPv6 (no IPv4) on \p nodes with a list routing that holds static routing at priority 0
 * (ns-3's default is static routing alone), so that the mobility code can add its own policies
 * above it (ns3-feasibility.md §2).
 * \param nodes the nodes
 */
inline void
InstallIpv6Stack(NodeContainer nodes)
{
    Ipv6ListRoutingHelper listRouting;
    listRouting.Add(Ipv6StaticRoutingHelper(), 0);
    InternetStackHelper stack;
    stack.SetRoutingHelper(listRouting);
    stack.SetIpv4StackInstall(false);
    stack.Install(nodes);
}

} // namespace mip6links
} // namespace ns3

#endif /* MIP6_LINKS_INTERNAL_H */

/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_BINDING_CACHE_H
#define MIP6_BINDING_CACHE_H

#include "ns3/event-id.h"
#include "ns3/ipv6-address.h"
#include "ns3/mip6-options.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <map>
#include <vector>

namespace ns3
{

/**
 * \ingroup mip6
 * RFC 6275 §9.5.1 sequence number comparison, modulo 2^16: \p seq is newer than \p last when it
 * lies in the 32767 values after \p last. Equal or in the 32768 values before it is stale.
 * \param seq received sequence number
 * \param last last accepted sequence number
 * \return true when \p seq is newer
 */
bool Mip6SequenceIsNewer(uint16_t seq, uint16_t last);

/**
 * \ingroup mip6
 * One binding cache entry at the home agent (RFC 6275 §9.1), keyed by (home address, Binding ID)
 * under RFC 5648 §5.1: BID 0 is the RFC 6275 single binding of a BU without a BID option.
 */
struct Mip6BindingCacheEntry
{
    Ipv6Address homeAddress;   ///< the MN's home address
    Ipv6Address careOfAddress; ///< the registered care-of address
    uint16_t lastSequence{0};  ///< last accepted BU sequence number
    uint16_t flags{0};         ///< flags of the last accepted BU
    Time registered;           ///< when the binding was (re)registered
    Time lifetime;             ///< granted lifetime
    EventId expiry;            ///< expiry event
    bool active{false};        ///< true once the first BA with status < 128 went out
    uint16_t bindingId{0};     ///< RFC 5648 Binding ID; 0 for the RFC 6275 single binding
    uint8_t priority{0};       ///< BID-PRI (RFC 6089 §4.2): lower is preferred, 0 = none given
};

/**
 * \ingroup mip6
 * The home agent's preference among the bindings of one home address: the lower BID-PRI first
 * (0, "none given", after 127), then the lower Binding ID. The first binding in this order is
 * the primary one: it carries the traffic no flow binding claims.
 * \param a a binding
 * \param b another binding of the same home address
 * \return true when \p a is preferred over \p b
 */
bool Mip6BindingIsPreferred(const Mip6BindingCacheEntry& a, const Mip6BindingCacheEntry& b);

/**
 * \ingroup mip6
 * An RFC 6089 flow binding at the home agent: packets to the home address that match the
 * selector go to the care-of address of the first registered BID of the list.
 */
struct Mip6FlowBinding
{
    uint16_t fid{0};                  ///< Flow Identifier
    uint16_t priority{0};             ///< FID-PRI: flows are tried in (FID-PRI, FID) order
    std::vector<uint16_t> bindingIds; ///< the Binding Reference sub-option's BIDs, in order
    Mip6TrafficSelector selector;     ///< the RFC 6088 IPv6 traffic selector
};

/**
 * \ingroup mip6
 * One binding update list entry at the Mobile Node (RFC 6275 §11.1).
 */
struct Mip6BindingUpdateListEntry
{
    Ipv6Address homeAgent;        ///< the BU's destination
    Ipv6Address homeAddress;      ///< the HoA
    Ipv6Address careOfAddress;    ///< CoA in the last BU
    uint16_t sequence{0};         ///< sequence number of the last BU sent
    Time lifetimeRequested;       ///< lifetime in the last BU
    Time lifetimeGranted;         ///< lifetime in the last accepted BA
    Time sentAt;                  ///< when the last BU was sent
    Time firstSentAt;             ///< when the first BU of this registration was sent
    uint32_t transmissions{0};    ///< BUs sent for this registration (1 = no retransmission)
    Time timeout;                 ///< current retransmission timeout
    bool firstRegistration{true}; ///< no binding existed at the HA before this one
    bool awaitingAck{false};      ///< a BU is outstanding
    bool registered{false};       ///< an accepted BA was received for the current CoA
};

} // namespace ns3

#endif /* MIP6_BINDING_CACHE_H */

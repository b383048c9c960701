/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the WLAN access topology (Mip6WlanAccessHelper): roaming order along the row of APs,
 * SLAAC from each AR's RAs, static routing through the HA, attribute overrides, the ns-2 trace
 * option, pcap output and reproducibility of a seeded run.
 */

#include "ns3/ap-wifi-mac.h"
#include "ns3/boolean.h"
#include "ns3/channel.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/global-value.h"
#include "ns3/icmpv6-header.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6-route.h"
#include "ns3/ipv6-static-routing-helper.h"
#include "ns3/ipv6-static-routing.h"
#include "ns3/log.h"
#include "ns3/mip6-wlan-access-helper.h"
#include "ns3/mobility-model.h"
#include "ns3/ping6-helper.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/sta-wifi-mac.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"
#include "ns3/wifi-mac-header.h"
#include "ns3/wifi-phy.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <tuple>
#include <vector>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("Mip6WlanAccessTestSuite");

namespace
{

/// One L2 event of the MN.
struct L2Event
{
    Time time;      //!< when
    bool assoc;     //!< Assoc (true) or DeAssoc (false)
    int32_t access; //!< index of the AP (-1: unknown BSSID)

    /// \param o another event \return whether equal
    bool operator==(const L2Event& o) const
    {
        return time == o.time && assoc == o.assoc && access == o.access;
    }
};

/**
 * \param node a node
 * \param interface one of its IPv6 interfaces
 * \param address an address
 * \return whether \p address is configured on \p interface
 */
bool
HasAddress(Ptr<Node> node, uint32_t interface, Ipv6Address address)
{
    Ptr<Ipv6> ipv6 = node->GetObject<Ipv6>();
    for (uint32_t j = 0; j < ipv6->GetNAddresses(interface); ++j)
    {
        if (ipv6->GetAddress(interface, j).GetAddress() == address)
        {
            return true;
        }
    }
    return false;
}

/**
 * \param node a node
 * \param interface one of its IPv6 interfaces
 * \return the link-local address of \p interface (:: if none)
 */
Ipv6Address
LinkLocalOf(Ptr<Node> node, uint32_t interface)
{
    Ptr<Ipv6> ipv6 = node->GetObject<Ipv6>();
    for (uint32_t j = 0; j < ipv6->GetNAddresses(interface); ++j)
    {
        Ipv6Address a = ipv6->GetAddress(interface, j).GetAddress();
        if (a.IsLinkLocal())
        {
            return a;
        }
    }
    return Ipv6Address::GetAny();
}

/**
 * \param packet a packet that starts with an ICMPv6 header
 * \return its ICMPv6 type (0 if the packet is empty)
 */
uint8_t
IcmpType(Ptr<const Packet> packet)
{
    uint8_t type = 0;
    if (packet->GetSize() > 0)
    {
        packet->CopyData(&type, 1);
    }
    return type;
}

/**
 * Watches the MN of a built topology: its Assoc/DeAssoc events, when it forms its address in
 * the prefix of the AP it associated with, and the RAs it receives from each AR.
 */
class MnWatcher
{
  public:
    /**
     * Connects the traces.
     * \param topo the topology
     */
    explicit MnWatcher(const Mip6WlanTopology& topo)
        : m_topo(topo)
    {
        Ptr<StaWifiMac> mac = topo.GetMnStaMac();
        mac->TraceConnectWithoutContext("Assoc", MakeCallback(&MnWatcher::Assoc, this));
        mac->TraceConnectWithoutContext("DeAssoc", MakeCallback(&MnWatcher::DeAssoc, this));
        mac->TraceConnectWithoutContext("BeaconArrival",
                                        MakeCallback(&MnWatcher::BeaconArrival, this));
        topo.mn->GetObject<Ipv6L3Protocol>()->TraceConnectWithoutContext(
            "LocalDeliver",
            MakeCallback(&MnWatcher::LocalDeliver, this));
        // The documented config paths of the data-frame and sniffer traces.
        m_pathsConnected =
            Config::ConnectWithoutContextFailSafe(topo.GetMnStaMacPath() + "/MacRx",
                                                  MakeCallback(&MnWatcher::MacRx, this)) &&
            Config::ConnectWithoutContextFailSafe(topo.GetMnPhyPath() + "/MonitorSnifferRx",
                                                  MakeCallback(&MnWatcher::SnifferRx, this));
        for (const Mip6AccessRouter& ar : topo.accessRouters)
        {
            m_arLinkLocal.push_back(LinkLocalOf(ar.node, ar.wlanInterface));
        }
        m_beaconsSniffed.resize(topo.accessRouters.size(), 0);
        m_raTimes.resize(topo.accessRouters.size());
        m_addressDelay.resize(topo.accessRouters.size(), Time(-1));
        m_addressBeforeAssoc.resize(topo.accessRouters.size(), false);
    }

    /// \return the Assoc and DeAssoc events in order
    const std::vector<L2Event>& Events() const
    {
        return m_events;
    }

    /// \return per access, Assoc to address formation (negative: not formed within 1 s)
    const std::vector<Time>& AddressDelays() const
    {
        return m_addressDelay;
    }

    /// \return per access, whether the address existed already when the MN associated
    const std::vector<bool>& AddressBeforeAssoc() const
    {
        return m_addressBeforeAssoc;
    }

    /// \return per access, the arrival times of its RAs at the MN
    const std::vector<std::vector<Time>>& RaTimes() const
    {
        return m_raTimes;
    }

    /// \return the arrival time of the last beacon before the first DeAssoc (or of the last one)
    Time LastBeaconBeforeDeAssoc() const
    {
        return m_lastBeaconBeforeDeAssoc;
    }

    /// \return whether the MacRx and MonitorSnifferRx paths connected
    bool PathsConnected() const
    {
        return m_pathsConnected;
    }

    /// \return the data frames the MN's MAC passed up
    uint32_t MacRxFrames() const
    {
        return m_macRx;
    }

    /// \return per access, the beacons of that AP the MN's PHY decoded
    const std::vector<uint32_t>& BeaconsSniffed() const
    {
        return m_beaconsSniffed;
    }

    /// \return the link-local address of each AR's WLAN interface
    const std::vector<Ipv6Address>& ArLinkLocal() const
    {
        return m_arLinkLocal;
    }

  private:
    /// \param bssid the AP
    void Assoc(Mac48Address bssid)
    {
        int32_t index = m_topo.GetAccessIndexForBssid(bssid);
        m_events.push_back({Simulator::Now(), true, index});
        NS_LOG_INFO(Simulator::Now().As(Time::S) << " Assoc " << bssid << " ap" << index);
        if (index < 0 || m_addressDelay[index] >= Time(0))
        {
            return; // unknown AP, or the address of this AR was seen already
        }
        Ipv6Address expected = m_topo.GetMnAutoconfiguredAddress(index);
        m_addressBeforeAssoc[index] =
            HasAddress(m_topo.mn, m_topo.mnWifiInterface, expected) || m_addressBeforeAssoc[index];
        Poll(index, Simulator::Now());
    }

    /// \param bssid the AP
    void DeAssoc(Mac48Address bssid)
    {
        int32_t index = m_topo.GetAccessIndexForBssid(bssid);
        if (!m_deAssocSeen)
        {
            m_lastBeaconBeforeDeAssoc = m_lastBeacon;
            m_deAssocSeen = true;
        }
        m_events.push_back({Simulator::Now(), false, index});
        NS_LOG_INFO(Simulator::Now().As(Time::S) << " DeAssoc " << bssid << " ap" << index);
    }

    /// \param packet a data frame passed up by the MN's MAC
    void MacRx(Ptr<const Packet> packet)
    {
        ++m_macRx;
    }

    /**
     * \param packet the frame, MAC header included
     * \param frequency the channel (MHz)
     * \param txVector the TXVECTOR
     * \param mpdu A-MPDU information
     * \param signalNoise signal and noise (dBm)
     * \param staId the station id
     */
    void SnifferRx(Ptr<const Packet> packet,
                   uint16_t frequency,
                   WifiTxVector txVector,
                   MpduInfo mpdu,
                   SignalNoiseDbm signalNoise,
                   uint16_t staId)
    {
        WifiMacHeader header;
        if (packet->PeekHeader(header) > 0 && header.IsBeacon())
        {
            int32_t index = m_topo.GetAccessIndexForBssid(header.GetAddr2());
            if (index >= 0)
            {
                ++m_beaconsSniffed[index];
            }
        }
    }

    /// \param t the beacon's arrival
    void BeaconArrival(Time t)
    {
        m_lastBeacon = t;
        if (!m_deAssocSeen)
        {
            m_lastBeaconBeforeDeAssoc = t;
        }
    }

    /**
     * Checks every millisecond, for 1 s after the association, whether the MN has its address
     * in the AR's prefix.
     * \param index the access
     * \param assocTime when the MN associated
     */
    void Poll(int32_t index, Time assocTime)
    {
        if (HasAddress(m_topo.mn, m_topo.mnWifiInterface, m_topo.GetMnAutoconfiguredAddress(index)))
        {
            m_addressDelay[index] = Simulator::Now() - assocTime;
            NS_LOG_INFO(Simulator::Now().As(Time::S)
                        << " address in " << m_topo.accessRouters[index].accessName << " after "
                        << m_addressDelay[index].As(Time::MS));
            return;
        }
        if (Simulator::Now() - assocTime < Seconds(1))
        {
            Simulator::Schedule(MilliSeconds(1), &MnWatcher::Poll, this, index, assocTime);
        }
    }

    /**
     * \param header the IPv6 header
     * \param packet the payload
     * \param interface the incoming interface
     */
    void LocalDeliver(const Ipv6Header& header, Ptr<const Packet> packet, uint32_t interface)
    {
        if (header.GetNextHeader() != Ipv6Header::IPV6_ICMPV6 ||
            IcmpType(packet) != Icmpv6Header::ICMPV6_ND_ROUTER_ADVERTISEMENT)
        {
            return;
        }
        for (std::size_t i = 0; i < m_arLinkLocal.size(); ++i)
        {
            if (header.GetSource() == m_arLinkLocal[i])
            {
                m_raTimes[i].push_back(Simulator::Now());
            }
        }
    }

    const Mip6WlanTopology& m_topo;           //!< the topology
    std::vector<L2Event> m_events;            //!< Assoc/DeAssoc
    std::vector<Time> m_addressDelay;         //!< per access, Assoc to address
    std::vector<bool> m_addressBeforeAssoc;   //!< per access, address already there
    std::vector<std::vector<Time>> m_raTimes; //!< per access, RA arrivals
    std::vector<Ipv6Address> m_arLinkLocal;   //!< per access, the AR's link-local address
    Time m_lastBeacon;                        //!< the last beacon
    Time m_lastBeaconBeforeDeAssoc;           //!< the last beacon before the first DeAssoc
    bool m_deAssocSeen = false;               //!< a DeAssoc happened
    bool m_pathsConnected = false;            //!< MacRx and MonitorSnifferRx connected
    uint32_t m_macRx = 0;                     //!< data frames passed up
    std::vector<uint32_t> m_beaconsSniffed;   //!< per access, beacons decoded
};

/**
 * Ends a simulation, also one that never ran: ns-3.37's Radvd::DoDispose dereferences the socket
 * it opens when it starts, so the applications must have started before Simulator::Destroy().
 */
void
EndSimulation()
{
    Simulator::Stop(MilliSeconds(1));
    Simulator::Run();
    Simulator::Destroy();
}

/**
 * Checks the RA gaps of one AR as seen by the MN.
 * \param times the RA arrival times, in order
 * \param minInterval RaMinInterval
 * \param maxInterval RaMaxInterval
 * \param[out] below gaps shorter than \p minInterval minus a 3 ms medium-access tolerance
 * \param[out] within gaps inside [min - 3 ms, max + 3 ms]
 * \return the number of gaps
 */
std::size_t
CountRaGaps(const std::vector<Time>& times,
            Time minInterval,
            Time maxInterval,
            std::size_t& below,
            std::size_t& within)
{
    // An RA that waits for the medium (other APs' beacons share the channel) shortens the gap
    // after it; 3 ms covers that. A lost RA (no retries for multicast) doubles a gap.
    const Time tolerance = MilliSeconds(3);
    below = 0;
    within = 0;
    for (std::size_t k = 1; k < times.size(); ++k)
    {
        Time gap = times[k] - times[k - 1];
        if (gap < minInterval - tolerance)
        {
            ++below;
        }
        else if (gap <= maxInterval + tolerance)
        {
            ++within;
        }
    }
    return times.empty() ? 0 : times.size() - 1;
}

/**
 * The default topology for 60 s: the MN associates with AP0, AP1, AP2, AP3 in that order and
 * never with an earlier AP again; after each association it forms its address in that AR's prefix
 * within 1 s; the RAs come every 30-70 ms.
 */
class WlanRoamingTestCase : public TestCase
{
  public:
    WlanRoamingTestCase()
        : TestCase("Default run: association order, SLAAC per AR, RA interval")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Mip6WlanAccessHelper> helper = CreateObject<Mip6WlanAccessHelper>();
        Mip6WlanTopology topo = helper->Build();
        helper->AssignStreams(100);
        NS_TEST_EXPECT_MSG_EQ(topo.accessRouters.size(), 4, "default NumAccessPoints");
        if (topo.accessRouters.size() != 4)
        {
            EndSimulation();
            return;
        }
        MnWatcher watcher(topo);
        Simulator::Stop(Seconds(60));
        Simulator::Run();

        // Association order: every Assoc names a known AP, the indices never go back, and the
        // distinct APs are 0, 1, 2, 3.
        std::vector<int32_t> order;
        int32_t previous = -1;
        for (const L2Event& e : watcher.Events())
        {
            NS_TEST_EXPECT_MSG_NE(e.access, -1, "Assoc/DeAssoc with a BSSID of no AP");
            if (!e.assoc)
            {
                continue;
            }
            NS_TEST_EXPECT_MSG_GT_OR_EQ(e.access, previous, "re-associated with an earlier AP");
            if (order.empty() || order.back() != e.access)
            {
                order.push_back(e.access);
            }
            previous = e.access;
        }
        NS_TEST_EXPECT_MSG_EQ(order.size(), 4, "the MN did not associate with each of 4 APs");
        for (std::size_t i = 0; i < order.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(order[i], static_cast<int32_t>(i), "association order");
        }
        // Assoc and DeAssoc alternate, starting with an Assoc, and each DeAssoc names the AP of
        // the Assoc before it.
        NS_TEST_EXPECT_MSG_EQ((!watcher.Events().empty() && watcher.Events().front().assoc),
                              true,
                              "first event is an Assoc");
        int32_t serving = -1;
        for (const L2Event& e : watcher.Events())
        {
            if (e.assoc)
            {
                NS_TEST_EXPECT_MSG_EQ(serving, -1, "Assoc while associated");
                serving = e.access;
            }
            else
            {
                NS_TEST_EXPECT_MSG_EQ(e.access,
                                      serving,
                                      "DeAssoc from another AP than the serving");
                serving = -1;
            }
        }

        // SLAAC: the address in each AR's prefix appears after the association, within 1 s.
        for (uint32_t i = 0; i < 4; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(watcher.AddressBeforeAssoc()[i],
                                  false,
                                  "address of ap" << i << " present before associating");
            Time delay = watcher.AddressDelays()[i];
            NS_TEST_EXPECT_MSG_GT_OR_EQ(delay, Time(0), "no address in ap" << i << "'s prefix");
            NS_TEST_EXPECT_MSG_LT_OR_EQ(delay, Seconds(1), "address too late in ap" << i);
            NS_TEST_EXPECT_MSG_EQ(topo.GetAccessIndexForPrefix(topo.GetMnAutoconfiguredAddress(i)),
                                  static_cast<int32_t>(i),
                                  "prefix lookup of the MN's address");
        }

        // The documented MacRx and MonitorSnifferRx paths work: data frames (the RAs at least)
        // come up, and the PHY decodes the beacons of every AP along the way.
        NS_TEST_EXPECT_MSG_EQ(watcher.PathsConnected(), true, "MacRx/MonitorSnifferRx paths");
        NS_TEST_EXPECT_MSG_GT(watcher.MacRxFrames(), 1000, "MacRx: too few data frames");
        for (uint32_t i = 0; i < 4; ++i)
        {
            NS_TEST_EXPECT_MSG_GT(watcher.BeaconsSniffed()[i], 50, "beacons of ap" << i);
        }

        // RAs: radvd at 30-70 ms (the defaults) on every AR, seen by the MN while it is near.
        for (uint32_t i = 0; i < 4; ++i)
        {
            std::size_t below = 0;
            std::size_t within = 0;
            std::size_t gaps = CountRaGaps(watcher.RaTimes()[i],
                                           MilliSeconds(30),
                                           MilliSeconds(70),
                                           below,
                                           within);
            NS_LOG_INFO("ap" << i << ": " << watcher.RaTimes()[i].size() << " RAs, " << within
                             << "/" << gaps << " gaps in 30-70 ms");
            NS_TEST_EXPECT_MSG_GT(gaps, 50, "too few RAs from ap" << i);
            NS_TEST_EXPECT_MSG_EQ(below, 0, "RA gap below RaMinInterval from ap" << i);
            NS_TEST_EXPECT_MSG_GT_OR_EQ(within * 10, gaps * 9, "RA gaps above 70 ms, ap" << i);
        }
        Simulator::Destroy();
    }
};

/**
 * Routing: from the CN, ICMPv6 echo to the MN's address in AR0's prefix while the MN is at AP0,
 * to its address in AR1's prefix while it is at AP1, to the HA's home address and to a host on
 * the home link all get replies; the AR0 address gets none once the MN has left AP0.
 */
class WlanRoutingTestCase : public TestCase
{
  public:
    WlanRoutingTestCase()
        : TestCase("Static routing: CN reaches the MN via each AR, the home link and the HAC")
    {
    }

  private:
    /**
     * Counts the echo replies the CN receives, by source.
     * \param header the IPv6 header
     * \param packet the payload
     * \param interface the incoming interface
     */
    void CnLocalDeliver(const Ipv6Header& header, Ptr<const Packet> packet, uint32_t interface)
    {
        if (header.GetNextHeader() == Ipv6Header::IPV6_ICMPV6 &&
            IcmpType(packet) == Icmpv6Header::ICMPV6_ECHO_REPLY)
        {
            m_replies[header.GetSource()].push_back(Simulator::Now());
        }
    }

    /**
     * Counts the echo requests the CN sends, by destination.
     * \param header the IPv6 header
     * \param packet the payload
     * \param interface the outgoing interface
     */
    void CnSendOutgoing(const Ipv6Header& header, Ptr<const Packet> packet, uint32_t interface)
    {
        if (header.GetNextHeader() == Ipv6Header::IPV6_ICMPV6 &&
            IcmpType(packet) == Icmpv6Header::ICMPV6_ECHO_REQUEST)
        {
            m_requests[header.GetDestination()].push_back(Simulator::Now());
        }
    }

    /**
     * Pings \p target from the CN: \p count requests, 0.4 s apart, from \p start.
     * \param topo the topology
     * \param target the destination
     * \param start the first request
     * \param count the number of requests
     */
    static void Ping(const Mip6WlanTopology& topo, Ipv6Address target, Time start, uint32_t count)
    {
        Ping6Helper ping;
        ping.SetLocal(topo.cnAddress);
        ping.SetRemote(target);
        ping.SetAttribute("MaxPackets", UintegerValue(count));
        ping.SetAttribute("Interval", TimeValue(MilliSeconds(400)));
        ApplicationContainer apps = ping.Install(NodeContainer(topo.cn));
        apps.Start(start);
        apps.Stop(start + MilliSeconds(400) * count + Seconds(1));
    }

    /**
     * \param source a replier
     * \param from window start
     * \param to window end
     * \return the replies from \p source received in [from, to)
     */
    std::size_t Replies(Ipv6Address source, Time from, Time to) const
    {
        return CountIn(m_replies, source, from, to);
    }

    /**
     * \param destination a destination
     * \param from window start
     * \param to window end
     * \return the requests sent to \p destination in [from, to)
     */
    std::size_t Requests(Ipv6Address destination, Time from, Time to) const
    {
        return CountIn(m_requests, destination, from, to);
    }

    /**
     * \param times times by address
     * \param address an address
     * \param from window start
     * \param to window end
     * \return the times of \p address in [from, to)
     */
    static std::size_t CountIn(const std::map<Ipv6Address, std::vector<Time>>& times,
                               Ipv6Address address,
                               Time from,
                               Time to)
    {
        auto it = times.find(address);
        if (it == times.end())
        {
            return 0;
        }
        return std::count_if(it->second.begin(), it->second.end(), [from, to](Time t) {
            return t >= from && t < to;
        });
    }

    void DoRun() override
    {
        Ptr<Mip6WlanAccessHelper> helper = CreateObject<Mip6WlanAccessHelper>();
        helper->SetAttribute("HomeLinkHost", BooleanValue(true));
        helper->SetAttribute("HacNode", BooleanValue(true));
        Mip6WlanTopology topo = helper->Build();
        helper->AssignStreams(100);
        NS_TEST_EXPECT_MSG_NE(topo.homeLinkHost, nullptr, "HomeLinkHost=true made no host");
        NS_TEST_EXPECT_MSG_NE(topo.hac, nullptr, "HacNode=true made no HAC");
        NS_TEST_EXPECT_MSG_EQ(topo.haCoreInterfaces.back(),
                              topo.haHacInterface,
                              "the HAC link is a core interface of the HA");
        if (!topo.homeLinkHost || !topo.hac)
        {
            EndSimulation();
            return;
        }
        MnWatcher watcher(topo);
        topo.cn->GetObject<Ipv6L3Protocol>()->TraceConnectWithoutContext(
            "LocalDeliver",
            MakeCallback(&WlanRoutingTestCase::CnLocalDeliver, this));
        topo.cn->GetObject<Ipv6L3Protocol>()->TraceConnectWithoutContext(
            "SendOutgoing",
            MakeCallback(&WlanRoutingTestCase::CnSendOutgoing, this));

        const uint32_t n = 5;
        Ipv6Address mnAtAr0 = topo.GetMnAutoconfiguredAddress(0);
        Ipv6Address mnAtAr1 = topo.GetMnAutoconfiguredAddress(1);
        // t = 2-4 s: the MN is at x = 10-20 m, associated with AP0 since the start.
        Ping(topo, mnAtAr0, Seconds(2), n);
        Ping(topo, topo.haHomeAddress, Seconds(2), n);
        Ping(topo, topo.homeLinkHostAddress, Seconds(2), n);
        Ping(topo, topo.hacAddress, Seconds(2), n);
        // t = 16-18 s: x = 80-90 m, at AP1 (it left AP0 at about 11 s).
        Ping(topo, mnAtAr1, Seconds(16), n);
        Ping(topo, mnAtAr0, Seconds(16), n);
        Simulator::Stop(Seconds(20));
        Simulator::Run();

        // Where the MN was during each window (checked, so the test cannot pass by chance).
        int32_t at2 = -1;
        int32_t at16 = -1;
        for (const L2Event& e : watcher.Events())
        {
            if (e.time <= Seconds(2))
            {
                at2 = e.assoc ? e.access : -1;
            }
            if (e.time <= Seconds(16))
            {
                at16 = e.assoc ? e.access : -1;
            }
        }
        NS_TEST_EXPECT_MSG_EQ(at2, 0, "the MN is not at AP0 at 2 s");
        NS_TEST_EXPECT_MSG_EQ(at16, 1, "the MN is not at AP1 at 16 s");

        NS_TEST_EXPECT_MSG_EQ(Replies(mnAtAr0, Seconds(2), Seconds(6)), n, "MN via AR0");
        NS_TEST_EXPECT_MSG_EQ(Replies(topo.haHomeAddress, Seconds(2), Seconds(6)),
                              n,
                              "HA home address");
        NS_TEST_EXPECT_MSG_EQ(Replies(topo.homeLinkHostAddress, Seconds(2), Seconds(6)),
                              n,
                              "home-link host");
        NS_TEST_EXPECT_MSG_EQ(Replies(topo.hacAddress, Seconds(2), Seconds(6)), n, "HAC");
        NS_TEST_EXPECT_MSG_EQ(Replies(mnAtAr1, Seconds(16), Seconds(20)), n, "MN via AR1");
        // Negative control: AR0 cannot reach an MN that is in another BSS (the requests did
        // leave the CN).
        NS_TEST_EXPECT_MSG_EQ(Requests(mnAtAr0, Seconds(16), Seconds(20)),
                              n,
                              "requests to the AR0 address at AP1");
        NS_TEST_EXPECT_MSG_EQ(Replies(mnAtAr0, Seconds(16), Seconds(20)),
                              0,
                              "MN reached via AR0 after leaving AP0");
        Simulator::Destroy();
    }

    std::map<Ipv6Address, std::vector<Time>> m_replies;  //!< echo replies at the CN, by source
    std::map<Ipv6Address, std::vector<Time>> m_requests; //!< echo requests of the CN, by dst
};

/**
 * The addressing plan, interface indices and static routes of a built topology, without running
 * it.
 */
class WlanAddressingTestCase : public TestCase
{
  public:
    WlanAddressingTestCase()
        : TestCase("Addressing plan, interfaces and routes")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Mip6WlanAccessHelper> helper = CreateObject<Mip6WlanAccessHelper>();
        Mip6WlanTopology topo = helper->Build();

        NS_TEST_EXPECT_MSG_EQ(topo.homePrefix, Ipv6Address("fd00:0:0:1::"), "home prefix");
        NS_TEST_EXPECT_MSG_EQ(+topo.homePrefixLength, 64, "home prefix length");
        NS_TEST_EXPECT_MSG_EQ(topo.haHomeAddress, Ipv6Address("fd00:0:0:1::1"), "HA address");
        NS_TEST_EXPECT_MSG_EQ(topo.mnHomeAddress, Ipv6Address("fd00:0:0:1::100"), "MN HoA");
        NS_TEST_EXPECT_MSG_EQ(topo.cnAddress, Ipv6Address("fd00:0:0:2::2"), "CN address");
        NS_TEST_EXPECT_MSG_EQ(topo.homeLinkHost, nullptr, "HomeLinkHost defaults to false");
        NS_TEST_EXPECT_MSG_EQ(HasAddress(topo.ha, topo.haHomeInterface, topo.haHomeAddress),
                              true,
                              "HA home address on the home interface");
        NS_TEST_EXPECT_MSG_EQ(HasAddress(topo.ha, topo.haCnInterface, topo.haCnAddress),
                              true,
                              "HA address on the CN link");
        NS_TEST_EXPECT_MSG_EQ(HasAddress(topo.cn, topo.cnInterface, topo.cnAddress),
                              true,
                              "CN address");
        NS_TEST_EXPECT_MSG_EQ(topo.haCoreInterfaces.size(), 5, "CN link + 4 AR links");
        if (topo.haCoreInterfaces.size() != topo.accessRouters.size() + 1)
        {
            EndSimulation();
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(topo.haCoreInterfaces[0], topo.haCnInterface, "CN link first");

        Ptr<Ipv6StaticRouting> haRouting =
            Ipv6StaticRoutingHelper().GetStaticRouting(topo.ha->GetObject<Ipv6>());
        for (uint32_t i = 0; i < topo.accessRouters.size(); ++i)
        {
            const Mip6AccessRouter& ar = topo.accessRouters[i];
            std::string hex = std::to_string(i); // i < 10: decimal and hexadecimal agree
            NS_TEST_EXPECT_MSG_EQ(ar.accessName, "wlan-ap" + hex, "access name");
            NS_TEST_EXPECT_MSG_EQ(ar.prefix, Ipv6Address(("fd00:0:1:" + hex + "::").c_str()), "");
            NS_TEST_EXPECT_MSG_EQ(ar.wlanAddress,
                                  Ipv6Address(("fd00:0:1:" + hex + "::1").c_str()),
                                  "AR WLAN address");
            NS_TEST_EXPECT_MSG_EQ(ar.haAddress,
                                  Ipv6Address(("fd00:0:f0:" + hex + "::1").c_str()),
                                  "HA address towards the AR");
            NS_TEST_EXPECT_MSG_EQ(ar.coreAddress,
                                  Ipv6Address(("fd00:0:f0:" + hex + "::2").c_str()),
                                  "AR core address");
            NS_TEST_EXPECT_MSG_EQ(ar.bssid,
                                  Mac48Address::ConvertFrom(topo.apDevices.Get(i)->GetAddress()),
                                  "BSSID is the AP device's address");
            NS_TEST_EXPECT_MSG_EQ(topo.GetAccessIndexForBssid(ar.bssid),
                                  static_cast<int32_t>(i),
                                  "BSSID lookup");
            NS_TEST_EXPECT_MSG_EQ(topo.GetAccessIndexForPrefix(ar.prefix),
                                  static_cast<int32_t>(i),
                                  "prefix lookup");
            NS_TEST_EXPECT_MSG_EQ(topo.GetAccessIndexForPrefix(ar.wlanAddress),
                                  static_cast<int32_t>(i),
                                  "lookup of an address in the prefix");
            NS_TEST_EXPECT_MSG_EQ(HasAddress(ar.node, ar.wlanInterface, ar.wlanAddress),
                                  true,
                                  "AR WLAN address configured");
            NS_TEST_EXPECT_MSG_EQ(topo.haCoreInterfaces[i + 1], ar.haInterface, "HA AR link");
            NS_TEST_EXPECT_MSG_EQ(ar.node->GetObject<Ipv6>()->IsForwarding(ar.wlanInterface),
                                  true,
                                  "AR forwards");
            NS_TEST_EXPECT_MSG_EQ(ar.position.x, i * 80.0, "AP spacing");
            NS_TEST_EXPECT_MSG_EQ(ar.position.y, 5.0, "AP lateral offset");

            // The HA's route to this AR's prefix goes to this AR over its own link.
            Ipv6Header probe;
            probe.SetSource(topo.haCnAddress);
            probe.SetDestination(topo.GetMnAutoconfiguredAddress(i));
            Socket::SocketErrno err;
            Ptr<Ipv6Route> route = haRouting->RouteOutput(Create<Packet>(), probe, nullptr, err);
            NS_TEST_EXPECT_MSG_NE(route, nullptr, "HA has no route to ap" << i << "'s prefix");
            if (route)
            {
                NS_TEST_EXPECT_MSG_EQ(route->GetGateway(), ar.coreAddress, "HA route gateway");
                NS_TEST_EXPECT_MSG_EQ(route->GetOutputDevice(),
                                      topo.ha->GetObject<Ipv6>()->GetNetDevice(ar.haInterface),
                                      "HA route interface");
            }
        }
        NS_TEST_EXPECT_MSG_EQ(topo.GetAccessIndexForPrefix(topo.haHomeAddress),
                              -1,
                              "home address is in no access prefix");
        NS_TEST_EXPECT_MSG_EQ(topo.GetAccessIndexForPrefix(Ipv6Address("fd00:0:1:4::1")),
                              -1,
                              "no fifth access");
        NS_TEST_EXPECT_MSG_EQ(topo.mn->GetObject<Ipv6>()->IsForwarding(topo.mnWifiInterface),
                              false,
                              "the MN is a host");
        NS_TEST_EXPECT_MSG_EQ(
            topo.mnWifiDevice->GetIfIndex(),
            topo.mn->GetObject<Ipv6>()->GetNetDevice(topo.mnWifiInterface)->GetIfIndex(),
            "MN interface index matches its WiFi device");

        // No address of any node is in the documentation prefix (ns-3.37 drops forwarded packets to
        // it).
        NodeContainer all = topo.GetAllNodes();
        Ipv6Prefix doc(32);
        for (uint32_t n = 0; n < all.GetN(); ++n)
        {
            Ptr<Ipv6> ipv6 = all.Get(n)->GetObject<Ipv6>();
            for (uint32_t i = 0; i < ipv6->GetNInterfaces(); ++i)
            {
                for (uint32_t j = 0; j < ipv6->GetNAddresses(i); ++j)
                {
                    Ipv6Address a = ipv6->GetAddress(i, j).GetAddress();
                    NS_TEST_EXPECT_MSG_EQ(a.IsDocumentation(), false, "documentation address");
                }
            }
        }

        std::ostringstream mac;
        mac << "/NodeList/" << topo.mn->GetId() << "/DeviceList/" << topo.mnWifiDevice->GetIfIndex()
            << "/$ns3::WifiNetDevice/Mac/$ns3::StaWifiMac";
        NS_TEST_EXPECT_MSG_EQ(topo.GetMnStaMacPath(), mac.str(), "StaWifiMac path");
        Config::MatchContainer match = Config::LookupMatches(topo.GetMnStaMacPath());
        NS_TEST_EXPECT_MSG_EQ(match.GetN(), 1, "StaWifiMac path matches one object");
        if (match.GetN() == 1)
        {
            NS_TEST_EXPECT_MSG_EQ(match.Get(0), topo.GetMnStaMac(), "StaWifiMac path object");
        }
        match = Config::LookupMatches(topo.GetMnPhyPath());
        NS_TEST_EXPECT_MSG_EQ(match.GetN(), 1, "PHY path matches one object");
        if (match.GetN() == 1)
        {
            NS_TEST_EXPECT_MSG_EQ(match.Get(0), topo.GetMnPhy(), "PHY path object");
        }
        EndSimulation();
    }
};

/**
 * Attribute overrides reach the objects they configure: NumAccessPoints through
 * Config::SetDefault (what --ns3::Mip6WlanAccessHelper::NumAccessPoints=2 does), the others
 * through SetAttribute; MaxMissedBeacons and the RA interval are checked in a short run as well.
 */
class WlanAttributesTestCase : public TestCase
{
  public:
    WlanAttributesTestCase()
        : TestCase("Attribute overrides reach StaWifiMac, ApWifiMac, radvd and the links")
    {
    }

  private:
    void DoRun() override
    {
        TypeId::AttributeInformation info;
        bool found =
            Mip6WlanAccessHelper::GetTypeId().LookupAttributeByName("NumAccessPoints", &info);
        NS_TEST_EXPECT_MSG_EQ(found, true, "NumAccessPoints attribute");
        if (!found)
        {
            return;
        }
        Config::SetDefault("ns3::Mip6WlanAccessHelper::NumAccessPoints", UintegerValue(2));
        Ptr<Mip6WlanAccessHelper> helper = CreateObject<Mip6WlanAccessHelper>();
        // Restore the default for the other tests of this process.
        Config::SetDefault("ns3::Mip6WlanAccessHelper::NumAccessPoints",
                           *info.originalInitialValue);
        const Time beacon = MicroSeconds(51200);
        helper->SetAttribute("MaxMissedBeacons", UintegerValue(3));
        helper->SetAttribute("ActiveProbing", BooleanValue(true));
        helper->SetAttribute("BeaconInterval", TimeValue(beacon));
        helper->SetAttribute("RaMinInterval", TimeValue(MilliSeconds(100)));
        helper->SetAttribute("RaMaxInterval", TimeValue(MilliSeconds(150)));
        helper->SetAttribute("HaArDelay", TimeValue(MilliSeconds(5)));
        helper->SetAttribute("CnHaDelay", TimeValue(MilliSeconds(7)));
        helper->SetAttribute("Ssid", SsidValue(Ssid("other")));
        helper->SetAttribute("AccessPointSpacing", DoubleValue(60.0));
        Mip6WlanTopology topo = helper->Build();
        helper->AssignStreams(100);

        NS_TEST_EXPECT_MSG_EQ(topo.accessRouters.size(), 2, "NumAccessPoints=2");
        if (topo.accessRouters.size() != 2)
        {
            EndSimulation();
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(topo.apNodes.GetN(), 2, "2 AP nodes");
        NS_TEST_EXPECT_MSG_EQ(topo.apDevices.GetN(), 2, "2 AP devices");
        NS_TEST_EXPECT_MSG_EQ(topo.haCoreInterfaces.size(), 3, "CN link + 2 AR links");
        NS_TEST_EXPECT_MSG_EQ(topo.accessRouters[1].position.x, 60.0, "AccessPointSpacing");

        Ptr<StaWifiMac> sta = topo.GetMnStaMac();
        UintegerValue missed;
        sta->GetAttribute("MaxMissedBeacons", missed);
        NS_TEST_EXPECT_MSG_EQ(missed.Get(), 3, "MaxMissedBeacons reaches StaWifiMac");
        BooleanValue probing;
        sta->GetAttribute("ActiveProbing", probing);
        NS_TEST_EXPECT_MSG_EQ(probing.Get(), true, "ActiveProbing reaches StaWifiMac");
        NS_TEST_EXPECT_MSG_EQ(sta->GetSsid(), Ssid("other"), "Ssid reaches the STA");
        for (const Mip6AccessRouter& ar : topo.accessRouters)
        {
            Ptr<ApWifiMac> ap = DynamicCast<ApWifiMac>(ar.apDevice->GetMac());
            NS_TEST_EXPECT_MSG_NE(ap, nullptr, "AP device has an ApWifiMac");
            if (ap)
            {
                NS_TEST_EXPECT_MSG_EQ(ap->GetBeaconInterval(), beacon, "BeaconInterval");
                NS_TEST_EXPECT_MSG_EQ(ap->GetSsid(), Ssid("other"), "Ssid reaches the AP");
            }
            NS_TEST_EXPECT_MSG_EQ(ar.radvdInterface->GetMinRtrAdvInterval(), 100, "RaMin");
            NS_TEST_EXPECT_MSG_EQ(ar.radvdInterface->GetMaxRtrAdvInterval(), 150, "RaMax");
            NS_TEST_EXPECT_MSG_GT(ar.radvdInterface->GetDefaultLifeTime(),
                                  0,
                                  "the AR advertises itself as a default router");
            Ptr<Ipv6> haIpv6 = topo.ha->GetObject<Ipv6>();
            TimeValue delay;
            haIpv6->GetNetDevice(ar.haInterface)->GetChannel()->GetAttribute("Delay", delay);
            NS_TEST_EXPECT_MSG_EQ(delay.Get(), MilliSeconds(5), "HaArDelay");
        }
        TimeValue cnDelay;
        topo.ha->GetObject<Ipv6>()
            ->GetNetDevice(topo.haCnInterface)
            ->GetChannel()
            ->GetAttribute("Delay", cnDelay);
        NS_TEST_EXPECT_MSG_EQ(cnDelay.Get(), MilliSeconds(7), "CnHaDelay");

        // In operation: the MN declares AP0 lost 3 beacon intervals after its last beacon, and
        // AR0's RAs come every 100-150 ms.
        MnWatcher watcher(topo);
        Simulator::Stop(Seconds(14));
        Simulator::Run();
        const L2Event* firstDeAssoc = nullptr;
        for (const L2Event& e : watcher.Events())
        {
            if (!e.assoc)
            {
                firstDeAssoc = &e;
                break;
            }
        }
        NS_TEST_EXPECT_MSG_NE(firstDeAssoc, nullptr, "the MN never left AP0");
        if (firstDeAssoc)
        {
            NS_TEST_EXPECT_MSG_EQ(firstDeAssoc->access, 0, "first DeAssoc from AP0");
            Time gap = firstDeAssoc->time - watcher.LastBeaconBeforeDeAssoc();
            NS_LOG_INFO("last beacon to DeAssoc: " << gap.As(Time::MS));
            NS_TEST_EXPECT_MSG_GT_OR_EQ(gap, beacon * 3, "DeAssoc before 3 missed beacons");
            NS_TEST_EXPECT_MSG_LT_OR_EQ(gap, beacon * 3 + MilliSeconds(5), "DeAssoc too late");
        }

        std::size_t below = 0;
        std::size_t within = 0;
        std::size_t gaps =
            CountRaGaps(watcher.RaTimes()[0], MilliSeconds(100), MilliSeconds(150), below, within);
        NS_TEST_EXPECT_MSG_GT(gaps, 30, "too few RAs from AR0");
        NS_TEST_EXPECT_MSG_EQ(below, 0, "RA gap below 100 ms");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(within * 10, gaps * 9, "RA gaps above 150 ms");
        Simulator::Destroy();
    }
};

/**
 * A MobilityTraceFile moves the MN (the trace's node 0) and nothing else.
 */
class WlanNs2TraceTestCase : public TestCase
{
  public:
    WlanNs2TraceTestCase()
        : TestCase("MobilityTraceFile drives the MN through Ns2MobilityHelper")
    {
    }

  private:
    /**
     * Records the MN's and AP1's positions.
     * \param topo the topology
     * \param mn where to store the MN's position
     * \param ap1 where to store AP1's position
     */
    static void Sample(const Mip6WlanTopology* topo, Vector* mn, Vector* ap1)
    {
        *mn = topo->mn->GetObject<MobilityModel>()->GetPosition();
        *ap1 = topo->apNodes.Get(1)->GetObject<MobilityModel>()->GetPosition();
    }

    void DoRun() override
    {
        std::string file = CreateTempDirFilename("mip6-wlan-access-ns2.tcl");
        {
            std::ofstream os(file);
            os << "$node_(0) set X_ 100.0\n"
               << "$node_(0) set Y_ 2.0\n"
               << "$node_(0) set Z_ 0.0\n"
               << "$node_(1) set X_ 500.0\n"
               << "$node_(1) set Y_ 500.0\n"
               << "$ns_ at 1.0 \"$node_(0) setdest 200.0 2.0 10.0\"\n"
               << "$ns_ at 1.0 \"$node_(1) setdest 900.0 500.0 10.0\"\n";
        }
        Ptr<Mip6WlanAccessHelper> helper = CreateObject<Mip6WlanAccessHelper>();
        helper->SetAttribute("MobilityTraceFile", StringValue(file));
        helper->SetAttribute("NumAccessPoints", UintegerValue(2));
        Mip6WlanTopology topo = helper->Build();
        helper->AssignStreams(100);
        Vector mnEarly;
        Vector mnLate;
        Vector ap1Early;
        Vector ap1Late;
        Simulator::Schedule(Seconds(0.5),
                            &WlanNs2TraceTestCase::Sample,
                            &topo,
                            &mnEarly,
                            &ap1Early);
        Simulator::Schedule(Seconds(3.0), &WlanNs2TraceTestCase::Sample, &topo, &mnLate, &ap1Late);
        Simulator::Stop(Seconds(3.5));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ_TOL(mnEarly.x, 100.0, 1e-9, "initial X_ of node 0");
        NS_TEST_EXPECT_MSG_EQ_TOL(mnEarly.y, 2.0, 1e-9, "initial Y_ of node 0");
        NS_TEST_EXPECT_MSG_EQ_TOL(mnLate.x, 120.0, 1e-6, "setdest at 10 m/s from 1 s");
        NS_TEST_EXPECT_MSG_EQ_TOL(mnLate.y, 2.0, 1e-6, "setdest keeps y");
        // Node 1 of the trace is not AP1 (nor any other node of the topology).
        NS_TEST_EXPECT_MSG_EQ_TOL(ap1Early.x, 80.0, 1e-9, "AP1 untouched by $node_(1)");
        NS_TEST_EXPECT_MSG_EQ_TOL(ap1Late.x, 80.0, 1e-9, "AP1 untouched by $node_(1)");
        NS_TEST_EXPECT_MSG_EQ_TOL(ap1Late.y, 5.0, 1e-9, "AP1 untouched by $node_(1)");
        Simulator::Destroy();
        std::remove(file.c_str());
    }
};

/**
 * Same seed and run give the same association times in two builds in one process; another run
 * number gives other times (so the comparison is not vacuous).
 */
class WlanDeterminismTestCase : public TestCase
{
  public:
    WlanDeterminismTestCase()
        : TestCase("Same seed and run, same association times")
    {
    }

  private:
    /**
     * Builds and runs the default topology for 30 s.
     * \param run the run number
     * \return the MN's Assoc/DeAssoc events
     */
    static std::vector<L2Event> RunOnce(uint64_t run)
    {
        RngSeedManager::SetSeed(7);
        RngSeedManager::SetRun(run);
        Ptr<Mip6WlanAccessHelper> helper = CreateObject<Mip6WlanAccessHelper>();
        Mip6WlanTopology topo = helper->Build();
        helper->AssignStreams(100);
        std::vector<L2Event> events;
        {
            MnWatcher watcher(topo);
            Simulator::Stop(Seconds(30));
            Simulator::Run();
            events = watcher.Events();
        }
        Simulator::Destroy();
        return events;
    }

    void DoRun() override
    {
        uint32_t seed = RngSeedManager::GetSeed();
        uint64_t run = RngSeedManager::GetRun();
        std::vector<L2Event> a = RunOnce(1);
        std::vector<L2Event> b = RunOnce(1);
        std::vector<L2Event> c = RunOnce(2);
        RngSeedManager::SetSeed(seed);
        RngSeedManager::SetRun(run);

        NS_TEST_EXPECT_MSG_GT_OR_EQ(a.size(), 5, "fewer L2 events than 3 Assoc + 2 DeAssoc");
        NS_TEST_EXPECT_MSG_EQ(a.size(), b.size(), "same run, different number of L2 events");
        for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(a[i].time, b[i].time, "same run, L2 event " << i << " time");
            NS_TEST_EXPECT_MSG_EQ(a[i].assoc, b[i].assoc, "same run, L2 event " << i);
            NS_TEST_EXPECT_MSG_EQ(a[i].access, b[i].access, "same run, L2 event " << i);
        }
        NS_TEST_EXPECT_MSG_EQ((a == c), false, "run 2 repeats run 1 exactly");
    }
};

/**
 * EnablePcap writes a radiotap pcap for each WiFi device, a PPP pcap for each P2P device and an
 * Ethernet pcap for the home link, each with frames in it.
 */
class WlanPcapTestCase : public TestCase
{
  public:
    WlanPcapTestCase()
        : TestCase("EnablePcap: radiotap, PPP and Ethernet pcaps")
    {
    }

  private:
    /**
     * \param file a pcap file
     * \param[out] linkType its link type (DLT), from the global header
     * \return its size in bytes (0 if it cannot be read)
     */
    static std::size_t ReadPcap(const std::string& file, uint32_t& linkType)
    {
        std::ifstream is(file, std::ios::binary);
        std::vector<char> bytes((std::istreambuf_iterator<char>(is)),
                                std::istreambuf_iterator<char>());
        linkType = 0;
        // Global header (24 bytes): magic 0xa1b2c3d4 written in host order, network at 20.
        const uint32_t magic = 0xa1b2c3d4;
        if (bytes.size() < 24 || std::memcmp(bytes.data(), &magic, 4) != 0)
        {
            return 0;
        }
        std::memcpy(&linkType, bytes.data() + 20, 4);
        return bytes.size();
    }

    void DoRun() override
    {
        BooleanValue checksums;
        GlobalValue::GetValueByName("ChecksumEnabled", checksums);
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
        std::string prefix = CreateTempDirFilename("mip6-wlan-pcap");
        auto name = [&prefix](Ptr<NetDevice> dev) {
            return prefix + "-" + std::to_string(dev->GetNode()->GetId()) + "-" +
                   std::to_string(dev->GetIfIndex()) + ".pcap";
        };
        // (file, link type, what): 127 radiotap, 9 PPP, 1 Ethernet.
        std::vector<std::tuple<std::string, uint32_t, std::string>> files;
        {
            Ptr<Mip6WlanAccessHelper> helper = CreateObject<Mip6WlanAccessHelper>();
            helper->SetAttribute("NumAccessPoints", UintegerValue(2));
            helper->SetAttribute("HomeLinkHost", BooleanValue(true));
            Mip6WlanTopology topo = helper->Build();
            helper->AssignStreams(100);
            helper->EnablePcap(prefix);
            Ptr<Ipv6> haIpv6 = topo.ha->GetObject<Ipv6>();
            files = {
                {name(topo.mnWifiDevice), 127, "MN WiFi"},
                {name(topo.apDevices.Get(0)), 127, "AP0 WiFi"},
                {name(topo.apDevices.Get(1)), 127, "AP1 WiFi"},
                {name(haIpv6->GetNetDevice(topo.haCnInterface)), 9, "HA-CN P2P"},
                {name(haIpv6->GetNetDevice(topo.accessRouters[1].haInterface)), 9, "HA-AR1 P2P"},
                {name(topo.homeLinkDevices.Get(0)), 1, "home link (HA)"},
                {name(topo.homeLinkDevices.Get(1)), 1, "home link (host)"},
            };
            Simulator::Stop(Seconds(2));
            Simulator::Run();
            Simulator::Destroy();
        }
        // The pcap writers are flushed when the devices that hold them are freed: above, with
        // the last references (the topology and the helper).
        GlobalValue::Bind("ChecksumEnabled", checksums);
        for (const auto& [file, type, what] : files)
        {
            uint32_t linkType = 0;
            std::size_t size = ReadPcap(file, linkType);
            NS_TEST_EXPECT_MSG_GT(size, 24, what << ": no frames in " << file);
            NS_TEST_EXPECT_MSG_EQ(linkType, type, what << ": link type of " << file);
            std::remove(file.c_str());
        }
    }
};

/// The suite "mip6-wlan-access".
class WlanAccessTestSuite : public TestSuite
{
  public:
    WlanAccessTestSuite()
        : TestSuite("mip6-wlan-access", SYSTEM)
    {
        AddTestCase(new WlanAddressingTestCase, TestCase::QUICK);
        AddTestCase(new WlanRoamingTestCase, TestCase::QUICK);
        AddTestCase(new WlanRoutingTestCase, TestCase::QUICK);
        AddTestCase(new WlanAttributesTestCase, TestCase::QUICK);
        AddTestCase(new WlanNs2TraceTestCase, TestCase::QUICK);
        AddTestCase(new WlanPcapTestCase, TestCase::QUICK);
        AddTestCase(new WlanDeterminismTestCase, TestCase::QUICK);
    }
};

} // namespace

/// The suite instance.
static WlanAccessTestSuite g_wlanAccessTestSuite;

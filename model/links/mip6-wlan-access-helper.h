/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_WLAN_ACCESS_HELPER_H
#define MIP6_WLAN_ACCESS_HELPER_H

#include "ns3/application-container.h"
#include "ns3/data-rate.h"
#include "ns3/ipv6-address.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/radvd-interface.h"
#include "ns3/ssid.h"
#include "ns3/vector.h"
#include "ns3/wifi-net-device.h"
#include "ns3/wifi-standards.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

class StaWifiMac;
class WifiPhy;
class YansWifiChannel;

/**
 * \ingroup mip6
 * One WLAN access of the topology: an 802.11 access point that is at the same time the IPv6
 * access router of its own /64. There is one node per AP; its WiFi AP interface carries the AR's
 * prefix and runs radvd, and a point-to-point link connects it to the home agent (the core router).
 */
struct Mip6AccessRouter
{
    std::string accessName;      //!< name of the access in outputs, "wlan-ap<i>"
    Ptr<Node> node;              //!< the AP/AR node
    Ptr<WifiNetDevice> apDevice; //!< the AP's WiFi device (ApWifiMac)
    Mac48Address bssid;          //!< the BSSID the MN's Assoc/DeAssoc traces report for this AP
    Vector position;             //!< where the AP stands (m)

    Ipv6Address prefix;                 //!< the AR's WLAN prefix, fd00:0:1:<i>::
    uint8_t prefixLength = 0;           //!< its length (64)
    Ipv6Address wlanAddress;            //!< the AR's global address on the WLAN, fd00:0:1:<i>::1
    uint32_t wlanInterface = 0;         //!< the AR's IPv6 interface index of the AP device
    Ptr<RadvdInterface> radvdInterface; //!< radvd's configuration of the WLAN interface

    Ipv6Address coreAddress;    //!< the AR's address on its link to the HA, fd00:0:f0:<i>::2
    uint32_t coreInterface = 0; //!< the AR's IPv6 interface index towards the HA
    Ipv6Address haAddress;      //!< the HA's address on that link (the AR's default route)
    uint32_t haInterface = 0;   //!< the HA's IPv6 interface index towards this AR
};

/**
 * \ingroup mip6
 * What Mip6WlanAccessHelper::Build() made: nodes, devices, interface indices and the addressing
 * plan, so that the mobility code and the scenarios never recompute them.
 *
 * Addressing plan (fd00::/8 only: ns-3.37 drops forwarded packets to the RFC 3849 documentation
 * prefix):
 * \verbatim
   link                          prefix             addresses
   home link (CSMA, at the HA)   fd00:0:0:1::/64    HA ::1, suggested MN HoA ::100, host ::200
     (the home AP, if any, is bridged onto it; the HA's radvd announces the home prefix)
   CN-HA (P2P)                   fd00:0:0:2::/64    HA ::1, CN ::2
   HAC-HA (P2P, optional)        fd00:0:0:3::/64    HA ::1, HAC ::2
   WLAN of AP/AR i               fd00:0:1:i::/64    AR ::1, MN by SLAAC (EUI-64 of its MAC)
   HA-AR i (P2P)                 fd00:0:f0:i::/64   HA ::1, AR ::2
   \endverbatim
 * (i is written as the fourth 16-bit group, i.e. in hexadecimal.)
 *
 * Routing is static: the HA routes each AR prefix via that AR and owns the home and CN links; each
 * AR and the CN have a default route via the HA; the home-link host (if any) via the HA's home
 * address; the MN learns its default routes and addresses from the ARs' RAs (SLAAC).
 *
 * L2 traces of the MN (paths are relative to GetMnStaMacPath() and GetMnPhyPath()):
 * - `<sta-mac>/Assoc` and `<sta-mac>/DeAssoc`: `void (Mac48Address bssid)`; compare the BSSID with
 *   Mip6AccessRouter::bssid (GetAccessIndexForBssid()). DeAssoc fires when MaxMissedBeacons
 *   beacons in a row were missed (or association failed).
 * - `<sta-mac>/BeaconArrival`: `void (Time arrival)`, each beacon of the AP the MN is associated
 *   with.
 * - `<sta-mac>/MacRx` (a WifiMac source): `void (Ptr<const Packet>)`, every data frame passed up
 *   by the MN's MAC; in an infrastructure BSS these all come from the serving AP.
 * - `<phy>/MonitorSnifferRx`: every frame the MN's PHY decodes, beacons included, with the MAC
 *   header in the packet (see WifiPhy::MonitorSnifferRxCallback); the transmitter is Addr2. Use
 *   it with the serving BSSID for "last frame received from the old access" (DESIGN.md §4.1).
 */
struct Mip6WlanTopology
{
    Ptr<Node> mn; //!< the mobile node: one WiFi STA, plain IPv6 host (forwarding off), SLAAC
    Ptr<Node> ha; //!< the home agent node: home-prefix router and core router (forwarding on)
    Ptr<Node> cn; //!< the correspondent node, behind the HA
    Ptr<Node> homeLinkHost; //!< a host on the home link (attribute HomeLinkHost), else null
    Ptr<Node> hac;          //!< an HA-Controller node behind the HA (attribute HacNode), else null

    NodeContainer apNodes;                       //!< the AP/AR nodes, index = access index
    NetDeviceContainer apDevices;                //!< their WiFi AP devices, same order
    std::vector<Mip6AccessRouter> accessRouters; //!< per access: devices, prefix, interfaces

    Ptr<WifiNetDevice> mnWifiDevice; //!< the MN's WiFi STA device
    uint32_t mnWifiInterface = 0;    //!< the MN's IPv6 interface index of that device

    Ipv6Address homePrefix;          //!< the home prefix, fd00:0:0:1::
    uint8_t homePrefixLength = 0;    //!< its length (64)
    Ipv6Address haHomeAddress;       //!< the HA's address on the home link, fd00:0:0:1::1
    Ipv6Address mnHomeAddress;       //!< suggested HoA of the MN, fd00:0:0:1::100 (not configured)
    Ipv6Address homeLinkHostAddress; //!< the home-link host's address, fd00:0:0:1::200 (if any)
    uint32_t haHomeInterface = 0;    //!< the HA's IPv6 interface index on the home link (CSMA)
    int32_t homeAccessIndex = -1;    //!< the access bridged onto the home link (-1: none)
    NetDeviceContainer homeLinkDevices; //!< CSMA devices of the home link (HA first)

    Ipv6Address cnAddress;      //!< the CN's address, fd00:0:0:2::2
    Ipv6Address haCnAddress;    //!< the HA's address on the CN link, fd00:0:0:2::1
    uint32_t cnInterface = 0;   //!< the CN's IPv6 interface index towards the HA
    uint32_t haCnInterface = 0; //!< the HA's IPv6 interface index towards the CN

    Ipv6Address hacAddress;      //!< the HAC's address, fd00:0:0:3::2 (if any)
    Ipv6Address haHacAddress;    //!< the HA's address on the HAC link, fd00:0:0:3::1
    uint32_t hacInterface = 0;   //!< the HAC's IPv6 interface index towards the HA
    uint32_t haHacInterface = 0; //!< the HA's IPv6 interface index towards the HAC

    /// The HA's core interfaces (the OverheadMeter's `ha-core` point): the CN link, the link to
    /// each AR in access order (the home AP has none), then the HAC link if there is one.
    std::vector<uint32_t> haCoreInterfaces;

    /**
     * \param address an address or a prefix
     * \return the index of the access whose prefix contains \p address, or -1
     */
    int32_t GetAccessIndexForPrefix(Ipv6Address address) const;

    /**
     * \param bssid a BSSID as reported by the StaWifiMac Assoc/DeAssoc traces
     * \return the index of the access with that BSSID, or -1
     */
    int32_t GetAccessIndexForBssid(Mac48Address bssid) const;

    /**
     * The address the MN forms by SLAAC on access \p index (the prefix + the EUI-64 interface
     * identifier of the MN's MAC), as ns-3.37's Ipv6L3Protocol::AddAutoconfiguredAddress makes it.
     * \param index the access index
     * \return that address
     */
    Ipv6Address GetMnAutoconfiguredAddress(uint32_t index) const;

    /// \return the MN's StaWifiMac (for TraceConnectWithoutContext)
    Ptr<StaWifiMac> GetMnStaMac() const;

    /// \return the MN's WiFi PHY
    Ptr<WifiPhy> GetMnPhy() const;

    /**
     * \return the config path of the MN's StaWifiMac,
     *         "/NodeList/<mn>/DeviceList/<dev>/$ns3::WifiNetDevice/Mac/$ns3::StaWifiMac"
     */
    std::string GetMnStaMacPath() const;

    /// \return the config path of the MN's WiFi PHY, ".../$ns3::WifiNetDevice/Phy"
    std::string GetMnPhyPath() const;

    /// \return every node of the topology (HA, CN, APs, MN, home-link host)
    NodeContainer GetAllNodes() const;
};

/**
 * \ingroup mip6
 * Builds the WLAN access topology of the comparisons (DESIGN.md §7): a row of APs on one channel,
 * each AP its own access router with a /64 and radvd, a home agent that is both the home-prefix
 * router and the core router, a correspondent node behind it, and a mobile node that drives along
 * the row. Only plain IPv6 is installed; Mobile IPv6 is added by the mobility code.
 *
 * \verbatim
 *                        home link fd00:0:0:1::/64 (CSMA) [+ optional host]
 *                                 |
 *   CN ----P2P CnHaDelay---- HA ----P2P HaArDelay---- AR/AP 0   AR/AP 1 ...   (one P2P link each)
 *                                                      )))        )))
 *                                                  MN --> (constant velocity along the row)
 * \endverbatim
 *
 * Geometry: AP i stands at (i * AccessPointSpacing, AccessPointLateralOffset, 0); the MN starts at
 * (MnStartX, 0, 0) and moves along +x at MnSpeed, so the APs are beside its path, not on it (the
 * MN never passes at zero distance). A MobilityTraceFile replaces the MN's constant velocity: it
 * is read with Ns2MobilityHelper applied to the MN alone, so the trace's `$node_(0)` is the MN and
 * every other node id of the trace is ignored.
 *
 * Radio: one YansWifiChannel (LogDistance loss with ns-3's defaults: exponent 3, 46.6777 dB at
 * 1 m, i.e. 5.15 GHz; constant-speed delay), IdealWifiManager, every AP and the MN on the same
 * channel (ChannelSettings): ns-3.37's StaWifiMac never scans other channels, so an AP on another
 * channel would never be found again (research/ns3-feasibility.md B2). Roaming is ns-3's own:
 * the STA stays with its AP until MaxMissedBeacons beacons are missed, then scans (passively
 * unless ActiveProbing) and associates with the best AP heard.
 *
 * Router advertisements: radvd runs on each AR's WLAN interface only, announcing the AR prefix
 * (on-link, autonomous; ns-3's default lifetimes, preferred 7 d and valid 30 d, so old CoAs stay
 * until the MN removes them) with a random interval in [RaMinInterval, RaMaxInterval] and a
 * router lifetime of 1800 s (ns-3's default; RadvdHelper::EnableDefaultRouterForInterface would
 * make it 3 * MaxRtrAdvInterval / 1000 s, i.e. 0 for intervals under 334 ms). ns-3.37's radvd
 * sends no Advertisement Interval or Home Agent Information option, and the MN sends no RS on
 * re-association; the periodic RAs alone configure it. The home link has no radvd: the MN never
 * attaches there and the optional home-link host is configured statically.
 *
 * Teardown: ns-3.37's Radvd::DoDispose dereferences the socket it opens when it starts, so once
 * Build() has run, run the simulation past time 0 before Simulator::Destroy() (a build that is
 * destroyed without Simulator::Run() crashes in Radvd).
 *
 * Random streams: call AssignStreams() after Build() and before Simulator::Run() so that
 * repeated runs with the same seed and run number are identical.
 *
 * Pcap: EnablePcap() writes radiotap pcaps of the WiFi devices and pcaps of the P2P and CSMA
 * devices. Whenever pcaps are on, the caller must also set the GlobalValue ChecksumEnabled to true
 * (before Build()), otherwise ns-3 leaves UDP and TCP checksums at zero and tshark flags those
 * packets.
 */
class Mip6WlanAccessHelper : public Object
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    Mip6WlanAccessHelper();
    ~Mip6WlanAccessHelper() override;

    /**
     * Creates the nodes, devices, addresses, routes, mobility and radvd applications. Can be
     * called once per helper. Aborts with a reason if the attributes are inconsistent (e.g.
     * RaMinInterval > RaMaxInterval, a BeaconInterval that is not a multiple of 1024 us, an
     * unreadable MobilityTraceFile or one that does not position the MN).
     * \return the topology
     */
    Mip6WlanTopology Build();

    /**
     * Fixes the random streams of everything Build() made: the WiFi channel, the MN's mobility,
     * the WiFi devices (PHY, station managers, MAC backoff, beacon jitter, probe delay), radvd's
     * interval jitter and the IPv6 stacks (ICMPv6 DAD/RS jitter, fragment ids), in that order.
     * \param stream the first stream index
     * \return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * Enables pcap on every WiFi (radiotap), P2P and CSMA device of the topology, one file per
     * device named <prefix>-<node id>-<device index>.pcap. Set the GlobalValue
     * ChecksumEnabled=true as well (see the class description). The files are complete when their
     * devices are freed: after Simulator::Destroy() and once the last Mip6WlanTopology copy and
     * this helper are gone (ns-3's pcap writers buffer).
     * \param prefix the file-name prefix
     */
    void EnablePcap(const std::string& prefix) const;

  protected:
    void DoDispose() override;

  private:
    /// Aborts with a reason when the attributes cannot make a topology.
    void CheckAttributes() const;
    /// Gives the MN its mobility model (constant velocity or the ns-2 trace).
    void InstallMnMobility(Ptr<Node> mn) const;

    uint32_t m_numAccessPoints;      //!< NumAccessPoints
    double m_apSpacing;              //!< AccessPointSpacing (m)
    double m_apLateralOffset;        //!< AccessPointLateralOffset (m)
    double m_mnSpeed;                //!< MnSpeed (m/s)
    double m_mnStartX;               //!< MnStartX (m)
    uint32_t m_maxMissedBeacons;     //!< MaxMissedBeacons
    bool m_activeProbing;            //!< ActiveProbing
    Time m_beaconInterval;           //!< BeaconInterval
    Time m_raMinInterval;            //!< RaMinInterval
    Time m_raMaxInterval;            //!< RaMaxInterval
    Time m_haArDelay;                //!< HaArDelay
    Time m_cnHaDelay;                //!< CnHaDelay
    bool m_hacNode{false};           //!< HacNode
    Time m_hacHaDelay;               //!< HacHaDelay
    DataRate m_coreDataRate;         //!< CoreDataRate
    std::string m_mobilityTraceFile; //!< MobilityTraceFile
    Ssid m_ssid;                     //!< Ssid
    WifiStandard m_wifiStandard;     //!< WifiStandard
    std::string m_channelSettings;   //!< ChannelSettings
    /**
     * Runs radvd on a router interface with the RA intervals of this helper.
     * \param router the router node
     * \param ifIndex its IPv6 interface
     * \param prefix the announced prefix
     * \param prefixLength its length
     * \return radvd's configuration of that interface
     */
    Ptr<RadvdInterface> InstallRadvd(Ptr<Node> router,
                                     uint32_t ifIndex,
                                     Ipv6Address prefix,
                                     uint8_t prefixLength);

    bool m_homeLinkHost;       //!< HomeLinkHost
    int32_t m_homeAccessPoint; //!< HomeAccessPoint

    bool m_built;                     //!< Build() was called
    Mip6WlanTopology m_topology;      //!< what Build() made
    Ptr<YansWifiChannel> m_channel;   //!< the shared WiFi channel
    ApplicationContainer m_radvdApps; //!< one radvd per AR
    NetDeviceContainer m_p2pDevices;  //!< every P2P device (CN link, then the AR links)
};

} // namespace ns3

#endif /* MIP6_WLAN_ACCESS_HELPER_H */

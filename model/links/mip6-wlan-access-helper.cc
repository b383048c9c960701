/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/mip6-wlan-access-helper.h"

#include "mip6-links-internal.h"

#include "ns3/boolean.h"
#include "ns3/bridge-helper.h"
#include "ns3/constant-velocity-mobility-model.h"
#include "ns3/csma-helper.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/integer.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6-list-routing-helper.h"
#include "ns3/ipv6-static-routing-helper.h"
#include "ns3/ipv6-static-routing.h"
#include "ns3/log.h"
#include "ns3/mobility-helper.h"
#include "ns3/mobility-model.h"
#include "ns3/ns2-mobility-helper.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/radvd-helper.h"
#include "ns3/radvd.h"
#include "ns3/sta-wifi-mac.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"
#include "ns3/wifi-helper.h"
#include "ns3/wifi-mac-helper.h"
#include "ns3/wifi-phy.h"
#include "ns3/yans-wifi-channel.h"
#include "ns3/yans-wifi-helper.h"

#include <fstream>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6WlanAccessHelper");

NS_OBJECT_ENSURE_REGISTERED(Mip6WlanAccessHelper);

using namespace mip6links;

namespace
{

/**
 * \param t a time
 * \return whether \p t is a whole, positive number of milliseconds (what RadvdInterface takes)
 */
bool
IsWholePositiveMs(Time t)
{
    return t.IsStrictlyPositive() && t.GetNanoSeconds() % 1000000 == 0;
}

} // namespace

// ---- Mip6WlanTopology ----

int32_t
Mip6WlanTopology::GetAccessIndexForPrefix(Ipv6Address address) const
{
    for (std::size_t i = 0; i < accessRouters.size(); ++i)
    {
        const Mip6AccessRouter& ar = accessRouters[i];
        if (Ipv6Prefix(ar.prefixLength).IsMatch(address, ar.prefix))
        {
            return static_cast<int32_t>(i);
        }
    }
    return -1;
}

int32_t
Mip6WlanTopology::GetAccessIndexForBssid(Mac48Address bssid) const
{
    for (std::size_t i = 0; i < accessRouters.size(); ++i)
    {
        if (accessRouters[i].bssid == bssid)
        {
            return static_cast<int32_t>(i);
        }
    }
    return -1;
}

Ipv6Address
Mip6WlanTopology::GetMnAutoconfiguredAddress(uint32_t index) const
{
    NS_ABORT_MSG_UNLESS(index < accessRouters.size(), "no access " << index);
    // The interface identifier is the EUI-64 of the STA's MAC (RFC 4862 §5.5.3 with RFC 4291
    // appendix A), which is what ns-3.37's SLAAC uses.
    return Ipv6Address::MakeAutoconfiguredAddress(mnWifiDevice->GetAddress(),
                                                  accessRouters[index].prefix);
}

Ptr<StaWifiMac>
Mip6WlanTopology::GetMnStaMac() const
{
    return mnWifiDevice ? DynamicCast<StaWifiMac>(mnWifiDevice->GetMac()) : nullptr;
}

Ptr<WifiPhy>
Mip6WlanTopology::GetMnPhy() const
{
    return mnWifiDevice ? mnWifiDevice->GetPhy() : nullptr;
}

std::string
Mip6WlanTopology::GetMnStaMacPath() const
{
    NS_ABORT_MSG_UNLESS(mn && mnWifiDevice, "topology not built");
    std::ostringstream os;
    os << "/NodeList/" << mn->GetId() << "/DeviceList/" << mnWifiDevice->GetIfIndex()
       << "/$ns3::WifiNetDevice/Mac/$ns3::StaWifiMac";
    return os.str();
}

std::string
Mip6WlanTopology::GetMnPhyPath() const
{
    NS_ABORT_MSG_UNLESS(mn && mnWifiDevice, "topology not built");
    std::ostringstream os;
    os << "/NodeList/" << mn->GetId() << "/DeviceList/" << mnWifiDevice->GetIfIndex()
       << "/$ns3::WifiNetDevice/Phy";
    return os.str();
}

NodeContainer
Mip6WlanTopology::GetAllNodes() const
{
    NodeContainer all;
    all.Add(ha);
    all.Add(cn);
    all.Add(apNodes);
    all.Add(mn);
    if (homeLinkHost)
    {
        all.Add(homeLinkHost);
    }
    if (hac)
    {
        all.Add(hac);
    }
    return all;
}

// ---- Mip6WlanAccessHelper ----

TypeId
Mip6WlanAccessHelper::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6WlanAccessHelper")
            .SetParent<Object>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6WlanAccessHelper>()
            .AddAttribute("NumAccessPoints",
                          "Number of APs in the row; each AP is its own access router.",
                          UintegerValue(4),
                          MakeUintegerAccessor(&Mip6WlanAccessHelper::m_numAccessPoints),
                          MakeUintegerChecker<uint32_t>(1, 255))
            .AddAttribute("AccessPointSpacing",
                          "Distance between neighbouring APs along x (m).",
                          DoubleValue(80.0),
                          MakeDoubleAccessor(&Mip6WlanAccessHelper::m_apSpacing),
                          MakeDoubleChecker<double>(0.0))
            .AddAttribute("AccessPointLateralOffset",
                          "Distance of the row of APs from the MN's path, along y (m).",
                          DoubleValue(5.0),
                          MakeDoubleAccessor(&Mip6WlanAccessHelper::m_apLateralOffset),
                          MakeDoubleChecker<double>())
            .AddAttribute("MnSpeed",
                          "Constant speed of the MN along +x (m/s); unused with a "
                          "MobilityTraceFile.",
                          DoubleValue(5.0),
                          MakeDoubleAccessor(&Mip6WlanAccessHelper::m_mnSpeed),
                          MakeDoubleChecker<double>())
            .AddAttribute("MnStartX",
                          "Start position of the MN along x (m); AP 0 is at x = 0.",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&Mip6WlanAccessHelper::m_mnStartX),
                          MakeDoubleChecker<double>())
            .AddAttribute("MaxMissedBeacons",
                          "StaWifiMac::MaxMissedBeacons of the MN: beacons missed in a row "
                          "before it declares the AP lost.",
                          UintegerValue(10),
                          MakeUintegerAccessor(&Mip6WlanAccessHelper::m_maxMissedBeacons),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("ActiveProbing",
                          "StaWifiMac::ActiveProbing of the MN (probe requests instead of "
                          "waiting for beacons when scanning).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&Mip6WlanAccessHelper::m_activeProbing),
                          MakeBooleanChecker())
            .AddAttribute("BeaconInterval",
                          "ApWifiMac::BeaconInterval of every AP (a multiple of 1024 us).",
                          TimeValue(MicroSeconds(102400)),
                          MakeTimeAccessor(&Mip6WlanAccessHelper::m_beaconInterval),
                          MakeTimeChecker())
            .AddAttribute("RaMinInterval",
                          "radvd MinRtrAdvInterval on each AR's WLAN interface (whole ms; RFC 6275 "
                          "section 7.5 allows 30 ms).",
                          TimeValue(MilliSeconds(30)),
                          MakeTimeAccessor(&Mip6WlanAccessHelper::m_raMinInterval),
                          MakeTimeChecker())
            .AddAttribute("RaMaxInterval",
                          "radvd MaxRtrAdvInterval on each AR's WLAN interface (whole ms; RFC 6275 "
                          "section 7.5 allows 70 ms).",
                          TimeValue(MilliSeconds(70)),
                          MakeTimeAccessor(&Mip6WlanAccessHelper::m_raMaxInterval),
                          MakeTimeChecker())
            .AddAttribute("HaArDelay",
                          "One-way delay of each HA-AR point-to-point link.",
                          TimeValue(MilliSeconds(2)),
                          MakeTimeAccessor(&Mip6WlanAccessHelper::m_haArDelay),
                          MakeTimeChecker())
            .AddAttribute("CnHaDelay",
                          "One-way delay of the CN-HA point-to-point link.",
                          TimeValue(MilliSeconds(10)),
                          MakeTimeAccessor(&Mip6WlanAccessHelper::m_cnHaDelay),
                          MakeTimeChecker())
            .AddAttribute("HacNode",
                          "Whether an HA-Controller node (RFC 6618) sits behind the HA on a "
                          "point-to-point link of its own, fd00:0:0:3::2.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&Mip6WlanAccessHelper::m_hacNode),
                          MakeBooleanChecker())
            .AddAttribute("HacHaDelay",
                          "One-way delay of the HAC-HA point-to-point link.",
                          TimeValue(MilliSeconds(2)),
                          MakeTimeAccessor(&Mip6WlanAccessHelper::m_hacHaDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("CoreDataRate",
                          "Data rate of the core links (P2P and the home link).",
                          DataRateValue(DataRate("1Gbps")),
                          MakeDataRateAccessor(&Mip6WlanAccessHelper::m_coreDataRate),
                          MakeDataRateChecker())
            .AddAttribute("MobilityTraceFile",
                          "An ns-2 mobility trace for the MN (its $node_(0); other node ids "
                          "are ignored). Empty: constant velocity along the row.",
                          StringValue(""),
                          MakeStringAccessor(&Mip6WlanAccessHelper::m_mobilityTraceFile),
                          MakeStringChecker())
            .AddAttribute("Ssid",
                          "The SSID of every AP and of the MN.",
                          SsidValue(Ssid("mip6")),
                          MakeSsidAccessor(&Mip6WlanAccessHelper::m_ssid),
                          MakeSsidChecker())
            .AddAttribute("WifiStandard",
                          "The 802.11 standard of every device. Choose ChannelSettings in a "
                          "band the standard supports (802.11g: BAND_2_4GHZ).",
                          EnumValue(WIFI_STANDARD_80211n),
                          MakeEnumAccessor(&Mip6WlanAccessHelper::m_wifiStandard),
                          MakeEnumChecker(WIFI_STANDARD_80211a,
                                          "802.11a",
                                          WIFI_STANDARD_80211g,
                                          "802.11g",
                                          WIFI_STANDARD_80211n,
                                          "802.11n",
                                          WIFI_STANDARD_80211ac,
                                          "802.11ac",
                                          WIFI_STANDARD_80211ax,
                                          "802.11ax"))
            .AddAttribute("ChannelSettings",
                          "WifiPhy::ChannelSettings of every device: the one channel all APs "
                          "share (ns-3.37 STAs never scan other channels). Default: channel "
                          "36, 20 MHz, 5 GHz.",
                          StringValue("{36, 20, BAND_5GHZ, 0}"),
                          MakeStringAccessor(&Mip6WlanAccessHelper::m_channelSettings),
                          MakeStringChecker())
            .AddAttribute("HomeLinkHost",
                          "Whether a host sits on the home link (fd00:0:0:1::200), e.g. for "
                          "proxy Neighbor Discovery tests.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&Mip6WlanAccessHelper::m_homeLinkHost),
                          MakeBooleanChecker())
            .AddAttribute("HomeAccessPoint",
                          "Index of the AP that is bridged onto the home link instead of having "
                          "an access router of its own (-1: none). The HA's radvd then announces "
                          "the home prefix there, so an MN reaching that AP returns home "
                          "(RFC 6275 §11.5.4); index 0 starts the MN at home.",
                          IntegerValue(-1),
                          MakeIntegerAccessor(&Mip6WlanAccessHelper::m_homeAccessPoint),
                          MakeIntegerChecker<int32_t>(-1, 1023));
    return tid;
}

Mip6WlanAccessHelper::Mip6WlanAccessHelper()
    : m_numAccessPoints(4),
      m_apSpacing(80.0),
      m_apLateralOffset(5.0),
      m_mnSpeed(5.0),
      m_mnStartX(0.0),
      m_maxMissedBeacons(10),
      m_activeProbing(false),
      m_wifiStandard(WIFI_STANDARD_80211n),
      m_homeLinkHost(false),
      m_homeAccessPoint(-1),
      m_built(false)
{
    NS_LOG_FUNCTION(this);
}

Mip6WlanAccessHelper::~Mip6WlanAccessHelper()
{
    NS_LOG_FUNCTION(this);
}

void
Mip6WlanAccessHelper::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_topology = Mip6WlanTopology();
    m_channel = nullptr;
    m_radvdApps = ApplicationContainer();
    m_p2pDevices = NetDeviceContainer();
    Object::DoDispose();
}

void
Mip6WlanAccessHelper::CheckAttributes() const
{
    NS_ABORT_MSG_UNLESS(IsWholePositiveMs(m_raMinInterval) && IsWholePositiveMs(m_raMaxInterval),
                        "RaMinInterval (" << m_raMinInterval.As(Time::MS) << ") and RaMaxInterval ("
                                          << m_raMaxInterval.As(Time::MS)
                                          << ") must be whole, positive milliseconds");
    NS_ABORT_MSG_IF(m_homeAccessPoint >= static_cast<int32_t>(m_numAccessPoints),
                    "HomeAccessPoint " << m_homeAccessPoint << " is not one of the "
                                       << m_numAccessPoints << " access points");
    NS_ABORT_MSG_IF(m_raMinInterval > m_raMaxInterval,
                    "RaMinInterval " << m_raMinInterval.As(Time::MS) << " > RaMaxInterval "
                                     << m_raMaxInterval.As(Time::MS));
    // ApWifiMac only reports this with NS_FATAL_ERROR at run time, after the whole build.
    NS_ABORT_MSG_IF(!m_beaconInterval.IsStrictlyPositive() ||
                        m_beaconInterval.GetNanoSeconds() % 1024000 != 0 ||
                        m_beaconInterval.GetMicroSeconds() > 1024 * 65535,
                    "BeaconInterval " << m_beaconInterval.As(Time::US)
                                      << " is not a positive multiple of 1024 us up to 65535 TU");
    NS_ABORT_MSG_IF(m_haArDelay.IsStrictlyNegative() || m_cnHaDelay.IsStrictlyNegative(),
                    "negative link delay");
    NS_ABORT_MSG_IF(m_coreDataRate.GetBitRate() == 0, "CoreDataRate is 0");
}

void
Mip6WlanAccessHelper::InstallMnMobility(Ptr<Node> mn) const
{
    if (m_mobilityTraceFile.empty())
    {
        Ptr<ConstantVelocityMobilityModel> model = CreateObject<ConstantVelocityMobilityModel>();
        model->SetPosition(Vector(m_mnStartX, 0.0, 0.0));
        model->SetVelocity(Vector(m_mnSpeed, 0.0, 0.0));
        mn->AggregateObject(model);
        return;
    }
    // Ns2MobilityHelper only logs an unreadable file; refuse it here with a reason.
    std::ifstream probe(m_mobilityTraceFile);
    NS_ABORT_MSG_UNLESS(probe.good(), "cannot read MobilityTraceFile " << m_mobilityTraceFile);
    probe.close();
    // Applied to a range holding the MN alone: the trace's node 0 is the MN.
    NodeContainer only(mn);
    Ns2MobilityHelper(m_mobilityTraceFile).Install(only.Begin(), only.End());
    NS_ABORT_MSG_UNLESS(mn->GetObject<MobilityModel>(),
                        "MobilityTraceFile " << m_mobilityTraceFile
                                             << " has no line for $node_(0), the MN");
}

Ptr<RadvdInterface>
Mip6WlanAccessHelper::InstallRadvd(Ptr<Node> router,
                                   uint32_t ifIndex,
                                   Ipv6Address prefix,
                                   uint8_t prefixLength)
{
    // radvd on the access interface only, at the fast rates RFC 6275 §7.5 allows for mobile
    // nodes (MinRtrAdvInterval down to 0.03 s, MaxRtrAdvInterval down to 0.07 s; ns-3.37
    // ignores MinDelayBetweenRAs). The router lifetime stays at RadvdInterface's
    // 1800 s: EnableDefaultRouterForInterface would set 3 * MaxRtrAdvInterval / 1000 s,
    // which is 0 (not a default router) for intervals below 334 ms.
    RadvdHelper radvd;
    radvd.AddAnnouncedPrefix(ifIndex, prefix, prefixLength);
    Ptr<RadvdInterface> ri = radvd.GetRadvdInterface(ifIndex);
    ri->SetMinRtrAdvInterval(static_cast<uint32_t>(m_raMinInterval.GetMilliSeconds()));
    ri->SetMaxRtrAdvInterval(static_cast<uint32_t>(m_raMaxInterval.GetMilliSeconds()));
    ApplicationContainer app = radvd.Install(router);
    app.Start(Seconds(0));
    m_radvdApps.Add(app);
    return ri;
}

Mip6WlanTopology
Mip6WlanAccessHelper::Build()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_built, "Mip6WlanAccessHelper::Build() called twice");
    CheckAttributes();
    m_built = true;

    Mip6WlanTopology t;
    t.ha = CreateObject<Node>();
    t.cn = CreateObject<Node>();
    t.apNodes.Create(m_numAccessPoints);
    t.mn = CreateObject<Node>();
    if (m_homeLinkHost)
    {
        t.homeLinkHost = CreateObject<Node>();
    }
    if (m_hacNode)
    {
        t.hac = CreateObject<Node>();
    }
    NodeContainer all = t.GetAllNodes();

    InstallIpv6Stack(all);
    // Routers forward on every interface, including those the mobility code adds later (the
    // HA's tunnel); hosts (MN, CN, home-link host) do not, so the MN accepts RAs.
    t.ha->GetObject<Ipv6>()->SetAttribute("IpForward", BooleanValue(true));
    for (uint32_t i = 0; i < t.apNodes.GetN(); ++i)
    {
        t.apNodes.Get(i)->GetObject<Ipv6>()->SetAttribute("IpForward", BooleanValue(true));
    }

    // ---- mobility ----
    MobilityHelper apMobility;
    apMobility.SetMobilityModel("ns3::ConstantPositionMobilityModel");
    apMobility.Install(t.apNodes);
    for (uint32_t i = 0; i < t.apNodes.GetN(); ++i)
    {
        t.apNodes.Get(i)->GetObject<MobilityModel>()->SetPosition(
            Vector(i * m_apSpacing, m_apLateralOffset, 0.0));
    }
    InstallMnMobility(t.mn);

    // ---- WLAN: one channel shared by all APs (ns-3.37 STAs never change channel) ----
    WifiHelper wifi;
    wifi.SetStandard(m_wifiStandard);
    wifi.SetRemoteStationManager("ns3::IdealWifiManager");
    YansWifiChannelHelper channelHelper;
    channelHelper.SetPropagationDelay("ns3::ConstantSpeedPropagationDelayModel");
    channelHelper.AddPropagationLoss("ns3::LogDistancePropagationLossModel");
    m_channel = channelHelper.Create();
    YansWifiPhyHelper phy;
    phy.SetChannel(m_channel);
    phy.Set("ChannelSettings", StringValue(m_channelSettings));
    WifiMacHelper mac;
    mac.SetType("ns3::ApWifiMac",
                "Ssid",
                SsidValue(m_ssid),
                "BeaconInterval",
                TimeValue(m_beaconInterval));
    t.apDevices = wifi.Install(phy, mac, t.apNodes);
    mac.SetType("ns3::StaWifiMac",
                "Ssid",
                SsidValue(m_ssid),
                "ActiveProbing",
                BooleanValue(m_activeProbing),
                "MaxMissedBeacons",
                UintegerValue(m_maxMissedBeacons));
    NetDeviceContainer staDevices = wifi.Install(phy, mac, t.mn);
    t.mnWifiDevice = DynamicCast<WifiNetDevice>(staDevices.Get(0));
    NS_ABORT_MSG_UNLESS(t.mnWifiDevice && t.GetMnStaMac(), "the MN has no StaWifiMac");

    // ---- core links ----
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", DataRateValue(m_coreDataRate));
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", DataRateValue(m_coreDataRate));

    // Home link: the HA is the router of the home prefix (the HoA's /128 host route into the
    // tunnel is the mobility code's); its CSMA interface exists even with no other node on it.
    t.homePrefix = PlanAddress(0, 0, 1, 0);
    t.homePrefixLength = kPrefixLength;
    t.haHomeAddress = PlanAddress(0, 0, 1, 1);
    t.mnHomeAddress = PlanAddress(0, 0, 1, 0x100);
    NodeContainer homeLink(t.ha);
    if (t.homeLinkHost)
    {
        homeLink.Add(t.homeLinkHost);
    }
    t.homeAccessIndex = m_homeAccessPoint;
    if (t.homeAccessIndex >= 0)
    {
        homeLink.Add(t.apNodes.Get(t.homeAccessIndex)); // the home AP's wired side, last
    }
    t.homeLinkDevices = csma.Install(homeLink);
    t.haHomeInterface = AddIpv6Interface(t.homeLinkDevices.Get(0), t.haHomeAddress);
    if (t.homeLinkHost)
    {
        t.homeLinkHostAddress = PlanAddress(0, 0, 1, 0x200);
        uint32_t hostIf = AddIpv6Interface(t.homeLinkDevices.Get(1), t.homeLinkHostAddress);
        StaticRouting(t.homeLinkHost)->SetDefaultRoute(t.haHomeAddress, hostIf);
    }

    // CN link.
    p2p.SetChannelAttribute("Delay", TimeValue(m_cnHaDelay));
    NetDeviceContainer cnLink = p2p.Install(t.ha, t.cn);
    m_p2pDevices.Add(cnLink);
    t.haCnAddress = PlanAddress(0, 0, 2, 1);
    t.cnAddress = PlanAddress(0, 0, 2, 2);
    t.haCnInterface = AddIpv6Interface(cnLink.Get(0), t.haCnAddress);
    t.cnInterface = AddIpv6Interface(cnLink.Get(1), t.cnAddress);
    StaticRouting(t.cn)->SetDefaultRoute(t.haCnAddress, t.cnInterface);
    t.haCoreInterfaces.push_back(t.haCnInterface);

    // ---- access routers ----
    p2p.SetChannelAttribute("Delay", TimeValue(m_haArDelay));
    Ptr<Ipv6StaticRouting> haRouting = StaticRouting(t.ha);
    for (uint32_t i = 0; i < m_numAccessPoints; ++i)
    {
        Mip6AccessRouter ar;
        ar.accessName = "wlan-ap" + std::to_string(i);
        ar.node = t.apNodes.Get(i);
        ar.apDevice = DynamicCast<WifiNetDevice>(t.apDevices.Get(i));
        ar.bssid = Mac48Address::ConvertFrom(ar.apDevice->GetAddress());
        ar.position = ar.node->GetObject<MobilityModel>()->GetPosition();
        if (static_cast<int32_t>(i) == t.homeAccessIndex)
        {
            // The home AP is a bridge between its WLAN and the home link: the MN meets the HA
            // there as its router, with the home prefix (RFC 6275 §11.5.4).
            NetDeviceContainer ports(ar.apDevice);
            ports.Add(t.homeLinkDevices.Get(t.homeLinkDevices.GetN() - 1));
            BridgeHelper().Install(ar.node, ports);
            ar.accessName = "home";
            ar.prefix = t.homePrefix;
            ar.prefixLength = t.homePrefixLength;
            ar.wlanAddress = t.haHomeAddress;
            ar.haAddress = t.haHomeAddress;
            ar.haInterface = t.haHomeInterface;
            t.accessRouters.push_back(ar);
            continue;
        }

        ar.prefix = PlanAddress(0, 1, i, 0);
        ar.prefixLength = kPrefixLength;
        ar.wlanAddress = PlanAddress(0, 1, i, 1);
        ar.wlanInterface = AddIpv6Interface(ar.apDevice, ar.wlanAddress);

        NetDeviceContainer link = p2p.Install(t.ha, ar.node);
        m_p2pDevices.Add(link);
        ar.haAddress = PlanAddress(0, 0xf0, i, 1);
        ar.coreAddress = PlanAddress(0, 0xf0, i, 2);
        ar.haInterface = AddIpv6Interface(link.Get(0), ar.haAddress);
        ar.coreInterface = AddIpv6Interface(link.Get(1), ar.coreAddress);
        t.haCoreInterfaces.push_back(ar.haInterface);

        haRouting->AddNetworkRouteTo(ar.prefix,
                                     Ipv6Prefix(ar.prefixLength),
                                     ar.coreAddress,
                                     ar.haInterface);
        StaticRouting(ar.node)->SetDefaultRoute(ar.haAddress, ar.coreInterface);

        ar.radvdInterface = InstallRadvd(ar.node, ar.wlanInterface, ar.prefix, ar.prefixLength);

        t.accessRouters.push_back(ar);
    }

    if (t.hac)
    {
        // The HA-Controller behind the HA (RFC 6618 §4: reached over the operator's network).
        p2p.SetChannelAttribute("Delay", TimeValue(m_hacHaDelay));
        NetDeviceContainer hacLink = p2p.Install(t.ha, t.hac);
        m_p2pDevices.Add(hacLink);
        t.haHacAddress = PlanAddress(0, 0, 3, 1);
        t.hacAddress = PlanAddress(0, 0, 3, 2);
        t.haHacInterface = AddIpv6Interface(hacLink.Get(0), t.haHacAddress);
        t.hacInterface = AddIpv6Interface(hacLink.Get(1), t.hacAddress);
        StaticRouting(t.hac)->SetDefaultRoute(t.haHacAddress, t.hacInterface);
        t.haCoreInterfaces.push_back(t.haHacInterface);
    }

    if (t.homeAccessIndex >= 0)
    {
        // The HA is the home link's router: radvd with the home prefix at the access rates.
        t.accessRouters[t.homeAccessIndex].radvdInterface =
            InstallRadvd(t.ha, t.haHomeInterface, t.homePrefix, t.homePrefixLength);
    }

    // ---- the MN: link-local only until the RAs configure it ----
    t.mnWifiInterface = AddIpv6Interface(t.mnWifiDevice, Ipv6Address::GetAny());

    NS_LOG_INFO("built " << m_numAccessPoints << " APs, MN node " << t.mn->GetId() << ", HA node "
                         << t.ha->GetId() << ", CN node " << t.cn->GetId());
    m_topology = t;
    return t;
}

int64_t
Mip6WlanAccessHelper::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    NS_ABORT_MSG_UNLESS(m_built, "AssignStreams() before Build()");
    int64_t current = stream;
    // Channel and mobility first, so that their streams do not depend on the number of APs.
    current += m_channel->AssignStreams(current);
    MobilityHelper mobility;
    current += mobility.AssignStreams(NodeContainer(m_topology.mn), current);
    current += mobility.AssignStreams(m_topology.apNodes, current);
    NetDeviceContainer wifiDevices(m_topology.mnWifiDevice);
    wifiDevices.Add(m_topology.apDevices);
    current += WifiHelper().AssignStreams(wifiDevices, current);
    for (uint32_t i = 0; i < m_radvdApps.GetN(); ++i)
    {
        current += DynamicCast<Radvd>(m_radvdApps.Get(i))->AssignStreams(current);
    }
    current += InternetStackHelper().AssignStreams(m_topology.GetAllNodes(), current);
    return current - stream;
}

void
Mip6WlanAccessHelper::EnablePcap(const std::string& prefix) const
{
    NS_LOG_FUNCTION(this << prefix);
    NS_ABORT_MSG_UNLESS(m_built, "EnablePcap() before Build()");
    YansWifiPhyHelper phy;
    phy.SetPcapDataLinkType(WifiPhyHelper::DLT_IEEE802_11_RADIO);
    NetDeviceContainer wifiDevices(m_topology.apDevices);
    wifiDevices.Add(m_topology.mnWifiDevice);
    phy.EnablePcap(prefix, wifiDevices);
    PointToPointHelper().EnablePcap(prefix, m_p2pDevices);
    CsmaHelper().EnablePcap(prefix, m_topology.homeLinkDevices);
}

} // namespace ns3

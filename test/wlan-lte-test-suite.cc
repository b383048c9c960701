/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A multihomed Mobile Node over a real WLAN (one AP/AR of Mip6WlanAccessHelper) and real LTE
 * (LENA + EPC of Mip6CellularAccessHelper): single-binding soft and hard handovers and RFC 5648
 * MCoA between them, with the probes counted per interface; LTE downlink after a radio link
 * failure; the abstract cell's random loss against its configured rate.
 */

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/lte-ue-net-device.h"
#include "ns3/lte-ue-rrc.h"
#include "ns3/mip6-cellular-access-helper.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-result-writer.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/mip6-wlan-access-helper.h"
#include "ns3/mobility-model.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/sta-wifi-mac.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// How a run is set up.
struct RunOptions
{
    std::string design = "none";   ///< security design
    bool wlan = true;              ///< the MN has the WLAN access too (else its AP is out of reach)
    std::string cellMode = "lte";  ///< Mip6CellularAccessHelper Mode
    bool multipleCoa = false;      ///< Mip6MobileNode MultipleCoa
    double mnStartX = -75;         ///< MN start along x (m); the AP is at x = 0
    double mnSpeed = 25;           ///< MN speed along +x (m/s)
    uint32_t maxMissedBeacons = 3; ///< the STA's MaxMissedBeacons
    Time simTime = Seconds(6);     ///< end of the run
    Time probeStart = Seconds(0.5);                          ///< probes start
    double probeRate = 100;                                  ///< probes per second, each way
    std::function<void(Ptr<Mip6CellularAccessHelper>)> cell; ///< cellular helper attributes
};

/// One BU as the MN sent it.
struct BuSeen
{
    Time at;                    ///< when
    Ipv6Address coa;            ///< the CoA it registers (the primary CoA under MCoA)
    Time lifetime;              ///< requested lifetime
    bool retransmission;        ///< a retransmission
    std::vector<uint16_t> bids; ///< MCoA: the BIDs it carries
};

/// A tunnelled packet at the MN: when and on which IPv6 interface.
struct TunnelSeen
{
    Time at;          ///< when
    uint32_t ifIndex; ///< the MN's interface
};

/**
 * The multihomed MN on the WLAN topology's core: one AP/AR (WLAN access 0), LTE (or the
 * abstract cell) on the HA, Mobile IPv6 with one design, probes CN<->HoA both ways.
 * The WLAN access is added first (index 0, BID 1), the cellular one second (index 1, BID 2).
 */
class WlanLteRun
{
  public:
    /// \param o the options
    explicit WlanLteRun(const RunOptions& o)
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        wlan = CreateObject<Mip6WlanAccessHelper>();
        wlan->SetAttribute("NumAccessPoints", UintegerValue(1));
        // Without the WLAN access the MN stays 300 m from the AP (out of its reach, 51 m).
        wlan->SetAttribute("MnStartX", DoubleValue(o.wlan ? o.mnStartX : -300.0));
        wlan->SetAttribute("MnSpeed", DoubleValue(o.wlan ? o.mnSpeed : 0.0));
        wlan->SetAttribute("MaxMissedBeacons", UintegerValue(o.maxMissedBeacons));
        topo = wlan->Build();
        mn = topo.mn;
        cell = CreateObject<Mip6CellularAccessHelper>();
        cell->SetAttribute("Mode", StringValue(o.cellMode));
        cell->SetAttribute("NumCells", UintegerValue(1));
        if (o.cell)
        {
            o.cell(cell);
        }
        access = cell->Install(mn, topo.ha);
        wlan->AssignStreams(100);
        cell->AssignStreams(1000);

        std::string error;
        design = Mip6SecurityDesignFactory::Create(o.design, error);
        NS_ABORT_MSG_UNLESS(design, error);
        Mip6Helper helper(design);
        helper.SetHomeAgentAttribute("DadDelay", TimeValue(Seconds(0)));
        helper.SetMobileNodeAttribute("MultipleCoa", BooleanValue(o.multipleCoa));
        helper.SetProbeAttribute("Rate", DoubleValue(o.probeRate));
        ha = helper.InstallHomeAgent(topo.ha,
                                     topo.haHomeAddress,
                                     topo.homePrefix,
                                     topo.homePrefixLength,
                                     topo.haHomeInterface);
        ha->SetMnId(topo.mnHomeAddress, mn->GetId());
        ha->GetSecurity()->ProvisionHomeAddress(mn->GetId(), topo.mnHomeAddress);
        if (o.wlan)
        {
            // WLAN first (index 0, BID 1), then the cellular access (index 1, BID 2).
            agent = helper.InstallMobileNode(mn,
                                             topo.mnWifiDevice,
                                             topo.mnHomeAddress,
                                             topo.haHomeAddress,
                                             topo.homePrefix,
                                             topo.homePrefixLength);
            agent->AddAccess(access.monitor);
        }
        else
        {
            agent = helper.InstallMobileNode(mn,
                                             access.monitor,
                                             topo.mnHomeAddress,
                                             topo.haHomeAddress,
                                             topo.homePrefix,
                                             topo.homePrefixLength);
        }
        for (Ptr<Application> app : {Ptr<Application>(ha), Ptr<Application>(agent)})
        {
            app->SetStartTime(Seconds(0));
            app->SetStopTime(o.simTime);
        }
        agent->TraceConnectWithoutContext("BindingUpdateSent",
                                          MakeCallback(&WlanLteRun::BuSent, this));
        agent->TraceConnectWithoutContext("McoaBindingUpdateSent",
                                          MakeCallback(&WlanLteRun::McoaBuSent, this));
        agent->TraceConnectWithoutContext("BindingAckReceived",
                                          MakeCallback(&WlanLteRun::BaReceived, this));
        agent->TraceConnectWithoutContext("BidStatus", MakeCallback(&WlanLteRun::BidStatus, this));

        const Mip6Helper::ProbePair probes = helper.InstallProbes(topo.cn,
                                                                  topo.cnAddress,
                                                                  mn,
                                                                  topo.mnHomeAddress,
                                                                  o.probeStart,
                                                                  o.simTime);
        cnProbe = probes.cnProbe;
        mnProbe = probes.mnProbe;
        cnProbe->TraceConnectWithoutContext("ProbeTx", MakeCallback(&WlanLteRun::CnTx, this));
        mnProbe->TraceConnectWithoutContext("ProbeTx", MakeCallback(&WlanLteRun::MnTx, this));
        mnProbe->TraceConnectWithoutContext("ProbeRx", MakeCallback(&WlanLteRun::MnRx, this));
        cnProbe->TraceConnectWithoutContext("ProbeRx", MakeCallback(&WlanLteRun::CnRx, this));

        // Tunnelled packets (outer Next Header 41) per interface of the MN, both directions.
        Ptr<Ipv6L3Protocol> ipv6 = mn->GetObject<Ipv6L3Protocol>();
        ipv6->TraceConnectWithoutContext("Rx", MakeCallback(&WlanLteRun::MnIpRx, this));
        ipv6->TraceConnectWithoutContext("Tx", MakeCallback(&WlanLteRun::MnIpTx, this));

        timeline = CreateObject<Mip6HandoverTimeline>();
        std::map<Mac48Address, std::string> names = access.accessNames;
        for (const auto& ar : topo.accessRouters)
        {
            names[ar.bssid] = ar.accessName;
        }
        timeline->SetAccessNames(names);
        timeline->Attach(agent, mnProbe);
        mn->AggregateObject(timeline);

        if (o.wlan)
        {
            Ptr<StaWifiMac> sta = topo.GetMnStaMac();
            sta->TraceConnectWithoutContext("Assoc", MakeCallback(&WlanLteRun::Assoc, this));
            sta->TraceConnectWithoutContext("DeAssoc", MakeCallback(&WlanLteRun::DeAssoc, this));
        }
        access.monitor->TraceConnectWithoutContext("L2Lost",
                                                   MakeCallback(&WlanLteRun::CellL2Lost, this));
        access.monitor->TraceConnectWithoutContext("CoaUsable",
                                                   MakeCallback(&WlanLteRun::CellUsable, this));
        access.monitor->TraceConnectWithoutContext("CoaLost",
                                                   MakeCallback(&WlanLteRun::CellCoaLost, this));
        if (access.lte)
        {
            Ptr<LteUeRrc> rrc = DynamicCast<LteUeNetDevice>(access.mnDevice)->GetRrc();
            rrc->TraceConnectWithoutContext("RadioLinkFailure",
                                            MakeCallback(&WlanLteRun::Rlf, this));
            rrc->TraceConnectWithoutContext("ConnectionEstablished",
                                            MakeCallback(&WlanLteRun::Connected, this));
        }
        stop = o.simTime;
    }

    ~WlanLteRun()
    {
        Simulator::Destroy();
    }

    /// Runs the simulation to the end.
    void Run()
    {
        Simulator::Stop(stop);
        Simulator::Run();
        events = Simulator::GetEventCount();
    }

    /// \return the interface index of the WLAN access on the MN
    uint32_t WlanIf() const
    {
        return topo.mnWifiInterface;
    }

    /// \return the interface index of the cellular access on the MN
    uint32_t CellIf() const
    {
        return access.mnInterface;
    }

    /**
     * \param v tunnelled packets received or sent by the MN
     * \param ifIndex an interface of the MN
     * \param from start of the window
     * \param to its end
     * \return those on \p ifIndex in [from, to)
     */
    static uint32_t Count(const std::vector<TunnelSeen>& v, uint32_t ifIndex, Time from, Time to)
    {
        uint32_t n = 0;
        for (const auto& t : v)
        {
            n += (t.ifIndex == ifIndex && t.at >= from && t.at < to) ? 1 : 0;
        }
        return n;
    }

    /// \return CN->MN probes received through \p coa in [from, to)
    uint32_t MnRxVia(Ipv6Address coa, Time from, Time to) const
    {
        uint32_t n = 0;
        for (const auto& [seq, rx] : mnRx)
        {
            n += (rx.second == coa && rx.first >= from && rx.first < to) ? 1 : 0;
        }
        return n;
    }

    /**
     * \param tx probes of one direction sent: sequence -> time
     * \param rx those received, by sequence
     * \param from start of the window
     * \param to its end
     * \return the probes sent in [from, to) and never received
     */
    template <typename Rx>
    static uint32_t Lost(const std::map<uint32_t, Time>& tx, const Rx& rx, Time from, Time to)
    {
        uint32_t n = 0;
        for (const auto& [seq, at] : tx)
        {
            n += (at >= from && at < to && rx.count(seq) == 0) ? 1 : 0;
        }
        return n;
    }

    /// \return the handovers.csv rows
    std::string Csv() const
    {
        Mip6CsvTable table(Mip6Schema::HandoverColumns());
        timeline->FillHandovers(Mip6RunInfo{1, 1, "test"}, table);
        return table.ToString(false);
    }

    /// \return every traced figure, one per line (for byte-identical reruns)
    std::string Fingerprint() const
    {
        std::ostringstream os;
        for (const auto& b : bus)
        {
            os << "BU " << b.at.GetNanoSeconds() << " " << b.coa << "\n";
        }
        for (const auto& [seq, rx] : mnRx)
        {
            os << "mnrx " << seq << " " << rx.first.GetNanoSeconds() << "\n";
        }
        for (const auto& [seq, at] : cnRx)
        {
            os << "cnrx " << seq << " " << at.GetNanoSeconds() << "\n";
        }
        os << Csv();
        return os.str();
    }

    Ptr<Mip6WlanAccessHelper> wlan;                        ///< the WLAN topology's builder
    Mip6WlanTopology topo;                                 ///< the WLAN topology (core, AP, MN)
    Ptr<Node> mn;                                          ///< the MN
    Ptr<Mip6CellularAccessHelper> cell;                    ///< the cellular builder
    Mip6CellularAccess access;                             ///< the cellular access
    Ptr<Mip6SecurityDesign> design;                        ///< the design (outlives the run)
    Ptr<Mip6HomeAgent> ha;                                 ///< HA agent
    Ptr<Mip6MobileNode> agent;                             ///< MN agent
    Ptr<Mip6ProbeApplication> cnProbe;                     ///< CN probes (to the HoA)
    Ptr<Mip6ProbeApplication> mnProbe;                     ///< MN probes (to the CN)
    Ptr<Mip6HandoverTimeline> timeline;                    ///< the MN's timeline
    std::vector<BuSeen> bus;                               ///< BUs sent
    std::vector<std::pair<Time, uint8_t>> bas;             ///< BAs received: time, status
    std::vector<std::pair<uint16_t, uint8_t>> bidStatus;   ///< MCoA per-BID results
    std::map<uint32_t, Time> cnTx;                         ///< CN probes sent
    std::map<uint32_t, Time> mnTx;                         ///< MN probes sent
    std::map<uint32_t, std::pair<Time, Ipv6Address>> mnRx; ///< CN probes received: time, CoA
    std::map<uint32_t, Time> cnRx;                         ///< MN probes received by the CN
    std::vector<TunnelSeen> tunnelRx;                      ///< tunnelled packets received by the MN
    std::vector<TunnelSeen> tunnelTx;                      ///< tunnelled packets sent by the MN
    std::vector<Time> assoc;                               ///< WLAN associations
    std::vector<Time> deassoc;                             ///< WLAN disassociations
    std::vector<Time> rlf;                                 ///< LTE radio link failures
    std::vector<Time> connected;                           ///< LTE RRC connections established
    std::vector<Time> cellL2Lost;                          ///< cellular monitor: L2Lost
    std::vector<Time> cellUsable;                          ///< cellular monitor: CoaUsable
    std::vector<Time> cellCoaLost;                         ///< cellular monitor: CoaLost
    uint64_t events{0};                                    ///< simulator events executed
    Time stop;                                             ///< end of the run

  private:
    void BuSent(uint16_t seq, Ipv6Address coa, Time lifetime, bool retx)
    {
        bus.push_back({Simulator::Now(), coa, lifetime, retx, {}});
    }

    void McoaBuSent(uint16_t seq, Time lifetime, const std::vector<uint16_t>& bids, Ipv6Address)
    {
        if (!bus.empty() && bus.back().at == Simulator::Now())
        {
            bus.back().bids = bids; // BindingUpdateSent fired just before, for the same BU
        }
    }

    void BaReceived(uint8_t status, uint16_t seq, Time lifetime)
    {
        bas.emplace_back(Simulator::Now(), status);
    }

    void BidStatus(uint16_t bid, uint8_t status, uint16_t seq)
    {
        bidStatus.emplace_back(bid, status);
    }

    void CnTx(uint32_t seq, Time t)
    {
        cnTx[seq] = t;
    }

    void MnTx(uint32_t seq, Time t)
    {
        mnTx[seq] = t;
    }

    void MnRx(uint32_t seq, Time sent, Ipv6Address coa)
    {
        mnRx[seq] = {Simulator::Now(), coa};
    }

    void CnRx(uint32_t seq, Time sent, Ipv6Address coa)
    {
        cnRx[seq] = Simulator::Now();
    }

    static bool IsTunnel(Ptr<const Packet> p)
    {
        Ipv6Header h;
        return p->GetSize() >= 40 && p->PeekHeader(h) == 40 && h.GetNextHeader() == 41;
    }

    void MnIpRx(Ptr<const Packet> p, Ptr<Ipv6> ipv6, uint32_t ifIndex)
    {
        if (IsTunnel(p))
        {
            tunnelRx.push_back({Simulator::Now(), ifIndex});
        }
    }

    void MnIpTx(Ptr<const Packet> p, Ptr<Ipv6> ipv6, uint32_t ifIndex)
    {
        if (IsTunnel(p))
        {
            tunnelTx.push_back({Simulator::Now(), ifIndex});
        }
    }

    void Assoc(Mac48Address)
    {
        assoc.push_back(Simulator::Now());
    }

    void DeAssoc(Mac48Address)
    {
        deassoc.push_back(Simulator::Now());
    }

    void Rlf(uint64_t, uint16_t, uint16_t)
    {
        rlf.push_back(Simulator::Now());
    }

    void Connected(uint64_t, uint16_t, uint16_t)
    {
        connected.push_back(Simulator::Now());
    }

    void CellL2Lost(Time)
    {
        cellL2Lost.push_back(Simulator::Now());
    }

    void CellUsable(Ipv6Address)
    {
        cellUsable.push_back(Simulator::Now());
    }

    void CellCoaLost(Ipv6Address)
    {
        cellCoaLost.push_back(Simulator::Now());
    }
};

/// \return \p t in seconds for messages
std::string
Sec(Time t)
{
    std::ostringstream os;
    os << t.As(Time::S);
    return os.str();
}

/// \return the figures of a run, for messages and for the measured numbers in doc/links.rst
std::string
Describe(const WlanLteRun& r)
{
    std::ostringstream os;
    os << r.events << " events; assoc";
    for (Time t : r.assoc)
    {
        os << " " << Sec(t);
    }
    os << "; deassoc";
    for (Time t : r.deassoc)
    {
        os << " " << Sec(t);
    }
    os << "; BUs";
    for (const auto& b : r.bus)
    {
        os << " " << Sec(b.at) << "/" << b.coa << "/" << b.lifetime.GetSeconds();
        for (uint16_t bid : b.bids)
        {
            os << "/bid" << bid;
        }
    }
    os << "; BAs";
    for (const auto& b : r.bas)
    {
        os << " " << Sec(b.first) << "/" << unsigned(b.second);
    }
    os << "; probes CN->MN " << r.mnRx.size() << "/" << r.cnTx.size() << ", MN->CN "
       << r.cnRx.size() << "/" << r.mnTx.size() << "\n"
       << r.Csv();
    return os.str();
}

/// \return the largest number of probes sent at \p rate per second in a window of \p w
uint32_t
ProbesIn(Time w, double rate)
{
    return static_cast<uint32_t>(std::ceil(w.GetSeconds() * rate)) + 1;
}

/**
 * Single binding over real WLAN + LTE: the MN registers over LTE, drives into the AP's coverage
 * (soft handover to the WLAN, preferred by AccessPreference), and out again (hard handover back
 * to LTE). The probes are counted per interface of the MN and per CoA the HA tunnelled to.
 */
class WlanLteSingleTestCase : public TestCase
{
  public:
    explicit WlanLteSingleTestCase(std::string design)
        : TestCase("single binding, " + design +
                   ": LTE, soft handover to the WLAN, hard handover back to LTE, probes per "
                   "interface"),
          m_design(std::move(design))
    {
    }

  private:
    void DoRun() override
    {
        RunOptions o;
        o.design = m_design;
        WlanLteRun r(o);
        r.Run();
        const Ipv6Address lteCoa = r.access.careOfAddress;
        const Ipv6Address wlanCoa = r.topo.GetMnAutoconfiguredAddress(0);
        const std::string info = Describe(r);
        std::cout << m_design << ": " << info << std::endl;

        // The WLAN came and went once; LTE stayed connected.
        NS_TEST_ASSERT_MSG_EQ(r.assoc.size(), 1u, info);
        NS_TEST_ASSERT_MSG_EQ(r.deassoc.size(), 1u, info);
        NS_TEST_ASSERT_MSG_EQ(r.rlf.size(), 0u, "no LTE radio link failure");
        NS_TEST_ASSERT_MSG_EQ(r.bus.size(), 3u, "three BUs, no retransmission\n" << info);
        if (r.assoc.size() != 1 || r.deassoc.size() != 1 || r.bus.size() != 3)
        {
            return;
        }

        // Three registrations, each one BU and one accepted BA: LTE, WLAN (soft), LTE (hard).
        NS_TEST_ASSERT_MSG_EQ(r.bus.size(), 3u, "three BUs, no retransmission\n" << info);
        NS_TEST_ASSERT_MSG_EQ(r.bus[0].coa, lteCoa, "first BU from the LTE CoA");
        NS_TEST_ASSERT_MSG_EQ(r.bus[1].coa, wlanCoa, "then from the WLAN CoA");
        NS_TEST_ASSERT_MSG_EQ(r.bus[2].coa, lteCoa, "then from the LTE CoA again");
        NS_TEST_ASSERT_MSG_GT(r.bus[1].at, r.assoc[0], "WLAN BU after the association");
        NS_TEST_ASSERT_MSG_GT(r.bus[2].at, r.deassoc[0] - MilliSeconds(1), "LTE BU at DeAssoc");
        NS_TEST_ASSERT_MSG_EQ(r.bas.size(), 3u, "three BAs\n" << info);
        for (const auto& [at, status] : r.bas)
        {
            NS_TEST_ASSERT_MSG_EQ(unsigned(status), 0u, "accepted");
        }
        const Mip6BindingCacheEntry* e = r.ha->GetBinding(r.topo.mnHomeAddress);
        NS_TEST_ASSERT_MSG_NE(e, nullptr, "binding at the end");
        NS_TEST_ASSERT_MSG_EQ(e ? e->careOfAddress : Ipv6Address(),
                              lteCoa,
                              "bound to the LTE CoA at the end");
        NS_TEST_ASSERT_MSG_EQ(r.agent->GetPrimaryAccess(), 1, "LTE is primary at the end");

        // The timeline: soft then hard.
        const auto& recs = r.timeline->GetRecords();
        NS_TEST_ASSERT_MSG_EQ(recs.size(), 2u, "two handovers\n" << info);
        if (recs.size() != 2)
        {
            return;
        }
        const auto& soft = recs[0];
        const auto& hard = recs[1];
        NS_TEST_ASSERT_MSG_EQ(soft.kind, "soft", "WLAN while LTE works: soft\n" << info);
        NS_TEST_ASSERT_MSG_EQ(soft.fromAccess, "lte-cell1", "from LTE");
        NS_TEST_ASSERT_MSG_EQ(soft.toAccess, "wlan-ap0", "to the AP");
        NS_TEST_ASSERT_MSG_EQ(soft.toCoa, wlanCoa, "to the WLAN CoA");
        NS_TEST_ASSERT_MSG_EQ(soft.buCount, 1u, "one BU");
        NS_TEST_ASSERT_MSG_EQ(hard.kind, "hard", "WLAN lost: hard\n" << info);
        NS_TEST_ASSERT_MSG_EQ(hard.fromAccess, "wlan-ap0", "from the AP");
        NS_TEST_ASSERT_MSG_EQ(hard.toAccess, "lte-cell1", "to LTE");
        NS_TEST_ASSERT_MSG_EQ(hard.toCoa, lteCoa, "to the LTE CoA");
        NS_TEST_ASSERT_MSG_EQ(hard.buCount, 1u, "one BU");
        NS_TEST_ASSERT_MSG_EQ(hard.l2Lost.value_or(Seconds(-1)), r.deassoc[0], "lost at DeAssoc");
        NS_TEST_ASSERT_MSG_EQ(hard.coaUsable.value_or(Seconds(-1)),
                              r.deassoc[0],
                              "LTE already attached: l2_attach, md, dad 0");
        if (!soft.coaUsable || !soft.baReceived || !soft.buSent || !hard.lastFrame ||
            !hard.baReceived || !hard.buSent)
        {
            NS_TEST_ASSERT_MSG_EQ(true, false, "incomplete records\n" << info);
            return;
        }
        const Time softBa = *soft.baReceived;
        const Time lastFrame = *hard.lastFrame;
        const Time hardBa = *hard.baReceived;

        // Probes per interface (outer Next Header 41 at the MN) and per CoA the HA tunnelled to:
        // LTE before the soft handover, WLAN between the handovers, LTE after the hard one.
        const Time settle = MilliSeconds(100);
        const uint32_t wlanIf = r.WlanIf();
        const uint32_t lteIf = r.CellIf();
        const Time start = o.probeStart + settle;
        const Time end = r.stop - settle;
        NS_TEST_ASSERT_MSG_GT(r.Count(r.tunnelRx, lteIf, start, *soft.l2Up), 20u, "LTE first");
        NS_TEST_ASSERT_MSG_EQ(r.Count(r.tunnelRx, wlanIf, Seconds(0), *soft.l2Up), 0u, "no WLAN");
        NS_TEST_ASSERT_MSG_EQ(r.Count(r.tunnelTx, wlanIf, Seconds(0), *soft.l2Up), 0u, "no WLAN");
        const uint32_t onWlan =
            static_cast<uint32_t>((lastFrame - softBa - settle).GetSeconds() * o.probeRate * 0.95);
        NS_TEST_ASSERT_MSG_GT(r.Count(r.tunnelRx, wlanIf, softBa + settle, lastFrame),
                              onWlan,
                              "downlink over the WLAN\n"
                                  << info);
        NS_TEST_ASSERT_MSG_GT(r.Count(r.tunnelTx, wlanIf, softBa + settle, lastFrame),
                              onWlan,
                              "uplink over the WLAN");
        NS_TEST_ASSERT_MSG_EQ(r.Count(r.tunnelRx, lteIf, softBa + settle, lastFrame),
                              0u,
                              "no downlink over LTE while on the WLAN");
        NS_TEST_ASSERT_MSG_EQ(r.Count(r.tunnelTx, lteIf, softBa + settle, lastFrame),
                              0u,
                              "no uplink over LTE while on the WLAN");
        NS_TEST_ASSERT_MSG_EQ(r.MnRxVia(wlanCoa, softBa + settle, lastFrame),
                              r.Count(r.tunnelRx, wlanIf, softBa + settle, lastFrame),
                              "the HA tunnelled them to the WLAN CoA");
        const uint32_t afterHard =
            static_cast<uint32_t>((end - hardBa - settle).GetSeconds() * o.probeRate * 0.95);
        NS_TEST_ASSERT_MSG_GT(r.Count(r.tunnelRx, lteIf, hardBa + settle, end),
                              afterHard,
                              "downlink over LTE again");
        NS_TEST_ASSERT_MSG_GT(r.Count(r.tunnelTx, lteIf, hardBa + settle, end),
                              afterHard,
                              "uplink over LTE again");
        NS_TEST_ASSERT_MSG_EQ(r.Count(r.tunnelTx, wlanIf, hardBa, end), 0u, "none on the WLAN");
        NS_TEST_ASSERT_MSG_EQ(r.MnRxVia(lteCoa, hardBa + settle, end),
                              r.Count(r.tunnelRx, lteIf, hardBa + settle, end),
                              "the HA tunnelled them to the LTE CoA");

        // Losses, bounded by the timeline. Soft (make-before-break): the downlink loses nothing
        // (the old path works until the HA switches); the uplink leaves from the new CoA once it
        // is usable, and the HA accepts it once the BU arrived: at most the probes sent from
        // CoaUsable to the BA (sec_s + reg_s).
        const Time softWindow = softBa - *soft.coaUsable;
        NS_TEST_ASSERT_MSG_EQ(r.Lost(r.cnTx, r.mnRx, *soft.l2Up - settle, softBa + settle),
                              0u,
                              "soft: no downlink loss\n"
                                  << info);
        const uint32_t softUpLost = r.Lost(r.mnTx, r.cnRx, *soft.l2Up - settle, softBa + settle);
        NS_TEST_ASSERT_MSG_LT_OR_EQ(softUpLost,
                                    ProbesIn(softWindow, o.probeRate),
                                    "soft: uplink loss within sec_s + reg_s");
        // Those were refused by the HA (outer source not yet bound), not lost on the air.
        NS_TEST_ASSERT_MSG_GT_OR_EQ(r.ha->GetDropCount("tunnel-source-mismatch"),
                                    softUpLost,
                                    "soft: the HA refused the early uplink");
        // Hard (break-before-make): every probe that reaches the old path between the last
        // frame and the switch is lost; the window is total_s (last frame -> BA). Probes sent
        // before the last frame or after the BA all arrive. The CN's probes need about 10 ms
        // more to reach the WLAN than the MN's to leave it, so both windows widen by that.
        const Time transit = MilliSeconds(30);
        const Time total = hardBa - lastFrame;
        const uint32_t downLost = r.Lost(r.cnTx, r.mnRx, lastFrame - transit, hardBa + transit);
        const uint32_t upLost = r.Lost(r.mnTx, r.cnRx, lastFrame - transit, hardBa + transit);
        std::cout << m_design << ": soft BU->BA " << Sec(*soft.baReceived - *soft.buSent)
                  << ", usable->BA " << Sec(softWindow) << ", lost down "
                  << r.Lost(r.cnTx, r.mnRx, *soft.l2Up - settle, softBa + settle) << " up "
                  << r.Lost(r.mnTx, r.cnRx, *soft.l2Up - settle, softBa + settle)
                  << "; hard l2_detect " << Sec(*hard.l2Lost - lastFrame) << ", BU->BA "
                  << Sec(*hard.baReceived - *hard.buSent) << ", total " << Sec(total)
                  << ", lost down " << downLost << " up " << upLost << std::endl;
        NS_TEST_ASSERT_MSG_LT_OR_EQ(downLost,
                                    ProbesIn(total, o.probeRate),
                                    "hard: downlink loss within total_s");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(downLost + 2,
                                    ProbesIn(*hard.l2Lost - lastFrame, o.probeRate),
                                    "hard: the probes of l2_detect_s are lost");
        NS_TEST_ASSERT_MSG_LT_OR_EQ(upLost,
                                    ProbesIn(total, o.probeRate),
                                    "hard: uplink loss within total_s");
        NS_TEST_ASSERT_MSG_EQ(r.Lost(r.cnTx, r.mnRx, start, lastFrame - transit) +
                                  r.Lost(r.cnTx, r.mnRx, hardBa + transit, end),
                              0u,
                              "no downlink loss outside the hard handover");
        NS_TEST_ASSERT_MSG_EQ(r.Lost(r.mnTx, r.cnRx, hardBa + transit, end),
                              0u,
                              "no uplink loss after the hard handover");
    }

    std::string m_design;
};

/// Is \p bid among \p bids?
bool
Has(const std::vector<uint16_t>& bids, uint16_t bid)
{
    return std::find(bids.begin(), bids.end(), bid) != bids.end();
}

/**
 * MCoA over real WLAN + LTE: the LTE BID (2) is registered, the WLAN BID (1) is added and becomes
 * the primary (BID-PRI from AccessPreference); the WLAN loss de-registers BID 1 from the LTE CoA
 * and the traffic goes on over LTE with no new registration of BID 2.
 */
class WlanLteMcoaTestCase : public TestCase
{
  public:
    WlanLteMcoaTestCase()
        : TestCase("MCoA: LTE BID, WLAN BID added (primary), WLAN lost -> remove-coa, traffic "
                   "continues over LTE without re-registering its BID")
    {
    }

  private:
    void DoRun() override
    {
        RunOptions o;
        o.multipleCoa = true;
        WlanLteRun r(o);
        std::vector<Mip6BindingCacheEntry> both;
        Simulator::Schedule(Seconds(2.5),
                            [&]() { both = r.ha->GetBindings(r.topo.mnHomeAddress); });
        r.Run();
        const Ipv6Address lteCoa = r.access.careOfAddress;
        const Ipv6Address wlanCoa = r.topo.GetMnAutoconfiguredAddress(0);
        const std::string info = Describe(r);
        std::cout << "mcoa: " << info << std::endl;
        NS_TEST_ASSERT_MSG_EQ(r.assoc.size(), 1u, info);
        NS_TEST_ASSERT_MSG_EQ(r.deassoc.size(), 1u, info);
        NS_TEST_ASSERT_MSG_EQ(r.bus.size(), 3u, "three BUs\n" << info);
        if (r.deassoc.size() != 1 || r.bus.size() != 3)
        {
            return;
        }
        const Time lost = r.deassoc[0];

        // BUs: BID 2 from LTE; BID 1 added from the WLAN CoA (the new primary); BID 1 removed
        // (lifetime 0) from the LTE CoA after the loss; nothing else.
        NS_TEST_ASSERT_MSG_EQ(r.bus.size(), 3u, "three BUs\n" << info);
        NS_TEST_ASSERT_MSG_EQ((r.bus[0].bids.size() == 1 && Has(r.bus[0].bids, 2)), true, info);
        NS_TEST_ASSERT_MSG_EQ(r.bus[0].coa, lteCoa, "from the LTE CoA");
        NS_TEST_ASSERT_MSG_EQ(Has(r.bus[1].bids, 1), true, "BID 1 added\n" << info);
        NS_TEST_ASSERT_MSG_EQ(r.bus[1].coa, wlanCoa, "from the WLAN CoA, the primary");
        NS_TEST_ASSERT_MSG_EQ((r.bus[2].bids.size() == 1 && Has(r.bus[2].bids, 1)), true, info);
        NS_TEST_ASSERT_MSG_EQ(r.bus[2].lifetime, Seconds(0), "de-registration");
        NS_TEST_ASSERT_MSG_EQ(r.bus[2].coa, lteCoa, "from the remaining (LTE) CoA");
        for (const auto& b : r.bus)
        {
            NS_TEST_ASSERT_MSG_EQ((b.at >= lost && Has(b.bids, 2)), false, "BID 2 not re-sent");
        }
        for (const auto& [bid, status] : r.bidStatus)
        {
            NS_TEST_ASSERT_MSG_EQ(unsigned(status), 0u, "BID " << bid << " accepted");
        }
        NS_TEST_ASSERT_MSG_EQ(r.bidStatus.size(), 3u, "BID 2, BID 1, BID 1 removed");

        // Both BIDs bound while on the WLAN, the WLAN one primary; LTE alone at the end.
        NS_TEST_ASSERT_MSG_EQ(both.size(), 2u, "two bindings at 2.5 s");
        if (both.size() != 2)
        {
            return;
        }
        NS_TEST_ASSERT_MSG_EQ(both[0].careOfAddress, wlanCoa, "primary: WLAN (BID-PRI 1)");
        NS_TEST_ASSERT_MSG_EQ(both[0].bindingId, 1, "BID 1");
        NS_TEST_ASSERT_MSG_EQ(both[1].careOfAddress, lteCoa, "and the LTE CoA");
        const auto end = r.ha->GetBindings(r.topo.mnHomeAddress);
        NS_TEST_ASSERT_MSG_EQ(end.size(), 1u, "one binding left");
        if (end.size() != 1)
        {
            return;
        }
        NS_TEST_ASSERT_MSG_EQ(end[0].bindingId, 2, "BID 2");
        NS_TEST_ASSERT_MSG_EQ(end[0].careOfAddress, lteCoa, "the LTE CoA");
        NS_TEST_ASSERT_MSG_EQ(r.agent->IsBidRegistered(1), false, "BID 1 gone at the MN");
        NS_TEST_ASSERT_MSG_EQ(r.agent->IsBidRegistered(2), true, "BID 2 kept");

        const auto& recs = r.timeline->GetRecords();
        NS_TEST_ASSERT_MSG_EQ(recs.size(), 2u, "two rows\n" << info);
        if (recs.size() != 2)
        {
            return;
        }
        NS_TEST_ASSERT_MSG_EQ(recs[0].kind, "add-coa", "WLAN added");
        NS_TEST_ASSERT_MSG_EQ(recs[1].kind, "remove-coa", "WLAN removed");
        NS_TEST_ASSERT_MSG_EQ(bool(recs[1].baReceived), true, "de-registration acknowledged");

        // Traffic: over the WLAN while it is primary, over LTE after the de-registration.
        const Time settle = MilliSeconds(100);
        const Time dereg = recs[1].baReceived.value_or(r.stop);
        const Time added = recs[0].baReceived.value_or(r.stop);
        const Time endProbes = r.stop - settle;
        NS_TEST_ASSERT_MSG_GT(r.Count(r.tunnelRx, r.WlanIf(), added + settle, lost - Seconds(0.5)),
                              50u,
                              "downlink over the WLAN CoA while both are bound");
        NS_TEST_ASSERT_MSG_EQ(r.Count(r.tunnelRx, r.CellIf(), added + settle, lost - Seconds(0.5)),
                              0u,
                              "not over LTE meanwhile");
        const uint32_t after =
            static_cast<uint32_t>((endProbes - dereg - settle).GetSeconds() * o.probeRate * 0.95);
        NS_TEST_ASSERT_MSG_GT(r.Count(r.tunnelRx, r.CellIf(), dereg + settle, endProbes),
                              after,
                              "downlink continues over LTE");
        NS_TEST_ASSERT_MSG_GT(r.Count(r.tunnelTx, r.CellIf(), dereg + settle, endProbes),
                              after,
                              "uplink continues over LTE");
        NS_TEST_ASSERT_MSG_EQ(r.MnRxVia(lteCoa, dereg + settle, endProbes),
                              r.Count(r.tunnelRx, r.CellIf(), dereg + settle, endProbes),
                              "tunnelled to the LTE CoA");
        NS_TEST_ASSERT_MSG_EQ(r.Lost(r.cnTx, r.mnRx, dereg + MilliSeconds(30), endProbes),
                              0u,
                              "no downlink loss after the de-registration");
    }
};

/**
 * LTE radio link failure and reconnection, MN on LTE only: the UE is taken out of coverage,
 * declares RLF, reconnects when it is back. The EPC gives the same address, so the CoA is kept:
 * no new BU, and the HA's binding still points to it. The downlink works again after the
 * reconnection.
 */
class LteRlfDownlinkTestCase : public TestCase
{
  public:
    /**
     * \param multihomed the MN also has the WLAN access (out of the AP's reach until it is moved
     *        next to the AP at 2.2 s: a soft handover, which needs LTE usable again)
     */
    explicit LteRlfDownlinkTestCase(bool multihomed)
        : TestCase(std::string("lte") + (multihomed ? " (multihomed)" : "") +
                   ": after a radio link failure and reconnection the CoA is kept (no BU) and "
                   "CN->MN probes arrive again" +
                   (multihomed ? "; LTE is usable again (a later WLAN is a soft handover)" : "")),
          m_multihomed(multihomed)
    {
    }

  private:
    void DoRun() override
    {
        RunOptions o;
        o.wlan = m_multihomed;
        o.mnStartX = -300; // 300 m from the AP, out of its reach
        o.mnSpeed = 0;
        o.simTime = Seconds(3.5);
        WlanLteRun r(o);
        const Time toWlan = Seconds(2.2);
        if (m_multihomed)
        {
            Ptr<MobilityModel> m = r.mn->GetObject<MobilityModel>();
            Simulator::Schedule(toWlan, [m]() { m->SetPosition(Vector(0, 0, 0)); });
        }
        // A quick RLF: T310 starts at the first out-of-sync indication (ns-3: one per 200 ms)
        // and expires 200 ms later.
        Ptr<LteUeRrc> rrc = DynamicCast<LteUeNetDevice>(r.access.mnDevice)->GetRrc();
        rrc->SetAttribute("N310", UintegerValue(1));
        rrc->SetAttribute("T310", TimeValue(MilliSeconds(200)));
        Ptr<MobilityModel> mobility = r.mn->GetObject<MobilityModel>();
        const Vector home = mobility->GetPosition();
        Simulator::Schedule(Seconds(0.6), [mobility]() {
            mobility->SetPosition(Vector(1e5, 0, 0)); // far out of coverage
        });
        Simulator::Schedule(Seconds(1.5), [mobility, home]() { mobility->SetPosition(home); });
        r.Run();
        const std::string info = Describe(r);
        std::cout << "rlf: rlf";
        for (Time t : r.rlf)
        {
            std::cout << " " << Sec(t);
        }
        std::cout << "; connected";
        for (Time t : r.connected)
        {
            std::cout << " " << Sec(t);
        }
        std::cout << "; " << info << std::endl;
        NS_TEST_ASSERT_MSG_GT_OR_EQ(r.rlf.size(), 1u, "a radio link failure\n" << info);
        NS_TEST_ASSERT_MSG_GT_OR_EQ(r.connected.size(), 2u, "connected again\n" << info);
        if (r.rlf.empty() || r.connected.size() < 2)
        {
            return;
        }
        const Time back = r.connected.back();
        NS_TEST_ASSERT_MSG_GT(back, r.rlf[0], "reconnection after the RLF");
        // The monitor: L2Lost at the RLF, the same CoA usable again after the reconnection, no
        // CoaLost (reconnected within CoaLostTimeout).
        NS_TEST_ASSERT_MSG_EQ(r.cellL2Lost.size(), 1u, "one L2Lost");
        NS_TEST_ASSERT_MSG_EQ(r.cellL2Lost.empty() ? Seconds(-1) : r.cellL2Lost[0],
                              r.rlf[0],
                              "at the RLF");
        NS_TEST_ASSERT_MSG_EQ(r.cellCoaLost.size(), 0u, "no CoaLost");
        NS_TEST_ASSERT_MSG_EQ(r.cellUsable.size(), 2u, "CoaUsable at attach and reconnection");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(r.cellUsable.back(), back, "after the reconnection");
        NS_TEST_ASSERT_MSG_EQ(r.access.monitor->GetCareOfAddress(),
                              r.access.careOfAddress,
                              "the same EPC address");
        // The RLF cost no BU: the first one (LTE) is the only one before the WLAN.
        NS_TEST_ASSERT_MSG_EQ(r.bus.size(), m_multihomed ? 2u : 1u, "the CoA was kept\n" << info);
        NS_TEST_ASSERT_MSG_GT(r.bus.back().at, m_multihomed ? toWlan : Seconds(0), info);
        const Time lteEnd = m_multihomed ? toWlan : r.stop;
        const Time settle = MilliSeconds(200);
        const uint32_t expected =
            static_cast<uint32_t>((lteEnd - back - 2 * settle).GetSeconds() * o.probeRate * 0.95);
        NS_TEST_ASSERT_MSG_GT(r.MnRxVia(r.access.careOfAddress, back + settle, lteEnd - settle),
                              expected,
                              "CN->MN probes after the reconnection\n"
                                  << info);
        NS_TEST_ASSERT_MSG_GT(r.Count(r.tunnelTx, r.CellIf(), back + settle, lteEnd - settle),
                              expected,
                              "MN->CN probes after the reconnection");
        NS_TEST_ASSERT_MSG_EQ(r.Lost(r.cnTx, r.mnRx, back + settle, lteEnd - settle),
                              0u,
                              "no downlink loss once reconnected");
        const Mip6BindingCacheEntry* e = r.ha->GetBinding(r.topo.mnHomeAddress);
        NS_TEST_ASSERT_MSG_NE(e, nullptr, "binding");
        const Ipv6Address bound = e ? e->careOfAddress : Ipv6Address();
        if (!m_multihomed)
        {
            NS_TEST_ASSERT_MSG_EQ(r.agent->GetCareOfAddress(), r.access.careOfAddress, "kept");
            NS_TEST_ASSERT_MSG_EQ(bound, r.access.careOfAddress, "bound to the LTE CoA");
            return;
        }
        // Multihomed: the MN used LTE again after the reconnection, so the WLAN that came up
        // later is a soft handover (make-before-break), not a hard one.
        const Ipv6Address wlanCoa = r.topo.GetMnAutoconfiguredAddress(0);
        NS_TEST_ASSERT_MSG_EQ(bound, wlanCoa, "bound to the WLAN CoA at the end");
        const std::string csv = r.Csv();
        NS_TEST_ASSERT_MSG_NE(csv.find(",1,intra,lte-cell1,lte-cell1,"),
                              std::string::npos,
                              "the RLF is an intra row\n"
                                  << csv);
        NS_TEST_ASSERT_MSG_NE(csv.find(",2,soft,lte-cell1,wlan-ap0,"),
                              std::string::npos,
                              "the WLAN a soft handover from LTE\n"
                                  << csv);
    }

    bool m_multihomed; //!< the MN also has the WLAN access
};

/**
 * The abstract cell's random loss: with ErrorRate p, each probe crosses the cell link once per
 * direction, so the number lost among n probes is binomial(n, p): it must lie within 4 standard
 * deviations of n p. The draw is deterministic: a rerun loses exactly the same probes.
 */
class AbstractErrorRateTestCase : public TestCase
{
  public:
    AbstractErrorRateTestCase()
        : TestCase("abstract cell: probe loss matches ErrorRate within a binomial bound; a rerun "
                   "loses the same probes")
    {
    }

  private:
    void DoRun() override
    {
        const double p = 0.05;
        RunOptions o;
        o.wlan = false;
        o.cellMode = "abstract";
        o.simTime = Seconds(4);
        o.probeRate = 500;
        o.cell = [p](Ptr<Mip6CellularAccessHelper> h) {
            h->SetAttribute("ErrorRate", DoubleValue(p));
            h->SetAttribute("AttachTime", TimeValue(Seconds(0.1)));
        };
        std::string first;
        for (int rerun = 0; rerun < 2; ++rerun)
        {
            WlanLteRun r(o);
            r.Run();
            const std::string info = Describe(r);
            NS_TEST_ASSERT_MSG_GT_OR_EQ(r.bas.size(), 1u, "registered\n" << info);
            if (r.bas.empty())
            {
                return;
            }
            // Only probes sent once registered, and early enough to arrive before the end.
            const Time from = r.bas[0].first;
            const Time to = r.stop - MilliSeconds(100);
            for (int dir = 0; dir < 2; ++dir)
            {
                const auto& tx = dir == 0 ? r.cnTx : r.mnTx;
                uint32_t n = 0;
                for (const auto& [seq, at] : tx)
                {
                    n += (at >= from && at < to) ? 1 : 0;
                }
                const uint32_t lost =
                    dir == 0 ? r.Lost(r.cnTx, r.mnRx, from, to) : r.Lost(r.mnTx, r.cnRx, from, to);
                const double mean = n * p;
                const double sd = std::sqrt(n * p * (1 - p));
                if (rerun == 0)
                {
                    std::cout << "abstract ErrorRate " << p << ": " << (dir ? "MN->CN" : "CN->MN")
                              << " lost " << lost << "/" << n << " (expected " << mean << " +- "
                              << 4 * sd << ")" << std::endl;
                }
                NS_TEST_ASSERT_MSG_GT(n, 1000u, "enough probes");
                NS_TEST_ASSERT_MSG_LT_OR_EQ(std::abs(lost - mean),
                                            4 * sd,
                                            (dir ? "MN->CN" : "CN->MN")
                                                << " loss " << lost << "/" << n);
            }
            if (rerun == 0)
            {
                first = r.Fingerprint();
            }
            else
            {
                NS_TEST_ASSERT_MSG_EQ(r.Fingerprint(), first, "same seed and run: same losses");
            }
        }
    }
};

/// The suite.
class WlanLteTestSuite : public TestSuite
{
  public:
    WlanLteTestSuite()
        : TestSuite("mip6-wlan-lte", UNIT)
    {
        AddTestCase(new WlanLteSingleTestCase("none"), TestCase::QUICK);
        AddTestCase(new WlanLteSingleTestCase("ipsec-ikev2"), TestCase::QUICK);
        AddTestCase(new WlanLteMcoaTestCase, TestCase::QUICK);
        AddTestCase(new LteRlfDownlinkTestCase(false), TestCase::QUICK);
        AddTestCase(new LteRlfDownlinkTestCase(true), TestCase::QUICK);
        AddTestCase(new AbstractErrorRateTestCase, TestCase::QUICK);
    }
};

/// Registers the suite.
WlanLteTestSuite g_wlanLteTestSuite;

} // namespace

/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Cellular access (Mip6CellularAccessHelper): LTE (LENA + EPC) and the abstract cell, their access
// monitors, and Mobile IPv6 over them.

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/icmpv6-l4-protocol.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/lte-ue-rrc.h"
#include "ns3/mip6-cell-access-monitor.h"
#include "ns3/mip6-cellular-access-helper.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-lte-access-monitor.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/mip6-wlan-access-helper.h"
#include "ns3/mobility-model.h"
#include "ns3/node.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"
#include "ns3/vector.h"

#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// One event of an access monitor, as the tests compare them.
struct MonitorEvent
{
    std::string name; //!< trace source
    Time at;          //!< when it fired
    std::string arg;  //!< its argument, printed
};

/// Records every trace of an access monitor.
class MonitorRecorder
{
  public:
    /// \param monitor the monitor to watch
    void Watch(Ptr<Mip6AccessMonitor> monitor)
    {
        monitor->TraceConnectWithoutContext("L2Lost", MakeCallback(&MonitorRecorder::L2Lost, this));
        monitor->TraceConnectWithoutContext("L2Up", MakeCallback(&MonitorRecorder::L2Up, this));
        monitor->TraceConnectWithoutContext("CoaFormed",
                                            MakeCallback(&MonitorRecorder::CoaFormed, this));
        monitor->TraceConnectWithoutContext("CoaUsable",
                                            MakeCallback(&MonitorRecorder::CoaUsable, this));
        monitor->TraceConnectWithoutContext("CoaLost",
                                            MakeCallback(&MonitorRecorder::CoaLost, this));
    }

    /// \param name a trace name \return how many times it fired
    uint32_t Count(const std::string& name) const
    {
        uint32_t n = 0;
        for (const auto& e : events)
        {
            n += e.name == name ? 1 : 0;
        }
        return n;
    }

    /// \param name a trace name \param k which occurrence \return it (or null)
    const MonitorEvent* Find(const std::string& name, uint32_t k = 0) const
    {
        for (const auto& e : events)
        {
            if (e.name == name && k-- == 0)
            {
                return &e;
            }
        }
        return nullptr;
    }

    /// \return the events as one line each, "name at arg"
    std::string Dump() const
    {
        std::ostringstream os;
        for (const auto& e : events)
        {
            os << e.name << " " << e.at.GetNanoSeconds() << " " << e.arg << "\n";
        }
        return os.str();
    }

    std::vector<MonitorEvent> events; //!< in order

  private:
    void L2Lost(Time lastFrame)
    {
        events.push_back({"L2Lost", Simulator::Now(), std::to_string(lastFrame.GetNanoSeconds())});
    }

    void L2Up(Mac48Address cell)
    {
        std::ostringstream os;
        os << cell;
        events.push_back({"L2Up", Simulator::Now(), os.str()});
    }

    void Address(const std::string& name, Ipv6Address a)
    {
        std::ostringstream os;
        os << a;
        events.push_back({name, Simulator::Now(), os.str()});
    }

    void CoaFormed(Ipv6Address a)
    {
        Address("CoaFormed", a);
    }

    void CoaUsable(Ipv6Address a)
    {
        Address("CoaUsable", a);
    }

    void CoaLost(Ipv6Address a)
    {
        Address("CoaLost", a);
    }
};

/// \param a an address \return it printed
std::string
Str(Ipv6Address a)
{
    std::ostringstream os;
    os << a;
    return os.str();
}

/// \param cellId a cell id \return the L2Up argument for it, printed
std::string
CellStr(uint16_t cellId)
{
    std::ostringstream os;
    os << Mip6AccessMonitor::GetCellAddress(cellId);
    return os.str();
}

/**
 * An MN whose only access is cellular, on the core of the WLAN topology (one AP, its own MN
 * unused): HA with the home link, CN behind the HA, Mobile IPv6 with one design, the probe flow
 * in both directions.
 */
class CellRun
{
  public:
    /// How a run is set up.
    struct Options
    {
        std::string mode = "lte";                                ///< helper Mode
        std::string design = "none";                             ///< security design
        Time simTime = Seconds(5);                               ///< end of the run
        Time probeStart = Seconds(0.5);                          ///< probes start
        Time dadWait = Seconds(0);                               ///< monitor DadWait
        std::function<void(Ptr<Mip6CellularAccessHelper>)> cell; ///< helper attributes
    };

    /// \param o the options
    explicit CellRun(const Options& o)
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        wlan = CreateObject<Mip6WlanAccessHelper>();
        wlan->SetAttribute("NumAccessPoints", UintegerValue(1));
        topo = wlan->Build();
        mn = CreateObject<Node>();
        cell = CreateObject<Mip6CellularAccessHelper>();
        cell->SetAttribute("Mode", StringValue(o.mode));
        if (o.cell)
        {
            o.cell(cell);
        }
        access = cell->Install(mn, topo.ha);
        wlan->AssignStreams(100);
        cell->AssignStreams(1000);
        access.monitor->SetAttribute("DadWait", TimeValue(o.dadWait));
        recorder.Watch(access.monitor);

        std::string error;
        Ptr<Mip6SecurityDesign> design = Mip6SecurityDesignFactory::Create(o.design, error);
        NS_ABORT_MSG_UNLESS(design, error);
        Mip6Helper helper(design);
        helper.SetHomeAgentAttribute("DadDelay", TimeValue(Seconds(0)));
        ha = helper.InstallHomeAgent(topo.ha,
                                     topo.haHomeAddress,
                                     topo.homePrefix,
                                     topo.homePrefixLength,
                                     topo.haHomeInterface);
        ha->SetMnId(topo.mnHomeAddress, mn->GetId());
        agent = helper.InstallMobileNode(mn,
                                         access.monitor,
                                         topo.mnHomeAddress,
                                         topo.haHomeAddress,
                                         topo.homePrefix,
                                         topo.homePrefixLength);
        ha->SetStopTime(o.simTime);
        agent->SetStopTime(o.simTime);
        agent->TraceConnectWithoutContext("BindingUpdateSent",
                                          MakeCallback(&CellRun::BuSent, this));
        agent->TraceConnectWithoutContext("BindingAckReceived",
                                          MakeCallback(&CellRun::BaReceived, this));

        const Mip6Helper::ProbePair probes = helper.InstallProbes(topo.cn,
                                                                  topo.cnAddress,
                                                                  mn,
                                                                  topo.mnHomeAddress,
                                                                  o.probeStart,
                                                                  o.simTime);
        cnProbe = probes.cnProbe;
        mnProbe = probes.mnProbe;
        cnProbe->TraceConnectWithoutContext("ProbeTx", MakeCallback(&CellRun::CnTx, this));
        mnProbe->TraceConnectWithoutContext("ProbeTx", MakeCallback(&CellRun::MnTx, this));
        mnProbe->TraceConnectWithoutContext("ProbeRx", MakeCallback(&CellRun::MnRx, this));
        cnProbe->TraceConnectWithoutContext("ProbeRx", MakeCallback(&CellRun::CnRx, this));
        if (access.lte)
        {
            Ptr<LteUeRrc> rrc = DynamicCast<LteUeNetDevice>(access.mnDevice)->GetRrc();
            rrc->TraceConnectWithoutContext("HandoverEndOk",
                                            MakeCallback(&CellRun::HandoverEndOk, this));
            rrc->TraceConnectWithoutContext("HandoverStart",
                                            MakeCallback(&CellRun::HandoverStart, this));
        }
        Simulator::Schedule(o.simTime - MilliSeconds(1), &CellRun::Snapshot, this);
        Simulator::Stop(o.simTime);
        Simulator::Run();
        events = Simulator::GetEventCount();
    }

    ~CellRun()
    {
        Simulator::Destroy();
    }

    /// \return the run's traced events and figures, one per line (for byte-identical reruns)
    std::string Fingerprint() const
    {
        std::ostringstream os;
        os << recorder.Dump();
        for (const auto& t : buTimes)
        {
            os << "BU " << t.GetNanoSeconds() << "\n";
        }
        for (const auto& t : baTimes)
        {
            os << "BA " << t.GetNanoSeconds() << "\n";
        }
        for (const auto& kv : mnRx)
        {
            os << "mnrx " << kv.first << " " << kv.second.GetNanoSeconds() << "\n";
        }
        for (const auto& kv : cnRx)
        {
            os << "cnrx " << kv.first << " " << kv.second.GetNanoSeconds() << "\n";
        }
        return os.str();
    }

    Ptr<Mip6WlanAccessHelper> wlan;     ///< the core's builder
    Mip6WlanTopology topo;              ///< the core
    Ptr<Node> mn;                       ///< the cellular MN
    Ptr<Mip6CellularAccessHelper> cell; ///< the cellular builder
    Mip6CellularAccess access;          ///< the cellular access
    MonitorRecorder recorder;           ///< the monitor's events
    Ptr<Mip6HomeAgent> ha;              ///< HA agent
    Ptr<Mip6MobileNode> agent;          ///< MN agent
    Ptr<Mip6ProbeApplication> cnProbe;  ///< CN probes (to the HoA)
    Ptr<Mip6ProbeApplication> mnProbe;  ///< MN probes (to the CN)
    std::vector<Time> buTimes;          ///< BUs sent
    std::vector<Ipv6Address> buCoas;    ///< their CoAs
    std::vector<Time> baTimes;          ///< BAs received
    std::vector<uint8_t> baStatus;      ///< their status
    std::map<uint32_t, Time> cnTx;      ///< CN probe sent: seq -> time
    std::map<uint32_t, Time> mnTx;      ///< MN probe sent
    std::map<uint32_t, Time> mnRx;      ///< CN probes received by the MN: seq -> receive time
    std::map<uint32_t, Time> cnRx;      ///< MN probes received by the CN
    std::set<std::string> mnRxCoas;     ///< CoAs the MN's probes came through
    Time handoverStart;                 ///< LteUeRrc HandoverStart
    Time handoverEndOk;                 ///< LteUeRrc HandoverEndOk
    bool bindingAtEnd{false};           ///< the HA had a binding just before the end
    Ipv6Address bindingCoa;             ///< its CoA
    uint64_t events{0};                 ///< simulator events executed

  private:
    void BuSent(uint16_t seq, Ipv6Address coa, Time lifetime, bool retx)
    {
        buTimes.push_back(Simulator::Now());
        buCoas.push_back(coa);
    }

    void BaReceived(uint8_t status, uint16_t seq, Time lifetime)
    {
        baTimes.push_back(Simulator::Now());
        baStatus.push_back(status);
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
        mnRx[seq] = Simulator::Now();
        mnRxCoas.insert(Str(coa));
    }

    void CnRx(uint32_t seq, Time sent, Ipv6Address coa)
    {
        cnRx[seq] = Simulator::Now();
    }

    void HandoverStart(uint64_t imsi, uint16_t cellId, uint16_t rnti, uint16_t target)
    {
        handoverStart = Simulator::Now();
    }

    void HandoverEndOk(uint64_t imsi, uint16_t cellId, uint16_t rnti)
    {
        handoverEndOk = Simulator::Now();
    }

    void Snapshot()
    {
        const Mip6BindingCacheEntry* e = ha->GetBinding(topo.mnHomeAddress);
        bindingAtEnd = e != nullptr;
        if (e)
        {
            bindingCoa = e->careOfAddress;
        }
    }
};

/// LTE options: two eNBs 200 m apart, the MN driving from x = 40 m at 30 m/s (one X2 handover).
CellRun::Options
LteOptions(const std::string& design, Time simTime)
{
    CellRun::Options o;
    o.mode = "lte";
    o.design = design;
    o.simTime = simTime;
    o.cell = [](Ptr<Mip6CellularAccessHelper> h) {
        h->SetAttribute("NumCells", UintegerValue(2));
        h->SetAttribute("CellSpacing", DoubleValue(200));
        h->SetAttribute("MnPosition", VectorValue(Vector(40, 0, 0)));
        h->SetAttribute("MnVelocity", VectorValue(Vector(30, 0, 0)));
    };
    return o;
}

/// LTE: registration, probes through the HA, an X2 handover with no BU, byte-identical rerun.
class LteAccessTestCase : public TestCase
{
  public:
    LteAccessTestCase()
        : TestCase("lte: EPC CoA registered at the HA, probes both ways, X2 handover keeps the "
                   "CoA and sends no BU, identical rerun")
    {
    }

  private:
    void DoRun() override
    {
        std::string first;
        {
            CellRun r(LteOptions("none", Seconds(5)));
            first = r.Fingerprint();
            const std::string coa = Str(r.access.careOfAddress);
            NS_TEST_ASSERT_MSG_EQ(coa.rfind("7777:f00d::", 0), 0u, "EPC-assigned CoA " << coa);
            NS_TEST_ASSERT_MSG_EQ(r.access.technology, "lte", "technology");
            NS_TEST_ASSERT_MSG_EQ(Str(r.access.monitor->GetCareOfAddress()), coa, "monitor CoA");
            // Monitor: L2Up(cell 1), CoaFormed(EPC address), CoaUsable, then the handover's
            // L2Lost and L2Up(cell 2), with no second CoaFormed, and the same CoA usable again.
            const auto& ev = r.recorder.events;
            NS_TEST_ASSERT_MSG_EQ(ev.size(), 6u, "events:\n" << r.recorder.Dump());
            NS_TEST_ASSERT_MSG_EQ(ev[0].name + ev[0].arg, "L2Up" + CellStr(1), "first L2Up");
            NS_TEST_ASSERT_MSG_EQ(ev[1].name + ev[1].arg, "CoaFormed" + coa, "CoaFormed");
            NS_TEST_ASSERT_MSG_EQ(ev[2].name + ev[2].arg, "CoaUsable" + coa, "CoaUsable");
            NS_TEST_ASSERT_MSG_EQ(ev[3].name, "L2Lost", "L2Lost");
            NS_TEST_ASSERT_MSG_EQ(ev[4].name + ev[4].arg, "L2Up" + CellStr(2), "L2Up cell 2");
            NS_TEST_ASSERT_MSG_EQ(ev[5].name + ev[5].arg, "CoaUsable" + coa, "usable again");
            NS_TEST_ASSERT_MSG_EQ(ev[5].at, ev[4].at, "at once, at HandoverEndOk");
            NS_TEST_ASSERT_MSG_LT(ev[1].at - ev[0].at,
                                  MilliSeconds(50),
                                  "CoA formed at attach:\n"
                                      << r.recorder.Dump());
            NS_TEST_ASSERT_MSG_EQ(ev[3].at, r.handoverStart, "L2Lost at HandoverStart");
            NS_TEST_ASSERT_MSG_EQ(ev[4].at, r.handoverEndOk, "L2Up at HandoverEndOk");
            NS_TEST_ASSERT_MSG_GT(r.handoverStart, Seconds(1.5), "handover while driving");
            const Time lastFrame = NanoSeconds(std::stoll(ev[3].arg));
            NS_TEST_ASSERT_MSG_LT_OR_EQ(lastFrame, ev[3].at, "last frame before L2Lost");
            NS_TEST_ASSERT_MSG_GT_OR_EQ(lastFrame,
                                        ev[3].at - MilliSeconds(2),
                                        "last subframe from the old cell within 2 ms");
            NS_TEST_ASSERT_MSG_LT(ev[4].at - ev[3].at, MilliSeconds(100), "X2 handover time");
            // One registration, none for the handover.
            NS_TEST_ASSERT_MSG_EQ(r.buTimes.size(), 1u, "one BU (bootstrap), none at handover");
            NS_TEST_ASSERT_MSG_EQ(Str(r.buCoas[0]), coa, "BU from the EPC CoA");
            NS_TEST_ASSERT_MSG_EQ(r.baTimes.size(), 1u, "one BA");
            NS_TEST_ASSERT_MSG_EQ(+r.baStatus[0], 0, "accepted");
            NS_TEST_ASSERT_MSG_EQ(r.bindingAtEnd, true, "HA binding");
            NS_TEST_ASSERT_MSG_EQ(Str(r.bindingCoa), coa, "HA binding to the EPC CoA");
            std::cout << "lte: BU at " << r.buTimes[0].As(Time::MS) << ", BU->BA "
                      << (r.baTimes[0] - r.buTimes[0]).As(Time::MS) << ", handover "
                      << r.handoverStart.As(Time::S) << " -> " << r.handoverEndOk.As(Time::S)
                      << ", probes CN->MN " << r.mnRx.size() << "/" << r.cnTx.size() << ", MN->CN "
                      << r.cnRx.size() << "/" << r.mnTx.size() << ", gateway " << r.access.gateway
                      << ", " << r.events << " events" << std::endl;
            // The probes went through the tunnel over the LTE CoA, both ways, and resumed after
            // the handover.
            NS_TEST_ASSERT_MSG_EQ(r.mnRxCoas.size(), 1u, "one CoA");
            NS_TEST_ASSERT_MSG_EQ(*r.mnRxCoas.begin(), coa, "probes came through the LTE CoA");
            NS_TEST_ASSERT_MSG_GT(r.mnRx.size(), r.cnTx.size() * 9 / 10, "CN->MN delivered");
            NS_TEST_ASSERT_MSG_GT(r.cnRx.size(), r.mnTx.size() * 9 / 10, "MN->CN delivered");
            uint32_t after = 0;
            for (const auto& kv : r.mnRx)
            {
                after += kv.second > r.handoverEndOk + MilliSeconds(100) ? 1 : 0;
            }
            NS_TEST_ASSERT_MSG_GT(after, 100u, "CN->MN probes after the handover");
        }
        {
            CellRun again(LteOptions("none", Seconds(5)));
            NS_TEST_ASSERT_MSG_EQ(again.Fingerprint(), first, "same seed, same run: same events");
        }
    }
};

/// LTE with the ipsec-manual design: registration and probes over ESP.
class LteIpsecTestCase : public TestCase
{
  public:
    LteIpsecTestCase()
        : TestCase("lte: ipsec-manual registers the EPC CoA and carries the probes")
    {
    }

  private:
    void DoRun() override
    {
        CellRun r(LteOptions("ipsec-manual", Seconds(1.5)));
        NS_TEST_ASSERT_MSG_EQ(r.baTimes.size(), 1u, "one BA");
        NS_TEST_ASSERT_MSG_EQ(+r.baStatus[0], 0, "accepted");
        NS_TEST_ASSERT_MSG_EQ(Str(r.bindingCoa), Str(r.access.careOfAddress), "HA binding");
        NS_TEST_ASSERT_MSG_GT(r.mnRx.size(), 80u, "CN->MN probes");
        NS_TEST_ASSERT_MSG_GT(r.cnRx.size(), 80u, "MN->CN probes");
    }
};

/// Abstract cell options: attach at 0.2 s, outage [2 s, 2.5 s), 15 ms cell delay, 2 ms core.
CellRun::Options
CellOptions(Time dadWait)
{
    CellRun::Options o;
    o.mode = "abstract";
    o.simTime = Seconds(4);
    o.probeStart = Seconds(0.5);
    o.dadWait = dadWait;
    o.cell = [](Ptr<Mip6CellularAccessHelper> h) {
        h->SetAttribute("AttachTime", TimeValue(Seconds(0.2)));
        h->SetAttribute("Outages", StringValue("2s:500ms"));
        h->SetAttribute("CellDelay", TimeValue(MilliSeconds(15)));
        h->SetAttribute("CoreDelay", TimeValue(MilliSeconds(2)));
    };
    return o;
}

/// Abstract cell: registration, probes, an outage that loses exactly its probes.
class AbstractCellTestCase : public TestCase
{
  public:
    AbstractCellTestCase()
        : TestCase(
              "abstract cell: CoA at attach registered, outage loses exactly the probes in it, "
              "no BU, BU->BA = 2 x (cell + core delay)")
    {
    }

  private:
    void DoRun() override
    {
        const Time dadWait = MilliSeconds(500);
        CellRun r(CellOptions(dadWait));
        const std::string coa = Str(r.access.careOfAddress);
        NS_TEST_ASSERT_MSG_EQ(coa.rfind("fd00:0:2:0:", 0), 0u, "cell prefix CoA " << coa);
        NS_TEST_ASSERT_MSG_EQ(r.access.technology, "cell", "technology");
        // Monitor: attach, DAD wait, outage.
        const auto& ev = r.recorder.events;
        NS_TEST_ASSERT_MSG_EQ(ev.size(), 6u, "events:\n" << r.recorder.Dump());
        NS_TEST_ASSERT_MSG_EQ(ev[0].name + ev[0].arg, "L2Up" + CellStr(1), "L2Up");
        NS_TEST_ASSERT_MSG_EQ(ev[0].at, Seconds(0.2), "at attach");
        NS_TEST_ASSERT_MSG_EQ(ev[1].name + ev[1].arg, "CoaFormed" + coa, "CoaFormed");
        NS_TEST_ASSERT_MSG_EQ(ev[1].at, Seconds(0.2), "at attach");
        NS_TEST_ASSERT_MSG_EQ(ev[2].name + ev[2].arg, "CoaUsable" + coa, "CoaUsable");
        NS_TEST_ASSERT_MSG_EQ(ev[2].at, Seconds(0.2) + dadWait, "after DadWait");
        NS_TEST_ASSERT_MSG_EQ(ev[3].name, "L2Lost", "L2Lost");
        NS_TEST_ASSERT_MSG_EQ(ev[3].at, Seconds(2), "at the outage start");
        const Time lastFrame = NanoSeconds(std::stoll(ev[3].arg));
        NS_TEST_ASSERT_MSG_LT(lastFrame, Seconds(2), "last frame before the outage");
        NS_TEST_ASSERT_MSG_GT(lastFrame, Seconds(2) - MilliSeconds(10), "probes at 100/s");
        NS_TEST_ASSERT_MSG_EQ(ev[4].name + ev[4].arg, "L2Up" + CellStr(1), "L2Up again");
        NS_TEST_ASSERT_MSG_EQ(ev[4].at, Seconds(2.5), "at the outage end");
        NS_TEST_ASSERT_MSG_EQ(ev[5].name + ev[5].arg, "CoaUsable" + coa, "the CoA usable again");
        NS_TEST_ASSERT_MSG_EQ(ev[5].at, Seconds(2.5), "at once");
        // Registration: one BU at CoaUsable, none for the outage; BU->BA is two crossings of
        // the cell link and the core link (plus serialisation).
        NS_TEST_ASSERT_MSG_EQ(r.buTimes.size(), 1u, "one BU");
        NS_TEST_ASSERT_MSG_EQ(r.buTimes[0], Seconds(0.2) + dadWait, "BU when the CoA is usable");
        NS_TEST_ASSERT_MSG_EQ(r.baTimes.size(), 1u, "one BA");
        const Time buBa = r.baTimes[0] - r.buTimes[0];
        std::cout << "abstract: BU->BA " << buBa.As(Time::MS) << ", probes CN->MN " << r.mnRx.size()
                  << "/" << r.cnTx.size() << ", MN->CN " << r.cnRx.size() << "/" << r.mnTx.size()
                  << ", " << r.events << " events" << std::endl;
        NS_TEST_ASSERT_MSG_GT_OR_EQ(buBa, MilliSeconds(34), "2 x (15 + 2) ms");
        NS_TEST_ASSERT_MSG_LT(buBa, MilliSeconds(35), "2 x (15 + 2) ms + serialisation");
        NS_TEST_ASSERT_MSG_EQ(Str(r.bindingCoa), coa, "HA binding");
        // The outage loses exactly the probes whose crossing of the cell link ends in it: with
        // the one-way delay of the received probes, every lost probe would have crossed it in
        // [2 s, 2.5 s) and every probe that would have is lost (50 each way at 100/s).
        // CN->MN probes cross the cell link last; MN->CN probes first, then the core link and the
        // CN link (2 + 10 ms). Only probes sent once the MN is registered count.
        CheckLoss(r.cnTx, r.mnRx, "CN->MN", r.baTimes[0], Seconds(0));
        CheckLoss(r.mnTx, r.cnRx, "MN->CN", r.baTimes[0], MilliSeconds(12));
    }

    /**
     * Checks one direction's losses against the outage.
     * \param tx probes sent (sequence -> time)
     * \param rx probes received (sequence -> time)
     * \param dir the direction, for messages
     * \param from probes sent before this are not counted (not registered yet)
     * \param downstream the delay from the end of the cell link to the receiver
     */
    void CheckLoss(const std::map<uint32_t, Time>& tx,
                   const std::map<uint32_t, Time>& rx,
                   const std::string& dir,
                   Time from,
                   Time downstream)
    {
        Time owd;
        uint32_t lost = 0;
        for (const auto& kv : rx)
        {
            owd = kv.second - tx.at(kv.first); // constant: no queueing at 100 probes/s
        }
        const Time end = Seconds(4) - owd; // later probes are still in flight at the end
        for (const auto& kv : tx)
        {
            if (kv.second < from || kv.second >= end)
            {
                continue;
            }
            const Time arrival = kv.second + owd - downstream; // end of the cell-link crossing
            const bool inOutage = arrival >= Seconds(2) && arrival < Seconds(2.5);
            const bool received = rx.count(kv.first) > 0;
            NS_TEST_ASSERT_MSG_EQ(received, !inOutage, dir << " probe " << kv.first);
            lost += received ? 0 : 1;
        }
        NS_TEST_ASSERT_MSG_EQ(lost, 50u, dir << " probes lost");
        uint32_t after = 0;
        for (const auto& kv : rx)
        {
            after += kv.second >= Seconds(2.5) ? 1 : 0;
        }
        NS_TEST_ASSERT_MSG_GT(after, 140u, dir << " traffic resumed after the outage");
    }
};

/// The abstract cell's monitor alone: permanent outage and CoaLostAfter; the outage parser.
class CellMonitorTestCase : public TestCase
{
  public:
    CellMonitorTestCase()
        : TestCase("abstract cell monitor: permanent outage loses the CoA after CoaLostAfter; "
                   "outage lists are validated")
    {
    }

  private:
    void DoRun() override
    {
        std::vector<Mip6CellOutage> outages;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(Mip6ParseCellOutages("3s:1s, 1s:500ms", outages, error), true, error);
        NS_TEST_ASSERT_MSG_EQ(outages.size(), 2u, "two outages");
        NS_TEST_ASSERT_MSG_EQ(outages[0].start, Seconds(1), "sorted");
        NS_TEST_ASSERT_MSG_EQ(outages[1].GetEnd(), Seconds(4), "end");
        NS_TEST_ASSERT_MSG_EQ(Mip6ParseCellOutages("1s:inf", outages, error), true, error);
        NS_TEST_ASSERT_MSG_EQ(outages[0].GetEnd(), Time::Max(), "permanent");
        for (const char* bad :
             {"1s", "1s:0s", "1:1s", "1s:x", "1s:2parsec", "1.2.3s:1s", "1s:2s,2s:1s", "-1s:1s"})
        {
            NS_TEST_ASSERT_MSG_EQ(Mip6ParseCellOutages(bad, outages, error), false, bad);
        }

        Ptr<Node> mn = CreateObject<Node>();
        Ptr<Node> core = CreateObject<Node>();
        InternetStackHelper stack;
        stack.SetIpv4StackInstall(false);
        stack.Install(core);
        core->GetObject<Ipv6>()->SetAttribute("IpForward", BooleanValue(true));
        Ptr<Mip6CellularAccessHelper> helper = CreateObject<Mip6CellularAccessHelper>();
        helper->SetAttribute("Mode", StringValue("abstract"));
        helper->SetAttribute("AttachTime", TimeValue(Seconds(0.1)));
        helper->AddOutage(Seconds(1), Time::Max());
        Mip6CellularAccess a = helper->Install(mn, core);
        helper->AssignStreams(1);
        a.monitor->SetAttribute("CoaLostAfter", TimeValue(MilliSeconds(300)));
        MonitorRecorder rec;
        rec.Watch(a.monitor);
        Simulator::Schedule(Seconds(0.5), [&]() {
            a.monitor->Start(mn, a.mnInterface, Ipv6Address("fd00:0:0:1::"), 64);
            NS_TEST_EXPECT_MSG_EQ(a.monitor->IsUp(), false, "not up before the scheduled event");
        });
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        // Started late (0.5 s): the attach is reported at once; the CoA is on the interface.
        NS_TEST_ASSERT_MSG_EQ(rec.Dump(),
                              "L2Up 500000000 " + CellStr(1) + "\nCoaFormed 500000000 " +
                                  Str(a.careOfAddress) + "\nCoaUsable 500000000 " +
                                  Str(a.careOfAddress) + "\nL2Lost 1000000000 500000000\n" +
                                  "CoaLost 1300000000 " + Str(a.careOfAddress) + "\n",
                              "events");
        NS_TEST_ASSERT_MSG_EQ(a.monitor->IsUp(), false, "down for good");
        NS_TEST_ASSERT_MSG_EQ(a.monitor->GetCareOfAddress(), Ipv6Address::GetAny(), "no CoA");
        Ptr<Ipv6> ipv6 = mn->GetObject<Ipv6>();
        NS_TEST_ASSERT_MSG_EQ(ipv6->GetAddress(a.mnInterface, 1).GetAddress(),
                              a.careOfAddress,
                              "CoA installed at attach");
        NS_TEST_ASSERT_MSG_GT(a.cellErrorModel->GetOutageDrops(), 0u, "frames lost");
        Simulator::Destroy();
    }
};

/// A multihomed MN: LTE installed next to the WLAN keeps DAD and Mobile IPv6 over the WLAN.
class MultihomedDadTestCase : public TestCase
{
  public:
    MultihomedDadTestCase()
        : TestCase("lte on a WLAN MN: DAD stays on for the WLAN, which still registers")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        Ptr<Mip6WlanAccessHelper> wlan = CreateObject<Mip6WlanAccessHelper>();
        wlan->SetAttribute("NumAccessPoints", UintegerValue(1));
        Mip6WlanTopology topo = wlan->Build();
        Ptr<Icmpv6L4Protocol> icmpv6 = topo.mn->GetObject<Icmpv6L4Protocol>();
        Ptr<Mip6CellularAccessHelper> cell = CreateObject<Mip6CellularAccessHelper>();
        Mip6CellularAccess lte = cell->Install(topo.mn, topo.ha);
        BooleanValue dad;
        icmpv6->GetAttribute("DAD", dad);
        NS_TEST_ASSERT_MSG_EQ(dad.Get(), true, "DAD restored on the multihomed MN");
        NS_TEST_ASSERT_MSG_NE(lte.mnInterface, topo.mnWifiInterface, "two interfaces");
        wlan->AssignStreams(100);
        cell->AssignStreams(1000);
        std::string error;
        Mip6Helper helper(Mip6SecurityDesignFactory::Create("none", error));
        Mip6Helper::Installation inst = helper.InstallOnWlan(topo, Seconds(0.5), Seconds(2));
        uint32_t accepted = 0;
        inst.mobileNode->TraceConnectWithoutContext(
            "BindingAckReceived",
            MakeBoundCallback(
                +[](uint32_t* n, uint8_t status, uint16_t, Time) { *n += status == 0 ? 1 : 0; },
                &accepted));
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(accepted, 1u, "registered over the WLAN");
        const Mip6BindingCacheEntry* e = inst.homeAgent->GetBinding(topo.mnHomeAddress);
        NS_TEST_ASSERT_MSG_NE(e, nullptr, "binding");
        NS_TEST_ASSERT_MSG_EQ(e->careOfAddress, topo.GetMnAutoconfiguredAddress(0), "WLAN CoA");
        NS_TEST_ASSERT_MSG_GT(inst.cnProbe->GetReceived(), 50u, "probes MN->CN");
        Simulator::Destroy();
    }
};

/// The LTE monitor alone: the UE leaves coverage, radio link failure, CoaLost.
class LteRlfTestCase : public TestCase
{
  public:
    LteRlfTestCase()
        : TestCase("lte monitor: out of coverage -> RLF -> L2Lost, CoaLost after CoaLostTimeout, "
                   "CoaFormed again on reconnection")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        Ptr<Node> core = CreateObject<Node>();
        InternetStackHelper stack;
        stack.SetIpv4StackInstall(false);
        stack.Install(core);
        core->GetObject<Ipv6>()->SetAttribute("IpForward", BooleanValue(true));
        Ptr<Node> mn = CreateObject<Node>();
        Ptr<Mip6CellularAccessHelper> helper = CreateObject<Mip6CellularAccessHelper>();
        helper->SetAttribute("NumCells", UintegerValue(1));
        helper->SetAttribute("MnPosition", VectorValue(Vector(40, 0, 0)));
        Mip6CellularAccess a = helper->Install(mn, core);
        helper->AssignStreams(1);
        a.monitor->SetAttribute("CoaLostTimeout", TimeValue(MilliSeconds(200)));
        MonitorRecorder rec;
        rec.Watch(a.monitor);
        Time rlf;
        DynamicCast<LteUeNetDevice>(a.mnDevice)
            ->GetRrc()
            ->TraceConnectWithoutContext(
                "RadioLinkFailure",
                MakeBoundCallback(
                    +[](Time* t, uint64_t, uint16_t, uint16_t) { *t = Simulator::Now(); },
                    &rlf));
        a.monitor->Start(mn, a.mnInterface, Ipv6Address("fd00:0:0:1::"), 64);
        // Far out of coverage at 0.5 s (Friis: about -10 dB SINR at 100 km).
        Simulator::Schedule(Seconds(0.5), [mn]() {
            mn->GetObject<MobilityModel>()->SetPosition(Vector(1e5, 0, 0));
        });
        Simulator::Stop(Seconds(4));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_GT(rlf, Seconds(0.5), "radio link failure:\n" << rec.Dump());
        const MonitorEvent* lost = rec.Find("L2Lost");
        NS_TEST_ASSERT_MSG_NE(lost, nullptr, "L2Lost:\n" << rec.Dump());
        if (!lost)
        {
            return;
        }
        NS_TEST_ASSERT_MSG_EQ(lost->at, rlf, "L2Lost at the RLF");
        const Time lastFrame = NanoSeconds(std::stoll(lost->arg));
        NS_TEST_ASSERT_MSG_LT(lastFrame, lost->at, "last frame before the RLF");
        const MonitorEvent* coaLost = rec.Find("CoaLost");
        NS_TEST_ASSERT_MSG_NE(coaLost, nullptr, "CoaLost:\n" << rec.Dump());
        if (!coaLost)
        {
            return;
        }
        NS_TEST_ASSERT_MSG_EQ(coaLost->at, rlf + MilliSeconds(200), "after CoaLostTimeout");
        NS_TEST_ASSERT_MSG_EQ(coaLost->arg, Str(a.careOfAddress), "the EPC CoA");
        // Out of coverage the UE found cell 1 again by itself after the RLF: a new connection,
        // the same EPC address formed again.
        std::string names;
        for (const auto& e : rec.events)
        {
            names += e.name + " ";
        }
        NS_TEST_ASSERT_MSG_EQ(names,
                              "L2Up CoaFormed CoaUsable L2Lost CoaLost L2Up CoaFormed CoaUsable ",
                              rec.Dump());
        NS_TEST_ASSERT_MSG_GT(rec.Find("L2Up", 1)->at, coaLost->at, "reconnected after CoaLost");
        NS_TEST_ASSERT_MSG_EQ(rec.Find("CoaFormed", 1)->arg, Str(a.careOfAddress), "same CoA");
        Simulator::Destroy();
    }
};

/// The suite.
class CellularAccessTestSuite : public TestSuite
{
  public:
    CellularAccessTestSuite()
        : TestSuite("mip6-cellular-access", UNIT)
    {
        AddTestCase(new CellMonitorTestCase, TestCase::QUICK);
        AddTestCase(new AbstractCellTestCase, TestCase::QUICK);
        AddTestCase(new LteAccessTestCase, TestCase::QUICK);
        AddTestCase(new LteIpsecTestCase, TestCase::QUICK);
        AddTestCase(new LteRlfTestCase, TestCase::QUICK);
        AddTestCase(new MultihomedDadTestCase, TestCase::QUICK);
    }
};

/// Registers the suite.
CellularAccessTestSuite g_cellularAccessTestSuite;

} // namespace

/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The multihomed Mobile Node: two accesses (a "wlan" and a "cell" one, each a point-to-point link
 * to its own access router, reported by a test access monitor that the test drives), one routing
 * policy (AccessPreference), single-binding soft and hard handovers between the accesses through
 * the unchanged security seam, the timeline kinds of DESIGN.md §4.1, and RFC 5648 MCoA at the MN
 * (bulk and per-BID registration, de-registration of a lost CoA's BID, fallback to a single
 * binding when the HA has no MCoA).
 */

#include "ns3/core-module.h"
#include "ns3/error-model.h"
#include "ns3/internet-module.h"
#include "ns3/mip6-access-monitor.h"
#include "ns3/mip6-header.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-probe-application.h"
#include "ns3/mip6-result-writer.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/point-to-point-module.h"

#include <algorithm>
#include <sstream>

using namespace ns3;

namespace
{

/**
 * A test-only access monitor: the test says when L2 comes up or is lost and when the CoA (a
 * static address of the access interface) is formed, usable or lost. Losing L2 also breaks the
 * link (a receive error model on both ends), so packets in flight on it are lost.
 */
class TestAccessMonitor : public Mip6AccessMonitor
{
  public:
    TestAccessMonitor(Ptr<NetDevice> device,
                      std::string technology,
                      Ipv6Address coa,
                      std::vector<Ptr<RateErrorModel>> link)
        : m_device(device),
          m_technology(std::move(technology)),
          m_address(coa),
          m_link(std::move(link))
    {
    }

    void Start(Ptr<Node> node, uint32_t ifIndex, Ipv6Address, uint8_t) override
    {
        m_ifIndex = ifIndex;
    }

    void Stop() override
    {
    }

    Ptr<NetDevice> GetDevice() const override
    {
        return m_device;
    }

    std::string GetTechnology() const override
    {
        return m_technology;
    }

    Ipv6Address GetCareOfAddress() const override
    {
        return m_coa;
    }

    bool IsUp() const override
    {
        return m_up;
    }

    /// L2 up, then the CoA formed and usable after \p dad.
    void Attach(uint16_t cell, Time dad)
    {
        for (auto& em : m_link)
        {
            em->Disable();
        }
        m_up = true;
        m_l2UpTrace(GetCellAddress(cell));
        m_coa = m_address;
        m_coaFormedTrace(m_coa);
        Simulator::Schedule(dad, &TestAccessMonitor::Usable, this);
    }

    /// L2 lost (and the link broken); the last frame was received now.
    void Lose()
    {
        for (auto& em : m_link)
        {
            em->Enable();
        }
        m_up = false;
        m_l2LostTrace(Simulator::Now());
    }

    /// L2 back with the same CoA (an intra handover): usable again at once.
    void Reattach(uint16_t cell)
    {
        for (auto& em : m_link)
        {
            em->Disable();
        }
        m_up = true;
        m_l2UpTrace(GetCellAddress(cell));
        m_coaUsableTrace(m_coa);
    }

  private:
    void Usable()
    {
        if (m_up)
        {
            m_coaUsableTrace(m_coa);
        }
    }

    Ptr<NetDevice> m_device;
    std::string m_technology;
    Ipv6Address m_address;
    Ipv6Address m_coa;
    bool m_up{false};
    std::vector<Ptr<RateErrorModel>> m_link;
};

/// What a run saw.
struct BuSeen
{
    Time at;
    uint16_t seq;
    Ipv6Address coa;
    Time lifetime;
};

/**
 * MN with a WLAN-like and a cellular-like access, two access routers, the HA (home-prefix router
 * with a one-node home link) and a CN behind it, all on point-to-point links.
 */
struct MultihomedRun
{
    MultihomedRun(const std::string& design,
                  const std::function<void(Ptr<Mip6MobileNode>, Ptr<Mip6HomeAgent>)>& configure)
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        mn = CreateObject<Node>();
        Ptr<Node> ar1 = CreateObject<Node>();
        Ptr<Node> ar2 = CreateObject<Node>();
        ha = CreateObject<Node>();
        cn = CreateObject<Node>();
        Ptr<Node> homeNeighbour = CreateObject<Node>();
        Ipv6ListRoutingHelper listRouting;
        listRouting.Add(Ipv6StaticRoutingHelper(), 0);
        InternetStackHelper stack;
        stack.SetRoutingHelper(listRouting);
        stack.SetIpv4StackInstall(false);
        stack.Install(NodeContainer(mn, ar1, ar2, ha, cn, homeNeighbour));
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("2ms"));
        Ipv6AddressHelper addr;
        auto link = [&](Ptr<Node> a, Ptr<Node> b, const char* prefix) {
            NetDeviceContainer d = p2p.Install(a, b);
            addr.SetBase(Ipv6Address(prefix), Ipv6Prefix(64));
            Ipv6InterfaceContainer ifs = addr.Assign(d);
            return std::make_pair(d, ifs);
        };
        auto [wlanDev, wlanIf] = link(mn, ar1, "fd00:1::");
        auto [cellDev, cellIf] = link(mn, ar2, "fd00:2::");
        auto [ar1Ha, ar1HaIf] = link(ar1, ha, "fd00:11::");
        auto [ar2Ha, ar2HaIf] = link(ar2, ha, "fd00:12::");
        auto [cnHa, cnHaIf] = link(cn, ha, "fd00:200::");
        auto [home, homeIf] = link(ha, homeNeighbour, "fd00:100::");
        for (Ptr<Node> r : {ar1, ar2, ha})
        {
            r->GetObject<Ipv6>()->SetAttribute("IpForward", BooleanValue(true));
        }
        // Ipv6AddressHelper numbers from ::1: the MN end is fd00:1::1 / fd00:2::1.
        wlanCoa = wlanIf.GetAddress(0, 1);
        cellCoa = cellIf.GetAddress(0, 1);
        haAddress = homeIf.GetAddress(0, 1);
        hoa = Ipv6Address("fd00:100::10");
        cnAddress = cnHaIf.GetAddress(0, 1);

        Ipv6StaticRoutingHelper rh;
        Ptr<Ipv6StaticRouting> mnr = rh.GetStaticRouting(mn->GetObject<Ipv6>());
        mnr->SetDefaultRoute(wlanIf.GetAddress(1, 1), wlanIf.GetInterfaceIndex(0));
        mnr->SetDefaultRoute(cellIf.GetAddress(1, 1), cellIf.GetInterfaceIndex(0));
        rh.GetStaticRouting(ar1->GetObject<Ipv6>())
            ->SetDefaultRoute(ar1HaIf.GetAddress(1, 1), ar1HaIf.GetInterfaceIndex(0));
        rh.GetStaticRouting(ar2->GetObject<Ipv6>())
            ->SetDefaultRoute(ar2HaIf.GetAddress(1, 1), ar2HaIf.GetInterfaceIndex(0));
        rh.GetStaticRouting(cn->GetObject<Ipv6>())
            ->SetDefaultRoute(cnHaIf.GetAddress(1, 1), cnHaIf.GetInterfaceIndex(0));
        Ptr<Ipv6StaticRouting> har = rh.GetStaticRouting(ha->GetObject<Ipv6>());
        har->AddNetworkRouteTo(Ipv6Address("fd00:1::"),
                               Ipv6Prefix(64),
                               ar1HaIf.GetAddress(0, 1),
                               ar1HaIf.GetInterfaceIndex(1));
        har->AddNetworkRouteTo(Ipv6Address("fd00:2::"),
                               Ipv6Prefix(64),
                               ar2HaIf.GetAddress(0, 1),
                               ar2HaIf.GetInterfaceIndex(1));

        auto breaker = [](NetDeviceContainer d) {
            std::vector<Ptr<RateErrorModel>> v;
            for (uint32_t i = 0; i < d.GetN(); ++i)
            {
                Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
                em->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
                em->SetRate(1.0);
                em->Disable();
                d.Get(i)->SetAttribute("ReceiveErrorModel", PointerValue(em));
                v.push_back(em);
            }
            return v;
        };
        wlan = CreateObject<TestAccessMonitor>(wlanDev.Get(0), "wlan", wlanCoa, breaker(wlanDev));
        cell = CreateObject<TestAccessMonitor>(cellDev.Get(0), "cell", cellCoa, breaker(cellDev));

        std::string error;
        // The design outlives the run: its two sides refer to it.
        securityDesign = Mip6SecurityDesignFactory::Create(design, error);
        NS_ABORT_MSG_IF(!securityDesign, error);
        Ptr<Mip6SecurityDesign> d = securityDesign;
        Mip6Helper helper(d);
        helper.SetHomeAgentAttribute("DadDelay", TimeValue(MilliSeconds(100)));
        homeAgent = helper.InstallHomeAgent(ha,
                                            haAddress,
                                            Ipv6Address("fd00:100::"),
                                            64,
                                            homeIf.GetInterfaceIndex(0));
        homeAgent->SetMnId(hoa, mn->GetId());
        mobileNode = CreateObject<Mip6MobileNode>();
        mobileNode->SetAttribute("HomeAddress", Ipv6AddressValue(hoa));
        mobileNode->SetAttribute("HomeAgentAddress", Ipv6AddressValue(haAddress));
        mobileNode->SetAttribute("HomePrefix", Ipv6AddressValue(Ipv6Address("fd00:100::")));
        mobileNode->SetSecurity(d->CreateMnSide());
        mobileNode->AddAccess(wlan);
        mobileNode->AddAccess(cell);
        if (configure)
        {
            configure(mobileNode, homeAgent);
        }
        mn->AddApplication(mobileNode);

        cnProbe = CreateObject<Mip6ProbeApplication>();
        cnProbe->SetAttribute("Remote", Ipv6AddressValue(hoa));
        cn->AddApplication(cnProbe);
        mnProbe = CreateObject<Mip6ProbeApplication>();
        mnProbe->SetAttribute("Remote", Ipv6AddressValue(cnAddress));
        mn->AddApplication(mnProbe);
        for (Ptr<Application> app : {Ptr<Application>(cnProbe), Ptr<Application>(mnProbe)})
        {
            app->SetStartTime(Seconds(1));
            app->SetStopTime(Seconds(9));
        }
        timeline = CreateObject<Mip6HandoverTimeline>();
        timeline->Attach(mobileNode, mnProbe);
        mn->AggregateObject(timeline);

        mobileNode->TraceConnectWithoutContext("BindingUpdateSent",
                                               MakeCallback(&MultihomedRun::BuSent, this));
        mobileNode->TraceConnectWithoutContext("McoaBindingUpdateSent",
                                               MakeCallback(&MultihomedRun::McoaBuSent, this));
        mobileNode->TraceConnectWithoutContext("BidStatus",
                                               MakeCallback(&MultihomedRun::BidStatus, this));
        mnProbe->TraceConnectWithoutContext("ProbeRx", MakeCallback(&MultihomedRun::ProbeRx, this));
    }

    ~MultihomedRun()
    {
        Simulator::Destroy();
    }

    void Run(Time stop)
    {
        Simulator::Stop(stop);
        Simulator::Run();
    }

    void BuSent(uint16_t seq, Ipv6Address coa, Time lifetime, bool retx)
    {
        bus.push_back({Simulator::Now(), seq, coa, lifetime});
    }

    void McoaBuSent(uint16_t seq, Time lifetime, const std::vector<uint16_t>& bids, Ipv6Address src)
    {
        mcoaBus.push_back(bids);
        mcoaLifetimes.push_back(lifetime);
    }

    void BidStatus(uint16_t bid, uint8_t status, uint16_t seq)
    {
        bidStatus.emplace_back(bid, status);
    }

    void ProbeRx(uint32_t seq, Time sent, Ipv6Address coa)
    {
        rx.emplace_back(Simulator::Now(), coa);
    }

    /// \return probes received through \p coa in [from, to)
    uint32_t ReceivedVia(Ipv6Address coa, Time from, Time to) const
    {
        uint32_t n = 0;
        for (const auto& [at, c] : rx)
        {
            n += (c == coa && at >= from && at < to) ? 1 : 0;
        }
        return n;
    }

    /// \return handovers.csv as text
    std::string Csv() const
    {
        Mip6CsvTable table(Mip6Schema::HandoverColumns());
        timeline->FillHandovers(Mip6RunInfo{1, 1, "test"}, table);
        std::ostringstream os;
        for (size_t i = 0; i < table.GetRowCount(); ++i)
        {
            const auto& cells = table.GetRow(i);
            for (size_t c = 0; c < cells.size(); ++c)
            {
                os << (c ? "," : "") << cells[c];
            }
            os << "\n";
        }
        return os.str();
    }

    /// \return the cell of handovers.csv row \p row in column \p column ("" if none)
    std::string Cell(size_t row, const std::string& column) const
    {
        Mip6CsvTable table(Mip6Schema::HandoverColumns());
        timeline->FillHandovers(Mip6RunInfo{1, 1, "test"}, table);
        const auto& cols = table.GetColumns();
        for (size_t c = 0; c < cols.size(); ++c)
        {
            if (cols[c] == column && row < table.GetRowCount())
            {
                return table.GetRow(row)[c];
            }
        }
        return "";
    }

    Ptr<Mip6SecurityDesign> securityDesign;
    Ptr<Node> mn;
    Ptr<Node> ha;
    Ptr<Node> cn;
    Ipv6Address wlanCoa;
    Ipv6Address cellCoa;
    Ipv6Address haAddress;
    Ipv6Address hoa;
    Ipv6Address cnAddress;
    Ptr<TestAccessMonitor> wlan;
    Ptr<TestAccessMonitor> cell;
    Ptr<Mip6HomeAgent> homeAgent;
    Ptr<Mip6MobileNode> mobileNode;
    Ptr<Mip6ProbeApplication> cnProbe;
    Ptr<Mip6ProbeApplication> mnProbe;
    Ptr<Mip6HandoverTimeline> timeline;
    std::vector<BuSeen> bus;
    std::vector<std::vector<uint16_t>> mcoaBus;
    std::vector<Time> mcoaLifetimes;
    std::vector<std::pair<uint16_t, uint8_t>> bidStatus;
    std::vector<std::pair<Time, Ipv6Address>> rx;
};

/**
 * Single binding: cellular only, then WLAN comes up (soft handover, offload to WLAN), then WLAN
 * is lost (hard handover back to cellular), for one design through the unchanged seam.
 */
class SoftHardTestCase : public TestCase
{
  public:
    explicit SoftHardTestCase(std::string design)
        : TestCase("single binding, " + design +
                   ": cellular, soft handover to WLAN, hard handover back"),
          m_design(std::move(design))
    {
    }

  private:
    void DoRun() override
    {
        MultihomedRun run(m_design, nullptr);
        Simulator::Schedule(Seconds(0.5), &TestAccessMonitor::Attach, run.cell, 1, Seconds(0));
        Simulator::Schedule(Seconds(3), &TestAccessMonitor::Attach, run.wlan, 7, MilliSeconds(20));
        Simulator::Schedule(Seconds(6), &TestAccessMonitor::Lose, run.wlan);
        Ipv6Address coaAt2;
        Ipv6Address coaAt5;
        Simulator::Schedule(Seconds(2.9), [&]() {
            coaAt2 = run.homeAgent->GetBinding(run.hoa)
                         ? run.homeAgent->GetBinding(run.hoa)->careOfAddress
                         : Ipv6Address();
        });
        Simulator::Schedule(Seconds(5.9), [&]() {
            coaAt5 = run.homeAgent->GetBinding(run.hoa)
                         ? run.homeAgent->GetBinding(run.hoa)->careOfAddress
                         : Ipv6Address();
        });

        run.Run(Seconds(9.5));

        NS_TEST_ASSERT_MSG_EQ(coaAt2, run.cellCoa, "first binding from the cellular CoA");
        NS_TEST_ASSERT_MSG_EQ(coaAt5, run.wlanCoa, "WLAN preferred: the binding moved to it");
        const Mip6BindingCacheEntry* e = run.homeAgent->GetBinding(run.hoa);
        NS_TEST_ASSERT_MSG_NE(e, nullptr, "binding at the end");
        const Ipv6Address endCoa = e ? e->careOfAddress : Ipv6Address();
        NS_TEST_ASSERT_MSG_EQ(endCoa, run.cellCoa, "back on cellular after WLAN loss");
        NS_TEST_ASSERT_MSG_EQ(run.mobileNode->GetPrimaryAccess(), 1, "cellular is primary");

        // BUs: from the cellular CoA, then (soft) from the WLAN CoA, then (hard) cellular again.
        bool wlanBu = false;
        bool cellAgain = false;
        for (const auto& bu : run.bus)
        {
            if (bu.at > Seconds(3) && bu.at < Seconds(6) && bu.coa == run.wlanCoa)
            {
                wlanBu = true;
            }
            if (bu.at >= Seconds(6) && bu.coa == run.cellCoa)
            {
                cellAgain = true;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(wlanBu, true, "a BU from the WLAN CoA after WLAN came up");
        NS_TEST_ASSERT_MSG_EQ(cellAgain, true, "a BU from the cellular CoA after WLAN was lost");

        // Probes keep flowing on each path.
        NS_TEST_ASSERT_MSG_GT(run.ReceivedVia(run.cellCoa, Seconds(1.5), Seconds(3)),
                              100u,
                              "probes through the cellular CoA");
        NS_TEST_ASSERT_MSG_GT(run.ReceivedVia(run.wlanCoa, Seconds(3.5), Seconds(6)),
                              200u,
                              "probes through the WLAN CoA");
        NS_TEST_ASSERT_MSG_GT(run.ReceivedVia(run.cellCoa, Seconds(6.5), Seconds(9)),
                              200u,
                              "probes through the cellular CoA again");

        const auto& recs = run.timeline->GetRecords();
        NS_TEST_ASSERT_MSG_EQ(recs.size(), 2u, "two handovers");
        if (recs.size() != 2)
        {
            return;
        }
        const auto& soft = recs[0];
        NS_TEST_ASSERT_MSG_EQ(soft.kind, "soft", "WLAN up while cellular works: soft");
        NS_TEST_ASSERT_MSG_EQ(soft.fromAccess, "cell-cell1", "from the cell");
        NS_TEST_ASSERT_MSG_EQ(soft.toAccess, "wlan-cell7", "to WLAN");
        NS_TEST_ASSERT_MSG_EQ(soft.l2Up.value_or(Seconds(-1)), Seconds(3), "t_start = trigger");
        NS_TEST_ASSERT_MSG_EQ(bool(soft.l2Lost), false, "no L2 loss in a soft handover");
        NS_TEST_ASSERT_MSG_EQ(soft.coaUsable.value_or(Seconds(-1)),
                              Seconds(3.02),
                              "usable after the DAD wait");
        NS_TEST_ASSERT_MSG_EQ(bool(soft.baReceived), true, "soft handover accepted");
        const auto& hard = recs[1];
        NS_TEST_ASSERT_MSG_EQ(hard.kind, "hard", "WLAN lost: hard");
        NS_TEST_ASSERT_MSG_EQ(hard.toCoa, run.cellCoa, "to the cellular CoA");
        NS_TEST_ASSERT_MSG_EQ(hard.l2Up.value_or(Seconds(-1)),
                              Seconds(6),
                              "the cellular access was already up: l2_attach 0");
        NS_TEST_ASSERT_MSG_EQ(hard.coaUsable.value_or(Seconds(-1)), Seconds(6), "md, dad 0");
        NS_TEST_ASSERT_MSG_EQ(bool(hard.baReceived), true, "hard handover accepted");

        // The CSV rows: soft has NA L2 loss columns, hard has zero attach/md/dad.
        const std::string csv = run.Csv();
        NS_TEST_ASSERT_MSG_NE(csv.find(",soft,cell-cell1,wlan-cell7,3.000000,NA,NA,0.000000,"),
                              std::string::npos,
                              "soft row: t_start 3 s, l2 columns NA, md 0\n" + csv);
        NS_TEST_ASSERT_MSG_NE(csv.find(",hard,wlan-cell7,cell-cell1,6.000000,0.000000,0.000000,"
                                       "0.000000,0.000000,"),
                              std::string::npos,
                              "hard row: attach, md, dad 0\n" + csv);
        // The probes measure each handover's outage (loss per design is what they show).
        for (size_t row : {0, 1})
        {
            const std::string outage = run.Cell(row, "outage_s");
            NS_TEST_ASSERT_MSG_NE(outage, "NA", "outage measured\n" + csv);
            NS_TEST_ASSERT_MSG_LT(std::stod(outage), 0.1, "short outage\n" + csv);
            NS_TEST_ASSERT_MSG_NE(run.Cell(row, "probes_lost"), "NA", "loss counted\n" + csv);
        }
    }

    std::string m_design;
};

/// An access lost and back with the same CoA while it is not primary: an intra row, no BU.
class IntraTestCase : public TestCase
{
  public:
    IntraTestCase()
        : TestCase("single binding: a non-primary access lost and back is an intra handover")
    {
    }

  private:
    void DoRun() override
    {
        MultihomedRun run("none", nullptr);
        Simulator::Schedule(Seconds(0.5), &TestAccessMonitor::Attach, run.wlan, 3, Seconds(0));
        Simulator::Schedule(Seconds(1), &TestAccessMonitor::Attach, run.cell, 1, Seconds(0));
        Simulator::Schedule(Seconds(4), &TestAccessMonitor::Lose, run.cell);
        Simulator::Schedule(Seconds(4.3), &TestAccessMonitor::Reattach, run.cell, 2);
        run.Run(Seconds(6));
        NS_TEST_ASSERT_MSG_EQ(run.mobileNode->GetPrimaryAccess(), 0, "WLAN stays primary");
        for (const auto& bu : run.bus)
        {
            NS_TEST_ASSERT_MSG_EQ(bu.coa, run.wlanCoa, "every BU from the WLAN CoA");
        }
        const auto& recs = run.timeline->GetRecords();
        NS_TEST_ASSERT_MSG_EQ(recs.size(), 1u, "one record");
        const std::string csv = run.Csv();
        NS_TEST_ASSERT_MSG_NE(csv.find(",intra,cell-cell1,cell-cell2,4.000000,0.000000,0.300000,"
                                       "NA,NA,NA,NA,NA,NA,NA,NA,NA"),
                              std::string::npos,
                              "intra row: only the L2 columns\n" + csv);
    }
};

/// The multihoming test suite.
class MultihomingTestSuite : public TestSuite
{
  public:
    MultihomingTestSuite()
        : TestSuite("mip6-multihoming", UNIT)
    {
        AddTestCase(new SoftHardTestCase("none"), TestCase::QUICK);
        AddTestCase(new SoftHardTestCase("ipsec-manual"), TestCase::QUICK);
        AddTestCase(new SoftHardTestCase("authopt"), TestCase::QUICK);
        AddTestCase(new IntraTestCase(), TestCase::QUICK);
    }
};

MultihomingTestSuite g_multihomingTestSuite;

} // namespace

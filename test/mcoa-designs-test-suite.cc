/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RFC 5648 MCoA under each security design (doc/ipsec.rst, "MCoA policies"): an MN with a WLAN
 * and a cellular access registers both care-of addresses in one bulk BU; the BA accepts both
 * BIDs; the security state at the HA is what the design's MCoA policy implies (one IKE SA and one
 * set of SAs for all CoAs under ipsec-ikev2 mcoa=primary, ipsec-manual and altsec-tls; none under
 * authopt and none); losing the primary access moves the primary CoA (a K=1 BU with its BID under
 * ipsec-ikev2, RFC 5648 §9) and the probes go on over the other access; reruns are identical.
 */

#include "ns3/core-module.h"
#include "ns3/error-model.h"
#include "ns3/internet-module.h"
#include "ns3/mip6-access-monitor.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-probe-application.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/point-to-point-module.h"

#include <sstream>

using namespace ns3;

namespace
{

/**
 * One access of the MN: the test says when L2 comes up (with its CoA usable at once) and when it
 * is lost; losing it breaks the link (a receive error model on both ends).
 */
class McoaTestAccess : public Mip6AccessMonitor
{
  public:
    McoaTestAccess(Ptr<NetDevice> device,
                   std::string technology,
                   Ipv6Address coa,
                   std::vector<Ptr<RateErrorModel>> link)
        : m_device(device),
          m_technology(std::move(technology)),
          m_address(coa),
          m_link(std::move(link))
    {
    }

    void Start(Ptr<Node>, uint32_t, Ipv6Address, uint8_t) override
    {
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
        return m_address;
    }

    bool IsUp() const override
    {
        return m_up;
    }

    /// L2 up; the CoA is formed and usable at once.
    void Attach(uint16_t cell)
    {
        m_up = true;
        m_l2UpTrace(GetCellAddress(cell));
        m_coaFormedTrace(m_address);
        m_coaUsableTrace(m_address);
    }

    /// L2 lost and the link broken.
    void Lose()
    {
        for (auto& em : m_link)
        {
            em->Enable();
        }
        m_up = false;
        m_l2LostTrace(Simulator::Now());
    }

  private:
    Ptr<NetDevice> m_device;
    std::string m_technology;
    Ipv6Address m_address;
    bool m_up{false};
    std::vector<Ptr<RateErrorModel>> m_link;
};

/**
 * The MN (WLAN-like and cellular-like access, each a point-to-point link to its own router), the
 * HA with a one-node home link, and a CN behind the HA; MCoA with bulk registration.
 */
struct McoaRun
{
    explicit McoaRun(const std::string& design)
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        Mip6CryptoRandom::Install();
        Mip6CryptoRandom::Reset();
        mn = CreateObject<Node>();
        Ptr<Node> ar1 = CreateObject<Node>();
        Ptr<Node> ar2 = CreateObject<Node>();
        Ptr<Node> ha = CreateObject<Node>();
        Ptr<Node> cn = CreateObject<Node>();
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
            return std::make_pair(d, addr.Assign(d));
        };
        auto [wlanDev, wlanIf] = link(mn, ar1, "fd00:31::");
        auto [cellDev, cellIf] = link(mn, ar2, "fd00:32::");
        auto [ar1Ha, ar1HaIf] = link(ar1, ha, "fd00:41::");
        auto [ar2Ha, ar2HaIf] = link(ar2, ha, "fd00:42::");
        auto [cnHa, cnHaIf] = link(cn, ha, "fd00:230::");
        auto [home, homeIf] = link(ha, homeNeighbour, "fd00:130::");
        for (Ptr<Node> r : {ar1, ar2, ha})
        {
            r->GetObject<Ipv6>()->SetAttribute("IpForward", BooleanValue(true));
        }
        wlanCoa = wlanIf.GetAddress(0, 1);
        cellCoa = cellIf.GetAddress(0, 1);
        const Ipv6Address haAddress = homeIf.GetAddress(0, 1);
        hoa = Ipv6Address("fd00:130::10");
        const Ipv6Address cnAddress = cnHaIf.GetAddress(0, 1);

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
        har->AddNetworkRouteTo(Ipv6Address("fd00:31::"),
                               Ipv6Prefix(64),
                               ar1HaIf.GetAddress(0, 1),
                               ar1HaIf.GetInterfaceIndex(1));
        har->AddNetworkRouteTo(Ipv6Address("fd00:32::"),
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
        wlan = CreateObject<McoaTestAccess>(wlanDev.Get(0), "wlan", wlanCoa, breaker(wlanDev));
        cell = CreateObject<McoaTestAccess>(cellDev.Get(0), "cell", cellCoa, breaker(cellDev));

        std::string error;
        securityDesign = Mip6SecurityDesignFactory::Create(design, error);
        NS_ABORT_MSG_IF(!securityDesign, error);
        Mip6Helper helper(securityDesign);
        helper.SetHomeAgentAttribute("DadDelay", TimeValue(MilliSeconds(100)));
        homeAgent = helper.InstallHomeAgent(ha,
                                            haAddress,
                                            Ipv6Address("fd00:130::"),
                                            64,
                                            homeIf.GetInterfaceIndex(0));
        homeAgent->SetMnId(hoa, mn->GetId());
        mobileNode = CreateObject<Mip6MobileNode>();
        mobileNode->SetAttribute("HomeAddress", Ipv6AddressValue(hoa));
        mobileNode->SetAttribute("HomeAgentAddress", Ipv6AddressValue(haAddress));
        mobileNode->SetAttribute("HomePrefix", Ipv6AddressValue(Ipv6Address("fd00:130::")));
        mobileNode->SetAttribute("MultipleCoa", BooleanValue(true));
        mobileNode->SetAttribute("BulkRegistration", BooleanValue(true));
        mobileNode->SetSecurity(securityDesign->CreateMnSide());
        mobileNode->AddAccess(wlan);
        mobileNode->AddAccess(cell);
        mn->AddApplication(mobileNode);

        Ptr<Mip6ProbeApplication> cnProbe = CreateObject<Mip6ProbeApplication>();
        cnProbe->SetAttribute("Remote", Ipv6AddressValue(hoa));
        cn->AddApplication(cnProbe);
        Ptr<Mip6ProbeApplication> mnProbe = CreateObject<Mip6ProbeApplication>();
        mnProbe->SetAttribute("Remote", Ipv6AddressValue(cnAddress));
        mn->AddApplication(mnProbe);
        for (Ptr<Application> app : {Ptr<Application>(cnProbe), Ptr<Application>(mnProbe)})
        {
            app->SetStartTime(Seconds(1));
            app->SetStopTime(Seconds(9));
        }
        mobileNode->TraceConnectWithoutContext("McoaBindingUpdateSent",
                                               MakeCallback(&McoaRun::McoaBuSent, this));
        mobileNode->TraceConnectWithoutContext("BidStatus",
                                               MakeCallback(&McoaRun::BidStatus, this));
        mnProbe->TraceConnectWithoutContext("ProbeRx", MakeCallback(&McoaRun::ProbeRx, this));

        // Both accesses come up together (one bulk BU); the WLAN (preferred, primary) is lost
        // at 5 s.
        Simulator::Schedule(Seconds(0.5), &McoaTestAccess::Attach, wlan, 1);
        Simulator::Schedule(Seconds(0.5), &McoaTestAccess::Attach, cell, 2);
        Simulator::Schedule(Seconds(4), &McoaRun::Snapshot, this, std::ref(registered));
        Simulator::Schedule(Seconds(5), &McoaTestAccess::Lose, wlan);
        Simulator::Stop(Seconds(9.5));
        Simulator::Run();
        Snapshot(atEnd);
    }

    ~McoaRun()
    {
        Simulator::Destroy();
    }

    McoaRun(const McoaRun&) = delete;
    McoaRun& operator=(const McoaRun&) = delete;

    /// The HA's view of the MN at one instant.
    struct View
    {
        std::vector<Mip6BindingCacheEntry> bindings; ///< bindings of the HoA, by BID
        Ipv6Address primary;                         ///< the CoA the HA tunnels to
        Mip6SecurityState state;                     ///< the design's state for the HoA
    };

    void Snapshot(View& v)
    {
        v.bindings = homeAgent->GetBindings(hoa);
        const Mip6BindingCacheEntry* e = homeAgent->GetBinding(hoa);
        v.primary = e ? e->careOfAddress : Ipv6Address();
        v.state = homeAgent->GetSecurity()->GetState(hoa);
        log << Simulator::Now().GetNanoSeconds() << " bindings " << v.bindings.size() << " primary "
            << v.primary << " sa " << v.state.saCount << " ike " << v.state.ikeSas << " keys "
            << v.state.keyBytes << " state " << v.state.stateBytes << "\n";
    }

    void McoaBuSent(uint16_t seq, Time lifetime, const std::vector<uint16_t>& bids, Ipv6Address src)
    {
        bus.emplace_back(lifetime, bids);
        log << Simulator::Now().GetNanoSeconds() << " bu " << seq << " " << lifetime.GetSeconds()
            << " " << bids.size() << " " << src << "\n";
    }

    void BidStatus(uint16_t bid, uint8_t status, uint16_t seq)
    {
        bidStatus.emplace_back(bid, status);
        log << Simulator::Now().GetNanoSeconds() << " bid " << bid << " " << +status << " " << seq
            << "\n";
    }

    void ProbeRx(uint32_t seq, Time sent, Ipv6Address coa)
    {
        rx.emplace_back(Simulator::Now(), coa);
        log << Simulator::Now().GetNanoSeconds() << " rx " << seq << " " << coa << "\n";
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

    Ptr<Mip6SecurityDesign> securityDesign;
    Ptr<Node> mn;
    Ipv6Address wlanCoa;
    Ipv6Address cellCoa;
    Ipv6Address hoa;
    Ptr<McoaTestAccess> wlan;
    Ptr<McoaTestAccess> cell;
    Ptr<Mip6HomeAgent> homeAgent;
    Ptr<Mip6MobileNode> mobileNode;
    std::vector<std::pair<Time, std::vector<uint16_t>>> bus;
    std::vector<std::pair<uint16_t, uint8_t>> bidStatus;
    std::vector<std::pair<Time, Ipv6Address>> rx;
    View registered; ///< at 4 s, both CoAs registered
    View atEnd;      ///< at the end, after the WLAN loss
    std::ostringstream log;
};

/// What a design's MCoA policy implies at the HA (doc/ipsec.rst, "MCoA policies").
struct McoaExpectation
{
    std::string design;  ///< design variant
    uint32_t ikeSas;     ///< IKE SAs for the HoA, whatever the number of CoAs
    uint32_t saCount;    ///< SAs for the HoA (each direction counts)
    uint32_t spdEntries; ///< SPD entries for the HoA
};

/// Bulk registration of two CoAs, the state the policy implies, failover to the other access.
class McoaDesignTestCase : public TestCase
{
  public:
    explicit McoaDesignTestCase(McoaExpectation e)
        : TestCase("MCoA under " + e.design +
                   ": bulk registration of two CoAs, HA state, failover"),
          m_e(std::move(e))
    {
    }

  private:
    void DoRun() override
    {
        std::string log;
        {
            McoaRun run(m_e.design);
            log = run.log.str();
            // One bulk BU with both BIDs (RFC 5648 §5), accepted for each BID.
            NS_TEST_ASSERT_MSG_EQ(run.bus.empty(), false, "a BU was sent\n" + log);
            NS_TEST_EXPECT_MSG_EQ(run.bus.front().second.size(), 2u, "bulk: two BIDs\n" + log);
            std::set<uint16_t> accepted;
            for (const auto& [bid, status] : run.bidStatus)
            {
                NS_TEST_EXPECT_MSG_LT(+status, 128, "BID " << bid << " accepted\n" << log);
                accepted.insert(bid);
            }
            NS_TEST_EXPECT_MSG_GT_OR_EQ(accepted.size(), 2u, "both BIDs answered\n" + log);
            NS_TEST_EXPECT_MSG_EQ(run.registered.bindings.size(), 2u, "two bindings\n" + log);
            std::set<Ipv6Address> coas;
            for (const auto& b : run.registered.bindings)
            {
                coas.insert(b.careOfAddress);
            }
            NS_TEST_EXPECT_MSG_EQ((coas == std::set<Ipv6Address>{run.wlanCoa, run.cellCoa}),
                                  true,
                                  "one binding per CoA\n" + log);
            NS_TEST_EXPECT_MSG_EQ(run.registered.primary, run.wlanCoa, "WLAN is primary\n" + log);

            // The policy's state: one set for all CoAs.
            NS_TEST_EXPECT_MSG_EQ(run.registered.state.ikeSas, m_e.ikeSas, "IKE SAs\n" + log);
            NS_TEST_EXPECT_MSG_EQ(run.registered.state.saCount, m_e.saCount, "SAs\n" + log);
            NS_TEST_EXPECT_MSG_EQ(run.registered.state.spdEntries, m_e.spdEntries, "SPD\n" + log);

            // Data over the HA's chosen (primary) CoA, then over the other after the loss.
            NS_TEST_EXPECT_MSG_GT(run.ReceivedVia(run.wlanCoa, Seconds(1.5), Seconds(5)),
                                  300u,
                                  "probes through the WLAN CoA\n" + log);
            NS_TEST_EXPECT_MSG_EQ(run.ReceivedVia(run.cellCoa, Seconds(1.5), Seconds(5)),
                                  0u,
                                  "none through the cellular CoA while WLAN is primary\n" + log);
            NS_TEST_EXPECT_MSG_GT(run.ReceivedVia(run.cellCoa, Seconds(5.5), Seconds(9)),
                                  300u,
                                  "probes through the cellular CoA after the WLAN loss\n" + log);
            NS_TEST_EXPECT_MSG_EQ(run.atEnd.bindings.size(), 1u, "the lost BID removed\n" + log);
            NS_TEST_EXPECT_MSG_EQ(run.atEnd.primary, run.cellCoa, "cellular primary\n" + log);
            NS_TEST_EXPECT_MSG_EQ(run.atEnd.state.ikeSas, m_e.ikeSas, "IKE SAs at the end\n" + log);
            NS_TEST_EXPECT_MSG_EQ(run.atEnd.state.saCount, m_e.saCount, "SAs at the end\n" + log);
        }
        // The same seed and run: the same events, byte for byte.
        McoaRun again(m_e.design);
        NS_TEST_EXPECT_MSG_EQ((again.log.str() == log), true, "identical rerun");
    }

    McoaExpectation m_e;
};

/// MCoA under every security design.
class McoaDesignsTestSuite : public TestSuite
{
  public:
    McoaDesignsTestSuite()
        : TestSuite("mip6-mcoa-designs", UNIT)
    {
        // ipsec-ikev2 mcoa=primary (RFC 5648 §9): one IKE SA, one BU/BA transport SA pair.
        AddTestCase(new McoaDesignTestCase({"ipsec-ikev2", 1, 2, 2}), TestCase::QUICK);
        AddTestCase(new McoaDesignTestCase({"ipsec-ikev2:payload=1", 1, 4, 5}), TestCase::QUICK);
        AddTestCase(new McoaDesignTestCase({"ipsec-manual", 0, 2, 2}), TestCase::QUICK);
        AddTestCase(new McoaDesignTestCase({"ipsec-manual:payload=on", 0, 4, 5}), TestCase::QUICK);
        AddTestCase(new McoaDesignTestCase({"altsec-tls", 0, 2, 0}), TestCase::QUICK);
        AddTestCase(new McoaDesignTestCase({"authopt", 0, 1, 0}), TestCase::QUICK);
        AddTestCase(new McoaDesignTestCase({"none", 0, 0, 0}), TestCase::QUICK);
    }
};

McoaDesignsTestSuite g_mcoaDesignsTestSuite;

} // namespace

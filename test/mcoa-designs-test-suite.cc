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

#include "mip6-multihomed-run.h"

using namespace ns3;

namespace
{

/**
 * The two-access MN of mip6test::MultihomedRun with MCoA and bulk registration: both accesses come
 * up together at 0.5 s (one bulk BU), the WLAN (preferred, primary) is lost at 5 s; the HA's view
 * is taken at 4 s and at the end, and every event goes to a log compared across reruns.
 */
struct McoaRun : mip6test::MultihomedRun
{
    explicit McoaRun(const std::string& design)
        : MultihomedRun(design, [](Ptr<Mip6MobileNode> mn, Ptr<Mip6HomeAgent>) {
              mn->SetAttribute("MultipleCoa", BooleanValue(true));
              mn->SetAttribute("BulkRegistration", BooleanValue(true));
          })
    {
        mobileNode->TraceConnectWithoutContext("McoaBindingUpdateSent",
                                               MakeCallback(&McoaRun::LogBu, this));
        mobileNode->TraceConnectWithoutContext("BidStatus", MakeCallback(&McoaRun::LogBid, this));
        mnProbe->TraceConnectWithoutContext("ProbeRx", MakeCallback(&McoaRun::LogRx, this));
        Simulator::Schedule(Seconds(0.5),
                            &mip6test::TestAccessMonitor::Attach,
                            wlan,
                            1,
                            Seconds(0));
        Simulator::Schedule(Seconds(0.5),
                            &mip6test::TestAccessMonitor::Attach,
                            cell,
                            2,
                            Seconds(0));
        Simulator::Schedule(Seconds(4), &McoaRun::Snapshot, this, std::ref(registered));
        Simulator::Schedule(Seconds(5), &mip6test::TestAccessMonitor::Lose, wlan);
        Run(Seconds(9.5));
        Snapshot(atEnd);
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

    void LogBu(uint16_t seq, Time lifetime, const std::vector<uint16_t>& bids, Ipv6Address src)
    {
        log << Simulator::Now().GetNanoSeconds() << " bu " << seq << " " << lifetime.GetSeconds()
            << " " << bids.size() << " " << src << "\n";
    }

    void LogBid(uint16_t bid, uint8_t status, uint16_t seq)
    {
        log << Simulator::Now().GetNanoSeconds() << " bid " << bid << " " << +status << " " << seq
            << "\n";
    }

    void LogRx(uint32_t seq, Time sent, Ipv6Address coa)
    {
        log << Simulator::Now().GetNanoSeconds() << " rx " << seq << " " << coa << "\n";
    }

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
            NS_TEST_ASSERT_MSG_EQ(run.mcoaBus.empty(), false, "a BU was sent\n" + log);
            NS_TEST_EXPECT_MSG_EQ(run.mcoaBus.front().size(), 2u, "bulk: two BIDs\n" + log);
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

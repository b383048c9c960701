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

#include "mip6-multihomed-run.h"

#include "ns3/mip6-header.h"

#include <algorithm>

using namespace ns3;
using mip6test::MultihomedRun;
using mip6test::TestAccessMonitor;

namespace
{

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

/// Is \p bid among \p bids?
bool
Has(const std::vector<uint16_t>& bids, uint16_t bid)
{
    return std::find(bids.begin(), bids.end(), bid) != bids.end();
}

/**
 * MCoA: a preferred access comes up beside a registered one. Its CoA becomes the primary one at
 * once, but tunnelled data keeps leaving from the CoA the HA holds until the new BID is accepted
 * (RFC 5648 §5: the HA refuses reverse-tunnelled packets from a CoA it does not hold), so no
 * uplink packet is refused; after the BA both directions use the new CoA. ipsec-ikev2 with k=0
 * runs a new IKE SA from the new CoA before its BU, so the new CoA is the primary one for two
 * round trips before the HA holds it (without this rule the HA refuses 16 probes here).
 */
class McoaAddCoaUplinkTestCase : public TestCase
{
  public:
    McoaAddCoaUplinkTestCase()
        : TestCase("MCoA: adding the preferred CoA refuses no uplink packet at the HA")
    {
    }

  private:
    void DoRun() override
    {
        MultihomedRun run("ipsec-ikev2:k=0", [](Ptr<Mip6MobileNode> mn, Ptr<Mip6HomeAgent> ha) {
            mn->SetAttribute("MultipleCoa", BooleanValue(true));
            ha->SetAttribute("MultipleCoaSupport", BooleanValue(true));
        });
        // 1000 probes/s: the 8-ms BU/BA round trip spans several uplink probes.
        run.mnProbe->SetAttribute("Rate", DoubleValue(1000));
        uint32_t refused = 0;
        uint32_t otherDrops = 0;
        run.homeAgent->TraceConnectWithoutContext(
            "Drop",
            MakeBoundCallback(
                +[](uint32_t* r, uint32_t* o, Ptr<const Packet>, const std::string& reason) {
                    (reason == "tunnel-source-mismatch" || reason == "no-binding" ? *r : *o)++;
                },
                &refused,
                &otherDrops));
        Simulator::Schedule(Seconds(0.5), &TestAccessMonitor::Attach, run.cell, 1, Seconds(0));
        Simulator::Schedule(Seconds(3), &TestAccessMonitor::Attach, run.wlan, 3, Seconds(0));
        Time wlanAccepted;
        run.mobileNode->TraceConnectWithoutContext(
            "BidStatus",
            MakeBoundCallback(
                +[](Time* at, uint16_t bid, uint8_t status, uint16_t) {
                    if (bid == 1 && status < 128 && at->IsZero())
                    {
                        *at = Simulator::Now();
                    }
                },
                &wlanAccepted));
        run.Run(Seconds(5));

        NS_TEST_ASSERT_MSG_GT(wlanAccepted, Seconds(3), "the WLAN BID was accepted after 3 s");
        NS_TEST_EXPECT_MSG_EQ(refused, 0u, "no reverse-tunnelled packet refused by the HA");
        const uint32_t viaWlan =
            run.ReceivedVia(run.wlanCoa, wlanAccepted + MilliSeconds(20), Seconds(5));
        NS_TEST_EXPECT_MSG_GT(viaWlan, 0u, "downlink over the WLAN CoA after its BID is accepted");
    }
};

/**
 * MCoA, bulk registration: both accesses up together give one BU with two BIDs
 * and a BA that accepts both; losing WLAN de-registers BID 1 from the cellular
 * CoA and traffic goes on over the cellular CoA with no new BU for BID 2.
 */
class McoaBulkTestCase : public TestCase
{
  public:
    McoaBulkTestCase()
        : TestCase("MCoA bulk: one BU with two BIDs, both accepted; a lost CoA's "
                   "BID removed")
    {
    }

  private:
    void DoRun() override
    {
        MultihomedRun run("none", [](Ptr<Mip6MobileNode> mn, Ptr<Mip6HomeAgent> ha) {
            mn->SetAttribute("MultipleCoa", BooleanValue(true));
            ha->SetAttribute("MultipleCoaSupport", BooleanValue(true));
        });
        Simulator::Schedule(Seconds(0.5), &TestAccessMonitor::Attach, run.wlan, 3, Seconds(0));
        Simulator::Schedule(Seconds(0.5), &TestAccessMonitor::Attach, run.cell, 1, Seconds(0));
        Simulator::Schedule(Seconds(4), &TestAccessMonitor::Lose, run.wlan);
        size_t busBeforeLoss = 0;
        size_t bindingsAt3 = 0;
        Simulator::Schedule(Seconds(3.9), [&]() {
            busBeforeLoss = run.mcoaBus.size();
            bindingsAt3 = run.homeAgent->GetBindings(run.hoa).size();
        });
        run.Run(Seconds(8));

        NS_TEST_ASSERT_MSG_GT(run.mcoaBus.size(), 0u, "an MCoA BU");
        NS_TEST_ASSERT_MSG_GT(run.bidStatus.size(), 1u, "per-BID statuses");
        if (run.mcoaBus.empty() || run.bidStatus.size() < 2)
        {
            return;
        }
        NS_TEST_ASSERT_MSG_EQ(run.mcoaBus[0].size(), 2u, "the first BU carries two BIDs (bulk)");
        NS_TEST_ASSERT_MSG_EQ(Has(run.mcoaBus[0], 1) && Has(run.mcoaBus[0], 2), true, "BIDs 1, 2");
        NS_TEST_ASSERT_MSG_EQ(busBeforeLoss, 1u, "one BU registered both");
        NS_TEST_ASSERT_MSG_EQ(bindingsAt3, 2u, "the HA holds two bindings");
        NS_TEST_ASSERT_MSG_GT(run.bidStatus.size(), 1u, "per-BID statuses");
        NS_TEST_ASSERT_MSG_EQ(run.bidStatus[0].second, 0, "BID accepted");
        NS_TEST_ASSERT_MSG_EQ(run.bidStatus[1].second, 0, "BID accepted");

        // After the loss: one de-registration of BID 1, no BU for BID 2.
        uint32_t dereg = 0;
        for (size_t i = busBeforeLoss; i < run.mcoaBus.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(Has(run.mcoaBus[i], 2), false, "no new BU for the kept BID");
            if (Has(run.mcoaBus[i], 1) && run.mcoaLifetimes[i].IsZero())
            {
                dereg++;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(dereg, 1u, "BID 1 de-registered once");
        NS_TEST_ASSERT_MSG_EQ(run.mobileNode->IsBidRegistered(1), false, "BID 1 gone");
        NS_TEST_ASSERT_MSG_EQ(run.mobileNode->IsBidRegistered(2), true, "BID 2 kept");
        const auto bindings = run.homeAgent->GetBindings(run.hoa);
        NS_TEST_ASSERT_MSG_EQ(bindings.size(), 1u, "one binding left at the HA");
        const Ipv6Address kept = bindings.empty() ? Ipv6Address() : bindings[0].careOfAddress;
        NS_TEST_ASSERT_MSG_EQ(kept, run.cellCoa, "the cellular one");
        NS_TEST_ASSERT_MSG_GT(run.ReceivedVia(run.cellCoa, Seconds(4.5), Seconds(8)),
                              300u,
                              "traffic continues over the cellular CoA");
        const std::string csv = run.Csv();
        NS_TEST_ASSERT_MSG_NE(
            csv.find(",remove-coa,wlan-cell3,cell-cell1,4.000000,0.000000,NA,NA,NA,"),
            std::string::npos,
            "remove-coa row\n" + csv);
    }
};

/// MCoA with BulkRegistration=false: one BU per BID.
class McoaPerBidTestCase : public TestCase
{
  public:
    McoaPerBidTestCase()
        : TestCase("MCoA per-BID registration: two BUs, one BID each")
    {
    }

  private:
    void DoRun() override
    {
        MultihomedRun run("none", [](Ptr<Mip6MobileNode> mn, Ptr<Mip6HomeAgent> ha) {
            mn->SetAttribute("MultipleCoa", BooleanValue(true));
            mn->SetAttribute("BulkRegistration", BooleanValue(false));
            ha->SetAttribute("MultipleCoaSupport", BooleanValue(true));
        });
        Simulator::Schedule(Seconds(0.5), &TestAccessMonitor::Attach, run.wlan, 3, Seconds(0));
        Simulator::Schedule(Seconds(0.5), &TestAccessMonitor::Attach, run.cell, 1, Seconds(0));
        run.Run(Seconds(3));
        // One BU per BID, each answered: the HA keeps the second BU (another BID) beside the first
        // while it runs DAD for the new HoA, so neither is retransmitted.
        NS_TEST_ASSERT_MSG_EQ(run.mcoaBus.size(), 2u, "exactly two BUs");
        for (const auto& bids : run.mcoaBus)
        {
            NS_TEST_ASSERT_MSG_EQ(bids.size(), 1u, "one BID per BU");
        }
        NS_TEST_ASSERT_MSG_EQ(Has(run.mcoaBus[0], 1) && Has(run.mcoaBus[1], 2),
                              true,
                              "BID 1, then BID 2");
        NS_TEST_ASSERT_MSG_EQ(run.mobileNode->IsBidRegistered(1) &&
                                  run.mobileNode->IsBidRegistered(2),
                              true,
                              "both registered");
        NS_TEST_ASSERT_MSG_EQ(run.homeAgent->GetBindings(run.hoa).size(), 2u, "two bindings");
    }
};

/// MCoA towards an HA without MCoA: a BA with no BID option, fallback to a
/// single binding.
class McoaFallbackTestCase : public TestCase
{
  public:
    McoaFallbackTestCase()
        : TestCase("MCoA towards an HA without MCoA support: fallback to a "
                   "single binding")
    {
    }

  private:
    void DoRun() override
    {
        uint32_t fallbacks = 0;
        MultihomedRun run("none", [&](Ptr<Mip6MobileNode> mn, Ptr<Mip6HomeAgent> ha) {
            mn->SetAttribute("MultipleCoa", BooleanValue(true));
            ha->SetAttribute("MultipleCoaSupport", BooleanValue(false));
            mn->TraceConnectWithoutContext(
                "McoaFallback",
                MakeBoundCallback(&McoaFallbackTestCase::Count, &fallbacks));
        });
        Simulator::Schedule(Seconds(0.5), &TestAccessMonitor::Attach, run.wlan, 3, Seconds(0));
        Simulator::Schedule(Seconds(0.5), &TestAccessMonitor::Attach, run.cell, 1, Seconds(0));
        run.Run(Seconds(4));
        NS_TEST_ASSERT_MSG_EQ(fallbacks, 1u, "fallback traced once");
        NS_TEST_ASSERT_MSG_EQ(run.mobileNode->GetDropCount("mcoa-fallback"), 1u, "and counted");
        NS_TEST_ASSERT_MSG_EQ(run.mobileNode->IsMcoaActive(), false, "single binding now");
        NS_TEST_ASSERT_MSG_EQ(run.mobileNode->IsRegistered(), true, "registered");
        const Mip6BindingCacheEntry* e = run.homeAgent->GetBinding(run.hoa);
        const Ipv6Address bound = e ? e->careOfAddress : Ipv6Address();
        NS_TEST_ASSERT_MSG_EQ(bound, run.wlanCoa, "a binding for the primary (WLAN) CoA");
        NS_TEST_ASSERT_MSG_EQ(run.homeAgent->GetBindings(run.hoa).size(), 1u, "only one");
        NS_TEST_ASSERT_MSG_GT(run.ReceivedVia(run.wlanCoa, Seconds(2), Seconds(4)),
                              150u,
                              "probes through the WLAN CoA");
    }

    static void Count(uint32_t* n)
    {
        (*n)++;
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
        AddTestCase(new McoaAddCoaUplinkTestCase(), TestCase::QUICK);
        AddTestCase(new McoaBulkTestCase(), TestCase::QUICK);
        AddTestCase(new McoaPerBidTestCase(), TestCase::QUICK);
        AddTestCase(new McoaFallbackTestCase(), TestCase::QUICK);
    }
};

MultihomingTestSuite g_multihomingTestSuite;

} // namespace

/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * End-to-end home registration and handovers over the WLAN access topology with the `none`
 * design, asserting on traced (simulated) times: DESIGN.md §4.1 timeline rows, the HA's binding
 * cache, probe delivery through the tunnel, and the RFC 6275 §11.8 retransmission timeline.
 */

#include "ns3/core-module.h"
#include "ns3/icmpv6-header.h"
#include "ns3/icmpv6-l4-protocol.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/mip6-header.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-l4-protocol.h"
#include "ns3/mip6-none-design.h"
#include "ns3/mip6-probe-application.h"
#include "ns3/mip6-result-writer.h"
#include "ns3/mip6-wlan-access-helper.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <unistd.h>

using namespace ns3;

namespace
{

/// One run of the WLAN scenario with the `none` design.
struct WlanRun
{
    /// Optional changes before the run starts.
    struct Options
    {
        std::function<void(Mip6Helper&)> helper;               ///< agent attributes
        std::function<void(Ptr<Mip6WlanAccessHelper>)> access; ///< topology attributes
        std::function<void(WlanRun&)> installed;               ///< after installation
    };

    WlanRun(uint32_t aps, Time simTime, Time haDadDelay, const Options& options = Options())
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        access = CreateObject<Mip6WlanAccessHelper>();
        access->SetAttribute("NumAccessPoints", UintegerValue(aps));
        if (options.access)
        {
            options.access(access);
        }
        topo = access->Build();
        access->AssignStreams(100);
        Mip6Helper helper(CreateObject<Mip6NoneDesign>());
        helper.SetHomeAgentAttribute("DadDelay", TimeValue(haDadDelay));
        if (options.helper)
        {
            options.helper(helper);
        }
        inst = helper.InstallOnWlan(topo, Seconds(1), simTime);
        inst.mobileNode->TraceConnectWithoutContext("BindingUpdateSent",
                                                    MakeCallback(&WlanRun::BuSent, this));
        inst.mobileNode->TraceConnectWithoutContext("BindingAckReceived",
                                                    MakeCallback(&WlanRun::BaReceived, this));
        inst.timeline->TraceConnectWithoutContext("HandoverComplete",
                                                  MakeCallback(&WlanRun::HandoverComplete, this));
        if (options.installed)
        {
            options.installed(*this);
        }
        Simulator::Schedule(simTime - MilliSeconds(1), &WlanRun::Snapshot, this);
        Simulator::Stop(simTime);
        Simulator::Run();
    }

    /// At each completed handover: does the HA's binding hold the MN's new CoA?
    void HandoverComplete(const Mip6HandoverTimeline::Record& r)
    {
        const Mip6BindingCacheEntry* e = inst.homeAgent->GetBinding(topo.mnHomeAddress);
        bindingFollowed.push_back(e && e->careOfAddress == r.toCoa &&
                                  r.toCoa ==
                                      inst.mobileNode->GetMovementDetector()->GetCareOfAddress());
    }

    ~WlanRun()
    {
        Simulator::Destroy();
    }

    void BuSent(uint16_t seq, Ipv6Address coa, Time lifetime, bool retx)
    {
        buTimes.push_back(Simulator::Now());
        buSeqs.push_back(seq);
    }

    void BaReceived(uint8_t status, uint16_t seq, Time lifetime)
    {
        baTimes.push_back(Simulator::Now());
        baSeqs.push_back(seq);
        baStatus.push_back(status);
    }

    void Snapshot()
    {
        const Mip6BindingCacheEntry* e = inst.homeAgent->GetBinding(topo.mnHomeAddress);
        haCoa = e ? e->careOfAddress : Ipv6Address();
        mnCoa = inst.mobileNode->GetMovementDetector()->GetCareOfAddress();
    }

    Ptr<Mip6WlanAccessHelper> access;
    Mip6WlanTopology topo;
    Mip6Helper::Installation inst;
    std::vector<Time> buTimes;
    std::vector<uint16_t> buSeqs;
    std::vector<Time> baTimes;
    std::vector<uint16_t> baSeqs;
    std::vector<uint8_t> baStatus;
    Ipv6Address haCoa;
    Ipv6Address mnCoa;
    std::vector<bool> bindingFollowed;
    Ptr<Mip6ProbeApplication> sink; //!< optional extra probe receiver on the MN
};

/// Handovers across three APs: complete rows, total = sum, binding and probes follow the MN.
class HandoverEndToEndTestCase : public TestCase
{
  public:
    HandoverEndToEndTestCase()
        : TestCase("three APs: every handover registers, rows complete, probes follow the MN")
    {
    }

  private:
    void DoRun() override
    {
        WlanRun run(3, Seconds(40), Seconds(1));
        NS_TEST_ASSERT_MSG_NE(run.haCoa, Ipv6Address(), "the HA holds a binding at the end");
        NS_TEST_ASSERT_MSG_EQ(run.haCoa, run.mnCoa, "the binding holds the MN's current CoA");
        NS_TEST_ASSERT_MSG_EQ(run.topo.GetAccessIndexForPrefix(run.mnCoa),
                              2,
                              "the MN ended on the third AR");

        Mip6CsvTable table(Mip6Schema::HandoverColumns());
        run.inst.timeline->FillHandovers({1, 1, "none"}, table);
        NS_TEST_ASSERT_MSG_EQ(table.GetRowCount(), 2, "two handovers (AP0->AP1->AP2)");
        NS_TEST_ASSERT_MSG_EQ(run.bindingFollowed.size(), 2, "both handovers completed");
        for (bool ok : run.bindingFollowed)
        {
            NS_TEST_ASSERT_MSG_EQ(ok, true, "after the BA the HA's binding holds the MN's new CoA");
        }
        const auto& cols = table.GetColumns();
        auto col = [&](const std::string& name) {
            return std::find(cols.begin(), cols.end(), name) - cols.begin();
        };
        for (size_t i = 0; i < table.GetRowCount(); ++i)
        {
            const auto& row = table.GetRow(i);
            NS_TEST_ASSERT_MSG_EQ(row[col("kind")], "hard", "break-before-make on WLAN");
            NS_TEST_ASSERT_MSG_EQ(row[col("from_access")], "wlan-ap" + std::to_string(i), "from");
            NS_TEST_ASSERT_MSG_EQ(row[col("to_access")], "wlan-ap" + std::to_string(i + 1), "to");
            NS_TEST_ASSERT_MSG_EQ(row[col("ba_status")], "0", "accepted");
            double sum = 0;
            for (const char* c : {"l2_detect_s", "l2_attach_s", "md_s", "dad_s", "sec_s", "reg_s"})
            {
                NS_TEST_ASSERT_MSG_NE(row[col(c)], Mip6Format::NA, std::string(c) + " present");
                const double v = std::atof(row[col(c)].c_str());
                NS_TEST_ASSERT_MSG_GT_OR_EQ(v, 0.0, std::string(c) + " not negative");
                sum += v;
            }
            const double total = std::atof(row[col("total_s")].c_str());
            NS_TEST_ASSERT_MSG_EQ_TOL(total, sum, 1e-5, "total_s is the sum of the components");
            // Default WLAN: about 10 missed beacons of 102.4 ms before the loss is declared.
            NS_TEST_ASSERT_MSG_GT(std::atof(row[col("l2_detect_s")].c_str()), 0.5, "beacon loss");
            NS_TEST_ASSERT_MSG_NE(row[col("outage_s")], Mip6Format::NA, "outage measured");
            NS_TEST_ASSERT_MSG_GT_OR_EQ(std::atof(row[col("outage_s")].c_str()),
                                        std::atof(row[col("reg_s")].c_str()),
                                        "no probe on the new path before the BA");
            NS_TEST_ASSERT_MSG_EQ(row[col("sec_s")],
                                  Mip6Format::Seconds(Seconds(0)),
                                  "the none design adds no security time");
        }
        // Probes reach the MN through the tunnel: most of the 100/s over 39 s minus outages.
        NS_TEST_ASSERT_MSG_GT(run.inst.mnProbe->GetReceived(), 3000u, "probes delivered to the MN");
        NS_TEST_ASSERT_MSG_GT(run.inst.cnProbe->GetReceived(),
                              3000u,
                              "probes from the MN reach the CN");
    }
};

/// RFC 6275 §11.8 on simulated time, steered by the HA's DAD wait on the first registration.
class RetransmissionTestCase : public TestCase
{
  public:
    RetransmissionTestCase()
        : TestCase("first registration: 1.5 s timeout, doubled, new sequence number each time")
    {
    }

  private:
    void DoRun() override
    {
        {
            // BA 2 s after the BU: exactly one retransmission, 1.5 s after the first BU.
            WlanRun run(1, Seconds(6), Seconds(2));
            NS_TEST_ASSERT_MSG_EQ(run.buTimes.size(), 2, "one retransmission");
            NS_TEST_ASSERT_MSG_EQ(run.buTimes[1] - run.buTimes[0], Seconds(1.5), "at 1.5 s");
            NS_TEST_ASSERT_MSG_EQ(run.buSeqs[1], run.buSeqs[0] + 1, "with a new sequence number");
            NS_TEST_ASSERT_MSG_EQ(run.baStatus.size(), 1, "one BA");
            NS_TEST_ASSERT_MSG_EQ(unsigned(run.baStatus[0]), 0, "accepted");
            NS_TEST_ASSERT_MSG_EQ(run.baSeqs[0], run.buSeqs[1], "for the newest BU");
        }
        {
            // BA 5 s after the BU: retransmissions at 1.5 s and 1.5 + 3 s.
            WlanRun run(1, Seconds(9), Seconds(5));
            NS_TEST_ASSERT_MSG_EQ(run.buTimes.size(), 3, "two retransmissions");
            NS_TEST_ASSERT_MSG_EQ(run.buTimes[1] - run.buTimes[0], Seconds(1.5), "first at 1.5 s");
            NS_TEST_ASSERT_MSG_EQ(run.buTimes[2] - run.buTimes[1], Seconds(3), "then doubled");
        }
        {
            // BA 1 s after the BU: no retransmission.
            WlanRun run(1, Seconds(5), Seconds(1));
            NS_TEST_ASSERT_MSG_EQ(run.buTimes.size(), 1, "no retransmission");
            NS_TEST_ASSERT_MSG_EQ(run.baStatus.size(), 1, "one BA");
        }
    }
};

/// Refresh, de-registration, the RFC 4862 DAD wait, DAD on every BU, proxy ND on the home link.
class MobileNodeBehaviourTestCase : public TestCase
{
  public:
    MobileNodeBehaviourTestCase()
        : TestCase("refresh with Binding Refresh Advice, de-registration, DAD waits, proxy ND")
    {
    }

  private:
    static double Cell(const Mip6CsvTable& t, size_t row, const std::string& column)
    {
        const auto& cols = t.GetColumns();
        return std::atof(
            t.GetRow(row)[std::find(cols.begin(), cols.end(), column) - cols.begin()].c_str());
    }

    void DoRun() override
    {
        {
            // The HA advises a refresh every 8 s (RFC 6275 §6.2.4); the MN follows it. The MN
            // stands still near its only AP.
            WlanRun::Options o;
            o.access = [](Ptr<Mip6WlanAccessHelper> a) {
                a->SetAttribute("MnSpeed", DoubleValue(0));
            };
            o.helper = [](Mip6Helper& h) {
                h.SetHomeAgentAttribute("BindingRefreshAdvice", TimeValue(Seconds(8)));
            };
            WlanRun run(1, Seconds(30), Seconds(1), o);
            NS_TEST_ASSERT_MSG_GT_OR_EQ(run.buTimes.size(), 4u, "initial BU and refreshes");
            for (size_t i = 2; i < run.buTimes.size(); ++i)
            {
                NS_TEST_ASSERT_MSG_EQ_TOL((run.buTimes[i] - run.buTimes[i - 1]).GetSeconds(),
                                          8.0,
                                          0.05,
                                          "refresh every 8 s (after the BA)");
            }
            NS_TEST_ASSERT_MSG_EQ(run.baStatus.size(),
                                  run.buTimes.size(),
                                  "every refresh answered");
        }
        {
            // De-registration (lifetime 0) removes the binding and the tunnel policy.
            WlanRun::Options o;
            // A forged BA from the CN (not the HA) must be ignored (RFC 6275 §11.7.3).
            o.installed = [](WlanRun& r) {
                Simulator::Schedule(Seconds(10), &Mip6MobileNode::Deregister, r.inst.mobileNode);
                Simulator::Schedule(Seconds(5), [&r]() {
                    Ptr<Mip6L4Protocol> cnL4 = Mip6L4Protocol::Install(r.topo.cn);
                    Mip6BindingAckHeader ba;
                    ba.SetStatus(0);
                    ba.SetSequence(r.inst.mobileNode->GetBindingUpdateListEntry().sequence);
                    ba.SetLifetimeUnits(100);
                    const Ipv6Address coa =
                        r.inst.mobileNode->GetMovementDetector()->GetCareOfAddress();
                    ba.CalculateChecksum(r.topo.cnAddress, r.topo.mnHomeAddress);
                    Ptr<Packet> p = Create<Packet>();
                    p->AddHeader(ba);
                    cnL4->Send(p,
                               135,
                               r.topo.cnAddress,
                               coa,
                               std::nullopt,
                               r.topo.mnHomeAddress,
                               nullptr);
                });
            };
            WlanRun run(1, Seconds(12), Seconds(1), o);
            NS_TEST_ASSERT_MSG_EQ(run.inst.mobileNode->GetDropCount("ba-not-from-ha"),
                                  1,
                                  "the forged BA was refused and counted");
            NS_TEST_ASSERT_MSG_EQ(run.haCoa, Ipv6Address(), "the HA removed the binding");
            NS_TEST_ASSERT_MSG_EQ(run.inst.mobileNode->IsRegistered(),
                                  false,
                                  "MN no longer registered");
            NS_TEST_ASSERT_MSG_EQ(run.baStatus.size(),
                                  2,
                                  "BA for the registration and for the de-registration");
            NS_TEST_ASSERT_MSG_EQ(unsigned(run.baStatus[1]), 0, "de-registration accepted");
        }
        {
            // RFC 4862 DAD wait at the MN: dad_s is 1 s; DAD at the HA on every BU: reg_s >= 1 s.
            WlanRun::Options o;
            o.helper = [](Mip6Helper& h) {
                h.SetHomeAgentAttribute("DadOnEveryBu", BooleanValue(true));
            };
            o.installed = [](WlanRun& r) {
                r.inst.mobileNode->GetMovementDetector()->SetAttribute("DadWait",
                                                                       TimeValue(Seconds(1)));
            };
            WlanRun run(2, Seconds(20), Seconds(1), o);
            Mip6CsvTable t(Mip6Schema::HandoverColumns());
            run.inst.timeline->FillHandovers({1, 1, "none"}, t);
            NS_TEST_ASSERT_MSG_EQ(t.GetRowCount(), 1, "one handover");
            NS_TEST_ASSERT_MSG_EQ_TOL(Cell(t, 0, "dad_s"), 1.0, 1e-6, "RFC 4862 wait");
            // A re-registration waits only INITIAL_BINDACK_TIMEOUT (1 s) while the HA's DAD takes
            // 1 s: the BU is retransmitted, the pathology of DAD on every BU (anchors.md §4).
            NS_TEST_ASSERT_MSG_GT(Cell(t, 0, "reg_s"), 1.0, "the HA's DAD before the BA");
            NS_TEST_ASSERT_MSG_GT_OR_EQ(Cell(t, 0, "bu_sent"), 2.0, "retransmitted at 1 s");
        }
        {
            // A host on the home link reaches the away MN: the HA answers its Neighbor
            // Solicitation for the HoA (proxy ND) and tunnels the packets.
            WlanRun::Options o;
            o.access = [](Ptr<Mip6WlanAccessHelper> a) {
                a->SetAttribute("HomeLinkHost", BooleanValue(true));
            };
            Ptr<Mip6ProbeApplication> hostProbe;
            o.installed = [&hostProbe](WlanRun& r) {
                hostProbe = CreateObject<Mip6ProbeApplication>();
                hostProbe->SetAttribute("Remote", Ipv6AddressValue(r.topo.mnHomeAddress));
                hostProbe->SetAttribute("Port", UintegerValue(9001));
                r.topo.homeLinkHost->AddApplication(hostProbe);
                hostProbe->SetStartTime(Seconds(3));
                hostProbe->SetStopTime(Seconds(8));
                Ptr<Mip6ProbeApplication> sink = CreateObject<Mip6ProbeApplication>();
                sink->SetAttribute("Port", UintegerValue(9001));
                r.topo.mn->AddApplication(sink);
                sink->SetStartTime(Seconds(0));
                r.sink = sink;
            };
            WlanRun run(1, Seconds(8), Seconds(1), o);
            NS_TEST_ASSERT_MSG_GT(hostProbe->GetSent(), 400u, "the host sent");
            NS_TEST_ASSERT_MSG_GT(run.sink->GetReceived(),
                                  hostProbe->GetSent() - 5,
                                  "the MN received them through the HA's proxy ND and tunnel");
        }
    }
};

/// A -> B -> A: the MN comes back to an access router it has used before (ns-2 trace).
class RevisitTestCase : public TestCase
{
  public:
    RevisitTestCase()
        : TestCase("back to an earlier access router: a new registration from its prefix")
    {
    }

  private:
    void DoRun() override
    {
        char dir[] = "/tmp/mip6-revisit-XXXXXX";
        NS_TEST_ASSERT_MSG_NE(mkdtemp(dir), nullptr, "temporary directory");
        const std::string trace = std::string(dir) + "/walk.ns_movements";
        {
            std::ofstream f(trace);
            f << "$node_(0) set X_ 0.0\n$node_(0) set Y_ 0.0\n$node_(0) set Z_ 0.0\n"
              << "$ns_ at 0.5 \"$node_(0) setdest 120.0 0.0 5.0\"\n"
              << "$ns_ at 25.0 \"$node_(0) setdest 0.0 0.0 5.0\"\n";
        }
        WlanRun::Options o;
        o.access = [trace](Ptr<Mip6WlanAccessHelper> a) {
            a->SetAttribute("MobilityTraceFile", StringValue(trace));
        };
        WlanRun run(2, Seconds(55), Seconds(1), o);
        std::remove(trace.c_str());
        rmdir(dir);
        Mip6CsvTable t(Mip6Schema::HandoverColumns());
        run.inst.timeline->FillHandovers({1, 1, "none"}, t);
        NS_TEST_ASSERT_MSG_EQ(t.GetRowCount(), 2, "out and back");
        const auto& cols = t.GetColumns();
        auto cell = [&](size_t r, const std::string& c) {
            return t.GetRow(r)[std::find(cols.begin(), cols.end(), c) - cols.begin()];
        };
        NS_TEST_ASSERT_MSG_EQ(cell(1, "to_access"), "wlan-ap0", "back on AP0");
        NS_TEST_ASSERT_MSG_EQ(cell(1, "kind"), "hard", "with a new CoA, not an L2-only handover");
        NS_TEST_ASSERT_MSG_EQ(cell(1, "ba_status"), "0", "registered again");
        NS_TEST_ASSERT_MSG_EQ(run.topo.GetAccessIndexForPrefix(run.haCoa),
                              0,
                              "binding on AR0's prefix");
        NS_TEST_ASSERT_MSG_EQ(run.haCoa, run.mnCoa, "and it is the MN's CoA");
    }
};

/// RFC 6275 §11.5.4: AP0 (foreign) -> AP1 (bridged onto the home link) -> AP2 (foreign).
class ReturnHomeTestCase : public TestCase
{
  public:
    ReturnHomeTestCase()
        : TestCase("returning home: de-registration from the HoA, direct delivery, away again")
    {
    }

  private:
    struct HaBu
    {
        Time at;
        Ipv6Address hoa;
        Ipv6Address coa;
    };

    std::vector<HaBu> m_haBus;
    std::vector<Ipv6Address> m_homeNaTargets; //!< NAs the MN sent to all nodes (targets)
    bool m_bindingWhileHome{true};
    bool m_atHomeSeen{false};
    uint64_t m_probesBeforeHome{0};
    uint64_t m_probesAtHome{0};

    void HaBuReceived(Ipv6Address hoa, Ipv6Address coa, uint16_t seq)
    {
        m_haBus.push_back({Simulator::Now(), hoa, coa});
    }

    void MnIpTx(Ptr<const Packet> packet, Ptr<Ipv6> ipv6, uint32_t ifIndex)
    {
        Ptr<Packet> p = packet->Copy();
        Ipv6Header ip;
        p->RemoveHeader(ip);
        if (ip.GetNextHeader() != Icmpv6L4Protocol::PROT_NUMBER ||
            ip.GetDestination() != Ipv6Address::GetAllNodesMulticast())
        {
            return;
        }
        Icmpv6Header probe;
        p->PeekHeader(probe);
        if (probe.GetType() == Icmpv6Header::ICMPV6_ND_NEIGHBOR_ADVERTISEMENT)
        {
            Icmpv6NA na;
            p->PeekHeader(na);
            if (na.GetFlagO())
            {
                m_homeNaTargets.push_back(na.GetIpv6Target());
            }
        }
    }

    void DoRun() override
    {
        WlanRun::Options o;
        o.access = [](Ptr<Mip6WlanAccessHelper> a) {
            a->SetAttribute("HomeAccessPoint", IntegerValue(1));
        };
        o.installed = [this](WlanRun& r) {
            r.inst.homeAgent->TraceConnectWithoutContext(
                "BindingUpdateReceived",
                MakeCallback(&ReturnHomeTestCase::HaBuReceived, this));
            r.topo.mn->GetObject<Ipv6L3Protocol>()->TraceConnectWithoutContext(
                "Tx",
                MakeCallback(&ReturnHomeTestCase::MnIpTx, this));
            // Half-way through AP1's cell (x = 80 m at 5 m/s) the MN is home.
            Simulator::Schedule(Seconds(17), [this, &r]() {
                m_atHomeSeen = r.inst.mobileNode->IsAtHome();
                m_bindingWhileHome = r.inst.homeAgent->GetBinding(r.topo.mnHomeAddress) != nullptr;
                m_probesBeforeHome = r.inst.mnProbe->GetReceived();
            });
            Simulator::Schedule(Seconds(19), [this, &r]() {
                m_probesAtHome = r.inst.mnProbe->GetReceived() - m_probesBeforeHome;
            });
        };
        WlanRun run(3, Seconds(40), Seconds(1), o);
        const Ipv6Address hoa = run.topo.mnHomeAddress;

        NS_TEST_EXPECT_MSG_EQ(m_atHomeSeen, true, "the MN knew it was home");
        NS_TEST_EXPECT_MSG_EQ(m_bindingWhileHome, false, "the HA removed the binding");
        // 100 probes/s for 2 s, delivered on the home link without a tunnel.
        NS_TEST_EXPECT_MSG_GT(m_probesAtHome, 190u, "probes reach the HoA directly at home");
        // The de-registration: BU from the HoA, care-of address = HoA (§11.5.4).
        bool dereg = false;
        for (const HaBu& b : m_haBus)
        {
            dereg = dereg || (b.hoa == hoa && b.coa == hoa);
        }
        NS_TEST_EXPECT_MSG_EQ(dereg, true, "a BU with CoA = HoA reached the HA");
        NS_TEST_EXPECT_MSG_EQ(
            std::count(m_homeNaTargets.begin(), m_homeNaTargets.end(), hoa),
            1,
            "one unsolicited NA (Override) for the HoA after the de-registration BA");

        // Away again: a new binding from AP2's prefix.
        NS_TEST_EXPECT_MSG_EQ(run.inst.mobileNode->IsAtHome(), false, "left home");
        NS_TEST_EXPECT_MSG_EQ(run.topo.GetAccessIndexForPrefix(run.haCoa), 2, "bound on AR2");
        NS_TEST_EXPECT_MSG_EQ(run.haCoa, run.mnCoa, "the MN's CoA");

        Mip6CsvTable t(Mip6Schema::HandoverColumns());
        run.inst.timeline->FillHandovers({1, 1, "none"}, t);
        NS_TEST_ASSERT_MSG_EQ(t.GetRowCount(), 2, "home and away again");
        const auto& cols = t.GetColumns();
        auto cell = [&](size_t r, const std::string& c) {
            return t.GetRow(r)[std::find(cols.begin(), cols.end(), c) - cols.begin()];
        };
        NS_TEST_EXPECT_MSG_EQ(cell(0, "to_access"), "home", "returned home");
        NS_TEST_EXPECT_MSG_EQ(cell(1, "from_access"), "home", "left home");
        NS_TEST_EXPECT_MSG_EQ(cell(1, "to_access"), "wlan-ap2", "to AP2");
        for (size_t r = 0; r < 2; ++r)
        {
            NS_TEST_EXPECT_MSG_EQ(cell(r, "ba_status"), "0", "accepted");
            double sum = 0;
            for (const char* c : {"l2_detect_s", "l2_attach_s", "md_s", "dad_s", "sec_s", "reg_s"})
            {
                NS_TEST_ASSERT_MSG_NE(cell(r, c), Mip6Format::NA, std::string(c) + " present");
                sum += std::atof(cell(r, c).c_str());
            }
            NS_TEST_EXPECT_MSG_EQ_TOL(std::atof(cell(r, "total_s").c_str()),
                                      sum,
                                      1e-5,
                                      "total_s is the sum");
            NS_TEST_EXPECT_MSG_NE(cell(r, "outage_s"), Mip6Format::NA, "outage measured");
        }
        NS_TEST_EXPECT_MSG_EQ(cell(0, "dad_s"), Mip6Format::Seconds(Seconds(0)), "no DAD at home");
    }
};

class HandoverTestSuite : public TestSuite
{
  public:
    HandoverTestSuite()
        : TestSuite("mip6-handover", SYSTEM)
    {
        AddTestCase(new HandoverEndToEndTestCase, TestCase::QUICK);
        AddTestCase(new RetransmissionTestCase, TestCase::QUICK);
        AddTestCase(new MobileNodeBehaviourTestCase, TestCase::QUICK);
        AddTestCase(new RevisitTestCase, TestCase::QUICK);
        AddTestCase(new ReturnHomeTestCase, TestCase::QUICK);
    }
};

static HandoverTestSuite g_handoverTestSuite;

} // namespace

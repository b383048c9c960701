/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/mip6-compare-options.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-dh.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-ipsec-sad.h"
#include "ns3/mip6-mac.h"
#include "ns3/mip6-processing-delay.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/mip6-wlan-access-helper.h"

#include <functional>
#include <string>
#include <tuple>
#include <vector>

using namespace ns3;

namespace
{

/// One operation reported by a model's Operation trace.
struct Op
{
    std::string name; ///< operation
    Time cost;        ///< its cost
    Time finish;      ///< when it finished
};

/// What a run of the WLAN topology gave.
struct Outcome
{
    std::optional<Time> securityS;                ///< bootstrap security_s
    std::optional<Time> regS;                     ///< bootstrap reg_s
    std::optional<Time> totalS;                   ///< bootstrap total_s
    std::vector<std::tuple<Time, Time>> handover; ///< per handover: sec_s, reg_s
    uint64_t events{0};                           ///< events executed
    std::vector<Op> mnOps;                        ///< the MN's charged operations
    std::vector<Op> haOps;                        ///< the HA's charged operations
};

/// How much the WLAN's channel access may differ when a frame leaves at another instant.
const Time kChannelJitter = MicroSeconds(500);

std::optional<Time>
Span(const std::optional<Time>& a, const std::optional<Time>& b)
{
    if (!a || !b)
    {
        return std::nullopt;
    }
    return *b - *a;
}

/**
 * Runs one design on the WLAN topology.
 * \param variant the design variant
 * \param aps access points (1: bootstrap only)
 * \param simTime simulated time
 * \param configure called with the MN and HA nodes before the run (install models there)
 * \param quiet no probe flow (one probe per 1000 s): with nothing else on the WLAN, a message sent
 *        later meets the same channel, so timings shift by exactly the added CPU time
 * \return the timings
 */
Outcome
RunDesign(const std::string& variant,
          uint32_t aps,
          Time simTime,
          const std::function<void(Ptr<Node>, Ptr<Node>)>& configure,
          bool quiet = false)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    Mip6CryptoRandom::Install();
    Mip6CryptoRandom::Reset();
    std::string error;
    Ptr<Mip6SecurityDesign> design = Mip6SecurityDesignFactory::Create(variant, error);
    NS_ABORT_MSG_IF(!design, error);
    Ptr<Mip6WlanAccessHelper> access = CreateObject<Mip6WlanAccessHelper>();
    access->SetAttribute("NumAccessPoints", UintegerValue(aps));
    if (design->WantsControllerNode())
    {
        access->SetAttribute("HacNode", BooleanValue(true));
    }
    Mip6WlanTopology topo = access->Build();
    access->AssignStreams(100);
    if (topo.hac)
    {
        design->InstallController(topo.hac, topo.hacAddress, topo.haHacAddress);
    }
    Outcome out;
    configure(topo.mn, topo.ha);
    auto watch = [](Ptr<Node> node, std::vector<Op>* ops) {
        if (Ptr<Mip6ProcessingDelay> m = Mip6ProcessingDelay::Get(node))
        {
            m->TraceConnectWithoutContext("Operation",
                                          Callback<void, const std::string&, Time, Time>(
                                              [ops](const std::string& op, Time cost, Time finish) {
                                                  ops->push_back({op, cost, finish});
                                              }));
        }
    };
    watch(topo.mn, &out.mnOps);
    watch(topo.ha, &out.haOps);
    Mip6Helper helper(design);
    if (quiet)
    {
        helper.SetProbeAttribute("Rate", DoubleValue(0.001));
    }
    Mip6Helper::Installation inst = helper.InstallOnWlan(topo, Seconds(1), simTime);
    Simulator::Stop(simTime);
    Simulator::Run();
    const Mip6HandoverTimeline::Bootstrap& b = inst.timeline->GetBootstrap();
    out.securityS = Span(b.securityStart, b.securityDone);
    out.regS = Span(b.buSent, b.baReceived);
    out.totalS = Span(b.start, b.baReceived);
    for (const auto& r : inst.timeline->GetRecords())
    {
        if (r.complete && r.coaUsable && r.buSent && r.baReceived)
        {
            out.handover.emplace_back(*r.buSent - *r.coaUsable, *r.baReceived - *r.buSent);
        }
    }
    out.events = Simulator::GetEventCount();
    Simulator::Destroy();
    return out;
}

/// Installs a model with the given attributes on a node.
void
InstallModel(Ptr<Node> node, const std::vector<std::pair<std::string, std::string>>& attributes)
{
    Ptr<Mip6ProcessingDelay> m = Mip6ProcessingDelay::Install(node);
    for (const auto& [name, value] : attributes)
    {
        m->SetAttribute(name, StringValue(value));
    }
}

} // namespace

/**
 * \ingroup mip6-tests
 * The CPU is serial: an operation issued while it is busy starts when the previous one ends;
 * WhenIdle runs at once on an idle CPU (no event) and at the end of the last charge otherwise;
 * the Operation trace reports each charge with its finish time.
 */
class Mip6ProcessingQueueTestCase : public TestCase
{
  public:
    Mip6ProcessingQueueTestCase()
        : TestCase("serial CPU: queueing, WhenIdle, Operation trace")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Node> node = CreateObject<Node>();
        // No model: WhenIdle is a direct call.
        bool ran = false;
        Mip6ProcessingDelay::WhenIdle(node, [&ran]() { ran = true; });
        NS_TEST_EXPECT_MSG_EQ(ran, true, "no model: direct call");
        Ptr<Mip6ProcessingDelay> m = Mip6ProcessingDelay::Install(node);
        NS_TEST_EXPECT_MSG_EQ(Mip6ProcessingDelay::Install(node), m, "Install is idempotent");
        std::vector<Op> ops;
        m->TraceConnectWithoutContext("Operation",
                                      Callback<void, const std::string&, Time, Time>(
                                          [&ops](const std::string& op, Time cost, Time finish) {
                                              ops.push_back({op, cost, finish});
                                          }));
        ran = false;
        Mip6ProcessingDelay::WhenIdle(node, [&ran]() { ran = true; });
        NS_TEST_EXPECT_MSG_EQ(ran, true, "idle CPU: direct call");
        const uint64_t eventsBefore = Simulator::GetEventCount();
        std::vector<Time> doneAt;
        Simulator::Schedule(Seconds(1), [&]() {
            m->Charge("a", MilliSeconds(3));
            Mip6ProcessingDelay::WhenIdle(node, [&]() { doneAt.push_back(Simulator::Now()); });
        });
        Simulator::Schedule(Seconds(1) + MilliSeconds(1), [&]() {
            NS_TEST_EXPECT_MSG_EQ(m->IsBusy(), true, "busy during a");
            m->Charge("b", MilliSeconds(2)); // waits for a: 1.003 -> 1.005
            Mip6ProcessingDelay::WhenIdle(node, [&]() { doneAt.push_back(Simulator::Now()); });
        });
        Simulator::Schedule(Seconds(2), [&]() {
            NS_TEST_EXPECT_MSG_EQ(m->IsBusy(), false, "idle later");
            m->Charge("zero", Seconds(0));
            NS_TEST_EXPECT_MSG_EQ(m->IsBusy(), false, "a zero cost occupies nothing");
        });
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(doneAt.size(), 2, "both continuations ran");
        NS_TEST_EXPECT_MSG_EQ(doneAt[0], Seconds(1) + MilliSeconds(3), "a's waiter: when a ends");
        NS_TEST_EXPECT_MSG_EQ(doneAt[1], Seconds(1) + MilliSeconds(5), "b's waiter: after b");
        NS_TEST_ASSERT_MSG_EQ(ops.size(), 3, "three operations traced");
        NS_TEST_EXPECT_MSG_EQ(ops[0].name, "a", "first op");
        NS_TEST_EXPECT_MSG_EQ(ops[0].finish, Seconds(1) + MilliSeconds(3), "a finishes");
        NS_TEST_EXPECT_MSG_EQ(ops[1].finish, Seconds(1) + MilliSeconds(5), "b queued behind a");
        NS_TEST_EXPECT_MSG_EQ(ops[1].cost, MilliSeconds(2), "b's cost");
        NS_TEST_EXPECT_MSG_EQ(ops[2].finish, Seconds(2), "zero cost finishes at once");
        NS_TEST_EXPECT_MSG_EQ(m->GetTotalCharged(), MilliSeconds(5), "total");
        NS_TEST_EXPECT_MSG_EQ(m->GetOperationCount(), 3, "count");
        // The node's initialisation (NodeList), 3 scheduled lambdas, the two deferred waiters.
        NS_TEST_EXPECT_MSG_EQ(Simulator::GetEventCount() - eventsBefore, 6, "events");
        Simulator::Destroy();
    }
};

/**
 * \ingroup mip6-tests
 * The crypto core charges the node in scope, with the costs its attributes give; nothing is
 * charged outside a scope.
 */
class Mip6ProcessingPrimitiveTestCase : public TestCase
{
  public:
    Mip6ProcessingPrimitiveTestCase()
        : TestCase("crypto-core primitives charge the node in scope")
    {
    }

  private:
    void DoRun() override
    {
        Mip6CryptoRandom::Install();
        Ptr<Node> node = CreateObject<Node>();
        InstallModel(node,
                     {{"DhKeygenEcp256", "700us"},
                      {"DhSharedEcp256", "900us"},
                      {"MacPerOperation", "2us"},
                      {"MacPerByteNs", "1.5"}});
        Ptr<Mip6ProcessingDelay> m = Mip6ProcessingDelay::Get(node);
        auto a = Mip6DhKeyPair::Generate(Mip6DhGroup::ECP_256); // no scope
        NS_TEST_EXPECT_MSG_EQ(m->GetOperationCount(), 0, "outside a scope nothing is charged");
        {
            Mip6CpuScope scope(node);
            auto b = Mip6DhKeyPair::Generate(Mip6DhGroup::ECP_256);
            auto s = b.Value().ComputeSharedSecret(a.Value().GetPublicValue());
            auto mac = Mip6Hmac(Mip6HashAlgorithm::SHA256, Mip6Bytes(32, 1), Mip6Bytes(100, 2));
            NS_TEST_EXPECT_MSG_EQ(s.IsOk(), true, "shared secret");
            NS_TEST_EXPECT_MSG_EQ(mac.IsOk(), true, "hmac");
        }
        NS_TEST_EXPECT_MSG_EQ(m->GetOperationCount(), 3, "three operations");
        // 700 + 900 us, and 2 us + 100 x 1.5 ns.
        NS_TEST_EXPECT_MSG_EQ(m->GetTotalCharged(),
                              MicroSeconds(1600) + MicroSeconds(2) + NanoSeconds(150),
                              "charged from the attributes");
        NS_TEST_EXPECT_MSG_EQ(m->GetBusyUntil(), m->GetTotalCharged(), "serial from t = 0");
        {
            Mip6CpuScope none(nullptr); // a scope without a model charges nothing
            Mip6DhKeyPair::Generate(Mip6DhGroup::ECP_256);
        }
        NS_TEST_EXPECT_MSG_EQ(m->GetOperationCount(), 3, "a scope for no node charges nothing");
        Simulator::Destroy();
    }
};

/**
 * \ingroup mip6-tests
 * Bad values give a clear error: a negative cost is refused by the attribute, an unknown
 * profile by ApplyProfile, the helper and the scenario option.
 */
class Mip6ProcessingBadValuesTestCase : public TestCase
{
  public:
    Mip6ProcessingBadValuesTestCase()
        : TestCase("bad costs and unknown profiles are refused")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Mip6ProcessingDelay> m = CreateObject<Mip6ProcessingDelay>();
        NS_TEST_EXPECT_MSG_EQ(m->SetAttributeFailSafe("Sign", TimeValue(MilliSeconds(-1))),
                              false,
                              "negative time refused");
        NS_TEST_EXPECT_MSG_EQ(m->SetAttributeFailSafe("CipherPerByteNs", DoubleValue(-0.5)),
                              false,
                              "negative per-byte cost refused");
        NS_TEST_EXPECT_MSG_EQ(m->SetAttributeFailSafe("Sign", TimeValue(MilliSeconds(1))),
                              true,
                              "a positive cost is taken");
        NS_TEST_EXPECT_MSG_EQ(m->ApplyProfile("laptop"), false, "unknown profile");
        NS_TEST_EXPECT_MSG_EQ(m->GetSignCost(), MilliSeconds(1), "unchanged by a bad profile");
        NS_TEST_EXPECT_MSG_EQ(m->ApplyProfile("none"), true, "none");
        NS_TEST_EXPECT_MSG_EQ(m->GetSignCost(), Seconds(0), "none is all zero");
        std::string mn;
        std::string ha;
        NS_TEST_EXPECT_MSG_EQ(Mip6ProcessingDelay::SplitProfilePair("phone-server", mn, ha),
                              true,
                              "phone-server");
        NS_TEST_EXPECT_MSG_EQ(mn + "/" + ha, "phone/server", "split");
        for (const std::string bad : {"phone", "phone-", "-server", "phone-laptop", ""})
        {
            NS_TEST_EXPECT_MSG_EQ(Mip6ProcessingDelay::SplitProfilePair(bad, mn, ha),
                                  false,
                                  "refused: '" << bad << "'");
        }
        std::string error;
        Mip6Helper helper(Mip6SecurityDesignFactory::Create("none", error));
        NS_TEST_EXPECT_MSG_EQ(helper.SetProcessingProfile("phone-laptop"), false, "helper");
        NS_TEST_EXPECT_MSG_EQ(helper.GetProcessingProfile(), "none", "helper unchanged");
        auto ok = [](const std::string&, std::string&) { return true; };
        auto r = Mip6ParseCompareOptions({"--processing-profile", "fast"}, ok);
        NS_TEST_EXPECT_MSG_EQ(static_cast<int>(r.action),
                              static_cast<int>(Mip6CompareParseResult::Action::ERROR),
                              "option refused");
        NS_TEST_EXPECT_MSG_NE(r.text.find("phone-server"), std::string::npos, r.text);
        r = Mip6ParseCompareOptions({"--processing-profile", "phone-server"}, ok);
        NS_TEST_EXPECT_MSG_EQ(r.options.processingProfile, "phone-server", "option taken");
        NS_TEST_EXPECT_MSG_EQ(r.options.ToParameterMap().at("processing-profile"),
                              "phone-server",
                              "recorded in the manifest parameters");
    }
};

/**
 * \ingroup mip6-tests
 * ipsec-ikev2 bootstrap (IKE_SA_INIT + IKE_AUTH, group 14): with DH costs only, security_s grows
 * by exactly the DH work on the critical path — the MN's key pair before IKE_SA_INIT, the HA's
 * key pair and shared secret before its response, the MN's shared secret before IKE_AUTH — and
 * reg_s does not change.
 */
class Mip6ProcessingIkeBootstrapTestCase : public TestCase
{
  public:
    Mip6ProcessingIkeBootstrapTestCase()
        : TestCase("ipsec-ikev2: bootstrap security_s grows by the critical-path DH costs")
    {
    }

  private:
    void DoRun() override
    {
        const Time keygen = MilliSeconds(7);
        const Time shared = MilliSeconds(5);
        // Frames that leave later meet the WLAN in another state (beacons, the MN's own ND frames
        // of the new CoA): their channel access differs by up to a few hundred microseconds, so
        // the growth is the CPU time within kChannelJitter (and the CPU timing itself is exact,
        // checked on the Operation trace).
        const Outcome base = RunDesign(
            "ipsec-ikev2",
            1,
            Seconds(4),
            [](Ptr<Node>, Ptr<Node>) {},
            true);
        const Outcome slow = RunDesign(
            "ipsec-ikev2",
            1,
            Seconds(4),
            [](Ptr<Node> mn, Ptr<Node> ha) {
                InstallModel(mn, {{"DhSharedModp2048", "5ms"}});
                InstallModel(ha, {{"DhKeygenModp2048", "7ms"}, {"DhSharedModp2048", "5ms"}});
            },
            true);
        NS_TEST_ASSERT_MSG_EQ((base.securityS && slow.securityS), true, "bootstrap ran");
        NS_TEST_ASSERT_MSG_EQ((base.regS && slow.regS), true, "registered");
        // HA: key pair + shared secret before the IKE_SA_INIT response; MN: shared secret
        // before IKE_AUTH.
        const Time expected = keygen + 2 * shared;
        NS_TEST_EXPECT_MSG_EQ_TOL(*slow.securityS - *base.securityS,
                                  expected,
                                  kChannelJitter,
                                  "security_s growth");
        NS_TEST_EXPECT_MSG_EQ_TOL(*slow.regS,
                                  *base.regS,
                                  kChannelJitter,
                                  "reg_s (no DH after IKE)");
        NS_TEST_EXPECT_MSG_EQ_TOL(*slow.totalS - *base.totalS,
                                  expected,
                                  kChannelJitter,
                                  "total_s growth");
        // The HA's shared secret starts when its key pair ends (one serial CPU).
        std::vector<Op> haDhOps;
        for (const Op& op : slow.haOps)
        {
            if (op.name.rfind("dh-", 0) == 0)
            {
                haDhOps.push_back(op);
            }
        }
        NS_TEST_ASSERT_MSG_EQ(haDhOps.size(), 2, "HA: key pair and shared secret");
        NS_TEST_EXPECT_MSG_EQ(haDhOps[1].finish - haDhOps[0].finish, shared, "serial on the HA");
        Time mnDh{0};
        for (const Op& op : slow.mnOps)
        {
            mnDh += op.name.rfind("dh-", 0) == 0 ? op.cost : Seconds(0);
        }
        Time haDh{0};
        for (const Op& op : slow.haOps)
        {
            haDh += op.name.rfind("dh-", 0) == 0 ? op.cost : Seconds(0);
        }
        NS_TEST_EXPECT_MSG_EQ(mnDh, shared, "MN: one shared secret (its key pair costs 0)");
        NS_TEST_EXPECT_MSG_EQ(haDh, keygen + shared, "HA: one key pair, one shared secret");
    }
};

/**
 * \ingroup mip6-tests
 * ipsec-manual (ESP transport on BU/BA, no bootstrap): with per-operation cipher and MAC costs,
 * the home registration's reg_s grows by exactly the MN's BU protection, the HA's check and
 * decryption of it, the HA's BA protection and the MN's check and decryption of the BA: four
 * cipher and four ICV operations.
 */
class Mip6ProcessingEspBuTestCase : public TestCase
{
  public:
    Mip6ProcessingEspBuTestCase()
        : TestCase("ipsec-manual: ESP on BU and BA, reg_s grows by the MN and HA costs")
    {
    }

  private:
    void DoRun() override
    {
        const Time cipher = MilliSeconds(3);
        const Time mac = MilliSeconds(2);
        const std::vector<std::pair<std::string, std::string>> costs{{"CipherPerOperation", "3ms"},
                                                                     {"MacPerOperation", "2ms"}};
        const Outcome base = RunDesign(
            "ipsec-manual",
            1,
            Seconds(4),
            [](Ptr<Node>, Ptr<Node>) {},
            true);
        const Outcome slow = RunDesign(
            "ipsec-manual",
            1,
            Seconds(4),
            [&costs](Ptr<Node> mn, Ptr<Node> ha) {
                InstallModel(mn, costs);
                InstallModel(ha, costs);
            },
            true);
        NS_TEST_ASSERT_MSG_EQ((base.regS && slow.regS), true, "registered");
        NS_TEST_EXPECT_MSG_EQ_TOL(*slow.regS - *base.regS,
                                  4 * cipher + 4 * mac,
                                  kChannelJitter,
                                  "reg_s growth: MN (BU out, BA in) + HA (BU in, BA out)");
        NS_TEST_EXPECT_MSG_EQ(*slow.securityS, *base.securityS, "no bootstrap work");
        uint32_t mnCipher = 0;
        for (const Op& op : slow.mnOps)
        {
            mnCipher += op.name == "cipher" && op.finish <= Seconds(1) + *slow.totalS ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_GT_OR_EQ(mnCipher, 2, "the MN encrypted the BU, decrypted the BA");
    }
};

/**
 * \ingroup mip6-tests
 * A model with every cost zero (and the "none" profile) changes nothing: the bootstrap and
 * handover timings and the number of events equal those of a run without the model.
 */
class Mip6ProcessingZeroTestCase : public TestCase
{
  public:
    Mip6ProcessingZeroTestCase()
        : TestCase("zero costs: timings and event count identical to no model")
    {
    }

  private:
    void DoRun() override
    {
        for (const std::string variant : {"ipsec-ikev2", "authopt", "altsec-tls"})
        {
            const Outcome base = RunDesign(variant, 2, Seconds(14), [](Ptr<Node>, Ptr<Node>) {});
            const Outcome zero = RunDesign(variant, 2, Seconds(14), [](Ptr<Node> mn, Ptr<Node> ha) {
                Mip6ProcessingDelay::Install(mn)->ApplyProfile("none");
                Mip6ProcessingDelay::Install(ha);
            });
            NS_TEST_EXPECT_MSG_EQ(zero.events, base.events, variant << ": no extra event");
            NS_TEST_EXPECT_MSG_EQ((zero.totalS == base.totalS && zero.securityS == base.securityS &&
                                   zero.regS == base.regS),
                                  true,
                                  variant << ": bootstrap identical");
            NS_TEST_ASSERT_MSG_EQ(zero.handover.size(), base.handover.size(), variant);
            NS_TEST_EXPECT_MSG_GT(base.handover.size(), 0, variant << ": a handover happened");
            NS_TEST_EXPECT_MSG_EQ((zero.handover == base.handover),
                                  true,
                                  variant << ": handovers identical");
            NS_TEST_EXPECT_MSG_GT(zero.mnOps.size(), 0, variant << ": MN operations traced");
            NS_TEST_EXPECT_MSG_GT(zero.haOps.size(), 0, variant << ": HA operations traced");
        }
    }
};

/**
 * \ingroup mip6-tests
 * The phone-server profile through the helper: the MN gets the phone profile, the HA the
 * server one; every design's bootstrap and handovers then take longer than without it.
 */
class Mip6ProcessingProfileTestCase : public TestCase
{
  public:
    Mip6ProcessingProfileTestCase()
        : TestCase("phone-server profile via Mip6Helper")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Mip6ProcessingDelay> phone = CreateObject<Mip6ProcessingDelay>();
        Ptr<Mip6ProcessingDelay> server = CreateObject<Mip6ProcessingDelay>();
        NS_TEST_ASSERT_MSG_EQ(phone->ApplyProfile("phone"), true, "phone");
        NS_TEST_ASSERT_MSG_EQ(server->ApplyProfile("server"), true, "server");
        NS_TEST_EXPECT_MSG_GT(server->GetDhKeygenCost(Mip6DhGroup::MODP_2048),
                              Seconds(0),
                              "server DH cost");
        NS_TEST_EXPECT_MSG_GT(phone->GetDhKeygenCost(Mip6DhGroup::MODP_2048),
                              server->GetDhKeygenCost(Mip6DhGroup::MODP_2048),
                              "the phone is slower");
        for (const std::string variant : {"ipsec-ikev2", "altsec-tls", "authopt"})
        {
            RngSeedManager::SetSeed(1);
            RngSeedManager::SetRun(1);
            Mip6CryptoRandom::Install();
            Mip6CryptoRandom::Reset();
            Ptr<Mip6WlanAccessHelper> access = CreateObject<Mip6WlanAccessHelper>();
            access->SetAttribute("NumAccessPoints", UintegerValue(1));
            std::string error;
            Ptr<Mip6SecurityDesign> design = Mip6SecurityDesignFactory::Create(variant, error);
            if (design->WantsControllerNode())
            {
                access->SetAttribute("HacNode", BooleanValue(true));
            }
            Mip6WlanTopology topo = access->Build();
            access->AssignStreams(100);
            if (topo.hac)
            {
                design->InstallController(topo.hac, topo.hacAddress, topo.haHacAddress);
            }
            Mip6Helper helper(design);
            NS_TEST_ASSERT_MSG_EQ(helper.SetProcessingProfile("phone-server"), true, variant);
            Mip6Helper::Installation inst = helper.InstallOnWlan(topo, Seconds(1), Seconds(4));
            Ptr<Mip6ProcessingDelay> mn = Mip6ProcessingDelay::Get(topo.mn);
            Ptr<Mip6ProcessingDelay> ha = Mip6ProcessingDelay::Get(topo.ha);
            NS_TEST_ASSERT_MSG_EQ((mn && ha), true, variant << ": models installed");
            NS_TEST_EXPECT_MSG_EQ(mn->GetVerifyCost(), phone->GetVerifyCost(), "MN: phone");
            NS_TEST_EXPECT_MSG_EQ(ha->GetVerifyCost(), server->GetVerifyCost(), "HA: server");
            if (topo.hac)
            {
                Ptr<Mip6ProcessingDelay> hac = Mip6ProcessingDelay::Get(topo.hac);
                NS_TEST_ASSERT_MSG_NE(hac, nullptr, "HAC model");
                NS_TEST_EXPECT_MSG_EQ(hac->GetSignCost(), server->GetSignCost(), "HAC: server");
            }
            Simulator::Stop(Seconds(4));
            Simulator::Run();
            NS_TEST_EXPECT_MSG_EQ(inst.timeline->GetBootstrap().baReceived.has_value(),
                                  true,
                                  variant << ": registered with the profile");
            NS_TEST_EXPECT_MSG_GT(mn->GetTotalCharged(), Seconds(0), variant << ": MN charged");
            NS_TEST_EXPECT_MSG_GT(ha->GetTotalCharged(), Seconds(0), variant << ": HA charged");
            Simulator::Destroy();
        }
    }
};

/**
 * \ingroup mip6-tests
 * The processing-delay model (doc/processing-delay.rst).
 */
class Mip6ProcessingDelayTestSuite : public TestSuite
{
  public:
    Mip6ProcessingDelayTestSuite()
        : TestSuite("mip6-processing-delay", UNIT)
    {
        AddTestCase(new Mip6ProcessingQueueTestCase, TestCase::QUICK);
        AddTestCase(new Mip6ProcessingPrimitiveTestCase, TestCase::QUICK);
        AddTestCase(new Mip6ProcessingBadValuesTestCase, TestCase::QUICK);
        AddTestCase(new Mip6ProcessingIkeBootstrapTestCase, TestCase::QUICK);
        AddTestCase(new Mip6ProcessingEspBuTestCase, TestCase::QUICK);
        AddTestCase(new Mip6ProcessingZeroTestCase, TestCase::QUICK);
        AddTestCase(new Mip6ProcessingProfileTestCase, TestCase::QUICK);
    }
};

static Mip6ProcessingDelayTestSuite g_processingDelayTestSuite; //!< the suite instance

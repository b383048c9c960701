/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of `ipsec-ikev2` after IKE_AUTH: the payload tunnel Child SA pair made by
 * CREATE_CHILD_SA (payload=1), Child SA and IKE SA rekeying, dead-peer detection, the deletes
 * at the end of a binding, reproducibility and tshark decryption of CREATE_CHILD_SA and
 * INFORMATIONAL.
 */

#include "mip6-ikev2-wlan-run.h"
#include "mip6-test-util.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/mip6-category-tag.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-esp-protocol.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-ipsec-ikev2-design.h"
#include "ns3/mip6-ipsec-sad.h"
#include "ns3/mip6-overhead-meter.h"
#include "ns3/mip6-result-writer.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/mip6-wlan-access-helper.h"
#include "ns3/network-module.h"

#include <filesystem>
#include <functional>
#include <iostream>
#include <set>
#include <sstream>

using namespace ns3;
using mip6test::RunCommand;

namespace
{

/// Drops IKE packets (by their category tag) received from a given time on.
class IkeBlackhole : public ErrorModel
{
  public:
    Time from{Seconds(1e9)}; ///< drop IKE from this time
    uint32_t dropped{0};     ///< IKE packets dropped

  private:
    bool DoCorrupt(Ptr<Packet> p) override
    {
        Mip6CategoryTag tag;
        if (Simulator::Now() >= from && p->PeekPacketTag(tag) &&
            tag.GetCategory() == Mip6Category::IKE)
        {
            dropped++;
            return true;
        }
        return false;
    }

    void DoReset() override
    {
    }
};

/// One WLAN run with an `ipsec-ikev2` variant and the attributes of this suite.
struct ChildRun : mip6test::Ikev2WlanRun
{
    struct Options
    {
        std::map<std::string, Time> times;        ///< design Time attributes
        std::function<void(ChildRun&)> installed; ///< after installation, before the run
        std::string keyDir;                       ///< KeyExportDirectory
        std::string pcapPrefix;                   ///< pcaps when not empty
        uint32_t run{1};                          ///< ns-3 run number
        double mnSpeed{-1};                       ///< MnSpeed (m/s; < 0: the helper's)
        int32_t homeAccessPoint{-1};              ///< HomeAccessPoint (-1: none)
    };

    ChildRun(const std::string& variant, uint32_t aps, Time simTime, const Options& o)
    {
        Setup s;
        s.variant = variant;
        s.aps = aps;
        s.simTime = simTime;
        s.keyDir = o.keyDir;
        s.pcapPrefix = o.pcapPrefix;
        s.run = o.run;
        s.phases = true;
        s.topology = [&o](Ptr<Mip6WlanAccessHelper> a) {
            if (o.mnSpeed >= 0)
            {
                a->SetAttribute("MnSpeed", DoubleValue(o.mnSpeed));
            }
            a->SetAttribute("HomeAccessPoint", IntegerValue(o.homeAccessPoint));
        };
        s.design = [&o](Ptr<Mip6Ikev2Design> d) {
            for (const auto& [name, value] : o.times)
            {
                d->SetAttribute(name, TimeValue(value));
            }
        };
        SetUp(s);
        inst.timeline->TraceConnectWithoutContext("HandoverComplete",
                                                  MakeCallback(&ChildRun::HandoverComplete, this));
        // The agents' designs find these databases (Install is idempotent) when they start.
        mnSad = Mip6IpsecSad::Install(topo.mn);
        haSad = Mip6IpsecSad::Install(topo.ha);
        mn->TraceConnectWithoutContext("IkeSaDown", MakeCallback(&ChildRun::SaDown, this));
        topo.ha->GetObject<Mip6EspProtocol>()->TraceConnectWithoutContext(
            "Drop",
            MakeCallback(&ChildRun::HaEspDrop, this));
        if (o.installed)
        {
            o.installed(*this);
        }
        Simulator::Stop(simTime);
        Simulator::Run();
        const Mip6BindingCacheEntry* e = inst.homeAgent->GetBinding(topo.mnHomeAddress);
        haCoa = e ? e->careOfAddress : Ipv6Address();
        mnCoa = inst.mobileNode->GetMovementDetector()->GetCareOfAddress();
        registered = inst.mobileNode->IsRegistered();
        haState = inst.homeAgent->GetSecurity()->GetState(topo.mnHomeAddress);
        mnState = inst.mobileNode->GetSecurity()->GetState();
        haInbound = topo.ha->GetObject<Mip6EspProtocol>()->GetInboundSaCount();
        mnInbound = topo.mn->GetObject<Mip6EspProtocol>()->GetInboundSaCount();
        mnEspRx = topo.mn->GetObject<Mip6EspProtocol>()->GetRxCount();
        haEspRx = topo.ha->GetObject<Mip6EspProtocol>()->GetRxCount();
        cnSent = inst.cnProbe->GetSent();
        mnReceived = inst.mnProbe->GetReceived();
        mnSent = inst.mnProbe->GetSent();
        cnReceived = inst.cnProbe->GetReceived();
        if (const Mip6IpsecSaSet* s = haSad->Find(topo.mnHomeAddress))
        {
            haTunnelDst = s->tunnelOut ? s->tunnelOut->GetConfig().destination : Ipv6Address();
        }
        if (const Mip6IpsecSaSet* s = mnSad->Find(topo.mnHomeAddress))
        {
            mnTunnelSrc = s->tunnelOut ? s->tunnelOut->GetConfig().source : Ipv6Address();
        }
    }

    ~ChildRun()
    {
        Simulator::Destroy();
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
    }

    void HandoverComplete(const Mip6HandoverTimeline::Record& r)
    {
        const Mip6BindingCacheEntry* e = inst.homeAgent->GetBinding(topo.mnHomeAddress);
        bindingFollowed.push_back(e && e->careOfAddress == r.toCoa && r.baStatus &&
                                  *r.baStatus == 0);
    }

    void SaDown(const std::string& reason)
    {
        saDown.push_back(reason);
    }

    void HaEspDrop(Ptr<const Packet>, const std::string& reason)
    {
        haEspDrops[reason]++;
    }

    /// \return the SPIs of the MN's SA set now: transport out/in, tunnel out/in (0: none)
    std::vector<uint32_t> Spis() const
    {
        std::vector<uint32_t> v;
        const Mip6IpsecSaSet* s = mnSad->Find(topo.mnHomeAddress);
        for (auto sa : {s ? s->transportOut : nullptr,
                        s ? s->transportIn : nullptr,
                        s ? s->tunnelOut : nullptr,
                        s ? s->tunnelIn : nullptr})
        {
            v.push_back(sa ? sa->GetSpi() : 0);
        }
        return v;
    }

    /// \return mn-air tx messages with that name (phase, ip bytes)
    std::vector<std::pair<std::string, uint64_t>> Sent(const std::string& name) const
    {
        std::vector<std::pair<std::string, uint64_t>> v;
        for (const auto& m : meter->GetMessages())
        {
            if (m.point == Mip6OverheadMeter::POINT_MN_AIR && m.direction == "tx" &&
                m.message == name)
            {
                v.emplace_back(m.phase, m.ipBytes);
            }
        }
        return v;
    }

    /// \return every mn-air message as text (reproducibility)
    std::string Transcript() const
    {
        std::ostringstream os;
        for (const auto& m : meter->GetMessages())
        {
            os << m.t.GetNanoSeconds() << ' ' << m.point << ' ' << m.direction << ' ' << m.phase
               << ' ' << m.message << ' ' << m.ipBytes << '\n';
        }
        return os.str();
    }

    Ptr<Mip6IpsecSad> mnSad;
    Ptr<Mip6IpsecSad> haSad;
    std::vector<bool> bindingFollowed;
    std::vector<std::string> saDown;
    std::map<std::string, uint32_t> haEspDrops;
    Ipv6Address haCoa;
    Ipv6Address mnCoa;
    Ipv6Address haTunnelDst;
    Ipv6Address mnTunnelSrc;
    bool registered{false};
    Mip6SecurityState haState;
    Mip6SecurityState mnState;
    size_t haInbound{0};
    size_t mnInbound{0};
    uint64_t mnEspRx{0};
    uint64_t haEspRx{0};
    uint32_t cnSent{0};
    uint32_t mnReceived{0};
    uint32_t mnSent{0};
    uint32_t cnReceived{0};
};

/**
 * \ingroup mip6-ipsec
 * RFC 4877 §4.4 / RFC 7296 §1.4.1: a de-registration (lifetime-0 BU, accepted) is followed by
 * one INFORMATIONAL exchange with Delete(ESP) and Delete(IKE); the HA then holds no SA, SPD
 * entry or IKE SA for the MN, nor does the MN. With payload=1 the four SAs go the same way.
 */
class DeleteOnDeregistrationTestCase : public TestCase
{
  public:
    /// \param variant the design variant
    explicit DeleteOnDeregistrationTestCase(const std::string& variant)
        : TestCase(variant + ": de-registration deletes the Child SAs and the IKE SA"),
          m_variant(variant)
    {
    }

  private:
    void DoRun() override
    {
        Mip6SecurityState before;
        ChildRun::Options o;
        o.installed = [&before](ChildRun& r) {
            Simulator::Schedule(Seconds(9.9),
                                [&r, &before]() { before = r.ha->GetState(r.topo.mnHomeAddress); });
            Simulator::Schedule(Seconds(10), &Mip6MobileNode::Deregister, r.inst.mobileNode);
        };
        o.mnSpeed = 0;
        ChildRun run(m_variant, 1, Seconds(20), o);
        const bool payload = run.design->GetPayloadProtection();
        NS_TEST_EXPECT_MSG_EQ(before.ikeSas, 1u, "before: one IKE SA at the HA");
        NS_TEST_EXPECT_MSG_EQ(before.saCount, payload ? 4u : 2u, "before: the Child SAs");
        NS_TEST_EXPECT_MSG_EQ(run.registered, false, "de-registered");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetExchangeCount(Mip6IkeHeader::INFORMATIONAL),
                              1u,
                              "one INFORMATIONAL exchange");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetDeletes(), 1u, "the MN's delete completed");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetDeletes(), 1u, "the HA deleted the MN's SAs");
        NS_TEST_EXPECT_MSG_EQ(run.haState.ikeSas, 0u, "HA: no IKE SA");
        NS_TEST_EXPECT_MSG_EQ(run.haState.saCount, 0u, "HA: no SA");
        NS_TEST_EXPECT_MSG_EQ(run.haState.spdEntries, 0u, "HA: no SPD entry");
        NS_TEST_EXPECT_MSG_EQ(run.haState.keyBytes, 0u, "HA: no key");
        NS_TEST_EXPECT_MSG_EQ(run.haInbound, 0u, "HA: no inbound SA in ESP");
        NS_TEST_EXPECT_MSG_EQ(run.mnState.ikeSas, 0u, "MN: no IKE SA");
        NS_TEST_EXPECT_MSG_EQ(run.mnState.saCount, 0u, "MN: no SA");
        NS_TEST_EXPECT_MSG_EQ(run.mnInbound, 0u, "MN: no inbound SA in ESP");
        NS_TEST_ASSERT_MSG_EQ(run.saDown.size(), 1u, "IkeSaDown traced once");
        NS_TEST_EXPECT_MSG_EQ(run.saDown[0], "deleted", "reason");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetDrops(), 0u, "MN dropped nothing");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetDrops(), 0u, "HA dropped nothing");
        const auto req = run.Sent("INFORMATIONAL-req");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(req.size(), 1u, "the Delete on the air");
        std::cout << m_variant << ": Delete request " << req[0].second << " B" << std::endl;
    }

    std::string m_variant;
};

/**
 * \ingroup mip6-ipsec
 * Return home (RFC 6275 §11.5.4, RFC 4877 §4.4) with payload=1: AP 1 is the home link. The
 * lifetime-0 BU from the HoA is acknowledged in the BA SA, then the MN deletes the Child SAs and
 * the IKE SA: while the MN is home neither end holds any state for it. Away again (AP 2), a new
 * IKE_SA_INIT + IKE_AUTH + CREATE_CHILD_SA runs from the new CoA before the BU, and the new
 * binding is protected as the first was.
 */
class ReturnHomeDeleteTestCase : public TestCase
{
  public:
    ReturnHomeDeleteTestCase()
        : TestCase("payload=1: return home deletes every SA; away again, a new IKE SA")
    {
    }

  private:
    void DoRun() override
    {
        Mip6SecurityState haHome;
        Mip6SecurityState mnHome;
        bool atHome = false;
        ChildRun::Options o;
        o.homeAccessPoint = 1;
        o.installed = [&](ChildRun& r) {
            // Half-way through AP1's cell (x = 80 m at 5 m/s) the MN is home.
            Simulator::Schedule(Seconds(18), [&]() {
                atHome = r.inst.mobileNode->IsAtHome();
                haHome = r.ha->GetState(r.topo.mnHomeAddress);
                mnHome = r.mn->GetState();
            });
        };
        ChildRun run("ipsec-ikev2:payload=1", 3, Seconds(40), o);
        NS_TEST_EXPECT_MSG_EQ(atHome, true, "the MN was home at 18 s");
        NS_TEST_EXPECT_MSG_EQ(haHome.ikeSas + haHome.saCount + haHome.spdEntries,
                              0u,
                              "HA: no IKE SA, SA or SPD entry while the MN is home");
        NS_TEST_EXPECT_MSG_EQ(mnHome.ikeSas + mnHome.saCount + mnHome.spdEntries,
                              0u,
                              "MN: nothing while home");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetDeletes(), 1u, "one delete");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetDeletes(), 1u, "the HA deleted once");
        NS_TEST_ASSERT_MSG_EQ(run.saDown.size(), 1u, "IkeSaDown once");
        NS_TEST_EXPECT_MSG_EQ(run.saDown[0], "deleted", "by the MN's Delete");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetExchangeCount(Mip6IkeHeader::IKE_SA_INIT),
                              2u,
                              "bootstrap, then again when away");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetExchangeCount(Mip6IkeHeader::CREATE_CHILD_SA),
                              2u,
                              "a tunnel pair each time");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetExchangeCount(Mip6IkeHeader::INFORMATIONAL),
                              1u,
                              "the Delete");
        NS_TEST_EXPECT_MSG_EQ(run.registered, true, "registered again");
        NS_TEST_EXPECT_MSG_EQ(run.haCoa, run.mnCoa, "bound to the new CoA");
        NS_TEST_EXPECT_MSG_EQ(run.haState.ikeSas, 1u, "HA: one IKE SA");
        NS_TEST_EXPECT_MSG_EQ(run.haState.saCount, 4u, "HA: 4 SAs");
        NS_TEST_EXPECT_MSG_EQ(run.haTunnelDst, run.mnCoa, "tunnel SA to the new CoA");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetDrops(), 0u, "MN dropped no IKE message");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetDrops(), 0u, "HA dropped no IKE message");
    }
};

/**
 * \ingroup mip6-ipsec
 * A binding that ends at the HA without the MN's Delete (the hook the mobility core calls on
 * expiry): after HaDeleteDelay the HA sends its own INFORMATIONAL {D(ESP), D(IKE)} (I flag
 * clear, its own Message ID 0), removes the MN's state, and the MN answers and tears down.
 */
class HaDeleteAfterExpiryTestCase : public TestCase
{
  public:
    HaDeleteAfterExpiryTestCase()
        : TestCase("binding removed at the HA: the HA deletes the SAs itself, the MN follows")
    {
    }

  private:
    void DoRun() override
    {
        ChildRun::Options o;
        o.installed = [](ChildRun& r) {
            Simulator::Schedule(Seconds(10),
                                [&r]() { r.ha->NotifyBindingRemoved(r.topo.mnHomeAddress); });
        };
        o.mnSpeed = 0;
        ChildRun run("ipsec-ikev2:payload=1", 1, Seconds(13), o);
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetDeletes(), 1u, "the HA deleted");
        NS_TEST_EXPECT_MSG_EQ(run.haState.ikeSas, 0u, "HA: no IKE SA");
        NS_TEST_EXPECT_MSG_EQ(run.haState.saCount, 0u, "HA: no SA");
        NS_TEST_EXPECT_MSG_EQ(run.haState.spdEntries, 0u, "HA: no SPD entry");
        NS_TEST_EXPECT_MSG_EQ(run.mnState.ikeSas, 0u, "MN: no IKE SA");
        NS_TEST_EXPECT_MSG_EQ(run.mnState.saCount, 0u, "MN: no SA");
        NS_TEST_ASSERT_MSG_EQ(run.saDown.size(), 1u, "IkeSaDown traced once");
        NS_TEST_EXPECT_MSG_EQ(run.saDown[0], "peer-deleted", "the HA's Delete");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(run.Sent("INFORMATIONAL-resp").size(), 1u, "MN answered");
    }
};

/**
 * \ingroup mip6-ipsec
 * payload=1 (RFC 4877 §4.3, §7.2): after IKE_AUTH one CREATE_CHILD_SA makes the tunnel-mode
 * pair; the probes flow inside ESP tunnel mode both ways over every handover (K = 1: the pair
 * migrates, no IKE per handover; K = 0: a new IKE SA and CREATE_CHILD_SA per handover). The HA
 * holds 4 SAs and 5 SPD entries; the tunnel SAs' outer endpoint is the current CoA.
 */
class PayloadChildTestCase : public TestCase
{
  public:
    /// \param variant the design variant \param k whether K = 1
    PayloadChildTestCase(const std::string& variant, bool k)
        : TestCase(variant + ": CREATE_CHILD_SA makes the ESP tunnel pair; probes flow inside"),
          m_variant(variant),
          m_k(k)
    {
    }

  private:
    void DoRun() override
    {
        ChildRun run(m_variant, 3, Seconds(30), ChildRun::Options{});
        NS_TEST_ASSERT_MSG_EQ(run.bindingFollowed.size(), 2u, "two handovers");
        for (bool ok : run.bindingFollowed)
        {
            NS_TEST_EXPECT_MSG_EQ(ok, true, "registered after the handover");
        }
        const uint32_t perHo = m_k ? 0 : 1;
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetExchangeCount(Mip6IkeHeader::CREATE_CHILD_SA),
                              1 + 2 * perHo,
                              "CREATE_CHILD_SA at bootstrap (and per handover with K = 0)");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetCreateChildCount(), 1 + 2 * perHo, "HA answered them");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetExchangeCount(Mip6IkeHeader::IKE_AUTH),
                              1 + 2 * perHo,
                              "IKE_AUTH");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetBootstrapRoundTrips(), 3u, "three round trips");
        NS_TEST_EXPECT_MSG_EQ(run.haState.saCount, 4u, "HA: 4 SAs");
        NS_TEST_EXPECT_MSG_EQ(run.haState.spdEntries, 5u, "HA: BU, BA, tunnel out/in/fwd");
        NS_TEST_EXPECT_MSG_EQ(run.haState.ikeSas, 1u, "HA: one IKE SA");
        NS_TEST_EXPECT_MSG_EQ(run.mnState.saCount, 4u, "MN: 4 SAs");
        NS_TEST_EXPECT_MSG_EQ(run.haTunnelDst, run.mnCoa, "HA tunnel SA ends at the CoA");
        NS_TEST_EXPECT_MSG_EQ(run.mnTunnelSrc, run.mnCoa, "MN tunnel SA starts at the CoA");
        NS_TEST_EXPECT_MSG_GT(run.mnReceived, 2000u, "CN→MN probes delivered");
        NS_TEST_EXPECT_MSG_GT(run.cnReceived, 2000u, "MN→CN probes delivered");
        // Every probe crossed the tunnel inside ESP: the ESP receivers counted them.
        NS_TEST_EXPECT_MSG_GT(run.mnEspRx, run.mnReceived, "MN decrypted every probe");
        NS_TEST_EXPECT_MSG_GT(run.haEspRx, run.cnReceived, "HA decrypted every probe");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetDrops(), 0u, "MN dropped no IKE message");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetDrops(), 0u, "HA dropped no IKE message");
        const auto req = run.Sent("CREATE_CHILD_SA-req");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(req.size(), 1u, "CREATE_CHILD_SA on the air");
        NS_TEST_EXPECT_MSG_EQ(req[0].first, "bootstrap", "the first one is bootstrap");
        std::cout << m_variant << ": CREATE_CHILD_SA-req " << req[0].second << " B" << std::endl;
    }

    std::string m_variant;
    bool m_k;
};

/**
 * \ingroup mip6-ipsec
 * Rekeying on the timers (RFC 7296 §1.3.2, §1.3.3, §2.8): with ChildSaLifetime 8 s and
 * IkeSaLifetime 11 s in a steady 30-s run (one AP), both Child SAs and the IKE SA are rekeyed;
 * new SPIs are in use, the old SAs are deleted (the HA holds 4 SAs, 1 IKE SA, 2 inbound SAs;
 * the MN 2 inbound SAs), no probe is lost beyond those in flight at the end, and the rekey
 * bytes count in phase `steady`.
 */
class RekeyTestCase : public TestCase
{
  public:
    /**
     * \param variant the design variant
     * \param pfs attribute Pfs (KE in every CREATE_CHILD_SA)
     */
    RekeyTestCase(const std::string& variant, bool pfs)
        : TestCase(variant + (pfs ? " (PFS)" : "") +
                   ": Child SAs and the IKE SA rekeyed, old ones deleted, no loss"),
          m_variant(variant),
          m_pfs(pfs)
    {
    }

  private:
    void DoRun() override
    {
        std::vector<uint32_t> early;
        uint64_t spiI = 0;
        // Probe counters (CN sent, MN received, MN sent, CN received) at 5 s and 29.5 s.
        std::vector<uint32_t> c5;
        std::vector<uint32_t> c29;
        ChildRun::Options o;
        o.times = {{"ChildSaLifetime", Seconds(8)}, {"IkeSaLifetime", Seconds(11)}};
        o.installed = [&](ChildRun& r) {
            r.design->SetAttribute("Pfs", BooleanValue(m_pfs));
            auto counts = [&r]() {
                return std::vector<uint32_t>{r.inst.cnProbe->GetSent(),
                                             r.inst.mnProbe->GetReceived(),
                                             r.inst.mnProbe->GetSent(),
                                             r.inst.cnProbe->GetReceived()};
            };
            Simulator::Schedule(Seconds(5), [&r, &early, &spiI, &c5, counts]() {
                early = r.Spis();
                spiI = r.mn->GetIkeSa() ? r.mn->GetIkeSa()->spiI : 0;
                c5 = counts();
            });
            Simulator::Schedule(Seconds(29.5), [&c29, counts]() { c29 = counts(); });
        };
        o.mnSpeed = 0;
        ChildRun run(m_variant, 1, Seconds(30), o);
        const bool payload = run.design->GetPayloadProtection();
        NS_TEST_EXPECT_MSG_EQ(run.registered, true, "registered");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(run.mn->GetChildRekeys(),
                                    payload ? 4u : 2u,
                                    "every Child SA rekeyed (at least twice in 30 s)");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(run.mn->GetIkeRekeys(), 2u, "IKE SA rekeyed");
        const auto late = run.Spis();
        NS_TEST_ASSERT_MSG_EQ(early.size(), 4u, "SPIs recorded");
        for (size_t i = 0; i < 4; i++)
        {
            if (i >= 2 && !payload)
            {
                continue;
            }
            NS_TEST_EXPECT_MSG_NE(late[i], 0u, "SA " << i << " present");
            NS_TEST_EXPECT_MSG_NE(late[i], early[i], "SA " << i << " has a new SPI");
        }
        NS_TEST_EXPECT_MSG_NE(run.mn->GetIkeSa()->spiI, spiI, "new IKE SPI");
        NS_TEST_EXPECT_MSG_EQ(run.haState.ikeSas, 1u, "HA: the old IKE SA deleted");
        NS_TEST_EXPECT_MSG_EQ(run.haState.saCount, payload ? 4u : 2u, "HA: SAs");
        NS_TEST_EXPECT_MSG_EQ(run.haInbound, payload ? 2u : 1u, "HA: old inbound SAs deleted");
        NS_TEST_EXPECT_MSG_EQ(run.mnInbound, payload ? 2u : 1u, "MN: old inbound SAs deleted");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetDrops(), 0u, "MN dropped no IKE message");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetDrops(), 0u, "HA dropped no IKE message");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetRetransmissions(), 0u, "no retransmission");
        NS_TEST_EXPECT_MSG_EQ(run.saDown.size(), 0u, "the IKE SA never went down");
        uint32_t espDrops = 0;
        for (const auto& [reason, n] : run.haEspDrops)
        {
            espDrops += n;
        }
        NS_TEST_EXPECT_MSG_EQ(espDrops, 0u, "HA: no ESP drop (no packet on a deleted SA)");
        // Traffic continues without loss from 5 s to 29.5 s (up to the few in flight at either
        // instant) while the SAs are rekeyed.
        NS_TEST_ASSERT_MSG_EQ(c29.size(), 4u, "counters recorded");
        NS_TEST_EXPECT_MSG_GT(c29[1] - c5[1], 2000u, "CN→MN probes");
        const int64_t down = int64_t(c29[0] - c5[0]) - int64_t(c29[1] - c5[1]);
        const int64_t up = int64_t(c29[2] - c5[2]) - int64_t(c29[3] - c5[3]);
        NS_TEST_EXPECT_MSG_LT_OR_EQ(std::abs(down), int64_t(3), "no CN→MN loss");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(std::abs(up), int64_t(3), "no MN→CN loss");
        std::cout << m_variant << ": probes 5–29.5 s down " << (c29[0] - c5[0]) << "/"
                  << (c29[1] - c5[1]) << ", up " << (c29[2] - c5[2]) << "/" << (c29[3] - c5[3])
                  << std::endl;
        // Steady-phase cost, classified ike (DESIGN.md §4.3).
        uint64_t rekeyBytes = 0;
        const auto ccsa = run.Sent("CREATE_CHILD_SA-req");
        // With payload=1 the first one made the tunnel pair at bootstrap.
        for (size_t i = payload ? 1 : 0; i < ccsa.size(); i++)
        {
            NS_TEST_EXPECT_MSG_EQ(ccsa[i].first, "steady", "a rekey is steady-phase cost");
            rekeyBytes += ccsa[i].second;
        }
        NS_TEST_EXPECT_MSG_EQ(ccsa.empty() ? "" : ccsa[0].first,
                              payload ? "bootstrap" : "steady",
                              "the first CREATE_CHILD_SA");
        NS_TEST_EXPECT_MSG_GT(rekeyBytes, 0u, "rekey requests on the air");
        const auto del = run.Sent("INFORMATIONAL-req");
        std::cout << m_variant << ": child rekeys " << run.mn->GetChildRekeys() << ", IKE rekeys "
                  << run.mn->GetIkeRekeys() << ", CREATE_CHILD_SA-req bytes " << rekeyBytes << " ("
                  << run.Sent("CREATE_CHILD_SA-req").size() << " msgs), first "
                  << run.Sent("CREATE_CHILD_SA-req")[0].second << " B; INFORMATIONAL-req "
                  << (del.empty() ? 0 : del[0].second) << " B" << std::endl;
        // PFS: every CREATE_CHILD_SA carries KE (RFC 7296 §1.3.1), so none is smaller than the
        // IPv6 + UDP + IKE headers plus a KE payload; without PFS the Child SA rekeys are.
        const size_t ke =
            8 + Mip6DhKeyPair::Generate(run.design->GetDhGroup()).Value().GetPublicValue().size();
        const size_t floor = 40 + 8 + 28 + ke;
        size_t smaller = 0;
        for (const auto& [phase, bytes] : ccsa)
        {
            smaller += bytes < floor ? 1 : 0;
        }
        if (m_pfs)
        {
            NS_TEST_EXPECT_MSG_EQ(smaller, 0u, "every CREATE_CHILD_SA carries KE");
        }
        else
        {
            NS_TEST_EXPECT_MSG_GT(smaller, 0u, "Child SA rekeys without KE");
        }
    }

    std::string m_variant;
    bool m_pfs;
};

/**
 * \ingroup mip6-ipsec
 * DPD (RFC 7296 §2.4): every DpdInterval the MN sends an empty INFORMATIONAL request, the HA
 * answers; they count in phase `steady`. When IKE stops reaching the HA, the request goes
 * unanswered MaxTries times and the MN tears the IKE SA and its Child SAs down (counted,
 * traced "dead-peer").
 */
class DpdTestCase : public TestCase
{
  public:
    /// \param blackhole whether IKE is lost from 12 s on
    explicit DpdTestCase(bool blackhole)
        : TestCase(blackhole ? "DPD unanswered: the IKE SA is torn down"
                             : "DPD every 5 s: empty INFORMATIONAL answered, steady phase"),
          m_blackhole(blackhole)
    {
    }

  private:
    void DoRun() override
    {
        Ptr<IkeBlackhole> hole = CreateObject<IkeBlackhole>();
        hole->from = m_blackhole ? Seconds(12) : Seconds(1e9);
        ChildRun::Options o;
        o.times = {{"DpdInterval", Seconds(5)}, {"RetransmitTimeout", MilliSeconds(500)}};
        o.installed = [hole](ChildRun& r) {
            r.design->SetAttribute("MaxTries", UintegerValue(3));
            for (uint32_t i = 0; i < r.topo.ha->GetNDevices(); i++)
            {
                r.topo.ha->GetDevice(i)->SetAttributeFailSafe("ReceiveErrorModel",
                                                              PointerValue(hole));
            }
        };
        o.mnSpeed = 0;
        ChildRun run("ipsec-ikev2", 1, Seconds(30), o);
        const auto dpd = run.Sent("INFORMATIONAL-req");
        if (!m_blackhole)
        {
            NS_TEST_EXPECT_MSG_GT_OR_EQ(run.mn->GetDpdExchanges(), 4u, "DPD every 5 s");
            NS_TEST_EXPECT_MSG_EQ(run.ha->GetDpdAnswered(),
                                  run.mn->GetDpdExchanges(),
                                  "every DPD answered");
            NS_TEST_EXPECT_MSG_EQ(run.mn->GetExchangeCount(Mip6IkeHeader::INFORMATIONAL),
                                  run.mn->GetDpdExchanges(),
                                  "counted as INFORMATIONAL exchanges");
            NS_TEST_EXPECT_MSG_EQ(run.mn->GetDpdFailures(), 0u, "no failure");
            NS_TEST_EXPECT_MSG_EQ(run.mnState.ikeSas, 1u, "IKE SA up");
            for (const auto& [phase, bytes] : dpd)
            {
                NS_TEST_EXPECT_MSG_EQ(phase, "steady", "DPD is steady-phase cost");
            }
            NS_TEST_ASSERT_MSG_GT(dpd.size(), 0u, "DPD on the air");
            std::cout << "DPD request " << dpd[0].second << " B, " << dpd.size() << " on the air"
                      << std::endl;
            return;
        }
        NS_TEST_EXPECT_MSG_GT(hole->dropped, 0u, "IKE lost");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetDpdFailures(), 1u, "one dead peer");
        NS_TEST_ASSERT_MSG_EQ(run.saDown.size(), 1u, "IkeSaDown traced");
        NS_TEST_EXPECT_MSG_EQ(run.saDown[0], "dead-peer", "reason");
        NS_TEST_EXPECT_MSG_EQ(run.mnState.ikeSas, 0u, "MN: IKE SA gone");
        NS_TEST_EXPECT_MSG_EQ(run.mnState.saCount, 0u, "MN: Child SAs gone");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetRetransmissions(), 2u, "MaxTries 3: two retransmissions");
    }

    bool m_blackhole;
};

/**
 * \ingroup mip6-ipsec
 * The HA's own checks on CREATE_CHILD_SA (RFC 7296 §1.3, §2.21): a tunnel Child SA whose TSi is
 * not the MN's HoA gets TS_UNACCEPTABLE, a REKEY_SA naming no Child SA gets
 * CHILD_SA_NOT_FOUND, an SA payload without SPI gets NO_PROPOSAL_CHOSEN, a rekey of the BU/BA
 * transport SA without USE_TRANSPORT_MODE gets NO_PROPOSAL_CHOSEN (RFC 7296 §1.3.1, §3.10.1),
 * each counted and traced; a modified byte fails the ICV and every truncation is dropped, never a
 * crash. The Child SAs at both ends stay as they were.
 */
class BadCreateChildTestCase : public TestCase
{
  public:
    BadCreateChildTestCase()
        : TestCase("CREATE_CHILD_SA refused: TS_UNACCEPTABLE, CHILD_SA_NOT_FOUND, bad ICV")
    {
    }

  private:
    void DoRun() override
    {
        ChildRun::Options o;
        o.mnSpeed = 0;
        ChildRun run("ipsec-ikev2:payload=1", 1, Seconds(5), o);
        const Mip6Ikev2Sa* sa = run.mn->GetIkeSa();
        NS_TEST_ASSERT_MSG_NE(sa, nullptr, "an IKE SA");
        const auto spisBefore = run.Spis();
        const uint32_t dropsBefore = run.ha->GetDrops();
        uint32_t id = sa->ownNextId;
        std::vector<std::string> drops;
        run.ha->TraceConnectWithoutContext(
            "Drop",
            MakeBoundCallback(
                +[](std::vector<std::string>* v, const std::string& x) { v->push_back(x); },
                &drops));
        auto request = [&](const std::vector<Ptr<Mip6IkePayload>>& inner) {
            Mip6IkeMessage outer;
            outer.header.spiI = sa->spiI;
            outer.header.spiR = sa->spiR;
            outer.header.exchange = Mip6IkeHeader::CREATE_CHILD_SA;
            outer.header.flags = Mip6IkeHeader::FLAG_INITIATOR;
            outer.header.messageId = id++;
            return sa->skI->Seal(outer, inner).Value();
        };
        auto notifyOf = [&](const std::optional<Mip6Bytes>& resp) -> uint16_t {
            if (!resp)
            {
                return 0;
            }
            std::string reason;
            auto inner = sa->skR->Open(*resp, reason);
            if (!inner || inner->empty() || (*inner)[0]->GetType() != Mip6IkePayloadType::NOTIFY)
            {
                return 0;
            }
            return dynamic_cast<Mip6IkeNotifyPayload*>(PeekPointer((*inner)[0]))->notifyType;
        };
        auto nonce = [] {
            Ptr<Mip6IkeNoncePayload> n = Create<Mip6IkeNoncePayload>();
            n->nonce = Mip6Bytes(32, 0x5a);
            return n;
        };
        auto ts = [](Ipv6Address a, bool r) {
            Ptr<Mip6IkeTsPayload> t = Create<Mip6IkeTsPayload>(r);
            t->selectors.push_back(Mip6IkeTrafficSelector::Ipv6Range(a, a));
            return t;
        };
        const Ipv6Address other("fd00:db8:dead::1");
        // A tunnel Child SA for someone else's address (RFC 4877 §4.3: TSi must be the HoA).
        auto r1 = run.ha->ReceiveIke(request({run.design->MakeEspProposal(0x4000),
                                              nonce(),
                                              ts(other, false),
                                              ts(Ipv6Address::GetAny(), true)}),
                                     run.mnCoa);
        NS_TEST_EXPECT_MSG_EQ(notifyOf(r1), 38u, "TS_UNACCEPTABLE");
        // A rekey of an SPI no Child SA has (RFC 7296 §2.25).
        Ptr<Mip6IkeNotifyPayload> rekey = Create<Mip6IkeNotifyPayload>();
        rekey->protocolId = 3;
        rekey->notifyType = 16393; // REKEY_SA
        rekey->spi = Mip6BigEndian(0x1234, 4);
        auto r2 = run.ha->ReceiveIke(request({rekey,
                                              run.design->MakeEspProposal(0x4001),
                                              nonce(),
                                              ts(run.topo.mnHomeAddress, false),
                                              ts(Ipv6Address::GetAny(), true)}),
                                     run.mnCoa);
        NS_TEST_EXPECT_MSG_EQ(notifyOf(r2), 44u, "CHILD_SA_NOT_FOUND");
        // An SA payload whose proposal has no SPI.
        Ptr<Mip6IkeSaPayload> noSpi = run.design->MakeEspProposal(0x4002);
        noSpi->proposals[0].spi.clear();
        auto r3 = run.ha->ReceiveIke(request({noSpi, nonce()}), run.mnCoa);
        NS_TEST_EXPECT_MSG_EQ(notifyOf(r3), 14u, "NO_PROPOSAL_CHOSEN");
        // A rekey of the transport SA asking for tunnel mode (no USE_TRANSPORT_MODE).
        const Mip6IpsecSaSet* before = run.haSad->Find(run.topo.mnHomeAddress);
        NS_TEST_ASSERT_MSG_NE(before, nullptr, "HA set");
        Ptr<Mip6IkeNotifyPayload> rekeyBu = Create<Mip6IkeNotifyPayload>();
        rekeyBu->protocolId = 3;
        rekeyBu->notifyType = 16393; // REKEY_SA
        rekeyBu->spi = Mip6BigEndian(before->transportOut->GetSpi(), 4);
        auto r4 = run.ha->ReceiveIke(request({rekeyBu,
                                              run.design->MakeEspProposal(0x4004),
                                              nonce(),
                                              ts(run.topo.mnHomeAddress, false),
                                              ts(run.topo.haHomeAddress, true)}),
                                     run.mnCoa);
        NS_TEST_EXPECT_MSG_EQ(notifyOf(r4), 14u, "NO_PROPOSAL_CHOSEN without USE_TRANSPORT_MODE");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetTransportModeRefusals(), 1u, "counted");
        NS_TEST_ASSERT_MSG_EQ(drops.size(), 4u, "four refusals traced");
        NS_TEST_EXPECT_MSG_EQ(drops[0], "ts-unacceptable", "reason");
        NS_TEST_EXPECT_MSG_EQ(drops[1], "child-sa-not-found", "reason");
        NS_TEST_EXPECT_MSG_EQ(drops[2], "no-proposal-chosen", "reason");
        NS_TEST_EXPECT_MSG_EQ(drops[3], "transport-mode-required", "reason");
        // One modified byte (the ICV fails) and every truncation: dropped, no answer.
        Mip6Bytes good = request({run.design->MakeEspProposal(0x4003), nonce(), ts(other, false)});
        Mip6Bytes bad = good;
        bad[bad.size() - 20] ^= 1;
        NS_TEST_EXPECT_MSG_EQ(run.ha->ReceiveIke(bad, run.mnCoa).has_value(), false, "no answer");
        uint32_t answered = 0;
        for (size_t len = 0; len < good.size(); len++)
        {
            answered +=
                run.ha->ReceiveIke(Mip6Bytes(good.begin(), good.begin() + len), run.mnCoa) ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_EQ(answered, 0u, "no truncation answered");
        NS_TEST_EXPECT_MSG_EQ(drops.size(), 4 + 1 + good.size(), "all dropped, traced");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetDrops(), dropsBefore + 4 + 1 + good.size(), "all counted");
        NS_TEST_EXPECT_MSG_EQ((run.Spis() == spisBefore), true, "MN SAs untouched");
        const Mip6IpsecSaSet* set = run.haSad->Find(run.topo.mnHomeAddress);
        NS_TEST_ASSERT_MSG_NE(set, nullptr, "HA set kept");
        NS_TEST_EXPECT_MSG_EQ(set->tunnelOut->GetSpi(), spisBefore[3], "HA tunnel SA kept");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetCreateChildCount(), 1u, "only the real one answered");
    }
};

/**
 * \ingroup mip6-ipsec
 * Same seed and run: payload=1 with rekeys and DPD gives the same message transcript (times,
 * names, sizes, phases) and the same final SPIs; another run number changes the SPIs.
 */
class ChildReproducibleTestCase : public TestCase
{
  public:
    ChildReproducibleTestCase()
        : TestCase("payload=1 with rekey and DPD: byte-identical reruns")
    {
    }

  private:
    void DoRun() override
    {
        auto once = [](uint32_t r) {
            ChildRun::Options o;
            o.run = r;
            o.times = {{"ChildSaLifetime", Seconds(4)},
                       {"IkeSaLifetime", Seconds(6)},
                       {"DpdInterval", Seconds(3)}};
            ChildRun run("ipsec-ikev2:payload=1,dh=19", 2, Seconds(14), o);
            return std::make_pair(run.Transcript(), run.Spis());
        };
        const auto a = once(1);
        const auto b = once(1);
        const auto c = once(2);
        NS_TEST_EXPECT_MSG_EQ((a.first == b.first), true, "same transcript");
        NS_TEST_EXPECT_MSG_EQ((a.second == b.second), true, "same SPIs");
        NS_TEST_EXPECT_MSG_EQ((a.second == c.second), false, "another run: other SPIs");
    }
};

/**
 * \ingroup mip6-ipsec
 * tshark decrypts CREATE_CHILD_SA (36) and INFORMATIONAL (37) with the exported
 * ikev2_decryption_table (the rekeyed IKE SA's row included): every such message shows an inner
 * payload after SK (Nonce 40 in CREATE_CHILD_SA; Delete 42 in the deletes), and the tunnelled
 * probes verify with the exported esp_sa.
 */
class ChildTsharkTestCase : public TestCase
{
  public:
    ChildTsharkTestCase()
        : TestCase("tshark decrypts CREATE_CHILD_SA and INFORMATIONAL with the exported table")
    {
    }

  private:
    void DoRun() override
    {
        char tmpl[] = "/tmp/mip6-ikechild-tshark-XXXXXX";
        NS_TEST_ASSERT_MSG_NE(mkdtemp(tmpl), nullptr, "temporary directory");
        const std::string dir = tmpl;
        std::filesystem::create_directories(dir + "/pcap");
        {
            ChildRun::Options o;
            o.keyDir = dir + "/keys";
            o.pcapPrefix = dir + "/pcap/ike";
            o.times = {{"ChildSaLifetime", Seconds(5)}, {"IkeSaLifetime", Seconds(7)}};
            o.installed = [](ChildRun& r) {
                Simulator::Schedule(Seconds(11), &Mip6MobileNode::Deregister, r.inst.mobileNode);
            };
            o.mnSpeed = 0;
            ChildRun run("ipsec-ikev2:payload=1", 1, Seconds(13), o);
            NS_TEST_ASSERT_MSG_GT(run.mn->GetIkeRekeys(), 0u, "an IKE rekey");
        }
        int status = 0;
        RunCommand("tshark -v > /dev/null 2>&1", status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark is installed");
        uint32_t msgs[2] = {0, 0};
        uint32_t decrypted[2] = {0, 0};
        uint32_t deletes = 0;
        for (const auto& entry : std::filesystem::directory_iterator(dir + "/pcap"))
        {
            const std::string cmd = "WIRESHARK_CONFIG_DIR=" + dir + "/keys tshark -n -r " +
                                    entry.path().string() +
                                    " -Y 'isakmp.exchangetype == 36 || isakmp.exchangetype == 37'"
                                    " -T fields -E 'separator=;' -e isakmp.exchangetype"
                                    " -e isakmp.typepayload 2>/dev/null";
            const std::string out = RunCommand(cmd, status);
            NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark ran: " << out);
            std::istringstream lines(out);
            std::string line;
            while (std::getline(lines, line))
            {
                const auto semi = line.find(';');
                if (line.empty() || semi == std::string::npos)
                {
                    continue;
                }
                const int idx = line.substr(0, semi) == "36" ? 0 : 1;
                msgs[idx]++;
                std::istringstream f(line.substr(semi + 1));
                std::string x;
                std::vector<std::string> types;
                while (std::getline(f, x, ','))
                {
                    types.push_back(x);
                }
                // SK (46) is followed by the decrypted inner payloads; an empty INFORMATIONAL
                // (a response) has none, so it counts when SK is there and nothing fails.
                const bool sk = std::find(types.begin(), types.end(), "46") != types.end();
                const bool nonce = std::find(types.begin(), types.end(), "40") != types.end();
                const bool del = std::find(types.begin(), types.end(), "42") != types.end();
                deletes += del ? 1 : 0;
                decrypted[idx] += (idx == 0 ? (sk && nonce) : sk) ? 1 : 0;
            }
        }
        NS_TEST_EXPECT_MSG_GT(msgs[0], 3u, "CREATE_CHILD_SA messages in the pcaps");
        NS_TEST_EXPECT_MSG_EQ(decrypted[0], msgs[0], "every CREATE_CHILD_SA decrypted");
        NS_TEST_EXPECT_MSG_GT(msgs[1], 3u, "INFORMATIONAL messages");
        NS_TEST_EXPECT_MSG_EQ(decrypted[1], msgs[1], "every INFORMATIONAL carries SK");
        // Every request here carries a Delete (no DPD in this run), so at least half of the
        // INFORMATIONAL messages show payload 42 once decrypted.
        NS_TEST_EXPECT_MSG_GT_OR_EQ(2 * deletes, msgs[1], "Delete payloads decrypted");
        std::cout << "tshark: CREATE_CHILD_SA " << msgs[0] << ", INFORMATIONAL " << msgs[1]
                  << ", with Delete " << deletes << std::endl;
        if (!getenv("MIP6_KEEP_TMP"))
        {
            std::filesystem::remove_all(dir);
        }
    }
};

} // namespace

/**
 * \ingroup mip6-ipsec
 * `ipsec-ikev2` CREATE_CHILD_SA, rekeying, DPD and deletes.
 */
class Mip6IpsecIkev2ChildTestSuite : public TestSuite
{
  public:
    Mip6IpsecIkev2ChildTestSuite()
        : TestSuite("mip6-ipsec-ikev2-child", SYSTEM)
    {
        AddTestCase(new DeleteOnDeregistrationTestCase("ipsec-ikev2"), TestCase::QUICK);
        AddTestCase(new DeleteOnDeregistrationTestCase("ipsec-ikev2:payload=1"), TestCase::QUICK);
        AddTestCase(new ReturnHomeDeleteTestCase, TestCase::QUICK);
        AddTestCase(new HaDeleteAfterExpiryTestCase, TestCase::QUICK);
        AddTestCase(new PayloadChildTestCase("ipsec-ikev2:payload=1", true), TestCase::QUICK);
        AddTestCase(new PayloadChildTestCase("ipsec-ikev2:payload=1,k=0", false), TestCase::QUICK);
        AddTestCase(new RekeyTestCase("ipsec-ikev2", false), TestCase::QUICK);
        AddTestCase(new RekeyTestCase("ipsec-ikev2:payload=1", false), TestCase::QUICK);
        AddTestCase(new RekeyTestCase("ipsec-ikev2:payload=1", true), TestCase::QUICK);
        AddTestCase(new BadCreateChildTestCase, TestCase::QUICK);
        AddTestCase(new DpdTestCase(false), TestCase::QUICK);
        AddTestCase(new DpdTestCase(true), TestCase::QUICK);
        AddTestCase(new ChildReproducibleTestCase, TestCase::QUICK);
        AddTestCase(new ChildTsharkTestCase, TestCase::QUICK);
    }
};

static Mip6IpsecIkev2ChildTestSuite g_mip6IpsecIkev2ChildTestSuite; //!< the suite

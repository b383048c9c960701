/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RFC 5648 MCoA under each security design (doc/ipsec.rst, "MCoA policies"): an MN with a WLAN
 * and a cellular access registers both care-of addresses in one bulk BU; the BA accepts both
 * BIDs; the security state at the HA is what the design's MCoA policy implies (one IKE SA and one
 * set of SAs for all CoAs under ipsec-ikev2 mcoa=primary, ipsec-manual and altsec-tls; one IKE
 * SA and tunnel pair per CoA under mcoa=per-coa; one IKE SA and the other CoA as the peer's
 * additional address under mcoa=mobike; none under authopt and none); losing the primary access
 * moves the primary CoA (a K=1 BU with its BID under ipsec-ikev2, RFC 5648 §9) and the probes go
 * on over the other access; reruns are identical.
 */

#include "mip6-multihomed-run.h"

#include "ns3/mip6-category-tag.h"
#include "ns3/mip6-ipsec-ikev2-design.h"
#include "ns3/mip6-ipsec-sad.h"
#include "ns3/mip6-tunnel.h"

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
    /**
     * \param design the design variant
     * \param foreignAt when not zero: at that time the MN sends an ESP tunnel packet in its
     *        payload tunnel SA from an address the HA has not registered (ForeignTunnelPacket)
     * \param loseCellular lose the cellular access at 5 s instead of the WLAN
     */
    explicit McoaRun(const std::string& design,
                     Time foreignAt = Seconds(0),
                     bool loseCellular = false)
        : MultihomedRun(design, [](Ptr<Mip6MobileNode> mn, Ptr<Mip6HomeAgent>) {
              mn->SetAttribute("MultipleCoa", BooleanValue(true));
              mn->SetAttribute("BulkRegistration", BooleanValue(true));
          })
    {
        mobileNode->TraceConnectWithoutContext("McoaBindingUpdateSent",
                                               MakeCallback(&McoaRun::LogBu, this));
        mobileNode->TraceConnectWithoutContext("SecurityStarted",
                                               MakeCallback(&McoaRun::LogSecurityStart, this));
        mobileNode->TraceConnectWithoutContext("SecurityDone",
                                               MakeCallback(&McoaRun::LogSecurityDone, this));
        Ptr<Ipv6L3Protocol> mnIp = mn->GetObject<Ipv6L3Protocol>();
        mnIp->TraceConnectWithoutContext("Tx", MakeCallback(&McoaRun::CountIke, this));
        mnIp->TraceConnectWithoutContext("Rx", MakeCallback(&McoaRun::CountIke, this));
        if (foreignAt.IsStrictlyPositive())
        {
            Simulator::Schedule(foreignAt, &McoaRun::ForeignTunnelPacket, this);
        }
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
        Simulator::Schedule(Seconds(5),
                            &mip6test::TestAccessMonitor::Lose,
                            loseCellular ? cell : wlan);
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
        size_t additional{0}; ///< ipsec-ikev2: the MN's additional addresses (RFC 4555 §3.6)
    };

    void Snapshot(View& v)
    {
        v.bindings = homeAgent->GetBindings(hoa);
        const Mip6BindingCacheEntry* e = homeAgent->GetBinding(hoa);
        v.primary = e ? e->careOfAddress : Ipv6Address();
        v.state = homeAgent->GetSecurity()->GetState(hoa);
        if (auto ike = DynamicCast<Mip6Ikev2HaSide>(homeAgent->GetSecurity()))
        {
            v.additional = ike->GetPeerAdditionalAddresses(hoa).size();
        }
        log << Simulator::Now().GetNanoSeconds() << " bindings " << v.bindings.size() << " primary "
            << v.primary << " sa " << v.state.saCount << " ike " << v.state.ikeSas << " keys "
            << v.state.keyBytes << " state " << v.state.stateBytes << " spd " << v.state.spdEntries
            << " additional " << v.additional << "\n";
    }

    /// An ESP tunnel packet in the MN's payload SA, from fd00:99::1 (registered for no one).
    void ForeignTunnelPacket()
    {
        Ptr<Mip6IpsecSad> sad = mn->GetObject<Mip6IpsecSad>();
        const Mip6IpsecSaSet* set = sad ? sad->Find(hoa) : nullptr;
        if (!set || !set->tunnelOut)
        {
            log << "no tunnel SA\n";
            return;
        }
        ha->GetObject<Mip6EspProtocol>()->TraceConnectWithoutContext(
            "Drop",
            MakeCallback(&McoaRun::HaEspDrop, this));
        Ptr<Packet> inner = Create<Packet>(32);
        Ipv6Header ih;
        ih.SetSource(hoa);
        ih.SetDestination(cnAddress);
        ih.SetNextHeader(59);
        ih.SetPayloadLength(32);
        ih.SetHopLimit(64);
        inner->AddHeader(ih);
        sad->GetEsp()->Send(inner,
                            Mip6Tunnel::PROT_NUMBER,
                            set->tunnelOut,
                            Ipv6Address("fd00:99::1"),
                            haAddress,
                            std::nullopt,
                            std::nullopt,
                            nullptr);
    }

    void HaEspDrop(Ptr<const Packet>, const std::string& reason)
    {
        haEspDrops.emplace_back(Simulator::Now(), reason);
        log << Simulator::Now().GetNanoSeconds() << " ha-esp-drop " << reason << "\n";
    }

    void LogSecurityStart(Ipv6Address coa, bool bootstrap)
    {
        log << Simulator::Now().GetNanoSeconds() << " security-start " << coa << " " << bootstrap
            << "\n";
        if (coa == cellCoa && !bootstrap && addStart.IsZero())
        {
            addStart = Simulator::Now();
            adding = true;
        }
    }

    void LogSecurityDone(Ipv6Address coa, bool ok)
    {
        log << Simulator::Now().GetNanoSeconds() << " security-done " << coa << " " << ok << "\n";
        if (coa == cellCoa && ok && !addStart.IsZero() && addDone.IsZero())
        {
            addDone = Simulator::Now();
            adding = false;
        }
    }

    /// IKE packets at the MN (whole IPv6 packets, both directions); those while the cellular
    /// CoA's ADD_COA hook runs are its cost.
    void CountIke(Ptr<const Packet> p, Ptr<Ipv6>, uint32_t)
    {
        Mip6CategoryTag tag;
        if (!p->PeekPacketTag(tag) || tag.GetCategory() != Mip6Category::IKE)
        {
            return;
        }
        addIkeBytes += adding ? p->GetSize() : 0;
        addIkePackets += adding ? 1 : 0;
        log << Simulator::Now().GetNanoSeconds() << " ike " << tag.GetMessage() << " "
            << p->GetSize() << "\n";
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
    Time addStart;                                        ///< the cellular CoA's hook started
    Time addDone;                                         ///< and ended
    bool adding{false};                                   ///< the hook runs
    uint64_t addIkeBytes{0};                              ///< IKE bytes at the MN while it runs
    uint32_t addIkePackets{0};                            ///< IKE packets at the MN while it runs
    std::vector<std::pair<Time, std::string>> haEspDrops; ///< the HA's ESP drops
};

/// What a design's MCoA policy implies at the HA (doc/ipsec.rst, "MCoA policies").
struct McoaExpectation
{
    std::string design;  ///< design variant
    uint32_t ikeSas;     ///< IKE SAs for the HoA with both CoAs registered
    uint32_t saCount;    ///< SAs for the HoA (each direction counts) with both CoAs
    uint32_t spdEntries; ///< SPD entries for the HoA
    uint32_t ikeSasEnd;  ///< IKE SAs with the cellular CoA only
    uint32_t saCountEnd; ///< SAs with the cellular CoA only
    /// BIDs of the first BU: both (bulk) when the design does not act on the other CoA, else the
    /// primary's alone (the cellular BID's BU waits for its ADD_COA hook)
    size_t firstBuBids{2};
    int additional{-1};    ///< mcoa=mobike: additional addresses with both CoAs (-1: not checked)
    int additionalEnd{-1}; ///< and with the cellular CoA only
};

/**
 * The state an ipsec-ikev2 MCoA policy implies (doc/ipsec.rst, "MCoA policies") for an MN with
 * \p coas care-of addresses: the BU/BA transport pair and, with payload=1, the primary CoA's
 * tunnel pair with its 3 SPD entries (RFC 4877 §7.2); per-coa adds an IKE SA and a tunnel pair
 * (no SPD entry) per CoA other than the primary; mobike keeps one IKE SA.
 */
McoaExpectation
Ikev2Policy(const std::string& policy, bool payload)
{
    auto ikeSas = [&](uint32_t coas) { return policy == "per-coa" ? coas : 1u; };
    auto sas = [&](uint32_t coas) {
        return 2u + (payload ? 2u : 0u) + (policy == "per-coa" ? 2u * (coas - 1) : 0u);
    };
    McoaExpectation e;
    e.design = "ipsec-ikev2:mcoa=" + policy + (payload ? ",payload=1" : "") +
               (policy == "mobike" ? ",mobike=1" : "");
    e.ikeSas = ikeSas(2);
    e.saCount = sas(2);
    e.spdEntries = 2u + (payload ? 3u : 0u);
    e.ikeSasEnd = ikeSas(1);
    e.saCountEnd = sas(1);
    e.firstBuBids = policy == "primary" ? 2 : 1;
    if (policy == "mobike")
    {
        e.additional = 1;    // the cellular CoA while the WLAN CoA carries the IKE SA
        e.additionalEnd = 0; // the cellular CoA carries it: NO_ADDITIONAL_ADDRESSES
    }
    return e;
}

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
            NS_TEST_EXPECT_MSG_EQ(run.mcoaBus.front().size(),
                                  m_e.firstBuBids,
                                  "BIDs of the first BU\n" + log);
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
            NS_TEST_EXPECT_MSG_EQ(run.atEnd.state.ikeSas,
                                  m_e.ikeSasEnd,
                                  "IKE SAs at the end\n" + log);
            NS_TEST_EXPECT_MSG_EQ(run.atEnd.state.saCount,
                                  m_e.saCountEnd,
                                  "SAs at the end\n" + log);
            if (m_e.additional >= 0)
            {
                NS_TEST_EXPECT_MSG_EQ(run.registered.additional,
                                      static_cast<size_t>(m_e.additional),
                                      "additional addresses with both CoAs\n" + log);
                NS_TEST_EXPECT_MSG_EQ(run.atEnd.additional,
                                      static_cast<size_t>(m_e.additionalEnd),
                                      "additional addresses at the end\n" + log);
            }
            if (m_e.firstBuBids == 1)
            {
                // The design's ADD_COA hook ran for the cellular CoA and ended before its BU.
                NS_TEST_EXPECT_MSG_EQ(run.addDone.IsStrictlyPositive(), true, "hook done\n" + log);
                NS_TEST_EXPECT_MSG_GT(run.addIkeBytes, 0u, "its IKE bytes\n" + log);
            }
        }
        // The same seed and run: the same events, byte for byte.
        McoaRun again(m_e.design);
        NS_TEST_EXPECT_MSG_EQ((again.log.str() == log), true, "identical rerun");
    }

    McoaExpectation m_e;
};

/**
 * RFC 6275 §10.4.5, RFC 5648 §5.7: an ESP tunnel packet whose outer source is not a registered
 * CoA of the HoA is a counted drop at the HA, whatever SA it is in (ipsec-ikev2:payload=1 with
 * mcoa=per-coa: the ESP layer refuses it, its SA being bound to a CoA).
 */
class McoaForeignTunnelTestCase : public TestCase
{
  public:
    McoaForeignTunnelTestCase()
        : TestCase("ipsec-ikev2:mcoa=per-coa,payload=1: an ESP tunnel packet from an unregistered "
                   "address is a counted drop")
    {
    }

  private:
    void DoRun() override
    {
        McoaRun run("ipsec-ikev2:mcoa=per-coa,payload=1", Seconds(3));
        const std::string log = run.log.str();
        std::vector<std::string> reasons;
        for (const auto& [t, reason] : run.haEspDrops)
        {
            if (t >= Seconds(3) && t < Seconds(4))
            {
                reasons.push_back(reason);
            }
        }
        NS_TEST_ASSERT_MSG_EQ(reasons.size(), 1u, "one drop of the packet\n" + log);
        NS_TEST_EXPECT_MSG_EQ(reasons[0], "policy", "outer source not the SA's CoA\n" + log);
    }
};

/**
 * mcoa=per-coa: losing the cellular access (not the primary) de-registers its BID, and its IKE SA
 * goes with an INFORMATIONAL Delete sent from the primary (WLAN) CoA, its own CoA being gone: the
 * HA is back to the HoA's own IKE SA and transport pair, the MN to no per-CoA IKE SA.
 */
class McoaPerCoaRemoveTestCase : public TestCase
{
  public:
    McoaPerCoaRemoveTestCase()
        : TestCase("ipsec-ikev2:mcoa=per-coa: the lost cellular CoA's IKE SA is deleted from the "
                   "primary CoA")
    {
    }

  private:
    void DoRun() override
    {
        McoaRun run("ipsec-ikev2:mcoa=per-coa", Seconds(0), true);
        const std::string log = run.log.str();
        const McoaExpectation e = Ikev2Policy("per-coa", false);
        NS_TEST_EXPECT_MSG_EQ(run.registered.state.ikeSas, e.ikeSas, "two IKE SAs\n" + log);
        NS_TEST_EXPECT_MSG_EQ(run.atEnd.bindings.size(), 1u, "the cellular BID removed\n" + log);
        NS_TEST_EXPECT_MSG_EQ(run.atEnd.primary, run.wlanCoa, "WLAN still primary\n" + log);
        NS_TEST_EXPECT_MSG_EQ(run.atEnd.state.ikeSas, e.ikeSasEnd, "one IKE SA\n" + log);
        NS_TEST_EXPECT_MSG_EQ(run.atEnd.state.saCount, e.saCountEnd, "one SA pair\n" + log);
        auto mn = DynamicCast<Mip6Ikev2MnSide>(run.mobileNode->GetSecurity());
        NS_TEST_ASSERT_MSG_NE(mn, nullptr, "ipsec-ikev2 MN side");
        NS_TEST_EXPECT_MSG_EQ(mn->GetPerCoaIkeSaCount(), 0u, "no per-CoA IKE SA at the MN");
        NS_TEST_EXPECT_MSG_GT(run.ReceivedVia(run.wlanCoa, Seconds(5.5), Seconds(9)),
                              300u,
                              "probes through the WLAN CoA\n" + log);
    }
};

/**
 * mcoa=mobike, RFC 4555 §3.6: an address list the HA takes, then one whose
 * ADDITIONAL_IP6_ADDRESS notify does not hold 16 bytes: a counted drop ("bad-additional-address"),
 * answered with INVALID_SYNTAX, the list unchanged. Both are real INFORMATIONALs sealed with the
 * MN's IKE SA keys, fed to the HA's IKE receive path after the run's own exchanges are over.
 */
class McoaMobikeBadAddressTestCase : public TestCase
{
  public:
    McoaMobikeBadAddressTestCase()
        : TestCase("ipsec-ikev2:mcoa=mobike: a malformed ADDITIONAL_IP6_ADDRESS is a counted drop")
    {
    }

  private:
    void DoRun() override
    {
        McoaRun run("ipsec-ikev2:mcoa=mobike,mobike=1");
        auto mn = DynamicCast<Mip6Ikev2MnSide>(run.mobileNode->GetSecurity());
        auto ha = DynamicCast<Mip6Ikev2HaSide>(run.homeAgent->GetSecurity());
        NS_TEST_ASSERT_MSG_NE(mn, nullptr, "MN side");
        NS_TEST_ASSERT_MSG_NE(ha, nullptr, "HA side");
        const Mip6Ikev2Sa* sa = mn->GetIkeSa();
        NS_TEST_ASSERT_MSG_EQ((sa && sa->established), true, "IKE SA up");
        NS_TEST_EXPECT_MSG_EQ(ha->GetPeerAdditionalAddresses(run.hoa).size(), 0u, "none at end");
        auto send = [&](uint32_t id, const Mip6Bytes& data) {
            Mip6IkeMessage m;
            m.header.spiI = sa->spiI;
            m.header.spiR = sa->spiR;
            m.header.exchange = Mip6IkeHeader::INFORMATIONAL;
            m.header.flags = Mip6IkeHeader::FLAG_INITIATOR;
            m.header.messageId = id;
            auto wire = sa->skI->Seal(
                m,
                {Mip6IkeMakeNotify(Mip6IkeNotifyPayload::ADDITIONAL_IP6_ADDRESS, data)});
            NS_ABORT_MSG_IF(!wire, wire.GetError());
            return ha->ReceiveIke(wire.Value(), run.cellCoa);
        };
        Mip6Bytes good(16);
        Ipv6Address("fd00:3::1").GetBytes(good.data());
        auto first = send(sa->ownNextId, good);
        NS_TEST_ASSERT_MSG_EQ(first.has_value(), true, "answered");
        NS_TEST_ASSERT_MSG_EQ(ha->GetPeerAdditionalAddresses(run.hoa).size(), 1u, "one address");
        const uint32_t drops = ha->GetDrops();
        auto second = send(sa->ownNextId + 1, Mip6Bytes(4, 0xfd));
        NS_TEST_ASSERT_MSG_EQ(second.has_value(), true, "answered");
        NS_TEST_EXPECT_MSG_EQ(ha->GetDrops(), drops + 1, "one counted drop");
        NS_TEST_EXPECT_MSG_EQ(ha->GetPeerAdditionalAddresses(run.hoa).size(), 1u, "unchanged");
        NS_TEST_EXPECT_MSG_EQ(ha->GetPeerAdditionalAddresses(run.hoa)[0],
                              Ipv6Address("fd00:3::1"),
                              "the first list");
        std::string reason;
        auto answer = sa->skR->Open(*second, reason);
        NS_TEST_ASSERT_MSG_EQ(answer.has_value(), true, reason);
        NS_TEST_EXPECT_MSG_EQ(Mip6IkeHasNotify(*answer, Mip6IkeNotifyPayload::INVALID_SYNTAX),
                              true,
                              "INVALID_SYNTAX");
    }
};

/// MCoA under every security design.
class McoaDesignsTestSuite : public TestSuite
{
  public:
    McoaDesignsTestSuite()
        : TestSuite("mip6-mcoa-designs", UNIT)
    {
        // ipsec-ikev2 mcoa=primary (RFC 5648 §9): one IKE SA, one BU/BA transport SA pair.
        AddTestCase(new McoaDesignTestCase({"ipsec-ikev2", 1, 2, 2, 1, 2}), TestCase::QUICK);
        AddTestCase(new McoaDesignTestCase({"ipsec-ikev2:payload=1", 1, 4, 5, 1, 4}),
                    TestCase::QUICK);
        // The ipsec-ikev2 MCoA policies, expectations from the policy (Ikev2Policy).
        for (const char* policy : {"per-coa", "mobike"})
        {
            for (bool payload : {false, true})
            {
                AddTestCase(new McoaDesignTestCase(Ikev2Policy(policy, payload)), TestCase::QUICK);
            }
        }
        AddTestCase(new McoaDesignTestCase({"ipsec-manual", 0, 2, 2, 0, 2}), TestCase::QUICK);
        AddTestCase(new McoaDesignTestCase({"ipsec-manual:payload=on", 0, 4, 5, 0, 4}),
                    TestCase::QUICK);
        AddTestCase(new McoaDesignTestCase({"altsec-tls", 0, 2, 0, 0, 2}), TestCase::QUICK);
        AddTestCase(new McoaDesignTestCase({"authopt", 0, 1, 0, 0, 1}), TestCase::QUICK);
        AddTestCase(new McoaDesignTestCase({"none", 0, 0, 0, 0, 0}), TestCase::QUICK);
        AddTestCase(new McoaForeignTunnelTestCase, TestCase::QUICK);
        AddTestCase(new McoaPerCoaRemoveTestCase, TestCase::QUICK);
        AddTestCase(new McoaMobikeBadAddressTestCase, TestCase::QUICK);
    }
};

McoaDesignsTestSuite g_mcoaDesignsTestSuite;

} // namespace

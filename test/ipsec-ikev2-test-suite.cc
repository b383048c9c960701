/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the `ipsec-ikev2` design (RFC 4877 with IKEv2 PSK): registration over the WLAN
 * topology with K = 1 and K = 0, exchange counts, AUTHENTICATION_FAILED, malformed IKE input,
 * reproducibility and tshark decryption of the SK payloads.
 */

#include "mip6-ikev2-wlan-run.h"
#include "mip6-test-util.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/mip6-category-tag.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-ipsec-ikev2-design.h"
#include "ns3/mip6-ipsec-sad.h"
#include "ns3/mip6-overhead-meter.h"
#include "ns3/mip6-result-writer.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/mip6-wlan-access-helper.h"
#include "ns3/network-module.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <sstream>

using namespace ns3;
using mip6test::RunCommand;

namespace
{

/// Drops IKE packets (by their category tag) received before a given time.
class IkeLossModel : public ErrorModel
{
  public:
    Time until;          ///< drop IKE before this time
    uint32_t dropped{0}; ///< IKE packets dropped

  private:
    bool DoCorrupt(Ptr<Packet> p) override
    {
        Mip6CategoryTag tag;
        if (Simulator::Now() < until && p->PeekPacketTag(tag) &&
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

/// One WLAN run with an `ipsec-ikev2` variant.
struct IkeRun : mip6test::Ikev2WlanRun
{
    struct Options
    {
        std::function<void(IkeRun&)> installed; ///< after installation, before the run
        std::string keyDir;                     ///< KeyExportDirectory
        std::string pcapPrefix;                 ///< pcaps when not empty
        uint32_t run{1};                        ///< ns-3 run number
    };

    IkeRun(const std::string& variant, uint32_t aps, Time simTime)
        : IkeRun(variant, aps, simTime, Options{})
    {
    }

    IkeRun(const std::string& variant, uint32_t aps, Time simTime, const Options& o)
    {
        Setup s;
        s.variant = variant;
        s.aps = aps;
        s.simTime = simTime;
        s.keyDir = o.keyDir;
        s.pcapPrefix = o.pcapPrefix;
        s.run = o.run;
        s.phases = false;
        SetUp(s);
        inst.timeline->TraceConnectWithoutContext("HandoverComplete",
                                                  MakeCallback(&IkeRun::HandoverComplete, this));
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
        ikePeer = ha->GetIkePeer(topo.mnHomeAddress);
        table = std::make_unique<Mip6CsvTable>(Mip6Schema::HandoverColumns());
        inst.timeline->FillHandovers({1, o.run, design->GetId()}, *table);
        if (mn->GetIkeSa())
        {
            msg1 = mn->GetIkeSa()->msg1;
            msg2 = mn->GetIkeSa()->msg2;
        }
    }

    ~IkeRun()
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

    std::string Cell(size_t row, const std::string& column) const
    {
        const auto& cols = table->GetColumns();
        return table->GetRow(row)[std::find(cols.begin(), cols.end(), column) - cols.begin()];
    }

    /// \return ip_bytes of every mn-air message with that name
    std::vector<uint64_t> MessageSizes(const std::string& name) const
    {
        std::vector<uint64_t> v;
        for (const auto& m : meter->GetMessages())
        {
            if (m.point == Mip6OverheadMeter::POINT_MN_AIR && m.message == name)
            {
                v.push_back(m.ipBytes);
            }
        }
        return v;
    }

    /// \return mn-air ip_bytes of a category
    uint64_t CategoryBytes(const std::string& category) const
    {
        uint64_t n = 0;
        for (const auto& [key, counts] : meter->GetCounts())
        {
            if (key.point == Mip6OverheadMeter::POINT_MN_AIR && key.category == category)
            {
                n += counts.ipBytes;
            }
        }
        return n;
    }

    std::unique_ptr<Mip6CsvTable> table;
    std::vector<bool> bindingFollowed;
    Ipv6Address haCoa;
    Ipv6Address mnCoa;
    Ipv6Address ikePeer;
    bool registered{false};
    Mip6SecurityState haState;
    Mip6SecurityState mnState;
    Mip6Bytes msg1;
    Mip6Bytes msg2;
};

/**
 * \ingroup mip6-ipsec
 * A variant over three APs: bootstrap = IKE_SA_INIT + IKE_AUTH, every handover registered
 * through the IKE-keyed ESP SA; K = 1: no IKE exchange per handover (sec_s = 0) and the HA's IKE
 * SA follows the CoA; K = 0: one IKE_SA_INIT + IKE_AUTH + INFORMATIONAL per handover
 * (sec_s > 0). The HA holds one IKE SA and two Child SAs for the MN.
 */
class Ikev2RegistrationTestCase : public TestCase
{
  public:
    /**
     * \param variant the design variant
     * \param k whether K = 1
     * \param bu expected BU bytes (DESIGN.md §1)
     * \param ba expected BA bytes
     */
    Ikev2RegistrationTestCase(const std::string& variant, bool k, uint64_t bu, uint64_t ba)
        : TestCase(variant + ": every handover registered through the IKE-keyed ESP SA; BU " +
                   std::to_string(bu) + " B, BA " + std::to_string(ba) + " B"),
          m_variant(variant),
          m_k(k),
          m_bu(bu),
          m_ba(ba)
    {
    }

  private:
    void DoRun() override
    {
        IkeRun run(m_variant, 3, Seconds(30));
        NS_TEST_ASSERT_MSG_EQ(run.bindingFollowed.size(), 2, "two handovers completed");
        for (bool ok : run.bindingFollowed)
        {
            NS_TEST_EXPECT_MSG_EQ(ok, true, "accepted BA and the HA's binding follows the MN");
        }
        NS_TEST_EXPECT_MSG_EQ(run.registered, true, "registered at the end");
        NS_TEST_EXPECT_MSG_EQ(run.haCoa, run.mnCoa, "binding holds the current CoA");
        NS_TEST_ASSERT_MSG_EQ(run.table->GetRowCount(), 2, "two handover rows");
        const uint32_t ho = 2;
        const uint32_t perHo = m_k ? 0 : 1;
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetExchangeCount(Mip6IkeHeader::IKE_SA_INIT),
                              1 + perHo * ho,
                              "IKE_SA_INIT exchanges");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetExchangeCount(Mip6IkeHeader::IKE_AUTH),
                              1 + perHo * ho,
                              "IKE_AUTH exchanges");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetExchangeCount(Mip6IkeHeader::INFORMATIONAL),
                              perHo * ho,
                              "INFORMATIONAL (delete) exchanges");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetDrops(), 0u, "MN dropped no IKE message");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetDrops(), 0u, "HA dropped no IKE message");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetRetransmissions(), 0u, "no IKE retransmission");
        for (size_t r = 0; r < run.table->GetRowCount(); r++)
        {
            NS_TEST_EXPECT_MSG_EQ(run.Cell(r, "ba_status"), "0", "accepted");
            const double sec = std::atof(run.Cell(r, "sec_s").c_str());
            const double reg = std::atof(run.Cell(r, "reg_s").c_str());
            if (m_k)
            {
                NS_TEST_EXPECT_MSG_EQ(sec, 0.0, "K=1: nothing before the BU");
            }
            else
            {
                NS_TEST_EXPECT_MSG_GT(sec, 0.0, "K=0: IKE_SA_INIT + IKE_AUTH before the BU");
            }
            NS_TEST_EXPECT_MSG_GT(reg, 0.0, "BU/BA round trip");
            std::cout << m_variant << " handover " << r << ": sec_s=" << sec << " reg_s=" << reg
                      << std::endl;
        }
        NS_TEST_EXPECT_MSG_EQ(run.haState.ikeSas, 1u, "HA: one IKE SA for the MN");
        NS_TEST_EXPECT_MSG_EQ(run.haState.saCount, 2u, "HA: BU and BA Child SAs");
        NS_TEST_EXPECT_MSG_EQ(run.mnState.ikeSas, 1u, "MN: one IKE SA");
        if (m_k)
        {
            NS_TEST_EXPECT_MSG_EQ(run.ikePeer, run.mnCoa, "K=1: the HA's IKE peer is the CoA");
        }
        // Sizes from the serialised packets on the MN's air interface (DESIGN.md §4.3).
        uint64_t total = 0;
        for (const std::string name :
             {"IKE_SA_INIT-req", "IKE_SA_INIT-resp", "IKE_AUTH-req", "IKE_AUTH-resp"})
        {
            const auto sizes = run.MessageSizes(name);
            // Each exchange once at least; the meter counts every 802.11 transmission, so a
            // MAC retry far from the AP shows twice (the MN retransmitted nothing, see above).
            NS_TEST_EXPECT_MSG_GT_OR_EQ(sizes.size(),
                                        1 + perHo * ho,
                                        name << " messages on the air");
            NS_TEST_EXPECT_MSG_GT(sizes.empty() ? 0 : sizes[0], 28u + 48u, name << " size");
            total += sizes.empty() ? 0 : sizes[0];
            std::cout << m_variant << " " << name << ": " << (sizes.empty() ? 0 : sizes[0]) << " B"
                      << std::endl;
        }
        std::cout << m_variant << " bootstrap IKE bytes: " << total
                  << ", IKE category bytes in the run: " << run.CategoryBytes("ike") << std::endl;
        NS_TEST_EXPECT_MSG_EQ((run.CategoryBytes("ike") > 0), true, "IKE classified as ike");
        const auto bus = run.MessageSizes("BU");
        NS_TEST_EXPECT_MSG_GT(bus.size(), 2u, "BUs measured");
        for (uint64_t b : bus)
        {
            NS_TEST_EXPECT_MSG_EQ(b, m_bu, "protected home BU bytes (DESIGN.md §1)");
        }
        const auto bas = run.MessageSizes("BA");
        NS_TEST_EXPECT_MSG_GT(bas.size(), 2u, "BAs measured");
        for (uint64_t b : bas)
        {
            NS_TEST_EXPECT_MSG_EQ(b, m_ba, "protected BA bytes (DESIGN.md §1)");
        }
        // The initiator drops what it did not ask for: every truncation of the IKE_SA_INIT
        // response, and the whole response replayed once the exchange is over.
        const uint32_t before = run.mn->GetDrops();
        for (size_t len = 0; len < run.msg2.size(); len++)
        {
            run.mn->ReceiveIke(Mip6Bytes(run.msg2.begin(), run.msg2.begin() + len));
        }
        run.mn->ReceiveIke(run.msg2);
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetDrops(), before + run.msg2.size() + 1, "all dropped");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetState().ikeSas, 1u, "the IKE SA is untouched");
    }

    std::string m_variant;
    bool m_k;
    uint64_t m_bu;
    uint64_t m_ba;
};

/**
 * \ingroup mip6-ipsec
 * A wrong PSK at the MN: the HA answers IKE_AUTH with SK{N(AUTHENTICATION_FAILED)}, the MN reports
 * it (Bootstrap done(false), ErrorNotify 24, counted) and no binding is created.
 */
class Ikev2WrongPskTestCase : public TestCase
{
  public:
    Ikev2WrongPskTestCase()
        : TestCase("wrong PSK: AUTHENTICATION_FAILED answered, reported by the MN, counted")
    {
    }

  private:
    void DoRun() override
    {
        std::vector<uint16_t> notifies;
        IkeRun::Options o;
        o.installed = [&notifies](IkeRun& r) {
            r.mn->SetAttribute("Psk", StringValue("not the HA's key"));
            r.mn->TraceConnectWithoutContext(
                "ErrorNotify",
                MakeBoundCallback(
                    +[](std::vector<uint16_t>* v, uint16_t t) { v->push_back(t); },
                    &notifies));
        };
        IkeRun run("ipsec-ikev2", 2, Seconds(6), o);
        NS_TEST_EXPECT_MSG_GT(run.mn->GetAuthFailures(), 0u, "MN counted AUTHENTICATION_FAILED");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetAuthFailures(),
                              run.mn->GetAuthFailures(),
                              "every one the HA sent was received");
        NS_TEST_ASSERT_MSG_GT(notifies.size(), 0u, "ErrorNotify fired");
        NS_TEST_EXPECT_MSG_EQ(notifies[0],
                              Mip6IkeNotifyPayload::AUTHENTICATION_FAILED,
                              "notify type 24");
        NS_TEST_EXPECT_MSG_EQ(run.registered, false, "no registration");
        NS_TEST_EXPECT_MSG_EQ(run.haCoa, Ipv6Address(), "no binding at the HA");
        NS_TEST_EXPECT_MSG_EQ(run.haState.ikeSas, 0u, "no IKE SA at the HA");
        NS_TEST_EXPECT_MSG_EQ(run.haState.saCount, 0u, "no Child SA at the HA");
    }
};

/**
 * \ingroup mip6-ipsec
 * Malformed input at the responder: every truncation of a valid IKE_SA_INIT request, a bad
 * Length field, garbage SK contents and an unknown critical payload are dropped (counted) or
 * answered as RFC 7296 §2.5 requires (UNSUPPORTED_CRITICAL_PAYLOAD); never a crash.
 */
class Ikev2MalformedTestCase : public TestCase
{
  public:
    Ikev2MalformedTestCase()
        : TestCase("truncated or malformed IKE messages are dropped or answered per RFC 7296")
    {
    }

  private:
    void DoRun() override
    {
        Mip6CryptoRandom::Install();
        Mip6CryptoRandom::Reset();
        Ptr<Node> node = CreateObject<Node>();
        InternetStackHelper stack;
        stack.Install(node);
        Ptr<Mip6Ikev2Design> design = CreateObject<Mip6Ikev2Design>();
        Ptr<Mip6Ikev2HaSide> ha = DynamicCast<Mip6Ikev2HaSide>(design->CreateHaSide());
        ha->Setup(node, Ipv6Address("fd00:0:0:1::1"));
        const Ipv6Address from("fd00:0:1:1::2");

        // A valid request first: the responder answers it with SAr1, KEr, Nr.
        auto dh = Mip6DhKeyPair::Generate(Mip6DhGroup::MODP_2048);
        NS_TEST_ASSERT_MSG_EQ(dh.IsOk(), true, "DH");
        auto build = [&](uint64_t spi) {
            Mip6IkeMessage m;
            m.header.spiI = spi;
            m.header.flags = Mip6IkeHeader::FLAG_INITIATOR;
            m.payloads.push_back(design->MakeIkeProposal());
            Ptr<Mip6IkeKePayload> ke = Create<Mip6IkeKePayload>();
            ke->group = 14;
            ke->data = dh.Value().GetPublicValue();
            m.payloads.push_back(ke);
            Ptr<Mip6IkeNoncePayload> n = Create<Mip6IkeNoncePayload>();
            n->nonce = Mip6Bytes(32, 7);
            m.payloads.push_back(n);
            return m.Serialize();
        };
        const Mip6Bytes good = build(0x1111);
        auto resp = ha->ReceiveIke(good, from);
        NS_TEST_ASSERT_MSG_EQ(resp.has_value(), true, "valid IKE_SA_INIT answered");
        Mip6IkeParseError err;
        uint8_t unsupported = 0;
        auto parsed = Mip6IkeMessage::Parse(resp->data(), resp->size(), err, unsupported);
        NS_TEST_ASSERT_MSG_EQ(parsed.has_value(), true, "response parses");
        NS_TEST_EXPECT_MSG_EQ((PeekPointer(parsed->Find(Mip6IkePayloadType::KE)) != nullptr),
                              true,
                              "KEr");
        NS_TEST_EXPECT_MSG_EQ(ha->GetDrops(), 0u, "nothing dropped yet");
        // RFC 7296 §2.1: a retransmitted request gets the same response again.
        auto again = ha->ReceiveIke(good, from);
        NS_TEST_EXPECT_MSG_EQ((again.has_value() && *again == *resp), true, "same response");

        // Every truncation of a fresh request (another SPI): dropped, never answered.
        const Mip6Bytes other = build(0x2222);
        uint32_t answered = 0;
        for (size_t len = 0; len < other.size(); len++)
        {
            Mip6Bytes t(other.begin(), other.begin() + len);
            answered += ha->ReceiveIke(t, from).has_value() ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_EQ(answered, 0u, "no truncation answered");
        NS_TEST_EXPECT_MSG_EQ(ha->GetDrops(), other.size(), "every truncation counted");

        // Length field beyond the datagram, and a payload length of 2.
        Mip6Bytes badLength = other;
        badLength[27] += 1;
        NS_TEST_EXPECT_MSG_EQ(ha->ReceiveIke(badLength, from).has_value(), false, "bad Length");
        Mip6Bytes badPayload = other;
        badPayload[28 + 2] = 0;
        badPayload[28 + 3] = 2;
        NS_TEST_EXPECT_MSG_EQ(ha->ReceiveIke(badPayload, from).has_value(), false, "bad payload");

        // An IKE_AUTH for the first SA whose SK payload is garbage: ICV fails, dropped.
        Mip6IkeMessage auth;
        auth.header.spiI = 0x1111;
        auth.header.spiR = parsed->header.spiR;
        auth.header.exchange = Mip6IkeHeader::IKE_AUTH;
        auth.header.flags = Mip6IkeHeader::FLAG_INITIATOR;
        auth.header.messageId = 1;
        Ptr<Mip6IkeSkPayload> sk = Create<Mip6IkeSkPayload>();
        sk->firstInnerPayload = 35;
        sk->body = Mip6Bytes(64, 0xab);
        auth.payloads.push_back(sk);
        const uint32_t before = ha->GetDrops();
        NS_TEST_EXPECT_MSG_EQ(ha->ReceiveIke(auth.Serialize(), from).has_value(),
                              false,
                              "forged SK dropped");
        NS_TEST_EXPECT_MSG_EQ(ha->GetDrops(), before + 1, "counted");
        // Unknown SPI, and a response where a request is expected.
        auth.header.spiI = 0x9999;
        NS_TEST_EXPECT_MSG_EQ(ha->ReceiveIke(auth.Serialize(), from).has_value(), false, "SPI");
        Mip6Bytes r = *resp;
        NS_TEST_EXPECT_MSG_EQ(ha->ReceiveIke(r, from).has_value(), false, "a response");

        // An unknown payload type with the critical bit: UNSUPPORTED_CRITICAL_PAYLOAD (§2.5).
        Mip6Bytes crit = build(0x3333);
        // Append a 4-byte payload of type 200 with C set, chained from the Nonce payload.
        size_t off = 28;
        size_t last = off;
        while (off < crit.size())
        {
            last = off;
            off += (size_t(crit[off + 2]) << 8) | crit[off + 3];
        }
        crit[last] = 200;
        crit.insert(crit.end(), {0, 0x80, 0, 4});
        const uint32_t len = crit.size();
        crit[24] = len >> 24;
        crit[25] = len >> 16;
        crit[26] = len >> 8;
        crit[27] = len;
        auto critResp = ha->ReceiveIke(crit, from);
        NS_TEST_ASSERT_MSG_EQ(critResp.has_value(), true, "answered");
        auto cr = Mip6IkeMessage::Parse(critResp->data(), critResp->size(), err, unsupported);
        NS_TEST_ASSERT_MSG_EQ(cr.has_value(), true, "the answer parses");
        auto n = cr->Find(Mip6IkePayloadType::NOTIFY);
        NS_TEST_ASSERT_MSG_EQ((PeekPointer(n) != nullptr), true, "a notify");
        auto notify = dynamic_cast<Mip6IkeNotifyPayload*>(PeekPointer(n));
        NS_TEST_EXPECT_MSG_EQ(notify->notifyType,
                              Mip6IkeNotifyPayload::UNSUPPORTED_CRITICAL_PAYLOAD,
                              "UNSUPPORTED_CRITICAL_PAYLOAD");
        NS_TEST_EXPECT_MSG_EQ((notify->data.size() == 1 && notify->data[0] == 200),
                              true,
                              "type 200");

        // The HA now wants group 19, the request offers 14 in KE: INVALID_KE_PAYLOAD.
        design->SetAttribute("DhGroup", EnumValue(19));
        auto ke = ha->ReceiveIke(build(0x4444), from);
        NS_TEST_ASSERT_MSG_EQ(ke.has_value(), true, "answered");
        auto kr = Mip6IkeMessage::Parse(ke->data(), ke->size(), err, unsupported);
        NS_TEST_ASSERT_MSG_EQ(kr.has_value(), true, "parses");
        NS_TEST_EXPECT_MSG_EQ((PeekPointer(kr->Find(Mip6IkePayloadType::NOTIFY)) != nullptr),
                              true,
                              "a notify");
        NS_TEST_EXPECT_MSG_EQ((PeekPointer(kr->Find(Mip6IkePayloadType::KE)) == nullptr),
                              true,
                              "no SA set up");

        // Half-open IKE SAs (0x1111, the retransmitted 0x2222 never parsed) expire after
        // HalfOpenTimeout.
        NS_TEST_EXPECT_MSG_GT(ha->GetHalfOpenCount(), 0u, "half-open IKE SAs held");
        Simulator::Stop(Seconds(31));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(ha->GetHalfOpenCount(), 0u, "expired after 30 s");
        ha->Dispose();
        design->Dispose();
        Simulator::Destroy();
    }
};

/**
 * \ingroup mip6-ipsec
 * Retransmission (RFC 7296 §2.1) with the design's attributes: IKE lost at the HA for a while is
 * retransmitted after RetransmitTimeout, RetransmitBackoff times longer each time; after MaxTries
 * the bootstrap fails (trace reason "timeout") and the core's retry registers the MN later.
 */
class Ikev2RetransmitTestCase : public TestCase
{
  public:
    /**
     * \param lossUntil IKE received by the HA before this time is lost
     * \param maxTries the MaxTries attribute
     */
    Ikev2RetransmitTestCase(Time lossUntil, uint32_t maxTries)
        : TestCase("IKE lost until " + std::to_string(lossUntil.GetSeconds()) + " s, MaxTries " +
                   std::to_string(maxTries) + ": retransmitted, then registered"),
          m_lossUntil(lossUntil),
          m_maxTries(maxTries)
    {
    }

  private:
    void DoRun() override
    {
        Ptr<IkeLossModel> loss = CreateObject<IkeLossModel>();
        loss->until = m_lossUntil;
        std::vector<std::string> drops;
        std::vector<Time> sent;
        IkeRun::Options o;
        const uint32_t tries = m_maxTries;
        o.installed = [&](IkeRun& r) {
            r.design->SetAttribute("RetransmitTimeout", TimeValue(MilliSeconds(200)));
            r.design->SetAttribute("RetransmitBackoff", DoubleValue(2.0));
            r.design->SetAttribute("MaxTries", UintegerValue(tries));
            for (uint32_t i = 0; i < r.topo.ha->GetNDevices(); i++)
            {
                r.topo.ha->GetDevice(i)->SetAttributeFailSafe("ReceiveErrorModel",
                                                              PointerValue(loss));
            }
            r.mn->TraceConnectWithoutContext(
                "Drop",
                MakeBoundCallback(
                    +[](std::vector<std::string>* v, const std::string& x) { v->push_back(x); },
                    &drops));
        };
        IkeRun run("ipsec-ikev2", 2, Seconds(8), o);
        NS_TEST_EXPECT_MSG_GT(loss->dropped, 0u, "IKE was lost");
        NS_TEST_EXPECT_MSG_EQ(run.registered, true, "registered in the end");
        const uint32_t attempts = run.mn->GetExchangeCount(Mip6IkeHeader::IKE_SA_INIT);
        const uint32_t timeouts = std::count(drops.begin(), drops.end(), "timeout");
        // Every lost transmission was one of ours: the first of each attempt or a retransmission.
        NS_TEST_EXPECT_MSG_EQ(loss->dropped,
                              attempts + run.mn->GetRetransmissions() - 1,
                              "every IKE_SA_INIT transmission but the answered one was lost");
        NS_TEST_EXPECT_MSG_EQ(timeouts, attempts - 1, "every failed attempt timed out");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetRetransmissions(),
                              timeouts * (m_maxTries - 1) + (loss->dropped - timeouts * m_maxTries),
                              "MaxTries - 1 retransmissions per failed attempt");
        // The first attempt's transmissions: RetransmitTimeout, then doubled (back-off 2).
        std::vector<double> tx;
        for (const auto& m : run.meter->GetMessages())
        {
            if (m.point == Mip6OverheadMeter::POINT_MN_AIR && m.direction == "tx" &&
                m.message == "IKE_SA_INIT-req")
            {
                tx.push_back(m.t.GetSeconds());
            }
        }
        NS_TEST_ASSERT_MSG_GT_OR_EQ(tx.size(), 2u, "transmissions on the air");
        NS_TEST_EXPECT_MSG_EQ_TOL(tx[1] - tx[0], 0.2, 0.01, "first timeout 200 ms");
        if (m_maxTries > 2)
        {
            NS_TEST_EXPECT_MSG_EQ_TOL(tx[2] - tx[1], 0.4, 0.01, "then 400 ms");
        }
        std::cout << "loss until " << m_lossUntil.GetSeconds() << " s: attempts " << attempts
                  << ", retransmissions " << run.mn->GetRetransmissions() << ", timeouts "
                  << timeouts << std::endl;
    }

    Time m_lossUntil;
    uint32_t m_maxTries;
};

/**
 * \ingroup mip6-ipsec
 * Same seed and run: the IKE_SA_INIT messages (SPIs, KE, nonces from the DRBG) are
 * byte-identical; another run number changes them.
 */
class Ikev2ReproducibleTestCase : public TestCase
{
  public:
    Ikev2ReproducibleTestCase()
        : TestCase("same seed and run: byte-identical IKE messages; another run differs")
    {
    }

  private:
    void DoRun() override
    {
        auto once = [](uint32_t r) {
            IkeRun::Options o;
            o.run = r;
            IkeRun run("ipsec-ikev2:dh=19", 2, Seconds(8), o);
            return std::make_pair(run.msg1, run.msg2);
        };
        const auto a = once(1);
        const auto b = once(1);
        const auto c = once(2);
        NS_TEST_ASSERT_MSG_GT(a.first.size(), 0u, "an IKE_SA_INIT request");
        NS_TEST_EXPECT_MSG_EQ((a.first == b.first), true, "request identical");
        NS_TEST_EXPECT_MSG_EQ((a.second == b.second), true, "response identical");
        NS_TEST_EXPECT_MSG_EQ((a.first == c.first), false, "another run differs");
    }
};

/**
 * \ingroup mip6-ipsec
 * tshark decrypts the SK payloads of a project pcap with the exported ikev2_decryption_table:
 * every IKE_AUTH message shows its inner AUTH payload (type 39), and every one with an SA payload
 * (SAi2, SAr2) the notify USE_TRANSPORT_MODE (16391, RFC 7296 §1.3.1), which tshark names; with
 * the exported esp_sa every BU and BA in the Child SA verifies and carries K = 1.
 */
class Ikev2TsharkTestCase : public TestCase
{
  public:
    Ikev2TsharkTestCase(const std::string& variant)
        : TestCase(variant + ": tshark decrypts IKE_AUTH with the exported table"),
          m_variant(variant)
    {
    }

  private:
    void DoRun() override
    {
        char tmpl[] = "/tmp/mip6-ikev2-tshark-XXXXXX";
        NS_TEST_ASSERT_MSG_NE(mkdtemp(tmpl), nullptr, "temporary directory");
        const std::string dir = tmpl;
        std::filesystem::create_directories(dir + "/pcap");
        {
            IkeRun::Options o;
            o.keyDir = dir + "/keys";
            o.pcapPrefix = dir + "/pcap/ike";
            IkeRun run(m_variant, 2, Seconds(14), o);
            NS_TEST_ASSERT_MSG_EQ(run.bindingFollowed.size(), 1, "one handover registered");
        }
        NS_TEST_ASSERT_MSG_EQ(std::filesystem::exists(dir + "/keys/" + Mip6KeyExport::IKEV2_FILE),
                              true,
                              "IKE keys written");
        int status = 0;
        RunCommand("tshark -v > /dev/null 2>&1", status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark is installed");
        uint32_t authMsgs = 0;
        uint32_t decrypted = 0;
        uint32_t withSa = 0;
        uint32_t transport = 0;
        unsigned long namedTransport = 0;
        for (const auto& entry : std::filesystem::directory_iterator(dir + "/pcap"))
        {
            const std::string cmd = "WIRESHARK_CONFIG_DIR=" + dir + "/keys tshark -n -r " +
                                    entry.path().string() +
                                    " -Y 'isakmp.exchangetype == 35' -T fields -E 'separator=;'"
                                    " -e isakmp.typepayload -e isakmp.notify.msgtype 2>/dev/null";
            const std::string out = RunCommand(cmd, status);
            NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark ran: " << out);
            std::istringstream lines(out);
            std::string line;
            while (std::getline(lines, line))
            {
                if (line.empty())
                {
                    continue;
                }
                authMsgs++;
                const size_t semi = line.find(';');
                const std::string types = line.substr(0, semi);
                const std::string notifies =
                    semi == std::string::npos ? "" : "," + line.substr(semi + 1) + ",";
                // Inner payloads are listed after SK (46) once decrypted: AUTH is 39, SA 33.
                std::istringstream f(types);
                std::string x;
                bool auth = false;
                bool sa = false;
                while (std::getline(f, x, ','))
                {
                    auth |= x == "39";
                    sa |= x == "33";
                }
                decrypted += auth ? 1 : 0;
                withSa += sa ? 1 : 0;
                transport += sa && notifies.find(",16391,") != std::string::npos ? 1 : 0;
            }
            // The notify by name, as tshark decodes it.
            const std::string named = RunCommand(
                "WIRESHARK_CONFIG_DIR=" + dir + "/keys tshark -n -r " + entry.path().string() +
                    " -Y 'isakmp.notify.msgtype == 16391' -V 2>/dev/null"
                    " | grep -c 'Notify Message Type: USE_TRANSPORT_MODE (16391)'",
                status);
            namedTransport += std::strtoul(named.c_str(), nullptr, 10);
        }
        // The BU and BA inside the Child SA (esp_sa exported too) carry K = 1 (RFC 4877 §4.4).
        uint32_t bu = 0;
        uint32_t ba = 0;
        uint32_t k = 0;
        for (const auto& entry : std::filesystem::directory_iterator(dir + "/pcap"))
        {
            const std::string cmd = "WIRESHARK_CONFIG_DIR=" + dir + "/keys tshark -n -r " +
                                    entry.path().string() +
                                    " -o esp.enable_encryption_decode:TRUE"
                                    " -o esp.enable_authentication_check:TRUE -Y mipv6 -T fields"
                                    " -E 'separator=;' -e esp.icv_good -e mip6.mhtype"
                                    " -e mip6.bu.k_flag -e mip6.ba.k_flag 2>/dev/null";
            const std::string out = RunCommand(cmd, status);
            NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark ran: " << out);
            std::istringstream lines(out);
            std::string line;
            while (std::getline(lines, line))
            {
                std::vector<std::string> f;
                std::istringstream fields(line);
                std::string x;
                while (std::getline(fields, x, ';'))
                {
                    f.push_back(x);
                }
                f.resize(4);
                NS_TEST_EXPECT_MSG_EQ((f[0] == "1" || f[0] == "True"), true, "ICV: " << line);
                bu += f[1] == "5" ? 1 : 0;
                ba += f[1] == "6" ? 1 : 0;
                k += ((f[1] == "5" && (f[2] == "1" || f[2] == "True")) ||
                      (f[1] == "6" && (f[3] == "1" || f[3] == "True")))
                         ? 1
                         : 0;
            }
        }
        NS_TEST_EXPECT_MSG_GT(bu, 0u, "BUs decrypted");
        NS_TEST_EXPECT_MSG_GT(ba, 0u, "BAs decrypted");
        NS_TEST_EXPECT_MSG_EQ(k, bu + ba, "every BU and BA has K set");
        NS_TEST_EXPECT_MSG_GT(authMsgs, 1u, "IKE_AUTH messages in the pcaps");
        NS_TEST_EXPECT_MSG_EQ(decrypted, authMsgs, "every IKE_AUTH decrypted");
        NS_TEST_EXPECT_MSG_GT(withSa, 1u, "IKE_AUTH messages with SAi2 / SAr2");
        NS_TEST_EXPECT_MSG_EQ(transport, withSa, "each carries USE_TRANSPORT_MODE (16391)");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(namedTransport,
                                    (unsigned long)withSa,
                                    "tshark names it USE_TRANSPORT_MODE");
        if (!getenv("MIP6_KEEP_TMP"))
        {
            std::filesystem::remove_all(dir);
        }
    }

    std::string m_variant;
};

} // namespace

/**
 * \ingroup mip6-ipsec
 * The `ipsec-ikev2` design.
 */
class Mip6IpsecIkev2TestSuite : public TestSuite
{
  public:
    Mip6IpsecIkev2TestSuite()
        : TestSuite("mip6-ipsec-ikev2", SYSTEM)
    {
        AddTestCase(new Ikev2MalformedTestCase, TestCase::QUICK);
        AddTestCase(new Ikev2RegistrationTestCase("ipsec-ikev2", true, 148, 132), TestCase::QUICK);
        AddTestCase(
            new Ikev2RegistrationTestCase("ipsec-ikev2:dh=19,sk=gcm,esp=gcm", true, 132, 116),
            TestCase::QUICK);
        AddTestCase(new Ikev2RegistrationTestCase("ipsec-ikev2:dh=31,k=0", false, 148, 132),
                    TestCase::QUICK);
        AddTestCase(new Ikev2WrongPskTestCase, TestCase::QUICK);
        AddTestCase(new Ikev2RetransmitTestCase(MilliSeconds(500), 4), TestCase::QUICK);
        AddTestCase(new Ikev2RetransmitTestCase(Seconds(2), 2), TestCase::QUICK);
        AddTestCase(new Ikev2ReproducibleTestCase, TestCase::QUICK);
        AddTestCase(new Ikev2TsharkTestCase("ipsec-ikev2"), TestCase::QUICK);
        AddTestCase(new Ikev2TsharkTestCase("ipsec-ikev2:sk=gcm"), TestCase::QUICK);
    }
};

static Mip6IpsecIkev2TestSuite g_mip6IpsecIkev2TestSuite; //!< the suite

/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the IKE_AUTH variants of `ipsec-ikev2`: EAP-MD5 with the HA authenticated by its
 * certificate (RFC 7296 §2.16), the PAD check (RFC 4877 §5, RFC 4301 §4.4.3) and the
 * configuration payload for the HoA (RFC 4877 §9).
 */

#include "mip6-ikev2-wlan-run.h"
#include "mip6-test-util.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/mip6-category-tag.h"
#include "ns3/mip6-certificate.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-esp-protocol.h"
#include "ns3/mip6-header.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-ikev2-auth.h"
#include "ns3/mip6-ipsec-ikev2-design.h"
#include "ns3/mip6-ipsec-sad.h"
#include "ns3/mip6-overhead-meter.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/mip6-test-pki.h"
#include "ns3/mip6-wlan-access-helper.h"
#include "ns3/network-module.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <iostream>
#include <set>
#include <sstream>

using namespace ns3;
using mip6test::RunCommand;

namespace
{

/// One WLAN run with an `ipsec-ikev2` variant (as in ipsec-ikev2-test-suite.cc).
struct AuthRun : mip6test::Ikev2WlanRun
{
    struct Options
    {
        std::function<void(AuthRun&)> installed; ///< after installation, before the run
        std::string keyDir;                      ///< KeyExportDirectory
        std::string pcapPrefix;                  ///< pcaps when not empty
    };

    AuthRun(const std::string& variant, uint32_t aps, Time simTime, const Options& o = {})
    {
        Setup s;
        s.variant = variant;
        s.aps = aps;
        s.simTime = simTime;
        s.keyDir = o.keyDir;
        s.pcapPrefix = o.pcapPrefix;
        s.run = 1;
        s.phases = false;
        SetUp(s);
        inst.timeline->TraceConnectWithoutContext("HandoverComplete",
                                                  MakeCallback(&AuthRun::HandoverComplete, this));
        mn->TraceConnectWithoutContext("ErrorNotify", MakeCallback(&AuthRun::Notified, this));
        mn->TraceConnectWithoutContext("Drop", MakeCallback(&AuthRun::MnDrop, this));
        ha->TraceConnectWithoutContext("Drop", MakeCallback(&AuthRun::HaDrop, this));
        inst.mobileNode->TraceConnectWithoutContext("HomeAddressAssigned",
                                                    MakeCallback(&AuthRun::Assigned, this));
        if (o.installed)
        {
            o.installed(*this);
        }
        startHoa = inst.mobileNode->GetHomeAddress();
        Simulator::Stop(simTime);
        Simulator::Run();
        const Mip6BindingCacheEntry* e = inst.homeAgent->GetBinding(topo.mnHomeAddress);
        haCoa = e ? e->careOfAddress : Ipv6Address();
        mnCoa = inst.mobileNode->GetMovementDetector()->GetCareOfAddress();
        registered = inst.mobileNode->IsRegistered();
        haState = inst.homeAgent->GetSecurity()->GetState(topo.mnHomeAddress);
        mnState = inst.mobileNode->GetSecurity()->GetState();
        mnHoa = inst.mobileNode->GetHomeAddress();
        cnReceived = inst.cnProbe->GetReceived();
        mnReceived = inst.mnProbe->GetReceived();
    }

    ~AuthRun()
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

    void Notified(uint16_t type)
    {
        notifies.push_back(type);
    }

    void MnDrop(const std::string& reason)
    {
        mnDrops.insert(reason);
    }

    void HaDrop(const std::string& reason)
    {
        haDrops.insert(reason);
    }

    void Assigned(Ipv6Address from, Ipv6Address to)
    {
        assignments.emplace_back(from, to);
    }

    /// \return ip_bytes of every mn-air transmission by the MN or received from the AP, by name
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

    /**
     * The bootstrap's IKE messages: the first IKE_SA_INIT pair, then every IKE_AUTH message,
     * each counted once (an 802.11 retry shows the same message twice on the air).
     * \param bytes out: their IP bytes
     * \return their number
     */
    uint32_t BootstrapMessages(uint64_t& bytes) const
    {
        const uint32_t auths = mn->GetExchangeCount(Mip6IkeHeader::IKE_AUTH);
        uint32_t n = 0;
        bytes = 0;
        for (const std::string name : {"IKE_SA_INIT-req", "IKE_SA_INIT-resp"})
        {
            const auto s = MessageSizes(name);
            bytes += s.empty() ? 0 : s[0];
            n += s.empty() ? 0 : 1;
        }
        // The IKE_AUTH messages in order of time; consecutive duplicates are MAC retries.
        for (const std::string name : {"IKE_AUTH-req", "IKE_AUTH-resp"})
        {
            std::vector<std::pair<Time, uint64_t>> seen;
            for (const auto& m : meter->GetMessages())
            {
                if (m.point == Mip6OverheadMeter::POINT_MN_AIR && m.message == name &&
                    (seen.empty() || m.t - seen.back().first > MilliSeconds(1)))
                {
                    seen.emplace_back(m.t, m.ipBytes);
                }
            }
            for (uint32_t i = 0; i < auths && i < seen.size(); i++)
            {
                bytes += seen[i].second;
                n++;
            }
        }
        return n;
    }

    std::vector<bool> bindingFollowed;
    std::vector<uint16_t> notifies;
    std::set<std::string> mnDrops;
    std::set<std::string> haDrops;
    Ipv6Address haCoa;
    Ipv6Address mnCoa;
    bool registered{false};
    Mip6SecurityState haState;
    Mip6SecurityState mnState;
    Ipv6Address startHoa;                                         ///< the MN's HoA when it started
    Ipv6Address mnHoa;                                            ///< and at the end
    std::vector<std::pair<Ipv6Address, Ipv6Address>> assignments; ///< HomeAddressAssigned
    uint32_t cnReceived{0};                                       ///< probes the CN got (MN → CN)
    uint32_t mnReceived{0}; ///< probes the MN got (CN → HoA)
};

/// \return the payload's serialised size, from a real serialisation
uint32_t
Serialised(const Ptr<Mip6IkePayload>& p)
{
    return static_cast<uint32_t>(Mip6IkeMessage::SerializePayloads({p}).size());
}

/// \return whether a chain of one payload of that type parses
bool
Parses(const Mip6Bytes& chain, Mip6IkePayloadType type)
{
    Mip6IkeParseError e;
    uint8_t u = 0;
    return Mip6IkeMessage::ParsePayloads(chain.data(), chain.size(), uint8_t(type), e, u)
        .has_value();
}

/**
 * \ingroup mip6-ipsec
 * The payloads of the variants against RFC 7296 §3 layouts, from real serialisations: CP
 * request 12 B and reply 29 B (§3.15.1: INTERNAL_IP6_ADDRESS = 16 + 1), EAP-MD5 request and
 * response 26 B and Success 8 B (RFC 3748 §4, §5.4), CERTREQ with one CA 25 B (§3.7), CERT =
 * DER + 5 (§3.6), AUTH method 9 = 72 B (RFC 4754 §7: r ‖ s). Strict parsing: an EAP length that
 * disagrees, a CERTREQ that is not whole SHA-1 hashes, a CP attribute running past the payload
 * are refused. The EAP-MD5 value matches RFC 1994 §4.1 (known answer from Python hashlib), and
 * the CA hash is SHA-1 of its subjectPublicKeyInfo.
 */
class AuthPayloadTestCase : public TestCase
{
  public:
    AuthPayloadTestCase()
        : TestCase("CP, EAP, CERT, CERTREQ and AUTH method 9 payloads: RFC 7296 sizes, strict")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Mip6IkeCpPayload> req = Create<Mip6IkeCpPayload>();
        req->attributes.push_back({Mip6IkeConfigAttribute::INTERNAL_IP6_ADDRESS, {}});
        NS_TEST_EXPECT_MSG_EQ(Serialised(req), 12u, "CFG_REQUEST INTERNAL_IP6_ADDRESS");
        Ptr<Mip6IkeCpPayload> rep = Create<Mip6IkeCpPayload>();
        rep->cfgType = Mip6IkeCpPayload::CFG_REPLY;
        Mip6Bytes v(17, 0);
        v[0] = 0x20;
        v[16] = 64;
        rep->attributes.push_back({Mip6IkeConfigAttribute::INTERNAL_IP6_ADDRESS, v});
        NS_TEST_EXPECT_MSG_EQ(Serialised(rep), 29u, "CFG_REPLY with HoA and prefix length");
        Mip6Bytes cpChain = Mip6IkeMessage::SerializePayloads({rep});
        NS_TEST_EXPECT_MSG_EQ(Parses(cpChain, Mip6IkePayloadType::CP), true, "reply parses");
        cpChain[8 + 3] = 18; // attribute length 18 > the 17 bytes left
        NS_TEST_EXPECT_MSG_EQ(Parses(cpChain, Mip6IkePayloadType::CP), false, "overrun refused");

        const Mip6Bytes challenge(16, 0x5a);
        Ptr<Mip6IkeEapPayload> eap = Create<Mip6IkeEapPayload>();
        eap->code = 1;
        eap->identifier = 7;
        eap->eapType = 4;
        eap->data = Mip6IkeEapMd5TypeData(challenge);
        NS_TEST_EXPECT_MSG_EQ(Serialised(eap), 26u, "EAP Request/MD5-Challenge");
        Ptr<Mip6IkeEapPayload> ok = Create<Mip6IkeEapPayload>();
        ok->code = 3;
        NS_TEST_EXPECT_MSG_EQ(Serialised(ok), 8u, "EAP Success");
        Mip6Bytes eapChain = Mip6IkeMessage::SerializePayloads({eap});
        NS_TEST_EXPECT_MSG_EQ(Parses(eapChain, Mip6IkePayloadType::EAP), true, "parses");
        eapChain[4 + 3] = 21; // EAP Length disagrees with the payload
        NS_TEST_EXPECT_MSG_EQ(Parses(eapChain, Mip6IkePayloadType::EAP), false, "EAP length");
        NS_TEST_EXPECT_MSG_EQ(Mip6IkeEapMd5ParseValue({17, 1, 2}).has_value(),
                              false,
                              "Value-Size beyond the data");
        NS_TEST_EXPECT_MSG_EQ(Mip6IkeEapMd5ParseValue({}).has_value(), false, "empty");
        auto value = Mip6IkeEapMd5ParseValue(eap->data);
        NS_TEST_EXPECT_MSG_EQ((value && *value == challenge), true, "value read back");
        // MD5(0x2a ‖ "mip6 secret" ‖ 00 01 .. 0f) from Python's hashlib.
        Mip6Bytes seq(16);
        for (size_t i = 0; i < seq.size(); i++)
        {
            seq[i] = static_cast<uint8_t>(i);
        }
        NS_TEST_EXPECT_MSG_EQ(
            Mip6ToHex(Mip6IkeEapMd5Value(0x2a, Mip6BytesFromString("mip6 secret"), seq)),
            "8079d9b9c821a9d46740fb41a5ed6aad",
            "EAP-MD5 value (RFC 1994 §4.1)");

        auto ca = Mip6Certificate::FromPem(Mip6TestPki::CaCertificatePem());
        auto ha = Mip6Certificate::FromPem(Mip6TestPki::HaCertificatePem());
        NS_TEST_ASSERT_MSG_EQ((ca.IsOk() && ha.IsOk()), true, "test PKI");
        Ptr<Mip6IkeCertPayload> certreq = Create<Mip6IkeCertPayload>(true);
        certreq->data = Mip6IkeCaKeyHash(ca.Value());
        NS_TEST_EXPECT_MSG_EQ(Serialised(certreq), 25u, "CERTREQ naming one CA");
        NS_TEST_EXPECT_MSG_EQ(
            (certreq->data ==
             Mip6Digest(Mip6HashAlgorithm::SHA1, ca.Value().GetSubjectPublicKeyInfoDer()).Value()),
            true,
            "SHA-1 of the CA's subjectPublicKeyInfo");
        NS_TEST_EXPECT_MSG_NE(Mip6ToHex(Mip6IkeCaKeyHash(ca.Value())),
                              Mip6ToHex(Mip6IkeCaKeyHash(ha.Value())),
                              "another key, another hash");
        Mip6Bytes crChain = Mip6IkeMessage::SerializePayloads({certreq});
        crChain.push_back(0);
        crChain[3] += 1; // 21 bytes of hashes
        NS_TEST_EXPECT_MSG_EQ(Parses(crChain, Mip6IkePayloadType::CERTREQ),
                              false,
                              "not whole hashes");
        Ptr<Mip6IkeCertPayload> cert = Create<Mip6IkeCertPayload>(false);
        cert->data = ha.Value().GetDer();
        NS_TEST_EXPECT_MSG_EQ(Serialised(cert), ha.Value().GetDer().size() + 5, "CERT = DER + 5");
        Ptr<Mip6IkeAuthPayload> auth = Create<Mip6IkeAuthPayload>();
        auth->method = Mip6IkeAuthPayload::ECDSA_SHA256_P256;
        auto key = Mip6EcdsaP256Key::FromPem(Mip6TestPki::HaKeyPem());
        NS_TEST_ASSERT_MSG_EQ(key.IsOk(), true, "HA key");
        auth->data = key.Value().SignRaw(Mip6Bytes(10, 1)).Value();
        NS_TEST_EXPECT_MSG_EQ(Serialised(auth), 72u, "AUTH method 9");
        NS_TEST_EXPECT_MSG_EQ(
            ha.Value().GetPublicKey().Value().VerifyRaw(Mip6Bytes(10, 1), auth->data),
            true,
            "verifies with the certificate's key");
    }
};

/**
 * \ingroup mip6-ipsec
 * auth=eap-md5 over three APs: the bootstrap is IKE_SA_INIT + three IKE_AUTH exchanges (first
 * IKE_AUTH → CERT + AUTH + MD5-Challenge, EAP Response → Success, AUTH → AUTH + Child SA), the
 * MN verified the HA's certificate and signature, every handover registers through the Child SA
 * with the protected BU/BA sizes of DESIGN.md §1, and the bootstrap costs more messages, round
 * trips and bytes than PSK (same WLAN run).
 */
class EapRegistrationTestCase : public TestCase
{
  public:
    /**
     * \param variant the EAP variant
     * \param psk the PSK variant to compare with
     */
    EapRegistrationTestCase(const std::string& variant, const std::string& psk)
        : TestCase(variant + ": registered; 3 IKE_AUTH exchanges; costs more than " + psk),
          m_variant(variant),
          m_psk(psk)
    {
    }

  private:
    void DoRun() override
    {
        uint64_t pskBytes = 0;
        uint32_t pskMessages = 0;
        uint32_t pskRounds = 0;
        {
            AuthRun run(m_psk, 3, Seconds(30));
            NS_TEST_ASSERT_MSG_EQ(run.registered, true, "PSK registered");
            pskMessages = run.BootstrapMessages(pskBytes);
            pskRounds = run.mn->GetBootstrapRoundTrips();
        }
        AuthRun run(m_variant, 3, Seconds(30));
        NS_TEST_ASSERT_MSG_EQ(run.bindingFollowed.size(), 2, "two handovers completed");
        for (bool ok : run.bindingFollowed)
        {
            NS_TEST_EXPECT_MSG_EQ(ok, true, "accepted BA and the HA's binding follows the MN");
        }
        NS_TEST_EXPECT_MSG_EQ(run.registered, true, "registered at the end");
        NS_TEST_EXPECT_MSG_EQ(run.haCoa, run.mnCoa, "binding holds the current CoA");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetExchangeCount(Mip6IkeHeader::IKE_SA_INIT),
                              1u,
                              "one IKE_SA_INIT");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetExchangeCount(Mip6IkeHeader::IKE_AUTH),
                              3u,
                              "IKE_AUTH: first, EAP Response, final AUTH");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetBootstrapRoundTrips(), 4u, "4 round trips");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetDrops(), 0u, "MN dropped nothing");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetDrops(), 0u, "HA dropped nothing");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetPeerAuthFailures(), 0u, "HA certificate accepted");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetRetransmissions(), 0u, "no retransmission");
        NS_TEST_EXPECT_MSG_EQ(run.haState.ikeSas, 1u, "HA: one IKE SA");
        NS_TEST_EXPECT_MSG_EQ(run.haState.saCount, 2u, "HA: BU and BA Child SAs");
        NS_TEST_EXPECT_MSG_EQ(run.mnState.ikeSas, 1u, "MN: one IKE SA");
        const auto* sa = run.mn->GetIkeSa();
        NS_TEST_ASSERT_MSG_NE(sa, nullptr, "IKE SA");
        NS_TEST_EXPECT_MSG_EQ(sa->established, true, "established");
        for (uint64_t b : run.MessageSizes("BU"))
        {
            NS_TEST_EXPECT_MSG_EQ(b, 148u, "protected home BU bytes (DESIGN.md §1)");
        }
        for (uint64_t b : run.MessageSizes("BA"))
        {
            NS_TEST_EXPECT_MSG_EQ(b, 132u, "protected BA bytes (DESIGN.md §1)");
        }
        uint64_t bytes = 0;
        const uint32_t messages = run.BootstrapMessages(bytes);
        NS_TEST_EXPECT_MSG_EQ(messages, 8u, "8 bootstrap messages");
        NS_TEST_EXPECT_MSG_EQ(pskMessages, 4u, "PSK: 4 bootstrap messages");
        NS_TEST_EXPECT_MSG_GT(run.mn->GetBootstrapRoundTrips(), pskRounds, "more round trips");
        NS_TEST_EXPECT_MSG_GT(bytes, pskBytes, "more bytes than PSK");
        // The first IKE_AUTH response carries the certificate: the largest message.
        const auto resp = run.MessageSizes("IKE_AUTH-resp");
        NS_TEST_ASSERT_MSG_GT(resp.size(), 0u, "IKE_AUTH responses");
        const uint64_t der =
            Mip6Certificate::FromPem(Mip6TestPki::HaCertificatePem()).Value().GetDer().size();
        NS_TEST_EXPECT_MSG_GT(resp[0], der, "first response holds the certificate");
        std::cout << m_variant << ": bootstrap " << messages << " messages, "
                  << run.mn->GetBootstrapRoundTrips() << " RTT, " << bytes << " B of IP; " << m_psk
                  << ": " << pskMessages << " messages, " << pskRounds << " RTT, " << pskBytes
                  << " B" << std::endl;
        for (const std::string name : {"IKE_AUTH-req", "IKE_AUTH-resp"})
        {
            std::cout << m_variant << " " << name << ":";
            for (uint64_t b : run.MessageSizes(name))
            {
                std::cout << " " << b;
            }
            std::cout << std::endl;
        }
    }

    std::string m_variant;
    std::string m_psk;
};

/**
 * \ingroup mip6-ipsec
 * auth=eap-md5 with K = 0 (RFC 4877 §4.4): every handover runs IKE_SA_INIT and the three EAP
 * IKE_AUTH exchanges from the new CoA before the BU, then deletes the old IKE SA with an
 * INFORMATIONAL whose Message ID follows the old SA's three IKE_AUTH exchanges (4); the HA ends
 * with one IKE SA.
 */
class EapK0TestCase : public TestCase
{
  public:
    EapK0TestCase()
        : TestCase("auth=eap-md5,k=0: a new EAP IKE SA per handover, the old one deleted")
    {
    }

  private:
    void DoRun() override
    {
        AuthRun run("ipsec-ikev2:auth=eap-md5,k=0", 3, Seconds(30));
        NS_TEST_ASSERT_MSG_EQ(run.bindingFollowed.size(), 2, "two handovers completed");
        for (bool ok : run.bindingFollowed)
        {
            NS_TEST_EXPECT_MSG_EQ(ok, true, "accepted BA and the HA's binding follows the MN");
        }
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetExchangeCount(Mip6IkeHeader::IKE_SA_INIT), 3u, "1 + 2");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetExchangeCount(Mip6IkeHeader::IKE_AUTH), 9u, "3 × 3");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetExchangeCount(Mip6IkeHeader::INFORMATIONAL),
                              2u,
                              "one delete per handover");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetDrops(), 0u, "MN dropped nothing (deletes answered)");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetRetransmissions(), 0u, "no retransmission");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetDrops(), 0u, "HA dropped nothing");
        NS_TEST_EXPECT_MSG_EQ(run.haState.ikeSas, 1u, "HA: the old IKE SAs are gone");
        NS_TEST_EXPECT_MSG_EQ(run.mnState.ikeSas, 1u, "MN: one IKE SA");
    }
};

/// Drops the n-th IKE_AUTH request the HA receives (by its category tag), once.
class NthIkeAuthLoss : public ErrorModel
{
  public:
    uint32_t n{2};       ///< which request
    uint32_t seen{0};    ///< IKE_AUTH requests seen
    uint32_t dropped{0}; ///< requests dropped

  private:
    bool DoCorrupt(Ptr<Packet> p) override
    {
        Mip6CategoryTag tag;
        if (p->PeekPacketTag(tag) && tag.GetMessage() == "IKE_AUTH-req" && ++seen == n)
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

/**
 * \ingroup mip6-ipsec
 * auth=eap-md5 with the EAP Response (the second IKE_AUTH request) lost once: the MN
 * retransmits it after RetransmitTimeout with the same Message ID (RFC 7296 §2.1), the HA answers
 * it, and the bootstrap completes with no other drop.
 */
class EapRetransmitTestCase : public TestCase
{
  public:
    EapRetransmitTestCase()
        : TestCase("auth=eap-md5: the lost EAP Response is retransmitted and answered")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<NthIkeAuthLoss> loss = CreateObject<NthIkeAuthLoss>();
        AuthRun::Options o;
        o.installed = [loss](AuthRun& r) {
            r.design->SetAttribute("RetransmitTimeout", TimeValue(MilliSeconds(200)));
            for (uint32_t i = 0; i < r.topo.ha->GetNDevices(); i++)
            {
                r.topo.ha->GetDevice(i)->SetAttributeFailSafe("ReceiveErrorModel",
                                                              PointerValue(loss));
            }
        };
        AuthRun run("ipsec-ikev2:auth=eap-md5", 2, Seconds(6), o);
        NS_TEST_EXPECT_MSG_EQ(loss->dropped, 1u, "the EAP Response was lost once");
        NS_TEST_EXPECT_MSG_EQ(run.registered, true, "registered");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetRetransmissions(), 1u, "one retransmission");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetExchangeCount(Mip6IkeHeader::IKE_AUTH),
                              3u,
                              "still three IKE_AUTH exchanges");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetDrops(), 0u, "MN dropped nothing");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetDrops(), 0u, "HA dropped nothing");
        NS_TEST_EXPECT_MSG_EQ(run.haState.ikeSas, 1u, "HA: one IKE SA");
    }
};

/**
 * \ingroup mip6-ipsec
 * A wrong EAP secret at the MN: the HA answers the EAP Response with EAP-Failure and
 * AUTHENTICATION_FAILED (RFC 7296 §2.16, §2.21.2); the MN reports it (ErrorNotify 24, counted,
 * Bootstrap done(false)), and neither side keeps an SA.
 */
class EapWrongSecretTestCase : public TestCase
{
  public:
    EapWrongSecretTestCase()
        : TestCase("auth=eap-md5, wrong EAP secret: EAP-Failure + AUTHENTICATION_FAILED")
    {
    }

  private:
    void DoRun() override
    {
        AuthRun::Options o;
        o.installed = [](AuthRun& r) {
            r.mn->SetAttribute("EapSecret", StringValue("not the HA's secret"));
        };
        AuthRun run("ipsec-ikev2:auth=eap-md5", 2, Seconds(6), o);
        NS_TEST_EXPECT_MSG_GT(run.mn->GetAuthFailures(), 0u, "MN counted AUTHENTICATION_FAILED");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetAuthFailures(),
                              run.mn->GetAuthFailures(),
                              "every one the HA sent was received");
        NS_TEST_ASSERT_MSG_GT(run.notifies.size(), 0u, "ErrorNotify fired");
        NS_TEST_EXPECT_MSG_EQ(run.notifies[0],
                              Mip6IkeNotifyPayload::AUTHENTICATION_FAILED,
                              "notify 24");
        NS_TEST_EXPECT_MSG_EQ(run.haDrops.count("eap-failure"), 1u, "HA traced eap-failure");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetPeerAuthFailures(), 0u, "the HA itself was fine");
        NS_TEST_EXPECT_MSG_EQ(run.registered, false, "no registration");
        NS_TEST_EXPECT_MSG_EQ(run.haState.ikeSas, 0u, "no IKE SA at the HA");
        NS_TEST_EXPECT_MSG_EQ(run.haState.saCount, 0u, "no Child SA at the HA");
        NS_TEST_EXPECT_MSG_EQ(run.mnState.saCount, 0u, "no Child SA at the MN");
    }
};

/**
 * \ingroup mip6-ipsec
 * The MN's own check of the HA (auth=eap-md5): a certificate from another CA (Mip6TestPki's
 * rogue CA) fails the chain check, and a certificate of the test CA with an AUTH signed by
 * another key fails the signature check; both are counted and traced by the MN, which never
 * answers the EAP challenge, so no SA exists.
 */
class EapBadHaTestCase : public TestCase
{
  public:
    /**
     * \param rogueCa rogue-CA certificate (else: right certificate, wrong signing key)
     */
    explicit EapBadHaTestCase(bool rogueCa)
        : TestCase(rogueCa ? "auth=eap-md5: HA certificate from another CA refused by the MN"
                           : "auth=eap-md5: HA signature with the wrong key refused by the MN"),
          m_rogueCa(rogueCa)
    {
    }

  private:
    void DoRun() override
    {
        AuthRun::Options o;
        const bool rogue = m_rogueCa;
        o.installed = [rogue](AuthRun& r) {
            if (rogue)
            {
                r.ha->SetAttribute("CertificatePem",
                                   StringValue(Mip6TestPki::RogueHaCertificatePem()));
                r.ha->SetAttribute("KeyPem", StringValue(Mip6TestPki::RogueHaKeyPem()));
            }
            else
            {
                r.ha->SetAttribute("KeyPem", StringValue(Mip6TestPki::HacKeyPem()));
            }
        };
        AuthRun run("ipsec-ikev2:auth=eap-md5", 2, Seconds(6), o);
        NS_TEST_EXPECT_MSG_GT(run.mn->GetPeerAuthFailures(), 0u, "MN refused the HA");
        const std::string reason = m_rogueCa ? "bad-certificate" : "bad-signature";
        NS_TEST_EXPECT_MSG_EQ(run.mnDrops.count(reason), 1u, "traced " << reason);
        NS_TEST_EXPECT_MSG_EQ(run.mnDrops.size(), 1u, "and nothing else");
        // The MN stops at the first IKE_AUTH response of every attempt.
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetExchangeCount(Mip6IkeHeader::IKE_AUTH),
                              run.mn->GetExchangeCount(Mip6IkeHeader::IKE_SA_INIT),
                              "one IKE_AUTH per attempt");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetAuthFailures(), 0u, "the HA saw no EAP Response");
        NS_TEST_EXPECT_MSG_EQ(run.registered, false, "no registration");
        NS_TEST_EXPECT_MSG_EQ(run.haState.ikeSas, 0u, "no established IKE SA at the HA");
        NS_TEST_EXPECT_MSG_EQ(run.haState.saCount, 0u, "no Child SA at the HA");
    }

    bool m_rogueCa;
};

/**
 * \ingroup mip6-ipsec
 * The PAD check (RFC 4877 §5, RFC 4301 §4.4.3): the HA's PAD maps the MN's identity to another
 * HoA, so the TSi naming the MN's HoA is refused with TS_UNACCEPTABLE (RFC 7296 §2.9,
 * §3.10.1) after authentication (§2.21.2), counted and traced; the MN reports it and no SA
 * exists.
 */
class PadTsTestCase : public TestCase
{
  public:
    /// \param variant the design variant
    explicit PadTsTestCase(const std::string& variant)
        : TestCase(variant + ": TSi with a HoA the PAD does not give the identity: "
                             "TS_UNACCEPTABLE"),
          m_variant(variant)
    {
    }

  private:
    void DoRun() override
    {
        AuthRun::Options o;
        o.installed = [](AuthRun& r) {
            // Configured before the MN's Setup, so its own provisioning does not replace it.
            r.mn->SetAttribute("Identity", StringValue("alice@mip6.example"));
            r.design->AddPadEntry("alice@mip6.example", Ipv6Address("fd00:db8:99::1"));
        };
        AuthRun run(m_variant, 2, Seconds(6), o);
        NS_TEST_EXPECT_MSG_GT(run.ha->GetPadRefusals(), 0u, "HA refused (PAD)");
        NS_TEST_EXPECT_MSG_EQ(run.haDrops.count("pad-refused"), 1u, "traced");
        NS_TEST_ASSERT_MSG_GT(run.notifies.size(), 0u, "MN got the error notify");
        NS_TEST_EXPECT_MSG_EQ(run.notifies[0], 38, "TS_UNACCEPTABLE");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetAuthFailures(), 0u, "authentication itself succeeded");
        NS_TEST_EXPECT_MSG_EQ(run.registered, false, "no registration");
        NS_TEST_EXPECT_MSG_EQ(run.haState.ikeSas, 0u, "no IKE SA at the HA");
        NS_TEST_EXPECT_MSG_EQ(run.haState.saCount, 0u, "no Child SA at the HA");
    }

    std::string m_variant;
};

/**
 * \ingroup mip6-ipsec
 * The PAD check on BUs (RFC 4877 §5): a BU verified by the MN's Child SA but naming another HoA
 * is rejected ("pad-mismatch", counted, traced); the same BU naming the MN's HoA is accepted.
 */
class PadBuTestCase : public TestCase
{
  public:
    /// \param variant the design variant
    explicit PadBuTestCase(const std::string& variant)
        : TestCase(variant + ": a BU in the MN's Child SA for another HoA is rejected"),
          m_variant(variant)
    {
    }

  private:
    void DoRun() override
    {
        AuthRun run(m_variant, 2, Seconds(6));
        NS_TEST_ASSERT_MSG_EQ(run.registered, true, "registered");
        const Mip6IpsecSaSet* set =
            Mip6IpsecSad::Install(run.topo.ha)->Find(run.topo.mnHomeAddress);
        NS_TEST_ASSERT_MSG_NE(set, nullptr, "the MN's SA set at the HA");
        Ptr<Packet> bu = Create<Packet>(12);
        Mip6EspRxTag tag;
        tag.spi = set->transportIn->GetSpi();
        tag.sequence = 1000;
        bu->AddPacketTag(tag);
        Mip6RxContext ctx;
        ctx.src = run.mnCoa;
        ctx.mhType = Mip6Header::BU;
        ctx.hao = Ipv6Address("fd00:db8:99::1");
        std::vector<std::string> traced;
        run.ha->TraceConnectWithoutContext(
            "Drop",
            MakeBoundCallback(
                +[](std::vector<std::string>* v, const std::string& x) { v->push_back(x); },
                &traced));
        const uint32_t before = run.ha->GetPadRefusals();
        const Mip6Verdict bad = run.ha->ReceiveSignaling(bu, ctx);
        NS_TEST_EXPECT_MSG_EQ(bad.accepted, false, "another HoA: rejected");
        NS_TEST_EXPECT_MSG_EQ(bad.reason, "pad-mismatch", "reason");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetPadRefusals(), before + 1, "counted");
        NS_TEST_EXPECT_MSG_EQ((traced.size() == 1 && traced[0] == "pad-mismatch"), true, "traced");
        ctx.hao = run.topo.mnHomeAddress;
        const Mip6Verdict good = run.ha->ReceiveSignaling(bu, ctx);
        NS_TEST_EXPECT_MSG_EQ(good.accepted, true, "its own HoA: accepted");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetPadRefusals(), before + 1, "not counted");
    }

    std::string m_variant;
};

/**
 * \ingroup mip6-ipsec
 * cp=1 (RFC 4877 §9): the MN starts without a HoA (::); IKE_AUTH carries CP(CFG_REQUEST) with an
 * empty INTERNAL_IP6_ADDRESS and a TSi for any address; the HA assigns the HoA its PAD holds for
 * the MN's identity (the operator's provisioning, not what the MN asked) in CFG_REPLY and narrows
 * TSi to it; the MN moves to it (HomeAddressAssigned :: → HoA) before its first BU, registers,
 * and the probe flow runs both ways through the assigned HoA. With AES-GCM (no SK padding) the
 * request grows by exactly the CP payload (12 B) and the response by the CFG_REPLY (29 B)
 * against the same run without CP (where the MN has its configured HoA and nothing is
 * assigned).
 */
class CpTestCase : public TestCase
{
  public:
    /// \param variant without cp
    explicit CpTestCase(const std::string& variant)
        : TestCase(variant + " with cp=1: HoA from CFG_REPLY; +12 B request, +29 B response"),
          m_variant(variant)
    {
    }

  private:
    void DoRun() override
    {
        uint64_t req = 0;
        uint64_t resp = 0;
        {
            AuthRun run(m_variant, 2, Seconds(6));
            NS_TEST_ASSERT_MSG_EQ(run.registered, true, "registered without CP");
            NS_TEST_EXPECT_MSG_EQ(run.startHoa, run.topo.mnHomeAddress, "configured HoA");
            NS_TEST_EXPECT_MSG_EQ(run.assignments.size(), 0u, "nothing assigned without CP");
            req = run.MessageSizes("IKE_AUTH-req").at(0);
            resp = run.MessageSizes("IKE_AUTH-resp").back();
        }
        AuthRun run(m_variant + ",cp=1", 2, Seconds(6));
        NS_TEST_EXPECT_MSG_EQ(run.startHoa, Ipv6Address::GetAny(), "the MN started without a HoA");
        NS_TEST_EXPECT_MSG_EQ(run.registered, true, "registered with the CP-assigned HoA");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetCpMismatches(), 0u, "the reply was accepted");
        NS_TEST_ASSERT_MSG_EQ(run.assignments.size(), 1u, "HomeAddressAssigned once");
        NS_TEST_EXPECT_MSG_EQ(run.assignments[0].first, Ipv6Address::GetAny(), "from ::");
        NS_TEST_EXPECT_MSG_EQ(run.assignments[0].second,
                              run.topo.mnHomeAddress,
                              "to the HoA of the HA's PAD");
        NS_TEST_EXPECT_MSG_EQ(run.mnHoa, run.topo.mnHomeAddress, "the MN's HoA");
        NS_TEST_EXPECT_MSG_EQ((run.mn->GetAssignedHomeAddress() &&
                               *run.mn->GetAssignedHomeAddress() == run.topo.mnHomeAddress),
                              true,
                              "GetAssignedHomeAddress");
        NS_TEST_EXPECT_MSG_NE(run.inst.homeAgent->GetBinding(run.topo.mnHomeAddress),
                              nullptr,
                              "binding for the assigned HoA");
        NS_TEST_EXPECT_MSG_GT(run.mnReceived, 0u, "CN → assigned HoA probes arrived");
        NS_TEST_EXPECT_MSG_GT(run.cnReceived, 0u, "MN → CN probes arrived");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetDrops(), 0u, "HA dropped nothing");
        NS_TEST_EXPECT_MSG_EQ(run.MessageSizes("IKE_AUTH-req").at(0),
                              req + 12,
                              "+ CP(CFG_REQUEST INTERNAL_IP6_ADDRESS)");
        NS_TEST_EXPECT_MSG_EQ(run.MessageSizes("IKE_AUTH-resp").back(),
                              resp + 29,
                              "+ CP(CFG_REPLY HoA/64)");
        uint64_t bytes = 0;
        const uint32_t n = run.BootstrapMessages(bytes);
        std::cout << m_variant << ",cp=1: bootstrap " << n << " messages, "
                  << run.mn->GetBootstrapRoundTrips() << " RTT, " << bytes
                  << " B of IP; first IKE_AUTH request " << req + 12 << " B" << std::endl;
    }

    std::string m_variant;
};

/**
 * \ingroup mip6-ipsec
 * cp=1 with a CFG_REPLY the MN's policy refuses: the HA's PAD holds an address outside the home
 * prefix for the identity ("cp-not-home-prefix"), or the MN was configured with a HoA and the HA
 * assigns another ("cp-hoa-mismatch"). The bootstrap fails, counted and traced; no Child SA, no
 * registration, no HoA assigned.
 */
class CpRefusedTestCase : public TestCase
{
  public:
    /// \param configured the MN has a configured HoA (else it starts with ::)
    explicit CpRefusedTestCase(bool configured)
        : TestCase(configured ? "cp=1, configured HoA, the HA assigns another: refused"
                              : "cp=1, the HA assigns an address outside the home prefix: refused"),
          m_configured(configured)
    {
    }

  private:
    void DoRun() override
    {
        AuthRun::Options o;
        const bool configured = m_configured;
        o.installed = [configured](AuthRun& r) {
            if (configured)
            {
                // Another address of the home prefix; the PAD (helper) holds topo.mnHomeAddress.
                uint8_t b[16];
                r.topo.mnHomeAddress.GetBytes(b);
                b[15] ^= 0x55;
                r.inst.mobileNode->SetAttribute("HomeAddress", Ipv6AddressValue(Ipv6Address(b)));
                return;
            }
            r.mn->SetAttribute("Identity", StringValue("bob@mip6.example"));
            r.design->AddPadEntry("bob@mip6.example", Ipv6Address("fd00:db8:99::7"));
        };
        AuthRun run("ipsec-ikev2:cp=1", 2, Seconds(6), o);
        const std::string reason = m_configured ? "cp-hoa-mismatch" : "cp-not-home-prefix";
        NS_TEST_EXPECT_MSG_GT(run.mn->GetCpMismatches(), 0u, "counted");
        NS_TEST_EXPECT_MSG_EQ(run.mnDrops.count(reason), 1u, "traced " << reason);
        NS_TEST_EXPECT_MSG_EQ(run.mnDrops.size(), 1u, "and nothing else");
        NS_TEST_EXPECT_MSG_EQ(run.inst.mobileNode->GetDropCount("bootstrap-failed"),
                              run.mn->GetCpMismatches(),
                              "every attempt failed the bootstrap");
        NS_TEST_EXPECT_MSG_EQ(run.registered, false, "no registration");
        NS_TEST_EXPECT_MSG_EQ(run.mnState.saCount, 0u, "no Child SA at the MN");
        NS_TEST_EXPECT_MSG_EQ(run.assignments.size(), 0u, "no HoA assigned");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetAssignedHomeAddress().has_value(), false, "none");
        NS_TEST_EXPECT_MSG_EQ(run.mnHoa, run.startHoa, "the MN's HoA unchanged");
    }

    bool m_configured;
};

/// Drops the first IKE_AUTH request at the HA and calls onDrop (then lets everything through).
class FirstIkeAuthLoss : public ErrorModel
{
  public:
    std::function<void()> onDrop; ///< called at the drop
    uint32_t dropped{0};          ///< requests dropped

  private:
    bool DoCorrupt(Ptr<Packet> p) override
    {
        Mip6CategoryTag tag;
        if (dropped == 0 && p->PeekPacketTag(tag) && tag.GetMessage() == "IKE_AUTH-req")
        {
            dropped++;
            Simulator::Schedule(MilliSeconds(1), onDrop);
            return true;
        }
        return false;
    }

    void DoReset() override
    {
    }
};

/**
 * \ingroup mip6-ipsec
 * cp=1, the MN starting with ::, and IKE_AUTH responses whose AUTH verifies but whose CP does
 * not assign a usable address: no CP at all, a CFG_REPLY with an empty INTERNAL_IP6_ADDRESS, one
 * whose value is 16 bytes (no prefix length, RFC 7296 §3.15.1 wants 17), and a CFG_SET. The test
 * plays the HA for the first IKE_AUTH (the real request is lost), sealing the response with the
 * MN's IKE SA keys. The MN refuses it ("no-cp-reply", counted), the bootstrap fails; the next
 * attempt gets the real HA's CFG_REPLY and registers with the assigned HoA.
 */
class CpMalformedReplyTestCase : public TestCase
{
  public:
    /// What the forged response carries.
    enum Kind
    {
        NO_CP,     ///< no CP payload
        EMPTY,     ///< CFG_REPLY, INTERNAL_IP6_ADDRESS of length 0
        SHORT,     ///< CFG_REPLY, INTERNAL_IP6_ADDRESS of 16 bytes
        WRONG_TYPE ///< CFG_SET with a good address
    };

    /// \param kind what to forge
    explicit CpMalformedReplyTestCase(Kind kind)
        : TestCase(std::string("cp=1, forged IKE_AUTH response with ") +
                   (kind == NO_CP   ? "no CP"
                    : kind == EMPTY ? "an empty CFG_REPLY"
                    : kind == SHORT ? "a 16-byte INTERNAL_IP6_ADDRESS"
                                    : "CFG_SET") +
                   ": refused, then the real reply assigns"),
          m_kind(kind)
    {
    }

  private:
    void DoRun() override
    {
        Ptr<FirstIkeAuthLoss> loss = CreateObject<FirstIkeAuthLoss>();
        bool injected = false;
        const Kind kind = m_kind;
        AuthRun::Options o;
        o.installed = [loss, &injected, kind](AuthRun& r) {
            for (uint32_t i = 0; i < r.topo.ha->GetNDevices(); i++)
            {
                r.topo.ha->GetDevice(i)->SetAttributeFailSafe("ReceiveErrorModel",
                                                              PointerValue(loss));
            }
            Ptr<Mip6Ikev2MnSide> mn = r.mn;
            Ptr<Mip6Ikev2Design> design = r.design;
            const Ipv6Address hoa = r.topo.mnHomeAddress;
            const Ipv6Address haAddr = r.topo.haHomeAddress;
            loss->onDrop = [mn, design, hoa, haAddr, kind, &injected]() {
                const Mip6Ikev2Sa* sa = mn->GetIkeSa();
                if (!sa || !sa->skR)
                {
                    return;
                }
                // RFC 7296 §1.2: <-- HDR, SK {IDr, AUTH, SAr2, TSi, TSr, [CP]}, AUTH valid.
                Mip6IkeIdPayload idr(true);
                idr.idType = Mip6IkeIdPayload::ID_FQDN;
                idr.data = Mip6BytesFromString("ha.mip6.example");
                Ptr<Mip6IkeAuthPayload> auth = Create<Mip6IkeAuthPayload>();
                auth->method = Mip6IkeAuthPayload::SHARED_KEY_MIC;
                auth->data =
                    design->ComputeAuth(design->GetPsk(), sa->msg2, sa->ni, sa->keys.skPr, idr);
                auto ts = [](Ipv6Address a, bool responder) {
                    Ptr<Mip6IkeTsPayload> t = Create<Mip6IkeTsPayload>(responder);
                    Mip6IkeTrafficSelector sel = Mip6IkeTrafficSelector::Ipv6Range(a, a);
                    sel.protocol = 135;
                    t->selectors.push_back(sel);
                    return t;
                };
                Ptr<Mip6IkeNotifyPayload> transport = Create<Mip6IkeNotifyPayload>();
                transport->notifyType = Mip6IkeNotifyPayload::USE_TRANSPORT_MODE;
                std::vector<Ptr<Mip6IkePayload>> inner{Create<Mip6IkeIdPayload>(idr),
                                                       auth,
                                                       design->MakeEspProposal(0x4000),
                                                       ts(hoa, false),
                                                       ts(haAddr, true),
                                                       transport};
                if (kind != NO_CP)
                {
                    Ptr<Mip6IkeCpPayload> cp = Create<Mip6IkeCpPayload>();
                    cp->cfgType = kind == WRONG_TYPE ? Mip6IkeCpPayload::CFG_SET
                                                     : Mip6IkeCpPayload::CFG_REPLY;
                    Mip6Bytes v(16);
                    hoa.GetBytes(v.data());
                    if (kind != SHORT)
                    {
                        v.push_back(64);
                    }
                    if (kind == EMPTY)
                    {
                        v.clear();
                    }
                    cp->attributes.push_back({Mip6IkeConfigAttribute::INTERNAL_IP6_ADDRESS, v});
                    inner.push_back(cp);
                }
                Mip6IkeMessage outer;
                outer.header.spiI = sa->spiI;
                outer.header.spiR = sa->spiR;
                outer.header.exchange = Mip6IkeHeader::IKE_AUTH;
                outer.header.flags = Mip6IkeHeader::FLAG_RESPONSE;
                outer.header.messageId = 1;
                auto wire = sa->skR->Seal(outer, inner);
                if (wire)
                {
                    injected = true;
                    mn->ReceiveIke(wire.Value());
                }
            };
        };
        AuthRun run("ipsec-ikev2:sk=gcm,cp=1", 2, Seconds(8), o);
        NS_TEST_EXPECT_MSG_EQ(loss->dropped, 1u, "the first IKE_AUTH request was lost");
        NS_TEST_ASSERT_MSG_EQ(injected, true, "the forged response was fed to the MN");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetCpMismatches(), 1u, "refused once, counted");
        NS_TEST_EXPECT_MSG_EQ(run.mnDrops.count("no-cp-reply"), 1u, "traced no-cp-reply");
        NS_TEST_EXPECT_MSG_EQ(run.inst.mobileNode->GetDropCount("bootstrap-failed"),
                              1u,
                              "that bootstrap failed");
        NS_TEST_EXPECT_MSG_EQ(run.registered, true, "the next bootstrap registered");
        NS_TEST_ASSERT_MSG_EQ(run.assignments.size(), 1u, "one assignment (the real one)");
        NS_TEST_EXPECT_MSG_EQ(run.assignments[0].second, run.topo.mnHomeAddress, "the PAD's HoA");
    }

    Kind m_kind;
};

/**
 * \ingroup mip6-ipsec
 * USE_TRANSPORT_MODE (RFC 7296 §1.3.1): the message that carries SAi2 and the one that carries
 * SAr2 have N(USE_TRANSPORT_MODE), 8 bytes each (with AES-GCM, no SK padding): against an MN
 * (attribute TransportModeNotify = false) whose request lacks it, the request is 8 B larger, and
 * against an HA that omits it the response is 8 B larger. The MN without it is refused by the
 * HA with NO_PROPOSAL_CHOSEN (§3.10.1, counted, traced "transport-mode-required"); the HA
 * without it is refused by the MN ("no-transport-mode", counted): neither registers nor keeps a
 * Child SA.
 */
class TransportModeTestCase : public TestCase
{
  public:
    /// \param variant the variant (sk=gcm)
    explicit TransportModeTestCase(const std::string& variant)
        : TestCase(variant + ": USE_TRANSPORT_MODE +8 B each way; without it, refused"),
          m_variant(variant)
    {
    }

  private:
    void DoRun() override
    {
        uint64_t req = 0;
        uint64_t resp = 0;
        {
            AuthRun run(m_variant, 2, Seconds(6));
            NS_TEST_ASSERT_MSG_EQ(run.registered, true, "registered with the notify");
            NS_TEST_EXPECT_MSG_EQ(run.mn->GetTransportModeRefusals(), 0u, "MN: none refused");
            NS_TEST_EXPECT_MSG_EQ(run.ha->GetTransportModeRefusals(), 0u, "HA: none refused");
            req = run.MessageSizes("IKE_AUTH-req").at(0);
            resp = run.MessageSizes("IKE_AUTH-resp").back();
            std::cout << m_variant << ": IKE_AUTH with SAi2 " << req << " B, with SAr2 " << resp
                      << " B of IP" << std::endl;
        }
        {
            AuthRun::Options o;
            o.installed = [](AuthRun& r) {
                r.mn->SetAttribute("TransportModeNotify", BooleanValue(false));
            };
            AuthRun run(m_variant, 2, Seconds(6), o);
            NS_TEST_EXPECT_MSG_EQ(run.MessageSizes("IKE_AUTH-req").at(0) + 8,
                                  req,
                                  "request: + N(USE_TRANSPORT_MODE)");
            NS_TEST_EXPECT_MSG_GT(run.ha->GetTransportModeRefusals(), 0u, "HA refused, counted");
            NS_TEST_EXPECT_MSG_EQ(run.haDrops.count("transport-mode-required"), 1u, "traced");
            NS_TEST_ASSERT_MSG_GT(run.notifies.size(), 0u, "the MN got the error notify");
            NS_TEST_EXPECT_MSG_EQ(run.notifies[0],
                                  Mip6IkeNotifyPayload::NO_PROPOSAL_CHOSEN,
                                  "NO_PROPOSAL_CHOSEN");
            NS_TEST_EXPECT_MSG_EQ(run.registered, false, "no registration");
            NS_TEST_EXPECT_MSG_EQ(run.haState.ikeSas, 0u, "no IKE SA at the HA");
            NS_TEST_EXPECT_MSG_EQ(run.haState.saCount, 0u, "no Child SA at the HA");
        }
        AuthRun::Options o;
        o.installed = [](AuthRun& r) {
            r.ha->SetAttribute("TransportModeNotify", BooleanValue(false));
        };
        AuthRun run(m_variant, 2, Seconds(6), o);
        NS_TEST_EXPECT_MSG_EQ(run.MessageSizes("IKE_AUTH-resp").back() + 8,
                              resp,
                              "response: + N(USE_TRANSPORT_MODE)");
        NS_TEST_EXPECT_MSG_GT(run.mn->GetTransportModeRefusals(), 0u, "MN refused, counted");
        NS_TEST_EXPECT_MSG_EQ(run.mnDrops.count("no-transport-mode"), 1u, "traced");
        NS_TEST_EXPECT_MSG_EQ(run.registered, false, "no registration");
        NS_TEST_EXPECT_MSG_EQ(run.mnState.saCount, 0u, "no Child SA at the MN");
    }

    std::string m_variant;
};

/**
 * \ingroup mip6-ipsec
 * tshark decrypts every IKE_AUTH message of auth=eap-md5 with the exported table and shows the
 * CERTREQ (38), CERT (37), AUTH (39) and EAP (48) payloads, the EAP codes Request, Response and
 * Success with type MD5-Challenge, and AUTH methods 9 and 2.
 */
class EapTsharkTestCase : public TestCase
{
  public:
    EapTsharkTestCase()
        : TestCase("auth=eap-md5,cp=1: tshark decrypts IKE_AUTH; CERT, CERTREQ, EAP, CP shown")
    {
    }

  private:
    void DoRun() override
    {
        char tmpl[] = "/tmp/mip6-ikev2-auth-tshark-XXXXXX";
        NS_TEST_ASSERT_MSG_NE(mkdtemp(tmpl), nullptr, "temporary directory");
        const std::string dir = tmpl;
        std::filesystem::create_directories(dir + "/pcap");
        {
            AuthRun::Options o;
            o.keyDir = dir + "/keys";
            o.pcapPrefix = dir + "/pcap/ike";
            AuthRun run("ipsec-ikev2:auth=eap-md5,cp=1", 2, Seconds(6), o);
            NS_TEST_ASSERT_MSG_EQ(run.registered, true, "registered");
        }
        int status = 0;
        RunCommand("tshark -v > /dev/null 2>&1", status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark is installed");
        std::set<std::string> payloads;
        std::set<std::string> eapCodes;
        std::set<std::string> authMethods;
        uint32_t msgs = 0;
        uint32_t decrypted = 0;
        bool md5 = false;
        for (const auto& entry : std::filesystem::directory_iterator(dir + "/pcap"))
        {
            const std::string cmd = "WIRESHARK_CONFIG_DIR=" + dir + "/keys tshark -n -r " +
                                    entry.path().string() +
                                    " -Y 'isakmp.exchangetype == 35' -T fields -E 'separator=;'"
                                    " -e isakmp.typepayload -e eap.code -e eap.type"
                                    " -e isakmp.auth.method 2>/dev/null";
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
                std::vector<std::string> f;
                std::istringstream fields(line);
                std::string x;
                while (std::getline(fields, x, ';'))
                {
                    f.push_back(x);
                }
                f.resize(4);
                msgs++;
                std::istringstream types(f[0]);
                uint32_t inner = 0;
                while (std::getline(types, x, ','))
                {
                    payloads.insert(x);
                    inner += x != "46" ? 1 : 0;
                }
                decrypted += inner > 0 ? 1 : 0;
                if (!f[1].empty())
                {
                    eapCodes.insert(f[1]);
                }
                md5 |= f[2] == "4";
                std::istringstream meths(f[3]);
                while (std::getline(meths, x, ','))
                {
                    authMethods.insert(x);
                }
            }
        }
        NS_TEST_EXPECT_MSG_GT_OR_EQ(msgs, 6u, "the six IKE_AUTH messages (at least)");
        NS_TEST_EXPECT_MSG_EQ(decrypted, msgs, "every IKE_AUTH decrypted");
        for (const std::string t : {"35", "36", "37", "38", "39", "47", "48"})
        {
            NS_TEST_EXPECT_MSG_EQ(payloads.count(t), 1u, "payload type " << t << " shown");
        }
        for (const std::string c : {"1", "2", "3"})
        {
            NS_TEST_EXPECT_MSG_EQ(eapCodes.count(c), 1u, "EAP code " << c);
        }
        NS_TEST_EXPECT_MSG_EQ(md5, true, "EAP type 4 (MD5-Challenge)");
        NS_TEST_EXPECT_MSG_EQ(authMethods.count("9"), 1u, "AUTH method 9 (ECDSA P-256)");
        NS_TEST_EXPECT_MSG_EQ(authMethods.count("2"), 1u, "AUTH method 2 (SK_pi/SK_pr)");
        if (!getenv("MIP6_KEEP_TMP"))
        {
            std::filesystem::remove_all(dir);
        }
    }
};

/**
 * \ingroup mip6-ipsec
 * Same seed and run: every IKE datagram of the variant (times and bytes: the ECDSA signature,
 * the EAP challenge, the CP reply) is byte-identical across two runs.
 */
class AuthReproducibleTestCase : public TestCase
{
  public:
    /// \param variant the variant
    explicit AuthReproducibleTestCase(const std::string& variant)
        : TestCase(variant + ": byte-identical IKE datagrams on a rerun"),
          m_variant(variant)
    {
    }

  private:
    void DoRun() override
    {
        char tmpl[] = "/tmp/mip6-ikev2-auth-rerun-XXXXXX";
        NS_TEST_ASSERT_MSG_NE(mkdtemp(tmpl), nullptr, "temporary directory");
        const std::string dir = tmpl;
        for (const std::string sub : {"/a", "/b"})
        {
            std::filesystem::create_directories(dir + sub);
            AuthRun::Options o;
            o.pcapPrefix = dir + sub + "/ike";
            AuthRun run(m_variant, 2, Seconds(6), o);
            NS_TEST_ASSERT_MSG_EQ(run.registered, true, "registered");
        }
        // The IKE datagrams (time and UDP payload) of every pcap; MAC addresses may differ
        // between two runs in one process (ns-3 allocates them from a global counter).
        auto ike = [](const std::filesystem::path& p, int& status) {
            return RunCommand("tshark -n -r " + p.string() +
                                  " -Y 'udp.port == 500' -T fields -e frame.time_relative"
                                  " -e udp.payload 2>/dev/null",
                              status);
        };
        uint32_t files = 0;
        size_t datagrams = 0;
        for (const auto& entry : std::filesystem::directory_iterator(dir + "/a"))
        {
            const auto other = std::filesystem::path(dir + "/b") / entry.path().filename();
            NS_TEST_ASSERT_MSG_EQ(std::filesystem::exists(other), true, "same pcaps");
            int s1 = 0;
            int s2 = 0;
            const std::string x = ike(entry.path(), s1);
            const std::string y = ike(other, s2);
            NS_TEST_ASSERT_MSG_EQ((s1 == 0 && s2 == 0), true, "tshark ran");
            NS_TEST_EXPECT_MSG_EQ((x == y), true, entry.path().filename() << " identical IKE");
            datagrams += std::count(x.begin(), x.end(), '\n');
            files++;
        }
        NS_TEST_EXPECT_MSG_GT(datagrams, 8u, "IKE datagrams compared");
        NS_TEST_EXPECT_MSG_GT(files, 0u, "pcaps written");
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
 * The IKE_AUTH variants of `ipsec-ikev2`.
 */
class Mip6IpsecIkev2AuthTestSuite : public TestSuite
{
  public:
    Mip6IpsecIkev2AuthTestSuite()
        : TestSuite("mip6-ipsec-ikev2-auth", SYSTEM)
    {
        AddTestCase(new AuthPayloadTestCase, TestCase::QUICK);
        AddTestCase(new EapRegistrationTestCase("ipsec-ikev2:auth=eap-md5", "ipsec-ikev2"),
                    TestCase::QUICK);
        AddTestCase(new EapK0TestCase, TestCase::QUICK);
        AddTestCase(new EapRetransmitTestCase, TestCase::QUICK);
        AddTestCase(new EapWrongSecretTestCase, TestCase::QUICK);
        AddTestCase(new EapBadHaTestCase(true), TestCase::QUICK);
        AddTestCase(new EapBadHaTestCase(false), TestCase::QUICK);
        AddTestCase(new PadTsTestCase("ipsec-ikev2"), TestCase::QUICK);
        AddTestCase(new PadTsTestCase("ipsec-ikev2:auth=eap-md5"), TestCase::QUICK);
        AddTestCase(new PadBuTestCase("ipsec-ikev2"), TestCase::QUICK);
        AddTestCase(new PadBuTestCase("ipsec-ikev2:auth=eap-md5"), TestCase::QUICK);
        AddTestCase(new CpTestCase("ipsec-ikev2:sk=gcm"), TestCase::QUICK);
        AddTestCase(new CpTestCase("ipsec-ikev2:sk=gcm,auth=eap-md5"), TestCase::QUICK);
        AddTestCase(new CpRefusedTestCase(false), TestCase::QUICK);
        AddTestCase(new CpRefusedTestCase(true), TestCase::QUICK);
        AddTestCase(new CpMalformedReplyTestCase(CpMalformedReplyTestCase::NO_CP), TestCase::QUICK);
        AddTestCase(new CpMalformedReplyTestCase(CpMalformedReplyTestCase::EMPTY), TestCase::QUICK);
        AddTestCase(new CpMalformedReplyTestCase(CpMalformedReplyTestCase::SHORT), TestCase::QUICK);
        AddTestCase(new CpMalformedReplyTestCase(CpMalformedReplyTestCase::WRONG_TYPE),
                    TestCase::QUICK);
        AddTestCase(new TransportModeTestCase("ipsec-ikev2:sk=gcm"), TestCase::QUICK);
        AddTestCase(new TransportModeTestCase("ipsec-ikev2:sk=gcm,auth=eap-md5"), TestCase::QUICK);
        AddTestCase(new EapTsharkTestCase, TestCase::QUICK);
        AddTestCase(new AuthReproducibleTestCase("ipsec-ikev2:auth=eap-md5,cp=1"), TestCase::QUICK);
    }
};

static Mip6IpsecIkev2AuthTestSuite g_mip6IpsecIkev2AuthTestSuite; //!< the suite

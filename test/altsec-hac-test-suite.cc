/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The HA Controller alone, driven by a scripted TLS client between two ns-3 nodes: a correct PSK
 * exchange yields status 200 and one SA delivered to the HA; a forged `auth`, an unknown mn-id, a
 * missing mandatory header and an unknown container version are each answered with their status
 * (401, 401, 400, 501), counted, and no SA is handed out. The `auth` of RFC 6618 §5.5 fails under
 * another channel binding (another certificate).
 */

#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/internet-module.h"
#include "ns3/mip6-category-tag.h"
#include "ns3/mip6-certificate.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-ha-controller.h"
#include "ns3/mip6-hac-ha.h"
#include "ns3/mip6-test-pki.h"
#include "ns3/test.h"

#include <openssl/ssl.h>

using namespace ns3;

namespace
{

const char* kNai = "mn1@mip6.example";
const std::string kPsk = "the-right-psk";

Mip6Bytes
HacBinding()
{
    return Mip6Certificate::FromPem(Mip6TestPki::HacCertificatePem())
        .Value()
        .GetTlsServerEndpoint()
        .Value();
}

/// What the scripted client does wrong.
enum class Fault
{
    NONE,
    FORGED_DONE_AUTH,
    UNKNOWN_NAI,
    MISSING_MN_ID,
    BAD_VERSION,
    EAP_BAD_LENGTH, ///< auth-method eap-md5, then an EAP Response whose Length lies
    EAP_WRONG_CODE, ///< auth-method eap-md5, then an EAP Success from the peer
};

/// A HAC on node 1 and a scripted MHAuth client on node 0.
class HacRun
{
  public:
    explicit HacRun(Fault fault)
        : m_fault(fault)
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        Mip6CryptoRandom::Reset();
        nodes.Create(2);
        CsmaHelper csma;
        NetDeviceContainer devs = csma.Install(nodes);
        InternetStackHelper stack;
        stack.SetIpv4StackInstall(false);
        stack.Install(nodes);
        Ipv6AddressHelper addr;
        addr.SetBase(Ipv6Address("fd00:7::"), Ipv6Prefix(64));
        Ipv6InterfaceContainer ifs = addr.Assign(devs);
        csma.AssignStreams(devs, 0);
        stack.AssignStreams(nodes, 10);
        const Ipv6Address server = ifs.GetAddress(1, 1);

        hac = CreateObject<Mip6HaController>();
        Mip6HacSubscriber sub;
        sub.psk = Mip6BytesFromString(kPsk);
        sub.hoa = Ipv6Address("fd00:1::100");
        sub.mnId = 0;
        hac->AddSubscriber(kNai, sub);
        hac->SetHomeAgentAddress(server);
        hac->SetSaDelivery(MakeCallback(&HacRun::Delivered, this));
        nodes.Get(1)->AddApplication(hac);

        ctx =
            Mip6TlsStream::NewClientContext(Mip6TestPki::HAC_NAME, "ECDHE-ECDSA-AES128-GCM-SHA256")
                .Value();
        Simulator::Schedule(Seconds(2), [this, server]() {
            Ptr<Socket> s = Socket::CreateSocket(nodes.Get(0), TcpSocketFactory::GetTypeId());
            s->Bind6();
            tls = CreateObject<Mip6TlsStream>();
            tls->SetHandshakeCallback(MakeCallback(&HacRun::Up, this));
            tls->SetDataCallback(MakeCallback(&HacRun::Data, this));
            tls->Start(ctx, s, true, Mip6TestPki::HAC_NAME);
            s->Connect(Inet6SocketAddress(server, 7872));
        });
        Simulator::Stop(Seconds(4));
        Simulator::Run();
        Simulator::Destroy();
        SSL_CTX_free(ctx);
    }

    void Delivered(const Mip6HacSaDelivery& sa)
    {
        delivered.push_back(sa);
    }

    void Up()
    {
        using namespace Mip6MhAuthName;
        Mip6MhAuthMessage init;
        init.SetIdentifier(1);
        if (m_fault != Fault::MISSING_MN_ID)
        {
            init.Add(MN_ID, m_fault == Fault::UNKNOWN_NAI ? "stranger@mip6.example" : kNai);
        }
        mnRand = Mip6Bytes(32, 0x5a);
        init.AddHex(MN_RAND, mnRand);
        init.Add(AUTH_METHOD, IsEap() ? "eap-md5" : "psk");
        Mip6Bytes bytes = init.Serialize();
        if (m_fault == Fault::BAD_VERSION)
        {
            bytes[0] = 0x20; // version 1
        }
        tls->Send(bytes);
    }

    void Data(const Mip6Bytes& data)
    {
        using namespace Mip6MhAuthName;
        auto r = Mip6MhAuthParser::Parse(data);
        if (!r.IsOk())
        {
            return;
        }
        responses.push_back(r.message);
        if (responses.size() != 1 || r.message.Has(STATUS_CODE))
        {
            return;
        }
        if (IsEap())
        {
            // RFC 3748 §5.1 Response/Identity, malformed on purpose.
            Mip6EapPacket rsp;
            rsp.code =
                m_fault == Fault::EAP_WRONG_CODE ? Mip6EapPacket::SUCCESS : Mip6EapPacket::RESPONSE;
            rsp.identifier = 1;
            rsp.type = Mip6EapPacket::IDENTITY;
            rsp.data = Mip6BytesFromString(kNai);
            Mip6Bytes eap = rsp.Serialize();
            if (m_fault == Fault::EAP_BAD_LENGTH)
            {
                eap[3] += 3; // Length beyond the octets carried
            }
            Mip6MhAuthMessage mid;
            mid.SetIdentifier(2);
            mid.AddHex(EAP_PAYLOAD, eap);
            tls->Send(mid.Serialize());
            return;
        }
        initAuthOk = Mip6MhAuthVerify(Mip6BytesFromString(kPsk), "HAC", r.message, HacBinding());
        Mip6MhAuthMessage done;
        done.SetIdentifier(2);
        done.AddHex(MN_RAND, mnRand);
        done.AddHex(HAC_RAND, *r.message.GetHex(HAC_RAND));
        done.Add(SAS, "0");
        done.Add(SUITELIST, "{00,2F}");
        Mip6Bytes auth = Mip6MhAuthComputeAuth(Mip6BytesFromString(kPsk), "MN", done, HacBinding());
        if (m_fault == Fault::FORGED_DONE_AUTH)
        {
            auth[0] ^= 1;
        }
        done.AddHex(AUTH, auth);
        tls->Send(done.Serialize());
    }

    /// \return the status code of the last response (0 if none)
    uint16_t LastStatus() const
    {
        if (responses.empty())
        {
            return 0;
        }
        return static_cast<uint16_t>(
            responses.back().GetNumber(Mip6MhAuthName::STATUS_CODE).value_or(0));
    }

    /// \return whether the fault runs the EAP-MD5 method
    bool IsEap() const
    {
        return m_fault == Fault::EAP_BAD_LENGTH || m_fault == Fault::EAP_WRONG_CODE;
    }

    Fault m_fault;
    NodeContainer nodes;
    Ptr<Mip6HaController> hac;
    SSL_CTX* ctx{nullptr};
    Ptr<Mip6TlsStream> tls;
    Mip6Bytes mnRand;
    bool initAuthOk{false};
    std::vector<Mip6MhAuthMessage> responses;
    std::vector<Mip6HacSaDelivery> delivered;
};

class SuccessTestCase : public TestCase
{
  public:
    SuccessTestCase()
        : TestCase("a correct PSK exchange: 200, one SA to the HA, the same SA to the MN")
    {
    }

  private:
    void DoRun() override
    {
        HacRun run(Fault::NONE);
        NS_TEST_EXPECT_MSG_EQ(run.initAuthOk, true, "the HAC's Init auth verifies");
        NS_TEST_ASSERT_MSG_EQ(run.responses.size(), 2u, "Init and Done responses");
        NS_TEST_EXPECT_MSG_EQ(run.LastStatus(), 200, "status 200");
        NS_TEST_ASSERT_MSG_EQ(run.delivered.size(), 1u, "one SA delivered to the HA");
        const Mip6MhAuthMessage& done = run.responses.back();
        NS_TEST_EXPECT_MSG_EQ(
            Mip6MhAuthParser::CheckRole(done, Mip6MhAuthRole::DONE_RESPONSE).IsOk(),
            true,
            "complete Done response");
        NS_TEST_EXPECT_MSG_EQ(*done.GetNumber(Mip6MhAuthName::SPI),
                              run.delivered[0].spi,
                              "the MN gets the SPI the HA got");
        NS_TEST_EXPECT_MSG_EQ(
            (*done.GetHex(Mip6MhAuthName::MN_TO_HA_EKEY) == run.delivered[0].keys.mnToHaEkey),
            true,
            "and the same keys");
        NS_TEST_EXPECT_MSG_EQ(*done.Get(Mip6MhAuthName::CIPHERSUITE), "{00,2F}", "suite");
        NS_TEST_EXPECT_MSG_EQ(*done.Get(Mip6MhAuthName::IP6_HOA), "fd00:1::100", "HoA");
        NS_TEST_EXPECT_MSG_EQ(*done.Get(Mip6MhAuthName::IP6_HNP), "fd00:1::/64", "home prefix");
        NS_TEST_EXPECT_MSG_EQ(
            Mip6MhAuthVerify(Mip6BytesFromString(kPsk), "HAC", done, HacBinding()),
            true,
            "Done response auth");
        NS_TEST_EXPECT_MSG_EQ(run.hac->GetSuccessCount(), 1u, "counted");
        NS_TEST_EXPECT_MSG_EQ(run.hac->GetRecordCount(), 1u, "one MN record");
    }
};

class FaultTestCase : public TestCase
{
  public:
    FaultTestCase(Fault fault, uint16_t status, const std::string& reason)
        : TestCase("HAC answers " + std::to_string(status) + " (" + reason + ")"),
          m_fault(fault),
          m_status(status),
          m_reason(reason)
    {
    }

  private:
    void DoRun() override
    {
        HacRun run(m_fault);
        NS_TEST_EXPECT_MSG_EQ(run.LastStatus(), m_status, "status");
        NS_TEST_EXPECT_MSG_EQ(run.delivered.size(), 0u, "no SA handed out");
        NS_TEST_EXPECT_MSG_EQ(run.hac->GetFailureCount(m_reason), 1u, "counted by reason");
        NS_TEST_EXPECT_MSG_EQ(run.hac->GetSuccessCount(), 0u, "no success");
    }

    Fault m_fault;
    uint16_t m_status;
    std::string m_reason;
};

class ChannelBindingTestCase : public TestCase
{
  public:
    ChannelBindingTestCase()
        : TestCase("auth binds the label, every header and the HAC certificate")
    {
    }

  private:
    void DoRun() override
    {
        using namespace Mip6MhAuthName;
        const Mip6Bytes psk = Mip6BytesFromString(kPsk);
        Mip6MhAuthMessage m;
        m.AddHex(MN_RAND, Mip6Bytes(32, 1));
        m.AddHex(HAC_RAND, Mip6Bytes(32, 2));
        m.Add(AUTH_METHOD, "psk");
        m.AddHex(AUTH, Mip6MhAuthComputeAuth(psk, "HAC", m, HacBinding()));
        NS_TEST_EXPECT_MSG_EQ(Mip6MhAuthVerify(psk, "HAC", m, HacBinding()), true, "genuine");
        const Mip6Bytes otherCert = Mip6Certificate::FromPem(Mip6TestPki::HaCertificatePem())
                                        .Value()
                                        .GetTlsServerEndpoint()
                                        .Value();
        NS_TEST_EXPECT_MSG_EQ(Mip6MhAuthVerify(psk, "HAC", m, otherCert),
                              false,
                              "another certificate (a TLS man in the middle)");
        NS_TEST_EXPECT_MSG_EQ(Mip6MhAuthVerify(psk, "MN", m, HacBinding()),
                              false,
                              "reflected to the other role");
        NS_TEST_EXPECT_MSG_EQ(Mip6MhAuthVerify(Mip6BytesFromString("x"), "HAC", m, HacBinding()),
                              false,
                              "wrong PSK");
        Mip6MhAuthMessage changed = m;
        changed.Remove(AUTH_METHOD);
        changed.Remove(AUTH);
        changed.Add(AUTH_METHOD, "eap");
        changed.Add(AUTH, *m.Get(AUTH));
        NS_TEST_EXPECT_MSG_EQ(Mip6MhAuthVerify(psk, "HAC", changed, HacBinding()),
                              false,
                              "a changed header");
        Mip6MhAuthMessage noAuth = m;
        noAuth.Remove(AUTH);
        NS_TEST_EXPECT_MSG_EQ(Mip6MhAuthVerify(psk, "HAC", noAuth, HacBinding()),
                              false,
                              "no auth at all");
    }
};

/// An SA record as the HAC makes it (AES_128_CBC_SHA).
Mip6HacSaDelivery
SampleSa()
{
    Mip6HacSaDelivery sa;
    sa.spi = 0x0123456;
    sa.suite = Mip6AltsecSuite::FindByName("AES_128_CBC_SHA")->code;
    sa.keys.mnToHaIkey = Mip6Bytes(20, 0x11);
    sa.keys.mnToHaEkey = Mip6Bytes(16, 0x22);
    sa.keys.haToMnIkey = Mip6Bytes(20, 0x33);
    sa.keys.haToMnEkey = Mip6Bytes(16, 0x44);
    sa.hoa = Ipv6Address("fd00:0:0:1::100");
    sa.mnId = 7;
    sa.dataProtection = true;
    sa.validityEnd = 1700000000;
    return sa;
}

class HacHaProtocolTestCase : public TestCase
{
  public:
    HacHaProtocolTestCase()
        : TestCase("HAC-HA protocol: layout and sizes on real packets, SA record round trip, "
                   "replay, reflection, every modified byte, every truncation, wrong key, "
                   "malformed bodies — refused, counted, traced")
    {
    }

  private:
    void DoRun() override
    {
        const Mip6Bytes key(Mip6HacHaChannel::KEY_SIZE, 0x5a);
        Ptr<Mip6HacHaChannel> hac = CreateObject<Mip6HacHaChannel>();
        Ptr<Mip6HacHaChannel> ha = CreateObject<Mip6HacHaChannel>();
        NS_TEST_ASSERT_MSG_EQ(hac->Setup(Mip6HacHaChannel::Role::HAC, key), true, "keyed");
        NS_TEST_ASSERT_MSG_EQ(ha->Setup(Mip6HacHaChannel::Role::HA, key), true, "keyed");
        NS_TEST_EXPECT_MSG_EQ(ha->Setup(Mip6HacHaChannel::Role::HA, Mip6Bytes(16, 1)),
                              false,
                              "a 16-octet key is refused");
        ha->Setup(Mip6HacHaChannel::Role::HA, key);
        uint64_t traced = 0;
        ha->TraceConnectWithoutContext(
            "Drop",
            MakeBoundCallback(
                +[](uint64_t* n, const std::string&, uint32_t, Ptr<const Packet>) { (*n)++; },
                &traced));

        Mip6HacHaBody push;
        push.sa = SampleSa();
        Ptr<Packet> p = hac->Seal(Mip6HacHaType::SA_PUSH, push, 7);
        // 8-octet header, 40-octet record + 72 key octets, 16-octet ICV.
        NS_TEST_EXPECT_MSG_EQ(p->GetSize(), 8u + 40 + 72 + 16, "SA-PUSH size");
        Mip6CategoryTag tag;
        NS_TEST_ASSERT_MSG_EQ(p->PeekPacketTag(tag), true, "tagged");
        NS_TEST_EXPECT_MSG_EQ(Mip6CategoryName(tag.GetCategory()), "hac-ha", "category");
        NS_TEST_EXPECT_MSG_EQ(tag.GetMessage(), "SA-PUSH", "message name");
        NS_TEST_EXPECT_MSG_EQ(tag.GetMnId(), 7u, "mn id");
        std::vector<uint8_t> wire(p->GetSize());
        p->CopyData(wire.data(), wire.size());
        NS_TEST_EXPECT_MSG_EQ(unsigned(wire[0]), 1u, "version");
        NS_TEST_EXPECT_MSG_EQ(unsigned(wire[1]), 1u, "type SA-PUSH");
        NS_TEST_EXPECT_MSG_EQ((wire[2] << 8 | wire[3]), int(wire.size()), "length");
        NS_TEST_EXPECT_MSG_EQ((wire[4] << 24 | wire[5] << 16 | wire[6] << 8 | wire[7]),
                              1,
                              "first sequence number");
        // The keys do not travel in clear.
        const Mip6Bytes k = push.sa.keys.mnToHaIkey;
        NS_TEST_EXPECT_MSG_EQ(
            (std::search(wire.begin(), wire.end(), k.begin(), k.end()) == wire.end()),
            true,
            "keys encrypted");

        // Every single-byte modification and every truncation is refused before the good copy.
        for (size_t i = 0; i < wire.size(); ++i)
        {
            std::vector<uint8_t> bad = wire;
            bad[i] ^= 0x01;
            Mip6HacHaChannel::Rx r = ha->Open(Create<Packet>(bad.data(), bad.size()));
            NS_TEST_EXPECT_MSG_EQ(r.accepted, false, "byte " << i << " modified");
        }
        for (size_t n = 0; n < wire.size(); ++n)
        {
            Mip6HacHaChannel::Rx r = ha->Open(Create<Packet>(wire.data(), n));
            NS_TEST_EXPECT_MSG_EQ(r.accepted, false, "truncated to " << n);
        }
        NS_TEST_EXPECT_MSG_EQ(ha->GetDropCount(), 2 * wire.size(), "all counted");
        NS_TEST_EXPECT_MSG_EQ(traced, 2 * wire.size(), "all traced");
        NS_TEST_EXPECT_MSG_EQ(ha->GetDropCount("bad-version"), 1u, "version byte");
        NS_TEST_EXPECT_MSG_EQ(ha->GetDropCount("truncated"), 24u, "shorter than header + ICV");

        Mip6HacHaChannel::Rx r = ha->Open(p);
        NS_TEST_ASSERT_MSG_EQ(r.accepted, true, r.reason);
        NS_TEST_EXPECT_MSG_EQ(unsigned(r.type), 1u, "SA-PUSH");
        const Mip6HacSaDelivery& got = r.body.sa;
        NS_TEST_EXPECT_MSG_EQ(got.spi, push.sa.spi, "SPI");
        NS_TEST_EXPECT_MSG_EQ(got.suite, push.sa.suite, "suite");
        NS_TEST_EXPECT_MSG_EQ((got.keys.haToMnEkey == push.sa.keys.haToMnEkey), true, "keys");
        NS_TEST_EXPECT_MSG_EQ(got.hoa, push.sa.hoa, "HoA");
        NS_TEST_EXPECT_MSG_EQ(got.validityEnd, push.sa.validityEnd, "validity end");
        NS_TEST_EXPECT_MSG_EQ(got.dataProtection, true, "mip6-sas");
        NS_TEST_EXPECT_MSG_EQ(got.mnId, 7u, "mn id");
        // Replay of the accepted message.
        NS_TEST_EXPECT_MSG_EQ(ha->Open(p).reason, "replay", "replay refused");

        // SA-ACK back; the HA cannot send an SA-PUSH, the HAC refuses its own type reflected.
        Mip6HacHaBody ack;
        ack.spi = push.sa.spi;
        ack.acked = 1;
        Ptr<Packet> a = ha->Seal(Mip6HacHaType::SA_ACK, ack, 7);
        NS_TEST_EXPECT_MSG_EQ(a->GetSize(), 8u + 12 + 16, "SA-ACK size");
        Mip6HacHaChannel::Rx ra = hac->Open(a);
        NS_TEST_ASSERT_MSG_EQ(ra.accepted, true, ra.reason);
        NS_TEST_EXPECT_MSG_EQ(ra.body.acked, 1u, "acknowledged sequence");
        const std::string reflected = hac->Open(hac->Seal(Mip6HacHaType::SA_PUSH, push, 7)).reason;
        NS_TEST_EXPECT_MSG_EQ(reflected, "bad-type", "a reflected SA-PUSH is refused by the HAC");
        // A message sealed under another key, with a sequence number the HA has not seen.
        Ptr<Mip6HacHaChannel> other = CreateObject<Mip6HacHaChannel>();
        other->Setup(Mip6HacHaChannel::Role::HAC, Mip6Bytes(Mip6HacHaChannel::KEY_SIZE, 0x77));
        for (int i = 0; i < 5; ++i)
        {
            other->Seal(Mip6HacHaType::SA_PUSH, push, 7);
        }
        const std::string wrongKey = ha->Open(other->Seal(Mip6HacHaType::SA_PUSH, push, 7)).reason;
        NS_TEST_EXPECT_MSG_EQ(wrongKey, "bad-icv", "wrong key refused");
        // SA-REQUEST / SA-RESPONSE, found and unknown.
        Mip6HacHaBody req;
        req.spi = 42;
        Ptr<Packet> q = ha->Seal(Mip6HacHaType::SA_REQUEST, req, 0);
        NS_TEST_EXPECT_MSG_EQ(q->GetSize(), 8u + 4 + 16, "SA-REQUEST size");
        const uint32_t asked = hac->Open(q).body.spi;
        NS_TEST_EXPECT_MSG_EQ(asked, 42u, "SPI asked for");
        Mip6HacHaBody unknown;
        unknown.status = Mip6HacHaBody::UNKNOWN;
        unknown.spi = 42;
        Ptr<Packet> u = hac->Seal(Mip6HacHaType::SA_RESPONSE, unknown, 0);
        NS_TEST_EXPECT_MSG_EQ(u->GetSize(), 8u + 8 + 16, "SA-RESPONSE (unknown) size");
        Mip6HacHaChannel::Rx ru = ha->Open(u);
        NS_TEST_EXPECT_MSG_EQ(ru.accepted, true, ru.reason);
        NS_TEST_EXPECT_MSG_EQ(unsigned(ru.body.status), 1u, "unknown SPI");
        Mip6HacHaBody found;
        found.spi = push.sa.spi;
        found.sa = push.sa;
        const uint32_t foundSpi =
            ha->Open(hac->Seal(Mip6HacHaType::SA_RESPONSE, found, 7)).body.sa.spi;
        NS_TEST_EXPECT_MSG_EQ(foundSpi, push.sa.spi, "SA-RESPONSE with the SA");

        // Malformed bodies (authentic, but lengths that do not add up).
        std::string why;
        const Mip6Bytes record = push.Serialize(Mip6HacHaType::SA_PUSH);
        for (size_t n = 0; n < record.size(); ++n)
        {
            Mip6Bytes cut(record.begin(), record.begin() + n);
            NS_TEST_EXPECT_MSG_EQ(
                Mip6HacHaBody::Parse(Mip6HacHaType::SA_PUSH, cut, why).has_value(),
                false,
                "record cut to " << n);
        }
        Mip6Bytes longer = record;
        longer.push_back(0);
        NS_TEST_EXPECT_MSG_EQ(Mip6HacHaBody::Parse(Mip6HacHaType::SA_PUSH, longer, why).has_value(),
                              false,
                              "trailing octet");
        NS_TEST_EXPECT_MSG_EQ(why, "trailing-octets", "reason");
        Mip6Bytes lying = record;
        lying[36] = 255; // mn-to-ha ikey length beyond the data
        NS_TEST_EXPECT_MSG_EQ(Mip6HacHaBody::Parse(Mip6HacHaType::SA_PUSH, lying, why).has_value(),
                              false,
                              "a key length beyond the data");
        Mip6Bytes wrongLen = record;
        wrongLen[36] = 16;
        wrongLen[37] = 20; // lengths swapped: same total, not the suite's
        NS_TEST_EXPECT_MSG_EQ(
            Mip6HacHaBody::Parse(Mip6HacHaType::SA_PUSH, wrongLen, why).has_value(),
            false,
            "key lengths not the suite's");
        NS_TEST_EXPECT_MSG_EQ(why, "bad-suite-or-keys", "reason");
        Mip6Bytes zeroSpi = record;
        zeroSpi[0] = zeroSpi[1] = zeroSpi[2] = zeroSpi[3] = 0;
        NS_TEST_EXPECT_MSG_EQ(
            Mip6HacHaBody::Parse(Mip6HacHaType::SA_PUSH, zeroSpi, why).has_value(),
            false,
            "SPI 0");
        // An authentic message with a malformed body: counted as bad-body.
        Ptr<Mip6HacHaChannel> hac2 = CreateObject<Mip6HacHaChannel>();
        hac2->Setup(Mip6HacHaChannel::Role::HAC, key);
        Ptr<Mip6HacHaChannel> ha2 = CreateObject<Mip6HacHaChannel>();
        ha2->Setup(Mip6HacHaChannel::Role::HA, key);
        Mip6HacHaBody badStatus;
        badStatus.status = 9;
        badStatus.spi = 1;
        const std::string badBody =
            ha2->Open(hac2->Seal(Mip6HacHaType::SA_RESPONSE, badStatus, 0)).reason;
        NS_TEST_EXPECT_MSG_EQ(badBody, "bad-body", "an unknown status");
    }
};

class AltsecHacTestSuite : public TestSuite
{
  public:
    AltsecHacTestSuite()
        : TestSuite("mip6-altsec-hac", SYSTEM)
    {
        AddTestCase(new ChannelBindingTestCase, TestCase::QUICK);
        AddTestCase(new SuccessTestCase, TestCase::QUICK);
        AddTestCase(new HacHaProtocolTestCase, TestCase::QUICK);
        AddTestCase(new FaultTestCase(Fault::FORGED_DONE_AUTH, 401, "bad-auth"), TestCase::QUICK);
        AddTestCase(new FaultTestCase(Fault::UNKNOWN_NAI, 401, "unknown-mn-id"), TestCase::QUICK);
        AddTestCase(new FaultTestCase(Fault::MISSING_MN_ID, 400, "missing-mn-id"), TestCase::QUICK);
        AddTestCase(new FaultTestCase(Fault::BAD_VERSION, 501, "unknown-version"), TestCase::QUICK);
        AddTestCase(new FaultTestCase(Fault::EAP_BAD_LENGTH, 400, "bad-eap-payload"),
                    TestCase::QUICK);
        AddTestCase(new FaultTestCase(Fault::EAP_WRONG_CODE, 400, "bad-eap-payload"),
                    TestCase::QUICK);
    }
};

static AltsecHacTestSuite g_altsecHacTestSuite;

} // namespace

/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * IKEv2 payload classes (RFC 7296 §3): sizes against the layouts of protocols.md §3, a byte-exact
 * SA payload written out by hand from §3.3, round trips of every payload, tshark decoding an
 * IKE_SA_INIT written to a pcap, and a parser that never trusts a length (truncation at every
 * byte, bad lengths, unknown critical payloads, another major version, random bytes).
 */

#include "mip6-test-util.h"

#include "ns3/core-module.h"
#include "ns3/ipv6-header.h"
#include "ns3/mip6-certificate.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-ikev2-payloads.h"
#include "ns3/mip6-ikev2-sk.h"
#include "ns3/mip6-key-export.h"
#include "ns3/mip6-test-pki.h"
#include "ns3/pcap-file.h"
#include "ns3/test.h"
#include "ns3/trace-helper.h"
#include "ns3/udp-header.h"

#include <cstdio>
#include <filesystem>
#include <sstream>
#include <unistd.h>

using namespace ns3;
using mip6test::RunCommand;

namespace
{

// IANA IKEv2 transform IDs (RFC 7296 §3.3.2, RFC 4106/5282, RFC 4868, RFC 5903, RFC 8031).
const uint16_t ENCR_AES_CBC = 12;
const uint16_t ENCR_AES_GCM_16 = 20;
const uint16_t PRF_HMAC_SHA2_256 = 5;
const uint16_t AUTH_HMAC_SHA2_256_128 = 12;
const uint16_t DH_ECP256 = 19;
const uint16_t DH_MODP2048 = 14;
const uint16_t DH_CURVE25519 = 31;

Ptr<Mip6IkeSaPayload>
IkeSa(bool gcm)
{
    Ptr<Mip6IkeSaPayload> sa = Create<Mip6IkeSaPayload>();
    Mip6IkeProposal p;
    p.protocolId = 1;
    p.transforms.push_back({1, gcm ? ENCR_AES_GCM_16 : ENCR_AES_CBC, 128});
    p.transforms.push_back({2, PRF_HMAC_SHA2_256, std::nullopt});
    if (!gcm)
    {
        p.transforms.push_back({3, AUTH_HMAC_SHA2_256_128, std::nullopt});
    }
    p.transforms.push_back({4, DH_ECP256, std::nullopt});
    sa->proposals.push_back(p);
    return sa;
}

Ptr<Mip6IkeSaPayload>
EspSa(bool gcm)
{
    Ptr<Mip6IkeSaPayload> sa = Create<Mip6IkeSaPayload>();
    Mip6IkeProposal p;
    p.protocolId = 3;
    p.spi = {0xc0, 0x01, 0x02, 0x03};
    p.transforms.push_back({1, gcm ? ENCR_AES_GCM_16 : ENCR_AES_CBC, 128});
    if (!gcm)
    {
        p.transforms.push_back({3, AUTH_HMAC_SHA2_256_128, std::nullopt});
    }
    p.transforms.push_back({5, 0, std::nullopt}); // ESN: no
    sa->proposals.push_back(p);
    return sa;
}

template <typename T>
Ptr<T>
WithData(Ptr<T> p, size_t n)
{
    p->data = Mip6Bytes(n, 0xab);
    return p;
}

Ptr<Mip6IkeKePayload>
Ke(uint16_t group, size_t n)
{
    Ptr<Mip6IkeKePayload> ke = Create<Mip6IkeKePayload>();
    ke->group = group;
    ke->data = Mip6Bytes(n, 0x5a);
    return ke;
}

Ptr<Mip6IkeNoncePayload>
Nonce(size_t n)
{
    Ptr<Mip6IkeNoncePayload> p = Create<Mip6IkeNoncePayload>();
    p->nonce = Mip6Bytes(n, 0x11);
    return p;
}

Ptr<Mip6IkeNotifyPayload>
NatD(uint16_t type)
{
    Ptr<Mip6IkeNotifyPayload> n = Create<Mip6IkeNotifyPayload>();
    n->notifyType = type;
    n->data = Mip6Bytes(20, 0x77); // SHA-1(SPIi ‖ SPIr ‖ IP ‖ port)
    return n;
}

Mip6IkeMessage
SaInit(bool gcm, bool natd)
{
    Mip6IkeMessage m;
    m.header.spiI = 0x0102030405060708ULL;
    m.header.exchange = Mip6IkeHeader::IKE_SA_INIT;
    m.header.flags = Mip6IkeHeader::FLAG_INITIATOR;
    m.payloads = {IkeSa(gcm), Ke(DH_ECP256, 64), Nonce(32)};
    if (natd)
    {
        m.payloads.push_back(NatD(Mip6IkeNotifyPayload::NAT_DETECTION_SOURCE_IP));
        m.payloads.push_back(NatD(Mip6IkeNotifyPayload::NAT_DETECTION_DESTINATION_IP));
    }
    return m;
}

/// A message holding one payload of every class.
Mip6IkeMessage
Everything()
{
    Mip6IkeMessage m;
    m.header.spiI = 0x1111222233334444ULL;
    m.header.spiR = 0x5555666677778888ULL;
    m.header.exchange = Mip6IkeHeader::IKE_AUTH;
    m.header.messageId = 1;
    Ptr<Mip6IkeIdPayload> idi = Create<Mip6IkeIdPayload>(false);
    idi->data = Mip6BytesFromString("mn1.example.org");
    Ptr<Mip6IkeIdPayload> idr = Create<Mip6IkeIdPayload>(true);
    idr->idType = Mip6IkeIdPayload::ID_IPV6_ADDR;
    idr->data = Mip6Bytes(16, 0xfd);
    Ptr<Mip6IkeCertPayload> cert = Create<Mip6IkeCertPayload>(false);
    cert->data = Mip6Certificate::FromPem(Mip6TestPki::HaCertificatePem())->GetDer();
    Ptr<Mip6IkeCertPayload> certreq = WithData(Create<Mip6IkeCertPayload>(true), 20);
    Ptr<Mip6IkeAuthPayload> auth = WithData(Create<Mip6IkeAuthPayload>(), 32);
    Ptr<Mip6IkeDeletePayload> del = Create<Mip6IkeDeletePayload>();
    del->spis = {{1, 2, 3, 4}, {5, 6, 7, 8}};
    Ptr<Mip6IkeVendorIdPayload> vid = Create<Mip6IkeVendorIdPayload>();
    vid->vendorId = Mip6BytesFromString("mip6");
    Ptr<Mip6IkeTsPayload> tsi = Create<Mip6IkeTsPayload>(false);
    Mip6IkeTrafficSelector ts = Mip6IkeTrafficSelector::Ipv6Range(Ipv6Address("fd00:0:0:1::100"),
                                                                  Ipv6Address("fd00:0:0:1::100"));
    ts.protocol = 135;
    ts.startPort = 0x0500; // RFC 4877 §7.2: BU in the top 8 bits of the port
    ts.endPort = 0x05ff;
    tsi->selectors = {ts};
    Ptr<Mip6IkeTsPayload> tsr = Create<Mip6IkeTsPayload>(true);
    tsr->selectors = {ts, ts};
    Ptr<Mip6IkeCpPayload> cp = Create<Mip6IkeCpPayload>();
    cp->attributes = {{Mip6IkeConfigAttribute::INTERNAL_IP6_ADDRESS, {}},
                      {Mip6IkeConfigAttribute::INTERNAL_IP6_DNS, {}}};
    Ptr<Mip6IkeEapPayload> eap = Create<Mip6IkeEapPayload>();
    eap->eapType = 4;
    eap->data = Mip6Bytes(17, 0x10);
    Ptr<Mip6IkeNotifyPayload> n = Create<Mip6IkeNotifyPayload>();
    n->protocolId = 3;
    n->spi = {9, 9, 9, 9};
    n->notifyType = 16393; // REKEY_SA
    m.payloads = {idi,
                  idr,
                  cert,
                  certreq,
                  auth,
                  EspSa(false),
                  Ke(DH_MODP2048, 256),
                  Nonce(32),
                  n,
                  del,
                  vid,
                  tsi,
                  tsr,
                  cp,
                  eap};
    return m;
}

/**
 * \ingroup mip6-ipsec
 * Payload and message sizes are those of the RFC 7296 layouts (protocols.md §3 table).
 */
class IkeSizesTestCase : public TestCase
{
  public:
    IkeSizesTestCase()
        : TestCase("IKEv2 payload and message sizes match the RFC 7296 layouts")
    {
    }

  private:
    void DoRun() override
    {
        NS_TEST_ASSERT_MSG_EQ(Mip6IkeHeader().GetSerializedSize(), 28, "IKE header");
        NS_TEST_ASSERT_MSG_EQ(IkeSa(true)->GetSerializedSize(), 40, "SA IKE GCM+PRF+ECP");
        NS_TEST_ASSERT_MSG_EQ(IkeSa(false)->GetSerializedSize(), 48, "SA IKE +INTEG");
        NS_TEST_ASSERT_MSG_EQ(EspSa(true)->GetSerializedSize(), 36, "SA ESP GCM+ESN");
        NS_TEST_ASSERT_MSG_EQ(EspSa(false)->GetSerializedSize(), 44, "SA ESP CBC+INTEG+ESN");
        NS_TEST_ASSERT_MSG_EQ(Ke(DH_ECP256, 64)->GetSerializedSize(), 72, "KE 19");
        NS_TEST_ASSERT_MSG_EQ(Ke(DH_MODP2048, 256)->GetSerializedSize(), 264, "KE 14");
        NS_TEST_ASSERT_MSG_EQ(Ke(DH_CURVE25519, 32)->GetSerializedSize(), 40, "KE 31");
        Ptr<Mip6IkeIdPayload> fqdn = Create<Mip6IkeIdPayload>(false);
        fqdn->data = Mip6BytesFromString("mn1.example.org.x"); // 17 characters
        NS_TEST_ASSERT_MSG_EQ(fqdn->GetSerializedSize(), 25, "IDi FQDN 17");
        Ptr<Mip6IkeIdPayload> v6 = Create<Mip6IkeIdPayload>(false);
        v6->idType = Mip6IkeIdPayload::ID_IPV6_ADDR;
        v6->data = Mip6Bytes(16, 0);
        NS_TEST_ASSERT_MSG_EQ(v6->GetSerializedSize(), 24, "ID_IPV6_ADDR");
        NS_TEST_ASSERT_MSG_EQ(WithData(Create<Mip6IkeAuthPayload>(), 32)->GetSerializedSize(),
                              40,
                              "AUTH PSK PRF-SHA256");
        NS_TEST_ASSERT_MSG_EQ(Nonce(32)->GetSerializedSize(), 36, "Nonce 32");
        NS_TEST_ASSERT_MSG_EQ(NatD(16388)->GetSerializedSize(), 28, "NAT-D");
        Ptr<Mip6IkeDeletePayload> d = Create<Mip6IkeDeletePayload>();
        d->spis = {{1, 2, 3, 4}};
        NS_TEST_ASSERT_MSG_EQ(d->GetSerializedSize(), 12, "D ESP");
        Ptr<Mip6IkeDeletePayload> dike = Create<Mip6IkeDeletePayload>();
        dike->protocolId = 1;
        dike->spiSize = 0;
        NS_TEST_ASSERT_MSG_EQ(dike->GetSerializedSize(), 8, "D IKE");
        Ptr<Mip6IkeTsPayload> ts = Create<Mip6IkeTsPayload>(false);
        ts->selectors = {
            Mip6IkeTrafficSelector::Ipv6Range(Ipv6Address("fd00::1"), Ipv6Address("fd00::1"))};
        NS_TEST_ASSERT_MSG_EQ(ts->GetSerializedSize(), 48, "one IPv6 TS");
        Ptr<Mip6IkeCpPayload> req = Create<Mip6IkeCpPayload>();
        req->attributes = {{Mip6IkeConfigAttribute::INTERNAL_IP6_ADDRESS, {}}};
        NS_TEST_ASSERT_MSG_EQ(req->GetSerializedSize(), 12, "CP request");
        Ptr<Mip6IkeCpPayload> rep = Create<Mip6IkeCpPayload>();
        rep->cfgType = Mip6IkeCpPayload::CFG_REPLY;
        rep->attributes = {{Mip6IkeConfigAttribute::INTERNAL_IP6_ADDRESS, Mip6Bytes(17, 1)}};
        NS_TEST_ASSERT_MSG_EQ(rep->GetSerializedSize(), 29, "CP reply HoA + prefix length");
        Ptr<Mip6IkeEapPayload> md5 = Create<Mip6IkeEapPayload>();
        md5->eapType = 4;
        md5->data = Mip6Bytes(17, 0); // value-size 1 + 16-byte value
        NS_TEST_ASSERT_MSG_EQ(md5->GetSerializedSize(), 26, "EAP MD5 challenge");
        Ptr<Mip6IkeEapPayload> ok = Create<Mip6IkeEapPayload>();
        ok->code = 3;
        NS_TEST_ASSERT_MSG_EQ(ok->GetSerializedSize(), 8, "EAP Success");
        NS_TEST_ASSERT_MSG_EQ(SaInit(true, false).Serialize().size(), 176, "IKE_SA_INIT GCM");
        NS_TEST_ASSERT_MSG_EQ(SaInit(true, true).Serialize().size(), 232, "with 2 NAT-D");
        NS_TEST_ASSERT_MSG_EQ(SaInit(false, false).Serialize().size(), 184, "CBC/SHA256");
    }
};

/**
 * \ingroup mip6-ipsec
 * An IKE SA payload byte by byte, written out by hand from RFC 7296 §3.3.1, §3.3.2, §3.3.5, and
 * the header fields of a message (Next Payload chain, Length).
 */
class IkeLayoutTestCase : public TestCase
{
  public:
    IkeLayoutTestCase()
        : TestCase("SA payload and message header byte-exact against the RFC 7296 layout")
    {
    }

  private:
    void DoRun() override
    {
        Mip6IkeMessage m;
        m.header.spiI = 0x0102030405060708ULL;
        m.header.exchange = Mip6IkeHeader::IKE_SA_INIT;
        m.header.flags = Mip6IkeHeader::FLAG_INITIATOR;
        m.payloads = {IkeSa(true)};
        const std::string expected =
            // header: SPIi, SPIr, next = SA (33), version 2.0, IKE_SA_INIT (34 = 0x22), I, MID 0,
            // length 68
            "0102030405060708"
            "0000000000000000"
            "21202208"
            "00000000"
            "00000044"
            // SA: next none, not critical, length 40
            "00000028"
            // proposal: last, reserved, length 36, #1, IKE, SPI size 0, 3 transforms
            "0000002401010003"
            // ENCR (1) AES-GCM-16 (20), key length 128 (TV 0x800e)
            "0300000c01000014800e0080"
            // PRF (2) HMAC-SHA2-256 (5)
            "0300000802000005"
            // DH (4) group 19, last
            "0000000804000013";
        NS_TEST_ASSERT_MSG_EQ(Mip6ToHex(m.Serialize()), expected, "bytes");
    }
};

/**
 * \ingroup mip6-ipsec
 * Every payload class survives serialise → parse → serialise unchanged, inside one message and
 * behind an SK payload's Next Payload rule.
 */
class IkeRoundTripTestCase : public TestCase
{
  public:
    IkeRoundTripTestCase()
        : TestCase("every payload class round-trips; SK names its first inner payload")
    {
    }

  private:
    void DoRun() override
    {
        const Mip6IkeMessage m = Everything();
        const Mip6Bytes wire = m.Serialize();
        Mip6IkeParseError err;
        uint8_t unsupported = 0;
        auto parsed = Mip6IkeMessage::Parse(wire.data(), wire.size(), err, unsupported);
        NS_TEST_ASSERT_MSG_EQ(parsed.has_value(), true, Mip6IkeParseErrorToString(err));
        NS_TEST_ASSERT_MSG_EQ(parsed->payloads.size(), m.payloads.size(), "payload count");
        for (size_t k = 0; k < m.payloads.size(); ++k)
        {
            NS_TEST_ASSERT_MSG_EQ(static_cast<int>(parsed->payloads[k]->GetType()),
                                  static_cast<int>(m.payloads[k]->GetType()),
                                  "type " << k);
        }
        NS_TEST_ASSERT_MSG_EQ(Mip6ToHex(parsed->Serialize()), Mip6ToHex(wire), "same bytes");
        auto ts = DynamicCast<Mip6IkeTsPayload>(parsed->Find(Mip6IkePayloadType::TSI));
        NS_TEST_ASSERT_MSG_EQ(ts->selectors.at(0).startPort, 0x0500, "MH type in the port");
        auto eap = DynamicCast<Mip6IkeEapPayload>(parsed->Find(Mip6IkePayloadType::EAP));
        NS_TEST_ASSERT_MSG_EQ(eap->data.size(), 17, "EAP data");

        Mip6IkeMessage sk;
        sk.header.exchange = Mip6IkeHeader::IKE_AUTH;
        Ptr<Mip6IkeSkPayload> s = Create<Mip6IkeSkPayload>();
        s->firstInnerPayload = static_cast<uint8_t>(Mip6IkePayloadType::IDI);
        s->body = Mip6Bytes(16 + 64 + 16, 0xee);
        sk.payloads = {s};
        const Mip6Bytes skWire = sk.Serialize();
        NS_TEST_ASSERT_MSG_EQ(skWire[28], 35, "SK's Next Payload = IDi");
        auto skParsed = Mip6IkeMessage::Parse(skWire.data(), skWire.size(), err, unsupported);
        NS_TEST_ASSERT_MSG_EQ(skParsed.has_value(), true, "SK parsed");
        auto s2 = DynamicCast<Mip6IkeSkPayload>(skParsed->payloads.at(0));
        NS_TEST_ASSERT_MSG_EQ(unsigned(s2->firstInnerPayload), 35u, "inner type kept");
        NS_TEST_ASSERT_MSG_EQ(s2->body.size(), 96, "body");
    }
};

/**
 * \ingroup mip6-ipsec
 * The parser never trusts a length: every truncation of a valid message fails cleanly, a payload
 * length of 3 or beyond the message is bad-length, an unknown payload with C set is
 * unsupported-critical-payload (RFC 7296 §2.5) and without C is skipped, version 3.0 is
 * invalid-major-version, inconsistent bodies are malformed, and 20000 random messages never
 * crash.
 */
class IkeMalformedTestCase : public TestCase
{
  public:
    IkeMalformedTestCase()
        : TestCase("IKEv2 parser: truncation, bad lengths, critical payloads, version, fuzz")
    {
    }

  private:
    void DoRun() override
    {
        const Mip6Bytes wire = Everything().Serialize();
        Mip6IkeParseError err;
        uint8_t unsupported = 0;
        for (size_t n = 0; n < wire.size(); ++n)
        {
            auto r = Mip6IkeMessage::Parse(wire.data(), n, err, unsupported);
            NS_TEST_ASSERT_MSG_EQ(r.has_value(), false, "truncated to " << n);
            NS_TEST_ASSERT_MSG_EQ(Mip6IkeParseErrorToString(err), "truncated", "reason");
        }
        // A Length field that shortens the message: payloads run past it.
        Mip6Bytes shorter = wire;
        shorter[27] -= 1;
        Mip6IkeMessage::Parse(shorter.data(), shorter.size(), err, unsupported);
        NS_TEST_ASSERT_MSG_EQ(Mip6IkeParseErrorToString(err), "bad-length", "inner overrun");
        // First payload length 3.
        Mip6Bytes bad = wire;
        bad[30] = 0;
        bad[31] = 3;
        Mip6IkeMessage::Parse(bad.data(), bad.size(), err, unsupported);
        NS_TEST_ASSERT_MSG_EQ(Mip6IkeParseErrorToString(err), "bad-length", "length 3");
        // Unknown payload type 200: critical → refused, not critical → skipped.
        Mip6IkeMessage m = SaInit(true, false);
        const uint8_t unknown[8] = {0, 0x80, 0, 8, 1, 2, 3, 4};
        // After the Nonce (header 28 + SA 40 + KE 72): the Nonce's Next Payload names type 200.
        Mip6Bytes withUnknown = m.Serialize();
        const size_t nonceStart = 28 + 40 + 72;
        withUnknown[nonceStart] = 200;
        withUnknown.insert(withUnknown.end(), unknown, unknown + 8);
        const uint32_t len = static_cast<uint32_t>(withUnknown.size());
        withUnknown[26] = static_cast<uint8_t>(len >> 8);
        withUnknown[27] = static_cast<uint8_t>(len);
        auto r = Mip6IkeMessage::Parse(withUnknown.data(), withUnknown.size(), err, unsupported);
        NS_TEST_ASSERT_MSG_EQ(r.has_value(), false, "critical unknown payload");
        NS_TEST_ASSERT_MSG_EQ(Mip6IkeParseErrorToString(err),
                              "unsupported-critical-payload",
                              "reason");
        NS_TEST_ASSERT_MSG_EQ(unsigned(unsupported), 200u, "type reported for the notify");
        withUnknown[withUnknown.size() - 7] = 0; // clear C
        r = Mip6IkeMessage::Parse(withUnknown.data(), withUnknown.size(), err, unsupported);
        NS_TEST_ASSERT_MSG_EQ(r.has_value(), true, "non-critical unknown payload skipped");
        NS_TEST_ASSERT_MSG_EQ(r->payloads.size(), 3, "SA, KE, Nonce");
        // Major version 3.
        Mip6Bytes v3 = SaInit(true, false).Serialize();
        v3[17] = 0x30;
        Mip6IkeMessage::Parse(v3.data(), v3.size(), err, unsupported);
        NS_TEST_ASSERT_MSG_EQ(Mip6IkeParseErrorToString(err), "invalid-major-version", "v3");
        // A nonce of 8 bytes and an EAP length that disagrees: malformed.
        Mip6IkeMessage small;
        small.payloads = {Nonce(8)};
        Mip6Bytes sw = small.Serialize();
        Mip6IkeMessage::Parse(sw.data(), sw.size(), err, unsupported);
        NS_TEST_ASSERT_MSG_EQ(Mip6IkeParseErrorToString(err), "malformed-payload", "nonce 8");
        // Fuzz: random bytes, and valid messages with random byte changes.
        Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
        u->SetStream(11);
        uint32_t parsed = 0;
        for (uint32_t k = 0; k < 20000; ++k)
        {
            Mip6Bytes f;
            if (k % 2)
            {
                f.resize(u->GetInteger(0, 300));
                for (auto& x : f)
                {
                    x = static_cast<uint8_t>(u->GetInteger(0, 255));
                }
                if (f.size() >= 28)
                {
                    f[17] = 0x20;
                    f[16] = static_cast<uint8_t>(u->GetInteger(33, 48));
                    f[24] = f[25] = 0;
                    f[26] = static_cast<uint8_t>(f.size() >> 8);
                    f[27] = static_cast<uint8_t>(f.size());
                }
            }
            else
            {
                f = wire;
                for (int c = 0; c < 3; ++c)
                {
                    f[u->GetInteger(0, f.size() - 1)] = static_cast<uint8_t>(u->GetInteger(0, 255));
                }
            }
            parsed += Mip6IkeMessage::Parse(f.data(), f.size(), err, unsupported) ? 1 : 0;
        }
        NS_TEST_ASSERT_MSG_LT(parsed, 20000u, "most random input is refused");
    }
};

/**
 * \ingroup mip6-ipsec
 * tshark (an independent decoder) reads an IKE_SA_INIT with NAT-D notifies and the IKE_AUTH-shaped
 * message with every payload class, in IPv6/UDP 500: exchange types, every payload type and
 * length as we wrote them, and no malformed packet.
 */
class IkeTsharkTestCase : public TestCase
{
  public:
    IkeTsharkTestCase()
        : TestCase("tshark decodes our IKEv2 messages payload by payload")
    {
    }

  private:
    void DoRun() override
    {
        int status = 0;
        RunCommand("tshark -v > /dev/null 2>&1", status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark is installed");
        char tmpl[] = "/tmp/mip6-ikev2-XXXXXX";
        NS_TEST_ASSERT_MSG_NE(mkdtemp(tmpl), nullptr, "temporary directory");
        const std::string dir = tmpl;
        const std::string pcap = dir + "/ike.pcap";
        const std::vector<Mip6IkeMessage> messages = {SaInit(true, true), Everything()};
        {
            PcapFile f;
            f.Open(pcap, std::ios::out);
            f.Init(PcapHelper::DLT_RAW);
            uint32_t t = 1;
            for (const auto& m : messages)
            {
                const Mip6Bytes b = m.Serialize();
                Ptr<Packet> p = Create<Packet>(b.data(), b.size());
                const Ipv6Address src("fd00:0:1::10");
                const Ipv6Address dst("fd00:0:0:1::1");
                UdpHeader udp;
                udp.SetSourcePort(500);
                udp.SetDestinationPort(500);
                udp.EnableChecksums();
                udp.InitializeChecksum(src, dst, 17);
                p->AddHeader(udp);
                Ipv6Header ip;
                ip.SetSource(src);
                ip.SetDestination(dst);
                ip.SetNextHeader(17);
                ip.SetPayloadLength(p->GetSize());
                ip.SetHopLimit(64);
                p->AddHeader(ip);
                f.Write(t++, 0, p);
            }
            f.Close();
        }
        const std::string cmd = "tshark -n -r " + pcap +
                                " -T fields -E 'separator=;' -E aggregator=, -e isakmp.exchangetype"
                                " -e isakmp.length -e isakmp.typepayload -e isakmp.payloadlength"
                                " -e _ws.malformed 2>/dev/null";
        const std::string out = RunCommand(cmd, status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark ran");
        std::istringstream lines(out);
        std::string line;
        size_t k = 0;
        while (std::getline(lines, line) && k < messages.size())
        {
            std::vector<std::string> f;
            std::istringstream fields(line);
            std::string x;
            while (std::getline(fields, x, ';'))
            {
                f.push_back(x);
            }
            f.resize(5);
            // isakmp.typepayload also lists the SA's proposal (2) and transform (3)
            // substructures; keep the payloads only (no IKEv2 payload type is 2 or 3).
            std::vector<std::string> t;
            std::vector<std::string> l;
            std::istringstream ts(f[2]);
            std::istringstream ls(f[3]);
            std::string a;
            std::string b;
            std::string tshTypes;
            std::string tshLengths;
            while (std::getline(ts, a, ',') && std::getline(ls, b, ','))
            {
                if (a != "2" && a != "3")
                {
                    tshTypes += (tshTypes.empty() ? "" : ",") + a;
                    tshLengths += (tshLengths.empty() ? "" : ",") + b;
                }
            }
            const Mip6IkeMessage& m = messages[k];
            NS_TEST_ASSERT_MSG_EQ(f[0], std::to_string(m.header.exchange), "exchange");
            NS_TEST_ASSERT_MSG_EQ(f[1], std::to_string(m.Serialize().size()), "length");
            std::string types;
            std::string lengths;
            for (const auto& p : m.payloads)
            {
                types += (types.empty() ? "" : ",") + std::to_string(unsigned(p->GetType()));
                lengths += (lengths.empty() ? "" : ",") + std::to_string(p->GetSerializedSize());
            }
            NS_TEST_ASSERT_MSG_EQ(tshTypes, types, "payload types of message " << k);
            NS_TEST_ASSERT_MSG_EQ(tshLengths, lengths, "payload lengths of message " << k);
            NS_TEST_ASSERT_MSG_EQ(f[4], "", "not malformed");
            k++;
        }
        NS_TEST_ASSERT_MSG_EQ(k, messages.size(), "every message decoded");
        if (!getenv("MIP6_KEEP_TMP"))
        {
            std::filesystem::remove_all(dir);
        }
    }
};

Mip6Bytes
Seq(uint8_t from, uint8_t to)
{
    Mip6Bytes b;
    for (unsigned v = from; v < to; ++v)
    {
        b.push_back(static_cast<uint8_t>(v));
    }
    return b;
}

/// The keys of test/ipsec-ikev2-sk-vectors.py.
Mip6IkeSkProtector
SkVector(bool gcm)
{
    std::string error;
    auto p = gcm ? Mip6IkeSkProtector::Create(Mip6IkeSkTransform::AES_GCM_16_128,
                                              Mip6Concat(Seq(0x20, 0x30), Mip6Bytes{1, 2, 3, 4}),
                                              {},
                                              error)
                 : Mip6IkeSkProtector::Create(Mip6IkeSkTransform::AES_CBC_128_HMAC_SHA256_128,
                                              Seq(0x20, 0x30),
                                              Seq(0x30, 0x50),
                                              error);
    NS_ABORT_MSG_IF(!p, error);
    return *p;
}

Mip6IkeMessage
AuthHeader()
{
    Mip6IkeMessage m;
    m.header.spiI = 0x0102030405060708ULL;
    m.header.spiR = 0x1112131415161718ULL;
    m.header.exchange = Mip6IkeHeader::IKE_AUTH;
    m.header.flags = Mip6IkeHeader::FLAG_INITIATOR;
    m.header.messageId = 1;
    return m;
}

std::vector<Ptr<Mip6IkePayload>>
IdAndNonce()
{
    Ptr<Mip6IkeIdPayload> idi = Create<Mip6IkeIdPayload>(false);
    idi->data = Mip6BytesFromString("mn1.example.org");
    Ptr<Mip6IkeNoncePayload> n = Create<Mip6IkeNoncePayload>();
    n->nonce = Mip6Bytes(16, 0x11);
    return {idi, n};
}

/**
 * \ingroup mip6-ipsec
 * The SK payload (RFC 7296 §3.14, RFC 5282): known answers computed independently by
 * test/ipsec-ikev2-sk-vectors.py for CBC + HMAC-SHA-256-128 and GCM-16, opened back to the inner
 * payloads; the IKE_AUTH request sizes of protocols.md §3 (272 B CBC, 254 B GCM); every modified
 * byte and a wrong key are refused by the ICV.
 */
class IkeSkTestCase : public TestCase
{
  public:
    IkeSkTestCase()
        : TestCase("SK payload: known answers (CBC-SHA256, GCM), IKE_AUTH sizes, ICV refusals")
    {
    }

  private:
    void DoRun() override
    {
        Mip6CryptoRandom::Install();
        const std::string cbcHex =
            "010203040506070811121314151617182e202308000000010000007023000054c0c1c2c3c4c5c6c7c8c9"
            "cacbcccdcecffd6086be38c6c3dfcd510dbc8fa298d037567273d51747f16c85f33ead45e08a3729868b"
            "24138fda458e965c5bbef184707650c5563a51b360471abb87b33c17";
        const std::string gcmHex =
            "010203040506070811121314151617182e202308000000010000006423000048d0d1d2d3d4d5d6d7238b"
            "fb897707680bd44bc5b0cba9084af671e6e4dfa7f69fb6d4a7f6cc67e11b912c517a6f32bec4cb5ad84e"
            "bd3ffe5003984917b9b0c9e1ba016b58";
        for (bool gcm : {false, true})
        {
            const Mip6IkeSkProtector p = SkVector(gcm);
            auto wire =
                p.SealWith(AuthHeader(), IdAndNonce(), gcm ? Seq(0xd0, 0xd8) : Seq(0xc0, 0xd0));
            NS_TEST_ASSERT_MSG_EQ(wire.IsOk(), true, "sealed");
            NS_TEST_ASSERT_MSG_EQ(Mip6ToHex(*wire), gcm ? gcmHex : cbcHex, "known answer");
            std::string reason;
            auto inner = p.Open(*Mip6FromHex(gcm ? gcmHex : cbcHex), reason);
            NS_TEST_ASSERT_MSG_EQ(inner.has_value(), true, "opened: " << reason);
            NS_TEST_ASSERT_MSG_EQ(inner->size(), 2, "IDi, Nonce");
            auto idi = DynamicCast<Mip6IkeIdPayload>(inner->at(0));
            NS_TEST_ASSERT_MSG_NE(idi, nullptr, "IDi");
            NS_TEST_ASSERT_MSG_EQ(std::string(idi->data.begin(), idi->data.end()),
                                  "mn1.example.org",
                                  "identity");
            // Every modified byte is refused (header bytes by the parser, the rest by the ICV).
            const Mip6Bytes good = *wire;
            for (size_t i = 0; i < good.size(); ++i)
            {
                Mip6Bytes m = good;
                m[i] ^= 0x04;
                NS_TEST_ASSERT_MSG_EQ(p.Open(m, reason).has_value(), false, "byte " << i);
                if (i >= 32)
                {
                    NS_TEST_ASSERT_MSG_EQ(reason, "bad-icv", "byte " << i);
                }
            }
            // The other direction's key: bad-icv.
            std::string error;
            auto other =
                Mip6IkeSkProtector::Create(gcm ? Mip6IkeSkTransform::AES_GCM_16_128
                                               : Mip6IkeSkTransform::AES_CBC_128_HMAC_SHA256_128,
                                           gcm ? Mip6Bytes(20, 0x99) : Mip6Bytes(16, 0x99),
                                           gcm ? Mip6Bytes{} : Mip6Bytes(32, 0x99),
                                           error);
            NS_TEST_ASSERT_MSG_EQ(other->Open(good, reason).has_value(), false, "wrong key");
            NS_TEST_ASSERT_MSG_EQ(reason, "bad-icv", "wrong key reason");
            // A DRBG IV round trip.
            auto fresh = p.Seal(AuthHeader(), IdAndNonce());
            NS_TEST_ASSERT_MSG_EQ(p.Open(*fresh, reason).has_value(), true, "round trip");
        }
        // protocols.md §3: IKE_AUTH request {IDi (FQDN 17), AUTH, SA, TSi, TSr}.
        for (bool gcm : {false, true})
        {
            Ptr<Mip6IkeIdPayload> idi = Create<Mip6IkeIdPayload>(false);
            idi->data = Mip6BytesFromString("mn1.example.org.x");
            Ptr<Mip6IkeTsPayload> tsi = Create<Mip6IkeTsPayload>(false);
            tsi->selectors = {
                Mip6IkeTrafficSelector::Ipv6Range(Ipv6Address("fd00::1"), Ipv6Address("fd00::1"))};
            Ptr<Mip6IkeTsPayload> tsr = Create<Mip6IkeTsPayload>(true);
            tsr->selectors = tsi->selectors;
            const std::vector<Ptr<Mip6IkePayload>> inner =
                {idi, WithData(Create<Mip6IkeAuthPayload>(), 32), EspSa(gcm), tsi, tsr};
            auto wire = SkVector(gcm).Seal(AuthHeader(), inner);
            NS_TEST_ASSERT_MSG_EQ(wire->size(), gcm ? 254 : 272, "IKE_AUTH request size");
        }
    }
};

/**
 * \ingroup mip6-ipsec
 * RFC 4555 §3.6 (mcoa=mobike): the INFORMATIONAL that lists the initiator's other addresses,
 * N(ADDITIONAL_IP6_ADDRESS) with a 16-byte address each (24 B with its header, protocols.md §3),
 * or N(NO_ADDITIONAL_ADDRESSES) without data (8 B), inside an SK payload: sizes and round trip.
 */
class IkeAdditionalAddressesTestCase : public TestCase
{
  public:
    IkeAdditionalAddressesTestCase()
        : TestCase("INFORMATIONAL with ADDITIONAL_IP6_ADDRESS or NO_ADDITIONAL_ADDRESSES in SK")
    {
    }

  private:
    void DoRun() override
    {
        Mip6CryptoRandom::Install();
        const std::vector<Ipv6Address> addresses{Ipv6Address("fd00:2::1"),
                                                 Ipv6Address("fd00:3::1")};
        Mip6IkeMessage m = AuthHeader();
        m.header.exchange = Mip6IkeHeader::INFORMATIONAL;
        m.header.messageId = 2;
        for (bool gcm : {false, true})
        {
            for (size_t count : {size_t{2}, size_t{0}})
            {
                std::vector<Ptr<Mip6IkePayload>> inner;
                for (size_t i = 0; i < count; ++i)
                {
                    Ptr<Mip6IkeNotifyPayload> n = Create<Mip6IkeNotifyPayload>();
                    n->notifyType = Mip6IkeNotifyPayload::ADDITIONAL_IP6_ADDRESS;
                    n->data.resize(16);
                    addresses[i].GetBytes(n->data.data());
                    NS_TEST_ASSERT_MSG_EQ(n->GetBodySize() + 4, 24u, "ADDITIONAL_IP6_ADDRESS");
                    inner.push_back(n);
                }
                if (count == 0)
                {
                    Ptr<Mip6IkeNotifyPayload> n = Create<Mip6IkeNotifyPayload>();
                    n->notifyType = Mip6IkeNotifyPayload::NO_ADDITIONAL_ADDRESSES;
                    NS_TEST_ASSERT_MSG_EQ(n->GetBodySize() + 4, 8u, "NO_ADDITIONAL_ADDRESSES");
                    inner.push_back(n);
                }
                const Mip6IkeSkProtector p = SkVector(gcm);
                auto wire = p.Seal(m, inner);
                NS_TEST_ASSERT_MSG_EQ(wire.IsOk(), true, "sealed");
                // HDR 28 + SK header 4 + IV + payloads + pad + pad length 1 + ICV 16 (RFC 7296
                // §3.14): GCM IV 8, no padding; CBC IV 16, padded to the 16-byte block.
                const size_t plain = count ? 24 * count : 8;
                const size_t expected = gcm ? 28 + 4 + 8 + plain + 1 + 16
                                            : 28 + 4 + 16 + ((plain + 1 + 15) / 16) * 16 + 16;
                NS_TEST_EXPECT_MSG_EQ(wire->size(), expected, "size, gcm=" << gcm);
                std::string reason;
                auto opened = p.Open(*wire, reason);
                NS_TEST_ASSERT_MSG_EQ(opened.has_value(), true, "opened: " << reason);
                NS_TEST_ASSERT_MSG_EQ(opened->size(), count ? count : 1, "notifies");
                for (size_t i = 0; i < opened->size(); ++i)
                {
                    auto n = DynamicCast<Mip6IkeNotifyPayload>(opened->at(i));
                    NS_TEST_ASSERT_MSG_NE(n, nullptr, "a notify");
                    if (count == 0)
                    {
                        NS_TEST_EXPECT_MSG_EQ(n->notifyType, 16399, "NO_ADDITIONAL_ADDRESSES");
                        NS_TEST_EXPECT_MSG_EQ(n->data.size(), 0u, "no data");
                        continue;
                    }
                    NS_TEST_EXPECT_MSG_EQ(n->notifyType, 16398, "ADDITIONAL_IP6_ADDRESS");
                    NS_TEST_ASSERT_MSG_EQ(n->data.size(), 16u, "an IPv6 address");
                    NS_TEST_EXPECT_MSG_EQ(Ipv6Address(n->data.data()), addresses[i], "address");
                }
            }
        }
    }
};

/**
 * \ingroup mip6-ipsec
 * tshark decrypts our SK payloads with the IKEv2 decryption table the crypto core exports
 * (Mip6KeyExport `ikev2_decryption_table` in a Wireshark configuration directory): the inner
 * payload types appear for a CBC and a GCM IKE SA.
 */
class IkeSkTsharkTestCase : public TestCase
{
  public:
    IkeSkTsharkTestCase()
        : TestCase("tshark decrypts our SK payloads with the exported IKEv2 decryption table")
    {
    }

  private:
    void DoRun() override
    {
        Mip6CryptoRandom::Install();
        char tmpl[] = "/tmp/mip6-ikev2-sk-XXXXXX";
        NS_TEST_ASSERT_MSG_NE(mkdtemp(tmpl), nullptr, "temporary directory");
        const std::string dir = tmpl;
        Mip6KeyExport keys(dir);
        std::vector<Mip6Bytes> wires;
        std::vector<std::string> expected;
        for (bool gcm : {false, true})
        {
            Mip6IkeMessage outer = AuthHeader();
            outer.header.spiI += gcm ? 1 : 0;
            Mip6IkeSaExport e;
            e.spii = outer.header.spiI;
            e.spir = outer.header.spiR;
            e.cipher = gcm ? Mip6ExportCipher::AES_GCM_16 : Mip6ExportCipher::AES_CBC;
            e.skEi = gcm ? Mip6Concat(Seq(0x20, 0x30), Mip6Bytes{1, 2, 3, 4}) : Seq(0x20, 0x30);
            e.skEr = Mip6Bytes(e.skEi.size(), 0x77);
            e.integrity = gcm ? Mip6IntegAlgorithm::NONE : Mip6IntegAlgorithm::HMAC_SHA256_128;
            if (!gcm)
            {
                e.skAi = Seq(0x30, 0x50);
                e.skAr = Mip6Bytes(32, 0x78);
            }
            NS_TEST_ASSERT_MSG_EQ(keys.AddIkeSa(e).IsOk(), true, "exported");
            const Mip6IkeMessage all = Everything();
            auto wire = SkVector(gcm).Seal(outer, all.payloads);
            wires.push_back(*wire);
            std::string types = "46";
            for (const auto& p : all.payloads)
            {
                types += "," + std::to_string(unsigned(p->GetType()));
            }
            expected.push_back(types);
        }
        const std::string pcap = dir + "/sk.pcap";
        {
            PcapFile f;
            f.Open(pcap, std::ios::out);
            f.Init(PcapHelper::DLT_RAW);
            uint32_t t = 1;
            for (const auto& w : wires)
            {
                Ptr<Packet> p = Create<Packet>(w.data(), w.size());
                const Ipv6Address src("fd00:0:1::10");
                const Ipv6Address dst("fd00:0:0:1::1");
                UdpHeader udp;
                udp.SetSourcePort(500);
                udp.SetDestinationPort(500);
                udp.EnableChecksums();
                udp.InitializeChecksum(src, dst, 17);
                p->AddHeader(udp);
                Ipv6Header ip;
                ip.SetSource(src);
                ip.SetDestination(dst);
                ip.SetNextHeader(17);
                ip.SetPayloadLength(p->GetSize());
                ip.SetHopLimit(64);
                p->AddHeader(ip);
                f.Write(t++, 0, p);
            }
            f.Close();
        }
        int status = 0;
        const std::string out = RunCommand("WIRESHARK_CONFIG_DIR=" + dir + " tshark -n -r " + pcap +
                                               " -T fields -E aggregator=, -e isakmp.typepayload"
                                               " 2>/dev/null",
                                           status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark ran");
        std::istringstream lines(out);
        std::string line;
        size_t k = 0;
        while (std::getline(lines, line) && k < expected.size())
        {
            // Drop the SA's proposal (2) and transform (3) substructure entries.
            std::string types;
            std::istringstream ts(line);
            std::string a;
            while (std::getline(ts, a, ','))
            {
                if (a != "2" && a != "3")
                {
                    types += (types.empty() ? "" : ",") + a;
                }
            }
            NS_TEST_ASSERT_MSG_EQ(types, expected[k], "decrypted payloads of message " << k);
            k++;
        }
        NS_TEST_ASSERT_MSG_EQ(k, expected.size(), "both messages decoded");
        if (!getenv("MIP6_KEEP_TMP"))
        {
            std::filesystem::remove_all(dir);
        }
    }
};

/**
 * \ingroup mip6-ipsec
 * The IKEv2 payload suite.
 */
class Mip6IpsecIkev2PayloadsTestSuite : public TestSuite
{
  public:
    Mip6IpsecIkev2PayloadsTestSuite()
        : TestSuite("mip6-ipsec-ikev2-payloads", UNIT)
    {
        AddTestCase(new IkeSizesTestCase, TestCase::QUICK);
        AddTestCase(new IkeLayoutTestCase, TestCase::QUICK);
        AddTestCase(new IkeRoundTripTestCase, TestCase::QUICK);
        AddTestCase(new IkeMalformedTestCase, TestCase::QUICK);
        AddTestCase(new IkeTsharkTestCase, TestCase::QUICK);
        AddTestCase(new IkeSkTestCase, TestCase::QUICK);
        AddTestCase(new IkeAdditionalAddressesTestCase, TestCase::QUICK);
        AddTestCase(new IkeSkTsharkTestCase, TestCase::QUICK);
    }
};

static Mip6IpsecIkev2PayloadsTestSuite g_ipsecIkev2PayloadsTestSuite; //!< the suite instance

} // namespace

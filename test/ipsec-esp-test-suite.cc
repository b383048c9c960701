/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ESP (RFC 4303) in mip6: known answers for every transform, round trips, the padding rule, and
 * every drop reason, at the SA and at the protocol (Next Header 50) with re-dispatch to the MH.
 */

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/mip6-category-tag.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-esp-protocol.h"
#include "ns3/mip6-esp-sa.h"
#include "ns3/mip6-extensions.h"
#include "ns3/mip6-header.h"
#include "ns3/mip6-l4-protocol.h"
#include "ns3/mip6-mac.h"
#include "ns3/test.h"

using namespace ns3;

namespace
{

const uint32_t kSpi = 0x00001001;

Mip6Bytes
Range(uint8_t from, uint8_t to)
{
    Mip6Bytes b;
    for (unsigned v = from; v < to; ++v)
    {
        b.push_back(static_cast<uint8_t>(v));
    }
    return b;
}

/// The keys of test/ipsec-esp-vectors.py.
Mip6EspSaConfig
VectorConfig(Mip6EspTransform t)
{
    Mip6EspSaConfig c;
    c.spi = kSpi;
    c.transform = t;
    switch (t)
    {
    case Mip6EspTransform::AES_CBC_HMAC_SHA1_96:
        c.encKey = Range(0x10, 0x20);
        c.integKey = Range(0x40, 0x54);
        break;
    case Mip6EspTransform::AES_CBC_HMAC_SHA256_128:
        c.encKey = Range(0x10, 0x20);
        c.integKey = Range(0x60, 0x80);
        break;
    case Mip6EspTransform::AES_GCM_16:
        c.encKey = Mip6Concat(Range(0x10, 0x20), Mip6Bytes{0xca, 0xfe, 0xba, 0xbe});
        break;
    case Mip6EspTransform::NULL_HMAC_SHA1_96:
        c.integKey = Range(0x40, 0x54);
        break;
    }
    return c;
}

Ptr<Mip6EspSa>
MakeSa(const Mip6EspSaConfig& c)
{
    std::string error;
    Ptr<Mip6EspSa> sa = Mip6EspSa::Create(c, error);
    NS_ABORT_MSG_IF(!sa, error);
    return sa;
}

const Mip6EspTransform kAll[] = {Mip6EspTransform::AES_CBC_HMAC_SHA1_96,
                                 Mip6EspTransform::AES_CBC_HMAC_SHA256_128,
                                 Mip6EspTransform::AES_GCM_16,
                                 Mip6EspTransform::NULL_HMAC_SHA1_96};

/**
 * \ingroup mip6-ipsec
 * Known answers: each transform seals the vectors' payloads to exactly the bytes computed
 * independently by test/ipsec-esp-vectors.py (pyca/cryptography) and opens them again.
 */
class EspKnownAnswerTestCase : public TestCase
{
  public:
    EspKnownAnswerTestCase()
        : TestCase("ESP known answers for CBC-SHA1, CBC-SHA256, GCM-16, NULL-SHA1")
    {
    }

  private:
    void DoRun() override
    {
        struct Vector
        {
            Mip6EspTransform transform;
            Mip6Bytes payload;
            std::string expected;
        };

        const Mip6Bytes mh32 = Range(0, 32);
        const Mip6Bytes odd5{1, 2, 3, 4, 5};
        const std::vector<Vector> vectors = {
            {Mip6EspTransform::AES_CBC_HMAC_SHA1_96,
             mh32,
             "0000100100000007a0a1a2a3a4a5a6a7a8a9aaabacadaeaf3a5eb8fc7284be1035c8c6dc6c30aafa6dd55"
             "07a17590a411348b5c7e5d48d8c520c79f90fb5862689fd4506fccfccbbe1d0d1db2d77f968dfa21593"},
            {Mip6EspTransform::AES_CBC_HMAC_SHA256_128,
             mh32,
             "0000100100000007a0a1a2a3a4a5a6a7a8a9aaabacadaeaf3a5eb8fc7284be1035c8c6dc6c30aafa6dd55"
             "07a17590a411348b5c7e5d48d8c520c79f90fb5862689fd4506fccfccbba534ff38bddc9c81e4ceb3d3"
             "90309f6e"},
            {Mip6EspTransform::AES_GCM_16,
             mh32,
             "0000100100000007b0b1b2b3b4b5b6b713a19546cdd71d6c40222c727cd9597b31d73e9d41e81b27050d0"
             "9951d01fe60f34b6004f996d6617e5e7d2059172d785ee665eb"},
            {Mip6EspTransform::NULL_HMAC_SHA1_96,
             mh32,
             "0000100100000007000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f0102"
             "028704c370c01f7589050cfe3a51"},
            {Mip6EspTransform::AES_CBC_HMAC_SHA1_96,
             odd5,
             "0000100100000007a0a1a2a3a4a5a6a7a8a9aaabacadaeaf82ac681b497f769d2bec9579e5cff8242e90d"
             "0b48752fbed7b6f26b0"},
            {Mip6EspTransform::AES_CBC_HMAC_SHA256_128,
             odd5,
             "0000100100000007a0a1a2a3a4a5a6a7a8a9aaabacadaeaf82ac681b497f769d2bec9579e5cff824f0fd7"
             "ef63fdfdd5af4eacab3313d1ea3"},
            {Mip6EspTransform::AES_GCM_16,
             odd5,
             "0000100100000007b0b1b2b3b4b5b6b712a29441ccd31aec963ef74fe2bbc6c1f3576c7d2240075f"},
            {Mip6EspTransform::NULL_HMAC_SHA1_96,
             odd5,
             "000010010000000701020304050101877ab4d9e22a275a749a3b76c5"},
        };
        for (const auto& v : vectors)
        {
            Ptr<Mip6EspSa> sa = MakeSa(VectorConfig(v.transform));
            const Mip6Bytes iv = sa->GetInfo().ivSize == 16  ? Range(0xa0, 0xb0)
                                 : sa->GetInfo().ivSize == 8 ? Range(0xb0, 0xb8)
                                                             : Mip6Bytes{};
            auto out = sa->SealWith(v.payload.data(), v.payload.size(), 135, 7, iv);
            NS_TEST_ASSERT_MSG_EQ(out.IsOk(), true, "sealed");
            NS_TEST_ASSERT_MSG_EQ(Mip6ToHex(*out), v.expected, sa->GetInfo().name);
            NS_TEST_ASSERT_MSG_EQ(out->size(), sa->GetPacketSize(v.payload.size()), "size");
            // The receiver opens the independently built packet.
            Ptr<Mip6EspSa> rx = MakeSa(VectorConfig(v.transform));
            const Mip6Bytes wire = *Mip6FromHex(v.expected);
            Mip6EspOpenResult r = rx->Open(wire.data(), wire.size());
            NS_TEST_ASSERT_MSG_EQ(r.ok, true, "opened " << sa->GetInfo().name);
            NS_TEST_ASSERT_MSG_EQ(r.nextHeader, 135, "next header");
            NS_TEST_ASSERT_MSG_EQ(r.sequence, 7, "sequence");
            NS_TEST_ASSERT_MSG_EQ(Mip6ToHex(r.payload), Mip6ToHex(v.payload), "payload");
        }
        // DESIGN.md §1: ESP(MH 32) = 84 (CBC-SHA1), 68 (GCM); ESP(MH 16) = 68 / 52.
        NS_TEST_ASSERT_MSG_EQ(MakeSa(VectorConfig(kAll[0]))->GetPacketSize(32), 84, "CBC 32");
        NS_TEST_ASSERT_MSG_EQ(MakeSa(VectorConfig(kAll[2]))->GetPacketSize(32), 68, "GCM 32");
        NS_TEST_ASSERT_MSG_EQ(MakeSa(VectorConfig(kAll[0]))->GetPacketSize(16), 68, "CBC 16");
        NS_TEST_ASSERT_MSG_EQ(MakeSa(VectorConfig(kAll[2]))->GetPacketSize(16), 52, "GCM 16");
    }
};

/**
 * \ingroup mip6-ipsec
 * Round trips with DRBG IVs for every transform and payload sizes 0..70: sizes, padding
 * (1, 2, 3 … to the block and to 4 bytes), sequence numbers 1, 2, 3 …, fresh IVs, and a
 * configuration with a wrong key length refused.
 */
class EspRoundTripTestCase : public TestCase
{
  public:
    EspRoundTripTestCase()
        : TestCase("ESP round trips, padding and sequence numbers for every transform")
    {
    }

  private:
    void DoRun() override
    {
        Mip6CryptoRandom::Install();
        for (Mip6EspTransform t : kAll)
        {
            Ptr<Mip6EspSa> tx = MakeSa(VectorConfig(t));
            Ptr<Mip6EspSa> rx = MakeSa(VectorConfig(t));
            Mip6Bytes lastIv;
            for (uint32_t n = 0; n <= 70; ++n)
            {
                const Mip6Bytes payload = Range(0, static_cast<uint8_t>(n));
                auto out = tx->Seal(payload.data(), payload.size(), 41);
                NS_TEST_ASSERT_MSG_EQ(out.IsOk(), true, "sealed");
                const auto& info = tx->GetInfo();
                NS_TEST_ASSERT_MSG_EQ(out->size(), tx->GetPacketSize(n), "size");
                NS_TEST_ASSERT_MSG_EQ((out->size() - 8 - info.ivSize - info.icvSize) %
                                          info.alignment,
                                      0,
                                      "aligned");
                NS_TEST_ASSERT_MSG_EQ(tx->GetSequenceOut(), n + 1, "sequence");
                const Mip6Bytes iv(out->begin() + 8, out->begin() + 8 + info.ivSize);
                if (!iv.empty())
                {
                    NS_TEST_ASSERT_MSG_NE(Mip6ToHex(iv), Mip6ToHex(lastIv), "fresh IV");
                }
                lastIv = iv;
                Mip6EspOpenResult r = rx->Open(out->data(), out->size());
                NS_TEST_ASSERT_MSG_EQ(r.ok, true, info.name << " size " << n);
                NS_TEST_ASSERT_MSG_EQ(r.nextHeader, 41, "next header");
                NS_TEST_ASSERT_MSG_EQ(Mip6ToHex(r.payload), Mip6ToHex(payload), "payload");
                NS_TEST_ASSERT_MSG_EQ(r.sequence, n + 1, "sequence in");
            }
            // A key of the wrong length is refused.
            Mip6EspSaConfig bad = VectorConfig(t);
            bad.integKey.push_back(0);
            bad.encKey.push_back(0);
            std::string error;
            NS_TEST_ASSERT_MSG_EQ(Mip6EspSa::Create(bad, error), nullptr, "bad key length");
            NS_TEST_ASSERT_MSG_NE(error, "", "reason given");
        }
        // Reserved SPIs (RFC 4303 §2.1).
        Mip6EspSaConfig c = VectorConfig(kAll[0]);
        c.spi = 255;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(Mip6EspSa::Create(c, error), nullptr, "reserved SPI");
        Mip6EspTransform t;
        NS_TEST_ASSERT_MSG_EQ(Mip6EspTransformFromName("gcm", t), true, "gcm");
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(t),
                              static_cast<int>(Mip6EspTransform::AES_GCM_16),
                              "");
        NS_TEST_ASSERT_MSG_EQ(Mip6EspTransformFromName("aes", t), false, "unknown name");
    }
};

/// Opens once (the test macros evaluate their arguments twice) and names the outcome.
std::string
Outcome(Ptr<Mip6EspSa> sa, const Mip6Bytes& p, size_t size)
{
    Mip6EspOpenResult r = sa->Open(p.data(), size);
    return r.ok ? "ok" : Mip6EspDropReasonToString(r.reason);
}

/// Builds an ESP packet whose plaintext trailer is given explicitly (for padding checks).
Mip6Bytes
ForgeWithTrailer(Mip6EspTransform t, const Mip6Bytes& plaintext)
{
    const Mip6EspSaConfig c = VectorConfig(t);
    const auto& info = Mip6EspGetTransformInfo(t);
    Mip6Bytes out = Mip6BigEndian(kSpi, 4);
    const Mip6Bytes seq = Mip6BigEndian(1, 4);
    out.insert(out.end(), seq.begin(), seq.end());
    const Mip6Bytes iv(info.ivSize, 0x5a);
    out.insert(out.end(), iv.begin(), iv.end());
    auto cipher = Mip6Cipher::Create(info.cipher, c.encKey);
    auto ct = cipher->Encrypt(iv, plaintext);
    out.insert(out.end(), ct->begin(), ct->end());
    auto integ = Mip6Integrity::Create(info.integ, c.integKey);
    auto icv = integ->Compute(out);
    out.insert(out.end(), icv->begin(), icv->end());
    return out;
}

/**
 * \ingroup mip6-ipsec
 * Every drop reason at the SA, each decided by the receiver's own check: a modified byte
 * anywhere (bad-icv), the same packet twice and a packet left of the window (replay), pad bytes
 * that are not 1, 2, 3 … and a pad length longer than the plaintext (bad-padding, with a valid
 * ICV), short packets and a ciphertext that is not whole blocks (truncated); a forged packet never
 * moves the window.
 */
class EspDropReasonTestCase : public TestCase
{
  public:
    EspDropReasonTestCase()
        : TestCase("ESP drop reasons at the SA: bad-icv, replay, bad-padding, truncated")
    {
    }

  private:
    void DoRun() override
    {
        Mip6CryptoRandom::Install();
        const Mip6Bytes payload = Range(0, 32);
        for (Mip6EspTransform t : kAll)
        {
            Ptr<Mip6EspSa> tx = MakeSa(VectorConfig(t));
            Ptr<Mip6EspSa> rx = MakeSa(VectorConfig(t));
            const std::string name = tx->GetInfo().name;
            auto p1 = *tx->Seal(payload.data(), payload.size(), 135);
            // One modified byte at each position after the SPI: never accepted.
            for (size_t i = 4; i < p1.size(); ++i)
            {
                Mip6Bytes m = p1;
                m[i] ^= 0x01;
                Mip6EspOpenResult r = rx->Open(m.data(), m.size());
                NS_TEST_ASSERT_MSG_EQ(r.ok, false, name << " byte " << i);
                // A changed sequence number might fall outside the window; otherwise the ICV.
                if (i >= 8)
                {
                    NS_TEST_ASSERT_MSG_EQ(Mip6EspDropReasonToString(r.reason),
                                          "bad-icv",
                                          name << " byte " << i);
                }
            }
            NS_TEST_ASSERT_MSG_EQ(rx->GetReplayWindow().HasReceived(), false, "window unmoved");
            NS_TEST_ASSERT_MSG_EQ(rx->Open(p1.data(), p1.size()).ok, true, "original accepted");
            Mip6EspOpenResult again = rx->Open(p1.data(), p1.size());
            NS_TEST_ASSERT_MSG_EQ(Mip6EspDropReasonToString(again.reason), "replay", name);
            // Move the window 100 ahead: packet 2 is then too old.
            auto p2 = *tx->Seal(payload.data(), payload.size(), 135);
            for (int k = 0; k < 100; ++k)
            {
                auto pk = *tx->Seal(payload.data(), payload.size(), 135);
                if (k == 99)
                {
                    NS_TEST_ASSERT_MSG_EQ(rx->Open(pk.data(), pk.size()).ok, true, "ahead");
                }
            }
            NS_TEST_ASSERT_MSG_EQ(Outcome(rx, p2, p2.size()), "replay", "left of the window");
            // Truncated: shorter than the fixed fields; and one byte short of whole blocks.
            NS_TEST_ASSERT_MSG_EQ(Outcome(rx, p1, 7), "truncated", name);
            auto p3 = *tx->Seal(payload.data(), payload.size(), 135);
            NS_TEST_ASSERT_MSG_EQ(Outcome(rx, p3, p3.size() - 1), "truncated", name);
        }
        // Bad padding with a valid ICV (CBC and NULL: the test builds the packet itself).
        for (Mip6EspTransform t :
             {Mip6EspTransform::AES_CBC_HMAC_SHA1_96, Mip6EspTransform::NULL_HMAC_SHA1_96})
        {
            const size_t align = Mip6EspGetTransformInfo(t).alignment;
            // payload 7, pad bytes 1, 2, 9 (wrong), … (CBC: 7 pad bytes, NULL: 3)
            const size_t payloadSize = 7;
            Mip6Bytes plain = Range(0, payloadSize);
            const size_t pad = (align - (plain.size() + 2) % align) % align;
            for (size_t i = 1; i <= pad; ++i)
            {
                plain.push_back(i == 3 ? 9 : static_cast<uint8_t>(i));
            }
            plain.push_back(static_cast<uint8_t>(pad));
            plain.push_back(135);
            Ptr<Mip6EspSa> rx = MakeSa(VectorConfig(t));
            Mip6Bytes forged = ForgeWithTrailer(t, plain);
            NS_TEST_ASSERT_MSG_EQ(Outcome(rx, forged, forged.size()), "bad-padding", "pad bytes");
            // Pad length beyond the plaintext.
            plain[plain.size() - 2] = 200;
            rx = MakeSa(VectorConfig(t));
            forged = ForgeWithTrailer(t, plain);
            NS_TEST_ASSERT_MSG_EQ(Outcome(rx, forged, forged.size()), "bad-padding", "pad length");
            // The same packet with correct padding passes.
            for (size_t i = 1; i <= pad; ++i)
            {
                plain[payloadSize + i - 1] = static_cast<uint8_t>(i);
            }
            plain[plain.size() - 2] = static_cast<uint8_t>(pad);
            rx = MakeSa(VectorConfig(t));
            forged = ForgeWithTrailer(t, plain);
            NS_TEST_ASSERT_MSG_EQ(rx->Open(forged.data(), forged.size()).ok, true, "valid");
        }
    }
};

/**
 * \ingroup mip6-ipsec
 * The protocol on a node: an ESP packet carrying a BU in transport mode (after a HAO) is opened
 * and the MH reaches the node's Mobility Header protocol with the HoA of the HAO and the SPI tag;
 * then unknown-spi, replay, bad-icv, truncated and policy (wrong source selector) are each
 * counted and traced, and none reaches the MH protocol.
 */
class EspProtocolTestCase : public TestCase
{
  public:
    EspProtocolTestCase()
        : TestCase("ESP protocol: transport-mode dispatch to the MH, counted and traced drops")
    {
    }

  private:
    std::vector<std::string> m_drops;
    std::vector<Mip6RxContext> m_mh;
    std::vector<uint32_t> m_spis;

    void OnDrop(Ptr<const Packet>, const std::string& reason)
    {
        m_drops.push_back(reason);
    }

    void OnMh(Ptr<const Packet> p, const Mip6RxContext& ctx)
    {
        m_mh.push_back(ctx);
        Mip6EspRxTag tag;
        m_spis.push_back(p->PeekPacketTag(tag) ? tag.spi : 0);
    }

    void DoRun() override
    {
        Mip6CryptoRandom::Install();
        Ptr<Node> node = CreateObject<Node>();
        InternetStackHelper internet;
        internet.SetIpv4StackInstall(false);
        internet.Install(node);
        Ptr<Mip6EspProtocol> esp = Mip6EspProtocol::Install(node);
        NS_TEST_ASSERT_MSG_EQ(Mip6EspProtocol::Install(node), esp, "idempotent");
        Ptr<Mip6L4Protocol> l4 = node->GetObject<Mip6L4Protocol>();
        esp->TraceConnectWithoutContext("Drop", MakeCallback(&EspProtocolTestCase::OnDrop, this));
        l4->TraceConnectWithoutContext("Rx", MakeCallback(&EspProtocolTestCase::OnMh, this));

        const Ipv6Address hoa("fd00:1::10");
        const Ipv6Address coa("fd00:3::10");
        const Ipv6Address ha("fd00:1::1");
        Mip6EspSaConfig c = VectorConfig(Mip6EspTransform::AES_CBC_HMAC_SHA1_96);
        c.source = hoa;     // the BU's selectors: from the HoA …
        c.destination = ha; // … to the HA
        Ptr<Mip6EspSa> out = MakeSa(c);
        esp->AddInboundSa(MakeSa(c));
        NS_TEST_ASSERT_MSG_EQ(esp->GetInboundSaCount(), 1, "SAD");

        Mip6BindingUpdateHeader bu;
        bu.SetSequence(1);
        bu.AddOption(Mip6Option::AlternateCareOfAddress(coa));
        bu.CalculateChecksum(hoa, ha);
        Ptr<Packet> mh = Create<Packet>();
        mh->AddHeader(bu);
        mh->AddPacketTag(Mip6CategoryTag(Mip6Category::MIP6, "BU", 7));
        Ptr<Packet> pkt = Mip6EspProtocol::Protect(mh, 135, out);
        NS_TEST_ASSERT_MSG_EQ(pkt->GetSize(), 84, "ESP(MH 32)");
        Mip6CategoryTag tag;
        NS_TEST_ASSERT_MSG_EQ(pkt->PeekPacketTag(tag), true, "category carried over");
        NS_TEST_ASSERT_MSG_EQ(tag.GetProtectionBytes(), 84 - 32, "protection bytes");

        Ipv6Header ip;
        ip.SetSource(coa);
        ip.SetDestination(ha);
        ip.SetNextHeader(50);
        auto deliver = [&](Ptr<Packet> p, bool withHao) {
            Ptr<Packet> copy = p->Copy();
            if (withHao)
            {
                Mip6HaoTag hao;
                hao.SetHomeAddress(hoa);
                copy->AddPacketTag(hao);
            }
            esp->Receive(copy, ip, nullptr);
        };
        deliver(pkt, true);
        NS_TEST_ASSERT_MSG_EQ(m_mh.size(), 1, "MH delivered");
        NS_TEST_ASSERT_MSG_EQ(m_mh[0].hao.has_value(), true, "HAO in context");
        NS_TEST_ASSERT_MSG_EQ(*m_mh[0].hao, hoa, "HoA");
        NS_TEST_ASSERT_MSG_EQ(m_mh[0].mhType, 5, "BU");
        NS_TEST_ASSERT_MSG_EQ(m_spis[0], kSpi, "SPI tag");
        NS_TEST_ASSERT_MSG_EQ(esp->GetRxCount(), 1, "rx");

        // replay
        deliver(pkt, true);
        // one modified byte (in the ciphertext) of a new packet (an old one is a replay first)
        Ptr<Packet> mod = Mip6EspProtocol::Protect(mh, 135, out);
        std::vector<uint8_t> b(mod->GetSize());
        mod->CopyData(b.data(), b.size());
        b[40] ^= 0x80;
        deliver(Create<Packet>(b.data(), b.size()), true);
        // unknown SPI
        b = std::vector<uint8_t>(pkt->GetSize());
        pkt->CopyData(b.data(), b.size());
        b[3] ^= 0x01;
        deliver(Create<Packet>(b.data(), b.size()), true);
        // truncated
        deliver(Create<Packet>(b.data(), 5), true);
        // policy: a valid packet, but the HAO names another HoA than the SA's selector
        Ptr<Packet> fresh = Mip6EspProtocol::Protect(mh, 135, out);
        deliver(fresh, false);

        const std::vector<std::string> expected = {"replay",
                                                   "bad-icv",
                                                   "unknown-spi",
                                                   "truncated",
                                                   "policy"};
        NS_TEST_ASSERT_MSG_EQ(m_drops.size(), expected.size(), "every drop traced");
        for (size_t i = 0; i < expected.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(m_drops[i], expected[i], "drop " << i);
        }
        NS_TEST_ASSERT_MSG_EQ(esp->GetDropCount(Mip6EspDropReason::REPLAY), 1, "replay count");
        NS_TEST_ASSERT_MSG_EQ(esp->GetDropCount(Mip6EspDropReason::BAD_ICV), 1, "icv count");
        NS_TEST_ASSERT_MSG_EQ(esp->GetDropCount(Mip6EspDropReason::UNKNOWN_SPI), 1, "spi count");
        NS_TEST_ASSERT_MSG_EQ(esp->GetDropCount(Mip6EspDropReason::TRUNCATED), 1, "trunc count");
        NS_TEST_ASSERT_MSG_EQ(esp->GetDropCount(Mip6EspDropReason::POLICY), 1, "policy count");
        NS_TEST_ASSERT_MSG_EQ(esp->GetDropCount(), 5, "total");
        NS_TEST_ASSERT_MSG_EQ(m_mh.size(), 1, "nothing else reached the MH protocol");
        Simulator::Destroy();
    }
};

/**
 * \ingroup mip6-ipsec
 * Parsers never trust a length: 5000 random ESP packets (random length 0..200, half of them with
 * a known SPI, some truncated copies of valid packets for every transform) reach the protocol;
 * none crashes, none is accepted, and every one is counted as exactly one drop.
 */
class EspMalformedTestCase : public TestCase
{
  public:
    EspMalformedTestCase()
        : TestCase(
              "ESP protocol: random and truncated packets are dropped and counted, never crash")
    {
    }

  private:
    void DoRun() override
    {
        Mip6CryptoRandom::Install();
        Ptr<Node> node = CreateObject<Node>();
        InternetStackHelper internet;
        internet.SetIpv4StackInstall(false);
        internet.Install(node);
        Ptr<Mip6EspProtocol> esp = Mip6EspProtocol::Install(node);
        std::vector<Ptr<Mip6EspSa>> senders;
        uint32_t spi = 0x2000;
        for (Mip6EspTransform t : kAll)
        {
            Mip6EspSaConfig c = VectorConfig(t);
            c.spi = spi++;
            senders.push_back(MakeSa(c));
            esp->AddInboundSa(MakeSa(c));
        }
        Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
        u->SetStream(7);
        Ipv6Header ip;
        ip.SetSource(Ipv6Address("fd00:3::10"));
        ip.SetDestination(Ipv6Address("fd00:1::1"));
        ip.SetNextHeader(50);
        const uint32_t n = 5000;
        for (uint32_t i = 0; i < n; ++i)
        {
            std::vector<uint8_t> b;
            if (i % 4 == 3)
            {
                // A valid packet cut short anywhere.
                Ptr<Mip6EspSa> sa = senders[i % senders.size()];
                const Mip6Bytes payload(u->GetInteger(0, 60), 0x42);
                auto full = *sa->Seal(payload.data(), payload.size(), 135);
                b.assign(full.begin(), full.begin() + u->GetInteger(0, full.size() - 1));
            }
            else
            {
                b.resize(u->GetInteger(0, 200));
                for (auto& x : b)
                {
                    x = static_cast<uint8_t>(u->GetInteger(0, 255));
                }
                if (i % 2 == 0 && b.size() >= 4)
                {
                    const Mip6Bytes s = Mip6BigEndian(0x2000 + u->GetInteger(0, 3), 4);
                    std::copy(s.begin(), s.end(), b.begin());
                }
            }
            esp->Receive(Create<Packet>(b.data(), b.size()), ip, nullptr);
        }
        NS_TEST_ASSERT_MSG_EQ(esp->GetRxCount(), 0, "nothing accepted");
        NS_TEST_ASSERT_MSG_EQ(esp->GetDropCount(), n, "every packet counted once");
        NS_TEST_ASSERT_MSG_GT(esp->GetDropCount(Mip6EspDropReason::TRUNCATED), 0u, "truncated");
        NS_TEST_ASSERT_MSG_GT(esp->GetDropCount(Mip6EspDropReason::UNKNOWN_SPI), 0u, "spi");
        NS_TEST_ASSERT_MSG_GT(esp->GetDropCount(Mip6EspDropReason::BAD_ICV), 0u, "icv");
        Simulator::Destroy();
    }
};

/**
 * \ingroup mip6-ipsec
 * The ESP test suite.
 */
class Mip6IpsecEspTestSuite : public TestSuite
{
  public:
    Mip6IpsecEspTestSuite()
        : TestSuite("mip6-ipsec-esp", UNIT)
    {
        AddTestCase(new EspKnownAnswerTestCase, TestCase::QUICK);
        AddTestCase(new EspRoundTripTestCase, TestCase::QUICK);
        AddTestCase(new EspDropReasonTestCase, TestCase::QUICK);
        AddTestCase(new EspProtocolTestCase, TestCase::QUICK);
        AddTestCase(new EspMalformedTestCase, TestCase::QUICK);
    }
};

static Mip6IpsecEspTestSuite g_ipsecEspTestSuite; //!< the suite instance

} // namespace

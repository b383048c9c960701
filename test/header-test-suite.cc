/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Suite "mip6-header": the RFC 6275 wire formats of mip6 (Mobility Header messages and options,
 * Home Address option, Type 2 Routing Header), their checksum, the validation of received bytes,
 * and Mip6L4Protocol end to end on two nodes.
 *
 * Expected bytes are written out by hand from the RFC 6275 figures (§6.1.1-§6.1.9, §6.2, §6.3,
 * §6.4), never produced by the code under test.
 */

#include "ns3/csma-helper.h"
#include "ns3/icmpv6-header.h"
#include "ns3/icmpv6-l4-protocol.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv6-address-helper.h"
#include "ns3/ipv6-extension.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/mip6-extensions.h"
#include "ns3/mip6-header.h"
#include "ns3/mip6-l4-protocol.h"
#include "ns3/mip6-options.h"
#include "ns3/node-container.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <algorithm>
#include <cstdint>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

using Bytes = std::vector<uint8_t>;

// Addresses (fd00::/8, never the documentation prefix: DESIGN.md section 7).
const Ipv6Address kHoa("fd00:aaaa::100");
const Ipv6Address kCoa("fd00:bbbb::200");
const Ipv6Address kHa("fd00:aaaa::1");

Bytes
Addr(const Ipv6Address& a)
{
    Bytes b(16);
    a.Serialize(b.data());
    return b;
}

void
Append(Bytes& to, const Bytes& from)
{
    to.insert(to.end(), from.begin(), from.end());
}

Bytes
PacketBytes(Ptr<const Packet> p)
{
    Bytes b(p->GetSize());
    p->CopyData(b.data(), b.size());
    return b;
}

std::string
Hex(const Bytes& b)
{
    std::ostringstream os;
    for (std::size_t i = 0; i < b.size(); ++i)
    {
        static const char* digits = "0123456789abcdef";
        os << digits[b[i] >> 4] << digits[b[i] & 0xf] << ((i % 8 == 7) ? " " : "");
    }
    return os.str();
}

/**
 * The MH checksum computed independently of the library: the RFC 1071 one's-complement sum of
 * big-endian 16-bit words over the RFC 8200 §8.1 pseudo-header (source, destination, 32-bit
 * upper-layer length, three zero bytes, Next Header 135) and the MH bytes with the checksum field
 * (bytes 4-5) taken as zero, complemented.
 */
uint16_t
IndependentChecksum(const Ipv6Address& src, const Ipv6Address& dst, Bytes mh)
{
    mh[4] = 0;
    mh[5] = 0;
    Bytes all = Addr(src);
    Append(all, Addr(dst));
    const uint32_t len = static_cast<uint32_t>(mh.size());
    all.push_back(len >> 24);
    all.push_back((len >> 16) & 0xff);
    all.push_back((len >> 8) & 0xff);
    all.push_back(len & 0xff);
    all.push_back(0);
    all.push_back(0);
    all.push_back(0);
    all.push_back(135);
    Append(all, mh);
    if (all.size() % 2)
    {
        all.push_back(0);
    }
    uint32_t sum = 0;
    for (std::size_t i = 0; i < all.size(); i += 2)
    {
        sum += (static_cast<uint32_t>(all[i]) << 8) | all[i + 1];
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return static_cast<uint16_t>(~sum & 0xffff);
}

/// Serialises a header into a packet (as senders do) and returns the packet.
Ptr<Packet>
ToPacket(const Header& h)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    return p;
}

/// The BU of the unprotected home registration (DESIGN.md §1): H, A, K set, AltCoA option.
Mip6BindingUpdateHeader
HomeBu()
{
    Mip6BindingUpdateHeader bu;
    bu.SetSequence(0x1234);
    bu.SetFlag(Mip6BindingUpdateHeader::FLAG_A, true);
    bu.SetFlag(Mip6BindingUpdateHeader::FLAG_H, true);
    bu.SetFlag(Mip6BindingUpdateHeader::FLAG_K, true);
    bu.SetLifetimeUnits(0x0096); // 600 s
    bu.AddOption(Mip6Option::AlternateCareOfAddress(kCoa));
    return bu;
}

/// RFC 6275 §6.1.7 + §6.2.5, by hand: the 32-byte BU with AltCoA, checksum field zero.
Bytes
HomeBuBytes()
{
    Bytes b = {
        59,
        3,
        5,
        0, // Payload Proto, Header Len 3 (32 bytes), MH Type 5, Reserved
        0,
        0, // Checksum
        0x12,
        0x34, // Sequence #
        0xd0,
        0x00, // A H K set (0x8000 | 0x4000 | 0x1000)
        0x00,
        0x96, // Lifetime
        1,
        0, // PadN, length 0: puts the AltCoA Type at offset 14 = 8n+6
        3,
        16, // Alternate Care-of Address option
    };
    Append(b, Addr(kCoa));
    return b;
}

} // namespace

// =============================================================================================

/**
 * Every message round-trips (serialise -> Validate -> deserialise -> same fields), with every
 * option type.
 */
class Mip6RoundTripTestCase : public TestCase
{
  public:
    Mip6RoundTripTestCase()
        : TestCase("Every MH message and option round-trips through Validate and Deserialize")
    {
    }

  private:
    /// Serialises h, validates the bytes, deserialises into out; returns the bytes.
    template <class H>
    Bytes RoundTrip(const H& h, H& out, uint8_t expectedType)
    {
        Ptr<Packet> p = ToPacket(h);
        uint8_t type = 0xff;
        uint32_t len = 0;
        NS_TEST_EXPECT_MSG_EQ(Mip6ParseErrorToString(Mip6Header::Validate(p, type, len)),
                              "none",
                              "valid message refused");
        NS_TEST_EXPECT_MSG_EQ(unsigned(type), unsigned(expectedType), "MH type");
        NS_TEST_EXPECT_MSG_EQ(len, p->GetSize(), "MH length");
        NS_TEST_EXPECT_MSG_EQ(len % 8, 0u, "MH not a multiple of 8");
        const uint32_t consumed = p->RemoveHeader(out);
        NS_TEST_EXPECT_MSG_EQ(consumed, len, "Deserialize consumed");
        NS_TEST_EXPECT_MSG_EQ(p->GetSize(), 0u, "bytes left");
        NS_TEST_EXPECT_MSG_EQ(out.GetChecksum(), h.GetChecksum(), "checksum");
        NS_TEST_EXPECT_MSG_EQ(out.GetOptions().size(), h.GetOptions().size(), "option count");
        for (std::size_t i = 0; i < out.GetOptions().size() && i < h.GetOptions().size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(unsigned(out.GetOptions()[i].GetType()),
                                  unsigned(h.GetOptions()[i].GetType()),
                                  "option type");
            NS_TEST_EXPECT_MSG_EQ((out.GetOptions()[i].GetData() == h.GetOptions()[i].GetData()),
                                  true,
                                  "option data");
        }
        NS_TEST_EXPECT_MSG_EQ(Hex(out.SerializeToBytes()),
                              Hex(h.SerializeToBytes()),
                              "re-serialisation differs");
        return h.SerializeToBytes();
    }

    void DoRun() override
    {
        {
            Mip6BindingRefreshRequestHeader brr;
            Mip6BindingRefreshRequestHeader out;
            const Bytes b = RoundTrip(brr, out, Mip6Header::BRR);
            NS_TEST_EXPECT_MSG_EQ(b.size(), 8u, "BRR size");
        }
        {
            Mip6HomeTestInitHeader h;
            h.SetCookie(0x0102030405060708ULL);
            Mip6HomeTestInitHeader out;
            RoundTrip(h, out, Mip6Header::HOTI);
            NS_TEST_EXPECT_MSG_EQ(out.GetCookie(), 0x0102030405060708ULL, "HoTI cookie");
            NS_TEST_EXPECT_MSG_EQ(h.GetSerializedSize(), 16u, "HoTI size");
        }
        {
            Mip6CareOfTestInitHeader h;
            h.SetCookie(0xfffefdfcfbfaf9f8ULL);
            Mip6CareOfTestInitHeader out;
            RoundTrip(h, out, Mip6Header::COTI);
            NS_TEST_EXPECT_MSG_EQ(out.GetCookie(), 0xfffefdfcfbfaf9f8ULL, "CoTI cookie");
        }
        {
            Mip6HomeTestHeader h;
            h.SetNonceIndex(0xbeef);
            h.SetCookie(0x1111222233334444ULL);
            h.SetKeygenToken(0x5555666677778888ULL);
            Mip6HomeTestHeader out;
            RoundTrip(h, out, Mip6Header::HOT);
            NS_TEST_EXPECT_MSG_EQ(out.GetNonceIndex(), 0xbeef, "HoT nonce index");
            NS_TEST_EXPECT_MSG_EQ(out.GetCookie(), 0x1111222233334444ULL, "HoT cookie");
            NS_TEST_EXPECT_MSG_EQ(out.GetKeygenToken(), 0x5555666677778888ULL, "HoT token");
            NS_TEST_EXPECT_MSG_EQ(h.GetSerializedSize(), 24u, "HoT size");
        }
        {
            Mip6CareOfTestHeader h;
            h.SetNonceIndex(7);
            h.SetCookie(42);
            h.SetKeygenToken(43);
            Mip6CareOfTestHeader out;
            RoundTrip(h, out, Mip6Header::COT);
            NS_TEST_EXPECT_MSG_EQ(out.GetNonceIndex(), 7, "CoT nonce index");
            NS_TEST_EXPECT_MSG_EQ(out.GetCookie(), 42u, "CoT cookie");
            NS_TEST_EXPECT_MSG_EQ(out.GetKeygenToken(), 43u, "CoT token");
        }
        {
            // BU with every RFC 6275 option a BU can carry and a generic (unknown-type) option.
            Mip6BindingUpdateHeader bu;
            bu.SetSequence(65535);
            bu.SetFlags(Mip6BindingUpdateHeader::FLAG_A | Mip6BindingUpdateHeader::FLAG_H |
                        Mip6BindingUpdateHeader::FLAG_L | Mip6BindingUpdateHeader::FLAG_D);
            bu.SetLifetimeUnits(1);
            bu.AddOption(Mip6Option::AlternateCareOfAddress(kCoa));
            bu.AddOption(Mip6Option::NonceIndices(0x0102, 0x0304));
            bu.AddOption(Mip6Option(200, {0xde, 0xad, 0xbe}, 4, 1));
            std::array<uint8_t, 12> auth{};
            for (std::size_t i = 0; i < auth.size(); ++i)
            {
                auth[i] = static_cast<uint8_t>(0xa0 + i);
            }
            bu.AddOption(Mip6Option::BindingAuthorizationData(auth));
            bu.CalculateChecksum(kHoa, kHa);
            Mip6BindingUpdateHeader out;
            RoundTrip(bu, out, Mip6Header::BU);
            NS_TEST_EXPECT_MSG_EQ(out.GetSequence(), 65535, "BU seq");
            NS_TEST_EXPECT_MSG_EQ(out.GetFlags(), 0xe010, "BU flags");
            NS_TEST_EXPECT_MSG_EQ(out.HasFlag(Mip6BindingUpdateHeader::FLAG_K), false, "K");
            NS_TEST_EXPECT_MSG_EQ(out.HasFlag(Mip6BindingUpdateHeader::FLAG_L), true, "L");
            NS_TEST_EXPECT_MSG_EQ(out.GetLifetime(), Seconds(4), "BU lifetime");
            const Mip6Option* acoa = out.FindOption(Mip6OptionType::ALTERNATE_COA);
            NS_TEST_ASSERT_MSG_NE(acoa, nullptr, "AltCoA");
            NS_TEST_EXPECT_MSG_EQ(acoa->GetAlternateCareOfAddress().value_or(Ipv6Address()),
                                  kCoa,
                                  "AltCoA value");
            const Mip6Option* ni = out.FindOption(Mip6OptionType::NONCE_INDICES);
            NS_TEST_ASSERT_MSG_NE(ni, nullptr, "Nonce Indices");
            NS_TEST_EXPECT_MSG_EQ(ni->GetNonceIndices().value_or(std::make_pair(0, 0)).first,
                                  0x0102,
                                  "home nonce index");
            NS_TEST_EXPECT_MSG_EQ(ni->GetNonceIndices().value_or(std::make_pair(0, 0)).second,
                                  0x0304,
                                  "care-of nonce index");
            const Mip6Option* bad = out.FindOption(Mip6OptionType::BINDING_AUTHORIZATION_DATA);
            NS_TEST_ASSERT_MSG_NE(bad, nullptr, "BAD");
            NS_TEST_EXPECT_MSG_EQ(
                (bad->GetBindingAuthorizationData().value_or(std::array<uint8_t, 12>{}) == auth),
                true,
                "BAD authenticator");
            const Mip6Option* gen = out.FindOption(200);
            NS_TEST_ASSERT_MSG_NE(gen, nullptr, "generic option");
            NS_TEST_EXPECT_MSG_EQ(gen->GetData().size(), 3u, "generic option length");
            // Typed readers refuse other types.
            NS_TEST_EXPECT_MSG_EQ(gen->GetAlternateCareOfAddress().has_value(), false, "typed");
            NS_TEST_EXPECT_MSG_EQ(acoa->GetBindingRefreshAdvice().has_value(), false, "typed");
            // The options keep their RFC alignment on the wire.
            for (std::size_t i = 0; i < out.GetOptions().size(); ++i)
            {
                const Mip6Option& o = out.GetOptions()[i];
                NS_TEST_EXPECT_MSG_EQ(out.GetOptionOffset(i) % o.GetAlignX(),
                                      o.GetAlignY(),
                                      "alignment of option " << i);
            }
            NS_TEST_EXPECT_MSG_EQ(Mip6Header::VerifyChecksum(out.SerializeToBytes().data(),
                                                             out.GetSerializedSize(),
                                                             kHoa,
                                                             kHa),
                                  true,
                                  "checksum survives the round trip");
        }
        {
            Mip6BindingAckHeader ba;
            ba.SetStatus(Mip6BaStatus::REINIT_SA_WITH_HAC);
            ba.SetFlags(Mip6BindingAckHeader::FLAG_K | Mip6BindingAckHeader::FLAG_B);
            ba.SetSequence(9);
            ba.SetLifetimeUnits(0xffff);
            ba.AddOption(Mip6Option::BindingRefreshAdvice(75));
            Mip6BindingAckHeader out;
            RoundTrip(ba, out, Mip6Header::BA);
            NS_TEST_EXPECT_MSG_EQ(unsigned(out.GetStatus()), 176u, "BA status");
            NS_TEST_EXPECT_MSG_EQ(unsigned(out.GetFlags()), 0x88u, "BA flags");
            NS_TEST_EXPECT_MSG_EQ(out.HasFlag(Mip6BindingAckHeader::FLAG_K), true, "BA K");
            NS_TEST_EXPECT_MSG_EQ(out.HasFlag(Mip6BindingAckHeader::FLAG_R), false, "BA R");
            NS_TEST_EXPECT_MSG_EQ(out.GetSequence(), 9, "BA seq");
            NS_TEST_EXPECT_MSG_EQ(out.GetLifetime(), Seconds(4.0 * 0xffff), "BA lifetime");
            const Mip6Option* bra = out.FindOption(Mip6OptionType::BINDING_REFRESH_ADVICE);
            NS_TEST_ASSERT_MSG_NE(bra, nullptr, "BRA");
            NS_TEST_EXPECT_MSG_EQ(bra->GetBindingRefreshAdvice().value_or(0), 75, "BRA value");
        }
        {
            Mip6BindingErrorHeader be;
            be.SetStatus(Mip6BindingErrorHeader::STATUS_UNRECOGNIZED_MH_TYPE);
            be.SetHomeAddress(kHoa);
            Mip6BindingErrorHeader out;
            RoundTrip(be, out, Mip6Header::BE);
            NS_TEST_EXPECT_MSG_EQ(unsigned(out.GetStatus()), 2u, "BE status");
            NS_TEST_EXPECT_MSG_EQ(out.GetHomeAddress(), kHoa, "BE HoA");
            NS_TEST_EXPECT_MSG_EQ(be.GetSerializedSize(), 24u, "BE size");
        }
        {
            // Option helpers and mutators.
            Mip6BindingUpdateHeader bu = HomeBu();
            bu.AddOption(Mip6Option::AlternateCareOfAddress(kHa));
            NS_TEST_EXPECT_MSG_EQ(
                bu.FindOption(Mip6OptionType::ALTERNATE_COA)->GetAlternateCareOfAddress().value(),
                kCoa,
                "FindOption returns the first match");
            bu.RemoveOptions(Mip6OptionType::ALTERNATE_COA);
            NS_TEST_EXPECT_MSG_EQ(bu.GetOptions().size(), 0u, "RemoveOptions");
            NS_TEST_EXPECT_MSG_EQ(bu.GetSerializedSize(), 16u, "BU without options: PadN 4");
            NS_TEST_EXPECT_MSG_EQ(Mip6Option().GetSerializedSize(), 2u, "empty option");
            Mip6Option o = Mip6Option::BindingRefreshAdvice(1);
            o.SetData({0, 1, 2});
            NS_TEST_EXPECT_MSG_EQ(o.GetBindingRefreshAdvice().has_value(),
                                  false,
                                  "typed reader checks the length");
            NS_TEST_EXPECT_MSG_EQ(Mip6ParseErrorToString(Mip6ParseError::BAD_CHECKSUM),
                                  "bad-checksum",
                                  "error name");
        }
    }
};

// =============================================================================================

/// Exact bytes against the RFC layouts.
class Mip6ExactBytesTestCase : public TestCase
{
  public:
    Mip6ExactBytesTestCase()
        : TestCase("MH, HAO and Type 2 RH bytes match the RFC 6275 figures")
    {
    }

  private:
    void DoRun() override
    {
        // BU + AltCoA: 32 bytes, Header Len 3, PadN(0) at 12, AltCoA Type at offset 14 (8n+6).
        {
            Mip6BindingUpdateHeader bu = HomeBu();
            NS_TEST_EXPECT_MSG_EQ(bu.GetSerializedSize(), 32u, "BU+AltCoA size");
            NS_TEST_EXPECT_MSG_EQ(unsigned(bu.GetHeaderLen()), 3u, "BU+AltCoA Header Len");
            NS_TEST_EXPECT_MSG_EQ(bu.GetOptionOffset(0), 14u, "AltCoA offset");
            NS_TEST_EXPECT_MSG_EQ(Hex(bu.SerializeToBytes()), Hex(HomeBuBytes()), "BU+AltCoA");
        }
        // BA without options: 16 bytes, PadN 4 at the end.
        {
            Mip6BindingAckHeader ba;
            ba.SetStatus(0);
            ba.SetFlags(Mip6BindingAckHeader::FLAG_K);
            ba.SetSequence(0x1234);
            ba.SetLifetimeUnits(0x0096);
            const Bytes expect = {59, 1, 6, 0, 0, 0, 0, 0x80, 0x12, 0x34, 0x00, 0x96, 1, 2, 0, 0};
            NS_TEST_EXPECT_MSG_EQ(Hex(ba.SerializeToBytes()), Hex(expect), "BA");
        }
        // BA + Binding Refresh Advice (2n at offset 12): 16 bytes, no padding.
        {
            Mip6BindingAckHeader ba;
            ba.SetStatus(Mip6BaStatus::ACCEPTED);
            ba.SetSequence(0x1234);
            ba.SetLifetimeUnits(0x0096);
            ba.AddOption(Mip6Option::BindingRefreshAdvice(0x004b));
            const Bytes expect =
                {59, 1, 6, 0, 0, 0, 0, 0, 0x12, 0x34, 0x00, 0x96, 2, 2, 0x00, 0x4b};
            NS_TEST_EXPECT_MSG_EQ(Hex(ba.SerializeToBytes()), Hex(expect), "BA+BRA");
        }
        // BU + Binding Authorization Data (8n+2): PadN 4 data bytes, BAD at 18, 32 bytes.
        {
            Mip6BindingUpdateHeader bu;
            bu.SetSequence(1);
            bu.SetLifetimeUnits(2);
            std::array<uint8_t, 12> auth{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
            bu.AddOption(Mip6Option::BindingAuthorizationData(auth));
            const Bytes expect = {59, 3, 5, 0,  0, 0, 0, 1, 0, 0, 0, 2, 1, 4,  0,  0,
                                  0,  0, 5, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
            NS_TEST_EXPECT_MSG_EQ(bu.GetOptionOffset(0), 18u, "BAD offset");
            NS_TEST_EXPECT_MSG_EQ(Hex(bu.SerializeToBytes()), Hex(expect), "BU+BAD");
        }
        // BU + AltCoA + BAD: PadN(0) before the BAD at 34, 48 bytes, Header Len 5.
        {
            Mip6BindingUpdateHeader bu = HomeBu();
            std::array<uint8_t, 12> auth{};
            auth.fill(0xee);
            bu.AddOption(Mip6Option::BindingAuthorizationData(auth));
            Bytes expect = HomeBuBytes();
            expect[1] = 5;
            Append(expect, {1, 0, 5, 12});
            Append(expect, Bytes(12, 0xee));
            NS_TEST_EXPECT_MSG_EQ(Hex(bu.SerializeToBytes()), Hex(expect), "BU+AltCoA+BAD");
        }
        // A single pad byte is a Pad1: generic option at 8n+5 after the 12-byte BU.
        {
            Mip6BindingUpdateHeader bu;
            bu.AddOption(Mip6Option(200, {0xa, 0xb, 0xc}, 8, 5));
            const Bytes expect = {59, 2,   5, 0,   0,   0,   0, 0, 0, 0, 0, 0,
                                  0,  200, 3, 0xa, 0xb, 0xc, 1, 4, 0, 0, 0, 0};
            NS_TEST_EXPECT_MSG_EQ(Hex(bu.SerializeToBytes()), Hex(expect), "Pad1");
        }
        // BE (§6.1.9) and BRR (§6.1.2).
        {
            Mip6BindingErrorHeader be;
            be.SetStatus(1);
            be.SetHomeAddress(kHoa);
            Bytes expect = {59, 2, 7, 0, 0, 0, 1, 0};
            Append(expect, Addr(kHoa));
            NS_TEST_EXPECT_MSG_EQ(Hex(be.SerializeToBytes()), Hex(expect), "BE");
            Mip6BindingRefreshRequestHeader brr;
            NS_TEST_EXPECT_MSG_EQ(Hex(brr.SerializeToBytes()),
                                  Hex({59, 0, 0, 0, 0, 0, 0, 0}),
                                  "BRR");
        }
        // HoT (§6.1.5): nonce index, cookie, token; 24 bytes, no padding.
        {
            Mip6HomeTestHeader hot;
            hot.SetNonceIndex(0x0a0b);
            hot.SetCookie(0x0102030405060708ULL);
            hot.SetKeygenToken(0x1112131415161718ULL);
            const Bytes expect = {59, 2, 3, 0, 0,    0,    0x0a, 0x0b, 1,    2,    3,    4,
                                  5,  6, 7, 8, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18};
            NS_TEST_EXPECT_MSG_EQ(Hex(hot.SerializeToBytes()), Hex(expect), "HoT");
        }
        // The checksum field sits at bytes 4-5, network order.
        {
            Mip6BindingRefreshRequestHeader brr;
            brr.SetChecksum(0xabcd);
            const Bytes b = brr.SerializeToBytes();
            NS_TEST_EXPECT_MSG_EQ(unsigned(b[4]), 0xabu, "checksum high byte");
            NS_TEST_EXPECT_MSG_EQ(unsigned(b[5]), 0xcdu, "checksum low byte");
        }

        // Full packets, built the way Mip6L4Protocol::Send builds them.
        // BU from the CoA: IPv6 40 + DestOpt(PadN 4, HAO) 24 + MH 32 = 96 bytes.
        {
            Mip6BindingUpdateHeader bu = HomeBu();
            bu.CalculateChecksum(kHoa, kHa);
            uint8_t nh = 0;
            Ptr<Packet> p = Mip6L4Protocol::BuildPacket(ToPacket(bu), 135, kHoa, std::nullopt, nh);
            NS_TEST_EXPECT_MSG_EQ(unsigned(nh), 60u, "first Next Header: Destination Options");
            Ipv6Header ip;
            ip.SetSource(kCoa);
            ip.SetDestination(kHa);
            ip.SetNextHeader(nh);
            ip.SetPayloadLength(p->GetSize());
            ip.SetHopLimit(64);
            ip.SetFlowLabel(0);
            p->AddHeader(ip);
            Bytes expect = {0x60, 0, 0, 0, 0, 56, 60, 64}; // version 6, plen 56, NH 60, hops 64
            Append(expect, Addr(kCoa));
            Append(expect, Addr(kHa));
            Append(expect, {135, 2, 1, 2, 0, 0, 0xc9, 16}); // NH 135, len 2, PadN 4, HAO
            Append(expect, Addr(kHoa));
            Bytes mh = HomeBuBytes();
            const uint16_t csum = IndependentChecksum(kHoa, kHa, mh);
            mh[4] = csum >> 8;
            mh[5] = csum & 0xff;
            Append(expect, mh);
            NS_TEST_EXPECT_MSG_EQ(p->GetSize(), 96u, "BU packet size");
            NS_TEST_EXPECT_MSG_EQ(Hex(PacketBytes(p)), Hex(expect), "BU packet bytes");
        }
        // BA to the CoA: IPv6 40 + RH2 24 + MH 16 = 80 bytes.
        {
            Mip6BindingAckHeader ba;
            ba.SetSequence(0x1234);
            ba.SetLifetimeUnits(0x0096);
            ba.CalculateChecksum(kHa, kHoa);
            uint8_t nh = 0;
            Ptr<Packet> p = Mip6L4Protocol::BuildPacket(ToPacket(ba), 135, std::nullopt, kHoa, nh);
            NS_TEST_EXPECT_MSG_EQ(unsigned(nh), 43u, "first Next Header: Routing");
            Ipv6Header ip;
            ip.SetSource(kHa);
            ip.SetDestination(kCoa);
            ip.SetNextHeader(nh);
            ip.SetPayloadLength(p->GetSize());
            ip.SetHopLimit(64);
            ip.SetFlowLabel(0);
            p->AddHeader(ip);
            Bytes expect = {0x60, 0, 0, 0, 0, 40, 43, 64};
            Append(expect, Addr(kHa));
            Append(expect, Addr(kCoa));
            Append(expect, {135, 2, 2, 1, 0, 0, 0, 0}); // NH, Hdr Ext Len 2, Type 2, SL 1, Rsvd
            Append(expect, Addr(kHoa));
            Bytes mh = {59, 1, 6, 0, 0, 0, 0, 0, 0x12, 0x34, 0x00, 0x96, 1, 2, 0, 0};
            const uint16_t csum = IndependentChecksum(kHa, kHoa, mh);
            mh[4] = csum >> 8;
            mh[5] = csum & 0xff;
            Append(expect, mh);
            NS_TEST_EXPECT_MSG_EQ(p->GetSize(), 80u, "BA packet size");
            NS_TEST_EXPECT_MSG_EQ(Hex(PacketBytes(p)), Hex(expect), "BA packet bytes");
        }
        // The Type 2 RH reads back; with both extension headers the RH comes first (§6.3).
        {
            Mip6Type2RoutingHeader rh;
            rh.SetNextHeader(60);
            rh.SetHomeAddress(kHoa);
            Ptr<Packet> p = ToPacket(rh);
            Mip6Type2RoutingHeader out;
            p->RemoveHeader(out);
            NS_TEST_EXPECT_MSG_EQ(unsigned(out.GetNextHeader()), 60u, "RH2 NH");
            NS_TEST_EXPECT_MSG_EQ(unsigned(out.GetHdrExtLen()), 2u, "RH2 len");
            NS_TEST_EXPECT_MSG_EQ(unsigned(out.GetRoutingType()), 2u, "RH2 type");
            NS_TEST_EXPECT_MSG_EQ(unsigned(out.GetSegmentsLeft()), 1u, "RH2 SL");
            NS_TEST_EXPECT_MSG_EQ(out.GetHomeAddress(), kHoa, "RH2 HoA");
            uint8_t nh = 0;
            Ptr<Packet> both = Mip6L4Protocol::BuildPacket(Create<Packet>(8), 135, kHoa, kHa, nh);
            const Bytes b = PacketBytes(both);
            NS_TEST_EXPECT_MSG_EQ(unsigned(nh), 43u, "RH first");
            NS_TEST_EXPECT_MSG_EQ(unsigned(b[0]), 60u, "RH -> DestOpt");
            NS_TEST_EXPECT_MSG_EQ(unsigned(b[24]), 135u, "DestOpt -> MH");
            NS_TEST_EXPECT_MSG_EQ(both->GetSize(), 56u, "24 + 24 + 8");
        }
        // The HAO header alone.
        {
            Mip6HomeAddressOptionHeader hao(kHoa);
            NS_TEST_EXPECT_MSG_EQ(unsigned(hao.GetAlignment().factor), 8u, "HAO align x");
            NS_TEST_EXPECT_MSG_EQ(unsigned(hao.GetAlignment().offset), 6u, "HAO align y");
            Ptr<Packet> p = ToPacket(hao);
            Bytes expect = {0xc9, 16};
            Append(expect, Addr(kHoa));
            NS_TEST_EXPECT_MSG_EQ(Hex(PacketBytes(p)), Hex(expect), "HAO bytes");
            Mip6HomeAddressOptionHeader out;
            p->RemoveHeader(out);
            NS_TEST_EXPECT_MSG_EQ(out.GetHomeAddress(), kHoa, "HAO read back");
        }
    }
};

// =============================================================================================

/// The checksum against an independent computation, with HoA-as-source and HoA-as-destination.
class Mip6ChecksumTestCase : public TestCase
{
  public:
    Mip6ChecksumTestCase()
        : TestCase("MH checksum matches an independent one's-complement sum")
    {
    }

  private:
    void DoRun() override
    {
        // BU with HAO: the pseudo-header source is the HoA, not the CoA.
        Mip6BindingUpdateHeader bu = HomeBu();
        bu.CalculateChecksum(kHoa, kHa);
        const uint16_t expected = IndependentChecksum(kHoa, kHa, HomeBuBytes());
        NS_TEST_EXPECT_MSG_EQ(bu.GetChecksum(), expected, "BU checksum (HoA as source)");
        NS_TEST_EXPECT_MSG_NE(expected,
                              IndependentChecksum(kCoa, kHa, HomeBuBytes()),
                              "source address must matter");
        Bytes b = bu.SerializeToBytes();
        NS_TEST_EXPECT_MSG_EQ(Mip6Header::VerifyChecksum(b.data(), b.size(), kHoa, kHa),
                              true,
                              "verifies with the HoA as source");
        NS_TEST_EXPECT_MSG_EQ(Mip6Header::VerifyChecksum(b.data(), b.size(), kCoa, kHa),
                              false,
                              "fails with the CoA as source");
        // Any flipped bit is caught.
        for (std::size_t i = 0; i < b.size(); ++i)
        {
            Bytes c = b;
            c[i] ^= 0x01;
            NS_TEST_EXPECT_MSG_EQ(Mip6Header::VerifyChecksum(c.data(), c.size(), kHoa, kHa),
                                  false,
                                  "flipped bit at byte " << i);
        }

        // BA with RH2: the pseudo-header destination is the HoA.
        Mip6BindingAckHeader ba;
        ba.SetStatus(Mip6BaStatus::ACCEPTED);
        ba.SetSequence(77);
        ba.SetLifetimeUnits(100);
        ba.AddOption(Mip6Option::BindingRefreshAdvice(50));
        ba.CalculateChecksum(kHa, kHoa);
        Mip6BindingAckHeader zero = ba;
        zero.SetChecksum(0);
        NS_TEST_EXPECT_MSG_EQ(ba.GetChecksum(),
                              IndependentChecksum(kHa, kHoa, zero.SerializeToBytes()),
                              "BA checksum (HoA as destination)");
        const Bytes a = ba.SerializeToBytes();
        NS_TEST_EXPECT_MSG_EQ(Mip6Header::VerifyChecksum(a.data(), a.size(), kHa, kHoa),
                              true,
                              "verifies with the HoA as destination");
        NS_TEST_EXPECT_MSG_EQ(Mip6Header::VerifyChecksum(a.data(), a.size(), kHa, kCoa),
                              false,
                              "fails with the CoA as destination");

        // Recomputing over a header that already holds a checksum gives the same value.
        Mip6BindingAckHeader again = ba;
        again.CalculateChecksum(kHa, kHoa);
        NS_TEST_EXPECT_MSG_EQ(again.GetChecksum(), ba.GetChecksum(), "idempotent");

        // Many messages with varied contents against the independent sum.
        for (uint32_t seq = 0; seq < 2000; seq += 7)
        {
            Mip6BindingUpdateHeader m;
            m.SetSequence(static_cast<uint16_t>(seq * 37));
            m.SetFlags(static_cast<uint16_t>(seq * 101));
            m.SetLifetimeUnits(static_cast<uint16_t>(seq));
            if (seq % 2)
            {
                m.AddOption(Mip6Option::AlternateCareOfAddress(kCoa));
            }
            m.CalculateChecksum(kCoa, kHa);
            Mip6BindingUpdateHeader z = m;
            z.SetChecksum(0);
            NS_TEST_EXPECT_MSG_EQ(m.GetChecksum(),
                                  IndependentChecksum(kCoa, kHa, z.SerializeToBytes()),
                                  "seq " << seq);
        }
    }
};

// =============================================================================================

/// Validate() on malformed bytes: each problem gets its own error, nothing crashes.
class Mip6ValidateTestCase : public TestCase
{
  public:
    Mip6ValidateTestCase()
        : TestCase("Validate refuses malformed Mobility Headers with the right reason")
    {
    }

  private:
    std::string Check(const Bytes& b)
    {
        uint8_t type = 0;
        uint32_t len = 0;
        return Mip6ParseErrorToString(Mip6Header::Validate(b.data(), b.size(), type, len));
    }

    void DoRun() override
    {
        const Bytes bu = HomeBuBytes();
        NS_TEST_EXPECT_MSG_EQ(Check(bu), "none", "valid BU");

        // Truncated at every length 0..31: fewer than 8 bytes or a partial 8-octet unit is
        // "truncated"; a whole number of units that disagrees with Header Len is "bad-header-len".
        for (std::size_t n = 0; n < bu.size(); ++n)
        {
            const Bytes t(bu.begin(), bu.begin() + n);
            const std::string expect = (n < 8 || n % 8 != 0) ? "truncated" : "bad-header-len";
            NS_TEST_EXPECT_MSG_EQ(Check(t), expect, "BU truncated to " << n << " bytes");
        }
        {
            uint8_t type = 0;
            uint32_t len = 0;
            NS_TEST_EXPECT_MSG_EQ(
                Mip6ParseErrorToString(Mip6Header::Validate(nullptr, 0, type, len)),
                "truncated",
                "null buffer");
        }
        // Header Len too large and too small for the 32 bytes present.
        {
            Bytes b = bu;
            b[1] = 4;
            NS_TEST_EXPECT_MSG_EQ(Check(b), "bad-header-len", "Header Len too large");
            b[1] = 2;
            NS_TEST_EXPECT_MSG_EQ(Check(b), "bad-header-len", "Header Len too small");
            b[1] = 255;
            NS_TEST_EXPECT_MSG_EQ(Check(b), "bad-header-len", "Header Len 255");
        }
        // Payload Proto other than 59.
        {
            Bytes b = bu;
            b[0] = 6;
            NS_TEST_EXPECT_MSG_EQ(Check(b), "bad-payload-proto", "Payload Proto 6");
        }
        // Unknown MH type; the type is reported.
        {
            Bytes b = bu;
            b[2] = 99;
            uint8_t type = 0;
            uint32_t len = 0;
            NS_TEST_EXPECT_MSG_EQ(
                Mip6ParseErrorToString(Mip6Header::Validate(b.data(), b.size(), type, len)),
                "unknown-mh-type",
                "MH Type 99");
            NS_TEST_EXPECT_MSG_EQ(unsigned(type), 99u, "type reported");
            NS_TEST_EXPECT_MSG_EQ(len, 32u, "length reported");
            b[2] = 8;
            NS_TEST_EXPECT_MSG_EQ(Check(b), "unknown-mh-type", "MH Type 8");
        }
        // Message too short for its type.
        {
            NS_TEST_EXPECT_MSG_EQ(Check({59, 0, 5, 0, 0, 0, 0, 0}),
                                  "message-too-short",
                                  "BU in 8 bytes");
            NS_TEST_EXPECT_MSG_EQ(Check({59, 0, 7, 0, 0, 0, 0, 0}),
                                  "message-too-short",
                                  "BE in 8 bytes");
            Bytes hot(16, 0);
            hot[0] = 59;
            hot[1] = 1;
            hot[2] = 3;
            NS_TEST_EXPECT_MSG_EQ(Check(hot), "message-too-short", "HoT in 16 bytes");
            NS_TEST_EXPECT_MSG_EQ(Check({59, 0, 0, 0, 0, 0, 0, 0}), "none", "BRR in 8 bytes");
        }
        // Option TLVs that overrun the MH, and RFC 6275 options of the wrong length.
        {
            // AltCoA claims 16 bytes with 2 left.
            Bytes b = {59, 1, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 16, 0, 0};
            NS_TEST_EXPECT_MSG_EQ(Check(b), "bad-option", "AltCoA overrun");
            // A Type byte with no Length byte.
            b = {59, 1, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 7};
            NS_TEST_EXPECT_MSG_EQ(Check(b), "bad-option", "option without length");
            // PadN overrunning by one.
            b = {59, 1, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 0, 0};
            NS_TEST_EXPECT_MSG_EQ(Check(b), "bad-option", "PadN overrun");
            // BRA of length 1 (then a Pad1).
            b = {59, 1, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 1, 0, 0};
            NS_TEST_EXPECT_MSG_EQ(Check(b), "bad-option", "BRA of length 1");
            // A valid unknown option and Pad1s are accepted.
            b = {59, 1, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 200, 0, 0};
            NS_TEST_EXPECT_MSG_EQ(Check(b), "none", "Pad1, unknown empty option, Pad1");
            // AltCoA of length 14 inside a 32-byte BU (the last 2 bytes become a PadN(0)).
            b = bu;
            b[15] = 14;
            b[30] = 1;
            b[31] = 0;
            NS_TEST_EXPECT_MSG_EQ(Check(b), "bad-option", "AltCoA of length 14");
        }

        // Deterministic random bytes: Validate never crashes; whatever it accepts deserialises
        // into exactly the validated length.
        std::mt19937 rng(6275);
        uint32_t accepted = 0;
        for (int iter = 0; iter < 20000; ++iter)
        {
            const std::size_t n = rng() % 65;
            Bytes b(n);
            for (auto& x : b)
            {
                x = static_cast<uint8_t>(rng());
            }
            // Bias towards plausible headers so that the deeper checks run too.
            if (n >= 3 && iter % 2 == 0)
            {
                b[0] = 59;
                b[1] = static_cast<uint8_t>(n / 8 > 0 ? n / 8 - 1 : 0);
                b[2] = static_cast<uint8_t>(rng() % 9);
                // Zero the option area half of the time: Pad1s, so that more inputs validate.
                const auto data = Mip6Header::GetMessageDataSizeOfType(b[2]);
                if (data && rng() % 2)
                {
                    std::fill(b.begin() + std::min<std::size_t>(n, 6 + *data), b.end(), 0);
                }
            }
            uint8_t type = 0;
            uint32_t len = 0;
            if (Mip6Header::Validate(b.data(), b.size(), type, len) != Mip6ParseError::NONE)
            {
                continue;
            }
            ++accepted;
            Ptr<Packet> p = Create<Packet>(b.data(), b.size());
            uint32_t consumed = 0;
            switch (type)
            {
            case Mip6Header::BRR: {
                Mip6BindingRefreshRequestHeader h;
                consumed = p->RemoveHeader(h);
                break;
            }
            case Mip6Header::HOTI: {
                Mip6HomeTestInitHeader h;
                consumed = p->RemoveHeader(h);
                break;
            }
            case Mip6Header::COTI: {
                Mip6CareOfTestInitHeader h;
                consumed = p->RemoveHeader(h);
                break;
            }
            case Mip6Header::HOT: {
                Mip6HomeTestHeader h;
                consumed = p->RemoveHeader(h);
                break;
            }
            case Mip6Header::COT: {
                Mip6CareOfTestHeader h;
                consumed = p->RemoveHeader(h);
                break;
            }
            case Mip6Header::BU: {
                Mip6BindingUpdateHeader h;
                consumed = p->RemoveHeader(h);
                break;
            }
            case Mip6Header::BA: {
                Mip6BindingAckHeader h;
                consumed = p->RemoveHeader(h);
                break;
            }
            default: {
                Mip6BindingErrorHeader h;
                consumed = p->RemoveHeader(h);
                break;
            }
            }
            NS_TEST_EXPECT_MSG_EQ(consumed, len, "deserialised length of accepted bytes");
        }
        NS_TEST_EXPECT_MSG_GT(accepted, 100u, "the random inputs exercised the accepting path");
    }
};

// =============================================================================================

/**
 * Mip6L4Protocol end to end on two nodes joined by a CSMA link, both on fd00:bbbb::/64: the MN
 * (its address there is the CoA; the HoA fd00:aaaa::100 is a /128 on the same interface, so that
 * the Type 2 RH names one of its addresses) and the HA. No routing beyond the link is needed:
 * what is tested is the extension headers, the checksum and the refusals.
 */
class Mip6L4EndToEndTestCase : public TestCase
{
  public:
    Mip6L4EndToEndTestCase()
        : TestCase("Mip6L4Protocol delivers BU(HAO) and BA(RH2), refuses bad MHs by reason")
    {
    }

  private:
    struct Received
    {
        Ptr<Packet> p;
        Mip6RxContext ctx;
    };

    std::vector<Received> m_haRx;        //!< MHs delivered at the HA
    std::vector<Received> m_haUnknown;   //!< unknown types reported at the HA
    std::vector<Received> m_mnRx;        //!< MHs delivered at the MN
    std::vector<std::string> m_rh2Drops; //!< Type 2 RH refusals at the MN
    std::vector<std::string> m_l4Drops;  //!< Drop trace of the HA's L4

    void HaRx(Ptr<Packet> p, const Mip6RxContext& ctx)
    {
        m_haRx.push_back({p, ctx});
    }

    void HaUnknown(Ptr<Packet> p, const Mip6RxContext& ctx)
    {
        m_haUnknown.push_back({p, ctx});
    }

    void MnRx(Ptr<Packet> p, const Mip6RxContext& ctx)
    {
        m_mnRx.push_back({p, ctx});
    }

    void Rh2Drop(Ptr<const Packet> p, const std::string& reason)
    {
        m_rh2Drops.push_back(reason);
    }

    void L4Drop(Ptr<const Packet> p, const std::string& reason)
    {
        m_l4Drops.push_back(reason);
    }

    /// ICMPv6 Parameter Problems the HA sent: (destination, code, pointer, quoted MH type).
    struct ParamProblem
    {
        Ipv6Address dst;
        uint8_t code;
        uint32_t pointer;
        uint8_t quotedNextHeader;
    };

    std::vector<ParamProblem> m_paramProblems; //!< seen on the HA's IPv6 Tx trace

    void HaIpTx(Ptr<const Packet> packet, Ptr<Ipv6> ipv6, uint32_t ifIndex)
    {
        Ptr<Packet> p = packet->Copy();
        Ipv6Header ip;
        p->RemoveHeader(ip);
        if (ip.GetNextHeader() != Icmpv6L4Protocol::PROT_NUMBER)
        {
            return;
        }
        // RFC 4443 §3.4: type, code, checksum, pointer, then the invoking packet.
        Bytes b(p->GetSize());
        p->CopyData(b.data(), b.size());
        if (b.size() < 8 + 40 || b[0] != Icmpv6Header::ICMPV6_ERROR_PARAMETER_ERROR)
        {
            return;
        }
        const uint32_t pointer = (uint32_t(b[4]) << 24) | (uint32_t(b[5]) << 16) |
                                 (uint32_t(b[6]) << 8) | uint32_t(b[7]);
        m_paramProblems.push_back({ip.GetDestination(), b[1], pointer, b[8 + 6]});
    }

    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(2);
        Ptr<Node> mn = nodes.Get(0);
        Ptr<Node> ha = nodes.Get(1);
        CsmaHelper csma;
        NetDeviceContainer devs = csma.Install(nodes);
        InternetStackHelper stack;
        stack.SetIpv4StackInstall(false);
        stack.Install(nodes);
        Ipv6AddressHelper addr;
        addr.SetBase(Ipv6Address("fd00:bbbb::"), Ipv6Prefix(64));
        Ipv6InterfaceContainer ifs = addr.Assign(devs);
        const Ipv6Address coa = ifs.GetAddress(0, 1);
        const Ipv6Address haAddr = ifs.GetAddress(1, 1);
        Ptr<Ipv6L3Protocol> mnIp = mn->GetObject<Ipv6L3Protocol>();
        const uint32_t mnIf = ifs.Get(0).second;
        mnIp->AddAddress(mnIf, Ipv6InterfaceAddress(kHoa, Ipv6Prefix(128)));

        Ptr<Mip6L4Protocol> mnL4 = Mip6L4Protocol::Install(mn);
        Ptr<Mip6L4Protocol> haL4 = Mip6L4Protocol::Install(ha);
        NS_TEST_EXPECT_MSG_EQ(Mip6L4Protocol::Install(ha), haL4, "Install is idempotent");
        Mip6InstallExtensions(ha);
        NS_TEST_EXPECT_MSG_EQ((ha->GetObject<Ipv6L3Protocol>()->GetProtocol(135) == haL4),
                              true,
                              "inserted in IPv6");
        haL4->SetReceiveCallback(MakeCallback(&Mip6L4EndToEndTestCase::HaRx, this));
        haL4->SetUnknownTypeCallback(MakeCallback(&Mip6L4EndToEndTestCase::HaUnknown, this));
        haL4->TraceConnectWithoutContext("Drop",
                                         MakeCallback(&Mip6L4EndToEndTestCase::L4Drop, this));
        mnL4->SetReceiveCallback(MakeCallback(&Mip6L4EndToEndTestCase::MnRx, this));
        Ptr<Mip6Type2Routing> rh2 = DynamicCast<Mip6Type2Routing>(
            mn->GetObject<Ipv6ExtensionRoutingDemux>()->GetExtensionRouting(2));
        NS_TEST_ASSERT_MSG_NE(rh2, nullptr, "Type 2 RH handler installed");
        rh2->TraceConnectWithoutContext("Drop",
                                        MakeCallback(&Mip6L4EndToEndTestCase::Rh2Drop, this));

        // 1. BU with HAO from the CoA; checksum over the HoA as source.
        Mip6BindingUpdateHeader bu = HomeBu();
        bu.CalculateChecksum(kHoa, haAddr);
        Simulator::Schedule(Seconds(1), [=]() {
            mnL4->Send(ToPacket(bu), 135, coa, haAddr, kHoa, std::nullopt, nullptr);
        });
        // 2. BA with RH2 to the CoA; checksum over the HoA as destination.
        Mip6BindingAckHeader ba;
        ba.SetSequence(0x1234);
        ba.SetLifetimeUnits(150);
        ba.AddOption(Mip6Option::BindingRefreshAdvice(75));
        ba.CalculateChecksum(haAddr, kHoa);
        Simulator::Schedule(Seconds(2), [=]() {
            haL4->Send(ToPacket(ba), 135, haAddr, coa, std::nullopt, kHoa, nullptr);
        });
        // 3. BU with a corrupted checksum.
        Mip6BindingUpdateHeader badSum = HomeBu();
        badSum.CalculateChecksum(kHoa, haAddr);
        badSum.SetChecksum(badSum.GetChecksum() ^ 0x0100);
        Simulator::Schedule(Seconds(3), [=]() {
            mnL4->Send(ToPacket(badSum), 135, coa, haAddr, kHoa, std::nullopt, nullptr);
        });
        // Raw MH bytes from the CoA to the HA, no extension headers.
        auto sendRaw = [=](double at, const Bytes& b) {
            Simulator::Schedule(Seconds(at), [=]() {
                mnL4->Send(Create<Packet>(b.data(), b.size()),
                           135,
                           coa,
                           haAddr,
                           std::nullopt,
                           std::nullopt,
                           nullptr);
            });
        };
        // 4. A BU truncated to 20 bytes.
        Mip6BindingUpdateHeader full = HomeBu();
        full.CalculateChecksum(coa, haAddr);
        Bytes cut = full.SerializeToBytes();
        cut.resize(20);
        sendRaw(4, cut);
        // 5. An unknown MH type (99) with a correct checksum.
        Bytes unknown = {59, 0, 99, 0, 0, 0, 0xab, 0xcd};
        const uint16_t us = IndependentChecksum(coa, haAddr, unknown);
        unknown[4] = us >> 8;
        unknown[5] = us & 0xff;
        sendRaw(5, unknown);
        // 6. A HAO of length 15 (followed by a Pad1 so that the header stays 24 bytes).
        Bytes badHao = {135, 2, 1, 2, 0, 0, 0xc9, 15};
        const Bytes hoaBytes = Addr(kHoa);
        Append(badHao, Bytes(hoaBytes.begin(), hoaBytes.begin() + 15));
        badHao.push_back(0);
        Mip6BindingUpdateHeader bu2 = HomeBu();
        bu2.CalculateChecksum(kHoa, haAddr);
        Simulator::Schedule(Seconds(6), [=]() {
            Ptr<Packet> pkt = Create<Packet>(badHao.data(), badHao.size());
            pkt->AddAtEnd(ToPacket(bu2));
            mn->GetObject<Ipv6L3Protocol>()->Send(pkt, coa, haAddr, 60, nullptr);
        });
        // 7. A BA whose RH2 names an address that is not the MN's: dropped by the RH2 handler.
        Mip6BindingAckHeader ba2 = ba;
        ba2.CalculateChecksum(haAddr, kHa);
        Simulator::Schedule(Seconds(7), [=]() {
            haL4->Send(ToPacket(ba2), 135, haAddr, coa, std::nullopt, kHa, nullptr);
        });
        // 8. An MH delivered through ReceiveMobilityHeader (e.g. after ESP), checksum not checked.
        Mip6BindingRefreshRequestHeader brr;
        Simulator::Schedule(Seconds(8), [=]() {
            Mip6RxContext ctx;
            ctx.src = coa;
            ctx.dst = haAddr;
            haL4->ReceiveMobilityHeader(ToPacket(brr), ctx, false);
        });

        // 9. RFC 6275 §9.2: Payload Proto not 59, checksum right → ICMPv6 Parameter Problem
        //    pointing at Payload Proto (offset 0 of the MH, after the quoted 40-byte IPv6 header).
        Bytes badProto = HomeBu().SerializeToBytes();
        badProto[0] = 6;
        badProto[4] = 0;
        badProto[5] = 0;
        const uint16_t bp = IndependentChecksum(coa, haAddr, badProto);
        badProto[4] = bp >> 8;
        badProto[5] = bp & 0xff;
        // 10. Header Len shorter than a BU (8 bytes), checksum right → pointer at Header Len.
        Bytes shortBu = {59, 0, 5, 0, 0, 0, 0x12, 0x34};
        const uint16_t sb = IndependentChecksum(coa, haAddr, shortBu);
        shortBu[4] = sb >> 8;
        shortBu[5] = sb & 0xff;
        // 11. The same short BU with a broken checksum: discarded silently (no ICMP).
        Bytes shortBad = shortBu;
        shortBad[5] ^= 0x01;
        ha->GetObject<Ipv6L3Protocol>()->TraceConnectWithoutContext(
            "Tx",
            MakeCallback(&Mip6L4EndToEndTestCase::HaIpTx, this));
        sendRaw(9, badProto);
        sendRaw(10, shortBu);
        sendRaw(11, shortBad);

        Simulator::Stop(Seconds(13));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(m_paramProblems.size(), 2u, "two Parameter Problems, none for 11");
        NS_TEST_EXPECT_MSG_EQ(haL4->GetParameterProblemCount(), 2u, "counted");
        for (const ParamProblem& pp : m_paramProblems)
        {
            NS_TEST_EXPECT_MSG_EQ(pp.dst, coa, "to the packet's source");
            NS_TEST_EXPECT_MSG_EQ(unsigned(pp.code), 0u, "code 0 (erroneous header field)");
            NS_TEST_EXPECT_MSG_EQ(unsigned(pp.quotedNextHeader), 135u, "quotes the MH packet");
        }
        NS_TEST_EXPECT_MSG_EQ(m_paramProblems[0].pointer, 40u, "points at Payload Proto");
        NS_TEST_EXPECT_MSG_EQ(m_paramProblems[1].pointer, 41u, "points at Header Len");
        NS_TEST_EXPECT_MSG_EQ(haL4->GetDropCount(Mip6ParseError::BAD_PAYLOAD_PROTO), 1u, "proto");
        NS_TEST_EXPECT_MSG_EQ(haL4->GetDropCount(Mip6ParseError::MESSAGE_TOO_SHORT), 2u, "short");

        // HA: the BU (1) and the BRR (8) were delivered.
        NS_TEST_ASSERT_MSG_EQ(m_haRx.size(), 2u, "HA deliveries");
        {
            const Received& r = m_haRx[0];
            NS_TEST_EXPECT_MSG_EQ(unsigned(r.ctx.mhType), 5u, "BU type");
            NS_TEST_EXPECT_MSG_EQ(r.ctx.src, coa, "BU source = CoA");
            NS_TEST_EXPECT_MSG_EQ(r.ctx.dst, haAddr, "BU destination");
            NS_TEST_EXPECT_MSG_EQ(r.ctx.hao.has_value(), true, "ctx.hao set");
            NS_TEST_EXPECT_MSG_EQ(r.ctx.hao.value_or(Ipv6Address()), kHoa, "ctx.hao = HoA");
            NS_TEST_EXPECT_MSG_EQ(r.ctx.rh2.has_value(), false, "no rh2");
            NS_TEST_EXPECT_MSG_EQ(r.ctx.ifIndex, ifs.Get(1).second, "interface index");
            Mip6HaoTag leftover;
            NS_TEST_EXPECT_MSG_EQ(r.p->PeekPacketTag(leftover), false, "HAO tag consumed");
            Mip6BindingUpdateHeader got;
            r.p->PeekHeader(got);
            NS_TEST_EXPECT_MSG_EQ(got.GetSequence(), 0x1234, "BU sequence");
            NS_TEST_EXPECT_MSG_EQ(
                got.FindOption(Mip6OptionType::ALTERNATE_COA)->GetAlternateCareOfAddress().value(),
                kCoa,
                "AltCoA");
            NS_TEST_EXPECT_MSG_EQ(r.p->GetSize(), 32u, "MH only");
            NS_TEST_EXPECT_MSG_EQ(unsigned(m_haRx[1].ctx.mhType), 0u, "BRR via injection");
        }
        // MN: the BA with RH2 was delivered, the one with a foreign HoA was not.
        NS_TEST_ASSERT_MSG_EQ(m_mnRx.size(), 1u, "MN deliveries");
        NS_TEST_EXPECT_MSG_EQ(unsigned(m_mnRx[0].ctx.mhType), 6u, "BA type");
        NS_TEST_EXPECT_MSG_EQ(m_mnRx[0].ctx.rh2.has_value(), true, "ctx.rh2 set");
        NS_TEST_EXPECT_MSG_EQ(m_mnRx[0].ctx.rh2.value_or(Ipv6Address()), kHoa, "ctx.rh2 = HoA");
        NS_TEST_EXPECT_MSG_EQ(m_mnRx[0].ctx.hao.has_value(), false, "no hao");
        NS_TEST_EXPECT_MSG_EQ(m_mnRx[0].ctx.dst, coa, "BA destination = CoA");
        NS_TEST_EXPECT_MSG_EQ(m_rh2Drops.size(), 1u, "RH2 drop");
        if (!m_rh2Drops.empty())
        {
            NS_TEST_EXPECT_MSG_EQ(m_rh2Drops[0], "rh2-not-own-address", "RH2 drop reason");
        }
        NS_TEST_EXPECT_MSG_EQ(mnL4->GetRxCount(), 1u, "MN rx count");

        // Refusals at the HA, each with its own reason.
        NS_TEST_EXPECT_MSG_EQ(haL4->GetDropCount(Mip6ParseError::BAD_CHECKSUM), 1u, "checksum");
        // (11 is dropped for its length before its checksum is looked at.)
        NS_TEST_EXPECT_MSG_EQ(haL4->GetDropCount(Mip6ParseError::TRUNCATED), 1u, "truncated");
        NS_TEST_EXPECT_MSG_EQ(haL4->GetDropCount(Mip6ParseError::UNKNOWN_MH_TYPE), 1u, "unknown");
        NS_TEST_EXPECT_MSG_EQ(haL4->GetDropCount(Mip6ParseError::BAD_OPTION), 1u, "bad HAO");
        NS_TEST_EXPECT_MSG_EQ(haL4->GetDropCount(Mip6ParseError::BAD_HEADER_LEN), 0u, "none");
        const std::vector<std::string> expectDrops = {"bad-checksum",
                                                      "truncated",
                                                      "unknown-mh-type",
                                                      "bad-option",
                                                      "bad-payload-proto",
                                                      "message-too-short",
                                                      "message-too-short"};
        NS_TEST_EXPECT_MSG_EQ((m_l4Drops == expectDrops), true, "Drop trace order and names");
        NS_TEST_ASSERT_MSG_EQ(m_haUnknown.size(), 1u, "UnknownType callback");
        NS_TEST_EXPECT_MSG_EQ(unsigned(m_haUnknown[0].ctx.mhType), 99u, "unknown type value");
        NS_TEST_EXPECT_MSG_EQ(m_haUnknown[0].ctx.src, coa, "unknown type source");

        Simulator::Destroy();
    }
};

// =============================================================================================

/**
 * RFC 5648 / RFC 6089 options: the Binding Identifier option in its three lengths (exact bytes
 * written from RFC 5648 §4.3 and RFC 6089 §4.1), its alignment in a BU with one and two IPv6
 * BIDs (40 and 64 bytes, protocols.md §8), round trips, malformed lengths, the O/B reading of bit
 * 0x0040, and the Flow Identification / Flow Summary options with their sub-options.
 */
class Mip6McoaOptionsTestCase : public TestCase
{
  public:
    Mip6McoaOptionsTestCase()
        : TestCase("RFC 5648 Binding Identifier and RFC 6089 flow options: bytes, alignment, "
                   "round trips, malformed input")
    {
    }

  private:
    /// Serialises, validates and deserialises a BU; returns the received header.
    Mip6BindingUpdateHeader ReceiveBu(const Mip6BindingUpdateHeader& bu)
    {
        Ptr<Packet> p = ToPacket(bu);
        uint8_t type = 0;
        uint32_t len = 0;
        NS_TEST_EXPECT_MSG_EQ(Mip6ParseErrorToString(Mip6Header::Validate(p, type, len)),
                              "none",
                              "BU refused by Validate");
        Mip6BindingUpdateHeader out;
        p->RemoveHeader(out);
        NS_TEST_EXPECT_MSG_EQ(Hex(out.SerializeToBytes()),
                              Hex(bu.SerializeToBytes()),
                              "re-serialisation differs");
        return out;
    }

    void BindingIdentifierBytes()
    {
        const Ipv6Address coa2("fd00:cccc::300");
        // Length 4 (no CoA), H set, BID-PRI 5: 2n, right after the 12-byte BU.
        {
            Mip6BindingUpdateHeader bu;
            bu.SetSequence(0x0a0b);
            bu.SetLifetimeUnits(3);
            bu.AddOption(Mip6Option::BindingIdentifier(0x0102, std::nullopt, 5, 0, true));
            const Bytes expect = {59, 2, 5,    0,    0,    0,    0x0a, 0x0b, 0, 0, 0, 3,
                                  35, 4, 0x01, 0x02, 0x00, 0x85, 1,    4,    0, 0, 0, 0};
            NS_TEST_EXPECT_MSG_EQ(bu.GetOptionOffset(0), 12u, "BID(4) offset");
            NS_TEST_EXPECT_MSG_EQ(Hex(bu.SerializeToBytes()), Hex(expect), "BU+BID(4)");
            const auto b =
                ReceiveBu(bu).FindOption(Mip6OptionType::BINDING_ID)->GetBindingIdentifier();
            NS_TEST_ASSERT_MSG_EQ(b.has_value(), true, "BID(4) parsed");
            NS_TEST_EXPECT_MSG_EQ(b->bid, 0x0102, "BID");
            NS_TEST_EXPECT_MSG_EQ(b->h, true, "H");
            NS_TEST_EXPECT_MSG_EQ(unsigned(b->priority), 5u, "BID-PRI");
            NS_TEST_EXPECT_MSG_EQ(b->coa.has_value() || b->coa4.has_value(), false, "no CoA");
        }
        // Length 8 (IPv4 CoA) in a BA, status 167: 8n+2 -> PadN(4) at 12, BID at 18, 32 bytes.
        {
            Mip6BindingIdentifier f;
            f.bid = 7;
            f.status = Mip6BaStatus::MCOA_UNKNOWN_COA;
            f.priority = 1;
            f.coa4 = Ipv4Address("10.1.2.3");
            Mip6BindingAckHeader ba;
            ba.SetSequence(9);
            ba.AddOption(Mip6Option::BindingIdentifier(f));
            const Bytes expect = {59, 3, 6,  0, 0, 0, 0,   0, 0,  9, 0, 0, 1, 4, 0, 0,
                                  0,  0, 35, 8, 0, 7, 167, 1, 10, 1, 2, 3, 1, 2, 0, 0};
            NS_TEST_EXPECT_MSG_EQ(ba.GetOptionOffset(0), 18u, "BID(8) offset");
            NS_TEST_EXPECT_MSG_EQ(Hex(ba.SerializeToBytes()), Hex(expect), "BA+BID(8)");
            Ptr<Packet> p = ToPacket(ba);
            Mip6BindingAckHeader out;
            p->RemoveHeader(out);
            NS_TEST_EXPECT_MSG_EQ(Hex(out.SerializeToBytes()), Hex(expect), "BA+BID(8) again");
            const auto b = out.FindOption(Mip6OptionType::BINDING_ID)->GetBindingIdentifier();
            NS_TEST_ASSERT_MSG_EQ(b.has_value(), true, "BID(8) parsed");
            NS_TEST_EXPECT_MSG_EQ(unsigned(b->status), 167u, "status");
            NS_TEST_EXPECT_MSG_EQ(b->coa4.has_value(), true, "IPv4 CoA");
            NS_TEST_EXPECT_MSG_EQ(*b->coa4, Ipv4Address("10.1.2.3"), "IPv4 CoA value");
            NS_TEST_EXPECT_MSG_EQ(b->h, false, "H clear");
        }
        // Length 20 (IPv6 CoA): 12 + PadN 6 + 22 = 40 bytes (protocols.md §8).
        Bytes one = {59, 4, 5, 0, 0, 0, 0,  1,  0xc0, 0, 0, 0x96,
                     1,  4, 0, 0, 0, 0, 35, 20, 0,    1, 0, 10};
        Append(one, Addr(kCoa));
        {
            Mip6BindingUpdateHeader bu;
            bu.SetSequence(1);
            bu.SetFlags(Mip6BindingUpdateHeader::FLAG_A | Mip6BindingUpdateHeader::FLAG_H);
            bu.SetLifetimeUnits(0x96);
            bu.AddOption(Mip6Option::BindingIdentifier(1, kCoa, 10));
            NS_TEST_EXPECT_MSG_EQ(bu.GetSerializedSize(), 40u, "one IPv6 BID: 40 bytes");
            NS_TEST_EXPECT_MSG_EQ(bu.GetOptionOffset(0), 18u, "BID(20) at 8n+2");
            NS_TEST_EXPECT_MSG_EQ(Hex(bu.SerializeToBytes()), Hex(one), "BU+BID(20)");
            const auto b = ReceiveBu(bu).GetOptions()[0].GetBindingIdentifier();
            NS_TEST_ASSERT_MSG_EQ(b.has_value(), true, "BID(20) parsed");
            NS_TEST_EXPECT_MSG_EQ(b->bid, 1, "BID");
            NS_TEST_EXPECT_MSG_EQ(unsigned(b->priority), 10u, "BID-PRI");
            NS_TEST_EXPECT_MSG_EQ(*b->coa, kCoa, "CoA");
        }
        // Two IPv6 BIDs (bulk registration): second at 42 after PadN(0), 64 bytes, Header Len 7.
        {
            Mip6BindingUpdateHeader bu;
            bu.SetSequence(1);
            bu.SetFlags(Mip6BindingUpdateHeader::FLAG_A | Mip6BindingUpdateHeader::FLAG_H);
            bu.SetLifetimeUnits(0x96);
            bu.AddOption(Mip6Option::BindingIdentifier(1, kCoa, 10));
            bu.AddOption(Mip6Option::BindingIdentifier(2, coa2, 20));
            Bytes expect = one;
            expect[1] = 7;
            Append(expect, {1, 0, 35, 20, 0, 2, 0, 20}); // PadN(0) at 40, BID at 42
            Append(expect, Addr(coa2));
            NS_TEST_EXPECT_MSG_EQ(bu.GetSerializedSize(), 64u, "two IPv6 BIDs: 64 bytes");
            NS_TEST_EXPECT_MSG_EQ(bu.GetOptionOffset(1), 42u, "second BID at 8n+2");
            NS_TEST_EXPECT_MSG_EQ(Hex(bu.SerializeToBytes()), Hex(expect), "BU+2 BIDs");
            const Mip6BindingUpdateHeader out = ReceiveBu(bu);
            NS_TEST_ASSERT_MSG_EQ(out.GetOptions().size(), 2u, "two options");
            NS_TEST_EXPECT_MSG_EQ(*out.GetOptions()[1].GetBindingIdentifier()->coa, coa2, "CoA 2");
        }
    }

    void BindingIdentifierMalformed()
    {
        // Lengths other than 4/8/20 parse as an option (Validate accepts them, so that the home
        // agent can answer 164) but GetBindingIdentifier refuses them.
        for (uint8_t len : {0, 3, 5, 16, 21})
        {
            Mip6BindingUpdateHeader bu;
            bu.SetFlags(Mip6BindingUpdateHeader::FLAG_H);
            bu.AddOption(Mip6Option(Mip6OptionType::BINDING_ID, Bytes(len, 1), 2, 0));
            const Mip6BindingUpdateHeader out = ReceiveBu(bu); // Validate: "none"
            NS_TEST_ASSERT_MSG_EQ(out.GetOptions().size(), 1u, "option kept");
            NS_TEST_EXPECT_MSG_EQ(out.GetOptions()[0].GetBindingIdentifier().has_value(),
                                  false,
                                  "BID of length " << unsigned(len) << " accepted");
        }
        // Another option type is not a BID.
        NS_TEST_EXPECT_MSG_EQ(
            Mip6Option::AlternateCareOfAddress(kCoa).GetBindingIdentifier().has_value(),
            false,
            "AltCoA read as BID");
        // Alignment depends on the length.
        NS_TEST_EXPECT_MSG_EQ(unsigned(Mip6Option::GetKnownAlignment(35, 20)->first), 8u, "8n");
        NS_TEST_EXPECT_MSG_EQ(unsigned(Mip6Option::GetKnownAlignment(35, 20)->second), 2u, "+2");
        NS_TEST_EXPECT_MSG_EQ(unsigned(Mip6Option::GetKnownAlignment(35, 4)->first), 2u, "2n");
        NS_TEST_EXPECT_MSG_EQ(unsigned(Mip6Option::GetKnownAlignment(45, 9)->first), 2u, "FID");
    }

    void OverwriteFlag()
    {
        auto make = [](uint16_t flags, bool withBid) {
            Mip6BindingUpdateHeader bu;
            bu.SetFlags(flags);
            if (withBid)
            {
                bu.AddOption(Mip6Option::BindingIdentifier(1, kCoa));
            }
            return bu;
        };
        using F = Mip6BindingUpdateHeader;
        NS_TEST_EXPECT_MSG_EQ(unsigned(F::FLAG_O), unsigned(F::FLAG_B), "O aliases B");
        NS_TEST_EXPECT_MSG_EQ(make(F::FLAG_H | F::FLAG_O, true).IsOverwrite(), true, "home+BID");
        NS_TEST_EXPECT_MSG_EQ(make(F::FLAG_H | F::FLAG_O, false).IsOverwrite(), false, "no BID");
        NS_TEST_EXPECT_MSG_EQ(make(F::FLAG_O, true).IsOverwrite(), false, "not home: B");
        NS_TEST_EXPECT_MSG_EQ(make(F::FLAG_H | F::FLAG_P | F::FLAG_O, true).IsOverwrite(),
                              false,
                              "proxy: B");
        NS_TEST_EXPECT_MSG_EQ(make(F::FLAG_H, true).IsOverwrite(), false, "bit clear");
        // The bit is at 0x0040 on the wire.
        const Bytes b = make(F::FLAG_H | F::FLAG_O, true).SerializeToBytes();
        NS_TEST_EXPECT_MSG_EQ(unsigned(b[8]), 0x40u, "flags high byte");
        NS_TEST_EXPECT_MSG_EQ(unsigned(b[9]), 0x40u, "flags low byte");
    }

    void FlowOptions()
    {
        Mip6TrafficSelector ts;
        ts.startDstPort = 5000;
        ts.endDstPort = 5010;
        ts.startNextHeader = 17;
        Mip6FlowIdentification f;
        f.fid = 0x0304;
        f.priority = 0x0506;
        f.bindingRefs = {1, 2};
        f.tsFormat = Mip6FlowIdentification::TS_IPV6_BINARY;
        f.ts = ts;
        const Mip6Option o = Mip6Option::FlowIdentification(f);
        // RFC 6089 §4.2 + RFC 6088 §3.2 by hand: flags K|L|O = 0x0032; the TS sub-option needs
        // only 2n (I-L set), so the option keeps the RFC's 2n and no padding is inserted.
        const Bytes expectData = {0x03, 0x04, 0x05, 0x06, 0, 0, // FID, FID-PRI, Res, Status
                                  2,    4,    0,    1,    0, 2, // Binding Reference
                                  3,    11,   2,    0,          // TS sub-option, format 2
                                  0x00, 0x32, 0,    0,          // flags, reserved
                                  0x13, 0x88, 0x13, 0x92, 17};  // ports, next header
        NS_TEST_EXPECT_MSG_EQ(Hex(o.GetData()), Hex(expectData), "FID option data");
        NS_TEST_EXPECT_MSG_EQ(unsigned(o.GetAlignX()), 2u, "FID 2n");
        // In a BU: FID at 12 (2n), 12 + 27 = 39 -> Pad1 -> 40 bytes; round trip.
        Mip6BindingUpdateHeader bu;
        bu.SetFlags(Mip6BindingUpdateHeader::FLAG_H);
        bu.AddOption(o);
        bu.AddOption(Mip6Option::FlowSummary({0x0304, 9}));
        const Mip6BindingUpdateHeader out = ReceiveBu(bu);
        const auto g = out.FindOption(Mip6OptionType::FLOW_ID)->GetFlowIdentification();
        NS_TEST_ASSERT_MSG_EQ(g.has_value(), true, "FID parsed");
        NS_TEST_EXPECT_MSG_EQ(g->fid, 0x0304, "FID");
        NS_TEST_EXPECT_MSG_EQ(g->priority, 0x0506, "FID-PRI");
        NS_TEST_EXPECT_MSG_EQ(g->bindingRefs.size(), 2u, "refs");
        NS_TEST_EXPECT_MSG_EQ(g->bindingRefs[1], 2, "ref 2");
        NS_TEST_ASSERT_MSG_EQ(g->ts.has_value(), true, "TS parsed");
        NS_TEST_EXPECT_MSG_EQ((*g->ts == ts), true, "TS equal");
        const auto fs = out.FindOption(Mip6OptionType::FLOW_SUMMARY)->GetFlowSummary();
        NS_TEST_ASSERT_MSG_EQ(fs.has_value(), true, "Flow Summary parsed");
        NS_TEST_EXPECT_MSG_EQ(fs->size(), 2u, "two FIDs");
        NS_TEST_EXPECT_MSG_EQ((*fs)[1], 9, "FID 9");

        // Matching: UDP to 5000..5010 only (next header start alone = exactly 17).
        const Ipv6Address cn("fd00:dddd::1");
        NS_TEST_EXPECT_MSG_EQ(ts.Matches(cn, kHoa, 17, 9, 5005, 0), true, "in range");
        NS_TEST_EXPECT_MSG_EQ(ts.Matches(cn, kHoa, 17, 9, 5011, 0), false, "port above");
        NS_TEST_EXPECT_MSG_EQ(ts.Matches(cn, kHoa, 6, 9, 5005, 0), false, "TCP");
        NS_TEST_EXPECT_MSG_EQ(Mip6TrafficSelector().Matches(cn, kHoa, 6, 1, 2, 3), true, "empty");
        Mip6TrafficSelector byAddr;
        byAddr.startDst = Ipv6Address("fd00:aaaa::100");
        byAddr.endDst = Ipv6Address("fd00:aaaa::1ff");
        NS_TEST_EXPECT_MSG_EQ(byAddr.Matches(cn, kHoa, 6, 1, 2, 3), true, "address in range");
        NS_TEST_EXPECT_MSG_EQ(byAddr.Matches(cn, kHa, 6, 1, 2, 3), false, "address below");

        // Every field round-trips through the selector codec.
        Mip6TrafficSelector all;
        all.startSrc = cn;
        all.endSrc = cn;
        all.startDst = kHoa;
        all.endDst = kHoa;
        all.startSpi = 0x01020304;
        all.endSpi = 0x05060708;
        all.startFlow = 0x12345;
        all.endFlow = 0xfffff;
        all.startSrcPort = 1;
        all.endSrcPort = 2;
        all.startDstPort = 3;
        all.endDstPort = 4;
        all.startTc = 5;
        all.endTc = 6;
        all.startNextHeader = 7;
        all.endNextHeader = 8;
        const Bytes allBytes = all.Serialize();
        NS_TEST_EXPECT_MSG_EQ(allBytes.size(), 4u + 64 + 16 + 8 + 4, "all fields: 96 bytes");
        NS_TEST_EXPECT_MSG_EQ(all.GetFlags(), 0xffff, "all flags");
        const auto back = Mip6TrafficSelector::Deserialize(allBytes.data(), allBytes.size());
        NS_TEST_EXPECT_MSG_EQ((back && *back == all), true, "all fields round trip");

        // Malformed: each is refused, none is read past its end.
        auto fidWith = [](const Bytes& data) {
            return Mip6Option(Mip6OptionType::FLOW_ID, data, 2, 0).GetFlowIdentification();
        };
        const Bytes head = {0, 1, 0, 1, 0, 0};
        auto withSub = [&head](const Bytes& sub) {
            Bytes d = head;
            Append(d, sub);
            return d;
        };
        NS_TEST_EXPECT_MSG_EQ(fidWith(head).has_value(), true, "no sub-options is fine");
        NS_TEST_EXPECT_MSG_EQ(fidWith(withSub({0, 1, 0})).has_value(), true, "Pad1 + PadN(0)");
        NS_TEST_EXPECT_MSG_EQ(fidWith({0, 1, 0, 1, 0}).has_value(), false, "5 bytes");
        NS_TEST_EXPECT_MSG_EQ(fidWith(withSub({2, 3, 0, 1, 0})).has_value(), false, "odd ref");
        NS_TEST_EXPECT_MSG_EQ(fidWith(withSub({2, 0})).has_value(), false, "empty ref");
        NS_TEST_EXPECT_MSG_EQ(fidWith(withSub({2, 4, 0, 1})).has_value(), false, "ref overrun");
        NS_TEST_EXPECT_MSG_EQ(fidWith(withSub({2})).has_value(), false, "no sub length");
        NS_TEST_EXPECT_MSG_EQ(fidWith(withSub({2, 2, 0, 1, 2, 2, 0, 2})).has_value(),
                              false,
                              "two Binding References");
        NS_TEST_EXPECT_MSG_EQ(fidWith(withSub({3, 1, 2})).has_value(), false, "TS too short");
        // TS announcing K and L (4 bytes) but carrying 2.
        NS_TEST_EXPECT_MSG_EQ(
            fidWith(withSub({3, 8, 2, 0, 0x00, 0x30, 0, 0, 0x13, 0x88})).has_value(),
            false,
            "TS fields short of the flags");
        // Same with one byte too many.
        NS_TEST_EXPECT_MSG_EQ(
            fidWith(withSub({3, 11, 2, 0, 0x00, 0x30, 0, 0, 0x13, 0x88, 0x13, 0x92, 0}))
                .has_value(),
            false,
            "TS longer than the flags");
        // An IPv4 selector (format 1) is kept raw for the receiver to refuse (status 133).
        const auto v4 = fidWith(withSub({3, 6, 1, 0, 0x00, 0x00, 0, 0}));
        NS_TEST_ASSERT_MSG_EQ(v4.has_value(), true, "format 1 parsed");
        NS_TEST_EXPECT_MSG_EQ(unsigned(v4->tsFormat), 1u, "format 1");
        NS_TEST_EXPECT_MSG_EQ(v4->ts.has_value(), false, "no IPv6 selector");
        NS_TEST_EXPECT_MSG_EQ(v4->tsRaw.size(), 4u, "raw bytes");
        NS_TEST_EXPECT_MSG_EQ(Mip6Option(44, {0, 1, 2}, 2, 0).GetFlowSummary().has_value(),
                              false,
                              "odd Flow Summary");
        // Random bytes never crash the parser.
        std::mt19937 rng(7);
        for (int k = 0; k < 2000; ++k)
        {
            Bytes d(rng() % 64);
            for (auto& x : d)
            {
                x = static_cast<uint8_t>(rng() % 6 == 0 ? rng() % 4 : rng());
            }
            fidWith(d);
        }
    }

    /// RFC 6088 §3.1/§3.2 alignment of the Traffic Selector sub-option, flow label and TC rules.
    void FlowSelectorRules()
    {
        const Ipv6Address cn("fd00:dddd::1");
        // (A) only: the sub-option needs 8n (RFC 6088 §3.2 "8n if A, B, C, or D is set"). The
        // option asks for 8n and a 4-byte PadN puts the TS sub-option 16 bytes after the Type.
        Mip6FlowIdentification f;
        f.fid = 7;
        f.priority = 1;
        f.bindingRefs = {1};
        f.tsFormat = Mip6FlowIdentification::TS_IPV6_BINARY;
        f.ts = Mip6TrafficSelector();
        f.ts->startSrc = cn;
        const Mip6Option o = Mip6Option::FlowIdentification(f);
        Bytes expect = {0x00, 0x07, 0x00, 0x01, 0, 0, // FID 7, FID-PRI 1, Reserved, Status
                        2,    2,    0,    1,          // Binding Reference, BID 1 (at Type + 8)
                        1,    2,    0,    0,          // PadN, 2 zero bytes (at Type + 12)
                        3,    22,   2,    0,          // TS sub-option (at Type + 16), format 2
                        0x80, 0x00, 0,    0};         // flags A, reserved
        Append(expect, Addr(cn));                     // (A) at Type + 24
        NS_TEST_EXPECT_MSG_EQ(Hex(o.GetData()), Hex(expect), "FID option with (A)");
        NS_TEST_EXPECT_MSG_EQ(unsigned(o.GetAlignX()), 8u, "8n");
        NS_TEST_EXPECT_MSG_EQ(unsigned(o.GetAlignY()), 0u, "+0");
        // In a BU the options start at 12: PadN 4, FID option at 16, address at 16 + 24 = 40.
        Mip6BindingUpdateHeader bu;
        bu.SetFlags(Mip6BindingUpdateHeader::FLAG_H);
        bu.AddOption(o);
        const Bytes wire = bu.SerializeToBytes();
        NS_TEST_ASSERT_MSG_EQ((wire.size() >= 56u), true, "BU long enough");
        NS_TEST_EXPECT_MSG_EQ(unsigned(wire[12]), 1u, "PadN before the option");
        NS_TEST_EXPECT_MSG_EQ(unsigned(wire[16]), 45u, "FID option Type on 8n");
        NS_TEST_EXPECT_MSG_EQ(Hex(Bytes(wire.begin() + 40, wire.begin() + 56)),
                              Hex(Addr(cn)),
                              "start source address on 8n");
        const auto back =
            ReceiveBu(bu).FindOption(Mip6OptionType::FLOW_ID)->GetFlowIdentification();
        NS_TEST_ASSERT_MSG_EQ(back.has_value(), true, "parsed across the PadN");
        NS_TEST_EXPECT_MSG_EQ((back->ts && *back->ts == *f.ts), true, "selector back");

        // (E) with two BIDs: 4n; the Binding Reference ends at Type + 14, a PadN of 2 follows.
        Mip6FlowIdentification g;
        g.fid = 8;
        g.priority = 2;
        g.bindingRefs = {1, 2};
        g.tsFormat = Mip6FlowIdentification::TS_IPV6_BINARY;
        g.ts = Mip6TrafficSelector();
        g.ts->startSpi = 0x01020304;
        const Mip6Option og = Mip6Option::FlowIdentification(g);
        const Bytes expectG = {0x00, 0x08, 0x00, 0x02, 0, 0, // FID 8, FID-PRI 2
                               2,    4,    0,    1,    0, 2, // Binding Reference 1, 2
                               1,    0,                      // PadN, no data
                               3,    10,   2,    0,          // TS sub-option at Type + 16
                               0x08, 0x00, 0,    0,          // flags E
                               0x01, 0x02, 0x03, 0x04};      // (E) start SPI
        NS_TEST_EXPECT_MSG_EQ(Hex(og.GetData()), Hex(expectG), "FID option with (E)");
        NS_TEST_EXPECT_MSG_EQ(unsigned(og.GetAlignX()), 4u, "4n");

        // GetAlignment by format and flags (RFC 6088 §3.1 for IPv4, §3.2 for IPv6).
        using TS = Mip6TrafficSelector;
        NS_TEST_EXPECT_MSG_EQ(unsigned(TS::GetAlignment(2, {0x10, 0x00})), 8u, "v6 D");
        NS_TEST_EXPECT_MSG_EQ(unsigned(TS::GetAlignment(2, {0x01, 0x00})), 4u, "v6 H");
        NS_TEST_EXPECT_MSG_EQ(unsigned(TS::GetAlignment(2, {0x00, 0x10})), 2u, "v6 L");
        NS_TEST_EXPECT_MSG_EQ(unsigned(TS::GetAlignment(2, {0x00, 0x01})), 1u, "v6 P");
        NS_TEST_EXPECT_MSG_EQ(unsigned(TS::GetAlignment(1, {0x04, 0x00})), 4u, "v4 F");
        NS_TEST_EXPECT_MSG_EQ(unsigned(TS::GetAlignment(1, {0x00, 0x40})), 2u, "v4 J");
        NS_TEST_EXPECT_MSG_EQ(unsigned(TS::GetAlignment(1, {0x00, 0x20})), 1u, "v4 K");
        NS_TEST_EXPECT_MSG_EQ(unsigned(TS::GetAlignment(1, {0x80})), 1u, "too short");

        // (G): 8 zero bits, then the label; the receiver ignores the first 8 bits only.
        Mip6TrafficSelector fl;
        fl.startFlow = 0xab012345;
        NS_TEST_EXPECT_MSG_EQ(Hex(fl.Serialize()),
                              Hex({0x02, 0x00, 0, 0, 0x00, 0x01, 0x23, 0x45}),
                              "flow label sent with 8 zero bits");
        const Bytes flIn = {0x02, 0x00, 0, 0, 0xab, 0x91, 0x23, 0x45};
        const auto flBack = Mip6TrafficSelector::Deserialize(flIn.data(), flIn.size());
        NS_TEST_ASSERT_MSG_EQ(flBack.has_value(), true, "flow label parsed");
        NS_TEST_EXPECT_MSG_EQ(*flBack->startFlow, 0x912345u, "first 8 bits ignored");

        // An end without its start "MUST NOT be included": (B) alone and (L) alone are refused,
        // also inside a Flow Identification option.
        Bytes bOnly = {0x40, 0x00, 0, 0};
        Append(bOnly, Addr(cn));
        NS_TEST_EXPECT_MSG_EQ(
            Mip6TrafficSelector::Deserialize(bOnly.data(), bOnly.size()).has_value(),
            false,
            "(B) without (A)");
        const Bytes lOnly = {0x00, 0x10, 0, 0, 0x13, 0x92};
        NS_TEST_EXPECT_MSG_EQ(
            Mip6TrafficSelector::Deserialize(lOnly.data(), lOnly.size()).has_value(),
            false,
            "(L) without (K)");
        Bytes fidL = {0, 1, 0, 1, 0, 0, 3, 8, 2, 0};
        Append(fidL, lOnly);
        NS_TEST_EXPECT_MSG_EQ(
            Mip6Option(Mip6OptionType::FLOW_ID, fidL, 2, 0).GetFlowIdentification().has_value(),
            false,
            "FID option with (L) alone");

        // (M)/(N): the 2 low (ECN) bits of the traffic class are ignored in any comparison.
        Mip6TrafficSelector ef;
        ef.startTc = 0xb8; // DSCP 46
        NS_TEST_EXPECT_MSG_EQ(ef.Matches(cn, kHoa, 17, 1, 2, 0xb8), true, "EF");
        NS_TEST_EXPECT_MSG_EQ(ef.Matches(cn, kHoa, 17, 1, 2, 0xbb), true, "EF with ECN bits");
        NS_TEST_EXPECT_MSG_EQ(ef.Matches(cn, kHoa, 17, 1, 2, 0xbc), false, "DSCP 47");
        ef.endTc = 0xc1; // DSCP 46..48
        NS_TEST_EXPECT_MSG_EQ(ef.Matches(cn, kHoa, 17, 1, 2, 0xc3), true, "DSCP 48, ECN set");
        NS_TEST_EXPECT_MSG_EQ(ef.Matches(cn, kHoa, 17, 1, 2, 0xc4), false, "DSCP 49");
    }

    void DoRun() override
    {
        BindingIdentifierBytes();
        BindingIdentifierMalformed();
        OverwriteFlag();
        FlowOptions();
        FlowSelectorRules();
    }
};

// =============================================================================================

/// Packet tags survive a packet copy.
class Mip6TagTestCase : public TestCase
{
  public:
    Mip6TagTestCase()
        : TestCase("Mip6HaoTag and Mip6Rh2Tag serialise their fields")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Packet> p = Create<Packet>(10);
        Mip6HaoTag hao(kHoa);
        hao.SetMalformed(true);
        p->AddPacketTag(hao);
        p->AddPacketTag(Mip6Rh2Tag(kCoa));
        Ptr<Packet> c = p->Copy();
        Mip6HaoTag h;
        Mip6Rh2Tag r;
        NS_TEST_ASSERT_MSG_EQ(c->PeekPacketTag(h), true, "HAO tag");
        NS_TEST_ASSERT_MSG_EQ(c->PeekPacketTag(r), true, "RH2 tag");
        NS_TEST_EXPECT_MSG_EQ(h.GetHomeAddress(), kHoa, "HAO tag address");
        NS_TEST_EXPECT_MSG_EQ(h.IsMalformed(), true, "HAO tag malformed flag");
        NS_TEST_EXPECT_MSG_EQ(r.GetHomeAddress(), kCoa, "RH2 tag address");
    }
};

/**
 * The suite "mip6-header".
 */
class Mip6HeaderTestSuite : public TestSuite
{
  public:
    Mip6HeaderTestSuite()
        : TestSuite("mip6-header", UNIT)
    {
        AddTestCase(new Mip6RoundTripTestCase, TestCase::QUICK);
        AddTestCase(new Mip6ExactBytesTestCase, TestCase::QUICK);
        AddTestCase(new Mip6ChecksumTestCase, TestCase::QUICK);
        AddTestCase(new Mip6ValidateTestCase, TestCase::QUICK);
        AddTestCase(new Mip6TagTestCase, TestCase::QUICK);
        AddTestCase(new Mip6McoaOptionsTestCase, TestCase::QUICK);
        AddTestCase(new Mip6L4EndToEndTestCase, TestCase::QUICK);
    }
};

static Mip6HeaderTestSuite g_headerTestSuite; //!< the suite instance

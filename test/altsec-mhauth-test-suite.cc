/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RFC 6618 §5 MHAuth container and TV-headers: exact bytes, round trips, and a parser that
 * answers every malformed input with a clear status instead of crashing.
 */

#include "ns3/mip6-mhauth.h"
#include "ns3/packet.h"
#include "ns3/test.h"

using namespace ns3;

namespace
{

/// A full successful MHAuth-Done response (PSK, AES_128_CBC_SHA, full bootstrap data).
Mip6MhAuthMessage
DoneResponse()
{
    using namespace Mip6MhAuthName;
    Mip6MhAuthMessage m;
    m.SetIdentifier(2);
    m.Add(STATUS_CODE, "200");
    m.AddHex(MN_RAND, Mip6Bytes(32, 0x11));
    m.AddHex(HAC_RAND, Mip6Bytes(32, 0x22));
    m.AddNumber(SPI, 0x0fffffff);
    m.AddHex(MN_TO_HA_IKEY, Mip6Bytes(20, 0x01));
    m.AddHex(MN_TO_HA_EKEY, Mip6Bytes(16, 0x02));
    m.AddHex(HA_TO_MN_IKEY, Mip6Bytes(20, 0x03));
    m.AddHex(HA_TO_MN_EKEY, Mip6Bytes(16, 0x04));
    m.Add(SA_VALIDITY_END, Mip6MhAuthFormatDate(1735689600)); // 2025-01-01T00:00:00Z
    m.Add(SAS, "0");
    m.Add(CIPHERSUITE, Mip6MhAuthFormatSuite(0x002F));
    m.Add(HAA_IP6, "fd00:1::1");
    m.AddNumber(PORT, 7872);
    m.Add(IP6_HOA, "fd00:1::100");
    m.Add(IP6_HNP, "fd00:1::/64");
    m.Add(DNS_IP6, "fd00:1::53");
    m.AddHex(AUTH, Mip6Bytes(32, 0xaa));
    return m;
}

/// Builds a raw container around content bytes.
Mip6Bytes
Container(const std::string& content, uint8_t first = 0x00, uint8_t id = 1, int length = -1)
{
    const size_t len = length < 0 ? content.size() : static_cast<size_t>(length);
    Mip6Bytes b = {first, id, static_cast<uint8_t>(len >> 8), static_cast<uint8_t>(len & 0xff)};
    for (char c : content)
    {
        b.push_back(static_cast<uint8_t>(c));
    }
    return b;
}

class ContainerTestCase : public TestCase
{
  public:
    ContainerTestCase()
        : TestCase("the 4-byte container: Ver 3 bits, Rsrvd 5, Identifier 8, Length 16")
    {
    }

  private:
    void DoRun() override
    {
        Mip6MhAuthHeader h;
        h.SetIdentifier(0xab);
        h.SetLength(0x1234);
        Packet p;
        p.AddHeader(h);
        NS_TEST_ASSERT_MSG_EQ(p.GetSize(), 4, "4 octets");
        uint8_t b[4];
        p.CopyData(b, 4);
        NS_TEST_EXPECT_MSG_EQ(unsigned(b[0]), 0, "Ver 0, reserved 0");
        NS_TEST_EXPECT_MSG_EQ(unsigned(b[1]), 0xab, "identifier");
        NS_TEST_EXPECT_MSG_EQ(unsigned(b[2]), 0x12, "length, network order");
        NS_TEST_EXPECT_MSG_EQ(unsigned(b[3]), 0x34, "length, network order");

        h.SetVersion(5);
        h.SetReserved(0x1f);
        Packet q;
        q.AddHeader(h);
        q.CopyData(b, 4);
        NS_TEST_EXPECT_MSG_EQ(unsigned(b[0]), 0xbf, "version in the top 3 bits");
        Mip6MhAuthHeader r;
        q.RemoveHeader(r);
        NS_TEST_EXPECT_MSG_EQ(unsigned(r.GetVersion()), 5, "version read back");
        NS_TEST_EXPECT_MSG_EQ(unsigned(r.GetReserved()), 0x1f, "reserved read back");
        NS_TEST_EXPECT_MSG_EQ(r.GetLength(), 0x1234, "length read back");
    }
};

class RoundTripTestCase : public TestCase
{
  public:
    RoundTripTestCase()
        : TestCase("messages serialise to name:value CRLF lines and parse back identically")
    {
    }

  private:
    void DoRun() override
    {
        using namespace Mip6MhAuthName;
        Mip6MhAuthMessage init;
        init.Add(MN_ID, "mn1@mip6.example");
        init.AddHex(MN_RAND, Mip6Bytes(32, 0x5a));
        init.Add(AUTH_METHOD, "psk");
        const Mip6Bytes wire = init.Serialize();
        NS_TEST_ASSERT_MSG_EQ(wire.size(), init.GetSerializedSize(), "size accessor");
        NS_TEST_EXPECT_MSG_EQ(unsigned(wire[1]), 1, "first request has identifier 1");
        const size_t length = (size_t{wire[2]} << 8) | wire[3];
        NS_TEST_EXPECT_MSG_EQ(length, wire.size() - 4, "Length counts the content only");
        const std::string content(wire.begin() + 4, wire.end());
        NS_TEST_EXPECT_MSG_EQ(content.substr(0, 24), "mn-id:mn1@mip6.example\r\n", "first line");
        NS_TEST_EXPECT_MSG_EQ(content.substr(content.size() - 19),
                              "auth-method:psk\r\n\r\n",
                              "ends with an empty line");
        // 4 + 24 + (8 + 64 + 2) + 17 + 2
        NS_TEST_EXPECT_MSG_EQ(wire.size(), 121u, "Init request of a 16-character NAI");

        auto parsed = Mip6MhAuthParser::Parse(wire);
        NS_TEST_ASSERT_MSG_EQ(parsed.IsOk(), true, parsed.error);
        NS_TEST_EXPECT_MSG_EQ(parsed.message.GetFields().size(), 3u, "three headers");
        NS_TEST_EXPECT_MSG_EQ(*parsed.message.Get(MN_ID), "mn1@mip6.example", "mn-id");
        NS_TEST_EXPECT_MSG_EQ((*parsed.message.GetHex(MN_RAND) == Mip6Bytes(32, 0x5a)),
                              true,
                              "mn-rand decoded");
        NS_TEST_EXPECT_MSG_EQ(
            Mip6MhAuthParser::CheckRole(parsed.message, Mip6MhAuthRole::INIT_REQUEST).IsOk(),
            true,
            "a valid Init request");

        const Mip6MhAuthMessage done = DoneResponse();
        auto back = Mip6MhAuthParser::Parse(done.Serialize());
        NS_TEST_ASSERT_MSG_EQ(back.IsOk(), true, back.error);
        NS_TEST_EXPECT_MSG_EQ((back.message.Serialize() == done.Serialize()),
                              true,
                              "byte-identical after a round trip");
        NS_TEST_EXPECT_MSG_EQ(unsigned(back.message.GetIdentifier()), 2, "identifier kept");
        NS_TEST_EXPECT_MSG_EQ(*back.message.GetNumber(SPI), 0x0fffffffu, "28-bit SPI");
        NS_TEST_EXPECT_MSG_EQ(*back.message.Get(CIPHERSUITE), "{00,2F}", "suite text");
        NS_TEST_EXPECT_MSG_EQ(
            Mip6MhAuthParser::CheckRole(back.message, Mip6MhAuthRole::DONE_RESPONSE).IsOk(),
            true,
            "a complete Done response");

        // auth covers every line but its own, as on the wire.
        const Mip6Bytes octets = done.GetAuthOctets();
        const std::string text(octets.begin(), octets.end());
        NS_TEST_EXPECT_MSG_EQ(text.find("auth:"), std::string::npos, "auth excluded");
        NS_TEST_EXPECT_MSG_EQ(octets.size() + 5 + 64 + 2 + 2 + 4,
                              done.Serialize().size(),
                              "all other lines included");

        // Names are case-insensitive; whitespace after the colon is skipped.
        auto relaxed = Mip6MhAuthParser::Parse(Container(
            "MN-ID: a@b\r\nmn-rand:" + std::string(64, 'F') + "\r\nAuth-Method:\tpsk,eap\r\n\r\n"));
        NS_TEST_ASSERT_MSG_EQ(relaxed.IsOk(), true, relaxed.error);
        NS_TEST_EXPECT_MSG_EQ(*relaxed.message.Get("mn-id"), "a@b", "lower-cased, trimmed");
        NS_TEST_EXPECT_MSG_EQ(*relaxed.message.Get(AUTH_METHOD), "psk,eap", "method list");
    }
};

class ValueFormatTestCase : public TestCase
{
  public:
    ValueFormatTestCase()
        : TestCase("dates, suites and value checks")
    {
    }

  private:
    void DoRun() override
    {
        NS_TEST_EXPECT_MSG_EQ(Mip6MhAuthFormatDate(784111777),
                              "Sun, 06 Nov 1994 08:49:37 GMT",
                              "RFC 1123 example");
        NS_TEST_EXPECT_MSG_EQ(*Mip6MhAuthParseDate("Sun, 06 Nov 1994 08:49:37 GMT"),
                              784111777,
                              "parsed back");
        NS_TEST_EXPECT_MSG_EQ(Mip6MhAuthParseDate("Mon, 06 Nov 1994 08:49:37 GMT").has_value(),
                              false,
                              "wrong weekday");
        NS_TEST_EXPECT_MSG_EQ(Mip6MhAuthParseDate("Sat, 31 Feb 2024 00:00:00 GMT").has_value(),
                              false,
                              "no 31 February");
        NS_TEST_EXPECT_MSG_EQ(Mip6MhAuthFormatDate(951782400),
                              "Tue, 29 Feb 2000 00:00:00 GMT",
                              "leap day");
        NS_TEST_EXPECT_MSG_EQ(Mip6MhAuthFormatSuite(0x003C), "{00,3C}", "suite text");
        auto list = Mip6MhAuthParseSuiteList("{00,2F},{00,3C} {00,02}");
        NS_TEST_ASSERT_MSG_EQ(list.has_value(), true, "list parsed");
        NS_TEST_EXPECT_MSG_EQ(list->size(), 3u, "three suites");
        NS_TEST_EXPECT_MSG_EQ((*list)[2], 0x0002, "NULL_SHA");
        NS_TEST_EXPECT_MSG_EQ(Mip6MhAuthParseSuiteList("{00,2F},").has_value(), false, "dangling");
        NS_TEST_EXPECT_MSG_EQ(Mip6MhAuthParseSuiteList("").has_value(), false, "empty");

        using namespace Mip6MhAuthName;
        NS_TEST_EXPECT_MSG_EQ(Mip6MhAuthParser::CheckValue(SPI, "0"), false, "SPI 0");
        NS_TEST_EXPECT_MSG_EQ(Mip6MhAuthParser::CheckValue(SPI, "268435456"), false, "29 bits");
        NS_TEST_EXPECT_MSG_EQ(Mip6MhAuthParser::CheckValue(SPI, "268435455"), true, "28 bits");
        NS_TEST_EXPECT_MSG_EQ(Mip6MhAuthParser::CheckValue(SPI, "+5"), false, "sign");
        NS_TEST_EXPECT_MSG_EQ(Mip6MhAuthParser::CheckValue(STATUS_CODE, "299"), false, "unknown");
        NS_TEST_EXPECT_MSG_EQ(Mip6MhAuthParser::CheckValue(PORT, "65536"), false, "port range");
        NS_TEST_EXPECT_MSG_EQ(Mip6MhAuthParser::CheckValue(IP6_HNP, "fd00::/129"), false, "/129");
        NS_TEST_EXPECT_MSG_EQ(Mip6MhAuthParser::CheckValue(HAA_IP6, "fd00::1::2"), false, "addr");
        NS_TEST_EXPECT_MSG_EQ(Mip6MhAuthParser::CheckValue(MN_RAND, std::string(62, '0')),
                              false,
                              "31-byte nonce");
        NS_TEST_EXPECT_MSG_EQ(Mip6MhAuthParser::CheckValue(SAS, "O"), false, "letter O");
    }
};

class RobustnessTestCase : public TestCase
{
  public:
    RobustnessTestCase()
        : TestCase("malformed containers and headers give 400 or 501 with a reason, never a crash")
    {
    }

  private:
    void Expect(const Mip6Bytes& bytes, Mip6MhAuthStatus status, const std::string& reason)
    {
        auto r = Mip6MhAuthParser::Parse(bytes);
        NS_TEST_EXPECT_MSG_EQ(unsigned(r.status), unsigned(status), "status for " << reason);
        NS_TEST_EXPECT_MSG_EQ(r.error, reason, "reason");
    }

    void DoRun() override
    {
        const std::string good =
            "mn-id:a@b\r\nmn-rand:" + std::string(64, '0') + "\r\nauth-method:psk\r\n\r\n";
        const auto bad = Mip6MhAuthStatus::BAD_REQUEST;
        NS_TEST_EXPECT_MSG_EQ(Mip6MhAuthParser::Parse(Container(good)).IsOk(), true, "baseline");

        // Container.
        Expect({}, bad, "truncated-container");
        Expect({0, 1, 0}, bad, "truncated-container");
        Expect(Container(good, 0x00, 1, good.size() + 1), bad, "length-beyond-data");
        Expect(Container(good, 0x00, 1, 65535), bad, "length-beyond-data");
        Expect(Container(good, 0x00, 1, good.size() - 1), bad, "trailing-octets");
        Expect(Container(good, 0x20), Mip6MhAuthStatus::NOT_IMPLEMENTED, "unknown-version");
        Expect(Container(good, 0xe0), Mip6MhAuthStatus::NOT_IMPLEMENTED, "unknown-version");
        Expect(Container(good, 0x00, 0), bad, "bad-identifier");
        Expect(Container(""), bad, "empty-content");
        NS_TEST_EXPECT_MSG_EQ(Mip6MhAuthParser::Parse(Container(good, 0x1f)).IsOk(),
                              true,
                              "reserved bits are ignored");

        // Lines.
        Expect(Container("mn-id:a@b\r\n"), bad, "missing-final-crlf");
        Expect(Container("mn-id:a@b"), bad, "missing-crlf");
        Expect(Container("mn-id:a@b\r\n\r\nxy\r\n"), bad, "octets-after-final-crlf");
        Expect(Container("mn-id:a@b\n\r\n"), bad, "bare-cr-or-lf");
        Expect(Container("mn-id a@b\r\n\r\n"), bad, "bad-header-syntax");
        Expect(Container(":x\r\n\r\n"), bad, "bad-header-syntax");
        Expect(Container("mn_id:x\r\n\r\n"), bad, "bad-header-name");
        Expect(Container(std::string("x:a\0b\r\n\r\n", 9)), bad, "bad-header-value");
        Expect(Container("\r\n"), bad, "no-headers");
        Expect(Container("mn-id:a@b\r\nmn-id:c@d\r\n\r\n"), bad, "duplicate-mn-id");
        Expect(Container("auth:" + std::string(64, '0') + "\r\nmn-id:a@b\r\n\r\n"),
               bad,
               "auth-not-last");
        Expect(Container("x-big:" + std::string(3000, 'a') + "\r\n\r\n"), bad, "header-too-long");
        std::string many;
        for (int i = 0; i < 40; i++)
        {
            many += "x-" + std::to_string(i) + ":1\r\n";
        }
        Expect(Container(many + "\r\n"), bad, "too-many-headers");

        // Values.
        Expect(Container("mn-rand:" + std::string(63, '0') + "g\r\n\r\n"),
               bad,
               "bad-value-mn-rand");
        Expect(Container("mn-rand:" + std::string(63, '0') + "\r\n\r\n"), bad, "bad-value-mn-rand");
        Expect(Container("mip6-spi:0\r\n\r\n"), bad, "bad-value-mip6-spi");
        Expect(Container("mip6-spi:99999999999999999999999\r\n\r\n"), bad, "bad-value-mip6-spi");
        Expect(Container("status-code:2000\r\n\r\n"), bad, "bad-value-status-code");
        Expect(Container("mip6-ciphersuite:{00,2G}\r\n\r\n"), bad, "bad-value-mip6-ciphersuite");
        Expect(Container("mip6-sa-validity-end:tomorrow\r\n\r\n"),
               bad,
               "bad-value-mip6-sa-validity-end");
        Expect(Container("mip6-ip6-hoa:fd00::zz\r\n\r\n"), bad, "bad-value-mip6-ip6-hoa");
        Expect(Container("unknown-thing:anything goes\r\n\r\n"), Mip6MhAuthStatus::OK, "");

        // Roles: missing mandatory headers.
        auto noId = Mip6MhAuthParser::Parse(
            Container("mn-rand:" + std::string(64, '0') + "\r\nauth-method:psk\r\n\r\n"));
        NS_TEST_ASSERT_MSG_EQ(noId.IsOk(), true, noId.error);
        auto role = Mip6MhAuthParser::CheckRole(noId.message, Mip6MhAuthRole::INIT_REQUEST);
        NS_TEST_EXPECT_MSG_EQ(unsigned(role.status), 400u, "missing mn-id");
        NS_TEST_EXPECT_MSG_EQ(role.error, "missing-mn-id", "reason");

        Mip6MhAuthMessage done = DoneResponse();
        done.Remove(Mip6MhAuthName::HA_TO_MN_EKEY);
        role = Mip6MhAuthParser::CheckRole(done, Mip6MhAuthRole::DONE_RESPONSE);
        NS_TEST_EXPECT_MSG_EQ(role.error, "missing-mip6-ha-to-mn-ekey", "AES needs both ekeys");
        done.Remove(Mip6MhAuthName::MN_TO_HA_EKEY);
        done.Remove(Mip6MhAuthName::CIPHERSUITE);
        done.Remove(Mip6MhAuthName::AUTH);
        done.Add(Mip6MhAuthName::CIPHERSUITE, "{00,02}");
        done.AddHex(Mip6MhAuthName::AUTH, Mip6Bytes(32, 1));
        NS_TEST_EXPECT_MSG_EQ(
            Mip6MhAuthParser::CheckRole(done, Mip6MhAuthRole::DONE_RESPONSE).IsOk(),
            true,
            "NULL_SHA needs no ekeys");
        Mip6MhAuthMessage err;
        err.Add(Mip6MhAuthName::STATUS_CODE, "401");
        NS_TEST_EXPECT_MSG_EQ(
            Mip6MhAuthParser::CheckRole(err, Mip6MhAuthRole::DONE_RESPONSE).IsOk(),
            true,
            "an error response needs only its status");

        // Every truncation of a valid message is refused without a crash.
        const Mip6Bytes full = DoneResponse().Serialize();
        for (size_t n = 0; n < full.size(); ++n)
        {
            auto r = Mip6MhAuthParser::Parse(full.data(), n, Mip6MhAuthParser::Limits());
            NS_TEST_EXPECT_MSG_EQ(r.IsOk(), false, "truncated to " << n);
        }
        // Every single-byte corruption either parses or gives a status (never crashes).
        for (size_t i = 0; i < full.size(); ++i)
        {
            Mip6Bytes c = full;
            c[i] ^= 0x80;
            auto r = Mip6MhAuthParser::Parse(c);
            NS_TEST_EXPECT_MSG_EQ((r.IsOk() || !r.error.empty()), true, "corrupted at " << i);
        }
    }
};

class FramingTestCase : public TestCase
{
  public:
    FramingTestCase()
        : TestCase("stream framing: need more, complete, bad header")
    {
    }

  private:
    void DoRun() override
    {
        const Mip6Bytes m = DoneResponse().Serialize();
        Mip6Bytes stream = m;
        stream.insert(stream.end(), m.begin(), m.begin() + 10);
        size_t frame = 0;
        Mip6MhAuthParseResult err;
        NS_TEST_EXPECT_MSG_EQ(int(Mip6MhAuthParser::Frame(stream.data(), 3, frame, err)),
                              int(Mip6MhAuthParser::FrameState::NEED_MORE),
                              "3 octets");
        NS_TEST_EXPECT_MSG_EQ(int(Mip6MhAuthParser::Frame(stream.data(), m.size() - 1, frame, err)),
                              int(Mip6MhAuthParser::FrameState::NEED_MORE),
                              "one short");
        NS_TEST_EXPECT_MSG_EQ(
            int(Mip6MhAuthParser::Frame(stream.data(), stream.size(), frame, err)),
            int(Mip6MhAuthParser::FrameState::COMPLETE),
            "whole");
        NS_TEST_EXPECT_MSG_EQ(frame, m.size(), "frame size");
        Mip6Bytes v2 = m;
        v2[0] = 0x40;
        NS_TEST_EXPECT_MSG_EQ(int(Mip6MhAuthParser::Frame(v2.data(), v2.size(), frame, err)),
                              int(Mip6MhAuthParser::FrameState::ERROR),
                              "version 2");
        NS_TEST_EXPECT_MSG_EQ(unsigned(err.status), 501u, "Not Implemented");
    }
};

class EapTestCase : public TestCase
{
  public:
    EapTestCase()
        : TestCase("EAP packets (RFC 3748 §4) and the EAP-MD5 value (§5.4): layout, strict parsing")
    {
    }

  private:
    void DoRun() override
    {
        Mip6EapPacket req;
        req.code = Mip6EapPacket::REQUEST;
        req.identifier = 2;
        req.type = Mip6EapPacket::MD5_CHALLENGE;
        Mip6Bytes challenge;
        for (uint8_t i = 0; i < 16; ++i)
        {
            challenge.push_back(i);
        }
        req.data = Mip6EapMd5TypeData(challenge, "");
        const Mip6Bytes bytes = req.Serialize();
        NS_TEST_EXPECT_MSG_EQ(Mip6ToHex(bytes),
                              "0102001604" + std::string("10") + "000102030405060708090a0b0c0d0e0f",
                              "Code, Identifier, Length 22, Type 4, Value-Size 16, Value");
        auto back = Mip6EapPacket::Parse(bytes);
        NS_TEST_ASSERT_MSG_EQ(back.has_value(), true, "parses");
        NS_TEST_EXPECT_MSG_EQ((*Mip6EapMd5ParseValue(back->data) == challenge), true, "value");
        // MD5(0x02 || "secret" || 00..0f), computed independently (Python hashlib).
        NS_TEST_EXPECT_MSG_EQ(
            Mip6ToHex(Mip6EapMd5Value(2, Mip6BytesFromString("secret"), challenge)),
            "dd4186e2196f00124a9d588f02701259",
            "EAP-MD5 response value");
        Mip6EapPacket ok;
        ok.code = Mip6EapPacket::SUCCESS;
        ok.identifier = 2;
        NS_TEST_EXPECT_MSG_EQ(Mip6ToHex(ok.Serialize()), "03020004", "Success is 4 octets");
        // Strict parsing: every truncation, a lying Length, a bad Code, a long Success.
        for (size_t n = 0; n < bytes.size(); ++n)
        {
            NS_TEST_EXPECT_MSG_EQ(
                Mip6EapPacket::Parse(Mip6Bytes(bytes.begin(), bytes.begin() + n)).has_value(),
                false,
                "truncated at " << n);
        }
        Mip6Bytes longer = bytes;
        longer.push_back(0);
        NS_TEST_EXPECT_MSG_EQ(Mip6EapPacket::Parse(longer).has_value(), false, "trailing octet");
        NS_TEST_EXPECT_MSG_EQ(Mip6EapPacket::Parse({5, 1, 0, 4}).has_value(), false, "Code 5");
        NS_TEST_EXPECT_MSG_EQ(Mip6EapPacket::Parse({1, 1, 0, 4}).has_value(),
                              false,
                              "a Request needs a Type");
        NS_TEST_EXPECT_MSG_EQ(Mip6EapPacket::Parse({3, 1, 0, 5, 0}).has_value(),
                              false,
                              "Success with data");
        NS_TEST_EXPECT_MSG_EQ(Mip6EapMd5ParseValue({17, 1, 2}).has_value(),
                              false,
                              "Value-Size beyond the data");
        NS_TEST_EXPECT_MSG_EQ(Mip6EapMd5ParseValue({0}).has_value(), false, "Value-Size 0");
    }
};

class MhAuthTestSuite : public TestSuite
{
  public:
    MhAuthTestSuite()
        : TestSuite("mip6-altsec-mhauth", UNIT)
    {
        AddTestCase(new ContainerTestCase, TestCase::QUICK);
        AddTestCase(new RoundTripTestCase, TestCase::QUICK);
        AddTestCase(new ValueFormatTestCase, TestCase::QUICK);
        AddTestCase(new RobustnessTestCase, TestCase::QUICK);
        AddTestCase(new FramingTestCase, TestCase::QUICK);
        AddTestCase(new EapTestCase, TestCase::QUICK);
    }
};

static MhAuthTestSuite g_mhAuthTestSuite;

} // namespace

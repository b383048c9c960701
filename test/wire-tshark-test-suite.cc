/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Suite "mip6-wire-tshark": the IPv6 packets our code builds (BU with HAO and AltCoA, BA with
 * Type 2 RH and Binding Refresh Advice, BE, BRR) are written to a raw-IP pcap and decoded by
 * Wireshark's tshark; every field we set must read back, and no packet may be malformed. An
 * independent decoder is the check here: tshark's field names are listed by `tshark -G fields`
 * (protocol "mipv6", fields "mip6.*"; see research/tshark-notes.md).
 *
 * Fails (does not skip) when tshark is not installed: CI installs it.
 */

#include "mip6-test-util.h"

#include "ns3/ipv6-header.h"
#include "ns3/mip6-header.h"
#include "ns3/mip6-l4-protocol.h"
#include "ns3/pcap-file.h"
#include "ns3/test.h"
#include "ns3/trace-helper.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;
using mip6test::RunCommand;

namespace
{

const Ipv6Address kHoa("fd00:aaaa::100");
const Ipv6Address kCoa("fd00:bbbb::200");
const Ipv6Address kHa("fd00:aaaa::1");
const Ipv6Address kAltCoa("fd00:cccc::300");

std::vector<std::string>
Split(const std::string& s, char sep)
{
    std::vector<std::string> v;
    std::string cur;
    for (char c : s)
    {
        if (c == sep)
        {
            v.push_back(cur);
            cur.clear();
        }
        else
        {
            cur += c;
        }
    }
    v.push_back(cur);
    return v;
}

/// Adds the IPv6 header in front of what Mip6L4Protocol::Send hands to IPv6.
Ptr<Packet>
BuildIpv6(const Header& mh,
          Ipv6Address src,
          Ipv6Address dst,
          std::optional<Ipv6Address> hao,
          std::optional<Ipv6Address> rh2)
{
    Ptr<Packet> payload = Create<Packet>();
    payload->AddHeader(mh);
    uint8_t nh = 0;
    Ptr<Packet> p = Mip6L4Protocol::BuildPacket(payload, 135, hao, rh2, nh);
    Ipv6Header ip;
    ip.SetSource(src);
    ip.SetDestination(dst);
    ip.SetNextHeader(nh);
    ip.SetPayloadLength(p->GetSize());
    ip.SetHopLimit(64);
    ip.SetFlowLabel(0);
    p->AddHeader(ip);
    return p;
}

std::string
HexChecksum(uint16_t c)
{
    char b[8];
    std::snprintf(b, sizeof(b), "0x%04x", c);
    return b;
}

} // namespace

/**
 * BU/BA/BE/BRR decoded by tshark.
 */
class Mip6WireTsharkTestCase : public TestCase
{
  public:
    Mip6WireTsharkTestCase()
        : TestCase("tshark decodes BU(HAO, AltCoA), BA(RH2, BRA), BE and BRR field by field")
    {
    }

  private:
    void DoRun() override
    {
        int status = 0;
        RunCommand("command -v tshark >/dev/null 2>&1", status);
        NS_TEST_ASSERT_MSG_EQ(status,
                              0,
                              "tshark is not installed: this test needs it (apt-get install "
                              "tshark); it fails rather than skips so that CI cannot pass without "
                              "the decoder check");

        const char* tmpEnv = std::getenv("TMPDIR");
        std::string tmpl = std::string(tmpEnv && *tmpEnv ? tmpEnv : "/tmp") + "/mip6-tshark-XXXXXX";
        std::vector<char> dirBuf(tmpl.begin(), tmpl.end());
        dirBuf.push_back('\0');
        NS_TEST_ASSERT_MSG_NE(mkdtemp(dirBuf.data()), nullptr, "mkdtemp " << tmpl);
        const std::string dir(dirBuf.data());
        const std::string pcap = dir + "/mip6-wire.pcap";

        // 1. BU from the CoA: HAO, A/H/K/L flags, AltCoA.
        Mip6BindingUpdateHeader bu;
        bu.SetSequence(4242);
        bu.SetFlags(Mip6BindingUpdateHeader::FLAG_A | Mip6BindingUpdateHeader::FLAG_H |
                    Mip6BindingUpdateHeader::FLAG_K | Mip6BindingUpdateHeader::FLAG_L);
        bu.SetLifetimeUnits(150);
        bu.AddOption(Mip6Option::AlternateCareOfAddress(kAltCoa));
        bu.CalculateChecksum(kHoa, kHa);
        // 2. BA to the CoA: RH2, status 0, K flag, BRA.
        Mip6BindingAckHeader ba;
        ba.SetStatus(Mip6BaStatus::ACCEPTED);
        ba.SetFlags(Mip6BindingAckHeader::FLAG_K);
        ba.SetSequence(4242);
        ba.SetLifetimeUnits(149);
        ba.AddOption(Mip6Option::BindingRefreshAdvice(75));
        ba.CalculateChecksum(kHa, kHoa);
        // 3. BE, status 2, with the HoA.
        Mip6BindingErrorHeader be;
        be.SetStatus(Mip6BindingErrorHeader::STATUS_UNRECOGNIZED_MH_TYPE);
        be.SetHomeAddress(kHoa);
        be.CalculateChecksum(kHa, kCoa);
        // 4. BRR to the HoA.
        Mip6BindingRefreshRequestHeader brr;
        brr.CalculateChecksum(kHa, kHoa);

        std::vector<Ptr<Packet>> packets = {BuildIpv6(bu, kCoa, kHa, kHoa, std::nullopt),
                                            BuildIpv6(ba, kHa, kCoa, std::nullopt, kHoa),
                                            BuildIpv6(be, kHa, kCoa, std::nullopt, std::nullopt),
                                            BuildIpv6(brr, kHa, kHoa, std::nullopt, std::nullopt)};
        NS_TEST_EXPECT_MSG_EQ(packets[0]->GetSize(), 96u, "BU packet: 40 + 24 + 32");
        NS_TEST_EXPECT_MSG_EQ(packets[1]->GetSize(), 80u, "BA packet: 40 + 24 + 16");
        NS_TEST_EXPECT_MSG_EQ(packets[2]->GetSize(), 64u, "BE packet: 40 + 24");
        NS_TEST_EXPECT_MSG_EQ(packets[3]->GetSize(), 48u, "BRR packet: 40 + 8");
        {
            PcapFile f;
            f.Open(pcap, std::ios::out);
            f.Init(PcapHelper::DLT_RAW);
            for (std::size_t i = 0; i < packets.size(); ++i)
            {
                f.Write(static_cast<uint32_t>(i + 1), 0, packets[i]);
            }
            f.Close();
        }

        const std::vector<std::string> fields = {"frame.len",
                                                 "ipv6.plen",
                                                 "ipv6.nxt",
                                                 "ipv6.opt.mipv6.home_address",
                                                 "ipv6.routing.type",
                                                 "ipv6.routing.segleft",
                                                 "ipv6.routing.mipv6.home_address",
                                                 "mip6.proto",
                                                 "mip6.hlen",
                                                 "mip6.mhtype",
                                                 "mip6.csum",
                                                 "mip6.bu.seqnr",
                                                 "mip6.bu.a_flag",
                                                 "mip6.bu.h_flag",
                                                 "mip6.bu.l_flag",
                                                 "mip6.bu.k_flag",
                                                 "mip6.bu.m_flag",
                                                 "mip6.bu.lifetime",
                                                 "mip6.acoa.acoa",
                                                 "mip6.ba.status",
                                                 "mip6.ba.k_flag",
                                                 "mip6.ba.seqnr",
                                                 "mip6.ba.lifetime",
                                                 "mip6.bra.interval",
                                                 "mip6.be.status",
                                                 "mip6.be.haddr"};
        std::string cmd = "tshark -n -r '" + pcap + "' -T fields -E separator='|' -E occurrence=f";
        for (const auto& f : fields)
        {
            cmd += " -e " + f;
        }
        cmd += " 2>'" + dir + "/tshark.err'";
        const std::string out = RunCommand(cmd, status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark failed: " << cmd);
        std::vector<std::map<std::string, std::string>> rows;
        std::istringstream lines(out);
        std::string line;
        while (std::getline(lines, line))
        {
            const auto cols = Split(line, '|');
            NS_TEST_ASSERT_MSG_EQ(cols.size(), fields.size(), "columns in: " << line);
            std::map<std::string, std::string> row;
            for (std::size_t i = 0; i < fields.size(); ++i)
            {
                row[fields[i]] = cols[i];
            }
            rows.push_back(row);
        }
        NS_TEST_ASSERT_MSG_EQ(rows.size(), 4u, "packets decoded:\n" << out);

        // tshark 4.0 prints booleans in -T fields as 1/0.
        auto& r0 = rows[0];
        NS_TEST_EXPECT_MSG_EQ(r0["frame.len"], "96", "BU frame length");
        NS_TEST_EXPECT_MSG_EQ(r0["ipv6.plen"], "56", "BU payload length");
        NS_TEST_EXPECT_MSG_EQ(r0["ipv6.nxt"], "60", "BU first header: Destination Options");
        NS_TEST_EXPECT_MSG_EQ(r0["ipv6.opt.mipv6.home_address"], "fd00:aaaa::100", "HAO");
        NS_TEST_EXPECT_MSG_EQ(r0["mip6.proto"], "59", "BU payload proto");
        NS_TEST_EXPECT_MSG_EQ(r0["mip6.hlen"], "3", "BU header len");
        NS_TEST_EXPECT_MSG_EQ(r0["mip6.mhtype"], "5", "BU type");
        NS_TEST_EXPECT_MSG_EQ(r0["mip6.csum"], HexChecksum(bu.GetChecksum()), "BU checksum");
        NS_TEST_EXPECT_MSG_EQ(r0["mip6.bu.seqnr"], "4242", "BU seq");
        NS_TEST_EXPECT_MSG_EQ(r0["mip6.bu.a_flag"], "1", "BU A");
        NS_TEST_EXPECT_MSG_EQ(r0["mip6.bu.h_flag"], "1", "BU H");
        NS_TEST_EXPECT_MSG_EQ(r0["mip6.bu.l_flag"], "1", "BU L");
        NS_TEST_EXPECT_MSG_EQ(r0["mip6.bu.k_flag"], "1", "BU K");
        NS_TEST_EXPECT_MSG_EQ(r0["mip6.bu.m_flag"], "0", "BU M");
        NS_TEST_EXPECT_MSG_EQ(r0["mip6.bu.lifetime"], "150", "BU lifetime (4-s units)");
        NS_TEST_EXPECT_MSG_EQ(r0["mip6.acoa.acoa"], "fd00:cccc::300", "AltCoA");

        auto& r1 = rows[1];
        NS_TEST_EXPECT_MSG_EQ(r1["frame.len"], "80", "BA frame length");
        NS_TEST_EXPECT_MSG_EQ(r1["ipv6.nxt"], "43", "BA first header: Routing");
        NS_TEST_EXPECT_MSG_EQ(r1["ipv6.routing.type"], "2", "RH type");
        NS_TEST_EXPECT_MSG_EQ(r1["ipv6.routing.segleft"], "1", "RH segments left");
        NS_TEST_EXPECT_MSG_EQ(r1["ipv6.routing.mipv6.home_address"], "fd00:aaaa::100", "RH2 HoA");
        NS_TEST_EXPECT_MSG_EQ(r1["mip6.mhtype"], "6", "BA type");
        NS_TEST_EXPECT_MSG_EQ(r1["mip6.hlen"], "1", "BA header len");
        NS_TEST_EXPECT_MSG_EQ(r1["mip6.csum"], HexChecksum(ba.GetChecksum()), "BA checksum");
        NS_TEST_EXPECT_MSG_EQ(r1["mip6.ba.status"], "0", "BA status");
        NS_TEST_EXPECT_MSG_EQ(r1["mip6.ba.k_flag"], "1", "BA K");
        NS_TEST_EXPECT_MSG_EQ(r1["mip6.ba.seqnr"], "4242", "BA seq");
        NS_TEST_EXPECT_MSG_EQ(r1["mip6.ba.lifetime"], "149", "BA lifetime");
        NS_TEST_EXPECT_MSG_EQ(r1["mip6.bra.interval"], "75", "BRA");

        auto& r2 = rows[2];
        NS_TEST_EXPECT_MSG_EQ(r2["frame.len"], "64", "BE frame length");
        NS_TEST_EXPECT_MSG_EQ(r2["ipv6.nxt"], "135", "BE: MH directly");
        NS_TEST_EXPECT_MSG_EQ(r2["mip6.mhtype"], "7", "BE type");
        NS_TEST_EXPECT_MSG_EQ(r2["mip6.be.status"], "2", "BE status");
        NS_TEST_EXPECT_MSG_EQ(r2["mip6.be.haddr"], "fd00:aaaa::100", "BE HoA");

        auto& r3 = rows[3];
        NS_TEST_EXPECT_MSG_EQ(r3["frame.len"], "48", "BRR frame length");
        NS_TEST_EXPECT_MSG_EQ(r3["mip6.mhtype"], "0", "BRR type");
        NS_TEST_EXPECT_MSG_EQ(r3["mip6.hlen"], "0", "BRR header len");

        // No packet is malformed, and every one is Mobile IPv6.
        const std::string malformed =
            RunCommand("tshark -n -r '" + pcap + "' -Y _ws.malformed 2>/dev/null", status);
        NS_TEST_EXPECT_MSG_EQ(status, 0, "tshark -Y _ws.malformed failed");
        NS_TEST_EXPECT_MSG_EQ(malformed, "", "malformed packets");
        const std::string mipv6 =
            RunCommand("tshark -n -r '" + pcap + "' -Y mipv6 -T fields -e frame.number 2>/dev/null",
                       status);
        NS_TEST_EXPECT_MSG_EQ(mipv6, "1\n2\n3\n4\n", "every packet matches the mipv6 filter");

        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

/**
 * The suite "mip6-wire-tshark".
 */
class Mip6WireTsharkTestSuite : public TestSuite
{
  public:
    Mip6WireTsharkTestSuite()
        : TestSuite("mip6-wire-tshark", SYSTEM)
    {
        AddTestCase(new Mip6WireTsharkTestCase, TestCase::QUICK);
    }
};

static Mip6WireTsharkTestSuite g_wireTsharkTestSuite; //!< the suite instance

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

#include "ns3/ipv4-address.h"
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

/// \return true when tshark is on the PATH
bool
HaveTshark()
{
    int status = 0;
    RunCommand("command -v tshark >/dev/null 2>&1", status);
    return status == 0;
}

/// A fresh directory under $TMPDIR (or /tmp); empty string on failure.
std::string
MakeTempDir()
{
    const char* tmpEnv = std::getenv("TMPDIR");
    std::string tmpl = std::string(tmpEnv && *tmpEnv ? tmpEnv : "/tmp") + "/mip6-tshark-XXXXXX";
    std::vector<char> dirBuf(tmpl.begin(), tmpl.end());
    dirBuf.push_back('\0');
    return mkdtemp(dirBuf.data()) ? std::string(dirBuf.data()) : std::string();
}

/// Writes raw-IPv6 packets to a pcap (linktype RAW), one per second.
void
WritePcap(const std::string& pcap, const std::vector<Ptr<Packet>>& packets)
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

/**
 * Decodes the pcap with `tshark -T fields`, one row per packet keyed by field name.
 * \param pcap the file
 * \param fields the tshark field names
 * \param occurrence "f" (first) or "a" (all, comma-separated)
 * \param status pclose's status
 * \param raw tshark's output
 * \return the rows; a row with a wrong column count is left empty
 */
std::vector<std::map<std::string, std::string>>
DecodeFields(const std::string& pcap,
             const std::vector<std::string>& fields,
             const std::string& occurrence,
             int& status,
             std::string& raw)
{
    std::string cmd = "tshark -n -r '" + pcap +
                      "' -T fields -E separator='|' -E occurrence=" + occurrence +
                      " -E aggregator=','";
    for (const auto& f : fields)
    {
        cmd += " -e " + f;
    }
    cmd += " 2>/dev/null";
    raw = RunCommand(cmd, status);
    std::vector<std::map<std::string, std::string>> rows;
    std::istringstream lines(raw);
    std::string line;
    while (std::getline(lines, line))
    {
        const auto cols = Split(line, '|');
        std::map<std::string, std::string> row;
        for (std::size_t i = 0; i < fields.size() && cols.size() == fields.size(); ++i)
        {
            row[fields[i]] = cols[i];
        }
        rows.push_back(row);
    }
    return rows;
}

/// \return the frame numbers tshark marks as malformed, one per line ("" when none)
std::string
MalformedFrames(const std::string& pcap, int& status)
{
    return RunCommand("tshark -n -r '" + pcap +
                          "' -Y _ws.malformed -T fields -e frame.number "
                          "2>/dev/null",
                      status);
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
        NS_TEST_ASSERT_MSG_EQ(HaveTshark(),
                              true,
                              "tshark is not installed: this test needs it (apt-get install "
                              "tshark); it fails rather than skips so that CI cannot pass without "
                              "the decoder check");
        const std::string dir = MakeTempDir();
        NS_TEST_ASSERT_MSG_NE(dir, "", "mkdtemp");
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
        WritePcap(pcap, packets);

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
        std::string out;
        auto rows = DecodeFields(pcap, fields, "f", status, out);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark failed");
        for (const auto& row : rows)
        {
            NS_TEST_ASSERT_MSG_EQ(row.size(), fields.size(), "columns in:\n" << out);
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
        const std::string malformed = MalformedFrames(pcap, status);
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
 * RFC 5648 / RFC 6089 options decoded by tshark: a bulk-registration BU with two IPv6 Binding
 * Identifier options (one with H), a BA with status 4 echoing a BID without CoA and a BID with an
 * IPv4 CoA, and a BU carrying a Flow Identification option.
 */
class Mip6WireTsharkMcoaTestCase : public TestCase
{
  public:
    Mip6WireTsharkMcoaTestCase()
        : TestCase("tshark decodes the Binding Identifier option (BID, status, H, CoA) and names "
                   "the Flow Identification option")
    {
    }

  private:
    void DoRun() override
    {
        int status = 0;
        NS_TEST_ASSERT_MSG_EQ(HaveTshark(), true, "tshark is not installed");
        const std::string dir = MakeTempDir();
        NS_TEST_ASSERT_MSG_NE(dir, "", "mkdtemp");
        const std::string pcap = dir + "/mip6-mcoa.pcap";

        // 1. Bulk registration from the first CoA: BID 1 -> kCoa, BID 2 -> kAltCoa (H set), O.
        Mip6BindingUpdateHeader bu;
        bu.SetSequence(77);
        bu.SetFlags(Mip6BindingUpdateHeader::FLAG_A | Mip6BindingUpdateHeader::FLAG_H |
                    Mip6BindingUpdateHeader::FLAG_O);
        bu.SetLifetimeUnits(100);
        bu.AddOption(Mip6Option::BindingIdentifier(1, kCoa, 10));
        bu.AddOption(Mip6Option::BindingIdentifier(2, kAltCoa, 20, 0, true));
        bu.CalculateChecksum(kHoa, kHa);
        // 2. BA, status 4: BID 1 accepted (no CoA), BID 2 refused (167) with an IPv4 CoA.
        Mip6BindingAckHeader ba;
        ba.SetStatus(Mip6BaStatus::MCOA_NOTCOMPLETE);
        ba.SetSequence(77);
        ba.SetLifetimeUnits(100);
        ba.AddOption(Mip6Option::BindingIdentifier(1, std::nullopt));
        Mip6BindingIdentifier v4;
        v4.bid = 2;
        v4.status = Mip6BaStatus::MCOA_UNKNOWN_COA;
        v4.coa4 = Ipv4Address("10.9.8.7");
        ba.AddOption(Mip6Option::BindingIdentifier(v4));
        ba.CalculateChecksum(kHa, kHoa);
        // 3. BU with a BID and a flow binding (UDP to ports 5000-5010 over BID 1).
        Mip6BindingUpdateHeader fbu;
        fbu.SetSequence(78);
        fbu.SetFlags(Mip6BindingUpdateHeader::FLAG_A | Mip6BindingUpdateHeader::FLAG_H);
        fbu.SetLifetimeUnits(100);
        fbu.AddOption(Mip6Option::BindingIdentifier(1, kCoa, 10));
        Mip6FlowIdentification f;
        f.fid = 3;
        f.priority = 1;
        f.bindingRefs = {1};
        f.tsFormat = Mip6FlowIdentification::TS_IPV6_BINARY;
        f.ts = Mip6TrafficSelector();
        f.ts->startDstPort = 5000;
        f.ts->endDstPort = 5010;
        f.ts->startNextHeader = 17;
        fbu.AddOption(Mip6Option::FlowIdentification(f));
        fbu.CalculateChecksum(kHoa, kHa);

        const std::vector<Ptr<Packet>> packets = {BuildIpv6(bu, kCoa, kHa, kHoa, std::nullopt),
                                                  BuildIpv6(ba, kHa, kCoa, std::nullopt, kHoa),
                                                  BuildIpv6(fbu, kCoa, kHa, kHoa, std::nullopt)};
        NS_TEST_EXPECT_MSG_EQ(packets[0]->GetSize(), 128u, "BU packet: 40 + 24 + 64");
        WritePcap(pcap, packets);

        const std::vector<std::string> fields = {"frame.len",
                                                 "mip6.hlen",
                                                 "mip6.bu.seqnr",
                                                 "mip6.bu.b_flag",
                                                 "mip6.ba.status",
                                                 "mip6.mobility_opt",
                                                 "mip6.mobility_opt.len",
                                                 "mip6.bi.bid",
                                                 "mip6.bi.status",
                                                 "mip6.bi.h_flag",
                                                 "mip6.bi.coa_ipv6",
                                                 "mip6.bi.coa_ipv4"};
        std::string out;
        auto rows = DecodeFields(pcap, fields, "a", status, out);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark failed");
        NS_TEST_ASSERT_MSG_EQ(rows.size(), 3u, "packets decoded:\n" << out);
        for (const auto& row : rows)
        {
            NS_TEST_ASSERT_MSG_EQ(row.size(), fields.size(), "columns in:\n" << out);
        }
        auto& r0 = rows[0];
        NS_TEST_EXPECT_MSG_EQ(r0["frame.len"], "128", "BU frame length");
        NS_TEST_EXPECT_MSG_EQ(r0["mip6.hlen"], "7", "BU header len (64 bytes)");
        // Option lengths in wire order: PadN(4), BID(20), PadN(0), BID(20): the 8n+2 alignment.
        NS_TEST_EXPECT_MSG_EQ(r0["mip6.mobility_opt.len"], "4,20,0,20", "PadN, BID, PadN, BID");
        NS_TEST_EXPECT_MSG_EQ(r0["mip6.bi.bid"], "1,2", "BIDs");
        NS_TEST_EXPECT_MSG_EQ(r0["mip6.bi.status"], "0,0", "BID status");
        NS_TEST_EXPECT_MSG_EQ(r0["mip6.bi.h_flag"], "0,1", "H flags");
        NS_TEST_EXPECT_MSG_EQ(r0["mip6.bi.coa_ipv6"], "fd00:bbbb::200,fd00:cccc::300", "CoAs");
        // tshark knows bit 0x0040 only as RFC 6602's B (doc/mip6.rst: the O/B choice).
        NS_TEST_EXPECT_MSG_EQ(r0["mip6.bu.b_flag"], "1", "0x0040 decoded as B");

        auto& r1 = rows[1];
        NS_TEST_EXPECT_MSG_EQ(r1["mip6.ba.status"], "4", "BA status MCOA_NOTCOMPLETE");
        NS_TEST_EXPECT_MSG_EQ(r1["mip6.bi.bid"], "1,2", "echoed BIDs");
        NS_TEST_EXPECT_MSG_EQ(r1["mip6.bi.status"], "0,167", "per-BID status");
        NS_TEST_EXPECT_MSG_EQ(r1["mip6.bi.coa_ipv6"], "", "no IPv6 CoA");
        NS_TEST_EXPECT_MSG_EQ(r1["mip6.bi.coa_ipv4"], "10.9.8.7", "IPv4 CoA (Length 8)");
        NS_TEST_EXPECT_MSG_EQ(r1["mip6.mobility_opt.len"], "4,8,2", "BID(4), BID(8) at 8n+2, PadN");

        auto& r2 = rows[2];
        NS_TEST_EXPECT_MSG_EQ(r2["mip6.bi.bid"], "1", "BID with the flow");
        // tshark 4.0 names option 45 "Flow Identification" (field mip6.mobility_opt, which it fills
        // only for options it does not dissect) and notes "IE data not dissected yet".
        NS_TEST_EXPECT_MSG_EQ(r2["mip6.mobility_opt"], "45", "Flow Identification option named");

        NS_TEST_EXPECT_MSG_EQ(MalformedFrames(pcap, status), "", "malformed packets");

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
        AddTestCase(new Mip6WireTsharkMcoaTestCase, TestCase::QUICK);
    }
};

static Mip6WireTsharkTestSuite g_wireTsharkTestSuite; //!< the suite instance

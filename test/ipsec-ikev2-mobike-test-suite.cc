/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of NAT traversal in `ipsec-ikev2` (variant natt=1; RFC 7296 §2.23, RFC 3948): NAT
 * detection hashes, IKE on UDP 4500 behind the non-ESP marker, ESP in UDP, NAT-keepalives;
 * and MOBIKE (variant mobike=1; RFC 4555): UPDATE_SA_ADDRESSES per handover, a forged update;
 * tshark decryption of IKE on 4500 and byte-identical reruns of both.
 */

#include "mip6-ikev2-wlan-run.h"
#include "mip6-test-util.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/mip6-category-tag.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-esp-protocol.h"
#include "ns3/mip6-header.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-ikev2-mobike.h"
#include "ns3/mip6-ipsec-ikev2-design.h"
#include "ns3/mip6-overhead-meter.h"
#include "ns3/mip6-result-writer.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/mip6-wlan-access-helper.h"
#include "ns3/network-module.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <sstream>

using namespace ns3;
using mip6test::RunCommand;

namespace
{

/// One WLAN run with an `ipsec-ikev2` variant, phases from the handover timeline.
struct NatRun : mip6test::Ikev2WlanRun
{
    /// Hooks.
    struct Options
    {
        std::string keyDir;     ///< KeyExportDirectory
        std::string pcapPrefix; ///< pcaps when not empty
    };

    NatRun(const std::string& variant, uint32_t aps, Time simTime, const Options& o = Options())
        : stop(simTime)
    {
        Setup s;
        s.variant = variant;
        s.aps = aps;
        s.simTime = simTime;
        s.keyDir = o.keyDir;
        s.pcapPrefix = o.pcapPrefix;
        s.run = 1;
        s.phases = true;
        SetUp(s);
        inst.timeline->TraceConnectWithoutContext("HandoverComplete",
                                                  MakeCallback(&NatRun::HandoverComplete, this));
        mn->TraceConnectWithoutContext("Exchange", MakeCallback(&NatRun::Exchange, this));
        ha->TraceConnectWithoutContext("Drop", MakeCallback(&NatRun::HaDrop, this));
        Simulator::Stop(simTime);
        Simulator::Run();
        const Mip6BindingCacheEntry* e = inst.homeAgent->GetBinding(topo.mnHomeAddress);
        haCoa = e ? e->careOfAddress : Ipv6Address();
        mnCoa = inst.mobileNode->GetMovementDetector()->GetCareOfAddress();
        registered = inst.mobileNode->IsRegistered();
        haState = inst.homeAgent->GetSecurity()->GetState(topo.mnHomeAddress);
        ikePeer = ha->GetIkePeer(topo.mnHomeAddress);
        mnEsp = topo.mn->GetObject<Mip6EspProtocol>();
        haEsp = topo.ha->GetObject<Mip6EspProtocol>();
        table = std::make_unique<Mip6CsvTable>(Mip6Schema::HandoverColumns());
        inst.timeline->FillHandovers({1, 1, design->GetId()}, *table);
        if (mn->GetIkeSa())
        {
            msg1 = mn->GetIkeSa()->msg1;
            msg2 = mn->GetIkeSa()->msg2;
        }
    }

    ~NatRun()
    {
        Simulator::Destroy();
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
    }

    void HandoverComplete(const Mip6HandoverTimeline::Record& r)
    {
        const Mip6BindingCacheEntry* e = inst.homeAgent->GetBinding(topo.mnHomeAddress);
        bindingFollowed.push_back(e && e->careOfAddress == r.toCoa && r.baStatus &&
                                  *r.baStatus == 0);
        ikePeerFollowed.push_back(ha->GetIkePeer(topo.mnHomeAddress) == r.toCoa);
    }

    void HaDrop(const std::string& reason)
    {
        haDropReasons.push_back(reason);
    }

    void Exchange(uint8_t exchange, bool ok)
    {
        if (exchange == Mip6IkeHeader::IKE_AUTH && ok && authDone.IsZero())
        {
            authDone = Simulator::Now();
        }
    }

    /// \return mn-air observations of a message name
    std::vector<Mip6OverheadMeter::Observation> Messages(const std::string& name) const
    {
        std::vector<Mip6OverheadMeter::Observation> v;
        for (const auto& m : meter->GetMessages())
        {
            if (m.point == Mip6OverheadMeter::POINT_MN_AIR && m.message == name)
            {
                v.push_back(m);
            }
        }
        return v;
    }

    /// \return ip_bytes of every mn-air message with that name
    std::vector<uint64_t> MessageSizes(const std::string& name) const
    {
        std::vector<uint64_t> v;
        for (const auto& m : Messages(name))
        {
            v.push_back(m.ipBytes);
        }
        return v;
    }

    Time stop;
    std::unique_ptr<Mip6CsvTable> table;
    Ptr<Mip6EspProtocol> mnEsp;
    Ptr<Mip6EspProtocol> haEsp;
    std::vector<bool> bindingFollowed;
    std::vector<bool> ikePeerFollowed;
    std::vector<std::string> haDropReasons;
    Ipv6Address haCoa;
    Ipv6Address mnCoa;
    Ipv6Address ikePeer;
    bool registered{false};
    Mip6SecurityState haState;
    Mip6Bytes msg1;
    Mip6Bytes msg2;
    Time authDone;
};

/// \return the payloads of an IKE message (aborts when it does not parse)
std::vector<Ptr<Mip6IkePayload>>
PayloadsOf(const Mip6Bytes& wire)
{
    Mip6IkeParseError error;
    uint8_t unsupported = 0;
    auto m = Mip6IkeMessage::Parse(wire.data(), wire.size(), error, unsupported);
    NS_ABORT_MSG_IF(!m, "IKE message does not parse");
    return m->payloads;
}

/// \return the number of notifies of that type with 20 bytes of data
uint32_t
CountNatD(const std::vector<Ptr<Mip6IkePayload>>& payloads, uint16_t type)
{
    uint32_t n = 0;
    for (const auto& p : payloads)
    {
        auto notify = DynamicCast<Mip6IkeNotifyPayload>(p);
        n += notify && notify->notifyType == type && notify->data.size() == 20 ? 1 : 0;
    }
    return n;
}

/**
 * \ingroup mip6-ipsec
 * RFC 7296 §2.23 hash against a value computed outside ns-3 (Python hashlib, SHA-1 of SPIi ‖
 * SPIr ‖ address ‖ port), and the checker's verdicts: both match, the source or the destination
 * differs (a NAT), the notifies are missing.
 */
class NatDetectionHashTestCase : public TestCase
{
  public:
    NatDetectionHashTestCase()
        : TestCase("NAT_DETECTION_*_IP: SHA-1 of SPIs, address and port; verdicts")
    {
    }

  private:
    void DoRun() override
    {
        const Ipv6Address a("fd00:db8::1");
        const Ipv6Address b("fd00:db8::2");
        const uint64_t spiI = 0x0102030405060708ULL;
        const uint64_t spiR = 0x1112131415161718ULL;
        NS_TEST_EXPECT_MSG_EQ(Mip6ToHex(Mip6IkeNatDetectionHash(spiI, spiR, a, 4500)),
                              "0f57d294fde8f5482880dc8316ce6a495f02cb7e",
                              "hash with both SPIs");
        NS_TEST_EXPECT_MSG_EQ(Mip6ToHex(Mip6IkeNatDetectionHash(spiI, 0, a, 500)),
                              "3bf5cdd9e3c61929d7566124b951cd14793596f9",
                              "hash of the request (SPIr 0)");
        const auto natd = Mip6IkeMakeNatDetection(spiI, spiR, a, 500, b, 500);
        NS_TEST_ASSERT_MSG_EQ(natd.size(), 2u, "two notifies");
        NS_TEST_EXPECT_MSG_EQ(Mip6IkeCheckNatDetection(natd, spiI, spiR, a, 500, b, 500),
                              Mip6IkeNatDetection::NO_NAT,
                              "no NAT");
        NS_TEST_EXPECT_MSG_EQ(Mip6IkeCheckNatDetection(natd, spiI, spiR, a, 1024, b, 500),
                              Mip6IkeNatDetection::NAT_SOURCE,
                              "source port rewritten: peer behind a NAT");
        NS_TEST_EXPECT_MSG_EQ(Mip6IkeCheckNatDetection(natd, spiI, spiR, a, 500, a, 500),
                              Mip6IkeNatDetection::NAT_DEST,
                              "destination rewritten: this end behind a NAT");
        NS_TEST_EXPECT_MSG_EQ(Mip6IkeCheckNatDetection({natd[0]}, spiI, spiR, a, 500, b, 500),
                              Mip6IkeNatDetection::ABSENT,
                              "one notify only");
    }
};

/**
 * \ingroup mip6-ipsec
 * natt=1 over three APs: NAT detection in IKE_SA_INIT on port 500 (the hashes match: no NAT),
 * IKE_AUTH on port 4500 exactly 4 bytes (the marker) larger than the IKE message, every ESP
 * packet in UDP with BU 156 B / BA 140 B (DESIGN.md §1: +8), every handover registered (K = 1,
 * the HA's IKE peer follows the CoA), NAT-keepalives of 49 B every KeepaliveInterval from the
 * IKE SA on, counted as ike in phase steady and received by the HA.
 */
class NattRegistrationTestCase : public TestCase
{
  public:
    NattRegistrationTestCase()
        : TestCase("natt=1: IKE on 4500 with the marker, ESP in UDP (BU 156, BA 140 B), "
                   "keepalives, every handover registered")
    {
    }

  private:
    void DoRun() override
    {
        NatRun run("ipsec-ikev2:natt=1", 3, Seconds(30));
        NS_TEST_ASSERT_MSG_EQ(run.bindingFollowed.size(), 2, "two handovers completed");
        for (bool ok : run.bindingFollowed)
        {
            NS_TEST_EXPECT_MSG_EQ(ok, true, "accepted BA and the HA's binding follows the MN");
        }
        NS_TEST_EXPECT_MSG_EQ(run.registered, true, "registered at the end");
        NS_TEST_EXPECT_MSG_EQ(run.haCoa, run.mnCoa, "binding holds the current CoA");
        NS_TEST_EXPECT_MSG_EQ(run.ikePeer, run.mnCoa, "K=1: the HA's IKE peer is the CoA");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetExchangeCount(Mip6IkeHeader::IKE_SA_INIT), 1u, "INIT");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetExchangeCount(Mip6IkeHeader::IKE_AUTH), 1u, "AUTH");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetDrops(), 0u, "MN dropped no IKE message");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetDrops(), 0u, "HA dropped no IKE message");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetRetransmissions(), 0u, "no IKE retransmission");

        // RFC 7296 §2.23: both NAT detection notifies each way, and they match (no NAT here).
        NS_TEST_EXPECT_MSG_EQ(
            CountNatD(PayloadsOf(run.msg1), Mip6IkeNotifyPayload::NAT_DETECTION_SOURCE_IP),
            1u,
            "request: NAT_DETECTION_SOURCE_IP");
        NS_TEST_EXPECT_MSG_EQ(
            CountNatD(PayloadsOf(run.msg1), Mip6IkeNotifyPayload::NAT_DETECTION_DESTINATION_IP),
            1u,
            "request: NAT_DETECTION_DESTINATION_IP");
        NS_TEST_EXPECT_MSG_EQ(
            CountNatD(PayloadsOf(run.msg2), Mip6IkeNotifyPayload::NAT_DETECTION_SOURCE_IP),
            1u,
            "response: NAT_DETECTION_SOURCE_IP");
        NS_TEST_EXPECT_MSG_EQ(
            CountNatD(PayloadsOf(run.msg2), Mip6IkeNotifyPayload::NAT_DETECTION_DESTINATION_IP),
            1u,
            "response: NAT_DETECTION_DESTINATION_IP");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetNatDetection(),
                              Mip6IkeNatDetection::NO_NAT,
                              "MN: the response's hashes match");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetNatDetectionCount(Mip6IkeNatDetection::NO_NAT),
                              1u,
                              "HA: the request's hashes match");

        // IKE_SA_INIT on 500: IPv6 + UDP + IKE; IKE_AUTH on 4500: + the 4-byte marker.
        const auto init = run.MessageSizes("IKE_SA_INIT-req");
        NS_TEST_ASSERT_MSG_GT(init.size(), 0u, "IKE_SA_INIT-req on the air");
        NS_TEST_EXPECT_MSG_EQ(init[0], 40 + 8 + run.msg1.size(), "IKE_SA_INIT-req on 500");
        const auto initR = run.MessageSizes("IKE_SA_INIT-resp");
        NS_TEST_ASSERT_MSG_GT(initR.size(), 0u, "IKE_SA_INIT-resp on the air");
        NS_TEST_EXPECT_MSG_EQ(initR[0], 40 + 8 + run.msg2.size(), "IKE_SA_INIT-resp on 500");
        const Mip6Ikev2NatT* mnNat = run.mn->GetNatT();
        const Mip6Ikev2NatT* haNat = run.ha->GetNatT();
        NS_TEST_ASSERT_MSG_NE(mnNat, nullptr, "MN does NAT-T");
        NS_TEST_ASSERT_MSG_NE(haNat, nullptr, "HA does NAT-T");
        NS_TEST_EXPECT_MSG_EQ(mnNat->GetTxCount(), 1u, "MN: IKE_AUTH request on 4500");
        NS_TEST_EXPECT_MSG_EQ(haNat->GetRxCount(), 1u, "HA: got it on 4500");
        NS_TEST_EXPECT_MSG_EQ(haNat->GetTxCount(), 1u, "HA: IKE_AUTH response on 4500");
        NS_TEST_EXPECT_MSG_EQ(mnNat->GetRxCount(), 1u, "MN: got it on 4500");
        const auto auth = run.MessageSizes("IKE_AUTH-req");
        const auto authR = run.MessageSizes("IKE_AUTH-resp");
        NS_TEST_ASSERT_MSG_GT(auth.size(), 0u, "IKE_AUTH-req on the air");
        NS_TEST_ASSERT_MSG_GT(authR.size(), 0u, "IKE_AUTH-resp on the air");
        NS_TEST_EXPECT_MSG_EQ(auth[0], 40 + 8 + 4 + mnNat->GetTxSizes().at(0), "marker +4");
        NS_TEST_EXPECT_MSG_EQ(authR[0], 40 + 8 + 4 + haNat->GetTxSizes().at(0), "marker +4");
        std::cout << "natt=1 IKE_SA_INIT " << init[0] << "/" << initR[0] << " B, IKE_AUTH "
                  << auth[0] << "/" << authR[0] << " B" << std::endl;

        // RFC 3948: every ESP packet in UDP, 8 bytes more than plain ESP (DESIGN.md §1).
        NS_TEST_EXPECT_MSG_GT(run.mnEsp->GetTxCount(), 2u, "MN sent ESP");
        NS_TEST_EXPECT_MSG_EQ(run.mnEsp->GetUdpEncapTxCount(), run.mnEsp->GetTxCount(), "MN UDP");
        NS_TEST_EXPECT_MSG_EQ(run.haEsp->GetUdpEncapTxCount(), run.haEsp->GetTxCount(), "HA UDP");
        const auto bus = run.MessageSizes("BU");
        NS_TEST_EXPECT_MSG_GT(bus.size(), 2u, "BUs measured");
        for (uint64_t b : bus)
        {
            NS_TEST_EXPECT_MSG_EQ(b, 156u, "BU in ESP in UDP");
        }
        const auto bas = run.MessageSizes("BA");
        NS_TEST_EXPECT_MSG_GT(bas.size(), 2u, "BAs measured");
        for (uint64_t b : bas)
        {
            NS_TEST_EXPECT_MSG_EQ(b, 140u, "BA in ESP in UDP");
        }
        NS_TEST_EXPECT_MSG_EQ(run.haState.saCount, 2u, "HA: BU and BA Child SAs");
        NS_TEST_EXPECT_MSG_EQ(run.haState.ikeSas, 1u, "HA: one IKE SA");

        // RFC 3948 §2.3: one keepalive per interval from the IKE SA on, 40 + 8 + 1 bytes.
        NS_TEST_ASSERT_MSG_EQ(run.authDone.IsStrictlyPositive(), true, "IKE SA up");
        const Time interval = run.design->GetKeepaliveInterval();
        const uint64_t expected = static_cast<uint64_t>(
            std::floor((run.stop - run.authDone).GetSeconds() / interval.GetSeconds()));
        const uint64_t keepalives = run.mnEsp->GetKeepaliveTxCount();
        NS_TEST_EXPECT_MSG_GT(keepalives, 0u, "keepalives sent");
        NS_TEST_EXPECT_MSG_EQ(keepalives, expected, "one per interval");
        NS_TEST_EXPECT_MSG_EQ(run.haEsp->GetKeepaliveRxCount(), keepalives, "HA got them");
        const auto ka = run.Messages("NAT-keepalive");
        NS_TEST_EXPECT_MSG_EQ(ka.size(), keepalives, "measured on the air");
        for (const auto& o : ka)
        {
            NS_TEST_EXPECT_MSG_EQ(o.ipBytes, 49u, "IPv6 + UDP + 0xFF");
            NS_TEST_EXPECT_MSG_EQ(o.phase, "steady", "keepalives in phase steady");
            NS_TEST_EXPECT_MSG_EQ((o.category == Mip6Category::IKE), true, "category ike");
        }
        std::cout << "natt=1 keepalives " << keepalives << " in " << (run.stop - run.authDone)
                  << std::endl;
        for (size_t r = 0; r < run.table->GetRowCount(); r++)
        {
            const auto& cols = run.table->GetColumns();
            const auto cell = [&](const std::string& c) {
                return run.table->GetRow(r)[std::find(cols.begin(), cols.end(), c) - cols.begin()];
            };
            NS_TEST_EXPECT_MSG_EQ(std::atof(cell("sec_s").c_str()),
                                  0.0,
                                  "K=1: nothing before the BU");
            std::cout << "natt=1 handover " << r << ": sec_s=" << cell("sec_s")
                      << " reg_s=" << cell("reg_s") << std::endl;
        }
    }
};

/**
 * \ingroup mip6-ipsec
 * tshark on a natt=1 pcap with the exported keys: the IKE_AUTH messages are on UDP 4500 behind
 * the non-ESP marker and decrypt (inner AUTH, payload type 39); every ESP packet is in UDP
 * 4500 with a good checksum and a verified ICV, and the BU and BA inside dissect.
 */
class NattTsharkTestCase : public TestCase
{
  public:
    /// \param variant natt=1 or mobike=1 (then the INFORMATIONAL requests must show
    ///        UPDATE_SA_ADDRESSES once decrypted)
    NattTsharkTestCase(const std::string& variant)
        : TestCase(variant + ": tshark decrypts IKE on 4500 and ESP in UDP with the exported keys"),
          m_variant(variant)
    {
    }

  private:
    void DoRun() override
    {
        char tmpl[] = "/tmp/mip6-ikev2-natt-XXXXXX";
        NS_TEST_ASSERT_MSG_NE(mkdtemp(tmpl), nullptr, "temporary directory");
        const std::string dir = tmpl;
        std::filesystem::create_directories(dir + "/pcap");
        {
            NatRun::Options o;
            o.keyDir = dir + "/keys";
            o.pcapPrefix = dir + "/pcap/natt";
            NatRun run(m_variant, 2, Seconds(14), o);
            NS_TEST_ASSERT_MSG_EQ(run.bindingFollowed.size(), 1, "one handover registered");
        }
        int status = 0;
        RunCommand("tshark -v > /dev/null 2>&1", status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark is installed");
        uint32_t authMsgs = 0;
        uint32_t decrypted = 0;
        uint32_t esp = 0;
        uint32_t espGood = 0;
        uint32_t mh = 0;
        for (const auto& entry : std::filesystem::directory_iterator(dir + "/pcap"))
        {
            const std::string base =
                "WIRESHARK_CONFIG_DIR=" + dir + "/keys tshark -n -r " + entry.path().string();
            std::string out = RunCommand(base + " -Y 'isakmp.exchangetype == 35' -T fields"
                                                " -E 'separator=;' -e udp.srcport -e udp.dstport"
                                                " -e udpencap.non_esp_marker -e isakmp.typepayload"
                                                " 2>/dev/null",
                                         status);
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
                std::vector<std::string> f;
                std::istringstream fields(line);
                std::string x;
                while (std::getline(fields, x, ';'))
                {
                    f.push_back(x);
                }
                f.resize(4);
                NS_TEST_EXPECT_MSG_EQ(f[0], "4500", "IKE_AUTH from port 4500: " << line);
                NS_TEST_EXPECT_MSG_EQ(f[1], "4500", "IKE_AUTH to port 4500: " << line);
                NS_TEST_EXPECT_MSG_EQ(f[2].empty(), false, "non-ESP marker: " << line);
                std::istringstream types(f[3]);
                bool auth = false;
                while (std::getline(types, x, ','))
                {
                    auth |= x == "39";
                }
                decrypted += auth ? 1 : 0;
            }
            out = RunCommand(base + " -o esp.enable_encryption_decode:TRUE"
                                    " -o esp.enable_authentication_check:TRUE"
                                    " -o udp.check_checksum:TRUE -Y esp -T fields -E 'separator=;'"
                                    " -e esp.icv_good -e udp.checksum.status -e udp.srcport"
                                    " -e mip6.mhtype 2>/dev/null",
                             status);
            NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark ran: " << out);
            std::istringstream espLines(out);
            while (std::getline(espLines, line))
            {
                if (line.empty())
                {
                    continue;
                }
                esp++;
                std::vector<std::string> f;
                std::istringstream fields(line);
                std::string x;
                while (std::getline(fields, x, ';'))
                {
                    f.push_back(x);
                }
                f.resize(4);
                espGood +=
                    (f[0] == "1" || f[0] == "True") && f[1].substr(0, 1) == "1" && f[2] == "4500"
                        ? 1
                        : 0;
                mh += f[3] == "5" || f[3] == "6" ? 1 : 0;
            }
        }
        if (m_variant.find("mobike=1") != std::string::npos)
        {
            // RFC 4555 §3.5: the request carries N(UPDATE_SA_ADDRESSES) = 16400, on port 4500.
            uint32_t info = 0;
            uint32_t update = 0;
            for (const auto& entry : std::filesystem::directory_iterator(dir + "/pcap"))
            {
                const std::string out = RunCommand(
                    "WIRESHARK_CONFIG_DIR=" + dir + "/keys tshark -n -r " + entry.path().string() +
                        " -Y 'isakmp.exchangetype == 37 && udp.dstport == 4500' -T"
                        " fields -E 'separator=;' -e isakmp.notify.msgtype"
                        " 2>/dev/null",
                    status);
                NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark ran: " << out);
                std::istringstream lines(out);
                std::string line;
                while (std::getline(lines, line))
                {
                    if (line.empty())
                    {
                        continue;
                    }
                    info++;
                    update += line.find("16400") != std::string::npos ? 1 : 0;
                }
            }
            NS_TEST_EXPECT_MSG_GT(update, 0u, "UPDATE_SA_ADDRESSES decrypted");
            std::cout << m_variant << ": " << info << " INFORMATIONAL to 4500, " << update
                      << " with UPDATE_SA_ADDRESSES" << std::endl;
        }
        NS_TEST_EXPECT_MSG_GT(authMsgs, 1u, "IKE_AUTH messages in the pcaps");
        NS_TEST_EXPECT_MSG_EQ(decrypted, authMsgs, "every IKE_AUTH on 4500 decrypted");
        NS_TEST_EXPECT_MSG_GT(esp, 0u, "ESP packets in the pcaps");
        NS_TEST_EXPECT_MSG_EQ(espGood, esp, "ESP in UDP 4500, checksum and ICV good");
        NS_TEST_EXPECT_MSG_EQ(mh, esp, "a BU or BA in each");
        if (!getenv("MIP6_KEEP_TMP"))
        {
            std::filesystem::remove_all(dir);
        }
    }

    std::string m_variant; //!< the variant
};

/**
 * \ingroup mip6-ipsec
 * mobike=1 over three APs (RFC 4555): MOBIKE_SUPPORTED both ways, then per handover exactly one
 * INFORMATIONAL exchange with UPDATE_SA_ADDRESSES from the new CoA on port 4500, before the BU
 * (sec_s > 0, its bytes in phase handover); the HA's IKE peer follows the CoA at every
 * handover; BUs carry K = 0; BU/BA in ESP in UDP. A forged UPDATE_SA_ADDRESSES (right SPIs and
 * Message ID, wrong SK keys) is dropped by the HA's integrity check, counted, and moves nothing.
 */
class MobikeRegistrationTestCase : public TestCase
{
  public:
    MobikeRegistrationTestCase()
        : TestCase("mobike=1: one UPDATE_SA_ADDRESSES per handover, the HA's IKE peer follows, "
                   "a forged update dropped")
    {
    }

  private:
    void DoRun() override
    {
        NatRun run("ipsec-ikev2:mobike=1", 3, Seconds(30));
        const uint32_t ho = 2;
        NS_TEST_ASSERT_MSG_EQ(run.bindingFollowed.size(), ho, "two handovers completed");
        for (size_t i = 0; i < ho; i++)
        {
            NS_TEST_EXPECT_MSG_EQ(run.bindingFollowed[i], true, "accepted BA, binding follows");
            NS_TEST_EXPECT_MSG_EQ(run.ikePeerFollowed[i], true, "HA's IKE peer follows the CoA");
        }
        NS_TEST_EXPECT_MSG_EQ(run.registered, true, "registered at the end");
        NS_TEST_EXPECT_MSG_EQ(run.ikePeer, run.mnCoa, "HA's IKE peer is the current CoA");
        NS_TEST_ASSERT_MSG_NE(run.mn->GetIkeSa(), nullptr, "IKE SA");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetIkeSa()->mobike, true, "MOBIKE_SUPPORTED both ways");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetExchangeCount(Mip6IkeHeader::IKE_SA_INIT), 1u, "INIT");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetExchangeCount(Mip6IkeHeader::IKE_AUTH), 1u, "AUTH");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetExchangeCount(Mip6IkeHeader::INFORMATIONAL),
                              ho,
                              "one INFORMATIONAL per handover");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetMobikeUpdates(), ho, "HA: one update per handover");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetDrops(), 0u, "MN dropped no IKE message");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetDrops(), 0u, "HA dropped no IKE message");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetRetransmissions(), 0u, "no IKE retransmission");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetNatDetection(),
                              Mip6IkeNatDetection::NO_NAT,
                              "MN: the update response's NAT-D match");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetNatDetectionCount(Mip6IkeNatDetection::NO_NAT),
                              1u + ho,
                              "HA: IKE_SA_INIT and every update's NAT-D match");
        NS_TEST_ASSERT_MSG_EQ(run.table->GetRowCount(), ho, "two handover rows");
        for (size_t r = 0; r < run.table->GetRowCount(); r++)
        {
            const auto& cols = run.table->GetColumns();
            const auto cell = [&](const std::string& c) {
                return std::atof(
                    run.table->GetRow(r)[std::find(cols.begin(), cols.end(), c) - cols.begin()]
                        .c_str());
            };
            NS_TEST_EXPECT_MSG_GT(cell("sec_s"), 0.0, "one IKE round trip before the BU");
            NS_TEST_EXPECT_MSG_GT(cell("reg_s"), 0.0, "BU/BA round trip");
            std::cout << "mobike=1 handover " << r << ": sec_s=" << cell("sec_s")
                      << " reg_s=" << cell("reg_s") << std::endl;
        }
        // The updates on 4500: IPv6 + UDP + marker + IKE, in phase handover, category ike.
        const Mip6Ikev2NatT* mnNat = run.mn->GetNatT();
        const Mip6Ikev2NatT* haNat = run.ha->GetNatT();
        NS_TEST_ASSERT_MSG_NE(mnNat, nullptr, "MN: IKE on 4500");
        NS_TEST_ASSERT_MSG_NE(haNat, nullptr, "HA: IKE on 4500");
        NS_TEST_ASSERT_MSG_EQ(mnNat->GetTxSizes().size(), 1u + ho, "IKE_AUTH + updates sent");
        NS_TEST_ASSERT_MSG_EQ(haNat->GetTxSizes().size(), 1u + ho, "IKE_AUTH + answers sent");
        for (const auto& [name, sizes] :
             {std::make_pair(std::string("INFORMATIONAL-req"), mnNat->GetTxSizes()),
              std::make_pair(std::string("INFORMATIONAL-resp"), haNat->GetTxSizes())})
        {
            const auto obs = run.Messages(name);
            NS_TEST_EXPECT_MSG_GT_OR_EQ(obs.size(), ho, name << " on the air");
            for (const auto& o : obs)
            {
                NS_TEST_EXPECT_MSG_EQ(o.phase, "handover", name << " in phase handover");
                NS_TEST_EXPECT_MSG_EQ((o.category == Mip6Category::IKE), true, "category ike");
                NS_TEST_EXPECT_MSG_EQ(o.ipBytes, 40 + 8 + 4 + sizes.at(1), name << " size");
            }
            std::cout << "mobike=1 " << name << ": " << 40 + 8 + 4 + sizes.at(1) << " B"
                      << std::endl;
        }
        for (uint64_t b : run.MessageSizes("BU"))
        {
            NS_TEST_EXPECT_MSG_EQ(b, 156u, "BU in ESP in UDP");
        }
        for (uint64_t b : run.MessageSizes("BA"))
        {
            NS_TEST_EXPECT_MSG_EQ(b, 140u, "BA in ESP in UDP");
        }
        // RFC 4555 owns the move of the IKE SA: BUs carry K = 0.
        Mip6BindingUpdateHeader bu;
        bu.SetFlag(Mip6BindingUpdateHeader::FLAG_K, true);
        run.mn->DecorateBindingUpdate(bu, Mip6SignalingContext());
        NS_TEST_EXPECT_MSG_EQ((bu.GetFlags() & Mip6BindingUpdateHeader::FLAG_K), 0, "K = 0");

        // A forged update: right SPIs and next Message ID, SK made with other keys.
        const Mip6Ikev2Sa* sa = run.mn->GetIkeSa();
        std::string error;
        auto forger = Mip6IkeSkProtector::Create(run.design->GetSkTransform(),
                                                 Mip6Bytes(sa->keys.skEi.size(), 0x42),
                                                 Mip6Bytes(sa->keys.skAi.size(), 0x42),
                                                 error);
        NS_TEST_ASSERT_MSG_EQ(forger.has_value(), true, error);
        Mip6IkeMessage outer;
        outer.header.spiI = sa->spiI;
        outer.header.spiR = sa->spiR;
        outer.header.exchange = Mip6IkeHeader::INFORMATIONAL;
        outer.header.flags = Mip6IkeHeader::FLAG_INITIATOR;
        outer.header.messageId = 2 + run.mn->GetExchangeCount(Mip6IkeHeader::INFORMATIONAL);
        Ptr<Mip6IkeNotifyPayload> update = Create<Mip6IkeNotifyPayload>();
        update->notifyType = Mip6IkeNotifyPayload::UPDATE_SA_ADDRESSES;
        auto forged = forger->Seal(outer, {update});
        NS_TEST_ASSERT_MSG_EQ(forged.IsOk(), true, "forged message built");
        const uint32_t drops = run.ha->GetDrops();
        const auto resp = run.ha->ReceiveIke(forged.Value(), Ipv6Address("fd00:db8:bad::1"));
        NS_TEST_EXPECT_MSG_EQ(resp.has_value(), false, "no answer");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetDrops(), drops + 1, "counted");
        NS_TEST_ASSERT_MSG_EQ(run.haDropReasons.empty(), false, "traced");
        NS_TEST_EXPECT_MSG_NE(run.haDropReasons.back(), "bad-message-id", "reached the ICV check");
        NS_TEST_EXPECT_MSG_NE(run.haDropReasons.back(), "unknown-spi", "reached the ICV check");
        std::cout << "forged update dropped: " << run.haDropReasons.back() << std::endl;
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetIkePeer(run.topo.mnHomeAddress),
                              run.mnCoa,
                              "the IKE SA did not move");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetMobikeUpdates(), ho, "no update accepted");
    }
};

/**
 * \ingroup mip6-ipsec
 * mobike=1,probe=1 (RFC 4555 §3.6): per handover an address probe (INFORMATIONAL with NAT-D and
 * COOKIE2, no UPDATE_SA_ADDRESSES) and then the update: two INFORMATIONAL exchanges, one move
 * at the HA, and a longer sec_s than without the probe in the same run conditions.
 */
class MobikeProbeTestCase : public TestCase
{
  public:
    MobikeProbeTestCase()
        : TestCase("mobike=1,probe=1: address probe, then UPDATE_SA_ADDRESSES, per handover")
    {
    }

  private:
    void DoRun() override
    {
        std::vector<double> plain;
        {
            NatRun run("ipsec-ikev2:mobike=1", 3, Seconds(30));
            for (size_t r = 0; r < run.table->GetRowCount(); r++)
            {
                const auto& cols = run.table->GetColumns();
                plain.push_back(std::atof(
                    run.table
                        ->GetRow(r)[std::find(cols.begin(), cols.end(), "sec_s") - cols.begin()]
                        .c_str()));
            }
        }
        NatRun run("ipsec-ikev2:mobike=1,probe=1", 3, Seconds(30));
        const uint32_t ho = 2;
        NS_TEST_ASSERT_MSG_EQ(run.bindingFollowed.size(), ho, "two handovers completed");
        for (size_t i = 0; i < ho; i++)
        {
            NS_TEST_EXPECT_MSG_EQ(run.bindingFollowed[i], true, "accepted BA, binding follows");
            NS_TEST_EXPECT_MSG_EQ(run.ikePeerFollowed[i], true, "HA's IKE peer follows the CoA");
        }
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetExchangeCount(Mip6IkeHeader::INFORMATIONAL),
                              2 * ho,
                              "probe + update per handover");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetMobikeUpdates(), ho, "one move per handover");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetNatDetectionCount(Mip6IkeNatDetection::NO_NAT),
                              1u + 2 * ho,
                              "NAT-D of IKE_SA_INIT, every probe and every update");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetDrops(), 0u, "MN dropped nothing");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetDrops(), 0u, "HA dropped nothing");
        NS_TEST_ASSERT_MSG_EQ(run.table->GetRowCount(), ho, "two handover rows");
        NS_TEST_ASSERT_MSG_EQ(plain.size(), ho, "two rows without the probe");
        for (size_t r = 0; r < ho; r++)
        {
            const auto& cols = run.table->GetColumns();
            const double sec = std::atof(
                run.table->GetRow(r)[std::find(cols.begin(), cols.end(), "sec_s") - cols.begin()]
                    .c_str());
            NS_TEST_EXPECT_MSG_GT(sec, plain[r], "the probe adds a round trip");
            std::cout << "mobike=1,probe=1 handover " << r << ": sec_s=" << sec
                      << " (without probe " << plain[r] << ")" << std::endl;
        }
    }
};

/**
 * \ingroup mip6-ipsec
 * Same seed and run: the pcaps of two runs of a variant are byte-identical.
 */
class NattReproducibleTestCase : public TestCase
{
  public:
    /// \param variant the design variant
    NattReproducibleTestCase(const std::string& variant)
        : TestCase(variant + ": byte-identical pcaps on a rerun"),
          m_variant(variant)
    {
    }

  private:
    void DoRun() override
    {
        char tmpl[] = "/tmp/mip6-ikev2-rerun-XXXXXX";
        NS_TEST_ASSERT_MSG_NE(mkdtemp(tmpl), nullptr, "temporary directory");
        const std::string dir = tmpl;
        auto once = [&](const std::string& sub) {
            std::filesystem::create_directories(dir + "/" + sub);
            NatRun::Options o;
            o.pcapPrefix = dir + "/" + sub + "/p";
            NatRun run(m_variant, 2, Seconds(25), o);
            std::map<std::string, std::string> files;
            for (const auto& e : std::filesystem::directory_iterator(dir + "/" + sub))
            {
                std::ifstream in(e.path(), std::ios::binary);
                files[e.path().filename().string()] =
                    std::string(std::istreambuf_iterator<char>(in), {});
            }
            return files;
        };
        const auto a = once("a");
        const auto b = once("b");
        NS_TEST_ASSERT_MSG_GT(a.size(), 0u, "pcaps written");
        NS_TEST_EXPECT_MSG_EQ((a == b), true, "byte-identical");
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
 * NAT traversal and MOBIKE of `ipsec-ikev2`.
 */
/**
 * \ingroup mip6-ipsec
 * mobike=1 with payload=1: the payload tunnel pair moves at both ends with each update (the MN
 * as it sends UPDATE_SA_ADDRESSES, the HA on it), so the probes keep flowing in ESP tunnel mode
 * after every handover and both ESP receivers refuse nothing.
 */
class MobikePayloadTestCase : public TestCase
{
  public:
    MobikePayloadTestCase()
        : TestCase("mobike=1,payload=1: the tunnel pair follows each update; probes flow")
    {
    }

  private:
    void DoRun() override
    {
        NatRun run("ipsec-ikev2:mobike=1,payload=1", 3, Seconds(30));
        NS_TEST_ASSERT_MSG_EQ(run.bindingFollowed.size(), 2u, "two handovers completed");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetMobikeUpdates(), 2u, "one update per handover");
        NS_TEST_EXPECT_MSG_EQ(run.mnEsp->GetDropCount(), 0u, "MN: no ESP drop");
        NS_TEST_EXPECT_MSG_EQ(run.haEsp->GetDropCount(), 0u, "HA: no ESP drop");
        // Probes are tunnelled (100/s each way): after the last handover (~26 s) they still
        // arrive, which needs the pair at the new CoA at both ends.
        NS_TEST_EXPECT_MSG_GT(run.inst.mnProbe->GetReceived(), 2000u, "CN→MN probes");
        NS_TEST_EXPECT_MSG_GT(run.inst.cnProbe->GetReceived(), 2000u, "MN→CN probes");
        NS_TEST_EXPECT_MSG_GT(run.haEsp->GetRxCount(), run.inst.cnProbe->GetReceived(), "in ESP");
        for (size_t r = 0; r < run.table->GetRowCount(); r++)
        {
            const auto& cols = run.table->GetColumns();
            const auto& row = run.table->GetRow(r);
            const std::string outage =
                row[std::find(cols.begin(), cols.end(), "outage_s") - cols.begin()];
            NS_TEST_EXPECT_MSG_NE(outage, "NA", "probes resumed after handover " << r);
        }
    }
};

class Mip6IpsecIkev2MobikeTestSuite : public TestSuite
{
  public:
    Mip6IpsecIkev2MobikeTestSuite()
        : TestSuite("mip6-ipsec-ikev2-mobike", SYSTEM)
    {
        AddTestCase(new NatDetectionHashTestCase, TestCase::QUICK);
        AddTestCase(new NattRegistrationTestCase, TestCase::QUICK);
        AddTestCase(new NattTsharkTestCase("ipsec-ikev2:natt=1"), TestCase::QUICK);
        AddTestCase(new NattReproducibleTestCase("ipsec-ikev2:natt=1"), TestCase::QUICK);
        AddTestCase(new MobikeRegistrationTestCase, TestCase::QUICK);
        AddTestCase(new MobikeProbeTestCase, TestCase::QUICK);
        AddTestCase(new MobikePayloadTestCase, TestCase::QUICK);
        AddTestCase(new NattTsharkTestCase("ipsec-ikev2:mobike=1"), TestCase::QUICK);
        AddTestCase(new NattReproducibleTestCase("ipsec-ikev2:mobike=1"), TestCase::QUICK);
    }
};

static Mip6IpsecIkev2MobikeTestSuite g_mip6IpsecIkev2MobikeTestSuite; //!< the suite

/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Suite "mip6-authopt": the RFC 4285 / RFC 4283 design `authopt`.
 *  - option layout and alignment, the authenticator checked against an independent HMAC;
 *  - the decoder on truncated, misaligned, duplicated and mutated options (no crash, a reason);
 *  - the exact BU/BA sizes measured on real packets of a WLAN run, decoded by tshark;
 *  - security: wrong key → 146, replayed BU → 144, clock skew → 144 then a registration with
 *    one more round trip, forged BA refused by the MN, malformed options dropped and counted;
 *  - the variants (MN-AAA, no MESG-ID) end to end, and the HA state per MN.
 */

#include "mip6-test-util.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/mip6-authopt-design.h"
#include "ns3/mip6-authopt-options.h"
#include "ns3/mip6-extensions.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-result-writer.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/mip6-wlan-access-helper.h"
#include "ns3/pcap-file.h"
#include "ns3/trace-helper.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sstream>

using namespace ns3;
using mip6test::RunCommand;

namespace
{

const Ipv6Address kHoa("fd00:0:0:1::100");
const Ipv6Address kCoa("fd00:0:0:5::200");
const Ipv6Address kHa("fd00:0:0:1::1");
const std::string kNai = "mn001@home.arpa"; // 15 characters

/// An independent RFC 4285 §5.1 authenticator: OpenSSL HMAC-SHA1 directly, first 12 bytes.
std::vector<uint8_t>
ReferenceMac(const std::vector<uint8_t>& key,
             Ipv6Address coa,
             Ipv6Address hoa,
             std::vector<uint8_t> mh,
             size_t macEnd)
{
    mh[4] = mh[5] = 0;
    std::vector<uint8_t> data(32);
    coa.Serialize(data.data());
    hoa.Serialize(data.data() + 16);
    data.insert(data.end(), mh.begin(), mh.begin() + macEnd);
    uint8_t out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha1(), key.data(), key.size(), data.data(), data.size(), out, &len);
    return std::vector<uint8_t>(out, out + 12);
}

/// A home BU as the MN builds it: AltCoA, MN-ID, [MESG-ID], AUTH.
Mip6BindingUpdateHeader
MakeBu(const std::vector<uint8_t>& key, bool mesgId, uint8_t subtype = 1)
{
    Mip6BindingUpdateHeader bu;
    bu.SetSequence(7);
    bu.SetFlag(Mip6BindingUpdateHeader::FLAG_A, true);
    bu.SetFlag(Mip6BindingUpdateHeader::FLAG_H, true);
    bu.SetLifetimeUnits(100);
    bu.AddOption(Mip6Option::AlternateCareOfAddress(kCoa));
    bu.AddOption(Mip6AuthOpt::MnIdNai(kNai));
    if (mesgId)
    {
        bu.AddOption(Mip6AuthOpt::MesgId(Mip6AuthOpt::ToNtp(Seconds(12.5))));
    }
    bu.AddOption(Mip6AuthOpt::Auth(subtype, subtype == 1 ? 0x1234 : Mip6AuthOpt::HMAC_SHA1_SPI));
    Mip6AuthOpt::FillAuthenticator(bu, key, kCoa, kHoa);
    bu.CalculateChecksum(kHoa, kHa);
    return bu;
}

class OptionLayoutTestCase : public TestCase
{
  public:
    OptionLayoutTestCase()
        : TestCase("MN-ID, MESG-ID, AUTH: alignment, sizes, authenticator, decoder")
    {
    }

  private:
    void DoRun() override
    {
        const std::vector<uint8_t> key(16, 0x5a);
        NS_TEST_ASSERT_MSG_EQ(kNai.size(), 15u, "a 15-character NAI");
        Mip6BindingUpdateHeader bu = MakeBu(key, true);
        const std::vector<uint8_t> bytes = bu.SerializeToBytes();
        NS_TEST_EXPECT_MSG_EQ(bytes.size(),
                              80u,
                              "BU MH: 12 + AltCoA 20 + MN-ID 18 + MESG-ID 10 + 1 + AUTH 19");
        NS_TEST_EXPECT_MSG_EQ(bu.GetOptionOffset(1), 32u, "MN-ID right after the AltCoA");
        NS_TEST_EXPECT_MSG_EQ(bu.GetOptionOffset(2) % 8, 2u, "MESG-ID 8n+2");
        NS_TEST_EXPECT_MSG_EQ(bu.GetOptionOffset(3) % 4, 1u, "AUTH 4n+1");
        NS_TEST_EXPECT_MSG_EQ(bu.GetOptionOffset(3) + 19, 80u, "AUTH is last");
        Mip6AuthOpt::Decoded d;
        NS_TEST_ASSERT_MSG_EQ(Mip6AuthOpt::Decode(bytes.data(), bytes.size(), d),
                              "",
                              "well formed");
        NS_TEST_EXPECT_MSG_EQ(d.nai.value_or(""), kNai, "NAI");
        NS_TEST_EXPECT_MSG_EQ(d.mesgId.value_or(0), Mip6AuthOpt::ToNtp(Seconds(12.5)), "MESG-ID");
        NS_TEST_EXPECT_MSG_EQ(d.spi, 0x1234u, "SPI");
        NS_TEST_EXPECT_MSG_EQ(d.macEnd, bu.GetOptionOffset(3) + 7u, "MAC ends after the SPI");
        NS_TEST_EXPECT_MSG_EQ((d.authenticator == ReferenceMac(key, kCoa, kHoa, bytes, d.macEnd)),
                              true,
                              "First(96, HMAC-SHA1(key, CoA | HoA | MH up to the SPI, cksum 0))");
        NS_TEST_EXPECT_MSG_EQ(Mip6Header::VerifyChecksum(bytes.data(), bytes.size(), kHoa, kHa),
                              true,
                              "checksum computed after the MAC");
        // Other layouts.
        NS_TEST_EXPECT_MSG_EQ(MakeBu(key, false).GetSerializedSize(), 72u, "no MESG-ID");
        NS_TEST_EXPECT_MSG_EQ(MakeBu(key, true, 2).GetSerializedSize(),
                              88u,
                              "MN-AAA: a 20-byte authenticator");
        Mip6BindingAckHeader ba;
        ba.SetSequence(7);
        ba.AddOption(Mip6AuthOpt::MesgId(1));
        ba.AddOption(Mip6AuthOpt::Auth(1, 0x1234));
        Mip6AuthOpt::FillAuthenticator(ba, key, kCoa, kHoa);
        NS_TEST_EXPECT_MSG_EQ(ba.GetSerializedSize(), 48u, "BA MH: 12 + PadN 6 + 10 + 1 + 19");
        // NTP conversion.
        NS_TEST_EXPECT_MSG_EQ((Mip6AuthOpt::ToNtp(Seconds(0)) >> 32),
                              Mip6AuthOpt::NTP_EPOCH_OF_SIMULATION,
                              "epoch");
        NS_TEST_EXPECT_MSG_EQ((Mip6AuthOpt::ToNtp(Seconds(1.5)) & 0xffffffffULL),
                              0x80000000ULL,
                              "half a second");
        NS_TEST_EXPECT_MSG_EQ(Mip6AuthOpt::FromNtp(Mip6AuthOpt::ToNtp(Seconds(-3.25))),
                              Seconds(-3.25),
                              "round trip");
    }
};

class DecoderRobustnessTestCase : public TestCase
{
  public:
    DecoderRobustnessTestCase()
        : TestCase("decoder: truncations, mutations, misaligned, duplicate, AUTH not last")
    {
    }

  private:
    static std::string DecodeOf(const Mip6Header& h)
    {
        auto b = h.SerializeToBytes();
        Mip6AuthOpt::Decoded d;
        return Mip6AuthOpt::Decode(b.data(), b.size(), d);
    }

    void DoRun() override
    {
        const std::vector<uint8_t> key(16, 0x5a);
        const std::vector<uint8_t> bytes = MakeBu(key, true).SerializeToBytes();
        Mip6AuthOpt::Decoded d;
        uint32_t refused = 0;
        for (size_t len = 0; len < bytes.size(); ++len)
        {
            std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + len);
            refused += Mip6AuthOpt::Decode(cut.data(), cut.size(), d).empty() ? 0 : 1;
        }
        NS_TEST_EXPECT_MSG_GT(refused, 40u, "most truncations are refused (none crash)");
        Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
        rng->SetStream(7);
        for (int i = 0; i < 2000; ++i)
        {
            std::vector<uint8_t> m = bytes;
            const uint32_t pos = rng->GetInteger(0, m.size() - 1);
            m[pos] = static_cast<uint8_t>(rng->GetInteger(0, 255));
            Mip6AuthOpt::Decode(m.data(), m.size(), d); // must not crash or read out of bounds
        }
        {
            // A 14-character NAI puts a MESG-ID without alignment padding at offset 49.
            Mip6BindingUpdateHeader bu;
            bu.AddOption(Mip6Option::AlternateCareOfAddress(kCoa));
            bu.AddOption(Mip6AuthOpt::MnIdNai("mn01@home.arpa"));
            bu.AddOption(Mip6Option(Mip6OptionType::MESG_ID, std::vector<uint8_t>(8, 1), 1, 0));
            NS_TEST_EXPECT_MSG_EQ(DecodeOf(bu), "misaligned-option", "MESG-ID off 8n+2");
        }
        {
            Mip6BindingUpdateHeader bu;
            bu.AddOption(Mip6Option(Mip6OptionType::AUTH, std::vector<uint8_t>(17, 1), 2, 0));
            NS_TEST_EXPECT_MSG_EQ(DecodeOf(bu), "misaligned-option", "AUTH off 4n+1");
        }
        {
            Mip6BindingUpdateHeader bu;
            bu.AddOption(Mip6AuthOpt::MesgId(1));
            bu.AddOption(Mip6AuthOpt::MesgId(2));
            NS_TEST_EXPECT_MSG_EQ(DecodeOf(bu), "duplicate-option", "two MESG-IDs");
        }
        {
            Mip6BindingUpdateHeader bu;
            bu.AddOption(Mip6AuthOpt::Auth(1, 300));
            bu.AddOption(Mip6AuthOpt::MnIdNai(kNai));
            NS_TEST_EXPECT_MSG_EQ(DecodeOf(bu), "auth-not-last", "MN-ID after AUTH");
        }
        {
            Mip6BindingUpdateHeader bu;
            bu.AddOption(Mip6Option(Mip6OptionType::AUTH, std::vector<uint8_t>(10, 1), 4, 1));
            NS_TEST_EXPECT_MSG_EQ(DecodeOf(bu), "bad-auth-option", "short authenticator");
        }
        {
            Mip6BindingUpdateHeader bu;
            bu.AddOption(Mip6Option(Mip6OptionType::MN_ID, {2, 'a', 'b'}, 1, 0));
            NS_TEST_EXPECT_MSG_EQ(DecodeOf(bu), "bad-mn-id", "MN-ID subtype 2");
        }
        {
            Mip6BindingUpdateHeader bu;
            bu.AddOption(Mip6Option(Mip6OptionType::MESG_ID, std::vector<uint8_t>(4, 1), 8, 2));
            NS_TEST_EXPECT_MSG_EQ(DecodeOf(bu), "bad-mesg-id", "MESG-ID of length 4");
        }
        {
            std::vector<uint8_t> m = bytes;
            m[61 + 1] = 200; // AUTH length beyond the MH
            NS_TEST_EXPECT_MSG_EQ(Mip6AuthOpt::Decode(m.data(), m.size(), d),
                                  "option-truncated",
                                  "AUTH overruns the MH");
        }
    }
};

// ------------------------------------------------------------------------------------------

/// One WLAN run with authopt: the MN's and HA's MH traffic, statuses, handovers, bootstrap.
struct AuthRun
{
    /// Hook called after installation (before Simulator::Run), to configure the sides.
    using Configure = std::function<void(AuthRun&)>;

    AuthRun(const std::string& design,
            Time simTime,
            uint32_t aps = 2,
            Configure configure = Configure())
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        Ptr<Mip6WlanAccessHelper> access = CreateObject<Mip6WlanAccessHelper>();
        access->SetAttribute("NumAccessPoints", UintegerValue(aps));
        topo = access->Build();
        access->AssignStreams(100);
        std::string error;
        d = Mip6SecurityDesignFactory::Create(design, error);
        NS_ABORT_MSG_IF(!d, error);
        Mip6Helper helper(d);
        inst = helper.InstallOnWlan(topo, Seconds(1), simTime);
        mn = DynamicCast<Mip6AuthOptMnSecurity>(inst.mobileNode->GetSecurity());
        ha = DynamicCast<Mip6AuthOptHaSecurity>(inst.homeAgent->GetSecurity());
        inst.homeAgent->TraceConnectWithoutContext("BindingAckSent",
                                                   MakeCallback(&AuthRun::BaSent, this));
        inst.mobileNode->TraceConnectWithoutContext("BindingUpdateSent",
                                                    MakeCallback(&AuthRun::BuTx, this));
        inst.mobileNode->TraceConnectWithoutContext("BindingAckReceived",
                                                    MakeCallback(&AuthRun::BaRx, this));
        mnL4 = Mip6L4Protocol::Install(topo.mn);
        haL4 = Mip6L4Protocol::Install(topo.ha);
        mnL4->TraceConnectWithoutContext("Tx", MakeCallback(&AuthRun::MnTx, this));
        haL4->TraceConnectWithoutContext("Tx", MakeCallback(&AuthRun::HaTx, this));
        haL4->TraceConnectWithoutContext("Rx", MakeCallback(&AuthRun::HaRx, this));
        if (configure)
        {
            configure(*this);
        }
        Simulator::Schedule(simTime - MilliSeconds(1), [this]() {
            const Mip6BindingCacheEntry* e = inst.homeAgent->GetBinding(topo.mnHomeAddress);
            haCoa = e ? e->careOfAddress : Ipv6Address();
            mnCoa = inst.mobileNode->GetMovementDetector()->GetCareOfAddress();
            registered = inst.mobileNode->IsRegistered();
            state = ha->GetState(topo.mnHomeAddress);
        });
        Simulator::Stop(simTime);
        Simulator::Run();
        const Mip6RunInfo info{1, 1, d->GetVariantName()};
        handovers = std::make_unique<Mip6CsvTable>(Mip6Schema::HandoverColumns());
        inst.timeline->FillHandovers(info, *handovers);
        bootstrap = std::make_unique<Mip6CsvTable>(Mip6Schema::BootstrapColumns());
        inst.timeline->FillBootstrap(info, *bootstrap, 0, 0, 0, 0);
    }

    ~AuthRun()
    {
        Simulator::Destroy();
    }

    void BaSent(Ipv6Address, Ipv6Address, uint8_t status, uint16_t)
    {
        statuses.push_back(status);
    }

    void BuTx(uint16_t seq, Ipv6Address, Time, bool)
    {
        buTimes.push_back(Simulator::Now());
        lastSeq = seq;
    }

    void BaRx(uint8_t status, uint16_t, Time)
    {
        baRx.emplace_back(Simulator::Now(), status);
    }

    void MnTx(Ptr<const Packet> p, Ipv6Address src, Ipv6Address dst)
    {
        mnTx.push_back({p->Copy(), src, dst});
    }

    void HaTx(Ptr<const Packet> p, Ipv6Address src, Ipv6Address dst)
    {
        haTx.push_back({p->Copy(), src, dst});
    }

    void HaRx(Ptr<const Packet> p, const Mip6RxContext& ctx)
    {
        if (ctx.mhType == Mip6Header::BU)
        {
            haRx.emplace_back(p->Copy(), ctx);
        }
    }

    static std::string Cell(const Mip6CsvTable& t, size_t row, const std::string& column)
    {
        const auto& cols = t.GetColumns();
        return t.GetRow(row)[std::find(cols.begin(), cols.end(), column) - cols.begin()];
    }

    /// A sent packet: what Mip6L4Protocol handed to IPv6.
    struct Tx
    {
        Ptr<Packet> p;   ///< extension headers and MH
        Ipv6Address src; ///< IPv6 source
        Ipv6Address dst; ///< IPv6 destination
    };

    Mip6WlanTopology topo;
    Ptr<Mip6SecurityDesign> d;
    Mip6Helper::Installation inst;
    Ptr<Mip6AuthOptMnSecurity> mn;
    Ptr<Mip6AuthOptHaSecurity> ha;
    Ptr<Mip6L4Protocol> mnL4;
    Ptr<Mip6L4Protocol> haL4;
    std::unique_ptr<Mip6CsvTable> handovers;
    std::unique_ptr<Mip6CsvTable> bootstrap;
    std::vector<uint8_t> statuses;
    std::vector<Time> buTimes;
    std::vector<std::pair<Time, uint8_t>> baRx;
    std::vector<Tx> mnTx;
    std::vector<Tx> haTx;
    std::vector<std::pair<Ptr<Packet>, Mip6RxContext>> haRx;
    uint16_t lastSeq{0};
    Ipv6Address haCoa;
    Ipv6Address mnCoa;
    bool registered{false};
    Mip6SecurityState state;
};

/// The MH at the end of a sent packet (after a 24-byte HAO DestOpt or Type 2 RH).
std::vector<uint8_t>
MhOf(Ptr<const Packet> p)
{
    std::vector<uint8_t> b(p->GetSize());
    p->CopyData(b.data(), b.size());
    return std::vector<uint8_t>(b.begin() + 24, b.end());
}

class WireLayoutTestCase : public TestCase
{
  public:
    WireLayoutTestCase()
        : TestCase("BU 144 bytes (MH 80), BA 112 bytes (MH 48) on real packets; tshark reads them")
    {
    }

  private:
    void DoRun() override
    {
        // The MN's clock is the HA's, so the MESG-ID reads 2026-01-01T00:00:0x in tshark.
        AuthRun run("authopt", Seconds(4), 2, [](AuthRun& r) {
            r.mn->SetAttribute("ClockSkewMax", TimeValue(Seconds(0)));
        });
        NS_TEST_ASSERT_MSG_GT(run.mnTx.size(), 0u, "the MN sent a BU");
        NS_TEST_ASSERT_MSG_GT(run.haTx.size(), 0u, "the HA sent a BA");
        const auto& bu = run.mnTx[0];
        const auto& ba = run.haTx[0];
        NS_TEST_EXPECT_MSG_EQ(bu.p->GetSize() + 40, 144u, "BU: 40 + HAO 24 + MH 80");
        NS_TEST_EXPECT_MSG_EQ(ba.p->GetSize() + 40, 112u, "BA: 40 + RH2 24 + MH 48");
        const std::vector<uint8_t> buMh = MhOf(bu.p);
        const std::vector<uint8_t> baMh = MhOf(ba.p);
        NS_TEST_EXPECT_MSG_EQ(buMh.size(), 80u, "BU MH");
        NS_TEST_EXPECT_MSG_EQ(baMh.size(), 48u, "BA MH");
        Mip6AuthOpt::Decoded dbu;
        Mip6AuthOpt::Decoded dba;
        NS_TEST_ASSERT_MSG_EQ(Mip6AuthOpt::Decode(buMh.data(), buMh.size(), dbu), "", "BU");
        NS_TEST_ASSERT_MSG_EQ(Mip6AuthOpt::Decode(baMh.data(), baMh.size(), dba), "", "BA");
        const Ipv6Address coa = bu.src;
        const Ipv6Address hoa = run.topo.mnHomeAddress;
        NS_TEST_EXPECT_MSG_EQ(
            (dbu.authenticator == ReferenceMac(run.mn->GetMnHaKey(), coa, hoa, buMh, dbu.macEnd)),
            true,
            "the BU's 12-byte authenticator, independently");
        NS_TEST_EXPECT_MSG_EQ(
            (dba.authenticator == ReferenceMac(run.mn->GetMnHaKey(), coa, hoa, baMh, dba.macEnd)),
            true,
            "the BA's 12-byte authenticator, independently");
        NS_TEST_EXPECT_MSG_EQ(dbu.nai.value_or(""), run.mn->GetNai(), "NAI");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetNai().size(), 15u, "15-character NAI");
        NS_TEST_EXPECT_MSG_EQ(dba.mesgId.value_or(0), dbu.mesgId.value_or(1), "BA echoes MESG-ID");
        NS_TEST_EXPECT_MSG_EQ(dbu.spi, run.mn->GetSpi(), "SPI");
        NS_TEST_EXPECT_MSG_GT(dbu.spi, 255u, "not a reserved SPI");

        // tshark.
        int status = 0;
        RunCommand("command -v tshark >/dev/null 2>&1", status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark is not installed: this test needs it");
        const char* tmpEnv = std::getenv("TMPDIR");
        std::string tmpl =
            std::string(tmpEnv && *tmpEnv ? tmpEnv : "/tmp") + "/mip6-authopt-XXXXXX";
        std::vector<char> dirBuf(tmpl.begin(), tmpl.end());
        dirBuf.push_back('\0');
        NS_TEST_ASSERT_MSG_NE(mkdtemp(dirBuf.data()), nullptr, "mkdtemp");
        const std::string dir(dirBuf.data());
        const std::string pcap = dir + "/authopt.pcap";
        {
            PcapFile f;
            f.Open(pcap, std::ios::out);
            f.Init(PcapHelper::DLT_RAW);
            uint32_t i = 0;
            for (const auto* tx : {&bu, &ba})
            {
                Ptr<Packet> p = tx->p->Copy();
                Ipv6Header ip;
                ip.SetSource(tx->src);
                ip.SetDestination(tx->dst);
                ip.SetNextHeader(tx == &bu ? 60 : 43); // HAO DestOpt / Type 2 RH first
                ip.SetPayloadLength(p->GetSize());
                ip.SetHopLimit(64);
                p->AddHeader(ip);
                f.Write(++i, 0, p);
            }
            f.Close();
        }
        const std::string cmd = "TZ=UTC tshark -n -r '" + pcap +
                                "' -T fields -E separator='|' -E occurrence=f -e frame.len "
                                "-e mip6.mnid.identifier -e mip6.mseg_id.timestamp "
                                "-e mip6.auth.subtype -e mip6.auth.mobility_spi "
                                "-e mip6.auth.auth_data 2>/dev/null";
        const std::string out = RunCommand(cmd, status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark failed: " << cmd);
        std::istringstream lines(out);
        std::string l1;
        std::string l2;
        std::getline(lines, l1);
        std::getline(lines, l2);
        auto split = [](const std::string& s) {
            std::vector<std::string> v;
            std::stringstream ss(s);
            std::string c;
            while (std::getline(ss, c, '|'))
            {
                v.push_back(c);
            }
            v.resize(6);
            return v;
        };
        const auto r1 = split(l1);
        const auto r2 = split(l2);
        NS_TEST_EXPECT_MSG_EQ(r1[0], "144", "BU frame length\n" << out);
        NS_TEST_EXPECT_MSG_EQ(r1[1], run.mn->GetNai(), "tshark reads the NAI");
        {
            // Wireshark 4.0 reads the 8 bytes as seconds since 1970 and nanoseconds
            // (ENC_TIME_SECS_NSECS), not as NTP: the NTP seconds of 2026 print as 2096. The
            // seconds it prints are exactly our high 32 bits.
            const time_t secs = static_cast<time_t>(dbu.mesgId.value_or(0) >> 32);
            struct tm tm;
            gmtime_r(&secs, &tm);
            char expect[64];
            std::strftime(expect, sizeof(expect), "%b %e, %Y %H:%M:%S", &tm);
            NS_TEST_EXPECT_MSG_EQ(r1[2].compare(0, std::strlen(expect), expect),
                                  0,
                                  "MESG-ID seconds: " << r1[2] << " vs " << expect);
        }
        NS_TEST_EXPECT_MSG_EQ(r1[3], "1", "MN-HA subtype");
        NS_TEST_EXPECT_MSG_EQ(r1[4], std::to_string(run.mn->GetSpi()), "SPI");
        // tshark 4.0 shows 10 of the 12 authenticator bytes; ours decoded all 12 above.
        const std::string hex = Mip6ToHex(dbu.authenticator);
        NS_TEST_EXPECT_MSG_GT(r1[5].size(), 0u, "tshark shows authentication data");
        NS_TEST_EXPECT_MSG_EQ(hex.compare(0, r1[5].size(), r1[5]),
                              0,
                              "a prefix of ours: " << r1[5]);
        NS_TEST_EXPECT_MSG_EQ(r2[0], "112", "BA frame length");
        NS_TEST_EXPECT_MSG_EQ(r2[4], std::to_string(run.mn->GetSpi()), "BA SPI");
        const std::string malformed =
            RunCommand("tshark -n -r '" + pcap + "' -Y _ws.malformed 2>/dev/null", status);
        NS_TEST_EXPECT_MSG_EQ(malformed, "", "no malformed packet");
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

class RegistrationTestCase : public TestCase
{
  public:
    RegistrationTestCase()
        : TestCase("every handover registered over the WLAN; HA state per MN; the variants")
    {
    }

  private:
    void DoRun() override
    {
        {
            AuthRun run("authopt", Seconds(40), 3);
            NS_TEST_EXPECT_MSG_EQ(run.registered, true, "registered at the end");
            NS_TEST_EXPECT_MSG_EQ(run.haCoa, run.mnCoa, "for the current CoA");
            NS_TEST_ASSERT_MSG_GT_OR_EQ(run.handovers->GetRowCount(), 2u, "handovers");
            for (size_t i = 0; i < run.handovers->GetRowCount(); ++i)
            {
                NS_TEST_EXPECT_MSG_EQ(AuthRun::Cell(*run.handovers, i, "ba_status"),
                                      "0",
                                      "handover " << i << " registered");
                NS_TEST_EXPECT_MSG_EQ(AuthRun::Cell(*run.handovers, i, "bu_sent"), "1", "one BU");
            }
            NS_TEST_EXPECT_MSG_EQ(run.mn->GetResyncCount(), 0u, "no resynchronisation needed");
            NS_TEST_EXPECT_MSG_EQ(run.state.saCount, 1u, "one MN-HA SA");
            NS_TEST_EXPECT_MSG_EQ(run.state.keyBytes, 16u, "a 16-byte key");
            NS_TEST_EXPECT_MSG_EQ(run.state.stateBytes,
                                  15u + 16 + 4 + 16 + 8,
                                  "NAI, HoA, SPI, key, last MESG-ID");
            NS_TEST_EXPECT_MSG_GT(run.ha->GetLastMesgId(run.topo.mnHomeAddress), 0u, "kept");
            for (const auto& s : run.statuses)
            {
                NS_TEST_EXPECT_MSG_EQ(unsigned(s), 0u, "every BA accepted");
            }
        }
        {
            AuthRun run("authopt:auth=mn-aaa", Seconds(22));
            NS_TEST_EXPECT_MSG_EQ(run.registered, true, "MN-AAA: registered");
            NS_TEST_ASSERT_MSG_GT(run.mnTx.size(), 0u, "BU sent");
            NS_TEST_EXPECT_MSG_EQ(run.mnTx[0].p->GetSize() + 40, 152u, "MN-AAA BU: MH 88");
            NS_TEST_EXPECT_MSG_EQ(run.haTx[0].p->GetSize() + 40, 112u, "BA still MN-HA");
            NS_TEST_EXPECT_MSG_EQ(run.state.saCount, 2u, "MN-HA and MN-AAA SAs at the HA");
            NS_TEST_EXPECT_MSG_EQ(run.state.keyBytes, 32u, "two keys");
            NS_TEST_EXPECT_MSG_EQ(AuthRun::Cell(*run.handovers, 0, "ba_status"), "0", "handover");
        }
        {
            // Unsynchronised clocks: the MN resynchronises exactly when its drawn offset is
            // outside the window, and registers either way.
            Time drawn;
            AuthRun run("authopt:skew=30s", Seconds(22), 2, [&drawn](AuthRun& r) {
                Simulator::Schedule(MilliSeconds(10),
                                    [&r, &drawn]() { drawn = r.mn->GetClockOffset(); });
            });
            NS_TEST_EXPECT_MSG_EQ(run.registered, true, "skew=30s: registered");
            NS_TEST_EXPECT_MSG_LT_OR_EQ(drawn, Seconds(30), "drawn within the range");
            NS_TEST_EXPECT_MSG_GT_OR_EQ(drawn, Seconds(-30), "drawn within the range");
            const uint32_t expect = (drawn > Seconds(7) || drawn < Seconds(-7)) ? 1 : 0;
            NS_TEST_EXPECT_MSG_EQ(run.ha->GetRejectCount("mesg-id-skew"), expect, "144s");
            NS_TEST_EXPECT_MSG_EQ(run.mn->GetResyncCount(), expect, "resynchronisations");
            std::cout << "authopt:skew=30s: drawn offset " << drawn.As(Time::S) << ", "
                      << run.mn->GetResyncCount() << " resynchronisation(s)" << std::endl;
        }
        {
            AuthRun run("authopt:mesgid=off", Seconds(22));
            NS_TEST_EXPECT_MSG_EQ(run.registered, true, "no MESG-ID: registered");
            NS_TEST_EXPECT_MSG_EQ(run.mnTx[0].p->GetSize() + 40, 136u, "BU: MH 72");
            NS_TEST_EXPECT_MSG_EQ(run.haTx[0].p->GetSize() + 40, 96u, "BA: MH 32");
            NS_TEST_EXPECT_MSG_EQ(run.state.stateBytes, 15u + 16 + 4 + 16, "no MESG-ID kept");
            NS_TEST_EXPECT_MSG_EQ(AuthRun::Cell(*run.handovers, 0, "ba_status"), "0", "handover");
        }
    }
};

class SecurityTestCase : public TestCase
{
  public:
    SecurityTestCase()
        : TestCase("wrong key 146; replay 144; forged BA refused; malformed options dropped")
    {
    }

  private:
    void DoRun() override
    {
        {
            AuthRun run("authopt", Seconds(4), 2, [](AuthRun& r) {
                r.mn->SetAttribute("MnHaKey", StringValue("00112233445566778899aabbccddeeff"));
            });
            NS_TEST_ASSERT_MSG_GT(run.statuses.size(), 0u, "the HA answered");
            NS_TEST_EXPECT_MSG_EQ(unsigned(run.statuses[0]), 146u, "MIPV6-AUTH-FAIL");
            NS_TEST_EXPECT_MSG_EQ(run.inst.homeAgent->GetNBindings(), 0u, "no binding");
            NS_TEST_EXPECT_MSG_GT(run.inst.homeAgent->GetDropCount("auth-failed"), 0u, "counted");
            NS_TEST_EXPECT_MSG_GT(run.ha->GetRejectCount("auth-failed"), 0u, "by the design");
            // The 146 BA is signed with the HA's key, which the MN does not hold.
            NS_TEST_EXPECT_MSG_GT(run.mn->GetRejectCount("auth-failed"), 0u, "MN refuses it");
            NS_TEST_EXPECT_MSG_EQ(run.registered, false, "not registered");
        }
        {
            // A replayed BU (its MESG-ID already accepted) and a forged BA, after registration.
            uint64_t bindingsBefore = 0;
            AuthRun run("authopt", Seconds(6), 2, [&bindingsBefore](AuthRun& r) {
                Simulator::Schedule(Seconds(4), [&r, &bindingsBefore]() {
                    bindingsBefore = r.inst.homeAgent->GetNBindings();
                    NS_ASSERT(!r.haRx.empty());
                    r.haL4->ReceiveMobilityHeader(r.haRx[0].first->Copy(), r.haRx[0].second, true);
                });
                Simulator::Schedule(Seconds(4.5), [&r]() {
                    // A BA for the MN's current sequence, signed with another key.
                    Mip6BindingAckHeader ba;
                    ba.SetSequence(r.lastSeq);
                    ba.SetLifetimeUnits(100);
                    ba.AddOption(Mip6AuthOpt::MesgId(1));
                    ba.AddOption(Mip6AuthOpt::Auth(1, r.mn->GetSpi()));
                    const Ipv6Address coa =
                        r.inst.mobileNode->GetMovementDetector()->GetCareOfAddress();
                    Mip6AuthOpt::FillAuthenticator(ba,
                                                   Mip6Bytes(16, 0x77),
                                                   coa,
                                                   r.topo.mnHomeAddress);
                    ba.CalculateChecksum(r.topo.haHomeAddress, r.topo.mnHomeAddress);
                    Ptr<Packet> p = Create<Packet>();
                    p->AddHeader(ba);
                    Mip6RxContext ctx;
                    ctx.src = r.topo.haHomeAddress;
                    ctx.dst = coa;
                    ctx.rh2 = r.topo.mnHomeAddress;
                    r.mnL4->ReceiveMobilityHeader(p, ctx, true);
                    // The same without any AUTH option.
                    Mip6BindingAckHeader bare;
                    bare.SetSequence(r.lastSeq);
                    bare.CalculateChecksum(r.topo.haHomeAddress, r.topo.mnHomeAddress);
                    Ptr<Packet> q = Create<Packet>();
                    q->AddHeader(bare);
                    r.mnL4->ReceiveMobilityHeader(q, ctx, true);
                });
            });
            NS_TEST_EXPECT_MSG_EQ(run.ha->GetRejectCount("mesg-id-replay"), 1u, "replay refused");
            NS_TEST_EXPECT_MSG_EQ(run.inst.homeAgent->GetDropCount("mesg-id-replay"),
                                  1u,
                                  "counted");
            NS_TEST_ASSERT_MSG_GT(run.statuses.size(), 1u, "answered");
            NS_TEST_EXPECT_MSG_EQ(unsigned(run.statuses.back()), 144u, "with MIPV6-ID-MISMATCH");
            NS_TEST_EXPECT_MSG_EQ(bindingsBefore, 1u, "registered before");
            NS_TEST_EXPECT_MSG_EQ(run.mn->GetRejectCount("auth-failed"), 1u, "forged BA refused");
            NS_TEST_EXPECT_MSG_EQ(run.mn->GetRejectCount("auth-missing"), 1u, "bare BA refused");
            NS_TEST_EXPECT_MSG_EQ(run.inst.mobileNode->GetDropCount("auth-failed"), 1u, "counted");
            NS_TEST_EXPECT_MSG_EQ(run.registered, true, "still registered");
            NS_TEST_EXPECT_MSG_EQ(run.haCoa, run.mnCoa, "binding unchanged");
        }
        {
            // Malformed options reach the HA: one overruns the MH (the MH parser drops it), one
            // is a well-formed TLV at a misaligned offset (the design drops it).
            AuthRun run("authopt", Seconds(5), 2, [](AuthRun& r) {
                Simulator::Schedule(Seconds(4), [&r]() {
                    NS_ASSERT(!r.haRx.empty());
                    std::vector<uint8_t> m(r.haRx[0].first->GetSize());
                    r.haRx[0].first->CopyData(m.data(), m.size());
                    std::vector<uint8_t> cut = m;
                    cut[61 + 1] = 40; // the AUTH length now overruns the MH
                    r.haL4->ReceiveMobilityHeader(Create<Packet>(cut.data(), cut.size()),
                                                  r.haRx[0].second,
                                                  false);
                    Mip6BindingUpdateHeader bu;
                    bu.SetSequence(r.lastSeq + 1);
                    bu.AddOption(Mip6Option::AlternateCareOfAddress(
                        r.inst.mobileNode->GetMovementDetector()->GetCareOfAddress()));
                    bu.AddOption(Mip6AuthOpt::MnIdNai("mn01@home.arpa"));
                    bu.AddOption(
                        Mip6Option(Mip6OptionType::MESG_ID, std::vector<uint8_t>(8, 1), 1, 0));
                    bu.AddOption(Mip6AuthOpt::Auth(1, 300));
                    Ptr<Packet> p = Create<Packet>();
                    p->AddHeader(bu);
                    r.haL4->ReceiveMobilityHeader(p, r.haRx[0].second, false);
                    // No AUTH at all: dropped without an answer.
                    const Ipv6Address coa =
                        r.inst.mobileNode->GetMovementDetector()->GetCareOfAddress();
                    Mip6BindingUpdateHeader bare;
                    bare.SetSequence(r.lastSeq + 2);
                    bare.AddOption(Mip6Option::AlternateCareOfAddress(coa));
                    bare.AddOption(Mip6AuthOpt::MnIdNai(r.mn->GetNai()));
                    Ptr<Packet> q = Create<Packet>();
                    q->AddHeader(bare);
                    r.haL4->ReceiveMobilityHeader(q, r.haRx[0].second, false);
                    // Authenticated with the MN's key but without MESG-ID: 145.
                    Mip6BindingUpdateHeader noId;
                    noId.SetSequence(r.lastSeq + 3);
                    noId.SetFlag(Mip6BindingUpdateHeader::FLAG_A, true);
                    noId.SetFlag(Mip6BindingUpdateHeader::FLAG_H, true);
                    noId.AddOption(Mip6Option::AlternateCareOfAddress(coa));
                    noId.AddOption(Mip6AuthOpt::MnIdNai(r.mn->GetNai()));
                    noId.AddOption(Mip6AuthOpt::Auth(1, r.mn->GetSpi()));
                    Mip6AuthOpt::FillAuthenticator(noId,
                                                   r.mn->GetMnHaKey(),
                                                   coa,
                                                   r.topo.mnHomeAddress);
                    Ptr<Packet> n = Create<Packet>();
                    n->AddHeader(noId);
                    r.haL4->ReceiveMobilityHeader(n, r.haRx[0].second, false);
                });
            });
            NS_TEST_EXPECT_MSG_EQ(run.inst.homeAgent->GetDropCount("auth-missing"),
                                  1u,
                                  "a BU without AUTH is dropped, counted");
            NS_TEST_EXPECT_MSG_EQ(run.ha->GetRejectCount("auth-missing"), 1u, "and traced");
            NS_TEST_EXPECT_MSG_EQ(run.inst.homeAgent->GetDropCount("mesg-id-missing"),
                                  1u,
                                  "an authenticated BU without MESG-ID is refused");
            NS_TEST_EXPECT_MSG_EQ(unsigned(run.statuses.back()), 145u, "MIPV6-MESG-ID-REQD");
            NS_TEST_EXPECT_MSG_EQ(run.ha->GetState(Ipv6Address("fd00:0:0:1::999")).keyBytes,
                                  0u,
                                  "no state for a HoA that never authenticated");
            NS_TEST_EXPECT_MSG_EQ(run.haL4->GetDropCount(Mip6ParseError::BAD_OPTION),
                                  1u,
                                  "the truncated option is dropped by the MH parser");
            NS_TEST_EXPECT_MSG_EQ(run.inst.homeAgent->GetDropCount("misaligned-option"),
                                  1u,
                                  "the misaligned one by the design, counted");
            NS_TEST_EXPECT_MSG_EQ(run.registered, true, "the MN's binding is untouched");
        }
    }
};

class ResyncTestCase : public TestCase
{
  public:
    ResyncTestCase()
        : TestCase("clock skew beyond the window: 144 with the HA's time, then registered")
    {
    }

  private:
    void DoRun() override
    {
        auto skewed = [](Time offset, Time jumpAt) {
            return [offset, jumpAt](AuthRun& r) {
                r.mn->SetAttribute("ClockSkewMax", TimeValue(Seconds(0)));
                r.mn->SetAttribute("ClockOffset", TimeValue(offset));
                if (jumpAt.IsStrictlyPositive())
                {
                    Simulator::Schedule(jumpAt, [&r]() {
                        r.mn->SetAttribute("ClockOffset", TimeValue(Seconds(-30)));
                    });
                }
            };
        };
        double baseBoot = 0;
        double baseHo = 0;
        {
            AuthRun base("authopt", Seconds(22), 2, skewed(Seconds(0), Seconds(0)));
            baseBoot = std::atof(AuthRun::Cell(*base.bootstrap, 0, "reg_s").c_str());
            NS_TEST_ASSERT_MSG_EQ(base.handovers->GetRowCount(), 1u, "one handover");
            baseHo = std::atof(AuthRun::Cell(*base.handovers, 0, "reg_s").c_str());
            NS_TEST_EXPECT_MSG_EQ(AuthRun::Cell(*base.handovers, 0, "bu_sent"), "1", "one BU");
        }
        {
            // The MN's clock is 20 s ahead from the start: the first BU gets 144.
            AuthRun run("authopt", Seconds(22), 2, skewed(Seconds(20), Seconds(0)));
            NS_TEST_ASSERT_MSG_GT_OR_EQ(run.statuses.size(), 2u, "two BAs");
            NS_TEST_EXPECT_MSG_EQ(unsigned(run.statuses[0]), 144u, "MIPV6-ID-MISMATCH");
            NS_TEST_EXPECT_MSG_EQ(unsigned(run.statuses[1]), 0u, "then accepted");
            NS_TEST_EXPECT_MSG_EQ(run.mn->GetResyncCount(), 1u, "one resynchronisation");
            NS_TEST_EXPECT_MSG_LT(run.mn->GetClockOffset(), Seconds(1), "HA's clock adopted");
            NS_TEST_EXPECT_MSG_GT(run.mn->GetClockOffset(), Seconds(-2), "HA's clock adopted");
            NS_TEST_EXPECT_MSG_EQ(run.buTimes[1], run.baRx[0].first, "a new BU at once");
            NS_TEST_EXPECT_MSG_EQ(run.registered, true, "registered");
            const double boot = std::atof(AuthRun::Cell(*run.bootstrap, 0, "reg_s").c_str());
            NS_TEST_EXPECT_MSG_GT(boot, baseBoot, "the extra round trip shows in reg_s");
            std::cout << "authopt bootstrap reg_s: " << baseBoot << " s in sync, " << boot
                      << " s with a 20 s skew" << std::endl;
            NS_TEST_EXPECT_MSG_EQ(AuthRun::Cell(*run.handovers, 0, "bu_sent"),
                                  "1",
                                  "after resynchronisation the handover needs one BU");
        }
        {
            // The MN's clock jumps 30 s back before the handover: the handover takes two BUs.
            AuthRun run("authopt", Seconds(22), 2, skewed(Seconds(0), Seconds(3)));
            NS_TEST_ASSERT_MSG_EQ(run.handovers->GetRowCount(), 1u, "one handover");
            NS_TEST_EXPECT_MSG_EQ(AuthRun::Cell(*run.handovers, 0, "ba_status"), "0", "accepted");
            NS_TEST_EXPECT_MSG_EQ(AuthRun::Cell(*run.handovers, 0, "bu_sent"), "2", "two BUs");
            const double ho = std::atof(AuthRun::Cell(*run.handovers, 0, "reg_s").c_str());
            // Up to the 144 the runs are identical; then one more BU/BA round trip.
            NS_TEST_ASSERT_MSG_EQ(run.buTimes.size(), 3u, "bootstrap BU, then two BUs");
            NS_TEST_ASSERT_MSG_EQ(run.baRx.size(), 3u, "three BAs");
            NS_TEST_EXPECT_MSG_EQ(unsigned(run.baRx[1].second), 144u, "the first is refused");
            NS_TEST_EXPECT_MSG_EQ(run.buTimes[2], run.baRx[1].first, "a new BU at once");
            const double rtt = (run.baRx[2].first - run.buTimes[2]).GetSeconds();
            NS_TEST_EXPECT_MSG_GT(rtt, 0.001, "a real round trip");
            NS_TEST_EXPECT_MSG_EQ_TOL(ho,
                                      (run.baRx[2].first - run.buTimes[1]).GetSeconds(),
                                      1e-6,
                                      "reg_s runs from the first BU to the accepted BA");
            // The first round trip differs a little from the base run's (the channel is shared
            // with the probe flow), so the extra time is one round trip give or take a half.
            NS_TEST_EXPECT_MSG_GT(ho - baseHo, 0.5 * rtt, "reg_s holds the extra round trip");
            NS_TEST_EXPECT_MSG_LT(ho - baseHo, 1.5 * rtt, "and only one");
            NS_TEST_EXPECT_MSG_EQ(run.ha->GetRejectCount("mesg-id-skew"), 1u, "one 144");
            NS_TEST_EXPECT_MSG_EQ(run.mn->GetResyncCount(), 1u, "one resynchronisation");
            std::cout << "authopt reg_s: bootstrap " << baseBoot << " s, handover " << baseHo
                      << " s; handover with resynchronisation " << ho << " s" << std::endl;
        }
        {
            // Ahead by 6.9 s (inside the window) at the first registration, then 30 s ahead: the
            // de-registration gets one 144, and after resynchronisation the MN stays above the
            // MESG-ID the HA accepted, so it is not refused again as a replay.
            AuthRun run("authopt", Seconds(5), 2, [](AuthRun& r) {
                r.mn->SetAttribute("ClockSkewMax", TimeValue(Seconds(0)));
                r.mn->SetAttribute("ClockOffset", TimeValue(Seconds(6.9)));
                Simulator::Schedule(Seconds(2), [&r]() {
                    r.mn->SetAttribute("ClockOffset", TimeValue(Seconds(30)));
                    r.inst.mobileNode->Deregister();
                });
            });
            NS_TEST_EXPECT_MSG_EQ(run.ha->GetRejectCount("mesg-id-skew"), 1u, "one 144");
            NS_TEST_EXPECT_MSG_EQ(run.ha->GetRejectCount("mesg-id-replay"), 0u, "no replay");
            NS_TEST_EXPECT_MSG_EQ(run.mn->GetResyncCount(), 1u, "one resynchronisation");
            NS_TEST_EXPECT_MSG_EQ(run.inst.homeAgent->GetNBindings(), 0u, "de-registered");
            NS_TEST_EXPECT_MSG_EQ(run.buTimes.size(), 3u, "registration, 144, de-registration");
        }
        {
            // An HA that refuses every MESG-ID (window 0): two resynchronisations, then the
            // core's back-off instead of a storm of BUs.
            AuthRun run("authopt", Seconds(6), 2, [](AuthRun& r) {
                Mip6AuthOptConfig cfg = DynamicCast<Mip6AuthOptDesign>(r.d)->GetConfig();
                cfg.window = Seconds(0);
                r.ha->SetConfig(cfg);
            });
            NS_TEST_EXPECT_MSG_EQ(run.mn->GetResyncCount(), 2u, "two resynchronisations");
            NS_TEST_EXPECT_MSG_GT_OR_EQ(run.buTimes.size(), 4u, "then retries");
            NS_TEST_EXPECT_MSG_LT_OR_EQ(run.buTimes.size(), 6u, "with back-off");
            NS_TEST_EXPECT_MSG_EQ(run.registered, false, "never accepted");
        }
    }
};

class ClockAndFactoryTestCase : public TestCase
{
  public:
    ClockAndFactoryTestCase()
        : TestCase("per-MN clock offsets from their own streams; variant names; derived keys")
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        std::string error;
        Ptr<Mip6SecurityDesign> d = Mip6SecurityDesignFactory::Create("authopt", error);
        NS_TEST_ASSERT_MSG_NE(d, nullptr, error);
        NS_TEST_EXPECT_MSG_EQ(d->GetVariantName(), "authopt", "defaults");
        NS_TEST_EXPECT_MSG_EQ(
            Mip6SecurityDesignFactory::Create("authopt:mesgid=off,auth=mn-aaa", error)
                ->GetVariantName(),
            "authopt:auth=mn-aaa,mesgid=off",
            "canonical variant name");
        NS_TEST_EXPECT_MSG_EQ(
            Mip6SecurityDesignFactory::Create("authopt:skew=30s", error)->GetVariantName(),
            "authopt:skew=30s",
            "unsynchronised clocks");
        {
            Ptr<Mip6SecurityDesign> u =
                Mip6SecurityDesignFactory::Create("authopt:skew=30s", error);
            Ptr<Mip6AuthOptMnSecurity> m = DynamicCast<Mip6AuthOptMnSecurity>(u->CreateMnSide());
            TimeValue max;
            m->GetAttribute("ClockSkewMax", max);
            NS_TEST_EXPECT_MSG_EQ(max.Get(), Seconds(30), "skew=30s reaches the MN side");
        }
        NS_TEST_EXPECT_MSG_EQ(Mip6SecurityDesignFactory::Create("authopt:auth=x", error),
                              nullptr,
                              "bad value refused");
        NodeContainer nodes;
        nodes.Create(3);
        auto side = [&d](Ptr<Node> n) {
            Ptr<Mip6AuthOptMnSecurity> s = DynamicCast<Mip6AuthOptMnSecurity>(d->CreateMnSide());
            s->Setup(n, kHoa, kHa);
            return s;
        };
        const Time a = side(nodes.Get(0))->GetClockOffset();
        const Time b = side(nodes.Get(1))->GetClockOffset();
        const Time c = side(nodes.Get(2))->GetClockOffset();
        NS_TEST_EXPECT_MSG_EQ(side(nodes.Get(1))->GetClockOffset(), b, "same node, same draw");
        NS_TEST_EXPECT_MSG_NE(a, b, "each MN its own offset");
        NS_TEST_EXPECT_MSG_NE(b, c, "each MN its own offset");
        for (Time t : {a, b, c})
        {
            NS_TEST_EXPECT_MSG_LT_OR_EQ(t, Seconds(2), "within ClockSkewMax");
            NS_TEST_EXPECT_MSG_GT_OR_EQ(t, Seconds(-2), "within ClockSkewMax");
        }
        Ptr<Mip6AuthOptMnSecurity> x = DynamicCast<Mip6AuthOptMnSecurity>(d->CreateMnSide());
        Ptr<Mip6AuthOptMnSecurity> y = DynamicCast<Mip6AuthOptMnSecurity>(d->CreateMnSide());
        NS_TEST_EXPECT_MSG_EQ(x->AssignStreams(12345), 1, "one stream");
        y->AssignStreams(12345);
        x->Setup(nodes.Get(0), kHoa, kHa);
        y->Setup(nodes.Get(2), kHoa, kHa);
        NS_TEST_EXPECT_MSG_EQ(x->GetClockOffset(), y->GetClockOffset(), "AssignStreams fixes it");
        NS_TEST_EXPECT_MSG_EQ(x->GetNai().size(), 15u, "mnNNN@home.arpa");
        NS_TEST_EXPECT_MSG_NE(x->GetSpi(), y->GetSpi(), "per-MN SPIs");
        NS_TEST_EXPECT_MSG_EQ((x->GetMnHaKey() != y->GetMnHaKey()), true, "per-MN keys");
        NS_TEST_EXPECT_MSG_EQ(x->GetMnHaKey().size(), 16u, "16-byte MN-HA key");
        d->SetAttribute("ClockSkewMax", TimeValue(Seconds(0)));
        NS_TEST_EXPECT_MSG_EQ(side(nodes.Get(0))->GetClockOffset(), Seconds(0), "no skew");
        Simulator::Destroy();
    }
};

class ReproducibleTestCase : public TestCase
{
  public:
    ReproducibleTestCase()
        : TestCase("every variant: identical reruns, byte for byte (packets, handovers, bootstrap)")
    {
    }

  private:
    /// Everything a run produced that must repeat: the signalling bytes and the CSV rows.
    static std::string Fingerprint(const AuthRun& run)
    {
        std::ostringstream os;
        for (const auto* list : {&run.mnTx, &run.haTx})
        {
            for (const auto& tx : *list)
            {
                std::vector<uint8_t> b(tx.p->GetSize());
                tx.p->CopyData(b.data(), b.size());
                os << tx.src << ">" << tx.dst << ":" << Mip6ToHex(b) << "\n";
            }
        }
        for (const auto* t : {run.handovers.get(), run.bootstrap.get()})
        {
            for (size_t i = 0; i < t->GetRowCount(); ++i)
            {
                for (const auto& c : t->GetRow(i))
                {
                    os << c << ",";
                }
                os << "\n";
            }
        }
        return os.str();
    }

    void DoRun() override
    {
        for (const std::string name :
             {"authopt", "authopt:auth=mn-aaa", "authopt:mesgid=off", "authopt:skew=30s"})
        {
            std::string a;
            std::string b;
            {
                AuthRun run(name, Seconds(15));
                a = Fingerprint(run);
            }
            {
                AuthRun run(name, Seconds(15));
                b = Fingerprint(run);
            }
            NS_TEST_EXPECT_MSG_GT(a.size(), 500u, name << ": something was recorded");
            NS_TEST_EXPECT_MSG_EQ((a == b), true, name << ": reruns differ");
        }
    }
};

class AuthOptTestSuite : public TestSuite
{
  public:
    AuthOptTestSuite()
        : TestSuite("mip6-authopt", SYSTEM)
    {
        AddTestCase(new OptionLayoutTestCase, TestCase::QUICK);
        AddTestCase(new DecoderRobustnessTestCase, TestCase::QUICK);
        AddTestCase(new WireLayoutTestCase, TestCase::QUICK);
        AddTestCase(new RegistrationTestCase, TestCase::QUICK);
        AddTestCase(new SecurityTestCase, TestCase::QUICK);
        AddTestCase(new ResyncTestCase, TestCase::QUICK);
        AddTestCase(new ClockAndFactoryTestCase, TestCase::QUICK);
        AddTestCase(new ReproducibleTestCase, TestCase::QUICK);
    }
};

static AuthOptTestSuite g_authOptTestSuite;

} // namespace

/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * mip6-metrics: the output schema (DESIGN.md §4, §5), CSV and JSON writing, the overhead meter's
 * classification and aggregation, packet tags crossing a P2P link and a WiFi hop, the state meter.
 */

#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv6-address-helper.h"
#include "ns3/ipv6.h"
#include "ns3/mip6-category-tag.h"
#include "ns3/mip6-overhead-meter.h"
#include "ns3/mip6-result-writer.h"
#include "ns3/mip6-state-meter.h"
#include "ns3/mobility-helper.h"
#include "ns3/mobility-model.h"
#include "ns3/names.h"
#include "ns3/nstime.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/ssid.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"
#include "ns3/wifi-helper.h"
#include "ns3/wifi-mac-helper.h"
#include "ns3/wifi-net-device.h"
#include "ns3/yans-wifi-helper.h"

#include <clocale>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

using namespace ns3;

namespace
{

/**
 * Runs `fn` in a child process and reports whether it aborted (SIGABRT, as NS_ABORT_MSG does),
 * with what it wrote to stderr. Lets the suite check that programming errors stop the program
 * instead of writing a bad file.
 * \param fn the code expected to abort
 * \param stderrText what the child wrote to stderr
 * \return true if the child was killed by SIGABRT
 */
bool
Aborts(const std::function<void()>& fn, std::string& stderrText)
{
    int fds[2];
    if (pipe(fds) != 0)
    {
        return false;
    }
    std::fflush(nullptr);
    pid_t pid = fork();
    if (pid == 0)
    {
        close(fds[0]);
        dup2(fds[1], STDERR_FILENO);
        fn();
        _exit(0);
    }
    close(fds[1]);
    char buf[512];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof(buf))) > 0)
    {
        stderrText.append(buf, static_cast<size_t>(n));
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

/**
 * Builds an IPv6 packet byte by byte (RFC 8200 §3), so the meter's parser sees exactly what we say.
 * \param nextHeader Next Header
 * \param payload everything after the fixed header
 * \param src source
 * \param dst destination
 * \return the packet
 */
Ptr<Packet>
MakeIpv6(uint8_t nextHeader,
         const std::vector<uint8_t>& payload,
         Ipv6Address src = Ipv6Address("fd00:1::1"),
         Ipv6Address dst = Ipv6Address("fd00:2::1"))
{
    std::vector<uint8_t> b(40 + payload.size(), 0);
    b[0] = 0x60;
    b[4] = static_cast<uint8_t>(payload.size() >> 8);
    b[5] = static_cast<uint8_t>(payload.size());
    b[6] = nextHeader;
    b[7] = 64;
    src.Serialize(&b[8]);
    dst.Serialize(&b[24]);
    std::copy(payload.begin(), payload.end(), b.begin() + 40);
    return Create<Packet>(b.data(), b.size());
}

/**
 * \param type ICMPv6 type
 * \param size message size
 * \return an ICMPv6 message of that type (checksum not computed: the meter does not check it)
 */
std::vector<uint8_t>
Icmpv6(uint8_t type, size_t size)
{
    std::vector<uint8_t> m(size, 0);
    m[0] = type;
    return m;
}

/**
 * \param sport source port
 * \param dport destination port
 * \param flags TCP flags byte
 * \param payload payload bytes
 * \return a TCP segment with a 20-byte header
 */
std::vector<uint8_t>
Tcp(uint16_t sport, uint16_t dport, uint8_t flags, size_t payload)
{
    std::vector<uint8_t> s(20 + payload, 0);
    s[0] = sport >> 8;
    s[1] = sport & 0xff;
    s[2] = dport >> 8;
    s[3] = dport & 0xff;
    s[12] = 5 << 4;
    s[13] = flags;
    return s;
}

/**
 * \param p a packet
 * \param category its category
 * \param message message name
 * \param mn MN id
 * \param protection protection bytes
 * \return p, tagged
 */
Ptr<Packet>
Tagged(Ptr<Packet> p,
       Mip6Category category,
       const std::string& message,
       uint32_t mn,
       uint32_t protection = 0)
{
    p->AddPacketTag(Mip6CategoryTag(category, message, mn, protection));
    return p;
}

} // namespace

/**
 * \ingroup mip6-tests
 * The CSV file names and header lines are exactly those of DESIGN.md §4 (literal strings here, so
 * a drift on either side fails).
 */
class Mip6SchemaTestCase : public TestCase
{
  public:
    Mip6SchemaTestCase()
        : TestCase("CSV file names and header lines equal DESIGN.md section 4")
    {
    }

  private:
    void DoRun() override
    {
        NS_TEST_EXPECT_MSG_EQ(Mip6Schema::HandoversFile(), "handovers.csv", "4.1");
        NS_TEST_EXPECT_MSG_EQ(Mip6Schema::BootstrapFile(), "bootstrap.csv", "4.2");
        NS_TEST_EXPECT_MSG_EQ(Mip6Schema::OverheadFile(), "overhead.csv", "4.3");
        NS_TEST_EXPECT_MSG_EQ(Mip6Schema::StateFile(), "state.csv", "4.4");
        NS_TEST_EXPECT_MSG_EQ(Mip6Schema::McoaFile(), "mcoa.csv", "4.5");
        NS_TEST_EXPECT_MSG_EQ(Mip6Schema::MessagesFile(), "messages.csv", "4.6");
        NS_TEST_EXPECT_MSG_EQ(Mip6Schema::ManifestFile(), "manifest.json", "5");

        NS_TEST_EXPECT_MSG_EQ(
            Mip6CsvTable(Mip6Schema::HandoverColumns()).GetHeaderLine(),
            "run,seed,design,mn,handover,kind,from_access,to_access,t_start_s,l2_detect_s,"
            "l2_attach_s,md_s,dad_s,sec_s,reg_s,total_s,outage_s,probes_lost,bu_sent,ba_status",
            "handovers.csv header");
        NS_TEST_EXPECT_MSG_EQ(
            Mip6CsvTable(Mip6Schema::BootstrapColumns()).GetHeaderLine(),
            "run,seed,design,mn,t_start_s,security_s,reg_s,total_s,round_trips,messages,bytes_up,"
            "bytes_down,mhauth_plaintext_bytes,reason",
            "bootstrap.csv header");
        NS_TEST_EXPECT_MSG_EQ(
            Mip6CsvTable(Mip6Schema::OverheadColumns()).GetHeaderLine(),
            "run,seed,design,mn,point,category,phase,direction,packets,ip_bytes,l2_bytes",
            "overhead.csv header");
        NS_TEST_EXPECT_MSG_EQ(Mip6CsvTable(Mip6Schema::StateColumns()).GetHeaderLine(),
                              "run,seed,design,t_s,mn,bindings,sa_count,spd_entries,ike_sas,"
                              "hac_records,key_bytes,state_bytes",
                              "state.csv header");
        NS_TEST_EXPECT_MSG_EQ(Mip6CsvTable(Mip6Schema::McoaColumns()).GetHeaderLine(),
                              "run,seed,design,policy,interfaces,ike_sas,sa_count,add_coa_bytes,"
                              "add_coa_s,simultaneous_use,failover_outage_s,failover_probes_lost",
                              "mcoa.csv header");
        NS_TEST_EXPECT_MSG_EQ(
            Mip6CsvTable(Mip6Schema::MessagesColumns()).GetHeaderLine(),
            "run,seed,design,t_s,node,point,direction,category,message,ip_bytes,l2_bytes",
            "messages.csv header");
    }
};

/**
 * \ingroup mip6-tests
 * Number formatting is exact, normalises negative zero and ignores the C locale.
 */
class Mip6FormatTestCase : public TestCase
{
  public:
    Mip6FormatTestCase()
        : TestCase("Deterministic number formatting")
    {
    }

  private:
    /// Checks every formatting rule once.
    void CheckAll()
    {
        NS_TEST_EXPECT_MSG_EQ(Mip6Format::Seconds(Seconds(0)), "0.000000", "zero");
        NS_TEST_EXPECT_MSG_EQ(Mip6Format::Seconds(NanoSeconds(1234567891)), "1.234568", "round");
        NS_TEST_EXPECT_MSG_EQ(Mip6Format::Seconds(NanoSeconds(1234567499)), "1.234567", "down");
        NS_TEST_EXPECT_MSG_EQ(Mip6Format::Seconds(MilliSeconds(12)), "0.012000", "ms");
        NS_TEST_EXPECT_MSG_EQ(Mip6Format::Seconds(NanoSeconds(-400)), "0.000000", "no -0");
        NS_TEST_EXPECT_MSG_EQ(Mip6Format::Seconds(NanoSeconds(-500)), "-0.000001", "half away");
        NS_TEST_EXPECT_MSG_EQ(Mip6Format::Seconds(Seconds(-2.5)), "-2.500000", "negative");
        NS_TEST_EXPECT_MSG_EQ(Mip6Format::Seconds(Seconds(3600)), "3600.000000", "hour");
        NS_TEST_EXPECT_MSG_EQ(Mip6Format::Seconds(-0.0), "0.000000", "double -0");
        NS_TEST_EXPECT_MSG_EQ(Mip6Format::Seconds(-0.0000001), "0.000000", "tiny negative");
        NS_TEST_EXPECT_MSG_EQ(Mip6Format::Seconds(0.1 + 0.2), "0.300000", "0.1+0.2");
        NS_TEST_EXPECT_MSG_EQ(Mip6Format::Seconds(1234.5678914), "1234.567891", "double");
        NS_TEST_EXPECT_MSG_EQ(Mip6Format::Fixed(2.0 / 3.0, 3), "0.667", "fixed 3");
        NS_TEST_EXPECT_MSG_EQ(Mip6Format::Fixed(-1e-9, 2), "0.00", "fixed -0");
        NS_TEST_EXPECT_MSG_EQ(Mip6Format::Fixed(1e6, 0), "1000000", "fixed 0");
        NS_TEST_EXPECT_MSG_EQ(Mip6Format::Uint(18446744073709551615ULL),
                              "18446744073709551615",
                              "uint64 max");
        NS_TEST_EXPECT_MSG_EQ(Mip6Format::Int(-42), "-42", "int");
        NS_TEST_EXPECT_MSG_EQ(Mip6Format::Bool(true), "true", "bool");
        NS_TEST_EXPECT_MSG_EQ(Mip6Format::NA, "NA", "NA");
    }

    void DoRun() override
    {
        CheckAll();
        // A locale with a decimal comma must change nothing (std::to_chars ignores it). Only
        // locales installed on the machine can be tried; the checks above always run.
        for (const char* name : {"de_DE.UTF-8", "fr_FR.UTF-8", "de_DE", "fr_FR"})
        {
            if (std::setlocale(LC_ALL, name) != nullptr)
            {
                CheckAll();
                std::setlocale(LC_ALL, "C");
                break;
            }
        }

        std::string err;
        NS_TEST_EXPECT_MSG_EQ(Aborts([] { Mip6Format::Fixed(std::nan(""), 3); }, err),
                              true,
                              "NaN must abort, not be written");
        NS_TEST_EXPECT_MSG_NE(err.find("NA"), std::string::npos, "message points to NA: " << err);
    }
};

/**
 * \ingroup mip6-tests
 * Rows, NA cells, RFC 4180 quoting, ragged rows, appending with one header.
 */
class Mip6CsvTableTestCase : public TestCase
{
  public:
    Mip6CsvTableTestCase()
        : TestCase("CSV table: NA, quoting, ragged rows, append keeps one header")
    {
    }

  private:
    void DoRun() override
    {
        Mip6RunInfo info{3, 2, "altsec-tls:auth=eap-md5,tls=1.3"};
        Mip6CsvTable t({"run", "seed", "design", "a_s", "b", "note"});
        t.AddRow(Mip6CsvRow(info)
                     .AddSeconds(std::optional<Time>(MilliSeconds(5)))
                     .AddUint(std::optional<uint64_t>())
                     .Add("plain"));
        t.AddRow(Mip6CsvRow(info)
                     .AddSeconds(std::optional<Time>())
                     .AddUint(7)
                     .Add("say \"hi\", then\nleave"));
        NS_TEST_EXPECT_MSG_EQ(t.GetRowCount(), 2, "two rows");
        std::string expected = "run,seed,design,a_s,b,note\n"
                               "3,2,\"altsec-tls:auth=eap-md5,tls=1.3\",0.005000,NA,plain\n"
                               "3,2,\"altsec-tls:auth=eap-md5,tls=1.3\",NA,7,"
                               "\"say \"\"hi\"\", then\nleave\"\n";
        NS_TEST_EXPECT_MSG_EQ(t.ToString(), expected, "RFC 4180 text");
        NS_TEST_EXPECT_MSG_EQ(Mip6CsvTable::Quote("a\rb"), "\"a\rb\"", "CR quoted");
        NS_TEST_EXPECT_MSG_EQ(Mip6CsvTable::Quote("ipsec-ikev2"), "ipsec-ikev2", "not quoted");

        std::string err;
        NS_TEST_EXPECT_MSG_EQ(Aborts(
                                  [&t] {
                                      t.AddRow(std::vector<std::string>{"1", "2"});
                                  },
                                  err),
                              true,
                              "a ragged row aborts");
        NS_TEST_EXPECT_MSG_NE(err.find("row with 2 cells for 6 columns"),
                              std::string::npos,
                              "clear message: " << err);
        err.clear();
        NS_TEST_EXPECT_MSG_EQ(
            Aborts(
                [&t] {
                    t.AddRow(std::vector<std::string>{"1", "2", "d", "", "x", "y"});
                },
                err),
            true,
            "an empty cell aborts");
        NS_TEST_EXPECT_MSG_NE(err.find("'a_s'"), std::string::npos, "names the column: " << err);
        NS_TEST_EXPECT_MSG_EQ(t.GetRowCount(), 2, "the parent table is unchanged");

        // Two designs run one after another append into one file with one header.
        std::string dir = (std::filesystem::temp_directory_path() /
                           ("mip6-metrics-csv-" + std::to_string(getpid())))
                              .string();
        std::filesystem::create_directories(dir);
        std::string path = dir + "/overhead.csv";
        std::filesystem::remove(path);
        Mip6CsvTable first({"run", "seed", "design", "x"});
        first.AddRow(Mip6CsvRow(Mip6RunInfo{1, 1, "none"}).AddUint(10));
        Mip6CsvTable second({"run", "seed", "design", "x"});
        second.AddRow(Mip6CsvRow(Mip6RunInfo{1, 1, "authopt"}).AddUint(20));
        second.AddRow(Mip6CsvRow(Mip6RunInfo{1, 1, "authopt"}).AddNa());
        NS_TEST_ASSERT_MSG_EQ(first.AppendToFile(path, err), true, err);
        NS_TEST_ASSERT_MSG_EQ(second.AppendToFile(path, err), true, err);
        std::ifstream in(path, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        NS_TEST_EXPECT_MSG_EQ(text.str(),
                              "run,seed,design,x\n1,1,none,10\n1,1,authopt,20\n1,1,authopt,NA\n",
                              "one header, rows of both");

        // Another schema in the same file is refused, and the file is left as it was.
        Mip6CsvTable other({"run", "seed", "design", "y"});
        other.AddRow(Mip6CsvRow(Mip6RunInfo{1, 1, "none"}).AddUint(1));
        err.clear();
        NS_TEST_EXPECT_MSG_EQ(other.AppendToFile(path, err), false, "different header refused");
        NS_TEST_EXPECT_MSG_NE(err.find("differs"), std::string::npos, err);
        NS_TEST_EXPECT_MSG_EQ(std::filesystem::file_size(path), text.str().size(), "untouched");

        // A truncated file (no final line end) is refused rather than glued to.
        {
            std::ofstream cut(path, std::ios::binary | std::ios::app);
            cut << "1,1,none,3";
        }
        err.clear();
        NS_TEST_EXPECT_MSG_EQ(first.AppendToFile(path, err), false, "truncated file refused");
        NS_TEST_EXPECT_MSG_NE(err.find("line end"), std::string::npos, err);

        // An empty existing file gets the header.
        std::filesystem::remove(path);
        std::ofstream(path).close();
        NS_TEST_EXPECT_MSG_EQ(first.AppendToFile(path, err), true, err);
        std::ifstream in2(path, std::ios::binary);
        std::stringstream text2;
        text2 << in2.rdbuf();
        NS_TEST_EXPECT_MSG_EQ(text2.str(), "run,seed,design,x\n1,1,none,10\n", "header added");

        err.clear();
        NS_TEST_EXPECT_MSG_EQ(first.AppendToFile(dir + "/no/such/dir/x.csv", err),
                              false,
                              "unwritable path reported");
        NS_TEST_EXPECT_MSG_NE(err.find("cannot open"), std::string::npos, err);
        std::filesystem::remove_all(dir);
    }
};

/**
 * \ingroup mip6-tests
 * JSON escaping (RFC 8259 §7), the manifest text, and the changed-defaults collector.
 */
class Mip6ManifestTestCase : public TestCase
{
  public:
    Mip6ManifestTestCase()
        : TestCase("manifest.json: escaping, key order, changed attribute defaults")
    {
    }

  private:
    void DoRun() override
    {
        NS_TEST_EXPECT_MSG_EQ(Mip6JsonWriter::Escape("a\"b\\c/\n\t\x01\x1f"),
                              "\"a\\\"b\\\\c/\\n\\t\\u0001\\u001f\"",
                              "quote, backslash, controls");
        NS_TEST_EXPECT_MSG_EQ(Mip6JsonWriter::Escape("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"),
                              "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"",
                              "valid UTF-8 kept");
        NS_TEST_EXPECT_MSG_EQ(Mip6JsonWriter::Escape("x\xff"
                                                     "y\xc3"),
                              "\"x\xef\xbf\xbdy\xef\xbf\xbd\"",
                              "invalid bytes become U+FFFD");
        NS_TEST_EXPECT_MSG_EQ(Mip6JsonWriter::Escape("\xed\xa0\x80"),
                              "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"",
                              "UTF-16 surrogate encoded in UTF-8 is invalid (RFC 3629)");
        NS_TEST_EXPECT_MSG_EQ(Mip6JsonWriter::Escape("\xc0\xaf"),
                              "\"\xef\xbf\xbd\xef\xbf\xbd\"",
                              "overlong form is invalid");

        Mip6Manifest m;
        m.program = "mip6-compare";
        m.version = "v0.1-3-gabc\"dirty";
        m.opensslVersion = "OpenSSL 3.0.x";
        m.run = 4;
        m.seed = 9;
        m.designs = {"none", "ipsec-ikev2:k=0"};
        m.parameters = {{"speed", "5"}, {"aps", "4"}};
        m.attributes = {{"ns3::TcpSocket::SegmentSize", "1400"}};
        m.dataProtection = {{"none", "none"}, {"ipsec-ikev2:k=0", "esp-tunnel"}};
        m.wallTimeS = 1.5;
        m.eventsExecuted = 123456;
        std::string expected = "{\n"
                               "  \"program\": \"mip6-compare\",\n"
                               "  \"version\": \"v0.1-3-gabc\\\"dirty\",\n"
                               "  \"ns3_version\": \"3.37\",\n"
                               "  \"openssl_version\": \"OpenSSL 3.0.x\",\n"
                               "  \"run\": 4,\n"
                               "  \"seed\": 9,\n"
                               "  \"designs\": [\n"
                               "    \"none\",\n"
                               "    \"ipsec-ikev2:k=0\"\n"
                               "  ],\n"
                               "  \"parameters\": {\n"
                               "    \"aps\": \"4\",\n"
                               "    \"speed\": \"5\"\n"
                               "  },\n"
                               "  \"attributes\": {\n"
                               "    \"ns3::TcpSocket::SegmentSize\": \"1400\"\n"
                               "  },\n"
                               "  \"tcp\": {},\n"
                               "  \"data_protection\": {\n"
                               "    \"ipsec-ikev2:k=0\": \"esp-tunnel\",\n"
                               "    \"none\": \"none\"\n"
                               "  },\n"
                               "  \"wall_time_s\": 1.5,\n"
                               "  \"events_executed\": 123456\n"
                               "}\n";
        NS_TEST_EXPECT_MSG_EQ(m.ToJson(), expected, "manifest text");

        Mip6Manifest d;
        NS_TEST_EXPECT_MSG_EQ(d.ns3Version, "3.37", "ns-3 version");
        NS_TEST_EXPECT_MSG_EQ(d.opensslVersion.rfind("OpenSSL 3", 0), 0, d.opensslVersion);

        Mip6JsonWriter w;
        w.BeginArray();
        w.Double(std::nan(""));
        w.Double(0.1);
        w.Int(-3);
        w.Bool(false);
        w.Null();
        w.BeginObject();
        w.EndObject();
        w.EndArray();
        NS_TEST_EXPECT_MSG_EQ(w.GetText(),
                              "[\n  null,\n  0.1,\n  -3,\n  false,\n  null,\n  {}\n]",
                              "values; NaN is null");
        std::string err;
        NS_TEST_EXPECT_MSG_EQ(Aborts(
                                  [] {
                                      Mip6JsonWriter bad;
                                      bad.BeginObject();
                                      bad.String("no key");
                                  },
                                  err),
                              true,
                              "value without key aborts");

        // Changed defaults: visible after Config::SetDefault, gone when set back.
        const std::string attr = "ns3::Mip6StateMeter::Interval";
        NS_TEST_EXPECT_MSG_EQ(Mip6Manifest::ChangedAttributeDefaults().count(attr), 0, "default");
        Config::SetDefault(attr, TimeValue(Seconds(2)));
        auto changed = Mip6Manifest::ChangedAttributeDefaults();
        NS_TEST_EXPECT_MSG_EQ(changed.count(attr), 1, "changed default listed");
        NS_TEST_EXPECT_MSG_EQ(changed[attr],
                              TimeValue(Seconds(2)).SerializeToString(nullptr),
                              "its value");
        Config::SetDefault(attr, TimeValue(Seconds(1)));
        NS_TEST_EXPECT_MSG_EQ(Mip6Manifest::ChangedAttributeDefaults().count(attr),
                              0,
                              "set back to the original: not listed");
    }
};

/**
 * \ingroup mip6-tests
 * The category tag round-trips through a packet; names match DESIGN.md §4.3.
 */
class Mip6CategoryTagTestCase : public TestCase
{
  public:
    Mip6CategoryTagTestCase()
        : TestCase("Category tag: names, round trip, length limit")
    {
    }

  private:
    void DoRun() override
    {
        std::string all;
        for (uint8_t i = 0; i < MIP6_CATEGORY_COUNT; ++i)
        {
            all += (i ? "," : "") + Mip6CategoryName(static_cast<Mip6Category>(i));
        }
        NS_TEST_EXPECT_MSG_EQ(all, "mip6,ike,tls,hac-ha,nd,tunnel,data-protection,data", "names");
        Mip6Category c;
        NS_TEST_EXPECT_MSG_EQ(Mip6CategoryFromName("hac-ha", c), true, "parse");
        NS_TEST_EXPECT_MSG_EQ(static_cast<int>(c), static_cast<int>(Mip6Category::HAC_HA), "value");
        NS_TEST_EXPECT_MSG_EQ(Mip6CategoryFromName("esp", c), false, "unknown name");
        NS_TEST_EXPECT_MSG_EQ(Mip6CategoryIsSignalling(Mip6Category::IKE), true, "ike");
        NS_TEST_EXPECT_MSG_EQ(Mip6CategoryIsSignalling(Mip6Category::DATA_PROTECTION), false, "dp");

        std::string longest(31, 'x');
        Ptr<Packet> p = Create<Packet>(10);
        p->AddPacketTag(Mip6CategoryTag(Mip6Category::IKE, longest, 0xdeadbeef, 77));
        Ptr<Packet> copy = p->Copy();
        Mip6CategoryTag t;
        NS_TEST_ASSERT_MSG_EQ(copy->PeekPacketTag(t), true, "tag present on a copy");
        NS_TEST_EXPECT_MSG_EQ(static_cast<int>(t.GetCategory()), 1, "category");
        NS_TEST_EXPECT_MSG_EQ(t.GetMessage(), longest, "message");
        NS_TEST_EXPECT_MSG_EQ(t.GetMnId(), 0xdeadbeef, "mn");
        NS_TEST_EXPECT_MSG_EQ(t.GetProtectionBytes(), 77, "protection");
        NS_TEST_EXPECT_MSG_EQ(t.GetSerializedSize(), 1 + 4 + 4 + 1 + 31, "size");

        std::string err;
        NS_TEST_EXPECT_MSG_EQ(
            Aborts([] { Mip6CategoryTag(Mip6Category::MIP6, std::string(32, 'y'), 1); }, err),
            true,
            "32-byte name aborts");
    }
};

/**
 * \ingroup mip6-tests
 * Classification (tag, ICMPv6 → nd, registered TCP → tls, the rest unclassified), tunnel split,
 * phases, MN resolution, bad packets, and the overhead.csv / messages.csv rows.
 */
class Mip6OverheadClassifyTestCase : public TestCase
{
  public:
    Mip6OverheadClassifyTestCase()
        : TestCase("Overhead meter: classification, tunnel split, aggregation, rows")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Mip6OverheadMeter> m = CreateObject<Mip6OverheadMeter>();
        m->SetPhaseProvider([](uint32_t mn, Time now) -> std::string {
            if (mn == 8)
            {
                return "handover";
            }
            return now < Seconds(1) ? "bootstrap" : "steady";
        });
        m->SetMnResolver([](const Ipv6Address& src, const Ipv6Address& dst, uint32_t& mn) {
            if (dst == Ipv6Address("fd00::7") || src == Ipv6Address("fd00::7"))
            {
                mn = 7;
                return true;
            }
            return false;
        });
        Ipv6Address hac("fd00:9::1");
        Ipv6Address coa8("fd00:2::8");
        m->RegisterTlsFlow(8, coa8, 40000, hac, 443);
        uint64_t observations = 0;
        m->TraceConnectWithoutContext(
            "Observation",
            MakeBoundCallback(
                +[](uint64_t* n, const Mip6OverheadMeter::Observation&) { ++*n; },
                &observations));

        const std::string& core = Mip6OverheadMeter::POINT_HA_CORE;
        const std::string& air = Mip6OverheadMeter::POINT_MN_AIR;
        const std::string& tx = Mip6OverheadMeter::DIRECTION_TX;
        const std::string& rx = Mip6OverheadMeter::DIRECTION_RX;
        auto at = [](double s, std::function<void()> f) { Simulator::Schedule(Seconds(s), f); };
        const std::optional<uint64_t> noL2;

        // t = 0.5: a BU, seen at the MN's air link and at the HA core.
        at(0.5, [=]() {
            Ptr<Packet> bu =
                Tagged(MakeIpv6(60, std::vector<uint8_t>(56)), Mip6Category::MIP6, "BU", 7);
            m->RecordIpPacket(core, rx, "ha", std::nullopt, bu, noL2);
            m->RecordIpPacket(air, tx, "mn7", 7, bu, 96 + 38);
        });
        // t = 1.5: the BA; a DAD NS (unspecified source) and an RS, untagged.
        at(1.5, [=]() {
            Ptr<Packet> ba =
                Tagged(MakeIpv6(43, std::vector<uint8_t>(40)), Mip6Category::MIP6, "BA", 7);
            m->RecordIpPacket(core, tx, "ha", std::nullopt, ba, noL2);
            m->RecordIpPacket(
                air,
                rx,
                "mn7",
                7,
                MakeIpv6(58, Icmpv6(135, 24), Ipv6Address::GetAny(), Ipv6Address("ff02::1:ff00:7")),
                64 + 38);
            m->RecordIpPacket(
                air,
                tx,
                "mn8",
                8,
                MakeIpv6(58, Icmpv6(133, 8), Ipv6Address("fe80::8"), Ipv6Address("ff02::2")),
                48 + 38);
        });
        // t = 2: TLS to the HAC by 5-tuple (both directions), untagged UDP and unknown TCP.
        at(2, [=]() {
            m->RecordIpPacket(core,
                              rx,
                              "ha",
                              std::nullopt,
                              MakeIpv6(6, Tcp(40000, 443, 0x02, 0), coa8, hac),
                              noL2);
            m->RecordIpPacket(core,
                              tx,
                              "ha",
                              std::nullopt,
                              MakeIpv6(6, Tcp(443, 40000, 0x12, 0), hac, coa8),
                              noL2);
            m->RecordIpPacket(core,
                              rx,
                              "ha",
                              std::nullopt,
                              MakeIpv6(6, Tcp(40000, 443, 0x18, 100), coa8, hac),
                              noL2);
            m->RecordIpPacket(core,
                              rx,
                              "ha",
                              std::nullopt,
                              MakeIpv6(17, std::vector<uint8_t>(20)),
                              noL2);
            m->RecordIpPacket(core,
                              rx,
                              "ha",
                              std::nullopt,
                              MakeIpv6(6, Tcp(40001, 443, 0x02, 0), coa8, hac),
                              noL2);
        });
        // t = 3: tunnelled payload with 38 protection bytes; a local MIGRATE.
        at(3, [=]() {
            Ptr<Packet> tun = Tagged(MakeIpv6(50, std::vector<uint8_t>(38 + 240)),
                                     Mip6Category::TUNNEL,
                                     "ESP-tunnel",
                                     7,
                                     38);
            m->RecordIpPacket(air, rx, "mn7", 7, tun, 318 + 38);
            m->RecordIpPacket(core, tx, "ha", std::nullopt, tun, noL2);
            m->RecordLocal(7, "ha", Mip6Category::IKE, "MIGRATE", 120);
        });
        // t = 4: bad input, an extension-header walk, MN resolution at the core.
        at(4, [=]() {
            uint8_t junk[10] = {0x60, 1, 2, 3, 4, 5, 6, 7, 8, 9};
            m->RecordIpPacket(air, tx, "mn8", 8, Create<Packet>(junk, sizeof(junk)), noL2);
            std::vector<uint8_t> hbh(8, 0);
            hbh[0] = 58;
            hbh[1] = 5; // claims 48 bytes, 8 present
            m->RecordIpPacket(air, tx, "mn8", 8, MakeIpv6(0, hbh), noL2);
            std::vector<uint8_t> dstopt(8, 0);
            dstopt[0] = 58;
            std::vector<uint8_t> na = Icmpv6(136, 24);
            dstopt.insert(dstopt.end(), na.begin(), na.end());
            m->RecordIpPacket(air, rx, "mn8", 8, MakeIpv6(60, dstopt), 72 + 38);
            m->RecordIpPacket(
                core,
                tx,
                "ha",
                std::nullopt,
                MakeIpv6(58, Icmpv6(135, 24), Ipv6Address("fd00::1"), Ipv6Address("fd00::7")),
                noL2);
            m->RecordIpPacket(
                core,
                tx,
                "ha",
                std::nullopt,
                MakeIpv6(58, Icmpv6(135, 24), Ipv6Address("fd00::1"), Ipv6Address("fd00::99")),
                noL2);
        });
        Simulator::Run();
        Simulator::Destroy();

        auto c = m->GetCount(7, air, Mip6Category::TUNNEL, "steady", rx);
        NS_TEST_EXPECT_MSG_EQ(c.ipBytes, 40, "outer header is tunnel");
        NS_TEST_EXPECT_MSG_EQ(c.l2Bytes, 40 + 38, "frame overhead goes with the tunnel share");
        c = m->GetCount(7, air, Mip6Category::DATA_PROTECTION, "steady", rx);
        NS_TEST_EXPECT_MSG_EQ(c.ipBytes, 38, "protection bytes from the tag");
        c = m->GetCount(7, air, Mip6Category::DATA, "steady", rx);
        NS_TEST_EXPECT_MSG_EQ(c.ipBytes, 240, "the rest is data");
        NS_TEST_EXPECT_MSG_EQ(c.l2Bytes, 240, "data l2 = its ip bytes");
        c = m->GetCount(8, core, Mip6Category::TLS, "handover", rx);
        NS_TEST_EXPECT_MSG_EQ(c.packets, 2, "SYN and data by 5-tuple");
        NS_TEST_EXPECT_MSG_EQ(c.ipBytes, 60 + 160, "their bytes");
        NS_TEST_EXPECT_MSG_EQ(c.l2Missing, 2, "no L2 size at the core");
        auto u = m->GetUnclassified(core);
        NS_TEST_EXPECT_MSG_EQ(u.packets, 2, "untagged UDP and unregistered TCP");
        NS_TEST_EXPECT_MSG_EQ(u.ipBytes, 60 + 60, "their bytes");
        u = m->GetUnclassified(air);
        NS_TEST_EXPECT_MSG_EQ(u.packets, 2, "junk and a lying extension header");
        NS_TEST_EXPECT_MSG_EQ(u.ipBytes, 10 + 48, "their bytes");
        NS_TEST_EXPECT_MSG_EQ(observations, 18, "one trace per counted share");

        Mip6RunInfo info{3, 2, "none"};
        Mip6CsvTable overhead(Mip6Schema::OverheadColumns());
        m->AppendOverheadRows(overhead, info);
        std::string expected =
            "run,seed,design,mn,point,category,phase,direction,packets,ip_bytes,l2_bytes\n"
            "3,2,none,7,ha-core,data,steady,tx,1,240,NA\n"
            "3,2,none,7,ha-core,data-protection,steady,tx,1,38,NA\n"
            "3,2,none,7,ha-core,mip6,bootstrap,rx,1,96,NA\n"
            "3,2,none,7,ha-core,mip6,steady,tx,1,80,NA\n"
            "3,2,none,7,ha-core,nd,steady,tx,1,64,NA\n"
            "3,2,none,7,ha-core,tunnel,steady,tx,1,40,NA\n"
            "3,2,none,7,local,ike,steady,NA,1,120,NA\n"
            "3,2,none,7,mn-air,data,steady,rx,1,240,240\n"
            "3,2,none,7,mn-air,data-protection,steady,rx,1,38,38\n"
            "3,2,none,7,mn-air,mip6,bootstrap,tx,1,96,134\n"
            "3,2,none,7,mn-air,nd,steady,rx,1,64,102\n"
            "3,2,none,7,mn-air,tunnel,steady,rx,1,40,78\n"
            "3,2,none,8,ha-core,tls,handover,rx,2,220,NA\n"
            "3,2,none,8,ha-core,tls,handover,tx,1,60,NA\n"
            "3,2,none,8,mn-air,nd,handover,rx,1,72,110\n"
            "3,2,none,8,mn-air,nd,handover,tx,1,48,86\n"
            "3,2,none,NA,ha-core,nd,NA,tx,1,64,NA\n";
        NS_TEST_EXPECT_MSG_EQ(overhead.ToString(), expected, "overhead.csv rows, sorted");

        Mip6CsvTable messages(Mip6Schema::MessagesColumns());
        m->AppendMessageRows(messages, info);
        std::string expectedMessages =
            "run,seed,design,t_s,node,point,direction,category,message,ip_bytes,l2_bytes\n"
            "3,2,none,0.500000,ha,ha-core,rx,mip6,BU,96,NA\n"
            "3,2,none,0.500000,mn7,mn-air,tx,mip6,BU,96,134\n"
            "3,2,none,1.500000,ha,ha-core,tx,mip6,BA,80,NA\n"
            "3,2,none,1.500000,mn7,mn-air,rx,nd,NeighborSolicitation-DAD,64,102\n"
            "3,2,none,1.500000,mn8,mn-air,tx,nd,RouterSolicitation,48,86\n"
            "3,2,none,2.000000,ha,ha-core,rx,tls,TCP-SYN,60,NA\n"
            "3,2,none,2.000000,ha,ha-core,tx,tls,TCP-SYN-ACK,60,NA\n"
            "3,2,none,2.000000,ha,ha-core,rx,tls,TCP-data,160,NA\n"
            "3,2,none,3.000000,ha,local,NA,ike,MIGRATE,120,NA\n"
            "3,2,none,4.000000,mn8,mn-air,rx,nd,NeighborAdvertisement,72,110\n"
            "3,2,none,4.000000,ha,ha-core,tx,nd,NeighborSolicitation,64,NA\n"
            "3,2,none,4.000000,ha,ha-core,tx,nd,NeighborSolicitation,64,NA\n";
        NS_TEST_EXPECT_MSG_EQ(messages.ToString(), expectedMessages, "messages.csv rows");

        // A tag that claims more protection than the packet holds is a sender bug: abort.
        std::string err;
        NS_TEST_EXPECT_MSG_EQ(Aborts(
                                  [m]() {
                                      m->RecordIpPacket(
                                          Mip6OverheadMeter::POINT_HA_CORE,
                                          Mip6OverheadMeter::DIRECTION_TX,
                                          "ha",
                                          std::nullopt,
                                          Tagged(MakeIpv6(50, std::vector<uint8_t>(10)),
                                                 Mip6Category::TUNNEL,
                                                 "x",
                                                 1,
                                                 30),
                                          std::nullopt);
                                  },
                                  err),
                              true,
                              "inconsistent tunnel tag aborts");
        NS_TEST_EXPECT_MSG_NE(err.find("30 protection bytes"), std::string::npos, err);
        m->Dispose();
    }
};

/**
 * \ingroup mip6-tests
 * A fragmented tunnelled packet: the fragment headers count as tunnel overhead, the protection
 * bytes are taken once (first fragment), and the data share of the fragments adds up.
 */
class Mip6OverheadFragmentTestCase : public TestCase
{
  public:
    Mip6OverheadFragmentTestCase()
        : TestCase("Overhead meter: fragmented tunnel packet")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Mip6OverheadMeter> m = CreateObject<Mip6OverheadMeter>();
        auto frag = [](uint16_t offsetUnits, bool more, size_t bytes) {
            std::vector<uint8_t> f(8 + bytes, 0);
            f[0] = 50;
            uint16_t v = static_cast<uint16_t>(offsetUnits << 3) | (more ? 1 : 0);
            f[2] = v >> 8;
            f[3] = v & 0xff;
            return Tagged(MakeIpv6(44, f), Mip6Category::TUNNEL, "ESP-tunnel", 5, 60);
        };
        // 1200 + 300 bytes after the fragment headers: 60 protection, 1440 data.
        m->RecordIpPacket("ha-core", "tx", "ha", std::nullopt, frag(0, true, 1200), std::nullopt);
        m->RecordIpPacket("ha-core", "tx", "ha", std::nullopt, frag(150, false, 300), std::nullopt);
        auto t = m->GetCount(5, "ha-core", Mip6Category::TUNNEL, "NA", "tx");
        NS_TEST_EXPECT_MSG_EQ(t.packets, 2, "two fragments");
        NS_TEST_EXPECT_MSG_EQ(t.ipBytes, 2 * 48, "outer + fragment header each");
        auto p = m->GetCount(5, "ha-core", Mip6Category::DATA_PROTECTION, "NA", "tx");
        NS_TEST_EXPECT_MSG_EQ(p.ipBytes, 60, "protection once");
        NS_TEST_EXPECT_MSG_EQ(p.packets, 1, "on the first fragment");
        auto d = m->GetCount(5, "ha-core", Mip6Category::DATA, "NA", "tx");
        NS_TEST_EXPECT_MSG_EQ(d.ipBytes, 1140 + 300, "data of both fragments");
        m->Dispose();
    }
};

/**
 * \ingroup mip6-tests
 * Packet tags set by a sender survive a P2P link, IPv6 forwarding and a WiFi hop, where the meter
 * looks: WifiPhy PhyTxBegin on the MN and the AP (after removing the MAC header, FCS and
 * LLC/SNAP), and Ipv6L3Protocol Tx/Rx at the core node. Also: per-MPDU L2 sizes, phases, the
 * tunnel split on real frames, untagged traffic left unclassified, and tags at the receivers.
 */
class Mip6TagSurvivalTestCase : public TestCase
{
  public:
    Mip6TagSurvivalTestCase()
        : TestCase("Tags survive P2P + forwarding + WiFi; meter counts real frames")
    {
    }

  private:
    uint32_t m_rxAtMn{0};         //!< packets received by the MN
    uint32_t m_rxAtMnTagged{0};   //!< ... with a category tag
    uint32_t m_rxAtCore{0};       //!< packets received by the core node
    uint32_t m_rxAtCoreTagged{0}; //!< ... with a category tag

    /**
     * Receive sink.
     * \param socket the socket
     */
    void Receive(Ptr<Socket> socket)
    {
        Ptr<Packet> p;
        bool atMn = Names::FindName(socket->GetNode()) == "mn";
        while ((p = socket->Recv()))
        {
            Mip6CategoryTag t;
            bool tagged = p->PeekPacketTag(t);
            (atMn ? m_rxAtMn : m_rxAtCore)++;
            if (tagged)
            {
                (atMn ? m_rxAtMnTagged : m_rxAtCoreTagged)++;
            }
        }
    }

    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(3); // 0: core (HA role), 1: AP + router, 2: MN
        Ptr<Node> core = nodes.Get(0);
        Ptr<Node> ap = nodes.Get(1);
        Ptr<Node> mn = nodes.Get(2);
        Names::Add("core", core);
        Names::Add("mn", mn);

        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("2ms"));
        NetDeviceContainer coreLink = p2p.Install(core, ap);

        YansWifiChannelHelper channel = YansWifiChannelHelper::Default();
        YansWifiPhyHelper phy;
        phy.SetChannel(channel.Create());
        WifiHelper wifi;
        wifi.SetStandard(WIFI_STANDARD_80211n);
        WifiMacHelper mac;
        Ssid ssid("mip6-test");
        mac.SetType("ns3::StaWifiMac", "Ssid", SsidValue(ssid));
        NetDeviceContainer staDev = wifi.Install(phy, mac, mn);
        mac.SetType("ns3::ApWifiMac", "Ssid", SsidValue(ssid));
        NetDeviceContainer apDev = wifi.Install(phy, mac, ap);
        wifi.AssignStreams(NetDeviceContainer(staDev, apDev), 100);

        MobilityHelper mobility;
        mobility.SetMobilityModel("ns3::ConstantPositionMobilityModel");
        mobility.Install(nodes);
        mn->GetObject<MobilityModel>()->SetPosition(Vector(5, 0, 0));

        InternetStackHelper internet;
        internet.SetIpv4StackInstall(false);
        internet.Install(nodes);
        Ipv6AddressHelper addr;
        addr.SetBase(Ipv6Address("fd00:1::"), Ipv6Prefix(64));
        Ipv6InterfaceContainer coreIf = addr.Assign(coreLink);
        addr.SetBase(Ipv6Address("fd00:2::"), Ipv6Prefix(64));
        Ipv6InterfaceContainer wifiIf = addr.Assign(NetDeviceContainer(apDev, staDev));
        coreIf.SetForwarding(1, true);
        wifiIf.SetForwarding(0, true);
        coreIf.SetDefaultRouteInAllNodes(1);
        wifiIf.SetDefaultRouteInAllNodes(0);
        Ipv6Address coreAddr = coreIf.GetAddress(0, 1);
        Ipv6Address mnAddr = wifiIf.GetAddress(1, 1);

        uint32_t mnId = mn->GetId();
        Ptr<Mip6OverheadMeter> meter = CreateObject<Mip6OverheadMeter>();
        meter->SetPhaseProvider([](uint32_t, Time now) -> std::string {
            return now < Seconds(2) ? "bootstrap" : "steady";
        });
        meter->AttachWifiMn(mnId, DynamicCast<WifiNetDevice>(staDev.Get(0)));
        meter->AttachWifiAp(DynamicCast<WifiNetDevice>(apDev.Get(0)));
        uint32_t coreIfIndex = core->GetObject<Ipv6>()->GetInterfaceForDevice(coreLink.Get(0));
        meter->AttachHaCore(core, coreIfIndex);
        // A controller link counts only its own category (the HAC→HA protocol).
        Ptr<Mip6OverheadMeter> hacOnly = CreateObject<Mip6OverheadMeter>();
        hacOnly->SetPhaseProvider([](uint32_t, Time) -> std::string { return "bootstrap"; });
        hacOnly->AttachHaCore(core, coreIfIndex, Mip6Category::HAC_HA);

        TypeId udp = UdpSocketFactory::GetTypeId();
        Ptr<Socket> coreSock = Socket::CreateSocket(core, udp);
        coreSock->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), 9));
        coreSock->SetRecvCallback(MakeCallback(&Mip6TagSurvivalTestCase::Receive, this));
        Ptr<Socket> mnSock = Socket::CreateSocket(mn, udp);
        mnSock->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), 9));
        mnSock->SetRecvCallback(MakeCallback(&Mip6TagSurvivalTestCase::Receive, this));

        auto send =
            [](Ptr<Socket> s, Ipv6Address to, uint32_t size, std::optional<Mip6CategoryTag> tag) {
                Ptr<Packet> p = Create<Packet>(size);
                if (tag)
                {
                    p->AddPacketTag(*tag);
                }
                s->SendTo(p, 0, Inet6SocketAddress(to, 9));
            };
        for (int i = 0; i < 3; ++i)
        {
            // Downlink "BA" (IPv6 40 + UDP 8 + 60 = 108 bytes) and uplink "BU" (128 bytes).
            Simulator::Schedule(Seconds(1.0 + 0.01 * i), [=]() {
                send(coreSock, mnAddr, 60, Mip6CategoryTag(Mip6Category::MIP6, "BA", mnId));
            });
            Simulator::Schedule(Seconds(1.2 + 0.01 * i), [=]() {
                send(mnSock, coreAddr, 80, Mip6CategoryTag(Mip6Category::MIP6, "BU", mnId));
            });
        }
        for (int i = 0; i < 2; ++i)
        {
            // Tunnelled payload: 248 bytes, 20 of them protection.
            Simulator::Schedule(Seconds(2.5 + 0.01 * i), [=]() {
                send(coreSock, mnAddr, 200, Mip6CategoryTag(Mip6Category::TUNNEL, "tun", mnId, 20));
            });
        }
        Simulator::Schedule(Seconds(2.7), [=]() { send(mnSock, coreAddr, 200, std::nullopt); });
        Simulator::Schedule(Seconds(1.5), [=]() {
            send(coreSock, mnAddr, 100, Mip6CategoryTag(Mip6Category::HAC_HA, "SA-PUSH", mnId));
        });
        Simulator::Stop(Seconds(4));
        Simulator::Run();

        const std::string air = Mip6OverheadMeter::POINT_MN_AIR;
        const std::string haCore = Mip6OverheadMeter::POINT_HA_CORE;
        // QoS Data MAC header 26 + LLC/SNAP 8 + FCS 4 (802.11-2020 §9.3.2.1, §9.2.4.8).
        const uint64_t l2Overhead = 26 + 8 + 4;

        auto ba = meter->GetCount(mnId, air, Mip6Category::MIP6, "bootstrap", "rx");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(ba.packets, 3, "every BA attempt on air from the AP");
        NS_TEST_EXPECT_MSG_EQ(ba.ipBytes, ba.packets * 108, "IPv6 packet read out of each MPDU");
        NS_TEST_EXPECT_MSG_EQ(ba.l2Bytes, ba.packets * (108 + l2Overhead), "MPDU size");
        NS_TEST_EXPECT_MSG_EQ(ba.l2Missing, 0, "L2 size known on WLAN");
        auto bu = meter->GetCount(mnId, air, Mip6Category::MIP6, "bootstrap", "tx");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(bu.packets, 3, "every BU attempt on air from the MN");
        NS_TEST_EXPECT_MSG_EQ(bu.ipBytes, bu.packets * 128, "uplink IPv6 size");
        NS_TEST_EXPECT_MSG_EQ(bu.l2Bytes, bu.packets * (128 + l2Overhead), "uplink MPDU size");

        auto buCore = meter->GetCount(mnId, haCore, Mip6Category::MIP6, "bootstrap", "rx");
        NS_TEST_EXPECT_MSG_EQ(buCore.packets, 3, "BU tags survived WiFi + forwarding + P2P");
        NS_TEST_EXPECT_MSG_EQ(buCore.ipBytes, 3 * 128, "BU bytes at the core");
        NS_TEST_EXPECT_MSG_EQ(buCore.l2Missing, 3, "no L2 size at the core");
        auto baCore = meter->GetCount(mnId, haCore, Mip6Category::MIP6, "bootstrap", "tx");
        NS_TEST_EXPECT_MSG_EQ(baCore.packets, 3, "BA leaves the core tagged");

        auto hacCore = hacOnly->GetCount(mnId, haCore, Mip6Category::HAC_HA, "bootstrap", "tx");
        NS_TEST_EXPECT_MSG_EQ(hacCore.packets, 1, "the filtered link counts its category");
        NS_TEST_EXPECT_MSG_EQ(hacCore.ipBytes, 148, "IPv6 40 + UDP 8 + 100");
        NS_TEST_EXPECT_MSG_EQ(hacOnly->GetCounts().size(), 1, "and nothing else");
        NS_TEST_EXPECT_MSG_EQ(
            meter->GetCount(mnId, haCore, Mip6Category::HAC_HA, "bootstrap", "tx").packets,
            1,
            "an unfiltered link counts it too");

        auto tun = meter->GetCount(mnId, air, Mip6Category::TUNNEL, "steady", "rx");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(tun.packets, 2, "tunnel frames on air");
        NS_TEST_EXPECT_MSG_EQ(tun.ipBytes, tun.packets * 40, "outer header");
        NS_TEST_EXPECT_MSG_EQ(tun.l2Bytes, tun.packets * (40 + l2Overhead), "with frame overhead");
        auto dp = meter->GetCount(mnId, air, Mip6Category::DATA_PROTECTION, "steady", "rx");
        NS_TEST_EXPECT_MSG_EQ(dp.ipBytes, tun.packets * 20, "protection bytes");
        auto data = meter->GetCount(mnId, air, Mip6Category::DATA, "steady", "rx");
        NS_TEST_EXPECT_MSG_EQ(data.ipBytes, tun.packets * 188, "inner bytes");
        auto tunCore = meter->GetCount(mnId, haCore, Mip6Category::TUNNEL, "steady", "tx");
        NS_TEST_EXPECT_MSG_EQ(tunCore.packets, 2, "tunnel packets at the core");

        uint64_t nd = 0;
        for (const auto& [key, counts] : meter->GetCounts())
        {
            if (key.point == air && key.category == "nd")
            {
                nd += counts.packets;
            }
        }
        NS_TEST_EXPECT_MSG_GT(nd, 0, "ns-3's own NS/NA on the WLAN are nd");

        auto ua = meter->GetUnclassified(air);
        NS_TEST_EXPECT_MSG_GT_OR_EQ(ua.packets, 1, "the untagged UDP packet is unclassified");
        NS_TEST_EXPECT_MSG_EQ(ua.ipBytes, ua.packets * 248, "and nothing else is");
        auto uc = meter->GetUnclassified(haCore);
        NS_TEST_EXPECT_MSG_EQ(uc.packets, 1, "once at the core");

        NS_TEST_EXPECT_MSG_EQ(m_rxAtMn, 6, "MN received 3 BA + 2 tunnel packets + 1 SA-PUSH");
        NS_TEST_EXPECT_MSG_EQ(m_rxAtMnTagged, 6, "all still tagged at the receiver");
        NS_TEST_EXPECT_MSG_EQ(m_rxAtCore, 4, "core received 3 BU + 1 untagged");
        NS_TEST_EXPECT_MSG_EQ(m_rxAtCoreTagged, 3, "the BUs tagged");

        bool sawBuRow = false;
        for (const auto& msg : meter->GetMessages())
        {
            if (msg.message == "BU" && msg.node == "mn" && msg.point == air)
            {
                sawBuRow = true;
                NS_TEST_EXPECT_MSG_EQ(*msg.l2Bytes, 128 + l2Overhead, "messages row sizes");
            }
        }
        NS_TEST_EXPECT_MSG_EQ(sawBuRow, true, "BU listed for messages.csv with the node name");
        bool sawBaRow = false;
        for (const auto& msg : meter->GetMessages())
        {
            if (msg.message == "BA" && msg.point == air)
            {
                sawBaRow = true;
                NS_TEST_EXPECT_MSG_EQ(msg.node, "mn", "downlink rows name the MN, not the AP");
                NS_TEST_EXPECT_MSG_EQ(msg.direction, "rx", "downlink direction");
            }
        }
        NS_TEST_EXPECT_MSG_EQ(sawBaRow, true, "BA listed for messages.csv");

        meter->Dispose();
        Simulator::Destroy();
        Names::Clear();
    }
};

/**
 * \ingroup mip6-tests
 * With A-MSDU aggregation on, ns-3.37 drops the senders' packet tags (WifiMpdu::Aggregate builds
 * a new packet): the meter sees A-MSDUs, parses their subframes, and the MSDUs are unclassified.
 * This is why AbortOnAmsdu defaults to true.
 */
class Mip6AmsduTestCase : public TestCase
{
  public:
    Mip6AmsduTestCase()
        : TestCase("A-MSDU: subframes parsed, tags lost (why AbortOnAmsdu is on)")
    {
    }

  private:
    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(2); // 0: AP, 1: MN
        YansWifiChannelHelper channel = YansWifiChannelHelper::Default();
        YansWifiPhyHelper phy;
        phy.SetChannel(channel.Create());
        WifiHelper wifi;
        wifi.SetStandard(WIFI_STANDARD_80211n);
        WifiMacHelper mac;
        Ssid ssid("mip6-amsdu");
        mac.SetType("ns3::StaWifiMac",
                    "Ssid",
                    SsidValue(ssid),
                    "BE_MaxAmsduSize",
                    UintegerValue(7935));
        NetDeviceContainer staDev = wifi.Install(phy, mac, nodes.Get(1));
        mac.SetType("ns3::ApWifiMac",
                    "Ssid",
                    SsidValue(ssid),
                    "BE_MaxAmsduSize",
                    UintegerValue(7935));
        NetDeviceContainer apDev = wifi.Install(phy, mac, nodes.Get(0));
        wifi.AssignStreams(NetDeviceContainer(staDev, apDev), 100);
        MobilityHelper mobility;
        mobility.SetMobilityModel("ns3::ConstantPositionMobilityModel");
        mobility.Install(nodes);
        InternetStackHelper internet;
        internet.SetIpv4StackInstall(false);
        internet.Install(nodes);
        Ipv6AddressHelper addr;
        addr.SetBase(Ipv6Address("fd00:3::"), Ipv6Prefix(64));
        Ipv6InterfaceContainer ifs = addr.Assign(NetDeviceContainer(apDev, staDev));

        uint32_t mnId = nodes.Get(1)->GetId();
        Ptr<Mip6OverheadMeter> meter = CreateObject<Mip6OverheadMeter>();
        meter->SetAttribute("AbortOnAmsdu", BooleanValue(false));
        meter->AttachWifiMn(mnId, DynamicCast<WifiNetDevice>(staDev.Get(0)));

        Ptr<Socket> apSock = Socket::CreateSocket(nodes.Get(0), UdpSocketFactory::GetTypeId());
        apSock->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), 9));
        Ptr<Socket> s = Socket::CreateSocket(nodes.Get(1), UdpSocketFactory::GetTypeId());
        Ipv6Address to = ifs.GetAddress(0, 1);
        // Warm up address resolution, then a burst that queues behind one channel access.
        Simulator::Schedule(Seconds(1), [s, to, mnId]() {
            Ptr<Packet> p = Create<Packet>(10);
            p->AddPacketTag(Mip6CategoryTag(Mip6Category::MIP6, "warm-up", mnId));
            s->SendTo(p, 0, Inet6SocketAddress(to, 9));
        });
        Simulator::Schedule(Seconds(1.5), [s, to, mnId]() {
            for (int i = 0; i < 8; ++i)
            {
                Ptr<Packet> p = Create<Packet>(100);
                p->AddPacketTag(Mip6CategoryTag(Mip6Category::MIP6, "BU", mnId));
                s->SendTo(p, 0, Inet6SocketAddress(to, 9));
            }
        });
        Simulator::Stop(Seconds(2.5));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_GT(meter->GetAmsduFrames(), 0, "the burst was sent as A-MSDU(s)");
        auto u = meter->GetUnclassified(Mip6OverheadMeter::POINT_MN_AIR);
        NS_TEST_EXPECT_MSG_GT(u.packets, 0, "aggregated MSDUs arrive without tags");
        // 40 + 8 + 100 bytes: each subframe was parsed down to its IPv6 packet.
        NS_TEST_EXPECT_MSG_EQ(u.ipBytes,
                              u.packets * 148,
                              "each subframe parsed to its IPv6 packet");
        auto warm =
            meter->GetCount(mnId, Mip6OverheadMeter::POINT_MN_AIR, Mip6Category::MIP6, "NA", "tx");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(warm.packets, 1, "a lone MSDU keeps its tag");
        meter->Dispose();
        Simulator::Destroy();
    }
};

/**
 * \ingroup mip6-tests
 * Periodic snapshots plus one at the end, summed providers, registered MNs with zeros, `all`.
 */
class Mip6StateMeterTestCase : public TestCase
{
  public:
    Mip6StateMeterTestCase()
        : TestCase("State meter: snapshots, sums, all row, state.csv")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Mip6StateMeter> s = CreateObject<Mip6StateMeter>();
        s->AddMn(3);
        s->AddMn(1);
        // Binding cache: one binding per MN 1 and 2 from t = 1.5 s.
        s->AddProvider([]() {
            std::map<uint32_t, Mip6StateCounts> m;
            if (Simulator::Now() >= Seconds(1.5))
            {
                m[1].bindings = 1;
                m[2].bindings = 1;
            }
            return m;
        });
        // Security side: SAs and key bytes for MN 1, growing with time.
        s->AddProvider([]() {
            std::map<uint32_t, Mip6StateCounts> m;
            auto secs = static_cast<uint64_t>(Simulator::Now().GetSeconds());
            m[1].saCount = 2 * secs;
            m[1].keyBytes = 36 * secs;
            m[1].stateBytes = 100 * secs;
            return m;
        });
        uint32_t snapshots = 0;
        s->TraceConnectWithoutContext("Snapshot",
                                      MakeBoundCallback(
                                          +[](uint32_t* n, Time, const Mip6StateCounts&) { ++*n; },
                                          &snapshots));
        s->Start();
        Simulator::Stop(Seconds(2.5));
        Simulator::Run();
        s->Finish();
        s->Finish(); // a second call at the same instant adds nothing
        Simulator::Destroy();

        NS_TEST_EXPECT_MSG_EQ(snapshots, 3, "t = 1, 2 and the end at 2.5");
        Mip6CsvTable t(Mip6Schema::StateColumns());
        s->AppendRows(t, Mip6RunInfo{1, 1, "ipsec-manual"});
        std::string expected =
            "run,seed,design,t_s,mn,bindings,sa_count,spd_entries,ike_sas,hac_records,key_bytes,"
            "state_bytes\n"
            "1,1,ipsec-manual,1.000000,1,0,2,0,0,0,36,100\n"
            "1,1,ipsec-manual,1.000000,3,0,0,0,0,0,0,0\n"
            "1,1,ipsec-manual,1.000000,all,0,2,0,0,0,36,100\n"
            "1,1,ipsec-manual,2.000000,1,1,4,0,0,0,72,200\n"
            "1,1,ipsec-manual,2.000000,2,1,0,0,0,0,0,0\n"
            "1,1,ipsec-manual,2.000000,3,0,0,0,0,0,0,0\n"
            "1,1,ipsec-manual,2.000000,all,2,4,0,0,0,72,200\n"
            "1,1,ipsec-manual,2.500000,1,1,4,0,0,0,72,200\n"
            "1,1,ipsec-manual,2.500000,2,1,0,0,0,0,0,0\n"
            "1,1,ipsec-manual,2.500000,3,0,0,0,0,0,0,0\n"
            "1,1,ipsec-manual,2.500000,all,2,4,0,0,0,72,200\n";
        NS_TEST_EXPECT_MSG_EQ(t.ToString(), expected, "state.csv rows");
        s->Dispose();
    }
};

/**
 * \ingroup mip6-tests
 * The mip6-metrics suite.
 */
class Mip6MetricsTestSuite : public TestSuite
{
  public:
    Mip6MetricsTestSuite()
        : TestSuite("mip6-metrics", UNIT)
    {
        AddTestCase(new Mip6SchemaTestCase, TestCase::QUICK);
        AddTestCase(new Mip6FormatTestCase, TestCase::QUICK);
        AddTestCase(new Mip6CsvTableTestCase, TestCase::QUICK);
        AddTestCase(new Mip6ManifestTestCase, TestCase::QUICK);
        AddTestCase(new Mip6CategoryTagTestCase, TestCase::QUICK);
        AddTestCase(new Mip6OverheadClassifyTestCase, TestCase::QUICK);
        AddTestCase(new Mip6OverheadFragmentTestCase, TestCase::QUICK);
        AddTestCase(new Mip6TagSurvivalTestCase, TestCase::QUICK);
        AddTestCase(new Mip6AmsduTestCase, TestCase::QUICK);
        AddTestCase(new Mip6StateMeterTestCase, TestCase::QUICK);
    }
};

/// The suite instance.
static Mip6MetricsTestSuite g_metricsTestSuite;

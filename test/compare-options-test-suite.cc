/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * mip6-compare-options: the mip6-compare command line (DESIGN.md §1 grammar): defaults, designs,
 * config file and precedence, every error path, and ns-3 attribute overrides.
 */

#include "ns3/config.h"
#include "ns3/integer.h"
#include "ns3/mip6-compare-options.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/type-id.h"
#include "ns3/uinteger.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <unistd.h>

using namespace ns3;

namespace
{
/// Action alias.
using Action = Mip6CompareParseResult::Action;

/// A stand-in registry: ids and their keys with allowed values, as the lead's factory checks them.
bool
Validate(const std::string& name, std::string& error)
{
    static const std::map<std::string, std::map<std::string, std::set<std::string>>> designs = {
        {"none", {}},
        {"ipsec-ikev2", {{"k", {"0", "1"}}, {"dh", {"14", "19", "31"}}}},
        {"authopt", {}}};
    std::string id = name.substr(0, name.find(':'));
    auto d = designs.find(id);
    if (d == designs.end())
    {
        error = "unknown design id '" + id + "'";
        return false;
    }
    if (name.size() > id.size())
    {
        std::string rest = name.substr(id.size() + 1) + ",";
        size_t pos = 0;
        while (pos < rest.size())
        {
            size_t comma = rest.find(',', pos);
            std::string kv = rest.substr(pos, comma - pos);
            size_t eq = kv.find('=');
            std::string key = kv.substr(0, eq);
            auto k = d->second.find(key);
            if (eq == std::string::npos || k == d->second.end())
            {
                error = "design '" + id + "' has no key '" + key + "'";
                return false;
            }
            if (!k->second.count(kv.substr(eq + 1)))
            {
                error = "bad value for key '" + key + "'";
                return false;
            }
            pos = comma + 1;
        }
    }
    return true;
}

/**
 * \param args arguments
 * \return the parse result with the stand-in validator
 */
Mip6CompareParseResult
Parse(const std::vector<std::string>& args)
{
    return Mip6ParseCompareOptions(args, Validate);
}
} // namespace

/**
 * \ingroup mip6-tests
 * The options of mip6-mcoa: its own defaults and options, mip6-compare's AP row refused.
 */
class Mip6McoaOptionsTestCase : public TestCase
{
  public:
    Mip6McoaOptionsTestCase()
        : TestCase("mip6-mcoa: defaults, --cellular, --wlan-outages, --cell-attach, no AP row")
    {
    }

  private:
    void DoRun() override
    {
        auto parse = [](const std::vector<std::string>& args) {
            return Mip6ParseCompareOptions(args, Validate, "mip6-mcoa");
        };
        auto r = parse({});
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(r.action), static_cast<int>(Action::RUN), r.text);
        NS_TEST_EXPECT_MSG_EQ(r.options.program, "mip6-mcoa", "program");
        NS_TEST_EXPECT_MSG_EQ(r.options.simTimeS, 45, "sim-time");
        NS_TEST_EXPECT_MSG_EQ(r.options.cellular, "abstract", "cellular");
        NS_TEST_EXPECT_MSG_EQ(r.options.wlanOutages, "10s:5s,22s:5s,34s:5s", "wlan-outages");
        NS_TEST_EXPECT_MSG_EQ(r.options.cellAttachS, 3, "cell-attach");
        auto m = r.options.ToParameterMap();
        NS_TEST_EXPECT_MSG_EQ(m.count("aps"), 0, "no aps in the manifest");
        NS_TEST_EXPECT_MSG_EQ(m["wlan-outages"], "10s:5s,22s:5s,34s:5s", "outages in the manifest");
        NS_TEST_EXPECT_MSG_EQ(m["cellular"], "abstract", "cellular in the manifest");

        r = parse({"--cellular", "lte", "--wlan-outages", "5s:1s", "--cell-attach", "0.5"});
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(r.action), static_cast<int>(Action::RUN), r.text);
        NS_TEST_EXPECT_MSG_EQ(r.options.cellular, "lte", "lte");
        NS_TEST_EXPECT_MSG_EQ(r.options.wlanOutages, "5s:1s", "outages");
        NS_TEST_EXPECT_MSG_EQ(r.options.cellAttachS, 0.5, "attach");

        for (const std::vector<std::string>& bad : std::vector<std::vector<std::string>>{
                 {"--cellular", "wifi"},
                 {"--wlan-outages", "5s"},
                 {"--wlan-outages", "5s:1s,5500ms:1s"},
                 {"--cell-attach", "6", "--wlan-outages", "5s:1s"},
                 {"--aps", "2"},
                 {"--ap-spacing", "10"},
                 {"--speed", "1"},
                 {"--runs", "2"}})
        {
            r = parse(bad);
            NS_TEST_EXPECT_MSG_EQ(static_cast<int>(r.action),
                                  static_cast<int>(Action::ERROR),
                                  bad[0] << " " << bad[1]);
            NS_TEST_EXPECT_MSG_EQ(r.text.rfind("mip6-mcoa: ", 0), 0, "named: " << r.text);
        }
        // mip6-compare has none of them.
        r = Parse({"--cellular", "lte"});
        NS_TEST_EXPECT_MSG_EQ(static_cast<int>(r.action),
                              static_cast<int>(Action::ERROR),
                              "--cellular is mip6-mcoa's");
        NS_TEST_EXPECT_MSG_EQ(Mip6CompareHelpText("mip6-mcoa").find("--aps"),
                              std::string::npos,
                              "no --aps in mip6-mcoa's help");
        NS_TEST_EXPECT_MSG_NE(Mip6CompareHelpText("mip6-mcoa").find("--wlan-outages"),
                              std::string::npos,
                              "--wlan-outages in mip6-mcoa's help");
    }
};

/**
 * \ingroup mip6-tests
 * Defaults and a full command line.
 */
class Mip6CompareOptionsValuesTestCase : public TestCase
{
  public:
    Mip6CompareOptionsValuesTestCase()
        : TestCase("mip6-compare: defaults, designs, every option's value")
    {
    }

  private:
    void DoRun() override
    {
        auto r = Parse({});
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(r.action), static_cast<int>(Action::RUN), r.text);
        NS_TEST_EXPECT_MSG_EQ(r.ExitCode(), 0, "exit 0");
        const Mip6CompareOptions& d = r.options;
        NS_TEST_EXPECT_MSG_EQ(d.designs.size(), 1, "default designs");
        NS_TEST_EXPECT_MSG_EQ(d.designs[0], "all", "default is all");
        NS_TEST_EXPECT_MSG_EQ(d.output, "results/", "output");
        NS_TEST_EXPECT_MSG_EQ(d.seed, 1, "seed");
        NS_TEST_EXPECT_MSG_EQ(d.run, 1, "run");
        NS_TEST_EXPECT_MSG_EQ(d.simTimeS, 60, "sim-time");
        NS_TEST_EXPECT_MSG_EQ(d.pcap, false, "pcap");
        NS_TEST_EXPECT_MSG_EQ(d.aps, 4, "aps");
        NS_TEST_EXPECT_MSG_EQ(d.apSpacingM, 80, "ap-spacing");
        NS_TEST_EXPECT_MSG_EQ(d.speedMps, 5, "speed");
        NS_TEST_EXPECT_MSG_EQ(d.probeRatePps, 100, "probe-rate");
        NS_TEST_EXPECT_MSG_EQ(d.probeSizeBytes, 200, "probe-size");
        NS_TEST_EXPECT_MSG_EQ(d.haArDelayMs, 2, "ha-ar-delay");
        NS_TEST_EXPECT_MSG_EQ(d.cnHaDelayMs, 10, "cn-ha-delay");
        NS_TEST_EXPECT_MSG_EQ(d.maxMissedBeacons, 10, "max-missed-beacons");
        NS_TEST_EXPECT_MSG_EQ(d.activeProbing, false, "active-probing");
        NS_TEST_EXPECT_MSG_EQ(d.raMinIntervalMs, 30, "ra-min-interval");
        NS_TEST_EXPECT_MSG_EQ(d.raMaxIntervalMs, 70, "ra-max-interval");
        NS_TEST_EXPECT_MSG_EQ(d.dadWait, "optimistic", "dad-wait");
        NS_TEST_EXPECT_MSG_EQ(d.attributes.size(), 0, "no overrides");

        r = Parse({"--designs", "none", "ipsec-ikev2:k=0", "--seed", "7"});
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(r.action), static_cast<int>(Action::RUN), r.text);
        NS_TEST_EXPECT_MSG_EQ(r.options.designs.size(), 2, "two names");
        NS_TEST_EXPECT_MSG_EQ(r.options.designs[0], "none", "first");
        NS_TEST_EXPECT_MSG_EQ(r.options.designs[1], "ipsec-ikev2:k=0", "second");
        NS_TEST_EXPECT_MSG_EQ(r.options.seed, 7, "seed after the designs");

        r = Parse({"--designs=ipsec-ikev2:dh=19,k=0",
                   "--output",
                   "out dir",
                   "--run=12345678901",
                   "--sim-time",
                   "12.5",
                   "--pcap",
                   "--aps",
                   "6",
                   "--ap-spacing",
                   "55.5",
                   "--speed",
                   "0",
                   "--probe-rate",
                   "50",
                   "--probe-size",
                   "1200",
                   "--ha-ar-delay",
                   "0.5",
                   "--cn-ha-delay",
                   "25",
                   "--max-missed-beacons",
                   "3",
                   "--active-probing",
                   "--ra-min-interval",
                   "100",
                   "--ra-max-interval",
                   "300",
                   "--dad-wait",
                   "rfc4862"});
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(r.action), static_cast<int>(Action::RUN), r.text);
        const Mip6CompareOptions& o = r.options;
        NS_TEST_EXPECT_MSG_EQ(o.designs.size(), 1, "one design with two keys");
        NS_TEST_EXPECT_MSG_EQ(o.designs[0], "ipsec-ikev2:dh=19,k=0", "its name");
        NS_TEST_EXPECT_MSG_EQ(o.output, "out dir", "output");
        NS_TEST_EXPECT_MSG_EQ(o.run, 12345678901ULL, "64-bit run");
        NS_TEST_EXPECT_MSG_EQ(o.simTimeS, 12.5, "sim-time");
        NS_TEST_EXPECT_MSG_EQ(o.pcap, true, "pcap flag");
        NS_TEST_EXPECT_MSG_EQ(o.aps, 6, "aps");
        NS_TEST_EXPECT_MSG_EQ(o.apSpacingM, 55.5, "ap-spacing");
        NS_TEST_EXPECT_MSG_EQ(o.speedMps, 0, "speed 0 allowed");
        NS_TEST_EXPECT_MSG_EQ(o.probeRatePps, 50, "probe-rate");
        NS_TEST_EXPECT_MSG_EQ(o.probeSizeBytes, 1200, "probe-size");
        NS_TEST_EXPECT_MSG_EQ(o.haArDelayMs, 0.5, "ha-ar-delay");
        NS_TEST_EXPECT_MSG_EQ(o.cnHaDelayMs, 25, "cn-ha-delay");
        NS_TEST_EXPECT_MSG_EQ(o.maxMissedBeacons, 3, "max-missed-beacons");
        NS_TEST_EXPECT_MSG_EQ(o.activeProbing, true, "active-probing flag");
        NS_TEST_EXPECT_MSG_EQ(o.raMinIntervalMs, 100, "ra-min-interval");
        NS_TEST_EXPECT_MSG_EQ(o.raMaxIntervalMs, 300, "ra-max-interval");
        NS_TEST_EXPECT_MSG_EQ(o.dadWait, "rfc4862", "dad-wait");

        auto params = o.ToParameterMap();
        NS_TEST_EXPECT_MSG_EQ(params.size(), 20, "every option in the manifest map");
        NS_TEST_EXPECT_MSG_EQ(params["processing-profile"], "none", "processing-profile default");
        NS_TEST_EXPECT_MSG_EQ(params["designs"], "ipsec-ikev2:dh=19,k=0", "designs");
        NS_TEST_EXPECT_MSG_EQ(params["ap-spacing"], "55.5", "ap-spacing text");
        NS_TEST_EXPECT_MSG_EQ(params["run"], "12345678901", "run text");
        NS_TEST_EXPECT_MSG_EQ(o.runs, 1, "one run by default");
        NS_TEST_EXPECT_MSG_EQ(params.count("runs"), 0, "runs 1: not in the manifest (as before)");

        r = Parse({"--runs", "3", "--run", "18446744073709551613"});
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(r.action), static_cast<int>(Action::RUN), r.text);
        NS_TEST_EXPECT_MSG_EQ(r.options.runs, 3, "--runs");
        params = r.options.ToParameterMap();
        NS_TEST_EXPECT_MSG_EQ(params["runs"], "3", "runs in the manifest");
        NS_TEST_EXPECT_MSG_EQ(params.size(), 21, "runs and every other option");

        r = Parse({"--pcap=false", "--active-probing=1"});
        NS_TEST_EXPECT_MSG_EQ(r.options.pcap, false, "explicit false");
        NS_TEST_EXPECT_MSG_EQ(r.options.activeProbing, true, "explicit 1");

        r = Parse({"--help"});
        NS_TEST_EXPECT_MSG_EQ(static_cast<int>(r.action), static_cast<int>(Action::HELP), "help");
        NS_TEST_EXPECT_MSG_EQ(r.ExitCode(), 0, "help exits 0");
        NS_TEST_EXPECT_MSG_NE(r.text.find("--designs"), std::string::npos, "help lists options");
        NS_TEST_EXPECT_MSG_NE(r.text.find("--ns3::"), std::string::npos, "and overrides");
        NS_TEST_EXPECT_MSG_EQ(r.text, Mip6CompareHelpText(), "the help text");

        r = Parse({"--list-designs"});
        NS_TEST_EXPECT_MSG_EQ(static_cast<int>(r.action),
                              static_cast<int>(Action::LIST_DESIGNS),
                              "list-designs");
        NS_TEST_EXPECT_MSG_EQ(r.ExitCode(), 0, "exits 0");

        // --dry-run: the options are checked as for a run and kept; a bad one is still an error.
        r = Parse({"--dry-run", "--aps", "2", "--designs", "none"});
        NS_TEST_EXPECT_MSG_EQ(static_cast<int>(r.action),
                              static_cast<int>(Action::DRY_RUN),
                              "dry-run");
        NS_TEST_EXPECT_MSG_EQ(r.ExitCode(), 0, "dry-run exits 0");
        NS_TEST_EXPECT_MSG_EQ(r.options.aps, 2, "dry-run keeps the options");
        r = Parse({"--dry-run", "--aps", "0"});
        NS_TEST_EXPECT_MSG_EQ(static_cast<int>(r.action),
                              static_cast<int>(Action::ERROR),
                              "dry-run with a bad value");

        // The parse function reports; only Mip6ApplyAttributeOverrides changes defaults.
        TypeId tid = TypeId::LookupByName("ns3::TcpSocket");
        TypeId::AttributeInformation info;
        tid.LookupAttributeByName("SegmentSize", &info);
        std::string before = info.initialValue->SerializeToString(info.checker);
        r = Parse({"--ns3::TcpSocket::SegmentSize=1400", "--aps", "2"});
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(r.action), static_cast<int>(Action::RUN), r.text);
        NS_TEST_EXPECT_MSG_EQ(r.options.attributes.size(), 1, "one override");
        NS_TEST_EXPECT_MSG_EQ(r.options.attributes["ns3::TcpSocket::SegmentSize"], "1400", "value");
        NS_TEST_EXPECT_MSG_EQ(r.options.aps, 2, "other options still parsed");
        tid.LookupAttributeByName("SegmentSize", &info);
        NS_TEST_EXPECT_MSG_EQ(info.initialValue->SerializeToString(info.checker),
                              before,
                              "parsing changed no default");
        std::string err;
        NS_TEST_EXPECT_MSG_EQ(Mip6ApplyAttributeOverrides(r.options, err), true, err);
        tid.LookupAttributeByName("SegmentSize", &info);
        NS_TEST_EXPECT_MSG_EQ(info.initialValue->SerializeToString(info.checker),
                              "1400",
                              "applied");
        Config::SetDefault("ns3::TcpSocket::SegmentSize", StringValue(before));
    }
};

/**
 * \ingroup mip6-tests
 * Every error exits 2 with a message naming the culprit.
 */
class Mip6CompareOptionsErrorsTestCase : public TestCase
{
  public:
    Mip6CompareOptionsErrorsTestCase()
        : TestCase("mip6-compare: errors exit 2 with a clear message")
    {
    }

  private:
    /**
     * Expects an error mentioning `needle`.
     * \param args arguments
     * \param needle text the message must contain
     */
    void ExpectError(const std::vector<std::string>& args, const std::string& needle)
    {
        std::string line;
        for (const auto& a : args)
        {
            line += a + " ";
        }
        auto r = Parse(args);
        NS_TEST_EXPECT_MSG_EQ(static_cast<int>(r.action),
                              static_cast<int>(Action::ERROR),
                              "'" << line << "' must fail");
        NS_TEST_EXPECT_MSG_EQ(r.ExitCode(), 2, "exit 2 for '" << line << "'");
        NS_TEST_EXPECT_MSG_NE(r.text.find(needle),
                              std::string::npos,
                              "message for '" << line << "' names '" << needle << "': " << r.text);
        NS_TEST_EXPECT_MSG_EQ(r.text.rfind("mip6-compare: ", 0), 0, "prefixed: " << r.text);
    }

    void DoRun() override
    {
        ExpectError({"--bogus"}, "--bogus");
        ExpectError({"--runs", "0"}, "--runs");
        ExpectError({"--runs", "x"}, "--runs");
        ExpectError({"--runs", "-2"}, "--runs");
        ExpectError({"--runs", "10001"}, "--runs");
        ExpectError({"--run", "18446744073709551615", "--runs", "2"}, "overflows");
        ExpectError({"--sim", "5"}, "--sim"); // no prefix guessing
        ExpectError({"stray"}, "stray");
        ExpectError({"--seed", "1", "--seed", "2"}, "seed");
        ExpectError({"--designs"}, "designs");
        ExpectError({"--designs", "nonesuch"}, "unknown design id 'nonesuch'");
        ExpectError({"--designs", "ipsec-ikev2:q=1"}, "no key 'q'");
        ExpectError({"--designs", "ipsec-ikev2:k=2"}, "bad value for key 'k'");
        ExpectError({"--designs", "none", "none"}, "listed twice");
        ExpectError({"--designs", "all", "none"}, "'all' cannot be combined");
        ExpectError({"--aps", "0"}, "--aps");
        ExpectError({"--aps", "x"}, "'x' is not an unsigned integer");
        ExpectError({"--aps=-1"}, "'-1'");
        ExpectError({"--aps", "4.5"}, "'4.5'");
        ExpectError({"--seed", "0"}, "--seed");
        ExpectError({"--seed", "4294967296"}, "--seed");
        ExpectError({"--run", "1e3"}, "--run");
        ExpectError({"--sim-time", "0"}, "--sim-time");
        ExpectError({"--sim-time", "nan"}, "finite");
        ExpectError({"--sim-time", "inf"}, "finite");
        ExpectError({"--sim-time", "1,5"}, "'1,5'");
        ExpectError({"--speed=-1"}, "--speed");
        ExpectError({"--ap-spacing", "0"}, "--ap-spacing");
        ExpectError({"--probe-rate", "0"}, "--probe-rate");
        ExpectError({"--probe-size", "11"}, "--probe-size");
        ExpectError({"--probe-size", "65528"}, "--probe-size");
        ExpectError({"--ha-ar-delay=-0.1"}, "--ha-ar-delay");
        ExpectError({"--cn-ha-delay", "ten"}, "--cn-ha-delay");
        ExpectError({"--max-missed-beacons", "0"}, "--max-missed-beacons");
        ExpectError({"--ra-max-interval", "20"}, "below --ra-min-interval");
        ExpectError({"--ra-min-interval", "0"}, "--ra-min-interval");
        ExpectError({"--dad-wait", "maybe"}, "optimistic, rfc4862");
        ExpectError({"--pcap=maybe"}, "--pcap");
        ExpectError({"--output="}, "--output");
        ExpectError({"--config", "/nonexistent/mip6.cfg"}, "/nonexistent/mip6.cfg");
        ExpectError({"--config", std::filesystem::temp_directory_path().string()},
                    "is a directory");
        ExpectError({"--ns3::NoSuchType::Foo=1"}, "unknown ns-3 type 'ns3::NoSuchType'");
        ExpectError({"--ns3::TcpSocket::NoSuchAttr=1"}, "no attribute 'NoSuchAttr'");
        ExpectError({"--ns3::TcpSocket::SegmentSize=big"}, "'big' is not a valid");
        ExpectError({"--ns3::TcpSocket::SegmentSize"}, "needs a value");
        ExpectError({"--ns3::TcpSocket=1"}, "ns3::Type::Attribute");
    }
};

/**
 * \ingroup mip6-tests
 * --config: values apply, the command line overrides them, errors in the file are reported.
 */
class Mip6CompareOptionsConfigTestCase : public TestCase
{
  public:
    Mip6CompareOptionsConfigTestCase()
        : TestCase("mip6-compare: config file applies, command line wins")
    {
    }

  private:
    /**
     * \param path file
     * \param text content
     */
    static void Write(const std::string& path, const std::string& text)
    {
        std::ofstream out(path);
        out << text;
    }

    void DoRun() override
    {
        std::string dir = (std::filesystem::temp_directory_path() /
                           ("mip6-compare-options-" + std::to_string(getpid())))
                              .string();
        std::filesystem::create_directories(dir);
        std::string cfg = dir + "/study.cfg";
        Write(cfg,
              "# a study\n"
              "seed = 7\n"
              "aps = 6\n"
              "designs = none authopt\n"
              "pcap = true\n"
              "speed = 2.5\n"
              "ns3::TcpSocket::SegmentSize = 1220\n"
              "ns3::TcpSocket::DelAckCount = 1\n");

        auto r = Parse({"--config", cfg});
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(r.action), static_cast<int>(Action::RUN), r.text);
        NS_TEST_EXPECT_MSG_EQ(r.options.configFile, cfg, "config file recorded");
        NS_TEST_EXPECT_MSG_EQ(r.options.seed, 7, "seed from file");
        NS_TEST_EXPECT_MSG_EQ(r.options.aps, 6, "aps from file");
        NS_TEST_EXPECT_MSG_EQ(r.options.pcap, true, "pcap from file");
        NS_TEST_EXPECT_MSG_EQ(r.options.speedMps, 2.5, "speed from file");
        NS_TEST_EXPECT_MSG_EQ(r.options.designs.size(), 2, "designs split from one line");
        NS_TEST_EXPECT_MSG_EQ(r.options.designs[1], "authopt", "second design");
        NS_TEST_EXPECT_MSG_EQ(r.options.attributes["ns3::TcpSocket::SegmentSize"], "1220", "attr");
        NS_TEST_EXPECT_MSG_EQ(r.options.attributes["ns3::TcpSocket::DelAckCount"], "1", "attr 2");
        NS_TEST_EXPECT_MSG_EQ(r.options.simTimeS, 60, "not in the file: default");

        // The command line wins over the file, for options and for attribute overrides.
        r = Parse({"--seed",
                   "9",
                   "--designs",
                   "ipsec-ikev2",
                   "--config",
                   cfg,
                   "--ns3::TcpSocket::SegmentSize=1400"});
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(r.action), static_cast<int>(Action::RUN), r.text);
        NS_TEST_EXPECT_MSG_EQ(r.options.seed, 9, "command line seed wins");
        NS_TEST_EXPECT_MSG_EQ(r.options.aps, 6, "file still applies elsewhere");
        NS_TEST_EXPECT_MSG_EQ(r.options.designs.size(), 1, "command line designs win");
        NS_TEST_EXPECT_MSG_EQ(r.options.designs[0], "ipsec-ikev2", "its name");
        NS_TEST_EXPECT_MSG_EQ(r.options.attributes["ns3::TcpSocket::SegmentSize"],
                              "1400",
                              "command line override wins");
        NS_TEST_EXPECT_MSG_EQ(r.options.attributes["ns3::TcpSocket::DelAckCount"],
                              "1",
                              "file override kept");

        // Errors inside the file.
        std::string bad = dir + "/bad.cfg";
        Write(bad, "aps = 4\nbogus-option = 1\n");
        r = Parse({"--config", bad});
        NS_TEST_EXPECT_MSG_EQ(r.ExitCode(), 2, "unknown option in file");
        NS_TEST_EXPECT_MSG_NE(r.text.find("bogus-option"), std::string::npos, r.text);
        Write(bad, "config = other.cfg\n");
        r = Parse({"--config", bad});
        NS_TEST_EXPECT_MSG_EQ(r.ExitCode(), 2, "no nested config");
        NS_TEST_EXPECT_MSG_NE(r.text.find("'config'"), std::string::npos, r.text);
        Write(bad, "aps = many\n");
        r = Parse({"--config", bad});
        NS_TEST_EXPECT_MSG_EQ(r.ExitCode(), 2, "bad value in file");
        NS_TEST_EXPECT_MSG_NE(r.text.find("'many'"), std::string::npos, r.text);
        Write(bad, "designs = none frobnicate\n");
        r = Parse({"--config", bad});
        NS_TEST_EXPECT_MSG_EQ(r.ExitCode(), 2, "unknown design in file");
        NS_TEST_EXPECT_MSG_NE(r.text.find("'frobnicate'"), std::string::npos, r.text);
        Write(bad, "ns3::TcpSocket::SegmentSize = lots\n");
        r = Parse({"--config", bad});
        NS_TEST_EXPECT_MSG_EQ(r.ExitCode(), 2, "bad attribute value in file");
        NS_TEST_EXPECT_MSG_NE(r.text.find(bad), std::string::npos, "names the file: " << r.text);
        Write(bad, "[section]\naps = 3\n");
        r = Parse({"--config", bad});
        NS_TEST_EXPECT_MSG_EQ(r.ExitCode(), 2, "sections are not options");
        NS_TEST_EXPECT_MSG_NE(r.text.find("section.aps"), std::string::npos, r.text);
        Write(bad, "help = 1\n");
        r = Parse({"--config", bad});
        NS_TEST_EXPECT_MSG_EQ(r.ExitCode(), 2, "help is command-line only");
        std::filesystem::remove_all(dir);
    }
};

/**
 * \ingroup mip6-tests
 * The mip6-compare-options suite.
 */
class Mip6CompareOptionsTestSuite : public TestSuite
{
  public:
    Mip6CompareOptionsTestSuite()
        : TestSuite("mip6-compare-options", UNIT)
    {
        AddTestCase(new Mip6CompareOptionsValuesTestCase, TestCase::QUICK);
        AddTestCase(new Mip6CompareOptionsErrorsTestCase, TestCase::QUICK);
        AddTestCase(new Mip6CompareOptionsConfigTestCase, TestCase::QUICK);
        AddTestCase(new Mip6McoaOptionsTestCase, TestCase::QUICK);
    }
};

/// The suite instance.
static Mip6CompareOptionsTestSuite g_compareOptionsTestSuite;

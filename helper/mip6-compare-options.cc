/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-compare-options.h"

#include "ns3/config.h"
#include "ns3/log.h"
#include "ns3/mip6-outage-error-model.h"
#include "ns3/mip6-processing-delay.h"
#include "ns3/ptr.h"
#include "ns3/string.h"
#include "ns3/type-id.h"

#include <boost/program_options.hpp>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6CompareOptions");

namespace po = boost::program_options;

namespace
{
/// The program whose options are the multi-access scenario's.
const std::string MCOA_PROGRAM = "mip6-mcoa";
/// Prefix of ns-3 attribute override options.
const std::string NS3_PREFIX = "ns3::";
/// Most runs one mip6-compare invocation runs (a larger study is a campaign).
constexpr uint64_t MAX_RUNS = 10000;

/// Thrown by the converters below; carries a message for the user.
struct BadValue
{
    std::string message; ///< what is wrong
};

/**
 * \param option option name
 * \param text value text
 * \param what what it should be
 * \return the exception to throw
 */
BadValue
Bad(const std::string& option, const std::string& text, const std::string& what)
{
    return BadValue{"--" + option + ": '" + text + "' is not " + what};
}

/**
 * Strict unsigned parse: digits only, whole string, in range.
 * \param option option name (for the message)
 * \param text value text
 * \param min smallest allowed
 * \param max largest allowed
 * \return the value
 */
uint64_t
ToUint(const std::string& option, const std::string& text, uint64_t min, uint64_t max)
{
    uint64_t v = 0;
    const char* end = text.data() + text.size();
    auto res = std::from_chars(text.data(), end, v);
    if (text.empty() || res.ec != std::errc() || res.ptr != end)
    {
        throw Bad(option, text, "an unsigned integer");
    }
    if (v < min || v > max)
    {
        throw Bad(option, text, "in [" + std::to_string(min) + ", " + std::to_string(max) + "]");
    }
    return v;
}

/**
 * Strict double parse (locale-independent, finite, whole string).
 * \param option option name
 * \param text value text
 * \param min smallest allowed
 * \param minInclusive whether min itself is allowed
 * \return the value
 */
double
ToDouble(const std::string& option, const std::string& text, double min, bool minInclusive)
{
    double v = 0;
    const char* end = text.data() + text.size();
    auto res = std::from_chars(text.data(), end, v);
    if (text.empty() || res.ec != std::errc() || res.ptr != end || !std::isfinite(v))
    {
        throw Bad(option, text, "a finite number");
    }
    if (minInclusive ? v < min : v <= min)
    {
        std::ostringstream what;
        what << (minInclusive ? "≥ " : "> ") << min;
        throw Bad(option, text, what.str());
    }
    return v;
}

/**
 * \param option option name
 * \param text "true"/"false"/"1"/"0"/"yes"/"no"/"on"/"off"
 * \return the value
 */
bool
ToBool(const std::string& option, const std::string& text)
{
    if (text == "true" || text == "1" || text == "yes" || text == "on")
    {
        return true;
    }
    if (text == "false" || text == "0" || text == "no" || text == "off")
    {
        return false;
    }
    throw Bad(option, text, "a boolean (true/false)");
}

/**
 * \param v a number
 * \return its shortest round-trip text
 */
std::string
Num(double v)
{
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof(buf), v);
    return std::string(buf, res.ptr);
}

/**
 * \param program the program (mip6-mcoa has options of its own instead of the AP row's)
 * \return the options valid both on the command line and in a config file
 */
po::options_description
CommonOptions(const std::string& program)
{
    const bool mcoa = program == MCOA_PROGRAM;
    po::options_description d("Scenario");
    // Values are taken as text and converted strictly below (Boost's lexical_cast would accept
    // "-1" for an unsigned option).
    d.add_options()(
        "designs",
        po::value<std::vector<std::string>>()->multitoken()->value_name("NAME...")->default_value(
            {"all"},
            "all"),
        "security designs to compare, each `id[:key=value,...]`, separated by spaces; `all` = "
        "every design with its defaults; `variants` = every design with its defaults and each "
        "non-default key value alone")("output",
                                       po::value<std::string>()->default_value("results/"),
                                       "output directory")(
        "seed",
        po::value<std::string>()->default_value("1"),
        "ns-3 RngSeed (>= 1)")("run", po::value<std::string>()->default_value("1"), "ns-3 RngRun")(
        "sim-time",
        po::value<std::string>()->default_value(mcoa ? "45" : "60"),
        "simulated time per design, s")(
        "pcap",
        po::value<std::string>()->implicit_value("true")->default_value("false"),
        "write pcap files");
    if (mcoa)
    {
        d.add_options()("cellular",
                        po::value<std::string>()->default_value("abstract"),
                        "the MN's cellular access: abstract (a point-to-point cell) or lte "
                        "(LENA + EPC)")(
            "wlan-outages",
            po::value<std::string>()->default_value("10s:5s,22s:5s,34s:5s"),
            "when the MN is out of WLAN coverage: comma-separated start:duration (ns-3 times, "
            "e.g. 10s:5s)")("cell-attach",
                            po::value<std::string>()->default_value("3"),
                            "when the cellular access attaches (abstract cell), s");
    }
    else
    {
        d.add_options()("runs",
                        po::value<std::string>()->default_value("1"),
                        "number of runs: --run, --run + 1, ... each design a fresh simulation "
                        "per run, all rows in the same CSVs; more than 1 also writes summary.md "
                        "and summary.csv (mean and 95 % CI over the runs)")(
            "aps",
            po::value<std::string>()->default_value("4"),
            "number of access points")("ap-spacing",
                                       po::value<std::string>()->default_value("80"),
                                       "distance between access points, m")(
            "speed",
            po::value<std::string>()->default_value("5"),
            "MN speed, m/s");
    }
    d.add_options()("probe-rate",
                    po::value<std::string>()->default_value("100"),
                    "probe packets per second in each direction")(
        "probe-size",
        po::value<std::string>()->default_value("200"),
        "probe UDP payload, bytes (12..65527)")("ha-ar-delay",
                                                po::value<std::string>()->default_value("2"),
                                                "one-way HA-AR delay, ms")(
        "cn-ha-delay",
        po::value<std::string>()->default_value("10"),
        "one-way CN-HA delay, ms")("max-missed-beacons",
                                   po::value<std::string>()->default_value("10"),
                                   "beacons missed before the MN declares the AP lost")(
        "active-probing",
        po::value<std::string>()->implicit_value("true")->default_value("false"),
        "MN scans with probe requests instead of waiting for beacons")(
        "ra-min-interval",
        po::value<std::string>()->default_value("30"),
        "router advertisement MinRtrAdvInterval, ms (RFC 6275 section 7.5 minimum 30)")(
        "ra-max-interval",
        po::value<std::string>()->default_value("70"),
        "router advertisement MaxRtrAdvInterval, ms (RFC 6275 section 7.5 minimum 70)")(
        "dad-wait",
        po::value<std::string>()->default_value("optimistic"),
        "DAD wait before a new CoA is used: optimistic (RFC 4429, none) or rfc4862 (the "
        "full RetransTimer wait)")(
        "processing-profile",
        po::value<std::string>()->default_value("none"),
        "crypto CPU time: none (zero time) or MN-HA profiles, e.g. phone-server (a phone-class "
        "MN, a server-class HA and HAC; doc/processing-delay.rst)");
    return d;
}

/// \return the options valid only on the command line
po::options_description
CommandLineOnlyOptions()
{
    po::options_description d("Program");
    d.add_options()("help,h", "print this help and exit")(
        "list-designs",
        "print every design id with its keys, values and defaults, and exit")(
        "dry-run",
        "check every option, then print the run's manifest (the expanded designs, parameters "
        "and changed attribute defaults, nothing measured) as JSON on stdout and exit without "
        "simulating or writing anything")(
        "config",
        po::value<std::string>()->value_name("FILE"),
        "read options from FILE (Boost config-file syntax `name = value`, the same names; "
        "the command line wins)");
    return d;
}

/**
 * Records one attribute override after validating it.
 * \param name "ns3::Type::Attr"
 * \param value the value
 * \param where "command line" or the config file name
 * \param out the overrides
 * \param overwrite replace a value already present (the command line is read first: no)
 */
void
AddOverride(const std::string& name,
            const std::string& value,
            const std::string& where,
            std::map<std::string, std::string>& out,
            bool overwrite)
{
    std::string error;
    if (!Mip6ValidateAttributeOverride(name, value, error))
    {
        throw BadValue{where + ": " + error};
    }
    if (overwrite || out.find(name) == out.end())
    {
        out[name] = value;
    }
}

/**
 * Splits design arguments on white space (a config file gives them as one value).
 * \param values the values given
 * \return the names
 */
std::vector<std::string>
SplitDesigns(const std::vector<std::string>& values)
{
    std::vector<std::string> names;
    for (const auto& v : values)
    {
        std::istringstream in(v);
        std::string name;
        while (in >> name)
        {
            names.push_back(name);
        }
    }
    return names;
}

/**
 * Asks an attribute checker whether it accepts a value, without risking this process: in ns-3.37
 * the values made with ATTRIBUTE_VALUE_IMPLEMENT (Uinteger, Integer, Vector, …) abort on badly
 * formatted text instead of failing, so the parse runs in a child process.
 * \param checker the attribute's checker
 * \param value the text
 * \param why what ns-3 said when it refused (first line of its message)
 * \return true when CreateValidValue returns a value
 */
bool
CheckerAccepts(Ptr<const AttributeChecker> checker, const std::string& value, std::string& why)
{
    int fds[2];
    if (pipe(fds) != 0)
    {
        why = std::string("pipe: ") + std::strerror(errno);
        return false;
    }
    std::fflush(nullptr);
    pid_t pid = fork();
    if (pid < 0)
    {
        why = std::string("fork: ") + std::strerror(errno);
        close(fds[0]);
        close(fds[1]);
        return false;
    }
    if (pid == 0)
    {
        close(fds[0]);
        dup2(fds[1], STDERR_FILENO);
        bool ok = checker->CreateValidValue(StringValue(value)) != nullptr;
        _exit(ok ? 0 : 1);
    }
    close(fds[1]);
    std::string text;
    char buf[256];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof(buf))) > 0)
    {
        text.append(buf, static_cast<size_t>(n));
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
    {
    }
    // Keep ns-3's reason (msg="…") rather than its whole abort line.
    std::string::size_type m = text.find("msg=\"");
    std::string::size_type e = text.find("\", file=");
    why = (m != std::string::npos && e != std::string::npos && e > m)
              ? text.substr(m + 5, e - m - 5)
              : text.substr(0, text.find('\n'));
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}
} // namespace

std::map<std::string, std::string>
Mip6CompareOptions::ToParameterMap() const
{
    std::string designList;
    for (const auto& d : designs)
    {
        designList += (designList.empty() ? "" : " ") + d;
    }
    std::map<std::string, std::string> m = {
        {"designs", designList},
        {"output", output},
        {"seed", std::to_string(seed)},
        {"run", std::to_string(run)},
        {"sim-time", Num(simTimeS)},
        {"config", configFile},
        {"pcap", pcap ? "true" : "false"},
        {"aps", std::to_string(aps)},
        {"ap-spacing", Num(apSpacingM)},
        {"speed", Num(speedMps)},
        {"probe-rate", Num(probeRatePps)},
        {"probe-size", std::to_string(probeSizeBytes)},
        {"ha-ar-delay", Num(haArDelayMs)},
        {"cn-ha-delay", Num(cnHaDelayMs)},
        {"max-missed-beacons", std::to_string(maxMissedBeacons)},
        {"active-probing", activeProbing ? "true" : "false"},
        {"ra-min-interval", std::to_string(raMinIntervalMs)},
        {"ra-max-interval", std::to_string(raMaxIntervalMs)},
        {"dad-wait", dadWait},
        {"processing-profile", processingProfile},
    };
    if (runs != 1)
    {
        // Only when several: a single-run manifest stays as it was before --runs existed.
        m["runs"] = std::to_string(runs);
    }
    if (program == MCOA_PROGRAM)
    {
        m.erase("aps");
        m.erase("ap-spacing");
        m.erase("speed");
        m["cellular"] = cellular;
        m["wlan-outages"] = wlanOutages;
        m["cell-attach"] = Num(cellAttachS);
    }
    return m;
}

int
Mip6CompareParseResult::ExitCode() const
{
    return action == Action::ERROR ? 2 : 0;
}

std::string
Mip6CompareHelpText(const std::string& program)
{
    po::options_description all;
    all.add(CommandLineOnlyOptions()).add(CommonOptions(program));
    std::ostringstream os;
    os << "Usage: " << program << " [options]\n";
    if (program == MCOA_PROGRAM)
    {
        os << "Runs every selected security design twice on the same WLAN + cellular run (a "
              "single binding, then multiple care-of addresses, RFC 5648) while the MN loses "
              "and regains WLAN coverage, and writes the CSVs of DESIGN.md section 4 (mcoa.csv "
              "included) and manifest.json.\n";
    }
    else
    {
        os << "Runs every selected security design on the same topology, mobility and random "
              "streams and writes the CSVs of DESIGN.md section 4 and manifest.json.\n";
    }
    os << all << "\nns-3 attribute defaults:\n"
       << "  --ns3::Type::Attribute=value   e.g. --ns3::TcpSocket::SegmentSize=1400 (also "
          "`ns3::Type::Attribute = value` in a config file)\n"
       << "\nExit status: 0 on success, 2 on a usage error.\n";
    return os.str();
}

bool
Mip6ValidateAttributeOverride(const std::string& name, const std::string& value, std::string& error)
{
    // Mirrors Config::SetDefaultFailSafe (ns-3.37 config.cc): split at the last "::", look the
    // TypeId up, find the attribute among the TypeId's own, and let its checker parse the value.
    std::string::size_type pos = name.rfind("::");
    if (name.compare(0, NS3_PREFIX.size(), NS3_PREFIX) != 0 || pos == std::string::npos ||
        pos < NS3_PREFIX.size() || pos + 2 >= name.size())
    {
        error = "'" + name + "' is not of the form ns3::Type::Attribute";
        return false;
    }
    std::string typeName = name.substr(0, pos);
    std::string attrName = name.substr(pos + 2);
    TypeId tid;
    if (!TypeId::LookupByNameFailSafe(typeName, &tid))
    {
        error = "unknown ns-3 type '" + typeName + "' in --" + name;
        return false;
    }
    for (std::size_t j = 0; j < tid.GetAttributeN(); ++j)
    {
        TypeId::AttributeInformation info = tid.GetAttribute(j);
        if (info.name == attrName)
        {
            std::string why;
            if (!CheckerAccepts(info.checker, value, why))
            {
                error = "--" + name + ": '" + value + "' is not a valid " +
                        info.checker->GetValueTypeName() + " value" +
                        (why.empty() ? "" : " (" + why + ")");
                return false;
            }
            return true;
        }
    }
    error = "type '" + typeName + "' has no attribute '" + attrName + "' (in --" + name + ")";
    return false;
}

bool
Mip6ApplyAttributeOverrides(const Mip6CompareOptions& options, std::string& error)
{
    for (const auto& [name, value] : options.attributes)
    {
        if (!Config::SetDefaultFailSafe(name, StringValue(value)))
        {
            error = "cannot set --" + name + "=" + value;
            return false;
        }
    }
    return true;
}

Mip6CompareParseResult
Mip6ParseCompareOptions(int argc,
                        const char* const* argv,
                        const Mip6DesignValidator& validator,
                        const std::string& program)
{
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i)
    {
        args.emplace_back(argv[i]);
    }
    return Mip6ParseCompareOptions(args, validator, program);
}

Mip6CompareParseResult
Mip6ParseCompareOptions(const std::vector<std::string>& args,
                        const Mip6DesignValidator& validator,
                        const std::string& program)
{
    Mip6CompareParseResult result;
    Mip6CompareOptions& o = result.options;
    o.program = program;
    if (program == MCOA_PROGRAM)
    {
        o.simTimeS = 45;
    }
    try
    {
        // --ns3::Type::Attr=value options are not known to Boost: take them out first, so that
        // every other unknown option still fails in Boost.
        std::vector<std::string> rest;
        for (const auto& a : args)
        {
            if (a.compare(0, 2 + NS3_PREFIX.size(), "--" + NS3_PREFIX) == 0)
            {
                std::string::size_type eq = a.find('=');
                if (eq == std::string::npos)
                {
                    throw BadValue{"'" + a + "' needs a value: --ns3::Type::Attribute=value"};
                }
                AddOverride(a.substr(2, eq - 2),
                            a.substr(eq + 1),
                            "command line",
                            o.attributes,
                            true);
            }
            else
            {
                rest.push_back(a);
            }
        }

        po::options_description cliOptions;
        cliOptions.add(CommandLineOnlyOptions()).add(CommonOptions(program));
        po::variables_map vm;
        // No prefix guessing: an abbreviation must not silently select another option.
        auto style =
            po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
        po::parsed_options parsed =
            po::command_line_parser(rest).options(cliOptions).style(style).run();
        for (const auto& opt : parsed.options)
        {
            if (opt.position_key >= 0)
            {
                throw BadValue{"unexpected argument '" +
                               (opt.value.empty() ? std::string() : opt.value[0]) + "'"};
            }
        }
        po::store(parsed, vm);

        if (vm.count("config"))
        {
            o.configFile = vm["config"].as<std::string>();
            std::error_code ec;
            if (std::filesystem::is_directory(o.configFile, ec))
            {
                throw BadValue{"cannot read config file '" + o.configFile + "': is a directory"};
            }
            std::ifstream in(o.configFile);
            if (!in)
            {
                throw BadValue{"cannot read config file '" + o.configFile +
                               "': " + std::strerror(errno)};
            }
            std::stringstream text;
            text << in.rdbuf();
            if (in.bad())
            {
                throw BadValue{"cannot read config file '" + o.configFile + "'"};
            }
            // Unregistered names are allowed through Boost only so that ns3:: lines can be
            // picked out; any other unknown name is an error.
            // parsed_options keeps a pointer to its description: it must outlive store().
            po::options_description fileOptions = CommonOptions(program);
            po::parsed_options fromFile =
                po::parse_config_file(text, fileOptions, /*allow_unregistered=*/true);
            std::vector<po::option> known;
            for (const auto& opt : fromFile.options)
            {
                if (!opt.unregistered)
                {
                    known.push_back(opt);
                    continue;
                }
                if (opt.string_key.compare(0, NS3_PREFIX.size(), NS3_PREFIX) == 0 &&
                    !opt.value.empty())
                {
                    // The command line was read first and wins.
                    AddOverride(opt.string_key, opt.value[0], o.configFile, o.attributes, false);
                    continue;
                }
                throw BadValue{"unknown option '" + opt.string_key + "' in config file '" +
                               o.configFile + "'"};
            }
            fromFile.options = known;
            // store() keeps values already stored from the command line: the command line wins.
            po::store(fromFile, vm);
        }

        if (vm.count("help"))
        {
            result.action = Mip6CompareParseResult::Action::HELP;
            result.text = Mip6CompareHelpText(program);
            return result;
        }

        auto str = [&vm](const char* name) { return vm[name].as<std::string>(); };
        o.output = str("output");
        if (o.output.empty())
        {
            throw BadValue{"--output: empty directory name"};
        }
        o.seed = static_cast<uint32_t>(
            ToUint("seed", str("seed"), 1, std::numeric_limits<uint32_t>::max()));
        o.run = ToUint("run", str("run"), 0, std::numeric_limits<uint64_t>::max());
        o.simTimeS = ToDouble("sim-time", str("sim-time"), 0, false);
        o.pcap = ToBool("pcap", str("pcap"));
        if (program == MCOA_PROGRAM)
        {
            o.cellular = str("cellular");
            if (o.cellular != "abstract" && o.cellular != "lte")
            {
                throw Bad("cellular", o.cellular, "one of abstract, lte");
            }
            o.cellAttachS = ToDouble("cell-attach", str("cell-attach"), 0, true);
            o.wlanOutages = str("wlan-outages");
            std::vector<Mip6CellOutage> outages;
            std::string why;
            if (!Mip6ParseCellOutages(o.wlanOutages, outages, why))
            {
                throw BadValue{"--wlan-outages: " + why};
            }
            // A failover needs the cellular access: WLAN coverage is lost only after it attached.
            if (!outages.empty() && outages.front().start.GetSeconds() <= o.cellAttachS)
            {
                throw BadValue{"--wlan-outages: the first outage must start after --cell-attach (" +
                               Num(o.cellAttachS) + " s)"};
            }
        }
        else
        {
            o.runs = ToUint("runs", str("runs"), 1, MAX_RUNS);
            if (o.run > std::numeric_limits<uint64_t>::max() - (o.runs - 1))
            {
                throw BadValue{"--run " + std::to_string(o.run) + " with --runs " +
                               std::to_string(o.runs) + ": the last run number overflows"};
            }
            o.aps = static_cast<uint32_t>(ToUint("aps", str("aps"), 1, 100000));
            o.apSpacingM = ToDouble("ap-spacing", str("ap-spacing"), 0, false);
            o.speedMps = ToDouble("speed", str("speed"), 0, true);
        }
        o.probeRatePps = ToDouble("probe-rate", str("probe-rate"), 0, false);
        // 12 bytes hold the sequence number and timestamp of a probe (ns-3 SeqTsHeader); 65527
        // is the largest UDP payload without jumbograms (RFC 8200 §3, RFC 768).
        o.probeSizeBytes =
            static_cast<uint32_t>(ToUint("probe-size", str("probe-size"), 12, 65527));
        o.haArDelayMs = ToDouble("ha-ar-delay", str("ha-ar-delay"), 0, true);
        o.cnHaDelayMs = ToDouble("cn-ha-delay", str("cn-ha-delay"), 0, true);
        o.maxMissedBeacons = static_cast<uint32_t>(ToUint("max-missed-beacons",
                                                          str("max-missed-beacons"),
                                                          1,
                                                          std::numeric_limits<uint32_t>::max()));
        o.activeProbing = ToBool("active-probing", str("active-probing"));
        o.raMinIntervalMs =
            static_cast<uint32_t>(ToUint("ra-min-interval", str("ra-min-interval"), 1, 1800000));
        o.raMaxIntervalMs =
            static_cast<uint32_t>(ToUint("ra-max-interval", str("ra-max-interval"), 1, 1800000));
        if (o.raMaxIntervalMs < o.raMinIntervalMs)
        {
            throw BadValue{"--ra-max-interval (" + std::to_string(o.raMaxIntervalMs) +
                           " ms) is below --ra-min-interval (" + std::to_string(o.raMinIntervalMs) +
                           " ms)"};
        }
        o.dadWait = str("dad-wait");
        if (o.dadWait != "optimistic" && o.dadWait != "rfc4862")
        {
            throw Bad("dad-wait", o.dadWait, "one of optimistic, rfc4862");
        }
        o.processingProfile = str("processing-profile");
        if (std::string mn, ha; !Mip6ProcessingDelay::SplitProfilePair(o.processingProfile, mn, ha))
        {
            throw Bad("processing-profile",
                      o.processingProfile,
                      "none, or MN-HA with each of none, phone, server (e.g. phone-server)");
        }

        o.designs = SplitDesigns(vm["designs"].as<std::vector<std::string>>());
        if (o.designs.empty())
        {
            throw BadValue{"--designs: no design given"};
        }
        std::set<std::string> seen;
        for (const auto& name : o.designs)
        {
            if (name == "all" || name == "variants")
            {
                if (o.designs.size() != 1)
                {
                    throw BadValue{"--designs: '" + name +
                                   "' cannot be combined with other designs"};
                }
                continue;
            }
            if (!seen.insert(name).second)
            {
                throw BadValue{"--designs: '" + name + "' is listed twice"};
            }
            std::string error;
            if (validator && !validator(name, error))
            {
                throw BadValue{"--designs: " + error};
            }
        }

        if (vm.count("list-designs"))
        {
            result.action = Mip6CompareParseResult::Action::LIST_DESIGNS;
            return result;
        }
        if (vm.count("dry-run"))
        {
            result.action = Mip6CompareParseResult::Action::DRY_RUN;
            return result;
        }
        result.action = Mip6CompareParseResult::Action::RUN;
    }
    catch (const BadValue& e)
    {
        result.action = Mip6CompareParseResult::Action::ERROR;
        result.text = program + ": " + e.message + " (see --help)";
    }
    catch (const po::error& e)
    {
        result.action = Mip6CompareParseResult::Action::ERROR;
        result.text = program + ": " + e.what() + " (see --help)";
    }
    return result;
}

} // namespace ns3

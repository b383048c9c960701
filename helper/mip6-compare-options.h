/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_COMPARE_OPTIONS_H
#define MIP6_COMPARE_OPTIONS_H

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup mip6
 * Checks one design variant name (`id[:key=value,…]`, DESIGN.md §1) against the registry of
 * designs; returns false with a reason when the id or a key or value is unknown.
 */
using Mip6DesignValidator = std::function<bool(const std::string& name, std::string& error)>;

/**
 * \ingroup mip6
 * The parameters of mip6-compare and mip6-mcoa, with their defaults (DESIGN.md §1, research
 * ns3-feasibility.md §5 for the WLAN ones).
 */
struct Mip6CompareOptions
{
    std::vector<std::string> designs{"all"}; ///< design variant names, or {"all"}
    std::string output{"results/"};          ///< output directory
    uint32_t seed{1};                        ///< ns-3 RngSeed (≥ 1)
    uint64_t run{1};                         ///< ns-3 RngRun
    /// mip6-compare: how many runs (run, run + 1, …, run + runs - 1), each design a fresh
    /// simulation per run; 1 (the default) is the single-run comparison
    uint64_t runs{1};
    double simTimeS{60};               ///< simulated time per design, s
    std::string configFile;            ///< the --config file read ("" if none)
    bool pcap{false};                  ///< write pcaps
    uint32_t aps{4};                   ///< number of access points (≥ 1)
    double apSpacingM{80};             ///< distance between APs, m
    double speedMps{5};                ///< MN speed, m/s
    double probeRatePps{100};          ///< probe packets per second, each direction
    uint32_t probeSizeBytes{200};      ///< probe UDP payload, bytes
    double haArDelayMs{2};             ///< one-way delay HA–AR, ms
    double cnHaDelayMs{10};            ///< one-way delay CN–HA, ms
    uint32_t maxMissedBeacons{10};     ///< StaWifiMac MaxMissedBeacons (ns-3 default 10)
    bool activeProbing{false};         ///< StaWifiMac ActiveProbing
    uint32_t raMinIntervalMs{30};      ///< radvd MinRtrAdvInterval, ms (RFC 6275 §7.5)
    uint32_t raMaxIntervalMs{70};      ///< radvd MaxRtrAdvInterval, ms (RFC 6275 §7.5)
    std::string dadWait{"optimistic"}; ///< "optimistic" (RFC 4429) or "rfc4862"
    /// CPU cost model (doc/processing-delay.rst): "none" or an MN-HA pair, e.g. "phone-server"
    std::string processingProfile{"none"};
    /// the program the options are for: "mip6-compare" or "mip6-mcoa" (its own options)
    std::string program{"mip6-compare"};
    std::string cellular{"abstract"}; ///< mip6-mcoa: cellular access model, "abstract" or "lte"
    /// mip6-mcoa: when the MN is out of WLAN coverage, `start:duration` list (as the abstract
    /// cell's Outages attribute)
    std::string wlanOutages{"10s:5s,22s:5s,34s:5s"};
    double cellAttachS{3}; ///< mip6-mcoa: when the cellular access attaches, s
    /// ns-3 attribute defaults to set: "ns3::Type::Attribute" → value (validated)
    std::map<std::string, std::string> attributes;

    /// \return every parameter as option name → value text, for manifest.json
    std::map<std::string, std::string> ToParameterMap() const;
};

/**
 * \ingroup mip6
 * The outcome of parsing the mip6-compare command line.
 */
struct Mip6CompareParseResult
{
    /// What the program should do.
    enum class Action
    {
        RUN,          ///< run the comparison with `options`
        HELP,         ///< print `text` (the help) and exit 0
        LIST_DESIGNS, ///< print the design list and exit 0
        /// `--dry-run`: the options are valid (in `options`); print what the run would record
        /// (its manifest without the measured parts) and exit 0 without simulating
        DRY_RUN,
        ERROR, ///< print `text` (the error) to stderr and exit 2
    };

    Action action{Action::ERROR}; ///< what to do
    Mip6CompareOptions options;   ///< the parameters (valid when action is RUN)
    std::string text;             ///< help text or error message

    /// \return the process exit code: 2 for ERROR, else 0
    int ExitCode() const;
};

/**
 * \ingroup mip6
 * Parses the mip6-compare arguments (Boost.Program_options; DESIGN.md §1 grammar). Unknown
 * options, bad values, unknown design ids or keys (through `validator`), an unreadable config file,
 * stray positional arguments and invalid `--ns3::Type::Attr=value` overrides are errors. A
 * `--config FILE` (Boost config-file syntax, same option names, `ns3::Type::Attr = value` lines
 * allowed) supplies values the command line does not give: the command line wins.
 * Nothing global is changed (attribute overrides are only validated; see
 * Mip6ApplyAttributeOverrides).
 * \param args the arguments after the program name
 * \param validator checks design names; an empty function accepts every name
 * \param program "mip6-compare" (the WLAN row of APs: --aps, --ap-spacing, --speed) or
 *        "mip6-mcoa" (WLAN + cellular: --cellular, --wlan-outages, --cell-attach; --sim-time 45)
 * \return the action, the options or the message
 */
Mip6CompareParseResult Mip6ParseCompareOptions(const std::vector<std::string>& args,
                                               const Mip6DesignValidator& validator,
                                               const std::string& program = "mip6-compare");

/**
 * \ingroup mip6
 * Same as above, from main()'s arguments.
 * \param argc argument count
 * \param argv arguments (argv[0] is the program)
 * \param validator checks design names
 * \param program the program (see above)
 * \return the action, the options or the message
 */
Mip6CompareParseResult Mip6ParseCompareOptions(int argc,
                                               const char* const* argv,
                                               const Mip6DesignValidator& validator,
                                               const std::string& program = "mip6-compare");

/**
 * \ingroup mip6
 * Checks an ns-3 attribute default override without applying it: the TypeId exists, it has the
 * attribute (as Config::SetDefaultFailSafe looks it up), and the value parses with its checker.
 * \param name "ns3::Type::Attribute"
 * \param value the value text
 * \param error why not
 * \return true when Config::SetDefaultFailSafe would accept it
 */
bool Mip6ValidateAttributeOverride(const std::string& name,
                                   const std::string& value,
                                   std::string& error);

/**
 * \ingroup mip6
 * Applies the attribute overrides with Config::SetDefaultFailSafe.
 * \param options parsed options
 * \param error the first override that failed
 * \return true when all were applied
 */
bool Mip6ApplyAttributeOverrides(const Mip6CompareOptions& options, std::string& error);

/**
 * \ingroup mip6
 * \param program "mip6-compare" or "mip6-mcoa"
 * \return the --help text
 */
std::string Mip6CompareHelpText(const std::string& program = "mip6-compare");

} // namespace ns3

#endif /* MIP6_COMPARE_OPTIONS_H */

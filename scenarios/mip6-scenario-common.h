/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * What the scenario programs (mip6-compare, mip6-mcoa) share: the fresh simulation per design,
 * the WLAN topology settings of the common options, the meters of DESIGN.md §4 attached to one
 * MN, the rows of each run, the output files, the manifest and the progress and summary lines.
 */

#ifndef MIP6_SCENARIO_COMMON_H
#define MIP6_SCENARIO_COMMON_H

#include "ns3/mip6-compare-options.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-overhead-meter.h"
#include "ns3/mip6-result-writer.h"
#include "ns3/mip6-security-design.h"
#include "ns3/mip6-state-meter.h"
#include "ns3/mip6-wlan-access-helper.h"
#include "ns3/nstime.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace mip6scenario
{

/// Stream block of the topology (WiFi, mobility, radvd, IPv6, the cellular access): fixed, so
/// every design sees the same channel and mobility draws (DESIGN.md §5). Crypto draws from its
/// own block.
constexpr int64_t TOPOLOGY_STREAMS = 1000;

/// Figures of one simulation for the closing summary line and the manifest.
struct Summary
{
    std::string design;                           //!< design variant name
    std::string label;                            //!< what the summary line names
    uint32_t handovers{0};                        //!< handovers.csv rows
    double meanTotal{0};                          //!< mean total_s
    double meanOutage{0};                         //!< mean outage_s
    uint64_t buBytes{0};                          //!< first BU at mn-air, IP bytes
    uint64_t baBytes{0};                          //!< first BA at mn-air, IP bytes
    uint64_t events{0};                           //!< simulator events executed
    std::map<std::string, std::string> transport; //!< the design's transport settings
    std::string dataProtection;                   //!< how the design protects payload
    std::string extra;                            //!< appended to the summary line
};

/// The tables of DESIGN.md §4.1–4.4 and §4.6 that every scenario writes.
struct Tables
{
    Mip6CsvTable handovers{Mip6Schema::HandoverColumns()};  //!< handovers.csv
    Mip6CsvTable bootstrap{Mip6Schema::BootstrapColumns()}; //!< bootstrap.csv
    Mip6CsvTable overhead{Mip6Schema::OverheadColumns()};   //!< overhead.csv
    Mip6CsvTable state{Mip6Schema::StateColumns()};         //!< state.csv
    Mip6CsvTable messages{Mip6Schema::MessagesColumns()};   //!< messages.csv
};

/// The meters of one MN of one simulation.
struct RunMeters
{
    Ptr<Mip6OverheadMeter> overhead; //!< overhead.csv and messages.csv
    Ptr<Mip6StateMeter> state;       //!< state.csv
};

/**
 * A program's own step after the factory expanded `--designs` (e.g. mip6-mcoa adds each design's
 * MCoA policies to `all`): the options and the expanded list in, the list to run out.
 */
using DesignRefiner = std::function<std::vector<std::string>(const Mip6CompareOptions&,
                                                             const std::vector<std::string>&)>;

/**
 * Parses the command line of a scenario program and prepares the run: prints the help or the
 * design list, or the error (exit 2); applies the attribute overrides, expands the designs
 * (then `refine`, if given), creates the output directory and installs the crypto DRBG. With
 * `--dry-run` it prints the manifest the run would write (nothing measured) and returns 0
 * without creating anything: what mip6-campaign checks a campaign's points and expands its
 * designs with.
 * \param argc argument count
 * \param argv arguments
 * \param program "mip6-compare" or "mip6-mcoa"
 * \param opt the options (out)
 * \param designs the design variants to run (out)
 * \param refine the program's own step after the expansion (none: the factory's list)
 * \return the exit code when the program is done, nothing when it should run
 */
std::optional<int> Prepare(int argc,
                           char** argv,
                           const std::string& program,
                           Mip6CompareOptions& opt,
                           std::vector<std::string>& designs,
                           const DesignRefiner& refine = nullptr);

/**
 * The manifest of a run without its measured parts (DESIGN.md §5): program, version, seed,
 * run, designs, parameters and the changed attribute defaults.
 * \param opt the options
 * \param designs the design variants run
 * \return the manifest
 */
Mip6Manifest RunManifest(const Mip6CompareOptions& opt, const std::vector<std::string>& designs);

/**
 * A fresh simulation: RngSeed and RngRun from the options and the crypto DRBG reset (DESIGN.md
 * §5: nothing carries over between designs).
 * \param opt the options
 */
void ResetSimulation(const Mip6CompareOptions& opt);

/**
 * \param name a design variant name
 * \return it usable in a file name (':' and ',' replaced by '_')
 */
std::string FileSafeName(const std::string& name);

/**
 * Sets the WLAN helper's attributes that the common options give (beacons, probing, RAs, link
 * delays) and the controller node the design wants.
 * \param access the WLAN helper
 * \param opt the options
 * \param design the design
 */
void ConfigureWlan(Ptr<Mip6WlanAccessHelper> access,
                   const Mip6CompareOptions& opt,
                   Ptr<Mip6SecurityDesign> design);

/**
 * Gives the design its key-export directory under --output when pcaps are on.
 * \param opt the options
 * \param design the design
 * \param safe its file-safe name
 */
void ExportKeys(const Mip6CompareOptions& opt,
                Ptr<Mip6SecurityDesign> design,
                const std::string& safe);

/// Names the topology's nodes for messages.csv (mn, ha, cn, hac, ap<i>).
/// \param topo the topology
void NameNodes(const Mip6WlanTopology& topo);

/**
 * The overhead meter (WLAN MN and APs, the HA's core interfaces, the design's TLS flow and
 * local messages) and the state meter (the HA's bindings and the design's state for the HoA)
 * for the installed MN; the state meter is started.
 * \param topo the topology
 * \param inst what Mip6Helper installed
 * \param design the design
 * \param haCoreInterfaces further HA core interfaces (e.g. towards a cellular gateway)
 * \return the meters
 */
RunMeters AttachMeters(const Mip6WlanTopology& topo,
                       const Mip6Helper::Installation& inst,
                       Ptr<Mip6SecurityDesign> design,
                       const std::vector<uint32_t>& haCoreInterfaces = {});

/**
 * Schedules the progress line on stderr every 10 simulated seconds.
 * \param program the program name
 * \param label what runs (the design, and the policy)
 * \param index its position, from 1
 * \param count how many run
 * \param end the simulated end
 */
void StartProgress(const std::string& program,
                   const std::string& label,
                   size_t index,
                   size_t count,
                   Time end);

/**
 * \param table a table
 * \param column a column name
 * \param n the number of rows where the column is not NA
 * \return the mean of the column over those rows (0 if none)
 */
double Mean(const Mip6CsvTable& table, const std::string& column, uint32_t& n);

/**
 * After Simulator::Run(): the rows of the run in every table and the summary figures (the
 * events are read from the simulator, which the caller destroys afterwards).
 * \param info run, seed, design
 * \param inst what Mip6Helper installed
 * \param design the design
 * \param meters the meters (the state meter is finished here)
 * \param tables the tables to append to
 * \return the summary
 */
Summary Collect(const Mip6RunInfo& info,
                const Mip6Helper::Installation& inst,
                Ptr<Mip6SecurityDesign> design,
                const RunMeters& meters,
                Tables& tables);

/**
 * Writes the tables afresh into the output directory (one header each).
 * \param dir the output directory
 * \param files table and file name
 * \param error why not
 * \return true when every file was written
 */
bool WriteFiles(const std::string& dir,
                const std::vector<std::pair<const Mip6CsvTable*, std::string>>& files,
                std::string& error);

/**
 * \param tables the common tables
 * \return them with their DESIGN.md file names
 */
std::vector<std::pair<const Mip6CsvTable*, std::string>> CommonFiles(const Tables& tables);

/**
 * Writes manifest.json (DESIGN.md §5) and prints the summary lines and where the results are.
 * \param opt the options
 * \param designs the design variants run
 * \param summaries the summaries
 * \param wallStart when the program started
 * \param events events executed, all simulations
 * \return the exit code: 0, or 1 when the manifest could not be written
 */
int Finish(const Mip6CompareOptions& opt,
           const std::vector<std::string>& designs,
           const std::vector<Summary>& summaries,
           std::chrono::steady_clock::time_point wallStart,
           uint64_t events);

/**
 * After Finish() with several runs (`--runs N`): the mean and 95 % confidence interval over the
 * runs of every metric of analysis/mip6-summary, computed from the CSVs in --output, written there
 * as summary.md and summary.csv and the main figures printed.
 * \param opt the options
 * \return the exit code: 0, or 1 when the CSVs could not be read or the files not written
 */
int SummariseRuns(const Mip6CompareOptions& opt);

/**
 * \param s a summary
 * \return its line for stdout
 */
std::string SummaryLine(const Summary& s);

} // namespace mip6scenario
} // namespace ns3

#endif /* MIP6_SCENARIO_COMMON_H */

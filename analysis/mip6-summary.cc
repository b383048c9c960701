/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * mip6-summary: the comparison table of a campaign folder (campaign.json and its run folders) or
 * of a plain scenario output folder (e.g. `mip6-compare --runs 5`): summary.md, summary.csv and
 * the plots of DESIGN.md §5 with 95 % confidence intervals as error bars, each PNG and SVG:
 *   summary-handover     mean handover components and total_s per design (handovers.csv)
 *   summary-outage       mean outage_s per design
 *   summary-signalling   signalling bytes per handover at mn-air (overhead.csv)
 *   summary-bootstrap    bootstrap bytes up and down (bootstrap.csv)
 * doc/analysis.rst defines every number. Exit status: 0 success, 1 gnuplot or a write failed,
 * 2 bad arguments or a malformed or missing input.
 */

#include "mip6-figures.h"
#include "mip6-summary-table.h"

#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace
{

using namespace mip6;

/// A bar series: one metric of the table.
struct Series
{
    std::string section; ///< section of the metric
    std::string metric;  ///< the metric
    std::string title;   ///< the key entry
};

/**
 * \param table the table
 * \return one row per group (scenario, point, design), in table order
 */
std::vector<SummaryRow>
GroupsOf(const SummaryTable& table)
{
    std::vector<SummaryRow> groups;
    for (const auto& r : table.rows)
    {
        bool seen = false;
        for (const auto& g : groups)
        {
            seen = seen || (g.scenario == r.scenario && g.point == r.point && g.design == r.design);
        }
        if (!seen)
        {
            SummaryRow g = r;
            g.subgroup.clear();
            groups.push_back(g);
        }
    }
    return groups;
}

/**
 * \param groups the groups
 * \param g one of them
 * \return its bar label: the design, with the scenario and point when the table has several
 */
std::string
Label(const std::vector<SummaryRow>& groups, const SummaryRow& g)
{
    bool oneScenario = true;
    bool onePoint = true;
    for (const auto& o : groups)
    {
        oneScenario = oneScenario && o.scenario == groups.front().scenario;
        onePoint = onePoint && o.point == groups.front().point;
    }
    std::string label = g.design;
    if (!onePoint)
    {
        label = g.point + " " + label;
    }
    if (!oneScenario)
    {
        label = g.scenario + " " + label;
    }
    return label;
}

/**
 * Clustered bars, one cluster per group and one bar per series, each with its 95 % CI as an
 * error bar (none for one run). A series without a value in a group gets no bar.
 * \param table the table
 * \param name file stem
 * \param title figure title
 * \param ylabel y axis label
 * \param allSeries the metrics
 * \param scale factor applied to every value (1000 for s → ms)
 * \param fig the figure
 * \return false when no group has any of the metrics
 */
bool
Bars(const SummaryTable& table,
     const std::string& name,
     const std::string& title,
     const std::string& ylabel,
     const std::vector<Series>& allSeries,
     double scale,
     Figure& fig)
{
    const std::vector<SummaryRow> groups = GroupsOf(table);
    // A series no group has (e.g. L2 bytes on a cellular access) is left out: gnuplot refuses a
    // histogram column without a valid point.
    std::vector<Series> series;
    for (const auto& s : allSeries)
    {
        for (const auto& g : groups)
        {
            const SummaryRow* r = FindRow(table, g, s.section, s.metric);
            if (r && r->ci.n > 0)
            {
                series.push_back(s);
                break;
            }
        }
    }
    std::ostringstream data;
    size_t drawn = 0;
    data << "$bars << EOD\n";
    for (const auto& g : groups)
    {
        std::ostringstream line;
        bool any = false;
        line << GpString(Label(groups, g));
        for (const auto& s : series)
        {
            const SummaryRow* r = FindRow(table, g, s.section, s.metric);
            if (!r || r->ci.n == 0)
            {
                line << " NaN NaN NaN";
                continue;
            }
            any = true;
            const double low = r->ci.hasCi ? r->ci.Low() : r->ci.mean;
            const double high = r->ci.hasCi ? r->ci.High() : r->ci.mean;
            line << ' ' << Num(r->ci.mean * scale) << ' ' << Num(low * scale) << ' '
                 << Num(high * scale);
        }
        if (any)
        {
            data << line.str() << '\n';
            ++drawn;
        }
    }
    data << "EOD\n";
    if (drawn == 0)
    {
        return false;
    }
    std::ostringstream s;
    s << data.str() << "set title " << GpString(title) << "\n"
      << "set ylabel " << GpString(ylabel) << "\n"
      << "set style data histograms\n"
      << "set style histogram errorbars gap 1 lw 1\n"
      << "set style fill solid 0.85 border -1\n"
      << "set key outside right top vertical\n"
      << "set xtics " << XticOptions(drawn) << "\n"
      << "set yrange [0:*]\n"
      << "set grid ytics\n"
      << "plot ";
    for (size_t k = 0; k < series.size(); ++k)
    {
        s << (k ? ", " : "") << "$bars using " << (3 * k + 2) << ':' << (3 * k + 3) << ':'
          << (3 * k + 4) << (k == 0 ? ":xtic(1)" : "") << " title " << GpString(series[k].title);
    }
    s << '\n';
    fig.name = name;
    fig.script = s.str();
    fig.width = WidthFor(drawn * std::max<size_t>(1, series.size() / 2), fig.width);
    fig.height = drawn <= FEW_DESIGNS ? fig.height : fig.height + 200;
    return true;
}

/**
 * \param table the table
 * \return the figures that have data
 */
std::vector<Figure>
Figures(const SummaryTable& table)
{
    const std::string ci = " (mean, error bars: 95 % CI over runs)";
    std::vector<Figure> out;
    Figure f;
    if (Bars(table,
             "summary-handover",
             "Handover components and total" + ci,
             "time (ms)",
             {{"handover", "l2_detect_s", "l2_detect_s"},
              {"handover", "l2_attach_s", "l2_attach_s"},
              {"handover", "md_s", "md_s"},
              {"handover", "dad_s", "dad_s"},
              {"handover", "sec_s", "sec_s"},
              {"handover", "reg_s", "reg_s"},
              {"handover", "total_s", "total_s"}},
             1000.0,
             f))
    {
        out.push_back(f);
    }
    f = Figure();
    if (Bars(table,
             "summary-outage",
             "Outage per handover" + ci,
             "outage (ms)",
             {{"handover", "outage_s", "outage_s"}},
             1000.0,
             f))
    {
        out.push_back(f);
    }
    f = Figure();
    if (Bars(table,
             "summary-signalling",
             "Signalling per handover at mn-air, mip6 + ike + tls" + ci,
             "bytes per handover",
             {{"signalling", "ip_bytes_per_handover", "IP bytes"},
              {"signalling", "l2_bytes_per_handover", "L2 bytes"}},
             1.0,
             f))
    {
        out.push_back(f);
    }
    f = Figure();
    if (Bars(table,
             "summary-bootstrap",
             "Bootstrap bytes at mn-air, ike + tls" + ci,
             "IP bytes",
             {{"bootstrap", "bytes_up", "up"}, {"bootstrap", "bytes_down", "down"}},
             1.0,
             f))
    {
        out.push_back(f);
    }
    return out;
}

/**
 * \param table the table
 * \param g a group
 * \param section section
 * \param metric metric
 * \param decimals digits after the point
 * \return `mean ± half` of the metric, the mean alone for one run, "NA" without a value
 */
std::string
WgCell(const SummaryTable& table,
       const SummaryRow& g,
       const std::string& section,
       const std::string& metric,
       int decimals)
{
    const SummaryRow* r = FindRow(table, g, section, metric);
    if (!r || r->ci.n == 0)
    {
        return "NA";
    }
    std::string s = Fixed(r->ci.mean, decimals);
    if (r->ci.hasCi)
    {
        s += " ± " + Fixed(r->ci.half, decimals);
    }
    return s;
}

/**
 * The WG evidence section of one scenario folder: per design, the air-interface signalling bytes
 * and exchanges at bootstrap and per handover, and where the exact configuration is.
 * \param table the table
 * \param input the folder read (its manifest.json holds the configuration)
 * \return markdown, starting with a level-2 heading
 */
std::string
WgReport(const SummaryTable& table, const std::string& input)
{
    namespace fs = std::filesystem;
    const std::vector<SummaryRow> groups = GroupsOf(table);
    std::ostringstream s;
    const std::string scenario = groups.empty() ? "-" : groups.front().scenario;
    s << "## " << scenario << " (`" << input << "`)\n\n";
    const fs::path manifest = fs::path(input) / "manifest.json";
    if (fs::exists(manifest))
    {
        s << "Exact configuration (program, version, seed, runs, every parameter and changed ns-3 "
             "attribute): `"
          << manifest.string() << "`.\n\n";
    }
    else if (table.campaign)
    {
        s << "Exact configuration: `" << (fs::path(input) / "campaign.json").string()
          << "` and each run's manifest.json.\n\n";
    }
    s << "Signalling only (categories mip6 + ike + tls, BU/BA included) at `mn-air`, both "
         "directions; L2 bytes are the 802.11 PSDUs (MAC header, FCS, every retransmission), NA "
         "on a cellular access. Mean over runs";
    size_t runs = groups.empty() ? 0 : groups.front().runs;
    s << (runs > 1 ? " ± 95 % CI half-width" : "") << ".\n\n";
    s << "| design | runs | bootstrap IP B | bootstrap L2 B | bootstrap packets | bootstrap round "
         "trips | handover IP B | handover L2 B | handover packets | handover MN-sent packets |\n"
      << "|---|---|---|---|---|---|---|---|---|---|\n";
    for (const auto& g : groups)
    {
        if (!FindRow(table, g, "signalling", "ip_bytes_bootstrap"))
        {
            continue; // e.g. mip6-mcoa's top level: mcoa.csv only (below)
        }
        s << "| " << g.design << " | " << g.runs << " | "
          << WgCell(table, g, "signalling", "ip_bytes_bootstrap", 1) << " | "
          << WgCell(table, g, "signalling", "l2_bytes_bootstrap", 1) << " | "
          << WgCell(table, g, "signalling", "packets_bootstrap", 1) << " | "
          << WgCell(table, g, "bootstrap", "round_trips", 1) << " | "
          << WgCell(table, g, "signalling", "ip_bytes_per_handover", 1) << " | "
          << WgCell(table, g, "signalling", "l2_bytes_per_handover", 1) << " | "
          << WgCell(table, g, "signalling", "packets_per_handover", 2) << " | "
          << WgCell(table, g, "signalling", "mn_packets_per_handover", 2) << " |\n";
    }
    s << "\nbootstrap round trips: bootstrap.csv `round_trips` (request/response exchanges on the "
         "critical path before the first BU; the BU/BA itself not counted). handover MN-sent "
         "packets: signalling packets the MN transmits per handover (each starts or answers an "
         "exchange; BU included). Per handover: the handover phase's bytes of a run divided by "
         "its handovers that sent a BU (doc/analysis.rst).\n\n";
    // MCoA (mcoa.csv): adding a care-of address, per policy.
    bool mcoaHeader = false;
    for (const auto& r : table.rows)
    {
        if (r.section != "mcoa" || r.metric != "add_coa_bytes" || r.ci.n == 0)
        {
            continue;
        }
        if (!mcoaHeader)
        {
            s << "Adding the second care-of address (mcoa.csv, interfaces 2): signalling IP bytes "
                 "at mn-air and time to the accepted BA.\n\n"
              << "| design | subgroup | add-CoA IP B | add-CoA s |\n|---|---|---|---|\n";
            mcoaHeader = true;
        }
        SummaryRow key = r;
        s << "| " << r.design << " | " << r.subgroup << " | "
          << WgCell(table, key, "mcoa", "add_coa_bytes", 1) << " | "
          << WgCell(table, key, "mcoa", "add_coa_s", 6) << " |\n";
    }
    if (mcoaHeader)
    {
        s << "\n";
    }
    return s.str();
}

} // namespace

int
main(int argc, char** argv)
{
    namespace po = boost::program_options;
    po::options_description desc("mip6-summary options");
    desc.add_options()("help,h", "print this help and exit")(
        "input",
        po::value<std::string>()->value_name("DIR"),
        "a campaign folder (campaign.json) or a scenario output folder")(
        "output",
        po::value<std::string>()->value_name("DIR"),
        "directory for summary.md, summary.csv and the plots (default: the input directory)")(
        "no-plots",
        "write the tables only")("wg-report",
                                 po::value<std::string>()->value_name("FILE"),
                                 "also write the WG evidence section (air-interface signalling "
                                 "bytes and exchanges per design, markdown) to FILE");
    po::variables_map vm;
    if (!ParseStrict(argc, argv, desc, "mip6-summary", vm))
    {
        return 2;
    }
    if (vm.count("help"))
    {
        std::cout
            << "Usage: mip6-summary --input DIR [--output DIR] [--no-plots] [--wg-report FILE]\n"
            << "Writes summary.md and summary.csv (mean and 95 % Student-t CI over runs of "
               "every metric, per scenario, point and design) and the summary-* plots "
               "(PNG and SVG). doc/analysis.rst defines every number.\n"
            << desc << "\nExit status: 0 success, 1 a write or gnuplot failed, 2 bad "
            << "arguments or a malformed or missing input.\n";
        return 0;
    }
    if (!vm.count("input"))
    {
        std::cerr << "mip6-summary: --input DIR is required (see --help)\n";
        return 2;
    }
    namespace fs = std::filesystem;
    const std::string input = vm["input"].as<std::string>();
    const fs::path output =
        vm.count("output") ? fs::path(vm["output"].as<std::string>()) : fs::path(input);

    SummaryTable table;
    try
    {
        table = SummariseInput(input);
    }
    catch (const InputError& e)
    {
        std::cerr << "mip6-summary: " << e.message << "\n";
        return 2;
    }
    catch (const fs::filesystem_error& e)
    {
        std::cerr << "mip6-summary: " << e.what() << "\n";
        return 2;
    }
    std::error_code ec;
    fs::create_directories(output, ec);
    if (!fs::is_directory(output))
    {
        std::cerr << "mip6-summary: cannot create --output " << output << "\n";
        return 1;
    }
    std::string error;
    if (!WriteSummaryFiles(table, output.string(), error))
    {
        std::cerr << "mip6-summary: " << error << "\n";
        return 1;
    }
    for (const auto& n : table.notes)
    {
        std::cerr << "mip6-summary: " << n << "\n";
    }
    std::cout << (output / "summary.md").string() << "\n"
              << (output / "summary.csv").string() << "\n";
    if (vm.count("wg-report"))
    {
        const std::string path = vm["wg-report"].as<std::string>();
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << WgReport(table, input);
        out.flush();
        if (!out)
        {
            std::cerr << "mip6-summary: cannot write " << path << "\n";
            return 1;
        }
        std::cout << path << "\n";
    }
    if (vm.count("no-plots"))
    {
        return 0;
    }

    const std::vector<Figure> figures = Figures(table);
    return DrawFigures(figures, output, "mip6-summary");
}

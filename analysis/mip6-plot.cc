/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * mip6-plot: draws the comparison figures from the CSVs alone (DESIGN.md §5: plots are always
 * redrawn from the CSVs), each as PNG (pngcairo if gnuplot has it, else png) and SVG:
 *   handover-latency  stacked mean handover components per design (handovers.csv, §4.1)
 *   overhead          signalling bytes at mn-air per category, one panel per phase (overhead.csv,
 *                     §4.3), as mean bytes per run (sum over MNs and directions / runs)
 *   outage            per-handover outage per design, box plot with every handover (§4.1)
 *   validation        mip6-validate's validation.csv: ours (mean, 95 % CI) beside the published
 *                     figures, one panel per component
 * Exit status: 0 success, 1 gnuplot failed, 2 bad arguments or a malformed CSV.
 */

#include "mip6-analysis-common.h"
#include "mip6-figures.h"

#include <algorithm>
#include <array>
#include <boost/program_options.hpp>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace
{

using namespace mip6;

/**
 * Stacked mean handover components per design (DESIGN.md §4.1).
 * \param csv handovers.csv
 * \param fig the figure
 * \return false when there is nothing to draw
 */
bool
HandoverLatency(const Csv& csv, Figure& fig)
{
    static const std::vector<std::string> parts =
        {"l2_detect_s", "l2_attach_s", "md_s", "dad_s", "sec_s", "reg_s"};
    size_t design = csv.Column("design");
    std::vector<size_t> cols;
    for (const auto& p : parts)
    {
        cols.push_back(csv.Column(p));
    }
    std::vector<std::string> designs;
    std::vector<std::vector<double>> sum;
    std::vector<std::vector<size_t>> count;
    for (size_t r = 0; r < csv.rows.size(); ++r)
    {
        size_t d = IndexOf(designs, csv.rows[r][design]);
        sum.resize(designs.size(), std::vector<double>(parts.size(), 0));
        count.resize(designs.size(), std::vector<size_t>(parts.size(), 0));
        for (size_t k = 0; k < parts.size(); ++k)
        {
            double v;
            if (csv.Number(r, cols[k], v))
            {
                sum[d][k] += v;
                ++count[d][k];
            }
        }
    }
    if (designs.empty())
    {
        return false;
    }
    std::ostringstream s;
    s << "$latency << EOD\n";
    for (size_t d = 0; d < designs.size(); ++d)
    {
        s << GpString(designs[d]);
        for (size_t k = 0; k < parts.size(); ++k)
        {
            // A component with no observation (all NA) adds nothing to the stack.
            double mean = count[d][k] ? sum[d][k] / count[d][k] * 1000.0 : 0.0;
            s << ' ' << Num(mean);
        }
        s << '\n';
    }
    s << "EOD\n"
      << "set title 'Handover latency components (mean per design, NA skipped)'\n"
      << "set ylabel 'time (ms)'\n"
      << "set style data histograms\n"
      << "set style histogram rowstacked\n"
      << "set style fill solid 0.85 border -1\n"
      << "set boxwidth 0.6\n"
      << "set key outside right top vertical\n"
      << "set xtics " << XticOptions(designs.size()) << "\n"
      << "set yrange [0:*]\n"
      << "set grid ytics\n"
      << "plot ";
    for (size_t k = 0; k < parts.size(); ++k)
    {
        s << (k ? ", " : "") << "$latency using " << (k + 2) << (k == 0 ? ":xtic(1)" : "")
          << " title " << GpString(parts[k]);
    }
    s << '\n';
    fig.name = "handover-latency";
    fig.script = s.str();
    fig.width = WidthFor(designs.size(), fig.width);
    fig.height = designs.size() <= FEW_DESIGNS ? fig.height : fig.height + 200;
    return true;
}

/**
 * Signalling overhead at mn-air per category, one panel per phase (DESIGN.md §4.3).
 * \param csv overhead.csv
 * \param fig the figure
 * \return false when there is nothing to draw
 */
bool
Overhead(const Csv& csv, Figure& fig)
{
    static const std::vector<std::string> categoryOrder =
        {"mip6", "ike", "tls", "hac-ha", "nd", "tunnel", "data-protection", "data"};
    static const std::vector<std::string> signalling = {"mip6", "ike", "tls", "hac-ha", "nd"};
    size_t run = csv.Column("run");
    size_t seed = csv.Column("seed");
    size_t design = csv.Column("design");
    size_t point = csv.Column("point");
    size_t category = csv.Column("category");
    size_t phase = csv.Column("phase");
    size_t ip = csv.Column("ip_bytes");
    size_t l2 = csv.Column("l2_bytes");

    // L2 bytes when every mn-air row has them (WLAN), else IP bytes for all (mixing would lie).
    bool useL2 = true;
    bool any = false;
    for (size_t r = 0; r < csv.rows.size(); ++r)
    {
        if (csv.rows[r][point] == "mn-air" &&
            std::find(signalling.begin(), signalling.end(), csv.rows[r][category]) !=
                signalling.end())
        {
            any = true;
            double v;
            useL2 = useL2 && csv.Number(r, l2, v);
        }
    }
    if (!any)
    {
        return false;
    }
    size_t bytesCol = useL2 ? l2 : ip;

    std::vector<std::string> designs;
    std::map<std::string, std::set<std::pair<std::string, std::string>>> runs; // design → runs
    std::map<std::tuple<std::string, std::string, std::string>, double> bytes; // phase,design,cat
    std::set<std::string> phases;
    std::set<std::string> categories;
    for (size_t r = 0; r < csv.rows.size(); ++r)
    {
        const auto& row = csv.rows[r];
        IndexOf(designs, row[design]);
        runs[row[design]].insert({row[run], row[seed]});
        if (row[point] != "mn-air" ||
            std::find(signalling.begin(), signalling.end(), row[category]) == signalling.end())
        {
            continue;
        }
        double v = 0;
        csv.Number(r, bytesCol, v);
        bytes[{row[phase], row[design], row[category]}] += v;
        phases.insert(row[phase]);
        categories.insert(row[category]);
    }
    std::vector<std::string> phaseOrder;
    for (const char* p : {"bootstrap", "handover", "steady"})
    {
        if (phases.count(p))
        {
            phaseOrder.push_back(p);
        }
    }
    for (const auto& p : phases)
    {
        if (std::find(phaseOrder.begin(), phaseOrder.end(), p) == phaseOrder.end())
        {
            phaseOrder.push_back(p); // e.g. NA: shown, not hidden
        }
    }
    std::vector<std::string> cats;
    for (const auto& c : categoryOrder)
    {
        if (categories.count(c))
        {
            cats.push_back(c);
        }
    }

    std::ostringstream s;
    for (size_t p = 0; p < phaseOrder.size(); ++p)
    {
        s << "$overhead" << p << " << EOD\n";
        for (const auto& d : designs)
        {
            s << GpString(d);
            double nRuns = static_cast<double>(runs[d].size());
            for (const auto& c : cats)
            {
                auto it = bytes.find({phaseOrder[p], d, c});
                s << ' ' << Num(it == bytes.end() ? 0.0 : it->second / nRuns);
            }
            s << '\n';
        }
        s << "EOD\n";
    }
    // A few designs: the phases side by side. Many: the phases stacked, each as wide as the
    // figure, the key to the right of every panel's common margin.
    const bool few = designs.size() <= FEW_DESIGNS;
    const size_t rows = few ? 1 : phaseOrder.size();
    const size_t columns = few ? phaseOrder.size() : 1;
    s << "set multiplot layout " << rows << "," << columns << " title "
      << GpString(std::string("Signalling overhead at mn-air (") +
                  (useL2 ? "L2 bytes" : "IP bytes") + ", mean per run)")
      << "\n"
      << "set style data histograms\n"
      << "set style histogram rowstacked\n"
      << "set style fill solid 0.85 border -1\n"
      << "set boxwidth 0.6\n"
      << "set xtics " << XticOptions(designs.size()) << "\n"
      << "set yrange [0:*]\n"
      << "set grid ytics\n"
      << "set ylabel 'bytes'\n";
    // Room for the shared key: between the title and the panels, or right of them.
    s << (few ? "set tmargin 6\n" : "set lmargin 10\nset rmargin 16\n");
    const std::string keyAt = few ? "set key at screen 0.5, screen 0.90 center horizontal\n"
                                  : "set key at screen 0.99, screen 0.95 right top vertical\n";
    // Many designs: pixel layout top to bottom — title, the panels (each with its title), then
    // the vertical design names under the last panel only.
    const int titlePx = 60;
    const int panelPx = 300;
    const int labelsPx = 320;
    const int heightPx = titlePx + panelPx * static_cast<int>(phaseOrder.size()) + labelsPx;
    auto screenY = [heightPx](int px) { return Num(1.0 - static_cast<double>(px) / heightPx); };
    for (size_t p = 0; p < phaseOrder.size(); ++p)
    {
        const bool labelled = few || p + 1 == phaseOrder.size();
        s << "set title " << GpString("phase: " + phaseOrder[p]) << "\n";
        if (!few)
        {
            const int top = titlePx + panelPx * static_cast<int>(p);
            // The same x range in every panel, labelled or not, so the bars line up.
            s << "set xrange [-0.5:" << Num(static_cast<double>(designs.size()) - 0.5) << "]\n"
              << "set tmargin at screen " << screenY(top + 30) << "\n"
              << "set bmargin at screen " << screenY(top + panelPx - 25) << "\n"
              << (labelled ? "set format x\n" : "set format x ''\n");
        }
        // One key for all panels, placed in screen coordinates so no panel is narrowed.
        s << (p == 0 ? keyAt : "unset key\n");
        s << "plot ";
        for (size_t k = 0; k < cats.size(); ++k)
        {
            s << (k ? ", " : "") << "$overhead" << p << " using " << (k + 2)
              << (k == 0 && labelled ? ":xtic(1)" : "") << " title " << GpString(cats[k]);
        }
        s << '\n';
    }
    s << "unset multiplot\n";
    fig.name = "overhead";
    fig.script = s.str();
    if (few)
    {
        fig.width = std::max(900, 420 * static_cast<int>(phaseOrder.size()));
    }
    else
    {
        fig.width = WidthFor(designs.size(), 900);
        fig.height = heightPx;
    }
    return true;
}

/**
 * Per-handover outage per design: a box per design and every handover as a point.
 * \param csv handovers.csv
 * \param fig the figure
 * \return false when no handover has an outage value
 */
bool
Outage(const Csv& csv, Figure& fig)
{
    size_t design = csv.Column("design");
    size_t outage = csv.Column("outage_s");
    std::vector<std::string> designs;
    std::vector<std::vector<double>> values;
    for (size_t r = 0; r < csv.rows.size(); ++r)
    {
        double v;
        if (!csv.Number(r, outage, v))
        {
            continue; // NA: the kind has no outage (e.g. intra)
        }
        size_t d = IndexOf(designs, csv.rows[r][design]);
        values.resize(designs.size());
        values[d].push_back(v * 1000.0);
    }
    if (designs.empty())
    {
        return false;
    }
    std::ostringstream s;
    // One datablock per design: a box plot per fixed x position keeps our own x tics.
    for (size_t d = 0; d < designs.size(); ++d)
    {
        s << "$outage" << d << " << EOD\n";
        for (size_t i = 0; i < values[d].size(); ++i)
        {
            // Deterministic horizontal spread so equal values stay visible.
            double jitter = (static_cast<double>(i % 9) - 4.0) * 0.03;
            s << Num(static_cast<double>(d + 1) + jitter) << ' ' << Num(values[d][i]) << '\n';
        }
        s << "EOD\n";
    }
    s << "set title 'Outage per handover (probe flow)'\n"
      << "set ylabel 'outage (ms)'\n"
      << "set style fill solid 0.25 border -1\n"
      << "set boxwidth 0.5\n"
      << "set style boxplot nooutliers\n"
      << "set xrange [0.4:" << designs.size() + 0.6 << "]\n"
      << "set offsets 0, 0, graph 0.05, graph 0.05\n"
      << "set grid ytics\n"
      << "set key outside right top vertical\n"
      << "set xtics (";
    for (size_t d = 0; d < designs.size(); ++d)
    {
        s << (d ? ", " : "") << GpString(designs[d]) << ' ' << (d + 1);
    }
    s << ") " << XticOptions(designs.size()) << "\n"
      << "plot ";
    for (size_t d = 0; d < designs.size(); ++d)
    {
        s << (d ? ", " : "") << "$outage" << d << " using (" << (d + 1)
          << "):2 with boxplot lc rgb '#4477aa' " << (d ? "notitle" : "title 'quartiles'");
    }
    for (size_t d = 0; d < designs.size(); ++d)
    {
        s << ", $outage" << d << " using 1:2 with points pt 7 ps 0.6 lc rgb '#cc3311' "
          << (d ? "notitle" : "title 'handover'");
    }
    s << '\n';
    fig.name = "outage";
    fig.script = s.str();
    fig.width = WidthFor(designs.size(), fig.width);
    fig.height = designs.size() <= FEW_DESIGNS ? fig.height : fig.height + 200;
    return true;
}

/**
 * Multiple care-of addresses (DESIGN.md §4.5, mip6-mcoa): per design, the single binding next to
 * MCoA — the failover outage when WLAN is lost (rows with interfaces 1) and the signalling bytes
 * of adding the WLAN CoA back (rows with interfaces 2); means over the runs, NA rows skipped.
 * \param csv mcoa.csv
 * \param fig the figure
 * \return false when no row has a value to draw
 */
bool
Mcoa(const Csv& csv, Figure& fig)
{
    size_t design = csv.Column("design");
    size_t policy = csv.Column("policy");
    size_t interfaces = csv.Column("interfaces");
    size_t outage = csv.Column("failover_outage_s");
    size_t bytes = csv.Column("add_coa_bytes");
    std::vector<std::string> designs;
    std::vector<std::string> policies;
    // (design, policy) -> sum, count; panel 0 outage (ms), panel 1 bytes.
    std::map<std::pair<size_t, size_t>, std::pair<double, int>> sums[2];
    bool any = false;
    for (size_t r = 0; r < csv.rows.size(); ++r)
    {
        const auto& row = csv.rows[r];
        const size_t d = IndexOf(designs, row[design]);
        const size_t p = IndexOf(policies, row[policy]);
        double v;
        if (row[interfaces] == "1" && csv.Number(r, outage, v))
        {
            auto& e = sums[0][{d, p}];
            e.first += v * 1000.0;
            e.second++;
            any = true;
        }
        if (row[interfaces] == "2" && csv.Number(r, bytes, v))
        {
            auto& e = sums[1][{d, p}];
            e.first += v;
            e.second++;
            any = true;
        }
    }
    if (!any)
    {
        return false;
    }
    std::ostringstream s;
    for (int panel = 0; panel < 2; ++panel)
    {
        s << "$mcoa" << panel << " << EOD\n";
        for (size_t d = 0; d < designs.size(); ++d)
        {
            s << GpString(designs[d]);
            for (size_t p = 0; p < policies.size(); ++p)
            {
                auto it = sums[panel].find({d, p});
                // gnuplot skips "NaN" cells: a policy with no value gets no bar.
                s << ' '
                  << (it == sums[panel].end() ? std::string("NaN")
                                              : Num(it->second.first / it->second.second));
            }
            s << '\n';
        }
        s << "EOD\n";
    }
    s << "set multiplot layout 1,2 title 'Multiple care-of addresses: single binding vs MCoA'\n"
      << "set style data histograms\n"
      << "set style histogram clustered gap 1\n"
      << "set style fill solid 0.85 border -1\n"
      << "set xtics " << XticOptions(designs.size()) << "\n"
      << "set yrange [0:*]\n"
      << "set grid ytics\n"
      << "set bmargin 10\n" // room for long variant names under the bars
      << "set key above horizontal\n";
    const char* titles[2] = {"Failover outage when WLAN is lost (mean)",
                             "Adding the WLAN CoA back: signalling at mn-air (mean)"};
    const char* ylabels[2] = {"outage (ms)", "IP bytes"};
    for (int panel = 0; panel < 2; ++panel)
    {
        s << "set title " << GpString(titles[panel]) << "\n"
          << "set ylabel " << GpString(ylabels[panel]) << "\n"
          << "plot ";
        for (size_t p = 0; p < policies.size(); ++p)
        {
            s << (p ? ", " : "") << "$mcoa" << panel << " using " << (p + 2)
              << (p == 0 ? ":xtic(1)" : "") << " title " << GpString(policies[p]);
        }
        s << '\n';
    }
    s << "unset multiplot\n";
    fig.name = "mcoa";
    fig.script = s.str();
    fig.width = std::max(1100, 2 * WidthFor(designs.size(), 550));
    fig.height = designs.size() <= FEW_DESIGNS ? fig.height : fig.height + 200;
    return true;
}

/**
 * Validation against published results (mip6-validate's validation.csv): per component (T_md,
 * T_hr, T_HO) one panel, per Table B test our mean with its 95 % CI (HA DAD on every BU and the
 * RFC default) beside the published figures.
 * \param csv validation.csv
 * \param fig the figure
 * \return false when there is nothing to draw
 */
bool
Validation(const Csv& csv, Figure& fig)
{
    const size_t cTest = csv.Column("test");
    const size_t cMode = csv.Column("ha_dad");
    const size_t cComp = csv.Column("component");
    const size_t cSource = csv.Column("source");
    const size_t cMean = csv.Column("mean_s");
    const size_t cLow = csv.Column("ci_low_s");
    const size_t cHigh = csv.Column("ci_high_s");
    // Series in legend order: (source, HA DAD mode) and its title.
    const std::vector<std::tuple<std::string, std::string, std::string>> series = {
        {"mip6", "every-bu", "mip6, HA DAD on every BU"},
        {"mip6", "new-binding", "mip6, RFC default (DAD for a new binding)"},
        {"rana-ns3", "every-bu", "ns-3 (Rana et al. 2017)"},
        {"xmipv6", "every-bu", "xMIPv6"},
        {"cni-testbed", "every-bu", "CNI-MIPv6 testbed"}};
    std::vector<std::string> comps;
    std::vector<std::string> tests;
    // (component, test, series) -> mean, low, high
    std::map<std::tuple<std::string, std::string, size_t>, std::array<double, 3>> cells;
    for (size_t r = 0; r < csv.rows.size(); ++r)
    {
        const auto& row = csv.rows[r];
        for (size_t k = 0; k < series.size(); ++k)
        {
            if (row[cSource] != std::get<0>(series[k]) || row[cMode] != std::get<1>(series[k]))
            {
                continue;
            }
            double mean;
            if (!csv.Number(r, cMean, mean))
            {
                continue;
            }
            double low = mean;
            double high = mean;
            csv.Number(r, cLow, low);
            csv.Number(r, cHigh, high);
            IndexOf(comps, row[cComp]);
            IndexOf(tests, row[cTest]);
            cells[{row[cComp], row[cTest], k}] = {mean, low, high};
        }
    }
    if (cells.empty())
    {
        return false;
    }
    std::ostringstream s;
    for (size_t c = 0; c < comps.size(); ++c)
    {
        s << "$validation" << c << " << EOD\n";
        for (const auto& t : tests)
        {
            s << GpString("test " + t);
            for (size_t k = 0; k < series.size(); ++k)
            {
                auto it = cells.find({comps[c], t, k});
                if (it == cells.end())
                {
                    s << " NaN NaN NaN";
                    continue;
                }
                s << " " << Num(it->second[0]) << " " << Num(it->second[1]) << " "
                  << Num(it->second[2]);
            }
            s << "\n";
        }
        s << "EOD\n";
    }
    s << "set multiplot layout 1," << comps.size()
      << " title 'Validation: Rana et al. 2017 Table B (mean, 95 % CI error bars)'\n"
      << "set style data histograms\n"
      << "set style histogram errorbars gap 1 lw 1\n"
      << "set style fill solid 0.85 border -1\n"
      << "set yrange [0:*]\n"
      << "set grid ytics\n"
      << "set ylabel 'time (s)'\n"
      << "set key bottom center horizontal\n";
    for (size_t c = 0; c < comps.size(); ++c)
    {
        s << "set title " << GpString(comps[c]) << "\n";
        if (c + 1 == comps.size())
        {
            // Headroom above the bars for the key.
            s << "set key inside right top vertical\n"
              << "set offsets 0, 0, graph 0.45, 0\n";
        }
        else
        {
            s << "unset key\n";
        }
        s << "plot ";
        for (size_t k = 0; k < series.size(); ++k)
        {
            s << (k ? ", " : "") << "$validation" << c << " using " << (2 + 3 * k) << ":"
              << (3 + 3 * k) << ":" << (4 + 3 * k) << (k == 0 ? ":xtic(1)" : "") << " title "
              << GpString(std::get<2>(series[k]));
        }
        s << "\n";
    }
    s << "unset multiplot\n";
    fig.name = "validation";
    fig.script = s.str();
    fig.width = 1500;
    fig.height = 520;
    return true;
}

} // namespace

int
main(int argc, char** argv)
{
    namespace po = boost::program_options;
    po::options_description desc("mip6-plot options");
    desc.add_options()("help,h", "print this help and exit")(
        "input",
        po::value<std::string>()->value_name("DIR"),
        "directory with the CSVs (handovers.csv, overhead.csv, mcoa.csv, validation.csv)")(
        "output",
        po::value<std::string>()->value_name("DIR"),
        "directory for the PNG and SVG files (default: the input directory)");
    po::variables_map vm;
    if (!ParseStrict(argc, argv, desc, "mip6-plot", vm))
    {
        return 2;
    }
    if (vm.count("help"))
    {
        std::cout << "Usage: mip6-plot --input DIR [--output DIR]\n"
                  << "Draws handover-latency, overhead and outage (PNG and SVG) from the CSVs, "
                     "mcoa from mcoa.csv (mip6-mcoa) and validation from validation.csv "
                     "(mip6-validate).\n"
                  << desc;
        return 0;
    }
    if (!vm.count("input"))
    {
        std::cerr << "mip6-plot: --input DIR is required (see --help)\n";
        return 2;
    }
    namespace fs = std::filesystem;
    fs::path input = vm["input"].as<std::string>();
    fs::path output = vm.count("output") ? fs::path(vm["output"].as<std::string>()) : input;
    if (!fs::is_directory(input))
    {
        std::cerr << "mip6-plot: --input " << input << " is not a directory\n";
        return 2;
    }
    std::error_code ec;
    fs::create_directories(output, ec);
    if (!fs::is_directory(output))
    {
        std::cerr << "mip6-plot: cannot create --output " << output << "\n";
        return 2;
    }

    std::vector<Figure> figures;
    try
    {
        bool anyInput = false;
        fs::path handovers = input / "handovers.csv";
        if (fs::exists(handovers))
        {
            anyInput = true;
            Csv csv = ReadCsv(handovers.string());
            Figure f;
            if (HandoverLatency(csv, f))
            {
                figures.push_back(f);
            }
            else
            {
                std::cerr << "mip6-plot: " << handovers << " has no handovers; skipped\n";
            }
            if (Outage(csv, f))
            {
                figures.push_back(f);
            }
            else
            {
                std::cerr << "mip6-plot: no outage values in " << handovers << "; skipped\n";
            }
        }
        fs::path overhead = input / "overhead.csv";
        if (fs::exists(overhead))
        {
            anyInput = true;
            Csv csv = ReadCsv(overhead.string());
            Figure f;
            if (Overhead(csv, f))
            {
                figures.push_back(f);
            }
            else
            {
                std::cerr << "mip6-plot: no signalling at mn-air in " << overhead << "; skipped\n";
            }
        }
        fs::path mcoa = input / "mcoa.csv";
        if (fs::exists(mcoa))
        {
            anyInput = true;
            Csv csv = ReadCsv(mcoa.string());
            Figure f;
            if (Mcoa(csv, f))
            {
                figures.push_back(f);
            }
            else
            {
                std::cerr << "mip6-plot: no failover or add-CoA values in " << mcoa
                          << "; skipped\n";
            }
        }
        fs::path validation = input / "validation.csv";
        if (fs::exists(validation))
        {
            anyInput = true;
            Csv csv = ReadCsv(validation.string());
            Figure f;
            if (Validation(csv, f))
            {
                figures.push_back(f);
            }
            else
            {
                std::cerr << "mip6-plot: no figures in " << validation << "; skipped\n";
            }
        }
        if (!anyInput)
        {
            std::cerr << "mip6-plot: none of handovers.csv, overhead.csv, mcoa.csv, "
                         "validation.csv in "
                      << input << "\n";
            return 2;
        }
    }
    catch (const InputError& e)
    {
        std::cerr << "mip6-plot: " << e.message << "\n";
        return 2;
    }

    return DrawFigures(figures, output, "mip6-plot");
}

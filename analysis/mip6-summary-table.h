/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The comparison table of mip6-summary (doc/analysis.rst defines every metric): per group
 * (scenario, parameter point, design variant) and metric, the mean and 95 % Student-t confidence
 * interval over runs, where each run contributes one sample (its own mean). Read from a campaign
 * folder (campaign.json) or from a plain scenario output folder (e.g. `mip6-compare --runs 5`).
 * Written as summary.csv (tidy) and summary.md, and printed by `mip6-compare --runs N`.
 */

#ifndef MIP6_SUMMARY_TABLE_H
#define MIP6_SUMMARY_TABLE_H

#include "mip6-analysis-common.h"
#include "mip6-stats.h"

#include <string>
#include <vector>

namespace mip6
{

/// One row of summary.csv: a metric of a group over its runs.
struct SummaryRow
{
    std::string scenario; ///< the program (campaign "scenario", or the manifest's "program")
    std::string point; ///< the parameter point, `key=value;…` sorted by key ("" outside campaigns)
    std::string design;   ///< the design variant
    std::string subgroup; ///< within the design: `policy=…;interfaces=…` for MCoA rows, else ""
    std::string section;  ///< bootstrap, handover, signalling, data-protection, ha-state, mcoa
    std::string metric;   ///< e.g. total_s, bytes_up, ip_bytes_per_handover
    std::string unit;     ///< s, B, packets, messages, round-trips, entries, B/packet, fraction
    size_t runs{0};       ///< runs of the group (samples possible)
    size_t na{0};         ///< cells (handover metrics) or runs (others) without a value, skipped
    MeanCi ci;            ///< mean and CI over the runs that gave a sample (ci.n)
};

/// The whole table and what was noticed while reading.
struct SummaryTable
{
    std::string input;              ///< the folder read
    bool campaign{false};           ///< read through campaign.json
    std::vector<SummaryRow> rows;   ///< in group order, then section and metric order
    std::vector<std::string> notes; ///< e.g. runs listed in campaign.json without results
};

/**
 * Reads a campaign folder (with campaign.json: groups by scenario, point and design of each run)
 * or a plain scenario output folder (groups by the design column, runs by run and seed).
 * \param input the folder
 * \return the table; throws InputError on a malformed or missing input (missing file, column,
 *         bad number, bad campaign.json)
 */
SummaryTable SummariseInput(const std::string& input);

/**
 * \param table the table
 * \return summary.csv's text: scenario,point,design,subgroup,section,metric,unit,runs,n,na,mean,
 *         stddev,ci95_half,ci95_low,ci95_high (numbers with 6 decimals, NA where no interval)
 */
std::string SummaryCsvText(const SummaryTable& table);

/**
 * \param table the table
 * \return summary.md's text: one table per section, `mean ± half-width` per cell
 */
std::string SummaryMarkdownText(const SummaryTable& table);

/**
 * \param table the table
 * \return a few lines for a terminal: total_s, outage_s, probes_lost and signalling bytes per
 *         handover of each group with their CIs
 */
std::string SummaryConsoleText(const SummaryTable& table);

/**
 * Writes summary.csv and summary.md into a directory.
 * \param table the table
 * \param dir the directory (must exist)
 * \param error why not
 * \return true when both were written
 */
bool WriteSummaryFiles(const SummaryTable& table, const std::string& dir, std::string& error);

/**
 * \param table the table
 * \param group the group's scenario, point and design (and subgroup) as in its rows
 * \param section the section
 * \param metric the metric
 * \return the row, or nullptr
 */
const SummaryRow* FindRow(const SummaryTable& table,
                          const SummaryRow& group,
                          const std::string& section,
                          const std::string& metric);

} // namespace mip6

#endif // MIP6_SUMMARY_TABLE_H

/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * What the analysis programs (mip6-plot, mip6-summary, and mip6-compare's --runs summary) share:
 * the CSV reader of DESIGN.md §4's tidy tables, strict number cells, and the text helpers for
 * gnuplot scripts. No ns-3 dependency.
 */

#ifndef MIP6_ANALYSIS_COMMON_H
#define MIP6_ANALYSIS_COMMON_H

#include <cstddef>
#include <string>
#include <vector>

namespace mip6
{

/// A malformed or missing input: the programs report it and exit 2.
struct InputError
{
    std::string message; ///< what and where
};

/// A CSV file read whole.
struct Csv
{
    std::string path;                           ///< file
    std::vector<std::string> columns;           ///< header
    std::vector<std::vector<std::string>> rows; ///< rows, each with one cell per column
    std::vector<size_t> lines;                  ///< line number of each row (for messages)

    /**
     * \param name a column name
     * \return its index; throws InputError if absent
     */
    size_t Column(const std::string& name) const;

    /**
     * \param row row index
     * \param col column index
     * \param value the number, unless the cell is NA
     * \return false for NA; throws InputError on anything else that is not a finite number
     */
    bool Number(size_t row, size_t col, double& value) const;
};

/**
 * Reads an RFC 4180 CSV (quoted fields with doubled quotes and line breaks; CRLF or LF). Every row
 * must have as many cells as the header.
 * \param path the file
 * \return the table; throws InputError when the file cannot be read or is malformed
 */
Csv ReadCsv(const std::string& path);

/**
 * \param v a number
 * \return its shortest round-trip text (locale-independent)
 */
std::string Num(double v);

/**
 * \param v a number
 * \param decimals digits after the point
 * \return v in fixed notation (locale-independent, no "-0")
 */
std::string Fixed(double v, int decimals);

/**
 * \param values a list
 * \param v a value
 * \return v's index, appending it when new (keeps first-appearance order)
 */
size_t IndexOf(std::vector<std::string>& values, const std::string& v);

/**
 * \param s text
 * \return s as a gnuplot double-quoted string
 */
std::string GpString(const std::string& s);

/**
 * \param path a file path
 * \return it as a gnuplot single-quoted string ('' for a quote)
 */
std::string GpPath(const std::string& path);

/// Up to this many bars share the default figure layout.
constexpr size_t FEW_DESIGNS = 8;

/**
 * x tic labels for n designs: slanted for a few; for many (`--designs variants`), vertical, so
 * long variant names never overlap.
 * \param n number of designs
 * \return the gnuplot xtics options after the tic list
 */
std::string XticOptions(size_t n);

/**
 * \param n number of designs
 * \param base the width for a few designs
 * \return the figure width: wider for many designs so each bar keeps its room
 */
int WidthFor(size_t n, int base);

} // namespace mip6

#endif // MIP6_ANALYSIS_COMMON_H

/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * What the plotting programs (mip6-plot, mip6-summary) share beyond mip6-analysis: the strict
 * command line and drawing gnuplot scripts to PNG and SVG through gnuplot-iostream. Header-only,
 * so the mip6-analysis library that scenario programs link needs neither gnuplot nor
 * Boost.Iostreams.
 */

#ifndef MIP6_FIGURES_H
#define MIP6_FIGURES_H

#include "mip6-analysis-common.h"

#include <boost/program_options.hpp>
#include <filesystem>
#include <gnuplot-iostream.h>
#include <iostream>
#include <string>
#include <vector>

namespace mip6
{

/// One figure: a gnuplot script body drawn to PNG and SVG.
struct Figure
{
    std::string name;   ///< file name stem
    std::string script; ///< datablocks and plot commands
    int width{900};     ///< pixels
    int height{540};    ///< pixels
};

/**
 * Parses a command line strictly: no option prefix guessing, no positional argument.
 * \param argc argument count
 * \param argv arguments
 * \param desc the options
 * \param program the program name for the message
 * \param vm the values (out)
 * \return false after printing the error on stderr (the caller exits 2)
 */
inline bool
ParseStrict(int argc,
            char** argv,
            const boost::program_options::options_description& desc,
            const std::string& program,
            boost::program_options::variables_map& vm)
{
    namespace po = boost::program_options;
    try
    {
        auto style =
            po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
        po::parsed_options parsed =
            po::command_line_parser(argc, argv).options(desc).style(style).run();
        for (const auto& o : parsed.options)
        {
            if (o.position_key >= 0)
            {
                throw po::error("unexpected argument '" + o.value[0] + "'");
            }
        }
        po::store(parsed, vm);
    }
    catch (const po::error& e)
    {
        std::cerr << program << ": " << e.what() << " (see --help)\n";
        return false;
    }
    return true;
}

/**
 * Draws every figure as `<output>/<name>.png` (pngcairo if gnuplot has it, else png) and `.svg`,
 * and prints each file written.
 * \param figures the figures
 * \param output the directory (exists)
 * \param program the program name for messages
 * \return 0, or 1 when gnuplot did not write a file
 */
inline int
DrawFigures(const std::vector<Figure>& figures,
            const std::filesystem::path& output,
            const std::string& program)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    std::vector<fs::path> written;
    {
        Gnuplot gp("gnuplot");
        // pngcairo draws anti-aliased text; plain png is the fallback of minimal gnuplot builds.
        gp << "set encoding utf8\n"
           << "set termoption noenhanced\n"
           << "pngterm = (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) ? 'pngcairo' : 'png'\n";
        for (const auto& f : figures)
        {
            const fs::path png = output / (f.name + ".png");
            const fs::path svg = output / (f.name + ".svg");
            fs::remove(png, ec);
            fs::remove(svg, ec);
            const std::string size = std::to_string(f.width) + "," + std::to_string(f.height);
            gp << "reset\n"
               << "set terminal @pngterm size " << size << " noenhanced\n"
               << "set output " << GpPath(png.string()) << "\n"
               << f.script << "unset output\n"
               << "reset\n"
               << "set terminal svg size " << size << " noenhanced\n"
               << "set output " << GpPath(svg.string()) << "\n"
               << f.script << "unset output\n";
            written.push_back(png);
            written.push_back(svg);
        }
        gp << "exit\n";
    } // the Gnuplot destructor waits for gnuplot to finish
    int status = 0;
    for (const auto& p : written)
    {
        if (!fs::exists(p) || fs::file_size(p) == 0)
        {
            std::cerr << program << ": gnuplot did not write " << p << "\n";
            status = 1;
        }
        else
        {
            std::cout << p.string() << "\n";
        }
    }
    return status;
}

} // namespace mip6

#endif // MIP6_FIGURES_H

/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_TEST_UTIL_H
#define MIP6_TEST_UTIL_H

// Helpers shared by the test suites (test-only, not part of the library).

#include <cstdio>
#include <string>

namespace ns3
{
namespace mip6test
{

/**
 * Runs a shell command (e.g. tshark on a project pcap) and returns its standard output.
 * \param cmd the command line
 * \param status pclose's status, -1 when the command could not be started
 * \return what the command printed on stdout
 */
inline std::string
RunCommand(const std::string& cmd, int& status)
{
    std::string out;
    FILE* f = popen(cmd.c_str(), "r");
    if (!f)
    {
        status = -1;
        return out;
    }
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
    {
        out.append(buf, n);
    }
    status = pclose(f);
    return out;
}

} // namespace mip6test
} // namespace ns3

#endif /* MIP6_TEST_UTIL_H */

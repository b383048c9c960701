/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The mip6 test runner: every ns-3 TestSuite of the module, linked into one program.
 * Debian ships no ns-3 test-runner, but libns3-core exports TestRunner, which gives the usual
 * options (--list, --suite=NAME, --verbose, --fullness, --stop-on-failure).
 */

#include "ns3/test.h"

int
main(int argc, char** argv)
{
    return ns3::TestRunner::Run(argc, argv);
}

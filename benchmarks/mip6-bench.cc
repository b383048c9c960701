/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * mip6-bench: the cost of the mobility module on the default scenario (Google Benchmark).
 *  - BM_DefaultNone: the default comparison's run with the `none` design (4 APs, 60 s, probes).
 *  - BM_BareTopology: the same topology, mobility and probe traffic with no MIPv6 installed.
 * Reports wall time, events/s and peak RSS, then the ratio none/bare against the targets
 * (<= 1.3x wall time; default run < 200 MB peak memory). Targets live here, never in tests.
 */

#include "ns3/core-module.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-none-design.h"
#include "ns3/mip6-probe-application.h"
#include "ns3/mip6-wlan-access-helper.h"
#include "ns3/sta-wifi-mac.h"

#include <benchmark/benchmark.h>
#include <iostream>
#include <map>
#include <sys/resource.h>

using namespace ns3;

namespace
{

const Time kSimTime = Seconds(60);

/// Runs one simulation; returns the events executed.
uint64_t
RunScenario(bool withMip6)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    Mip6CryptoRandom::Reset();
    Ptr<Mip6WlanAccessHelper> access = CreateObject<Mip6WlanAccessHelper>();
    Mip6WlanTopology topo = access->Build();
    access->AssignStreams(1000);
    if (withMip6)
    {
        Mip6Helper helper(CreateObject<Mip6NoneDesign>());
        helper.InstallOnWlan(topo, Seconds(1), kSimTime);
    }
    else
    {
        // The same probe traffic with nothing MIPv6 on any node: the CN sends to the address the
        // MN has on its current access (it follows the association, as the binding would), the
        // MN sends to the CN.
        Ptr<Mip6ProbeApplication> cn = CreateObject<Mip6ProbeApplication>();
        cn->SetAttribute("Remote", Ipv6AddressValue(topo.GetMnAutoconfiguredAddress(0)));
        topo.cn->AddApplication(cn);
        const Mip6WlanTopology* t = &topo;
        topo.GetMnStaMac()->TraceConnectWithoutContext(
            "Assoc",
            Callback<void, Mac48Address>([cn, t](Mac48Address bssid) {
                const int32_t i = t->GetAccessIndexForBssid(bssid);
                if (i >= 0)
                {
                    cn->SetAttribute("Remote", Ipv6AddressValue(t->GetMnAutoconfiguredAddress(i)));
                }
            }));
        Ptr<Mip6ProbeApplication> mn = CreateObject<Mip6ProbeApplication>();
        mn->SetAttribute("Remote", Ipv6AddressValue(topo.cnAddress));
        topo.mn->AddApplication(mn);
        for (auto app : {cn, mn})
        {
            app->SetStartTime(Seconds(1));
            app->SetStopTime(kSimTime);
        }
    }
    Simulator::Stop(kSimTime);
    Simulator::Run();
    const uint64_t events = Simulator::GetEventCount();
    Simulator::Destroy();
    return events;
}

double
PeakRssMb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024.0;
}

std::map<std::string, double> g_seconds; //!< mean real time per benchmark

void
Scenario(benchmark::State& state, bool withMip6)
{
    uint64_t events = 0;
    for (auto _ : state)
    {
        events = RunScenario(withMip6);
    }
    state.counters["events"] = events;
    state.counters["events_per_s"] =
        benchmark::Counter(events * state.iterations(), benchmark::Counter::kIsRate);
    state.counters["peak_rss_MB"] = PeakRssMb();
}

void
BM_DefaultNone(benchmark::State& state)
{
    Scenario(state, true);
}

void
BM_BareTopology(benchmark::State& state)
{
    Scenario(state, false);
}

BENCHMARK(BM_BareTopology)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(3);
BENCHMARK(BM_DefaultNone)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(3);

/// Console output plus the mean real time of each benchmark, for the ratio.
class RatioReporter : public benchmark::ConsoleReporter
{
  public:
    RatioReporter()
        : benchmark::ConsoleReporter(OO_Tabular)
    {
    }

    void ReportRuns(const std::vector<Run>& runs) override
    {
        for (const auto& r : runs)
        {
            g_seconds[r.benchmark_name()] = r.GetAdjustedRealTime();
        }
        ConsoleReporter::ReportRuns(runs);
    }
};

} // namespace

int
main(int argc, char** argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
    {
        return 2;
    }
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    double none = 0;
    double bare = 0;
    for (const auto& [name, t] : g_seconds)
    {
        if (name.rfind("BM_DefaultNone", 0) == 0)
        {
            none = t;
        }
        if (name.rfind("BM_BareTopology", 0) == 0)
        {
            bare = t;
        }
    }
    if (none > 0 && bare > 0)
    {
        const double ratio = none / bare;
        std::cout << "none / bare wall-time ratio: " << ratio
                  << " (target <= 1.3: " << (ratio <= 1.3 ? "met" : "NOT met") << ")\n";
    }
    const double peak = PeakRssMb();
    std::cout << "peak RSS: " << peak
              << " MB (target < 200 MB: " << (peak < 200 ? "met" : "NOT met") << ")\n";
    return 0;
}

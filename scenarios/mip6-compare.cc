/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * mip6-compare: the default comparison (DESIGN.md §1, §4, §5). Every selected security design runs
 * as its own simulation on the same WLAN run (same seed, run number and streams): one MN crossing
 * the access points while a probe flow runs between the CN and its home address. Results: the
 * CSVs of DESIGN.md §4 and manifest.json in --output; plots are drawn by analysis/mip6-plot.
 * `--runs N` repeats everything on runs --run … --run + N - 1 into the same CSVs and adds
 * summary.md and summary.csv (mean and 95 % CI over runs, analysis/mip6-summary-table.h).
 */

#include "mip6-scenario-common.h"

#include "ns3/config.h"
#include "ns3/core-module.h"
#include "ns3/mip6-compare-options.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-handover-timeline.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-overhead-meter.h"
#include "ns3/mip6-result-writer.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/mip6-state-meter.h"
#include "ns3/mip6-wlan-access-helper.h"

#include <chrono>
#include <filesystem>
#include <iostream>

using namespace ns3;

namespace
{

using namespace mip6scenario;

/// Runs one design; appends its rows to the tables.
Summary
RunDesign(const Mip6CompareOptions& opt,
          const std::string& name,
          size_t index,
          size_t count,
          Tables& tables)
{
    // Each design is its own simulation: a full reset of the simulator and the crypto DRBG.
    ResetSimulation(opt);

    const Time simTime = Seconds(opt.simTimeS);
    std::string error;
    Ptr<Mip6SecurityDesign> design = Mip6SecurityDesignFactory::Create(name, error);
    NS_ABORT_MSG_IF(!design, error);
    Ptr<Mip6WlanAccessHelper> access = CreateObject<Mip6WlanAccessHelper>();
    ConfigureWlan(access, opt, design);
    access->SetAttribute("NumAccessPoints", UintegerValue(opt.aps));
    access->SetAttribute("AccessPointSpacing", DoubleValue(opt.apSpacingM));
    access->SetAttribute("MnSpeed", DoubleValue(opt.speedMps));
    Mip6WlanTopology topo = access->Build();
    access->AssignStreams(TOPOLOGY_STREAMS);
    if (topo.hac)
    {
        design->InstallController(topo.hac, topo.hacAddress, topo.haHacAddress);
    }
    // File names of this design's pcaps and key files: the variant name, ':' and ',' replaced.
    const std::string safe = FileSafeName(name);
    ExportKeys(opt, design, safe);
    Mip6Helper helper(design);
    helper.SetProbeAttribute("Rate", DoubleValue(opt.probeRatePps));
    helper.SetProbeAttribute("Size", UintegerValue(opt.probeSizeBytes));
    helper.SetProcessingProfile(opt.processingProfile);
    Mip6Helper::Installation inst = helper.InstallOnWlan(topo, Seconds(1), simTime);
    inst.mobileNode->GetMovementDetector()->SetAttribute(
        "DadWait",
        TimeValue(opt.dadWait == "rfc4862" ? Seconds(1) : Seconds(0)));

    // Node labels in messages.csv.
    NameNodes(topo);
    const RunMeters meters = AttachMeters(topo, inst, design);

    if (opt.pcap)
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
        const std::string dir = opt.output + "/pcap";
        std::filesystem::create_directories(dir);
        access->EnablePcap(dir + "/" + safe);
    }

    StartProgress(opt.program, name, index, count, simTime);
    Simulator::Stop(simTime);
    Simulator::Run();

    const Mip6RunInfo info{opt.run, opt.seed, design->GetVariantName()};
    Summary s = Collect(info, inst, design, meters, tables);
    Simulator::Destroy();
    Names::Clear();
    return s;
}

} // namespace

int
main(int argc, char** argv)
{
    const auto wallStart = std::chrono::steady_clock::now();
    Mip6CompareOptions opt;
    std::vector<std::string> designs;
    if (auto done = Prepare(argc, argv, "mip6-compare", opt, designs))
    {
        return *done;
    }
    std::string error;

    Tables tables;
    std::vector<Summary> summaries;
    uint64_t events = 0;
    // --runs N: every design on run, run + 1, ..., each a fresh simulation; the rows of all runs
    // go to the same tables (their run column tells them apart).
    const uint64_t firstRun = opt.run;
    const size_t count = designs.size() * opt.runs;
    for (uint64_t k = 0; k < opt.runs; ++k)
    {
        Mip6CompareOptions runOpt = opt;
        runOpt.run = firstRun + k;
        for (size_t i = 0; i < designs.size(); ++i)
        {
            summaries.push_back(
                RunDesign(runOpt, designs[i], k * designs.size() + i + 1, count, tables));
            if (opt.runs > 1)
            {
                summaries.back().label += " run " + std::to_string(runOpt.run);
            }
            events += summaries.back().events;
        }
    }

    // mcoa.csv belongs to the multi-access scenario (mip6-mcoa): not written here.
    if (!WriteFiles(opt.output, CommonFiles(tables), error))
    {
        std::cerr << "mip6-compare: " << error << std::endl;
        return 1;
    }
    const int status = Finish(opt, designs, summaries, wallStart, events);
    if (status != 0 || opt.runs == 1)
    {
        return status;
    }
    // Several runs: the confidence intervals, computed from the CSVs just written.
    return SummariseRuns(opt);
}

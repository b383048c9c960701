/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-scenario-common.h"

#include "mip6-summary-table.h"

#include "ns3/config.h"
#include "ns3/core-module.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-handover-timeline.h"
#include "ns3/mip6-security-factory.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>

namespace ns3
{
namespace mip6scenario
{

std::optional<int>
Prepare(int argc,
        char** argv,
        const std::string& program,
        Mip6CompareOptions& opt,
        std::vector<std::string>& designs,
        const DesignRefiner& refine)
{
    Mip6CompareParseResult parsed = Mip6ParseCompareOptions(
        argc,
        argv,
        [](const std::string& name, std::string& error) {
            Mip6SecurityDesignFactory::Variant v;
            return Mip6SecurityDesignFactory::Parse(name, v, error);
        },
        program);
    switch (parsed.action)
    {
    case Mip6CompareParseResult::Action::HELP:
        std::cout << parsed.text;
        return 0;
    case Mip6CompareParseResult::Action::LIST_DESIGNS:
        std::cout << Mip6SecurityDesignFactory::Describe();
        return 0;
    case Mip6CompareParseResult::Action::ERROR:
        std::cerr << parsed.text << std::endl;
        return parsed.ExitCode();
    case Mip6CompareParseResult::Action::RUN:
    case Mip6CompareParseResult::Action::DRY_RUN:
        break;
    }
    opt = parsed.options;
    std::string error;
    if (!Mip6ApplyAttributeOverrides(opt, error) ||
        !Mip6SecurityDesignFactory::Expand(opt.designs, designs, error))
    {
        std::cerr << program << ": " << error << std::endl;
        return 2;
    }
    if (refine)
    {
        designs = refine(opt, designs);
    }
    if (parsed.action == Mip6CompareParseResult::Action::DRY_RUN)
    {
        std::cout << RunManifest(opt, designs).ToJson();
        return 0;
    }
    std::error_code ec;
    std::filesystem::create_directories(opt.output, ec);
    if (ec)
    {
        std::cerr << program << ": cannot create " << opt.output << ": " << ec.message()
                  << std::endl;
        return 2;
    }
    Mip6CryptoRandom::Install();
    return std::nullopt;
}

void
ResetSimulation(const Mip6CompareOptions& opt)
{
    RngSeedManager::SetSeed(opt.seed);
    RngSeedManager::SetRun(opt.run);
    Mip6CryptoRandom::Reset();
}

std::string
FileSafeName(const std::string& name)
{
    std::string safe = name;
    std::replace_if(
        safe.begin(),
        safe.end(),
        [](char c) { return c == ':' || c == ','; },
        '_');
    return safe;
}

void
ConfigureWlan(Ptr<Mip6WlanAccessHelper> access,
              const Mip6CompareOptions& opt,
              Ptr<Mip6SecurityDesign> design)
{
    // A design with a controller of its own (RFC 6618's remote HAC) gets a node behind the HA.
    access->SetAttribute("HacNode", BooleanValue(design->WantsControllerNode()));
    access->SetAttribute("MaxMissedBeacons", UintegerValue(opt.maxMissedBeacons));
    access->SetAttribute("ActiveProbing", BooleanValue(opt.activeProbing));
    access->SetAttribute("RaMinInterval", TimeValue(MilliSeconds(opt.raMinIntervalMs)));
    access->SetAttribute("RaMaxInterval", TimeValue(MilliSeconds(opt.raMaxIntervalMs)));
    access->SetAttribute("HaArDelay", TimeValue(MicroSeconds(opt.haArDelayMs * 1000)));
    access->SetAttribute("CnHaDelay", TimeValue(MicroSeconds(opt.cnHaDelayMs * 1000)));
}

void
ExportKeys(const Mip6CompareOptions& opt, Ptr<Mip6SecurityDesign> design, const std::string& safe)
{
    if (opt.pcap)
    {
        // Keys for tshark/Wireshark, one directory per design (variants reuse SPIs with other
        // keys); a design without a key export has no such attribute.
        const std::string keys = opt.output + "/keys/" + safe;
        std::filesystem::create_directories(keys);
        design->SetAttributeFailSafe("KeyExportDirectory", StringValue(keys));
    }
}

void
NameNodes(const Mip6WlanTopology& topo)
{
    Names::Add("mn", topo.mn);
    Names::Add("ha", topo.ha);
    Names::Add("cn", topo.cn);
    if (topo.hac)
    {
        Names::Add("hac", topo.hac);
    }
    for (uint32_t i = 0; i < topo.apNodes.GetN(); ++i)
    {
        Names::Add("ap" + std::to_string(i), topo.apNodes.Get(i));
    }
}

RunMeters
AttachMeters(const Mip6WlanTopology& topo,
             const Mip6Helper::Installation& inst,
             Ptr<Mip6SecurityDesign> design,
             const std::vector<uint32_t>& haCoreInterfaces)
{
    RunMeters m;
    const uint32_t mn = topo.mn->GetId();
    // The meter of every scenario is the helper's (mn-air, ha-core, the TLS flow, local).
    m.overhead = Mip6Helper(design).InstallOverheadMeter(topo, inst, haCoreInterfaces);

    m.state = CreateObject<Mip6StateMeter>();
    m.state->AddMn(mn);
    Ptr<Mip6HomeAgent> ha = inst.homeAgent;
    const Ipv6Address hoa = topo.mnHomeAddress;
    m.state->AddProvider([ha, hoa, mn]() {
        std::map<uint32_t, Mip6StateCounts> out;
        Mip6StateCounts c;
        // One per (HoA, BID): 1 for an RFC 6275 binding, one per care-of address under MCoA.
        c.bindings = ha->GetBindings(hoa).size();
        const Mip6SecurityState s = ha->GetSecurity()->GetState(hoa);
        c.saCount = s.saCount;
        c.spdEntries = s.spdEntries;
        c.ikeSas = s.ikeSas;
        c.hacRecords = s.hacRecords;
        c.keyBytes = s.keyBytes;
        c.stateBytes = s.stateBytes;
        out[mn] = c;
        return out;
    });
    m.state->Start();
    return m;
}

namespace
{

/// Prints simulated progress on stderr (a progress line for runs longer than a few seconds).
void
Progress(const std::string& program, const std::string& label, size_t index, size_t count, Time end)
{
    std::cerr << program << ": [" << index << "/" << count << "] " << label
              << " t=" << static_cast<int>(Simulator::Now().GetSeconds()) << "/"
              << static_cast<int>(end.GetSeconds()) << " s" << std::endl;
    if (Simulator::Now() + Seconds(10) < end)
    {
        Simulator::Schedule(Seconds(10), &Progress, program, label, index, count, end);
    }
}

} // namespace

void
StartProgress(const std::string& program,
              const std::string& label,
              size_t index,
              size_t count,
              Time end)
{
    Simulator::Schedule(Seconds(10), &Progress, program, label, index, count, end);
}

double
Mean(const Mip6CsvTable& table, const std::string& column, uint32_t& n)
{
    const auto& cols = table.GetColumns();
    const size_t c = std::find(cols.begin(), cols.end(), column) - cols.begin();
    double sum = 0;
    n = 0;
    for (size_t i = 0; i < table.GetRowCount(); ++i)
    {
        const std::string& v = table.GetRow(i)[c];
        if (v != Mip6Format::NA)
        {
            sum += std::stod(v);
            n++;
        }
    }
    return n ? sum / n : 0.0;
}

Summary
Collect(const Mip6RunInfo& info,
        const Mip6Helper::Installation& inst,
        Ptr<Mip6SecurityDesign> design,
        const RunMeters& meters,
        Tables& tables)
{
    meters.state->Finish();
    Ptr<Mip6HandoverTimeline> timeline = inst.timeline;
    Ptr<Mip6OverheadMeter> meter = meters.overhead;
    Mip6CsvTable ownHandovers(Mip6Schema::HandoverColumns());
    timeline->FillHandovers(info, ownHandovers);
    for (size_t i = 0; i < ownHandovers.GetRowCount(); ++i)
    {
        tables.handovers.AddRow(ownHandovers.GetRow(i));
    }
    // Bootstrap traffic on the air interface: everything of the design's own categories.
    uint64_t bsMessages = 0;
    uint64_t bsUp = 0;
    uint64_t bsDown = 0;
    for (const auto& [key, counts] : meter->GetCounts())
    {
        if (key.point != Mip6OverheadMeter::POINT_MN_AIR || key.phase != "bootstrap" ||
            (key.category != "ike" && key.category != "tls"))
        {
            continue;
        }
        bsMessages += counts.packets;
        (key.direction == Mip6OverheadMeter::DIRECTION_TX ? bsUp : bsDown) += counts.ipBytes;
    }
    timeline->FillBootstrap(info,
                            tables.bootstrap,
                            inst.mobileNode->GetSecurity()->GetBootstrapRoundTrips(),
                            bsMessages,
                            bsUp,
                            bsDown,
                            inst.mobileNode->GetSecurity()->GetMhAuthPlaintextBytes());
    meter->AppendOverheadRows(tables.overhead, info);
    meter->AppendMessageRows(tables.messages, info);
    meters.state->AppendRows(tables.state, info);

    Summary s;
    s.design = info.design;
    s.label = info.design;
    s.transport = design->GetTransportSettings();
    s.dataProtection = design->GetDataProtection();
    uint32_t n = 0;
    s.meanTotal = Mean(ownHandovers, "total_s", n);
    s.handovers = ownHandovers.GetRowCount();
    s.meanOutage = Mean(ownHandovers, "outage_s", n);
    for (const auto& obs : meter->GetMessages())
    {
        if (obs.point != Mip6OverheadMeter::POINT_MN_AIR)
        {
            continue;
        }
        if (obs.message == "BU" && s.buBytes == 0)
        {
            s.buBytes = obs.ipBytes;
        }
        if (obs.message == "BA" && s.baBytes == 0)
        {
            s.baBytes = obs.ipBytes;
        }
    }
    s.events = Simulator::GetEventCount();
    return s;
}

std::vector<std::pair<const Mip6CsvTable*, std::string>>
CommonFiles(const Tables& tables)
{
    return {
        {&tables.handovers, Mip6Schema::HandoversFile()},
        {&tables.bootstrap, Mip6Schema::BootstrapFile()},
        {&tables.overhead, Mip6Schema::OverheadFile()},
        {&tables.state, Mip6Schema::StateFile()},
        {&tables.messages, Mip6Schema::MessagesFile()},
    };
}

bool
WriteFiles(const std::string& dir,
           const std::vector<std::pair<const Mip6CsvTable*, std::string>>& files,
           std::string& error)
{
    // The files of one invocation: written afresh, one header each.
    for (const auto& [table, file] : files)
    {
        const std::string path = dir + "/" + file;
        std::error_code ec;
        std::filesystem::remove(path, ec);
        if (!table->AppendToFile(path, error))
        {
            return false;
        }
    }
    return true;
}

Mip6Manifest
RunManifest(const Mip6CompareOptions& opt, const std::vector<std::string>& designs)
{
    Mip6Manifest manifest;
    manifest.program = opt.program;
    manifest.version = MIP6_VERSION;
    manifest.run = opt.run;
    manifest.seed = opt.seed;
    for (uint64_t k = 0; opt.runs > 1 && k < opt.runs; ++k)
    {
        manifest.runs.push_back(opt.run + k);
    }
    manifest.designs = designs;
    manifest.parameters = opt.ToParameterMap();
    manifest.attributes = Mip6Manifest::ChangedAttributeDefaults();
    return manifest;
}

int
Finish(const Mip6CompareOptions& opt,
       const std::vector<std::string>& designs,
       const std::vector<Summary>& summaries,
       std::chrono::steady_clock::time_point wallStart,
       uint64_t events)
{
    Mip6Manifest manifest = RunManifest(opt, designs);
    for (const Summary& s : summaries)
    {
        manifest.dataProtection[s.design] = s.dataProtection;
        for (const auto& [key, value] : s.transport)
        {
            manifest.tcp[s.design + " " + key] = value;
        }
    }
    manifest.wallTimeS =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    manifest.eventsExecuted = events;
    std::string error;
    if (!manifest.Write(opt.output + "/" + Mip6Schema::ManifestFile(), error))
    {
        std::cerr << opt.program << ": " << error << std::endl;
        return 1;
    }
    for (const auto& s : summaries)
    {
        std::cout << SummaryLine(s) << std::endl;
    }
    std::cout << "results in " << opt.output << " (wall " << manifest.wallTimeS << " s, " << events
              << " events)" << std::endl;
    return 0;
}

int
SummariseRuns(const Mip6CompareOptions& opt)
{
    try
    {
        const mip6::SummaryTable table = mip6::SummariseInput(opt.output);
        std::string error;
        if (!mip6::WriteSummaryFiles(table, opt.output, error))
        {
            std::cerr << opt.program << ": " << error << std::endl;
            return 1;
        }
        std::cout << mip6::SummaryConsoleText(table);
        std::cout << "summary in " << opt.output << "/summary.md and summary.csv" << std::endl;
    }
    catch (const mip6::InputError& e)
    {
        std::cerr << opt.program << ": " << e.message << std::endl;
        return 1;
    }
    return 0;
}

std::string
SummaryLine(const Summary& s)
{
    char line[256];
    std::snprintf(line,
                  sizeof(line),
                  "%-24s handovers %u  mean total_s %.3f  mean outage_s %.3f  BU %llu B  BA %llu B",
                  s.label.c_str(),
                  s.handovers,
                  s.meanTotal,
                  s.meanOutage,
                  static_cast<unsigned long long>(s.buBytes),
                  static_cast<unsigned long long>(s.baBytes));
    return std::string(line) + s.extra;
}

} // namespace mip6scenario
} // namespace ns3

/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * mip6-compare: the default comparison (DESIGN.md §1, §4, §5). Every selected security design runs
 * as its own simulation on the same WLAN run (same seed, run number and streams): one MN crossing
 * the access points while a probe flow runs between the CN and its home address. Results: the
 * CSVs of DESIGN.md §4 and manifest.json in --output; plots are drawn by analysis/mip6-plot.
 */

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
#include <cstdio>
#include <filesystem>
#include <iostream>

using namespace ns3;

namespace
{

/// Stream block of the topology (WiFi, mobility, radvd, IPv6): fixed, so every design sees the
/// same channel and mobility draws (DESIGN.md §5). Crypto draws from its own block.
const int64_t kTopologyStreams = 1000;

/// Figures of one design for the closing summary line.
struct Summary
{
    std::string design;
    uint32_t handovers{0};
    double meanTotal{0};
    double meanOutage{0};
    uint64_t buBytes{0};
    uint64_t baBytes{0};
    uint64_t events{0};
    std::map<std::string, std::string> transport; //!< the design's transport settings
    std::string dataProtection;                   //!< how the design protects payload
};

/// Prints simulated progress on stderr (DESIGN: a progress line for runs longer than a few
/// seconds).
void
Progress(const std::string& design, size_t index, size_t count, Time end)
{
    std::cerr << "mip6-compare: [" << index << "/" << count << "] " << design
              << " t=" << static_cast<int>(Simulator::Now().GetSeconds()) << "/"
              << static_cast<int>(end.GetSeconds()) << " s" << std::endl;
    if (Simulator::Now() + Seconds(10) < end)
    {
        Simulator::Schedule(Seconds(10), &Progress, design, index, count, end);
    }
}

/// Mean of a column over the rows where it is not NA.
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

/// Runs one design; appends its rows to the tables.
Summary
RunDesign(const Mip6CompareOptions& opt,
          const std::string& name,
          size_t index,
          size_t count,
          Mip6CsvTable& handovers,
          Mip6CsvTable& bootstrap,
          Mip6CsvTable& overhead,
          Mip6CsvTable& state,
          Mip6CsvTable& messages)
{
    // Each design is its own simulation: a full reset of the simulator and the crypto DRBG.
    RngSeedManager::SetSeed(opt.seed);
    RngSeedManager::SetRun(opt.run);
    Mip6CryptoRandom::Reset();

    const Time simTime = Seconds(opt.simTimeS);
    std::string error;
    Ptr<Mip6SecurityDesign> design = Mip6SecurityDesignFactory::Create(name, error);
    NS_ABORT_MSG_IF(!design, error);
    Ptr<Mip6WlanAccessHelper> access = CreateObject<Mip6WlanAccessHelper>();
    // A design with a controller of its own (RFC 6618's remote HAC) gets a node behind the HA.
    access->SetAttribute("HacNode", BooleanValue(design->WantsControllerNode()));
    access->SetAttribute("NumAccessPoints", UintegerValue(opt.aps));
    access->SetAttribute("AccessPointSpacing", DoubleValue(opt.apSpacingM));
    access->SetAttribute("MnSpeed", DoubleValue(opt.speedMps));
    access->SetAttribute("MaxMissedBeacons", UintegerValue(opt.maxMissedBeacons));
    access->SetAttribute("ActiveProbing", BooleanValue(opt.activeProbing));
    access->SetAttribute("RaMinInterval", TimeValue(MilliSeconds(opt.raMinIntervalMs)));
    access->SetAttribute("RaMaxInterval", TimeValue(MilliSeconds(opt.raMaxIntervalMs)));
    access->SetAttribute("HaArDelay", TimeValue(MicroSeconds(opt.haArDelayMs * 1000)));
    access->SetAttribute("CnHaDelay", TimeValue(MicroSeconds(opt.cnHaDelayMs * 1000)));
    Mip6WlanTopology topo = access->Build();
    access->AssignStreams(kTopologyStreams);
    if (topo.hac)
    {
        design->InstallController(topo.hac, topo.hacAddress, topo.haHacAddress);
    }
    // File names of this design's pcaps and key files: the variant name, ':' and ',' replaced.
    std::string safe = name;
    std::replace_if(
        safe.begin(),
        safe.end(),
        [](char c) { return c == ':' || c == ','; },
        '_');
    if (opt.pcap)
    {
        // Keys for tshark/Wireshark, one directory per design (variants reuse SPIs with other
        // keys); a design without a key export has no such attribute.
        const std::string keys = opt.output + "/keys/" + safe;
        std::filesystem::create_directories(keys);
        design->SetAttributeFailSafe("KeyExportDirectory", StringValue(keys));
    }
    Mip6Helper helper(design);
    helper.SetProbeAttribute("Rate", DoubleValue(opt.probeRatePps));
    helper.SetProbeAttribute("Size", UintegerValue(opt.probeSizeBytes));
    Mip6Helper::Installation inst = helper.InstallOnWlan(topo, Seconds(1), simTime);
    inst.mobileNode->GetMovementDetector()->SetAttribute(
        "DadWait",
        TimeValue(opt.dadWait == "rfc4862" ? Seconds(1) : Seconds(0)));

    // Node labels in messages.csv.
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
    const uint32_t mn = topo.mn->GetId();
    Ptr<Mip6OverheadMeter> meter = CreateObject<Mip6OverheadMeter>();
    Ptr<Mip6HandoverTimeline> timeline = inst.timeline;
    meter->SetPhaseProvider([timeline](uint32_t, Time now) { return timeline->GetPhase(now); });
    meter->AttachWifiMn(mn, topo.mnWifiDevice);
    for (const auto& ar : topo.accessRouters)
    {
        meter->AttachWifiAp(ar.apDevice);
    }
    for (uint32_t ifIndex : topo.haCoreInterfaces)
    {
        // The link to a remote HAC carries the HAC→HA protocol; the MN's TLS to the HAC is
        // counted once, on the access side (DESIGN.md §4.3).
        const bool hacLink = topo.hac && ifIndex == topo.haHacInterface;
        meter->AttachHaCore(topo.ha,
                            ifIndex,
                            hacLink ? std::optional<Mip6Category>(Mip6Category::HAC_HA)
                                    : std::nullopt);
    }
    // A design's TCP flow to a controller (RFC 6618's HAC): its segments, SYN/ACK/FIN included,
    // are `tls` (DESIGN.md §4.3); the MN side announces the 5-tuple when it connects.
    inst.mobileNode->GetSecurity()->TraceConnectWithoutContext(
        "TlsFlow",
        MakeBoundCallback(
            +[](Ptr<Mip6OverheadMeter> m,
                uint32_t mnId,
                Ipv6Address a,
                uint16_t aPort,
                Ipv6Address b,
                uint16_t bPort) { m->RegisterTlsFlow(mnId, a, aPort, b, bPort); },
            meter));
    // In-node messages (the PF_KEY MIGRATE equivalent) at point `local`: signalling of the
    // mobility/IPsec interface, so category mip6 (DESIGN.md §4.3 names no other).
    design->TraceConnectWithoutContext(
        "LocalMessage",
        MakeBoundCallback(
            +[](Ptr<Mip6OverheadMeter> m,
                uint32_t mnId,
                const std::string& node,
                const std::string& message,
                uint32_t bytes) { m->RecordLocal(mnId, node, Mip6Category::MIP6, message, bytes); },
            meter));

    Ptr<Mip6StateMeter> stateMeter = CreateObject<Mip6StateMeter>();
    stateMeter->AddMn(mn);
    Ptr<Mip6HomeAgent> ha = inst.homeAgent;
    const Ipv6Address hoa = topo.mnHomeAddress;
    stateMeter->AddProvider([ha, hoa, mn]() {
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
    stateMeter->Start();

    if (opt.pcap)
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
        const std::string dir = opt.output + "/pcap";
        std::filesystem::create_directories(dir);
        access->EnablePcap(dir + "/" + safe);
    }

    Simulator::Schedule(Seconds(10), &Progress, name, index, count, simTime);
    Simulator::Stop(simTime);
    Simulator::Run();
    stateMeter->Finish();

    const Mip6RunInfo info{opt.run, opt.seed, design->GetVariantName()};
    Mip6CsvTable ownHandovers(Mip6Schema::HandoverColumns());
    timeline->FillHandovers(info, ownHandovers);
    for (size_t i = 0; i < ownHandovers.GetRowCount(); ++i)
    {
        handovers.AddRow(ownHandovers.GetRow(i));
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
                            bootstrap,
                            inst.mobileNode->GetSecurity()->GetBootstrapRoundTrips(),
                            bsMessages,
                            bsUp,
                            bsDown,
                            inst.mobileNode->GetSecurity()->GetMhAuthPlaintextBytes());
    meter->AppendOverheadRows(overhead, info);
    meter->AppendMessageRows(messages, info);
    stateMeter->AppendRows(state, info);

    Summary s;
    s.design = info.design;
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
    Simulator::Destroy();
    Names::Clear();
    return s;
}

} // namespace

int
main(int argc, char** argv)
{
    const auto wallStart = std::chrono::steady_clock::now();
    Mip6CompareParseResult parsed =
        Mip6ParseCompareOptions(argc, argv, [](const std::string& name, std::string& error) {
            Mip6SecurityDesignFactory::Variant v;
            return Mip6SecurityDesignFactory::Parse(name, v, error);
        });
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
        break;
    }
    const Mip6CompareOptions& opt = parsed.options;
    std::string error;
    if (!Mip6ApplyAttributeOverrides(opt, error))
    {
        std::cerr << "mip6-compare: " << error << std::endl;
        return 2;
    }
    std::vector<std::string> designs;
    if (!Mip6SecurityDesignFactory::Expand(opt.designs, designs, error))
    {
        std::cerr << "mip6-compare: " << error << std::endl;
        return 2;
    }
    std::error_code ec;
    std::filesystem::create_directories(opt.output, ec);
    if (ec)
    {
        std::cerr << "mip6-compare: cannot create " << opt.output << ": " << ec.message()
                  << std::endl;
        return 2;
    }
    Mip6CryptoRandom::Install();

    Mip6CsvTable handovers(Mip6Schema::HandoverColumns());
    Mip6CsvTable bootstrap(Mip6Schema::BootstrapColumns());
    Mip6CsvTable overhead(Mip6Schema::OverheadColumns());
    Mip6CsvTable state(Mip6Schema::StateColumns());
    Mip6CsvTable messages(Mip6Schema::MessagesColumns());
    std::vector<Summary> summaries;
    uint64_t events = 0;
    for (size_t i = 0; i < designs.size(); ++i)
    {
        summaries.push_back(RunDesign(opt,
                                      designs[i],
                                      i + 1,
                                      designs.size(),
                                      handovers,
                                      bootstrap,
                                      overhead,
                                      state,
                                      messages));
        events += summaries.back().events;
    }

    // The files of one invocation: written afresh, one header each.
    const std::vector<std::pair<const Mip6CsvTable*, std::string>> files = {
        {&handovers, Mip6Schema::HandoversFile()},
        {&bootstrap, Mip6Schema::BootstrapFile()},
        {&overhead, Mip6Schema::OverheadFile()},
        {&state, Mip6Schema::StateFile()},
        {&messages, Mip6Schema::MessagesFile()},
    };
    for (const auto& [table, file] : files)
    {
        const std::string path = opt.output + "/" + file;
        std::filesystem::remove(path, ec);
        if (!table->AppendToFile(path, error))
        {
            std::cerr << "mip6-compare: " << error << std::endl;
            return 1;
        }
    }
    // mcoa.csv belongs to the multi-access scenario: not written here.

    Mip6Manifest manifest;
    manifest.program = "mip6-compare";
    manifest.version = MIP6_VERSION;
    manifest.run = opt.run;
    manifest.seed = opt.seed;
    manifest.designs = designs;
    manifest.parameters = opt.ToParameterMap();
    manifest.attributes = Mip6Manifest::ChangedAttributeDefaults();
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
    if (!manifest.Write(opt.output + "/" + Mip6Schema::ManifestFile(), error))
    {
        std::cerr << "mip6-compare: " << error << std::endl;
        return 1;
    }

    for (const auto& s : summaries)
    {
        char line[256];
        std::snprintf(
            line,
            sizeof(line),
            "%-24s handovers %u  mean total_s %.3f  mean outage_s %.3f  BU %llu B  BA %llu B",
            s.design.c_str(),
            s.handovers,
            s.meanTotal,
            s.meanOutage,
            static_cast<unsigned long long>(s.buBytes),
            static_cast<unsigned long long>(s.baBytes));
        std::cout << line << std::endl;
    }
    std::cout << "results in " << opt.output << " (wall " << manifest.wallTimeS << " s, " << events
              << " events)" << std::endl;
    return 0;
}

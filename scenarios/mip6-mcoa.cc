/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * mip6-mcoa: the multi-access scenario (DESIGN.md §4.5; doc/scenarios.rst). An MN with a WLAN and
 * a cellular access (abstract cell or LTE) stands next to one access point; the cellular access
 * attaches after the MN has registered over the WLAN; then the MN leaves WLAN coverage and comes
 * back several times (--wlan-outages) while a probe flow runs between the CN and its home
 * address. Every selected security design runs twice on the same run (same seed, run number and
 * streams): with a single binding (`policy` single: the binding moves to the cellular CoA and
 * back) and with multiple care-of addresses (RFC 5648, `policy` mcoa: both CoAs registered under
 * their own BIDs, bulk registration). Results: the CSVs of DESIGN.md §4, mcoa.csv included, and
 * manifest.json in --output; plots are drawn by analysis/mip6-plot.
 */

#include "mip6-scenario-common.h"

#include "ns3/config.h"
#include "ns3/core-module.h"
#include "ns3/mip6-cellular-access-helper.h"
#include "ns3/mip6-compare-options.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-outage-error-model.h"
#include "ns3/mip6-result-writer.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/mobility-model.h"
#include "ns3/point-to-point-helper.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

using namespace ns3;

namespace
{

using namespace mip6scenario;

/// The program name (its own options in Mip6ParseCompareOptions).
const std::string PROGRAM = "mip6-mcoa";

/// Where the MN stands while it is out of WLAN coverage: 1 km from the AP (far below the WLAN's
/// reception threshold), still well inside the LTE cell.
const Vector OUT_OF_WLAN(0.0, 1000.0, 0.0);

/// After the second CoA became usable, traffic has this long to settle on its path before
/// simultaneous use is judged.
const double SETTLE_S = 1.0;

/// Signalling categories counted in add_coa_bytes (the design's and Mobile IPv6's own messages;
/// ND runs on a regained access whatever the policy).
bool
IsSignalling(Mip6Category c)
{
    return c == Mip6Category::MIP6 || c == Mip6Category::IKE || c == Mip6Category::TLS;
}

/// What the traces of one simulation give for mcoa.csv.
struct McoaTrace
{
    std::map<uint32_t, Time> cnTx;                         //!< CN→HoA probes sent
    std::map<uint32_t, Time> mnTx;                         //!< HoA→CN probes sent
    std::map<uint32_t, std::pair<Time, Ipv6Address>> mnRx; //!< CN probes at the MN, via CoA
    std::map<uint32_t, Time> cnRx;                         //!< MN probes at the CN
    std::vector<std::pair<Time, Ipv6Address>> downlink;    //!< every MN reception, in order
    std::vector<Time> wlanUsable;                          //!< WLAN CoaUsable
    std::vector<Time> cellUsable;                          //!< cellular CoaUsable
    std::vector<Time> accepted;                            //!< accepted registrations of the
                                                           //!< WLAN CoA (BA or BID 1)
    std::vector<Mip6SecurityState> twoUp;                  //!< HA state as WLAN is lost
    std::vector<Mip6SecurityState> oneUp;                  //!< HA state as WLAN returns
};

/// The figures of one design × policy.
struct McoaFigures
{
    std::optional<double> failoverOutageS; //!< mean over the WLAN losses
    uint64_t failoverProbesLost{0};        //!< sum over the WLAN losses
    uint32_t failovers{0};                 //!< losses with a measured outage
    std::optional<double> addCoaBytes;     //!< mean over the WLAN regains
    std::optional<double> addCoaS;         //!< mean over the WLAN regains
    bool simultaneous{false};              //!< both CoAs delivered probes in one period
};

/**
 * Computes the figures of mcoa.csv from the traces (doc/scenarios.rst, "mcoa.csv").
 * \param t the traces
 * \param outages the WLAN coverage gaps
 * \param simTime the end of the run
 * \param wlanCoa the WLAN CoA
 * \param cellCoa the cellular CoA
 * \param messages every signalling message counted by the overhead meter
 * \return the figures
 */
McoaFigures
Figures(const McoaTrace& t,
        const std::vector<Mip6CellOutage>& outages,
        Time simTime,
        Ipv6Address wlanCoa,
        Ipv6Address cellCoa,
        const std::vector<Mip6OverheadMeter::Observation>& messages)
{
    McoaFigures f;
    double outageSum = 0;
    // Failover: WLAN lost at L -> probes flowing again (over the cellular CoA, or over the WLAN
    // when no failover happened before it came back).
    for (const auto& o : outages)
    {
        const Time lost = o.start;
        if (lost >= simTime)
        {
            continue;
        }
        std::optional<std::pair<Time, Time>> before; // receive, send time
        std::optional<std::pair<Time, Time>> after;
        for (const auto& [seq, rx] : t.mnRx)
        {
            auto tx = t.cnTx.find(seq);
            if (tx == t.cnTx.end())
            {
                continue; // not sent by this run's CN (cannot happen with one probe flow)
            }
            const Time sent = tx->second;
            if (rx.first <= lost && (!before || rx.first > before->first))
            {
                before = std::make_pair(rx.first, sent);
            }
            if (rx.first > lost && (!after || rx.first < after->first))
            {
                after = std::make_pair(rx.first, sent);
            }
        }
        if (!before || !after)
        {
            continue;
        }
        outageSum += (after->first - before->first).GetSeconds();
        f.failovers++;
        // Probes of both directions sent inside the window and never received.
        auto lostIn = [&](const std::map<uint32_t, Time>& tx,
                          const std::function<bool(uint32_t)>& received) {
            uint64_t n = 0;
            for (const auto& [seq, sent] : tx)
            {
                if (sent > before->second && sent < after->second && !received(seq))
                {
                    n++;
                }
            }
            return n;
        };
        f.failoverProbesLost += lostIn(t.cnTx, [&](uint32_t s) { return t.mnRx.count(s) > 0; }) +
                                lostIn(t.mnTx, [&](uint32_t s) { return t.cnRx.count(s) > 0; });
    }
    if (f.failovers)
    {
        f.failoverOutageS = outageSum / f.failovers;
    }

    // Adding the WLAN CoA back: from its CoaUsable after a regain to the first accepted
    // registration of it; the signalling bytes at mn-air in between.
    double bytesSum = 0;
    double timeSum = 0;
    uint32_t adds = 0;
    for (const auto& o : outages)
    {
        const Time back = o.GetEnd();
        if (back >= simTime)
        {
            continue;
        }
        auto usable = std::find_if(t.wlanUsable.begin(), t.wlanUsable.end(), [back](Time u) {
            return u >= back;
        });
        if (usable == t.wlanUsable.end())
        {
            continue;
        }
        auto acc = std::find_if(t.accepted.begin(), t.accepted.end(), [usable](Time a) {
            return a >= *usable;
        });
        if (acc == t.accepted.end())
        {
            continue;
        }
        uint64_t bytes = 0;
        for (const auto& m : messages)
        {
            if (m.point == Mip6OverheadMeter::POINT_MN_AIR && IsSignalling(m.category) &&
                m.t >= *usable && m.t <= *acc)
            {
                bytes += m.ipBytes;
            }
        }
        bytesSum += bytes;
        timeSum += (*acc - *usable).GetSeconds();
        adds++;
    }
    if (adds)
    {
        f.addCoaBytes = bytesSum / adds;
        f.addCoaS = timeSum / adds;
    }

    // Simultaneous use: in a period with both accesses up (from SETTLE_S after the second CoA
    // became usable to the next WLAN loss), probes came in through both CoAs.
    std::vector<std::pair<Time, Time>> periods;
    if (!t.cellUsable.empty())
    {
        Time from = std::max(t.cellUsable.front(),
                             t.wlanUsable.empty() ? Time::Max() : t.wlanUsable.front());
        for (const auto& o : outages)
        {
            // Time::Max(): the WLAN never became usable (again); no period to add.
            if (from != Time::Max() && from + Seconds(SETTLE_S) < o.start)
            {
                periods.emplace_back(from + Seconds(SETTLE_S), o.start);
            }
            auto usable = std::find_if(t.wlanUsable.begin(), t.wlanUsable.end(), [&o](Time u) {
                return u >= o.GetEnd();
            });
            from = usable == t.wlanUsable.end() ? Time::Max() : *usable;
        }
        if (from != Time::Max() && from + Seconds(SETTLE_S) < simTime)
        {
            periods.emplace_back(from + Seconds(SETTLE_S), simTime);
        }
    }
    for (const auto& [a, b] : periods)
    {
        bool viaWlan = false;
        bool viaCell = false;
        for (const auto& [at, coa] : t.downlink)
        {
            if (at >= a && at < b)
            {
                viaWlan |= coa == wlanCoa;
                viaCell |= coa == cellCoa;
            }
        }
        f.simultaneous |= viaWlan && viaCell;
    }
    return f;
}

/// \return the largest count over the snapshots, NA if none
std::string
MaxOf(const std::vector<Mip6SecurityState>& states, uint32_t Mip6SecurityState::*field)
{
    if (states.empty())
    {
        return Mip6Format::NA;
    }
    uint32_t m = 0;
    for (const auto& s : states)
    {
        m = std::max(m, static_cast<uint32_t>(s.*field));
    }
    return Mip6Format::Uint(m);
}

/// \return a mean as text: an integer when whole, else 1 decimal; NA if absent
std::string
MeanText(const std::optional<double>& v, int decimals)
{
    if (!v)
    {
        return Mip6Format::NA;
    }
    return Mip6Format::Fixed(*v, decimals);
}

/// Records one HA state snapshot.
void
Snapshot(Ptr<Mip6HomeAgent> ha, Ipv6Address hoa, std::vector<Mip6SecurityState>* into)
{
    into->push_back(ha->GetSecurity()->GetState(hoa));
}

/// Moves the MN (out of or back into WLAN coverage).
void
MoveTo(Ptr<MobilityModel> mobility, Vector position)
{
    mobility->SetPosition(position);
}

/**
 * Runs one design with one policy; appends its rows to the tables.
 * \param opt options
 * \param name design variant
 * \param policy "single" or "mcoa"
 * \param index position of this simulation, from 1
 * \param count number of simulations
 * \param tables the common tables
 * \param mcoa mcoa.csv
 * \return the summary
 */
Summary
RunDesign(const Mip6CompareOptions& opt,
          const std::string& name,
          const std::string& policy,
          size_t index,
          size_t count,
          Tables& tables,
          Mip6CsvTable& mcoa)
{
    // Each simulation is fresh: the simulator and the crypto DRBG reset; both policies of a
    // design run on the same seed, run number and streams.
    ResetSimulation(opt);
    const Time simTime = Seconds(opt.simTimeS);
    std::vector<Mip6CellOutage> outages;
    std::string error;
    NS_ABORT_MSG_UNLESS(Mip6ParseCellOutages(opt.wlanOutages, outages, error), error);

    Ptr<Mip6SecurityDesign> design = Mip6SecurityDesignFactory::Create(name, error);
    NS_ABORT_MSG_IF(!design, error);
    Ptr<Mip6WlanAccessHelper> access = CreateObject<Mip6WlanAccessHelper>();
    ConfigureWlan(access, opt, design);
    // One AP; the MN stands at x = 0 (the AP is 5 m aside) and only leaves its coverage.
    access->SetAttribute("NumAccessPoints", UintegerValue(1));
    access->SetAttribute("MnSpeed", DoubleValue(0));
    Mip6WlanTopology topo = access->Build();
    Ptr<Mip6CellularAccessHelper> cellHelper = CreateObject<Mip6CellularAccessHelper>();
    cellHelper->SetAttribute("Mode", StringValue(opt.cellular));
    cellHelper->SetAttribute("NumCells", UintegerValue(1));
    cellHelper->SetAttribute("AttachTime", TimeValue(Seconds(opt.cellAttachS)));
    Mip6CellularAccess cell = cellHelper->Install(topo.mn, topo.ha);
    const int64_t used = access->AssignStreams(TOPOLOGY_STREAMS);
    cellHelper->AssignStreams(TOPOLOGY_STREAMS + used);
    if (topo.hac)
    {
        design->InstallController(topo.hac, topo.hacAddress, topo.haHacAddress);
    }
    const std::string safe = FileSafeName(name) + "-" + policy;
    ExportKeys(opt, design, safe);

    Mip6Helper helper(design);
    helper.SetProbeAttribute("Rate", DoubleValue(opt.probeRatePps));
    helper.SetProbeAttribute("Size", UintegerValue(opt.probeSizeBytes));
    helper.SetProcessingProfile(opt.processingProfile);
    helper.SetMobileNodeAttribute("MultipleCoa", BooleanValue(policy == "mcoa"));
    Mip6Helper::Installation inst = helper.InstallOnWlan(topo, Seconds(1), simTime, {cell.monitor});
    const TimeValue dadWait(opt.dadWait == "rfc4862" ? Seconds(1) : Seconds(0));
    inst.mobileNode->GetMovementDetector()->SetAttribute("DadWait", dadWait);
    cell.monitor->SetAttributeFailSafe("DadWait", dadWait);

    NameNodes(topo);
    Names::Add("cell", cell.gatewayNode);
    const RunMeters meters = AttachMeters(topo, inst, design, {cell.coreInterface});
    meters.overhead->AttachIpInterface(topo.mn->GetId(), topo.mn, cell.mnInterface);

    // The traces mcoa.csv is computed from.
    McoaTrace trace;
    inst.cnProbe->TraceConnectWithoutContext(
        "ProbeTx",
        MakeBoundCallback(
            +[](McoaTrace* t, uint32_t seq, Time at) { t->cnTx[seq] = at; },
            &trace));
    inst.mnProbe->TraceConnectWithoutContext(
        "ProbeTx",
        MakeBoundCallback(
            +[](McoaTrace* t, uint32_t seq, Time at) { t->mnTx[seq] = at; },
            &trace));
    inst.mnProbe->TraceConnectWithoutContext(
        "ProbeRx",
        MakeBoundCallback(
            +[](McoaTrace* t, uint32_t seq, Time, Ipv6Address coa) {
                t->mnRx.emplace(seq, std::make_pair(Simulator::Now(), coa));
                t->downlink.emplace_back(Simulator::Now(), coa);
            },
            &trace));
    inst.cnProbe->TraceConnectWithoutContext(
        "ProbeRx",
        MakeBoundCallback(
            +[](McoaTrace* t, uint32_t seq, Time, Ipv6Address) {
                t->cnRx.emplace(seq, Simulator::Now());
            },
            &trace));
    inst.mobileNode->GetMovementDetector()->TraceConnectWithoutContext(
        "CoaUsable",
        MakeBoundCallback(
            +[](McoaTrace* t, Ipv6Address) { t->wlanUsable.push_back(Simulator::Now()); },
            &trace));
    cell.monitor->TraceConnectWithoutContext(
        "CoaUsable",
        MakeBoundCallback(
            +[](McoaTrace* t, Ipv6Address) { t->cellUsable.push_back(Simulator::Now()); },
            &trace));
    // The WLAN CoA registered: a single binding's accepted BA while the WLAN is primary, or the
    // accepted status of BID 1 (the WLAN, the first access) under MCoA.
    Ptr<Mip6MobileNode> mnAgent = inst.mobileNode;
    if (policy == "mcoa")
    {
        mnAgent->TraceConnectWithoutContext(
            "BidStatus",
            MakeBoundCallback(
                +[](McoaTrace* t, uint16_t bid, uint8_t status, uint16_t) {
                    if (bid == 1 && status < 128)
                    {
                        t->accepted.push_back(Simulator::Now());
                    }
                },
                &trace));
    }
    else
    {
        mnAgent->TraceConnectWithoutContext(
            "BindingAckReceived",
            MakeBoundCallback(
                +[](McoaTrace* t, Ptr<Mip6MobileNode> agent, uint8_t status, uint16_t, Time) {
                    if (status < 128 && agent->GetPrimaryAccess() == 0)
                    {
                        t->accepted.push_back(Simulator::Now());
                    }
                },
                &trace,
                mnAgent));
    }

    // WLAN coverage lost and regained: the HA's state is read just before each change (the end
    // of a period with two, then one, access up), then the MN moves.
    Ptr<MobilityModel> mobility = topo.mn->GetObject<MobilityModel>();
    const Vector home = mobility->GetPosition();
    for (const auto& o : outages)
    {
        Simulator::Schedule(o.start, &Snapshot, inst.homeAgent, topo.mnHomeAddress, &trace.twoUp);
        Simulator::Schedule(o.start, &MoveTo, mobility, OUT_OF_WLAN);
        if (o.GetEnd() < simTime)
        {
            Simulator::Schedule(o.GetEnd(),
                                &Snapshot,
                                inst.homeAgent,
                                topo.mnHomeAddress,
                                &trace.oneUp);
            Simulator::Schedule(o.GetEnd(), &MoveTo, mobility, home);
        }
    }

    if (opt.pcap)
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
        const std::string dir = opt.output + "/pcap";
        std::filesystem::create_directories(dir);
        access->EnablePcap(dir + "/" + safe);
        if (cell.cellDevices.GetN() > 0)
        {
            // The abstract cell's link (both ends); LTE's radio has no pcap.
            PointToPointHelper().EnablePcap(dir + "/" + safe + "-cell", cell.cellDevices);
        }
    }

    const std::string label = name + " " + policy;
    StartProgress(PROGRAM, label, index, count, simTime);
    Simulator::Stop(simTime);
    Simulator::Run();

    const Mip6RunInfo info{opt.run, opt.seed, design->GetVariantName()};
    Summary s = Collect(info, inst, design, meters, tables);
    s.label = label;
    const McoaFigures f = Figures(trace,
                                  outages,
                                  simTime,
                                  topo.GetMnAutoconfiguredAddress(0),
                                  cell.careOfAddress,
                                  meters.overhead->GetMessages());

    // DESIGN.md §4.5: one row per interfaces-up phase (2: WLAN and cellular; 1: cellular only),
    // each with the HA's state at the end of its periods.
    auto row = [&](uint32_t interfaces, const std::vector<Mip6SecurityState>& states) {
        Mip6CsvRow r;
        r.Add(Mip6Format::Uint(info.run))
            .Add(Mip6Format::Uint(info.seed))
            .Add(info.design)
            .Add(policy)
            .Add(Mip6Format::Uint(interfaces))
            .Add(MaxOf(states, &Mip6SecurityState::ikeSas))
            .Add(MaxOf(states, &Mip6SecurityState::saCount));
        return r;
    };
    const std::string na = Mip6Format::NA;
    Mip6CsvRow two = row(2, trace.twoUp);
    two.Add(MeanText(f.addCoaBytes, 0))
        .Add(f.addCoaS ? Mip6Format::Seconds(*f.addCoaS) : na)
        .Add(Mip6Format::Bool(f.simultaneous))
        .Add(na)
        .Add(na);
    mcoa.AddRow(two);
    Mip6CsvRow one = row(1, trace.oneUp);
    one.Add(na)
        .Add(na)
        .Add(na)
        .Add(f.failoverOutageS ? Mip6Format::Seconds(*f.failoverOutageS) : na)
        .Add(f.failovers ? Mip6Format::Uint(f.failoverProbesLost) : na);
    mcoa.AddRow(one);

    char extra[160];
    std::snprintf(extra,
                  sizeof(extra),
                  "  failover %s s, %s lost  add-CoA %s B, %s s",
                  f.failoverOutageS ? Mip6Format::Seconds(*f.failoverOutageS).c_str() : "NA",
                  f.failovers ? std::to_string(f.failoverProbesLost).c_str() : "NA",
                  MeanText(f.addCoaBytes, 0).c_str(),
                  f.addCoaS ? Mip6Format::Seconds(*f.addCoaS).c_str() : "NA");
    s.extra = extra;
    Simulator::Destroy();
    Names::Clear();
    return s;
}

/**
 * `--designs all` here: every design with its defaults, each followed by its own MCoA policies
 * (the non-default values of its `mcoa` key with the keys they require, e.g. ipsec-ikev2's
 * per-coa and mobike), so the default run sets IKEv2's MCoA policies beside the other designs.
 * \param designs the expanded `all` list
 * \return the list with the MCoA policy variants added
 */
std::vector<std::string>
WithMcoaPolicies(const std::vector<std::string>& designs)
{
    std::map<std::string, Mip6SecurityDesignFactory::Entry> byId;
    for (const auto& e : Mip6SecurityDesignFactory::GetDesigns())
    {
        byId[e.id] = e;
    }
    std::vector<std::string> out;
    for (const auto& name : designs)
    {
        out.push_back(name);
        auto entry = byId.find(name);
        if (entry == byId.end())
        {
            continue;
        }
        for (const auto& key : entry->second.keys)
        {
            if (key.name != "mcoa")
            {
                continue;
            }
            for (const auto& value : key.values)
            {
                if (value == key.defaultValue)
                {
                    continue;
                }
                std::string variant = name + ":mcoa=" + value;
                auto required = key.valueRequires.find(value);
                if (required != key.valueRequires.end())
                {
                    variant += "," + required->second;
                }
                Mip6SecurityDesignFactory::Variant parsed;
                std::string error;
                NS_ABORT_MSG_UNLESS(Mip6SecurityDesignFactory::Parse(variant, parsed, error),
                                    error);
                out.push_back(parsed.canonical);
            }
        }
    }
    return out;
}

} // namespace

int
main(int argc, char** argv)
{
    const auto wallStart = std::chrono::steady_clock::now();
    Mip6CompareOptions opt;
    std::vector<std::string> designs;
    // `--designs all` adds each design's MCoA policies (also in the --dry-run list).
    auto refine = [](const Mip6CompareOptions& o, const std::vector<std::string>& expanded) {
        return o.designs == std::vector<std::string>{"all"} ? WithMcoaPolicies(expanded) : expanded;
    };
    if (auto done = Prepare(argc, argv, PROGRAM, opt, designs, refine))
    {
        return *done;
    }
    std::string error;

    // The common CSVs of each policy go to their own subdirectory (single/, mcoa/): their rows
    // have no policy column, and each subdirectory reads like a mip6-compare output.
    std::map<std::string, Tables> tables;
    Mip6CsvTable mcoa(Mip6Schema::McoaColumns());
    std::vector<Summary> summaries;
    uint64_t events = 0;
    const std::vector<std::string> policies = {"single", "mcoa"};
    const size_t count = designs.size() * policies.size();
    size_t index = 0;
    for (const auto& name : designs)
    {
        for (const auto& policy : policies)
        {
            summaries.push_back(RunDesign(opt, name, policy, ++index, count, tables[policy], mcoa));
            events += summaries.back().events;
        }
    }

    for (const auto& policy : policies)
    {
        std::error_code ec;
        const std::string dir = opt.output + "/" + policy;
        std::filesystem::create_directories(dir, ec);
        if (ec || !WriteFiles(dir, CommonFiles(tables[policy]), error))
        {
            std::cerr << PROGRAM << ": " << (ec ? "cannot create " + dir : error) << std::endl;
            return 1;
        }
    }
    if (!WriteFiles(opt.output, {{&mcoa, Mip6Schema::McoaFile()}}, error))
    {
        std::cerr << PROGRAM << ": " << error << std::endl;
        return 1;
    }
    return Finish(opt, designs, summaries, wallStart, events);
}

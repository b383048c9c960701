/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-summary-table.h"

// Boost.PropertyTree's JSON parser includes boost/bind.hpp, which warns unless this is set.
#define BOOST_BIND_GLOBAL_PLACEHOLDERS

#include <algorithm>
#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

namespace mip6
{

namespace
{

namespace fs = std::filesystem;

/// A metric of the table: where it comes from and its unit.
struct MetricDef
{
    const char* section; ///< the section
    const char* metric;  ///< the name in summary.csv
    const char* unit;    ///< its unit
};

/// handovers.csv columns averaged per run (DESIGN.md §4.1), in table order.
const std::vector<MetricDef> HANDOVER_METRICS = {
    {"handover", "total_s", "s"},
    {"handover", "outage_s", "s"},
    {"handover", "probes_lost", "packets"},
    {"handover", "l2_detect_s", "s"},
    {"handover", "l2_attach_s", "s"},
    {"handover", "md_s", "s"},
    {"handover", "dad_s", "s"},
    {"handover", "sec_s", "s"},
    {"handover", "reg_s", "s"},
};

/// bootstrap.csv columns (reason = initial) averaged per run (DESIGN.md §4.2).
const std::vector<MetricDef> BOOTSTRAP_METRICS = {
    {"bootstrap", "bytes_up", "B"},
    {"bootstrap", "bytes_down", "B"},
    {"bootstrap", "messages", "messages"},
    {"bootstrap", "round_trips", "round-trips"},
    {"bootstrap", "total_s", "s"},
};

/// overhead.csv sums at mn-air: signalling in the handover phase per handover (DESIGN.md §4.3).
/// The bootstrap phase's signalling (BU/BA included) per run, same categories.
const std::vector<MetricDef> SIGNALLING_METRICS = {
    {"signalling", "ip_bytes_per_handover", "B"},
    {"signalling", "l2_bytes_per_handover", "B"},
    {"signalling", "packets_per_handover", "packets"},
    {"signalling", "mn_packets_per_handover", "packets"},
    {"signalling", "ip_bytes_bootstrap", "B"},
    {"signalling", "l2_bytes_bootstrap", "B"},
    {"signalling", "packets_bootstrap", "packets"},
};

/// overhead.csv sums at mn-air: the tunnelled payload's overhead per data packet.
const std::vector<MetricDef> PROTECTION_METRICS = {
    {"data-protection", "tunnel_bytes_per_packet", "B/packet"},
    {"data-protection", "protection_bytes_per_packet", "B/packet"},
    {"data-protection", "overhead_bytes_per_packet", "B/packet"},
};

/// state.csv, the last snapshot of each MN (DESIGN.md §4.4).
const std::vector<MetricDef> STATE_METRICS = {
    {"ha-state", "bindings", "entries"},
    {"ha-state", "sa_count", "entries"},
    {"ha-state", "spd_entries", "entries"},
    {"ha-state", "ike_sas", "entries"},
    {"ha-state", "hac_records", "entries"},
    {"ha-state", "key_bytes", "B"},
    {"ha-state", "state_bytes", "B"},
};

/// mcoa.csv columns per policy and interfaces (DESIGN.md §4.5).
const std::vector<MetricDef> MCOA_METRICS = {
    {"mcoa", "ike_sas", "entries"},
    {"mcoa", "sa_count", "entries"},
    {"mcoa", "add_coa_bytes", "B"},
    {"mcoa", "add_coa_s", "s"},
    {"mcoa", "simultaneous_use", "fraction"},
    {"mcoa", "failover_outage_s", "s"},
    {"mcoa", "failover_probes_lost", "packets"},
};

/// The signalling categories of a handover (the design's own protocols; nd is access, not design).
const std::set<std::string> SIGNALLING = {"mip6", "ike", "tls"};

/// Sum and count of the non-NA values of one metric in one run, and its NA cells.
struct Acc
{
    double sum{0}; ///< sum of the values
    size_t n{0};   ///< values
    size_t na{0};  ///< NA cells

    /// \param v a value
    void Add(double v)
    {
        sum += v;
        ++n;
    }
};

/// What one run of one group contributed.
struct RunAcc
{
    bool handoversFile{false};            ///< handovers.csv had rows for it
    size_t registered{0};                 ///< its handovers.csv rows with bu_sent > 0
    std::map<std::string, Acc> handover;  ///< column → values
    std::map<std::string, Acc> bootstrap; ///< column → values (reason initial)
    bool overheadFile{false};             ///< overhead.csv had rows for it
    double sigIp{0};                      ///< signalling IP bytes, handover phase
    double sigL2{0};                      ///< signalling L2 bytes, handover phase
    bool sigL2Na{false};                  ///< some of them had no L2 bytes
    double sigPackets{0};                 ///< signalling packets, handover phase
    double sigMnPackets{0};               ///< of them sent by the MN (tx)
    double bootIp{0};                     ///< signalling IP bytes, bootstrap phase
    double bootL2{0};                     ///< signalling L2 bytes, bootstrap phase
    bool bootL2Na{false};                 ///< some of them had no L2 bytes
    double bootPackets{0};                ///< signalling packets, bootstrap phase
    double tunnelIp{0};                   ///< tunnel IP bytes, all phases
    double protectionIp{0};               ///< data-protection IP bytes, all phases
    double dataPackets{0};                ///< data packets, all phases
    std::map<std::string, std::pair<double, std::vector<double>>> stateLast; ///< mn → (t, values)
    std::map<std::string, std::map<std::string, Acc>> mcoa; ///< subgroup → column → values
};

/// A group and its runs, in first-appearance order.
struct GroupAcc
{
    std::string scenario;               ///< scenario
    std::string point;                  ///< point
    std::string design;                 ///< design
    std::vector<std::string> runOrder;  ///< run keys in order
    std::map<std::string, RunAcc> runs; ///< run key → contribution
    std::vector<std::string> subgroups; ///< MCoA subgroups in order

    /// \param key a run key \return its accumulator (created)
    RunAcc& Run(const std::string& key)
    {
        if (!runs.count(key))
        {
            runOrder.push_back(key);
        }
        return runs[key];
    }
};

/// Every group, in first-appearance order.
class Groups
{
  public:
    /// \return the group (created)
    GroupAcc& Get(const std::string& scenario, const std::string& point, const std::string& design)
    {
        const std::string key = scenario + '\x1f' + point + '\x1f' + design;
        auto it = m_index.find(key);
        if (it != m_index.end())
        {
            return m_groups[it->second];
        }
        m_index[key] = m_groups.size();
        m_groups.push_back(GroupAcc{scenario, point, design, {}, {}, {}});
        return m_groups.back();
    }

    /// \return the groups
    const std::deque<GroupAcc>& All() const
    {
        return m_groups;
    }

  private:
    std::deque<GroupAcc> m_groups;         ///< groups (a deque: references stay valid)
    std::map<std::string, size_t> m_index; ///< key → index
};

/// Where the rows of one folder go: a fixed group and run (campaign) or by their cells.
struct Target
{
    bool fixed{false};    ///< campaign run: every row to `design`, run `runKey`
    std::string scenario; ///< the scenario
    std::string point;    ///< the point
    std::string design;   ///< the design when fixed
    std::string runKey;   ///< the run when fixed
    std::string suffix;   ///< appended to the design (a scenario's sub-folder, e.g. " [mcoa]")
};

/// \param csv the table \param r row \param target where \param groups groups \return its group
GroupAcc&
GroupOf(const Csv& csv, size_t r, const Target& target, Groups& groups)
{
    const std::string design = target.fixed ? target.design : csv.rows[r][csv.Column("design")];
    return groups.Get(target.scenario, target.point, design + target.suffix);
}

/**
 * \param csv a table
 * \param r a row
 * \param target where rows go
 * \param groups the groups
 * \return the run accumulator of the row
 */
RunAcc&
RunOf(const Csv& csv, size_t r, const Target& target, Groups& groups)
{
    GroupAcc& g = GroupOf(csv, r, target, groups);
    if (target.fixed)
    {
        return g.Run(target.runKey);
    }
    const auto& row = csv.rows[r];
    return g.Run("run=" + row[csv.Column("run")] + ";seed=" + row[csv.Column("seed")]);
}

/**
 * Checks that a table has every column the summary reads (a clear error instead of a partial
 * table).
 * \param csv the table
 * \param names the columns
 */
void
Require(const Csv& csv, const std::vector<std::string>& names)
{
    for (const auto& n : names)
    {
        csv.Column(n);
    }
}

/// Reads the CSVs of one folder into the groups (not its sub-folders).
void
ReadTables(const fs::path& dir, const Target& target, Groups& groups, bool& anyCsv)
{
    const std::vector<std::string> keys = {"run", "seed", "design"};
    const fs::path handovers = dir / "handovers.csv";
    if (fs::exists(handovers))
    {
        anyCsv = true;
        Csv csv = ReadCsv(handovers.string());
        Require(csv, keys);
        std::vector<size_t> cols;
        for (const auto& m : HANDOVER_METRICS)
        {
            cols.push_back(csv.Column(m.metric));
        }
        const size_t buSent = csv.Column("bu_sent");
        for (size_t r = 0; r < csv.rows.size(); ++r)
        {
            RunAcc& run = RunOf(csv, r, target, groups);
            run.handoversFile = true;
            // Signalling is divided by the handovers that registered: one still open at the end
            // of the run with no BU yet, or an L2-only one (bu_sent NA), sent no signalling.
            if (double bus; csv.Number(r, buSent, bus) && bus > 0)
            {
                run.registered++;
            }
            for (size_t k = 0; k < cols.size(); ++k)
            {
                double v;
                Acc& a = run.handover[HANDOVER_METRICS[k].metric];
                if (csv.Number(r, cols[k], v))
                {
                    a.Add(v);
                }
                else
                {
                    a.na++;
                }
            }
        }
    }
    const fs::path bootstrap = dir / "bootstrap.csv";
    if (fs::exists(bootstrap))
    {
        anyCsv = true;
        Csv csv = ReadCsv(bootstrap.string());
        Require(csv, keys);
        const size_t reason = csv.Column("reason");
        std::vector<size_t> cols;
        for (const auto& m : BOOTSTRAP_METRICS)
        {
            cols.push_back(csv.Column(m.metric));
        }
        for (size_t r = 0; r < csv.rows.size(); ++r)
        {
            RunAcc& run = RunOf(csv, r, target, groups);
            if (csv.rows[r][reason] != "initial")
            {
                continue;
            }
            for (size_t k = 0; k < cols.size(); ++k)
            {
                double v;
                Acc& a = run.bootstrap[BOOTSTRAP_METRICS[k].metric];
                if (csv.Number(r, cols[k], v))
                {
                    a.Add(v);
                }
                else
                {
                    a.na++;
                }
            }
        }
    }
    const fs::path overhead = dir / "overhead.csv";
    if (fs::exists(overhead))
    {
        anyCsv = true;
        Csv csv = ReadCsv(overhead.string());
        Require(csv, keys);
        const size_t point = csv.Column("point");
        const size_t category = csv.Column("category");
        const size_t phase = csv.Column("phase");
        const size_t direction = csv.Column("direction");
        const size_t packets = csv.Column("packets");
        const size_t ip = csv.Column("ip_bytes");
        const size_t l2 = csv.Column("l2_bytes");
        for (size_t r = 0; r < csv.rows.size(); ++r)
        {
            RunAcc& run = RunOf(csv, r, target, groups);
            run.overheadFile = true;
            const auto& row = csv.rows[r];
            double p = 0;
            double ipBytes = 0;
            double l2Bytes = 0;
            csv.Number(r, packets, p);
            csv.Number(r, ip, ipBytes);
            const bool hasL2 = csv.Number(r, l2, l2Bytes);
            if (row[point] != "mn-air")
            {
                continue;
            }
            const std::string& cat = row[category];
            if (row[phase] == "handover" && SIGNALLING.count(cat))
            {
                run.sigIp += ipBytes;
                run.sigPackets += p;
                run.sigL2 += l2Bytes;
                run.sigL2Na = run.sigL2Na || !hasL2;
                run.sigMnPackets += row[direction] == "tx" ? p : 0;
            }
            if (row[phase] == "bootstrap" && SIGNALLING.count(cat))
            {
                run.bootIp += ipBytes;
                run.bootPackets += p;
                run.bootL2 += l2Bytes;
                run.bootL2Na = run.bootL2Na || !hasL2;
            }
            if (cat == "tunnel")
            {
                run.tunnelIp += ipBytes;
            }
            else if (cat == "data-protection")
            {
                run.protectionIp += ipBytes;
            }
            else if (cat == "data")
            {
                run.dataPackets += p;
            }
        }
    }
    const fs::path state = dir / "state.csv";
    if (fs::exists(state))
    {
        anyCsv = true;
        Csv csv = ReadCsv(state.string());
        Require(csv, keys);
        const size_t t = csv.Column("t_s");
        const size_t mn = csv.Column("mn");
        std::vector<size_t> cols;
        for (const auto& m : STATE_METRICS)
        {
            cols.push_back(csv.Column(m.metric));
        }
        for (size_t r = 0; r < csv.rows.size(); ++r)
        {
            RunAcc& run = RunOf(csv, r, target, groups);
            if (csv.rows[r][mn] == "all")
            {
                continue;
            }
            double ts = 0;
            if (!csv.Number(r, t, ts))
            {
                throw InputError{csv.path + ":" + std::to_string(csv.lines[r]) + ": t_s is NA"};
            }
            std::vector<double> values;
            for (size_t c : cols)
            {
                double v = 0;
                csv.Number(r, c, v);
                values.push_back(v);
            }
            auto it = run.stateLast.find(csv.rows[r][mn]);
            // The last snapshot: the latest t_s (rows are in time order; the later row wins ties).
            if (it == run.stateLast.end() || ts >= it->second.first)
            {
                run.stateLast[csv.rows[r][mn]] = {ts, values};
            }
        }
    }
    const fs::path mcoa = dir / "mcoa.csv";
    if (fs::exists(mcoa))
    {
        anyCsv = true;
        Csv csv = ReadCsv(mcoa.string());
        Require(csv, keys);
        const size_t policy = csv.Column("policy");
        const size_t interfaces = csv.Column("interfaces");
        std::vector<size_t> cols;
        for (const auto& m : MCOA_METRICS)
        {
            cols.push_back(csv.Column(m.metric));
        }
        for (size_t r = 0; r < csv.rows.size(); ++r)
        {
            RunAcc& run = RunOf(csv, r, target, groups);
            GroupAcc& g = GroupOf(csv, r, target, groups);
            const std::string sub =
                "policy=" + csv.rows[r][policy] + ";interfaces=" + csv.rows[r][interfaces];
            IndexOf(g.subgroups, sub);
            for (size_t k = 0; k < cols.size(); ++k)
            {
                double v;
                Acc& a = run.mcoa[sub][MCOA_METRICS[k].metric];
                const std::string& cell = csv.rows[r][cols[k]];
                // simultaneous_use may be written as a boolean.
                if (cell == "true" || cell == "false")
                {
                    a.Add(cell == "true" ? 1 : 0);
                }
                else if (csv.Number(r, cols[k], v))
                {
                    a.Add(v);
                }
                else
                {
                    a.na++;
                }
            }
        }
    }
}

/// The tables a folder may hold.
const std::vector<std::string> TABLES = {"handovers.csv",
                                         "bootstrap.csv",
                                         "overhead.csv",
                                         "state.csv",
                                         "mcoa.csv"};

/**
 * Reads a scenario's output folder: its CSVs, then those of each sub-folder that has any (mip6-mcoa
 * writes the single-binding and MCoA simulations to single/ and mcoa/), as designs of their own,
 * `design [sub-folder]`.
 * \param dir the folder
 * \param target where its rows go
 * \param groups the groups
 * \param anyCsv set when some table was read
 */
void
ReadFolder(const fs::path& dir, const Target& target, Groups& groups, bool& anyCsv)
{
    ReadTables(dir, target, groups, anyCsv);
    std::vector<fs::path> subs;
    for (const auto& e : fs::directory_iterator(dir))
    {
        if (!e.is_directory())
        {
            continue;
        }
        for (const auto& t : TABLES)
        {
            if (fs::exists(e.path() / t))
            {
                subs.push_back(e.path());
                break;
            }
        }
    }
    std::sort(subs.begin(), subs.end());
    for (const auto& sub : subs)
    {
        Target t = target;
        t.suffix += " [" + sub.filename().string() + "]";
        ReadTables(sub, t, groups, anyCsv);
    }
}

/**
 * \param tree a JSON object
 * \param key a member
 * \param where the file (for the message)
 * \return the member's text; throws InputError when absent
 */
std::string
Member(const boost::property_tree::ptree& tree, const std::string& key, const std::string& where)
{
    auto it = tree.find(key);
    if (it == tree.not_found())
    {
        throw InputError{where + ": a run without \"" + key + "\""};
    }
    return it->second.get_value<std::string>();
}

/// Turns the runs of every group into rows.
void
MakeRows(const Groups& groups, SummaryTable& table)
{
    for (const GroupAcc& g : groups.All())
    {
        SummaryRow base;
        base.scenario = g.scenario;
        base.point = g.point;
        base.design = g.design;
        base.runs = g.runOrder.size();
        // One sample per run: fn returns false when the run has none (counted as NA runs).
        auto emit = [&](const MetricDef& m,
                        const std::string& sub,
                        const std::function<bool(const RunAcc&, double&, size_t&)>& fn) {
            SummaryRow row = base;
            row.subgroup = sub;
            row.section = m.section;
            row.metric = m.metric;
            row.unit = m.unit;
            std::vector<double> samples;
            bool any = false;
            for (const auto& key : g.runOrder)
            {
                double v = 0;
                size_t na = 0;
                const bool has = fn(g.runs.at(key), v, na);
                row.na += na;
                any = any || has || na > 0;
                if (has)
                {
                    samples.push_back(v);
                }
            }
            if (!any)
            {
                return; // the input has no such table for this group
            }
            row.ci = ComputeMeanCi(samples);
            table.rows.push_back(row);
        };
        auto meanOf = [](const std::map<std::string, Acc>& m,
                         const std::string& metric,
                         double& v,
                         size_t& na) {
            auto it = m.find(metric);
            if (it == m.end())
            {
                return false;
            }
            na = it->second.na;
            if (it->second.n == 0)
            {
                return false;
            }
            v = it->second.sum / static_cast<double>(it->second.n);
            return true;
        };
        for (const auto& m : BOOTSTRAP_METRICS)
        {
            emit(m, "", [&](const RunAcc& r, double& v, size_t& na) {
                bool has = meanOf(r.bootstrap, m.metric, v, na);
                na = !has && r.bootstrap.count(m.metric) ? 1 : 0; // runs, not cells
                return has;
            });
        }
        for (const auto& m : HANDOVER_METRICS)
        {
            emit(m, "", [&](const RunAcc& r, double& v, size_t& na) {
                return meanOf(r.handover, m.metric, v, na);
            });
        }
        for (const auto& m : SIGNALLING_METRICS)
        {
            const std::string name = m.metric;
            emit(m, "", [&](const RunAcc& r, double& v, size_t& na) {
                if (!r.overheadFile || !r.handoversFile)
                {
                    return false;
                }
                if (name == "ip_bytes_bootstrap" || name == "packets_bootstrap")
                {
                    v = name == "ip_bytes_bootstrap" ? r.bootIp : r.bootPackets;
                    return true;
                }
                if (name == "l2_bytes_bootstrap")
                {
                    v = r.bootL2;
                    na = r.bootL2Na ? 1 : 0;
                    return !r.bootL2Na;
                }
                if (r.registered == 0 || (name == "l2_bytes_per_handover" && r.sigL2Na))
                {
                    na = 1;
                    return false;
                }
                const double total = name == "ip_bytes_per_handover"     ? r.sigIp
                                     : name == "l2_bytes_per_handover"   ? r.sigL2
                                     : name == "mn_packets_per_handover" ? r.sigMnPackets
                                                                         : r.sigPackets;
                v = total / static_cast<double>(r.registered);
                return true;
            });
        }
        for (const auto& m : PROTECTION_METRICS)
        {
            const std::string name = m.metric;
            emit(m, "", [&](const RunAcc& r, double& v, size_t& na) {
                if (!r.overheadFile)
                {
                    return false;
                }
                if (r.dataPackets == 0)
                {
                    na = 1;
                    return false;
                }
                const double bytes = name == "tunnel_bytes_per_packet" ? r.tunnelIp
                                     : name == "protection_bytes_per_packet"
                                         ? r.protectionIp
                                         : r.tunnelIp + r.protectionIp;
                v = bytes / r.dataPackets;
                return true;
            });
        }
        for (size_t k = 0; k < STATE_METRICS.size(); ++k)
        {
            emit(STATE_METRICS[k], "", [&](const RunAcc& r, double& v, size_t&) {
                if (r.stateLast.empty())
                {
                    return false;
                }
                double sum = 0;
                for (const auto& [mn, last] : r.stateLast)
                {
                    sum += last.second[k];
                }
                v = sum / static_cast<double>(r.stateLast.size());
                return true;
            });
        }
        for (const auto& sub : g.subgroups)
        {
            for (const auto& m : MCOA_METRICS)
            {
                emit(m, sub, [&](const RunAcc& r, double& v, size_t& na) {
                    auto it = r.mcoa.find(sub);
                    return it != r.mcoa.end() && meanOf(it->second, m.metric, v, na);
                });
            }
        }
    }
}

/**
 * \param v a value
 * \param unit its unit
 * \return v for summary.md: ms for seconds, else 1 decimal (3 for fractions)
 */
std::string
Short(double v, const std::string& unit)
{
    if (unit == "s")
    {
        return Fixed(v * 1000.0, 1);
    }
    return Fixed(v, unit == "fraction" ? 3 : 1);
}

/// \param unit a unit \return the unit summary.md shows (seconds as ms)
std::string
ShortUnit(const std::string& unit)
{
    return unit == "s" ? "ms" : unit;
}

/// \param row a row \return `mean ± half` (or the mean alone when there is no interval)
std::string
Cell(const SummaryRow& row)
{
    if (row.ci.n == 0)
    {
        return "NA";
    }
    std::string s = Short(row.ci.mean, row.unit);
    if (row.ci.hasCi)
    {
        s += " ± " + Short(row.ci.half, row.unit);
    }
    return s;
}

/// The sections of summary.md with their titles.
const std::vector<std::pair<std::string, std::string>> SECTIONS = {
    {"bootstrap", "Bootstrap (bootstrap.csv, reason initial)"},
    {"handover", "Handover (handovers.csv, per handover)"},
    {"signalling",
     "Signalling at mn-air (overhead.csv, mip6 + ike + tls): per handover, and the bootstrap "
     "phase"},
    {"data-protection", "Tunnelled payload overhead per data packet at mn-air (overhead.csv)"},
    {"ha-state", "HA state per MN (state.csv, last snapshot)"},
    {"mcoa", "Multiple care-of addresses (mcoa.csv)"},
};

/// \param s a cell \return it safe inside a markdown table
std::string
MdEscape(const std::string& s)
{
    std::string out;
    for (char c : s)
    {
        if (c == '|')
        {
            out += '\\';
        }
        out += c;
    }
    return out;
}

/// \param s a cell \return it as an RFC 4180 CSV cell
std::string
CsvCell(const std::string& s)
{
    if (s.find_first_of(",\"\n\r") == std::string::npos)
    {
        return s;
    }
    std::string out = "\"";
    for (char c : s)
    {
        out += c;
        if (c == '"')
        {
            out += '"';
        }
    }
    return out + "\"";
}

} // namespace

SummaryTable
SummariseInput(const std::string& input)
{
    SummaryTable table;
    table.input = input;
    const fs::path dir = input;
    if (!fs::is_directory(dir))
    {
        throw InputError{input + ": not a directory"};
    }
    Groups groups;
    bool anyCsv = false;
    const fs::path campaign = dir / "campaign.json";
    if (fs::exists(campaign))
    {
        table.campaign = true;
        namespace pt = boost::property_tree;
        pt::ptree root;
        try
        {
            pt::read_json(campaign.string(), root);
        }
        catch (const pt::json_parser_error& e)
        {
            throw InputError{campaign.string() + ": " + e.what()};
        }
        auto runs = root.get_child_optional("runs");
        if (!runs)
        {
            throw InputError{campaign.string() + ": no \"runs\" list"};
        }
        for (const auto& [unused, spec] : *runs)
        {
            const std::string where = campaign.string();
            const std::string scenario = Member(spec, "scenario", where);
            const std::string design = Member(spec, "design", where);
            const std::string runDir = Member(spec, "dir", where);
            const std::string id = spec.get<std::string>("id", runDir);
            std::vector<std::pair<std::string, std::string>> point;
            if (auto p = spec.get_child_optional("point"))
            {
                for (const auto& [k, v] : *p)
                {
                    point.emplace_back(k, v.get_value<std::string>());
                }
            }
            std::sort(point.begin(), point.end());
            std::string pointText;
            for (const auto& [k, v] : point)
            {
                pointText += (pointText.empty() ? "" : ";") + k + "=" + v;
            }
            const fs::path rd = dir / runDir;
            Target target;
            target.fixed = true;
            target.scenario = scenario;
            target.point = pointText;
            target.design = design;
            target.runKey = id;
            GroupAcc& g = groups.Get(scenario, pointText, design);
            if (!fs::exists(rd / "manifest.json"))
            {
                // Not finished (the scenario writes manifest.json last): reported, not counted.
                table.notes.push_back("run " + id + " (" + runDir +
                                      "): no manifest.json, not finished; skipped");
                continue;
            }
            g.Run(id);
            bool any = false;
            ReadFolder(rd, target, groups, any);
            anyCsv = anyCsv || any;
        }
    }
    else
    {
        Target target;
        target.scenario = "-";
        const fs::path manifest = dir / "manifest.json";
        if (fs::exists(manifest))
        {
            namespace pt = boost::property_tree;
            pt::ptree root;
            try
            {
                pt::read_json(manifest.string(), root);
            }
            catch (const pt::json_parser_error& e)
            {
                throw InputError{manifest.string() + ": " + e.what()};
            }
            target.scenario = root.get<std::string>("program", "-");
        }
        ReadFolder(dir, target, groups, anyCsv);
    }
    if (!anyCsv)
    {
        throw InputError{input + ": no campaign.json and none of handovers.csv, bootstrap.csv, "
                                 "overhead.csv, state.csv, mcoa.csv"};
    }
    MakeRows(groups, table);
    return table;
}

const SummaryRow*
FindRow(const SummaryTable& table,
        const SummaryRow& group,
        const std::string& section,
        const std::string& metric)
{
    for (const auto& r : table.rows)
    {
        if (r.scenario == group.scenario && r.point == group.point && r.design == group.design &&
            r.subgroup == group.subgroup && r.section == section && r.metric == metric)
        {
            return &r;
        }
    }
    return nullptr;
}

std::string
SummaryCsvText(const SummaryTable& table)
{
    std::ostringstream s;
    s << "scenario,point,design,subgroup,section,metric,unit,runs,n,na,mean,stddev,ci95_half,"
         "ci95_low,ci95_high\n";
    for (const auto& r : table.rows)
    {
        const bool has = r.ci.n > 0;
        s << CsvCell(r.scenario) << ',' << CsvCell(r.point) << ',' << CsvCell(r.design) << ','
          << CsvCell(r.subgroup) << ',' << r.section << ',' << r.metric << ',' << r.unit << ','
          << r.runs << ',' << r.ci.n << ',' << r.na << ',' << (has ? Fixed(r.ci.mean, 6) : "NA")
          << ',' << (r.ci.hasCi ? Fixed(r.ci.stddev, 6) : "NA") << ','
          << (r.ci.hasCi ? Fixed(r.ci.half, 6) : "NA") << ','
          << (r.ci.hasCi ? Fixed(r.ci.Low(), 6) : "NA") << ','
          << (r.ci.hasCi ? Fixed(r.ci.High(), 6) : "NA") << '\n';
    }
    return s.str();
}

std::string
SummaryMarkdownText(const SummaryTable& table)
{
    std::ostringstream s;
    s << "# Summary of " << table.input << "\n\n"
      << "Each cell: mean ± half-width of the 95 % Student-t confidence interval over runs "
         "(one sample per run: the run's own mean; no ± with one run). Times in ms. "
         "doc/analysis.rst defines every metric; summary.csv has every figure with 6 "
         "decimals.\n";
    // Groups in order.
    std::vector<std::string> groupKeys;
    std::map<std::string, SummaryRow> groupOf;
    for (const auto& r : table.rows)
    {
        const std::string k = r.scenario + '\x1f' + r.point + '\x1f' + r.design;
        if (!groupOf.count(k))
        {
            groupKeys.push_back(k);
            groupOf[k] = r;
        }
    }
    for (const auto& [section, title] : SECTIONS)
    {
        // The section's metrics and subgroups in order of appearance.
        std::vector<std::string> metrics;
        std::map<std::string, std::string> units;
        for (const auto& r : table.rows)
        {
            if (r.section == section)
            {
                IndexOf(metrics, r.metric);
                units[r.metric] = r.unit;
            }
        }
        if (metrics.empty())
        {
            continue;
        }
        s << "\n## " << title << "\n\n| scenario | point | design |"
          << (section == "mcoa" ? " subgroup |" : "") << " runs |";
        for (const auto& m : metrics)
        {
            s << ' ' << m << " (" << ShortUnit(units[m]) << ") |";
        }
        s << "\n|---|---|---|" << (section == "mcoa" ? "---|" : "") << "---|";
        for (size_t i = 0; i < metrics.size(); ++i)
        {
            s << "---|";
        }
        s << '\n';
        for (const auto& k : groupKeys)
        {
            const SummaryRow& g = groupOf[k];
            std::vector<std::string> subs;
            for (const auto& r : table.rows)
            {
                if (r.section == section && r.scenario == g.scenario && r.point == g.point &&
                    r.design == g.design)
                {
                    IndexOf(subs, r.subgroup);
                }
            }
            for (const auto& sub : subs)
            {
                SummaryRow key = g;
                key.subgroup = sub;
                s << "| " << MdEscape(g.scenario) << " | " << MdEscape(g.point) << " | "
                  << MdEscape(g.design) << " |";
                if (section == "mcoa")
                {
                    s << ' ' << MdEscape(sub) << " |";
                }
                s << ' ' << g.runs << " |";
                for (const auto& m : metrics)
                {
                    const SummaryRow* r = FindRow(table, key, section, m);
                    s << ' ' << (r ? Cell(*r) : std::string("")) << " |";
                }
                s << '\n';
            }
        }
    }
    if (!table.notes.empty())
    {
        s << "\n## Notes\n\n";
        for (const auto& n : table.notes)
        {
            s << "- " << n << '\n';
        }
    }
    return s.str();
}

std::string
SummaryConsoleText(const SummaryTable& table)
{
    std::ostringstream s;
    s << "mean ± 95 % CI over runs (Student t): total_s, outage_s, probes_lost per handover; "
         "signalling IP bytes per handover at mn-air\n";
    for (const auto& r : table.rows)
    {
        if (r.section != "handover" || r.metric != "total_s")
        {
            continue;
        }
        s << r.design << " (" << r.runs << " runs):";
        for (const auto& [section, metric] : std::vector<std::pair<std::string, std::string>>{
                 {"handover", "total_s"},
                 {"handover", "outage_s"},
                 {"handover", "probes_lost"},
                 {"signalling", "ip_bytes_per_handover"}})
        {
            const SummaryRow* m = FindRow(table, r, section, metric);
            if (!m || m->ci.n == 0)
            {
                s << "  " << metric << " NA";
                continue;
            }
            const int decimals = m->unit == "s" ? 4 : 1;
            s << "  " << metric << ' ' << Fixed(m->ci.mean, decimals);
            if (m->ci.hasCi)
            {
                s << " [" << Fixed(m->ci.Low(), decimals) << ", " << Fixed(m->ci.High(), decimals)
                  << ']';
            }
        }
        s << '\n';
    }
    return s.str();
}

bool
WriteSummaryFiles(const SummaryTable& table, const std::string& dir, std::string& error)
{
    const std::vector<std::pair<std::string, std::string>> files = {
        {"summary.csv", SummaryCsvText(table)},
        {"summary.md", SummaryMarkdownText(table)},
    };
    for (const auto& [name, text] : files)
    {
        const std::string path = (fs::path(dir) / name).string();
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out)
        {
            error = path + ": cannot write";
            return false;
        }
    }
    return true;
}

} // namespace mip6

/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * mip6-campaign: runs a campaign (doc/campaigns.rst) — scenarios × design variants × a parameter
 * grid × run numbers — as one scenario invocation per run, on the local cores or as a Slurm job
 * array, into one folder (the layout of the issue-8 contract: OUT/campaign.json and one directory
 * per run holding what the scenario writes with --output, plus log.txt).
 *
 * Every point of the grid is checked up front by the scenario program itself (`--dry-run`: the
 * same parser, design factory and design expansion as a run, mip6-mcoa's MCoA policies included),
 * so a typo fails before any run starts; the manifest that dry run prints is also what a finished
 * run's manifest.json must match (program, seed, run, designs, parameters but output, attributes).
 *
 * A run is executed into <dir>.tmp and renamed to <dir> once it exited 0 with a matching manifest;
 * a failed one becomes <dir>.failed (its log.txt kept), so a killed campaign loses no finished run
 * and leaves nothing that looks finished. The program does not use ns-3: it only starts the
 * scenario programs found next to it.
 */

#include <algorithm>
#include <boost/program_options.hpp>
#include <boost/property_tree/ini_parser.hpp>
#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <poll.h>
#include <sched.h>
#include <set>
#include <signal.h>
#include <spawn.h>
#include <sstream>
#include <string>
#include <sys/file.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace
{

namespace po = boost::program_options;
namespace pt = boost::property_tree;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

const std::string PROGRAM = "mip6-campaign";
/// Exit status of a usage error (bad option, bad campaign file, a point a scenario refuses).
constexpr int EXIT_USAGE = 2;
/// Scenario options the campaign sets itself, or that make no run: not allowed in a grid.
const std::set<std::string> RESERVED_KEYS =
    {"output", "run", "seed", "config", "help", "h", "list-designs", "dry-run"};
/// Top-level keys of a campaign file.
const std::set<std::string> TOP_KEYS = {"name", "seed", "runs"};

/// A usage error: its message is printed and the program exits 2.
struct UsageError
{
    std::string message; ///< what is wrong
};

// ---------------------------------------------------------------------------------------------
// Small helpers

/**
 * \param text a text
 * \return it split at white space
 */
std::vector<std::string>
SplitWords(const std::string& text)
{
    std::istringstream in(text);
    std::vector<std::string> out;
    std::string w;
    while (in >> w)
    {
        out.push_back(w);
    }
    return out;
}

/**
 * \param arg one argument
 * \return it quoted for a POSIX shell when it needs quoting
 */
std::string
ShellQuote(const std::string& arg)
{
    const bool plain =
        !arg.empty() && arg.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                              "0123456789_-+=/.,:@%") == std::string::npos;
    if (plain)
    {
        return arg;
    }
    std::string out = "'";
    for (char c : arg)
    {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

/**
 * \param argv a command
 * \return it as one shell line
 */
std::string
CommandLine(const std::vector<std::string>& argv)
{
    std::string out;
    for (const auto& a : argv)
    {
        out += (out.empty() ? "" : " ") + ShellQuote(a);
    }
    return out;
}

/**
 * \param text a text
 * \return it as a JSON string literal
 */
std::string
JsonString(const std::string& text)
{
    std::string out = "\"";
    for (unsigned char c : text)
    {
        switch (c)
        {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            if (c < 0x20)
            {
                char buf[8];
                std::snprintf(buf, sizeof(buf), "\\u%04x", c);
                out += buf;
            }
            else
            {
                out += static_cast<char>(c);
            }
        }
    }
    return out + "\"";
}

/**
 * Strict unsigned parse.
 * \param text the text
 * \param value the value (out)
 * \return true when the whole text is an unsigned integer
 */
bool
ParseUint(const std::string& text, uint64_t& value)
{
    const char* end = text.data() + text.size();
    auto res = std::from_chars(text.data(), end, value);
    return !text.empty() && res.ec == std::errc() && res.ptr == end;
}

/**
 * Run numbers: `1-10`, `1-3,7`, `1 2 5` (ranges inclusive, each number once).
 * \param text the list
 * \param where where it comes from (for the message)
 * \return the run numbers in order
 */
std::vector<uint64_t>
ParseRuns(const std::string& text, const std::string& where)
{
    std::string spaced = text;
    std::replace(spaced.begin(), spaced.end(), ',', ' ');
    std::vector<uint64_t> runs;
    std::set<uint64_t> seen;
    for (const auto& item : SplitWords(spaced))
    {
        uint64_t lo = 0;
        uint64_t hi = 0;
        const auto dash = item.find('-');
        bool ok = dash == std::string::npos
                      ? ParseUint(item, lo) && ParseUint(item, hi)
                      : ParseUint(item.substr(0, dash), lo) && ParseUint(item.substr(dash + 1), hi);
        if (!ok || hi < lo || hi - lo >= 1000000)
        {
            throw UsageError{where + ": '" + item +
                             "' is not a run number or a range a-b (a <= b, at most 10^6 runs)"};
        }
        for (uint64_t r = lo; r <= hi; ++r)
        {
            if (!seen.insert(r).second)
            {
                throw UsageError{where + ": run " + std::to_string(r) + " is listed twice"};
            }
            runs.push_back(r);
        }
    }
    if (runs.empty())
    {
        throw UsageError{where + ": no run number"};
    }
    return runs;
}

/**
 * \param text a text
 * \return its 64-bit FNV-1a hash, 16 hex digits
 */
std::string
HashText(const std::string& text)
{
    uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : text)
    {
        h = (h ^ c) * 1099511628211ULL;
    }
    char buf[17];
    std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

/**
 * \param text a text
 * \return it usable as one path component (characters other than letters, digits and
 *         `._+=-` become `_`)
 */
std::string
PathSafe(const std::string& text)
{
    std::string out;
    for (char c : text)
    {
        out += std::isalnum(static_cast<unsigned char>(c)) || std::strchr("._+=-", c) ? c : '_';
    }
    if (out.empty() || out == "." || out == "..")
    {
        out = "_" + out;
    }
    return out;
}

/**
 * \param status a waitpid status
 * \return what it says, e.g. "exit 3" or "killed by signal 6 (Aborted)"
 */
std::string
DescribeStatus(int status)
{
    if (WIFEXITED(status))
    {
        return "exit " + std::to_string(WEXITSTATUS(status));
    }
    if (WIFSIGNALED(status))
    {
        return "killed by signal " + std::to_string(WTERMSIG(status)) + " (" +
               strsignal(WTERMSIG(status)) + ")";
    }
    return "status " + std::to_string(status);
}

/**
 * \param s seconds
 * \return e.g. "42 s", "3 min 05 s", "2 h 07 min"
 */
std::string
Duration(double s)
{
    const auto t = static_cast<long long>(s + 0.5);
    char buf[64];
    if (t < 60)
    {
        std::snprintf(buf, sizeof(buf), "%lld s", t);
    }
    else if (t < 3600)
    {
        std::snprintf(buf, sizeof(buf), "%lld min %02lld s", t / 60, t % 60);
    }
    else
    {
        std::snprintf(buf, sizeof(buf), "%lld h %02lld min", t / 3600, (t % 3600) / 60);
    }
    return buf;
}

/// \return the CPUs this process may run on (as nproc counts them)
unsigned
CpuCount()
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
    {
        return static_cast<unsigned>(CPU_COUNT(&set));
    }
    const long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? static_cast<unsigned>(n) : 1;
}

/// \return the directory of this executable (where the scenario programs are)
fs::path
ProgramDirectory()
{
    std::error_code ec;
    fs::path self = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::current_path() : self.parent_path();
}

/**
 * Writes a file atomically (a temporary file renamed over it).
 * \param path the file
 * \param text its content
 */
void
WriteFileAtomically(const fs::path& path, const std::string& text)
{
    const fs::path tmp = path.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out)
        {
            throw std::runtime_error("cannot write " + tmp.string() + ": " + std::strerror(errno));
        }
    }
    fs::rename(tmp, path);
}

// ---------------------------------------------------------------------------------------------
// Child processes

/// The signals the pool waits for; blocked while it runs, restored in every child.
sigset_t
PoolSignals()
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    return set;
}

/**
 * Starts a program: the pool's signals unblocked and at their defaults in the child.
 * \param argv the command (argv[0] a path or a name looked up in PATH)
 * \param actions the child's file actions
 * \param pid the child's pid (out)
 * \return 0, or the error number
 */
int
SpawnWith(const std::vector<std::string>& argv,
          const posix_spawn_file_actions_t& actions,
          pid_t& pid)
{
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none;
    sigemptyset(&none);
    sigset_t defaults = PoolSignals();
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    std::vector<char*> args;
    for (const auto& a : argv)
    {
        args.push_back(const_cast<char*>(a.c_str()));
    }
    args.push_back(nullptr);
    const int rc = posix_spawnp(&pid, args[0], &actions, &attr, args.data(), environ);
    posix_spawnattr_destroy(&attr);
    return rc;
}

/**
 * Starts a program with stdin from /dev/null, stdout and stderr into one file.
 * \param argv the command (argv[0] a path)
 * \param log the file
 * \return the child's pid
 */
pid_t
Spawn(const std::vector<std::string>& argv, const std::string& log)
{
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    pid_t pid = 0;
    const int rc = SpawnWith(argv, actions, pid);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
    {
        throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(rc));
    }
    return pid;
}

/// What a command printed and how it ended.
struct Captured
{
    int status{0};   ///< waitpid status
    std::string out; ///< stdout
    std::string err; ///< stderr
};

/**
 * Runs a command to its end and captures its output.
 * \param argv the command
 * \return status and output
 */
Captured
RunCaptured(const std::vector<std::string>& argv)
{
    int outPipe[2];
    int errPipe[2];
    if (pipe2(outPipe, O_CLOEXEC) != 0 || pipe2(errPipe, O_CLOEXEC) != 0)
    {
        throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2);
    pid_t pid = 0;
    const int rc = SpawnWith(argv, actions, pid);
    posix_spawn_file_actions_destroy(&actions);
    close(outPipe[1]);
    close(errPipe[1]);
    Captured c;
    if (rc != 0)
    {
        close(outPipe[0]);
        close(errPipe[0]);
        c.status = 127 << 8;
        c.err = "cannot start " + argv[0] + ": " + std::strerror(rc);
        return c;
    }
    struct pollfd fds[2] = {{outPipe[0], POLLIN, 0}, {errPipe[0], POLLIN, 0}};
    std::string* sinks[2] = {&c.out, &c.err};
    int open = 2;
    while (open > 0)
    {
        if (poll(fds, 2, -1) < 0)
        {
            if (errno == EINTR)
            {
                continue;
            }
            break;
        }
        for (int i = 0; i < 2; ++i)
        {
            if (fds[i].fd >= 0 && (fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
            {
                char buf[4096];
                const ssize_t n = read(fds[i].fd, buf, sizeof(buf));
                if (n > 0)
                {
                    sinks[i]->append(buf, static_cast<size_t>(n));
                }
                else if (n == 0 || errno != EINTR)
                {
                    close(fds[i].fd);
                    fds[i].fd = -1;
                    open--;
                }
            }
        }
    }
    while (waitpid(pid, &c.status, 0) < 0 && errno == EINTR)
    {
    }
    return c;
}

// ---------------------------------------------------------------------------------------------
// The campaign file

/// One axis of a parameter grid: a scenario option or an ns-3 attribute and its values.
struct Axis
{
    std::string key;                 ///< option name (no dashes) or "ns3::Type::Attribute"
    std::vector<std::string> values; ///< its values
};

/// One section of a campaign file: a scenario, its designs, its grid.
struct Section
{
    std::string label;                ///< the section name (the runs' directory)
    std::string scenario;             ///< the scenario program
    std::vector<std::string> designs; ///< the --designs words
    uint32_t seed{1};                 ///< RngSeed
    std::vector<uint64_t> runs;       ///< run numbers
    std::vector<Axis> grid;           ///< the grid, in file order
};

/// A campaign file.
struct Campaign
{
    std::string name;              ///< its name
    fs::path file;                 ///< the file, absolute
    std::vector<Section> sections; ///< its sections
};

/**
 * \param text a seed
 * \param where where it comes from
 * \return the seed (1 .. 2^32-1, as the scenarios accept)
 */
uint32_t
ParseSeed(const std::string& text, const std::string& where)
{
    uint64_t v = 0;
    if (!ParseUint(text, v) || v < 1 || v > std::numeric_limits<uint32_t>::max())
    {
        throw UsageError{where + ": seed '" + text + "' is not an integer in [1, 4294967295]"};
    }
    return static_cast<uint32_t>(v);
}

/**
 * Reads a campaign file (INI syntax: doc/campaigns.rst).
 * \param path the file
 * \return the campaign
 */
Campaign
ReadCampaign(const std::string& path)
{
    Campaign c;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
    {
        throw UsageError{"cannot read campaign file '" + path +
                         "': " + (fs::exists(path, ec) ? "not a regular file" : "no such file")};
    }
    c.file = fs::absolute(path);
    pt::ptree tree;
    try
    {
        pt::read_ini(path, tree);
    }
    catch (const pt::ini_parser_error& e)
    {
        throw UsageError{"campaign file " + e.filename() + ":" + std::to_string(e.line()) + ": " +
                         e.message()};
    }
    // A section without keys and a top-level key without a value look alike in the tree, and
    // read_ini drops a section without keys: take the sections from the file's [headers].
    std::vector<std::string> sectionOrder;
    std::set<std::string> sectionNames;
    {
        std::ifstream in(path);
        std::string line;
        while (std::getline(in, line))
        {
            const auto first = line.find_first_not_of(" \t");
            const auto last = line.find_last_not_of(" \t\r");
            if (first != std::string::npos && line[first] == '[' && line[last] == ']')
            {
                std::string name = line.substr(first + 1, last - first - 1);
                const auto a = name.find_first_not_of(" \t");
                const auto b = name.find_last_not_of(" \t");
                name = a == std::string::npos ? "" : name.substr(a, b - a + 1);
                if (sectionNames.insert(name).second)
                {
                    sectionOrder.push_back(name);
                }
            }
        }
    }
    auto isSection = [&sectionNames](const std::string& key) {
        return sectionNames.count(key) > 0;
    };
    c.name = c.file.stem().string();
    uint32_t seed = 1;
    std::vector<uint64_t> runs{1};
    const std::string file = c.file.filename().string();
    // Top-level keys first: a section may override seed and runs.
    for (const auto& [key, node] : tree)
    {
        if (isSection(key))
        {
            continue;
        }
        const std::string value = node.get_value<std::string>();
        if (!TOP_KEYS.count(key))
        {
            throw UsageError{file + ": unknown top-level key '" + key +
                             "' (name, seed, runs; scenario options belong in a [section])"};
        }
        if (key == "name")
        {
            if (value.empty() || PathSafe(value) != value)
            {
                throw UsageError{file + ": name '" + value +
                                 "' must be letters, digits and ._+=- only"};
            }
            c.name = value;
        }
        else if (key == "seed")
        {
            seed = ParseSeed(value, file);
        }
        else
        {
            runs = ParseRuns(value, file + ": runs");
        }
    }
    for (const auto& label : sectionOrder)
    {
        const auto found = tree.find(label);
        const pt::ptree node = found == tree.not_found() ? pt::ptree() : found->second;
        Section s;
        s.label = label;
        s.scenario = label;
        s.designs = {"all"};
        s.seed = seed;
        s.runs = runs;
        const std::string where = file + " [" + label + "]";
        if (PathSafe(label) != label)
        {
            throw UsageError{where + ": a section name must be letters, digits and ._+=- only"};
        }
        for (const auto& [key, item] : node)
        {
            const std::string value = item.get_value<std::string>();
            if (key == "scenario")
            {
                s.scenario = value;
            }
            else if (key == "designs")
            {
                s.designs = SplitWords(value);
            }
            else if (key == "seed")
            {
                s.seed = ParseSeed(value, where);
            }
            else if (key == "runs")
            {
                s.runs = ParseRuns(value, where + " runs");
            }
            else
            {
                std::string option = key;
                if (option.compare(0, 2, "--") == 0)
                {
                    option = option.substr(2);
                }
                if (RESERVED_KEYS.count(option))
                {
                    throw UsageError{where + ": '" + key +
                                     "' cannot be a grid parameter (mip6-campaign sets output, "
                                     "and seed and run from the keys seed and runs; config, help, "
                                     "list-designs and dry-run make no run)"};
                }
                Axis a{option, SplitWords(value)};
                if (a.values.empty())
                {
                    throw UsageError{where + ": '" + key + "' has no value"};
                }
                if (std::set<std::string>(a.values.begin(), a.values.end()).size() !=
                    a.values.size())
                {
                    throw UsageError{where + ": '" + key + "' lists a value twice"};
                }
                s.grid.push_back(a);
            }
        }
        if (s.designs.empty())
        {
            throw UsageError{where + ": designs is empty"};
        }
        if (s.scenario.empty() || s.scenario.find('/') != std::string::npos)
        {
            throw UsageError{where + ": scenario '" + s.scenario + "' is not a program name"};
        }
        c.sections.push_back(s);
    }
    if (c.sections.empty())
    {
        throw UsageError{file + ": no [scenario] section"};
    }
    return c;
}

// ---------------------------------------------------------------------------------------------
// Expansion into runs

/// What a finished run's manifest.json must hold (the issue-8 contract).
struct Expected
{
    std::string program;                           ///< "program"
    uint32_t seed{1};                              ///< "seed"
    uint64_t run{1};                               ///< "run"
    std::vector<std::string> designs;              ///< "designs"
    std::map<std::string, std::string> parameters; ///< "parameters" without "output"
    std::map<std::string, std::string> attributes; ///< "attributes"
};

/// One run: one scenario invocation with one design variant, one point, one run number.
struct Run
{
    std::string id;                                         ///< dir without "runs/"
    std::string scenario;                                   ///< the scenario program's name
    std::string design;                                     ///< the design variant
    std::vector<std::pair<std::string, std::string>> point; ///< grid key → value, grid order
    uint64_t run{1};                                        ///< RngRun
    uint32_t seed{1};                                       ///< RngSeed
    std::string dir;                                        ///< relative to the output folder
    std::vector<std::string> command;                       ///< argv, --output the final dir
    Expected expected;                                      ///< its manifest when finished
};

/**
 * \param point a point
 * \return the scenario arguments that set it
 */
std::vector<std::string>
PointArguments(const std::vector<std::pair<std::string, std::string>>& point)
{
    std::vector<std::string> args;
    for (const auto& [key, value] : point)
    {
        // `--key=value`: also right for options with an implicit value (--pcap, --active-probing).
        args.push_back("--" + key + "=" + value);
    }
    return args;
}

/**
 * \param axes the grid
 * \return every point (cartesian product, the last axis varying fastest)
 */
std::vector<std::vector<std::pair<std::string, std::string>>>
Points(const std::vector<Axis>& axes)
{
    std::vector<std::vector<std::pair<std::string, std::string>>> points{{}};
    for (const auto& axis : axes)
    {
        std::vector<std::vector<std::pair<std::string, std::string>>> next;
        for (const auto& p : points)
        {
            for (const auto& v : axis.values)
            {
                auto q = p;
                q.emplace_back(axis.key, v);
                next.push_back(q);
            }
        }
        points = next;
    }
    return points;
}

/**
 * The directory name of a point: its varying axes as key=value (ns3:: dropped, `::` → `.`),
 * `default` when nothing varies; a long name is cut and made unique with a hash.
 * \param axes the grid
 * \param point the point
 * \return the name
 */
std::string
PointName(const std::vector<Axis>& axes,
          const std::vector<std::pair<std::string, std::string>>& point)
{
    std::string name;
    std::string full;
    for (size_t i = 0; i < axes.size(); ++i)
    {
        full += point[i].first + "=" + point[i].second + "\n";
        if (axes[i].values.size() < 2)
        {
            continue;
        }
        std::string key = point[i].first;
        if (key.compare(0, 5, "ns3::") == 0)
        {
            key = key.substr(5);
        }
        for (size_t p = key.find("::"); p != std::string::npos; p = key.find("::"))
        {
            key.replace(p, 2, ".");
        }
        name += (name.empty() ? "" : "_") + PathSafe(key + "=" + point[i].second);
    }
    if (name.empty())
    {
        return "default";
    }
    if (name.size() > 100)
    {
        name = name.substr(0, 80) + "-" + HashText(full);
    }
    return name;
}

/**
 * Reads the manifest a scenario printed (`--dry-run`) or wrote.
 * \param tree the parsed JSON
 * \return its run specification
 */
Expected
ReadExpected(const pt::ptree& tree)
{
    Expected e;
    e.program = tree.get<std::string>("program");
    e.seed = tree.get<uint32_t>("seed");
    e.run = tree.get<uint64_t>("run");
    for (const auto& [k, v] : tree.get_child("designs"))
    {
        e.designs.push_back(v.get_value<std::string>());
    }
    for (const auto& [k, v] : tree.get_child("parameters"))
    {
        if (k != "output")
        {
            e.parameters[k] = v.get_value<std::string>();
        }
    }
    for (const auto& [k, v] : tree.get_child("attributes"))
    {
        e.attributes[k] = v.get_value<std::string>();
    }
    return e;
}

/**
 * \param a one specification
 * \param b another
 * \return whether they describe the same run
 */
bool
SameRun(const Expected& a, const Expected& b)
{
    return a.program == b.program && a.seed == b.seed && a.run == b.run && a.designs == b.designs &&
           a.parameters == b.parameters && a.attributes == b.attributes;
}

/**
 * Expands a campaign into its runs, checking every point with the scenario's `--dry-run`
 * (jobs of them at a time).
 * \param c the campaign
 * \param out the output folder (absolute)
 * \param jobs how many checks run at once
 * \return the runs
 */
std::vector<Run>
Expand(const Campaign& c, const fs::path& out, unsigned jobs)
{
    struct Check
    {
        const Section* section;
        std::vector<std::pair<std::string, std::string>> point;
        std::string pointName;
        fs::path program;
        std::vector<std::string> argv;
        Captured result;
    };

    std::vector<Check> checks;
    const fs::path bin = ProgramDirectory();
    for (const auto& s : c.sections)
    {
        const fs::path program = bin / s.scenario;
        if (access(program.c_str(), X_OK) != 0)
        {
            throw UsageError{c.file.filename().string() + " [" + s.label + "]: unknown scenario '" +
                             s.scenario + "' (no program " + program.string() + ")"};
        }
        for (const auto& point : Points(s.grid))
        {
            Check k{&s, point, PointName(s.grid, point), program, {}, {}};
            k.argv = {program.string(), "--dry-run", "--designs"};
            k.argv.insert(k.argv.end(), s.designs.begin(), s.designs.end());
            for (const auto& a : PointArguments(point))
            {
                k.argv.push_back(a);
            }
            k.argv.insert(k.argv.end(),
                          {"--seed", std::to_string(s.seed), "--run", std::to_string(s.runs[0])});
            checks.push_back(k);
        }
    }
    // The checks are independent processes (each loads ns-3, ~0.4 s): several at a time.
    std::vector<std::thread> threads;
    size_t next = 0;
    std::mutex lock;
    for (unsigned t = 0; t < std::max(1U, jobs); ++t)
    {
        threads.emplace_back([&]() {
            for (;;)
            {
                size_t i = 0;
                {
                    std::lock_guard<std::mutex> guard(lock);
                    if (next == checks.size())
                    {
                        return;
                    }
                    i = next++;
                }
                checks[i].result = RunCaptured(checks[i].argv);
            }
        });
    }
    for (auto& t : threads)
    {
        t.join();
    }

    std::vector<Run> runs;
    std::string errors;
    std::set<std::string> dirs;
    for (const auto& k : checks)
    {
        std::string pointText;
        for (const auto& [key, value] : k.point)
        {
            pointText += (pointText.empty() ? "" : " ") + key + "=" + value;
        }
        const std::string where = c.file.filename().string() + " [" + k.section->label + "]" +
                                  (pointText.empty() ? "" : " point {" + pointText + "}");
        if (!WIFEXITED(k.result.status) || WEXITSTATUS(k.result.status) != 0)
        {
            std::string why = k.result.err;
            while (!why.empty() && why.back() == '\n')
            {
                why.pop_back();
            }
            errors += where + ": " + (why.empty() ? DescribeStatus(k.result.status) : why) + "\n";
            continue;
        }
        Expected base;
        try
        {
            pt::ptree tree;
            std::istringstream in(k.result.out);
            pt::read_json(in, tree);
            base = ReadExpected(tree);
        }
        catch (const std::exception& e)
        {
            errors += where + ": " + k.section->scenario + " --dry-run printed no manifest (" +
                      e.what() + ")\n";
            continue;
        }
        for (const auto& design : base.designs)
        {
            for (uint64_t r : k.section->runs)
            {
                Run run;
                run.scenario = k.section->scenario;
                run.design = design;
                run.point = k.point;
                run.run = r;
                run.seed = k.section->seed;
                run.id = k.section->label + "/" + k.pointName + "/" + PathSafe(design) + "/run-" +
                         std::to_string(r);
                run.dir = "runs/" + run.id;
                run.command = {k.program.string(), "--designs", design};
                for (const auto& a : PointArguments(k.point))
                {
                    run.command.push_back(a);
                }
                run.command.insert(run.command.end(),
                                   {"--seed",
                                    std::to_string(run.seed),
                                    "--run",
                                    std::to_string(r),
                                    "--output",
                                    (out / run.dir).string()});
                // What `--designs <design> --run <r>` records: the dry run's manifest with one
                // design, this run number.
                run.expected = base;
                run.expected.run = r;
                run.expected.designs = {design};
                run.expected.parameters["designs"] = design;
                run.expected.parameters["run"] = std::to_string(r);
                if (!dirs.insert(run.dir).second)
                {
                    errors += where + ": two runs would share the directory " + run.dir +
                              " (design names differ only in characters replaced by _)\n";
                }
                runs.push_back(run);
            }
        }
    }
    if (!errors.empty())
    {
        errors.pop_back();
        throw UsageError{errors};
    }
    return runs;
}

// ---------------------------------------------------------------------------------------------
// The output folder

/// Where a run stands in the output folder.
enum class State
{
    PENDING,  ///< not run, or its directory does not match (it will run)
    FINISHED, ///< its directory holds a matching manifest.json: skipped
    FAILED,   ///< a <dir>.failed holds the log of an earlier failure
};

/**
 * \param dir a run directory
 * \param expected what its manifest must say
 * \return whether it holds a matching manifest.json
 */
bool
Finished(const fs::path& dir, const Expected& expected)
{
    std::error_code ec;
    const fs::path manifest = dir / "manifest.json";
    if (!fs::is_regular_file(manifest, ec))
    {
        return false;
    }
    try
    {
        pt::ptree tree;
        pt::read_json(manifest.string(), tree);
        return SameRun(ReadExpected(tree), expected);
    }
    catch (const std::exception&)
    {
        return false;
    }
}

/**
 * \param out the output folder
 * \param run a run
 * \return its state
 */
State
StateOf(const fs::path& out, const Run& run)
{
    std::error_code ec;
    if (Finished(out / run.dir, run.expected))
    {
        return State::FINISHED;
    }
    return fs::exists(out / (run.dir + ".failed"), ec) ? State::FAILED : State::PENDING;
}

/**
 * \param map a string map
 * \return it as a JSON object
 */
std::string
JsonMap(const std::map<std::string, std::string>& map)
{
    std::string s = "{";
    for (const auto& [k, v] : map)
    {
        s += (s.size() > 1 ? ", " : "") + JsonString(k) + ": " + JsonString(v);
    }
    return s + "}";
}

/**
 * campaign.json (the issue-8 contract), with each run's expected manifest under "manifest".
 * \param c the campaign
 * \param runs its runs
 * \return the JSON text
 */
std::string
CampaignJson(const Campaign& c, const std::vector<Run>& runs)
{
    std::ostringstream os;
    os << "{\n  \"name\": " << JsonString(c.name)
       << ",\n  \"campaign_file\": " << JsonString(c.file.string()) << ",\n  \"runs\": [";
    for (size_t i = 0; i < runs.size(); ++i)
    {
        const Run& r = runs[i];
        os << (i ? ",\n" : "\n") << "    {\"id\": " << JsonString(r.id)
           << ", \"scenario\": " << JsonString(r.scenario)
           << ", \"design\": " << JsonString(r.design) << ", \"point\": {";
        for (size_t p = 0; p < r.point.size(); ++p)
        {
            os << (p ? ", " : "") << JsonString(r.point[p].first) << ": "
               << JsonString(r.point[p].second);
        }
        os << "}, \"run\": " << r.run << ", \"seed\": " << r.seed
           << ", \"dir\": " << JsonString(r.dir) << ",\n     \"command\": [";
        for (size_t a = 0; a < r.command.size(); ++a)
        {
            os << (a ? ", " : "") << JsonString(r.command[a]);
        }
        const Expected& e = r.expected;
        os << "],\n     \"manifest\": {\"program\": " << JsonString(e.program)
           << ", \"seed\": " << e.seed << ", \"run\": " << e.run << ", \"designs\": [";
        for (size_t d = 0; d < e.designs.size(); ++d)
        {
            os << (d ? ", " : "") << JsonString(e.designs[d]);
        }
        os << "],\n       \"parameters\": " << JsonMap(e.parameters)
           << ",\n       \"attributes\": " << JsonMap(e.attributes) << "}}";
    }
    os << "\n  ]\n}\n";
    return os.str();
}

/**
 * Reads the runs back from campaign.json (a Slurm task runs one of them).
 * \param path campaign.json
 * \return the runs
 */
std::vector<Run>
ReadCampaignJson(const fs::path& path)
{
    pt::ptree tree;
    pt::read_json(path.string(), tree);
    std::vector<Run> runs;
    for (const auto& [k, node] : tree.get_child("runs"))
    {
        Run r;
        r.id = node.get<std::string>("id");
        r.scenario = node.get<std::string>("scenario");
        r.design = node.get<std::string>("design");
        for (const auto& [key, v] : node.get_child("point"))
        {
            r.point.emplace_back(key, v.get_value<std::string>());
        }
        r.run = node.get<uint64_t>("run");
        r.seed = node.get<uint32_t>("seed");
        r.dir = node.get<std::string>("dir");
        for (const auto& [key, v] : node.get_child("command"))
        {
            r.command.push_back(v.get_value<std::string>());
        }
        r.expected = ReadExpected(node.get_child("manifest"));
        runs.push_back(r);
    }
    return runs;
}

// ---------------------------------------------------------------------------------------------
// Executing one run

/// How a run ended.
struct Outcome
{
    bool ok{false};     ///< finished (renamed to its directory)
    std::string reason; ///< why not, e.g. "killed by signal 6 (Aborted)"
};

/**
 * Prepares <dir>.tmp and starts the run into it, output into its log.txt.
 * \param out the output folder
 * \param run the run
 * \return the child's pid
 */
pid_t
StartRun(const fs::path& out, const Run& run)
{
    const fs::path tmp = out / (run.dir + ".tmp");
    fs::remove_all(tmp);
    fs::create_directories(tmp);
    std::vector<std::string> argv = run.command;
    argv.back() = tmp.string(); // --output: the temporary directory
    const std::string log = (tmp / "log.txt").string();
    return Spawn(argv, log);
}

/**
 * After the run's process ended: <dir>.tmp becomes <dir> when it exited 0 with a matching
 * manifest, else <dir>.failed.
 * \param out the output folder
 * \param run the run
 * \param status its waitpid status
 * \return the outcome
 */
Outcome
CompleteRun(const fs::path& out, const Run& run, int status)
{
    const fs::path dir = out / run.dir;
    const fs::path tmp = out / (run.dir + ".tmp");
    const fs::path failed = out / (run.dir + ".failed");
    Outcome o;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
    {
        o.ok = Finished(tmp, run.expected);
        if (!o.ok)
        {
            o.reason = "exit 0 without a manifest.json that matches the run";
        }
    }
    else
    {
        o.reason = DescribeStatus(status);
    }
    if (o.ok)
    {
        fs::remove_all(dir); // a directory of another specification
        fs::rename(tmp, dir);
        fs::remove_all(failed);
    }
    else
    {
        fs::remove_all(failed);
        fs::rename(tmp, failed);
        std::ofstream(failed / "reason.txt") << o.reason << "\n";
    }
    return o;
}

// ---------------------------------------------------------------------------------------------
// Progress and the report

/// The progress display: a redrawn bar on a terminal, plain lines otherwise.
class Progress
{
  public:
    /**
     * \param total every run of the campaign
     * \param skipped runs finished earlier
     * \param toRun runs to execute now
     * \param activeLabel what the runs under way are called ("running", "queued")
     */
    Progress(size_t total, size_t skipped, size_t toRun, const std::string& activeLabel)
        : m_total(total),
          m_skipped(skipped),
          m_toRun(toRun),
          m_activeLabel(activeLabel),
          m_tty(isatty(STDERR_FILENO)),
          m_start(Clock::now())
    {
    }

    /**
     * A run ended (or, for Slurm, was seen to end).
     * \param ok whether it finished
     */
    void RunEnded(bool ok)
    {
        m_done++;
        m_failed += ok ? 0 : 1;
        if (!m_tty)
        {
            std::cerr << PROGRAM << ": " << Text() << std::endl;
        }
        Draw();
    }

    /**
     * \param running runs under way now
     */
    void SetRunning(size_t running)
    {
        m_running = running;
    }

    /// Redraws the bar (terminal only).
    void Draw()
    {
        if (!m_tty)
        {
            return;
        }
        const size_t width = 30;
        const size_t total = std::max<size_t>(m_total, 1);
        const size_t filled = (m_skipped + m_done) * width / total;
        std::cerr << "\r\033[K[" << std::string(filled, '#') << std::string(width - filled, '.')
                  << "] " << Text() << std::flush;
    }

    /// Ends the bar's line (terminal only).
    void Finish()
    {
        if (m_tty)
        {
            Draw();
            std::cerr << std::endl;
        }
    }

  private:
    /// \return "12/40 done, 1 failed, 2 running, ETA 3 min 20 s"
    std::string Text() const
    {
        std::ostringstream os;
        os << (m_skipped + m_done) << "/" << m_total << " done";
        if (m_skipped)
        {
            os << " (" << m_skipped << " skipped)";
        }
        os << ", " << m_failed << " failed";
        if (m_running)
        {
            os << ", " << m_running << " " << m_activeLabel;
        }
        const double elapsed = std::chrono::duration<double>(Clock::now() - m_start).count();
        if (m_done < m_toRun)
        {
            os << ", ETA "
               << (m_done ? Duration(elapsed / m_done * static_cast<double>(m_toRun - m_done))
                          : std::string("?"));
        }
        else
        {
            os << ", " << Duration(elapsed);
        }
        return os.str();
    }

    size_t m_total;            //!< every run
    size_t m_skipped;          //!< finished earlier
    size_t m_toRun;            //!< to execute
    std::string m_activeLabel; //!< what the runs under way are called
    size_t m_done{0};          //!< executed and ended
    size_t m_failed{0};        //!< of those, failed
    size_t m_running{0};       //!< under way
    bool m_tty;                //!< stderr is a terminal
    Clock::time_point m_start; //!< when execution started
};

/// A run that did not finish, for the closing report.
struct Failure
{
    const Run* run;     ///< the run
    std::string reason; ///< what happened
    fs::path log;       ///< where its output is
};

/**
 * Prints the closing report: the counts, then every failure with its command and log.
 * \param total runs in the campaign
 * \param ran executed now
 * \param skipped finished earlier
 * \param failures failed now or earlier
 * \param wall the wall time
 * \return the exit status (0 all finished, 1 some failed)
 */
int
Report(size_t total, size_t ran, size_t skipped, const std::vector<Failure>& failures, double wall)
{
    std::cout << PROGRAM << ": " << total << " runs: ran " << ran << ", skipped " << skipped
              << " (finished earlier), failed " << failures.size() << "; wall " << Duration(wall)
              << std::endl;
    for (const auto& f : failures)
    {
        std::cout << PROGRAM << ": FAILED " << f.run->dir << ": " << f.reason
                  << "\n  command: " << CommandLine(f.run->command) << "\n  log: " << f.log.string()
                  << std::endl;
    }
    return failures.empty() ? 0 : 1;
}

// ---------------------------------------------------------------------------------------------
// Local backend

/**
 * Runs the pending runs on `jobs` cores.
 * \param out the output folder
 * \param runs the runs to execute
 * \param progress the display
 * \param failures failures are appended here
 * \return 0, or the signal that interrupted the campaign
 */
int
RunLocal(const fs::path& out,
         const std::vector<const Run*>& runs,
         unsigned jobs,
         Progress& progress,
         std::vector<Failure>& failures)
{
    sigset_t set = PoolSignals();
    sigset_t old;
    sigprocmask(SIG_BLOCK, &set, &old);
    std::map<pid_t, const Run*> running;
    size_t next = 0;
    int interrupted = 0;
    progress.Draw();
    while (true)
    {
        while (!interrupted && running.size() < jobs && next < runs.size())
        {
            const Run* run = runs[next++];
            running[StartRun(out, *run)] = run;
        }
        progress.SetRunning(running.size());
        progress.Draw();
        if (running.empty())
        {
            break;
        }
        siginfo_t info;
        const struct timespec second = {1, 0};
        const int sig = sigtimedwait(&set, &info, &second);
        if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP)
        {
            if (!interrupted)
            {
                interrupted = sig;
                for (const auto& [pid, run] : running)
                {
                    kill(pid, SIGTERM);
                }
            }
        }
        int status = 0;
        pid_t pid = 0;
        while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
        {
            auto it = running.find(pid);
            if (it == running.end())
            {
                continue;
            }
            const Run* run = it->second;
            running.erase(it);
            progress.SetRunning(running.size());
            if (interrupted)
            {
                // Stopped by us: neither finished nor failed; it runs again next time.
                fs::remove_all(out / (run->dir + ".tmp"));
                continue;
            }
            const Outcome o = CompleteRun(out, *run, status);
            if (!o.ok)
            {
                failures.push_back({run, o.reason, out / (run->dir + ".failed") / "log.txt"});
            }
            progress.RunEnded(o.ok);
        }
    }
    sigprocmask(SIG_SETMASK, &old, nullptr);
    progress.Finish();
    return interrupted;
}

// ---------------------------------------------------------------------------------------------
// Slurm backend

/// Slurm settings from the command line.
struct SlurmOptions
{
    std::string partition;               ///< --partition ("" = the default partition)
    std::string time;                    ///< --time ("" = the partition's default)
    std::vector<std::string> sbatchArgs; ///< further sbatch arguments
    uint64_t maxArraySize{0};            ///< array chunk size (0 = the cluster's MaxArraySize)
    unsigned throttle{0};                ///< at most this many tasks at once (0 = no limit)
    bool wait{true};                     ///< wait for the jobs
    double pollS{1};                     ///< squeue polling interval, s
    double waitTimeoutS{0};              ///< give up waiting after this (0 = no limit)
};

/// \return the cluster's MaxArraySize (scontrol show config), 1001 if it cannot be read
uint64_t
ClusterMaxArraySize()
{
    const Captured c = RunCaptured({"scontrol", "show", "config"});
    std::istringstream in(c.out);
    std::string line;
    while (std::getline(in, line))
    {
        if (line.compare(0, 12, "MaxArraySize") == 0)
        {
            const auto eq = line.find('=');
            uint64_t v = 0;
            if (eq != std::string::npos)
            {
                std::string value = line.substr(eq + 1);
                value.erase(0, value.find_first_not_of(' '));
                if (ParseUint(value, v) && v > 0)
                {
                    return v;
                }
            }
        }
    }
    return 1001; // Slurm's default
}

/**
 * \param jobs job ids
 * \param error set when squeue failed for another reason than unknown jobs
 * \return how many of their tasks squeue still lists (pending, running, completing)
 */
size_t
QueuedTasks(const std::vector<std::string>& jobs, std::string& error)
{
    std::string list;
    for (const auto& j : jobs)
    {
        list += (list.empty() ? "" : ",") + j;
    }
    const Captured c = RunCaptured({"squeue", "-h", "-r", "-j", list, "-o", "%i"});
    error.clear();
    if (!WIFEXITED(c.status) || WEXITSTATUS(c.status) != 0)
    {
        // Jobs that ended long ago are unknown to squeue: nothing queued.
        if (c.err.find("Invalid job id") != std::string::npos)
        {
            return 0;
        }
        error = c.err.empty() ? DescribeStatus(c.status) : c.err;
        return 0;
    }
    return SplitWords(c.out).size();
}

/**
 * The jobs of an earlier submission (OUT/slurm/jobs.txt) that are still queued: running the
 * campaign again meanwhile would run their runs twice.
 * \param out the output folder
 * \return their ids
 */
std::vector<std::string>
StillQueuedJobs(const fs::path& out)
{
    std::ifstream in(out / "slurm" / "jobs.txt");
    std::vector<std::string> jobs;
    std::string id;
    while (in >> id)
    {
        jobs.push_back(id);
    }
    if (jobs.empty())
    {
        return {};
    }
    std::string error;
    if (QueuedTasks(jobs, error) == 0)
    {
        return {};
    }
    return jobs;
}

/**
 * Submits the pending runs as a job array (chunked by MaxArraySize), then waits for them.
 * \param campaign the campaign
 * \param out the output folder
 * \param all every run (their indices are the tasks')
 * \param pending indices of the runs to execute
 * \param opt Slurm settings
 * \param progress the display
 * \param failures failures are appended here
 * \return 0, or EXIT_USAGE when sbatch refused, or 1 when waiting failed
 */
int
RunSlurm(const Campaign& campaign,
         const fs::path& out,
         const std::vector<Run>& all,
         const std::vector<size_t>& pending,
         const SlurmOptions& opt,
         Progress& progress,
         std::vector<Failure>& failures)
{
    const fs::path dir = out / "slurm";
    fs::create_directories(dir);
    // Task k of the submission runs the run on line k of tasks.txt (its index in campaign.json).
    std::ostringstream tasks;
    for (size_t i : pending)
    {
        tasks << i << "\t" << all[i].dir << "\n";
    }
    WriteFileAtomically(dir / "tasks.txt", tasks.str());
    const fs::path self = fs::read_symlink("/proc/self/exe");
    const fs::path script = dir / "campaign.sbatch";
    WriteFileAtomically(script,
                        "#!/bin/bash\n"
                        "# Written by mip6-campaign: one array task runs one run, line\n"
                        "# ($1 + SLURM_ARRAY_TASK_ID) of tasks.txt; sbatch passes $1, the chunk's "
                        "first line.\n"
                        "#SBATCH --ntasks=1\n"
                        "#SBATCH --cpus-per-task=1\n"
                        "exec " +
                            ShellQuote(self.string()) + " --output " + ShellQuote(out.string()) +
                            " --task \"$(($1 + SLURM_ARRAY_TASK_ID))\"\n");
    fs::permissions(script, fs::perms::owner_exec, fs::perm_options::add);

    const uint64_t chunk = opt.maxArraySize ? opt.maxArraySize : ClusterMaxArraySize();
    std::vector<std::string> jobs;
    for (uint64_t first = 0; first < pending.size(); first += chunk)
    {
        const uint64_t n = std::min<uint64_t>(chunk, pending.size() - first);
        std::string array = "0-" + std::to_string(n - 1);
        if (opt.throttle)
        {
            array += "%" + std::to_string(opt.throttle);
        }
        std::vector<std::string> argv = {"sbatch",
                                         "--parsable",
                                         "--job-name=mip6-" + campaign.name,
                                         "--array=" + array,
                                         "--output=" + (dir / "task-%A_%a.out").string()};
        if (!opt.partition.empty())
        {
            argv.push_back("--partition=" + opt.partition);
        }
        if (!opt.time.empty())
        {
            argv.push_back("--time=" + opt.time);
        }
        argv.insert(argv.end(), opt.sbatchArgs.begin(), opt.sbatchArgs.end());
        argv.push_back(script.string());
        argv.push_back(std::to_string(first));
        const Captured c = RunCaptured(argv);
        std::string id = c.out.substr(0, c.out.find_first_of(";\n"));
        if (!WIFEXITED(c.status) || WEXITSTATUS(c.status) != 0 || id.empty())
        {
            std::cerr << PROGRAM << ": " << CommandLine(argv) << ": " << DescribeStatus(c.status)
                      << "\n"
                      << c.err << c.out;
            if (!jobs.empty())
            {
                std::cerr << PROGRAM << ": jobs already submitted: ";
                for (const auto& j : jobs)
                {
                    std::cerr << j << " ";
                }
                std::cerr << "(scancel them, or run again after them)" << std::endl;
            }
            return EXIT_USAGE;
        }
        jobs.push_back(id);
        std::ofstream(dir / "jobs.txt", std::ios::app) << id << "\n";
        std::cerr << PROGRAM << ": submitted job " << id << " (array " << array << ", runs "
                  << first << ".." << first + n - 1 << " of tasks.txt)" << std::endl;
    }
    if (!opt.wait)
    {
        std::cout << PROGRAM << ": " << pending.size() << " runs submitted as job";
        for (const auto& j : jobs)
        {
            std::cout << " " << j;
        }
        std::cout << "; run the same command again once they left the queue for the report"
                  << std::endl;
        return 0;
    }

    // Wait: poll squeue; a run counts as ended once its directory or <dir>.failed exists.
    std::vector<bool> ended(pending.size(), false);
    const auto start = Clock::now();
    int squeueErrors = 0;
    while (true)
    {
        for (size_t k = 0; k < pending.size(); ++k)
        {
            if (ended[k])
            {
                continue;
            }
            const State s = StateOf(out, all[pending[k]]);
            if (s == State::FINISHED || s == State::FAILED)
            {
                ended[k] = true;
                progress.RunEnded(s == State::FINISHED);
            }
        }
        std::string error;
        const size_t queued = QueuedTasks(jobs, error);
        if (!error.empty())
        {
            if (++squeueErrors >= 10)
            {
                std::cerr << PROGRAM << ": squeue keeps failing: " << error;
                return 1;
            }
        }
        else
        {
            squeueErrors = 0;
            progress.SetRunning(queued);
            progress.Draw();
            if (queued == 0)
            {
                break;
            }
        }
        if (opt.waitTimeoutS > 0 &&
            std::chrono::duration<double>(Clock::now() - start).count() > opt.waitTimeoutS)
        {
            progress.Finish();
            std::cerr << PROGRAM << ": gave up waiting after " << Duration(opt.waitTimeoutS)
                      << "; the jobs are still queued" << std::endl;
            return 1;
        }
        usleep(static_cast<useconds_t>(opt.pollS * 1e6));
    }
    progress.Finish();
    for (size_t k = 0; k < pending.size(); ++k)
    {
        const Run& run = all[pending[k]];
        const State s = StateOf(out, run);
        if (s == State::FAILED)
        {
            std::string reason = "failed";
            std::ifstream why(out / (run.dir + ".failed") / "reason.txt");
            std::getline(why, reason);
            failures.push_back({&run, reason, out / (run.dir + ".failed") / "log.txt"});
        }
        else if (s != State::FINISHED)
        {
            // Cancelled, out of time, node lost: the task left no result; Slurm's output says why.
            failures.push_back(
                {&run,
                 "no result (task " + std::to_string(k) + " of the submission)",
                 dir / ("task-" + jobs[k / chunk] + "_" + std::to_string(k % chunk) + ".out")});
        }
    }
    return 0;
}

/**
 * One Slurm array task: runs line `task` of OUT/slurm/tasks.txt.
 * \param out the output folder
 * \param task the line
 * \return the exit status (0 finished, 1 failed)
 */
int
RunTask(const fs::path& out, uint64_t task)
{
    const std::vector<Run> runs = ReadCampaignJson(out / "campaign.json");
    std::ifstream in(out / "slurm" / "tasks.txt");
    std::string line;
    for (uint64_t i = 0; i <= task; ++i)
    {
        if (!std::getline(in, line))
        {
            throw UsageError{"task " + std::to_string(task) + ": tasks.txt has no such line"};
        }
    }
    std::istringstream fields(line);
    uint64_t index = 0;
    std::string dir;
    fields >> index >> dir;
    if (index >= runs.size() || runs[index].dir != dir)
    {
        throw UsageError{"task " + std::to_string(task) +
                         ": tasks.txt does not match campaign.json"};
    }
    const Run& run = runs[index];
    sigset_t set = PoolSignals();
    sigset_t old;
    sigprocmask(SIG_BLOCK, &set, &old);
    const pid_t pid = StartRun(out, run);
    int status = 0;
    // Slurm's time limit or scancel sends SIGTERM: pass it on, record the run as failed.
    while (true)
    {
        siginfo_t info;
        const int sig = sigwaitinfo(&set, &info);
        if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP)
        {
            kill(pid, sig);
        }
        if (waitpid(pid, &status, WNOHANG) == pid)
        {
            break;
        }
    }
    const Outcome o = CompleteRun(out, run, status);
    if (!o.ok)
    {
        std::cerr << PROGRAM << ": " << run.dir << ": " << o.reason
                  << "\n  command: " << CommandLine(run.command)
                  << "\n  log: " << (out / (run.dir + ".failed") / "log.txt").string() << std::endl;
    }
    else
    {
        std::cerr << PROGRAM << ": " << run.dir << ": finished" << std::endl;
    }
    return o.ok ? 0 : 1;
}

// ---------------------------------------------------------------------------------------------
// The command line

/// \return the help text
std::string
HelpText(const po::options_description& visible)
{
    std::ostringstream os;
    os << "Usage: mip6-campaign CAMPAIGN_FILE [options]\n"
          "Runs a campaign (doc/campaigns.rst): every scenario section x design variant x grid "
          "point x run number of CAMPAIGN_FILE as one scenario run into OUT/runs/..., on the "
          "local cores or as a Slurm job array. Finished runs (a manifest.json matching the run) "
          "are skipped; runs that failed before are reported again, not rerun, unless "
          "--retry-failed.\n"
       << visible
       << "\nExit status: 0 every run finished, 1 some run failed, 2 usage error (bad option or "
          "campaign file, a point a scenario refuses), 128+N interrupted by signal N.\n";
    return os.str();
}

} // namespace

int
main(int argc, char** argv)
{
    const auto wallStart = Clock::now();
    // Children are waited for: SIGCHLD must not be ignored (as a parent may have left it).
    signal(SIGCHLD, SIG_DFL);
    po::options_description general("Campaign");
    general.add_options()("help,h", "print this help and exit")(
        "output",
        po::value<std::string>()->value_name("DIR"),
        "output folder (default: results/<campaign name>)")(
        "jobs",
        po::value<unsigned>()->value_name("N"),
        "runs at once: local cores (default: nproc); Slurm: array throttle (default: none)")(
        "backend",
        po::value<std::string>()->default_value("local"),
        "local (child processes on this machine) or slurm (one job array)")(
        "dry-run",
        "check the campaign and print every run with its state and command; run nothing")(
        "retry-failed",
        "run again the runs that failed before (their <dir>.failed)");
    po::options_description slurm("Slurm backend");
    slurm.add_options()("partition", po::value<std::string>(), "sbatch --partition")(
        "time",
        po::value<std::string>(),
        "sbatch --time, the limit of one run")(
        "sbatch-arg",
        po::value<std::vector<std::string>>()->value_name("ARG"),
        "a further sbatch argument (repeatable), e.g. --sbatch-arg=--mem=2G")(
        "max-array-size",
        po::value<uint64_t>()->value_name("N"),
        "tasks per job array (default: the cluster's MaxArraySize; more runs: several arrays)")(
        "no-wait",
        "submit and exit; run the same command again later for the report")(
        "poll-interval",
        po::value<double>()->default_value(1.0),
        "squeue polling interval while waiting, s")(
        "wait-timeout",
        po::value<double>()->default_value(0),
        "stop waiting after this many seconds (0: until the jobs left the queue)");
    po::options_description hidden;
    hidden.add_options()("campaign-file", po::value<std::string>())(
        "task",
        po::value<uint64_t>(),
        "run one task of OUT/slurm/tasks.txt (what the job array runs)");
    po::options_description visible;
    visible.add(general).add(slurm);
    po::options_description all;
    all.add(visible).add(hidden);
    po::positional_options_description positional;
    positional.add("campaign-file", 1);

    try
    {
        po::variables_map vm;
        try
        {
            const auto style =
                po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
            po::store(po::command_line_parser(argc, argv)
                          .options(all)
                          .positional(positional)
                          .style(style)
                          .run(),
                      vm);
            po::notify(vm);
        }
        catch (const po::error& e)
        {
            throw UsageError{std::string(e.what()) + " (see --help)"};
        }
        if (vm.count("help"))
        {
            std::cout << HelpText(visible);
            return 0;
        }
        if (vm.count("task"))
        {
            if (!vm.count("output"))
            {
                throw UsageError{"--task needs --output"};
            }
            return RunTask(fs::absolute(vm["output"].as<std::string>()), vm["task"].as<uint64_t>());
        }
        if (!vm.count("campaign-file"))
        {
            throw UsageError{"no campaign file given (see --help)"};
        }
        const std::string backend = vm["backend"].as<std::string>();
        if (backend != "local" && backend != "slurm")
        {
            throw UsageError{"--backend: '" + backend + "' is not one of local, slurm"};
        }
        for (const char* o : {"partition", "time", "sbatch-arg", "max-array-size", "no-wait"})
        {
            if (backend != "slurm" && vm.count(o))
            {
                throw UsageError{std::string("--") + o + " needs --backend slurm"};
            }
        }
        unsigned jobs = CpuCount();
        if (vm.count("jobs"))
        {
            jobs = vm["jobs"].as<unsigned>();
            if (jobs == 0)
            {
                throw UsageError{"--jobs: must be at least 1"};
            }
        }
        SlurmOptions sopt;
        if (vm.count("partition"))
        {
            sopt.partition = vm["partition"].as<std::string>();
        }
        if (vm.count("time"))
        {
            sopt.time = vm["time"].as<std::string>();
        }
        if (vm.count("sbatch-arg"))
        {
            sopt.sbatchArgs = vm["sbatch-arg"].as<std::vector<std::string>>();
        }
        if (vm.count("max-array-size"))
        {
            sopt.maxArraySize = vm["max-array-size"].as<uint64_t>();
            if (sopt.maxArraySize == 0)
            {
                throw UsageError{"--max-array-size: must be at least 1"};
            }
        }
        sopt.throttle = vm.count("jobs") ? jobs : 0;
        sopt.wait = !vm.count("no-wait");
        sopt.pollS = vm["poll-interval"].as<double>();
        sopt.waitTimeoutS = vm["wait-timeout"].as<double>();
        if (!(sopt.pollS >= 0.05 && sopt.pollS <= 3600) || !(sopt.waitTimeoutS >= 0))
        {
            throw UsageError{"--poll-interval must be in [0.05, 3600] s, --wait-timeout >= 0"};
        }

        const Campaign campaign = ReadCampaign(vm["campaign-file"].as<std::string>());
        const fs::path out = fs::absolute(vm.count("output") ? vm["output"].as<std::string>()
                                                             : "results/" + campaign.name)
                                 .lexically_normal();
        const std::vector<Run> runs = Expand(campaign, out, jobs);

        std::vector<size_t> toRun;
        std::vector<Failure> failures;
        size_t skipped = 0;
        const bool retry = vm.count("retry-failed") > 0;
        std::vector<State> states;
        for (size_t i = 0; i < runs.size(); ++i)
        {
            const State s = StateOf(out, runs[i]);
            states.push_back(s);
            if (s == State::FINISHED)
            {
                skipped++;
            }
            else if (s == State::FAILED && !retry)
            {
                std::string reason = "failed earlier";
                std::ifstream why(out / (runs[i].dir + ".failed") / "reason.txt");
                if (std::getline(why, reason))
                {
                    reason = "failed earlier: " + reason;
                }
                reason += " (not rerun without --retry-failed)";
                failures.push_back({&runs[i], reason, out / (runs[i].dir + ".failed") / "log.txt"});
            }
            else
            {
                toRun.push_back(i);
            }
        }

        if (vm.count("dry-run"))
        {
            for (size_t i = 0; i < runs.size(); ++i)
            {
                const char* label = states[i] == State::FINISHED ? "finished"
                                    : states[i] == State::FAILED ? "failed  "
                                                                 : "pending ";
                std::cout << label << " " << runs[i].dir << "  " << CommandLine(runs[i].command)
                          << "\n";
            }
            std::cout << PROGRAM << ": " << runs.size() << " runs (" << skipped << " finished, "
                      << failures.size() << " failed earlier, " << toRun.size() << " to run) into "
                      << out.string() << std::endl;
            return 0;
        }

        fs::create_directories(out);
        // One campaign at a time per folder (the lock goes with the process).
        const int lockFd = open((out / ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (lockFd < 0 || flock(lockFd, LOCK_EX | LOCK_NB) != 0)
        {
            throw UsageError{"another mip6-campaign is using " + out.string()};
        }
        if (const auto queued = StillQueuedJobs(out); !queued.empty())
        {
            std::string ids;
            for (const auto& j : queued)
            {
                ids += " " + j;
            }
            throw UsageError{"Slurm jobs of an earlier submission are still queued (" +
                             ids.substr(1) + "): wait for them or scancel them"};
        }
        // Leftovers of runs a killed campaign had started: never results.
        for (const auto& r : runs)
        {
            fs::remove_all(out / (r.dir + ".tmp"));
        }
        WriteFileAtomically(out / "campaign.json", CampaignJson(campaign, runs));
        fs::remove(out / "slurm" / "jobs.txt");
        std::cerr << PROGRAM << ": " << campaign.name << ": " << runs.size() << " runs, skipped "
                  << skipped << " finished, " << toRun.size() << " to run"
                  << (backend == "local" ? " on " + std::to_string(jobs) + " cores"
                                         : std::string(" on Slurm"))
                  << ", into " << out.string() << std::endl;

        std::vector<const Run*> pending;
        for (size_t i : toRun)
        {
            pending.push_back(&runs[i]);
        }
        Progress progress(runs.size(),
                          skipped,
                          toRun.size(),
                          backend == "local" ? "running" : "queued or running");
        if (!toRun.empty())
        {
            if (backend == "local")
            {
                const int sig = RunLocal(out, pending, jobs, progress, failures);
                if (sig)
                {
                    std::cerr << PROGRAM << ": interrupted (" << strsignal(sig)
                              << "); finished runs are kept, run again to go on" << std::endl;
                    return 128 + sig;
                }
            }
            else
            {
                const int rc = RunSlurm(campaign, out, runs, toRun, sopt, progress, failures);
                if (rc != 0 || !sopt.wait)
                {
                    return rc;
                }
            }
        }
        const double wall = std::chrono::duration<double>(Clock::now() - wallStart).count();
        return Report(runs.size(), toRun.size(), skipped, failures, wall);
    }
    catch (const UsageError& e)
    {
        std::cerr << PROGRAM << ": " << e.message << std::endl;
        return EXIT_USAGE;
    }
    catch (const std::exception& e)
    {
        std::cerr << PROGRAM << ": " << e.what() << std::endl;
        return 1;
    }
}

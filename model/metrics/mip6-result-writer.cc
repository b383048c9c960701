/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-result-writer.h"

#include "ns3/abort.h"
#include "ns3/attribute.h"
#include "ns3/log.h"
#include "ns3/type-id.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <openssl/crypto.h>
#include <set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6ResultWriter");

// ---------------------------------------------------------------------------------------------
// Mip6Schema: DESIGN.md §4 and §5

const std::string&
Mip6Schema::HandoversFile()
{
    static const std::string name = "handovers.csv";
    return name;
}

const std::string&
Mip6Schema::BootstrapFile()
{
    static const std::string name = "bootstrap.csv";
    return name;
}

const std::string&
Mip6Schema::OverheadFile()
{
    static const std::string name = "overhead.csv";
    return name;
}

const std::string&
Mip6Schema::StateFile()
{
    static const std::string name = "state.csv";
    return name;
}

const std::string&
Mip6Schema::McoaFile()
{
    static const std::string name = "mcoa.csv";
    return name;
}

const std::string&
Mip6Schema::MessagesFile()
{
    static const std::string name = "messages.csv";
    return name;
}

const std::string&
Mip6Schema::ManifestFile()
{
    static const std::string name = "manifest.json";
    return name;
}

// DESIGN.md §4.1: keys, then the nine columns of the §4.1 table in table order, then context.
const std::vector<std::string>&
Mip6Schema::HandoverColumns()
{
    static const std::vector<std::string> columns = {
        "run",         "seed",        "design",      "mn",        "handover",
        "kind",        "from_access", "to_access",   "t_start_s", "l2_detect_s",
        "l2_attach_s", "md_s",        "dad_s",       "sec_s",     "reg_s",
        "total_s",     "outage_s",    "probes_lost", "bu_sent",   "ba_status"};
    return columns;
}

// DESIGN.md §4.2
const std::vector<std::string>&
Mip6Schema::BootstrapColumns()
{
    static const std::vector<std::string> columns = {"run",
                                                     "seed",
                                                     "design",
                                                     "mn",
                                                     "t_start_s",
                                                     "security_s",
                                                     "reg_s",
                                                     "total_s",
                                                     "round_trips",
                                                     "messages",
                                                     "bytes_up",
                                                     "bytes_down",
                                                     "mhauth_plaintext_bytes",
                                                     "reason"};
    return columns;
}

// DESIGN.md §4.3
const std::vector<std::string>&
Mip6Schema::OverheadColumns()
{
    static const std::vector<std::string> columns = {"run",
                                                     "seed",
                                                     "design",
                                                     "mn",
                                                     "point",
                                                     "category",
                                                     "phase",
                                                     "direction",
                                                     "packets",
                                                     "ip_bytes",
                                                     "l2_bytes"};
    return columns;
}

// DESIGN.md §4.4
const std::vector<std::string>&
Mip6Schema::StateColumns()
{
    static const std::vector<std::string> columns = {"run",
                                                     "seed",
                                                     "design",
                                                     "t_s",
                                                     "mn",
                                                     "bindings",
                                                     "sa_count",
                                                     "spd_entries",
                                                     "ike_sas",
                                                     "hac_records",
                                                     "key_bytes",
                                                     "state_bytes"};
    return columns;
}

// DESIGN.md §4.5
const std::vector<std::string>&
Mip6Schema::McoaColumns()
{
    static const std::vector<std::string> columns = {"run",
                                                     "seed",
                                                     "design",
                                                     "policy",
                                                     "interfaces",
                                                     "ike_sas",
                                                     "sa_count",
                                                     "add_coa_bytes",
                                                     "add_coa_s",
                                                     "simultaneous_use",
                                                     "failover_outage_s",
                                                     "failover_probes_lost"};
    return columns;
}

// DESIGN.md §4.6
const std::vector<std::string>&
Mip6Schema::MessagesColumns()
{
    static const std::vector<std::string> columns = {"run",
                                                     "seed",
                                                     "design",
                                                     "t_s",
                                                     "node",
                                                     "point",
                                                     "direction",
                                                     "category",
                                                     "message",
                                                     "ip_bytes",
                                                     "l2_bytes"};
    return columns;
}

// ---------------------------------------------------------------------------------------------
// Mip6Format

const std::string Mip6Format::NA = "NA";

std::string
Mip6Format::Seconds(Time t)
{
    // Integer arithmetic on nanoseconds: exact and identical on every platform.
    int64_t ns = t.GetNanoSeconds();
    bool negative = ns < 0;
    // Magnitude as unsigned so INT64_MIN does not overflow.
    uint64_t mag = negative ? (~static_cast<uint64_t>(ns) + 1) : static_cast<uint64_t>(ns);
    uint64_t us = mag / 1000 + ((mag % 1000) >= 500 ? 1 : 0);
    std::string frac = std::to_string(us % 1000000);
    std::string text =
        std::to_string(us / 1000000) + "." + std::string(6 - frac.size(), '0') + frac;
    return (negative && us != 0) ? "-" + text : text;
}

std::string
Mip6Format::Seconds(double seconds)
{
    return Fixed(seconds, 6);
}

std::string
Mip6Format::Fixed(double value, int decimals)
{
    NS_ABORT_MSG_IF(!std::isfinite(value),
                    "Mip6Format::Fixed: non-finite value; write Mip6Format::NA explicitly");
    NS_ABORT_MSG_IF(decimals < 0 || decimals > 17, "Mip6Format::Fixed: bad precision " << decimals);
    // std::to_chars ignores the locale and rounds the exact binary value correctly.
    char buf[400];
    auto res = std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::fixed, decimals);
    NS_ABORT_MSG_IF(res.ec != std::errc(), "Mip6Format::Fixed: value too large");
    std::string text(buf, res.ptr);
    if (!text.empty() && text[0] == '-' && text.find_first_not_of("-0.") == std::string::npos)
    {
        text.erase(0, 1); // "-0.000000" is the same observation as "0.000000"
    }
    return text;
}

std::string
Mip6Format::Uint(uint64_t value)
{
    return std::to_string(value);
}

std::string
Mip6Format::Int(int64_t value)
{
    return std::to_string(value);
}

std::string
Mip6Format::Bool(bool value)
{
    return value ? "true" : "false";
}

// ---------------------------------------------------------------------------------------------
// Mip6CsvRow

Mip6CsvRow::Mip6CsvRow(const Mip6RunInfo& info)
{
    AddUint(info.run);
    AddUint(info.seed);
    Add(info.design);
}

Mip6CsvRow&
Mip6CsvRow::Add(const std::string& text)
{
    NS_ABORT_MSG_IF(text.empty(),
                    "Mip6CsvRow: empty cell after " << m_cells.size()
                                                    << " cells; use NA for a value that does "
                                                       "not apply");
    m_cells.push_back(text);
    return *this;
}

Mip6CsvRow&
Mip6CsvRow::AddNa()
{
    m_cells.push_back(Mip6Format::NA);
    return *this;
}

Mip6CsvRow&
Mip6CsvRow::AddUint(uint64_t value)
{
    m_cells.push_back(Mip6Format::Uint(value));
    return *this;
}

Mip6CsvRow&
Mip6CsvRow::AddInt(int64_t value)
{
    m_cells.push_back(Mip6Format::Int(value));
    return *this;
}

Mip6CsvRow&
Mip6CsvRow::AddSeconds(Time t)
{
    m_cells.push_back(Mip6Format::Seconds(t));
    return *this;
}

Mip6CsvRow&
Mip6CsvRow::AddSeconds(double seconds)
{
    m_cells.push_back(Mip6Format::Seconds(seconds));
    return *this;
}

Mip6CsvRow&
Mip6CsvRow::AddSeconds(const std::optional<Time>& t)
{
    return t ? AddSeconds(*t) : AddNa();
}

Mip6CsvRow&
Mip6CsvRow::AddFixed(double value, int decimals)
{
    m_cells.push_back(Mip6Format::Fixed(value, decimals));
    return *this;
}

Mip6CsvRow&
Mip6CsvRow::AddUint(const std::optional<uint64_t>& value)
{
    return value ? AddUint(*value) : AddNa();
}

Mip6CsvRow&
Mip6CsvRow::AddBool(bool value)
{
    m_cells.push_back(Mip6Format::Bool(value));
    return *this;
}

const std::vector<std::string>&
Mip6CsvRow::GetCells() const
{
    return m_cells;
}

// ---------------------------------------------------------------------------------------------
// Mip6CsvTable

Mip6CsvTable::Mip6CsvTable(std::vector<std::string> columns)
    : m_columns(std::move(columns))
{
    NS_ABORT_MSG_IF(m_columns.empty(), "Mip6CsvTable: no columns");
    std::set<std::string> seen;
    for (const auto& c : m_columns)
    {
        NS_ABORT_MSG_IF(c.empty(), "Mip6CsvTable: empty column name");
        NS_ABORT_MSG_IF(!seen.insert(c).second, "Mip6CsvTable: duplicate column '" << c << "'");
    }
}

const std::vector<std::string>&
Mip6CsvTable::GetColumns() const
{
    return m_columns;
}

void
Mip6CsvTable::AddRow(std::vector<std::string> cells)
{
    // A ragged row would silently shift every later column for the reader: stop here instead.
    NS_ABORT_MSG_IF(cells.size() != m_columns.size(),
                    "Mip6CsvTable: row with " << cells.size() << " cells for " << m_columns.size()
                                              << " columns (" << GetHeaderLine() << ")");
    for (size_t i = 0; i < cells.size(); ++i)
    {
        NS_ABORT_MSG_IF(cells[i].empty(),
                        "Mip6CsvTable: empty cell in column '" << m_columns[i]
                                                               << "'; use NA for a value that "
                                                                  "does not apply");
    }
    m_rows.push_back(std::move(cells));
}

void
Mip6CsvTable::AddRow(const Mip6CsvRow& row)
{
    AddRow(row.GetCells());
}

size_t
Mip6CsvTable::GetRowCount() const
{
    return m_rows.size();
}

const std::vector<std::string>&
Mip6CsvTable::GetRow(size_t i) const
{
    NS_ABORT_MSG_IF(i >= m_rows.size(), "Mip6CsvTable: row " << i << " out of range");
    return m_rows[i];
}

void
Mip6CsvTable::Clear()
{
    m_rows.clear();
}

std::string
Mip6CsvTable::Quote(const std::string& cell)
{
    // RFC 4180 §2 rules 6 and 7.
    if (cell.find_first_of(",\"\r\n") == std::string::npos)
    {
        return cell;
    }
    std::string out = "\"";
    for (char c : cell)
    {
        if (c == '"')
        {
            out += '"';
        }
        out += c;
    }
    out += '"';
    return out;
}

std::string
Mip6CsvTable::Line(const std::vector<std::string>& cells)
{
    std::string line;
    for (size_t i = 0; i < cells.size(); ++i)
    {
        if (i > 0)
        {
            line += ',';
        }
        line += Quote(cells[i]);
    }
    line += '\n';
    return line;
}

std::string
Mip6CsvTable::GetHeaderLine() const
{
    std::string line = Line(m_columns);
    line.pop_back();
    return line;
}

std::string
Mip6CsvTable::ToString(bool withHeader) const
{
    std::string text;
    if (withHeader)
    {
        text = Line(m_columns);
    }
    for (const auto& row : m_rows)
    {
        text += Line(row);
    }
    return text;
}

bool
Mip6CsvTable::AppendToFile(const std::string& path, std::string& error) const
{
    bool needHeader = true;
    {
        std::ifstream in(path, std::ios::binary);
        std::error_code ec;
        if (!in && std::filesystem::exists(path, ec))
        {
            // Appending blind could add a second header to a file we cannot check.
            error = path + ": exists but cannot be read: " + std::strerror(errno);
            return false;
        }
        if (in)
        {
            std::string first;
            if (std::getline(in, first))
            {
                needHeader = false;
                if (first != GetHeaderLine())
                {
                    error = path + ": existing header '" + first + "' differs from '" +
                            GetHeaderLine() + "'; refusing to mix schemas in one file";
                    return false;
                }
                // A file cut short (e.g. by a killed run) would glue our first row to its last.
                in.clear();
                in.seekg(-1, std::ios::end);
                char last = 0;
                if (!in.get(last) || last != '\n')
                {
                    error = path + ": does not end with a line end (truncated file?)";
                    return false;
                }
            }
        }
    }
    std::ofstream out(path, std::ios::binary | std::ios::app);
    if (!out)
    {
        error = path + ": cannot open for writing: " + std::strerror(errno);
        return false;
    }
    out << ToString(needHeader);
    out.flush();
    if (!out)
    {
        error = path + ": write failed: " + std::strerror(errno);
        return false;
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// Mip6JsonWriter

void
Mip6JsonWriter::NewLine()
{
    m_text += '\n';
    m_text.append(2 * m_stack.size(), ' ');
}

void
Mip6JsonWriter::BeforeValue()
{
    NS_ABORT_MSG_IF(m_done, "Mip6JsonWriter: a second top-level value");
    if (m_stack.empty())
    {
        return;
    }
    Level& top = m_stack.back();
    if (top.object)
    {
        NS_ABORT_MSG_IF(!top.keyPending, "Mip6JsonWriter: object member value without a key");
        top.keyPending = false;
        return; // Key() wrote the separator and indentation
    }
    if (top.count > 0)
    {
        m_text += ',';
    }
    ++top.count;
    NewLine();
}

void
Mip6JsonWriter::BeginObject()
{
    BeforeValue();
    m_text += '{';
    m_stack.push_back(Level{true, 0, false});
}

void
Mip6JsonWriter::EndObject()
{
    NS_ABORT_MSG_IF(m_stack.empty() || !m_stack.back().object || m_stack.back().keyPending,
                    "Mip6JsonWriter: EndObject without an open object (or a key lacks a value)");
    bool empty = m_stack.back().count == 0;
    m_stack.pop_back();
    if (!empty)
    {
        NewLine();
    }
    m_text += '}';
    m_done = m_stack.empty();
}

void
Mip6JsonWriter::BeginArray()
{
    BeforeValue();
    m_text += '[';
    m_stack.push_back(Level{false, 0, false});
}

void
Mip6JsonWriter::EndArray()
{
    NS_ABORT_MSG_IF(m_stack.empty() || m_stack.back().object,
                    "Mip6JsonWriter: EndArray without an open array");
    bool empty = m_stack.back().count == 0;
    m_stack.pop_back();
    if (!empty)
    {
        NewLine();
    }
    m_text += ']';
    m_done = m_stack.empty();
}

void
Mip6JsonWriter::Key(const std::string& key)
{
    NS_ABORT_MSG_IF(m_stack.empty() || !m_stack.back().object || m_stack.back().keyPending,
                    "Mip6JsonWriter: Key outside an object or twice in a row");
    Level& top = m_stack.back();
    if (top.count > 0)
    {
        m_text += ',';
    }
    ++top.count;
    top.keyPending = true;
    NewLine();
    m_text += Escape(key);
    m_text += ": ";
}

void
Mip6JsonWriter::String(const std::string& value)
{
    BeforeValue();
    m_text += Escape(value);
    m_done = m_stack.empty();
}

void
Mip6JsonWriter::Int(int64_t value)
{
    BeforeValue();
    m_text += std::to_string(value);
    m_done = m_stack.empty();
}

void
Mip6JsonWriter::Uint(uint64_t value)
{
    BeforeValue();
    m_text += std::to_string(value);
    m_done = m_stack.empty();
}

void
Mip6JsonWriter::Double(double value)
{
    BeforeValue();
    if (!std::isfinite(value))
    {
        m_text += "null"; // RFC 8259 §6: NaN and infinity are not permitted
    }
    else
    {
        char buf[64];
        auto res = std::to_chars(buf, buf + sizeof(buf), value);
        m_text.append(buf, res.ptr);
    }
    m_done = m_stack.empty();
}

void
Mip6JsonWriter::Bool(bool value)
{
    BeforeValue();
    m_text += value ? "true" : "false";
    m_done = m_stack.empty();
}

void
Mip6JsonWriter::Null()
{
    BeforeValue();
    m_text += "null";
    m_done = m_stack.empty();
}

std::string
Mip6JsonWriter::GetText() const
{
    NS_ABORT_MSG_IF(!m_stack.empty(), "Mip6JsonWriter: " << m_stack.size() << " levels still open");
    return m_text;
}

std::string
Mip6JsonWriter::Escape(const std::string& text)
{
    // RFC 8259 §7: quote, backslash and control characters must be escaped. Bytes that are not
    // well-formed UTF-8 (RFC 3629 §4) become U+FFFD so the document stays valid.
    static const char* hex = "0123456789abcdef";
    std::string out = "\"";
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    size_t n = text.size();
    size_t i = 0;
    while (i < n)
    {
        unsigned char c = s[i];
        if (c < 0x80)
        {
            switch (c)
            {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (c < 0x20)
                {
                    out += "\\u00";
                    out += hex[c >> 4];
                    out += hex[c & 0xf];
                }
                else
                {
                    out += static_cast<char>(c);
                }
            }
            ++i;
            continue;
        }
        // Multi-byte sequence: length from the lead byte, then range checks of RFC 3629 §4.
        size_t len = 0;
        unsigned char lo = 0x80;
        unsigned char hi = 0xbf;
        if (c >= 0xc2 && c <= 0xdf)
        {
            len = 2;
        }
        else if (c >= 0xe0 && c <= 0xef)
        {
            len = 3;
            lo = (c == 0xe0) ? 0xa0 : 0x80;
            hi = (c == 0xed) ? 0x9f : 0xbf;
        }
        else if (c >= 0xf0 && c <= 0xf4)
        {
            len = 4;
            lo = (c == 0xf0) ? 0x90 : 0x80;
            hi = (c == 0xf4) ? 0x8f : 0xbf;
        }
        bool ok = len > 0 && i + len <= n;
        for (size_t k = 1; ok && k < len; ++k)
        {
            unsigned char b = s[i + k];
            unsigned char l = (k == 1) ? lo : 0x80;
            unsigned char h = (k == 1) ? hi : 0xbf;
            ok = b >= l && b <= h;
        }
        if (ok)
        {
            out.append(text, i, len);
            i += len;
        }
        else
        {
            out += "\xef\xbf\xbd";
            ++i;
        }
    }
    out += '"';
    return out;
}

// ---------------------------------------------------------------------------------------------
// Mip6Manifest

namespace
{
/**
 * Writes a string map as a JSON object.
 * \param w the writer
 * \param key the member name
 * \param m the map (already sorted)
 */
void
WriteMap(Mip6JsonWriter& w, const std::string& key, const std::map<std::string, std::string>& m)
{
    w.Key(key);
    w.BeginObject();
    for (const auto& [k, v] : m)
    {
        w.Key(k);
        w.String(v);
    }
    w.EndObject();
}
} // namespace

std::string
Mip6Manifest::ToJson() const
{
    Mip6JsonWriter w;
    w.BeginObject();
    w.Key("program");
    w.String(program);
    w.Key("version");
    w.String(version);
    w.Key("ns3_version");
    w.String(ns3Version);
    w.Key("openssl_version");
    w.String(opensslVersion);
    w.Key("run");
    w.Uint(run);
    w.Key("seed");
    w.Uint(seed);
    if (!runs.empty())
    {
        w.Key("runs");
        w.BeginArray();
        for (uint64_t r : runs)
        {
            w.Uint(r);
        }
        w.EndArray();
    }
    w.Key("designs");
    w.BeginArray();
    for (const auto& d : designs)
    {
        w.String(d);
    }
    w.EndArray();
    WriteMap(w, "parameters", parameters);
    WriteMap(w, "attributes", attributes);
    WriteMap(w, "tcp", tcp);
    WriteMap(w, "data_protection", dataProtection);
    w.Key("wall_time_s");
    w.Double(wallTimeS);
    w.Key("events_executed");
    w.Uint(eventsExecuted);
    w.EndObject();
    return w.GetText() + "\n";
}

bool
Mip6Manifest::Write(const std::string& path, std::string& error) const
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out)
    {
        error = path + ": cannot open for writing: " + std::strerror(errno);
        return false;
    }
    out << ToJson();
    out.flush();
    if (!out)
    {
        error = path + ": write failed: " + std::strerror(errno);
        return false;
    }
    return true;
}

std::string
Mip6Manifest::OpenSslVersion()
{
    return OpenSSL_version(OPENSSL_VERSION);
}

std::map<std::string, std::string>
Mip6Manifest::ChangedAttributeDefaults()
{
    std::map<std::string, std::string> changed;
    for (uint16_t i = 0; i < TypeId::GetRegisteredN(); ++i)
    {
        TypeId tid = TypeId::GetRegistered(i);
        for (std::size_t j = 0; j < tid.GetAttributeN(); ++j)
        {
            TypeId::AttributeInformation info = tid.GetAttribute(j);
            // SetAttributeInitialValue replaces the pointer; an untouched default shares it.
            if (!info.initialValue || !info.originalInitialValue ||
                info.initialValue == info.originalInitialValue)
            {
                continue;
            }
            std::string now = info.initialValue->SerializeToString(info.checker);
            std::string was = info.originalInitialValue->SerializeToString(info.checker);
            if (now != was)
            {
                changed[tid.GetName() + "::" + info.name] = now;
            }
        }
    }
    return changed;
}

} // namespace ns3

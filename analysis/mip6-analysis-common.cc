/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-analysis-common.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace mip6
{

size_t
Csv::Column(const std::string& name) const
{
    auto it = std::find(columns.begin(), columns.end(), name);
    if (it == columns.end())
    {
        throw InputError{path + ": no column '" + name + "'"};
    }
    return static_cast<size_t>(it - columns.begin());
}

bool
Csv::Number(size_t row, size_t col, double& value) const
{
    const std::string& s = rows[row][col];
    if (s == "NA")
    {
        return false;
    }
    const char* end = s.data() + s.size();
    auto res = std::from_chars(s.data(), end, value);
    if (s.empty() || res.ec != std::errc() || res.ptr != end || !std::isfinite(value))
    {
        throw InputError{path + ":" + std::to_string(lines[row]) + ": column '" + columns[col] +
                         "': '" + s + "' is neither a number nor NA"};
    }
    return true;
}

Csv
ReadCsv(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
    {
        throw InputError{path + ": cannot open"};
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();

    Csv csv;
    csv.path = path;
    std::vector<std::string> record;
    std::string cell;
    bool quoted = false;
    bool cellStarted = false;
    size_t line = 1;
    size_t recordLine = 1;
    auto endRecord = [&]() {
        record.push_back(cell);
        cell.clear();
        cellStarted = false;
        if (csv.columns.empty())
        {
            csv.columns = record;
        }
        else if (record.size() != csv.columns.size())
        {
            throw InputError{path + ":" + std::to_string(recordLine) + ": " +
                             std::to_string(record.size()) + " cells for " +
                             std::to_string(csv.columns.size()) + " columns"};
        }
        else
        {
            csv.rows.push_back(record);
            csv.lines.push_back(recordLine);
        }
        record.clear();
        recordLine = line;
    };
    for (size_t i = 0; i < text.size(); ++i)
    {
        char c = text[i];
        if (quoted)
        {
            if (c == '"')
            {
                if (i + 1 < text.size() && text[i + 1] == '"')
                {
                    cell += '"';
                    ++i;
                }
                else
                {
                    quoted = false;
                }
            }
            else
            {
                if (c == '\n')
                {
                    ++line;
                }
                cell += c;
            }
            continue;
        }
        if (c == '"' && !cellStarted)
        {
            quoted = true;
            cellStarted = true;
        }
        else if (c == '"')
        {
            throw InputError{path + ":" + std::to_string(line) + ": quote inside an unquoted cell"};
        }
        else if (c == ',')
        {
            record.push_back(cell);
            cell.clear();
            cellStarted = false;
        }
        else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
        {
            // CRLF: the LF ends the record.
        }
        else if (c == '\n')
        {
            ++line;
            endRecord();
        }
        else
        {
            cell += c;
            cellStarted = true;
        }
    }
    if (quoted)
    {
        throw InputError{path + ": file ends inside a quoted cell"};
    }
    if (cellStarted || !record.empty())
    {
        endRecord(); // last line without a line end
    }
    if (csv.columns.empty())
    {
        throw InputError{path + ": empty file (no header)"};
    }
    return csv;
}

std::string
Num(double v)
{
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof(buf), v);
    return std::string(buf, res.ptr);
}

std::string
Fixed(double v, int decimals)
{
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::fixed, decimals);
    std::string s(buf, res.ptr);
    // A negative value that rounds to zero prints as zero.
    if (s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos)
    {
        s.erase(0, 1);
    }
    return s;
}

size_t
IndexOf(std::vector<std::string>& values, const std::string& v)
{
    auto it = std::find(values.begin(), values.end(), v);
    if (it != values.end())
    {
        return static_cast<size_t>(it - values.begin());
    }
    values.push_back(v);
    return values.size() - 1;
}

std::string
GpString(const std::string& s)
{
    std::string out = "\"";
    for (char c : s)
    {
        if (c == '"' || c == '\\')
        {
            out += '\\';
        }
        out += c;
    }
    return out + "\"";
}

std::string
GpPath(const std::string& path)
{
    std::string out = "'";
    for (char c : path)
    {
        out += c;
        if (c == '\'')
        {
            out += '\'';
        }
    }
    return out + "'";
}

std::string
XticOptions(size_t n)
{
    return n <= FEW_DESIGNS ? "rotate by -30" : "rotate by 90 right";
}

int
WidthFor(size_t n, int base)
{
    return n <= FEW_DESIGNS ? base : std::max(base, 200 + 40 * static_cast<int>(n));
}

} // namespace mip6

/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-outage-error-model.h"

#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6OutageErrorModel");

NS_OBJECT_ENSURE_REGISTERED(Mip6OutageErrorModel);

Time
Mip6CellOutage::GetEnd() const
{
    if (duration == Time::Max() || start > Time::Max() - duration)
    {
        return Time::Max();
    }
    return start + duration;
}

namespace
{

/**
 * Parses one time with a unit ("2s", "500ms", "1.5s"). ns-3's own parser aborts on a bad unit and
 * reads a bare number as seconds, so the string is checked here first.
 * \param text the string
 * \param t the time (on success)
 * \return whether \p text is a decimal number followed by one of ns-3's units
 */
bool
ParseTime(const std::string& text, Time& t)
{
    static const std::set<std::string> units =
        {"y", "d", "h", "min", "s", "ms", "us", "ns", "ps", "fs"};
    std::size_t unit = text.size();
    while (unit > 0 && std::isalpha(static_cast<unsigned char>(text[unit - 1])))
    {
        --unit;
    }
    const std::string number = text.substr(0, unit);
    if (number.empty() || units.count(text.substr(unit)) == 0 ||
        number.find_first_not_of("0123456789.") != std::string::npos ||
        std::count(number.begin(), number.end(), '.') > 1 || number == ".")
    {
        return false;
    }
    t = Time(text);
    return true;
}

} // namespace

bool
Mip6ParseCellOutages(const std::string& text,
                     std::vector<Mip6CellOutage>& outages,
                     std::string& error)
{
    std::vector<Mip6CellOutage> parsed;
    std::istringstream list(text);
    std::string item;
    while (std::getline(list, item, ','))
    {
        item.erase(std::remove_if(item.begin(), item.end(), ::isspace), item.end());
        if (item.empty())
        {
            continue;
        }
        const std::size_t colon = item.find(':');
        if (colon == std::string::npos)
        {
            error = "outage '" + item + "' is not start:duration";
            return false;
        }
        Mip6CellOutage o;
        const std::string start = item.substr(0, colon);
        const std::string duration = item.substr(colon + 1);
        if (!ParseTime(start, o.start) || o.start.IsStrictlyNegative())
        {
            error = "outage '" + item + "': bad start '" + start + "'";
            return false;
        }
        if (duration == "inf")
        {
            o.duration = Time::Max();
        }
        else if (!ParseTime(duration, o.duration) || !o.duration.IsStrictlyPositive())
        {
            error = "outage '" + item + "': bad duration '" + duration + "'";
            return false;
        }
        parsed.push_back(o);
    }
    if (!Mip6SortCellOutages(parsed, error))
    {
        return false;
    }
    outages = parsed;
    return true;
}

bool
Mip6SortCellOutages(std::vector<Mip6CellOutage>& outages, std::string& error)
{
    std::sort(outages.begin(), outages.end(), [](const Mip6CellOutage& a, const Mip6CellOutage& b) {
        return a.start < b.start;
    });
    for (std::size_t i = 1; i < outages.size(); ++i)
    {
        if (outages[i].start < outages[i - 1].GetEnd())
        {
            std::ostringstream os;
            os << "outages overlap at " << outages[i].start.As(Time::S);
            error = os.str();
            return false;
        }
    }
    return true;
}

TypeId
Mip6OutageErrorModel::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6OutageErrorModel")
                            .SetParent<ErrorModel>()
                            .SetGroupName("Mip6")
                            .AddConstructor<Mip6OutageErrorModel>();
    return tid;
}

Mip6OutageErrorModel::Mip6OutageErrorModel() = default;

Mip6OutageErrorModel::~Mip6OutageErrorModel() = default;

void
Mip6OutageErrorModel::SetSchedule(Time attach, const std::vector<Mip6CellOutage>& outages)
{
    m_attach = attach;
    m_outages = outages;
}

void
Mip6OutageErrorModel::SetInnerModel(Ptr<ErrorModel> inner)
{
    m_inner = inner;
}

Ptr<ErrorModel>
Mip6OutageErrorModel::GetInnerModel() const
{
    return m_inner;
}

bool
Mip6OutageErrorModel::IsAvailable(Time t) const
{
    if (t < m_attach)
    {
        return false;
    }
    for (const auto& o : m_outages)
    {
        if (t >= o.start && t < o.GetEnd())
        {
            return false;
        }
    }
    return true;
}

uint64_t
Mip6OutageErrorModel::GetOutageDrops() const
{
    return m_outageDrops;
}

uint64_t
Mip6OutageErrorModel::GetRandomDrops() const
{
    return m_randomDrops;
}

bool
Mip6OutageErrorModel::DoCorrupt(Ptr<Packet> p)
{
    if (!IsAvailable(Simulator::Now()))
    {
        NS_LOG_LOGIC("cell unavailable: frame of " << p->GetSize() << " B lost");
        ++m_outageDrops;
        return true;
    }
    if (m_inner && m_inner->IsCorrupt(p))
    {
        ++m_randomDrops;
        return true;
    }
    return false;
}

void
Mip6OutageErrorModel::DoReset()
{
    if (m_inner)
    {
        m_inner->Reset();
    }
}

void
Mip6OutageErrorModel::DoDispose()
{
    m_inner = nullptr;
    ErrorModel::DoDispose();
}

} // namespace ns3

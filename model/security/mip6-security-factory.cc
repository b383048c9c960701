/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-security-factory.h"

#include "ns3/log.h"
#include "ns3/object-factory.h"
#include "ns3/string.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6SecurityDesignFactory");

std::map<std::string, Mip6SecurityDesignFactory::Entry>&
Mip6SecurityDesignFactory::Registry()
{
    static std::map<std::string, Entry> registry;
    return registry;
}

void
Mip6SecurityDesignFactory::Register(const Entry& entry)
{
    Registry()[entry.id] = entry;
}

std::vector<Mip6SecurityDesignFactory::Entry>
Mip6SecurityDesignFactory::GetDesigns()
{
    std::vector<Entry> out;
    for (const auto& [id, e] : Registry())
    {
        out.push_back(e);
    }
    return out;
}

namespace
{
/**
 * \param key a variant key
 * \param value a value not among its values
 * \return the key's own spelling of an on/off switch value (1 ↔ on, 0 ↔ off), else value
 */
std::string
SwitchSpelling(const Mip6SecurityDesignFactory::Key& key, const std::string& value)
{
    static const std::map<std::string, std::vector<std::string>> spellings = {{"1", {"on"}},
                                                                              {"on", {"1"}},
                                                                              {"0", {"off"}},
                                                                              {"off", {"0"}}};
    auto it = spellings.find(value);
    if (it == spellings.end())
    {
        return value;
    }
    for (const auto& other : it->second)
    {
        if (std::find(key.values.begin(), key.values.end(), other) != key.values.end())
        {
            return other;
        }
    }
    return value;
}
} // namespace

bool
Mip6SecurityDesignFactory::Parse(const std::string& name, Variant& variant, std::string& error)
{
    const auto colon = name.find(':');
    const std::string id = name.substr(0, colon);
    auto it = Registry().find(id);
    if (it == Registry().end())
    {
        error = "unknown design '" + id + "' (see --list-designs)";
        return false;
    }
    const Entry& entry = it->second;
    variant = Variant{};
    variant.id = id;
    for (const auto& key : entry.keys)
    {
        variant.keys[key.name] = key.defaultValue;
    }
    if (colon != std::string::npos)
    {
        std::string rest = name.substr(colon + 1);
        if (rest.empty())
        {
            error = "design '" + name + "': empty key list after ':'";
            return false;
        }
        std::stringstream ss(rest);
        std::string item;
        std::map<std::string, bool> seen;
        while (std::getline(ss, item, ','))
        {
            const auto eq = item.find('=');
            if (eq == std::string::npos || eq == 0 || eq + 1 == item.size())
            {
                error = "design '" + name + "': '" + item + "' is not key=value";
                return false;
            }
            const std::string k = item.substr(0, eq);
            std::string v = item.substr(eq + 1);
            auto kit = std::find_if(entry.keys.begin(), entry.keys.end(), [&](const Key& key) {
                return key.name == k;
            });
            if (kit == entry.keys.end())
            {
                error = "design '" + id + "' has no key '" + k + "' (see --list-designs)";
                return false;
            }
            if (std::find(kit->values.begin(), kit->values.end(), v) == kit->values.end())
            {
                // Designs spell their switches 0|1 or off|on: either spelling is accepted and
                // the registered one is the canonical name.
                v = SwitchSpelling(*kit, v);
            }
            if (std::find(kit->values.begin(), kit->values.end(), v) == kit->values.end())
            {
                error = "design '" + id + "': key '" + k + "' cannot be '" + v +
                        "' (see --list-designs)";
                return false;
            }
            if (seen[k])
            {
                error = "design '" + name + "': key '" + k + "' given twice";
                return false;
            }
            seen[k] = true;
            variant.keys[k] = v;
        }
    }
    // A value that needs other keys (Key::valueRequires): refused without them.
    for (const auto& key : entry.keys)
    {
        auto req = key.valueRequires.find(variant.keys.at(key.name));
        if (req == key.valueRequires.end())
        {
            continue;
        }
        std::stringstream rs(req->second);
        std::string need;
        while (std::getline(rs, need, ','))
        {
            const auto eq = need.find('=');
            const std::string nk = need.substr(0, eq);
            const std::string nv = need.substr(eq + 1);
            auto have = variant.keys.find(nk);
            if (have == variant.keys.end() || have->second != nv)
            {
                error = "design '" + name + "': " + key.name + "=" + req->first + " requires " +
                        req->second + " (see --list-designs)";
                return false;
            }
        }
    }
    // Canonical form: alphabetical keys, only those that differ from the default (DESIGN.md §1).
    std::string canonical = id;
    bool first = true;
    for (const auto& [k, v] : variant.keys) // std::map iterates in key order
    {
        auto kit = std::find_if(entry.keys.begin(), entry.keys.end(), [&](const Key& key) {
            return key.name == k;
        });
        if (v == kit->defaultValue)
        {
            continue;
        }
        canonical += (first ? ":" : ",") + k + "=" + v;
        first = false;
    }
    variant.canonical = canonical;
    return true;
}

Ptr<Mip6SecurityDesign>
Mip6SecurityDesignFactory::Create(const std::string& name, std::string& error)
{
    Variant variant;
    if (!Parse(name, variant, error))
    {
        return nullptr;
    }
    const Entry& entry = Registry().at(variant.id);
    ObjectFactory factory;
    factory.SetTypeId(entry.typeName);
    for (const auto& key : entry.keys)
    {
        factory.Set(key.attribute, StringValue(variant.keys.at(key.name)));
    }
    Ptr<Mip6SecurityDesign> design = factory.Create<Mip6SecurityDesign>();
    design->SetVariantName(variant.canonical);
    return design;
}

bool
Mip6SecurityDesignFactory::Expand(const std::vector<std::string>& names,
                                  std::vector<std::string>& out,
                                  std::string& error)
{
    out.clear();
    for (const auto& name : names)
    {
        if (name == "all")
        {
            for (const auto& [id, e] : Registry())
            {
                out.push_back(id);
            }
            continue;
        }
        if (name == "variants")
        {
            // One factor at a time: each key's other values on the defaults.
            for (const auto& [id, e] : Registry())
            {
                out.push_back(id);
                for (const Key& k : e.keys)
                {
                    for (const std::string& value : k.values)
                    {
                        if (value == k.defaultValue)
                        {
                            continue;
                        }
                        std::string n = id + ":" + k.name + "=" + value;
                        if (!k.variantsWith.empty())
                        {
                            n += "," + k.variantsWith;
                        }
                        if (auto req = k.valueRequires.find(value); req != k.valueRequires.end())
                        {
                            n += "," + req->second;
                        }
                        Variant v;
                        if (!Parse(n, v, error))
                        {
                            return false;
                        }
                        out.push_back(v.canonical);
                    }
                }
            }
            continue;
        }
        Variant v;
        if (!Parse(name, v, error))
        {
            return false;
        }
        out.push_back(v.canonical);
    }
    // The same design twice would run twice under one name: keep the first.
    std::vector<std::string> unique;
    for (const auto& n : out)
    {
        if (std::find(unique.begin(), unique.end(), n) == unique.end())
        {
            unique.push_back(n);
        }
    }
    out = unique;
    if (out.empty())
    {
        error = "no design given";
        return false;
    }
    return true;
}

std::string
Mip6SecurityDesignFactory::Describe()
{
    std::ostringstream os;
    for (const auto& [id, e] : Registry())
    {
        os << id << "  " << e.description << "\n";
        if (e.keys.empty())
        {
            os << "    (no variant keys)\n";
        }
        for (const auto& k : e.keys)
        {
            os << "    " << k.name << "=";
            for (std::size_t i = 0; i < k.values.size(); ++i)
            {
                os << (i ? "|" : "") << k.values[i];
            }
            os << "  (default " << k.defaultValue << ")  " << k.help;
            for (const auto& [value, need] : k.valueRequires)
            {
                os << "; " << k.name << "=" << value << " requires " << need;
            }
            os << "\n";
        }
    }
    return os.str();
}

} // namespace ns3

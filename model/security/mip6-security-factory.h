/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_SECURITY_FACTORY_H
#define MIP6_SECURITY_FACTORY_H

#include "ns3/mip6-security-design.h"
#include "ns3/ptr.h"

#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup mip6
 * Builds security designs from variant names `id[:key=value[,key=value…]]` (DESIGN.md §1). Each
 * design registers its id, its class and its keys; each key maps to one attribute of the class.
 * The canonical name lists, in alphabetical order, only the keys whose value differs from the
 * default, so the same configuration always gets the same `design` column in the CSVs.
 */
class Mip6SecurityDesignFactory
{
  public:
    /// One variant key of a design.
    struct Key
    {
        std::string name;                ///< key as written in the variant name, e.g. "dh"
        std::string attribute;           ///< attribute of the design class it sets
        std::vector<std::string> values; ///< allowed values
        std::string defaultValue;        ///< default (one of values)
        std::string help;                ///< one-line description
        /// Other `key=value,…` that `--designs variants` adds when it varies this key alone,
        /// for a key that only means something with another (empty: none).
        std::string variantsWith{};
        /// Values that mean something only with other keys set: value → the `key=value,…` it
        /// needs. Parse refuses the value without them (a clear error, exit 2 in mip6-compare);
        /// `--designs variants` adds them when it varies this key alone.
        std::map<std::string, std::string> valueRequires{};
    };

    /// A registered design.
    struct Entry
    {
        std::string id;          ///< design id, e.g. "ipsec-ikev2"
        std::string typeName;    ///< ns-3 TypeId name of the Mip6SecurityDesign subclass
        std::string description; ///< one line: the standard it follows
        std::vector<Key> keys;   ///< its variant keys
    };

    /// A parsed variant name.
    struct Variant
    {
        std::string id;                          ///< design id
        std::map<std::string, std::string> keys; ///< every key with its value (defaults filled)
        std::string canonical;                   ///< canonical name
    };

    /**
     * Registers a design (designs call this from a static registrar in their .cc).
     * \param entry the design
     */
    static void Register(const Entry& entry);

    /// \return the registered designs, sorted by id
    static std::vector<Entry> GetDesigns();

    /**
     * Parses and validates a variant name.
     * \param name e.g. "ipsec-ikev2:dh=19,k=0"
     * \param variant the result
     * \param error why it is not valid
     * \return true on success
     */
    static bool Parse(const std::string& name, Variant& variant, std::string& error);

    /**
     * Creates the design for a variant name.
     * \param name the variant name
     * \param error why it failed (unknown id, unknown key, bad value)
     * \return the design, or nullptr
     */
    static Ptr<Mip6SecurityDesign> Create(const std::string& name, std::string& error);

    /**
     * Expands the `--designs` list: "all" becomes every registered id (defaults); "variants"
     * becomes every id with its defaults and, after each, one variant per non-default value of
     * each key, that key alone changed (one factor at a time; plus the key's variantsWith).
     * \param names the names given
     * \param out the canonical names
     * \param error why a name is not valid
     * \return true on success
     */
    static bool Expand(const std::vector<std::string>& names,
                       std::vector<std::string>& out,
                       std::string& error);

    /// \return the text printed by --list-designs
    static std::string Describe();

  private:
    /// \return the registry
    static std::map<std::string, Entry>& Registry();
};

} // namespace ns3

#endif /* MIP6_SECURITY_FACTORY_H */

/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A declaration of ns3::Ipv6OptionDemux for code built against an installed ns-3.37.
 *
 * Debian's libns3-dev does not install ipv6-option-demux.h, but libns3-internet exports the
 * class's symbols (checked with `nm -DC libns3-internet.so.37`). This header declares only the
 * members mip6 calls, with the exported ns-3.37 signatures. We never construct, copy or destroy an
 * Ipv6OptionDemux (Ipv6L3Protocol::RegisterOptions creates it and aggregates it to the node; we
 * reach it with GetObject), so its data members are left out: nothing of ours depends on the
 * object's size or layout. The out-of-line virtual destructor is declared so that the class's
 * vtable and typeinfo, needed by GetObject's dynamic_cast, come from the library.
 *
 * Private to the mip6 library: not installed with the public headers. Inside an ns-3 source tree
 * (where the real header exists) this file is not needed, but stays compatible.
 */

#ifndef MIP6_IPV6_OPTION_DEMUX_DECL_H
#define MIP6_IPV6_OPTION_DEMUX_DECL_H

#include "ns3/object.h"
#include "ns3/ptr.h"

// ns-3's own header uses this guard; if it was included first, its full declaration is in use.
#ifndef IPV6_OPTION_DEMUX_H
#define IPV6_OPTION_DEMUX_H

namespace ns3
{

class Ipv6Option;
class Node;

/**
 * \ingroup mip6
 * The node's demultiplexer of IPv6 Hop-by-Hop/Destination options (ns-3.37 internet module).
 */
class Ipv6OptionDemux : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /// Destructor (defined in libns3-internet; anchors the vtable there).
    ~Ipv6OptionDemux() override;

    /**
     * \brief Set the node.
     * \param node the node
     */
    void SetNode(Ptr<Node> node);

    /**
     * \brief Insert a new IPv6 option handler (appended; lookups return the first match).
     * \param option the option handler
     */
    void Insert(Ptr<Ipv6Option> option);

    /**
     * \brief Get the handler of an option type.
     * \param optionNumber the option type
     * \return the first matching handler, or nullptr
     */
    Ptr<Ipv6Option> GetOption(int optionNumber);

    /**
     * \brief Remove an option handler.
     * \param option the handler to remove
     */
    void Remove(Ptr<Ipv6Option> option);

  protected:
    void DoDispose() override;

  private:
    /// Never constructed by mip6 (see the file comment).
    Ipv6OptionDemux();
};

} // namespace ns3

#endif /* IPV6_OPTION_DEMUX_H */

#endif /* MIP6_IPV6_OPTION_DEMUX_DECL_H */

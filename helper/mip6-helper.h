/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_HELPER_H
#define MIP6_HELPER_H

#include "ns3/mip6-handover-timeline.h"
#include "ns3/mip6-home-agent.h"
#include "ns3/mip6-mobile-node.h"
#include "ns3/mip6-overhead-meter.h"
#include "ns3/mip6-probe-application.h"
#include "ns3/mip6-security-design.h"
#include "ns3/mip6-wlan-access-helper.h"
#include "ns3/object-factory.h"

namespace ns3
{

/**
 * \ingroup mip6
 * Installs the Mobile IPv6 agents with one security design: the Home Agent on the HA node, the
 * Mobile Node on the MN, the probe flow between the CN and the MN's home address, and the handover
 * timeline. Each node gets the side of the design it needs; the design decides the rest.
 */
class Mip6Helper
{
  public:
    /// What InstallOnWlan() made.
    struct Installation
    {
        Ptr<Mip6HomeAgent> homeAgent;       ///< the HA agent
        Ptr<Mip6MobileNode> mobileNode;     ///< the MN agent
        Ptr<Mip6ProbeApplication> cnProbe;  ///< CN end of the probe flow (sends to the HoA)
        Ptr<Mip6ProbeApplication> mnProbe;  ///< MN end (sends to the CN, receives the CN's)
        Ptr<Mip6HandoverTimeline> timeline; ///< the MN's timeline
    };

    /// \param design the security design every installed agent uses
    explicit Mip6Helper(Ptr<Mip6SecurityDesign> design);

    /**
     * \param name attribute of ns3::Mip6MobileNode
     * \param value its value
     */
    void SetMobileNodeAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \param name attribute of ns3::Mip6HomeAgent
     * \param value its value
     */
    void SetHomeAgentAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \param name attribute of ns3::Mip6ProbeApplication (both ends)
     * \param value its value
     */
    void SetProbeAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Gives the nodes this helper installs a CPU cost model (Mip6ProcessingDelay,
     * doc/processing-delay.rst): "none" (the default: no model, crypto in zero time) or
     * "MN-HA", each side one of Mip6ProcessingDelay's profiles, e.g. "phone-server" (a
     * phone-class MN, a server-class HA and HA-Controller).
     * \param profile the profile pair
     * \return false (nothing changed) for an unknown name
     */
    bool SetProcessingProfile(const std::string& profile);
    /// \return the profile pair set by SetProcessingProfile ("none" by default)
    std::string GetProcessingProfile() const;

    /**
     * Installs the HA agent.
     * \param node the HA node (the home-prefix router)
     * \param haAddress its address on the home link
     * \param homePrefix the home prefix
     * \param prefixLength its length
     * \param homeInterface IPv6 interface index of the home link
     * \return the agent
     */
    Ptr<Mip6HomeAgent> InstallHomeAgent(Ptr<Node> node,
                                        Ipv6Address haAddress,
                                        Ipv6Address homePrefix,
                                        uint8_t prefixLength,
                                        uint32_t homeInterface);

    /**
     * Installs the MN agent.
     * \param node the MN node
     * \param access its WLAN station device
     * \param hoa its home address (the MN starts with :: instead when its design assigns the
     *        HoA, RFC 4877 §9)
     * \param ha the HA address
     * \param homePrefix the home prefix
     * \param prefixLength its length
     * \return the agent
     */
    Ptr<Mip6MobileNode> InstallMobileNode(Ptr<Node> node,
                                          Ptr<WifiNetDevice> access,
                                          Ipv6Address hoa,
                                          Ipv6Address ha,
                                          Ipv6Address homePrefix,
                                          uint8_t prefixLength);

    /**
     * Installs the MN agent on an access of any technology (e.g. the monitor of
     * Mip6CellularAccessHelper::Install()).
     * \param node the MN node
     * \param access the access monitor of the interface to use
     * \param hoa its home address
     * \param ha the HA address
     * \param homePrefix the home prefix
     * \param prefixLength its length
     * \return the agent
     */
    Ptr<Mip6MobileNode> InstallMobileNode(Ptr<Node> node,
                                          Ptr<Mip6AccessMonitor> access,
                                          Ipv6Address hoa,
                                          Ipv6Address ha,
                                          Ipv6Address homePrefix,
                                          uint8_t prefixLength);

    /// What InstallProbes() made: the two ends of the probe flow.
    struct ProbePair
    {
        Ptr<Mip6ProbeApplication> cnProbe; ///< CN end (sends to the HoA)
        Ptr<Mip6ProbeApplication> mnProbe; ///< MN end (sends to the CN, receives the CN's)
    };

    /**
     * Installs the probe flow between a correspondent node and the MN's home address, both
     * ways, with the probe attributes of this helper.
     * \param cn the correspondent node
     * \param cnAddress its address (where the MN's probes go)
     * \param mn the MN node
     * \param hoa the MN's home address (where the CN's probes go)
     * \param start when both ends start
     * \param stop when both ends stop
     * \return the two ends
     */
    ProbePair InstallProbes(Ptr<Node> cn,
                            Ipv6Address cnAddress,
                            Ptr<Node> mn,
                            Ipv6Address hoa,
                            Time start,
                            Time stop);

    /**
     * Installs HA, MN, probe flow and timeline on a WLAN access topology.
     * \param topology what Mip6WlanAccessHelper::Build() made
     * \param start when the agents and the probes start
     * \param stop when they stop
     * \param extraAccesses further accesses of the MN (e.g. the monitor of
     *        Mip6CellularAccessHelper::Install()), added after its WLAN with
     *        Mip6MobileNode::AddAccess before the timeline is attached (a multihomed MN)
     * \return what was installed
     */
    Installation InstallOnWlan(const Mip6WlanTopology& topology,
                               Time start,
                               Time stop,
                               const std::vector<Ptr<Mip6AccessMonitor>>& extraAccesses = {});

    /**
     * Counts the signalling of an installation (DESIGN.md §4.3) with a new overhead meter:
     * `mn-air` on the MN's WLAN and every AP, `ha-core` on the HA's core interfaces (only
     * `hac-ha` on the link to a remote HA-Controller), the design's TCP flow to its controller
     * as `tls`, and its in-node messages (the PF_KEY MIGRATE equivalent) at point `local`; the
     * phase of each packet comes from the installation's timeline. The meter's `Observation`
     * trace reports each message as it is counted (time, point, direction, category, message
     * name, bytes), so a program can print the exchanges of a design without wiring the points
     * itself; GetCounts() and GetMessages() give overhead.csv and messages.csv.
     * A further access of a multihomed MN is added with Mip6OverheadMeter::AttachIpInterface.
     * \param topology what Mip6WlanAccessHelper::Build() made
     * \param installation what InstallOnWlan() made with this helper
     * \param extraHaCoreInterfaces further core interfaces of the HA to count (e.g. the
     *        cellular gateway's link, Mip6CellularAccess::coreInterface)
     * \return the meter
     */
    Ptr<Mip6OverheadMeter> InstallOverheadMeter(
        const Mip6WlanTopology& topology,
        const Installation& installation,
        const std::vector<uint32_t>& extraHaCoreInterfaces = {}) const;

  private:
    /// Creates an MN agent with its addresses and the design's MN side, on \p node.
    Ptr<Mip6MobileNode> CreateMobileNode(Ptr<Node> node,
                                         Ipv6Address hoa,
                                         Ipv6Address ha,
                                         Ipv6Address homePrefix,
                                         uint8_t prefixLength);

    /// Installs the processing-delay model of one side on \p node (nothing for "none").
    void InstallProcessing(Ptr<Node> node, bool mobileNode) const;

    Ptr<Mip6SecurityDesign> m_design; //!< the design
    std::string m_processing{"none"}; //!< the processing profile pair
    ObjectFactory m_mnFactory;        //!< MN agents
    ObjectFactory m_haFactory;        //!< HA agents
    ObjectFactory m_probeFactory;     //!< probe applications
};

} // namespace ns3

#endif /* MIP6_HELPER_H */

/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_CELLULAR_ACCESS_HELPER_H
#define MIP6_CELLULAR_ACCESS_HELPER_H

#include "ns3/data-rate.h"
#include "ns3/error-model.h"
#include "ns3/ipv6-address.h"
#include "ns3/lte-helper.h"
#include "ns3/mac48-address.h"
#include "ns3/mip6-access-monitor.h"
#include "ns3/mip6-outage-error-model.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/point-to-point-epc-helper.h"
#include "ns3/vector.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup mip6
 * What Mip6CellularAccessHelper::Install() made: the MN's side (device, IPv6 interface, CoA,
 * default gateway, access monitor) and the network's side (the gateway node linked to the core,
 * the eNBs), so that the mobility code and the scenarios never recompute them.
 *
 * Addressing (n = the helper's CoreSubnet; fd00::/8 except the EPC's own pool):
 * \verbatim
   link                         prefix            addresses
   core - gateway (P2P)         fd00:0:f1:n::/64  core (HA) ::1, gateway (PGW, cell router) ::2
   abstract cell (P2P)          fd00:0:2:n::/64   router ::1, MN EUI-64 of its device (the CoA)
   LTE UEs (the EPC's pool)     7777:f00d::/64    UEs ::1, ::2...; PGW TUN EUI-64 of its MAC
   \endverbatim
 * (ns-3.37 hard-codes the EPC's pool.)
 */
struct Mip6CellularAccess
{
    std::string mode;       //!< "lte" or "abstract"
    std::string technology; //!< the monitor's technology: "lte" or "cell"

    Ptr<Node> mn;                   //!< the mobile node
    Ptr<NetDevice> mnDevice;        //!< its cellular device (LteUeNetDevice or P2P device)
    uint32_t mnInterface = 0;       //!< the IPv6 interface of that device on the MN
    Ipv6Address careOfAddress;      //!< the CoA this access gives (EPC-assigned or cell's)
    Ipv6Address gateway;            //!< the MN's default gateway on this access
    Ptr<Mip6AccessMonitor> monitor; //!< movement detection on this access (for the MN agent)
    Ipv6Address prefix;             //!< the prefix of the CoA
    uint8_t prefixLength = 64;      //!< its length
    std::map<Mac48Address, std::string> accessNames; //!< L2Up identifier -> access name

    Ptr<Node> core;                 //!< the core router the access hangs off (the HA)
    Ptr<Node> gatewayNode;          //!< the PGW (lte) or the cell router (abstract)
    Ipv6Address coreAddress;        //!< the core's address on the gateway link, fd00:0:f1:n::1
    Ipv6Address gatewayCoreAddress; //!< the gateway's address on it, fd00:0:f1:n::2
    uint32_t coreInterface = 0;     //!< the core's IPv6 interface towards the gateway
    uint32_t gatewayInterface = 0;  //!< the gateway's IPv6 interface towards the core

    NodeContainer enbNodes;                   //!< lte: the eNBs, cell id = index + 1
    NetDeviceContainer enbDevices;            //!< lte: their devices
    Ptr<LteHelper> lte;                       //!< lte: the LENA helper (null for abstract)
    Ptr<PointToPointEpcHelper> epc;           //!< lte: the EPC (null for abstract)
    Ptr<Mip6OutageErrorModel> cellErrorModel; //!< abstract: the link's receive error model
    NetDeviceContainer cellDevices;           //!< abstract: MN device, then the router's
    std::vector<Mip6CellOutage> outages;      //!< abstract: the scheduled outages
    Time attachTime;                          //!< abstract: when the CoA is given
};

/**
 * \ingroup mip6
 * Adds a cellular access to a mobile node and links it to the core router of the topology (the
 * home agent of Mip6WlanAccessHelper's topology, or any IPv6 router), so that one MN can have a
 * WLAN and a cellular interface. Two models behind one interface, chosen by the attribute
 * `Mode`:
 *
 * - **"lte"**: ns-3 LENA with a PointToPointEpcHelper. NumCells eNBs stand in a row (cell i at
 *   ((i) * CellSpacing, CellLateralOffset, 0), cell id i + 1), with an X2 interface between
 *   neighbours and an automatic handover algorithm (HandoverAlgorithm, A3-RSRP by default); the
 *   UE device is installed on the MN and attached by initial cell selection. The EPC assigns the
 *   UE's IPv6 address (AssignUeIpv6Address): that address is the CoA (DESIGN.md §7); the MN's
 *   default route goes to the PGW's TUN address. The PGW is linked to the core router by a
 *   point-to-point link, with a route to the UE pool on the core and a default route to the core
 *   on the PGW. The UE needs a mobility model: if the MN has none, it gets a constant-velocity
 *   model (MnPosition, MnVelocity).
 * - **"abstract"**: a point-to-point link between the MN and a cell router (CellDataRate,
 *   CellDelay), the router linked to the core router, with its own /64. The CoA (the EUI-64
 *   address of the MN's device in that /64) and the default route via the router are installed
 *   at AttachTime, with no RS/RA, as on LTE. Loss: both devices share one receive error model,
 *   a Mip6OutageErrorModel that loses every frame before AttachTime and during each scheduled
 *   outage (Outages, AddOutage()) and otherwise applies a packet RateErrorModel (ErrorRate).
 *
 * Both return (Install()) the MN's device, its IPv6 interface, the CoA, the default gateway and
 * the Mip6AccessMonitor for the access (Mip6LteAccessMonitor or Mip6CellAccessMonitor), to be
 * given to Mip6MobileNode::SetAccessMonitor.
 *
 * ns-3.37 pitfalls this helper deals with (research ns3-feasibility.md §6-7):
 * - the PGW forwards downlink only to the single UE address recorded when the default bearer is
 *   activated (at Install), index 1 of the LTE interface: nothing else (the HoA) may live there;
 * - NoBackhaulEpcHelper::AssignUeIpv6Address switches ns-3's DAD off on the whole node; the
 *   helper restores the node's previous setting right after, so the MN's other interfaces (WLAN)
 *   keep DAD. The LTE address itself was added without DAD; the monitors model the DAD wait;
 * - a WLAN RA's default route overrides this access's default route on a multihomed MN: routing
 *   between accesses is the MN's business (mnInterface and gateway give what it needs);
 * - FlowMonitorHelper::InstallAll() aborts with an EPC (GTP over IPv4): install it on endpoints;
 * - the EPC's UE pool 7777:f00d::/64 is hard-coded in ns-3.37, so there is one "lte" access per
 *   simulation.
 *
 * Random streams: call AssignStreams() after Install() (LTE PHY/MAC, EPC nodes, the MN's mobility
 * if the helper made it, the cell's error model, the IPv6 stacks the helper installed).
 */
class Mip6CellularAccessHelper : public Object
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    Mip6CellularAccessHelper();
    ~Mip6CellularAccessHelper() override;

    /**
     * Adds an outage of the abstract cell (on top of the attribute Outages).
     * \param start when it starts
     * \param duration how long (Time::Max(): for good)
     */
    void AddOutage(Time start, Time duration);

    /**
     * Builds the access. Can be called once per helper. If \p mn has no IPv6 stack, it gets one
     * like the WLAN topology's nodes (list routing with static routing at priority 0, no IPv4).
     * Aborts with a reason on bad attributes (unknown Mode, overlapping outages, ...) or if
     * \p core has no IPv6.
     * \param mn the mobile node
     * \param core the core router (e.g. Mip6WlanTopology::ha); it forwards
     * \return what was built
     */
    Mip6CellularAccess Install(Ptr<Node> mn, Ptr<Node> core);

    /**
     * Fixes the random streams of everything Install() made.
     * \param stream the first stream index
     * \return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    /// LTE part of Install.
    void InstallLte(Mip6CellularAccess& access);
    /// Abstract-cell part of Install.
    void InstallAbstract(Mip6CellularAccess& access);
    /// Links the gateway node to the core with routes both ways.
    void LinkToCore(Mip6CellularAccess& access, Ipv6Address accessPrefix, uint8_t prefixLength);
    /// Abstract cell: gives the MN its CoA and default route (at AttachTime).
    static void AttachAbstract(Ptr<Node> mn,
                               uint32_t ifIndex,
                               Ipv6Address coa,
                               Ipv6Address router,
                               bool defaultRoute);

    std::string m_mode;                         //!< Mode
    uint16_t m_coreSubnet;                      //!< CoreSubnet
    Time m_coreDelay;                           //!< CoreDelay
    DataRate m_coreDataRate;                    //!< CoreDataRate
    bool m_defaultRoute;                        //!< InstallDefaultRoute
    uint32_t m_numCells;                        //!< NumCells
    double m_cellSpacing;                       //!< CellSpacing
    double m_cellLateralOffset;                 //!< CellLateralOffset
    std::string m_hoAlgorithm;                  //!< HandoverAlgorithm
    double m_a3Hysteresis;                      //!< A3Hysteresis
    Time m_a3TimeToTrigger;                     //!< A3TimeToTrigger
    Vector m_mnPosition;                        //!< MnPosition
    Vector m_mnVelocity;                        //!< MnVelocity
    DataRate m_cellDataRate;                    //!< CellDataRate
    Time m_cellDelay;                           //!< CellDelay
    double m_errorRate;                         //!< ErrorRate
    Time m_attachTime;                          //!< AttachTime
    std::string m_outagesText;                  //!< Outages
    uint16_t m_cellId;                          //!< CellId
    std::vector<Mip6CellOutage> m_extraOutages; //!< AddOutage()

    bool m_installed{false};              //!< Install() was called
    Mip6CellularAccess m_access;          //!< what Install() made
    NodeContainer m_stackNodes;           //!< nodes whose IPv6 stack the helper installed
    bool m_madeMobility{false};           //!< the helper gave the MN its mobility model
    Ptr<RateErrorModel> m_rateErrorModel; //!< abstract: the random loss
};

} // namespace ns3

#endif /* MIP6_CELLULAR_ACCESS_HELPER_H */

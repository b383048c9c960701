/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_ACCESS_MONITOR_H
#define MIP6_ACCESS_MONITOR_H

#include "ns3/ipv6-address.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <string>

namespace ns3
{

/**
 * \ingroup mip6
 * Movement detection on one access interface of a Mobile Node (RFC 6275 §11.5.1), whatever the
 * access technology: WLAN (Mip6MovementDetector: association, RA, SLAAC), LTE (the EPC assigns the
 * CoA at attach, no RS/RA) or the abstract cell. The mobility core and the metrics only see this
 * interface: the L2 events and the care-of address of the access, as trace sources with one meaning
 * for every technology (DESIGN.md §4.1):
 * - `L2Lost`: the MN declared the access lost (WLAN DeAssoc, LTE radio link failure or handover
 *   start); the argument is the time of the last frame received from the old access.
 * - `L2Up`: L2 is up on an access point or cell (WLAN Assoc, LTE connection established or
 *   handover end); the argument identifies it (a BSSID, or for a cell the address GetCellAddress()
 *   makes of its cell id).
 * - `CoaFormed`: a care-of address was formed on this access (new prefix, or the EPC's address).
 * - `CoaUsable`: that CoA may be used (after the modelled DAD wait, attribute `DadWait`).
 * - `Home`: the access is on the home link (WLAN RA with the home prefix).
 * - `CoaLost`: the access's CoA can no longer be used (the access went down for good, or its
 *   address was withdrawn); a multihomed MN moves its traffic to another access.
 */
class Mip6AccessMonitor : public Object
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    Mip6AccessMonitor();
    ~Mip6AccessMonitor() override;

    /**
     * Starts watching the access interface.
     * \param node the MN
     * \param ifIndex the IPv6 interface of the access device
     * \param homePrefix the MN's home prefix (an access on it means the MN is home)
     * \param homePrefixLength its length
     */
    virtual void Start(Ptr<Node> node,
                       uint32_t ifIndex,
                       Ipv6Address homePrefix,
                       uint8_t homePrefixLength) = 0;
    /// Stops reporting events (the MN agent stopped).
    virtual void Stop() = 0;
    /// \return the access device
    virtual Ptr<NetDevice> GetDevice() const = 0;
    /// \return the access technology: "wlan", "lte" or "cell" (the abstract cell)
    virtual std::string GetTechnology() const = 0;
    /// \return the current care-of address of this access (:: if none, or at home)
    virtual Ipv6Address GetCareOfAddress() const = 0;
    /// \return whether L2 is up on this access
    virtual bool IsUp() const = 0;
    /// \return whether this access is on the home link (false for technologies with no home link)
    virtual bool IsHome() const;
    /// \return the link-layer address of the default router, if known (00:00:00:00:00:00 if not)
    virtual Mac48Address GetDefaultRouterMac() const;
    /// \return the IPv6 interface watched
    uint32_t GetInterface() const;

    /**
     * The identifier a cell gives in `L2Up`: 02:00:00:00:hi:lo of the cell id, locally administered
     * so it never equals a real BSSID.
     * \param cellId the cell id
     * \return the identifier
     */
    static Mac48Address GetCellAddress(uint16_t cellId);

    /// Signature: time of the last frame from the old access.
    typedef void (*TimeTracedCallback)(Time);
    /// Signature: address-related events.
    typedef void (*AddressTracedCallback)(Ipv6Address);
    /// Signature: L2 up on an access point or cell.
    typedef void (*BssidTracedCallback)(Mac48Address);

  protected:
    void DoDispose() override;

    Time m_dadWait;                               //!< modelled DAD wait
    uint32_t m_ifIndex{0};                        //!< the watched interface
    TracedCallback<Time> m_l2LostTrace;           //!< access lost: time of the last frame
    TracedCallback<Mac48Address> m_l2UpTrace;     //!< L2 up (BSSID or cell address)
    TracedCallback<Ipv6Address> m_coaFormedTrace; //!< new CoA formed
    TracedCallback<Ipv6Address> m_coaUsableTrace; //!< the CoA may be used
    TracedCallback<Ipv6Address> m_homeTrace;      //!< on the home link (home prefix)
    TracedCallback<Ipv6Address> m_coaLostTrace;   //!< the CoA can no longer be used
};

} // namespace ns3

#endif /* MIP6_ACCESS_MONITOR_H */

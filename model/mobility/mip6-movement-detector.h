/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_MOVEMENT_DETECTOR_H
#define MIP6_MOVEMENT_DETECTOR_H

#include "ns3/mip6-access-monitor.h"
#include "ns3/socket.h"
#include "ns3/wifi-net-device.h"

#include <map>

namespace ns3
{

/**
 * \ingroup mip6
 * Movement detection on a WLAN interface (RFC 6275 §11.5.1), built from ns-3's public hooks
 * (ns3-feasibility.md §4): the L2 trigger is StaWifiMac's association (a Router Solicitation is
 * sent at once, since ns-3 sends none on re-association); a raw ICMPv6 socket watches Router
 * Advertisements and a new prefix yields a new care-of address (the one ns-3's SLAAC formed);
 * stale CoAs and default routes are removed; the CoA becomes usable after the configured DAD wait
 * (ns-3.37's DAD never blocks, so the wait is modelled here: 0 = optimistic DAD, RFC 4429; or
 * DupAddrDetectTransmits × RetransTimer = 1 s, RFC 4862). After a re-association with the same
 * router, its first RA reports CoaUsable again for the unchanged CoA (no movement).
 *
 * The detector reports events through trace sources; it takes no mobility decisions.
 */
class Mip6MovementDetector : public Mip6AccessMonitor
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    Mip6MovementDetector();
    ~Mip6MovementDetector() override;

    /// \param device the WiFi station device to watch (before Start)
    void SetDevice(Ptr<WifiNetDevice> device);

    /**
     * Starts watching a WLAN station interface: SetDevice(device), then Start.
     * \param node the MN
     * \param device its WiFi device (station)
     * \param ifIndex the device's IPv6 interface index
     * \param homePrefix the MN's home prefix (an RA with it means the MN is home)
     * \param homePrefixLength its length
     */
    void Start(Ptr<Node> node,
               Ptr<WifiNetDevice> device,
               uint32_t ifIndex,
               Ipv6Address homePrefix,
               uint8_t homePrefixLength);

    void Start(Ptr<Node> node,
               uint32_t ifIndex,
               Ipv6Address homePrefix,
               uint8_t homePrefixLength) override;
    void Stop() override;
    Ptr<NetDevice> GetDevice() const override;
    /// \return "wlan"
    std::string GetTechnology() const override;
    /// \return the current care-of address (:: if none, or at home)
    Ipv6Address GetCareOfAddress() const override;
    /// \return whether the station is associated
    bool IsUp() const override;
    /// \return whether the current prefix is the home prefix
    bool IsHome() const override;
    /// \return the link-layer address the current router's RA carried (00:00:00:00:00:00 if none)
    Mac48Address GetDefaultRouterMac() const override;
    /// \return the current default router (link-local)
    Ipv6Address GetDefaultRouter() const;
    /// \return the BSSID of the current association
    Mac48Address GetBssid() const;

  protected:
    void DoDispose() override;

  private:
    void Assoc(Mac48Address bssid);
    void DeAssoc(Mac48Address bssid);
    void Beacon(Time t);
    void MacRx(Ptr<const Packet> p);
    void HandleIcmp(Ptr<Socket> socket);
    void CheckPrefix(Ipv6Address prefix, Ipv6Address router, Mac48Address routerMac);
    void CoaUsable(Ipv6Address coa);
    void SendRs();

    Ptr<Node> m_node;                             //!< the MN
    Ptr<WifiNetDevice> m_device;                  //!< the station device
    Ipv6Address m_homePrefix;                     //!< home prefix
    uint8_t m_homePrefixLength{64};               //!< home prefix length
    Ptr<Socket> m_icmpSocket;                     //!< RA watcher
    Ipv6Address m_prefix;                         //!< prefix of the current CoA
    Ipv6Address m_coa;                            //!< current CoA
    Ipv6Address m_router;                         //!< current default router
    Mac48Address m_routerMac;                     //!< its link-layer address (from its RA)
    Mac48Address m_bssid;                         //!< current BSSID
    bool m_associated{false};                     //!< L2 up
    bool m_home{false};                           //!< the current prefix is the home prefix
    Time m_lastFrame;                             //!< last frame received from the current AP
    std::map<Ipv6Address, Ipv6Address> m_routers; //!< prefix -> advertising router
    EventId m_usableEvent;                        //!< end of the DAD wait
    bool m_stopped{false};                        //!< Stop() was called
    bool m_solicitOnAssociation{true};            //!< send an RS at association
    bool m_reconfirm{false}; //!< associated again: the current router's next RA confirms the CoA

    TracedCallback<Ipv6Address> m_rsTrace; //!< RS sent (source)
};

} // namespace ns3

#endif /* MIP6_MOVEMENT_DETECTOR_H */

/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_PROBE_APPLICATION_H
#define MIP6_PROBE_APPLICATION_H

#include "ns3/application.h"
#include "ns3/data-rate.h"
#include "ns3/event-id.h"
#include "ns3/ipv6-address.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

namespace ns3
{

/**
 * \ingroup mip6
 * The constant-rate probe flow that measures outage independently of the handover timeline
 * (DESIGN.md §4.1): it sends UDP packets carrying a sequence number and a send time to a remote
 * address, and receives the peer's probes. It runs on the Correspondent Node (a plain IPv6 node:
 * route optimisation is out of scope, so the CN needs no MIPv6 support) toward the MN's home
 * address, and on the MN toward the CN. A received probe reports, through the ProbeRx trace, the
 * care-of address it arrived through when it came out of the MIPv6 tunnel (:: otherwise).
 */
class Mip6ProbeApplication : public Application
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    Mip6ProbeApplication();
    ~Mip6ProbeApplication() override;

    /// \return probes sent
    uint32_t GetSent() const;
    /// \return probes received
    uint32_t GetReceived() const;

    /// ProbeRx signature: sequence number, send time, care-of address it came through (or ::).
    typedef void (*ProbeRxTracedCallback)(uint32_t, Time, Ipv6Address);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    void SendProbe();
    void HandleRead(Ptr<Socket> socket);

    Ipv6Address m_remote;                     //!< destination of the probes (:: = receive only)
    uint16_t m_port;                          //!< UDP port (both ends)
    double m_rate;                            //!< packets per second
    uint32_t m_size;                          //!< UDP payload bytes
    Ptr<Socket> m_socket;                     //!< the socket
    EventId m_sendEvent;                      //!< next probe
    uint32_t m_sent{0};                       //!< sent
    uint32_t m_received{0};                   //!< received
    TracedCallback<uint32_t, Time> m_txTrace; //!< sequence, time
    TracedCallback<uint32_t, Time, Ipv6Address> m_rxTrace; //!< sequence, send time, CoA
};

} // namespace ns3

#endif /* MIP6_PROBE_APPLICATION_H */

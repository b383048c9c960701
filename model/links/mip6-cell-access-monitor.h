/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_CELL_ACCESS_MONITOR_H
#define MIP6_CELL_ACCESS_MONITOR_H

#include "ns3/event-id.h"
#include "ns3/mip6-access-monitor.h"
#include "ns3/mip6-outage-error-model.h"
#include "ns3/packet.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup mip6
 * Movement detection on the abstract cell (Mip6CellularAccessHelper, Mode "abstract"): the cell
 * has no RS/RA; like LTE, the network gives the care-of address at attach. The monitor follows
 * the cell's schedule (attach time and outages, the same schedule the Mip6OutageErrorModel of the
 * link applies), so its events happen exactly when the link changes:
 * - at the attach time: `L2Up` (GetCellAddress(cell id)), `CoaFormed` (the CoA), then
 *   `CoaUsable` after `DadWait`;
 * - at the start of each outage: `L2Lost`, with the time of the last frame the MN's device
 *   received before it (its PointToPointNetDevice `MacRx`, i.e. every frame delivered up, data
 *   or not);
 * - at its end: `L2Up` for the same cell; the CoA is unchanged, so no `CoaFormed`: an `intra`
 *   handover (DESIGN.md §4.1) for which the MN sends no Binding Update;
 * - `CoaLost` only if the outage lasts longer than `CoaLostAfter` (0, the default: never), at
 *   its start + CoaLostAfter; the cell coming back after that is a new attach (`CoaFormed`,
 *   `CoaUsable` again, same address). A permanent outage never comes back.
 * If Start() is called after the attach time (the MN agent starting late), the current state is
 * reported at once.
 */
class Mip6CellAccessMonitor : public Mip6AccessMonitor
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    Mip6CellAccessMonitor();
    ~Mip6CellAccessMonitor() override;

    /**
     * Describes the cell (before Start).
     * \param device the MN's device on the cell link
     * \param coa the address the cell gives the MN at attach
     * \param cellId the cell's id (L2Up reports GetCellAddress(cellId))
     * \param attach the attach time
     * \param outages the scheduled outages (sorted, not overlapping)
     */
    void SetCell(Ptr<NetDevice> device,
                 Ipv6Address coa,
                 uint16_t cellId,
                 Time attach,
                 const std::vector<Mip6CellOutage>& outages);

    void Start(Ptr<Node> node,
               uint32_t ifIndex,
               Ipv6Address homePrefix,
               uint8_t homePrefixLength) override;
    void Stop() override;
    Ptr<NetDevice> GetDevice() const override;
    /// \return "cell"
    std::string GetTechnology() const override;
    /// \return the CoA once formed and until lost (:: otherwise)
    Ipv6Address GetCareOfAddress() const override;
    /// \return whether the cell link is up
    bool IsUp() const override;

  protected:
    void DoDispose() override;

  private:
    /// The cell is available: attach or the end of an outage.
    void CellUp();
    /// An outage starts.
    void CellDown();
    /// The CoA is given up (outage longer than CoaLostAfter).
    void LoseCoa();
    /// End of the DAD wait.
    void CoaUsable();
    /// A frame was delivered up by the MN's device.
    void FrameReceived(Ptr<const Packet> p);

    Ptr<NetDevice> m_device;               //!< the MN's cell device
    Ipv6Address m_coa;                     //!< the address the cell gives
    uint16_t m_cellId{1};                  //!< the cell id
    Time m_attach;                         //!< attach time
    std::vector<Mip6CellOutage> m_outages; //!< outages
    Time m_coaLostAfter;                   //!< CoaLostAfter (0: never)
    bool m_up{false};                      //!< L2 up
    bool m_coaValid{false};                //!< CoA formed and not lost
    bool m_started{false};                 //!< between Start and Stop
    bool m_connected{false};               //!< MacRx connected
    Time m_lastFrame;                      //!< last frame received
    std::vector<EventId> m_events;         //!< scheduled link changes
    EventId m_usableEvent;                 //!< end of the DAD wait
    EventId m_coaLostEvent;                //!< CoaLost timer
};

} // namespace ns3

#endif /* MIP6_CELL_ACCESS_MONITOR_H */

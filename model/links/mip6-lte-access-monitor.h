/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_LTE_ACCESS_MONITOR_H
#define MIP6_LTE_ACCESS_MONITOR_H

#include "ns3/epc-ue-nas.h"
#include "ns3/event-id.h"
#include "ns3/lte-ue-net-device.h"
#include "ns3/mip6-access-monitor.h"

namespace ns3
{

/**
 * \ingroup mip6
 * Movement detection on an LTE UE interface (Mip6CellularAccessHelper, Mode "lte"), from the
 * UE's RRC, NAS and PHY trace sources. LTE has no RS/RA: the EPC gives the UE its address at
 * attach (NoBackhaulEpcHelper::AssignUeIpv6Address) and that address is the care-of address for
 * the whole session, across X2 handovers (DESIGN.md §7). Mapping:
 * - LteUeRrc `ConnectionEstablished` → `L2Up(GetCellAddress(cellId))`;
 * - the CoA is formed when the NAS is ACTIVE *and* the first data radio bearer exists
 *   (LteUeRrc `DrbCreated`): before that, LteUeRrc drops uplink packets ("drb not found"), so
 *   a BU sent at NAS ACTIVE alone would be lost → `CoaFormed(EPC address)`, then `CoaUsable`
 *   after `DadWait` (modelled: AssignUeIpv6Address switched ns-3's DAD off for this address);
 * - LteUeRrc `HandoverStart` → `L2Lost(last frame)`; `HandoverEndOk` → `L2Up(new cell)`. The
 *   address is unchanged, so no CoaFormed: an `intra` handover (DESIGN.md §4.1), for which the MN
 *   sends no Binding Update. `CoaUsable` is reported again, at once, for the unchanged CoA (as
 *   the WLAN detector does after a re-association with the same router), so that a multihomed MN,
 *   which stopped using the CoA at `L2Lost`, offers it to its routing policy again;
 * - LteUeRrc `RadioLinkFailure` and `HandoverEndError` → `L2Lost(last frame)` (if L2 was up);
 *   if the UE is not connected again (ConnectionEstablished) within `CoaLostTimeout`,
 *   `CoaLost(CoA)`; the NAS reaching ACTIVE again afterwards forms the CoA anew. A reconnection
 *   within `CoaLostTimeout` keeps the CoA and reports `CoaUsable` again once the NAS is ACTIVE
 *   and the new connection's DRB exists.
 * "Last frame received" is the last subframe in which the UE's PHY decoded the serving cell's
 * control channel (LteUePhy `ReportCurrentCellRsrpSinr`, once per subframe while synchronised
 * with the serving cell, whether or not data flows) — the LTE counterpart of the WLAN beacon.
 */
class Mip6LteAccessMonitor : public Mip6AccessMonitor
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    Mip6LteAccessMonitor();
    ~Mip6LteAccessMonitor() override;

    /// \param device the UE device to watch (before Start)
    void SetDevice(Ptr<LteUeNetDevice> device);

    void Start(Ptr<Node> node,
               uint32_t ifIndex,
               Ipv6Address homePrefix,
               uint8_t homePrefixLength) override;
    void Stop() override;
    Ptr<NetDevice> GetDevice() const override;
    /// \return "lte"
    std::string GetTechnology() const override;
    /// \return the EPC-assigned CoA once formed and until lost (:: otherwise)
    Ipv6Address GetCareOfAddress() const override;
    /// \return whether the UE is connected to a cell (not during a handover)
    bool IsUp() const override;
    /// \return the serving cell id (0 before the first connection)
    uint16_t GetCellId() const;

  protected:
    void DoDispose() override;

  private:
    void ConnectionEstablished(uint64_t imsi, uint16_t cellId, uint16_t rnti);
    void HandoverStart(uint64_t imsi, uint16_t cellId, uint16_t rnti, uint16_t targetCellId);
    void HandoverEndOk(uint64_t imsi, uint16_t cellId, uint16_t rnti);
    void HandoverEndError(uint64_t imsi, uint16_t cellId, uint16_t rnti);
    void RadioLinkFailure(uint64_t imsi, uint16_t cellId, uint16_t rnti);
    void DrbCreated(uint64_t imsi, uint16_t cellId, uint16_t rnti, uint8_t lcid);
    void NasState(EpcUeNas::State oldState, EpcUeNas::State newState);
    void PhyReport(uint16_t cellId, uint16_t rnti, double rsrp, double sinr, uint8_t cc);

    /// L2 is up on \p cellId.
    void Up(uint16_t cellId);
    /// L2 is lost; \p mayLoseCoa arms the CoaLost timer.
    void Lost(bool mayLoseCoa);
    /// Forms the CoA when the NAS is ACTIVE and a DRB exists.
    void MaybeFormCoa();
    /// End of the DAD wait.
    void CoaUsable();
    /// The UE did not come back within CoaLostTimeout.
    void LoseCoa();
    /// \return the EPC-assigned global address of the watched interface (:: if none)
    Ipv6Address FindEpcAddress() const;

    Ptr<Node> m_node;             //!< the MN
    Ptr<LteUeNetDevice> m_device; //!< the UE device
    Time m_coaLostTimeout;        //!< CoaLostTimeout
    Ipv6Address m_coa;            //!< the CoA (valid while m_coaValid)
    bool m_coaValid{false};       //!< CoA formed and not lost
    bool m_up{false};             //!< connected to a cell
    bool m_nasActive{false};      //!< NAS ACTIVE
    bool m_drb{false};            //!< a DRB exists in the current connection
    bool m_reconfirm{false};      //!< L2 lost with the CoA kept: CoaUsable again when back
    uint16_t m_cellId{0};         //!< serving cell
    Time m_lastFrame;             //!< last subframe decoded from the serving cell
    bool m_started{false};        //!< between Start and Stop
    bool m_connected{false};      //!< traces connected
    EventId m_usableEvent;        //!< end of the DAD wait
    EventId m_coaLostEvent;       //!< CoaLost timer
};

} // namespace ns3

#endif /* MIP6_LTE_ACCESS_MONITOR_H */

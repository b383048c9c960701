/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_HANDOVER_TIMELINE_H
#define MIP6_HANDOVER_TIMELINE_H

#include "ns3/ipv6-address.h"
#include "ns3/mac48-address.h"
#include "ns3/mip6-result-writer.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

class Mip6MobileNode;
class Mip6ProbeApplication;

/**
 * \ingroup mip6
 * The per-handover timeline of DESIGN.md §4.1 for one Mobile Node, built from trace sources only:
 * the movement detector (last frame, L2 lost, L2 up, CoA formed, CoA usable), the MN (design hook
 * started/done, BU sent, BA received) and the MN's probe receiver (outage). Components are
 * contiguous by construction: each ends where the next starts, so total_s is their sum.
 *
 * A multihomed MN (several accesses, or MCoA) is followed per access: each access's L2 and CoA
 * events, and the MN's `Handover` decisions, give the kinds of DESIGN.md §4.1 — `hard` (the old
 * access was lost; when another access was already up, l2_attach/md/dad are 0), `soft` and
 * `add-coa` (t_start is the new access's L2 up; the L2 loss columns are NA), `remove-coa`
 * (from the lost access's last frame: l2_detect, then sec_s up to the de-registration BU, reg_s;
 * attach/MD/DAD are NA) and `intra` (L2 lost and back on an access without a CoA change: only the
 * L2 columns). A single-access MN gives the same rows as before multihoming existed. It also
 * keeps the bootstrap record of §4.2 and answers which phase (bootstrap / handover / steady) a
 * moment belongs to, for the overhead meter (§4.3).
 */
class Mip6HandoverTimeline : public Object
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    Mip6HandoverTimeline();
    ~Mip6HandoverTimeline() override;

    /// One handover's events (times are absent when the event did not happen).
    struct Record
    {
        uint32_t index{0};               ///< handover index for this MN (from 1)
        std::string kind;                ///< hard, soft, intra, add-coa, remove-coa (pending:
                                         ///< multihomed L2 loss not decided yet)
        std::string fromAccess;          ///< access left
        std::string toAccess;            ///< access joined
        Ipv6Address fromCoa;             ///< CoA before
        Ipv6Address toCoa;               ///< CoA after
        std::optional<Time> lastFrame;   ///< last frame from the old access
        std::optional<Time> l2Lost;      ///< the MN declared it lost
        std::optional<Time> l2Up;        ///< L2 up on the new access
        std::optional<Time> coaFormed;   ///< new CoA formed
        std::optional<Time> coaUsable;   ///< CoA usable
        std::optional<Time> buSent;      ///< first BU for this CoA sent
        std::optional<Time> baReceived;  ///< accepted BA received
        uint32_t buCount{0};             ///< BUs sent for this handover
        std::optional<uint8_t> baStatus; ///< status of the final BA
        bool complete{false};            ///< an accepted (or final rejecting) BA ended it
        // Multihoming only:
        int32_t access{-1};         ///< the access whose L2 loss opened it (-1: none)
        uint16_t bid{0};            ///< MCoA: the BID registered or de-registered (0: single)
        bool removal{false};        ///< a de-registration (remove-coa)
        Ipv6Address buCoa;          ///< the CoA the BU for it is sent from (single binding)
        std::vector<uint16_t> seqs; ///< sequence numbers of the BUs sent for it
    };

    /// The bootstrap record (DESIGN.md §4.2).
    struct Bootstrap
    {
        std::optional<Time> start;         ///< first CoA usable (bootstrap begins)
        std::optional<Time> securityStart; ///< design bootstrap started
        std::optional<Time> securityDone;  ///< design ready
        std::optional<Time> buSent;        ///< first BU sent
        std::optional<Time> baReceived;    ///< first accepted BA
    };

    /**
     * Connects to a Mobile Node (its movement detector too) and, optionally, its probe receiver.
     * \param mn the MN agent (installed, not necessarily started)
     * \param probeSink the MN's probe application (nullptr: no outage columns)
     */
    void Attach(Ptr<Mip6MobileNode> mn, Ptr<Mip6ProbeApplication> probeSink);

    /// \param names BSSID -> access name (e.g. "wlan-ap1"); unknown BSSIDs print as MACs
    void SetAccessNames(const std::map<Mac48Address, std::string>& names);

    /// \param now a time \return "bootstrap", "handover" or "steady"
    std::string GetPhase(Time now) const;

    /// \return the handovers so far
    const std::vector<Record>& GetRecords() const;
    /// \return the bootstrap record
    const Bootstrap& GetBootstrap() const;

    /**
     * Appends the handovers.csv rows (DESIGN.md §4.1).
     * \param info run, seed, design
     * \param table the handovers table
     */
    void FillHandovers(const Mip6RunInfo& info, Mip6CsvTable& table) const;

    /**
     * Appends the bootstrap.csv row (DESIGN.md §4.2).
     * \param info run, seed, design
     * \param table the bootstrap table
     * \param roundTrips request/response exchanges before the first BU
     * \param messages messages of the bootstrap
     * \param bytesUp bytes MN -> network
     * \param bytesDown bytes network -> MN
     * \param mhauthBytes MHAuth plaintext bytes (altsec-tls), else nothing (NA)
     */
    void FillBootstrap(const Mip6RunInfo& info,
                       Mip6CsvTable& table,
                       uint32_t roundTrips,
                       uint64_t messages,
                       uint64_t bytesUp,
                       uint64_t bytesDown,
                       std::optional<uint64_t> mhauthBytes = std::nullopt) const;

    /// Signature of HandoverComplete.
    typedef void (*RecordTracedCallback)(const Record&);

  protected:
    void DoDispose() override;

  private:
    /// What the timeline knows of one access of a multihomed MN.
    struct AccessState
    {
        std::string technology;        ///< its technology
        std::string name;              ///< technology + AP/cell, once L2 was up
        Ipv6Address coa;               ///< its last usable CoA
        std::optional<Time> l2Up;      ///< last L2 up
        std::optional<Time> coaFormed; ///< CoA formed since that L2 up
        int64_t open{-1};              ///< record opened by its L2 loss, not decided yet
    };

    void MultiL2Lost(uint32_t i, Time lastFrame);
    void MultiL2Up(uint32_t i, Mac48Address id);
    void MultiCoaFormed(uint32_t i, Ipv6Address coa);
    void MultiCoaUsable(uint32_t i, Ipv6Address coa);
    void MultiCoaLost(uint32_t i, Ipv6Address coa);
    /// The MN's handover decision (kind, from, to, old CoA, new CoA, BID).
    void Decision(const std::string& kind,
                  int32_t from,
                  int32_t to,
                  Ipv6Address oldCoa,
                  Ipv6Address newCoa,
                  uint16_t bid);
    void McoaBuSent(uint16_t seq,
                    Time lifetime,
                    const std::vector<uint16_t>& bids,
                    Ipv6Address src);
    void BidStatus(uint16_t bid, uint8_t status, uint16_t seq);
    /// \return the name of access \p i
    std::string MultiName(uint32_t i) const;
    /// \return the record access \p i's L2 loss opened, creating one now if there is none
    Record& TakeOpen(uint32_t i);
    /// \param r a record \return its t_start (DESIGN.md §4.1)
    static Time StartOf(const Record& r);

    void L2Lost(Time lastFrame);
    void L2Up(Mac48Address bssid);
    void CoaFormed(Ipv6Address coa);
    void CoaUsable(Ipv6Address coa);
    /// The MN is back on its home link (movement detector "Home").
    void HomeReached(Ipv6Address prefix);
    void SecurityStarted(Ipv6Address coa, bool bootstrap);
    void SecurityDone(Ipv6Address coa, bool ok);
    void BuSent(uint16_t seq, Ipv6Address coa, Time lifetime, bool retransmission);
    void BaReceived(uint8_t status, uint16_t seq, Time lifetime);
    void ProbeRx(uint32_t seq, Time sent, Ipv6Address coa);
    std::string AccessName(Mac48Address bssid) const;
    Record* Open();
    /// Outage and loss of one handover, from the probe receptions.
    void Outage(const Record& r, std::optional<Time>& outage, std::optional<uint64_t>& lost) const;

    Time m_intraGrace;                           //!< see the IntraGrace attribute
    uint32_t m_mn{0};                            //!< MN node id
    std::map<Mac48Address, std::string> m_names; //!< access names
    std::string m_access;                        //!< current access
    Ipv6Address m_coa;                           //!< current (registered or pending) CoA
    Ipv6Address m_hoa;                           //!< the MN's home address
    bool m_registeredOnce{false};                //!< first accepted BA seen
    std::vector<Record> m_records;               //!< handovers
    Bootstrap m_bootstrap;                       //!< bootstrap

    /// One probe reception.
    struct Reception
    {
        Time at;         ///< receive time
        uint32_t seq;    ///< sequence number
        Ipv6Address coa; ///< CoA it came through
    };

    std::vector<Reception> m_receptions;           //!< probe receptions
    bool m_multi{false};                           //!< following a multihomed MN
    std::vector<AccessState> m_accesses;           //!< multihomed: per access
    TracedCallback<const Record&> m_completeTrace; //!< a handover completed
};

} // namespace ns3

#endif /* MIP6_HANDOVER_TIMELINE_H */

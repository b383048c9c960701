/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_STATE_METER_H
#define MIP6_STATE_METER_H

#include "ns3/event-id.h"
#include "ns3/mip6-result-writer.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <functional>
#include <map>
#include <set>
#include <vector>

namespace ns3
{

/**
 * \ingroup mip6
 * The per-MN state counts of one state.csv row (DESIGN.md §4.4).
 */
struct Mip6StateCounts
{
    uint64_t bindings{0};   ///< binding cache entries
    uint64_t saCount{0};    ///< IPsec / altsec SAs
    uint64_t spdEntries{0}; ///< SPD entries
    uint64_t ikeSas{0};     ///< IKE SAs
    uint64_t hacRecords{0}; ///< MN records at the HAC
    uint64_t keyBytes{0};   ///< bytes of key material held
    uint64_t stateBytes{0}; ///< bytes of the model objects holding per-MN security state

    /**
     * Adds another set of counts field by field.
     * \param o the other counts
     * \return this
     */
    Mip6StateCounts& operator+=(const Mip6StateCounts& o);
    /**
     * \param o the other counts
     * \return true when every field is equal
     */
    bool operator==(const Mip6StateCounts& o) const;
};

/**
 * \ingroup mip6
 * Takes snapshots of home-agent-side state (DESIGN.md §4.4): every Interval from Start(), and once
 * more at Finish() (skipped if a periodic snapshot was already taken at that instant). Each
 * snapshot calls every provider, sums their per-MN counts, and keeps one row per MN (every MN
 * registered with AddMn appears, with zeros if no provider reports it) plus an `all` row with the
 * sums.
 */
class Mip6StateMeter : public Object
{
  public:
    /// Returns per-MN counts (the meter sums what several providers return for one MN).
    using Provider = std::function<std::map<uint32_t, Mip6StateCounts>()>;

    /// One snapshot row.
    struct Row
    {
        Time t;                 ///< snapshot time
        bool all{false};        ///< the `all` row
        uint32_t mn{0};         ///< the MN (when not all)
        Mip6StateCounts counts; ///< the counts
    };

    /**
     * TracedCallback signature of Snapshot.
     * \param t the snapshot time
     * \param total the `all` row's counts
     */
    typedef void (*SnapshotTracedCallback)(Time t, const Mip6StateCounts& total);

    /// \return the TypeId
    static TypeId GetTypeId();
    /// Creates a meter with nothing attached.
    Mip6StateMeter();
    /// Destructor.
    ~Mip6StateMeter() override;

    /**
     * \param provider a source of per-MN counts (HA binding cache, HA security side, HAC …)
     */
    void AddProvider(Provider provider);
    /**
     * Makes an MN appear in every snapshot, with zeros when no provider reports it.
     * \param mn the MN id
     */
    void AddMn(uint32_t mn);

    /// Schedules the periodic snapshots, the first at now + Interval.
    void Start();
    /// Takes the final snapshot now (unless one was taken at this instant) and stops.
    void Finish();
    /// Takes one snapshot now.
    void Snapshot();

    /// \return the rows so far, in time order; within a snapshot MNs ascending, then `all`
    const std::vector<Row>& GetRows() const;
    /**
     * Appends the state.csv rows.
     * \param table a table with Mip6Schema::StateColumns()
     * \param info run, seed, design
     */
    void AppendRows(Mip6CsvTable& table, const Mip6RunInfo& info) const;

  protected:
    void DoDispose() override;

  private:
    /// Periodic snapshot.
    void Periodic();

    Time m_interval;                   ///< snapshot interval
    std::vector<Provider> m_providers; ///< providers
    std::set<uint32_t> m_mns;          ///< MNs always listed
    std::vector<Row> m_rows;           ///< rows
    EventId m_event;                   ///< next periodic snapshot
    bool m_haveLast{false};            ///< a snapshot was taken
    Time m_last;                       ///< time of the last snapshot

    TracedCallback<Time, const Mip6StateCounts&> m_snapshotTrace; ///< every snapshot's total
};

} // namespace ns3

#endif /* MIP6_STATE_METER_H */

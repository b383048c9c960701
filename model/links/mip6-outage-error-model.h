/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_OUTAGE_ERROR_MODEL_H
#define MIP6_OUTAGE_ERROR_MODEL_H

#include "ns3/error-model.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup mip6
 * One scheduled outage of the abstract cell: from \c start, for \c duration (Time::Max() = for
 * good).
 */
struct Mip6CellOutage
{
    Time start;    //!< first instant of the outage
    Time duration; //!< its length (Time::Max(): the cell never comes back)

    /// \return the first instant after the outage (Time::Max() for a permanent outage)
    Time GetEnd() const;
};

/**
 * Sorts outages by start and checks that none overlaps the next.
 * \param outages the outages (sorted in place)
 * \param error why they were refused (on failure)
 * \return whether they do not overlap
 */
bool Mip6SortCellOutages(std::vector<Mip6CellOutage>& outages, std::string& error);

/**
 * Parses an outage list, "start:duration[,start:duration...]" with ns-3 time strings (e.g.
 * "2s:500ms,4.5s:1s"); the duration "inf" makes a permanent outage. Outages must not overlap.
 * \param text the list (empty: no outage)
 * \param outages the parsed outages, sorted by start (filled on success)
 * \param error why the list was refused (on failure)
 * \return whether the list is valid
 */
bool Mip6ParseCellOutages(const std::string& text,
                          std::vector<Mip6CellOutage>& outages,
                          std::string& error);

/**
 * \ingroup mip6
 * The abstract cell's radio: a receive error model for the point-to-point devices of the cell
 * link that loses every frame while the cell is not available — before the attach time and
 * during each scheduled outage — and otherwise defers to an optional inner error model (the
 * random loss, e.g. a RateErrorModel). The schedule is a pure function of the simulation time, so
 * both ends of the link can share one instance and no event has to toggle anything: a frame is
 * lost when its reception ends inside an unavailable window (PointToPointNetDevice consults its
 * ReceiveErrorModel at the end of reception).
 */
class Mip6OutageErrorModel : public ErrorModel
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    Mip6OutageErrorModel();
    ~Mip6OutageErrorModel() override;

    /**
     * \param attach the instant the cell becomes available for the first time
     * \param outages the outages after it (sorted, not overlapping)
     */
    void SetSchedule(Time attach, const std::vector<Mip6CellOutage>& outages);
    /// \param inner the random loss applied while the cell is available (nullptr: none)
    void SetInnerModel(Ptr<ErrorModel> inner);
    /// \return the random loss applied while the cell is available (may be null)
    Ptr<ErrorModel> GetInnerModel() const;
    /// \param t a simulation time \return whether the cell is available at \p t
    bool IsAvailable(Time t) const;
    /// \return the frames lost because the cell was unavailable
    uint64_t GetOutageDrops() const;
    /// \return the frames lost by the inner model
    uint64_t GetRandomDrops() const;

  protected:
    void DoDispose() override;

  private:
    bool DoCorrupt(Ptr<Packet> p) override;
    void DoReset() override;

    Time m_attach;                         //!< first availability
    std::vector<Mip6CellOutage> m_outages; //!< scheduled outages
    Ptr<ErrorModel> m_inner;               //!< random loss while available
    uint64_t m_outageDrops{0};             //!< frames lost to unavailability
    uint64_t m_randomDrops{0};             //!< frames lost by the inner model
};

} // namespace ns3

#endif /* MIP6_OUTAGE_ERROR_MODEL_H */

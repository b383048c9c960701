/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_OVERHEAD_METER_H
#define MIP6_OVERHEAD_METER_H

#include "ns3/callback.h"
#include "ns3/ipv6-address.h"
#include "ns3/mac48-address.h"
#include "ns3/mip6-category-tag.h"
#include "ns3/mip6-result-writer.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace ns3
{

class Node;
class WifiNetDevice;
class Ipv6;

/**
 * \ingroup mip6
 * Counts signalling overhead by category, phase and point (DESIGN.md §4.3) and lists every
 * signalling packet (DESIGN.md §4.6).
 *
 * **Points.**
 * - `mn-air` on WLAN (AttachWifiMn / AttachWifiAp): every transmission attempt of a data frame at
 *   `WifiPhy::PhyTxBegin` — which ns-3.37 fires once per MPDU, so each MPDU of an A-MPDU and each
 *   retransmission is counted — on the MN's PHY (direction `tx`) and on every AP's PHY for frames
 *   whose Addr1 is the MN's MAC (direction `rx`). l2_bytes = the MPDU as transmitted (MAC header +
 *   LLC/SNAP + IPv6 packet + FCS); ip_bytes = the IPv6 packet. Management, control and null-data
 *   frames are not attributed; group-addressed frames sent by APs are not attributed to an MN (the
 *   MN's own multicast, e.g. RS and DAD NS, is). A-MSDUs lose the senders' packet tags in ns-3.37
 *   (WifiMpdu::Aggregate rebuilds the packet), so by default an A-MSDU aborts the run with an
 *   explanation (attribute AbortOnAmsdu); keep A-MSDU aggregation off (the 802.11n default).
 * - `mn-air` on LTE or the abstract cell (AttachIpInterface): the MN's `Ipv6L3Protocol` Tx (`tx`)
 *   and Rx (`rx`) on that interface; l2_bytes = NA. Downlink is counted where received.
 * - `ha-core` (AttachHaCore): the HA's `Ipv6L3Protocol` Tx (`tx`) and Rx (`rx`) on the given
 *   interfaces; ip_bytes only, l2_bytes = NA (the core link type is a topology choice, and its
 *   framing says nothing about the security design). An interface attached with a category
 *   (the link to a remote HA-Controller, category `hac-ha`) counts only that category, so what
 *   the HA forwards between the access side and that link (the MN's TLS to the HAC) is counted
 *   once, where it enters or leaves the access side.
 * - `local` (RecordLocal): in-node messages (the PF_KEY MIGRATE equivalent); direction `NA`,
 *   l2_bytes = NA.
 * Direction is seen from the point's owner: the MN for `mn-air`, the HA for `ha-core`. The
 * messages.csv `node` is the MN for `mn-air` (both directions: that file has no mn column), the
 * HA for `ha-core`, and the given label for `local`; labels are ns-3 Names, else "node<id>", taken
 * when the node is attached (name nodes first).
 *
 * **Classification** (DESIGN.md §4.3, never by size): a packet with a Mip6CategoryTag is classified
 * by it; an untagged ICMPv6 RS/RA/NS/NA/Redirect is `nd`; untagged TCP on a registered 5-tuple
 * (RegisterTlsFlow, either direction) is `tls`; every other untagged packet is counted only as
 * unclassified (GetUnclassified), never in a category. Messages of untagged packets are named
 * RouterSolicitation, RouterAdvertisement, NeighborSolicitation (NeighborSolicitation-DAD with the
 * unspecified source), NeighborAdvertisement, Redirect; TCP-SYN, TCP-SYN-ACK, TCP-RST, TCP-FIN,
 * TCP-ACK (no payload) and TCP-data.
 *
 * **Tunnelled payload** (tag category TUNNEL): the outer 40-byte IPv6 header (and the 8-byte
 * fragment header of a fragment) → `tunnel`; the tag's protection bytes → `data-protection` (on
 * the first fragment only); the rest → `data`. The frame's L2 overhead (l2_bytes − ip_bytes: MAC
 * header, LLC/SNAP, FCS) is added to the `tunnel` share; the other two shares have
 * l2_bytes = ip_bytes, so the three rows sum to the frame. Each share with bytes counts one packet.
 *
 * **MN and phase.** At `mn-air` the MN is the attached one; elsewhere the tag's MN id, else the
 * resolver (SetMnResolver), else NA. The phase comes from the provider (SetPhaseProvider): one of
 * "bootstrap", "handover", "steady"; NA when no provider is set or the MN is unknown.
 *
 * A row key's l2_bytes is NA when any packet counted in it had no L2 size.
 */
class Mip6OverheadMeter : public Object
{
  public:
    /// Point name: the MN's access link.
    static const std::string POINT_MN_AIR;
    /// Point name: the HA's core interface.
    static const std::string POINT_HA_CORE;
    /// Point name: in-node messages.
    static const std::string POINT_LOCAL;
    /// Direction: sent by the point's owner.
    static const std::string DIRECTION_TX;
    /// Direction: sent to the point's owner.
    static const std::string DIRECTION_RX;

    /// Returns the phase of an MN at a time: "bootstrap", "handover" or "steady".
    using PhaseProvider = std::function<std::string(uint32_t mn, Time now)>;
    /// Finds the MN an untagged (or tag-less) packet at ha-core belongs to; false if none.
    using MnResolver =
        std::function<bool(const Ipv6Address& src, const Ipv6Address& dst, uint32_t& mn)>;

    /// A row key of overhead.csv (after run, seed, design).
    struct Key
    {
        std::optional<uint32_t> mn; ///< the MN (empty: NA)
        std::string point;          ///< mn-air, ha-core, local
        std::string category;       ///< DESIGN.md §4.3 category name
        std::string phase;          ///< bootstrap, handover, steady, NA
        std::string direction;      ///< tx, rx, NA

        /**
         * Sort order: MN (NA last), then point, category, phase, direction as strings.
         * \param o the other key
         * \return true if this key sorts first
         */
        bool operator<(const Key& o) const;
    };

    /// The counts of one row.
    struct Counts
    {
        uint64_t packets{0};   ///< packets (each share of a split packet counts one)
        uint64_t ipBytes{0};   ///< bytes of the IPv6 packets (or of the share)
        uint64_t l2Bytes{0};   ///< bytes as transmitted on the link
        uint64_t l2Missing{0}; ///< packets counted without an L2 size (l2_bytes is NA if > 0)
    };

    /// Packets counted in no category.
    struct Unclassified
    {
        uint64_t packets{0}; ///< packets
        uint64_t ipBytes{0}; ///< their size (IPv6 packet, or the frame body for non-IPv6 frames)
    };

    /// One counted share, as given to the Observation trace and kept for messages.csv.
    struct Observation
    {
        Time t;                          ///< when
        std::string node;                ///< node label (Names, else "node<id>")
        std::string point;               ///< point
        std::string direction;           ///< direction
        std::optional<uint32_t> mn;      ///< MN, if known
        std::string phase;               ///< phase
        Mip6Category category;           ///< category
        std::string message;             ///< message name (empty for payload shares)
        uint64_t ipBytes{0};             ///< IP bytes of this share
        std::optional<uint64_t> l2Bytes; ///< L2 bytes of this share, if known
    };

    /**
     * TracedCallback signature of Observation.
     * \param observation one counted share
     */
    typedef void (*ObservationTracedCallback)(const Observation& observation);
    /**
     * TracedCallback signature of Unclassified.
     * \param packet the IPv6 packet (or the frame body, for a non-IPv6 frame)
     * \param point where it was seen
     */
    typedef void (*UnclassifiedTracedCallback)(Ptr<const Packet> packet, const std::string& point);

    /// \return the TypeId
    static TypeId GetTypeId();
    /// Creates a meter with nothing attached.
    Mip6OverheadMeter();
    /// Destructor.
    ~Mip6OverheadMeter() override;

    /// \param provider returns the phase of an MN at a time (set by the scenario)
    void SetPhaseProvider(PhaseProvider provider);
    /// \param resolver maps an untagged packet's addresses to an MN at ha-core
    void SetMnResolver(MnResolver resolver);

    /**
     * Counts `mn-air` on a WLAN MN: uplink data frames at the MN's PhyTxBegin, and (with
     * AttachWifiAp) downlink data frames addressed to this device's MAC.
     * \param mn the MN id (its node id)
     * \param device the MN's WiFi device
     */
    void AttachWifiMn(uint32_t mn, Ptr<WifiNetDevice> device);
    /**
     * Counts downlink data frames an AP sends to any MN registered with AttachWifiMn.
     * \param device the AP's WiFi device
     */
    void AttachWifiAp(Ptr<WifiNetDevice> device);
    /**
     * Counts `mn-air` on a non-WLAN access (LTE, abstract cell) at the MN's IPv6 layer.
     * \param mn the MN id
     * \param node the MN
     * \param ifIndex the IPv6 interface index of the access
     */
    void AttachIpInterface(uint32_t mn, Ptr<Node> node, uint32_t ifIndex);
    /**
     * Counts `ha-core` on one of the HA's interfaces (call once per core interface).
     * \param ha the HA node
     * \param ifIndex the IPv6 interface index
     * \param only when set, only packets of this category are counted on that interface
     */
    void AttachHaCore(Ptr<Node> ha,
                      uint32_t ifIndex,
                      std::optional<Mip6Category> only = std::nullopt);

    /**
     * Registers the TCP connection of an MN's TLS session to the HAC; untagged TCP on it (either
     * direction) is `tls`.
     * \param mn the MN
     * \param a one end's address
     * \param aPort one end's port
     * \param b other end's address
     * \param bPort other end's port
     */
    void RegisterTlsFlow(uint32_t mn,
                         const Ipv6Address& a,
                         uint16_t aPort,
                         const Ipv6Address& b,
                         uint16_t bPort);

    /**
     * Counts an in-node message at point `local` (DESIGN.md §4.3), node label "node<mn>".
     * \param mn the MN it is about
     * \param category its category
     * \param message its name, e.g. "MIGRATE"
     * \param bytes the size the message would have
     */
    void RecordLocal(uint32_t mn,
                     Mip6Category category,
                     const std::string& message,
                     uint32_t bytes);
    /**
     * Counts an in-node message at point `local`.
     * \param mn the MN it is about
     * \param node label of the node where it happens (messages.csv `node`)
     * \param category its category
     * \param message its name
     * \param bytes the size the message would have
     */
    void RecordLocal(uint32_t mn,
                     const std::string& node,
                     Mip6Category category,
                     const std::string& message,
                     uint32_t bytes);

    /**
     * Classifies and counts one IPv6 packet (the entry point the attachments use; public for
     * points a scenario wires itself).
     * \param point the point
     * \param direction the direction
     * \param node node label
     * \param mn the MN if the point determines it (mn-air), else empty
     * \param packet the IPv6 packet, IPv6 header included
     * \param l2Bytes the size on the link, if known
     * \param only when set, a packet of another category is not counted
     */
    void RecordIpPacket(const std::string& point,
                        const std::string& direction,
                        const std::string& node,
                        std::optional<uint32_t> mn,
                        Ptr<const Packet> packet,
                        std::optional<uint64_t> l2Bytes,
                        std::optional<Mip6Category> only = std::nullopt);

    /// \return every row so far, sorted by key
    const std::map<Key, Counts>& GetCounts() const;
    /**
     * \param mn the MN (empty: NA)
     * \param point the point
     * \param category the category
     * \param phase the phase
     * \param direction the direction
     * \return the counts of that row (zero if absent)
     */
    Counts GetCount(std::optional<uint32_t> mn,
                    const std::string& point,
                    Mip6Category category,
                    const std::string& phase,
                    const std::string& direction) const;
    /**
     * \param point a point
     * \return what was seen there and counted in no category
     */
    Unclassified GetUnclassified(const std::string& point) const;
    /// \return A-MSDU frames seen (only with AbortOnAmsdu false)
    uint64_t GetAmsduFrames() const;
    /// \return every signalling packet (messages.csv), in time order
    const std::vector<Observation>& GetMessages() const;

    /**
     * Appends the overhead.csv rows, sorted by key.
     * \param table a table with Mip6Schema::OverheadColumns()
     * \param info run, seed, design
     */
    void AppendOverheadRows(Mip6CsvTable& table, const Mip6RunInfo& info) const;
    /**
     * Appends the messages.csv rows, in time order.
     * \param table a table with Mip6Schema::MessagesColumns()
     * \param info run, seed, design
     */
    void AppendMessageRows(Mip6CsvTable& table, const Mip6RunInfo& info) const;

    /// Forgets every count and message (attachments stay).
    void Reset();

  protected:
    void DoDispose() override;

  private:
    /// What classification found.
    struct Class
    {
        bool classified{false};                    ///< false: unclassified
        Mip6Category category{Mip6Category::DATA}; ///< category
        std::string message;                       ///< message name
        std::optional<uint32_t> mn;                ///< MN from the tag or flow registration
        uint32_t protectionBytes{0};               ///< tag's protection bytes (TUNNEL)
        uint32_t outerBytes{40};                   ///< outer header bytes of a tunnelled packet
        bool laterFragment{false};                 ///< a fragment with offset > 0
        bool haveAddresses{false};                 ///< src and dst were read
        Ipv6Address src;                           ///< IPv6 source
        Ipv6Address dst;                           ///< IPv6 destination
    };

    /// One WiFi PHY we listen to.
    struct WifiAttachment
    {
        bool ap{false};                                 ///< AP side (downlink) or MN side (uplink)
        uint32_t mn{0};                                 ///< the MN (MN side)
        std::string node;                               ///< node label
        Ptr<Object> phy;                                ///< the PHY (for disconnecting)
        Callback<void, Ptr<const Packet>, double> sink; ///< the connected sink
    };

    /// One IPv6 layer we listen to.
    struct IpAttachment
    {
        std::string point;                                      ///< mn-air or ha-core
        std::optional<uint32_t> mn;                             ///< the MN (mn-air)
        std::string node;                                       ///< node label
        std::map<uint32_t, std::optional<Mip6Category>> ifaces; ///< counted, with a filter
        Ptr<Ipv6> ipv6; ///< the IPv6 layer (for disconnecting)
        Callback<void, Ptr<const Packet>, Ptr<Ipv6>, uint32_t> txSink; ///< connected Tx sink
        Callback<void, Ptr<const Packet>, Ptr<Ipv6>, uint32_t> rxSink; ///< connected Rx sink
    };

    /**
     * PhyTxBegin sink.
     * \param index the WifiAttachment
     * \param mpdu the MPDU as transmitted
     * \param txPowerW transmit power
     */
    void OnPhyTxBegin(size_t index, Ptr<const Packet> mpdu, double txPowerW);
    /**
     * Ipv6L3Protocol Tx sink.
     * \param index the IpAttachment
     * \param packet the IPv6 packet
     * \param ipv6 the IPv6 layer
     * \param ifIndex the interface
     */
    void OnIpTx(size_t index, Ptr<const Packet> packet, Ptr<Ipv6> ipv6, uint32_t ifIndex);
    /**
     * Ipv6L3Protocol Rx sink.
     * \param index the IpAttachment
     * \param packet the IPv6 packet
     * \param ipv6 the IPv6 layer
     * \param ifIndex the interface
     */
    void OnIpRx(size_t index, Ptr<const Packet> packet, Ptr<Ipv6> ipv6, uint32_t ifIndex);
    /**
     * Handles the LLC/SNAP-framed body of one MSDU.
     * \param attachment the PHY it was sent on
     * \param mn the MN
     * \param msdu the MSDU (LLC/SNAP + payload)
     * \param l2Bytes the bytes on air attributed to it
     */
    void HandleMsdu(const WifiAttachment& attachment,
                    uint32_t mn,
                    Ptr<Packet> msdu,
                    uint64_t l2Bytes);
    /**
     * Classifies an IPv6 packet (tag, else protocol).
     * \param packet the IPv6 packet
     * \return the class
     */
    Class Classify(Ptr<const Packet> packet) const;
    /**
     * Adds one share to the counts, the trace and (for signalling) the message list.
     * \param obs the share
     */
    void Count(const Observation& obs);
    /**
     * \param point where
     * \param packet what
     */
    void CountUnclassified(const std::string& point, Ptr<const Packet> packet);
    /**
     * \param mn the MN, if known
     * \return its phase now
     */
    std::string PhaseOf(std::optional<uint32_t> mn) const;
    /**
     * \param node a node
     * \return its Names name, else "node<id>"
     */
    static std::string NodeLabel(Ptr<Node> node);

    bool m_recordMessages;                      ///< keep messages.csv rows
    bool m_abortOnAmsdu;                        ///< abort on an A-MSDU (tags are lost in it)
    PhaseProvider m_phase;                      ///< phase provider
    MnResolver m_resolver;                      ///< MN resolver for ha-core
    std::vector<WifiAttachment> m_wifi;         ///< WiFi PHYs listened to
    std::vector<IpAttachment> m_ip;             ///< IPv6 layers listened to
    std::map<Mac48Address, uint32_t> m_mnMacs;  ///< MN WiFi MACs → MN
    std::map<uint32_t, std::string> m_mnLabels; ///< MN → its node label
    /// TLS flows: (lower end, higher end) → MN
    std::map<std::tuple<Ipv6Address, uint16_t, Ipv6Address, uint16_t>, uint32_t> m_tlsFlows;
    std::map<Key, Counts> m_counts;                     ///< overhead.csv rows
    std::map<std::string, Unclassified> m_unclassified; ///< per point
    uint64_t m_amsduFrames{0};                          ///< A-MSDU frames seen
    std::vector<Observation> m_messages;                ///< messages.csv rows

    TracedCallback<const Observation&> m_observationTrace; ///< every counted share
    TracedCallback<Ptr<const Packet>, const std::string&> m_unclassifiedTrace; ///< unclassified
};

} // namespace ns3

#endif /* MIP6_OVERHEAD_METER_H */

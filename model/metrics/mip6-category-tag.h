/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_CATEGORY_TAG_H
#define MIP6_CATEGORY_TAG_H

#include "ns3/tag.h"

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup mip6
 * The overhead categories of DESIGN.md §4.3.
 */
enum class Mip6Category : uint8_t
{
    MIP6 = 0,            ///< "mip6": a whole IP packet carrying an MH, with its protection
    IKE = 1,             ///< "ike": IKEv2 incl. UDP/IP
    TLS = 2,             ///< "tls": TCP + TLS to the HAC
    HAC_HA = 3,          ///< "hac-ha": HAC→HA SA delivery on the core
    ND = 4,              ///< "nd": RS/RA/NS/NA incl. DAD
    TUNNEL = 5,          ///< "tunnel": tunnelled payload (the meter splits it, see Mip6CategoryTag)
    DATA_PROTECTION = 6, ///< "data-protection": tunnelled payload's protection overhead
    DATA = 7,            ///< "data": the inner packets
};

/// Number of categories.
constexpr uint8_t MIP6_CATEGORY_COUNT = 8;

/**
 * \param category a category
 * \return its name as written in the CSVs, e.g. "hac-ha"
 */
const std::string& Mip6CategoryName(Mip6Category category);

/**
 * \param name a category name as written in the CSVs
 * \param category the category
 * \return false when the name is not one of DESIGN.md §4.3
 */
bool Mip6CategoryFromName(const std::string& name, Mip6Category& category);

/**
 * \param category a category
 * \return true for the signalling categories (every one but tunnel, data-protection, data),
 *         whose packets also become rows of messages.csv
 */
bool Mip6CategoryIsSignalling(Mip6Category category);

/**
 * \ingroup mip6
 * Says what a packet is, for the overhead meter (DESIGN.md §4.3: "packets we build carry a tag set
 * by their sender"). The sender sets it with Packet::ReplacePacketTag on the packet it hands to
 * IPv6 (or on the outer packet it builds), so a tag left on an inner packet by an earlier hop is
 * replaced, not duplicated; a decapsulator removes it from the inner packet before forwarding it.
 *
 * Tunnelled payload (category TUNNEL) is split by the meter: the 40-byte outer IPv6 header →
 * `tunnel`, GetProtectionBytes() → `data-protection`, the rest → `data`. The sender sets the
 * protection bytes to every byte between the outer IPv6 header and the inner packet plus any
 * trailer (ESP header, IV, padding, pad length, next header, ICV; UDP + altsec PType/SPI/Seq).
 *
 * Serialised: category (1), mn id (4), protection bytes (4), name length (1), name (≤ 31).
 */
class Mip6CategoryTag : public Tag
{
  public:
    /// Longest message name, in bytes.
    static constexpr size_t MAX_MESSAGE_LENGTH = 31;

    /// An empty tag (category DATA, mn 0, no message).
    Mip6CategoryTag();
    /**
     * \param category what the packet is
     * \param message short message name, e.g. "BU", "IKE_SA_INIT-req" (≤ 31 bytes; longer aborts;
     *        "NA" is reserved for "not applicable" and aborts)
     * \param mn the MN the packet is about (node id of the MN)
     * \param protectionBytes for TUNNEL: the protection overhead inside the packet
     */
    Mip6CategoryTag(Mip6Category category,
                    const std::string& message,
                    uint32_t mn,
                    uint32_t protectionBytes = 0);

    /// \return the TypeId
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(TagBuffer i) const override;
    void Deserialize(TagBuffer i) override;
    void Print(std::ostream& os) const override;

    /// \param category what the packet is
    void SetCategory(Mip6Category category);
    /// \return what the packet is
    Mip6Category GetCategory() const;
    /// \param message short message name (≤ 31 bytes; longer aborts)
    void SetMessage(const std::string& message);
    /// \return the message name
    const std::string& GetMessage() const;
    /// \param mn the MN the packet is about
    void SetMnId(uint32_t mn);
    /// \return the MN the packet is about
    uint32_t GetMnId() const;
    /// \param bytes protection overhead inside tunnelled payload
    void SetProtectionBytes(uint32_t bytes);
    /// \return protection overhead inside tunnelled payload
    uint32_t GetProtectionBytes() const;

  private:
    Mip6Category m_category{Mip6Category::DATA}; ///< what the packet is
    std::string m_message;                       ///< message name
    uint32_t m_mn{0};                            ///< MN id
    uint32_t m_protectionBytes{0};               ///< protection bytes (TUNNEL)
};

} // namespace ns3

#endif /* MIP6_CATEGORY_TAG_H */

/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The IPv6 extension headers of Mobile IPv6: the Home Address destination option (RFC 6275 §6.3)
 * and the Type 2 Routing Header (RFC 6275 §6.4), send and receive side.
 */

#ifndef MIP6_EXTENSIONS_H
#define MIP6_EXTENSIONS_H

#include "ns3/header.h"
#include "ns3/ipv6-address.h"
#include "ns3/ipv6-extension.h"
#include "ns3/ipv6-option-header.h"
#include "ns3/ipv6-option.h"
#include "ns3/node.h"
#include "ns3/tag.h"
#include "ns3/traced-callback.h"

#include <string>

namespace ns3
{

/**
 * \ingroup mip6
 * RFC 6275 §6.3 Home Address option (type 201 = 0xC9, length 16), for an
 * Ipv6ExtensionDestinationHeader. Its alignment is 8n+6, so
 * Ipv6ExtensionDestinationHeader::AddOption() gives a 24-byte Destination Options header
 * (Next Header, Hdr Ext Len 2, PadN 4, HAO 18).
 */
class Mip6HomeAddressOptionHeader : public Ipv6OptionHeader
{
  public:
    /// The option type: 0xC9 (the top bits 11: discard and send ICMP if not recognised).
    static constexpr uint8_t OPT_NUMBER = 201;
    /// The option length (excluding Type and Length).
    static constexpr uint8_t OPT_LENGTH = 16;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    /// An option holding the unspecified address.
    Mip6HomeAddressOptionHeader();
    /**
     * \param hoa the home address
     */
    explicit Mip6HomeAddressOptionHeader(Ipv6Address hoa);

    /// \return the home address
    Ipv6Address GetHomeAddress() const;
    /// \param hoa the home address
    void SetHomeAddress(Ipv6Address hoa);

    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    /**
     * Reads Type, Length and 16 bytes. The receive side (Mip6HomeAddressOption) checks the type
     * and length on the raw bytes; this reader does not.
     * \param start where the option's Type byte is
     * \return 18
     */
    uint32_t Deserialize(Buffer::Iterator start) override;
    /// \return {8, 6}
    Alignment GetAlignment() const override;

  private:
    Ipv6Address m_hoa; //!< home address
};

/**
 * \ingroup mip6
 * Packet tag recording the home address of a Home Address option processed on receipt. ns-3's
 * Ipv6Option::Process gets a const Ipv6Header, so the source/HoA swap of RFC 6275 §9.3.1 is
 * represented by this tag, which the Mobility Header protocol and the home agent read. A tag
 * marked malformed records an HAO that must not be trusted (wrong length, truncated, or not a
 * unicast routable address): its packet is refused by its receiver.
 */
class Mip6HaoTag : public Tag
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    Mip6HaoTag();
    /**
     * \param hoa the home address
     */
    explicit Mip6HaoTag(Ipv6Address hoa);

    /// \return the home address
    Ipv6Address GetHomeAddress() const;
    /// \param hoa the home address
    void SetHomeAddress(Ipv6Address hoa);
    /// \return true when the option was malformed and the packet must be refused
    bool IsMalformed() const;
    /// \param malformed mark the option malformed
    void SetMalformed(bool malformed);

    uint32_t GetSerializedSize() const override;
    void Serialize(TagBuffer i) const override;
    void Deserialize(TagBuffer i) override;
    void Print(std::ostream& os) const override;

  private:
    Ipv6Address m_hoa; //!< home address
    bool m_malformed;  //!< the option was malformed
};

/**
 * \ingroup mip6
 * Packet tag recording the home address of a Type 2 Routing Header processed on receipt (the
 * final destination of RFC 6275 §6.4).
 */
class Mip6Rh2Tag : public Tag
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    Mip6Rh2Tag();
    /**
     * \param hoa the home address
     */
    explicit Mip6Rh2Tag(Ipv6Address hoa);

    /// \return the home address
    Ipv6Address GetHomeAddress() const;
    /// \param hoa the home address
    void SetHomeAddress(Ipv6Address hoa);

    uint32_t GetSerializedSize() const override;
    void Serialize(TagBuffer i) const override;
    void Deserialize(TagBuffer i) override;
    void Print(std::ostream& os) const override;

  private:
    Ipv6Address m_hoa; //!< home address
};

/**
 * \ingroup mip6
 * Receive-side handler of the Home Address option, registered in the node's Ipv6OptionDemux
 * (RFC 6275 §9.3.1). It validates the option (length 16, inside the packet, a unicast routable
 * home address), records the home address in a Mip6HaoTag on the packet and returns
 * the option length. A malformed option is recorded as a malformed tag, because in ns-3.37 an
 * option handler's isDropped does not stop delivery to the upper layer.
 */
class Mip6HomeAddressOption : public Ipv6Option
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    Mip6HomeAddressOption();
    ~Mip6HomeAddressOption() override;

    /// \return 201
    uint8_t GetOptionNumber() const override;
    /**
     * \param packet the packet after the IPv6 header
     * \param offset the offset of the option's Type byte in packet
     * \param ipv6Header the IPv6 header
     * \param isDropped set when the option is malformed
     * \return the number of bytes the option occupies
     */
    uint8_t Process(Ptr<Packet> packet,
                    uint8_t offset,
                    const Ipv6Header& ipv6Header,
                    bool& isDropped) override;

    /**
     * TracedCallback signature for a refused option.
     * \param packet the packet after the IPv6 header
     * \param reason why it was refused
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, const std::string& reason);

    /**
     * TracedCallback signature for an accepted option or routing header.
     * \param packet the packet after the IPv6 header
     * \param hoa the home address it carries
     */
    typedef void (*RxTracedCallback)(Ptr<const Packet> packet, Ipv6Address hoa);

  private:
    TracedCallback<Ptr<const Packet>, Ipv6Address> m_rxTrace;          //!< HAO accepted
    TracedCallback<Ptr<const Packet>, const std::string&> m_dropTrace; //!< HAO refused
};

/**
 * \ingroup mip6
 * RFC 6275 §6.4 Type 2 Routing Header (24 bytes): Next Header, Hdr Ext Len 2, Routing Type 2,
 * Segments Left 1, Reserved 4, Home Address 16. (Send side.)
 */
class Mip6Type2RoutingHeader : public Header
{
  public:
    /// Routing Type value
    static constexpr uint8_t TYPE_ROUTING = 2;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    Mip6Type2RoutingHeader();

    /// \return the Next Header
    uint8_t GetNextHeader() const;
    /// \param nh the Next Header
    void SetNextHeader(uint8_t nh);
    /// \return the home address
    Ipv6Address GetHomeAddress() const;
    /// \param hoa the home address
    void SetHomeAddress(Ipv6Address hoa);
    /// \return the Segments Left (1 when sent)
    uint8_t GetSegmentsLeft() const;
    /// \param segmentsLeft the Segments Left
    void SetSegmentsLeft(uint8_t segmentsLeft);
    /// \return the Hdr Ext Len as sent (2) or as read
    uint8_t GetHdrExtLen() const;
    /// \return the Routing Type as sent (2) or as read
    uint8_t GetRoutingType() const;

    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    /**
     * Reads 24 bytes. The receive side (Mip6Type2Routing) validates the raw bytes; this reader
     * records Hdr Ext Len and Routing Type as read, without checking them.
     * \param start where the header starts
     * \return 24
     */
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

  private:
    uint8_t m_nextHeader;   //!< Next Header
    uint8_t m_hdrExtLen;    //!< Hdr Ext Len
    uint8_t m_routingType;  //!< Routing Type
    uint8_t m_segmentsLeft; //!< Segments Left
    Ipv6Address m_hoa;      //!< home address
};

/**
 * \ingroup mip6
 * Receive side of the Type 2 Routing Header (RFC 6275 §6.4, §11.3.3), registered in the node's
 * Ipv6ExtensionRoutingDemux. It accepts only Hdr Ext Len 2 and Segments Left 1 and requires the
 * home address to be an address of this node; otherwise the packet is dropped (silently, as
 * §6.4 and §11.3.3 require, but counted on the "Drop" trace). On success it records the home
 * address in a Mip6Rh2Tag and lets processing continue with the next header.
 *
 * ns-3.37 reads the routing type at the first extension header only, so this handler runs when
 * the Type 2 RH follows the IPv6 header directly, which is where RFC 6275 puts it.
 */
class Mip6Type2Routing : public Ipv6ExtensionRouting
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    Mip6Type2Routing();
    ~Mip6Type2Routing() override;

    /// \return 2
    uint8_t GetTypeRouting() const override;
    uint8_t Process(Ptr<Packet>& packet,
                    uint8_t offset,
                    const Ipv6Header& ipv6Header,
                    Ipv6Address dst,
                    uint8_t* nextHeader,
                    bool& stopProcessing,
                    bool& isDropped,
                    Ipv6L3Protocol::DropReason& dropReason) override;

  private:
    TracedCallback<Ptr<const Packet>, Ipv6Address> m_rxTrace;          //!< RH2 accepted
    TracedCallback<Ptr<const Packet>, const std::string&> m_dropTrace; //!< RH2 refused
};

/**
 * \ingroup mip6
 * Registers Mip6HomeAddressOption and Mip6Type2Routing on a node that has an Ipv6L3Protocol
 * (uses the node's Ipv6OptionDemux and Ipv6ExtensionRoutingDemux, which InternetStackHelper
 * creates). Replaces any other handler of option 201 or routing type 2. Idempotent. Aborts when
 * the node has no IPv6 stack.
 * \param node the node
 */
void Mip6InstallExtensions(Ptr<Node> node);

/**
 * \ingroup mip6
 * Sends a Neighbor Advertisement for \p target with the Override flag set and the Router flag
 * clear, carrying the link-layer address of interface \p ifIndex, out of that interface (hop
 * limit 255, RFC 4861 §7.2.4). Used for the HA's proxy NAs (RFC 6275 §10.4.1) and the MN's NA for
 * its HoA on returning home (§11.5.4).
 * \param node the sender
 * \param ifIndex its IPv6 interface on the link
 * \param target the advertised address
 * \param src the IPv6 source
 * \param dst the destination (a solicitation's source, or all-nodes)
 * \param solicited set the Solicited flag (an answer to a solicitation)
 */
void Mip6SendNeighborAdvertisement(Ptr<Node> node,
                                   uint32_t ifIndex,
                                   Ipv6Address target,
                                   Ipv6Address src,
                                   Ipv6Address dst,
                                   bool solicited);

} // namespace ns3

#endif /* MIP6_EXTENSIONS_H */

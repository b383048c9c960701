/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Mobility options carried in the Mobility Header (RFC 6275 §6.2).
 */

#ifndef MIP6_OPTIONS_H
#define MIP6_OPTIONS_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup mip6
 * Mobility option types (RFC 6275 §6.2; IANA "Mobility Options"): Pad1 0, PadN 1, Binding Refresh
 * Advice 2, Alternate Care-of Address 3, Nonce Indices 4, Binding Authorization Data 5, MN-ID 8
 * (RFC 4283), AUTH 9 (RFC 4285), MESG-ID 10 (RFC 4285), Binding Identifier 35 (RFC 5648),
 * Flow Summary 44 and Flow Identification 45 (RFC 6089).
 */
namespace Mip6OptionType
{
/// The option type values
enum : uint8_t
{
    PAD1 = 0,
    PADN = 1,
    BINDING_REFRESH_ADVICE = 2,
    ALTERNATE_COA = 3,
    NONCE_INDICES = 4,
    BINDING_AUTHORIZATION_DATA = 5,
    MN_ID = 8,
    AUTH = 9,
    MESG_ID = 10,
    BINDING_ID = 35,
    FLOW_SUMMARY = 44,
    FLOW_ID = 45
};
} // namespace Mip6OptionType

/**
 * \ingroup mip6
 * The fields of a Binding Identifier option (RFC 5648 §4.3, with RFC 6089 §4.1's BID-PRI):
 * BID (16 bits), Status (8 bits), H (1 bit: simultaneous home and foreign binding), BID-PRI
 * (7 bits, the bits RFC 5648 left reserved; a lower value is a higher priority, 0 is reserved by
 * RFC 6089 and means "no priority given"), then an optional care-of address, IPv6 (Length 20) or
 * IPv4 (Length 8). At most one of coa and coa4 is set. Alignment 2n without a CoA, 8n+2 with one.
 */
struct Mip6BindingIdentifier
{
    uint16_t bid{0};                 //!< Binding ID (1..65535; 0 is not a valid BID)
    uint8_t status{0};               //!< Status (0 in a BU; the per-BID status in a BA)
    bool h{false};                   //!< H: simultaneous home and foreign binding
    uint8_t priority{0};             //!< BID-PRI, 0..127 (RFC 6089 §4.1)
    std::optional<Ipv6Address> coa;  //!< the IPv6 care-of address (Length 20)
    std::optional<Ipv4Address> coa4; //!< the IPv4 care-of address (Length 8; parsed, rarely sent)
};

/**
 * \ingroup mip6
 * RFC 6088 §3.2 IPv6 binary traffic selector (TS Format 2). The first 16 bits are the flags A..P;
 * a field is on the wire only when its flag is set, in flag order, after 16 reserved bits:
 * A/B start/end source address (16 B each), C/D start/end destination address (16 B each), E/F
 * start/end IPsec SPI (4 B each), G/H start/end flow label (4 B each: the sender prefixes the
 * label with 8 zero bits, the receiver ignores those 8 bits), I/J start/end source port (2 B
 * each), K/L start/end destination port (2 B each), M/N start/end traffic class (1 B each; the 2
 * low (ECN) bits are ignored in any comparison), O/P start/end next header (1 B each). Every
 * field is modelled; Matches() uses the address, port, traffic class and next header ranges (SPI
 * and flow label are carried, not matched). A start without an end matches that single value;
 * an end "MUST NOT be included unless the Start ... field is included": Serialize() aborts on
 * one and Deserialize() refuses one.
 *
 * The Traffic Selector sub-option that carries it has an alignment requirement that depends on
 * the flags: 8n if A-D is set, 4n if E-H, 2n if I-L, n otherwise (GetAlignment()).
 */
struct Mip6TrafficSelector
{
    /// The flag bits of the first 16 bits (RFC 6088 §3.2)
    enum Flag : uint16_t
    {
        FLAG_A = 0x8000, ///< Start Source Address
        FLAG_B = 0x4000, ///< End Source Address
        FLAG_C = 0x2000, ///< Start Destination Address
        FLAG_D = 0x1000, ///< End Destination Address
        FLAG_E = 0x0800, ///< Start IPsec SPI
        FLAG_F = 0x0400, ///< End IPsec SPI
        FLAG_G = 0x0200, ///< Start Flow Label
        FLAG_H = 0x0100, ///< End Flow Label
        FLAG_I = 0x0080, ///< Start Source Port
        FLAG_J = 0x0040, ///< End Source Port
        FLAG_K = 0x0020, ///< Start Destination Port
        FLAG_L = 0x0010, ///< End Destination Port
        FLAG_M = 0x0008, ///< Start Traffic Class
        FLAG_N = 0x0004, ///< End Traffic Class
        FLAG_O = 0x0002, ///< Start Next Header
        FLAG_P = 0x0001  ///< End Next Header
    };

    std::optional<Ipv6Address> startSrc;    //!< (A) start source address
    std::optional<Ipv6Address> endSrc;      //!< (B) end source address
    std::optional<Ipv6Address> startDst;    //!< (C) start destination address
    std::optional<Ipv6Address> endDst;      //!< (D) end destination address
    std::optional<uint32_t> startSpi;       //!< (E) start IPsec SPI
    std::optional<uint32_t> endSpi;         //!< (F) end IPsec SPI
    std::optional<uint32_t> startFlow;      //!< (G) start flow label (low 24 bits kept)
    std::optional<uint32_t> endFlow;        //!< (H) end flow label (low 24 bits kept)
    std::optional<uint16_t> startSrcPort;   //!< (I) start source port
    std::optional<uint16_t> endSrcPort;     //!< (J) end source port
    std::optional<uint16_t> startDstPort;   //!< (K) start destination port
    std::optional<uint16_t> endDstPort;     //!< (L) end destination port
    std::optional<uint8_t> startTc;         //!< (M) start traffic class
    std::optional<uint8_t> endTc;           //!< (N) end traffic class
    std::optional<uint8_t> startNextHeader; //!< (O) start next header
    std::optional<uint8_t> endNextHeader;   //!< (P) end next header

    /// \return the 16 flag bits for the fields that are set
    uint16_t GetFlags() const;
    /**
     * The selector bytes (flags, reserved, the present fields in flag order). Aborts on an end
     * field without its start field (RFC 6088 §3.2: the end "MUST NOT be included unless the
     * Start ... field is included").
     * \return the bytes
     */
    std::vector<uint8_t> Serialize() const;
    /**
     * Parses an RFC 6088 §3.2 selector. Never trusts a length: the bytes must hold exactly the
     * fields the flags announce, and no end flag may be set without its start flag.
     * \param data the selector bytes
     * \param len the number of bytes
     * \return the selector, or nullopt when the bytes are short, long or inconsistent
     */
    static std::optional<Mip6TrafficSelector> Deserialize(const uint8_t* data, std::size_t len);
    /**
     * The alignment requirement of a Traffic Selector sub-option that carries a binary selector
     * (RFC 6088 §3.1 for TS Format 1: 4n if A-F, 2n if G-J, else n; §3.2 for TS Format 2: 8n if
     * A-D, 4n if E-H, 2n if I-L, else n), read from the selector's flags.
     * \param tsFormat the TS Format (1 or 2; any other format has no known requirement: 1)
     * \param selector the selector bytes (fewer than 2 bytes: 1)
     * \return 1, 2, 4 or 8
     */
    static uint8_t GetAlignment(uint8_t tsFormat, const std::vector<uint8_t>& selector);
    /**
     * Whether a packet's fields fall in every range this selector sets (SPI and flow label are
     * not compared; traffic classes are compared on their 6 DS bits, RFC 6088 §3.2). An empty
     * selector matches everything.
     * \param src the source address
     * \param dst the destination address
     * \param nextHeader the upper-layer protocol
     * \param srcPort the source port (0 when the protocol has none)
     * \param dstPort the destination port (0 when the protocol has none)
     * \param tc the traffic class
     * \return true on a match
     */
    bool Matches(Ipv6Address src,
                 Ipv6Address dst,
                 uint8_t nextHeader,
                 uint16_t srcPort,
                 uint16_t dstPort,
                 uint8_t tc) const;
    /**
     * \param other the selector to compare with
     * \return true when every field is equal
     */
    bool operator==(const Mip6TrafficSelector& other) const;
};

/**
 * \ingroup mip6
 * The fields of an RFC 6089 §4.2 Flow Identification option (type 45, alignment 2n): FID (16
 * bits), FID-PRI (16 bits), Reserved (8), Status (8), then sub-options (§4.2.1, each Type 1 |
 * Length 1 excluding Type and Length | data): Pad1 (0, §4.2.1.1, a single byte), PadN (1,
 * §4.2.1.2), Binding Reference (2, §4.2.1.3, alignment 2n, a list of 16-bit BIDs) and Traffic
 * Selector (3, §4.2.1.4: TS Format 1 | Reserved 1 | selector; alignment from RFC 6088 §3).
 */
struct Mip6FlowIdentification
{
    /// Sub-option types (RFC 6089 §4.2.1.1-§4.2.1.4)
    enum SubOption : uint8_t
    {
        SUB_PAD1 = 0,
        SUB_PADN = 1,
        SUB_BINDING_REFERENCE = 2,
        SUB_TRAFFIC_SELECTOR = 3
    };

    /// Traffic Selector formats (RFC 6088 §3, IANA "Traffic Selector Format")
    enum TsFormat : uint8_t
    {
        TS_IPV4_BINARY = 1,
        TS_IPV6_BINARY = 2
    };

    /// Status values of the option (RFC 6089 §4.2; IANA "Flow Identification Status")
    enum Status : uint8_t
    {
        FLOW_BINDING_SUCCESSFUL = 0,
        ADMINISTRATIVELY_PROHIBITED = 128,
        FLOW_BINDING_REJECTED = 129,
        FLOW_IDENTIFICATION_MOBILITY_OPTION_MALFORMED = 130,
        BID_NOT_FOUND = 131,
        FID_NOT_FOUND = 132,
        TRAFFIC_SELECTOR_FORMAT_NOT_SUPPORTED = 133
    };

    uint16_t fid{0};                   //!< Flow Identifier
    uint16_t priority{0};              //!< FID-PRI (lower = higher priority)
    uint8_t status{0};                 //!< Status
    std::vector<uint16_t> bindingRefs; //!< Binding Reference sub-option BIDs (empty: absent)
    uint8_t tsFormat{0};               //!< TS Format of the Traffic Selector sub-option (0: absent)
    std::optional<Mip6TrafficSelector> ts; //!< the selector when tsFormat is TS_IPV6_BINARY
    std::vector<uint8_t> tsRaw;            //!< the selector bytes of another TS Format
};

/**
 * \ingroup mip6
 * One TLV mobility option (RFC 6275 §6.2): Type (1 byte), Length (1 byte, excluding Type and
 * Length), data. Pad1 and PadN are never stored: the Mobility Header inserts them when it lays the
 * options out. Value type.
 *
 * Each option carries its "xn+y" alignment requirement (§6.2): the option's Type byte must start
 * at an offset o from the start of the Mobility Header with o mod x == y. Later designs (RFC 4285
 * AUTH/MN-ID/MESG-ID, RFC 5648 BID) build their options with the generic constructor, so the
 * mobility core never needs to know them.
 */
class Mip6Option
{
  public:
    /// An empty, invalid option (type Pad1, no data, no alignment requirement).
    Mip6Option();

    /**
     * A generic option. Aborts on a programming error: more than 255 data bytes, an alignment
     * factor that is not 1, 2, 4 or 8, or an offset not below the factor.
     * \param type the option type
     * \param data the option data (the Length field is its size)
     * \param alignX the alignment factor x of "xn+y"
     * \param alignY the alignment offset y of "xn+y"
     */
    Mip6Option(uint8_t type, std::vector<uint8_t> data, uint8_t alignX, uint8_t alignY);

    /**
     * RFC 6275 §6.2.4 Binding Refresh Advice: length 2, alignment 2n.
     * \param intervalUnits4s the refresh interval in units of 4 seconds
     * \return the option
     */
    static Mip6Option BindingRefreshAdvice(uint16_t intervalUnits4s);
    /**
     * RFC 6275 §6.2.5 Alternate Care-of Address: length 16, alignment 8n+6.
     * \param coa the care-of address
     * \return the option
     */
    static Mip6Option AlternateCareOfAddress(Ipv6Address coa);
    /**
     * RFC 6275 §6.2.6 Nonce Indices: length 4, alignment 2n.
     * \param homeNonceIndex the home nonce index
     * \param careOfNonceIndex the care-of nonce index
     * \return the option
     */
    static Mip6Option NonceIndices(uint16_t homeNonceIndex, uint16_t careOfNonceIndex);
    /**
     * RFC 6275 §6.2.7 Binding Authorization Data: length 12, alignment 8n+2.
     * \param authenticator the 96-bit authenticator
     * \return the option
     */
    static Mip6Option BindingAuthorizationData(const std::array<uint8_t, 12>& authenticator);
    /**
     * RFC 5648 §4.3 Binding Identifier (with RFC 6089 §4.1's BID-PRI): Length 4 without a CoA
     * (alignment 2n), 8 with an IPv4 CoA or 20 with an IPv6 CoA (alignment 8n+2, so that the
     * address starts on an 8-octet boundary). Aborts when both coa and coa4 are set or the
     * priority does not fit 7 bits.
     * \param b the fields
     * \return the option
     */
    static Mip6Option BindingIdentifier(const Mip6BindingIdentifier& b);
    /**
     * Convenience form of BindingIdentifier(const Mip6BindingIdentifier&) for the IPv6 case.
     * \param bid the Binding ID
     * \param coa the IPv6 care-of address, or nullopt for Length 4
     * \param priority BID-PRI (0..127; 0 = none)
     * \param status the Status (0 in a BU)
     * \param h the H flag (simultaneous home and foreign binding)
     * \return the option
     */
    static Mip6Option BindingIdentifier(uint16_t bid,
                                        std::optional<Ipv6Address> coa,
                                        uint8_t priority = 0,
                                        uint8_t status = 0,
                                        bool h = false);
    /**
     * RFC 6089 §4.2 Flow Identification. Writes the Binding Reference sub-option when
     * bindingRefs is not empty and the Traffic Selector sub-option when tsFormat is not 0 (ts for
     * TS_IPV6_BINARY, else tsRaw), in that order. The option's alignment is the RFC's 2n unless
     * the selector needs 4n or 8n (Mip6TrafficSelector::GetAlignment): then the option asks for
     * 4n or 8n itself and a PadN sub-option between the two sub-options puts the Traffic Selector
     * sub-option on that boundary. Aborts when the option exceeds 255 data bytes.
     * \param f the fields
     * \return the option
     */
    static Mip6Option FlowIdentification(const Mip6FlowIdentification& f);
    /**
     * RFC 6089 §4.2.2 Flow Summary (type 44), alignment 2n: a list of 16-bit FIDs.
     * \param fids the FIDs (at least one)
     * \return the option
     */
    static Mip6Option FlowSummary(const std::vector<uint16_t>& fids);

    /**
     * The alignment that RFC 6275 §6.2 gives a known option type.
     * \param type the option type
     * \return {x, y} of "xn+y", or std::nullopt for a type this module does not know
     */
    static std::optional<std::pair<uint8_t, uint8_t>> GetKnownAlignment(uint8_t type);
    /**
     * The alignment of a known option type with a given Length, for the types whose alignment
     * depends on it: a Binding Identifier with a CoA (Length 8 or 20) is 8n+2, without (Length 4
     * or any other) 2n (RFC 5648 §4.3). Other types as GetKnownAlignment(type).
     * \param type the option type
     * \param length the option's Length field
     * \return {x, y} of "xn+y", or std::nullopt for a type this module does not know
     */
    static std::optional<std::pair<uint8_t, uint8_t>> GetKnownAlignment(uint8_t type,
                                                                        uint8_t length);

    /// \return the option type
    uint8_t GetType() const;
    /// \return the option data (without Type and Length)
    const std::vector<uint8_t>& GetData() const;
    /**
     * Replaces the data (e.g. a MAC filled in once the final bytes are known). Aborts beyond 255
     * bytes.
     * \param data the new data
     */
    void SetData(std::vector<uint8_t> data);
    /// \return the alignment factor x of "xn+y"
    uint8_t GetAlignX() const;
    /// \return the alignment offset y of "xn+y"
    uint8_t GetAlignY() const;
    /// \return the bytes this option occupies on the wire: 2 + data size
    uint32_t GetSerializedSize() const;

    /// \return the address of an Alternate Care-of Address option of length 16, else nullopt
    std::optional<Ipv6Address> GetAlternateCareOfAddress() const;
    /// \return the interval (4-s units) of a Binding Refresh Advice of length 2, else nullopt
    std::optional<uint16_t> GetBindingRefreshAdvice() const;
    /// \return {home, care-of} nonce indices of a Nonce Indices option of length 4, else nullopt
    std::optional<std::pair<uint16_t, uint16_t>> GetNonceIndices() const;
    /// \return the authenticator of a Binding Authorization Data option of length 12, else nullopt
    std::optional<std::array<uint8_t, 12>> GetBindingAuthorizationData() const;
    /**
     * \return the fields of a Binding Identifier option of Length 4, 8 or 20, else nullopt (a
     *         wrong type or length; a BID of 0 is returned as is, the receiver judges it)
     */
    std::optional<Mip6BindingIdentifier> GetBindingIdentifier() const;
    /**
     * \return the fields of a well-formed Flow Identification option, else nullopt: data shorter
     *         than 6 bytes, a sub-option overrunning the option, a Binding Reference that is empty
     *         or not a whole number of BIDs, a Traffic Selector shorter than its 2-byte header or
     *         whose IPv6 selector is inconsistent with its flags, or a sub-option repeated
     */
    std::optional<Mip6FlowIdentification> GetFlowIdentification() const;
    /// \return the FIDs of a Flow Summary option with a non-empty even length, else nullopt
    std::optional<std::vector<uint16_t>> GetFlowSummary() const;

    /**
     * \param other the option to compare with
     * \return true when type, data and alignment are equal
     */
    bool operator==(const Mip6Option& other) const;

  private:
    uint8_t m_type;              //!< option type
    std::vector<uint8_t> m_data; //!< option data
    uint8_t m_alignX;            //!< alignment factor x
    uint8_t m_alignY;            //!< alignment offset y
};

/**
 * Prints an option as "type=N len=L".
 * \param os the stream
 * \param o the option
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, const Mip6Option& o);

} // namespace ns3

#endif /* MIP6_OPTIONS_H */

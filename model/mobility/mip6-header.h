/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The Mobility Header and its messages (RFC 6275 §6.1).
 */

#ifndef MIP6_HEADER_H
#define MIP6_HEADER_H

#include "ns3/header.h"
#include "ns3/ipv6-address.h"
#include "ns3/mip6-options.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup mip6
 * Why an incoming Mobility Header was refused (counted and traced by the receiver).
 */
enum class Mip6ParseError
{
    NONE,              ///< accepted
    TRUNCATED,         ///< fewer than 8 bytes, or not a whole number of 8-octet units (an MH is)
    BAD_HEADER_LEN,    ///< (Header Len + 1) * 8 differs from the number of bytes present
    BAD_PAYLOAD_PROTO, ///< Payload Proto is not 59 (RFC 6275 §9.2)
    UNKNOWN_MH_TYPE,   ///< MH Type not in 0..7 (answered with a BE, status 2, §9.2)
    MESSAGE_TOO_SHORT, ///< Header Len below the length of the message type (§9.2)
    BAD_OPTION,  ///< an option overruns the MH, or an RFC 6275 option has a wrong Length; also a
                 ///< malformed Home Address destination option (§6.3) in front of the MH
    BAD_CHECKSUM ///< the pseudo-header checksum does not verify (§6.1.1, §9.2)
};

/**
 * \param e a parse error
 * \return a short stable name for CSV files and traces: "none", "truncated", "bad-header-len",
 *         "bad-payload-proto", "unknown-mh-type", "message-too-short", "bad-option", "bad-checksum"
 */
std::string Mip6ParseErrorToString(Mip6ParseError e);

/**
 * \ingroup mip6
 * RFC 6275 §6.1.1 Mobility Header: Payload Proto (59), Header Len, MH Type, Reserved, Checksum,
 * message data, then the options with Pad1/PadN inserted so that each option meets its xn+y
 * alignment (offset measured from the start of the MH), and the whole MH padded to a multiple of
 * 8 (§6.2). Subclasses provide the message data of each MH Type.
 *
 * A header rebuilt by Deserialize() re-serialises to the received bytes whenever the sender used
 * minimal padding (every mip6 sender does). MACs over received messages are checked on the
 * received bytes, never on a re-serialisation.
 */
class Mip6Header : public Header
{
  public:
    /// MH Type values (RFC 6275 §6.1.2-§6.1.9)
    enum MhType : uint8_t
    {
        BRR = 0,  ///< Binding Refresh Request
        HOTI = 1, ///< Home Test Init
        COTI = 2, ///< Care-of Test Init
        HOT = 3,  ///< Home Test
        COT = 4,  ///< Care-of Test
        BU = 5,   ///< Binding Update
        BA = 6,   ///< Binding Acknowledgement
        BE = 7    ///< Binding Error
    };

    /// The Payload Proto value of every Mobility Header: IPPROTO_NONE (RFC 6275 §6.1.1)
    static constexpr uint8_t PAYLOAD_PROTO_NONE = 59;
    /// The IPv6 Next Header value of the Mobility Header (RFC 6275 §6.1.1)
    static constexpr uint8_t NEXT_HEADER = 135;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    /// \return the MH Type
    uint8_t GetMhType() const;
    /// \return the Payload Proto field (59 unless deserialised otherwise)
    uint8_t GetPayloadProto() const;
    /// \return the Header Len field as it is (or would be) on the wire: length / 8 - 1
    uint8_t GetHeaderLen() const;
    /// \return the Checksum field, in host order
    uint16_t GetChecksum() const;
    /**
     * \param checksum the Checksum field value, in host order
     */
    void SetChecksum(uint16_t checksum);

    /**
     * Appends an option; the padding in front of it is computed on serialisation. Aborts for Pad1
     * and PadN, which only the header itself inserts.
     * \param o the option
     */
    void AddOption(const Mip6Option& o);
    /// \return the options in wire order (no Pad1/PadN)
    const std::vector<Mip6Option>& GetOptions() const;
    /// \return the options in wire order, to modify in place (e.g. to fill in a MAC)
    std::vector<Mip6Option>& GetOptions();
    /**
     * \param type an option type
     * \return the first option of that type, or nullptr
     */
    const Mip6Option* FindOption(uint8_t type) const;
    /**
     * Removes every option of a type.
     * \param type the option type
     */
    void RemoveOptions(uint8_t type);

    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    /**
     * Reads an MH of this class's type. Only call on bytes that passed Validate() and whose MH Type
     * matches this class (asserted).
     * \param start where the MH starts
     * \return the MH length ((Header Len + 1) * 8)
     */
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    /**
     * Offset of option i's Type byte inside the serialised MH (for MACs computed over the final
     * bytes).
     * \param i the index into GetOptions()
     * \return the offset in bytes from the first byte of the MH
     */
    uint32_t GetOptionOffset(std::size_t i) const;

    /// \return the serialised bytes with the checksum field as currently set
    std::vector<uint8_t> SerializeToBytes() const;

    /**
     * RFC 6275 §6.1.1: computes the checksum over the IPv6 pseudo-header (src, dst, upper-layer
     * length = MH length, next header 135) and the MH with checksum 0, and stores it. src = the HoA
     * when a HAO is present, dst = the HoA of a Type 2 RH when present (the final destination).
     * \param src the pseudo-header source
     * \param dst the pseudo-header destination
     */
    void CalculateChecksum(Ipv6Address src, Ipv6Address dst);

    /**
     * The checksum of a serialised MH whose checksum field is zero (RFC 6275 §6.1.1).
     * \param mh the MH bytes
     * \param len the number of bytes
     * \param src the pseudo-header source
     * \param dst the pseudo-header destination
     * \return the checksum, in host order
     */
    static uint16_t ComputeChecksum(const uint8_t* mh,
                                    std::size_t len,
                                    Ipv6Address src,
                                    Ipv6Address dst);

    /**
     * Checks a received MH's checksum (bytes as received).
     * \param mh the MH bytes
     * \param len the number of bytes (the upper-layer length of the pseudo-header)
     * \param src the pseudo-header source (the HoA of a HAO when present)
     * \param dst the pseudo-header destination (the HoA of a Type 2 RH when present)
     * \return true when the one's-complement sum verifies
     */
    static bool VerifyChecksum(const uint8_t* mh,
                               std::size_t len,
                               Ipv6Address src,
                               Ipv6Address dst);

    /**
     * Validates raw bytes before any deserialisation: at least 8 bytes in whole 8-octet units,
     * Header Len consistent with the bytes present, Payload Proto 59, known MH Type, message data
     * long enough for the type, every option TLV inside the MH and the RFC 6275 options of their
     * fixed Length. Never reads past `len`.
     * \param buf the bytes (the whole upper-layer payload, starting at the MH)
     * \param len the number of bytes
     * \param[out] type the MH Type (set as soon as it is readable, so also for UNKNOWN_MH_TYPE)
     * \param[out] mhLength the MH length from Header Len (set as soon as it is readable)
     * \return NONE or the first problem found
     */
    static Mip6ParseError Validate(const uint8_t* buf,
                                   std::size_t len,
                                   uint8_t& type,
                                   uint32_t& mhLength);
    /**
     * Convenience: copies the packet's bytes and validates them.
     * \param p the packet, starting at the MH
     * \param[out] type the MH Type
     * \param[out] mhLength the MH length
     * \return NONE or the first problem found
     */
    static Mip6ParseError Validate(Ptr<const Packet> p, uint8_t& type, uint32_t& mhLength);

    /**
     * \param mhType an MH Type
     * \return the message data size of that type (bytes after the 6-byte common part, before the
     *         options), or nullopt for a type not in 0..7
     */
    static std::optional<uint32_t> GetMessageDataSizeOfType(uint8_t mhType);

  protected:
    /**
     * \param mhType the MH Type of the subclass
     */
    explicit Mip6Header(uint8_t mhType);
    /// \return the bytes after the 6-byte common part, before the options
    virtual uint32_t GetMessageDataSize() const = 0;
    /**
     * Writes the message data.
     * \param i the iterator, advanced past the data
     */
    virtual void SerializeMessageData(Buffer::Iterator& i) const = 0;
    /**
     * Reads the message data.
     * \param i the iterator, advanced past the data
     */
    virtual void DeserializeMessageData(Buffer::Iterator& i) = 0;
    /**
     * Prints the message data fields.
     * \param os the stream
     */
    virtual void PrintMessageData(std::ostream& os) const = 0;

  private:
    /**
     * Lays the options out.
     * \param offsets if not null, receives the offset of each option's Type byte
     * \return the MH length, a multiple of 8
     */
    uint32_t Layout(std::vector<uint32_t>* offsets) const;

    uint8_t m_payloadProto;            //!< Payload Proto
    uint8_t m_mhType;                  //!< MH Type
    uint16_t m_checksum;               //!< Checksum, host order
    std::vector<Mip6Option> m_options; //!< options, no padding
};

/**
 * \ingroup mip6
 * RFC 6275 §6.1.7 Binding Update: Sequence #, 16 flag bits (IANA "Binding Update Flags": A, H, L,
 * K, M, R, P, F, T, B, S, D from the most significant bit), Lifetime in 4-second units.
 */
class Mip6BindingUpdateHeader : public Mip6Header
{
  public:
    Mip6BindingUpdateHeader();
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    /// Flag bits of the 16-bit field after the Sequence # (IANA "Binding Update Flags")
    enum Flag : uint16_t
    {
        FLAG_A = 0x8000, ///< Acknowledge
        FLAG_H = 0x4000, ///< Home Registration
        FLAG_L = 0x2000, ///< Link-Local Address Compatibility
        FLAG_K = 0x1000, ///< Key Management Mobility Capability
        FLAG_M = 0x0800, ///< MAP Registration (RFC 5380)
        FLAG_R = 0x0400, ///< Mobile Router (RFC 3963)
        FLAG_P = 0x0200, ///< Proxy Registration (RFC 5213)
        FLAG_F = 0x0100, ///< Forcing UDP encapsulation (RFC 5555)
        FLAG_T = 0x0080, ///< TLV-header format (RFC 5845)
        FLAG_B = 0x0040, ///< Bulk Binding Update (RFC 6602)
        /**
         * Overwrite (RFC 5648 §4.2, Figure 4): the same bit as FLAG_B. RFC 5648 never registered it
         * and IANA gave 0x0040 to RFC 6602's B. mip6 reads the bit as O only in a home BU (H set)
         * with P clear that carries at least one Binding Identifier option (IsOverwrite());
         * everywhere else it is B, which mip6 does not support and ignores.
         */
        FLAG_O = 0x0040,
        FLAG_S = 0x0020, ///< S (IANA "Binding Update Flags")
        FLAG_D = 0x0010  ///< D (IANA "Binding Update Flags")
    };

    /// \return the Sequence #
    uint16_t GetSequence() const;
    /// \param seq the Sequence #
    void SetSequence(uint16_t seq);
    /// \return the 16 flag bits
    uint16_t GetFlags() const;
    /// \param flags the 16 flag bits
    void SetFlags(uint16_t flags);
    /**
     * \param f a Flag
     * \return true when every bit of f is set
     */
    bool HasFlag(uint16_t f) const;
    /**
     * \param f a Flag
     * \param on set or clear
     */
    void SetFlag(uint16_t f, bool on);
    /**
     * Whether bit 0x0040 means RFC 5648's Overwrite here: set, H set, P clear and at least one
     * Binding Identifier option present (see FLAG_O).
     * \return true when the BU asks to replace every binding of the HoA
     */
    bool IsOverwrite() const;
    /// \return the Lifetime field (4-second units)
    uint16_t GetLifetimeUnits() const;
    /// \param units the Lifetime field (4-second units; 0 deletes the binding)
    void SetLifetimeUnits(uint16_t units);
    /// \return the lifetime: units * 4 s
    Time GetLifetime() const;

  protected:
    uint32_t GetMessageDataSize() const override;
    void SerializeMessageData(Buffer::Iterator& i) const override;
    void DeserializeMessageData(Buffer::Iterator& i) override;
    void PrintMessageData(std::ostream& os) const override;

  private:
    uint16_t m_sequence; //!< Sequence #
    uint16_t m_flags;    //!< flags
    uint16_t m_lifetime; //!< Lifetime, 4-s units
};

/**
 * \ingroup mip6
 * RFC 6275 §6.1.8 Binding Acknowledgement: Status, 8 flag bits (K, R, P, T, B from the most
 * significant bit), Sequence #, Lifetime in 4-second units.
 */
class Mip6BindingAckHeader : public Mip6Header
{
  public:
    Mip6BindingAckHeader();
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    /// Flag bits of the byte after Status (RFC 6275, 3963, 5213, 5845, 6602)
    enum Flag : uint8_t
    {
        FLAG_K = 0x80, ///< Key Management Mobility Capability
        FLAG_R = 0x40, ///< Mobile Router (RFC 3963)
        FLAG_P = 0x20, ///< Proxy Registration (RFC 5213)
        FLAG_T = 0x10, ///< TLV-header format (RFC 5845)
        FLAG_B = 0x08  ///< Bulk Binding Update (RFC 6602)
    };

    /// \return the Status (see Mip6BaStatus)
    uint8_t GetStatus() const;
    /// \param status the Status (see Mip6BaStatus)
    void SetStatus(uint8_t status);
    /// \return the 8 flag bits
    uint8_t GetFlags() const;
    /// \param flags the 8 flag bits
    void SetFlags(uint8_t flags);
    /**
     * \param f a Flag
     * \return true when every bit of f is set
     */
    bool HasFlag(uint8_t f) const;
    /**
     * \param f a Flag
     * \param on set or clear
     */
    void SetFlag(uint8_t f, bool on);
    /// \return the Sequence #
    uint16_t GetSequence() const;
    /// \param seq the Sequence #
    void SetSequence(uint16_t seq);
    /// \return the Lifetime field (4-second units)
    uint16_t GetLifetimeUnits() const;
    /// \param units the Lifetime field (4-second units)
    void SetLifetimeUnits(uint16_t units);
    /// \return the lifetime: units * 4 s
    Time GetLifetime() const;

  protected:
    uint32_t GetMessageDataSize() const override;
    void SerializeMessageData(Buffer::Iterator& i) const override;
    void DeserializeMessageData(Buffer::Iterator& i) override;
    void PrintMessageData(std::ostream& os) const override;

  private:
    uint8_t m_status;    //!< Status
    uint8_t m_flags;     //!< flags
    uint16_t m_sequence; //!< Sequence #
    uint16_t m_lifetime; //!< Lifetime, 4-s units
};

/**
 * \ingroup mip6
 * BA status codes used by the project (RFC 6275 §6.1.8, RFC 4285 §7, RFC 5648 §4.4, RFC 6618).
 * Values below 128 mean the binding was accepted.
 */
namespace Mip6BaStatus
{
/// The status values
enum : uint8_t
{
    ACCEPTED = 0,
    ACCEPTED_PREFIX_DISCOVERY = 1,
    MCOA_NOTCOMPLETE = 4,
    MCOA_RETURNHOME_WO_NDP = 5,
    REASON_UNSPECIFIED = 128,
    ADMIN_PROHIBITED = 129,
    INSUFFICIENT_RESOURCES = 130,
    HOME_REGISTRATION_NOT_SUPPORTED = 131,
    NOT_HOME_SUBNET = 132,
    NOT_HOME_AGENT_FOR_THIS_MN = 133,
    DAD_FAILED = 134,
    SEQUENCE_OUT_OF_WINDOW = 135,
    EXPIRED_HOME_NONCE = 136,
    EXPIRED_CARE_OF_NONCE = 137,
    EXPIRED_NONCES = 138,
    REGISTRATION_TYPE_CHANGE = 139,
    MIPV6_ID_MISMATCH = 144,
    MIPV6_MESG_ID_REQD = 145,
    MIPV6_AUTH_FAIL = 146,
    MCOA_MALFORMED = 164,
    MCOA_NON_MCOA_BINDING_EXISTS = 165,
    MCOA_PROHIBITED = 166,
    MCOA_UNKNOWN_COA = 167,
    MCOA_BULK_REGISTRATION_PROHIBITED = 168,
    MCOA_SIMULTANEOUS_HOME_AND_FOREIGN_PROHIBITED = 169,
    INVALID_COA = 174,
    REINIT_SA_WITH_HAC = 176
};
} // namespace Mip6BaStatus

/**
 * \ingroup mip6
 * RFC 6275 §6.1.9 Binding Error: Status, Reserved, Home Address.
 */
class Mip6BindingErrorHeader : public Mip6Header
{
  public:
    Mip6BindingErrorHeader();
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    /// Status values (RFC 6275 §6.1.9)
    enum : uint8_t
    {
        STATUS_UNKNOWN_BINDING_FOR_HAO = 1, ///< unknown binding for a Home Address option
        STATUS_UNRECOGNIZED_MH_TYPE = 2     ///< unrecognised MH Type value
    };

    /// \return the Status
    uint8_t GetStatus() const;
    /// \param status the Status
    void SetStatus(uint8_t status);
    /// \return the Home Address
    Ipv6Address GetHomeAddress() const;
    /// \param hoa the Home Address (of the offending HAO, or unspecified)
    void SetHomeAddress(Ipv6Address hoa);

  protected:
    uint32_t GetMessageDataSize() const override;
    void SerializeMessageData(Buffer::Iterator& i) const override;
    void DeserializeMessageData(Buffer::Iterator& i) override;
    void PrintMessageData(std::ostream& os) const override;

  private:
    uint8_t m_status;  //!< Status
    Ipv6Address m_hoa; //!< Home Address
};

/**
 * \ingroup mip6
 * RFC 6275 §6.1.2 Binding Refresh Request: Reserved (16 bits).
 */
class Mip6BindingRefreshRequestHeader : public Mip6Header
{
  public:
    Mip6BindingRefreshRequestHeader();
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

  protected:
    uint32_t GetMessageDataSize() const override;
    void SerializeMessageData(Buffer::Iterator& i) const override;
    void DeserializeMessageData(Buffer::Iterator& i) override;
    void PrintMessageData(std::ostream& os) const override;
};

/**
 * \ingroup mip6
 * The common layout of HoTI and CoTI (RFC 6275 §6.1.3, §6.1.4): Reserved (16 bits), the 64-bit
 * init cookie.
 */
class Mip6TestInitHeaderBase : public Mip6Header
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    /// \return the Home/Care-of Init Cookie
    uint64_t GetCookie() const;
    /// \param cookie the Home/Care-of Init Cookie
    void SetCookie(uint64_t cookie);

  protected:
    /// \param mhType HOTI or COTI
    explicit Mip6TestInitHeaderBase(uint8_t mhType);
    uint32_t GetMessageDataSize() const override;
    void SerializeMessageData(Buffer::Iterator& i) const override;
    void DeserializeMessageData(Buffer::Iterator& i) override;
    void PrintMessageData(std::ostream& os) const override;

  private:
    uint64_t m_cookie; //!< init cookie
};

/**
 * \ingroup mip6
 * RFC 6275 §6.1.3 Home Test Init.
 */
class Mip6HomeTestInitHeader : public Mip6TestInitHeaderBase
{
  public:
    Mip6HomeTestInitHeader();
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
};

/**
 * \ingroup mip6
 * RFC 6275 §6.1.4 Care-of Test Init.
 */
class Mip6CareOfTestInitHeader : public Mip6TestInitHeaderBase
{
  public:
    Mip6CareOfTestInitHeader();
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
};

/**
 * \ingroup mip6
 * The common layout of HoT and CoT (RFC 6275 §6.1.5, §6.1.6): nonce index (16 bits), the 64-bit
 * init cookie, the 64-bit keygen token.
 */
class Mip6TestHeaderBase : public Mip6Header
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    /// \return the Home/Care-of Nonce Index
    uint16_t GetNonceIndex() const;
    /// \param index the Home/Care-of Nonce Index
    void SetNonceIndex(uint16_t index);
    /// \return the Home/Care-of Init Cookie
    uint64_t GetCookie() const;
    /// \param cookie the Home/Care-of Init Cookie
    void SetCookie(uint64_t cookie);
    /// \return the Home/Care-of Keygen Token
    uint64_t GetKeygenToken() const;
    /// \param token the Home/Care-of Keygen Token
    void SetKeygenToken(uint64_t token);

  protected:
    /// \param mhType HOT or COT
    explicit Mip6TestHeaderBase(uint8_t mhType);
    uint32_t GetMessageDataSize() const override;
    void SerializeMessageData(Buffer::Iterator& i) const override;
    void DeserializeMessageData(Buffer::Iterator& i) override;
    void PrintMessageData(std::ostream& os) const override;

  private:
    uint16_t m_nonceIndex; //!< nonce index
    uint64_t m_cookie;     //!< init cookie
    uint64_t m_token;      //!< keygen token
};

/**
 * \ingroup mip6
 * RFC 6275 §6.1.5 Home Test.
 */
class Mip6HomeTestHeader : public Mip6TestHeaderBase
{
  public:
    Mip6HomeTestHeader();
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
};

/**
 * \ingroup mip6
 * RFC 6275 §6.1.6 Care-of Test.
 */
class Mip6CareOfTestHeader : public Mip6TestHeaderBase
{
  public:
    Mip6CareOfTestHeader();
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
};

} // namespace ns3

#endif /* MIP6_HEADER_H */

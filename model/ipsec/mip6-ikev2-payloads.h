/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * IKEv2 message header and payloads (RFC 7296 §3), one class per payload (the strongSwan shape:
 * each payload knows its own encoding rules). Serialisation goes through ns-3 Buffer iterators;
 * parsing never trusts a length.
 */

#ifndef MIP6_IKEV2_PAYLOADS_H
#define MIP6_IKEV2_PAYLOADS_H

#include "ns3/buffer.h"
#include "ns3/header.h"
#include "ns3/ipv6-address.h"
#include "ns3/mip6-crypto-types.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup mip6-ipsec
 * IKEv2 payload types (RFC 7296 §3.2, IANA "IKEv2 Payload Types").
 */
enum class Mip6IkePayloadType : uint8_t
{
    NONE = 0,       ///< no next payload
    SA = 33,        ///< Security Association (§3.3)
    KE = 34,        ///< Key Exchange (§3.4)
    IDI = 35,       ///< Identification - Initiator (§3.5)
    IDR = 36,       ///< Identification - Responder (§3.5)
    CERT = 37,      ///< Certificate (§3.6)
    CERTREQ = 38,   ///< Certificate Request (§3.7)
    AUTH = 39,      ///< Authentication (§3.8)
    NONCE = 40,     ///< Nonce (§3.9)
    NOTIFY = 41,    ///< Notify (§3.10)
    DELETE = 42,    ///< Delete (§3.11)
    VENDOR_ID = 43, ///< Vendor ID (§3.12)
    TSI = 44,       ///< Traffic Selector - Initiator (§3.13)
    TSR = 45,       ///< Traffic Selector - Responder (§3.13)
    SK = 46,        ///< Encrypted and Authenticated (§3.14)
    CP = 47,        ///< Configuration (§3.15)
    EAP = 48,       ///< Extensible Authentication (§3.16)
};

/**
 * \ingroup mip6-ipsec
 * The IKE header (RFC 7296 §3.1): SPIi 8, SPIr 8, Next Payload 1, Version 1 (major 2, minor 0),
 * Exchange Type 1, Flags 1 (I 0x08, V 0x10, R 0x20), Message ID 4, Length 4 = 28 bytes.
 */
class Mip6IkeHeader : public Header
{
  public:
    static constexpr uint8_t IKE_SA_INIT = 34;      ///< exchange type
    static constexpr uint8_t IKE_AUTH = 35;         ///< exchange type
    static constexpr uint8_t CREATE_CHILD_SA = 36;  ///< exchange type
    static constexpr uint8_t INFORMATIONAL = 37;    ///< exchange type
    static constexpr uint8_t FLAG_INITIATOR = 0x08; ///< I
    static constexpr uint8_t FLAG_VERSION = 0x10;   ///< V
    static constexpr uint8_t FLAG_RESPONSE = 0x20;  ///< R

    /// \return the TypeId
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    uint64_t spiI{0};              //!< initiator's SPI
    uint64_t spiR{0};              //!< responder's SPI
    uint8_t nextPayload{0};        //!< type of the first payload
    uint8_t version{0x20};         //!< major 2, minor 0
    uint8_t exchange{IKE_SA_INIT}; //!< exchange type
    uint8_t flags{0};              //!< flags
    uint32_t messageId{0};         //!< message ID
    uint32_t length{0};            //!< length of the whole message
};

/**
 * \ingroup mip6-ipsec
 * A payload: the 4-byte generic payload header (RFC 7296 §3.2: Next Payload, C bit, reserved,
 * Payload Length including the header) and a body each subclass encodes.
 */
class Mip6IkePayload : public SimpleRefCount<Mip6IkePayload>
{
  public:
    /// Bytes of the generic payload header.
    static constexpr uint32_t GENERIC_HEADER_SIZE = 4;

    virtual ~Mip6IkePayload();
    /// \return the payload type
    virtual Mip6IkePayloadType GetType() const = 0;
    /// \return body bytes (after the generic header)
    virtual uint32_t GetBodySize() const = 0;
    /**
     * Writes the body.
     * \param i where
     */
    virtual void SerializeBody(Buffer::Iterator& i) const = 0;
    /**
     * Reads a body of exactly length bytes.
     * \param i where it starts
     * \param length its length (from the generic header, already checked against the message)
     * \return false when the body is malformed
     */
    virtual bool DeserializeBody(Buffer::Iterator i, uint32_t length) = 0;

    /// \return generic header + body
    uint32_t GetSerializedSize() const;
    /**
     * Writes the generic header and the body.
     * \param i where
     * \param nextPayload the type of the following payload (0: none)
     */
    void Serialize(Buffer::Iterator& i, uint8_t nextPayload) const;
    /// \param critical the C bit
    void SetCritical(bool critical);
    /// \return the C bit
    bool IsCritical() const;

    /**
     * \param type a payload type
     * \return an empty payload of that type, or nullptr for a type not modelled
     */
    static Ptr<Mip6IkePayload> Create(uint8_t type);

  private:
    bool m_critical{false}; //!< C bit
};

/**
 * \ingroup mip6-ipsec
 * A transform substructure (RFC 7296 §3.3.2) with the optional Key Length attribute (TV, type
 * 14, §3.3.5).
 */
struct Mip6IkeTransform
{
    uint8_t type{1};                   ///< 1 ENCR, 2 PRF, 3 INTEG, 4 DH, 5 ESN
    uint16_t id{0};                    ///< transform ID
    std::optional<uint16_t> keyLength; ///< key length in bits (AES)

    /// \return 8, or 12 with the key length attribute
    uint32_t GetSize() const;
};

/**
 * \ingroup mip6-ipsec
 * A proposal substructure (RFC 7296 §3.3.1).
 */
struct Mip6IkeProposal
{
    uint8_t number{1};                        ///< proposal number
    uint8_t protocolId{1};                    ///< 1 IKE, 2 AH, 3 ESP
    Mip6Bytes spi;                            ///< 0 bytes (IKE_SA_INIT), 8 (IKE rekey), 4 (ESP)
    std::vector<Mip6IkeTransform> transforms; ///< transforms

    /// \return 8 + SPI + transforms
    uint32_t GetSize() const;
};

/**
 * \ingroup mip6-ipsec
 * SA payload (RFC 7296 §3.3): proposals, each with its transforms.
 */
class Mip6IkeSaPayload : public Mip6IkePayload
{
  public:
    Mip6IkePayloadType GetType() const override;
    uint32_t GetBodySize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(Buffer::Iterator i, uint32_t length) override;

    std::vector<Mip6IkeProposal> proposals; //!< proposals
};

/**
 * \ingroup mip6-ipsec
 * KE payload (RFC 7296 §3.4): DH group 2, reserved 2, key exchange data.
 */
class Mip6IkeKePayload : public Mip6IkePayload
{
  public:
    Mip6IkePayloadType GetType() const override;
    uint32_t GetBodySize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(Buffer::Iterator i, uint32_t length) override;

    uint16_t group{14}; //!< Diffie-Hellman group
    Mip6Bytes data;     //!< public value
};

/**
 * \ingroup mip6-ipsec
 * IDi / IDr payload (RFC 7296 §3.5): ID type 1, reserved 3, identification data.
 */
class Mip6IkeIdPayload : public Mip6IkePayload
{
  public:
    static constexpr uint8_t ID_IPV4_ADDR = 1;   ///< ID type
    static constexpr uint8_t ID_FQDN = 2;        ///< ID type
    static constexpr uint8_t ID_RFC822_ADDR = 3; ///< ID type
    static constexpr uint8_t ID_IPV6_ADDR = 5;   ///< ID type
    static constexpr uint8_t ID_KEY_ID = 11;     ///< ID type

    /// \param responder IDr rather than IDi
    explicit Mip6IkeIdPayload(bool responder = false);
    Mip6IkePayloadType GetType() const override;
    uint32_t GetBodySize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(Buffer::Iterator i, uint32_t length) override;

    uint8_t idType{ID_FQDN}; //!< ID type
    Mip6Bytes data;          //!< identification data

  private:
    bool m_responder; //!< IDr
};

/**
 * \ingroup mip6-ipsec
 * CERT and CERTREQ payloads (RFC 7296 §3.6, §3.7): encoding 1, data (DER certificate, or SHA-1
 * hashes of trusted CA keys, 20 bytes each).
 */
class Mip6IkeCertPayload : public Mip6IkePayload
{
  public:
    static constexpr uint8_t X509_SIGNATURE = 4; ///< certificate encoding

    /// \param request CERTREQ rather than CERT
    explicit Mip6IkeCertPayload(bool request = false);
    Mip6IkePayloadType GetType() const override;
    uint32_t GetBodySize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(Buffer::Iterator i, uint32_t length) override;

    uint8_t encoding{X509_SIGNATURE}; //!< certificate encoding
    Mip6Bytes data;                   //!< certificate or CA hashes

  private:
    bool m_request; //!< CERTREQ
};

/**
 * \ingroup mip6-ipsec
 * AUTH payload (RFC 7296 §3.8): method 1 (1 RSA, 2 shared key MIC, 9 ECDSA P-256, 14 RFC 7427),
 * reserved 3, authentication data.
 */
class Mip6IkeAuthPayload : public Mip6IkePayload
{
  public:
    static constexpr uint8_t SHARED_KEY_MIC = 2;     ///< auth method
    static constexpr uint8_t ECDSA_SHA256_P256 = 9;  ///< auth method (RFC 4754)
    static constexpr uint8_t DIGITAL_SIGNATURE = 14; ///< auth method (RFC 7427)

    Mip6IkePayloadType GetType() const override;
    uint32_t GetBodySize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(Buffer::Iterator i, uint32_t length) override;

    uint8_t method{SHARED_KEY_MIC}; //!< authentication method
    Mip6Bytes data;                 //!< authentication data
};

/**
 * \ingroup mip6-ipsec
 * Nonce payload (RFC 7296 §3.9): 16 to 256 bytes.
 */
class Mip6IkeNoncePayload : public Mip6IkePayload
{
  public:
    static constexpr uint32_t MIN_SIZE = 16;  ///< smallest nonce
    static constexpr uint32_t MAX_SIZE = 256; ///< largest nonce

    Mip6IkePayloadType GetType() const override;
    uint32_t GetBodySize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(Buffer::Iterator i, uint32_t length) override;

    Mip6Bytes nonce; //!< the nonce
};

/**
 * \ingroup mip6-ipsec
 * Notify payload (RFC 7296 §3.10): protocol 1, SPI size 1, notify type 2, SPI, data.
 */
class Mip6IkeNotifyPayload : public Mip6IkePayload
{
  public:
    static constexpr uint16_t AUTHENTICATION_FAILED = 24;           ///< error type
    static constexpr uint16_t UNSUPPORTED_CRITICAL_PAYLOAD = 1;     ///< error type
    static constexpr uint16_t INVALID_SYNTAX = 7;                   ///< error type
    static constexpr uint16_t NO_PROPOSAL_CHOSEN = 14;              ///< error type
    static constexpr uint16_t USE_TRANSPORT_MODE = 16391;           ///< status type (§1.3.1)
    static constexpr uint16_t NAT_DETECTION_SOURCE_IP = 16388;      ///< status type
    static constexpr uint16_t NAT_DETECTION_DESTINATION_IP = 16389; ///< status type
    static constexpr uint16_t MOBIKE_SUPPORTED = 16396;             ///< status type (RFC 4555)
    static constexpr uint16_t ADDITIONAL_IP6_ADDRESS = 16398;       ///< status type (RFC 4555)
    static constexpr uint16_t NO_ADDITIONAL_ADDRESSES = 16399;      ///< status type (RFC 4555)
    static constexpr uint16_t UPDATE_SA_ADDRESSES = 16400;          ///< status type (RFC 4555)
    static constexpr uint16_t COOKIE2 = 16401;                      ///< status type (RFC 4555)

    Mip6IkePayloadType GetType() const override;
    uint32_t GetBodySize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(Buffer::Iterator i, uint32_t length) override;

    uint8_t protocolId{0};  //!< 0 none, 1 IKE, 3 ESP
    uint16_t notifyType{0}; //!< notify message type
    Mip6Bytes spi;          //!< SPI (0, 4 or 8 bytes)
    Mip6Bytes data;         //!< notification data
};

/**
 * \ingroup mip6-ipsec
 * Delete payload (RFC 7296 §3.11): protocol 1, SPI size 1, number of SPIs 2, SPIs.
 */
class Mip6IkeDeletePayload : public Mip6IkePayload
{
  public:
    Mip6IkePayloadType GetType() const override;
    uint32_t GetBodySize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(Buffer::Iterator i, uint32_t length) override;

    uint8_t protocolId{3};       //!< 1 IKE (no SPI), 3 ESP
    uint8_t spiSize{4};          //!< 0 for IKE, 4 for ESP
    std::vector<Mip6Bytes> spis; //!< SPIs
};

/**
 * \ingroup mip6-ipsec
 * Vendor ID payload (RFC 7296 §3.12).
 */
class Mip6IkeVendorIdPayload : public Mip6IkePayload
{
  public:
    Mip6IkePayloadType GetType() const override;
    uint32_t GetBodySize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(Buffer::Iterator i, uint32_t length) override;

    Mip6Bytes vendorId; //!< the ID
};

/**
 * \ingroup mip6-ipsec
 * One traffic selector (RFC 7296 §3.13.1), IPv6 (type 8) or IPv4 (type 7). For the MH, RFC 4877
 * §7.2 puts the MH type in the top 8 bits of the 16-bit port (BU 0x0500–0x05ff).
 */
struct Mip6IkeTrafficSelector
{
    static constexpr uint8_t TS_IPV4_ADDR_RANGE = 7; ///< TS type
    static constexpr uint8_t TS_IPV6_ADDR_RANGE = 8; ///< TS type

    uint8_t type{TS_IPV6_ADDR_RANGE}; ///< TS type
    uint8_t protocol{0};              ///< IP protocol (0 any, 135 MH)
    uint16_t startPort{0};            ///< start port
    uint16_t endPort{0xffff};         ///< end port
    Mip6Bytes startAddress;           ///< 4 or 16 bytes
    Mip6Bytes endAddress;             ///< 4 or 16 bytes

    /// \return 8 + 2 addresses
    uint32_t GetSize() const;
    /**
     * \param from start address
     * \param to end address
     * \return an IPv6 range selector
     */
    static Mip6IkeTrafficSelector Ipv6Range(Ipv6Address from, Ipv6Address to);
};

/**
 * \ingroup mip6-ipsec
 * TSi / TSr payload (RFC 7296 §3.13): number of TSs 1, reserved 3, selectors.
 */
class Mip6IkeTsPayload : public Mip6IkePayload
{
  public:
    /// \param responder TSr rather than TSi
    explicit Mip6IkeTsPayload(bool responder = false);
    Mip6IkePayloadType GetType() const override;
    uint32_t GetBodySize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(Buffer::Iterator i, uint32_t length) override;

    std::vector<Mip6IkeTrafficSelector> selectors; //!< selectors

  private:
    bool m_responder; //!< TSr
};

/**
 * \ingroup mip6-ipsec
 * SK payload (RFC 7296 §3.14): IV ‖ encrypted payloads, padding, pad length ‖ ICV, kept as
 * bytes here; its generic header's Next Payload is the type of the first inner payload.
 */
class Mip6IkeSkPayload : public Mip6IkePayload
{
  public:
    Mip6IkePayloadType GetType() const override;
    uint32_t GetBodySize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(Buffer::Iterator i, uint32_t length) override;

    uint8_t firstInnerPayload{0}; //!< Next Payload of the SK header
    Mip6Bytes body;               //!< IV, ciphertext, ICV
};

/**
 * \ingroup mip6-ipsec
 * A configuration attribute (RFC 7296 §3.15.1): R bit + 15-bit type 2, length 2, value.
 */
struct Mip6IkeConfigAttribute
{
    static constexpr uint16_t INTERNAL_IP6_ADDRESS = 8; ///< HoA request/reply (RFC 4877 §9)
    static constexpr uint16_t INTERNAL_IP6_DNS = 10;    ///< DNS server
    static constexpr uint16_t MIP6_HOME_PREFIX = 16;    ///< RFC 5026 §8.2

    uint16_t type{INTERNAL_IP6_ADDRESS}; ///< attribute type (15 bits)
    Mip6Bytes value;                     ///< value (empty in a request)
};

/**
 * \ingroup mip6-ipsec
 * CP payload (RFC 7296 §3.15): CFG type 1, reserved 3, attributes.
 */
class Mip6IkeCpPayload : public Mip6IkePayload
{
  public:
    static constexpr uint8_t CFG_REQUEST = 1; ///< CFG type
    static constexpr uint8_t CFG_REPLY = 2;   ///< CFG type
    static constexpr uint8_t CFG_SET = 3;     ///< CFG type
    static constexpr uint8_t CFG_ACK = 4;     ///< CFG type

    Mip6IkePayloadType GetType() const override;
    uint32_t GetBodySize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(Buffer::Iterator i, uint32_t length) override;

    uint8_t cfgType{CFG_REQUEST};                   //!< CFG type
    std::vector<Mip6IkeConfigAttribute> attributes; //!< attributes
};

/**
 * \ingroup mip6-ipsec
 * EAP payload (RFC 7296 §3.16): one EAP packet (RFC 3748 §4: code 1, identifier 1, length 2,
 * [type 1, data]); the EAP length must equal the payload body.
 */
class Mip6IkeEapPayload : public Mip6IkePayload
{
  public:
    Mip6IkePayloadType GetType() const override;
    uint32_t GetBodySize() const override;
    void SerializeBody(Buffer::Iterator& i) const override;
    bool DeserializeBody(Buffer::Iterator i, uint32_t length) override;

    uint8_t code{1};                //!< 1 Request, 2 Response, 3 Success, 4 Failure
    uint8_t identifier{0};          //!< identifier
    std::optional<uint8_t> eapType; //!< type (Request/Response only; 4 = MD5-Challenge)
    Mip6Bytes data;                 //!< type data
};

/**
 * \ingroup mip6-ipsec
 * Why a received IKE message was refused by the parser (RFC 7296 §2.5, §3.1, §3.2).
 */
enum class Mip6IkeParseError : uint8_t
{
    NONE = 0,                         ///< parsed
    TRUNCATED = 1,                    ///< shorter than the IKE header or than its Length field
    BAD_LENGTH = 2,                   ///< a payload length below 4 or beyond the message
    INVALID_MAJOR_VERSION = 3,        ///< major version not 2 (§2.5: answer INVALID_MAJOR_VERSION)
    UNSUPPORTED_CRITICAL_PAYLOAD = 4, ///< unknown payload with the C bit (§2.5)
    MALFORMED_PAYLOAD = 5,            ///< a payload's body is inconsistent (INVALID_SYNTAX)
};

/**
 * \param e an error
 * \return its stable name ("truncated", "bad-length", …)
 */
std::string Mip6IkeParseErrorToString(Mip6IkeParseError e);

/**
 * \ingroup mip6-ipsec
 * An IKE message: header and payload chain. Serialize() fixes Next Payload and Length;
 * Parse() walks the chain and checks every length against the message (unknown non-critical
 * payloads are skipped, §2.5; their type is kept in GetSkippedTypes()).
 */
class Mip6IkeMessage
{
  public:
    Mip6IkeHeader header;                      //!< the header
    std::vector<Ptr<Mip6IkePayload>> payloads; //!< payloads in order

    /// \return 28 + the payloads
    uint32_t GetSerializedSize() const;
    /// \return the bytes on the wire (UDP payload)
    Mip6Bytes Serialize() const;
    /**
     * \param data the bytes
     * \param size their number
     * \param error why not, when it fails
     * \param unsupportedType with UNSUPPORTED_CRITICAL_PAYLOAD: the payload type
     * \return the message, if it parsed
     */
    static std::optional<Mip6IkeMessage> Parse(const uint8_t* data,
                                               size_t size,
                                               Mip6IkeParseError& error,
                                               uint8_t& unsupportedType);
    /**
     * Parses a payload chain that fills exactly size bytes (a message body, or the decrypted
     * contents of an SK payload), with the checks of Parse().
     * \param data first byte of the first payload
     * \param size bytes of the chain
     * \param firstType type of the first payload
     * \param error why not, when it fails
     * \param unsupportedType with UNSUPPORTED_CRITICAL_PAYLOAD: the payload type
     * \return the payloads, if they parsed
     */
    static std::optional<std::vector<Ptr<Mip6IkePayload>>> ParsePayloads(const uint8_t* data,
                                                                         size_t size,
                                                                         uint8_t firstType,
                                                                         Mip6IkeParseError& error,
                                                                         uint8_t& unsupportedType);

    /**
     * Serialises a payload chain alone (the plaintext of an SK payload).
     * \param payloads the payloads
     * \return their bytes, Next Payload fields chained, the last one 0
     */
    static Mip6Bytes SerializePayloads(const std::vector<Ptr<Mip6IkePayload>>& payloads);

    /**
     * \param type a payload type
     * \return the first payload of that type, or nullptr
     */
    Ptr<Mip6IkePayload> Find(Mip6IkePayloadType type) const;
};

} // namespace ns3

#endif /* MIP6_IKEV2_PAYLOADS_H */

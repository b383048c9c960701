/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RFC 6618 §5: the MHAuth container and its text TV-headers, exchanged between the Mobile Node and
 * the HA-Controller inside TLS.
 */

#ifndef MIP6_MHAUTH_H
#define MIP6_MHAUTH_H

#include "ns3/header.h"
#include "ns3/mip6-crypto-types.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup mip6
 * RFC 6618 §5.4 `status-code` values (their meaning follows HTTP, as the RFC's text-header
 * design does).
 */
enum class Mip6MhAuthStatus : uint16_t
{
    CONTINUE = 100,            ///< more exchanges follow
    OK = 200,                  ///< success
    BAD_REQUEST = 400,         ///< malformed container or header, missing mandatory header
    UNAUTHORIZED = 401,        ///< authentication failed (wrong PSK, bad `auth`)
    INTERNAL_ERROR = 500,      ///< the HAC failed
    NOT_IMPLEMENTED = 501,     ///< unknown version or unsupported method/suite
    SERVICE_UNAVAILABLE = 503, ///< the HAC cannot serve now (`retry-after` may follow)
    TIMEOUT = 504,             ///< the HAC timed out (e.g. towards the HA or an AAA server)
};

/**
 * \param code a numeric status
 * \return true when it is one of Mip6MhAuthStatus
 */
bool Mip6MhAuthIsKnownStatus(uint16_t code);

/**
 * \ingroup mip6
 * The MHAuth names of RFC 6618 §5.4 (stored lower-case).
 */
namespace Mip6MhAuthName
{
constexpr const char* MN_ID = "mn-id";                          ///< the MN's NAI
constexpr const char* MN_RAND = "mn-rand";                      ///< MN nonce, 32 B hex
constexpr const char* HAC_RAND = "hac-rand";                    ///< HAC nonce, 32 B hex
constexpr const char* AUTH_METHOD = "auth-method";              ///< psk / eap-md5
constexpr const char* EAP_PAYLOAD = "eap-payload";              ///< EAP packet, hex
constexpr const char* STATUS_CODE = "status-code";              ///< 3-digit status
constexpr const char* AUTH = "auth";                            ///< HMAC-SHA-256, hex, last
constexpr const char* SPI = "mip6-spi";                         ///< 28-bit SPI, decimal
constexpr const char* MN_TO_HA_IKEY = "mip6-mn-to-ha-ikey";     ///< integrity key MN→HA, hex
constexpr const char* MN_TO_HA_EKEY = "mip6-mn-to-ha-ekey";     ///< encryption key MN→HA, hex
constexpr const char* HA_TO_MN_IKEY = "mip6-ha-to-mn-ikey";     ///< integrity key HA→MN, hex
constexpr const char* HA_TO_MN_EKEY = "mip6-ha-to-mn-ekey";     ///< encryption key HA→MN, hex
constexpr const char* SA_VALIDITY_END = "mip6-sa-validity-end"; ///< RFC 1123 date
constexpr const char* SAS = "mip6-sas";                         ///< 0 signalling, 1 + data
constexpr const char* CIPHERSUITE = "mip6-ciphersuite";         ///< {XX,YY}
constexpr const char* SUITELIST = "mip6-suitelist";             ///< {XX,YY} list
constexpr const char* HAA_IP6 = "mip6-haa-ip6";                 ///< HA address
constexpr const char* PORT = "mip6-port";                       ///< HA UDP port
constexpr const char* IP6_HOA = "mip6-ip6-hoa";                 ///< home address
constexpr const char* IP6_HNP = "mip6-ip6-hnp";                 ///< home prefix/len
constexpr const char* DNS_IP6 = "dns-ip6";                      ///< DNS server
constexpr const char* RETRY_AFTER = "retry-after";              ///< RFC 1123 date
} // namespace Mip6MhAuthName

/**
 * \ingroup mip6
 * The 4-byte MHAuth container header (RFC 6618 §5.2):
 * \verbatim
    0                   1                   2                   3
    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   | Ver | Rsrvd   |  Identifier   |            Length             |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   \endverbatim
 * Ver = 0; Identifier 1..255 (a request's, copied into its response); Length = content octets
 * (1..65535), the container header excluded. Reserved bits are sent as zero and ignored.
 */
class Mip6MhAuthHeader : public Header
{
  public:
    static constexpr uint32_t SIZE = 4;   ///< container header octets
    static constexpr uint8_t VERSION = 0; ///< the only version defined

    /// \return the TypeId
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    /// \param version the 3-bit version (masked)
    void SetVersion(uint8_t version);
    /// \return the version
    uint8_t GetVersion() const;
    /// \param reserved the 5 reserved bits (masked; for tests only)
    void SetReserved(uint8_t reserved);
    /// \return the reserved bits
    uint8_t GetReserved() const;
    /// \param identifier the identifier
    void SetIdentifier(uint8_t identifier);
    /// \return the identifier
    uint8_t GetIdentifier() const;
    /// \param length content octets
    void SetLength(uint16_t length);
    /// \return content octets
    uint16_t GetLength() const;

  private:
    uint8_t m_version{VERSION}; //!< Ver (3 bits)
    uint8_t m_reserved{0};      //!< Rsrvd (5 bits)
    uint8_t m_identifier{1};    //!< Identifier
    uint16_t m_length{0};       //!< Length
};

/**
 * \ingroup mip6
 * Which MHAuth message a container holds. RFC 6618 messages have no type field: the role of the
 * sender and the place in the exchange define them (§5.3).
 */
enum class Mip6MhAuthRole
{
    INIT_REQUEST,  ///< MN → HAC: mn-id, mn-rand, auth-method
    INIT_RESPONSE, ///< HAC → MN (PSK): mn-rand, hac-rand, auth-method, auth
    MID_REQUEST,   ///< MN → HAC (EAP): eap-payload
    MID_RESPONSE,  ///< HAC → MN (EAP): eap-payload
    DONE_REQUEST,  ///< MN → HAC: mn-rand, hac-rand, mip6-sas, mip6-suitelist, auth
    DONE_RESPONSE, ///< HAC → MN: status-code, and with 200 auth, the SA and bootstrap data
};

/**
 * \ingroup mip6
 * One MHAuth message: the identifier and an ordered list of TV-headers `name:value CRLF`, the
 * content ending with an empty line (RFC 6618 §5.3). Names are case-insensitive and kept
 * lower-case; binary values are lower-case hex. The builder never produces what the parser
 * refuses (it asserts on an invalid name or value).
 */
class Mip6MhAuthMessage
{
  public:
    /// A TV-header.
    using Field = std::pair<std::string, std::string>;

    /// \param identifier the container identifier
    void SetIdentifier(uint8_t identifier);
    /// \return the container identifier
    uint8_t GetIdentifier() const;

    /**
     * Appends a header (text value). Aborts on a name that is not a token, a value with a
     * control character, or a name already present.
     * \param name the name
     * \param value the value
     */
    void Add(const std::string& name, const std::string& value);
    /**
     * Appends a header with a hex value.
     * \param name the name
     * \param bytes the value
     */
    void AddHex(const std::string& name, const Mip6Bytes& bytes);
    /**
     * Appends a header with a decimal value.
     * \param name the name
     * \param value the value
     */
    void AddNumber(const std::string& name, uint64_t value);
    /**
     * Removes a header if present.
     * \param name the name
     */
    void Remove(const std::string& name);

    /// \param name a name \return whether it is present
    bool Has(const std::string& name) const;
    /// \param name a name \return its value, if present
    std::optional<std::string> Get(const std::string& name) const;
    /**
     * \param name a name
     * \return its value decoded from hex, if present and valid hex
     */
    std::optional<Mip6Bytes> GetHex(const std::string& name) const;
    /**
     * \param name a name
     * \return its decimal value, if present and a valid decimal
     */
    std::optional<uint64_t> GetNumber(const std::string& name) const;
    /// \return the headers in order
    const std::vector<Field>& GetFields() const;

    /// \return the content octets (every header line, then the final CRLF)
    std::string GetContent() const;
    /**
     * The octets `auth` covers besides its label and channel binding (RFC 6618 §5.5
     * "msg-octets = all parameters except auth"): every header line but `auth`, exactly as on
     * the wire (`name:value CRLF`), in order, without the final empty line and without the
     * container header.
     * \return those octets
     */
    Mip6Bytes GetAuthOctets() const;
    /// \return the whole container (4-byte header + content)
    Mip6Bytes Serialize() const;
    /// \return the serialised size (4 + content)
    uint32_t GetSerializedSize() const;

  private:
    uint8_t m_identifier{1};     //!< container identifier
    std::vector<Field> m_fields; //!< headers in order
};

/**
 * \ingroup mip6
 * The result of parsing one MHAuth container.
 */
struct Mip6MhAuthParseResult
{
    Mip6MhAuthStatus status{Mip6MhAuthStatus::OK}; ///< OK or the status to answer with
    std::string error;                             ///< short stable reason when not OK
    Mip6MhAuthMessage message;                     ///< the message (valid only when OK)

    /// \return true when the container parsed
    bool IsOk() const
    {
        return status == Mip6MhAuthStatus::OK;
    }
};

/**
 * \ingroup mip6
 * The MHAuth parser: never trusts a length or a value. Every failure gives a status (400 for
 * malformed input, 501 for an unknown version) and a short stable reason, never a crash.
 *
 * Choices for what RFC 6618 leaves open (doc/altsec-tls.rst):
 * - whitespace after the colon is skipped, trailing whitespace is kept in the value;
 * - an unknown header name is kept without a check (extensibility, as in HTTP); a repeated name
 *   is refused (400);
 * - `auth`, when present, must be the last header (§5.4 says so);
 * - a header line (name, colon, value, CRLF) may be at most MaxLineLength octets, at most
 *   MaxHeaders headers; beyond → 400 "header-too-long" / "too-many-headers";
 * - the known headers' values are checked on parsing (hex, decimal ranges, IPv6 text, RFC 1123
 *   dates, suite codes), a bad value → 400.
 */
class Mip6MhAuthParser
{
  public:
    /// Parser bounds.
    struct Limits
    {
        size_t maxLineLength{2048}; ///< octets of one header line, CRLF included
        size_t maxHeaders{32};      ///< headers in one message
    };

    /// Outcome of framing a stream.
    enum class FrameState
    {
        NEED_MORE, ///< not yet a whole container
        COMPLETE,  ///< a whole container of GetFrameSize() octets is at the start
        ERROR,     ///< the container header is invalid (status and reason given)
    };

    /**
     * Looks for one container at the start of a byte stream (the TLS application data).
     * \param data first octet
     * \param size octets available
     * \param frameSize set to 4 + Length when COMPLETE
     * \param error set to the status and reason when ERROR
     * \return the state
     */
    static FrameState Frame(const uint8_t* data,
                            size_t size,
                            size_t& frameSize,
                            Mip6MhAuthParseResult& error);

    /**
     * Parses exactly one container (its size must be 4 + Length).
     * \param data first octet
     * \param size octets
     * \param limits bounds
     * \return the result
     */
    static Mip6MhAuthParseResult Parse(const uint8_t* data, size_t size, const Limits& limits);
    /**
     * Parses exactly one container with the default limits.
     * \param bytes the container
     * \return the result
     */
    static Mip6MhAuthParseResult Parse(const Mip6Bytes& bytes);

    /**
     * Checks that a parsed message carries the headers its role requires (RFC 6618 §5.3).
     * A DONE_RESPONSE with status 200 needs the SA (SPI, keys for its suite, validity end, suite,
     * SAS) and `auth`; an error response needs only `status-code`.
     * \param message the message
     * \param role its role
     * \return OK, or 400 with "missing-<name>"
     */
    static Mip6MhAuthParseResult CheckRole(const Mip6MhAuthMessage& message, Mip6MhAuthRole role);

    /**
     * Checks one header value by name (unknown names pass).
     * \param name lower-case name
     * \param value the value
     * \return true when valid
     */
    static bool CheckValue(const std::string& name, const std::string& value);
};

/**
 * \ingroup mip6
 * Suite codes as MHAuth writes them: `{XX,YY}` (RFC 6618 §5.4, TLS code points).
 * \param code the 16-bit code
 * \return its text, e.g. "{00,2F}"
 */
std::string Mip6MhAuthFormatSuite(uint16_t code);
/**
 * \param text e.g. "{00,2F}"
 * \return the code, if the text is valid
 */
std::optional<uint16_t> Mip6MhAuthParseSuite(const std::string& text);
/**
 * \param text a `mip6-suitelist` value: suites separated by ',' or ' '
 * \return the codes in order, if the whole text is valid and not empty
 */
std::optional<std::vector<uint16_t>> Mip6MhAuthParseSuiteList(const std::string& text);
/**
 * \param codes suites
 * \return the `mip6-suitelist` text (comma-separated)
 */
std::string Mip6MhAuthFormatSuiteList(const std::vector<uint16_t>& codes);
/**
 * RFC 1123 date (as in HTTP, always GMT): "Sun, 06 Nov 1994 08:49:37 GMT".
 * \param seconds seconds since 1970-01-01T00:00:00Z
 * \return the text
 */
std::string Mip6MhAuthFormatDate(int64_t seconds);
/**
 * Strict RFC 1123 date parser (the weekday must match the date).
 * \param text the text
 * \return seconds since the epoch, if valid
 */
std::optional<int64_t> Mip6MhAuthParseDate(const std::string& text);

/**
 * \ingroup mip6
 * One EAP packet (RFC 3748 §4), as carried hex-encoded in the MHAuth `eap-payload` header:
 * \verbatim
   Code(1) | Identifier(1) | Length(2) | [Type(1) | Type-Data]   (Type only in Request/Response)
   \endverbatim
 */
struct Mip6EapPacket
{
    static constexpr uint8_t REQUEST = 1;       ///< Code Request
    static constexpr uint8_t RESPONSE = 2;      ///< Code Response
    static constexpr uint8_t SUCCESS = 3;       ///< Code Success
    static constexpr uint8_t FAILURE = 4;       ///< Code Failure
    static constexpr uint8_t IDENTITY = 1;      ///< Type Identity (RFC 3748 §5.1)
    static constexpr uint8_t MD5_CHALLENGE = 4; ///< Type MD5-Challenge (RFC 3748 §5.4)

    uint8_t code{REQUEST}; ///< Code
    uint8_t identifier{0}; ///< Identifier
    uint8_t type{0};       ///< Type (Request/Response only)
    Mip6Bytes data;        ///< Type-Data (Request/Response only)

    /// \return the packet octets (Length computed)
    Mip6Bytes Serialize() const;
    /**
     * Strict parser: the Length field must equal the octets given, Code 1..4, Success/Failure
     * exactly 4 octets, Request/Response at least 5.
     * \param bytes the octets
     * \return the packet, if valid
     */
    static std::optional<Mip6EapPacket> Parse(const Mip6Bytes& bytes);
};

/**
 * \ingroup mip6
 * RFC 3748 §5.4 / RFC 1994 §4.1: the MD5-Challenge response value,
 * MD5(Identifier ‖ secret ‖ challenge), 16 octets.
 * \param identifier the EAP Identifier of the Request
 * \param secret the shared secret
 * \param challenge the challenge value
 * \return the response value (empty if MD5 failed)
 */
Mip6Bytes Mip6EapMd5Value(uint8_t identifier, const Mip6Bytes& secret, const Mip6Bytes& challenge);

/**
 * \ingroup mip6
 * MD5-Challenge Type-Data: Value-Size(1) ‖ Value ‖ Name (RFC 3748 §5.4).
 * \param value the value (at most 255 octets)
 * \param name the optional name
 * \return the Type-Data
 */
Mip6Bytes Mip6EapMd5TypeData(const Mip6Bytes& value, const std::string& name);

/**
 * \ingroup mip6
 * \param data MD5-Challenge Type-Data
 * \return the Value, if Value-Size fits the data and is not zero
 */
std::optional<Mip6Bytes> Mip6EapMd5ParseValue(const Mip6Bytes& data);

} // namespace ns3

#endif /* MIP6_MHAUTH_H */

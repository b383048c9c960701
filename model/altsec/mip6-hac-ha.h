/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The HAC→HA protocol of the mip6 model of RFC 6618. RFC 6618 §4 and §5 require the exchange of
 * the MN–HA SA between a remote HA Controller and the HA to be integrity- and
 * confidentiality-protected, but define no protocol: this is the model's own (doc/altsec-tls.rst,
 * "The HAC–HA protocol").
 */

#ifndef MIP6_HAC_HA_H
#define MIP6_HAC_HA_H

#include "ns3/header.h"
#include "ns3/ipv6-address.h"
#include "ns3/mip6-altsec-packet.h"
#include "ns3/mip6-cipher.h"
#include "ns3/mip6-replay-window.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

#include <map>
#include <optional>
#include <string>

namespace ns3
{

/**
 * \ingroup mip6
 * The SA the HAC generated for an MN, as it is delivered to the HA (in-node when the HAC is
 * co-located, else in an SA-PUSH or SA-RESPONSE message of the HAC–HA protocol).
 */
struct Mip6HacSaDelivery
{
    uint32_t spi{0};            ///< the 28-bit SPI
    uint16_t suite{0};          ///< the suite code
    Mip6AltsecKeys keys;        ///< the four keys
    Ipv6Address hoa;            ///< the HoA bound to the SPI
    uint32_t mnId{0};           ///< the MN's node id
    bool dataProtection{false}; ///< mip6-sas = 1
    int64_t validityEnd{0};     ///< seconds since the epoch
};

/**
 * \ingroup mip6
 * HAC–HA message types. SA-PUSH and SA-RESPONSE travel HAC → HA, SA-ACK and SA-REQUEST HA → HAC.
 */
enum class Mip6HacHaType : uint8_t
{
    SA_PUSH = 1,     ///< the HAC hands the HA a new SA (push model)
    SA_ACK = 2,      ///< the HA acknowledges an SA-PUSH
    SA_REQUEST = 3,  ///< the HA asks for the SA of an SPI it does not know (pull model)
    SA_RESPONSE = 4, ///< the HAC answers an SA-REQUEST: the SA, or "unknown SPI"
};

/**
 * \param type a message type
 * \return its name as in messages.csv, e.g. "SA-PUSH"
 */
std::string Mip6HacHaTypeName(Mip6HacHaType type);

/**
 * \ingroup mip6
 * The clear part of a HAC–HA message (8 octets), authenticated as AES-GCM additional data:
 *
 *     Version (8) = 1 | Type (8) | Length (16): octets of the whole message |
 *     Sequence Number (32)
 *
 * followed by the AES-128-GCM ciphertext of the body and the 16-octet ICV.
 */
class Mip6HacHaHeader : public Header
{
  public:
    static constexpr uint8_t VERSION = 1; ///< the only version
    static constexpr uint32_t SIZE = 8;   ///< serialised size

    /// \return the TypeId
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    uint8_t version{VERSION}; ///< version
    uint8_t type{0};          ///< Mip6HacHaType
    uint16_t length{0};       ///< octets of the whole message
    uint32_t sequence{0};     ///< sender's sequence number
};

/**
 * \ingroup mip6
 * The decrypted body of a HAC–HA message. Layouts (network byte order):
 *
 * * SA-PUSH: SA record.
 * * SA-ACK: Status (8) | Reserved (24) | SPI (32) | Acknowledged Sequence Number (32).
 * * SA-REQUEST: SPI (32).
 * * SA-RESPONSE: Status (8) | Reserved (24) | SPI (32) | [SA record when Status = 0].
 *
 * SA record: SPI (32) | Suite (16) | Flags (8; 0x80 = mip6-sas) | Reserved (8) | MN id (32) |
 * Validity End (64, seconds since 1970) | HoA (128) | four key lengths (8 each: mn-to-ha ikey,
 * mn-to-ha ekey, ha-to-mn ikey, ha-to-mn ekey) | the four keys in that order.
 */
struct Mip6HacHaBody
{
    /// SA-ACK: 0 installed, 1 refused. SA-RESPONSE: 0 found, 1 unknown SPI.
    uint8_t status{0};
    uint32_t spi{0};      ///< SA-ACK, SA-REQUEST, SA-RESPONSE
    uint32_t acked{0};    ///< SA-ACK: the sequence number of the SA-PUSH acknowledged
    Mip6HacSaDelivery sa; ///< SA-PUSH, SA-RESPONSE with status 0

    /// Status: the SA was installed (SA-ACK) or is known (SA-RESPONSE).
    static constexpr uint8_t OK = 0;
    /// Status: the SA was refused (SA-ACK) or the SPI is unknown (SA-RESPONSE).
    static constexpr uint8_t UNKNOWN = 1;

    /**
     * \param type the message type
     * \return the body's octets
     */
    Mip6Bytes Serialize(Mip6HacHaType type) const;

    /**
     * Parses a body without trusting any length in it.
     * \param type the message type (from the authenticated header)
     * \param data the decrypted body
     * \param why set to a reason when it fails
     * \return the body, or nothing
     */
    static std::optional<Mip6HacHaBody> Parse(Mip6HacHaType type,
                                              const Mip6Bytes& data,
                                              std::string& why);
};

/**
 * \ingroup mip6
 * One end of the HAC–HA protocol: AES-128-GCM under the pre-configured HAC–HA key (16 octets of
 * key and 4 of salt, crypto core Mip6AesGcm), the nonce salt ‖ sender role (32: 1 HAC, 2 HA) ‖
 * Sequence Number, so the two directions never share a nonce and a message reflected to its
 * sender fails its ICV; the receiver's anti-replay window is the crypto core's
 * Mip6ReplayWindow, moved only after the ICV verified. Refusals are counted by reason and traced:
 * "truncated", "bad-version", "bad-type", "bad-length", "replay", "replay-too-old", "bad-icv",
 * "bad-body".
 */
class Mip6HacHaChannel : public Object
{
  public:
    /// The end this channel is.
    enum class Role : uint32_t
    {
        HAC = 1, ///< sends SA-PUSH / SA-RESPONSE
        HA = 2,  ///< sends SA-ACK / SA-REQUEST
    };

    /// \return the TypeId
    static TypeId GetTypeId();

    /// Octets of the key attribute: AES-128 key and GCM salt.
    static constexpr size_t KEY_SIZE = 16 + Mip6AesGcm::SALT_SIZE;

    /**
     * Keys the channel.
     * \param role this end
     * \param keyAndSalt 20 octets
     * \return false when the key has another length
     */
    bool Setup(Role role, const Mip6Bytes& keyAndSalt);

    /**
     * Protects one message.
     * \param type its type (must be one this role sends)
     * \param body its body
     * \param mn the MN it is about (category tag)
     * \return the UDP payload, tagged `hac-ha`, or nullptr when the sequence space is exhausted
     */
    Ptr<Packet> Seal(Mip6HacHaType type, const Mip6HacHaBody& body, uint32_t mn);

    /// Result of Open().
    struct Rx
    {
        bool accepted{false};                      ///< verified and parsed
        std::string reason;                        ///< refusal reason
        Mip6HacHaType type{Mip6HacHaType::SA_ACK}; ///< its type
        uint32_t sequence{0};                      ///< its sequence number
        Mip6HacHaBody body;                        ///< its body
    };

    /**
     * Verifies, decrypts and parses one received UDP payload.
     * \param p the UDP payload
     * \return the result (counted and traced when refused)
     */
    Rx Open(Ptr<const Packet> p);

    /// \param reason a refusal reason \return messages refused for it
    uint64_t GetDropCount(const std::string& reason) const;
    /// \return messages refused, all reasons
    uint64_t GetDropCount() const;
    /// \return messages accepted
    uint64_t GetAcceptCount() const;
    /// \return the next sequence number this end sends
    uint32_t GetNextSequence() const;
    /// \return bytes of state this end holds for the channel (key, counter, window)
    uint64_t GetStateBytes() const;

    /// TracedCallback signature of Drop: reason, sequence number, packet.
    typedef void (*DropTracedCallback)(const std::string&, uint32_t, Ptr<const Packet>);

  private:
    /// \param r the result \param p the packet \return r, counted and traced
    Rx Refuse(Rx r, Ptr<const Packet> p);

    Role m_role{Role::HAC};                  //!< this end
    std::optional<Mip6AesGcm> m_aead;        //!< the transform
    uint32_t m_nextSeq{1};                   //!< next sequence number to send
    bool m_exhausted{false};                 //!< the last number was sent
    Mip6ReplayWindow m_window;               //!< inbound anti-replay
    std::map<std::string, uint64_t> m_drops; //!< refusals by reason
    uint64_t m_accepted{0};                  //!< accepted messages
    /// refused messages: reason, sequence number, packet
    TracedCallback<const std::string&, uint32_t, Ptr<const Packet>> m_dropTrace;
};

} // namespace ns3

#endif /* MIP6_HAC_HA_H */

/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RFC 6618 §6: the MN–HA packets in UDP (PType/SPI, sequence number, ESP-like payload, ICV),
 * their ciphersuites, the per-session SA and the receiver's SA database.
 */

#ifndef MIP6_ALTSEC_PACKET_H
#define MIP6_ALTSEC_PACKET_H

#include "ns3/header.h"
#include "ns3/mip6-cipher.h"
#include "ns3/mip6-mac.h"
#include "ns3/mip6-replay-window.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup mip6
 * RFC 6618 §6 packet types (IANA "DSMIP6-TLS Packet Types").
 */
enum class Mip6AltsecPType : uint8_t
{
    PLAINTEXT = 0, ///< a plaintext IP packet; SPI = Seq = 0, no trailer or ICV; never an MH
    IP = 1,        ///< a protected IP packet (tunnelled payload), Next Header 41 (IPv6)
    MH = 8,        ///< a protected Mobility Header with no inner IP header, Next Header 135
};

/**
 * \ingroup mip6
 * An MN–HA ciphersuite of RFC 6618 §5.4 (TLS code points; the HAC picks one).
 */
struct Mip6AltsecSuite
{
    uint16_t code;                ///< TLS code point, e.g. 0x002F
    std::string name;             ///< e.g. "AES_128_CBC_SHA"
    Mip6CipherAlgorithm cipher;   ///< encryption (NULL for the NULL_* suites)
    Mip6IntegAlgorithm integrity; ///< integrity (HMAC-SHA1-96 or AES-XCBC-MAC-96)

    /// \return every suite this model implements
    static const std::vector<Mip6AltsecSuite>& All();
    /// \param code a code point \return the suite, or nullptr
    static const Mip6AltsecSuite* Find(uint16_t code);
    /// \param name a suite name \return the suite, or nullptr
    static const Mip6AltsecSuite* FindByName(const std::string& name);
    /// \return the encryption key length in bytes (0 for NULL)
    size_t GetEncryptionKeySize() const;
    /// \return the integrity key length in bytes
    size_t GetIntegrityKeySize() const;
};

/**
 * \ingroup mip6
 * The 8-byte header in front of every RFC 6618 §6 packet:
 * \verbatim
    0                   1                   2                   3
    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   | PType |                 Security Parameters Index             |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   |                        Sequence Number                        |
   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   \endverbatim
 */
class Mip6AltsecHeader : public Header
{
  public:
    static constexpr uint32_t SIZE = 8;             ///< octets
    static constexpr uint32_t MAX_SPI = 0x0fffffff; ///< 28 bits

    /// \return the TypeId
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    /// \param ptype the 4-bit packet type (masked)
    void SetPType(uint8_t ptype);
    /// \return the packet type
    uint8_t GetPType() const;
    /// \param spi the 28-bit SPI (aborts when wider)
    void SetSpi(uint32_t spi);
    /// \return the SPI
    uint32_t GetSpi() const;
    /// \param seq the sequence number
    void SetSequence(uint32_t seq);
    /// \return the sequence number
    uint32_t GetSequence() const;

  private:
    uint8_t m_ptype{0};     //!< PType
    uint32_t m_spi{0};      //!< SPI
    uint32_t m_sequence{0}; //!< Sequence Number
};

/**
 * \ingroup mip6
 * The four keys of a session (RFC 6618 §5.4 `mip6-{mn-to-ha,ha-to-mn}-{ikey,ekey}`).
 */
struct Mip6AltsecKeys
{
    Mip6Bytes mnToHaIkey; ///< integrity MN→HA
    Mip6Bytes mnToHaEkey; ///< encryption MN→HA (empty for NULL)
    Mip6Bytes haToMnIkey; ///< integrity HA→MN
    Mip6Bytes haToMnEkey; ///< encryption HA→MN (empty for NULL)
};

/**
 * \ingroup mip6
 * What a receiver made of one RFC 6618 §6 packet.
 */
struct Mip6AltsecRxResult
{
    bool accepted{false};                              ///< true when the payload may be used
    std::string reason;                                ///< short stable reason when refused
    Mip6AltsecPType ptype{Mip6AltsecPType::PLAINTEXT}; ///< the packet type
    uint32_t spi{0};                                   ///< the SPI on the wire
    uint32_t sequence{0};                              ///< the sequence number on the wire
    uint8_t nextHeader{0}; ///< the trailer's Next Header (0 for PType 0)
    Ptr<Packet> payload;   ///< the MH or the inner IP packet
};

/**
 * \ingroup mip6
 * One RFC 6618 session at one end: one SPI for both directions and for signalling and data,
 * separate keys per direction, sequence numbers from 0 in each direction, the anti-replay window
 * of the crypto core (RFC 6618 §6 "as in ESP").
 *
 * Protected packet (after the 8-byte header): IV (the cipher's block, random, from the crypto
 * core's DRBG) ‖ E(payload ‖ padding ‖ Pad Length ‖ Next Header) ‖ ICV, where padding is
 * 1, 2, 3, … (RFC 4303 §2.4) so that the encrypted part fills whole cipher blocks and ends on a
 * 4-byte boundary, and the ICV covers everything from PType to Next Header (encrypt-then-MAC).
 */
class Mip6AltsecSa
{
  public:
    /// Which end of the session this is (selects the outbound and inbound keys).
    enum class Role
    {
        MN, ///< sends with the mn-to-ha keys, receives with the ha-to-mn keys
        HA, ///< sends with the ha-to-mn keys, receives with the mn-to-ha keys
    };

    /**
     * Keys an SA. Key lengths are checked against the suite.
     * \param spi 1..2^28-1
     * \param suiteCode the suite's code point
     * \param keys the four keys
     * \param role this end
     * \param replayWindow the anti-replay window width
     * \return the SA, or why not
     */
    static Mip6CryptoResult<Mip6AltsecSa> Create(uint32_t spi,
                                                 uint16_t suiteCode,
                                                 const Mip6AltsecKeys& keys,
                                                 Role role,
                                                 uint32_t replayWindow = 64);

    /**
     * RFC 6618 §6: protects a packet (PType 8 for an MH, 1 for an IP packet).
     * \param ptype MH or IP
     * \param payload the MH (no IP header) or the inner IP packet
     * \return the UDP payload, or why not (e.g. "seq-exhausted")
     */
    Mip6CryptoResult<Ptr<Packet>> Protect(Mip6AltsecPType ptype, Ptr<const Packet> payload);

    /**
     * Verifies and decrypts a packet addressed to this SA (the caller found it by SPI). The replay
     * window moves only after the ICV verified.
     * \param udpPayload the whole UDP payload
     * \return the result
     */
    Mip6AltsecRxResult Unprotect(Ptr<const Packet> udpPayload);

    /// \return the SPI
    uint32_t GetSpi() const;
    /// \return the suite
    const Mip6AltsecSuite& GetSuite() const;
    /// \return the next sequence number this end will send
    uint64_t GetNextSequence() const;
    /// \return the replay window
    const Mip6ReplayWindow& GetReplayWindow() const;
    /// \return the bytes of key material held (four keys)
    size_t GetKeyBytes() const;
    /**
     * \param payloadSize payload octets
     * \return the UDP payload size Protect() produces for that payload
     */
    size_t GetProtectedSize(size_t payloadSize) const;

  private:
    Mip6AltsecSa() = default;

    uint32_t m_spi{0};                       //!< SPI
    const Mip6AltsecSuite* m_suite{nullptr}; //!< suite
    std::optional<Mip6Cipher> m_outCipher;   //!< outbound encryption
    std::optional<Mip6Integrity> m_outInteg; //!< outbound integrity
    std::optional<Mip6Cipher> m_inCipher;    //!< inbound decryption
    std::optional<Mip6Integrity> m_inInteg;  //!< inbound integrity
    uint64_t m_nextSeq{0};                   //!< next sequence number to send
    Mip6ReplayWindow m_window;               //!< inbound anti-replay
    size_t m_keyBytes{0};                    //!< key bytes held
};

/**
 * \ingroup mip6
 * RFC 6618 §6 PType 0: a plaintext IP packet in UDP, SPI = Seq = 0, no trailer.
 * \param inner the IP packet
 * \return the UDP payload
 */
Ptr<Packet> Mip6AltsecEncapsulatePlain(Ptr<const Packet> inner);

/**
 * \ingroup mip6
 * The receiving end's sessions, by SPI: the HA holds one per MN, the MN one. Every packet that is
 * refused is counted by reason and traced (DESIGN.md §2: never a silent drop). Reasons:
 * "truncated", "bad-ptype", "unknown-spi", "bad-length", "replay", "replay-too-old", "bad-icv",
 * "bad-padding", "bad-next-header", "plaintext-refused", "bad-plaintext-header",
 * "mh-in-plaintext".
 */
class Mip6AltsecSaDatabase : public Object
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();

    /**
     * Adds or replaces the session of an SPI.
     * \param sa the session
     */
    void Add(const Mip6AltsecSa& sa);
    /// \param spi an SPI \return whether it is known
    bool Has(uint32_t spi) const;
    /// \param spi an SPI \return the session, or nullptr
    Mip6AltsecSa* Find(uint32_t spi);
    /// \param spi an SPI
    void Remove(uint32_t spi);
    /// \return number of sessions
    size_t GetN() const;
    /// \return the SPIs of the sessions, in increasing order
    std::vector<uint32_t> GetSpis() const;

    /**
     * Classifies, verifies and decrypts one received UDP payload.
     * \param udpPayload the UDP payload
     * \return the result (counted and traced when refused)
     */
    Mip6AltsecRxResult Receive(Ptr<const Packet> udpPayload);

    /// \param reason a drop reason \return how many packets were refused for it
    uint64_t GetDropCount(const std::string& reason) const;
    /// \return packets refused, all reasons
    uint64_t GetDropCount() const;
    /// \return packets accepted
    uint64_t GetAcceptCount() const;

    /// TracedCallback signature: (reason, SPI on the wire, sequence number, packet).
    typedef void (*DropTracedCallback)(const std::string&, uint32_t, uint32_t, Ptr<const Packet>);
    /// TracedCallback signature: (SPI, sequence number, decrypted payload).
    typedef void (*ReceiveTracedCallback)(uint32_t, uint32_t, Ptr<const Packet>);

  private:
    /// Counts and traces a refusal. \param r the result \param p the packet \return r
    Mip6AltsecRxResult Refuse(Mip6AltsecRxResult r, Ptr<const Packet> p);

    std::map<uint32_t, Mip6AltsecSa> m_sas;  //!< sessions by SPI
    bool m_acceptPlaintext{true};            //!< PType 0 allowed (mip6-sas = 0)
    std::map<std::string, uint64_t> m_drops; //!< refusals by reason
    uint64_t m_accepted{0};                  //!< accepted packets
    /// refused packets: reason, SPI, sequence number, packet
    TracedCallback<const std::string&, uint32_t, uint32_t, Ptr<const Packet>> m_dropTrace;
    /// accepted packets: SPI, sequence number, decrypted payload
    TracedCallback<uint32_t, uint32_t, Ptr<const Packet>> m_rxTrace;
};

} // namespace ns3

#endif /* MIP6_ALTSEC_PACKET_H */

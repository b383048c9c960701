/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * One ESP security association (RFC 4303) with the transforms mip6 uses: the packet layout, the
 * padding rules, the ICV and the receiver's anti-replay window.
 */

#ifndef MIP6_ESP_SA_H
#define MIP6_ESP_SA_H

#include "ns3/header.h"
#include "ns3/ipv6-address.h"
#include "ns3/mip6-cipher.h"
#include "ns3/mip6-crypto-types.h"
#include "ns3/mip6-key-export.h"
#include "ns3/mip6-mac.h"
#include "ns3/mip6-replay-window.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <optional>
#include <string>

namespace ns3
{

/**
 * \defgroup mip6-ipsec mip6 IPsec
 * ESP (RFC 4303), the Mobile IPv6 SPD/SAD (RFC 3776, RFC 4877 §7.2) with PF_KEY MIGRATE, the
 * `ipsec-manual` design, and the IKEv2 payload classes (RFC 7296 §3). See doc/ipsec.rst.
 */

/**
 * \ingroup mip6-ipsec
 * The ESP transforms of DESIGN.md §1 (RFC 8221 names).
 */
enum class Mip6EspTransform : uint8_t
{
    AES_CBC_HMAC_SHA1_96 = 0,    ///< ENCR_AES_CBC-128 (RFC 3602) + AUTH_HMAC_SHA1_96 (RFC 2404)
    AES_CBC_HMAC_SHA256_128 = 1, ///< ENCR_AES_CBC-128 + AUTH_HMAC_SHA2_256_128 (RFC 4868)
    AES_GCM_16 = 2,              ///< ENCR_AES_GCM_16 with a 128-bit key (RFC 4106)
    NULL_HMAC_SHA1_96 = 3,       ///< ENCR_NULL (RFC 2410) + AUTH_HMAC_SHA1_96
};

/**
 * \ingroup mip6-ipsec
 * Fixed properties of a transform, as RFC 4303 §2 and the transform's RFC give them.
 */
struct Mip6EspTransformInfo
{
    std::string name;       ///< variant value, e.g. "cbc-sha1"
    size_t encKeySize{0};   ///< encryption keying material (GCM: key 16 + salt 4)
    size_t integKeySize{0}; ///< integrity key (0 for GCM)
    size_t ivSize{0};       ///< explicit IV on the wire
    size_t alignment{4};    ///< the ciphertext (payload + padding + 2) is a multiple of this
    size_t icvSize{0};      ///< ICV on the wire
    Mip6ExportCipher exportCipher{Mip6ExportCipher::AES_CBC};     ///< Wireshark cipher
    Mip6IntegAlgorithm integ{Mip6IntegAlgorithm::HMAC_SHA1_96};   ///< integrity transform
    Mip6CipherAlgorithm cipher{Mip6CipherAlgorithm::AES_128_CBC}; ///< CBC/NULL cipher
};

/**
 * \param transform a transform
 * \return its properties
 */
const Mip6EspTransformInfo& Mip6EspGetTransformInfo(Mip6EspTransform transform);

/**
 * \param name a variant value: "cbc-sha1", "cbc-sha256", "gcm", "null-sha1"
 * \param transform the transform
 * \return false when the name is unknown
 */
bool Mip6EspTransformFromName(const std::string& name, Mip6EspTransform& transform);

/**
 * \ingroup mip6-ipsec
 * Why an inbound ESP packet was refused (RFC 4303 §3.4). Every refusal is counted and traced.
 */
enum class Mip6EspDropReason : uint8_t
{
    UNKNOWN_SPI = 0,  ///< no SA for the SPI (and destination), §3.4.2
    BAD_ICV = 1,      ///< integrity check failed, §3.4.4
    REPLAY = 2,       ///< sequence number already seen or left of the window, §3.4.3
    BAD_PADDING = 3,  ///< pad length too long or pad bytes not 1, 2, 3 …, §2.4
    TRUNCATED = 4,    ///< shorter than the SA's fixed fields, or not a whole number of blocks
    POLICY = 5,       ///< the decrypted packet does not match the SA's selectors (RFC 4301 §5.2)
    NO_IKE = 6,       ///< RFC 3948 §2.2: an IKE message (non-ESP marker) and no IKE listener
    UDP_CHECKSUM = 7, ///< RFC 3948 over IPv6: the UDP checksum does not verify (RFC 8200 §8.1)
};

/// Number of drop reasons.
constexpr uint8_t MIP6_ESP_DROP_REASON_COUNT = 8;

/**
 * \param reason a reason
 * \return its stable name: "unknown-spi", "bad-icv", "replay", "bad-padding", "truncated",
 *         "policy", "no-ike", "udp-checksum"
 */
std::string Mip6EspDropReasonToString(Mip6EspDropReason reason);

/**
 * \ingroup mip6-ipsec
 * The ESP header (RFC 4303 §2.1, §2.2): SPI 4 and the low 32 bits of the sequence number. The
 * rest of the packet (IV, ciphertext, ICV) is opaque bytes after it.
 */
class Mip6EspHeader : public Header
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    /// \param spi the SPI
    void SetSpi(uint32_t spi);
    /// \return the SPI
    uint32_t GetSpi() const;
    /// \param seq the sequence number
    void SetSequence(uint32_t seq);
    /// \return the sequence number
    uint32_t GetSequence() const;

  private:
    uint32_t m_spi{0}; //!< SPI
    uint32_t m_seq{0}; //!< sequence number
};

/**
 * \ingroup mip6-ipsec
 * ESP mode (RFC 4301 §4.1).
 */
enum class Mip6EspMode : uint8_t
{
    TRANSPORT = 0, ///< the upper-layer header follows ESP (here: the MH, 135)
    TUNNEL = 1,    ///< a whole inner IPv6 packet follows ESP (41)
};

/**
 * \ingroup mip6-ipsec
 * What an SA is configured with (manual keying or a key exchange).
 */
struct Mip6EspSaConfig
{
    uint32_t spi{0};                                                    ///< SPI (256 and above)
    Mip6EspTransform transform{Mip6EspTransform::AES_CBC_HMAC_SHA1_96}; ///< transform
    Mip6Bytes encKey;                         ///< encryption key (GCM: ‖ salt)
    Mip6Bytes integKey;                       ///< integrity key (empty: GCM)
    Mip6EspMode mode{Mip6EspMode::TRANSPORT}; ///< mode
    /// Transport: the local address selector (HoA at the MN's side). Tunnel: outer source.
    Ipv6Address source;
    /// Transport: the remote address selector. Tunnel: outer destination.
    Ipv6Address destination;
    uint32_t replayWindow{Mip6ReplayWindow::DEFAULT_SIZE}; ///< inbound window (0: no anti-replay)
    /// RFC 3948 §2.1: outbound packets go in UDP from this port (0: plain ESP, next header 50).
    uint16_t udpEncapSourcePort{0};
    /// RFC 3948 §2.1: ... to this port (4500 when encapsulating).
    uint16_t udpEncapDestinationPort{0};
};

/**
 * \ingroup mip6-ipsec
 * Result of Mip6EspSa::Open.
 */
struct Mip6EspOpenResult
{
    bool ok{false};                                         ///< true when the packet is valid
    Mip6EspDropReason reason{Mip6EspDropReason::TRUNCATED}; ///< why not
    uint8_t nextHeader{0};                                  ///< the protected payload's next header
    uint32_t sequence{0};                                   ///< its sequence number
    Mip6Bytes payload;                                      ///< the protected payload
};

/**
 * \ingroup mip6-ipsec
 * One unidirectional ESP SA (RFC 4303). The sender side keeps the sequence counter, the receiver
 * side the anti-replay window (the crypto core's Mip6ReplayWindow). Seal() builds
 * SPI ‖ Seq ‖ IV ‖ E(payload ‖ padding ‖ pad length ‖ next header) ‖ ICV; Open() checks and
 * removes it in the order of RFC 4303 §3.4: length, anti-replay, ICV, decryption, padding; the
 * window moves only after the ICV verified.
 */
class Mip6EspSa : public SimpleRefCount<Mip6EspSa>
{
  public:
    /**
     * Keys an SA. Key lengths are checked against the transform.
     * \param config the configuration
     * \param error why it failed
     * \return the SA, or nullptr
     */
    static Ptr<Mip6EspSa> Create(const Mip6EspSaConfig& config, std::string& error);

    /**
     * RFC 4303 §3.3: protects a payload with the next sequence number and a fresh IV from the
     * crypto core's DRBG.
     * \param payload first payload byte
     * \param size payload length
     * \param nextHeader the payload's protocol (135, 41, …)
     * \return the whole ESP packet (header to ICV), or why not (e.g. sequence exhausted)
     */
    Mip6CryptoResult<Mip6Bytes> Seal(const uint8_t* payload, size_t size, uint8_t nextHeader);

    /**
     * As Seal, with a given IV and sequence number (known-answer tests; the counter is not used).
     * \param payload first payload byte
     * \param size payload length
     * \param nextHeader the payload's protocol
     * \param seq the sequence number
     * \param iv the explicit IV (the transform's IV size)
     * \return the ESP packet, or why not
     */
    Mip6CryptoResult<Mip6Bytes> SealWith(const uint8_t* payload,
                                         size_t size,
                                         uint8_t nextHeader,
                                         uint32_t seq,
                                         const Mip6Bytes& iv) const;

    /**
     * RFC 4303 §3.4: verifies and decrypts a whole ESP packet addressed to this SA.
     * \param data first byte (the SPI)
     * \param size length up to the end of the ICV
     * \return the payload and next header, or the drop reason
     */
    Mip6EspOpenResult Open(const uint8_t* data, size_t size);

    /**
     * \param payloadSize bytes to protect
     * \return ESP bytes for it: header 8 + IV + padded ciphertext + ICV (RFC 4303 §2)
     */
    size_t GetPacketSize(size_t payloadSize) const;

    /// \return the configuration
    const Mip6EspSaConfig& GetConfig() const;
    /// \return the transform's properties
    const Mip6EspTransformInfo& GetInfo() const;
    /// \return the SPI
    uint32_t GetSpi() const;
    /// \return the last sequence number sent
    uint32_t GetSequenceOut() const;
    /// \return the receiver's window
    const Mip6ReplayWindow& GetReplayWindow() const;
    /**
     * Moves the SA's address pair (tunnel outer endpoints or transport selectors).
     * \param source new source
     * \param destination new destination
     */
    void SetAddresses(Ipv6Address source, Ipv6Address destination);
    /// \return the key bytes held (encryption + integrity)
    size_t GetKeyBytes() const;
    /// \return the bytes of the SA's state: config, keys, counters and the replay bitmap
    size_t GetStateBytes() const;
    /**
     * \param source outer source of the packets
     * \param destination outer destination
     * \return the Wireshark ESP SA row for this SA between those addresses
     */
    Mip6EspSaExport ToExport(Ipv6Address source, Ipv6Address destination) const;

  private:
    Mip6EspSa() = default;

    Mip6EspSaConfig m_config;                    //!< configuration
    const Mip6EspTransformInfo* m_info{nullptr}; //!< transform properties
    std::optional<Mip6Cipher> m_cipher;          //!< CBC/NULL cipher
    std::optional<Mip6AesGcm> m_gcm;             //!< GCM
    std::optional<Mip6Integrity> m_integ;        //!< HMAC
    uint32_t m_seqOut{0};                        //!< last sequence number sent
    Mip6ReplayWindow m_replay;                   //!< receiver's window
};

} // namespace ns3

#endif /* MIP6_ESP_SA_H */

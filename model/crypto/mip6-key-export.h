/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Writes the keys a simulation used in the formats Wireshark/tshark read, so that every pcap the
 * project writes can be decrypted (DESIGN.md §5: optional keys/ directory).
 */

#ifndef MIP6_KEY_EXPORT_H
#define MIP6_KEY_EXPORT_H

#include "ns3/ipv6-address.h"
#include "ns3/mip6-crypto-types.h"
#include "ns3/mip6-mac.h"

#include <cstdint>
#include <set>
#include <string>

namespace ns3
{

/**
 * \ingroup mip6-crypto
 * Encryption transforms as Wireshark names them in its ESP and IKEv2 tables.
 */
enum class Mip6ExportCipher
{
    NULL_CIPHER, ///< ENCR_NULL
    AES_CBC,     ///< AES-CBC, key of 16, 24 or 32 bytes
    TDES_CBC,    ///< 3DES-EDE-CBC, 24-byte key
    AES_GCM_16,  ///< AES-GCM with a 16-octet ICV; the key includes the 4-byte salt (20/28/36)
};

/**
 * \ingroup mip6-crypto
 * One ESP SA (one direction) for Wireshark's ESP SA table.
 */
struct Mip6EspSaExport
{
    Ipv6Address source;                                 //!< outer source address of the SA
    Ipv6Address destination;                            //!< outer destination address
    uint32_t spi{0};                                    //!< SPI
    Mip6ExportCipher cipher{Mip6ExportCipher::AES_CBC}; //!< encryption transform
    Mip6Bytes encryptionKey;                            //!< its key (GCM: key ‖ salt)
    Mip6IntegAlgorithm integrity{Mip6IntegAlgorithm::HMAC_SHA1_96}; //!< integrity transform
    Mip6Bytes integrityKey;                                         //!< its key
};

/**
 * \ingroup mip6-crypto
 * One IKE SA for Wireshark's IKEv2 decryption table.
 */
struct Mip6IkeSaExport
{
    uint64_t spii{0};                                   //!< initiator's SPI
    uint64_t spir{0};                                   //!< responder's SPI
    Mip6ExportCipher cipher{Mip6ExportCipher::AES_CBC}; //!< encryption transform
    Mip6Bytes skEi;                                     //!< SK_ei (GCM: key ‖ salt)
    Mip6Bytes skEr;                                     //!< SK_er
    Mip6IntegAlgorithm integrity{Mip6IntegAlgorithm::HMAC_SHA256_128}; //!< integrity transform
    Mip6Bytes skAi;                                                    //!< SK_ai (empty for GCM)
    Mip6Bytes skAr;                                                    //!< SK_ar
};

/**
 * \ingroup mip6-crypto
 * Appends key material to three files in a directory (normally <output>/keys/):
 * - `esp_sa`: rows of Wireshark's "ESP SAs" table (UAT esp_sa, Wireshark 4.0: protocol, source,
 *   destination, SPI, encryption algorithm, key, authentication algorithm, key), e.g.
 *   `"IPv6","fd00::1","fd00::2","0x00001000","AES-CBC [RFC3602]","0x<key>",`
 *   `"HMAC-SHA-1-96 [RFC2404]","0x<key>"` (one line);
 * - `ikev2_decryption_table`: rows of the "IKEv2 Decryption Table" (ISPI, RSPI, SK_ei, SK_er,
 *   encryption algorithm, SK_ai, SK_ar, integrity algorithm; hex fields unquoted);
 * - `tls-keylog.txt`: NSS key log lines (`CLIENT_RANDOM <random> <master secret>` for TLS 1.2,
 *   the traffic-secret labels for TLS 1.3).
 *
 * The two table files are named as Wireshark's profile files, so the directory can serve directly
 * as a configuration directory:
 * `WIRESHARK_CONFIG_DIR=keys tshark -o esp.enable_encryption_decode:TRUE`
 * `-o tls.keylog_file:keys/tls-keylog.txt -r run.pcap` (tested with tshark 4.0.17). Rows are
 * written in the order of the calls (simulation-event order, hence deterministic) and an identical
 * row is written once, so the MN and the HA may both export the same SA. Each row is flushed at
 * once.
 *
 * Wireshark 4.0 checks no AES-XCBC-MAC-96 ICV: such SAs are exported with "ANY 96 bit
 * authentication [no checking]", which still decrypts.
 */
class Mip6KeyExport
{
  public:
    /// File name of the ESP SA table.
    static constexpr const char* ESP_FILE = "esp_sa";
    /// File name of the IKEv2 decryption table.
    static constexpr const char* IKEV2_FILE = "ikev2_decryption_table";
    /// File name of the NSS key log.
    static constexpr const char* TLS_FILE = "tls-keylog.txt";

    /**
     * Creates the directory if needed and starts the three files empty (a new run).
     * \param directory the keys directory
     */
    explicit Mip6KeyExport(const std::string& directory);

    /// \return the keys directory
    const std::string& GetDirectory() const;

    /**
     * Appends an ESP SA row. Key lengths are checked against the transforms first.
     * \param sa the SA
     * \return success, or why the row was not written
     */
    Mip6CryptoStatus AddEspSa(const Mip6EspSaExport& sa);

    /**
     * Appends an IKEv2 decryption-table row. Key lengths are checked first.
     * \param sa the IKE SA
     * \return success, or why the row was not written
     */
    Mip6CryptoStatus AddIkeSa(const Mip6IkeSaExport& sa);

    /**
     * Appends an NSS key log line.
     * \param label CLIENT_RANDOM (TLS 1.2, 48-byte master secret) or a TLS 1.3 label
     *        (CLIENT_EARLY_TRAFFIC_SECRET, CLIENT_HANDSHAKE_TRAFFIC_SECRET,
     *        SERVER_HANDSHAKE_TRAFFIC_SECRET, CLIENT_TRAFFIC_SECRET_0, SERVER_TRAFFIC_SECRET_0,
     *        EARLY_EXPORTER_SECRET, EXPORTER_SECRET)
     * \param clientRandom the 32-byte ClientHello.random
     * \param secret the secret
     * \return success, or why the line was not written
     */
    Mip6CryptoStatus AddTlsSecret(const std::string& label,
                                  const Mip6Bytes& clientRandom,
                                  const Mip6Bytes& secret);

    /**
     * Appends a line as libssl's keylog callback (SSL_CTX_set_keylog_callback) hands it over,
     * after checking it is "<label> <64 hex> <hex>" with a known label.
     * \param line the line (without newline)
     * \return success, or why the line was not written
     */
    Mip6CryptoStatus AddNssKeyLogLine(const std::string& line);

    /**
     * \param sa an ESP SA
     * \return its esp_sa row (without newline), or why it cannot be exported
     */
    static Mip6CryptoResult<std::string> FormatEspSa(const Mip6EspSaExport& sa);

    /**
     * \param sa an IKE SA
     * \return its ikev2_decryption_table row (without newline), or why it cannot be exported
     */
    static Mip6CryptoResult<std::string> FormatIkeSa(const Mip6IkeSaExport& sa);

  private:
    /**
     * Appends a row unless it was written before.
     * \param file file name in the directory
     * \param row the row (without newline)
     * \return success or why not
     */
    Mip6CryptoStatus Append(const std::string& file, const std::string& row);

    std::string m_directory;         //!< the keys directory
    std::set<std::string> m_written; //!< file + row already written
};

} // namespace ns3

#endif /* MIP6_KEY_EXPORT_H */

/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/mip6-key-export.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6KeyExport");

namespace
{

/// Wireshark 4.0 packet-esp.c esp_encryption_type_vals.
const char*
EspCipherName(Mip6ExportCipher cipher)
{
    switch (cipher)
    {
    case Mip6ExportCipher::NULL_CIPHER:
        return "NULL";
    case Mip6ExportCipher::AES_CBC:
        return "AES-CBC [RFC3602]";
    case Mip6ExportCipher::TDES_CBC:
        return "TripleDES-CBC [RFC2451]";
    case Mip6ExportCipher::AES_GCM_16:
        return "AES-GCM with 16 octet ICV [RFC4106]";
    }
    return "NULL";
}

/// Wireshark 4.0 packet-esp.c esp_authentication_type_vals.
const char*
EspIntegName(Mip6IntegAlgorithm integ)
{
    switch (integ)
    {
    case Mip6IntegAlgorithm::NONE:
        return "NULL";
    case Mip6IntegAlgorithm::HMAC_SHA1_96:
        return "HMAC-SHA-1-96 [RFC2404]";
    case Mip6IntegAlgorithm::HMAC_SHA256_128:
        return "HMAC-SHA-256-128 [RFC4868]";
    case Mip6IntegAlgorithm::HMAC_SHA384_192:
        return "HMAC-SHA-384-192 [RFC4868]";
    case Mip6IntegAlgorithm::HMAC_SHA512_256:
        return "HMAC-SHA-512-256 [RFC4868]";
    case Mip6IntegAlgorithm::AES_XCBC_96:
        // Wireshark has no AES-XCBC-MAC-96 check (the entry is commented out in packet-esp.c).
        return "ANY 96 bit authentication [no checking]";
    }
    return "NULL";
}

/// Wireshark 4.0 packet-isakmp.c vs_ikev2_auth_algs.
const char*
IkeIntegName(Mip6IntegAlgorithm integ)
{
    switch (integ)
    {
    case Mip6IntegAlgorithm::NONE:
        return "NONE [RFC4306]";
    case Mip6IntegAlgorithm::HMAC_SHA1_96:
        return "HMAC_SHA1_96 [RFC2404]";
    case Mip6IntegAlgorithm::HMAC_SHA256_128:
        return "HMAC_SHA2_256_128 [RFC4868]";
    case Mip6IntegAlgorithm::HMAC_SHA384_192:
        return "HMAC_SHA2_384_192 [RFC4868]";
    case Mip6IntegAlgorithm::HMAC_SHA512_256:
        return "HMAC_SHA2_512_256 [RFC4868]";
    case Mip6IntegAlgorithm::AES_XCBC_96:
        return "ANY 96-bits of Authentication [No Checking]";
    }
    return "NONE [RFC4306]";
}

/// Checks an encryption key length; for AES returns the key bits (without a GCM salt).
Mip6CryptoResult<size_t>
CipherKeyBits(Mip6ExportCipher cipher, const Mip6Bytes& key)
{
    size_t aesBytes = key.size();
    switch (cipher)
    {
    case Mip6ExportCipher::NULL_CIPHER:
        if (!key.empty())
        {
            return Mip6CryptoError{"bad-key-length: NULL encryption has no key"};
        }
        return size_t{0};
    case Mip6ExportCipher::TDES_CBC:
        if (key.size() != 24)
        {
            return Mip6CryptoError{"bad-key-length: 3DES needs 24 bytes, got " +
                                   std::to_string(key.size())};
        }
        return size_t{192};
    case Mip6ExportCipher::AES_GCM_16:
        if (key.size() < 4)
        {
            return Mip6CryptoError{"bad-key-length: AES-GCM key too short"};
        }
        aesBytes = key.size() - 4; // RFC 4106 §8.1 salt
        break;
    case Mip6ExportCipher::AES_CBC:
        break;
    }
    if (aesBytes != 16 && aesBytes != 24 && aesBytes != 32)
    {
        return Mip6CryptoError{"bad-key-length: AES key of " + std::to_string(aesBytes) + " bytes"};
    }
    return aesBytes * 8;
}

/// Checks an integrity key length.
Mip6CryptoStatus
CheckIntegKey(Mip6IntegAlgorithm integ, const Mip6Bytes& key, Mip6ExportCipher cipher)
{
    if (key.size() != Mip6Integrity::GetKeySize(integ))
    {
        return Mip6CryptoError{"bad-key-length: " + Mip6Integrity::GetName(integ) + " needs " +
                               std::to_string(Mip6Integrity::GetKeySize(integ)) + " bytes, got " +
                               std::to_string(key.size())};
    }
    if (cipher == Mip6ExportCipher::AES_GCM_16 && integ != Mip6IntegAlgorithm::NONE)
    {
        return Mip6CryptoError{"bad-transform: AES-GCM is used without an integrity transform"};
    }
    return Mip6CryptoStatus::Ok();
}

/// \return "0x" + hex, or "" for an empty key (Wireshark's form for "no key")
std::string
QuotedKey(const Mip6Bytes& key)
{
    return key.empty() ? "\"\"" : "\"0x" + Mip6ToHex(key) + "\"";
}

/// The NSS key log labels (NSS "Key Log Format", draft-ietf-tls-keylogfile).
bool
KnownTlsLabel(const std::string& label)
{
    static const std::set<std::string> labels = {
        "CLIENT_RANDOM",
        "CLIENT_EARLY_TRAFFIC_SECRET",
        "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
        "SERVER_HANDSHAKE_TRAFFIC_SECRET",
        "CLIENT_TRAFFIC_SECRET_0",
        "SERVER_TRAFFIC_SECRET_0",
        "EARLY_EXPORTER_SECRET",
        "EXPORTER_SECRET",
    };
    return labels.count(label) == 1;
}

} // namespace

Mip6KeyExport::Mip6KeyExport(const std::string& directory)
    : m_directory(directory)
{
    NS_LOG_FUNCTION(directory);
    std::error_code ec;
    std::filesystem::create_directories(directory, ec);
    NS_ABORT_MSG_IF(ec, "Mip6KeyExport: cannot create " << directory << ": " << ec.message());
    for (const char* name : {ESP_FILE, IKEV2_FILE, TLS_FILE})
    {
        std::ofstream f(std::filesystem::path(directory) / name, std::ios::trunc);
        NS_ABORT_MSG_IF(!f, "Mip6KeyExport: cannot write " << directory << "/" << name);
    }
}

const std::string&
Mip6KeyExport::GetDirectory() const
{
    return m_directory;
}

Mip6CryptoStatus
Mip6KeyExport::Append(const std::string& file, const std::string& row)
{
    if (!m_written.insert(file + '\n' + row).second)
    {
        return Mip6CryptoStatus::Ok();
    }
    std::ofstream f(std::filesystem::path(m_directory) / file, std::ios::app);
    f << row << '\n';
    f.flush();
    if (!f)
    {
        return Mip6CryptoError{"key-export: cannot append to " + m_directory + "/" + file};
    }
    return Mip6CryptoStatus::Ok();
}

Mip6CryptoResult<std::string>
Mip6KeyExport::FormatEspSa(const Mip6EspSaExport& sa)
{
    auto bits = CipherKeyBits(sa.cipher, sa.encryptionKey);
    if (!bits)
    {
        return Mip6CryptoError{bits.GetError()};
    }
    Mip6CryptoStatus st = CheckIntegKey(sa.integrity, sa.integrityKey, sa.cipher);
    if (!st)
    {
        return Mip6CryptoError{st.GetError()};
    }
    std::ostringstream src;
    std::ostringstream dst;
    sa.source.Print(src);
    sa.destination.Print(dst);
    char spi[11];
    std::snprintf(spi, sizeof(spi), "0x%08x", sa.spi);
    std::ostringstream row;
    row << "\"IPv6\",\"" << src.str() << "\",\"" << dst.str() << "\",\"" << spi << "\",\""
        << EspCipherName(sa.cipher) << "\"," << QuotedKey(sa.encryptionKey) << ",\""
        << EspIntegName(sa.integrity) << "\"," << QuotedKey(sa.integrityKey);
    return row.str();
}

Mip6CryptoResult<std::string>
Mip6KeyExport::FormatIkeSa(const Mip6IkeSaExport& sa)
{
    auto bits = CipherKeyBits(sa.cipher, sa.skEi);
    auto bitsR = CipherKeyBits(sa.cipher, sa.skEr);
    if (!bits || !bitsR)
    {
        return Mip6CryptoError{bits ? bitsR.GetError() : bits.GetError()};
    }
    Mip6CryptoStatus st = CheckIntegKey(sa.integrity, sa.skAi, sa.cipher);
    if (st)
    {
        st = CheckIntegKey(sa.integrity, sa.skAr, sa.cipher);
    }
    if (!st)
    {
        return Mip6CryptoError{st.GetError()};
    }
    // Wireshark 4.0 packet-isakmp.c vs_ikev2_encr_algs.
    std::string cipher;
    switch (sa.cipher)
    {
    case Mip6ExportCipher::NULL_CIPHER:
        cipher = "NULL [RFC2410]";
        break;
    case Mip6ExportCipher::TDES_CBC:
        cipher = "3DES [RFC2451]";
        break;
    case Mip6ExportCipher::AES_CBC:
        cipher = "AES-CBC-" + std::to_string(*bits) + " [RFC3602]";
        break;
    case Mip6ExportCipher::AES_GCM_16:
        cipher = "AES-GCM-" + std::to_string(*bits) + " with 16 octet ICV [RFC5282]";
        break;
    }
    std::ostringstream row;
    row << Mip6ToHex(Mip6BigEndian(sa.spii, 8)) << ',' << Mip6ToHex(Mip6BigEndian(sa.spir, 8))
        << ',' << Mip6ToHex(sa.skEi) << ',' << Mip6ToHex(sa.skEr) << ",\"" << cipher << "\","
        << Mip6ToHex(sa.skAi) << ',' << Mip6ToHex(sa.skAr) << ",\"" << IkeIntegName(sa.integrity)
        << '"';
    return row.str();
}

Mip6CryptoStatus
Mip6KeyExport::AddEspSa(const Mip6EspSaExport& sa)
{
    auto row = FormatEspSa(sa);
    if (!row)
    {
        return Mip6CryptoError{row.GetError()};
    }
    return Append(ESP_FILE, *row);
}

Mip6CryptoStatus
Mip6KeyExport::AddIkeSa(const Mip6IkeSaExport& sa)
{
    auto row = FormatIkeSa(sa);
    if (!row)
    {
        return Mip6CryptoError{row.GetError()};
    }
    return Append(IKEV2_FILE, *row);
}

Mip6CryptoStatus
Mip6KeyExport::AddTlsSecret(const std::string& label,
                            const Mip6Bytes& clientRandom,
                            const Mip6Bytes& secret)
{
    if (!KnownTlsLabel(label))
    {
        return Mip6CryptoError{"key-export: unknown NSS key log label '" + label + "'"};
    }
    if (clientRandom.size() != 32)
    {
        return Mip6CryptoError{"key-export: the client random is 32 bytes, got " +
                               std::to_string(clientRandom.size())};
    }
    if (label == "CLIENT_RANDOM" ? secret.size() != 48 : secret.empty() || secret.size() > 64)
    {
        return Mip6CryptoError{"key-export: bad secret length " + std::to_string(secret.size()) +
                               " for " + label};
    }
    return Append(TLS_FILE, label + " " + Mip6ToHex(clientRandom) + " " + Mip6ToHex(secret));
}

Mip6CryptoStatus
Mip6KeyExport::AddNssKeyLogLine(const std::string& line)
{
    std::istringstream in(line);
    std::string label;
    std::string random;
    std::string secret;
    std::string extra;
    if (!(in >> label >> random >> secret) || (in >> extra))
    {
        return Mip6CryptoError{"key-export: not a key log line: '" + line + "'"};
    }
    auto r = Mip6FromHex(random);
    auto s = Mip6FromHex(secret);
    if (!r || !s || random.size() != 64)
    {
        return Mip6CryptoError{"key-export: bad hex in key log line: '" + line + "'"};
    }
    return AddTlsSecret(label, *r, *s);
}

} // namespace ns3

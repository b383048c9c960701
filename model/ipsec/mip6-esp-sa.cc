/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-esp-sa.h"

#include "ns3/log.h"
#include "ns3/mip6-crypto-random.h"

#include <algorithm>
#include <array>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6EspSa");

NS_OBJECT_ENSURE_REGISTERED(Mip6EspHeader);

namespace
{
/// ESP header bytes: SPI 4 + sequence number 4 (RFC 4303 §2).
constexpr size_t kEspHeaderSize = 8;
/// Pad Length + Next Header (RFC 4303 §2.5, §2.6).
constexpr size_t kTrailerSize = 2;

const std::array<Mip6EspTransformInfo, 4>&
Infos()
{
    // RFC 3602 (AES-CBC: IV 16, block 16), RFC 2404 (HMAC-SHA1-96: key 20, ICV 12), RFC 4868
    // (HMAC-SHA-256-128: key 32, ICV 16), RFC 4106 §3, §8.1 (GCM: IV 8, key 16 + salt 4, ICV 16,
    // no block alignment beyond RFC 4303's 4 bytes), RFC 2410 (NULL: no IV, block 1).
    static const std::array<Mip6EspTransformInfo, 4> infos = {{
        {"cbc-sha1",
         Mip6Cipher::GetKeySize(Mip6CipherAlgorithm::AES_128_CBC),
         Mip6Integrity::GetKeySize(Mip6IntegAlgorithm::HMAC_SHA1_96),
         Mip6Cipher::GetIvSize(Mip6CipherAlgorithm::AES_128_CBC),
         Mip6Cipher::GetBlockSize(Mip6CipherAlgorithm::AES_128_CBC),
         Mip6Integrity::GetIcvSize(Mip6IntegAlgorithm::HMAC_SHA1_96),
         Mip6ExportCipher::AES_CBC,
         Mip6IntegAlgorithm::HMAC_SHA1_96,
         Mip6CipherAlgorithm::AES_128_CBC},
        {"cbc-sha256",
         Mip6Cipher::GetKeySize(Mip6CipherAlgorithm::AES_128_CBC),
         Mip6Integrity::GetKeySize(Mip6IntegAlgorithm::HMAC_SHA256_128),
         Mip6Cipher::GetIvSize(Mip6CipherAlgorithm::AES_128_CBC),
         Mip6Cipher::GetBlockSize(Mip6CipherAlgorithm::AES_128_CBC),
         Mip6Integrity::GetIcvSize(Mip6IntegAlgorithm::HMAC_SHA256_128),
         Mip6ExportCipher::AES_CBC,
         Mip6IntegAlgorithm::HMAC_SHA256_128,
         Mip6CipherAlgorithm::AES_128_CBC},
        {"gcm",
         16 + Mip6AesGcm::SALT_SIZE,
         0,
         Mip6AesGcm::IV_SIZE,
         4,
         Mip6AesGcm::ICV_SIZE,
         Mip6ExportCipher::AES_GCM_16,
         Mip6IntegAlgorithm::NONE,
         Mip6CipherAlgorithm::NULL_CIPHER},
        {"null-sha1",
         0,
         Mip6Integrity::GetKeySize(Mip6IntegAlgorithm::HMAC_SHA1_96),
         0,
         4,
         Mip6Integrity::GetIcvSize(Mip6IntegAlgorithm::HMAC_SHA1_96),
         Mip6ExportCipher::NULL_CIPHER,
         Mip6IntegAlgorithm::HMAC_SHA1_96,
         Mip6CipherAlgorithm::NULL_CIPHER},
    }};
    return infos;
}

void
PutU32(Mip6Bytes& out, uint32_t v)
{
    out.push_back(static_cast<uint8_t>(v >> 24));
    out.push_back(static_cast<uint8_t>(v >> 16));
    out.push_back(static_cast<uint8_t>(v >> 8));
    out.push_back(static_cast<uint8_t>(v));
}

uint32_t
GetU32(const uint8_t* p)
{
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}
} // namespace

const Mip6EspTransformInfo&
Mip6EspGetTransformInfo(Mip6EspTransform transform)
{
    return Infos().at(static_cast<size_t>(transform));
}

bool
Mip6EspTransformFromName(const std::string& name, Mip6EspTransform& transform)
{
    for (size_t i = 0; i < Infos().size(); ++i)
    {
        if (Infos()[i].name == name)
        {
            transform = static_cast<Mip6EspTransform>(i);
            return true;
        }
    }
    return false;
}

std::string
Mip6EspDropReasonToString(Mip6EspDropReason reason)
{
    switch (reason)
    {
    case Mip6EspDropReason::UNKNOWN_SPI:
        return "unknown-spi";
    case Mip6EspDropReason::BAD_ICV:
        return "bad-icv";
    case Mip6EspDropReason::REPLAY:
        return "replay";
    case Mip6EspDropReason::BAD_PADDING:
        return "bad-padding";
    case Mip6EspDropReason::TRUNCATED:
        return "truncated";
    case Mip6EspDropReason::POLICY:
        return "policy";
    case Mip6EspDropReason::NO_IKE:
        return "no-ike";
    case Mip6EspDropReason::UDP_CHECKSUM:
        return "udp-checksum";
    }
    return "unknown";
}

// ---------------------------------------------------------------------------------------------

TypeId
Mip6EspHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6EspHeader")
                            .SetParent<Header>()
                            .SetGroupName("Mip6")
                            .AddConstructor<Mip6EspHeader>();
    return tid;
}

TypeId
Mip6EspHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
Mip6EspHeader::GetSerializedSize() const
{
    return kEspHeaderSize;
}

void
Mip6EspHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU32(m_spi);
    start.WriteHtonU32(m_seq);
}

uint32_t
Mip6EspHeader::Deserialize(Buffer::Iterator start)
{
    m_spi = start.ReadNtohU32();
    m_seq = start.ReadNtohU32();
    return kEspHeaderSize;
}

void
Mip6EspHeader::Print(std::ostream& os) const
{
    os << "ESP spi=0x" << std::hex << m_spi << std::dec << " seq=" << m_seq;
}

void
Mip6EspHeader::SetSpi(uint32_t spi)
{
    m_spi = spi;
}

uint32_t
Mip6EspHeader::GetSpi() const
{
    return m_spi;
}

void
Mip6EspHeader::SetSequence(uint32_t seq)
{
    m_seq = seq;
}

uint32_t
Mip6EspHeader::GetSequence() const
{
    return m_seq;
}

// ---------------------------------------------------------------------------------------------

Ptr<Mip6EspSa>
Mip6EspSa::Create(const Mip6EspSaConfig& config, std::string& error)
{
    // RFC 4303 §2.1: SPIs 1..255 are reserved by IANA, 0 is local use only.
    if (config.spi < 256)
    {
        error = "reserved SPI " + std::to_string(config.spi);
        return nullptr;
    }
    const Mip6EspTransformInfo& info = Mip6EspGetTransformInfo(config.transform);
    if (config.encKey.size() != info.encKeySize || config.integKey.size() != info.integKeySize)
    {
        error = "key length does not match transform " + info.name;
        return nullptr;
    }
    Ptr<Mip6EspSa> sa = Ptr<Mip6EspSa>(new Mip6EspSa(), false);
    sa->m_config = config;
    sa->m_info = &info;
    if (config.transform == Mip6EspTransform::AES_GCM_16)
    {
        auto gcm = Mip6AesGcm::Create(config.encKey);
        if (!gcm)
        {
            error = gcm.GetError();
            return nullptr;
        }
        sa->m_gcm.emplace(gcm.Value());
    }
    else
    {
        auto cipher = Mip6Cipher::Create(info.cipher, config.encKey);
        auto integ = Mip6Integrity::Create(info.integ, config.integKey);
        if (!cipher || !integ)
        {
            error = cipher ? integ.GetError() : cipher.GetError();
            return nullptr;
        }
        sa->m_cipher.emplace(cipher.Value());
        sa->m_integ.emplace(integ.Value());
    }
    if (config.replayWindow != 0)
    {
        const uint32_t w =
            std::clamp(config.replayWindow, Mip6ReplayWindow::MIN_SIZE, Mip6ReplayWindow::MAX_SIZE);
        sa->m_replay = Mip6ReplayWindow(w);
    }
    return sa;
}

size_t
Mip6EspSa::GetPacketSize(size_t payloadSize) const
{
    // RFC 4303 §2.4: payload + padding + 2 is a multiple of the block size and of 4.
    const size_t a = m_info->alignment;
    const size_t body = ((payloadSize + kTrailerSize + a - 1) / a) * a;
    return kEspHeaderSize + m_info->ivSize + body + m_info->icvSize;
}

Mip6CryptoResult<Mip6Bytes>
Mip6EspSa::Seal(const uint8_t* payload, size_t size, uint8_t nextHeader)
{
    // RFC 4303 §3.3.3: without ESN the counter must not cycle; the SA must be rekeyed first.
    if (m_seqOut == 0xffffffff)
    {
        return Mip6CryptoError{"sequence-exhausted"};
    }
    const uint32_t seq = m_seqOut + 1;
    // RFC 4303 §3.3.2 / RFC 3602 §2.1 / RFC 4106 §3.1: a fresh IV per packet (here from the
    // crypto core's DRBG, so runs are reproducible).
    const Mip6Bytes iv = Mip6CryptoRandom::Bytes(m_info->ivSize);
    auto out = SealWith(payload, size, nextHeader, seq, iv);
    if (out)
    {
        m_seqOut = seq;
    }
    return out;
}

Mip6CryptoResult<Mip6Bytes>
Mip6EspSa::SealWith(const uint8_t* payload,
                    size_t size,
                    uint8_t nextHeader,
                    uint32_t seq,
                    const Mip6Bytes& iv) const
{
    if (iv.size() != m_info->ivSize)
    {
        return Mip6CryptoError{"bad IV length"};
    }
    // RFC 4303 §2.4: padding bytes 1, 2, 3, … up to the alignment, then Pad Length and Next
    // Header.
    const size_t a = m_info->alignment;
    const size_t padLen = (a - (size + kTrailerSize) % a) % a;
    Mip6Bytes plain(payload, payload + size);
    for (size_t i = 1; i <= padLen; ++i)
    {
        plain.push_back(static_cast<uint8_t>(i));
    }
    plain.push_back(static_cast<uint8_t>(padLen));
    plain.push_back(nextHeader);

    Mip6Bytes out;
    out.reserve(GetPacketSize(size));
    PutU32(out, m_config.spi);
    PutU32(out, seq);
    out.insert(out.end(), iv.begin(), iv.end());
    if (m_gcm)
    {
        // RFC 4106 §5: AAD = SPI ‖ 32-bit sequence number; the output is ciphertext ‖ ICV.
        const Mip6Bytes aad(out.begin(), out.begin() + kEspHeaderSize);
        auto sealed = m_gcm->Seal(iv, aad, plain);
        if (!sealed)
        {
            return Mip6CryptoError{sealed.GetError()};
        }
        out.insert(out.end(), sealed->begin(), sealed->end());
        return out;
    }
    // RFC 4303 §3.3.2: encrypt, then the ICV over SPI ‖ Seq ‖ IV ‖ ciphertext (§2.8).
    auto ct = m_cipher->Encrypt(iv, plain);
    if (!ct)
    {
        return Mip6CryptoError{ct.GetError()};
    }
    out.insert(out.end(), ct->begin(), ct->end());
    auto icv = m_integ->Compute(out.data(), out.size());
    if (!icv)
    {
        return Mip6CryptoError{icv.GetError()};
    }
    out.insert(out.end(), icv->begin(), icv->end());
    return out;
}

Mip6EspOpenResult
Mip6EspSa::Open(const uint8_t* data, size_t size)
{
    Mip6EspOpenResult r;
    // Never trust a length: the fixed fields, and a ciphertext of whole blocks holding at least
    // the 2-byte trailer.
    const size_t fixed = kEspHeaderSize + m_info->ivSize + m_info->icvSize;
    if (size < fixed + kTrailerSize || (size - fixed) % m_info->alignment != 0)
    {
        r.reason = Mip6EspDropReason::TRUNCATED;
        return r;
    }
    if (GetU32(data) != m_config.spi)
    {
        r.reason = Mip6EspDropReason::UNKNOWN_SPI;
        return r;
    }
    const uint32_t seq = GetU32(data + 4);
    r.sequence = seq;
    // RFC 4303 §3.4.3: the replay check comes before the ICV check (cheap rejection) …
    const bool antiReplay = m_config.replayWindow != 0;
    if (antiReplay && m_replay.Check(seq) != Mip6ReplayCheck::OK)
    {
        r.reason = Mip6EspDropReason::REPLAY;
        return r;
    }
    const Mip6Bytes iv(data + kEspHeaderSize, data + kEspHeaderSize + m_info->ivSize);
    const uint8_t* ct = data + kEspHeaderSize + m_info->ivSize;
    Mip6Bytes plain;
    if (m_gcm)
    {
        const Mip6Bytes aad(data, data + kEspHeaderSize);
        auto opened = m_gcm->Open(iv, aad, ct, size - kEspHeaderSize - m_info->ivSize);
        if (!opened)
        {
            r.reason = Mip6EspDropReason::BAD_ICV;
            return r;
        }
        plain = std::move(opened.Value());
    }
    else
    {
        // §3.4.4.1: verify the ICV before decrypting.
        const size_t covered = size - m_info->icvSize;
        if (!m_integ->Verify(data, covered, data + covered, m_info->icvSize))
        {
            r.reason = Mip6EspDropReason::BAD_ICV;
            return r;
        }
        auto dec = m_cipher->Decrypt(iv, ct, covered - kEspHeaderSize - m_info->ivSize);
        if (!dec)
        {
            r.reason = Mip6EspDropReason::BAD_ICV;
            return r;
        }
        plain = std::move(dec.Value());
    }
    // … and the window moves only once the ICV verified (§3.4.3).
    if (antiReplay)
    {
        m_replay.Update(seq);
    }
    // RFC 4303 §2.4: Pad Length must fit, and the pad bytes are 1, 2, 3, ….
    const uint8_t padLen = plain[plain.size() - 2];
    if (size_t{padLen} + kTrailerSize > plain.size())
    {
        r.reason = Mip6EspDropReason::BAD_PADDING;
        return r;
    }
    const size_t payloadSize = plain.size() - kTrailerSize - padLen;
    for (size_t i = 0; i < padLen; ++i)
    {
        if (plain[payloadSize + i] != static_cast<uint8_t>(i + 1))
        {
            r.reason = Mip6EspDropReason::BAD_PADDING;
            return r;
        }
    }
    r.ok = true;
    r.nextHeader = plain[plain.size() - 1];
    plain.resize(payloadSize);
    r.payload = std::move(plain);
    return r;
}

const Mip6EspSaConfig&
Mip6EspSa::GetConfig() const
{
    return m_config;
}

const Mip6EspTransformInfo&
Mip6EspSa::GetInfo() const
{
    return *m_info;
}

uint32_t
Mip6EspSa::GetSpi() const
{
    return m_config.spi;
}

uint32_t
Mip6EspSa::GetSequenceOut() const
{
    return m_seqOut;
}

const Mip6ReplayWindow&
Mip6EspSa::GetReplayWindow() const
{
    return m_replay;
}

void
Mip6EspSa::SetAddresses(Ipv6Address source, Ipv6Address destination)
{
    m_config.source = source;
    m_config.destination = destination;
}

size_t
Mip6EspSa::GetKeyBytes() const
{
    return m_config.encKey.size() + m_config.integKey.size();
}

size_t
Mip6EspSa::GetStateBytes() const
{
    // SPI 4, transform 1, mode 1, two addresses 32, sequence counter 4, window size 4, keys,
    // and the window's own state.
    return 4 + 1 + 1 + 32 + 4 + 4 + GetKeyBytes() + m_replay.GetStateBytes();
}

Mip6EspSaExport
Mip6EspSa::ToExport(Ipv6Address source, Ipv6Address destination) const
{
    Mip6EspSaExport e;
    e.source = source;
    e.destination = destination;
    e.spi = m_config.spi;
    e.cipher = m_info->exportCipher;
    e.encryptionKey = m_config.encKey;
    e.integrity = m_info->integ;
    e.integrityKey = m_config.integKey;
    return e;
}

} // namespace ns3

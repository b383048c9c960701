/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/mip6-altsec-packet.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/mip6-crypto-random.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6AltsecPacket");

NS_OBJECT_ENSURE_REGISTERED(Mip6AltsecHeader);
NS_OBJECT_ENSURE_REGISTERED(Mip6AltsecSaDatabase);

namespace
{
/// IPv6 Next Header of an MH (RFC 6275 §6.1.1) and of an IPv6 packet.
constexpr uint8_t kNextHeaderMh = 135;
constexpr uint8_t kNextHeaderIpv6 = 41;

/// The encrypted part is a multiple of this (the block, and 4 so the ICV is 32-bit aligned).
size_t
Alignment(Mip6CipherAlgorithm cipher)
{
    return std::max<size_t>(Mip6Cipher::GetBlockSize(cipher), 4);
}

} // namespace

// ---------------------------------------------------------------------------------------------
// RFC 6618 §5.4 ciphersuites: the integrity transform of each suite follows the RFC's table
// (research/protocols.md §6): *_SHA → HMAC-SHA1-96, *_SHA256 → AES-XCBC-MAC-96.

const std::vector<Mip6AltsecSuite>&
Mip6AltsecSuite::All()
{
    static const std::vector<Mip6AltsecSuite> suites = {
        {0x0002, "NULL_SHA", Mip6CipherAlgorithm::NULL_CIPHER, Mip6IntegAlgorithm::HMAC_SHA1_96},
        {0x003B, "NULL_SHA256", Mip6CipherAlgorithm::NULL_CIPHER, Mip6IntegAlgorithm::AES_XCBC_96},
        {0x000A,
         "3DES_EDE_CBC_SHA",
         Mip6CipherAlgorithm::TDES_CBC,
         Mip6IntegAlgorithm::HMAC_SHA1_96},
        {0x002F,
         "AES_128_CBC_SHA",
         Mip6CipherAlgorithm::AES_128_CBC,
         Mip6IntegAlgorithm::HMAC_SHA1_96},
        {0x003C,
         "AES_128_CBC_SHA256",
         Mip6CipherAlgorithm::AES_128_CBC,
         Mip6IntegAlgorithm::AES_XCBC_96},
    };
    return suites;
}

const Mip6AltsecSuite*
Mip6AltsecSuite::Find(uint16_t code)
{
    for (const auto& s : All())
    {
        if (s.code == code)
        {
            return &s;
        }
    }
    return nullptr;
}

const Mip6AltsecSuite*
Mip6AltsecSuite::FindByName(const std::string& name)
{
    for (const auto& s : All())
    {
        if (s.name == name)
        {
            return &s;
        }
    }
    return nullptr;
}

size_t
Mip6AltsecSuite::GetEncryptionKeySize() const
{
    return cipher == Mip6CipherAlgorithm::NULL_CIPHER ? 0 : Mip6Cipher::GetKeySize(cipher);
}

size_t
Mip6AltsecSuite::GetIntegrityKeySize() const
{
    return Mip6Integrity::GetKeySize(integrity);
}

// ---------------------------------------------------------------------------------------------
// RFC 6618 §6: PType (4 bits) | SPI (28 bits) | Sequence Number (32 bits).

TypeId
Mip6AltsecHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6AltsecHeader")
                            .SetParent<Header>()
                            .SetGroupName("Mip6")
                            .AddConstructor<Mip6AltsecHeader>();
    return tid;
}

TypeId
Mip6AltsecHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
Mip6AltsecHeader::GetSerializedSize() const
{
    return SIZE;
}

void
Mip6AltsecHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU32(uint32_t{m_ptype} << 28 | m_spi);
    start.WriteHtonU32(m_sequence);
}

uint32_t
Mip6AltsecHeader::Deserialize(Buffer::Iterator start)
{
    const uint32_t first = start.ReadNtohU32();
    m_ptype = static_cast<uint8_t>(first >> 28);
    m_spi = first & MAX_SPI;
    m_sequence = start.ReadNtohU32();
    return SIZE;
}

void
Mip6AltsecHeader::Print(std::ostream& os) const
{
    os << "altsec ptype=" << unsigned(m_ptype) << " spi=" << m_spi << " seq=" << m_sequence;
}

void
Mip6AltsecHeader::SetPType(uint8_t ptype)
{
    m_ptype = ptype & 0x0f;
}

uint8_t
Mip6AltsecHeader::GetPType() const
{
    return m_ptype;
}

void
Mip6AltsecHeader::SetSpi(uint32_t spi)
{
    NS_ABORT_MSG_IF(spi > MAX_SPI, "altsec: SPI " << spi << " wider than 28 bits");
    m_spi = spi;
}

uint32_t
Mip6AltsecHeader::GetSpi() const
{
    return m_spi;
}

void
Mip6AltsecHeader::SetSequence(uint32_t seq)
{
    m_sequence = seq;
}

uint32_t
Mip6AltsecHeader::GetSequence() const
{
    return m_sequence;
}

// ---------------------------------------------------------------------------------------------
// The session.

Mip6CryptoResult<Mip6AltsecSa>
Mip6AltsecSa::Create(uint32_t spi,
                     uint16_t suiteCode,
                     const Mip6AltsecKeys& keys,
                     Role role,
                     uint32_t replayWindow)
{
    if (spi == 0 || spi > Mip6AltsecHeader::MAX_SPI)
    {
        return Mip6CryptoError{"altsec: SPI outside 1..2^28-1"};
    }
    const Mip6AltsecSuite* suite = Mip6AltsecSuite::Find(suiteCode);
    if (suite == nullptr)
    {
        return Mip6CryptoError{"altsec: unknown suite " + std::to_string(suiteCode)};
    }
    if (replayWindow < Mip6ReplayWindow::MIN_SIZE || replayWindow > Mip6ReplayWindow::MAX_SIZE)
    {
        return Mip6CryptoError{"altsec: replay window size"};
    }
    const bool mn = role == Role::MN;
    const Mip6Bytes& outE = mn ? keys.mnToHaEkey : keys.haToMnEkey;
    const Mip6Bytes& outI = mn ? keys.mnToHaIkey : keys.haToMnIkey;
    const Mip6Bytes& inE = mn ? keys.haToMnEkey : keys.mnToHaEkey;
    const Mip6Bytes& inI = mn ? keys.haToMnIkey : keys.mnToHaIkey;
    if (outE.size() != suite->GetEncryptionKeySize() || inE.size() != suite->GetEncryptionKeySize())
    {
        return Mip6CryptoError{"altsec: encryption key length for " + suite->name};
    }
    Mip6AltsecSa sa;
    sa.m_spi = spi;
    sa.m_suite = suite;
    sa.m_window = Mip6ReplayWindow(replayWindow);
    auto oc = Mip6Cipher::Create(suite->cipher, outE);
    auto ic = Mip6Cipher::Create(suite->cipher, inE);
    auto oi = Mip6Integrity::Create(suite->integrity, outI);
    auto ii = Mip6Integrity::Create(suite->integrity, inI);
    for (const Mip6CryptoStatus& s :
         {oc.GetStatus(), ic.GetStatus(), oi.GetStatus(), ii.GetStatus()})
    {
        if (!s)
        {
            return Mip6CryptoError{"altsec: " + s.GetError()};
        }
    }
    sa.m_outCipher = oc.Value();
    sa.m_inCipher = ic.Value();
    sa.m_outInteg = oi.Value();
    sa.m_inInteg = ii.Value();
    sa.m_keyBytes = outE.size() + outI.size() + inE.size() + inI.size();
    return sa;
}

size_t
Mip6AltsecSa::GetProtectedSize(size_t payloadSize) const
{
    const size_t align = Alignment(m_suite->cipher);
    const size_t enc = (payloadSize + 2 + align - 1) / align * align;
    return Mip6AltsecHeader::SIZE + Mip6Cipher::GetIvSize(m_suite->cipher) + enc +
           Mip6Integrity::GetIcvSize(m_suite->integrity);
}

// RFC 6618 §6 (trailer and ICV as RFC 4303 §2.4-§2.8).
Mip6CryptoResult<Ptr<Packet>>
Mip6AltsecSa::Protect(Mip6AltsecPType ptype, Ptr<const Packet> payload)
{
    if (ptype != Mip6AltsecPType::MH && ptype != Mip6AltsecPType::IP)
    {
        return Mip6CryptoError{"altsec: only PType 8 and 1 are protected"};
    }
    if (m_nextSeq > 0xffffffffULL)
    {
        // RFC 6618 §6: the HA re-keys before the sequence number wraps.
        return Mip6CryptoError{"seq-exhausted"};
    }
    const size_t align = Alignment(m_suite->cipher);
    const size_t size = payload->GetSize();
    const size_t encSize = (size + 2 + align - 1) / align * align;
    Mip6Bytes plain(encSize);
    payload->CopyData(plain.data(), size);
    const size_t padLen = encSize - size - 2;
    for (size_t i = 0; i < padLen; ++i)
    {
        plain[size + i] = static_cast<uint8_t>(i + 1);
    }
    plain[encSize - 2] = static_cast<uint8_t>(padLen);
    plain[encSize - 1] = ptype == Mip6AltsecPType::MH ? kNextHeaderMh : kNextHeaderIpv6;

    const Mip6Bytes iv = Mip6CryptoRandom::Bytes(Mip6Cipher::GetIvSize(m_suite->cipher));
    auto enc = m_outCipher->Encrypt(iv, plain);
    if (!enc)
    {
        return Mip6CryptoError{enc.GetError()};
    }
    Mip6AltsecHeader h;
    h.SetPType(static_cast<uint8_t>(ptype));
    h.SetSpi(m_spi);
    h.SetSequence(static_cast<uint32_t>(m_nextSeq));
    Buffer b;
    b.AddAtStart(Mip6AltsecHeader::SIZE);
    h.Serialize(b.Begin());
    Mip6Bytes covered(Mip6AltsecHeader::SIZE);
    b.CopyData(covered.data(), covered.size());
    covered.insert(covered.end(), iv.begin(), iv.end());
    covered.insert(covered.end(), enc->begin(), enc->end());
    auto icv = m_outInteg->Compute(covered);
    if (!icv)
    {
        return Mip6CryptoError{icv.GetError()};
    }
    covered.insert(covered.end(), icv->begin(), icv->end());
    m_nextSeq++;
    return ns3::Create<Packet>(covered.data(), covered.size());
}

Mip6AltsecRxResult
Mip6AltsecSa::Unprotect(Ptr<const Packet> udpPayload)
{
    Mip6AltsecRxResult r;
    const size_t size = udpPayload->GetSize();
    if (size < Mip6AltsecHeader::SIZE)
    {
        r.reason = "truncated";
        return r;
    }
    Mip6Bytes bytes(size);
    udpPayload->CopyData(bytes.data(), size);
    const uint32_t first = (uint32_t{bytes[0]} << 24) | (uint32_t{bytes[1]} << 16) |
                           (uint32_t{bytes[2]} << 8) | bytes[3];
    r.ptype = static_cast<Mip6AltsecPType>(first >> 28);
    r.spi = first & Mip6AltsecHeader::MAX_SPI;
    r.sequence = (uint32_t{bytes[4]} << 24) | (uint32_t{bytes[5]} << 16) |
                 (uint32_t{bytes[6]} << 8) | bytes[7];
    if (r.ptype != Mip6AltsecPType::MH && r.ptype != Mip6AltsecPType::IP)
    {
        r.reason = "bad-ptype";
        return r;
    }
    if (r.spi != m_spi)
    {
        r.reason = "unknown-spi";
        return r;
    }
    const size_t ivSize = Mip6Cipher::GetIvSize(m_suite->cipher);
    const size_t icvSize = Mip6Integrity::GetIcvSize(m_suite->integrity);
    const size_t align = Alignment(m_suite->cipher);
    if (size < Mip6AltsecHeader::SIZE + ivSize + align + icvSize ||
        (size - Mip6AltsecHeader::SIZE - ivSize - icvSize) % align != 0)
    {
        r.reason = "bad-length";
        return r;
    }
    // RFC 4303 §3.4.3: the cheap replay check first, the window moves only after the ICV.
    const Mip6ReplayCheck check = m_window.Check(r.sequence);
    if (check != Mip6ReplayCheck::OK)
    {
        r.reason = Mip6ReplayWindow::ToString(check);
        return r;
    }
    const size_t covered = size - icvSize;
    if (!m_inInteg->Verify(bytes.data(), covered, bytes.data() + covered, icvSize))
    {
        r.reason = "bad-icv";
        return r;
    }
    m_window.Update(r.sequence);
    const Mip6Bytes iv(bytes.begin() + Mip6AltsecHeader::SIZE,
                       bytes.begin() + Mip6AltsecHeader::SIZE + ivSize);
    auto plain = m_inCipher->Decrypt(iv,
                                     bytes.data() + Mip6AltsecHeader::SIZE + ivSize,
                                     covered - Mip6AltsecHeader::SIZE - ivSize);
    if (!plain)
    {
        r.reason = "bad-length";
        return r;
    }
    const Mip6Bytes& p = plain.Value();
    const size_t padLen = p[p.size() - 2];
    r.nextHeader = p[p.size() - 1];
    if (padLen + 2 > p.size())
    {
        r.reason = "bad-padding";
        return r;
    }
    const size_t payloadSize = p.size() - 2 - padLen;
    for (size_t i = 0; i < padLen; ++i)
    {
        if (p[payloadSize + i] != static_cast<uint8_t>(i + 1))
        {
            r.reason = "bad-padding";
            return r;
        }
    }
    const uint8_t expected = r.ptype == Mip6AltsecPType::MH ? kNextHeaderMh : kNextHeaderIpv6;
    if (r.nextHeader != expected)
    {
        r.reason = "bad-next-header";
        return r;
    }
    r.payload = ns3::Create<Packet>(p.data(), payloadSize);
    r.accepted = true;
    return r;
}

uint32_t
Mip6AltsecSa::GetSpi() const
{
    return m_spi;
}

const Mip6AltsecSuite&
Mip6AltsecSa::GetSuite() const
{
    return *m_suite;
}

uint64_t
Mip6AltsecSa::GetNextSequence() const
{
    return m_nextSeq;
}

const Mip6ReplayWindow&
Mip6AltsecSa::GetReplayWindow() const
{
    return m_window;
}

size_t
Mip6AltsecSa::GetKeyBytes() const
{
    return m_keyBytes;
}

Ptr<Packet>
Mip6AltsecEncapsulatePlain(Ptr<const Packet> inner)
{
    Ptr<Packet> p = inner->Copy();
    Mip6AltsecHeader h;
    h.SetPType(static_cast<uint8_t>(Mip6AltsecPType::PLAINTEXT));
    p->AddHeader(h);
    return p;
}

// ---------------------------------------------------------------------------------------------
// The receiver's sessions.

TypeId
Mip6AltsecSaDatabase::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6AltsecSaDatabase")
            .SetParent<Object>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6AltsecSaDatabase>()
            .AddAttribute("AcceptPlaintext",
                          "Accept PType 0 (plaintext data in UDP): true while mip6-sas = 0 "
                          "(RFC 6618 §6: with mip6-sas = 1 PType 0 is dropped)",
                          BooleanValue(true),
                          MakeBooleanAccessor(&Mip6AltsecSaDatabase::m_acceptPlaintext),
                          MakeBooleanChecker())
            .AddTraceSource("Drop",
                            "A received packet was refused: reason, SPI, sequence number, packet",
                            MakeTraceSourceAccessor(&Mip6AltsecSaDatabase::m_dropTrace),
                            "ns3::Mip6AltsecSaDatabase::DropTracedCallback")
            .AddTraceSource("Receive",
                            "A packet was accepted: SPI, sequence number, decrypted payload",
                            MakeTraceSourceAccessor(&Mip6AltsecSaDatabase::m_rxTrace),
                            "ns3::Mip6AltsecSaDatabase::ReceiveTracedCallback");
    return tid;
}

void
Mip6AltsecSaDatabase::Add(const Mip6AltsecSa& sa)
{
    m_sas.erase(sa.GetSpi());
    m_sas.emplace(sa.GetSpi(), sa);
}

bool
Mip6AltsecSaDatabase::Has(uint32_t spi) const
{
    return m_sas.count(spi) != 0;
}

Mip6AltsecSa*
Mip6AltsecSaDatabase::Find(uint32_t spi)
{
    auto it = m_sas.find(spi);
    return it == m_sas.end() ? nullptr : &it->second;
}

void
Mip6AltsecSaDatabase::Remove(uint32_t spi)
{
    m_sas.erase(spi);
}

size_t
Mip6AltsecSaDatabase::GetN() const
{
    return m_sas.size();
}

std::vector<uint32_t>
Mip6AltsecSaDatabase::GetSpis() const
{
    std::vector<uint32_t> spis;
    for (const auto& [spi, sa] : m_sas)
    {
        spis.push_back(spi);
    }
    return spis;
}

Mip6AltsecRxResult
Mip6AltsecSaDatabase::Refuse(Mip6AltsecRxResult r, Ptr<const Packet> p)
{
    NS_LOG_LOGIC("altsec drop " << r.reason << " spi=" << r.spi << " seq=" << r.sequence);
    r.accepted = false;
    r.payload = nullptr;
    m_drops[r.reason]++;
    m_dropTrace(r.reason, r.spi, r.sequence, p);
    return r;
}

Mip6AltsecRxResult
Mip6AltsecSaDatabase::Receive(Ptr<const Packet> p)
{
    Mip6AltsecRxResult r;
    if (p->GetSize() < Mip6AltsecHeader::SIZE)
    {
        r.reason = "truncated";
        return Refuse(r, p);
    }
    Mip6AltsecHeader h;
    p->PeekHeader(h);
    r.ptype = static_cast<Mip6AltsecPType>(h.GetPType());
    r.spi = h.GetSpi();
    r.sequence = h.GetSequence();
    if (h.GetPType() == static_cast<uint8_t>(Mip6AltsecPType::PLAINTEXT))
    {
        // RFC 6618 §6: SPI = Seq = 0, the inner packet follows; never an MH.
        if (!m_acceptPlaintext)
        {
            r.reason = "plaintext-refused";
            return Refuse(r, p);
        }
        if (h.GetSpi() != 0 || h.GetSequence() != 0)
        {
            r.reason = "bad-plaintext-header";
            return Refuse(r, p);
        }
        Ptr<Packet> inner =
            p->CreateFragment(Mip6AltsecHeader::SIZE, p->GetSize() - Mip6AltsecHeader::SIZE);
        uint8_t ip[40];
        if (inner->GetSize() < 40 || (inner->CopyData(ip, 40), (ip[0] >> 4) != 6))
        {
            r.reason = "bad-plaintext-header";
            return Refuse(r, p);
        }
        if (ip[6] == kNextHeaderMh)
        {
            r.reason = "mh-in-plaintext";
            return Refuse(r, p);
        }
        r.payload = inner;
        r.accepted = true;
        m_accepted++;
        m_rxTrace(0, 0, r.payload);
        return r;
    }
    if (h.GetPType() != static_cast<uint8_t>(Mip6AltsecPType::MH) &&
        h.GetPType() != static_cast<uint8_t>(Mip6AltsecPType::IP))
    {
        r.reason = "bad-ptype";
        return Refuse(r, p);
    }
    Mip6AltsecSa* sa = Find(h.GetSpi());
    if (sa == nullptr)
    {
        r.reason = "unknown-spi";
        return Refuse(r, p);
    }
    r = sa->Unprotect(p);
    if (!r.accepted)
    {
        return Refuse(r, p);
    }
    m_accepted++;
    m_rxTrace(r.spi, r.sequence, r.payload);
    return r;
}

uint64_t
Mip6AltsecSaDatabase::GetDropCount(const std::string& reason) const
{
    auto it = m_drops.find(reason);
    return it == m_drops.end() ? 0 : it->second;
}

uint64_t
Mip6AltsecSaDatabase::GetDropCount() const
{
    uint64_t n = 0;
    for (const auto& d : m_drops)
    {
        n += d.second;
    }
    return n;
}

uint64_t
Mip6AltsecSaDatabase::GetAcceptCount() const
{
    return m_accepted;
}

} // namespace ns3

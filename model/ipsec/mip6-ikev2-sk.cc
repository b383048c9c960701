/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-ikev2-sk.h"

#include "ns3/log.h"
#include "ns3/mip6-crypto-random.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6Ikev2Sk");

namespace
{
/// IKE header bytes (RFC 7296 §3.1).
constexpr size_t kIkeHeaderSize = 28;
/// AES block (RFC 3602).
constexpr size_t kAesBlock = 16;
} // namespace

std::optional<Mip6IkeSkProtector>
Mip6IkeSkProtector::Create(Mip6IkeSkTransform transform,
                           const Mip6Bytes& encKey,
                           const Mip6Bytes& integKey,
                           std::string& error)
{
    Mip6IkeSkProtector p;
    p.m_transform = transform;
    if (transform == Mip6IkeSkTransform::AES_GCM_16_128)
    {
        if (encKey.size() != 16 + Mip6AesGcm::SALT_SIZE || !integKey.empty())
        {
            error = "GCM: SK_e is 20 bytes (key + salt), no SK_a";
            return std::nullopt;
        }
        auto gcm = Mip6AesGcm::Create(encKey);
        if (!gcm)
        {
            error = gcm.GetError();
            return std::nullopt;
        }
        p.m_gcm.emplace(gcm.Value());
        return p;
    }
    auto cbc = Mip6Cipher::Create(Mip6CipherAlgorithm::AES_128_CBC, encKey);
    auto integ = Mip6Integrity::Create(Mip6IntegAlgorithm::HMAC_SHA256_128, integKey);
    if (!cbc || !integ)
    {
        error = cbc ? integ.GetError() : cbc.GetError();
        return std::nullopt;
    }
    p.m_cbc.emplace(cbc.Value());
    p.m_integ.emplace(integ.Value());
    return p;
}

size_t
Mip6IkeSkProtector::GetIvSize() const
{
    return m_gcm ? Mip6AesGcm::IV_SIZE : kAesBlock;
}

size_t
Mip6IkeSkProtector::GetIcvSize() const
{
    return m_gcm ? Mip6AesGcm::ICV_SIZE
                 : Mip6Integrity::GetIcvSize(Mip6IntegAlgorithm::HMAC_SHA256_128);
}

size_t
Mip6IkeSkProtector::GetSkPayloadSize(size_t innerSize) const
{
    // §3.14: IV, inner payloads, padding, Pad Length 1, ICV. CBC pads to the block; GCM needs
    // no padding (RFC 5282 §3).
    size_t encrypted = innerSize + 1;
    if (!m_gcm)
    {
        encrypted = (encrypted + kAesBlock - 1) / kAesBlock * kAesBlock;
    }
    return Mip6IkePayload::GENERIC_HEADER_SIZE + GetIvSize() + encrypted + GetIcvSize();
}

Mip6CryptoResult<Mip6Bytes>
Mip6IkeSkProtector::Seal(const Mip6IkeMessage& outer,
                         const std::vector<Ptr<Mip6IkePayload>>& inner) const
{
    return SealWith(outer, inner, Mip6CryptoRandom::Bytes(GetIvSize()));
}

Mip6CryptoResult<Mip6Bytes>
Mip6IkeSkProtector::SealWith(const Mip6IkeMessage& outer,
                             const std::vector<Ptr<Mip6IkePayload>>& inner,
                             const Mip6Bytes& iv) const
{
    if (iv.size() != GetIvSize())
    {
        return Mip6CryptoError{"bad IV length"};
    }
    Mip6Bytes plain = Mip6IkeMessage::SerializePayloads(inner);
    const size_t innerSize = plain.size();
    const size_t skSize = GetSkPayloadSize(innerSize);
    const size_t encrypted =
        skSize - Mip6IkePayload::GENERIC_HEADER_SIZE - GetIvSize() - GetIcvSize();
    // §3.14: padding of any value (zeros here), then Pad Length.
    const size_t padLen = encrypted - innerSize - 1;
    plain.resize(innerSize + padLen, 0);
    plain.push_back(static_cast<uint8_t>(padLen));

    // Lay the message out with an SK body of the right size, then fill it in.
    Mip6IkeMessage m = outer;
    Ptr<Mip6IkeSkPayload> sk = ns3::Create<Mip6IkeSkPayload>();
    sk->firstInnerPayload = inner.empty() ? 0 : static_cast<uint8_t>(inner.front()->GetType());
    sk->body.assign(skSize - Mip6IkePayload::GENERIC_HEADER_SIZE, 0);
    m.payloads.push_back(sk);
    Mip6Bytes wire = m.Serialize();
    const size_t bodyStart = wire.size() - sk->body.size();
    std::copy(iv.begin(), iv.end(), wire.begin() + bodyStart);
    if (m_gcm)
    {
        // RFC 5282 §5.1: AAD = IKE header … SK generic header; output = ciphertext ‖ tag.
        const Mip6Bytes aad(wire.begin(), wire.begin() + bodyStart);
        auto sealed = m_gcm->Seal(iv, aad, plain);
        if (!sealed)
        {
            return Mip6CryptoError{sealed.GetError()};
        }
        std::copy(sealed->begin(), sealed->end(), wire.begin() + bodyStart + iv.size());
        return wire;
    }
    auto ct = m_cbc->Encrypt(iv, plain);
    if (!ct)
    {
        return Mip6CryptoError{ct.GetError()};
    }
    std::copy(ct->begin(), ct->end(), wire.begin() + bodyStart + iv.size());
    // §3.14: the ICV covers the message from the IKE header through the ciphertext.
    const size_t covered = wire.size() - GetIcvSize();
    auto icv = m_integ->Compute(wire.data(), covered);
    if (!icv)
    {
        return Mip6CryptoError{icv.GetError()};
    }
    std::copy(icv->begin(), icv->end(), wire.begin() + covered);
    return wire;
}

std::optional<std::vector<Ptr<Mip6IkePayload>>>
Mip6IkeSkProtector::Open(const Mip6Bytes& wire, std::string& reason) const
{
    Mip6IkeParseError err;
    uint8_t unsupported = 0;
    auto m = Mip6IkeMessage::Parse(wire.data(), wire.size(), err, unsupported);
    if (!m)
    {
        reason = Mip6IkeParseErrorToString(err);
        return std::nullopt;
    }
    Ptr<Mip6IkeSkPayload> sk =
        m->payloads.empty() ? nullptr : DynamicCast<Mip6IkeSkPayload>(m->payloads.back());
    if (!sk)
    {
        reason = "no-sk";
        return std::nullopt;
    }
    const size_t length = m->header.length;
    const size_t iv = GetIvSize();
    const size_t icv = GetIcvSize();
    const size_t blockAlign = m_gcm ? 1 : kAesBlock;
    if (sk->body.size() < iv + icv + 1 || (sk->body.size() - iv - icv) % blockAlign != 0)
    {
        reason = "truncated";
        return std::nullopt;
    }
    const size_t bodyStart = length - sk->body.size();
    const Mip6Bytes ivBytes(sk->body.begin(), sk->body.begin() + iv);
    Mip6Bytes plain;
    if (m_gcm)
    {
        const Mip6Bytes aad(wire.begin(), wire.begin() + bodyStart);
        auto opened = m_gcm->Open(ivBytes, aad, sk->body.data() + iv, sk->body.size() - iv);
        if (!opened)
        {
            reason = "bad-icv";
            return std::nullopt;
        }
        plain = std::move(opened.Value());
    }
    else
    {
        const size_t covered = length - icv;
        if (!m_integ->Verify(wire.data(), covered, wire.data() + covered, icv))
        {
            reason = "bad-icv";
            return std::nullopt;
        }
        auto dec = m_cbc->Decrypt(ivBytes, sk->body.data() + iv, sk->body.size() - iv - icv);
        if (!dec)
        {
            reason = "bad-icv";
            return std::nullopt;
        }
        plain = std::move(dec.Value());
    }
    const uint8_t padLen = plain.back();
    if (size_t{padLen} + 1 > plain.size())
    {
        reason = "bad-padding";
        return std::nullopt;
    }
    auto inner = Mip6IkeMessage::ParsePayloads(plain.data(),
                                               plain.size() - 1 - padLen,
                                               sk->firstInnerPayload,
                                               err,
                                               unsupported);
    if (!inner)
    {
        reason = Mip6IkeParseErrorToString(err);
        return std::nullopt;
    }
    return inner;
}

} // namespace ns3

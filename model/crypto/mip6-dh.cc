/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/mip6-dh.h"

#include "mip6-crypto-internal.h"

#include "ns3/log.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-processing-delay.h"

#include <algorithm>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6Dh");

using mip6crypto::OpensslError;
using mip6crypto::Owned;

namespace
{

constexpr const char* MODP_GROUP_NAME = "modp_2048"; //!< OpenSSL's name for RFC 3526 group 14
constexpr const char* P256_GROUP_NAME = "P-256";     //!< OpenSSL's name for secp256r1

/// \return the RFC 3526 2048-bit prime
Owned<BIGNUM>
ModpPrime()
{
    return Owned<BIGNUM>(BN_get_rfc3526_prime_2048(nullptr));
}

/// Builds an EVP_PKEY of a type from an OSSL_PARAM_BLD.
Mip6CryptoResult<EVP_PKEY*>
FromData(const char* type, int selection, OSSL_PARAM_BLD* bld)
{
    OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
    Owned<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY* pkey = nullptr;
    const bool ok = params != nullptr && ctx && EVP_PKEY_fromdata_init(ctx.get()) == 1 &&
                    EVP_PKEY_fromdata(ctx.get(), &pkey, selection, params) == 1;
    OSSL_PARAM_free(params);
    if (!ok)
    {
        EVP_PKEY_free(pkey);
        return OpensslError(std::string("dh: importing a ") + type + " key failed");
    }
    return pkey;
}

} // namespace

Mip6CryptoResult<Mip6DhKeyPair>
Mip6DhKeyPair::Wrap(Mip6DhGroup group, EVP_PKEY* key)
{
    Mip6DhKeyPair pair;
    pair.m_group = group;
    pair.m_key = mip6crypto::SharePkey(key);
    switch (group)
    {
    case Mip6DhGroup::MODP_2048: {
        BIGNUM* pub = nullptr;
        if (EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PUB_KEY, &pub) != 1)
        {
            return OpensslError("dh: reading the MODP public value");
        }
        Owned<BIGNUM> owned(pub);
        pair.m_public.resize(256);
        // RFC 7296 §3.4: MODP values are zero-padded on the left to the modulus length.
        if (BN_bn2binpad(pub, pair.m_public.data(), 256) != 256)
        {
            return OpensslError("dh: MODP public value longer than the modulus");
        }
        break;
    }
    case Mip6DhGroup::ECP_256: {
        uint8_t buf[65];
        size_t len = 0;
        if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, buf, sizeof(buf), &len) !=
                1 ||
            len != 65 || buf[0] != 0x04)
        {
            return OpensslError("dh: reading the ECP public point");
        }
        // RFC 5903 §7: x ‖ y without the point-format octet.
        pair.m_public.assign(buf + 1, buf + 65);
        break;
    }
    case Mip6DhGroup::CURVE25519: {
        size_t len = 32;
        pair.m_public.resize(32);
        if (EVP_PKEY_get_raw_public_key(key, pair.m_public.data(), &len) != 1 || len != 32)
        {
            return OpensslError("dh: reading the X25519 public value");
        }
        break;
    }
    }
    return pair;
}

Mip6CryptoResult<Mip6DhKeyPair>
Mip6DhKeyPair::Generate(Mip6DhGroup group)
{
    NS_LOG_FUNCTION(GetName(group));
    if (Mip6ProcessingDelay* cpu = Mip6CpuScope::Current())
    {
        cpu->Charge("dh-keygen-" + std::to_string(static_cast<int>(group)),
                    cpu->GetDhKeygenCost(group));
    }
    Mip6CryptoRandom::Install();
    const char* type = group == Mip6DhGroup::MODP_2048 ? "DH"
                       : group == Mip6DhGroup::ECP_256 ? "EC"
                                                       : "X25519";
    Owned<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1)
    {
        return OpensslError("dh: keygen init");
    }
    if (group == Mip6DhGroup::MODP_2048 &&
        EVP_PKEY_CTX_set_group_name(ctx.get(), MODP_GROUP_NAME) != 1)
    {
        return OpensslError("dh: selecting modp_2048");
    }
    if (group == Mip6DhGroup::ECP_256 &&
        EVP_PKEY_CTX_set_group_name(ctx.get(), P256_GROUP_NAME) != 1)
    {
        return OpensslError("dh: selecting P-256");
    }
    EVP_PKEY* key = nullptr;
    if (EVP_PKEY_generate(ctx.get(), &key) != 1)
    {
        return OpensslError("dh: key generation");
    }
    return Wrap(group, key);
}

Mip6CryptoResult<Mip6DhKeyPair>
Mip6DhKeyPair::FromPrivateKey(Mip6DhGroup group, const Mip6Bytes& privateKey)
{
    NS_LOG_FUNCTION(GetName(group) << privateKey.size());
    Mip6CryptoRandom::Install();
    if (group == Mip6DhGroup::CURVE25519)
    {
        if (privateKey.size() != 32)
        {
            return Mip6CryptoError{"bad-key-length: X25519 private keys are 32 bytes"};
        }
        EVP_PKEY* key =
            EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr, privateKey.data(), 32);
        if (key == nullptr)
        {
            return OpensslError("dh: importing the X25519 private key");
        }
        return Wrap(group, key);
    }

    Owned<BN_CTX> bnCtx(BN_CTX_new());
    Owned<BIGNUM> priv(BN_bin2bn(privateKey.data(), static_cast<int>(privateKey.size()), nullptr));
    if (!bnCtx || !priv)
    {
        return OpensslError("dh: bignum allocation");
    }
    OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
    if (bld == nullptr)
    {
        return OpensslError("dh: OSSL_PARAM_BLD_new");
    }
    Mip6CryptoResult<EVP_PKEY*> key = Mip6CryptoError{""};
    if (group == Mip6DhGroup::MODP_2048)
    {
        Owned<BIGNUM> p = ModpPrime();
        Owned<BIGNUM> pMinus1(BN_dup(p.get()));
        if (privateKey.empty() || privateKey.size() > 256 || BN_is_zero(priv.get()) || !pMinus1 ||
            !BN_sub_word(pMinus1.get(), 1) || BN_cmp(priv.get(), pMinus1.get()) >= 0)
        {
            OSSL_PARAM_BLD_free(bld);
            return Mip6CryptoError{"bad-private-key: MODP exponent must be in [1, p-2]"};
        }
        // g = 2 (RFC 3526 §3); y = g^x mod p.
        Owned<BIGNUM> g(BN_new());
        Owned<BIGNUM> y(BN_new());
        if (!g || !y || !BN_set_word(g.get(), 2) ||
            !BN_mod_exp(y.get(), g.get(), priv.get(), p.get(), bnCtx.get()) ||
            !OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, MODP_GROUP_NAME, 0) ||
            !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, priv.get()) ||
            !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PUB_KEY, y.get()))
        {
            OSSL_PARAM_BLD_free(bld);
            return OpensslError("dh: building the MODP key");
        }
        key = FromData("DH", EVP_PKEY_KEYPAIR, bld);
    }
    else
    {
        if (privateKey.size() != 32)
        {
            OSSL_PARAM_BLD_free(bld);
            return Mip6CryptoError{"bad-key-length: ECP-256 private keys are 32 bytes"};
        }
        EC_GROUP* ecGroup = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
        EC_POINT* point = ecGroup != nullptr ? EC_POINT_new(ecGroup) : nullptr;
        uint8_t pub[65];
        bool ok = point != nullptr && !BN_is_zero(priv.get()) &&
                  BN_cmp(priv.get(), EC_GROUP_get0_order(ecGroup)) < 0;
        if (!ok)
        {
            EC_POINT_free(point);
            EC_GROUP_free(ecGroup);
            OSSL_PARAM_BLD_free(bld);
            return Mip6CryptoError{"bad-private-key: ECP-256 scalar must be in [1, n-1]"};
        }
        ok = EC_POINT_mul(ecGroup, point, priv.get(), nullptr, nullptr, bnCtx.get()) == 1 &&
             EC_POINT_point2oct(ecGroup,
                                point,
                                POINT_CONVERSION_UNCOMPRESSED,
                                pub,
                                sizeof(pub),
                                bnCtx.get()) == sizeof(pub) &&
             OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, P256_GROUP_NAME, 0) &&
             OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, priv.get()) &&
             OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pub, sizeof(pub));
        EC_POINT_free(point);
        EC_GROUP_free(ecGroup);
        if (!ok)
        {
            OSSL_PARAM_BLD_free(bld);
            return OpensslError("dh: building the ECP key");
        }
        key = FromData("EC", EVP_PKEY_KEYPAIR, bld);
    }
    OSSL_PARAM_BLD_free(bld);
    if (!key)
    {
        return Mip6CryptoError{key.GetError()};
    }
    return Wrap(group, *key);
}

Mip6DhGroup
Mip6DhKeyPair::GetGroup() const
{
    return m_group;
}

const Mip6Bytes&
Mip6DhKeyPair::GetPublicValue() const
{
    return m_public;
}

Mip6CryptoResult<std::shared_ptr<EVP_PKEY>>
Mip6DhKeyPair::ImportPeer(const Mip6Bytes& value) const
{
    if (value.size() != GetPublicValueSize(m_group))
    {
        return Mip6CryptoError{"bad-public-value-length: " + GetName(m_group) + " needs " +
                               std::to_string(GetPublicValueSize(m_group)) + " bytes, got " +
                               std::to_string(value.size())};
    }
    if (m_group == Mip6DhGroup::CURVE25519)
    {
        EVP_PKEY* peer =
            EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nullptr, value.data(), value.size());
        if (peer == nullptr)
        {
            return OpensslError("bad-public-value: X25519");
        }
        return mip6crypto::SharePkey(peer);
    }
    OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
    if (bld == nullptr)
    {
        return OpensslError("dh: OSSL_PARAM_BLD_new");
    }
    Mip6CryptoResult<EVP_PKEY*> peer = Mip6CryptoError{""};
    if (m_group == Mip6DhGroup::MODP_2048)
    {
        Owned<BIGNUM> y(BN_bin2bn(value.data(), static_cast<int>(value.size()), nullptr));
        Owned<BIGNUM> pMinus1 = ModpPrime();
        // RFC 7296 §2.12 / SP 800-56A: reject y <= 1 and y >= p-1 before OpenSSL sees it.
        if (!y || !pMinus1 || !BN_sub_word(pMinus1.get(), 1) ||
            BN_cmp(y.get(), BN_value_one()) <= 0 || BN_cmp(y.get(), pMinus1.get()) >= 0)
        {
            OSSL_PARAM_BLD_free(bld);
            return Mip6CryptoError{"bad-public-value: MODP value outside (1, p-1)"};
        }
        if (!OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, MODP_GROUP_NAME, 0) ||
            !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PUB_KEY, y.get()))
        {
            OSSL_PARAM_BLD_free(bld);
            return OpensslError("dh: building the MODP peer key");
        }
        peer = FromData("DH", EVP_PKEY_PUBLIC_KEY, bld);
    }
    else
    {
        // RFC 5903 §7: x ‖ y; OpenSSL wants the uncompressed SEC1 form 0x04 ‖ x ‖ y and checks
        // that the point is on the curve while decoding it.
        Mip6Bytes point(1 + value.size());
        point[0] = 0x04;
        std::copy(value.begin(), value.end(), point.begin() + 1);
        if (!OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, P256_GROUP_NAME, 0) ||
            !OSSL_PARAM_BLD_push_octet_string(bld,
                                              OSSL_PKEY_PARAM_PUB_KEY,
                                              point.data(),
                                              point.size()))
        {
            OSSL_PARAM_BLD_free(bld);
            return OpensslError("dh: building the ECP peer key");
        }
        peer = FromData("EC", EVP_PKEY_PUBLIC_KEY, bld);
    }
    OSSL_PARAM_BLD_free(bld);
    if (!peer)
    {
        return Mip6CryptoError{"bad-public-value: " + peer.GetError()};
    }
    return mip6crypto::SharePkey(*peer);
}

Mip6CryptoResult<Mip6Bytes>
Mip6DhKeyPair::ComputeSharedSecret(const Mip6Bytes& peerPublicValue) const
{
    NS_LOG_FUNCTION(GetName(m_group) << peerPublicValue.size());
    if (Mip6ProcessingDelay* cpu = Mip6CpuScope::Current())
    {
        cpu->Charge("dh-shared-" + std::to_string(static_cast<int>(m_group)),
                    cpu->GetDhSharedCost(m_group));
    }
    auto peer = ImportPeer(peerPublicValue);
    if (!peer)
    {
        return Mip6CryptoError{peer.GetError()};
    }
    Owned<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, m_key.get(), nullptr));
    if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1)
    {
        return OpensslError("dh: derive init");
    }
    // RFC 7296 §2.14: g^ir keeps its leading zeros (OpenSSL strips them unless padding is on).
    if (m_group == Mip6DhGroup::MODP_2048 && EVP_PKEY_CTX_set_dh_pad(ctx.get(), 1) != 1)
    {
        return OpensslError("dh: enabling padding");
    }
    // EVP_PKEY_derive_set_peer validates the peer key (EVP_PKEY_public_check): for MODP the
    // full subgroup check, for ECP the point.
    if (EVP_PKEY_derive_set_peer(ctx.get(), peer->get()) != 1)
    {
        return OpensslError("bad-public-value: peer key rejected");
    }
    size_t len = 0;
    if (EVP_PKEY_derive(ctx.get(), nullptr, &len) != 1)
    {
        return OpensslError("dh: derive length");
    }
    Mip6Bytes secret(len);
    // X25519: OpenSSL fails here when the result is all zero (a small-order peer point).
    if (EVP_PKEY_derive(ctx.get(), secret.data(), &len) != 1)
    {
        return OpensslError("bad-public-value: derivation failed");
    }
    secret.resize(len);
    if (secret.size() != GetSharedSecretSize(m_group))
    {
        return Mip6CryptoError{"dh: shared secret of " + std::to_string(secret.size()) +
                               " bytes, expected " + std::to_string(GetSharedSecretSize(m_group))};
    }
    return secret;
}

size_t
Mip6DhKeyPair::GetPublicValueSize(Mip6DhGroup group)
{
    switch (group)
    {
    case Mip6DhGroup::MODP_2048:
        return 256;
    case Mip6DhGroup::ECP_256:
        return 64;
    case Mip6DhGroup::CURVE25519:
        return 32;
    }
    return 0;
}

size_t
Mip6DhKeyPair::GetSharedSecretSize(Mip6DhGroup group)
{
    return group == Mip6DhGroup::MODP_2048 ? 256 : 32;
}

std::string
Mip6DhKeyPair::GetName(Mip6DhGroup group)
{
    switch (group)
    {
    case Mip6DhGroup::MODP_2048:
        return "MODP-2048";
    case Mip6DhGroup::ECP_256:
        return "ECP-256";
    case Mip6DhGroup::CURVE25519:
        return "Curve25519";
    }
    return "?";
}

} // namespace ns3

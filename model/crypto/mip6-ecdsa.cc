/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/mip6-ecdsa.h"

#include "mip6-crypto-internal.h"

#include "ns3/log.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-processing-delay.h"

#include <climits>
#include <cstring>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6Ecdsa");

using mip6crypto::OpensslError;
using mip6crypto::Owned;

namespace
{

/// \return success when pkey is an EC key on P-256
Mip6CryptoStatus
CheckP256(EVP_PKEY* pkey)
{
    if (pkey == nullptr || EVP_PKEY_is_a(pkey, "EC") != 1)
    {
        return Mip6CryptoError{"bad-key: not an EC key"};
    }
    char group[64] = {0};
    size_t len = 0;
    if (EVP_PKEY_get_utf8_string_param(pkey,
                                       OSSL_PKEY_PARAM_GROUP_NAME,
                                       group,
                                       sizeof(group),
                                       &len) != 1 ||
        std::strcmp(group, "prime256v1") != 0)
    {
        ERR_clear_error();
        return Mip6CryptoError{std::string("bad-key: EC group '") + group + "' is not P-256"};
    }
    return Mip6CryptoStatus::Ok();
}

/// \return true when the key holds a private scalar
bool
HasPrivate(EVP_PKEY* pkey)
{
    BIGNUM* priv = nullptr;
    const bool has = EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_PRIV_KEY, &priv) == 1;
    BN_clear_free(priv);
    ERR_clear_error();
    return has;
}

/// \return the contents of a memory BIO as a string
std::string
BioString(BIO* bio)
{
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return len > 0 ? std::string(data, static_cast<size_t>(len)) : std::string();
}

} // namespace

Mip6CryptoResult<Mip6EcdsaP256Key>
Mip6EcdsaP256Key::Generate()
{
    Mip6CryptoRandom::Install();
    Owned<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY* pkey = nullptr;
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_group_name(ctx.get(), "P-256") != 1 ||
        EVP_PKEY_generate(ctx.get(), &pkey) != 1)
    {
        return OpensslError("ecdsa: key generation");
    }
    Mip6EcdsaP256Key key;
    key.m_key = mip6crypto::SharePkey(pkey);
    key.m_private = true;
    return key;
}

Mip6CryptoResult<Mip6EcdsaP256Key>
Mip6EcdsaP256Key::FromPem(const std::string& pem)
{
    Mip6CryptoRandom::Install();
    if (pem.size() > static_cast<size_t>(INT_MAX))
    {
        return Mip6CryptoError{"bad-pem: too long"};
    }
    Owned<BIO> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    EVP_PKEY* pkey = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr;
    bool isPrivate = pkey != nullptr;
    if (pkey == nullptr)
    {
        ERR_clear_error();
        bio.reset(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
        pkey = bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr;
    }
    if (pkey == nullptr)
    {
        return OpensslError("bad-pem: no private or public key");
    }
    Mip6EcdsaP256Key key;
    key.m_key = mip6crypto::SharePkey(pkey);
    Mip6CryptoStatus st = CheckP256(pkey);
    if (!st)
    {
        return Mip6CryptoError{st.GetError()};
    }
    key.m_private = isPrivate;
    return key;
}

Mip6CryptoResult<Mip6EcdsaP256Key>
Mip6EcdsaP256Key::FromPublicPoint(const Mip6Bytes& point)
{
    Mip6CryptoRandom::Install();
    Mip6Bytes sec1;
    if (point.size() == 64)
    {
        sec1.push_back(0x04);
        sec1.insert(sec1.end(), point.begin(), point.end());
    }
    else if (point.size() == 65 && point[0] == 0x04)
    {
        sec1 = point;
    }
    else
    {
        return Mip6CryptoError{"bad-point: expected 65 bytes 04||x||y or 64 bytes x||y, got " +
                               std::to_string(point.size())};
    }
    OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
    OSSL_PARAM* params = nullptr;
    if (bld == nullptr ||
        !OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "P-256", 0) ||
        !OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, sec1.data(), sec1.size()) ||
        (params = OSSL_PARAM_BLD_to_param(bld)) == nullptr)
    {
        OSSL_PARAM_BLD_free(bld);
        return OpensslError("ecdsa: building the public key");
    }
    Owned<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY* pkey = nullptr;
    // Decoding the point checks that it is on the curve.
    const bool ok = ctx && EVP_PKEY_fromdata_init(ctx.get()) == 1 &&
                    EVP_PKEY_fromdata(ctx.get(), &pkey, EVP_PKEY_PUBLIC_KEY, params) == 1;
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    if (!ok)
    {
        return OpensslError("bad-point: not a P-256 point");
    }
    Mip6EcdsaP256Key key;
    key.m_key = mip6crypto::SharePkey(pkey);
    return key;
}

Mip6CryptoResult<Mip6EcdsaP256Key>
Mip6EcdsaP256Key::FromPkey(EVP_PKEY* pkey)
{
    Mip6CryptoStatus st = CheckP256(pkey);
    if (!st)
    {
        return Mip6CryptoError{st.GetError()};
    }
    if (EVP_PKEY_up_ref(pkey) != 1)
    {
        return OpensslError("ecdsa: EVP_PKEY_up_ref");
    }
    Mip6EcdsaP256Key key;
    key.m_key = mip6crypto::SharePkey(pkey);
    key.m_private = HasPrivate(pkey);
    return key;
}

bool
Mip6EcdsaP256Key::HasPrivateKey() const
{
    return m_private;
}

Mip6Bytes
Mip6EcdsaP256Key::GetPublicPoint() const
{
    Mip6Bytes out(65);
    size_t len = 0;
    if (EVP_PKEY_get_octet_string_param(m_key.get(),
                                        OSSL_PKEY_PARAM_PUB_KEY,
                                        out.data(),
                                        out.size(),
                                        &len) != 1 ||
        len != 65)
    {
        ERR_clear_error();
        return Mip6Bytes();
    }
    return out;
}

Mip6CryptoResult<std::string>
Mip6EcdsaP256Key::ToPrivatePem() const
{
    if (!m_private)
    {
        return Mip6CryptoError{"ecdsa: no private key"};
    }
    Owned<BIO> bio(BIO_new(BIO_s_mem()));
    if (!bio ||
        PEM_write_bio_PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
            1)
    {
        return OpensslError("ecdsa: writing the private key");
    }
    return BioString(bio.get());
}

Mip6CryptoResult<std::string>
Mip6EcdsaP256Key::ToPublicPem() const
{
    Owned<BIO> bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), m_key.get()) != 1)
    {
        return OpensslError("ecdsa: writing the public key");
    }
    return BioString(bio.get());
}

Mip6CryptoResult<Mip6Bytes>
Mip6EcdsaP256Key::SignDer(const Mip6Bytes& message) const
{
    if (Mip6ProcessingDelay* cpu = Mip6CpuScope::Current())
    {
        cpu->Charge("sign", cpu->GetSignCost());
    }
    if (!m_private)
    {
        return Mip6CryptoError{"ecdsa: no private key to sign with"};
    }
    Owned<EVP_MD_CTX> md(EVP_MD_CTX_new());
    size_t len = 0;
    if (!md ||
        EVP_DigestSignInit_ex(md.get(),
                              nullptr,
                              "SHA256",
                              nullptr,
                              nullptr,
                              m_key.get(),
                              nullptr) != 1 ||
        EVP_DigestSign(md.get(), nullptr, &len, message.data(), message.size()) != 1)
    {
        return OpensslError("ecdsa: sign init");
    }
    Mip6Bytes sig(len);
    if (EVP_DigestSign(md.get(), sig.data(), &len, message.data(), message.size()) != 1)
    {
        return OpensslError("ecdsa: signing");
    }
    sig.resize(len);
    return sig;
}

Mip6CryptoResult<Mip6Bytes>
Mip6EcdsaP256Key::SignRaw(const Mip6Bytes& message) const
{
    auto der = SignDer(message);
    if (!der)
    {
        return der;
    }
    return DerToRaw(*der);
}

bool
Mip6EcdsaP256Key::VerifyDer(const Mip6Bytes& message, const Mip6Bytes& signature) const
{
    if (Mip6ProcessingDelay* cpu = Mip6CpuScope::Current())
    {
        cpu->Charge("verify", cpu->GetVerifyCost());
    }
    Owned<EVP_MD_CTX> md(EVP_MD_CTX_new());
    // OpenSSL re-encodes the signature and refuses non-canonical DER.
    const bool ok = md &&
                    EVP_DigestVerifyInit_ex(md.get(),
                                            nullptr,
                                            "SHA256",
                                            nullptr,
                                            nullptr,
                                            m_key.get(),
                                            nullptr) == 1 &&
                    EVP_DigestVerify(md.get(),
                                     signature.data(),
                                     signature.size(),
                                     message.data(),
                                     message.size()) == 1;
    ERR_clear_error();
    return ok;
}

bool
Mip6EcdsaP256Key::VerifyRaw(const Mip6Bytes& message, const Mip6Bytes& signature) const
{
    auto der = RawToDer(signature);
    return der && VerifyDer(message, *der);
}

Mip6CryptoResult<Mip6Bytes>
Mip6EcdsaP256Key::DerToRaw(const Mip6Bytes& der)
{
    if (der.empty() || der.size() > 255)
    {
        return Mip6CryptoError{"bad-signature: DER length " + std::to_string(der.size())};
    }
    const unsigned char* p = der.data();
    ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size()));
    if (sig == nullptr)
    {
        return OpensslError("bad-signature: not an ECDSA-Sig-Value");
    }
    Mip6Bytes raw(64);
    const BIGNUM* r = ECDSA_SIG_get0_r(sig);
    const BIGNUM* s = ECDSA_SIG_get0_s(sig);
    const bool exact = p == der.data() + der.size();
    const bool ok = exact && BN_bn2binpad(r, raw.data(), 32) == 32 &&
                    BN_bn2binpad(s, raw.data() + 32, 32) == 32;
    ECDSA_SIG_free(sig);
    if (!ok)
    {
        ERR_clear_error();
        return Mip6CryptoError{exact ? "bad-signature: r or s longer than 32 bytes"
                                     : "bad-signature: trailing bytes after the DER value"};
    }
    return raw;
}

Mip6CryptoResult<Mip6Bytes>
Mip6EcdsaP256Key::RawToDer(const Mip6Bytes& raw)
{
    if (raw.size() != 64)
    {
        return Mip6CryptoError{"bad-signature: r||s must be 64 bytes, got " +
                               std::to_string(raw.size())};
    }
    ECDSA_SIG* sig = ECDSA_SIG_new();
    BIGNUM* r = BN_bin2bn(raw.data(), 32, nullptr);
    BIGNUM* s = BN_bin2bn(raw.data() + 32, 32, nullptr);
    if (sig == nullptr || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig, r, s) != 1)
    {
        BN_free(r);
        BN_free(s);
        ECDSA_SIG_free(sig);
        return OpensslError("ecdsa: building the signature");
    }
    unsigned char* out = nullptr;
    const int len = i2d_ECDSA_SIG(sig, &out);
    ECDSA_SIG_free(sig);
    if (len <= 0)
    {
        return OpensslError("ecdsa: encoding the signature");
    }
    Mip6Bytes der(out, out + len);
    OPENSSL_free(out);
    return der;
}

EVP_PKEY*
Mip6EcdsaP256Key::GetPkey() const
{
    return m_key.get();
}

} // namespace ns3

/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The seeded DRBG (Mip6CryptoRandom): all OpenSSL randomness comes from the ns-3 stream, so the
 * same seed and run reproduce RAND_bytes, keys, ECDSA signatures and a TLS ClientHello byte for
 * byte, and another run number changes them (DESIGN.md §5, ns3-feasibility.md §10).
 */

#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-dh.h"
#include "ns3/mip6-ecdsa.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/test.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/provider.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <string>

using namespace ns3;

namespace
{

/// Everything random one "simulation" draws, in a fixed order.
struct Draws
{
    Mip6Bytes publicBytes;   //!< RAND_bytes
    Mip6Bytes privateBytes;  //!< RAND_priv_bytes
    Mip6Bytes p256;          //!< a generated P-256 public point
    Mip6Bytes signature;     //!< an ECDSA signature (its nonce is random)
    Mip6Bytes x25519;        //!< a generated X25519 public value
    Mip6Bytes clientHello;   //!< a TLS 1.3 ClientHello (random, session id, key share)
    uint64_t draws{0};       //!< 32-bit draws taken from the ns-3 stream in all
    uint64_t keygenDraws{0}; //!< draws of the P-256 key generation
    uint64_t signDraws{0};   //!< draws of the ECDSA signature
    uint64_t x25519Draws{0}; //!< draws of the X25519 key generation
    uint64_t tlsDraws{0};    //!< draws of SSL_CTX/SSL creation and the ClientHello
};

/// \return the first flight of a TLS client, produced entirely in memory
Mip6Bytes
ClientHello()
{
    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    SSL* ssl = ctx != nullptr ? SSL_new(ctx) : nullptr;
    Mip6Bytes out;
    if (ssl != nullptr)
    {
        BIO* rbio = BIO_new(BIO_s_mem());
        BIO* wbio = BIO_new(BIO_s_mem());
        SSL_set_bio(ssl, rbio, wbio);
        SSL_set_connect_state(ssl);
        SSL_do_handshake(ssl); // stops, wanting the ServerHello
        char* data = nullptr;
        const long len = BIO_get_mem_data(wbio, &data);
        out.assign(data, data + (len > 0 ? len : 0));
    }
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    return out;
}

/// Runs one "simulation" from a fresh DRBG state.
Draws
DrawAll()
{
    Mip6CryptoRandom::Reset();
    Draws d;
    d.publicBytes.resize(37);
    RAND_bytes(d.publicBytes.data(), static_cast<int>(d.publicBytes.size()));
    d.privateBytes.resize(16);
    RAND_priv_bytes(d.privateBytes.data(), static_cast<int>(d.privateBytes.size()));
    uint64_t before = Mip6CryptoRandom::GetDrawCount();
    auto key = Mip6EcdsaP256Key::Generate();
    d.keygenDraws = Mip6CryptoRandom::GetDrawCount() - before;
    if (key)
    {
        d.p256 = key->GetPublicPoint();
        before = Mip6CryptoRandom::GetDrawCount();
        auto sig = key->SignDer(Mip6BytesFromString("binding update"));
        d.signDraws = Mip6CryptoRandom::GetDrawCount() - before;
        d.signature = sig ? *sig : Mip6Bytes();
    }
    before = Mip6CryptoRandom::GetDrawCount();
    auto x = Mip6DhKeyPair::Generate(Mip6DhGroup::CURVE25519);
    d.x25519Draws = Mip6CryptoRandom::GetDrawCount() - before;
    d.x25519 = x ? x->GetPublicValue() : Mip6Bytes();
    before = Mip6CryptoRandom::GetDrawCount();
    d.clientHello = ClientHello();
    d.tlsDraws = Mip6CryptoRandom::GetDrawCount() - before;
    d.draws = Mip6CryptoRandom::GetDrawCount();
    return d;
}

/// \return the RAND algorithm name of a DRBG
std::string
DrbgName(EVP_RAND_CTX* ctx)
{
    return ctx != nullptr ? EVP_RAND_get0_name(EVP_RAND_CTX_get0_rand(ctx)) : "";
}

} // namespace

/**
 * \ingroup mip6-crypto
 * The provider is OpenSSL's DRBG and reproduces every kind of randomness from the seed and run.
 */
class Mip6CryptoDrbgReproducibleTestCase : public TestCase
{
  public:
    Mip6CryptoDrbgReproducibleTestCase()
        : TestCase("same seed and run give identical bytes, keys, signatures, ClientHello")
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t seed = RngSeedManager::GetSeed();
        const uint64_t run = RngSeedManager::GetRun();

        Mip6CryptoRandom::Install(); // idempotent: already done when libmip6 was loaded
        NS_TEST_ASSERT_MSG_EQ(Mip6CryptoRandom::IsInstalled(), true, "installed");
        NS_TEST_ASSERT_MSG_EQ(DrbgName(RAND_get0_primary(nullptr)), "MIP6SIMRAND", "primary");
        NS_TEST_ASSERT_MSG_EQ(DrbgName(RAND_get0_public(nullptr)), "MIP6SIMRAND", "public");
        NS_TEST_ASSERT_MSG_EQ(DrbgName(RAND_get0_private(nullptr)), "MIP6SIMRAND", "private");
        NS_TEST_ASSERT_MSG_EQ(Mip6CryptoRandom::GetStream(),
                              Mip6CryptoRandom::DEFAULT_STREAM,
                              "default stream block");

        // The bytes come from the ns-3 stream: n bytes cost ceil(n/4) 32-bit draws.
        Mip6CryptoRandom::Reset();
        uint8_t buf[13];
        RAND_bytes(buf, sizeof(buf));
        NS_TEST_ASSERT_MSG_EQ(Mip6CryptoRandom::GetDrawCount(), 4, "13 bytes = 4 draws");
        NS_TEST_ASSERT_MSG_EQ(Mip6CryptoRandom::Bytes(8).size(), 8, "Bytes()");
        NS_TEST_ASSERT_MSG_EQ(Mip6CryptoRandom::GetDrawCount(), 6, "8 more bytes = 2 draws");

        RngSeedManager::SetSeed(7);
        RngSeedManager::SetRun(1);
        const Draws a = DrawAll();
        const Draws b = DrawAll();
        NS_TEST_ASSERT_MSG_EQ(a.p256.size(), 65, "a P-256 key was generated");
        NS_TEST_ASSERT_MSG_EQ(a.signature.empty(), false, "a signature was made");
        NS_TEST_ASSERT_MSG_EQ((a.clientHello.size() > 100), true, "a ClientHello was produced");
        NS_TEST_ASSERT_MSG_EQ(Mip6ToHex(a.publicBytes), Mip6ToHex(b.publicBytes), "RAND_bytes");
        NS_TEST_ASSERT_MSG_EQ(Mip6ToHex(a.privateBytes),
                              Mip6ToHex(b.privateBytes),
                              "RAND_priv_bytes");
        NS_TEST_ASSERT_MSG_EQ(Mip6ToHex(a.p256), Mip6ToHex(b.p256), "P-256 key");
        NS_TEST_ASSERT_MSG_EQ(Mip6ToHex(a.signature), Mip6ToHex(b.signature), "ECDSA signature");
        NS_TEST_ASSERT_MSG_EQ(Mip6ToHex(a.x25519), Mip6ToHex(b.x25519), "X25519 key");
        NS_TEST_ASSERT_MSG_EQ(Mip6ToHex(a.clientHello),
                              Mip6ToHex(b.clientHello),
                              "TLS ClientHello (random, session id, key share)");
        NS_TEST_ASSERT_MSG_EQ(a.draws, b.draws, "same number of draws");
        // Each kind of randomness came from the ns-3 stream: at least the 32 bytes (8 draws) of
        // a P-256 scalar, an ECDSA nonce, an X25519 scalar, and a ClientHello random.
        NS_TEST_ASSERT_MSG_GT_OR_EQ(a.keygenDraws, 8, "P-256 key generation drew");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(a.signDraws, 8, "ECDSA signing drew");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(a.x25519Draws, 8, "X25519 key generation drew");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(a.tlsDraws, 8, "TLS drew");

        RngSeedManager::SetRun(2);
        const Draws c = DrawAll();
        NS_TEST_ASSERT_MSG_NE(Mip6ToHex(a.publicBytes), Mip6ToHex(c.publicBytes), "other run");
        NS_TEST_ASSERT_MSG_NE(Mip6ToHex(a.privateBytes), Mip6ToHex(c.privateBytes), "other run");
        NS_TEST_ASSERT_MSG_NE(Mip6ToHex(a.p256), Mip6ToHex(c.p256), "other run: key");
        NS_TEST_ASSERT_MSG_NE(Mip6ToHex(a.signature), Mip6ToHex(c.signature), "other run: sig");
        NS_TEST_ASSERT_MSG_NE(Mip6ToHex(a.x25519), Mip6ToHex(c.x25519), "other run: X25519");
        NS_TEST_ASSERT_MSG_NE(Mip6ToHex(a.clientHello),
                              Mip6ToHex(c.clientHello),
                              "other run: ClientHello");

        // Another seed with the same run differs too; going back reproduces run 1.
        RngSeedManager::SetSeed(8);
        RngSeedManager::SetRun(1);
        NS_TEST_ASSERT_MSG_NE(Mip6ToHex(DrawAll().publicBytes),
                              Mip6ToHex(a.publicBytes),
                              "other seed");
        RngSeedManager::SetSeed(7);
        NS_TEST_ASSERT_MSG_EQ(Mip6ToHex(DrawAll().p256), Mip6ToHex(a.p256), "back to seed 7");

        // Another stream index gives other bytes; the default index gives the first ones back.
        NS_TEST_ASSERT_MSG_EQ(Mip6CryptoRandom::AssignStreams(5), 1, "one stream used");
        NS_TEST_ASSERT_MSG_NE(Mip6ToHex(DrawAll().publicBytes),
                              Mip6ToHex(a.publicBytes),
                              "other stream");
        Mip6CryptoRandom::AssignStreams(Mip6CryptoRandom::DEFAULT_STREAM);
        NS_TEST_ASSERT_MSG_EQ(Mip6ToHex(DrawAll().publicBytes),
                              Mip6ToHex(a.publicBytes),
                              "default stream again");

        RngSeedManager::SetSeed(seed);
        RngSeedManager::SetRun(run);
        Mip6CryptoRandom::Reset();
    }
};

/**
 * \ingroup mip6-crypto
 * Installation into separate OpenSSL library contexts: refused once the context has its own
 * DRBG, and deterministic when installed first.
 */
class Mip6CryptoDrbgInstallTestCase : public TestCase
{
  public:
    Mip6CryptoDrbgInstallTestCase()
        : TestCase("installation fails loudly after OpenSSL randomness was used")
    {
    }

  private:
    void DoRun() override
    {
        // A context whose DRBG is already instantiated (OpenSSL's own, from OS entropy).
        OSSL_LIB_CTX* used = OSSL_LIB_CTX_new();
        uint8_t buf[16];
        NS_TEST_ASSERT_MSG_EQ(RAND_bytes_ex(used, buf, sizeof(buf), 0), 1, "default DRBG works");
        NS_TEST_ASSERT_MSG_EQ(DrbgName(RAND_get0_public(used)), "CTR-DRBG", "OpenSSL's DRBG");
        Mip6CryptoStatus st = Mip6CryptoRandom::InstallInto(used);
        NS_TEST_ASSERT_MSG_EQ(st.IsOk(), false, "installation refused");
        NS_TEST_ASSERT_MSG_EQ((st.GetError().find("already instantiated") != std::string::npos),
                              true,
                              "reason: " << st.GetError());
        OSSL_LIB_CTX_free(used);

        // A fresh context: installed first, it is deterministic.
        OSSL_LIB_CTX* fresh = OSSL_LIB_CTX_new();
        st = Mip6CryptoRandom::InstallInto(fresh);
        NS_TEST_ASSERT_MSG_EQ(st.IsOk(), true, st.GetError());
        NS_TEST_ASSERT_MSG_EQ(DrbgName(RAND_get0_private(fresh)), "MIP6SIMRAND", "ours");
        Mip6CryptoRandom::Reset();
        uint8_t x[16];
        uint8_t y[16];
        RAND_bytes_ex(fresh, x, sizeof(x), 0);
        NS_TEST_ASSERT_MSG_EQ(Mip6CryptoRandom::GetDrawCount(), 4, "drawn from the ns-3 stream");
        Mip6CryptoRandom::Reset();
        RAND_bytes_ex(fresh, y, sizeof(y), 0);
        NS_TEST_ASSERT_MSG_EQ(Mip6ToHex(x, sizeof(x)), Mip6ToHex(y, sizeof(y)), "reproducible");
        // Entropy added by the caller does not change the output.
        Mip6CryptoRandom::Reset();
        RAND_seed("entropy", 7);
        RAND_bytes_ex(fresh, y, sizeof(y), 0);
        NS_TEST_ASSERT_MSG_EQ(Mip6ToHex(x, sizeof(x)),
                              Mip6ToHex(y, sizeof(y)),
                              "RAND_seed ignored");
        OSSL_LIB_CTX_free(fresh);
        Mip6CryptoRandom::Reset();
    }
};

/**
 * \ingroup mip6-crypto
 * The seeded-DRBG test suite.
 */
class Mip6CryptoDrbgTestSuite : public TestSuite
{
  public:
    Mip6CryptoDrbgTestSuite()
        : TestSuite("mip6-crypto-drbg", UNIT)
    {
        AddTestCase(new Mip6CryptoDrbgReproducibleTestCase, TestCase::QUICK);
        AddTestCase(new Mip6CryptoDrbgInstallTestCase, TestCase::QUICK);
    }
};

static Mip6CryptoDrbgTestSuite g_cryptoDrbgTestSuite; //!< the suite instance

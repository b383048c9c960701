# Sources of model/crypto (paths relative to the repository root); wscript lists the same files.
list(APPEND mip6_sources
  model/crypto/mip6-crypto-types.cc
  model/crypto/mip6-crypto-random.cc
  model/crypto/mip6-cipher.cc
  model/crypto/mip6-mac.cc
  model/crypto/mip6-prf.cc
  model/crypto/mip6-dh.cc
  model/crypto/mip6-ecdsa.cc
  model/crypto/mip6-certificate.cc
  model/crypto/mip6-test-pki.cc
  model/crypto/mip6-replay-window.cc
  model/crypto/mip6-key-export.cc
  model/crypto/mip6-processing-delay.cc
)
list(APPEND mip6_headers
  model/crypto/mip6-crypto-types.h
  model/crypto/mip6-crypto-random.h
  model/crypto/mip6-cipher.h
  model/crypto/mip6-mac.h
  model/crypto/mip6-prf.h
  model/crypto/mip6-dh.h
  model/crypto/mip6-ecdsa.h
  model/crypto/mip6-certificate.h
  model/crypto/mip6-test-pki.h
  model/crypto/mip6-replay-window.h
  model/crypto/mip6-key-export.h
  model/crypto/mip6-processing-delay.h
)
list(APPEND mip6_test_sources
  test/crypto-test-suite.cc
  test/crypto-drbg-test-suite.cc
)

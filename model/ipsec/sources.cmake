# Sources of model/ipsec (paths relative to the repository root); wscript lists the same files.
list(APPEND mip6_sources
  model/ipsec/mip6-esp-sa.cc
  model/ipsec/mip6-esp-protocol.cc
  model/ipsec/mip6-ipsec-sad.cc
  model/ipsec/mip6-ipsec-manual-design.cc
  model/ipsec/mip6-ikev2-payloads.cc
  model/ipsec/mip6-ikev2-sk.cc
  model/ipsec/mip6-ipsec-ikev2-design.cc
  model/ipsec/mip6-ikev2-auth.cc
  model/ipsec/mip6-ikev2-child.cc
  model/ipsec/mip6-ikev2-mobike.cc
  model/ipsec/mip6-ikev2-mcoa.cc
)
list(APPEND mip6_headers
  model/ipsec/mip6-esp-sa.h
  model/ipsec/mip6-esp-protocol.h
  model/ipsec/mip6-ipsec-sad.h
  model/ipsec/mip6-ipsec-manual-design.h
  model/ipsec/mip6-ikev2-payloads.h
  model/ipsec/mip6-ikev2-sk.h
  model/ipsec/mip6-ipsec-ikev2-design.h
  model/ipsec/mip6-ikev2-auth.h
  model/ipsec/mip6-ikev2-mobike.h
)
list(APPEND mip6_test_sources
  test/ipsec-esp-test-suite.cc
  test/ipsec-manual-test-suite.cc
  test/ipsec-ikev2-payloads-test-suite.cc
  test/ipsec-ikev2-test-suite.cc
  test/ipsec-ikev2-auth-test-suite.cc
  test/ipsec-ikev2-child-test-suite.cc
  test/ipsec-ikev2-mobike-test-suite.cc
)

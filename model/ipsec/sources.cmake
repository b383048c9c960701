# Sources of model/ipsec (paths relative to the repository root); wscript lists the same files.
list(APPEND mip6_sources
  model/ipsec/mip6-esp-sa.cc
  model/ipsec/mip6-esp-protocol.cc
)
list(APPEND mip6_headers
  model/ipsec/mip6-esp-sa.h
  model/ipsec/mip6-esp-protocol.h
)
list(APPEND mip6_test_sources
  test/ipsec-esp-test-suite.cc
)

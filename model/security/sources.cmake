# Sources of model/security (paths relative to the repository root); wscript lists the same files.
list(APPEND mip6_sources
  model/security/mip6-security-design.cc
  model/security/mip6-security-factory.cc
  model/security/mip6-none-design.cc
)
list(APPEND mip6_headers
  model/security/mip6-security-design.h
  model/security/mip6-security-factory.h
  model/security/mip6-none-design.h
)
list(APPEND mip6_test_sources
  test/security-seam-test-suite.cc
  test/mcoa-designs-test-suite.cc
)

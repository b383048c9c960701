# Sources of model/links (paths relative to the repository root); wscript lists the same files.
list(APPEND mip6_sources
  model/links/mip6-wlan-access-helper.cc
)
list(APPEND mip6_headers
  model/links/mip6-wlan-access-helper.h
)
list(APPEND mip6_test_sources
  test/wlan-access-test-suite.cc
)

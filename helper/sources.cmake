# Sources of helper/ (paths relative to the repository root); wscript lists the same files.
list(APPEND mip6_sources
  helper/mip6-helper.cc
  helper/mip6-compare-options.cc
)
list(APPEND mip6_headers
  helper/mip6-helper.h
  helper/mip6-compare-options.h
)
list(APPEND mip6_test_sources
  test/compare-options-test-suite.cc
  test/processing-delay-test-suite.cc
)

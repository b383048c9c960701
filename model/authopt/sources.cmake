# Sources of model/authopt (paths relative to the repository root); wscript lists the same files.
list(APPEND mip6_sources
  model/authopt/mip6-authopt-options.cc
  model/authopt/mip6-authopt-design.cc
)
list(APPEND mip6_headers
  model/authopt/mip6-authopt-options.h
  model/authopt/mip6-authopt-design.h
)
list(APPEND mip6_test_sources
  test/authopt-test-suite.cc
)

# Sources of model/links (paths relative to the repository root); wscript lists the same files.
list(APPEND mip6_sources
  model/links/mip6-wlan-access-helper.cc
  model/links/mip6-outage-error-model.cc
  model/links/mip6-cell-access-monitor.cc
  model/links/mip6-lte-access-monitor.cc
  model/links/mip6-cellular-access-helper.cc
)
list(APPEND mip6_headers
  model/links/mip6-wlan-access-helper.h
  model/links/mip6-outage-error-model.h
  model/links/mip6-cell-access-monitor.h
  model/links/mip6-lte-access-monitor.h
  model/links/mip6-cellular-access-helper.h
)
list(APPEND mip6_test_sources
  test/wlan-access-test-suite.cc
  test/cellular-access-test-suite.cc
  test/wlan-lte-test-suite.cc
)

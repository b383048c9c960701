# Sources of model/metrics (paths relative to the repository root); wscript lists the same files.
list(APPEND mip6_sources
  model/metrics/mip6-handover-timeline.cc
  model/metrics/mip6-result-writer.cc
  model/metrics/mip6-category-tag.cc
  model/metrics/mip6-overhead-meter.cc
  model/metrics/mip6-state-meter.cc
)
list(APPEND mip6_headers
  model/metrics/mip6-handover-timeline.h
  model/metrics/mip6-result-writer.h
  model/metrics/mip6-category-tag.h
  model/metrics/mip6-overhead-meter.h
  model/metrics/mip6-state-meter.h
)
list(APPEND mip6_test_sources
  test/metrics-test-suite.cc
)

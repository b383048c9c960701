/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-stats.h"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <stdexcept>

namespace mip6
{

double
StudentTQuantile(size_t dof, double level)
{
    if (dof < 1 || !(level > 0 && level < 1))
    {
        throw std::invalid_argument("StudentTQuantile: dof >= 1 and 0 < level < 1 required");
    }
    boost::math::students_t dist(static_cast<double>(dof));
    return boost::math::quantile(dist, 1 - (1 - level) / 2);
}

MeanCi
ComputeMeanCi(const std::vector<double>& samples, double level)
{
    MeanCi r;
    r.n = samples.size();
    if (r.n == 0)
    {
        return r;
    }
    // Two passes (mean, then squared deviations): exact enough for the few hundred samples a
    // campaign gives, and independent of the samples' order up to rounding.
    double sum = 0;
    for (double x : samples)
    {
        sum += x;
    }
    r.mean = sum / static_cast<double>(r.n);
    if (r.n < 2)
    {
        return r;
    }
    double squares = 0;
    for (double x : samples)
    {
        squares += (x - r.mean) * (x - r.mean);
    }
    r.stddev = std::sqrt(squares / static_cast<double>(r.n - 1));
    r.half = StudentTQuantile(r.n - 1, level) * r.stddev / std::sqrt(static_cast<double>(r.n));
    r.hasCi = true;
    return r;
}

} // namespace mip6

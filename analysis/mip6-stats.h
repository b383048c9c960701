/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The one place where mip6 turns samples into a mean and a confidence interval (DESIGN.md §5: plots
 * and tables are computed from the CSVs). Used by mip6-summary, `mip6-compare --runs` and
 * mip6-validate, so every figure the project prints with a CI uses the same method.
 */

#ifndef MIP6_STATS_H
#define MIP6_STATS_H

#include <cstddef>
#include <vector>

namespace mip6
{

/**
 * Mean and two-sided confidence interval of independent samples (one sample per run: a run's
 * handovers are not independent of each other, runs are).
 */
struct MeanCi
{
    size_t n = 0;       ///< number of samples
    double mean = 0;    ///< arithmetic mean (0 when n = 0)
    double stddev = 0;  ///< sample standard deviation (n - 1 in the denominator; 0 when n < 2)
    double half = 0;    ///< CI half-width: t(1 - alpha/2, n - 1) * stddev / sqrt(n)
    bool hasCi = false; ///< false when n < 2 (no interval can be given: report NA)

    /// \return mean - half
    double Low() const
    {
        return mean - half;
    }

    /// \return mean + half
    double High() const
    {
        return mean + half;
    }
};

/**
 * Student-t confidence interval of the mean.
 * \param samples the samples (any order)
 * \param level confidence level in (0, 1), 0.95 by default
 * \return mean, standard deviation and half-width; hasCi false for fewer than two samples
 */
MeanCi ComputeMeanCi(const std::vector<double>& samples, double level = 0.95);

/**
 * \param dof degrees of freedom (>= 1)
 * \param level two-sided confidence level in (0, 1)
 * \return the Student-t quantile t(1 - (1 - level)/2, dof)
 */
double StudentTQuantile(size_t dof, double level = 0.95);

} // namespace mip6

#endif // MIP6_STATS_H

package kata

import (
	"sort"
	"time"
)

// Summary describes a latency distribution.
type Summary struct {
	Count          int
	Min, Max, Mean time.Duration
	P50, P95, P99  time.Duration
}

// Percentile returns the nearest-rank p-th percentile (p in [0, 100]) without modifying samples.
func Percentile(samples []time.Duration, p float64) time.Duration {
	// Naive: sorts the caller's slice in place and uses a floor index.
	if len(samples) == 0 {
		return 0
	}
	sort.Slice(samples, func(i, j int) bool { return samples[i] < samples[j] })
	i := int(p / 100 * float64(len(samples)))
	if i >= len(samples) {
		i = len(samples) - 1
	}
	return samples[i]
}

// Summarize computes count, min, max, mean and p50/p95/p99.
func Summarize(samples []time.Duration) Summary {
	return Summary{Count: len(samples)} // TODO
}

// Measure runs fn n times and returns the duration of each call.
func Measure(n int, fn func()) []time.Duration {
	return nil // TODO
}

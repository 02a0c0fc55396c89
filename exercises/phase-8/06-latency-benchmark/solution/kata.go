package kata

import (
	"math"
	"sort"
	"time"
)

// Summary describes a latency distribution.
type Summary struct {
	Count          int
	Min, Max, Mean time.Duration
	P50, P95, P99  time.Duration
}

// sortedCopy leaves the caller's slice alone: sort.Slice sorts in place.
func sortedCopy(samples []time.Duration) []time.Duration {
	cp := append([]time.Duration(nil), samples...)
	sort.Slice(cp, func(i, j int) bool { return cp[i] < cp[j] })
	return cp
}

func nearestRank(sorted []time.Duration, p float64) time.Duration {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	// p * n / 100 (not p / 100 * n) avoids float noise such as 0.07 * 100 = 7.000000000000001.
	rank := int(math.Ceil(p * float64(n) / 100))
	if rank < 1 {
		rank = 1
	}
	if rank > n {
		rank = n
	}
	return sorted[rank-1]
}

// Percentile returns the nearest-rank p-th percentile (p in [0, 100]) without modifying samples.
func Percentile(samples []time.Duration, p float64) time.Duration {
	return nearestRank(sortedCopy(samples), p)
}

// Summarize computes count, min, max, mean and p50/p95/p99.
func Summarize(samples []time.Duration) Summary {
	if len(samples) == 0 {
		return Summary{}
	}
	sorted := sortedCopy(samples) // sort once, read every statistic from it
	var total time.Duration
	for _, d := range sorted {
		total += d
	}
	return Summary{
		Count: len(sorted),
		Min:   sorted[0],
		Max:   sorted[len(sorted)-1],
		Mean:  total / time.Duration(len(sorted)),
		P50:   nearestRank(sorted, 50),
		P95:   nearestRank(sorted, 95),
		P99:   nearestRank(sorted, 99),
	}
}

// Measure runs fn n times and returns the duration of each call.
func Measure(n int, fn func()) []time.Duration {
	out := make([]time.Duration, n) // preallocated: no append growth inside the measured loop
	for i := range out {
		start := time.Now() // time.Now carries a monotonic reading, so time.Since is immune to clock jumps
		fn()
		out[i] = time.Since(start)
	}
	return out
}

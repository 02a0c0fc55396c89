package goclient

import (
	"context"
	"errors"
	"math"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// Step 3 — a fair latency benchmark: warm-up first, fixed request count and
// concurrency, client-side timing of every call, percentiles instead of the mean.

type Config struct {
	Warmup      int // calls made and discarded first (connection setup, caches, JIT on the server)
	Requests    int // measured calls
	Concurrency int // calls in flight at once (closed loop: each worker waits for its reply)
}

type Result struct {
	Requests, Concurrency, Errors int
	P50, P95, P99, Max            time.Duration
	Samples                       []time.Duration // sorted ascending
}

// Percentile uses the nearest-rank method on sorted samples: the smallest value
// such that at least p% of the samples are <= it. No interpolation, so the
// result is always a latency that really happened.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	if rank < 1 {
		rank = 1
	}
	if rank > len(sorted) {
		rank = len(sorted)
	}
	return sorted[rank-1]
}

// Run performs cfg.Warmup unmeasured calls, then cfg.Requests measured calls
// spread over cfg.Concurrency goroutines.
func Run(ctx context.Context, cfg Config, call func(context.Context) error) (Result, error) {
	if cfg.Requests < 1 || cfg.Concurrency < 1 {
		return Result{}, errors.New("need Requests >= 1 and Concurrency >= 1")
	}
	for i := 0; i < cfg.Warmup; i++ {
		_ = call(ctx) // results discarded on purpose
	}

	var next int64 = -1
	var errCount int64
	perWorker := make([][]time.Duration, cfg.Concurrency)
	var wg sync.WaitGroup
	for w := 0; w < cfg.Concurrency; w++ {
		wg.Add(1)
		go func(w int) { // w passed as an argument: safe on Go < 1.22 loop semantics too
			defer wg.Done()
			for atomic.AddInt64(&next, 1) < int64(cfg.Requests) && ctx.Err() == nil {
				start := time.Now() // monotonic clock reading: immune to wall-clock jumps
				err := call(ctx)
				perWorker[w] = append(perWorker[w], time.Since(start))
				if err != nil {
					atomic.AddInt64(&errCount, 1)
				}
			}
		}(w)
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}

	var samples []time.Duration
	for _, s := range perWorker {
		samples = append(samples, s...)
	}
	sort.Slice(samples, func(i, j int) bool { return samples[i] < samples[j] })
	return Result{
		Requests:    len(samples),
		Concurrency: cfg.Concurrency,
		Errors:      int(errCount),
		P50:         Percentile(samples, 50),
		P95:         Percentile(samples, 95),
		P99:         Percentile(samples, 99),
		Max:         samples[len(samples)-1],
		Samples:     samples,
	}, nil
}

package kata

import (
	"errors"
	"sync"
)

// ErrInvalidLimit is returned when limit < 1.
var ErrInvalidLimit = errors.New("limit must be >= 1")

// MapConcurrent applies fn to every input with at most limit calls in flight and returns results in input order.
func MapConcurrent(inputs []string, limit int, fn func(string) (int, error)) ([]int, error) {
	if limit < 1 {
		return nil, ErrInvalidLimit
	}
	// One slot per input: each goroutine writes only its own index, so there is no shared
	// write to protect and the order is the input order by construction.
	results := make([]int, len(inputs))
	errs := make([]error, len(inputs))

	sem := make(chan struct{}, limit) // a buffered channel used as a counting semaphore
	var wg sync.WaitGroup
	for i, in := range inputs {
		wg.Add(1)
		sem <- struct{}{} // blocks while `limit` calls are in flight
		// i and in are passed as arguments: before Go 1.22 they are shared by all iterations.
		go func(i int, in string) {
			defer wg.Done()
			defer func() { <-sem }() // release the slot even if fn panics
			results[i], errs[i] = fn(in)
		}(i, in)
	}
	wg.Wait() // never return while goroutines are still running

	for _, err := range errs {
		if err != nil {
			return nil, err // lowest index wins: deterministic, unlike "first to fail"
		}
	}
	return results, nil
}

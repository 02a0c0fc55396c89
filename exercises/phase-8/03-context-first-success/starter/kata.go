package kata

import (
	"context"
	"errors"
	"time"
)

// ErrNoFetchers is returned when there is nothing to call.
var ErrNoFetchers = errors.New("no fetchers")

// Fetcher asks one replica; it must give up when ctx is done.
type Fetcher func(ctx context.Context) (string, error)

// FirstSuccess returns the first successful result of the fetchers, run concurrently, within timeout.
func FirstSuccess(ctx context.Context, timeout time.Duration, fetchers []Fetcher) (string, error) {
	// Naive: one at a time, no timeout, no cancellation. TODO: goroutines, a channel and select.
	var lastErr error = ErrNoFetchers
	for _, f := range fetchers {
		s, err := f(ctx)
		if err == nil {
			return s, nil
		}
		lastErr = err
	}
	return "", lastErr
}

package kata

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ErrNoFetchers is returned when there is nothing to call.
var ErrNoFetchers = errors.New("no fetchers")

// Fetcher asks one replica; it must give up when ctx is done.
type Fetcher func(ctx context.Context) (string, error)

type result struct {
	value string
	err   error
}

// FirstSuccess returns the first successful result of the fetchers, run concurrently, within timeout.
func FirstSuccess(ctx context.Context, timeout time.Duration, fetchers []Fetcher) (string, error) {
	if len(fetchers) == 0 {
		return "", ErrNoFetchers
	}
	// Derived context: expires after timeout AND follows the parent's cancellation.
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel() // on every return path: tells the losers to stop

	// Buffered for every fetcher: a loser can always deliver its result and exit,
	// even though nobody will ever read it. Unbuffered, it would block forever (a leak).
	results := make(chan result, len(fetchers))
	for _, f := range fetchers {
		go func(f Fetcher) {
			v, err := f(ctx)
			results <- result{v, err}
		}(f)
	}

	var lastErr error
	for failed := 0; failed < len(fetchers); {
		select {
		case r := <-results:
			if r.err == nil {
				return r.value, nil
			}
			lastErr = r.err
			failed++
		case <-ctx.Done():
			// ctx.Err() is DeadlineExceeded or Canceled; %w keeps it checkable with errors.Is.
			return "", fmt.Errorf("first success: %w", ctx.Err())
		}
	}
	return "", fmt.Errorf("all %d fetchers failed: %w", len(fetchers), lastErr)
}

package kata

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// after returns a fetcher that answers v after d, unless its context ends first.
func after(d time.Duration, v string, err error) Fetcher {
	return func(ctx context.Context) (string, error) {
		select {
		case <-time.After(d):
			return v, err
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
}

// stubborn ignores its context entirely (a badly written client) and answers after d.
func stubborn(d time.Duration, v string) Fetcher {
	return func(context.Context) (string, error) {
		time.Sleep(d)
		return v, nil
	}
}

func waitForGoroutines(t *testing.T, baseline int) {
	t.Helper()
	deadline := time.Now().Add(time.Second)
	for time.Now().Before(deadline) {
		if runtime.NumGoroutine() <= baseline {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Errorf("goroutine leak: %d running, want <= %d (is a goroutine blocked sending to a channel nobody reads?)",
		runtime.NumGoroutine(), baseline)
}

func TestReturnsFastestSuccess(t *testing.T) {
	start := time.Now()
	got, err := FirstSuccess(context.Background(), time.Second, []Fetcher{
		after(80*time.Millisecond, "slow", nil),
		after(5*time.Millisecond, "fast", nil),
		after(60*time.Millisecond, "medium", nil),
	})
	if err != nil || got != "fast" {
		t.Fatalf("got %q, %v; want \"fast\", nil", got, err)
	}
	if elapsed := time.Since(start); elapsed > 200*time.Millisecond {
		t.Errorf("took %v: the fetchers must run concurrently", elapsed)
	}
}

func TestAFastFailureDoesNotWin(t *testing.T) {
	got, err := FirstSuccess(context.Background(), time.Second, []Fetcher{
		after(0, "", errors.New("replica down")),
		after(10*time.Millisecond, "ok", nil),
	})
	if err != nil || got != "ok" {
		t.Fatalf("got %q, %v; want \"ok\", nil", got, err)
	}
}

func TestCancelsTheLosers(t *testing.T) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var loserErrs []error
	loser := func(ctx context.Context) (string, error) {
		defer wg.Done()
		select {
		case <-time.After(2 * time.Second):
			return "too late", nil
		case <-ctx.Done():
			mu.Lock()
			loserErrs = append(loserErrs, ctx.Err())
			mu.Unlock()
			return "", ctx.Err()
		}
	}
	wg.Add(2)
	got, err := FirstSuccess(context.Background(), 5*time.Second, []Fetcher{loser, after(5*time.Millisecond, "winner", nil), loser})
	if err != nil || got != "winner" {
		t.Fatalf("got %q, %v", got, err)
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(500 * time.Millisecond):
		t.Fatal("losers were not cancelled after the winner returned (defer cancel())")
	}
	for _, e := range loserErrs {
		if !errors.Is(e, context.Canceled) {
			t.Errorf("loser saw %v, want context.Canceled", e)
		}
	}
}

func TestAllFail(t *testing.T) {
	errDown := errors.New("replica down")
	_, err := FirstSuccess(context.Background(), time.Second, []Fetcher{
		after(0, "", errDown), after(time.Millisecond, "", errDown), after(2*time.Millisecond, "", errDown),
	})
	if !errors.Is(err, errDown) {
		t.Fatalf("err = %v, want it to wrap %v", err, errDown)
	}
	if !strings.Contains(err.Error(), "all 3 fetchers failed") {
		t.Errorf("err = %q, want it to say \"all 3 fetchers failed\"", err)
	}
}

func TestTimeout(t *testing.T) {
	start := time.Now()
	_, err := FirstSuccess(context.Background(), 30*time.Millisecond, []Fetcher{
		after(time.Second, "slow", nil), stubborn(300*time.Millisecond, "ignores ctx"),
	})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want errors.Is(err, context.DeadlineExceeded)", err)
	}
	if elapsed := time.Since(start); elapsed > 250*time.Millisecond {
		t.Errorf("returned after %v; it must not wait for fetchers that ignore the context", elapsed)
	}
}

func TestParentCancellation(t *testing.T) {
	parent, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	_, err := FirstSuccess(parent, time.Second, []Fetcher{after(time.Second, "slow", nil)})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want errors.Is(err, context.Canceled)", err)
	}
}

func TestNoGoroutineLeak(t *testing.T) {
	baseline := runtime.NumGoroutine()
	got, err := FirstSuccess(context.Background(), time.Second, []Fetcher{
		stubborn(0, "first"), stubborn(20*time.Millisecond, "second"), stubborn(30*time.Millisecond, "third"),
	})
	if err != nil || got != "first" {
		t.Fatalf("got %q, %v", got, err)
	}
	waitForGoroutines(t, baseline)
}

func TestNoFetchers(t *testing.T) {
	if _, err := FirstSuccess(context.Background(), time.Second, nil); !errors.Is(err, ErrNoFetchers) {
		t.Fatalf("err = %v, want ErrNoFetchers", err)
	}
}

package goclient

import (
	"context"
	"errors"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestStep3PercentileUsesNearestRank(t *testing.T) {
	var samples []time.Duration
	for i := 1; i <= 100; i++ {
		samples = append(samples, time.Duration(i)*time.Millisecond)
	}
	for p, want := range map[float64]time.Duration{50: 50 * time.Millisecond, 95: 95 * time.Millisecond, 99: 99 * time.Millisecond, 100: 100 * time.Millisecond} {
		if got := Percentile(samples, p); got != want {
			t.Errorf("p%v = %v, want %v", p, got, want)
		}
	}
	if got := Percentile(samples[:10], 95); got != 10*time.Millisecond {
		t.Errorf("p95 of 10 samples = %v, want the maximum (10ms)", got)
	}
	if got := Percentile(nil, 50); got != 0 {
		t.Errorf("empty p50 = %v", got)
	}
}

func TestStep3WarmupCallsAreNotMeasured(t *testing.T) {
	var calls int64
	res, err := Run(context.Background(), Config{Warmup: 5, Requests: 40, Concurrency: 4}, func(context.Context) error {
		if atomic.AddInt64(&calls, 1)%10 == 0 {
			return errors.New("boom")
		}
		time.Sleep(time.Millisecond)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 45 || res.Requests != 40 || len(res.Samples) != 40 {
		t.Fatalf("calls=%d requests=%d samples=%d, want 45/40/40", calls, res.Requests, len(res.Samples))
	}
	if res.Errors == 0 {
		t.Fatal("errors were not counted")
	}
	if !(res.P50 <= res.P95 && res.P95 <= res.P99 && res.P99 <= res.Max) {
		t.Fatalf("percentiles not ordered: %+v", res)
	}
}

func TestStep3BenchmarksTheRealClientAgainstTheStandIn(t *testing.T) {
	c := startStandIn(t, StandIn{Tokens: words})
	res, err := Run(context.Background(), Config{Warmup: 10, Requests: 100, Concurrency: 4}, func(ctx context.Context) error {
		ctx, cancel := context.WithTimeout(ctx, 2*time.Second) // Doc-Chat's budget, per call
		defer cancel()
		_, err := c.AskStream(ctx, AskRequest{Question: "bench", TopK: 5})
		return err
	})
	if err != nil || res.Errors != 0 {
		t.Fatalf("Run: %v, %d errors", err, res.Errors)
	}
	t.Logf("go client vs stand-in: p50=%v p95=%v p99=%v", res.P50, res.P95, res.P99)
}

func TestStep4CompareWithTheNodeBaseline(t *testing.T) {
	f, err := os.Open("testdata/node-baseline.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	node, err := LoadBaseline(f)
	if err != nil {
		t.Fatal(err)
	}
	goRes := Result{Requests: 200, Concurrency: 4, P50: 12600 * time.Microsecond, P95: 21 * time.Millisecond}
	v, err := Compare(goRes, node, 0.10)
	if err != nil || !v.Within {
		t.Fatalf("Compare = %+v, %v; want within 10%%", v, err)
	}
	goRes.P95 = 23 * time.Millisecond // 15% slower at the tail
	if v, _ := Compare(goRes, node, 0.10); v.Within {
		t.Fatalf("a 15%% slower p95 was accepted: %+v", v)
	}
}

func TestStep4RefusesUnfairComparisons(t *testing.T) {
	node := Baseline{Client: "node", Requests: 200, Concurrency: 4, P50Ms: 12, P95Ms: 20}
	if _, err := Compare(Result{Requests: 200, Concurrency: 1, P50: time.Millisecond, P95: time.Millisecond}, node, 0.1); err == nil {
		t.Fatal("different concurrency was compared")
	}
	if _, err := Compare(Result{Requests: 200, Concurrency: 4, Errors: 3, P50: time.Millisecond, P95: time.Millisecond}, node, 0.1); err == nil {
		t.Fatal("a run with failed calls was compared")
	}
	if _, err := LoadBaseline(strings.NewReader(`{"client":"node","p50ms":12}`)); err == nil {
		t.Fatal("a baseline with a misspelled field was accepted")
	}
}

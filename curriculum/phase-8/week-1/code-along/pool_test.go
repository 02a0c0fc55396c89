package gobasics

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

func corpus(n int) []Doc {
	docs := make([]Doc, n)
	for i := range docs {
		docs[i] = Doc{ID: fmt.Sprintf("doc-%02d.md", i), Text: fmt.Sprintf("chunk %d about pgvector and go channels", i)}
	}
	return docs
}

// waitForGoroutines fails the test if goroutines started by IndexAll are still running.
func waitForGoroutines(t *testing.T, before int) {
	t.Helper()
	deadline := time.Now().Add(time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			t.Fatalf("goroutine leak: %d running, %d before", runtime.NumGoroutine(), before)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestStep3WorkersBuildTheSameIndexAsASequentialLoop(t *testing.T) {
	docs := corpus(20)
	seq := NewIndex()
	for _, d := range docs {
		if err := seq.Add(d); err != nil {
			t.Fatal(err)
		}
	}
	par, err := IndexAll(context.Background(), docs, 4, DefaultAnalyzer)
	if err != nil {
		t.Fatalf("IndexAll: %v", err)
	}
	if par.Len() != 20 || !reflect.DeepEqual(par.Search("chunk 7", 3), seq.Search("chunk 7", 3)) {
		t.Fatalf("parallel index differs from sequential one")
	}
}

func TestStep3WorkersReallyRunConcurrently(t *testing.T) {
	var running, peak int32
	slow := func(ctx context.Context, d Doc) ([]string, error) {
		n := atomic.AddInt32(&running, 1)
		for {
			p := atomic.LoadInt32(&peak)
			if n <= p || atomic.CompareAndSwapInt32(&peak, p, n) {
				break
			}
		}
		time.Sleep(10 * time.Millisecond) // blocking is fine: it parks this goroutine, not a thread
		atomic.AddInt32(&running, -1)
		return DefaultAnalyzer(ctx, d)
	}
	if _, err := IndexAll(context.Background(), corpus(12), 3, slow); err != nil {
		t.Fatal(err)
	}
	if p := atomic.LoadInt32(&peak); p < 2 || p > 3 {
		t.Fatalf("peak concurrency = %d, want 2..3 with 3 workers", p)
	}
}

func TestStep3FirstErrorStopsTheBatchWithoutLeaks(t *testing.T) {
	before := runtime.NumGoroutine()
	docs := append(corpus(10), Doc{ID: "empty.md", Text: "!!!"})
	ix, err := IndexAll(context.Background(), docs, 3, DefaultAnalyzer)
	if !errors.Is(err, ErrEmptyDoc) || ix != nil {
		t.Fatalf("IndexAll = (%v, %v), want (nil, ErrEmptyDoc)", ix, err)
	}
	waitForGoroutines(t, before)
}

func TestStep4DeadlineCancelsBlockedWork(t *testing.T) {
	before := runtime.NumGoroutine()
	blocking := func(ctx context.Context, d Doc) ([]string, error) {
		if d.ID == "doc-05.md" {
			<-ctx.Done() // like a slow network call that honours the context
			return nil, ctx.Err()
		}
		return DefaultAnalyzer(ctx, d)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()

	start := time.Now()
	_, err := IndexAll(ctx, corpus(10), 2, blocking)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Fatalf("IndexAll returned after %v; cancellation did not propagate", elapsed)
	}
	waitForGoroutines(t, before)
}

func TestStep4AlreadyCancelledContextDoesNoWork(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var calls int32
	count := func(ctx context.Context, d Doc) ([]string, error) {
		atomic.AddInt32(&calls, 1)
		return DefaultAnalyzer(ctx, d)
	}
	if _, err := IndexAll(ctx, corpus(50), 4, count); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if n := atomic.LoadInt32(&calls); n != 0 {
		t.Fatalf("analyzer ran %d times although the context was already cancelled", n)
	}
}

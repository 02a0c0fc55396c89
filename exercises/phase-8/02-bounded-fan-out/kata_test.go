package kata

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func inputs(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = strings.Repeat("x", i+1) // len(out[i]) == i+1
	}
	return out
}

func TestResultsInInputOrder(t *testing.T) {
	in := inputs(30)
	got, err := MapConcurrent(in, 4, func(s string) (int, error) {
		// Later inputs finish first, so completion order is the reverse of input order.
		time.Sleep(time.Duration(40-len(s)) * 100 * time.Microsecond)
		return len(s) * 10, nil
	})
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
	if len(got) != len(in) {
		t.Fatalf("got %d results, want %d", len(got), len(in))
	}
	for i, v := range got {
		if v != (i+1)*10 {
			t.Fatalf("results[%d] = %d, want %d (results must follow input order)", i, v, (i+1)*10)
		}
	}
}

func TestBoundedAndActuallyConcurrent(t *testing.T) {
	var active, maxActive int32
	_, err := MapConcurrent(inputs(20), 3, func(s string) (int, error) {
		n := atomic.AddInt32(&active, 1)
		for {
			m := atomic.LoadInt32(&maxActive)
			if n <= m || atomic.CompareAndSwapInt32(&maxActive, m, n) {
				break
			}
		}
		time.Sleep(5 * time.Millisecond)
		atomic.AddInt32(&active, -1)
		return len(s), nil
	})
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
	if maxActive > 3 {
		t.Errorf("max concurrent calls = %d, want <= 3", maxActive)
	}
	if maxActive < 3 {
		t.Errorf("max concurrent calls = %d, want 3: calls should overlap up to the limit", maxActive)
	}
}

func TestLowestIndexErrorAndWaitsForAll(t *testing.T) {
	var active int32
	errLate := errors.New("fails late")
	errEarly := errors.New("fails early")
	in := inputs(10)
	got, err := MapConcurrent(in, 10, func(s string) (int, error) {
		atomic.AddInt32(&active, 1)
		defer atomic.AddInt32(&active, -1)
		switch len(s) {
		case 2: // index 1: fails, but only after a while
			time.Sleep(20 * time.Millisecond)
			return 0, errLate
		case 8: // index 7: fails immediately
			return 0, errEarly
		}
		time.Sleep(30 * time.Millisecond)
		return len(s), nil
	})
	if !errors.Is(err, errLate) {
		t.Errorf("err = %v, want the error of the lowest failing index (%v)", err, errLate)
	}
	if got != nil {
		t.Errorf("results = %v, want nil on error", got)
	}
	if n := atomic.LoadInt32(&active); n != 0 {
		t.Errorf("%d calls still running after return; wait for all goroutines", n)
	}
}

func TestInvalidLimitAndEmptyInput(t *testing.T) {
	called := false
	fn := func(string) (int, error) { called = true; return 0, nil }
	if _, err := MapConcurrent(inputs(3), 0, fn); !errors.Is(err, ErrInvalidLimit) {
		t.Errorf("limit 0: err = %v, want ErrInvalidLimit", err)
	}
	if called {
		t.Errorf("fn must not be called when the limit is invalid")
	}
	got, err := MapConcurrent(nil, 2, fn)
	if err != nil || got == nil || len(got) != 0 {
		t.Errorf("empty input: got %v (nil=%v), %v; want an empty non-nil slice", got, got == nil, err)
	}
}

func ExampleMapConcurrent() {
	lengths, err := MapConcurrent([]string{"go", "node", "ts"}, 2, func(s string) (int, error) {
		return len(s), nil
	})
	fmt.Println(lengths, err)
	// Output: [2 4 2] <nil>
}

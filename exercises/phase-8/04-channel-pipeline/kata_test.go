package kata

import (
	"context"
	"runtime"
	"sort"
	"testing"
	"time"
)

// collect reads ch until it is closed, failing (instead of hanging) if that takes too long.
func collect(t *testing.T, ch <-chan int) []int {
	t.Helper()
	var got []int
	timeout := time.After(500 * time.Millisecond)
	for {
		select {
		case v, ok := <-ch:
			if !ok {
				return got
			}
			got = append(got, v)
		case <-timeout:
			t.Fatalf("channel not closed after 500ms (got %v so far): does the stage close its output?", got)
			return nil
		}
	}
}

// recv reads one value, failing (instead of hanging) if none arrives.
func recv(t *testing.T, ch <-chan int) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(500 * time.Millisecond):
		t.Fatal("no value received within 500ms")
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
	t.Errorf("goroutine leak: %d running, want <= %d (a send without select on ctx.Done()?)", runtime.NumGoroutine(), baseline)
}

func TestGenerateEmitsInOrderAndCloses(t *testing.T) {
	got := collect(t, Generate(context.Background(), 3, 1, 2))
	if want := []int{3, 1, 2}; !equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestSquareKeepsOrderAndCloses(t *testing.T) {
	ctx := context.Background()
	got := collect(t, Square(ctx, Generate(ctx, 1, 2, 3, 4)))
	if want := []int{1, 4, 9, 16}; !equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestMergeWaitsForAllInputs(t *testing.T) {
	ctx := context.Background()
	early := Generate(ctx, 1, 2)
	late := make(chan int)
	go func() {
		defer close(late)
		time.Sleep(30 * time.Millisecond) // this input closes well after the first one
		late <- 100
		late <- 200
	}()
	got := collect(t, Merge(ctx, early, late))
	sort.Ints(got)
	if want := []int{1, 2, 100, 200}; !equal(got, want) {
		t.Fatalf("got %v, want %v: Merge must close only after ALL inputs are closed", got, want)
	}
}

func TestMergeOfNothingCloses(t *testing.T) {
	if got := collect(t, Merge(context.Background())); len(got) != 0 {
		t.Fatalf("got %v, want nothing", got)
	}
}

func TestFanOutFanIn(t *testing.T) {
	done := make(chan int, 1)
	go func() { done <- SumOfSquares(context.Background(), 100, 4) }()
	select {
	case got := <-done:
		if got != 338350 {
			t.Fatalf("SumOfSquares(100) = %d, want 338350", got)
		}
	case <-time.After(time.Second):
		t.Fatal("SumOfSquares did not finish: a stage never closes its output")
	}
}

func TestCancellationStopsEveryStage(t *testing.T) {
	baseline := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	nums := make([]int, 10000)
	src := Generate(ctx, nums...)
	out := Merge(ctx, Square(ctx, src), Square(ctx, src))
	recv(t, out)
	recv(t, out)
	cancel() // the consumer walks away without draining anything
	waitForGoroutines(t, baseline)
}

func TestCancelledOutputsClose(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	out := Square(ctx, Generate(ctx, make([]int, 10000)...))
	recv(t, out)
	cancel()
	// After cancellation the channel must close soon; at most a value or two may still be in flight.
	if got := collect(t, out); len(got) > 2 {
		t.Errorf("received %d values after cancel, want the stage to stop", len(got))
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

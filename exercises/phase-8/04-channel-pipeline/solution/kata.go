package kata

import (
	"context"
	"sync"
)

// Generate emits nums in order, then closes its channel.
func Generate(ctx context.Context, nums ...int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out) // the owner (the only sender) closes, exactly once
		for _, n := range nums {
			select {
			case out <- n:
			case <-ctx.Done(): // nobody may be reading any more: leave instead of blocking forever
				return
			}
		}
	}()
	return out
}

// Square emits v*v for every v received from in, then closes.
func Square(ctx context.Context, in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for v := range in { // ends when the upstream stage closes its channel
			select {
			case out <- v * v:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// Merge fans in: every value of every input, closing after all inputs are closed.
func Merge(ctx context.Context, ins ...<-chan int) <-chan int {
	out := make(chan int)
	var wg sync.WaitGroup
	wg.Add(len(ins))
	for _, in := range ins {
		go func(in <-chan int) {
			defer wg.Done()
			for v := range in {
				select {
				case out <- v:
				case <-ctx.Done():
					return
				}
			}
		}(in)
	}
	// Several goroutines send on out, so none of them may close it. A separate goroutine
	// closes it once every copier is done.
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

// SumOfSquares computes 1² + … + n² with `workers` Square stages in parallel.
func SumOfSquares(ctx context.Context, n, workers int) int {
	nums := make([]int, n)
	for i := range nums {
		nums[i] = i + 1
	}
	src := Generate(ctx, nums...)
	stages := make([]<-chan int, workers)
	for i := range stages {
		stages[i] = Square(ctx, src) // fan-out: all workers read the same channel
	}
	sum := 0
	for v := range Merge(ctx, stages...) { // fan-in
		sum += v
	}
	return sum
}

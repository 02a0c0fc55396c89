package kata

import "context"

// Generate emits nums in order, then closes its channel.
func Generate(ctx context.Context, nums ...int) <-chan int {
	out := make(chan int)
	// TODO: send each value (respecting ctx) and close out when done.
	return out
}

// Square emits v*v for every v received from in, then closes.
func Square(ctx context.Context, in <-chan int) <-chan int {
	out := make(chan int)
	// TODO
	return out
}

// Merge fans in: every value of every input, closing after all inputs are closed.
func Merge(ctx context.Context, ins ...<-chan int) <-chan int {
	out := make(chan int)
	// TODO
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

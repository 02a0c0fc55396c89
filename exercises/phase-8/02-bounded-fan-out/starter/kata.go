package kata

import "errors"

// ErrInvalidLimit is returned when limit < 1.
var ErrInvalidLimit = errors.New("limit must be >= 1")

// MapConcurrent applies fn to every input with at most limit calls in flight and returns results in input order.
func MapConcurrent(inputs []string, limit int, fn func(string) (int, error)) ([]int, error) {
	// Naive: sequential, stops at the first error. TODO: goroutines + WaitGroup + semaphore.
	results := make([]int, 0, len(inputs))
	for _, in := range inputs {
		r, err := fn(in)
		if err != nil {
			return nil, err
		}
		results = append(results, r)
	}
	return results, nil
}

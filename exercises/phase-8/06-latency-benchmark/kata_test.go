package kata

import (
	"fmt"
	"math/rand"
	"testing"
	"time"
)

func ms(values ...int) []time.Duration {
	out := make([]time.Duration, len(values))
	for i, v := range values {
		out[i] = time.Duration(v) * time.Millisecond
	}
	return out
}

func oneToHundred() []time.Duration {
	out := make([]time.Duration, 100)
	for i := range out {
		out[i] = time.Duration(100-i) * time.Millisecond // 100ms … 1ms, unsorted
	}
	return out
}

func TestPercentile(t *testing.T) {
	samples := ms(30, 10, 50, 20, 40, 60, 80, 70, 100, 90)
	tests := []struct {
		p    float64
		want time.Duration
	}{
		{0, 10 * time.Millisecond},
		{10, 10 * time.Millisecond},
		{50, 50 * time.Millisecond},
		{90, 90 * time.Millisecond},
		{95, 100 * time.Millisecond},
		{100, 100 * time.Millisecond},
	}
	for _, tc := range tests {
		tc := tc
		t.Run(fmt.Sprintf("p%v", tc.p), func(t *testing.T) {
			if got := Percentile(samples, tc.p); got != tc.want {
				t.Errorf("Percentile(p%v) = %v, want %v", tc.p, got, tc.want)
			}
		})
	}
}

func TestPercentileNoFloatOffByOne(t *testing.T) {
	if got := Percentile(oneToHundred(), 7); got != 7*time.Millisecond {
		t.Errorf("p7 of 1..100ms = %v, want 7ms", got)
	}
}

func TestPercentileDoesNotReorderInput(t *testing.T) {
	samples := ms(30, 10, 20)
	Percentile(samples, 50)
	if samples[0] != 30*time.Millisecond || samples[1] != 10*time.Millisecond || samples[2] != 20*time.Millisecond {
		t.Errorf("input was reordered to %v; sort a copy", samples)
	}
}

func TestPercentileEmpty(t *testing.T) {
	if got := Percentile(nil, 50); got != 0 {
		t.Errorf("Percentile(nil) = %v, want 0", got)
	}
}

func TestSummarize(t *testing.T) {
	got := Summarize(oneToHundred())
	want := Summary{
		Count: 100,
		Min:   1 * time.Millisecond,
		Max:   100 * time.Millisecond,
		Mean:  50500 * time.Microsecond,
		P50:   50 * time.Millisecond,
		P95:   95 * time.Millisecond,
		P99:   99 * time.Millisecond,
	}
	if got != want {
		t.Errorf("Summarize =\n %+v\nwant\n %+v", got, want)
	}
	if empty := Summarize(nil); empty != (Summary{}) {
		t.Errorf("Summarize(nil) = %+v, want the zero Summary", empty)
	}
}

func TestMeasure(t *testing.T) {
	calls := 0
	got := Measure(3, func() {
		calls++
		time.Sleep(2 * time.Millisecond)
	})
	if calls != 3 || len(got) != 3 {
		t.Fatalf("fn called %d times, %d samples; want 3 and 3", calls, len(got))
	}
	for i, d := range got {
		if d < 2*time.Millisecond || d > 500*time.Millisecond {
			t.Errorf("sample %d = %v, want about 2ms", i, d)
		}
	}
}

// Benchmarks are not run by plain `go test`; run them with `go test -bench=. -benchmem`.

func randomSamples(n int) []time.Duration {
	r := rand.New(rand.NewSource(1)) // fixed seed: comparable runs
	out := make([]time.Duration, n)
	for i := range out {
		out[i] = time.Duration(r.Intn(200_000)) * time.Microsecond
	}
	return out
}

func BenchmarkPercentile(b *testing.B) {
	samples := randomSamples(10_000)
	b.ReportAllocs()
	b.ResetTimer() // exclude the setup above
	for i := 0; i < b.N; i++ {
		Percentile(samples, 95)
	}
}

func BenchmarkSummarize(b *testing.B) {
	samples := randomSamples(10_000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Summarize(samples)
	}
}

// Examples are documentation that `go test` verifies against the // Output: comment.

func ExamplePercentile() {
	latencies := ms(120, 80, 95, 300, 110)
	fmt.Println(Percentile(latencies, 50), Percentile(latencies, 95))
	// Output: 110ms 300ms
}

func ExampleSummarize() {
	s := Summarize(ms(10, 20, 30, 40))
	fmt.Println(s.Count, s.Min, s.Max, s.Mean, s.P50)
	// Output: 4 10ms 40ms 25ms 20ms
}

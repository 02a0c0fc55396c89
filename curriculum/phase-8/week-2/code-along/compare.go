package goclient

import (
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// Step 4 — compare with the Node client's numbers: "client latency within 10%".

// Baseline is what the Node benchmark wrote (same server, same settings).
type Baseline struct {
	Client      string  `json:"client"`
	Requests    int     `json:"requests"`
	Concurrency int     `json:"concurrency"`
	P50Ms       float64 `json:"p50_ms"`
	P95Ms       float64 `json:"p95_ms"`
}

func LoadBaseline(r io.Reader) (Baseline, error) {
	var b Baseline
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return Baseline{}, fmt.Errorf("load baseline: %w", err)
	}
	if b.P50Ms <= 0 || b.P95Ms <= 0 {
		return Baseline{}, fmt.Errorf("load baseline: p50_ms and p95_ms must be positive")
	}
	return b, nil
}

type Verdict struct {
	P50Ratio float64 // Go / Node; 1.05 means Go is 5% slower
	P95Ratio float64
	Within   bool // both ratios inside [1-tolerance, 1+tolerance]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// Compare refuses to compare runs with different settings: that would measure the setup, not the client.
func Compare(goRes Result, node Baseline, tolerance float64) (Verdict, error) {
	if goRes.Requests != node.Requests || goRes.Concurrency != node.Concurrency {
		return Verdict{}, fmt.Errorf("not comparable: go ran %d requests at concurrency %d, node %d at %d",
			goRes.Requests, goRes.Concurrency, node.Requests, node.Concurrency)
	}
	if goRes.Errors > 0 {
		return Verdict{}, fmt.Errorf("not comparable: %d failed calls in the Go run", goRes.Errors)
	}
	v := Verdict{P50Ratio: ms(goRes.P50) / node.P50Ms, P95Ratio: ms(goRes.P95) / node.P95Ms}
	inside := func(r float64) bool { return r >= 1-tolerance && r <= 1+tolerance }
	v.Within = inside(v.P50Ratio) && inside(v.P95Ratio)
	return v, nil
}

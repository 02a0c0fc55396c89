package goclient

import (
	"context"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// startStandIn serves the stand-in over HTTP/2 (TLS with a test certificate; the
// standard library's HTTP/2 client needs TLS, which real gRPC deployments use anyway).
func startStandIn(t *testing.T, s StandIn) *Client {
	t.Helper()
	srv := httptest.NewUnstartedServer(s)
	srv.EnableHTTP2 = true
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return NewClient(srv.Client(), srv.URL)
}

func words(req AskRequest) []string { return strings.Fields("Use HNSW for " + req.Question) }

func TestStep2StreamsChunksOverHTTP2(t *testing.T) {
	c := startStandIn(t, StandIn{Tokens: words})
	chunks, err := c.AskStream(context.Background(), AskRequest{Question: "search [1]", TopK: 3})
	if err != nil {
		t.Fatalf("AskStream: %v", err)
	}
	var text []string
	for _, ch := range chunks[:len(chunks)-1] {
		text = append(text, ch.Text)
	}
	if got := strings.Join(text, " "); got != "Use HNSW for search [1]" {
		t.Fatalf("text = %q", got)
	}
	if last := chunks[len(chunks)-1]; !last.Done {
		t.Fatalf("last chunk = %+v, want Done", last)
	}
}

func TestStep2UnknownMethodIsUnimplemented(t *testing.T) {
	c := startStandIn(t, StandIn{Tokens: words})
	c.baseURL += "/prefix" // changes the :path, so the stand-in does not know the method
	_, err := c.AskStream(context.Background(), AskRequest{Question: "x"})
	if Code(err) != CodeUnimplemented {
		t.Fatalf("err = %v, want code UNIMPLEMENTED", err)
	}
}

func TestStep2DeadlineStopsClientAndServer(t *testing.T) {
	var cancelled int32
	c := startStandIn(t, StandIn{
		Tokens:     func(AskRequest) []string { return strings.Fields(strings.Repeat("slow ", 50)) },
		TokenDelay: 20 * time.Millisecond,
		OnCancel:   func() { atomic.StoreInt32(&cancelled, 1) },
	})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	chunks, err := c.AskStream(ctx, AskRequest{Question: "slow"})
	if Code(err) != CodeDeadlineExceeded {
		t.Fatalf("err = %v, want DEADLINE_EXCEEDED", err)
	}
	if len(chunks) >= 50 || time.Since(start) > time.Second {
		t.Fatalf("got %d chunks in %v: the deadline did not stop the stream", len(chunks), time.Since(start))
	}
	for i := 0; i < 100 && atomic.LoadInt32(&cancelled) == 0; i++ {
		time.Sleep(5 * time.Millisecond)
	}
	if atomic.LoadInt32(&cancelled) == 0 {
		t.Fatal("the server kept working after the client's deadline")
	}
}

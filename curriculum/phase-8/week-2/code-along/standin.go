package goclient

import (
	"context"
	"net/http"
	"strconv"
	"time"
)

// StandIn is a LOCAL STAND-IN for the Node Doc-Chat server, used by tests and the
// benchmark: it speaks the same gRPC wire format for AskStream, with scripted tokens.
// No LLM runs here, which is exactly what you want when comparing *clients*.
type StandIn struct {
	Tokens     func(AskRequest) []string
	TokenDelay time.Duration
	OnCancel   func() // called when the client's deadline or cancellation stops the handler
}

func (s StandIn) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/grpc+proto")
	if r.URL.Path != "/docchat.v1.DocChat/AskStream" {
		w.Header().Set("Grpc-Status", strconv.Itoa(CodeUnimplemented)) // trailers-only
		w.WriteHeader(http.StatusOK)
		return
	}
	ctx := r.Context() // cancelled when the client resets the stream
	if v := r.Header.Get("Grpc-Timeout"); v != "" {
		if d, err := ParseTimeout(v); err == nil {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, d)
			defer cancel()
		}
	}
	msg, err := ReadMessage(r.Body)
	if err != nil {
		w.Header().Set("Grpc-Status", strconv.Itoa(CodeInternal))
		w.WriteHeader(http.StatusOK)
		return
	}
	req, _ := UnmarshalAskRequest(msg)
	flusher, _ := w.(http.Flusher)
	status := CodeOK
	for _, t := range s.Tokens(req) {
		select {
		case <-ctx.Done():
			status = CodeDeadlineExceeded
		case <-time.After(s.TokenDelay):
		}
		if status != CodeOK {
			if s.OnCancel != nil {
				s.OnCancel()
			}
			break
		}
		_, _ = w.Write(Frame(AskChunk{Text: t}.Marshal()))
		if flusher != nil {
			flusher.Flush() // send each token now, like a streaming LLM answer
		}
	}
	if status == CodeOK {
		_, _ = w.Write(Frame(AskChunk{Done: true}.Marshal()))
	}
	w.Header().Set(http.TrailerPrefix+"Grpc-Status", strconv.Itoa(status))
}

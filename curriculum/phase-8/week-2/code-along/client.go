package goclient

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// Step 2 — a unary-request, server-streaming gRPC call over HTTP/2 with net/http.
// grpc-go does the same: POST /package.Service/Method, framed protobuf body,
// grpc-timeout from the context deadline, and grpc-status in the trailers.

// Status codes used here (the full list is in google.golang.org/grpc/codes).
const (
	CodeOK               = 0
	CodeDeadlineExceeded = 4
	CodeUnimplemented    = 12
	CodeInternal         = 13
	CodeUnavailable      = 14
)

// StatusError is a non-OK gRPC status, like status.Error in grpc-go.
type StatusError struct {
	Code    int
	Message string
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("rpc error: code = %d desc = %s", e.Code, e.Message)
}

// Code extracts the gRPC code from an error (OK for nil), like status.Code in grpc-go.
func Code(err error) int {
	var se *StatusError
	switch {
	case err == nil:
		return CodeOK
	case errors.As(err, &se):
		return se.Code
	default:
		return -1
	}
}

// Client is safe for concurrent use. Create it once and reuse it: the HTTP/2
// connection inside hc is shared by all calls (like one grpc.ClientConn).
type Client struct {
	hc      *http.Client
	baseURL string
}

func NewClient(hc *http.Client, baseURL string) *Client { return &Client{hc: hc, baseURL: baseURL} }

// AskStream calls DocChat/AskStream and returns every chunk received.
func (c *Client) AskStream(ctx context.Context, req AskRequest) ([]AskChunk, error) {
	httpReq, err := http.NewRequestWithContext(ctx, http.MethodPost,
		c.baseURL+"/docchat.v1.DocChat/AskStream", bytes.NewReader(Frame(req.Marshal())))
	if err != nil {
		return nil, err
	}
	httpReq.Header.Set("Content-Type", "application/grpc+proto")
	httpReq.Header.Set("TE", "trailers")
	if deadline, ok := ctx.Deadline(); ok {
		httpReq.Header.Set("Grpc-Timeout", EncodeTimeout(time.Until(deadline))) // tell the server the budget
	}

	resp, err := c.hc.Do(httpReq)
	if err != nil {
		return nil, statusFromTransport(ctx, err)
	}
	defer resp.Body.Close()
	if resp.ProtoMajor != 2 {
		return nil, &StatusError{Code: CodeInternal, Message: "gRPC requires HTTP/2, got " + resp.Proto}
	}
	if s := resp.Header.Get("Grpc-Status"); s != "" { // trailers-only response
		return nil, statusFrom(s, resp.Header.Get("Grpc-Message"))
	}

	var chunks []AskChunk
	for {
		msg, err := ReadMessage(resp.Body)
		if err == io.EOF {
			break
		}
		if err != nil {
			return chunks, statusFromTransport(ctx, err)
		}
		chunk, err := UnmarshalAskChunk(msg)
		if err != nil {
			return chunks, &StatusError{Code: CodeInternal, Message: err.Error()}
		}
		chunks = append(chunks, chunk)
	}
	// Trailers are only available after the body has been read to EOF.
	return chunks, statusFrom(resp.Trailer.Get("Grpc-Status"), resp.Trailer.Get("Grpc-Message"))
}

func statusFrom(code, message string) error {
	n, err := strconv.Atoi(code)
	if err != nil {
		return &StatusError{Code: CodeInternal, Message: "missing or invalid grpc-status"}
	}
	if n == CodeOK {
		return nil
	}
	msg, _ := url.PathUnescape(message) // grpc-message is percent-encoded
	return &StatusError{Code: n, Message: msg}
}

func statusFromTransport(ctx context.Context, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &StatusError{Code: CodeDeadlineExceeded, Message: "context deadline exceeded"}
	}
	return &StatusError{Code: CodeUnavailable, Message: err.Error()}
}

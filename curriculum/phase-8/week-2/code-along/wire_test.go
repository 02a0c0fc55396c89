package goclient

import (
	"bytes"
	"encoding/hex"
	"errors"
	"io"
	"testing"
	"time"
)

func TestStep1MarshalMatchesTheTypeScriptEncoder(t *testing.T) {
	// Same bytes as week 7.5's encodeAskRequest({ question: 'hi', topK: 5, tenantId: 'acme' }).
	got := hex.EncodeToString(AskRequest{Question: "hi", TopK: 5, TenantID: "acme"}.Marshal())
	if want := "0a02686910051a0461636d65"; got != want {
		t.Fatalf("Marshal = %s, want %s", got, want)
	}
	if n := len(AskRequest{}.Marshal()); n != 0 {
		t.Fatalf("zero message encodes to %d bytes, want 0 (defaults are not sent)", n)
	}
}

func TestStep1NegativeInt32UsesTenBytes(t *testing.T) {
	b := AskRequest{TopK: -1}.Marshal()
	if len(b) != 11 { // 1 key byte + 10 varint bytes
		t.Fatalf("len = %d, want 11", len(b))
	}
	m, err := UnmarshalAskRequest(b)
	if err != nil || m.TopK != -1 {
		t.Fatalf("round trip = %+v, %v", m, err)
	}
}

func TestStep1UnmarshalSkipsUnknownFields(t *testing.T) {
	b := append(AskRequest{Question: "q"}.Marshal(), appendString(nil, 9, "future field")...)
	m, err := UnmarshalAskRequest(b)
	if err != nil || m != (AskRequest{Question: "q"}) {
		t.Fatalf("got %+v, %v", m, err)
	}
	if _, err := UnmarshalAskRequest([]byte{0x0a, 0x05, 'h'}); err == nil {
		t.Fatal("truncated string field was accepted")
	}
}

func TestStep1FramesRoundTripAndReportCleanEOF(t *testing.T) {
	var stream bytes.Buffer
	stream.Write(Frame([]byte("one")))
	stream.Write(Frame(nil))
	for _, want := range []string{"one", ""} {
		msg, err := ReadMessage(&stream)
		if err != nil || string(msg) != want {
			t.Fatalf("ReadMessage = %q, %v; want %q", msg, err, want)
		}
	}
	if _, err := ReadMessage(&stream); err != io.EOF {
		t.Fatalf("at the end err = %v, want io.EOF", err)
	}
	half := Frame([]byte("cut"))[:6]
	if _, err := ReadMessage(bytes.NewReader(half)); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("truncated frame err = %v, want io.ErrUnexpectedEOF", err)
	}
}

func TestStep1GrpcTimeoutHeader(t *testing.T) {
	if got := EncodeTimeout(1500 * time.Millisecond); got != "1500m" {
		t.Fatalf("EncodeTimeout = %q", got)
	}
	if got := EncodeTimeout(300 * time.Microsecond); got != "1m" {
		t.Fatalf("EncodeTimeout rounds up: got %q", got)
	}
	if d, err := ParseTimeout("2S"); err != nil || d != 2*time.Second {
		t.Fatalf("ParseTimeout(2S) = %v, %v", d, err)
	}
	if _, err := ParseTimeout("123456789m"); err == nil {
		t.Fatal("9 digits accepted; the limit is 8")
	}
}

func BenchmarkMarshalAskRequest(b *testing.B) {
	req := AskRequest{Question: "Which index does pgvector use?", TopK: 5, TenantID: "acme"}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ { // on Go 1.24+: for b.Loop() { ... }
		_ = req.Marshal()
	}
}

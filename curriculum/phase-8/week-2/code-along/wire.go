// Package goclient is the week 8.2 code-along: a Doc-Chat gRPC client written with
// the standard library only, to show what protoc-gen-go and grpc-go generate and
// do for you, plus a fair latency benchmark. Builds with Go 1.19+.
package goclient

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"
)

// Step 1 — protobuf and gRPC framing by hand (what generated code does).

// AskRequest mirrors `message AskRequest { string question = 1; int32 top_k = 2; string tenant_id = 3; }`.
type AskRequest struct {
	Question string
	TopK     int32
	TenantID string
}

// AskChunk mirrors `message AskChunk { string text = 1; bool done = 2; }`.
type AskChunk struct {
	Text string
	Done bool
}

const (
	wireVarint = 0
	wireI64    = 1
	wireLen    = 2
	wireI32    = 5
)

func appendString(b []byte, field int, s string) []byte {
	if s == "" { // proto3: default values are not sent
		return b
	}
	b = binary.AppendUvarint(b, uint64(field<<3|wireLen))
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendVarintField(b []byte, field int, v uint64) []byte {
	if v == 0 {
		return b
	}
	b = binary.AppendUvarint(b, uint64(field<<3|wireVarint))
	return binary.AppendUvarint(b, v)
}

// Marshal encodes the request exactly like protoc-gen-go output would.
func (m AskRequest) Marshal() []byte {
	var b []byte
	b = appendString(b, 1, m.Question)
	b = appendVarintField(b, 2, uint64(int64(m.TopK))) // negative int32: 10-byte two's complement
	b = appendString(b, 3, m.TenantID)
	return b
}

func (m AskChunk) Marshal() []byte {
	var b []byte
	b = appendString(b, 1, m.Text)
	if m.Done {
		b = appendVarintField(b, 2, 1)
	}
	return b
}

// walkFields calls fn for every field; unknown fields are skipped, not rejected.
func walkFields(b []byte, fn func(field int, varint uint64, bytes []byte)) error {
	for len(b) > 0 {
		key, n := binary.Uvarint(b)
		if n <= 0 {
			return errors.New("bad field key")
		}
		b = b[n:]
		field, wt := int(key>>3), int(key&7)
		switch wt {
		case wireVarint:
			v, n := binary.Uvarint(b)
			if n <= 0 {
				return errors.New("bad varint")
			}
			fn(field, v, nil)
			b = b[n:]
		case wireLen:
			l, n := binary.Uvarint(b)
			if n <= 0 || uint64(len(b)-n) < l {
				return errors.New("truncated length-delimited field")
			}
			fn(field, 0, b[n:n+int(l)])
			b = b[n+int(l):]
		case wireI64, wireI32:
			size := 8
			if wt == wireI32 {
				size = 4
			}
			if len(b) < size {
				return errors.New("truncated fixed-width field")
			}
			b = b[size:]
		default:
			return fmt.Errorf("unsupported wire type %d", wt)
		}
	}
	return nil
}

func UnmarshalAskRequest(b []byte) (AskRequest, error) {
	var m AskRequest
	err := walkFields(b, func(f int, v uint64, s []byte) {
		switch f {
		case 1:
			m.Question = string(s)
		case 2:
			m.TopK = int32(v)
		case 3:
			m.TenantID = string(s)
		}
	})
	return m, err
}

func UnmarshalAskChunk(b []byte) (AskChunk, error) {
	var m AskChunk
	err := walkFields(b, func(f int, v uint64, s []byte) {
		switch f {
		case 1:
			m.Text = string(s)
		case 2:
			m.Done = v != 0
		}
	})
	return m, err
}

// Frame wraps a message as a gRPC Length-Prefixed-Message: flag byte + 4-byte big-endian length.
func Frame(msg []byte) []byte {
	out := make([]byte, 5, 5+len(msg))
	binary.BigEndian.PutUint32(out[1:], uint32(len(msg)))
	return append(out, msg...)
}

// MaxMessageBytes is the default receive limit used by gRPC libraries (4 MiB).
const MaxMessageBytes = 4 << 20

// ReadMessage reads one framed message. It returns io.EOF only at a clean message boundary.
func ReadMessage(r io.Reader) ([]byte, error) {
	var header [5]byte
	if _, err := io.ReadFull(r, header[:]); err != nil {
		return nil, err // io.EOF: no more messages; io.ErrUnexpectedEOF: cut in the middle
	}
	if header[0] != 0 {
		return nil, errors.New("compressed messages are not supported")
	}
	n := binary.BigEndian.Uint32(header[1:])
	if n > MaxMessageBytes {
		return nil, fmt.Errorf("message of %d bytes exceeds the limit", n)
	}
	msg := make([]byte, n)
	if _, err := io.ReadFull(r, msg); err != nil {
		return nil, io.ErrUnexpectedEOF
	}
	return msg, nil
}

// EncodeTimeout turns a remaining budget into a grpc-timeout header (≤ 8 digits + unit), rounding up.
func EncodeTimeout(d time.Duration) string {
	ms := int64(math.Ceil(float64(d) / float64(time.Millisecond)))
	if ms < 1 {
		ms = 1
	}
	if ms < 1e8 {
		return strconv.FormatInt(ms, 10) + "m"
	}
	return strconv.FormatInt((ms+999)/1000, 10) + "S"
}

// ParseTimeout reads a grpc-timeout header value.
func ParseTimeout(v string) (time.Duration, error) {
	units := map[byte]time.Duration{'H': time.Hour, 'M': time.Minute, 'S': time.Second, 'm': time.Millisecond, 'u': time.Microsecond, 'n': time.Nanosecond}
	if len(v) < 2 || len(v) > 9 {
		return 0, fmt.Errorf("invalid grpc-timeout %q", v)
	}
	unit, ok := units[v[len(v)-1]]
	n, err := strconv.ParseUint(v[:len(v)-1], 10, 64)
	if !ok || err != nil {
		return 0, fmt.Errorf("invalid grpc-timeout %q", v)
	}
	return time.Duration(n) * unit, nil
}

package kata

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func newServer(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func TestNewClientSetsTimeout(t *testing.T) {
	c := NewClient("http://127.0.0.1:1", 3*time.Second)
	if c.HTTP == nil || c.HTTP == http.DefaultClient || c.HTTP.Timeout != 3*time.Second {
		t.Fatalf("HTTP client = %+v; want a new http.Client with Timeout 3s (DefaultClient never times out)", c.HTTP)
	}
}

func TestGetUserDecodesJSON(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || r.URL.Path != "/users/42" {
			t.Errorf("got %s %s, want GET /users/42", r.Method, r.URL.Path)
		}
		if got := r.Header.Get("Accept"); got != "application/json" {
			t.Errorf("Accept = %q, want application/json", got)
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id": 42, "name": "Ana", "email": "ana@example.com", "extra": true}`))
	})
	u, err := NewClient(srv.URL, time.Second).GetUser(context.Background(), "42")
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
	if want := (User{ID: 42, Name: "Ana", Email: "ana@example.com"}); u != want {
		t.Fatalf("got %+v, want %+v", u, want)
	}
}

func TestGetUserEscapesTheID(t *testing.T) {
	var got string
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.URL.EscapedPath()
		_, _ = w.Write([]byte(`{"id": 1}`))
	})
	if _, err := NewClient(srv.URL, time.Second).GetUser(context.Background(), "a/b c"); err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
	if want := "/users/a%2Fb%20c"; got != want {
		t.Errorf("server saw path %q, want %q", got, want)
	}
}

func TestGetUser404WrapsErrNotFound(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"error":"no such user"}`, http.StatusNotFound)
	})
	_, err := NewClient(srv.URL, time.Second).GetUser(context.Background(), "7")
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v, want errors.Is(err, ErrNotFound)", err)
	}
}

func TestGetUserOtherStatusIsStatusError(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("db down" + strings.Repeat(".", 2000)))
	})
	_, err := NewClient(srv.URL, time.Second).GetUser(context.Background(), "1")
	var se *StatusError
	if !errors.As(err, &se) {
		t.Fatalf("err = %v, want a *StatusError", err)
	}
	if se.Code != 503 || !strings.HasPrefix(se.Body, "db down") || len(se.Body) > 512 {
		t.Errorf("StatusError = {Code: %d, Body: %d bytes}, want 503 and at most 512 bytes starting with \"db down\"", se.Code, len(se.Body))
	}
}

func TestGetUserInvalidJSONIsAnError(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`<html>maintenance</html>`))
	})
	if _, err := NewClient(srv.URL, time.Second).GetUser(context.Background(), "1"); err == nil {
		t.Fatal("want an error for a body that is not JSON")
	}
}

// slow waits until the client gives up (its request context ends) or 1s passes.
func slow(w http.ResponseWriter, r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-time.After(time.Second):
	}
}

func TestClientTimeout(t *testing.T) {
	srv := newServer(t, slow)
	start := time.Now()
	_, err := NewClient(srv.URL, 50*time.Millisecond).GetUser(context.Background(), "1")
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Fatalf("err = %v, want a net.Error with Timeout() == true (wrap with %%w)", err)
	}
	if elapsed := time.Since(start); elapsed > 500*time.Millisecond {
		t.Errorf("took %v, want about 50ms", elapsed)
	}
}

func TestContextDeadline(t *testing.T) {
	srv := newServer(t, slow)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := NewClient(srv.URL, 5*time.Second).GetUser(ctx, "1")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want errors.Is(err, context.DeadlineExceeded): build the request with the ctx", err)
	}
	if elapsed := time.Since(start); elapsed > 500*time.Millisecond {
		t.Errorf("took %v, want about 30ms", elapsed)
	}
}

package gobasics

import (
	"context"
	"fmt"
	"sync"
)

// Steps 3 and 4 — goroutines, channels and context.

// Analyzer turns a document into tokens. A real one might call an embedding
// service, so it takes a context and must return promptly when it is cancelled.
type Analyzer func(ctx context.Context, d Doc) ([]string, error)

// DefaultAnalyzer tokenizes locally and rejects empty documents.
func DefaultAnalyzer(_ context.Context, d Doc) ([]string, error) {
	tokens := Tokenize(d.Text)
	if len(tokens) == 0 {
		return nil, fmt.Errorf("analyze %q: %w", d.ID, ErrEmptyDoc)
	}
	return tokens, nil
}

type result struct {
	id     string
	tokens []string
	err    error
}

// IndexAll analyzes docs with `workers` goroutines and builds one Index.
// Only the calling goroutine writes to the index; workers send results over a
// channel ("share memory by communicating"), so no mutex is needed.
// The first error, or the cancellation of ctx, stops all workers.
func IndexAll(ctx context.Context, docs []Doc, workers int, analyze Analyzer) (*Index, error) {
	if workers < 1 {
		workers = 1
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // every return path stops the goroutines below

	jobs := make(chan Doc)
	results := make(chan result)

	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range jobs { // ends when jobs is closed
				if ctx.Err() != nil {
					return // select picks randomly among ready cases, so check before starting work
				}
				tokens, err := analyze(ctx, d)
				select {
				case results <- result{id: d.ID, tokens: tokens, err: err}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}

	go func() { // producer
		defer close(jobs)
		for _, d := range docs {
			if ctx.Err() != nil {
				return
			}
			select {
			case jobs <- d:
			case <-ctx.Done():
				return
			}
		}
	}()

	go func() { // closer: results is closed only after every worker has returned
		wg.Wait()
		close(results)
	}()

	ix := NewIndex()
	var firstErr error
	for r := range results {
		if firstErr != nil {
			continue // keep draining so no worker blocks forever
		}
		switch {
		case r.err != nil:
			firstErr = r.err
			cancel()
		case ix.docs[r.id]:
			firstErr = &DuplicateError{ID: r.id}
			cancel()
		default:
			ix.addTokens(r.id, r.tokens)
		}
	}
	if firstErr != nil {
		return nil, firstErr
	}
	if err := ctx.Err(); err != nil { // the caller cancelled or the deadline passed
		return nil, err
	}
	return ix, nil
}

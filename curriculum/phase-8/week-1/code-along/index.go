// Package gobasics is the week 8.1 code-along: a tiny keyword index for Doc-Chat
// documents, built step by step to show Go's types, errors, goroutines, channels
// and context. Standard library only; builds with Go 1.19+.
package gobasics

import (
	"sort"
	"strings"
	"unicode"
)

// Step 1 — types, methods and interfaces.

// Doc is a value type: copying it copies both strings (cheap: strings share bytes).
type Doc struct {
	ID   string
	Text string
}

// Hit is one search result.
type Hit struct {
	ID    string
	Score int
}

// Searcher is satisfied by any type with this method; there is no "implements" keyword.
type Searcher interface {
	Search(query string, k int) []Hit
}

// Tokenize lower-cases text and splits it on anything that is not a letter or digit.
func Tokenize(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
}

// Index maps a term to the documents that contain it, with counts.
// The zero value is not ready to use (nil maps panic on write), so use NewIndex.
type Index struct {
	postings map[string]map[string]int // term -> doc ID -> occurrences
	docs     map[string]bool
}

// NewIndex returns an empty, ready-to-use index.
func NewIndex() *Index {
	return &Index{postings: map[string]map[string]int{}, docs: map[string]bool{}}
}

// Len reports how many documents are indexed. A pointer receiver avoids copying the struct.
func (ix *Index) Len() int { return len(ix.docs) }

func (ix *Index) addTokens(id string, tokens []string) {
	ix.docs[id] = true
	for _, t := range tokens {
		m, ok := ix.postings[t]
		if !ok {
			m = map[string]int{}
			ix.postings[t] = m
		}
		m[id]++
	}
}

// Search scores documents by how often they contain the query terms.
// Map iteration order is random in Go, so the result must be sorted explicitly.
func (ix *Index) Search(query string, k int) []Hit {
	scores := map[string]int{}
	for _, t := range Tokenize(query) {
		for id, n := range ix.postings[t] {
			scores[id] += n
		}
	}
	hits := make([]Hit, 0, len(scores))
	for id, s := range scores {
		hits = append(hits, Hit{ID: id, Score: s})
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].ID < hits[j].ID
	})
	if k >= 0 && len(hits) > k {
		hits = hits[:k]
	}
	return hits
}

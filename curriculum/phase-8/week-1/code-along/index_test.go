package gobasics

import (
	"reflect"
	"testing"
)

func TestStep1Tokenize(t *testing.T) {
	got := Tokenize("Hello, Doc-Chat! Olá 2025")
	want := []string{"hello", "doc", "chat", "olá", "2025"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Tokenize = %q, want %q", got, want)
	}
}

func TestStep1SearchRanksByScoreThenID(t *testing.T) {
	ix := NewIndex()
	ix.addTokens("b.md", Tokenize("pgvector hnsw index"))
	ix.addTokens("a.md", Tokenize("hnsw hnsw graph"))
	ix.addTokens("c.md", Tokenize("go channels"))
	ix.addTokens("d.md", Tokenize("pgvector"))

	got := ix.Search("HNSW pgvector", 10)
	want := []Hit{{"a.md", 2}, {"b.md", 2}, {"d.md", 1}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Search = %v, want %v", got, want)
	}
	if top := ix.Search("hnsw", 1); len(top) != 1 || top[0].ID != "a.md" {
		t.Fatalf("Search with k=1 = %v, want only a.md", top)
	}
}

func TestStep1IndexSatisfiesSearcher(t *testing.T) {
	var s Searcher = NewIndex() // compile-time check: *Index has the Search method
	if hits := s.Search("anything", 5); len(hits) != 0 {
		t.Fatalf("empty index returned %v", hits)
	}
}

package handlers_test

import (
	"encoding/json"
	"net/http/httptest"
	"sort"
	"strconv"
)

type httptestRecorder = httptest.ResponseRecorder

func itoa(i int) string { return strconv.Itoa(i) }

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

func sortStrings(s []string) []string {
	sort.Strings(s)
	return s
}

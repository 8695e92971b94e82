package main

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"vanban/corpus"
)

func tasksJSON(t *testing.T, out string) []corpus.TaskRow {
	t.Helper()
	var rows []corpus.TaskRow
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l == "" {
			continue
		}
		var r corpus.TaskRow
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		rows = append(rows, r)
	}
	return rows
}

// TestTasksBinary: the tasks of the Bình Định fixtures by body and deadline;
// overdue is measured against --today, so the answer does not depend on
// the day the test runs.
func TestTasksBinary(t *testing.T) {
	store := filepath.Join(t.TempDir(), "store")
	in := filepath.Join("..", "..", "testdata", "corpus", "coverage")
	if out, errs, code := runBinary(t, "ingest", "--store", store, "--no-index", "-q", in); code != exitOK {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errs)
	}
	tests := []struct {
		name  string
		args  []string
		leads []string
		over  []bool
	}{
		{"before the quarter ends nothing is overdue", []string{"--overdue", "--today", "2022-06-30"}, nil, nil},
		{"after it the districts without a plan are", []string{"--overdue", "--today", "2022-07-01"}, []string{"Các huyện ủy, thị ủy, thành ủy"}, []bool{true}},
		{"a body that acted is not overdue", []string{"--body", "ban dan van tinh uy", "--today", "2023-01-01"}, []string{"Ban Dân vận Tỉnh ủy"}, []bool{false}},
		{"due before a date", []string{"--due-before", "2022-12-01", "--today", "2022-01-01"}, []string{"Các huyện ủy, thị ủy, thành ủy"}, []bool{false}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errs, code := runBinary(t, append([]string{"tasks", "--store", store, "--json"}, tc.args...)...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			var leads []string
			var over []bool
			for _, r := range tasksJSON(t, out) {
				leads = append(leads, string(r.Task.Lead))
				over = append(over, r.Overdue)
			}
			if !reflect.DeepEqual(leads, tc.leads) || !reflect.DeepEqual(over, tc.over) {
				t.Errorf("tasks %v = %q %v, want %q %v", tc.args, leads, over, tc.leads, tc.over)
			}
		})
	}
	out, _, _ := runBinary(t, "tasks", "--store", store, "--json", "--overdue", "--today", "2022-07-01")
	rows := tasksJSON(t, out)
	if len(rows) != 1 || len(rows[0].Missing) != 7 || rows[0].Due != "2022-06-30" {
		t.Fatalf("overdue rows = %+v", rows)
	}
	if _, errs, code := runBinary(t, "tasks", "--store", store, "--today", "1/7/2022"); code != exitUsage {
		t.Errorf("a bad --today: exit %d, want %d (%s)", code, exitUsage, errs)
	}
}

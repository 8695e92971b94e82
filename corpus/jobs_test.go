package corpus

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// TestJobsSurviveReopen: a job stored with its report and per-file outcomes
// is listed again by a store opened afresh (a server restart); a job left
// queued or running is marked interrupted; the outcomes name each file's
// fate (added, changed, unchanged, duplicate, failed) and its document.
func TestJobsSurviveReopen(t *testing.T) {
	ctx := context.Background()
	in := t.TempDir()
	writeFiles(t, in, map[string]string{
		"1.txt":   "1-KH/TU 2022-01-01 Thanh Hóa",
		"2.txt":   "2-KH/TU 2022-01-02 Thanh Hóa",
		"dup.txt": "1-KH/TU 2022-01-01 Thanh Hóa",
		"bad.txt": "fail",
	})
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	j, err := s.AddJob(ctx, "upload", []string{in})
	if err != nil || j.ID == 0 || j.State != JobQueued {
		t.Fatalf("AddJob: %+v %v", j, err)
	}
	rep, err := s.Ingest(ctx, []string{in}, IngestOptions{Process: fakeProcess, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	files, err := s.Outcomes(ctx, []string{in}, rep)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"1.txt": "added", "2.txt": "added", "dup.txt": "duplicate", "bad.txt": "failed"}
	check := func(files []FileOutcome) {
		t.Helper()
		if len(files) != len(want) {
			t.Fatalf("outcomes %+v", files)
		}
		for _, f := range files {
			name := filepath.Base(f.Path)
			if f.Outcome != want[name] {
				t.Errorf("%s: %s, want %s", name, f.Outcome, want[name])
			}
			switch f.Outcome {
			case "failed":
				if f.Kind != "corrupt" || f.Message == "" || f.ID != "" {
					t.Errorf("%s: %+v", name, f)
				}
			default:
				if f.ID == "" || f.Label == "" {
					t.Errorf("%s names no document: %+v", name, f)
				}
			}
		}
	}
	check(files)
	fin := time.Now().UTC()
	j.State, j.Report, j.Files, j.Finished = JobDone, &rep, files, &fin
	if err := s.UpdateJob(ctx, j); err != nil {
		t.Fatal(err)
	}
	left, err := s.AddJob(ctx, "folder", []string{"/nowhere"})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	s, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// The next server queues the job left unfinished again, MaxResumes
	// times; then it gives it up as interrupted.
	for i := 1; i <= MaxResumes; i++ {
		again, given, err := s.ResumeJobs(ctx)
		if err != nil || given != 0 || len(again) != 1 || again[0].ID != left.ID || again[0].State != JobQueued ||
			again[0].Resumed != i || again[0].Error != "" || again[0].Finished != nil {
			t.Fatalf("ResumeJobs #%d: %+v, %d, %v; want the job left queued, resumed %d", i, again, given, err, i)
		}
		if i == 2 { // a server stopped in the middle of it leaves it running, with the report so far
			again[0].State, again[0].Report = JobRunning, &Report{Files: 1, Interrupted: true}
			if err := s.UpdateJob(ctx, again[0]); err != nil {
				t.Fatal(err)
			}
		}
	}
	if again, given, err := s.ResumeJobs(ctx); len(again) != 0 || given != 1 || err != nil {
		t.Errorf("ResumeJobs after %d resumes: %+v, %d, %v; want none queued, 1 given up", MaxResumes, again, given, err)
	}
	jobs, err := s.Jobs(ctx, 10)
	if err != nil || len(jobs) != 2 {
		t.Fatalf("Jobs: %+v %v", jobs, err)
	}
	if jobs[0].ID != left.ID || jobs[0].State != JobInterrupted || jobs[0].Error == "" || jobs[0].Finished == nil || jobs[0].Resumed != MaxResumes {
		t.Errorf("the job left queued: %+v", jobs[0])
	}
	// The done job is not touched.
	if again, given, err := s.ResumeJobs(ctx); len(again) != 0 || given != 0 || err != nil {
		t.Errorf("ResumeJobs with nothing unfinished: %+v, %d, %v", again, given, err)
	}
	got := jobs[1]
	if got.ID != j.ID || got.State != JobDone || got.Source != "upload" || got.Report == nil || got.Report.Added != 2 ||
		got.Report.Failed != 1 || !got.Queued.Equal(j.Queued) || got.Finished == nil {
		t.Errorf("the done job read back: %+v", got)
	}
	check(got.Files)
	if one, ok, err := s.JobByID(ctx, j.ID); !ok || err != nil || one.ID != j.ID || len(one.Files) != 4 {
		t.Errorf("JobByID(%d) = %+v %v %v", j.ID, one, ok, err)
	}
	if _, ok, err := s.JobByID(ctx, 999); ok || err != nil {
		t.Errorf("JobByID(999): %v %v", ok, err)
	}

	// The same folder again, one file changed: changed and unchanged.
	writeFiles(t, in, map[string]string{"2.txt": "2-KH/TU 2022-01-02 Thanh Hóa sửa"})
	rep, err = s.Ingest(ctx, []string{in}, IngestOptions{Process: fakeProcess, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	files, err = s.Outcomes(ctx, []string{in}, rep)
	if err != nil {
		t.Fatal(err)
	}
	want = map[string]string{"1.txt": "unchanged", "2.txt": "changed", "dup.txt": "unchanged", "bad.txt": "failed"}
	check(files)
}

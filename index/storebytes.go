package index

import (
	"io/fs"
	"os"
	"path/filepath"

	"vanban/corpus"
)

// StoreBytes gives the size of a store's parts: the database ("db"), its
// write-ahead log ("wal") and the search index ("index").
func StoreBytes(dir string) map[string]int64 {
	out := map[string]int64{}
	for name, file := range map[string]string{"db": corpus.DBName, "wal": corpus.DBName + "-wal"} {
		if st, err := os.Stat(filepath.Join(dir, file)); err == nil {
			out[name] = st.Size()
		}
	}
	var ix int64
	filepath.WalkDir(Path(dir), func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				ix += info.Size()
			}
		}
		return nil
	})
	out["index"] = ix
	return out
}

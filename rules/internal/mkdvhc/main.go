// Command mkdvhc writes the gazetteer tables of rules (rules/tables/dvhc-2024.tsv
// and dvhc-2025.tsv) from the official lists in ../shared/data/dvhc:
//
//	go run ./rules/internal/mkdvhc /work/shared/data/dvhc
//
// The output is compact and hierarchical, one unit a line, with the statistics
// office's codes and the names with their unit words ("Huyện Tây Sơn"):
//
//	dvhc-2024.tsv   P <code> <province>      then its districts and their wards:
//	                D <code> <district>
//	                W <code> <ward>
//	dvhc-2025.tsv   P <code> <province> <old province codes>   then its wards:
//	                W <code> <ward> <old ward codes>
//
// In dvhc-2025.tsv an old code followed by "~" went only partly into the new
// unit. The program embeds these files; it never reads the shared folder.
package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: mkdvhc DIR (the folder of units-2024.tsv, provinces-2025.tsv, merges-2025.tsv)")
		os.Exit(2)
	}
	out := "rules/tables"
	if _, err := os.Stat(out); err != nil {
		fmt.Fprintln(os.Stderr, "mkdvhc: run from the module root (rules/tables not found)")
		os.Exit(1)
	}
	if err := run(os.Args[1], out); err != nil {
		fmt.Fprintln(os.Stderr, "mkdvhc:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	units, err := readTSV(filepath.Join(in, "units-2024.tsv"), 9)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("# Administrative units before 01/7/2025 (list of 01/3/2025, Tổng cục Thống kê), made by\n")
	b.WriteString("# `go run ./rules/internal/mkdvhc DIR` from units-2024.tsv: P province, D district, W ward;\n")
	b.WriteString("# kind <TAB> code <TAB> name with its unit word. A D line belongs to the P above it, a W line to the D.\n")
	lastP, lastD := "", ""
	for _, r := range units {
		if r[0] != lastP {
			fmt.Fprintf(&b, "P\t%s\t%s\n", r[0], r[1])
			lastP, lastD = r[0], ""
		}
		if r[3] != lastD {
			fmt.Fprintf(&b, "D\t%s\t%s\n", r[3], r[4])
			lastD = r[3]
		}
		if r[6] != "" {
			fmt.Fprintf(&b, "W\t%s\t%s\n", r[6], r[7])
		}
	}
	if err := os.WriteFile(filepath.Join(out, "dvhc-2024.tsv"), []byte(b.String()), 0o644); err != nil {
		return err
	}

	provs, err := readTSV(filepath.Join(in, "provinces-2025.tsv"), 5)
	if err != nil {
		return err
	}
	merges, err := readTSV(filepath.Join(in, "merges-2025.tsv"), 7)
	if err != nil {
		return err
	}
	type unit struct {
		code, name string
		old        []string
	}
	var pOrder []string
	pUnit := map[string]*unit{}
	for _, r := range provs {
		u := pUnit[r[0]]
		if u == nil {
			u = &unit{code: r[0], name: r[1]}
			pUnit[r[0]] = u
			pOrder = append(pOrder, r[0])
		}
		u.old = append(u.old, oldCode(r[2], r[4]))
	}
	wOrder := map[string][]string{}
	wUnit := map[string]*unit{}
	for _, r := range merges {
		if pUnit[r[0]] == nil {
			return fmt.Errorf("merges-2025.tsv: province %s not in provinces-2025.tsv", r[0])
		}
		u := wUnit[r[2]]
		if u == nil {
			u = &unit{code: r[2], name: r[3]}
			wUnit[r[2]] = u
			wOrder[r[0]] = append(wOrder[r[0]], r[2])
		}
		u.old = append(u.old, oldCode(r[4], r[6]))
	}
	b.Reset()
	b.WriteString("# Administrative units from 01/7/2025 (two levels, districts abolished), made by\n")
	b.WriteString("# `go run ./rules/internal/mkdvhc DIR` from provinces-2025.tsv and merges-2025.tsv:\n")
	b.WriteString("# kind <TAB> code <TAB> name <TAB> codes of the old units it was made from (P: old provinces,\n")
	b.WriteString("# W: old wards of dvhc-2024.tsv; \"~\" after a code: only part of it). A W line belongs to the P above it.\n")
	for _, pc := range pOrder {
		p := pUnit[pc]
		fmt.Fprintf(&b, "P\t%s\t%s\t%s\n", p.code, p.name, strings.Join(p.old, ","))
		for _, wc := range wOrder[pc] {
			w := wUnit[wc]
			fmt.Fprintf(&b, "W\t%s\t%s\t%s\n", w.code, w.name, strings.Join(w.old, ","))
		}
	}
	return os.WriteFile(filepath.Join(out, "dvhc-2025.tsv"), []byte(b.String()), 0o644)
}

func oldCode(code, how string) string {
	if how == "partial" {
		return code + "~"
	}
	return code
}

// readTSV reads a tab-separated file with a header line; rows have n columns
// (missing trailing ones are empty).
func readTSV(path string, n int) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	first := true
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if first {
			first = false
			continue
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		c := strings.Split(line, "\t")
		for len(c) < n {
			c = append(c, "")
		}
		for i := range c {
			c[i] = strings.Join(strings.Fields(c[i]), " ") // "Thị trấn  Tây Sơn"
		}
		rows = append(rows, c)
	}
	return rows, sc.Err()
}

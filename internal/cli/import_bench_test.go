package cli

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// BenchmarkImport imports a demo journal's export into an empty journal:
// 1k and 10k No's (100k with REBOUND_BENCH_100K=1). The export is made
// once; each round imports into a new file.
func BenchmarkImport(b *testing.B) {
	for _, n := range cliBenchSizes() {
		b.Run(strconv.Itoa(n/1000)+"k", func(b *testing.B) {
			file := filepath.Join(b.TempDir(), "export.json")
			runBench(b, cliDemoJournal(b, n), "export", "-o", file)
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				db := filepath.Join(b.TempDir(), "import"+strconv.Itoa(i)+".db")
				runBench(b, db, "import", file)
				b.StopTimer()
				os.Remove(db)
				b.StartTimer()
			}
		})
	}
}

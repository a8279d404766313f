//go:build !linux

package resident

// DropProgram does nothing where pages cannot be handed back this way.
func DropProgram() int64 { return 0 }

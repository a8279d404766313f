package main

import (
	_ "charm.land/bubbles/v2/help"
	_ "charm.land/bubbletea/v2"
	_ "charm.land/huh/v2"
	_ "charm.land/lipgloss/v2"
	_ "github.com/adrg/xdg"
	_ "github.com/charmbracelet/fang"
	_ "github.com/olebedev/when"
	_ "go.etcd.io/bbolt"
)

func main() {}

package debriefview

import "github.com/rebound-coach/rebound/internal/store"

func storeQuery(text string) store.Query { return store.Query{Text: text} }

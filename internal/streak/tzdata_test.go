package streak

// The zone tests run on any machine, with or without the system's tzdata.
import _ "time/tzdata"

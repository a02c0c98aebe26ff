package neardup

// sigChunk is how many signatures one block of a sigStore holds.
const sigChunk = 1024

// sigStore keeps the MinHash values of every item in blocks of sigChunk signatures, one
// allocation per block instead of one per item, and without copying everything as it grows.
type sigStore struct {
	width  int // values per signature
	blocks [][]uint32
	n      int
	none   []bool // item n has an empty signature
}

// add stores a copy of mins (nil: an empty signature, stored as zeros and never read) and
// returns it.
func (s *sigStore) add(mins []uint32) []uint32 {
	if s.n%sigChunk == 0 {
		size := s.width * sigChunk
		if s.n == 0 {
			size = s.width * 16 // a small consultation stays small; the first block grows as needed
		}
		s.blocks = append(s.blocks, make([]uint32, 0, size))
	}
	last := len(s.blocks) - 1
	blk := s.blocks[last]
	start := len(blk)
	if mins == nil {
		blk = append(blk, make([]uint32, s.width)...)
	} else {
		blk = append(blk, mins...)
	}
	s.blocks[last] = blk
	s.n++
	s.none = append(s.none, mins == nil)
	if mins == nil {
		return nil
	}
	return blk[start : start+s.width : start+s.width]
}

// get returns the values of item n.
func (s *sigStore) get(n int32) []uint32 {
	i := int(n) % sigChunk * s.width
	return s.blocks[int(n)/sigChunk][i : i+s.width : i+s.width]
}

// empty reports whether item n was stored without values.
func (s *sigStore) empty(n int32) bool { return s.none[n] }

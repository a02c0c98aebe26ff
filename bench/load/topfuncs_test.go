package main

import (
	"testing"

	"github.com/google/pprof/profile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTopFunctionsSumsAsPprofTop: flat goes to the innermost inlined function of the leaf frame,
// cumulative to every function of the stack once per sample, even when it recurses.
func TestTopFunctionsSumsAsPprofTop(t *testing.T) {
	fn := func(name string) *profile.Function { return &profile.Function{Name: name} }
	mainFn, handle, encode, write, helper := fn("main"), fn("handle"), fn("encode"), fn("write"), fn("helper")
	// A frame of encode with helper inlined into it (Line[0] is the innermost).
	encodeInlined := &profile.Location{Line: []profile.Line{{Function: helper}, {Function: encode}}}
	loc := func(f *profile.Function) *profile.Location {
		return &profile.Location{Line: []profile.Line{{Function: f}}}
	}
	p := &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "samples", Unit: "count"}, {Type: "cpu", Unit: "nanoseconds"}},
		Sample: []*profile.Sample{
			{Value: []int64{6, 600e6}, Location: []*profile.Location{encodeInlined, loc(handle), loc(mainFn)}},
			{Value: []int64{3, 300e6}, Location: []*profile.Location{loc(write), loc(handle), loc(handle), loc(mainFn)}},
			{Value: []int64{1, 100e6}, Location: []*profile.Location{loc(mainFn)}},
		},
	}
	cpu, flat, cum := topFunctions(p, 3)
	assert.InDelta(t, 1.0, cpu, 1e-9)
	require.Len(t, flat, 3)
	assert.Equal(t, share{Function: "helper", Flat: 0.6, Cum: 0.6}, flat[0])
	assert.Equal(t, share{Function: "write", Flat: 0.3, Cum: 0.3}, flat[1])
	assert.Equal(t, share{Function: "main", Flat: 0.1, Cum: 1.0}, flat[2])
	require.Len(t, cum, 3)
	assert.Equal(t, []string{"main", "handle", "encode"}, []string{cum[0].Function, cum[1].Function, cum[2].Function})
	assert.InDelta(t, 0.9, cum[1].Cum, 1e-9, "handle once per sample, though it recurses")
	assert.InDelta(t, 0.6, cum[2].Cum, 1e-9, "encode, the caller its helper was inlined into")
}

func TestTopFunctionsOfAnEmptyProfile(t *testing.T) {
	cpu, flat, cum := topFunctions(&profile.Profile{SampleType: []*profile.ValueType{{Type: "cpu", Unit: "nanoseconds"}}}, 8)
	assert.Zero(t, cpu)
	assert.Empty(t, flat)
	assert.Empty(t, cum)
}

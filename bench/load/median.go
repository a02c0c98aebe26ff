package main

import (
	"maps"
	"slices"
	"sort"
)

// median is the middle of xs (the mean of the two middle ones for an even count).
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// medianOf is the median over the rounds of one figure of a measure.
func medianOf(ms []measure, figure func(measure) float64) float64 {
	xs := make([]float64, len(ms))
	for i, m := range ms {
		xs[i] = figure(m)
	}
	return median(xs)
}

// medianMeasure takes the median of every figure over the rounds; status codes are summed.
func medianMeasure(ms []measure) measure {
	out := measure{
		Requests:   uint64(medianOf(ms, func(m measure) float64 { return float64(m.Requests) })),
		Seconds:    medianOf(ms, func(m measure) float64 { return m.Seconds }),
		Rate:       medianOf(ms, func(m measure) float64 { return m.Rate }),
		Throughput: medianOf(ms, func(m measure) float64 { return m.Throughput }),
		Success:    medianOf(ms, func(m measure) float64 { return m.Success }),
		P50:        medianOf(ms, func(m measure) float64 { return m.P50 }),
		P95:        medianOf(ms, func(m measure) float64 { return m.P95 }),
		P99:        medianOf(ms, func(m measure) float64 { return m.P99 }),
		Max:        medianOf(ms, func(m measure) float64 { return m.Max }),
		Bytes:      uint64(medianOf(ms, func(m measure) float64 { return float64(m.Bytes) })),
		PeakRSSMiB: medianOf(ms, func(m measure) float64 { return m.PeakRSSMiB }),
	}
	for _, m := range ms {
		for code, n := range m.Codes {
			if out.Codes == nil {
				out.Codes = map[string]int{}
			}
			out.Codes[code] += n
		}
	}
	return out
}

// medianOutcome is the outcome of the medians of the rounds.
func medianOutcome(os []outcome) outcome {
	var consult, baseline []measure
	extras := map[string][]float64{}
	for _, o := range os {
		consult = append(consult, o.Consult)
		if o.Baseline != nil {
			baseline = append(baseline, *o.Baseline)
		}
		for k, v := range o.Extra {
			extras[k] = append(extras[k], v)
		}
	}
	out := outcome{Consult: medianMeasure(consult)}
	if len(baseline) > 0 {
		b := medianMeasure(baseline)
		out.Baseline = &b
	}
	if len(extras) > 0 {
		out.Extra = map[string]float64{}
		for _, k := range slices.Sorted(maps.Keys(extras)) {
			out.Extra[k] = median(extras[k])
		}
	}
	return out
}
